// Scanners over JSON text the decoder has already validated, so they never see bad input:
// skipping whitespace, strings and values, and reading escapes.
//
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ascii.hpp"
#include "byte_search.hpp"
#include "work_count.hpp"

namespace genauth::dto::detail {

constexpr const char* skip_ws(const char* p, const char* e) noexcept {
  const char* start = p;
  while (p < e && is_json_ws(*p)) ++p;
  count_work(1 + static_cast<std::size_t>(p - start) / 8);
  return p;
}

// The opening quote of the name of the member whose value starts at `value`, read
// backwards: whitespace, ':', whitespace, the closing quote, then the first quote before it
// that an even number of backslashes precedes (inside a name, a quote is escaped).
inline const char* name_before_value(const char* base, const char* value) noexcept {
  const char* p = value - 1;
  while (p > base && *p != ':') --p;
  while (p > base && *p != '"') --p;
  while (p > base) {
    if (*--p != '"') continue;
    const char* q = p;
    while (q > base && q[-1] == '\\') --q;
    if ((p - q) % 2 == 0) break;
  }
  count_work(1 + static_cast<std::size_t>(value - p) / 8);
  return p;
}

// p at the opening quote; returns just past the closing quote.
inline const char* skip_string(const char* p, const char* e) noexcept {
  const char* start = p;
  for (++p; (p = find_quote_or_backslash(p, e)) < e; p += 2) {
    count_work(1);
    if (*p == '"') return count_work(static_cast<std::size_t>(p - start) / 8), p + 1;
  }
  return e;
}

// The end of the run of bytes from p up to the next whitespace outside strings.
inline const char* run_end(const char* p, const char* e) noexcept {
  while (p < e && !is_json_ws(*p)) p = *p == '"' ? skip_string(p, e) : p + 1;
  return p;
}

inline const char* skip_value(const char* p, const char* e) noexcept {
  p = skip_ws(p, e);
  if (p >= e) return e;
  if (*p == '"') return skip_string(p, e);
  if (*p == '{' || *p == '[') {
    std::size_t depth = 0;
    while (p < e) {
      char c = *p;
      count_work(1);
      if (c == '"') { p = skip_string(p, e); continue; }
      if (c == '{' || c == '[') ++depth;
      else if ((c == '}' || c == ']') && --depth == 0) return p + 1;
      ++p;
    }
    return e;
  }
  const char* start = p;
  while (p < e && !is_json_ws(*p) && *p != ',' && *p != '}' && *p != ']') ++p;
  count_work(1 + static_cast<std::size_t>(p - start) / 8);
  return p;
}

constexpr unsigned hex4(const char* p) noexcept {
  unsigned v = 0;
  for (int i = 0; i < 4; ++i) {
    char c = p[i];
    v = v * 16 + static_cast<unsigned>(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
  }
  return v;
}

// Decodes one character of a validated JSON string body at p (an escape or a raw byte),
// writes its UTF-8 bytes to out (up to 4) and returns how many; advances p.
constexpr std::size_t next_char(const char*& p, char* out) noexcept {
  if (*p != '\\') { out[0] = *p++; return 1; }
  char c = p[1];
  p += 2;
  switch (c) {
    case 'b': out[0] = '\b'; return 1;
    case 'f': out[0] = '\f'; return 1;
    case 'n': out[0] = '\n'; return 1;
    case 'r': out[0] = '\r'; return 1;
    case 't': out[0] = '\t'; return 1;
    case 'u': break;
    default: out[0] = c; return 1;  // " \ /
  }
  unsigned cp = hex4(p);
  p += 4;
  if (cp >= 0xD800 && cp <= 0xDBFF) {  // validated: a low surrogate follows
    cp = 0x10000 + ((cp - 0xD800) << 10) + (hex4(p + 2) - 0xDC00);
    p += 6;
  }
  if (cp < 0x80) { out[0] = static_cast<char>(cp); return 1; }
  if (cp < 0x800) {
    out[0] = static_cast<char>(0xC0 | (cp >> 6));
    out[1] = static_cast<char>(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = static_cast<char>(0xE0 | (cp >> 12));
    out[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out[2] = static_cast<char>(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = static_cast<char>(0xF0 | (cp >> 18));
  out[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
  out[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  out[3] = static_cast<char>(0x80 | (cp & 0x3F));
  return 4;
}

// Whether the validated string body `raw` (no quotes) unescapes to exactly `s`.
constexpr bool unescaped_equals(std::string_view raw, std::string_view s) noexcept {
  count_work(1 + raw.size() / 8);
  const char* p = raw.data();
  const char* e = p + raw.size();
  std::size_t k = 0;
  while (p < e) {
    char buf[4]{};
    std::size_t n = next_char(p, buf);
    if (k + n > s.size()) return false;
    for (std::size_t i = 0; i < n; ++i)
      if (s[k + i] != buf[i]) return false;
    k += n;
  }
  return k == s.size();
}

}  // namespace genauth::dto::detail
