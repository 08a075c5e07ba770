// The minifier over validated JSON (contract E2): a chunk at a time, with one bit per byte
// kept, and equality of two texts once minified.
//
// SPDX-License-Identifier: MIT
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "byte_search.hpp"
#include "scan.hpp"
#include "simd.hpp"
#include "work_count.hpp"

namespace genauth::dto::detail {

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
#if GENAUTH_DTO_X86
[[gnu::target("avx512f,avx512bw,avx512vbmi2")]] inline char* minify_chunk_vbmi2(char* out, const char* chunk,
                                                                                std::uint64_t keep) noexcept {
  _mm512_storeu_si512(out, _mm512_maskz_compress_epi8(keep, _mm512_loadu_si512(chunk)));
  return out + std::popcount(keep);
}
inline bool has_vbmi2() noexcept {
#if GENAUTH_DTO_VBMI2
  return true;
#else
  static const bool has = (__builtin_cpu_init(), __builtin_cpu_supports("avx512vbmi2") &&
                                                     __builtin_cpu_supports("avx512bw"));
  return has;
#endif
}
#endif
inline char* minify_chunk(char* out, const char* chunk, const char* end, std::uint64_t keep) noexcept {
#if GENAUTH_DTO_X86
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
