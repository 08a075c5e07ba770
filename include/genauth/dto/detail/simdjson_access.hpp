// genauth-dto: everything the library takes from simdjson beyond its documented API, in one
// place, and the simdjson versions that is known to hold for.
//
// The decoder walks the members of On-Demand objects and the elements of arrays through
// `cursor` below, never through simdjson's iterators directly. There are two cursors:
//
// - The fast one works on the container's own value_iterator (a protected member, reached
//   through a derived class as C++ allows) and on the json_iterator behind it: peek() at
//   the next tokens, return_current_and_advance(), descend_to()/ascend_to(), depth(),
//   skip_child(), has_next_field()/has_next_element(), field_key()/field_value(), child(),
//   abandon(), unescape(). Why: the public iterators hand out each member as a
//   simdjson_result<field> by copy, which GCC copies through memory right after storing
//   its depth (a failed store-to-load forward per member); and in the usual case (the
//   value read whole, then ',', a name and ':') the token position can move once for all
//   of those tokens instead of once each. Anything unusual takes simdjson's own steps, so
//   that errors are simdjson's, found at the same token.
// - The public one uses only simdjson's documented iteration (object_iterator, field,
//   array_iterator). It passes the same test suite; the benchmark compares the two
//   (bench/README.md, "The fast path").
//
// The fast cursor is used for the simdjson releases these internals were checked against,
// 3.0.1 to 4.6.11 (Debian 12 ships 3.0.1, Debian 13 3.12.3, Debian unstable 4.6.11; 3.1.3
// and 3.6.0 were checked too: tests/corpus_outcomes gives the same outcomes on both paths).
// The one change in that range that touches this header: unescape() and
// field::unescaped_key() take an allow_replacement flag from 3.1.3 on (without a default
// until 3.9 at least). The public cursor is used for any later 4.x, or wherever
// GENAUTH_DTO_SIMDJSON_PUBLIC_API is defined (for the whole program: the decoder's inline
// functions differ). simdjson before 3.0.1 or from 5.0 on is refused at compile time.
//
// SPDX-License-Identifier: MIT
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <string_view>
#include <type_traits>

#include "ascii.hpp"
#include "byte_search.hpp"
#include "scan.hpp"
#include "work_count.hpp"

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

namespace genauth::dto::detail {

namespace od = simdjson::ondemand;

// simdjson's version as one number: major * 10000 + minor * 100 + revision.
inline constexpr long simdjson_version =
    simdjson::SIMDJSON_VERSION_MAJOR * 10000L + simdjson::SIMDJSON_VERSION_MINOR * 100L +
    simdjson::SIMDJSON_VERSION_REVISION;
inline constexpr long simdjson_oldest_supported = 30001;   // 3.0.1
inline constexpr long simdjson_newest_internals = 40611;   // 4.6.11
inline constexpr long simdjson_first_unsupported = 50000;  // 5.0.0
static_assert(simdjson_version >= simdjson_oldest_supported && simdjson_version < simdjson_first_unsupported,
              "genauth-dto supports simdjson 3.0.1 to 4.x (checked with 3.0.1, 3.12.3 and 4.6.11)");

#if defined(GENAUTH_DTO_SIMDJSON_PUBLIC_API)
inline constexpr bool simdjson_fast_path = false;
#else
inline constexpr bool simdjson_fast_path = simdjson_version <= simdjson_newest_internals;
#endif

// From 3.6.0 on, On-Demand's iterate() skips a leading UTF-8 byte order mark, which 3.0.1
// rejects; the decoder looks for one first, so that it is an error on every release
// (README.md, "Errors").
constexpr bool starts_with_bom(std::string_view text) noexcept { return text.starts_with("\xEF\xBB\xBF"); }

// Steps over a value whose token is a string: get_raw_json_string() cannot fail on it (and
// its result must be used from simdjson 4 on).
inline bool consume_string(od::value& v) noexcept {
  od::raw_json_string ignored;
  return v.get_raw_json_string().get(ignored) == simdjson::SUCCESS;
}

// Walks an object or array that get_object() or get_array() started:
// `for (cursor c(o); c.more();) { c.next(raw_key) (objects); od::value v = c.value(); ...; c.advance(); }`.
// next() gives the member's raw name (its first byte, after the opening quote); name()
// reads it as sent; advance_past_scalar() follows a scalar value (one token) that was read
// without stepping over its token. An error stops the walk where it is found (the document's
// current location is then the offending token).
template <class Container, bool Fast = simdjson_fast_path>
class cursor;
template <class Container>
cursor(Container&) -> cursor<Container>;

// The name of a member whose raw text starts at `raw_key`, as sent: the raw text itself when
// it holds no backslash (found by a block scan; `end` is the end of the padded document),
// else `unescape()`d into the parser's string buffer.
template <class Unescape>
[[gnu::always_inline]] inline simdjson::simdjson_result<std::string_view> member_name(const char* raw_key, const char* end,
                                                                                    Unescape&& unescape) noexcept {
  if (const char* quote = closing_quote_padded(raw_key, end))
    return std::string_view(raw_key, static_cast<std::size_t>(quote - raw_key));
  return unescape();
}

// --- the fast cursor: simdjson's internals ------------------------------------------------

// The value_iterator inside an od::object, od::array or od::value. A template, so that
// nothing here is compiled where the public cursor is chosen.
template <class Container>
struct iterator_of : Container {
  using type = std::remove_reference_t<decltype(std::declval<Container&>().*&iterator_of::iter)>;
  static type& in(Container& c) noexcept { return c.*&iterator_of::iter; }
};

// An od::value made straight from an iterator: a default-constructed one is zeroed first,
// three dead stores per member.
template <class Iterator>
struct value_at : od::value {
  explicit value_at(const Iterator& it) noexcept : od::value(it) {}
};

template <class Container>
class cursor<Container, true> {
  using iterator = typename iterator_of<Container>::type;

