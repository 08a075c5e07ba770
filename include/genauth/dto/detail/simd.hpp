// Which SIMD this build uses, decided here once: AVX2 or SSE2 as the compiler flags allow,
// neither with GENAUTH_DTO_PORTABLE (the portable SWAR forms only; the test suite builds with
// it too). AVX-512 VBMI2, for the minifier, is also chosen at run time on x86-64
// (minify.hpp). And the blocks every byte search works on.
//
// SPDX-License-Identifier: MIT
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>

#if defined(__x86_64__) && !defined(GENAUTH_DTO_PORTABLE)
#define GENAUTH_DTO_X86 1
#else
#define GENAUTH_DTO_X86 0
#endif
#if defined(__SSE2__) && !defined(GENAUTH_DTO_PORTABLE)
#define GENAUTH_DTO_SSE2 1
#else
#define GENAUTH_DTO_SSE2 0
#endif
#if defined(__AVX2__) && !defined(GENAUTH_DTO_PORTABLE)
#define GENAUTH_DTO_AVX2 1
#else
#define GENAUTH_DTO_AVX2 0
#endif

// The minifier's whole-chunk compression, when the flags promise it (else a run-time check).
#if GENAUTH_DTO_X86 && defined(__AVX512VBMI2__) && defined(__AVX512BW__)
#define GENAUTH_DTO_VBMI2 1
#else
#define GENAUTH_DTO_VBMI2 0
#endif

#if GENAUTH_DTO_SSE2 || GENAUTH_DTO_X86
#include <immintrin.h>
#endif

namespace genauth::dto::detail {

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

#if GENAUTH_DTO_SSE2
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
#if GENAUTH_DTO_AVX2
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
#elif GENAUTH_DTO_SSE2
using block = sse;
#else
using block = swar;
#endif

}  // namespace genauth::dto::detail
