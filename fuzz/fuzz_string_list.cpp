// The stringified-list quirk alone, against simdjson's DOM parser as the oracle: the bytes
// are the content of a "departmentIds" string; they decode to a list exactly when they are
// blank or a JSON array of strings, with the same strings.
//
// SPDX-License-Identifier: MIT
#include <simdjson.h>

#include <string>
#include <vector>

#include "../tests/support.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
  using namespace fuzz;
  std::string_view content(reinterpret_cast<const char*>(data), size);
  if (!simdjson::validate_utf8(content.data(), content.size())) return 0;  // not a JSON string's content

  std::string member = "\"departmentIds\":";
  dto::detail::write_string(content, member);
  std::string json = test::response(member);  // the required members from the field tables

  // The oracle. Text after a leading byte order mark is no JSON array (README.md, "Errors"),
  // though simdjson from 3.6.0 on skips one.
  bool blank = dto::detail::trim_ascii(content).empty();
  std::vector<std::string> want;
  bool list = blank;
  if (!blank && !dto::detail::starts_with_bom(content)) {
    static simdjson::dom::parser dom;
    simdjson::dom::array array;
    if (!dom.parse(content.data(), content.size()).get_array().get(array)) {
      list = true;
      for (simdjson::dom::element e : array) {
        std::string_view s;
        if (e.get_string().get(s)) { list = false; break; }
        want.emplace_back(s);
      }
    }
  }

  static dto::decoder decoder;
  auto r = decoder.decode(json);
  if (!list) {
    check(!r, "a list from a string that is no array of strings", content);
    check(r.error().code() == dto::error_code::invalid_value && r.error().pointer() == "/data/departmentIds",
          "invalid_value at /data/departmentIds", r.error().pointer());
    return 0;
  }
  if (!r) fail("no list from an array of strings:", content);
  const auto& got = *r->data->departmentIds;
  check(got.size() == want.size(), "list size", content);
  for (std::size_t i = 0; i < got.size(); ++i) check(got[i] == want[i], "list element", content);
  return 0;
}
