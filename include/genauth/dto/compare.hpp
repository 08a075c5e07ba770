// Field-by-field equality through the table: strings by content, raw JSON by its minified
// text, lists element by element, unknown members by name and minified value. This is the
// equality of the round-trip rule decode(encode(decode(x))) == decode(x).
//
// SPDX-License-Identifier: MIT
#pragma once

#include <optional>
#include <span>

#include "detail/minify.hpp"
#include "kind.hpp"
#include "raw_json.hpp"
#include "reflect.hpp"

namespace genauth::dto {

template <described T>
bool equal(const T& a, const T& b) noexcept;

namespace detail {

template <class V>
bool equal_value(const V& a, const V& b) noexcept {
  constexpr member_kind kind = kind_of<V>;
  if constexpr (is_optional<V>::value) {
    return a.has_value() == b.has_value() && (!a || equal_value(*a, *b));
  } else if constexpr (kind == member_kind::raw_json) {
    return minified_equal(a.text, b.text);  // contract E2: the same JSON, whatever its spacing
  } else if constexpr (is_list_kind(kind)) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (!equal_value(a[i], b[i])) return false;
    return true;
  } else if constexpr (kind == member_kind::dto) {
    return equal(a, b);
  } else {
    return a == b;
  }
}

}  // namespace detail

template <described T>
bool equal(const T& a, const T& b) noexcept {
  if constexpr (!supported_dto<T>) {
    (void)detail::unsupported_dto<T>::reported;
    return false;
  } else {
    if (a.missing != b.missing || a.unknown.size() != b.unknown.size()) return false;
    bool same = for_each_field<T>([&](auto described_field, auto) {
      using F = decltype(described_field);
      return detail::equal_value(a.*(F::member), b.*(F::member));
    });
    for (std::size_t i = 0; same && i < a.unknown.size(); ++i)
      same = a.unknown[i].name == b.unknown[i].name &&
             detail::minified_equal(a.unknown[i].value.text, b.unknown[i].value.text);
    return same;
  }
}

template <described T>
bool operator==(const T& a, const T& b) noexcept {
  return equal(a, b);
}

}  // namespace genauth::dto
