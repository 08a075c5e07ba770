// Lookup of a name in a fixed list (a DTO's member names, an enumeration's values), built
// at compile time: the names bucketed by length, so that a lookup is one length check and
// the few names of that length; and each name with its closing quote, zero-padded to whole
// words, so that a name as it stands in padded JSON input is compared in a few word
// operations, without a call.
#pragma once

#include <array>
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
  static_assert(n <= 255, "indices are bytes");

  static constexpr std::size_t max_len = [] {
    std::size_t m = 0;
    for (std::string_view s : names) m = s.size() > m ? s.size() : m;
    return m;
  }();

  // by_len: indices ordered by name length; start[len] .. start[len + 1] is a bucket.
  struct table {
    std::array<std::uint8_t, n> by_len{};
    std::array<std::uint8_t, max_len + 2> start{};
  };
  static constexpr table buckets = [] {
    table t{};
    std::size_t k = 0;
    for (std::size_t len = 0; len <= max_len; ++len) {
      t.start[len] = static_cast<std::uint8_t>(k);
      for (std::size_t i = 0; i < n; ++i)
        if (names[i].size() == len) t.by_len[k++] = static_cast<std::uint8_t>(i);
    }
    t.start[max_len + 1] = static_cast<std::uint8_t>(k);
    return t;
  }();

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
  // string without escapes stands in padded input); -1 if none.
  static int find_raw(const char* raw, std::size_t len) noexcept {
    if (len > max_len) return -1;
    for (std::size_t k = buckets.start[len]; k < buckets.start[len + 1]; ++k)
      if (raw_equals(raw, buckets.by_len[k])) return buckets.by_len[k];
    return -1;
  }

  // The index of `name` anywhere in memory; -1 if none.
  static int find(std::string_view name) noexcept {
    if (name.size() > max_len) return -1;
    for (std::size_t k = buckets.start[name.size()]; k < buckets.start[name.size() + 1]; ++k) {
      std::size_t i = buckets.by_len[k];
      if (name.empty() || std::memcmp(names[i].data(), name.data(), name.size()) == 0) return static_cast<int>(i);
    }
    return -1;
  }
};

}  // namespace genauth::dto::detail
