// A DTO's object: its members dispatched through the field table (contract D2-D7), the
// unknown ones kept and checked for repeats, the required ones counted.
//
// SPDX-License-Identifier: MIT
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <utility>

#include "../reflect.hpp"
#include "decode_state.hpp"
#include "name_set.hpp"
#include "read_value.hpp"

namespace genauth::dto::detail {

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
      if (!kept) s.list_bound();
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

}  // namespace genauth::dto::detail
