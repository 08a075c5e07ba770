// error.hpp: pointers built from the innermost segment outwards, escaped (RFC 6901), and,
// when too long to keep whole, cut between their head and tail only between UTF-8
// characters (contract D9).
//
// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include <genauth/dto/detail/validate.hpp>

#include <string>
#include <vector>

#include "support.hpp"

using genauth::dto::error_code;
using namespace test;

namespace {
bool valid_utf8(std::string_view s) {
  return genauth::dto::detail::first_invalid_utf8(reinterpret_cast<const unsigned char*>(s.data()), s.size()) ==
         s.size();
}
// What a kept pointer must be for the whole one: itself, or a head and a tail of it, each
// as long as the room allows but for one character.
void check_cut(std::string_view kept, std::string_view whole) {
  CAPTURE(kept.size());
  CAPTURE(whole.size());
  REQUIRE(valid_utf8(kept));
  REQUIRE(kept.size() <= dto::error::pointer_capacity);
  if (whole.size() <= dto::error::pointer_capacity) {
    CHECK(kept == whole);
    return;
  }
  // The marker: the first "..." not at the head's start that leaves a head and tail of the
  // whole (a name may hold dots itself).
  bool found = false;
  for (std::size_t at = kept.find("..."); at != std::string_view::npos && !found; at = kept.find("...", at + 1)) {
    std::string_view head = kept.substr(0, at), tail = kept.substr(at + 3);
    found = whole.starts_with(head) && whole.ends_with(tail) && head.size() + tail.size() < whole.size() &&
            head.size() + 4 >= 127 && tail.size() + 4 >= 126;
  }
  CHECK(found);
}
std::string escaped(std::string_view name) {
  std::string s;
  for (char c : name) s += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
  return s;
}
}  // namespace

TEST_CASE("error: short pointers whole, escaped, indexes as digits") {
  dto::error e(error_code::syntax, 0, "m");
  e.prepend_index(12);
  e.prepend_key("a/b~c");
  e.prepend_index(0);
  e.prepend_key("");
  CHECK(e.pointer() == "//0/a~1b~0c/12");
  CHECK(dto::error{}.pointer().empty());
}

TEST_CASE("error: a long pointer keeps head and tail, cut between characters, for every length and width") {
  // Characters of 1, 2, 3 and 4 bytes, and ones that escape to two.
  for (std::string ch : {"x", "\xC3\xA9", "\xE4\xB8\xAD", "\xF0\x9F\x98\x80", "~", "/"}) {
    CAPTURE(ch);
    for (std::size_t count = 1; count < 300; ++count) {
      std::string name;
      for (std::size_t i = 0; i < count; ++i) name += ch;
      // One long segment in the middle, between the DTO path and the innermost part.
      dto::error e(error_code::syntax, 0, "m");
      e.prepend_key("x");
      e.prepend_key(name);
      e.prepend_key("customData");
      e.prepend_key("data");
      check_cut(e.pointer(), "/data/customData/" + escaped(name) + "/x");
      // One long segment innermost, and many short ones outside it.
      dto::error deep(error_code::capacity, 0, "m");
      deep.prepend_key(name);
      std::string whole = "/" + escaped(name);
      for (std::size_t i = 0; i < count % 97; ++i) deep.prepend_index(i), whole = "/" + std::to_string(i) + whole;
      deep.prepend_key(name);
      whole = "/" + escaped(name) + whole;
      check_cut(deep.pointer(), whole);
    }
  }
}

TEST_CASE("error: through the decoder, a value error under an unknown member of any name length") {
  for (std::string ch : {"a", "\xC3\xA9", "\xE4\xB8\xAD", "\xF0\x9F\x98\x80"}) {
    for (std::size_t count = 20; count < 140; ++count) {
      std::string name;
      for (std::size_t i = 0; i < count; ++i) name += ch;
      CAPTURE(count);
      auto o = decode_error(response("\"" + name + "\":[01]"));
      CHECK(o.code == error_code::syntax);
      check_cut(o.pointer, "/data/" + name + "/0");
    }
  }
}
