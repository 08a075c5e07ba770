// genauth-dto: duplicate detection among one object's unknown members, in time linear in
// their number (contract D7 and D10). Comparing each name with every earlier one made
// 90,000 unknown members in 1 MB cost a minute.
//
// A few names are compared one by one as they come. Past `scan_limit`, each name's hash
// (SipHash, under a key chosen per decoder: a sender who does not know the key cannot choose
// names that collide) is appended to a list, which is grouped by hash when the object ends, so
// that only names of equal hash are compared. Appending and grouping touch memory in order: a
// hash table of 90,000 names missed the cache on almost every insert. The grouping happens in
// scratch memory the caller lends (the decoder: the room its list of members is about to
// fill, which a decode touches anyway; contract D10 bounds the memory per input byte). Objects nest (an
// identity inside a user), so the lists form a stack: an object's list lies at the top while
// its members are read and is dropped when the object ends.
//
// SPDX-License-Identifier: MIT
#pragma once

#include <algorithm>
#include <atomic>
#include <bit>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <new>
#include <string_view>
#include <utility>

#include "work_count.hpp"

namespace genauth::dto::detail {

// SipHash-C-D (Aumasson and Bernstein, "SipHash: a fast short-input PRF", 2012) of `s`
// under the key (k0, k1). The decoder uses SipHash-1-3; the tests check SipHash-2-4 against
// the paper's vectors.
template <int C, int D>
constexpr std::uint64_t siphash(std::uint64_t k0, std::uint64_t k1, std::string_view s) noexcept {
  std::uint64_t v0 = k0 ^ 0x736f6d6570736575ull, v1 = k1 ^ 0x646f72616e646f6dull;
  std::uint64_t v2 = k0 ^ 0x6c7967656e657261ull, v3 = k1 ^ 0x7465646279746573ull;
  auto rotl = [](std::uint64_t x, int b) { return (x << b) | (x >> (64 - b)); };
  auto rounds = [&](int n) {
    for (int i = 0; i < n; ++i) {
      v0 += v1; v1 = rotl(v1, 13); v1 ^= v0; v0 = rotl(v0, 32);
      v2 += v3; v3 = rotl(v3, 16); v3 ^= v2;
      v0 += v3; v3 = rotl(v3, 21); v3 ^= v0;
      v2 += v1; v1 = rotl(v1, 17); v1 ^= v2; v2 = rotl(v2, 32);
    }
  };
  auto byte = [&](std::size_t i) { return std::uint64_t{static_cast<unsigned char>(s[i])}; };
  std::size_t n = s.size(), whole = n & ~std::size_t{7};
  for (std::size_t i = 0; i < whole; i += 8) {
    std::uint64_t m = 0;
    if (!std::is_constant_evaluated() && std::endian::native == std::endian::little)
      std::memcpy(&m, s.data() + i, 8);
    else
      for (int j = 7; j >= 0; --j) m = (m << 8) | byte(i + static_cast<std::size_t>(j));  // little-endian
    v3 ^= m;
    rounds(C);
    v0 ^= m;
  }
  std::uint64_t last = std::uint64_t{n & 0xff} << 56;
  const std::size_t r = n - whole;  // 0 to 7 bytes left
  if (!std::is_constant_evaluated() && std::endian::native == std::endian::little && r != 0) {
    // Without a loop: two overlapping 4-byte loads, or the first, middle and last byte.
    const char* p = s.data() + whole;
    if (r >= 4) {
      std::uint32_t lo, hi;
      std::memcpy(&lo, p, 4);
      std::memcpy(&hi, p + r - 4, 4);
      last |= lo | std::uint64_t{hi} << (8 * (r - 4));
    } else {
      last |= byte(whole) | byte(whole + r / 2) << (8 * (r / 2)) | byte(whole + r - 1) << (8 * (r - 1));
    }
  } else {
    for (std::size_t j = r; j-- > 0;) last |= byte(whole + j) << (8 * j);
  }
  v3 ^= last;
  rounds(C);
  v0 ^= last;
  v2 ^= 0xff;
  rounds(D);
  return v0 ^ v1 ^ v2 ^ v3;
}

class name_sets {
 public:
  // Objects with at most this many unknown members compare names one by one.
  static constexpr std::size_t scan_limit = 8;
  enum class outcome : std::uint8_t { added, duplicate, full };

  name_sets() noexcept {
    // Unpredictable to a sender, cheap, and no system call that can fail: the clock, this
    // object's address and a process-wide counter, mixed.
    static std::atomic<std::uint64_t> counter{0};
    std::uint64_t seed = static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()) ^
                         reinterpret_cast<std::uintptr_t>(this);
    seed += counter.fetch_add(0x9e3779b97f4a7c15ull, std::memory_order_relaxed);
    k0_ = mix(seed);
    k1_ = mix(seed + 0x9e3779b97f4a7c15ull);
  }
  // Under a given key (the tests use one, to make names whose hashes collide).
  name_sets(std::uint64_t k0, std::uint64_t k1) noexcept : k0_(k0), k1_(k1) {}

