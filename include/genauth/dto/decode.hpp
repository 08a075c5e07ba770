// The decoder: simdjson On-Demand, one pass over each object, every value read (so every
// byte is validated), key dispatch through the compile-time field table.
//
// SPDX-License-Identifier: MIT
#pragma once

#include <simdjson.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <array>
#include <bit>
#include <optional>
#include <span>
#include <string_view>
#include <utility>

#include "chrono.hpp"
#include "detail/json_text.hpp"
#include "detail/memory.hpp"
#include "detail/name_set.hpp"
#include "detail/simdjson_access.hpp"
#include "enums.hpp"
#include "error.hpp"
#include "kind.hpp"
#include "raw_json.hpp"
#include "reflect.hpp"
#include "response.hpp"

// simdjson compiles On-Demand for the SIMD kernel the compiler flags allow, and for its
// generic one when they allow none (plain x86-64). Define GENAUTH_DTO_KERNEL_NOTICE to be
// told so, once per translation unit. Opt-in, since a user's build must stay free of any
// diagnostic from these headers (README.md, "Where it builds"); GCC only: there it
// is a note, while clang makes it a warning, which -Werror would make fatal.
#if defined(GENAUTH_DTO_KERNEL_NOTICE) && defined(__GNUC__) && !defined(__clang__) && \
    !(SIMDJSON_CAN_ALWAYS_RUN_ICELAKE) && !(SIMDJSON_CAN_ALWAYS_RUN_HASWELL) && !(SIMDJSON_CAN_ALWAYS_RUN_WESTMERE) && \
    !(SIMDJSON_CAN_ALWAYS_RUN_ARM64) && !(SIMDJSON_CAN_ALWAYS_RUN_PPC64)
#pragma message( \
    "genauth-dto: simdjson On-Demand uses its generic kernel in this build; compile with -march=native, or the oldest CPU you deploy to (e.g. -march=haswell), for a SIMD one")
#endif

