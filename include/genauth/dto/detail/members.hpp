// Iteration over the members of simdjson On-Demand objects and the elements of arrays,
// without simdjson's iterators.
//
// simdjson 3.0.1 hands out a member only through object_iterator::operator*, which returns
// a simdjson_result<field> by copy (array_iterator's: a simdjson_result<value>). GCC copies
// it through memory right after storing the value's 4-byte depth: a failed store-to-load
// forward on every member, about a fifth of a decode. The container's own value_iterator
// has every step as a public method; only the member holding it is protected, reached here
// through a derived class, as C++ allows (a pointer to member named through that class).
// The steps are the iterators' own: name, colon, value; then skip what the reader left of
// the value and look for a ','. In the usual case (the value read whole, then ',', a name
// and ':') the token position moves once for those three tokens, not three times: each move
// is a store and a reload on the chain that every member waits for. Anything else takes
// simdjson's own steps, for their errors. An error stops the walk where it is found. Written against
// simdjson 3.0.1; the protected `iter` members have had that name and type since On-Demand
// first shipped, and a simdjson that renames them fails to compile here, not at run time.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <string_view>
#include <type_traits>

#include "json_text.hpp"

namespace genauth::dto::detail {

namespace od = simdjson::ondemand;

// The value_iterator inside an od::object, od::array or od::value.
template <class Container>
struct iterator_of : Container {
  static od::value_iterator& in(Container& c) noexcept { return c.*&iterator_of::iter; }
};

// An od::value made straight from an iterator: a default-constructed one is zeroed first,
// three dead stores per member.
struct value_at : od::value {
  explicit value_at(const od::value_iterator& it) noexcept : od::value(it) {}
};

// Walks an object or array that get_object() or get_array() started:
// `for (cursor c(o); c.more();) { c.next(key) (objects); od::value v = c.value(); ...; c.advance(); }`.
template <class Container>
class cursor {
 public:
  explicit cursor(Container& c) noexcept : it_(iterator_of<Container>::in(c)) {}

  bool more() const noexcept { return it_.is_open(); }

  // Steps onto the next member: its raw name (after its opening quote), then its value.
  [[gnu::always_inline]] simdjson::error_code next(const char*& raw_key) noexcept
    requires std::is_same_v<Container, od::object>
  {
    if (primed_) {  // advance() took this name already
      raw_key = primed_;
      primed_ = nullptr;
      return simdjson::SUCCESS;
    }
    // The name and the ':' as field_key() and field_value() take them, in one step.
    od::json_iterator& j = it_.json_iter();
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

  // The member's value (after next()) or the next element, ready to be read.
  [[gnu::always_inline]] od::value value() noexcept { return value_at(it_.child()); }

  // The name of the member next() stepped onto, as sent: the raw text when it holds no
  // backslash (found by a block scan; `end` is the end of the padded document), else
  // unescaped into the parser's string buffer.
  [[gnu::always_inline]] simdjson::simdjson_result<std::string_view> name(const char* raw_key, const char* end) noexcept
    requires std::is_same_v<Container, od::object>
  {
    if (const char* quote = closing_quote_padded(raw_key, end))
      return std::string_view(raw_key, static_cast<std::size_t>(quote - raw_key));
    return it_.json_iter().unescape(od::raw_json_string(reinterpret_cast<const uint8_t*>(raw_key)));
  }

  // Past a scalar value (a member's or an element) that the caller read without stepping
  // over its token, then as advance(); the usual ',' (and name and ':') after it in the
  // same step.
  [[gnu::always_inline]] simdjson::error_code advance_past_scalar() noexcept {
    od::json_iterator& j = it_.json_iter();
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

  // Past what the caller left of the value, then past the ',' (or the closing bracket).
  [[gnu::always_inline]] simdjson::error_code advance() noexcept {
    if constexpr (std::is_same_v<Container, od::object>) {
      // The value read whole, then ',' and the next name and ':': all in one step.
      od::json_iterator& j = it_.json_iter();
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
  [[gnu::always_inline]] static void skip(od::json_iterator& j, int tokens) noexcept {
    for (int i = 0; i < tokens; ++i) (void)j.return_current_and_advance();
  }
  // The same, ending in a member's value.
  [[gnu::always_inline]] void step(od::json_iterator& j, int tokens) noexcept {
    skip(j, tokens);
    j.descend_to(it_.depth() + 1);
  }

  // As simdjson's iterators do on an error: the document's current location is then the
  // offending token, which the error reports.
  [[gnu::cold]] simdjson::error_code stop(simdjson::error_code e) noexcept {
    it_.abandon();
    return e;
  }

  od::value_iterator it_;
  const char* primed_ = nullptr;
};

}  // namespace genauth::dto::detail
