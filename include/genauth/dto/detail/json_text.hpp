// Small scanners over JSON text. Except for the validators (number grammar, UTF-8),
// they assume text the decoder has already validated, so they never see bad input.
//
// SPDX-License-Identifier: MIT
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string_view>

#if defined(__SSE2__) && !defined(GENAUTH_DTO_PORTABLE)
#include <immintrin.h>
#endif

#include "../error.hpp"
#include "work_count.hpp"

namespace genauth::dto::detail {

constexpr bool is_json_ws(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// ASCII whitespace as member-name trimming understands it (contract D5c).
constexpr bool is_ascii_ws(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

constexpr std::string_view trim_ascii(std::string_view s) noexcept {
  while (!s.empty() && is_ascii_ws(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ascii_ws(s.back())) s.remove_suffix(1);
  return s;
}

constexpr std::string_view trim_json_ws(std::string_view s) noexcept {
  while (!s.empty() && is_json_ws(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_json_ws(s.back())) s.remove_suffix(1);
  return s;
}

// RFC 8259 number grammar over a whole token: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
// Sets `integral` when there is neither fraction nor exponent.
constexpr bool valid_number(std::string_view t, bool& integral) noexcept {
  std::size_t i = 0, n = t.size();
  auto digits = [&] {
    std::size_t s = i;
    while (i < n && t[i] >= '0' && t[i] <= '9') ++i;
    return i > s;
  };
  integral = true;
  if (i < n && t[i] == '-') ++i;
  if (i < n && t[i] == '0') ++i;
  else if (!digits()) return false;
  if (i < n && t[i] == '.') {
    ++i;
    integral = false;
    if (!digits()) return false;
  }
  if (i < n && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    integral = false;
    if (i < n && (t[i] == '+' || t[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == n;
}

// Integral JSON number to int64 (contract D4): bad grammar is syntax, a fraction or exponent
// is type_mismatch, out of range is invalid_value.
constexpr error_code parse_int64(std::string_view t, std::int64_t& out) noexcept {
  bool integral = false;
  if (!valid_number(t, integral)) return error_code::syntax;
  if (!integral) return error_code::type_mismatch;
  bool neg = t.front() == '-';
  if (neg) t.remove_prefix(1);
  // Accumulate as a negative number: its range holds INT64_MIN.
  constexpr std::int64_t min = INT64_MIN;
  std::int64_t v = 0;
  for (char c : t) {
    int d = c - '0';
    if (v < (min + d) / 10) return error_code::invalid_value;
    v = v * 10 - d;
  }
  if (!neg) {
    if (v == min) return error_code::invalid_value;
    v = -v;
  }
  out = v;
  return error_code::ok;
}

// Offset of the first byte that breaks UTF-8 (RFC 3629: no overlongs, no surrogates,
// nothing above U+10FFFF), or n when all of it is valid. Used on the error path only.
inline std::size_t first_invalid_utf8(const unsigned char* s, std::size_t n) noexcept {
  std::size_t i = 0;
  while (i < n) {
    unsigned c = s[i];
    if (c < 0x80) { ++i; continue; }
    std::size_t len;
    unsigned lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) len = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else return i;
    if (i + len > n) return i;
    if (s[i + 1] < lo || s[i + 1] > hi) return i;
    for (std::size_t k = 2; k < len; ++k)
      if (s[i + k] < 0x80 || s[i + k] > 0xBF) return i;
    i += len;
  }
  return n;
}

// Where `text` stops being one JSON value (RFC 8259) with only whitespace around it, or
// npos when it is one. Iterative, so any depth is fine: `stack` holds one byte per level
// (running out of it is reported as an error at that point). UTF-8 is not checked here:
// simdjson's first stage has done that. Used on error paths only.
inline std::size_t first_syntax_error(std::string_view text, std::span<unsigned char> stack) noexcept {
  constexpr std::size_t npos = std::string_view::npos;
  const std::size_t n = text.size();
  count_work(1 + n / 8);  // one pass: each byte is looked at a bounded number of times
  std::size_t i = 0, depth = 0;
  auto ws = [&] { while (i < n && is_json_ws(text[i])) ++i; };
  auto hex_at = [&](std::size_t at) {
    if (at + 4 > n) return -1;
    int v = 0;
    for (std::size_t k = at; k < at + 4; ++k) {
      char c = text[k];
      int d = c >= '0' && c <= '9' ? c - '0' : (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10 : -1;
      if (d < 0) return -1;
      v = v * 16 + d;
    }
    return v;
  };
  auto string = [&] {  // i at the opening quote; false at the offending byte
    std::size_t start = i++;
    while (i < n) {
      auto c = static_cast<unsigned char>(text[i]);
      if (c == '"') { ++i; return true; }
      if (c < 0x20) return false;
      if (c != '\\') { ++i; continue; }
      if (i + 1 >= n) return false;
      char e = text[i + 1];
      if (e != 'u') {
        if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos) return false;
        i += 2;
        continue;
      }
      int cp = hex_at(i + 2);
      if (cp < 0 || (cp >= 0xDC00 && cp <= 0xDFFF)) { i = start; return false; }
      i += 6;
      if (cp >= 0xD800 && cp <= 0xDBFF) {
        int lo = i + 1 < n && text[i] == '\\' && text[i + 1] == 'u' ? hex_at(i + 2) : -1;
        if (lo < 0xDC00 || lo > 0xDFFF) { i = start; return false; }
        i += 6;
      }
    }
    return false;
  };
  auto push = [&](char c) {
    if (depth == stack.size()) return false;
    stack[depth++] = static_cast<unsigned char>(c);
    ++i;
    return true;
  };
  for (;;) {
    // A value.
    ws();
    if (i >= n) return i;
    char c = text[i];
    bool key = false;
    if (c == '{' || c == '[') {
      if (!push(c)) return i;
      ws();
      if (i < n && text[i] == (c == '{' ? '}' : ']')) { --depth; ++i; }
      else if (c == '[') continue;
      else key = true;
    } else if (c == '"') {
      if (!string()) return i;
    } else if (c == 't' || c == 'f' || c == 'n') {
      std::string_view word = c == 't' ? "true" : c == 'f' ? "false" : "null";
      if (text.substr(i, word.size()) != word) return i;
      i += word.size();
    } else {
      std::size_t start = i;
      while (i < n && std::string_view("0123456789+-.eE").find(text[i]) != std::string_view::npos) ++i;
      bool integral = false;
      if (!valid_number(text.substr(start, i - start), integral)) return start;
    }
    // After a value: ',' or the end of its container, or the end of the text.
    for (;;) {
      if (key) {
        ws();
        if (i >= n || text[i] != '"' || !string()) return i;
        ws();
        if (i >= n || text[i] != ':') return i;
        ++i;
        break;  // its value
      }
      ws();
      if (depth == 0) return i == n ? npos : i;
      if (i >= n) return i;
      char open = static_cast<char>(stack[depth - 1]);
      if (text[i] == ',') {
        ++i;
        if (open == '{') { key = true; continue; }
        break;
      }
      if (text[i] != (open == '{' ? '}' : ']')) return i;
      --depth;
      ++i;
    }
  }
}

// --- byte searches, a block at a time ------------------------------------------------
// Blocks of 32 bytes with AVX2, 16 with SSE2 (every x86-64), else 8-byte words (SWAR); a
// block's mask flags the bytes searched for and first() is the index of the first one.
// SWAR masks flag a byte by its high bit; they are exact (no borrow crosses bytes).
struct swar {
  static constexpr std::size_t width = 8;
  static constexpr std::uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u, lows = ~highs;
  static std::uint64_t load(const char* p) noexcept {
    std::uint64_t x;
    std::memcpy(&x, p, 8);
    if constexpr (std::endian::native == std::endian::big) x = __builtin_bswap64(x);  // byte 0 lowest
    return x;
  }
  static constexpr std::uint64_t zero(std::uint64_t x) noexcept { return ~(((x & lows) + lows) | x) & highs; }
  static constexpr std::uint64_t eq(std::uint64_t x, char c) noexcept {
    return zero(x ^ (ones * static_cast<unsigned char>(c)));
  }
  static constexpr std::uint64_t below_0x20(std::uint64_t x) noexcept { return zero(x & (ones * 0xE0)); }
  static constexpr std::uint64_t either(std::uint64_t a, std::uint64_t b) noexcept { return a | b; }
  // One bit per byte, byte 0 lowest.
  static constexpr std::uint64_t bits(std::uint64_t m) noexcept { return ((m >> 7) * 0x0102040810204080u) >> 56; }
  static constexpr std::size_t first(std::uint64_t m) noexcept { return static_cast<std::size_t>(std::countr_zero(m)); }
};

// GENAUTH_DTO_PORTABLE: the SWAR forms only (the test suite builds with it too).
#if defined(__SSE2__) && !defined(GENAUTH_DTO_PORTABLE)
struct sse {
  static constexpr std::size_t width = 16;
  static __m128i load(const char* p) noexcept { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p)); }
  static std::uint32_t bits(__m128i m) noexcept { return static_cast<std::uint32_t>(_mm_movemask_epi8(m)); }
  static __m128i eq(__m128i x, char c) noexcept { return _mm_cmpeq_epi8(x, _mm_set1_epi8(c)); }
  static __m128i below_0x20(__m128i x) noexcept { return eq(_mm_xor_si128(_mm_min_epu8(x, _mm_set1_epi8(0x1F)), x), 0); }
  static __m128i either(__m128i a, __m128i b) noexcept { return _mm_or_si128(a, b); }
  static constexpr std::size_t first(std::uint32_t m) noexcept { return static_cast<std::size_t>(std::countr_zero(m)); }
};
#else
using sse = swar;
#endif
#if defined(__AVX2__) && !defined(GENAUTH_DTO_PORTABLE)
struct avx2 {
  static constexpr std::size_t width = 32;
  static __m256i load(const char* p) noexcept { return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p)); }
  static std::uint32_t bits(__m256i m) noexcept { return static_cast<std::uint32_t>(_mm256_movemask_epi8(m)); }
  static __m256i eq(__m256i x, char c) noexcept { return _mm256_cmpeq_epi8(x, _mm256_set1_epi8(c)); }
  static __m256i below_0x20(__m256i x) noexcept {
    return eq(_mm256_xor_si256(_mm256_min_epu8(x, _mm256_set1_epi8(0x1F)), x), 0);
  }
  static __m256i either(__m256i a, __m256i b) noexcept { return _mm256_or_si256(a, b); }
  static constexpr std::size_t first(std::uint32_t m) noexcept { return static_cast<std::size_t>(std::countr_zero(m)); }
};
using block = avx2;
#elif defined(__SSE2__) && !defined(GENAUTH_DTO_PORTABLE)
using block = sse;
#else
using block = swar;
#endif

// Masks of the bytes searched for, in a block (B = block) or a word (B = swar).
template <class B>
struct masks {
  static auto quote_or_backslash(const char* p) noexcept {
    auto x = B::load(p);
    return B::bits(B::either(B::eq(x, '"'), B::eq(x, '\\')));
  }
  // The bytes a JSON string must escape: below 0x20, '"' and '\\'.
  static auto needs_escape(const char* p) noexcept {
    auto x = B::load(p);
    return B::bits(B::either(B::below_0x20(x), B::either(B::eq(x, '"'), B::eq(x, '\\'))));
  }
};
// Mask is masks<block>::xxx, Word the same masks<swar>::xxx.
template <auto Mask, auto Word>
[[gnu::always_inline]] inline const char* find_first(const char* p, const char* e, auto needs) noexcept {
  for (; static_cast<std::size_t>(e - p) >= block::width; p += block::width)
    if (auto m = Mask(p)) return p + block::first(m);
  for (; e - p >= 8; p += 8)
    if (auto m = Word(p)) return p + swar::first(m);
  while (p < e && !needs(static_cast<unsigned char>(*p))) ++p;
  return p;
}

// The first byte a JSON string must escape in [p, e), or e.
inline const char* find_escape(const char* p, const char* e) noexcept {
  return find_first<masks<block>::needs_escape, masks<swar>::needs_escape>(
      p, e, [](unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; });
}
// The first '"' or '\\' in [p, e), or e.
inline const char* find_quote_or_backslash(const char* p, const char* e) noexcept {
  return find_first<masks<block>::quote_or_backslash, masks<swar>::quote_or_backslash>(
      p, e, [](unsigned char c) { return c == '"' || c == '\\'; });
}

// Whether any byte of [p, p + n) needs escaping. Reads each byte from memory (never from a
// copy, which would stall store forwarding) and nothing outside [p, p + n): the last piece
// overlaps the one before, and text shorter than a block is read as two overlapping halves.
[[gnu::always_inline]] inline bool needs_escape(const char* p, std::size_t n) noexcept {
  auto any = [&]<class B>(B, const char* q) { return masks<B>::needs_escape(q) != 0; };
  if (n >= block::width) {
    const char* e = p + n;
    for (; static_cast<std::size_t>(e - p) >= block::width; p += block::width)
      if (any(block{}, p)) return true;
    return p != e && any(block{}, e - block::width);
  }
#if defined(__AVX2__) && !defined(GENAUTH_DTO_PORTABLE)
  if (n >= 16) return any(sse{}, p) || any(sse{}, p + n - 16);
#endif
  if (block::width > 8 && n >= 8) return any(swar{}, p) || any(swar{}, p + n - 8);
  auto needs = [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == '"' || c == '\\'; };
  if (n >= 4) {
    std::uint32_t lo, hi;
    std::memcpy(&lo, p, 4);
    std::memcpy(&hi, p + n - 4, 4);
    std::uint64_t x = lo | std::uint64_t{hi} << 32;
    return (swar::below_0x20(x) | swar::eq(x, '"') | swar::eq(x, '\\')) != 0;
  }
  return n > 0 && (needs(p[0]) || needs(p[n / 2]) || needs(p[n - 1]));
}

// Copies n < 64 bytes without a call: two overlapping moves of the largest power of two
// that fits.
[[gnu::always_inline]] inline void copy_short(char* d, const char* s, std::size_t n) noexcept {
  if (n >= 16) {
    if (n >= 32) {
      std::memcpy(d, s, 32);
      std::memcpy(d + n - 32, s + n - 32, 32);
    } else {
      std::memcpy(d, s, 16);
      std::memcpy(d + n - 16, s + n - 16, 16);
    }
  } else if (n >= 8) {
    std::memcpy(d, s, 8);
    std::memcpy(d + n - 8, s + n - 8, 8);
  } else if (n >= 4) {
    std::memcpy(d, s, 4);
    std::memcpy(d + n - 4, s + n - 4, 4);
  } else if (n > 0) {
    d[0] = s[0];
    d[n / 2] = s[n / 2];
    d[n - 1] = s[n - 1];
  }
}

// The closing quote of a string's text starting at `p`, when no backslash comes first
// (nullptr otherwise, or when none is found before `end`). Reads whole blocks past `end`:
// for input with simdjson's padding only.
[[gnu::always_inline]] inline const char* closing_quote_padded(const char* p, const char* end) noexcept {
  for (; p < end; p += block::width) {
    if (auto m = masks<block>::quote_or_backslash(p)) {
      const char* q = p + block::first(m);
      return q < end && *q == '"' ? q : nullptr;
    }
  }
  return nullptr;
}

// --- scanners over validated JSON ---------------------------------------------------

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

// Bit i of the result is the XOR of bits 0..i of x.
constexpr std::uint64_t prefix_xor(std::uint64_t x) noexcept {
  for (int shift = 1; shift < 64; shift *= 2) x ^= x << shift;
  return x;
}

// The minifier reads text in chunks of one 64-bit mask's width: one bit per byte.
inline constexpr std::size_t chunk_bytes = 64;

// One bit per byte of a chunk for each byte class the minifier looks at.
struct chunk_masks {
  std::uint64_t quote = 0, backslash = 0, ws = 0;
};
template <class B>
void add_masks(chunk_masks& m, const char* p, std::size_t at) noexcept {
  auto x = B::load(p + at);
  m.quote |= std::uint64_t{B::bits(B::eq(x, '"'))} << at;
  m.backslash |= std::uint64_t{B::bits(B::eq(x, '\\'))} << at;
  auto ws = B::either(B::either(B::eq(x, ' '), B::eq(x, '\n')), B::either(B::eq(x, '\t'), B::eq(x, '\r')));
  m.ws |= std::uint64_t{B::bits(ws)} << at;
}

// The masks of [p, p + len), len <= chunk_bytes, reading nothing outside it: whole blocks, then one
// block overlapping the last (its bytes get the same bits again), or smaller blocks when
// the range is shorter than one.
template <class B = block>
void scan_chunk(chunk_masks& m, const char* p, std::size_t len) noexcept {
  if (len >= B::width) {
    std::size_t at = 0;
    for (; at + B::width <= len; at += B::width) add_masks<B>(m, p, at);
    if (at < len) add_masks<B>(m, p, len - B::width);
  } else if constexpr (B::width > 16) {
    scan_chunk<sse>(m, p, len);
  } else if constexpr (B::width > 8) {
    scan_chunk<swar>(m, p, len);
  } else {
    for (std::size_t at = 0; at < len; ++at) {
      char c = p[at];
      m.quote |= std::uint64_t{c == '"'} << at;
      m.backslash |= std::uint64_t{c == '\\'} << at;
      m.ws |= std::uint64_t{is_json_ws(c)} << at;
    }
  }
}

// Walks validated JSON a chunk at a time: fn(chunk, len, keep) gets each chunk (len <=
// chunk_bytes) and one bit per byte that its minified form keeps (insignificant whitespace
// dropped). Strings are where a prefix XOR of the unescaped quotes says; the whitespace
// outside them goes.
template <class Fn>
void for_each_minified_chunk(std::string_view text, Fn&& fn) {
  bool in_string = false;     // at the start of the next chunk
  bool escape_first = false;  // the next chunk's first byte is escaped
  for (std::size_t at = 0; at < text.size(); at += chunk_bytes) {
    const char* chunk = text.data() + at;
    std::size_t len = text.size() - at < chunk_bytes ? text.size() - at : chunk_bytes;
    count_work(1);
    chunk_masks m;
    scan_chunk(m, chunk, len);
    // Each backslash not itself escaped escapes the byte after it (backslashes are rare).
    std::uint64_t escaped = escape_first ? 1 : 0;
    escape_first = false;
    for (std::uint64_t b = m.backslash & ~escaped; b != 0;) {
      int i = std::countr_zero(b);
      if (i == chunk_bytes - 1) escape_first = true;
      else escaped |= std::uint64_t{2} << i;
      b &= ~(std::uint64_t{3} << i);
    }
    // From each opening quote up to its closing quote (exclusive).
    std::uint64_t inside = prefix_xor(m.quote & ~escaped) ^ (in_string ? ~std::uint64_t{0} : 0);
    in_string = inside >> (chunk_bytes - 1);
    std::uint64_t keep = ~(m.ws & ~inside);
    if (len < chunk_bytes) keep &= (std::uint64_t{1} << len) - 1;
    fn(chunk, len, keep);
  }
}

// The runs of bytes that `keep` marks: fn(start, n) for each, in order.
template <class Fn>
[[gnu::always_inline]] inline void for_each_run(std::uint64_t keep, Fn&& fn) {
  while (keep != 0) {
    int start = std::countr_zero(keep);
    std::uint64_t dropped_after = ~(keep >> start);
    int n = dropped_after ? std::countr_zero(dropped_after) : int{chunk_bytes} - start;
    fn(start, n);
    keep = start + n >= int{chunk_bytes} ? 0 : keep & (~std::uint64_t{0} << (start + n));
  }
}

// The minified form of validated JSON as runs of bytes: fn(std::string_view) gets each run
// (a run never spans two chunks).
template <class Fn>
void for_each_minified_run(std::string_view text, Fn&& fn) {
  for_each_minified_chunk(text, [&](const char* chunk, std::size_t, std::uint64_t keep) {
    for_each_run(keep, [&](int start, int n) { fn(std::string_view(chunk + start, static_cast<std::size_t>(n))); });
  });
}

// Writes the bytes of a chunk that `keep` marks at `out`, which has room for
// popcount(keep) + minify_slack bytes; returns the end. `end` is the end of the text.
// With AVX-512 VBMI2 (Ice Lake, Zen 4 and later) a whole chunk is compressed at once,
// chosen at compile time or, in a build without it, at run time; else run by run.
inline constexpr std::size_t minify_slack = chunk_bytes;
inline char* minify_chunk_by_runs(char* out, const char* chunk, std::uint64_t keep) noexcept {
  for_each_run(keep, [&](int start, int n) {
    copy_short(out, chunk + start, static_cast<std::size_t>(n));
    out += n;
  });
  return out;
}
#if defined(__x86_64__) && !defined(GENAUTH_DTO_PORTABLE)
[[gnu::target("avx512f,avx512bw,avx512vbmi2")]] inline char* minify_chunk_vbmi2(char* out, const char* chunk,
                                                                                std::uint64_t keep) noexcept {
  _mm512_storeu_si512(out, _mm512_maskz_compress_epi8(keep, _mm512_loadu_si512(chunk)));
  return out + std::popcount(keep);
}
inline bool has_vbmi2() noexcept {
#if defined(__AVX512VBMI2__) && defined(__AVX512BW__)
  return true;
#else
  static const bool has = (__builtin_cpu_init(), __builtin_cpu_supports("avx512vbmi2") &&
                                                     __builtin_cpu_supports("avx512bw"));
  return has;
#endif
}
#endif
inline char* minify_chunk(char* out, const char* chunk, const char* end, std::uint64_t keep) noexcept {
#if defined(__x86_64__) && !defined(GENAUTH_DTO_PORTABLE)
  if (end - chunk >= std::ptrdiff_t{chunk_bytes} && has_vbmi2()) return minify_chunk_vbmi2(out, chunk, keep);
#else
  (void)end;
#endif
  return minify_chunk_by_runs(out, chunk, keep);
}

// Equality of two validated JSON texts after minification.
inline bool minified_equal(std::string_view a, std::string_view b) noexcept {
  // Compare a's runs against b's runs as two byte streams.
  const char* bp = b.data();
  const char* be = bp + b.size();
  std::size_t bin = 0;  // bytes of b's current run consumed
  std::string_view brun;
  auto next_b_run = [&]() -> bool {
    if (bin < brun.size()) return true;
    bp = skip_ws(bp, be);
    if (bp >= be) return false;
    const char* run = bp;
    bp = run_end(bp, be);
    brun = std::string_view(run, static_cast<std::size_t>(bp - run));
    bin = 0;
    return true;
  };
  bool same = true;
  for_each_minified_run(a, [&](std::string_view run) {
    std::size_t i = 0;
    while (same && i < run.size()) {
      if (!next_b_run()) { same = false; break; }
      std::size_t take = run.size() - i < brun.size() - bin ? run.size() - i : brun.size() - bin;
      if (run.substr(i, take) != brun.substr(bin, take)) same = false;
      i += take;
      bin += take;
    }
  });
  return same && !next_b_run();
}

}  // namespace genauth::dto::detail
