// The field-table machinery is not tied to the GenAuth types: a small unrelated DTO, described
// in a few lines, gets decode, encode, validation and error pointers for free.
//
// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include "support.hpp"

namespace shelf {

namespace dto = genauth::dto;

enum class format : std::uint8_t { unknown, paperback, hardcover, ebook };

struct Author : dto::dto_base {
  std::string_view name;
  std::optional<std::int64_t> born;
};

struct Book : dto::dto_base {
  std::string_view title;
  dto::enum_value<shelf::format> format;
  std::optional<dto::string_list> tags;
  std::span<const Author> authors;
};

}  // namespace shelf

template <>
struct genauth::dto::enum_names<shelf::format> {
  static constexpr std::string_view names[] = {"", "paperback", "hardcover", "ebook"};
};
template <>
struct genauth::dto::describe<shelf::Author> {
  using fields = field_list<field<"name", &shelf::Author::name>, field<"born", &shelf::Author::born>>;
};
template <>
struct genauth::dto::describe<shelf::Book> {
  using T = shelf::Book;
  using fields = field_list<field<"title", &T::title>, field<"format", &T::format>, field<"tags", &T::tags>,
                            field<"authors", &T::authors>>;
};

TEST_CASE("another DTO: decode, encode, validation and pointers") {
  genauth::dto::decoder d;
  auto book = d.decode<shelf::Book>(
      R"({"authors":{"name":"Le Guin","born":1929},"title":"The Dispossessed","format":"paperback","tags":"[\"sf\"]","isbn":"x"})");
  REQUIRE(book);
  CHECK(book->title == "The Dispossessed");
  CHECK(book->format == shelf::format::paperback);
  CHECK(book->tags->size() == 1);
  REQUIRE(book->authors.size() == 1);  // one object stands for a list of one
  CHECK(book->authors[0].born == 1929);
  CHECK(book->unknown.size() == 1);
  std::string out;
  genauth::dto::encode(*book, out);
  CHECK(out == R"({"title":"The Dispossessed","format":"paperback","tags":["sf"],"authors":[{"name":"Le Guin","born":1929}],"isbn":"x"})");

  auto missing = d.decode<shelf::Book>(R"({"title":"t","format":"ebook","authors":[{"born":1}]})");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code() == genauth::dto::error_code::missing_field);
  CHECK(missing.error().pointer() == "/authors/0/name");
  auto wrong = d.decode<shelf::Book>(R"({"title":"t","format":"ebook","authors":[],"tags":[1]})");
  REQUIRE_FALSE(wrong);
  CHECK(wrong.error().code() == genauth::dto::error_code::type_mismatch);
  CHECK(wrong.error().pointer() == "/tags/0");
}
