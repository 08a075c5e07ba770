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

template <class V>
inline constexpr bool unsupported_member = false;

template <class V>
constexpr member_kind classify() noexcept {
  if constexpr (std::is_same_v<V, std::string_view>) return member_kind::string;
  else if constexpr (std::is_same_v<V, timestamp>) return member_kind::timestamp;
  else if constexpr (is_enum_value<V>::value) return member_kind::enumeration;
  else if constexpr (std::is_same_v<V, std::int64_t>) return member_kind::integer;
  else if constexpr (std::is_same_v<V, bool>) return member_kind::boolean;
  else if constexpr (std::is_same_v<V, string_list>) return member_kind::string_list;
  else if constexpr (is_dto_span<V>) return member_kind::dto_list;
  else if constexpr (std::is_same_v<V, raw_json>) return member_kind::raw_json;
  else if constexpr (described<V>) return member_kind::dto;
  else {
    static_assert(unsupported_member<V>,
                  "a DTO member must be one of the supported kinds: std::string_view, timestamp, enum_value<E>, "
                  "std::int64_t, bool, string_list, std::span<const D> of a described D, raw_json, a described "
                  "DTO, or std::optional of one of these");
    return member_kind::string;
  }
}

}  // namespace detail

// The kind of a member type; std::optional<V> has V's kind (being optional is presence,
// not kind: reflect.hpp's is_required).
template <class M>
inline constexpr member_kind kind_of = detail::classify<typename unwrap_optional<M>::type>();

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
