// Where a failed decode's first error is (contract D1, D9). The decode stops at its first
// failure, fast, without details where details cost; this header settles which error the
// contract names, and where: locate_first_error, at the end, is its one entry point.
//
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <string_view>

#include "decode_state.hpp"
#include "raw_walk.hpp"
#include "work_count.hpp"

namespace genauth::dto::detail {

// Offset of the first byte stage 1 rejected, for its errors (best effort).
inline std::size_t stage1_error_offset(simdjson::error_code e, const char* p, std::size_t n) noexcept {
  count_work(1 + n / 8);  // each a single pass
  if (e == simdjson::UTF8_ERROR) return first_invalid_utf8(reinterpret_cast<const unsigned char*>(p), n);
  if (e == simdjson::UNESCAPED_CHARS) {
    bool in_string = false;
    for (std::size_t i = 0; i < n; ++i) {
      char c = p[i];
      if (in_string && c == '\\') ++i;
      else if (c == '"') in_string = !in_string;
      else if (in_string && static_cast<unsigned char>(c) < 0x20) return i;
    }
  }
  return e == simdjson::UNCLOSED_STRING ? n : 0;
}

// Walks what is left of a document after a decode error, from the start: a syntax error
// anywhere takes precedence (contract D1), since the input was never one valid JSON value.
inline void prefer_syntax_error(decode_state& s) noexcept {
  error semantic = s.err;
  s.precise = true;
  s.doc->rewind();
  od::json_type t;
  bool ok;
  if (!type_of(*s.doc, t)) {
    ok = s.fail(simdjson::TAPE_ERROR, 0);
  } else if (t == od::json_type::object || t == od::json_type::array) {
    od::value root;
    ok = s.doc->get_value().get(root) ? s.fail(simdjson::TAPE_ERROR, 0) : walk(s, root, 1);
  } else {
    ok = true;  // a scalar root was checked by decode_root already
  }
  const char* tail = nullptr;
  if (ok && !s.doc->current_location().get(tail))
    ok = s.fail(error_code::syntax, s.at(tail), "trailing content after the JSON value");
  // Nesting past max_depth stopped the walk: read the rest iteratively, at any depth.
  if (!ok && s.err.code() == error_code::capacity) {
    if (std::size_t at = s.first_syntax_error(); at != std::string_view::npos)
      ok = s.fail(error_code::syntax, at, "not one valid JSON value");
  }
  if (ok || s.err.code() != error_code::syntax) s.err = semantic;
}

// The entry point, called once a decode has failed, while its document is alive, with
// `read_again` running the same decode again. Passes, each only when needed:
//  1. a raw JSON value failed the lean walk, which says no but not where: the whole decode
//     again with the precise walk (read_again), which finds the value's pointer and offset
//     and then locates its own error (passes 2 and 3);
//  2. the error is not a syntax error: the rest of the document is walked, since a syntax
//     error anywhere comes first (contract D1): prefer_syntax_error, above;
//  3. that walk stopped at max_depth: the rest is scanned iteratively, at any depth
//     (first_syntax_error, validate.hpp).
// Each pass reads the document once, so locating costs at most a few decodes (contract D10).
template <class ReadAgain>
void locate_first_error(decode_state& s, ReadAgain&& read_again) noexcept {
  if (s.retry_precisely) {
    s.restart_precisely();
    (void)read_again();  // (it fails: the lean walk's no is the precise walk's)
    return;
  }
  if (s.err.code() != error_code::syntax) prefer_syntax_error(s);
}

}  // namespace genauth::dto::detail
