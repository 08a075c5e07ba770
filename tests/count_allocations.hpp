// Replaces the global operator new / delete to count allocations. Include it in exactly one
// translation unit of a program.
//
// SPDX-License-Identifier: MIT
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdlib>
#include <new>

namespace count_allocations {
inline std::atomic<long> total{0};
inline void* allocate(std::size_t n, std::size_t align = 0) noexcept {
  total.fetch_add(1, std::memory_order_relaxed);
  if (align <= alignof(std::max_align_t)) return std::malloc(n ? n : 1);
  return std::aligned_alloc(align, (n + align - 1) / align * align);
}
}  // namespace count_allocations

void* operator new(std::size_t n) {
  if (void* p = count_allocations::allocate(n)) return p;
  std::abort();
}
void* operator new[](std::size_t n) { return operator new(n); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept { return count_allocations::allocate(n); }
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept { return count_allocations::allocate(n); }
void* operator new(std::size_t n, std::align_val_t a) {
  if (void* p = count_allocations::allocate(n, static_cast<std::size_t>(a))) return p;
  std::abort();
}
void* operator new[](std::size_t n, std::align_val_t a) { return operator new(n, a); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
