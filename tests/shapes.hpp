// Shapes of input chosen to hurt a decoder (contract D10): for each, a document of n
// items. Shared by the work-counting test (tests/cost_test.cpp), the benchmark's
// decode/genauth/<shape> rows (bench/bench.cpp) and the fuzz target that builds them
// (fuzz/fuzz_shapes.cpp).
//
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "support.hpp"

namespace test::shapes {

using dto::error_code;

inline std::string repeat(std::size_t n, const std::function<std::string(std::size_t)>& item, std::string_view sep = ",") {
  std::string s;
  for (std::size_t i = 0; i < n; ++i) s += (i ? std::string(sep) : "") + item(i);
  return s;
}
inline std::string unknown_members(std::size_t n) {
  return repeat(n, [](std::size_t i) { return "\"k" + std::to_string(i) + "\":0"; });
}

struct shape {
  const char* name;  // a benchmark's <shape>: decode/genauth/<name>
  std::function<std::string(std::size_t)> document;
  error_code expected = error_code::ok;  // what decoding it gives
  dto::decode_options options = {};
};

// How many items make the shape's document about `bytes` long (measured on 1,000 of them).
inline std::size_t items_for(const shape& s, std::size_t bytes) {
  return 1000 * (bytes / s.document(1000).size()) + 1;
}
inline std::string of_about(const shape& s, std::size_t bytes) { return s.document(items_for(s, bytes)); }

// A syntax error at the very end: the document's last '}' replaced by ",}".
inline std::string broken_at_end(std::string json) {
  json.insert(json.size() - 1, ",");
  return json;
}

inline const shape all[] = {
    {"unknown_members", [](std::size_t n) { return response(unknown_members(n)); }},
    {"escaped_names",
     [](std::size_t n) { return response(repeat(n, [](std::size_t i) { return "\"\\u006b" + std::to_string(i) + "\":0"; })); }},
    {"padded_names",
     [](std::size_t n) { return response(repeat(n, [](std::size_t i) { return "\" k" + std::to_string(i) + "\\t\":0"; })); }},
    {"duplicate_at_end",
     [](std::size_t n) { return response(unknown_members(n) + ",\"k0\":1"); }, error_code::duplicate_key},
    {"unknown_rejected", [](std::size_t n) { return response(unknown_members(n)); }, error_code::invalid_value,
     [] { dto::decode_options o; o.reject_unknown_members = true; return o; }()},
    {"identity_unknowns",
     [](std::size_t n) { return response("\"identities\":[" + identity(unknown_members(n)) + "]"); }},
    {"envelope_unknowns",
     [](std::size_t n) {
       return R"({"statusCode":200,"message":"ok",)" + unknown_members(n) + ",\"data\":" + object(required_user) + "}";
     }},
    {"identities", [](std::size_t n) { return response("\"identities\":[" + repeat(n, [](std::size_t) { return identity(); }) + "]"); }},
    {"identities_unknowns",
     [](std::size_t n) {
       return response("\"identities\":[" + repeat(n, [](std::size_t) { return identity(unknown_members(12)); }) + "]");
     }},
    {"long_list", [](std::size_t n) { return response("\"departmentIds\":[" + repeat(n, [](std::size_t i) { return "\"d" + std::to_string(i) + "\""; }) + "]"); }},
    {"stringified_list",
     [](std::size_t n) {
       return response("\"departmentIds\":\"[" + repeat(n, [](std::size_t i) { return "\\\"d" + std::to_string(i) + "\\\""; }) + "]\"");
     }},
    {"wide_raw",
     [](std::size_t n) { return response("\"customData\":{" + unknown_members(n) + ",\"last\":[" + repeat(n, [](std::size_t) { return "{}"; }) + "]}"); }},
    {"deep_raw",  // n/8 arrays nested 100 deep, side by side
     [](std::size_t n) {
       return response("\"customData\":{\"last\":[" +
                       repeat(n / 8 + 1, [](std::size_t) { return std::string(100, '[') + std::string(100, ']'); }) + "]}");
     }},
    {"too_deep_raw",  // past the default max_depth (256) at any n
     [](std::size_t n) { return response("\"customData\":{\"last\":" + std::string(300 + n, '[') + std::string(300 + n, ']') + "}"); },
     error_code::capacity},
    {"raw_bad_number_at_end",
     [](std::size_t n) { return response("\"customData\":{" + unknown_members(n) + ",\"last\":01}"); }, error_code::syntax},
    {"duplicate_then_syntax",
     [](std::size_t n) { return broken_at_end(response(unknown_members(n) + ",\"k0\":1")); }, error_code::syntax},
    {"type_then_syntax",
     [](std::size_t n) { return broken_at_end(response("\"email\":1," + unknown_members(n))); }, error_code::syntax},
};

}  // namespace test::shapes