namespace genauth::dto {

struct decode_options {
  // Accept a DTO whose table says `scope_limited` (UserDto) without some required members;
  // the absent ones are flagged in `missing` and left out when encoding.
  bool relax_required = false;
  // An unknown member is invalid_value instead of being kept.
  bool reject_unknown_members = false;
  // An enumeration value outside the list is invalid_value instead of `unknown`.
  bool reject_unknown_enums = false;
  // Deepest nesting accepted (the root object is depth 1); deeper input is `capacity`.
  std::size_t max_depth = 256;
  // Longest document accepted; longer input is `capacity`.
  // simdjson indexes a document with 32-bit offsets (contract D9 `capacity`).
  std::size_t max_document_bytes = simdjson::SIMDJSON_MAXSIZE_BYTES - simdjson::SIMDJSON_PADDING;
};

namespace detail {

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
  // which fills upwards): where the later ones are counted from (kept_member, below).
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
  bool repeated_name(std::size_t offset) noexcept {
    return fail(error_code::duplicate_key, offset, "member name appears twice in one object");
  }
  template <class E>
  bool finish(std::size_t start, std::span<const E>& out) noexcept {
    return stack->finish(start, *store, out) || out_of_memory();
  }
  template <class E>
  bool push(const E& e) noexcept {
    return stack->emplace<E>(e) || out_of_memory();
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

// --- raw JSON: walk every value so that every byte is checked ------------------------

// The lean walk: every value read, nothing else. No error details, so that nothing takes the
// value's address and simdjson's iterator state stays in registers (the two walks' speeds
// are in bench/README.md).
inline bool valid_value(od::value v, std::size_t depth, std::size_t max_depth, const char* end) noexcept {
  // The step over the member or element under a cursor: a plain scalar checked by its
  // bytes, anything else walked.
  auto valid_item = [&](auto& items) __attribute__((always_inline)) {
    od::value item = items.value();
    std::string_view ignored;
    if (plain_scalar(item.raw_json_token(), ignored)) return !items.advance_past_scalar();
    return valid_value(item, depth + 1, max_depth, end) && !items.advance();
  };
  od::json_type t;
  if (!type_of(v, t)) return false;
  switch (t) {
    case od::json_type::object: {
      od::object o;
      if (depth > max_depth || v.get_object().get(o)) return false;
      for (cursor members(o); members.more();) {
        const char* raw_key = nullptr;
        std::string_view key;
        if (members.next(raw_key) || members.name(raw_key, end).get(key) ||
            !valid_item(members))
          return false;
      }
      return true;
    }
    case od::json_type::array: {
      od::array a;
      if (depth > max_depth || v.get_array().get(a)) return false;
      for (cursor elements(a); elements.more();) {
        if (!valid_item(elements)) return false;
      }
      return true;
    }
    case od::json_type::string: {
      std::string_view ignored;
      return read_plain_string(v, ignored) || !v.get_string().get(ignored);
    }
    case od::json_type::number: {
      bool integral = false;
      return valid_number(trim_json_ws(v.raw_json_token()), integral);
    }
    case od::json_type::boolean: {
      bool ignored = false;
      return !v.get_bool().get(ignored);
    }
    case od::json_type::null: {
      bool is_null = false;
      return !v.is_null().get(is_null) && is_null;
    }
    default: return false;  // type_of() has ruled the rest out
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

// The precise walk: the same checks, and on failure the error with its pointer and offset.
inline bool walk(decode_state& s, od::value v, std::size_t depth) noexcept {
  if (!s.precise) {
    if (valid_value(v, depth, s.opt->max_depth, s.base + s.size)) return true;
    s.retry_precisely = true;
    return s.fail(error_code::syntax, s.where(v), "invalid JSON");
  }
  using jt = od::json_type;
  od::json_type t;
  if (!type_of(v, t)) return s.fail(simdjson::TAPE_ERROR, s.where(v));
  switch (t) {
    case jt::object: {
      if (depth > s.opt->max_depth) return s.fail(error_code::capacity, s.where(v), "nesting deeper than max_depth");
      od::object o;
      if (auto e = v.get_object().get(o)) return s.fail(e, s.where(v));
      for (cursor members(o); members.more();) {
        const char* raw_key = nullptr;
        std::string_view key;
        if (auto e = members.next(raw_key)) return s.fail(e, s.here());
        od::value member_value = members.value();
        if (auto e = members.name(raw_key, s.base + s.size).get(key)) return s.fail(e, s.here());
        if (!walk(s, member_value, depth + 1)) { s.err.prepend_key(key); return false; }
        if (auto e = members.advance()) return s.fail(e, s.here());
      }
      return true;
    }
    case jt::array: {
      if (depth > s.opt->max_depth) return s.fail(error_code::capacity, s.where(v), "nesting deeper than max_depth");
      od::array a;
      if (auto e = v.get_array().get(a)) return s.fail(e, s.where(v));
      return for_each_element(s, a, [&](od::value& element) { return walk(s, element, depth + 1); });
    }
    case jt::string: {
      std::string_view ignored;
      if (auto e = v.get_string().get(ignored)) return s.fail(e, s.where(v));
      return true;
    }
    case jt::number: {
      bool integral = false;
      if (!valid_number(trim_json_ws(v.raw_json_token()), integral))
        return s.fail(error_code::syntax, s.where(v), "invalid number");
      return true;
    }
    case jt::boolean: {
      bool ignored = false;
      if (v.get_bool().get(ignored)) return s.fail(error_code::syntax, s.where(v), "invalid literal");
      return true;
    }
    case jt::null: {
      bool is_null = false;
      if (v.is_null().get(is_null) || !is_null) return s.fail(error_code::syntax, s.where(v), "invalid literal");
      return true;
    }
    default: break;  // type_of() has ruled the rest out
  }
  return s.fail(simdjson::TAPE_ERROR, s.where(v));
}

// Validates a value and keeps its exact text.
inline bool read_raw(decode_state& s, od::value& v, raw_json& out) noexcept {
  std::string_view token = v.raw_json_token();
  if (!walk(s, v, s.depth + 1)) return false;
  if (token.front() != '{' && token.front() != '[') {
    out.text = trim_json_ws(token);
    return true;
  }
  // A member's value is always followed by ',' or '}': the iterator now points there.
  const char* end = nullptr;
  if (s.doc->current_location().get(end)) end = s.base + s.size;
  out.text = trim_json_ws(std::string_view(token.data(), static_cast<std::size_t>(end - token.data())));
  return true;
}

// --- one reader per member kind -------------------------------------------------------
// (their results: `got`, above)

inline got fail_with(decode_state& s, simdjson::error_code e, std::size_t at) noexcept {
  if (e == simdjson::INCORRECT_TYPE) return got::other;
  s.fail(e, at);
  return got::failed;
}

[[gnu::always_inline]] inline got read(decode_state& s, od::value& v, std::string_view& out) noexcept {
  if (read_plain_string(v, out)) return got::ok;
  auto e = v.get_string().get(out);
  return e ? fail_with(s, e, s.where(v)) : got::ok;
}

inline got read(decode_state& s, od::value& v, timestamp& out) noexcept { return read(s, v, out.text); }

[[gnu::cold, gnu::noinline]] inline got fail_unknown_enum(decode_state& s, od::value& v) noexcept {
  s.fail(error_code::invalid_value, s.where(v), "value is not one of the enumeration's");
  return got::failed;
}

// An enumeration's text, classified. Text taken in place (`in_place`) is followed by its
// closing quote in padded input: compared in words.
template <class E>
[[gnu::always_inline]] inline got classify(decode_state& s, od::value& v, std::string_view text, bool in_place,
                                           enum_value<E>& out) noexcept {
  using table = name_table<enum_names<E>>;
  int i = in_place ? table::find_raw(text.data(), text.size()) : table::find(text);
  out.value = i > 0 ? static_cast<E>(i) : E::unknown;
  out.text = text;
  return !out.known() && s.opt->reject_unknown_enums ? fail_unknown_enum(s, v) : got::ok;
}

template <class E>
got read(decode_state& s, od::value& v, enum_value<E>& out) noexcept {
  std::string_view text;
  if (got g = read(s, v, text); g != got::ok) return g;
  // (addresses compared as integers: unescaped text lies in another buffer)
  bool in_place = reinterpret_cast<std::uintptr_t>(text.data()) - reinterpret_cast<std::uintptr_t>(s.base) < s.size;
  return classify(s, v, text, in_place, out);
}

inline got read(decode_state& s, od::value& v, std::int64_t& out) noexcept {
  std::string_view token = v.raw_json_token();
  if (token.empty() || (token[0] != '-' && (token[0] < '0' || token[0] > '9'))) return got::other;
  // simdjson's parser accepts exactly the integral JSON numbers that fit; anything else
  // gets our own verdict (fraction or exponent, out of range, bad grammar).
  if (v.get_int64().get(out) == simdjson::SUCCESS) return got::ok;
  const char* message = nullptr;
  error_code c = parse_int64(trim_json_ws(token), out);
  if (c == error_code::ok) return got::ok;
  if (c == error_code::type_mismatch) message = "expected an integer, not a fraction or exponent";
  else if (c == error_code::invalid_value) message = "integer out of int64 range";
  else message = "invalid number";
  s.fail(c, s.where(v), message);
  return got::failed;
}

inline got read(decode_state& s, od::value& v, bool& out) noexcept {
  auto e = v.get_bool().get(out);
  return e ? fail_with(s, e, s.where(v)) : got::ok;
}

inline got read(decode_state& s, od::value& v, raw_json& out) noexcept {
  if (v.raw_json_token().front() != '{') return got::other;
  return read_raw(s, v, out) ? got::ok : got::failed;
}

// The quirk of contract D5a: a string holding a JSON array of strings. It is a document of
// its own, parsed from a padded copy by the second parser; its strings are copied out,
// since that parser's buffer is reused by the next such string.
inline got read_stringified(decode_state& s, std::size_t at, std::string_view text,
                            std::span<const std::string_view>& out) noexcept {
  if (trim_ascii(text).empty()) { out = {}; return got::ok; }
  auto bad = [&] {
    s.fail(error_code::invalid_value, at, "string does not hold a JSON array of strings");
    return got::failed;
  };
  if (starts_with_bom(text)) return bad();
  if (text.size() + simdjson::SIMDJSON_PADDING > s.list_cap) return bad();  // cannot happen: reserved
  std::memcpy(s.list_buf, text.data(), text.size());
  std::memset(s.list_buf + text.size(), 0, simdjson::SIMDJSON_PADDING);
  od::document inner;
  od::array a;
  if (s.list_parser->iterate(s.list_buf, text.size(), s.list_cap).get(inner) || inner.get_array().get(a)) return bad();
  std::size_t start = s.stack->top();
  for (cursor elements(a); elements.more();) {
    std::string_view item;
    if (elements.value().get_string().get(item)) return bad();
    auto* copy = static_cast<char*>(s.store->allocate(item.size(), 1));
    if (!copy && !item.empty()) return s.out_of_memory(), got::failed;
    if (!item.empty()) std::memcpy(copy, item.data(), item.size());
    if (!s.push(std::string_view(copy, item.size()))) return got::failed;
    if (elements.advance()) return bad();
  }
  const char* tail = nullptr;
  if (!inner.current_location().get(tail)) return bad();
  return s.finish(start, out) ? got::ok : got::failed;
}


[[gnu::always_inline]] inline got read_member(decode_state& s, od::value& v, auto& slot, const char* expected) noexcept;

inline got read(decode_state& s, od::value& v, std::span<const std::string_view>& out) noexcept {
  od::array a;
  if (auto e = v.get_array().get(a)) {
    std::string_view text;
    std::size_t at = s.offset_of(v);
    if (auto e2 = v.get_string().get(text)) return e == simdjson::INCORRECT_TYPE ? fail_with(s, e2, at) : fail_with(s, e, at);
    return read_stringified(s, at, text, out);
  }
  // Built straight in the arena: its elements hold no lists, and reading them allocates
  // nothing. Each takes at least two input bytes (""), so the rest of the input bounds the
  // count.
  auto* items = s.store->top_room<std::string_view>((s.size - s.offset_of(v)) / 2 + 1);
  if (!items) return s.out_of_memory(), got::failed;
  std::size_t n = 0;
  bool ok = for_each_element(s, a, [&](od::value& ev) __attribute__((always_inline)) {
    std::string_view item;
    got g = read_plain_string<false>(ev, item) ? got::unread : read_member(s, ev, item, "expected a string");
    if (g == got::ok || g == got::unread) items[n++] = item;
    return g;
  });
  s.store->commit<std::string_view>(n);
  if (ok) out = {items, n};
  return ok ? got::ok : got::failed;
}

template <described T>
bool decode_object(decode_state& s, od::object& o, std::size_t start, T& out) noexcept;

template <described D>
got read(decode_state& s, od::value& v, D& out) noexcept {
  std::size_t start = s.offset_of(v);
  od::object o;
  if (auto e = v.get_object().get(o)) return fail_with(s, e, start);
  return decode_object(s, o, start, out) ? got::ok : got::failed;
}

// contract D5b: an array of objects, or one object standing for a list of one.
template <described D>
got read(decode_state& s, od::value& v, std::span<const D>& out) noexcept {
  // Each object is decoded in place: the one object straight into the arena, array elements
  // on the stack (which stays put), from where the finished list moves to the arena.
  if (v.raw_json_token().front() == '{') {
    void* memory = s.store->allocate(sizeof(D), alignof(D));
    if (!memory) return s.out_of_memory(), got::failed;
    D* one = new (memory) D{};
    got g = read(s, v, *one);
    if (g == got::ok) out = {one, 1};
    return g;
  }
  std::size_t start = s.stack->top();
  od::array a;
  if (auto e = v.get_array().get(a)) return fail_with(s, e, s.where(v));
  bool ok = for_each_element(s, a, [&](od::value& ev) {
    D* item = s.stack->emplace<D>();
    return item ? read_member(s, ev, *item, "expected an object") == got::ok : s.out_of_memory();
  });
  return ok && s.finish(start, out) ? got::ok : got::failed;
}

// After a reader said `other`: a null (a valid literal) is `null` when the slot may be
// absent; anything else is type_mismatch, or syntax when it is a malformed literal.
inline got not_this_type(decode_state& s, od::value& v, bool null_ok, const char* expected) noexcept {
  od::json_type t;
  if (!type_of(v, t)) return s.fail(simdjson::TAPE_ERROR, s.where(v)), got::failed;
  if (t == od::json_type::boolean || t == od::json_type::null) {
    std::string_view token = trim_json_ws(v.raw_json_token());
    if (token != "true" && token != "false" && token != "null")
      return s.fail(error_code::syntax, s.where(v), "invalid literal"), got::failed;
    if (t == od::json_type::null && null_ok) return got::null;
    if (t == od::json_type::null) expected = "required member is null";
  }
  s.fail(error_code::type_mismatch, s.where(v), expected);
  return got::failed;
}

// Reads a slot that must hold a value of its type (a required member, a list element).
[[gnu::always_inline]] inline got read_member(decode_state& s, od::value& v, auto& slot, const char* expected) noexcept {
  got g = read(s, v, slot);
  return g == got::other ? not_this_type(s, v, false, expected) : g;
}

template <class M>
got read_slot_general(decode_state& s, od::value& v, M& slot) noexcept;

// Reads a member into its slot: a null leaves an optional one empty (got::null). One
// instance per member type, shared by every field of that type: inlined into each field's
// case, the readers made UserDto's loop larger than the instruction cache holds next to
// simdjson's stage 1 (bench/README.md).
// The usual member (a string without escapes, a boolean, an integer that simdjson's parser
// takes) is read here with almost no frame, a string's token left for the walk (`unread`);
// all else goes on to read_slot_general (a failed get_* has consumed nothing). Merged, the
// rare paths' six saved registers and realigned stack cost every member, about a tenth of a
// small document's decode.
template <class M>
[[gnu::noinline]] got read_slot(decode_state& s, od::value& v, M& slot) noexcept {
  using V = typename unwrap_optional<M>::type;
  auto value = [&]() -> V& {
    if constexpr (is_optional<M>::value) return slot.emplace();
    else return slot;
  };
  constexpr member_kind kind = kind_of<V>;
  if constexpr (is_string_kind(kind)) {
    std::string_view text;
    if (read_plain_string<false>(v, text)) {
      if constexpr (kind == member_kind::string) value() = text;
      else if constexpr (kind == member_kind::timestamp) value().text = text;
      else if (classify(s, v, text, true, value()) == got::failed) return got::failed;
      return got::unread;
    }
  } else if constexpr (kind == member_kind::boolean || kind == member_kind::integer) {
    V x;
    if (v.get(x) == simdjson::SUCCESS) return value() = x, got::ok;
  }
  return read_slot_general(s, v, slot);
}

template <class M>
[[gnu::noinline]] got read_slot_general(decode_state& s, od::value& v, M& slot) noexcept {
  if constexpr (is_optional<M>::value) {
    got g = read(s, v, slot.emplace());
    if (g == got::other) {
      bool null = false;  // the usual other: a null literal, checked (and consumed) first
      g = !v.is_null().get(null) && null ? got::null : not_this_type(s, v, true, expected_json(kind_of<M>));
    }
    if (g == got::null) slot.reset();
    return g;
  } else {
    return read_member(s, v, slot, expected_json(kind_of<M>));
  }
}

// --- objects ------------------------------------------------------------------------------

// Whether required_on_success members are required for this DTO value.
template <class T>
constexpr bool succeeded(const T& dto) {
  if constexpr (requires { describe<T>::success(dto); }) return describe<T>::success(dto);
  else return false;
}

template <class T>
constexpr bool scope_limited() {
  if constexpr (requires { describe<T>::scope_limited; }) return describe<T>::scope_limited;
  else return false;
}

// Each field's reader hands its slot to read_slot for the slot's type; the decoder calls it
// through a table indexed like the field table. A table of calls rather than a switch over
// inlined reads keeps the decoder's hot code small enough to share the instruction cache
// with simdjson's.
template <class T, std::size_t I>
got read_field(decode_state& s, od::value& v, T& out) noexcept {
  return read_slot(s, v, out.*(field_at<T, I>::member));
}
template <class T>
using field_reader = got (*)(decode_state&, od::value&, T&) noexcept;
template <class T>
inline constexpr auto field_readers = []<std::size_t... I>(std::index_sequence<I...>) {
  return std::array<field_reader<T>, sizeof...(I)>{&read_field<T, I>...};
}(std::make_index_sequence<field_count<T>>{});

// The error for the first member (in table order) of `unmet`: absent, or null though
// required_on_success.
template <class T>
[[gnu::cold, gnu::noinline]] bool fail_unmet(decode_state& s, std::uint64_t unmet, std::uint64_t seen,
                                             std::size_t start, std::size_t null_at) noexcept {
  int i = std::countr_zero(unmet);
  if ((seen >> i) & 1) s.fail(error_code::type_mismatch, null_at, "required member is null");
  else s.fail(error_code::missing_field, start, "required member is missing");
  s.err.prepend_key(field_names<T>::names[static_cast<std::size_t>(i)]);
  return false;
}

// An unknown member while its object is read: offsets, 16 bytes instead of a member's 32
// (contract D10: the list is copied out when the object ends, and both copies count). The
// value lies in the input, and the name too unless it was unescaped (then `in_buffer`, and
// counted from decode_state::unescaped). Documents are shorter than 4 GB (simdjson's limit).
struct kept_member {
  static constexpr unsigned name_size_bits = 31;
  std::uint32_t name_at;
  std::uint32_t name_size : name_size_bits;
  std::uint32_t in_buffer : 1;
  std::uint32_t value_at = 0, value_size = 0;
};

// The record of a member named `name` whose value starts at `value`, or false (the error
// set) when the name is too long for one.
inline bool keep(decode_state& s, std::string_view name, const char* value, kept_member& out) noexcept {
  auto from = [](const char* p, const char* base) { return reinterpret_cast<std::uintptr_t>(p) - reinterpret_cast<std::uintptr_t>(base); };
  std::uintptr_t at = from(name.data(), s.base);
  bool in_buffer = at >= s.size;
  if (in_buffer) {
    if (!s.unescaped) s.unescaped = name.data();
    at = from(name.data(), s.unescaped);
  }
  if (name.size() >> kept_member::name_size_bits || at >> 32)
    return s.fail(error_code::capacity, s.at(value), "unknown member name longer than 2 GB");
  out.name_at = static_cast<std::uint32_t>(at);
  out.name_size = static_cast<std::uint32_t>(name.size()) & ((1u << kept_member::name_size_bits) - 1);
  out.in_buffer = in_buffer;
  out.value_at = static_cast<std::uint32_t>(value - s.base);
  return true;
}
inline std::string_view name_of(const decode_state& s, kept_member k) noexcept {
  return {(k.in_buffer ? s.unescaped : s.base) + k.name_at, k.name_size};
}
inline const char* value_of(const decode_state& s, kept_member k) noexcept { return s.base + k.value_at; }
inline void keep_value(decode_state& s, std::string_view text, kept_member& k) noexcept {
  k.value_at = static_cast<std::uint32_t>(text.data() - s.base);
  k.value_size = static_cast<std::uint32_t>(text.size());
}

// The trimmed name of the i-th unknown member of the object whose list starts at `start`.
inline std::string_view unknown_name(decode_state& s, std::size_t start, std::size_t i) noexcept {
  return trim_ascii(name_of(s, s.stack->at<kept_member>(start, i)));
}

// Adds an unknown member's name to its object's set: false, with the error set, when it
// repeats an earlier name there (found at once among the first few) or memory runs out.
inline bool unknown_name_add(decode_state& s, std::size_t start, std::size_t mark, std::size_t n,
                             std::string_view name, const char* raw_key) noexcept {
  switch (s.names->add(mark, n, name, [&](std::size_t i) { return unknown_name(s, start, i); })) {
    case name_sets::outcome::added: return true;
    case name_sets::outcome::duplicate:
      return s.repeated_name(s.name_at(raw_key));
    case name_sets::outcome::full: break;
  }
  return s.out_of_memory();
}

// Past the first few, an object's unknown members are checked for repeated names when it
// ends, or when it fails: such a name then lies before the failure, so it is the error to
// report (the first in the document wins, contract D9). True when there is none.
[[gnu::noinline]] inline bool no_repeated_unknown(decode_state& s, std::size_t start, std::size_t mark,
                                                 std::size_t n) noexcept {
  // Grouped where the list is about to be copied (contract D10: memory a decode touches anyway).
  static_assert(name_sets::scratch_bytes(1) <= sizeof(member));
  void* scratch = s.store->top_room<member>(n);
  if (!scratch) return s.out_of_memory();
  std::size_t i = s.names->first_duplicate(mark, n, [&](std::size_t k) { return unknown_name(s, start, k); }, scratch);
  if (i == n) return true;
  kept_member m = s.stack->at<kept_member>(start, i);
  s.repeated_name(s.at(name_before_value(s.base, value_of(s, m))));
  s.err.prepend_key(name_of(s, m));
  return false;
}

// A member whose raw name is neither the expected one nor the next: its name unescaped,
// trimmed (contract D5c) and looked up. Returns the field's index, with `key` the name as sent
// when it differs from the table's; or -1 when the table lacks the name and the member was
// kept as an unknown one (the `unknowns`-th, counted in), -3 when so kept with its value's
// token left for advance_past_scalar(); or -2 on an error.
template <described T>
[[gnu::noinline]] int unlisted_member(decode_state& s, cursor<od::object>& members, const char* raw_key, od::value& v,
                                      std::size_t unknown_start, std::size_t names_mark, std::size_t& unknowns,
                                      std::string_view& key) noexcept {
  // In minified JSON the name ends right before the ':' that precedes the value: a name of
  // the table is then found without scanning for its end (one with a backslash never is).
  // Such a name without a backslash, and without a space at either end, is also the name
  // to keep when the table lacks it: nothing to unescape or trim.
  std::string_view token = v.raw_json_token();
  const char* value_at = token.data();
  std::string_view name;
  if (value_at[-1] == ':' && value_at[-2] == '"') {
    auto len = static_cast<std::size_t>(value_at - 2 - raw_key);
    int index = name_index<T>::find_raw(raw_key, len);
    if (index >= 0) return index;
    auto spaced = [](char c) { return static_cast<unsigned char>(c) <= ' ' && is_ascii_ws(c); };
    if (closing_quote_padded(raw_key, value_at) == value_at - 2 && (len == 0 || (!spaced(raw_key[0]) && !spaced(raw_key[len - 1]))))
      key = name = std::string_view(raw_key, len);
  }
  if (!name.data()) {
    if (auto e = members.name(raw_key, s.base + s.size).get(key)) return s.fail(e, s.name_at(raw_key)), -2;
    name = trim_ascii(key);
    // Neither escaped nor padded with spaces: compared in words, as it stands in the input.
    bool as_sent = key.data() == raw_key && name.size() == key.size();
    int index = as_sent ? name_index<T>::find_raw(raw_key, key.size()) : field_index<T>(name);
    if (index >= 0) return index;
  }
  if (s.opt->reject_unknown_members) {
    s.fail(error_code::invalid_value, s.name_at(raw_key), "unknown member");
  } else if (unknown_name_add(s, unknown_start, names_mark, unknowns, name, raw_key)) {
    // Kept before its value is read, so that a failure there still sees its name (below).
    if (kept_member record; keep(s, key, value_at, record)) {
      kept_member* kept = s.stack->emplace<kept_member>(record);
      raw_json value;
      if (!kept) s.out_of_memory();
      else if (++unknowns; plain_scalar(token, value.text)) return keep_value(s, value.text, *kept), -3;
      else if (read_raw(s, v, value)) return keep_value(s, value.text, *kept), -1;
    }
  }
  s.err.prepend_key(key);
  return -2;
}

// One object of a DTO: its members in one pass, then the required ones checked by mask.
// Inlined into the DTO's reader (one call less per identity in a list: measured faster).
template <described T>
[[gnu::always_inline]] inline bool decode_object(decode_state& s, od::object& o, std::size_t start, T& out) noexcept {
  if (++s.depth > s.opt->max_depth) return s.fail(error_code::capacity, start, "nesting deeper than max_depth");
  constexpr int count = static_cast<int>(field_count<T>);
  std::uint64_t seen = 0;
  std::size_t unknown_start = s.stack->top();
  std::size_t names_mark = s.names->mark();  // this object's names; dropped when it ends
  // The unknown members so far (on an error, the stack may hold more above them). An error
  // inside: a repeated unknown name before it wins, unless it is a syntax error, which wins
  // wherever it is (contract D1; and simdjson may have abandoned the document), or a raw value
  // the lean walk rejected (the precise retry finds out which error that is).
  std::size_t unknowns = 0;
  auto failed = [&] {
    if (s.err.code() != error_code::syntax && !s.retry_precisely) (void)no_repeated_unknown(s, unknown_start, names_mark, unknowns);
    return false;
  };
  std::size_t null_at = 0;  // where a required_on_success member was null
  int expected = 0;         // members usually come in table order: try the next one first
  for (cursor members(o); members.more();) {
    const char* raw_key = nullptr;  // the name's first byte, after the quote
    if (auto e = members.next(raw_key)) return s.fail(e, s.here()), failed();
    od::value v = members.value();
    // The raw name is exactly the expected one, or the one after (an optional member was
    // left out): nothing to unescape, trim or look up.
    int index;
    std::string_view key;  // the name as sent, when looked up (an error's pointer names it)
    if (expected < count && name_index<T>::raw_equals(raw_key, static_cast<std::size_t>(expected))) {
      index = expected;
    } else if (expected + 1 < count && name_index<T>::raw_equals(raw_key, static_cast<std::size_t>(expected + 1))) {
      index = expected + 1;
    } else {
      index = unlisted_member<T>(s, members, raw_key, v, unknown_start, names_mark, unknowns, key);
      if (index == -2) return failed();
    }
    bool unread = index == -3;  // the value's token is left for advance_past_scalar()
    if (index >= 0) {
      std::uint64_t bit = std::uint64_t{1} << index;
      expected = index + 1;
      bool ok = false;
      if (seen & bit) {
        s.repeated_name(s.name_at(raw_key));
      } else {
        seen |= bit;
        got g = field_readers<T>[static_cast<std::size_t>(index)](s, v, out);
        if constexpr (required_on_success_mask<T> != 0)
          if (g == got::null && (required_on_success_mask<T> & bit)) null_at = s.where(v);
        ok = g == got::ok || g == got::null || g == got::unread;
        unread = g == got::unread;
      }
      if (!ok) {
        s.err.prepend_key(key.data() ? key : field_names<T>::names[static_cast<std::size_t>(index)]);
        return failed();
      }
    }
    if (auto e = unread ? members.advance_past_scalar() : members.advance()) return s.fail(e, s.here()), failed();
  }
  --s.depth;
  if (unknowns > name_sets::scan_limit && !no_repeated_unknown(s, unknown_start, names_mark, unknowns)) return false;
  s.names->pop_to(names_mark);  // (an error ends the whole decode: nothing to drop then)

  std::uint64_t unmet = required_mask<T> & ~seen;
  if constexpr (scope_limited<T>()) {
    if (unmet && s.opt->relax_required) out.missing = unmet, unmet = 0;
  }
  if constexpr (required_on_success_mask<T> != 0) {
    if (succeeded(out)) {
      for_each_field<T>([&](auto described_field, auto index) {
        using F = decltype(described_field);
        if constexpr ((F::flags & required_on_success) != 0)
          if (!(out.*(F::member)).has_value()) unmet |= std::uint64_t{1} << index();
        return true;
      });
    }
  }
  if (unmet) return fail_unmet<T>(s, unmet, seen, start, null_at);
  return s.stack->finish<kept_member>(unknown_start, *s.store, out.unknown, [&](kept_member k) {
    return member{name_of(s, k), raw_json{std::string_view(value_of(s, k), k.value_size)}};
  }) || s.out_of_memory();
}

// Offset of the first byte stage 1 rejected, for its errors (best effort).
inline std::size_t stage1_error_offset(simdjson::error_code e, const char* p, std::size_t n) noexcept {
  count_work(1 + n / 8);  // each a single pass
  if (e == simdjson::UTF8_ERROR) return first_invalid_utf8(reinterpret_cast<const unsigned char*>(p), n);
  if (e == simdjson::UNESCAPED_CHARS) {
    bool in_string = false;
    for (std::size_t i = 0; i < n; ++i) {
      char c = p[i];
      if (in_string && c == '\\') ++i;
      else if (c == '"') in_string = !in_string;
      else if (in_string && static_cast<unsigned char>(c) < 0x20) return i;
    }
  }
  return e == simdjson::UNCLOSED_STRING ? n : 0;
}

// Walks what is left of a document after a decode error, from the start: a syntax error
// anywhere takes precedence (contract D1), since the input was never one valid JSON value.
inline void prefer_syntax_error(decode_state& s) noexcept {
  error semantic = s.err;
  s.precise = true;
  s.doc->rewind();
  od::json_type t;
  bool ok;
  if (!type_of(*s.doc, t)) {
    ok = s.fail(simdjson::TAPE_ERROR, 0);
  } else if (t == od::json_type::object || t == od::json_type::array) {
    od::value root;
    ok = s.doc->get_value().get(root) ? s.fail(simdjson::TAPE_ERROR, 0) : walk(s, root, 1);
  } else {
    ok = true;  // a scalar root was checked by decode_root already
  }
  const char* tail = nullptr;
  if (ok && !s.doc->current_location().get(tail))
    ok = s.fail(error_code::syntax, s.at(tail), "trailing content after the JSON value");
  // Nesting past max_depth stopped the walk: read the rest iteratively, at any depth.
  if (!ok && s.err.code() == error_code::capacity) {
    if (std::size_t at = s.first_syntax_error(); at != std::string_view::npos)
      ok = s.fail(error_code::syntax, at, "not one valid JSON value");
  }
  if (ok || s.err.code() != error_code::syntax) s.err = semantic;
}

template <described T>
bool decode_root(decode_state& s, od::parser& parser, simdjson::padded_string_view json, T& out) noexcept {
  if (starts_with_bom({s.base, s.size}))
    return s.fail(error_code::syntax, 0, "a UTF-8 byte order mark before the JSON value");
  od::document doc;
  if (auto e = parser.iterate(json).get(doc)) return s.fail(e, stage1_error_offset(e, s.base, s.size));
  s.doc = &doc;
  od::object o;
  auto e = doc.get_object().get(o);
  if (e == simdjson::INCORRECT_TYPE) {
    // Not an object: a type mismatch, unless it is not even one valid JSON value.
    if (std::size_t at = s.first_syntax_error(); at != std::string_view::npos)
      return s.fail(error_code::syntax, at, "not one valid JSON value");
    return s.fail(error_code::type_mismatch, 0, "the document must be a JSON object");
  }
  std::size_t start = static_cast<std::size_t>(skip_ws(s.base, s.base + s.size) - s.base);  // the '{'
  if (e) return s.fail(e, start);
  if (!decode_object(s, o, start, out)) {
    if (s.err.code() != error_code::syntax && !s.retry_precisely) prefer_syntax_error(s);
    return false;
  }
  const char* tail = nullptr;
  if (!doc.current_location().get(tail))
    return s.fail(error_code::syntax, s.at(tail), "trailing content after the JSON value");
  return true;
}

}  // namespace detail

// Decodes GenAuth responses. Owns all the memory a decode needs and keeps it: once it has
// decoded a document of N bytes, decoding any document of up to N bytes allocates nothing.
// What a decode returns holds views into this decoder (and, for the padded_string_view
// overload, into the caller's buffer); they stay valid until its next decode.
// Not thread-safe: use one decoder per thread.
class decoder {
 public:
  explicit decoder(decode_options options = {}) noexcept : options_(options) {}
  decoder(const decoder&) = delete;
  decoder& operator=(const decoder&) = delete;

  decode_options& options() noexcept { return options_; }

  // Decodes a copy of `json` (copied once into a padded buffer).
  template <described T = UserSingleRespDto>
  result<T> decode(std::string_view json) noexcept {
    T out;
    if (error e = decode(json, out)) return e;
    return out;
  }

  // Decodes in place: the caller's buffer has SIMDJSON_PADDING readable bytes past the end
  // and must outlive the result.
  template <described T = UserSingleRespDto>
  result<T> decode(simdjson::padded_string_view json) noexcept {
    T out;
    if (error e = decode(json, out)) return e;
    return out;
  }

  // The same into a caller's DTO, which saves copying the DTO:
  // `if (auto e = decoder.decode(json, response)) ...`. On error `out` is left empty.
  template <described T>
  error decode(std::string_view json, T& out) noexcept {
    if (!reserved(json.size()))
      if (error e = reserve(json.size())) return out = T{}, e;
    std::memcpy(input_.get(), json.data(), json.size());
    std::memset(input_.get() + json.size(), 0, simdjson::SIMDJSON_PADDING);
    return run(simdjson::padded_string_view(input_.get(), json.size(), json.size() + simdjson::SIMDJSON_PADDING), out);
  }
  template <described T>
  error decode(simdjson::padded_string_view json, T& out) noexcept {
    if (!reserved(json.length()))
      if (error e = reserve(json.length())) return out = T{}, e;
    return run(json, out);
  }

  // Makes room for documents of up to `bytes` bytes now, so that no later decode of such a
  // document allocates. Memory: about 33 bytes per document byte reserved (simdjson's index,
  // both parsers' string buffers, the list arena and stack sized for the worst case, the
  // lists of unknown member names); a decode touches only what its document needs.
  error reserve(std::size_t bytes) noexcept {
    if (bytes > options_.max_document_bytes)
      return error(error_code::capacity, 0, "document longer than max_document_bytes");
    if (reserved(bytes)) return {};
    std::size_t cap = bytes < min_reserve ? min_reserve : bytes;
    std::size_t padded = cap + simdjson::SIMDJSON_PADDING;
    // A list element costs at most list_bytes_per_byte of storage per input byte (a string, 16 bytes,
    // needs at least 2: ""; an unknown member, 32 bytes, at least 5: "":0,; a finished
    // identity, about 230, far more), plus the identity being decoded and the copies of
    // stringified lists: the list stack never needs to grow during a decode (it cannot).
    std::size_t list_bytes = (list_bytes_per_byte + 1) * cap + min_reserve;
    input_.reset(new (std::nothrow) char[padded]);
    list_input_.reset(new (std::nothrow) char[padded]);
    if (!input_ || !list_input_ || parser_.allocate(cap) || list_parser_.allocate(cap) ||
        !store_.reserve(list_bytes) || !stack_.reserve(list_bytes) || !names_.reserve(cap)) {
      input_.reset();
      reserved_ = 0;
      return error(error_code::capacity, 0, "out of memory");
    }
    reserved_ = cap;
    return {};
  }
  // The least a decoder reserves, so that small documents of varying sizes do not each
  // reallocate; and the bound on list storage per input byte that reserve() relies on.
  static constexpr std::size_t min_reserve = 4096;
  static constexpr std::size_t list_bytes_per_byte = 8;

 private:
  // Whether a document of `bytes` bytes may be decoded without allocating.
  bool reserved(std::size_t bytes) const noexcept {
    return input_ && bytes <= reserved_ && bytes <= options_.max_document_bytes;
  }

  template <described T>
  error run(simdjson::padded_string_view json, T& out) noexcept {
    store_.reset();
    stack_.clear();
    names_.clear();
    detail::decode_state s;
    s.base = json.data();
    s.size = json.length();
    s.opt = &options_;
    s.store = &store_;
    s.stack = &stack_;
    s.names = &names_;
    s.list_parser = &list_parser_;
    s.list_buf = list_input_.get();
    s.list_cap = reserved_ + simdjson::SIMDJSON_PADDING;
    out = T{};
    if (detail::decode_root(s, parser_, json, out)) return {};
    if (s.retry_precisely) {  // a raw JSON value failed the lean walk: find out exactly where
      store_.reset();
      stack_.clear();
      names_.clear();
      s.precise = true;
      s.retry_precisely = false;
      s.unescaped = nullptr;
      s.depth = 0;
      out = T{};
      (void)detail::decode_root(s, parser_, json, out);
    }
    out = T{};
    return s.err;
  }

  decode_options options_;
  simdjson::ondemand::parser parser_;
  simdjson::ondemand::parser list_parser_;
  std::unique_ptr<char[]> input_;
  std::unique_ptr<char[]> list_input_;
  detail::arena store_;
  detail::list_stack stack_;
  detail::name_sets names_;
  std::size_t reserved_ = 0;
};

}  // namespace genauth::dto
