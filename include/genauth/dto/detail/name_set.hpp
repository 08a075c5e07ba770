// genauth-dto: the names of one object's unknown members, for duplicate detection in time
// linear in their number (SPEC 4 rules 7 and 10). Comparing each name with every earlier one
// made 90,000 unknown members in 1 MB cost a minute.
//
// A few names are compared one by one; past `scan_limit`, an open-addressing table of member
// indexes, hashed with SipHash under a key chosen per decoder (a sender who does not know
// the key cannot choose names that collide). Objects nest (an identity inside a user), so the
// tables form a stack: an object's table lies at the top while its members are read, grows
// there by rebuilding from the member list, and is dropped when the object ends.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <new>
#include <string_view>

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
    for (int j = 7; j >= 0; --j) m = (m << 8) | byte(i + static_cast<std::size_t>(j));  // little-endian
    v3 ^= m;
    rounds(C);
    v0 ^= m;
  }
  std::uint64_t last = std::uint64_t{n & 0xff} << 56;
  for (std::size_t j = n - whole; j-- > 0;) last |= byte(whole + j) << (8 * j);
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
  static constexpr std::size_t min_table = 32;
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

  // Room for the tables of any document of up to `bytes` bytes: a table exists for an object
  // of n > scan_limit unknown members, which take at least 5n - 1 bytes ("":0,), and holds
  // fewer than 4(n + 1) slots (at most half full, grown by doubling): at most one slot per
  // byte, whatever the nesting. False when memory runs out.
  bool reserve(std::size_t bytes) noexcept {
    std::size_t want = bytes + 2 * min_table;
    if (want <= cap_) return true;
    slots_.reset(new (std::nothrow) entry[want]);
    cap_ = slots_ ? want : 0;
    top_ = 0;
    return slots_ != nullptr;
  }
  void clear() noexcept { top_ = 0; }

  // Where the next object's table would begin; pop_to(mark) drops it.
  std::size_t mark() const noexcept { return top_; }
  void pop_to(std::size_t mark) noexcept { top_ = mark; }

  // Adds `name` to the set of the object opened at `mark`, whose earlier n names are
  // name_at(0) .. name_at(n - 1); or finds it there. The object's table must be the top one.
  template <class NameAt>
  outcome find_or_add(std::size_t mark, std::size_t n, std::string_view name, NameAt&& name_at) noexcept {
    if (n < scan_limit) {
      for (std::size_t i = 0; i < n; ++i) {
        count_work(1 + name.size() / 8);
        if (name_at(i) == name) return outcome::duplicate;
      }
      return outcome::added;
    }
    std::size_t size = top_ - mark;
    if (2 * (n + 1) > size) {  // at most half full
      std::size_t grown = size ? 2 * size : min_table;
      while (2 * (n + 1) > grown) grown *= 2;
      if (mark + grown > cap_) return outcome::full;
      top_ = mark + grown;
      std::memset(static_cast<void*>(slots_.get() + mark), 0, grown * sizeof(entry));
      count_work(grown / 32);
      for (std::size_t i = 0; i < n; ++i) {
        std::uint64_t h = hash(name_at(i));
        *slot(mark, grown, h, [](std::uint32_t) { return false; }) = {static_cast<std::uint32_t>(i + 1), tag(h)};
      }
      size = grown;
    }
    std::uint64_t h = hash(name);
    entry* s = slot(mark, size, h, [&](std::uint32_t i) {
      count_work(name.size() / 8);
      return name_at(i - 1) == name;
    });
    if (s->index) return outcome::duplicate;
    *s = {static_cast<std::uint32_t>(n + 1), tag(h)};
    return outcome::added;
  }

 private:
  static constexpr std::uint64_t mix(std::uint64_t z) noexcept {  // splitmix64's finalizer
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }

  // A member's index + 1 (0: empty) and more bits of its name's hash, so that a probe reads
  // a member's name (a cache miss, in a large object) only when those bits match too.
  struct entry {
    std::uint32_t index;
    std::uint32_t tag;
  };
  std::uint64_t hash(std::string_view name) const noexcept {
    count_work(1 + name.size() / 8);
    return siphash<1, 3>(k0_, k1_, name);
  }
  static constexpr std::uint32_t tag(std::uint64_t h) noexcept { return static_cast<std::uint32_t>(h >> 32); }

  // The entry holding a name that `same` recognizes, or the empty one where it goes: linear
  // probing in the table of `size` slots (a power of two) at `mark`.
  template <class Same>
  entry* slot(std::size_t mark, std::size_t size, std::uint64_t h, Same&& same) noexcept {
    std::size_t at = static_cast<std::size_t>(h) & (size - 1);
    for (;;) {
      count_work(1);
      entry* s = slots_.get() + mark + at;
      if (s->index == 0 || (s->tag == tag(h) && same(s->index))) return s;
      at = (at + 1) & (size - 1);
    }
  }

  std::unique_ptr<entry[]> slots_;
  std::size_t cap_ = 0;
  std::size_t top_ = 0;
  std::uint64_t k0_ = 0, k1_ = 0;
};

}  // namespace genauth::dto::detail
