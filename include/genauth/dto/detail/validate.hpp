// Validators over untrusted text: the number grammar, int64, UTF-8, and the first syntax
// error of a document (contract D1, D4, D9). Each is one pass over its input.
//
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "../error.hpp"
#include "ascii.hpp"
#include "work_count.hpp"

namespace genauth::dto::detail {

// RFC 8259 number grammar over a whole token: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
// Sets `integral` when there is neither fraction nor exponent.
constexpr bool valid_number(std::string_view t, bool& integral) noexcept {
  std::size_t i = 0, n = t.size();
  auto digits = [&] {
    std::size_t s = i;
    while (i < n && t[i] >= '0' && t[i] <= '9') ++i;
    return i > s;
  };
  integral = true;
  if (i < n && t[i] == '-') ++i;
  if (i < n && t[i] == '0') ++i;
  else if (!digits()) return false;
  if (i < n && t[i] == '.') {
    ++i;
    integral = false;
    if (!digits()) return false;
  }
  if (i < n && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    integral = false;
    if (i < n && (t[i] == '+' || t[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == n;
}

// Integral JSON number to int64 (contract D4): bad grammar is syntax, a fraction or exponent
// is type_mismatch, out of range is invalid_value.
constexpr error_code parse_int64(std::string_view t, std::int64_t& out) noexcept {
  bool integral = false;
  if (!valid_number(t, integral)) return error_code::syntax;
  if (!integral) return error_code::type_mismatch;
  bool neg = t.front() == '-';
  if (neg) t.remove_prefix(1);
  // Accumulate as a negative number: its range holds INT64_MIN.
  constexpr std::int64_t min = INT64_MIN;
  std::int64_t v = 0;
  for (char c : t) {
    int d = c - '0';
    if (v < (min + d) / 10) return error_code::invalid_value;
    v = v * 10 - d;
  }
  if (!neg) {
    if (v == min) return error_code::invalid_value;
    v = -v;
  }
  out = v;
  return error_code::ok;
}

// Offset of the first byte that breaks UTF-8 (RFC 3629: no overlongs, no surrogates,
// nothing above U+10FFFF), or n when all of it is valid. Used on the error path only.
inline std::size_t first_invalid_utf8(const unsigned char* s, std::size_t n) noexcept {
  std::size_t i = 0;
  while (i < n) {
    unsigned c = s[i];
    if (c < 0x80) { ++i; continue; }
    std::size_t len;
    unsigned lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) len = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else return i;
    if (i + len > n) return i;
    if (s[i + 1] < lo || s[i + 1] > hi) return i;
    for (std::size_t k = 2; k < len; ++k)
      if (s[i + k] < 0x80 || s[i + k] > 0xBF) return i;
    i += len;
  }
  return n;
}

// Where `text` stops being one JSON value (RFC 8259) with only whitespace around it, or
// npos when it is one. Iterative, so any depth is fine: `stack` holds one byte per level
// (running out of it is reported as an error at that point). UTF-8 is not checked here:
// simdjson's first stage has done that. Used on error paths only.
inline std::size_t first_syntax_error(std::string_view text, std::span<unsigned char> stack) noexcept {
  constexpr std::size_t npos = std::string_view::npos;
  const std::size_t n = text.size();
  count_work(1 + n / 8);  // one pass: each byte is looked at a bounded number of times
  std::size_t i = 0, depth = 0;
  auto ws = [&] { while (i < n && is_json_ws(text[i])) ++i; };
  auto hex_at = [&](std::size_t at) {
    if (at + 4 > n) return -1;
    int v = 0;
    for (std::size_t k = at; k < at + 4; ++k) {
      char c = text[k];
      int d = c >= '0' && c <= '9' ? c - '0' : (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10 : -1;
      if (d < 0) return -1;
      v = v * 16 + d;
    }
    return v;
  };
  auto string = [&] {  // i at the opening quote; false at the offending byte
    std::size_t start = i++;
    while (i < n) {
      auto c = static_cast<unsigned char>(text[i]);
      if (c == '"') { ++i; return true; }
      if (c < 0x20) return false;
      if (c != '\\') { ++i; continue; }
      if (i + 1 >= n) return false;
      char e = text[i + 1];
      if (e != 'u') {
        if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos) return false;
        i += 2;
        continue;
      }
      int cp = hex_at(i + 2);
      if (cp < 0 || (cp >= 0xDC00 && cp <= 0xDFFF)) { i = start; return false; }
      i += 6;
      if (cp >= 0xD800 && cp <= 0xDBFF) {
        int lo = i + 1 < n && text[i] == '\\' && text[i + 1] == 'u' ? hex_at(i + 2) : -1;
        if (lo < 0xDC00 || lo > 0xDFFF) { i = start; return false; }
        i += 6;
      }
    }
    return false;
  };
  auto push = [&](char c) {
    if (depth == stack.size()) return false;
    stack[depth++] = static_cast<unsigned char>(c);
    ++i;
    return true;
  };
  for (;;) {
    // A value.
    ws();
    if (i >= n) return i;
    char c = text[i];
    bool key = false;
    if (c == '{' || c == '[') {
      if (!push(c)) return i;
      ws();
      if (i < n && text[i] == (c == '{' ? '}' : ']')) { --depth; ++i; }
      else if (c == '[') continue;
      else key = true;
    } else if (c == '"') {
      if (!string()) return i;
    } else if (c == 't' || c == 'f' || c == 'n') {
      std::string_view word = c == 't' ? "true" : c == 'f' ? "false" : "null";
      if (text.substr(i, word.size()) != word) return i;
      i += word.size();
    } else {
      std::size_t start = i;
      while (i < n && std::string_view("0123456789+-.eE").find(text[i]) != std::string_view::npos) ++i;
      bool integral = false;
      if (!valid_number(text.substr(start, i - start), integral)) return start;
    }
    // After a value: ',' or the end of its container, or the end of the text.
    for (;;) {
      if (key) {
        ws();
        if (i >= n || text[i] != '"' || !string()) return i;
        ws();
        if (i >= n || text[i] != ':') return i;
        ++i;
        break;  // its value
      }
      ws();
      if (depth == 0) return i == n ? npos : i;
      if (i >= n) return i;
      char open = static_cast<char>(stack[depth - 1]);
      if (text[i] == ',') {
        ++i;
        if (open == '{') { key = true; continue; }
        break;
      }
      if (text[i] != (open == '{' ? '}' : ']')) return i;
      --depth;
      ++i;
    }
  }
}

}  // namespace genauth::dto::detail