  // Room for the lists of any document of up to `bytes` bytes: an unknown member takes at
  // least 5 bytes ("":0,). False when memory runs out.
  bool reserve(std::size_t bytes) noexcept {
    std::size_t want = bytes / 4 + 2;
    if (want <= cap_) return true;
    slots_.reset(new (std::nothrow) std::uint64_t[want]);
    cap_ = slots_ ? want : 0;
    top_ = 0;
    return cap_ != 0;
  }
  void clear() noexcept { top_ = 0; }

  // Where the next object's list would begin; pop_to(mark) drops it.
  std::size_t mark() const noexcept { return top_; }
  void pop_to(std::size_t mark) noexcept { top_ = mark; }

  // The n-th name (from 0) of the object opened at `mark`, whose earlier names are
  // name_at(0) .. name_at(n - 1). Before scan_limit it is compared with them at once
  // (`duplicate` when it repeats one); after, it is kept for first_duplicate(). The object's
  // list must be the top one.
  template <class NameAt>
  outcome add(std::size_t mark, std::size_t n, std::string_view name, NameAt&& name_at) noexcept {
    if (n < scan_limit) {
      for (std::size_t i = 0; i < n; ++i) {
        count_work(1 + name.size() / 8);
        if (name_at(i) == name) return outcome::duplicate;
      }
      return outcome::added;
    }
    if (mark + n + 1 > cap_) return outcome::full;
    if (n == scan_limit)
      for (std::size_t i = 0; i < n; ++i) slots_[mark + i] = entry(name_at(i), i);
    slots_[mark + n] = entry(name, n);
    top_ = mark + n + 1;
    return outcome::added;
  }

  // The scratch memory first_duplicate() needs for n names, 8-byte aligned.
  static constexpr std::size_t scratch_bytes(std::size_t n) noexcept { return 10 * n; }

  // Once the object at `mark` has its n names (or has failed after them): the index of the
  // first one that repeats an earlier one, or n when none does. The list is grouped by the
  // top bits of the hash (a count and a scatter, two passes in order, two to four names a
  // group) into `scratch` (scratch_bytes(n)), and names are compared only within a group,
  // and only when their hashes agree.
  template <class NameAt>
  std::size_t first_duplicate(std::size_t mark, std::size_t n, NameAt&& name_at, void* scratch) noexcept {
    if (n <= scan_limit) return n;
    const std::uint64_t* list = slots_.get() + mark;
    auto* grouped = static_cast<std::uint64_t*>(scratch);
    const int bits = std::bit_width(n / 4);  // 2^bits groups: more than n / 4, at most n / 2
    const std::size_t groups = std::size_t{1} << bits;
    auto group = [&](std::uint64_t e) { return static_cast<std::size_t>(e >> (64 - bits)); };
    auto* end = reinterpret_cast<std::uint32_t*>(grouped + n);  // end[g]: where group g ends (and g + 1 begins)
    std::fill(end, end + groups, 0);
    for (std::size_t i = 0; i < n; ++i) ++end[group(list[i])];
    for (std::size_t g = 0, at = 0; g < groups; ++g) at += std::exchange(end[g], static_cast<std::uint32_t>(at));
    for (std::size_t i = 0; i < n; ++i) grouped[end[group(list[i])]++] = list[i];  // in order within each
    count_work(1 + (3 * n + groups) / 8);
    // In each group, in document order, the first name equal to an earlier one there.
    // Distinct names share a group, or a hash, by chance only.
    std::size_t first = n;
    for (std::size_t g = 0, from = 0; g < groups; from = end[g++]) {
      for (std::size_t a = from + 1; a < end[g] && index(grouped[a]) < first; ++a) {
        for (std::size_t b = from; b < a; ++b) {
          count_work(1);
          if ((grouped[b] >> 32) != (grouped[a] >> 32)) continue;  // (names read only now: cache misses)
          std::string_view name = name_at(index(grouped[a]));
          count_work(1 + name.size() / 8);
          if (name_at(index(grouped[b])) == name) {
            first = index(grouped[a]);
            a = end[g];
            break;
          }
        }
      }
    }
    return first;
  }

 private:
  static constexpr std::uint64_t mix(std::uint64_t z) noexcept {  // splitmix64's finalizer
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }

  // A list entry: 32 bits of the name's hash above the member's index.
  std::uint64_t entry(std::string_view name, std::size_t i) const noexcept {
    count_work(1 + name.size() / 8);
    return (siphash<1, 3>(k0_, k1_, name) & ~index_mask) | i;
  }
  static constexpr std::uint64_t index_mask = 0xffffffff;  // the low 32 bits: documents are < 4 GB
  static constexpr std::size_t index(std::uint64_t e) noexcept { return static_cast<std::size_t>(e & index_mask); }

  std::unique_ptr<std::uint64_t[]> slots_;
  std::size_t cap_ = 0;
  std::size_t top_ = 0;
  std::uint64_t k0_ = 0, k1_ = 0;
};

}  // namespace genauth::dto::detail
