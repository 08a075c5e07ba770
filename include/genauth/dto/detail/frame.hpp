// Cutting a stream into records (contract T1), over text nobody has validated yet: a line, or
// one JSON value found by its brackets and strings alone. Each byte is looked at once.
//
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstring>

#include "ascii.hpp"
#include "byte_search.hpp"
#include "work_count.hpp"

namespace genauth::dto::detail {

// A record's extent: it ends at `end`, and is `complete` unless the stream ended inside it.
struct frame {
  const char* end;
  bool complete;
};

// Asks for the next `n` bytes from p (the next record, about as long as this one; at most
// prefetch_limit) to be brought into the cache while this record is decoded: a stream comes
// from memory a record at a time, and the search for the next one's end would otherwise wait
// on each of its cache lines (bench/README.md, "Streams").
inline constexpr std::size_t prefetch_limit = 8192;
inline void prefetch_after(const char* p, const char* e, std::size_t n) noexcept {
  if (n > prefetch_limit) n = prefetch_limit;
  const char* to = static_cast<std::size_t>(e - p) < n ? e : p + n;
  for (; p < to; p += 64) __builtin_prefetch(p);
}

// The line breaks in [p, e).
inline std::size_t count_lines(const char* p, const char* e) noexcept {
  std::size_t n = 0;
  count_work(1 + static_cast<std::size_t>(e - p) / 8);
  for (; (p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(e - p)))) != nullptr; ++p) ++n;
  return n;
}

// The line from p: up to its line break, or to the end of the stream.
inline frame line_extent(const char* p, const char* e) noexcept {
  const void* nl = std::memchr(p, '\n', static_cast<std::size_t>(e - p));
  const char* end = nl ? static_cast<const char*>(nl) : e;
  count_work(1 + static_cast<std::size_t>(end - p) / 8);
  return {end, true};
}

// Past the string whose opening quote is at p, or nullptr when the stream ends inside it.
inline const char* string_end(const char* p, const char* e) noexcept {
  for (++p; p < e; p += 2) {
    p = find_quote_or_backslash(p, e);
    count_work(1);
    if (p == e) break;
    if (*p == '"') return p + 1;
  }
  return nullptr;
}

// The JSON value from p (not whitespace), found by its brackets and strings: an object or
// array to its matching bracket, a string to its closing quote, anything else to the next
// whitespace or punctuation. A byte that cannot start a value is a record of its own, so
// that every byte of the stream is in some record and the decoder says what is wrong.
inline frame value_extent(const char* p, const char* e) noexcept {
  const char* start = p;
  if (*p == '"') {
    const char* q = string_end(p, e);
    return q ? frame{q, true} : frame{e, false};
  }
  if (*p == '{' || *p == '[') {
    std::size_t depth = 0;
    while (p < e) {
      char c = *p;
      count_work(1);
      if (c == '"') {
        if (!(p = string_end(p, e))) return {e, false};
        continue;
      }
      if (c == '{' || c == '[') ++depth;
      else if ((c == '}' || c == ']') && --depth == 0) return {p + 1, true};
      ++p;
    }
    return {e, false};
  }
  auto stops = [](char c) {
    return is_json_ws(c) || c == '{' || c == '}' || c == '[' || c == ']' || c == '"' || c == ',' || c == ':';
  };
  while (p < e && !stops(*p)) ++p;
  count_work(1 + static_cast<std::size_t>(p - start) / 8);
  return {p == start ? p + 1 : p, true};
}

}  // namespace genauth::dto::detail
