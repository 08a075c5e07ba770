// Byte searches a block at a time (simd.hpp's blocks): the bytes a string must escape, quotes
// and backslashes, and short copies.
//
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "simd.hpp"

namespace genauth::dto::detail {

// Masks of the bytes searched for, in a block (B = block) or a word (B = swar).
template <class B>
struct masks {
  [[gnu::always_inline]] static auto quote_or_backslash(const char* p) noexcept {
    auto x = B::load(p);
    return B::bits(B::either(B::eq(x, '"'), B::eq(x, '\\')));
  }
  // The bytes a JSON string must escape: below 0x20, '"' and '\\'.
  [[gnu::always_inline]] static auto needs_escape(const char* p) noexcept {
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

// Whether a block's bytes hold one a JSON string must escape. (Every helper of the escape
// checks is always_inline: inside a large encoder GCC otherwise calls them.)
template <class B>
[[gnu::always_inline]] inline bool any_escape(const char* q) noexcept {
  return masks<B>::needs_escape(q) != 0;
}

// Whether any byte of [p, p + n), n < block::width (copy_unless_escape checks longer text as
// it copies it), needs escaping. Reads each byte from memory (never from a copy, which would
// stall store forwarding) and nothing outside [p, p + n): text is read as two overlapping
// halves.
[[gnu::always_inline]] inline bool needs_escape(const char* p, std::size_t n) noexcept {
#if GENAUTH_DTO_AVX2
  if (n >= 16) return any_escape<sse>(p) || any_escape<sse>(p + n - 16);
#endif
  if (block::width > 8 && n >= 8) return any_escape<swar>(p) || any_escape<swar>(p + n - 8);
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

// Copies [s, s + n), n >= block::width, to d a block at a time, each block checked as it is
// copied (one pass over the text, not a scan and then a copy): whether no byte needed escaping;
// if one did, what was copied is not to be kept. Nothing outside the two ranges is read or
// written: the last block overlaps the one before.
[[gnu::always_inline]] inline bool copy_unless_escape(char* d, const char* s, std::size_t n) noexcept {
  std::size_t i = 0;
  for (; n - i > block::width; i += block::width) {
    std::memcpy(d + i, s + i, block::width);
    if (any_escape<block>(s + i)) return false;
  }
  std::memcpy(d + n - block::width, s + n - block::width, block::width);
  return !any_escape<block>(s + n - block::width);
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

}  // namespace genauth::dto::detail
