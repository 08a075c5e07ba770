// One reader per member kind (kind.hpp): `read(state, value, slot)` for each, and read_slot,
// which every field of a DTO goes through (a null in an optional member, the usual plain
// string or scalar on a short path). Results are `got` (decode_state.hpp).
//
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstring>
#include <new>
#include <optional>
#include <span>
#include <string_view>

#include "../chrono.hpp"
#include "../enums.hpp"
#include "../kind.hpp"
#include "../reflect.hpp"
#include "decode_state.hpp"
#include "name_table.hpp"
#include "raw_walk.hpp"

namespace genauth::dto::detail {

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
    return item ? read_member(s, ev, *item, "expected an object") == got::ok : s.list_bound();
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

}  // namespace genauth::dto::detail
