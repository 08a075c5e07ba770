// The decoder's storage. Both pieces grow without exceptions (nothrow new) and keep what
// they grew to, so a decoder in steady state allocates nothing.
//
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstring>
#include <memory>
#include <new>
#include <span>
#include <type_traits>

namespace genauth::dto::detail {

inline std::unique_ptr<std::byte[]> allocate_bytes(std::size_t n) noexcept {
  return std::unique_ptr<std::byte[]>(new (std::nothrow) std::byte[n]);
}

// Bump allocator over blocks that never move: views handed out stay valid until reset().
class arena {
 public:
  // Makes the first block at least `bytes` long. False when memory runs out.
  bool reserve(std::size_t bytes) noexcept {
    if (blocks_[0].size >= bytes) return true;
    for (auto& b : blocks_) b = {};
    blocks_[0] = {allocate_bytes(bytes), bytes};
    if (!blocks_[0].data) blocks_[0].size = 0;
    reset();
    return blocks_[0].data != nullptr;
  }
  void reset() noexcept { current_ = 0; used_ = 0; }

  // Room for up to `n` elements of E, to be filled and then kept with commit(used) before
  // anything else is allocated. nullptr when memory runs out.
  template <class E>
  E* top_room(std::size_t n) noexcept {
    if (n > (std::size_t(-1) >> 1) / sizeof(E)) return nullptr;
    auto* room = static_cast<E*>(allocate(n * sizeof(E), alignof(E)));
    if (room) used_ -= n * sizeof(E);
    return room;
  }
  template <class E>
  void commit(std::size_t used) noexcept { used_ += used * sizeof(E); }

  // nullptr when memory runs out.
  void* allocate(std::size_t n, std::size_t align) noexcept {
    for (;;) {
      block& b = blocks_[current_];
      std::size_t at = (used_ + align - 1) & ~(align - 1);
      if (b.data && at + n <= b.size) {
        used_ = at + n;
        return b.data.get() + at;
      }
      if (++current_ == max_blocks) { current_ = max_blocks - 1; return nullptr; }
      used_ = 0;
      block& next = blocks_[current_];
      if (next.size < n) {  // grow geometrically; only blocks past the reserved one
        std::size_t size = n > 2 * b.size ? n : 2 * b.size;
        next = {allocate_bytes(size), size};
        if (!next.data) { next.size = 0; return nullptr; }
      }
    }
  }

 private:
  struct block {
    std::unique_ptr<std::byte[]> data;
    std::size_t size = 0;
  };
  // Each block past the reserved one at least doubles, so 40 blocks reach far beyond any
  // address space: the limit is never what stops an allocation.
  static constexpr std::size_t max_blocks = 40;
  block blocks_[max_blocks];
  std::size_t current_ = 0;
  std::size_t used_ = 0;
};

// A stack of trivially copyable elements in which lists are built while their elements
// may themselves hold nested lists; a finished list moves to the arena. It never grows
// once reserved (the decoder reserves the worst case for a document's size), so that an
// element decoded in place stays put while its own lists are built above it.
class list_stack {
 public:
  static constexpr std::size_t align = 8;

  bool reserve(std::size_t bytes) noexcept {
    if (cap_ >= bytes) return true;
    auto grown = allocate_bytes(bytes);
    if (!grown) return false;
    if (top_) std::memcpy(grown.get(), data_.get(), top_);
    data_ = std::move(grown);
    cap_ = bytes;
    return true;
  }
  std::size_t top() const noexcept { return top_; }
  // The unused part, as scratch memory for one call.
  std::span<unsigned char> spare() noexcept {
    return {reinterpret_cast<unsigned char*>(data_.get()) + top_, cap_ - top_};
  }
  void clear() noexcept { top_ = 0; }

  // A new element at the top, E{args...}; nullptr when the stack is full.
  template <class E, class... A>
  E* emplace(const A&... args) noexcept {
    static_assert(std::is_trivially_copyable_v<E> && alignof(E) <= align && sizeof(E) % align == 0);
    if (top_ + sizeof(E) > cap_) return nullptr;
    E* e = new (data_.get() + top_) E{args...};
    top_ += sizeof(E);
    return e;
  }

  // The i-th element pushed since `start`, all of type E.
  template <class E>
  E at(std::size_t start, std::size_t i) const noexcept {
    E e;
    std::memcpy(&e, data_.get() + start + i * sizeof(E), sizeof(E));
    return e;
  }
  template <class E>
  std::size_t count(std::size_t start) const noexcept { return (top_ - start) / sizeof(E); }

  // Moves the elements pushed since `start` into the arena as one list. False when
  // memory runs out.
  template <class E>
  bool finish(std::size_t start, arena& into, std::span<const E>& out) noexcept {
    std::size_t bytes = top_ - start;
    top_ = start;
    if (bytes == 0) { out = {}; return true; }
    void* dst = into.allocate(bytes, alignof(E));
    if (!dst) return false;
    std::memcpy(dst, data_.get() + start, bytes);
    out = {static_cast<const E*>(dst), bytes / sizeof(E)};
    return true;
  }
  // The same for elements pushed as R, each moved as the E that `to(R)` gives.
  template <class R, class E, class To>
  bool finish(std::size_t start, arena& into, std::span<const E>& out, To&& to) noexcept {
    std::size_t n = count<R>(start);
    top_ = start;
    if (n == 0) { out = {}; return true; }
    E* dst = static_cast<E*>(into.allocate(n * sizeof(E), alignof(E)));
    if (!dst) return false;
    for (std::size_t i = 0; i < n; ++i) new (dst + i) E(to(at<R>(start, i)));
    out = {dst, n};
    return true;
  }

 private:
  std::unique_ptr<std::byte[]> data_;
  std::size_t cap_ = 0;
  std::size_t top_ = 0;
};

}  // namespace genauth::dto::detail
