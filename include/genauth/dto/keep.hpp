// Keeping a result (contract M3): a DTO that owns what its views see, in one block of memory,
// built from the field tables like every other walk. What a decoder returns lives only until
// its next decode; a cache or a session keeps `dto::keep(*response)` instead.
//
//   dto::kept<dto::UserSingleRespDto> user = dto::keep(*response);  // one allocation
//   if (!user) return user.error();                                  // out of memory
//   cache.emplace(id, std::move(user));                              // outlives the decoder
//
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstring>
#include <memory>
#include <new>
#include <optional>
#include <span>
#include <string_view>

#include "detail/memory.hpp"
#include "error.hpp"
#include "kind.hpp"
#include "reflect.hpp"

namespace genauth::dto {

template <described T>
class kept;

// A copy of `view` that owns its strings, lists and raw JSON: one block of memory, sized by
// one walk of the DTO and filled by a second. Allocates exactly once (not at all when there
// is nothing to copy); on failure the result is empty and says capacity ("out of memory").
template <described T>
kept<T> keep(const T& view) noexcept;

// A DTO with its own memory. Movable (the block does not move, so the views stay right),
// not copyable (a copy is another keep(*k)); compares and encodes as the view it came from.
template <described T>
class kept {
 public:
  kept() noexcept = default;
  kept(kept&&) noexcept = default;
  kept& operator=(kept&&) noexcept = default;

  // False only when keep() ran out of memory.
  explicit operator bool() const noexcept { return !out_of_memory_; }
  bool has_value() const noexcept { return !out_of_memory_; }
  dto::error error() const noexcept {
    return out_of_memory_ ? dto::error(error_code::capacity, 0, "out of memory") : dto::error();
  }

  const T& operator*() const noexcept { return value_; }
  const T* operator->() const noexcept { return &value_; }
  const T& value() const noexcept { return value_; }
  // The bytes of the block (0 when nothing needed copying).
  std::size_t bytes() const noexcept { return bytes_; }

 private:
  friend kept keep<T>(const T&) noexcept;
  T value_{};
  std::unique_ptr<std::byte[]> block_;
  std::size_t bytes_ = 0;
  bool out_of_memory_ = false;
};

namespace detail {

// Where keep() puts what it copies. The first walk has no memory and only counts (`base` is
// null); the second, over the same values in the same order, places the same sizes at the
// same offsets in the block the first one measured.
struct keep_block {
  std::byte* base = nullptr;
  std::size_t used = 0;

  std::string_view text(std::string_view s) noexcept {
    if (s.empty()) return {};
    char* to = base ? reinterpret_cast<char*>(base + used) : nullptr;
    if (to) std::memcpy(to, s.data(), s.size());
    used += s.size();
    return {to, s.size()};
  }
  // Room for n elements of E (null while counting), each default-constructed.
  template <class E>
  E* array(std::size_t n) noexcept {
    static_assert(alignof(E) <= __STDCPP_DEFAULT_NEW_ALIGNMENT__, "the block is aligned as new aligns");
    used = (used + alignof(E) - 1) & ~(alignof(E) - 1);
    E* to = base ? reinterpret_cast<E*>(base + used) : nullptr;
    if (to)
      for (std::size_t i = 0; i < n; ++i) new (to + i) E{};
    used += n * sizeof(E);
    return to;
  }
};

template <described T>
void keep_dto(const T& from, T& to, keep_block& b) noexcept;

template <class V>
void keep_value(const V& from, V& to, keep_block& b) noexcept {
  constexpr member_kind kind = kind_of<V>;
  if constexpr (is_optional<V>::value) {
    to.reset();
    if (from) keep_value(*from, to.emplace(), b);
  } else if constexpr (kind == member_kind::string) {
    to = b.text(from);
  } else if constexpr (kind == member_kind::timestamp || kind == member_kind::enumeration ||
                       kind == member_kind::raw_json) {
    to = from;
    to.text = b.text(from.text);
  } else if constexpr (is_list_kind(kind)) {
    using E = typename V::value_type;  // (the span's element type without its const)
    E* items = b.array<E>(from.size());
    for (std::size_t i = 0; i < from.size(); ++i) {
      E counted{};
      keep_value<E>(from[i], items ? items[i] : counted, b);
    }
    to = V(items, items ? from.size() : 0);
  } else if constexpr (kind == member_kind::dto) {
    keep_dto(from, to, b);
  } else {
    to = from;  // integer, boolean: nothing to copy
  }
}

template <described T>
void keep_dto(const T& from, T& to, keep_block& b) noexcept {
  for_each_field<T>([&](auto described_field, auto) {
    using F = decltype(described_field);
    keep_value(from.*(F::member), to.*(F::member), b);
    return true;
  });
  to.missing = from.missing;
  member* unknown = b.array<member>(from.unknown.size());
  for (std::size_t i = 0; i < from.unknown.size(); ++i) {
    member counted;
    member& m = unknown ? unknown[i] : counted;
    m.name = b.text(from.unknown[i].name);
    m.value.text = b.text(from.unknown[i].value.text);
  }
  to.unknown = {unknown, unknown ? from.unknown.size() : 0};
}

}  // namespace detail

template <described T>
kept<T> keep(const T& view) noexcept {
  kept<T> k;
  if constexpr (!supported_dto<T>) {
    (void)detail::unsupported_dto<T>::reported;
  } else {
    detail::keep_block count;
    T scratch{};
    detail::keep_dto(view, scratch, count);
    if (count.used) {
      k.block_ = detail::allocate_bytes(count.used);
      if (!k.block_) {
        k.out_of_memory_ = true;
        return k;
      }
    }
    detail::keep_block fill{k.block_.get(), 0};
    detail::keep_dto(view, k.value_, fill);
    k.bytes_ = count.used;
  }
  return k;
}

}  // namespace genauth::dto
