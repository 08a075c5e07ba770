// The library's own checks of how it is used (contract M3): on in debug builds (no NDEBUG)
// or where GENAUTH_DTO_CHECKS is defined to 1; a failed check prints one line in the
// library's words and aborts (there may be no exceptions). And whether this build renews a
// decoder's memory on every decode, so that AddressSanitizer reports a read of a result
// whose decoder has decoded again (GENAUTH_DTO_CHECK_VIEWS: on under ASan by default).
//
// SPDX-License-Identifier: MIT
#pragma once

#include <cstdio>
#include <cstdlib>

#if !defined(GENAUTH_DTO_CHECKS)
#if defined(NDEBUG)
#define GENAUTH_DTO_CHECKS 0
#else
#define GENAUTH_DTO_CHECKS 1
#endif
#endif

#if !defined(GENAUTH_DTO_CHECK_VIEWS)
#if defined(__SANITIZE_ADDRESS__)
#define GENAUTH_DTO_CHECK_VIEWS 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define GENAUTH_DTO_CHECK_VIEWS 1
#endif
#endif
#endif
#if !defined(GENAUTH_DTO_CHECK_VIEWS)
#define GENAUTH_DTO_CHECK_VIEWS 0
#endif

namespace genauth::dto::detail {

inline constexpr bool checks = GENAUTH_DTO_CHECKS != 0;
inline constexpr bool check_views = GENAUTH_DTO_CHECK_VIEWS != 0;

[[noreturn, gnu::cold, gnu::noinline]] inline void misuse(const char* what) noexcept {
  std::fprintf(stderr, "genauth-dto: %s\n", what);
  std::abort();
}

}  // namespace genauth::dto::detail
