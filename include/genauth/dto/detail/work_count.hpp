// genauth-dto: a count of the work done on the input, for the test that proves every shape
// of input costs time linear in its size (tests/cost_test.cpp; contract D10). Every loop
// over the input adds its steps. Compiled in only where GENAUTH_DTO_COUNT_WORK is defined,
// which must then hold for the whole program; elsewhere count_work() is nothing.
//
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>

namespace genauth::dto::detail {

#if defined(GENAUTH_DTO_COUNT_WORK)
inline std::uint64_t& work_counter() noexcept {
  static thread_local std::uint64_t n = 0;
  return n;
}
constexpr void count_work(std::size_t steps) noexcept {
  if (!std::is_constant_evaluated()) work_counter() += steps;
}
#else
constexpr void count_work(std::size_t) noexcept {}
#endif

}  // namespace genauth::dto::detail
