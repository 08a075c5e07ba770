// Must not compile, with one error: a DTO member of a type no kind holds (a float), used by
// every walker there is. ctest checks the build fails with the static_assert that names the
// supported kinds and no other error (tests/compile_fail.cmake).
//
// SPDX-License-Identifier: MIT
#include <genauth/dto.hpp>

#include <iostream>
#include <string>

namespace dto = genauth::dto;

struct scored : dto::dto_base {
  std::string_view name;
  float score = 0;
};
template <>
struct genauth::dto::describe<scored> {
  using fields = field_list<field<"name", &scored::name>, field<"score", &scored::score>>;
};

int main() {
  dto::decoder d;
  auto r = d.decode<scored>(std::string_view("{}"));
  if (!r) return 1;
  std::string out;
  dto::encode(*r, out);
  std::cout << *r << (*r == *r);
  auto kept = dto::keep(*r);
  simdjson::padded_string input(std::string("{}"));
  for (const auto& record : dto::stream<scored>(d, input)) std::cout << record->name;
  return kept ? 0 : 1;
}
