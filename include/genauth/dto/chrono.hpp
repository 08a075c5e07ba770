// Timestamps: kept as the text received (contract D5d), read as std::chrono on demand. A
// malformed timestamp is an error of the accessor, never of the decode.
//
// SPDX-License-Identifier: MIT
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

#include "detail/ascii.hpp"
#include "error.hpp"

namespace genauth::dto {

using time_point = std::chrono::sys_time<std::chrono::microseconds>;

namespace detail {

constexpr bool read_digits(std::string_view s, std::size_t at, std::size_t n, int& out) noexcept {
  if (at + n > s.size()) return false;
  int v = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

}  // namespace detail

// RFC 3339 `date-time` (separator T, t or space; Z, z or +hh:mm / -hh:mm; any number of
// fraction digits, kept to the microsecond), or a `full-date` alone (midnight UTC).
// Surrounding whitespace is ignored; an empty text is no value. A leap second (:60) is
// read as the first second of the next minute.
constexpr result<std::optional<time_point>> parse_time(std::string_view text) noexcept {
  using namespace std::chrono;
  const error bad(error_code::invalid_value, 0, "not an RFC 3339 date-time or date");
  std::string_view s = detail::trim_ascii(text);
  if (s.empty()) return std::optional<time_point>{};
  int y, mo, d;
  if (!detail::read_digits(s, 0, 4, y) || s.size() < 10 || s[4] != '-' || !detail::read_digits(s, 5, 2, mo) ||
      s[7] != '-' || !detail::read_digits(s, 8, 2, d))
    return bad;
  year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return bad;
  time_point t = sys_days{ymd};
  if (s.size() == 10) return std::optional<time_point>{t};

  int h, mi, sec;
  if (s.size() < 20 || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || !detail::read_digits(s, 11, 2, h) ||
      s[13] != ':' || !detail::read_digits(s, 14, 2, mi) || s[16] != ':' || !detail::read_digits(s, 17, 2, sec) ||
      h > 23 || mi > 59 || sec > 60)
    return bad;
  t += hours{h} + minutes{mi} + seconds{sec};
  std::size_t i = 19;
  if (s[i] == '.') {
    std::size_t start = ++i;
    std::int64_t us = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      if (i - start < 6) us = us * 10 + (s[i] - '0');
      ++i;
    }
    if (i == start) return bad;
    for (std::size_t k = i - start; k < 6; ++k) us *= 10;
    t += microseconds{us};
  }
  if (i < s.size() && (s[i] == 'Z' || s[i] == 'z') && i + 1 == s.size()) return std::optional<time_point>{t};
  int oh, om;
  if (i + 6 != s.size() || (s[i] != '+' && s[i] != '-') || !detail::read_digits(s, i + 1, 2, oh) ||
      s[i + 3] != ':' || !detail::read_digits(s, i + 4, 2, om) || oh > 23 || om > 59)
    return bad;
  auto offset = hours{oh} + minutes{om};
  t += s[i] == '+' ? -offset : offset;  // local time minus its offset is UTC
  return std::optional<time_point>{t};
}

// A date-time member: the text as received, and a typed view of it.
struct timestamp {
  std::string_view text;

  // The instant, no value for an empty text, or invalid_value for a malformed one.
  constexpr result<std::optional<time_point>> time() const noexcept { return parse_time(text); }
  friend constexpr bool operator==(const timestamp& a, const timestamp& b) noexcept { return a.text == b.text; }
};

}  // namespace genauth::dto
