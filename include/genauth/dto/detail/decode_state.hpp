// What every part of the decoder shares: the state of one decode (where the input is, the
// memory it fills, the first error), what a reader reports (`got`), and the small steps over
// simdjson's tokens that the readers and walks all take.
//
// SPDX-License-Identifier: MIT
#pragma once

#include <simdjson.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <type_traits>

#include "../decode_options.hpp"
#include "../error.hpp"
#include "ascii.hpp"
#include "byte_search.hpp"
#include "scan.hpp"
#include "validate.hpp"
#include "memory.hpp"
#include "name_set.hpp"
#include "simdjson_access.hpp"

namespace genauth::dto::detail {

namespace od = simdjson::ondemand;

struct decode_state {
  od::document* doc = nullptr;
  const char* base = nullptr;
  std::size_t size = 0;
  const decode_options* opt = nullptr;
  arena* store = nullptr;
  list_stack* stack = nullptr;
  name_sets* names = nullptr;  // the unknown members' names of each object being decoded
  od::parser* list_parser = nullptr;
  char* list_buf = nullptr;
  std::size_t list_cap = 0;
  std::size_t depth = 0;
  // Raw JSON is first checked by a lean walk that only says yes or no; when it says no, the
  // whole decode runs again with the precise walk, which finds the error's pointer and offset.
  bool precise = false;
  bool retry_precisely = false;
  // The first unknown member name this walk unescaped (into the parser's string buffer,
  // which fills upwards): where the later ones are counted from (kept_member, read_object.hpp).
  const char* unescaped = nullptr;
  error err;

