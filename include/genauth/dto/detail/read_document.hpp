// A whole document (contract D1, D3): one JSON object, the DTO's, and nothing after it;
// on failure, the first error located (first_error.hpp).
//
// SPDX-License-Identifier: MIT
#pragma once

#include <simdjson.h>

#include <cstddef>
#include <string_view>

#include "../reflect.hpp"
#include "decode_state.hpp"
#include "first_error.hpp"
#include "scan.hpp"
#include "read_object.hpp"

namespace genauth::dto::detail {

template <described T>
bool decode_root(decode_state& s, od::parser& parser, simdjson::padded_string_view json, T& out) noexcept;

// The same decode from the start, for first_error.hpp's precise pass: out of line, so that
// the hot decode holds one copy of the object walk.
template <described T>
[[gnu::cold, gnu::noinline]] bool decode_root_again(decode_state& s, od::parser& parser,
                                                    simdjson::padded_string_view json, T& out) noexcept {
  out = T{};
  return decode_root(s, parser, json, out);
}

// Decodes `json` into `out`; false with s.err set on failure.
template <described T>
bool decode_root(decode_state& s, od::parser& parser, simdjson::padded_string_view json, T& out) noexcept {
  if (starts_with_bom({s.base, s.size}))
    return s.fail(error_code::syntax, 0, "a UTF-8 byte order mark before the JSON value");
  od::document doc;
  if (auto e = parser.iterate(json).get(doc)) return s.fail(e, stage1_error_offset(e, s.base, s.size));
  s.doc = &doc;
  od::object o;
  auto e = doc.get_object().get(o);
  if (e == simdjson::INCORRECT_TYPE) {
    // Not an object: a type mismatch, unless it is not even one valid JSON value.
    if (std::size_t at = s.first_syntax_error(); at != std::string_view::npos)
      return s.fail(error_code::syntax, at, "not one valid JSON value");
    return s.fail(error_code::type_mismatch, 0, "the document must be a JSON object");
  }
  std::size_t start = static_cast<std::size_t>(skip_ws(s.base, s.base + s.size) - s.base);  // the '{'
  if (e) return s.fail(e, start);
  if (!decode_object(s, o, start, out)) {
    locate_first_error(s, [&] { return decode_root_again(s, parser, json, out); });
    return false;
  }
  const char* tail = nullptr;
  if (!doc.current_location().get(tail))
    return s.fail(error_code::syntax, s.at(tail), "trailing content after the JSON value");
  return true;
}

}  // namespace genauth::dto::detail
