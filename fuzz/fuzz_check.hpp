// What every fuzz target shares: a failure that stops the fuzzer with a message, and the
// check that an error is well formed.
//
// SPDX-License-Identifier: MIT
#pragma once

#include <genauth/dto.hpp>

#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace fuzz {

namespace dto = genauth::dto;

[[noreturn]] inline void fail(const char* what, std::string_view detail = {}) {
  std::fprintf(stderr, "fuzz check failed: %s %.*s\n", what, static_cast<int>(detail.size()), detail.data());
  std::abort();
}

inline void check(bool ok, const char* what, std::string_view detail = {}) {
  if (!ok) fail(what, detail);
}

// A known code, an RFC 6901 pointer (possibly cut in the middle, with "..."), valid UTF-8,
// an offset inside the input, a one-line message.
inline void check_error(const dto::error& e, std::size_t input_size) {
  check(e.code() != dto::error_code::ok && dto::to_string(e.code()) != "unknown", "error code");
  std::string_view p = e.pointer();
  check(p.size() <= dto::error::pointer_capacity, "pointer within its capacity", p);
  check(dto::detail::first_invalid_utf8(reinterpret_cast<const unsigned char*>(p.data()), p.size()) == p.size(),
        "pointer is valid UTF-8");
  check(p.empty() || p.front() == '/', "pointer starts with /", p);
  for (std::size_t i = 0; i < p.size(); ++i)
    if (p[i] == '~') check(i + 1 < p.size() && (p[i + 1] == '0' || p[i + 1] == '1'), "pointer escape", p);
  check(e.offset() <= input_size, "offset within the input");
  check(!e.message().empty() && e.message().find('\n') == std::string_view::npos, "one-line message");
}

}  // namespace fuzz
