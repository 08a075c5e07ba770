// Must not compile: a DTO member without a field-table entry (ctest expects the build to fail).
//
// SPDX-License-Identifier: MIT
#include <genauth/dto.hpp>

struct partial : genauth::dto::dto_base {
  std::string_view a;
  std::string_view forgotten;
};
template <>
struct genauth::dto::describe<partial> {
  using fields = field_list<field<"a", &partial::a>>;
};

int main() {
  std::string out;
  genauth::dto::encode(partial{}, out);
}