 public:
  explicit cursor(Container& c) noexcept : it_(iterator_of<Container>::in(c)) {}

  bool more() const noexcept { return count_work(1), it_.is_open(); }

  [[gnu::always_inline]] simdjson::error_code next(const char*& raw_key) noexcept
    requires std::is_same_v<Container, od::object>
  {
    if (primed_) {  // advance() took this name already
      raw_key = primed_;
      primed_ = nullptr;
      return simdjson::SUCCESS;
    }
    // The name and the ':' as field_key() and field_value() take them, in one step.
    auto& j = it_.json_iter();
    const std::uint8_t* key = j.peek(0);
    if (*key == '"' && *j.peek(1) == ':') [[likely]] {
      step(j, 2);
      raw_key = reinterpret_cast<const char*>(key + 1);
      return simdjson::SUCCESS;
    }
    od::raw_json_string raw;  // as simdjson does it, for its errors
    if (auto e = it_.field_key().get(raw)) return stop(e);
    if (auto e = it_.field_value()) return stop(e);
    raw_key = reinterpret_cast<const char*>(raw.raw());
    return simdjson::SUCCESS;
  }

  [[gnu::always_inline]] od::value value() noexcept { return value_at<iterator>(it_.child()); }

  [[gnu::always_inline]] simdjson::simdjson_result<std::string_view> name(const char* raw_key, const char* end) noexcept
    requires std::is_same_v<Container, od::object>
  {
    return member_name(raw_key, end, [&] {
      auto& j = it_.json_iter();
      od::raw_json_string raw(reinterpret_cast<const std::uint8_t*>(raw_key));
      if constexpr (requires { j.unescape(raw, false); }) return j.unescape(raw, false);  // 3.1.3 on
      else return j.unescape(raw);
    });
  }

  [[gnu::always_inline]] simdjson::error_code advance_past_scalar() noexcept {
    auto& j = it_.json_iter();
    if constexpr (std::is_same_v<Container, od::object>) {
      if (*j.peek(1) == ',' && *j.peek(2) == '"' && *j.peek(3) == ':') [[likely]] {
        primed_ = reinterpret_cast<const char*>(j.peek(2) + 1);
        skip(j, 4);  // the depth stays the value's
        return simdjson::SUCCESS;
      }
    } else {
      if (*j.peek(1) == ',') [[likely]] {
        skip(j, 2);
        return simdjson::SUCCESS;
      }
    }
    (void)j.return_current_and_advance();  // as simdjson's scalar reads leave it
    j.ascend_to(it_.depth());
    return advance();
  }

