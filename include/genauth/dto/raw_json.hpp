// JSON kept as received (customData, userInfoInIdp, unknown members), with member lookup
// and typed reads. The decoder has validated the text, so reads only interpret it.
//
// SPDX-License-Identifier: MIT
#pragma once

#include <charconv>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "detail/ascii.hpp"
#include "detail/scan.hpp"
#include "detail/validate.hpp"
#include "error.hpp"

namespace genauth::dto {

enum class json_kind : std::uint8_t { object, array, string, number, boolean, null };

struct raw_json {
  std::string_view text;  // the exact bytes received, valid JSON

  json_kind kind() const noexcept {
    switch (text.empty() ? 'n' : text.front()) {
      case '{': return json_kind::object;
      case '[': return json_kind::array;
      case '"': return json_kind::string;
      case 't':
      case 'f': return json_kind::boolean;
      case 'n': return json_kind::null;
      default: return json_kind::number;
    }
  }

  // The value of the member named `key` (compared after unescaping), if this is an object.
  // Absent: missing_field; not an object: type_mismatch; a name the object holds twice or
  // more: duplicate_key, never one of the values (contract D7: Python and JavaScript read
  // the last, a first-wins reader the first). One pass over the object.
  result<raw_json> find(std::string_view key) const noexcept {
    if (kind() != json_kind::object) return mismatch("expected an object");
    const char* p = text.data() + 1;
    const char* e = text.data() + text.size();
    std::string_view found;
    for (;;) {
      p = detail::skip_ws(p, e);
      if (p >= e || *p != '"') break;  // '}' of an empty object
      const char* name_end = detail::skip_string(p, e);
      std::string_view name(p + 1, static_cast<std::size_t>(name_end - p - 2));
      p = detail::skip_ws(name_end, e) + 1;  // past ':'
      const char* v = detail::skip_ws(p, e);
      p = detail::skip_value(v, e);
      if (detail::unescaped_equals(name, key)) {
        if (found.data()) return error(error_code::duplicate_key, 0, "member name appears twice in the object");
        found = {v, static_cast<std::size_t>(p - v)};
      }
      p = detail::skip_ws(p, e);
      if (p >= e || *p != ',') break;
      ++p;
    }
    if (!found.data()) return error(error_code::missing_field, 0, "no such member");
    return raw_json{found};
  }

  result<std::int64_t> as_int64() const noexcept {
    if (kind() != json_kind::number) return mismatch("expected an integer");
    std::int64_t v = 0;
    error_code c = detail::parse_int64(text, v);
    if (c == error_code::type_mismatch) return mismatch("expected an integer, not a fraction or exponent");
    if (c != error_code::ok) return error(error_code::invalid_value, 0, "integer out of int64 range");
    return v;
  }

  result<double> as_double() const noexcept {
    if (kind() != json_kind::number) return mismatch("expected a number");
    double v = 0;
    auto r = std::from_chars(text.data(), text.data() + text.size(), v);
    if (r.ec != std::errc()) return error(error_code::invalid_value, 0, "number out of double range");
    return v;
  }

  result<bool> as_bool() const noexcept {
    if (kind() != json_kind::boolean) return mismatch("expected a boolean");
    return text.front() == 't';
  }

  // The string's content; only when it has no escapes, since then it is a view of the
  // document. Use as_string(buffer) for any string.
  result<std::string_view> as_string() const noexcept {
    if (kind() != json_kind::string) return mismatch("expected a string");
    std::string_view body = text.substr(1, text.size() - 2);
    if (body.find('\\') != std::string_view::npos)
      return error(error_code::capacity, 0, "string has escapes: read it with as_string(buffer)");
    return body;
  }

  // The string's content, unescaped into `buffer`.
  result<std::string_view> as_string(std::span<char> buffer) const noexcept {
    if (kind() != json_kind::string) return mismatch("expected a string");
    const char* p = text.data() + 1;
    const char* e = text.data() + text.size() - 1;
    std::size_t n = 0;
    while (p < e) {
      char c[4];
      std::size_t k = detail::next_char(p, c);
      if (n + k > buffer.size()) return error(error_code::capacity, 0, "buffer too small for the string");
      for (std::size_t i = 0; i < k; ++i) buffer[n++] = c[i];
    }
    return std::string_view(buffer.data(), n);
  }

  // Typed lookup: `custom.get<std::int64_t>("age")`. find()'s errors, then: wrong JSON
  // type: type_mismatch; out of range: invalid_value. T: int64_t, double, bool,
  // std::string_view (escape-free strings), raw_json.
  template <class T>
  result<T> get(std::string_view key) const noexcept {
    auto v = find(key);
    if (!v) return v.error();
    if constexpr (std::is_same_v<T, std::int64_t>) return v->as_int64();
    else if constexpr (std::is_same_v<T, double>) return v->as_double();
    else if constexpr (std::is_same_v<T, bool>) return v->as_bool();
    else if constexpr (std::is_same_v<T, std::string_view>) return v->as_string();
    else {
      static_assert(std::is_same_v<T, raw_json>, "get<T>: T is int64_t, double, bool, string_view or raw_json");
      return *v;
    }
  }

 private:
  static error mismatch(const char* what) noexcept { return error(error_code::type_mismatch, 0, what); }
};

}  // namespace genauth::dto
