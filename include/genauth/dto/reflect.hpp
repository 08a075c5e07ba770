// The field table machinery: each DTO is described once, as a compile-time list of
// (JSON name, pointer to member, flags). Whether a member is required and what kind of
// JSON it holds follow from the member's C++ type: `std::optional<X>` is optional, any
// other type is required. Decoder, encoder, equality and printer all walk this table.
//
// SPDX-License-Identifier: MIT
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <span>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include "detail/name_table.hpp"
#include "raw_json.hpp"

namespace genauth::dto {

// A string literal usable as a template argument.
template <std::size_t N>
struct fixed_string {
  char chars[N]{};
  constexpr fixed_string(const char (&s)[N]) noexcept {
    for (std::size_t i = 0; i < N; ++i) chars[i] = s[i];
  }
  constexpr std::string_view view() const noexcept { return {chars, N - 1}; }
};

enum field_flags : unsigned {
  plain = 0,
  secret = 1u << 0,               // redacted by the printer and on request by the encoder
  required_on_success = 1u << 1,  // required when describe<T>::success(dto) holds
};

template <fixed_string Name, auto Member, unsigned Flags = plain>
struct field {
  static constexpr std::string_view name = Name.view();
  static constexpr auto member = Member;
  static constexpr unsigned flags = Flags;
};

template <class... Fields>
struct field_list {
  static constexpr std::size_t size = sizeof...(Fields);
};

// Specialize for each DTO: `using fields = field_list<field<"name", &T::member>, ...>;`.
// Optional extras: `static constexpr bool scope_limited = true;` (the relax_required
// option applies), `static bool success(const T&)` (for required_on_success fields).
template <class T>
struct describe;

template <class T>
concept described = requires { typename describe<T>::fields; };

// One unknown member, kept in document order: its name as sent (unescaped, untrimmed)
// and its value as the exact JSON text received.
struct member {
  std::string_view name;
  raw_json value;
};

// What every DTO carries besides its table's members.
struct dto_base {
  std::span<const member> unknown;  // members the table does not name, in order
  std::uint64_t missing = 0;        // required members absent under relax_required, by field index
};

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};

template <class T>
struct unwrap_optional {
  using type = T;
};
template <class T>
struct unwrap_optional<std::optional<T>> {
  using type = T;
};

template <class T>
struct is_span : std::false_type {};
template <class T>
struct is_span<std::span<const T>> : std::true_type {};

template <class M>
struct member_pointer;
template <class C, class V>
struct member_pointer<V C::*> {
  using value_type = V;
};

namespace detail {

template <class T>
struct fields_of;
template <class... F>
struct fields_of<field_list<F...>> {
  template <std::size_t I>
  using at = std::tuple_element_t<I, std::tuple<F...>>;
};

}  // namespace detail

namespace detail {

// Counts an aggregate's initializers, to check that the table names every member.
struct any_initializer {
  template <class V>
  constexpr operator V() const noexcept { return V{}; }
};
template <class T, class... A>
constexpr std::size_t aggregate_arity() {
  if constexpr (requires { T{A{}..., any_initializer{}}; }) return aggregate_arity<T, A..., any_initializer>();
  else return sizeof...(A);
}

// A DTO's members besides dto_base.
template <class T>
inline constexpr std::size_t member_count = aggregate_arity<T>() - (std::is_base_of_v<dto_base, T> ? 1 : 0);

// The error for a table that does not name every member (kind.hpp's supported_dto): the
// compiler's "in instantiation of" line names the DTO, its members and its table's entries.
template <class Dto, std::size_t Members, std::size_t TableEntries>
struct field_table_check {
  static_assert(Members == TableEntries,
                "every member of a DTO needs exactly one field-table entry (the template arguments above: the DTO, "
                "its members besides dto_base, its table's entries)");
};

}  // namespace detail

template <class T>
inline constexpr std::size_t field_count = describe<T>::fields::size;

// Whether T's table names each of its members once (checked by every walker: kind.hpp).
template <class T>
inline constexpr bool table_complete = detail::member_count<T> == field_count<T>;

template <class T, std::size_t I>
using field_at = typename detail::fields_of<typename describe<T>::fields>::template at<I>;

template <class F>
using field_type = typename member_pointer<std::remove_cv_t<decltype(F::member)>>::value_type;

template <class F>
inline constexpr bool is_required = !is_optional<field_type<F>>::value;

// Calls fn(field<...>{}, std::integral_constant<std::size_t, I>{}) for each field in order;
// stops early and returns false as soon as fn returns false.
template <class T, class Fn>
constexpr bool for_each_field(Fn&& fn) {
  return [&]<std::size_t... I>(std::index_sequence<I...>) {
    return (fn(field_at<T, I>{}, std::integral_constant<std::size_t, I>{}) && ...);
  }(std::make_index_sequence<field_count<T>>{});
}

// The fields, by index, that must be present (their member is not a std::optional), and
// those flagged required_on_success.
template <class T>
inline constexpr std::uint64_t required_mask = []<std::size_t... I>(std::index_sequence<I...>) {
  return ((is_required<field_at<T, I>> ? std::uint64_t{1} << I : 0) | ... | 0);
}(std::make_index_sequence<field_count<T>>{});
template <class T>
inline constexpr std::uint64_t required_on_success_mask = []<std::size_t... I>(std::index_sequence<I...>) {
  return (((field_at<T, I>::flags & required_on_success) != 0 ? std::uint64_t{1} << I : 0) | ... | 0);
}(std::make_index_sequence<field_count<T>>{});

// Calls fn(field<...>{}) for the field at a run-time index; the compiler turns the fold
// into a jump table.
template <class T, class Fn>
constexpr bool visit_field(std::size_t index, Fn&& fn) {
  return [&]<std::size_t... I>(std::index_sequence<I...>) {
    bool ok = false;
    (void)((index == I ? (ok = fn(field_at<T, I>{}), true) : false) || ...);
    return ok;
  }(std::make_index_sequence<field_count<T>>{});
}

namespace detail {

template <class T>
struct field_names {
  static_assert(field_count<T> <= 64, "a DTO has at most 64 fields (presence is one 64-bit mask)");
  static constexpr auto names = []<std::size_t... I>(std::index_sequence<I...>) {
    return std::array<std::string_view, field_count<T>>{field_at<T, I>::name...};
  }(std::make_index_sequence<field_count<T>>{});
  static constexpr bool unique = [] {
    for (std::size_t i = 0; i < names.size(); ++i)
      for (std::size_t j = i + 1; j < names.size(); ++j)
        if (names[i] == names[j]) return false;
    return true;
  }();
  static_assert(unique, "two fields of one DTO share a JSON name");
};

// A DTO's member names, for lookups.
template <class T>
using name_index = name_table<field_names<T>>;

}  // namespace detail

// The index of the field with this JSON name, or -1.
template <class T>
inline int field_index(std::string_view name) noexcept {
  return detail::name_index<T>::find(name);
}

}  // namespace genauth::dto
