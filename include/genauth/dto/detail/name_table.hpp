// Lookup of a name in a fixed list (a DTO's member names, an enumeration's values), built
// at compile time: a perfect hash sends each name to its own slot, and each name is kept
// with its closing quote, zero-padded to whole words, so that a name as it stands in
// padded JSON input is found with one hash and compared in a few word operations.
//
// SPDX-License-Identifier: MIT
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <string_view>

namespace genauth::dto::detail {

// List: a type with `static constexpr` names (an array of std::string_view), unique.
template <class List>
struct name_table {
  static constexpr const auto& names = List::names;
  static constexpr std::size_t n = std::size(names);
  // A slot holds a name's index in a byte; this value marks a slot no name hashes to.
  static constexpr std::uint8_t empty_slot = 0xFF;
  static_assert(n < empty_slot, "indices are bytes; one value marks an empty slot");
  // Fibonacci hashing's multiplier (2^64 over the golden ratio): it spreads the length over
  // every bit of the key, and is the first multiplier the search below tries.
  static constexpr std::uint64_t golden = 0x9E3779B97F4A7C15u;
  // Knuth's MMIX linear congruential step: the next candidate multiplier.
  static constexpr std::uint64_t lcg_multiplier = 6364136223846793005u, lcg_increment = 1442695040888963407u;
  static constexpr int max_attempts = 100000;
  // Slots per name at least: sparse enough that a clash-free multiplier is found quickly.
  static constexpr std::size_t slots_per_name = 8;

  static constexpr std::size_t max_len = [] {
    std::size_t m = 0;
    for (std::string_view s : names) m = s.size() > m ? s.size() : m;
    return m;
  }();

  // A name's hash key: its length and its first and last 8 bytes (fewer when shorter).
  // `first` and `last` are those bytes read little-endian, zero-extended.
  static constexpr std::uint64_t key(std::uint64_t first, std::uint64_t last, std::size_t len) noexcept {
    return first ^ ((last << 29) | (last >> 35)) ^ (len * golden);
  }
  static constexpr std::uint64_t bytes_le(std::string_view s) noexcept {
    std::uint64_t w = 0;
    for (std::size_t i = 0; i < s.size() && i < 8; ++i) w |= std::uint64_t{static_cast<unsigned char>(s[i])} << (8 * i);
    return w;
  }
  static constexpr std::uint64_t key_of(std::string_view s) noexcept {
    return key(bytes_le(s), s.size() > 8 ? bytes_le(s.substr(s.size() - 8)) : 0, s.size());
  }

  // A multiplier that sends every name to its own slot of 2^bits (at least slots_per_name each),
  // found at compile time: a lookup is one hash, one slot and one comparison.
  static constexpr unsigned bits = [] {
    unsigned b = 4;
    while ((std::size_t{1} << b) < slots_per_name * n) ++b;
    return b;
  }();
  static constexpr std::size_t slot_of(std::uint64_t key, std::uint64_t seed) noexcept {
    return static_cast<std::size_t>((key * seed) >> (64 - bits));
  }
  static constexpr std::uint64_t seed = [] {
    std::uint64_t candidate = golden;
    for (int attempt = 0; attempt < max_attempts; ++attempt) {
      bool used[std::size_t{1} << bits]{};
      bool clash = false;
      for (std::size_t i = 0; i < n && !clash; ++i) {
        std::size_t slot = slot_of(key_of(names[i]), candidate);
        clash = used[slot];
        used[slot] = true;
      }
      if (!clash) return candidate;
      candidate = candidate * lcg_multiplier + lcg_increment;
      candidate |= 1;
    }
    return std::uint64_t{0};
  }();
  static_assert(seed != 0, "no perfect hash for these names: do two share their length and first and last 8 bytes?");
  static constexpr auto slots = [] {
    std::array<std::uint8_t, std::size_t{1} << bits> t{};
    for (auto& e : t) e = empty_slot;
    for (std::size_t i = 0; i < n; ++i) t[slot_of(key_of(names[i]), seed)] = static_cast<std::uint8_t>(i);
    return t;
  }();

  // Each name with its closing quote, zero-padded to whole words, and a mask of those bytes.
  static constexpr std::size_t words = (max_len + 1 + 7) / 8;
  struct quoted_table {
    unsigned char text[n][words * 8]{};
    unsigned char mask[n][words * 8]{};
  };
  static constexpr quoted_table quoted = [] {
    quoted_table t{};
    for (std::size_t i = 0; i < n; ++i) {
      std::string_view name = names[i];
      for (std::size_t j = 0; j < name.size(); ++j) t.text[i][j] = static_cast<unsigned char>(name[j]);
      t.text[i][name.size()] = '"';
      for (std::size_t j = 0; j <= name.size(); ++j) t.mask[i][j] = 0xFF;
    }
    return t;
  }();

  // Whether the text at `raw` is exactly names[i] followed by a quote. Reads words * 8
  // bytes at `raw`: for padded input only.
  static bool raw_equals(const char* raw, std::size_t i) noexcept {
    std::uint64_t diff = 0;
    for (std::size_t w = 0; w < words; ++w) {
      std::uint64_t a, b, m;
      std::memcpy(&a, raw + 8 * w, 8);
      std::memcpy(&b, quoted.text[i] + 8 * w, 8);
      std::memcpy(&m, quoted.mask[i] + 8 * w, 8);
      diff |= (a ^ b) & m;
    }
    return diff == 0;
  }

  // The index of the name that is the `len` bytes at `raw`, followed by a quote (as a
  // string without escapes stands in padded input: 8 bytes past `raw` are readable); -1 if
  // none.
  static int find_raw(const char* raw, std::size_t len) noexcept {
    if (len > max_len) return -1;
    std::uint64_t first = load_le(raw), last = len > 8 ? load_le(raw + len - 8) : 0;
    if (len < 8) first &= (std::uint64_t{1} << (8 * len)) - 1;
    std::size_t i = slots[slot_of(key(first, last, len), seed)];
    return i != empty_slot && raw_equals(raw, i) ? static_cast<int>(i) : -1;
  }

  // The index of `name` anywhere in memory; -1 if none.
  static int find(std::string_view name) noexcept {
    if (name.size() > max_len) return -1;
    std::uint64_t first = 0, last = 0;
    if (!name.empty()) std::memcpy(&first, name.data(), name.size() < 8 ? name.size() : 8);
    if (name.size() > 8) std::memcpy(&last, name.data() + name.size() - 8, 8);
    std::size_t i = slots[slot_of(key(le(first), le(last), name.size()), seed)];
    return i != empty_slot && names[i] == name ? static_cast<int>(i) : -1;
  }

 private:
  static std::uint64_t le(std::uint64_t w) noexcept {
    if constexpr (std::endian::native == std::endian::big) w = __builtin_bswap64(w);
    return w;
  }
  static std::uint64_t load_le(const char* p) noexcept {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    return le(w);
  }
};

}  // namespace genauth::dto::detail