  [[gnu::always_inline]] simdjson::error_code advance() noexcept {
    if constexpr (std::is_same_v<Container, od::object>) {
      // The value read whole, then ',' and the next name and ':': all in one step.
      auto& j = it_.json_iter();
      if (j.depth() == it_.depth() && *j.peek(0) == ',' && *j.peek(1) == '"' && *j.peek(2) == ':') [[likely]] {
        primed_ = reinterpret_cast<const char*>(j.peek(1) + 1);
        step(j, 3);
        return simdjson::SUCCESS;
      }
    }
    bool ignored = false;
    simdjson::error_code e = it_.skip_child();
    if (!e && std::is_same_v<Container, od::object>) e = it_.has_next_field().get(ignored);
    if (!e && std::is_same_v<Container, od::array>) e = it_.has_next_element().get(ignored);
    return e ? stop(e) : e;
  }

 private:
  // Past `tokens` tokens already checked (the compiler keeps the position in a register:
  // one store).
  template <class J>
  [[gnu::always_inline]] static void skip(J& j, int tokens) noexcept {
    for (int i = 0; i < tokens; ++i) (void)j.return_current_and_advance();
  }
  // The same, ending in a member's value.
  template <class J>
  [[gnu::always_inline]] void step(J& j, int tokens) noexcept {
    skip(j, tokens);
    j.descend_to(it_.depth() + 1);
  }

  // As simdjson's iterators do on an error: the document's current location is then the
  // offending token, which the error reports.
  [[gnu::cold]] simdjson::error_code stop(simdjson::error_code e) noexcept {
    it_.abandon();
    return e;
  }

  iterator it_;
  const char* primed_ = nullptr;
};

// --- the public cursor: simdjson's documented iteration only --------------------------------

template <class Container>
class cursor<Container, false> {
  using iterator = std::remove_reference_t<decltype(std::declval<Container&>().begin().value_unsafe())>;
  static constexpr bool object = std::is_same_v<Container, od::object>;
  using item = std::conditional_t<object, od::field, od::value>;

 public:
  // begin() cannot fail on a container that get_object() or get_array() started, nor can
  // the first element be refused (an error shows after a value has been read).
  explicit cursor(Container& c) noexcept : it_(c.begin().value_unsafe()), end_(c.end().value_unsafe()) {
    if constexpr (!object)
      if (more()) (void)take();
  }

  bool more() noexcept { return count_work(1), it_ != end_; }

  simdjson::error_code next(const char*& raw_key) noexcept
    requires object
  {
    if (auto e = take()) return e;
    raw_key = reinterpret_cast<const char*>(current_.key().raw());
    return simdjson::SUCCESS;
  }

  od::value value() noexcept { return value_ref(); }

  simdjson::simdjson_result<std::string_view> name(const char* raw_key, const char* end) noexcept
    requires object
  {
    return member_name(raw_key, end, [&] {
      if constexpr (requires { current_.unescaped_key(false); }) return current_.unescaped_key(false);  // 3.1.3 on
      else return current_.unescaped_key();
    });
  }

  // A string left unread is read first: skipped unread, a string followed by ':' would be
  // taken for a member name (simdjson's skip_child()), and the error found a token later.
  simdjson::error_code advance_past_scalar() noexcept {
    if (value_ref().raw_json_token().front() == '"') consume_string(value_ref());
    return advance();
  }

  // An object's iterator reports a broken ',' when the next member is taken (next()); an
  // array's, when the next element is (here).
  simdjson::error_code advance() noexcept {
    ++it_;
    if constexpr (!object)
      if (more()) return take();
    return simdjson::SUCCESS;
  }

 private:
  od::value& value_ref() noexcept {
    if constexpr (object) return current_.value();
    else return current_;
  }
  // The item under the iterator, taken once per step (as simdjson's development checks ask).
  simdjson::error_code take() noexcept {
    simdjson::simdjson_result<item> r = *it_;
    if (auto e = r.error()) return e;
    current_ = std::move(r.value_unsafe());
    return simdjson::SUCCESS;
  }

  iterator it_;
  iterator end_;
  item current_{};
};

}  // namespace genauth::dto::detail
