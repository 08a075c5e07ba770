// Raw JSON (contract D6, D8): every value walked, so that every byte is checked, and kept as
// its exact text. Two walks: a lean one that only says yes or no, and a precise one that
// says where (run again by first_error.hpp when the lean one said no).
//
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <string_view>

#include "../raw_json.hpp"
#include "decode_state.hpp"

namespace genauth::dto::detail {

// The lean walk: every value read, nothing else. No error details, so that nothing takes the
// value's address and simdjson's iterator state stays in registers (the two walks' speeds
// are in bench/README.md).
inline bool valid_value(od::value v, std::size_t depth, std::size_t max_depth, const char* end) noexcept {
  // The step over the member or element under a cursor: a plain scalar checked by its
  // bytes, anything else walked.
  auto valid_item = [&](auto& items) __attribute__((always_inline)) {
    od::value item = items.value();
    std::string_view ignored;
    if (plain_scalar(item.raw_json_token(), ignored)) return !items.advance_past_scalar();
    return valid_value(item, depth + 1, max_depth, end) && !items.advance();
  };
  od::json_type t;
  if (!type_of(v, t)) return false;
  switch (t) {
    case od::json_type::object: {
      od::object o;
      if (depth > max_depth || v.get_object().get(o)) return false;
      for (cursor members(o); members.more();) {
        const char* raw_key = nullptr;
        std::string_view key;
        if (members.next(raw_key) || members.name(raw_key, end).get(key) ||
            !valid_item(members))
          return false;
      }
      return true;
    }
    case od::json_type::array: {
      od::array a;
      if (depth > max_depth || v.get_array().get(a)) return false;
      for (cursor elements(a); elements.more();) {
        if (!valid_item(elements)) return false;
      }
      return true;
    }
    case od::json_type::string: {
      std::string_view ignored;
      return read_plain_string(v, ignored) || !v.get_string().get(ignored);
    }
    case od::json_type::number: {
      bool integral = false;
      return valid_number(trim_json_ws(v.raw_json_token()), integral);
    }
    case od::json_type::boolean: {
      bool ignored = false;
      return !v.get_bool().get(ignored);
    }
    case od::json_type::null: {
      bool is_null = false;
      return !v.is_null().get(is_null) && is_null;
    }
    default: return false;  // type_of() has ruled the rest out
  }
}

// The precise walk: the same checks, and on failure the error with its pointer and offset.
inline bool walk(decode_state& s, od::value v, std::size_t depth) noexcept {
  if (!s.precise) {
    if (valid_value(v, depth, s.opt->max_depth, s.base + s.size)) return true;
    s.retry_precisely = true;
    return s.fail(error_code::syntax, s.where(v), "invalid JSON");
  }
  using jt = od::json_type;
  od::json_type t;
  if (!type_of(v, t)) return s.fail(simdjson::TAPE_ERROR, s.where(v));
  switch (t) {
    case jt::object: {
      if (depth > s.opt->max_depth) return s.fail(error_code::capacity, s.where(v), "nesting deeper than max_depth");
      od::object o;
      if (auto e = v.get_object().get(o)) return s.fail(e, s.where(v));
      for (cursor members(o); members.more();) {
        const char* raw_key = nullptr;
        std::string_view key;
        if (auto e = members.next(raw_key)) return s.fail(e, s.here());
        od::value member_value = members.value();
        if (auto e = members.name(raw_key, s.base + s.size).get(key)) return s.fail(e, s.here());
        if (!walk(s, member_value, depth + 1)) { s.err.prepend_key(key); return false; }
        if (auto e = members.advance()) return s.fail(e, s.here());
      }
      return true;
    }
    case jt::array: {
      if (depth > s.opt->max_depth) return s.fail(error_code::capacity, s.where(v), "nesting deeper than max_depth");
      od::array a;
      if (auto e = v.get_array().get(a)) return s.fail(e, s.where(v));
      return for_each_element(s, a, [&](od::value& element) { return walk(s, element, depth + 1); });
    }
    case jt::string: {
      std::string_view ignored;
      if (auto e = v.get_string().get(ignored)) return s.fail(e, s.where(v));
      return true;
    }
    case jt::number: {
      bool integral = false;
      if (!valid_number(trim_json_ws(v.raw_json_token()), integral))
        return s.fail(error_code::syntax, s.where(v), "invalid number");
      return true;
    }
    case jt::boolean: {
      bool ignored = false;
      if (v.get_bool().get(ignored)) return s.fail(error_code::syntax, s.where(v), "invalid literal");
      return true;
    }
    case jt::null: {
      bool is_null = false;
      if (v.is_null().get(is_null) || !is_null) return s.fail(error_code::syntax, s.where(v), "invalid literal");
      return true;
    }
    default: break;  // type_of() has ruled the rest out
  }
  return s.fail(simdjson::TAPE_ERROR, s.where(v));
}

// Validates a value and keeps its exact text.
inline bool read_raw(decode_state& s, od::value& v, raw_json& out) noexcept {
  std::string_view token = v.raw_json_token();
  if (!walk(s, v, s.depth + 1)) return false;
  if (token.front() != '{' && token.front() != '[') {
    out.text = trim_json_ws(token);
    return true;
  }
  // A member's value is always followed by ',' or '}': the iterator now points there.
  const char* end = nullptr;
  if (s.doc->current_location().get(end)) end = s.base + s.size;
  out.text = trim_json_ws(std::string_view(token.data(), static_cast<std::size_t>(end - token.data())));
  return true;
}

}  // namespace genauth::dto::detail
