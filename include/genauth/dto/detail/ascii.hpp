// JSON and ASCII whitespace, and trimming it.
//
// SPDX-License-Identifier: MIT
#pragma once

#include <string_view>

namespace genauth::dto::detail {

constexpr bool is_json_ws(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// ASCII whitespace as member-name trimming understands it (contract D5c).
constexpr bool is_ascii_ws(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

constexpr std::string_view trim_ascii(std::string_view s) noexcept {
  while (!s.empty() && is_ascii_ws(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ascii_ws(s.back())) s.remove_suffix(1);
  return s;
}

constexpr std::string_view trim_json_ws(std::string_view s) noexcept {
  while (!s.empty() && is_json_ws(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_json_ws(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace genauth::dto::detail