  std::size_t at(const char* p) const noexcept {
    if (p < base) return 0;
    auto o = static_cast<std::size_t>(p - base);
    return o > size ? size : o;
  }
  // Offset of the document iterator: the next token.
  std::size_t here() const noexcept {
    const char* p = nullptr;
    return doc->current_location().get(p) ? size : at(p);
  }
  // Offset of a member name's opening quote, from its first byte.
  std::size_t name_at(const char* raw_key) const noexcept { return at(raw_key) - 1; }
  // Offset of a value's first byte; valid even after a failed read of it.
  std::size_t offset_of(od::value& v) const noexcept { return at(v.raw_json_token().data()); }
  // The same, kept out of line for the error paths.
  [[gnu::cold, gnu::noinline]] std::size_t where(od::value& v) const noexcept { return offset_of(v); }
  // Errors are rare: kept out of line so that the hot loops stay small.
  [[gnu::cold, gnu::noinline]] bool fail(error_code c, std::size_t offset, const char* message) noexcept {
    err = error(c, offset, message);
    return false;
  }
  [[gnu::cold, gnu::noinline]] bool fail(simdjson::error_code e, std::size_t offset) noexcept {
    // simdjson finds an unbalanced document before reading it: point at its last byte.
    if (e == simdjson::INCOMPLETE_ARRAY_OR_OBJECT) offset = last_byte();
    bool limit = e == simdjson::DEPTH_ERROR || e == simdjson::CAPACITY || e == simdjson::MEMALLOC;
    return fail(limit ? error_code::capacity : error_code::syntax, offset, message_for(e));
  }
  // In the library's own words, whichever simdjson reported it (its texts change between
  // releases; README.md, "Where it builds").
  static const char* message_for(simdjson::error_code e) noexcept {
    switch (e) {
      case simdjson::UTF8_ERROR: return "invalid UTF-8";
      case simdjson::UNESCAPED_CHARS: return "a control character inside a string must be escaped";
      case simdjson::UNCLOSED_STRING: return "string without its closing quote";
      case simdjson::STRING_ERROR: return "invalid escape in a string";
      case simdjson::T_ATOM_ERROR:
      case simdjson::F_ATOM_ERROR:
      case simdjson::N_ATOM_ERROR: return "invalid literal";
      case simdjson::NUMBER_ERROR: return "invalid number";
      case simdjson::INCOMPLETE_ARRAY_OR_OBJECT: return "object or array without its closing bracket";
      case simdjson::TRAILING_CONTENT: return "trailing content after the JSON value";
      case simdjson::EMPTY: return "no JSON value";
      case simdjson::DEPTH_ERROR: return "nesting deeper than the parser allows";
      case simdjson::CAPACITY: return "document larger than the parser allows";
      case simdjson::MEMALLOC: return "out of memory";
      default: return unexpected_token;
    }
  }
  static constexpr const char* unexpected_token = "unexpected token";
  std::size_t last_byte() const noexcept {
    std::size_t n = size;
    while (n > 0 && is_json_ws(base[n - 1])) --n;
    return n ? n - 1 : 0;
  }
  std::size_t first_syntax_error() noexcept {
    return detail::first_syntax_error({base, size}, stack->spare());
  }
  bool out_of_memory() noexcept { return fail(error_code::capacity, here(), "out of memory"); }
  // The list stack holds what the bound on memory per input byte allows and cannot grow
  // during a decode (contract D10, decoder::reserve); items that need more (a list of users
  // with almost nothing in them, under relax_required) are refused, never truncated.
  bool list_bound() noexcept {
    return fail(error_code::capacity, here(), "list items need more memory than 8 bytes per input byte allow");
  }
  bool repeated_name(std::size_t offset) noexcept {
    return fail(error_code::duplicate_key, offset, "member name appears twice in one object");
  }
  template <class E>
  bool finish(std::size_t start, std::span<const E>& out) noexcept {
    return stack->finish(start, *store, out) || out_of_memory();
  }
  template <class E>
  bool push(const E& e) noexcept {
    return stack->emplace<E>(e) || list_bound();
  }
  // Before the precise run (first_error.hpp): what the failed run kept is dropped.
  void restart_precisely() noexcept {
    store->reset();
    stack->clear();
    names->clear();
    precise = true;
    retry_precisely = false;
    unescaped = nullptr;
    depth = 0;
  }
};

// What a reader did. Each reader tries its JSON type straight away (no type() query on the
// hot path) and says `other` when the value has another type, leaving the verdict (null,
// mismatch, malformed literal) to the caller; `failed` means the error is set; `unread`:
// read, but its token is left for the walk to step over together with the ',' after it
// (and the next name: one move of the token position for all of them).
enum class got : std::uint8_t { ok, other, null, failed, unread };

// Most strings hold no escape: then the text between the quotes is the value (stage 1 has
// checked its UTF-8 and control bytes), taken in place, without simdjson's unescaping copy.
// Consumes the value when it is such a string (unless Consume is false: then the caller
// steps over its token); otherwise leaves it for get_string(). Inlined: the view then stays
// in registers (storing it through a pointer and reading it back whole stalls store
// forwarding).
// The closing quote of a string token without escapes; nullptr for any other token.
[[gnu::always_inline]] inline const char* plain_string_end(std::string_view token) noexcept {
  return token.front() == '"' ? closing_quote_padded(token.data() + 1, token.data() + token.size()) : nullptr;
}

template <bool Consume = true>
[[gnu::always_inline]] inline bool read_plain_string(od::value& v, std::string_view& out) noexcept {
  std::string_view token = v.raw_json_token();  // from the quote up to the next token
  const char* quote = plain_string_end(token);
  if (!quote) return false;
  if constexpr (Consume)
    if (!consume_string(v)) return false;
  out = std::string_view(token.data() + 1, static_cast<std::size_t>(quote - token.data() - 1));
  return true;
}

// A scalar value checked by its bytes alone, without simdjson's reads: a string without
// escapes (stage 1 has checked its UTF-8 and control bytes), a number, a literal. `text` is
// the value as kept. False for anything else (escapes, containers, bad input): the walk
// takes those, and finds the error when there is one. The token is left for
// advance_past_scalar().
[[gnu::always_inline]] inline bool plain_scalar(std::string_view token, std::string_view& text) noexcept {
  char c = token.front();
  if (c == '[' || c == '{') return false;
  if (c == '"') {
    const char* quote = plain_string_end(token);
    if (!quote) return false;
    text = std::string_view(token.data(), static_cast<std::size_t>(quote - token.data()) + 1);
    return true;
  }
  while (is_json_ws(token.back())) token.remove_suffix(1);  // (a token starts with no space)
  text = token;
  bool integral = false;
  if (c == '-' || (c >= '0' && c <= '9')) return valid_number(token, integral);
  return token == "true" || token == "false" || token == "null";
}

// The JSON type of a value (or document); false for a token that starts no JSON value
// (simdjson 3 says so with an error, simdjson 4 with json_type::unknown).
template <class V>
inline bool type_of(V& v, od::json_type& t) noexcept {
  if (v.type().get(t)) return false;
  switch (t) {
    case od::json_type::object:
    case od::json_type::array:
    case od::json_type::string:
    case od::json_type::number:
    case od::json_type::boolean:
    case od::json_type::null: return true;
    default: return false;
  }
}

// Reads each element of an array with `element(value)` (true or false, or a `got` that may
// be `unread`); on failure the element's index goes into the error's pointer.
template <class Fn>
bool for_each_element(decode_state& s, od::array& a, Fn&& element) noexcept {
  std::size_t i = 0;
  for (cursor elements(a); elements.more(); ++i) {
    od::value v = elements.value();
    simdjson::error_code e;
    if constexpr (std::is_same_v<decltype(element(v)), got>) {
      got g = element(v);
      if (g != got::ok && g != got::unread) { s.err.prepend_index(i); return false; }
      e = g == got::unread ? elements.advance_past_scalar() : elements.advance();
    } else {
      if (!element(v)) { s.err.prepend_index(i); return false; }
      e = elements.advance();
    }
    if (e) return s.fail(e, s.here());
  }
  return true;
}

inline got fail_with(decode_state& s, simdjson::error_code e, std::size_t at) noexcept {
  if (e == simdjson::INCORRECT_TYPE) return got::other;
  s.fail(e, at);
  return got::failed;
}

}  // namespace genauth::dto::detail
