// A member's kind: what JSON a member of a given C++ type holds (contract D3), settled here
// once. The decoder, encoder, equality, fuzz targets and tests all dispatch on `kind_of`;
// a new kind is one entry below plus its reader (decode) and writer (encode).
//
// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <type_traits>
#include <utility>

#include "chrono.hpp"
#include "enums.hpp"
#include "raw_json.hpp"
#include "reflect.hpp"

namespace genauth::dto {

// A list of strings (contract D5a: also accepted as a string holding one).
using string_list = std::span<const std::string_view>;

enum class member_kind : std::uint8_t {
  string,       // std::string_view
  timestamp,    // timestamp: a string kept as received (contract D5d)
  enumeration,  // enum_value<E>: a string, known or not (contract S5)
  integer,      // std::int64_t
  boolean,      // bool
  string_list,  // string_list
  dto_list,     // std::span<const D>, D described: an array of objects, or one object (D5b)
  raw_json,     // raw_json: an object kept as its text (contract E2)
  dto,          // a described type: an object read through its field table
};

namespace detail {

template <class V>
struct is_enum_value : std::false_type {};
template <class E>
struct is_enum_value<enum_value<E>> : std::true_type {};

template <class V>
inline constexpr bool is_dto_span = false;
template <described D>
inline constexpr bool is_dto_span<std::span<const D>> = true;

// The kind of a member's type, or -1 where no kind holds it.
template <class V>
constexpr int kind_number() noexcept {
  if constexpr (std::is_same_v<V, std::string_view>) return int(member_kind::string);
  else if constexpr (std::is_same_v<V, timestamp>) return int(member_kind::timestamp);
  else if constexpr (is_enum_value<V>::value) return int(member_kind::enumeration);
  else if constexpr (std::is_same_v<V, std::int64_t>) return int(member_kind::integer);
  else if constexpr (std::is_same_v<V, bool>) return int(member_kind::boolean);
  else if constexpr (std::is_same_v<V, string_list>) return int(member_kind::string_list);
  else if constexpr (is_dto_span<V>) return int(member_kind::dto_list);
  else if constexpr (std::is_same_v<V, raw_json>) return int(member_kind::raw_json);
  else if constexpr (described<V>) return int(member_kind::dto);
  else return -1;
}

template <class V>
constexpr member_kind classify() noexcept {
  static_assert(kind_number<V>() >= 0, "not a member type the field tables support (supported_dto<T> says which are)");
  return static_cast<member_kind>(kind_number<V>());
}

}  // namespace detail

// Whether a member type has a kind (std::optional<V>: whether V has).
template <class M>
inline constexpr bool is_supported_member = detail::kind_number<typename unwrap_optional<M>::type>() >= 0;

namespace detail {

template <class T>
constexpr bool members_supported() noexcept;
template <class M>
constexpr bool member_supported() noexcept {
  using V = typename unwrap_optional<M>::type;
  if constexpr (!is_supported_member<V>) return false;
  else if constexpr (described<V>) return members_supported<V>();
  else if constexpr (is_dto_span<V>) return members_supported<typename V::value_type>();
  else return true;
}
template <class T>
constexpr bool members_supported() noexcept {
  if constexpr (!table_complete<T>) {
    return false;
  } else {
    return []<std::size_t... I>(std::index_sequence<I...>) {
      return (member_supported<field_type<field_at<T, I>>>() && ...);
    }(std::make_index_sequence<field_count<T>>{});
  }
}

// The error for a member of an unsupported type: the compiler's "in instantiation of" line
// names the DTO and the member's type.
template <class Dto, class Member>
struct member_type_check {
  static_assert(is_supported_member<Member>,
                "a DTO member's type (the second template argument above; the first is the DTO) must be one of the "
                "supported kinds: std::string_view, timestamp, enum_value<E>, std::int64_t, bool, string_list, "
                "std::span<const D> of a described D, raw_json, a described DTO, or std::optional of one of these");
};

// What the walkers compile for a DTO that is not supported_dto: the one static_assert that
// says why (a class, so that each walker naming it adds no error of its own).
template <class T>
struct unsupported_dto {
  static constexpr bool reported = [] {
    if constexpr (!table_complete<T>) {
      return sizeof(field_table_check<T, member_count<T>, field_count<T>>) > 0;
    } else {
      return []<std::size_t... I>(std::index_sequence<I...>) {
        auto one = []<class M>(std::type_identity<M>) {
          using V = typename unwrap_optional<M>::type;
          if constexpr (!is_supported_member<V>) return sizeof(member_type_check<T, V>) > 0;
          else if constexpr (described<V>) return unsupported_dto<V>::reported;
          else if constexpr (is_dto_span<V>) return unsupported_dto<typename V::value_type>::reported;
          else return true;
        };
        return (one(std::type_identity<field_type<field_at<T, I>>>{}) && ...);
      }(std::make_index_sequence<field_count<T>>{});
    }
  }();
};

}  // namespace detail

// The kind of a member type; std::optional<V> has V's kind (being optional is presence,
// not kind: reflect.hpp's is_required).
template <class M>
inline constexpr member_kind kind_of = detail::classify<typename unwrap_optional<M>::type>();

// Whether T's table names each member once, and every member of T and of the DTOs inside it
// has a kind. The decoder, encoder, equality and keep() walk only such DTOs; for any other
// they compile detail::unsupported_dto<T> instead: one static_assert, naming the DTO.
template <class T>
inline constexpr bool supported_dto = detail::members_supported<T>();

// The kinds whose JSON is a string.
constexpr bool is_string_kind(member_kind k) noexcept {
  return k == member_kind::string || k == member_kind::timestamp || k == member_kind::enumeration;
}
// The kinds whose value is a list (a std::span).
constexpr bool is_list_kind(member_kind k) noexcept {
  return k == member_kind::string_list || k == member_kind::dto_list;
}

// What JSON a member of each kind must hold, in the words of the decoder's type_mismatch.
constexpr const char* expected_json(member_kind k) noexcept {
  switch (k) {
    case member_kind::integer: return "expected an integer";
    case member_kind::boolean: return "expected a boolean";
    case member_kind::string_list: return "expected an array of strings";
    case member_kind::dto_list: return "expected an array of objects or one object";
    case member_kind::raw_json:
    case member_kind::dto: return "expected an object";
    case member_kind::string:
    case member_kind::timestamp:
    case member_kind::enumeration: break;
  }
  return "expected a string";
}

}  // namespace genauth::dto
