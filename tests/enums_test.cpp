// Enumerations: every listed value round trips; anything else is unknown with its text.
//
// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include "support.hpp"

using namespace test;

template <class E>
void check_all_names(std::size_t expected) {
  CHECK(dto::enum_size<E> - 1 == expected);
  for (std::size_t i = 1; i < dto::enum_size<E>; ++i) {
    auto e = static_cast<E>(i);
    CAPTURE(dto::to_string(e));
    CHECK_FALSE(dto::to_string(e).empty());
    CHECK(dto::enum_from_string<E>(dto::to_string(e)) == e);
  }
  CHECK(dto::enum_from_string<E>("") == E::unknown);
  CHECK(dto::enum_from_string<E>("no such value") == E::unknown);
}

TEST_CASE("every listed value round trips") {
  check_all_names<dto::user_status>(6);
  check_all_names<dto::work_status>(2);
  check_all_names<dto::gender>(4);
  check_all_names<dto::user_source_type>(6);
  check_all_names<dto::identity_provider>(41);
}

TEST_CASE("the providers of the vendor's documents are all known") {
  // The seeds' 27 values, from the vendor document's provider list.
  std::string doc = read_data("vendor_doc_get_user.txt");
  std::size_t from = doc.find("External identity source type:");
  std::size_t to = doc.find("\noidc\n", from);
  REQUIRE(from != std::string::npos);
  REQUIRE(to != std::string::npos);
  std::istringstream lines(doc.substr(from, to - from));
  std::string line;
  int n = 0;
  while (std::getline(lines, line)) {
    if (line.rfind("- ", 0) != 0) continue;
    std::string name = line.substr(2, line.find(':') - 2);
    CAPTURE(name);
    CHECK(dto::enum_from_string<dto::identity_provider>(name) != dto::identity_provider::unknown);
    ++n;
  }
  CHECK(n == 27);
  for (auto extra : {"zjzwfw", "zzding", "seeyona8v5", "huawei", "sdbz", "azure-ad"})
    CHECK(dto::enum_from_string<dto::identity_provider>(extra) != dto::identity_provider::unknown);
}

TEST_CASE("enum_value keeps the text; matching is exact") {
  dto::enum_value<dto::gender> g("w");
  CHECK_FALSE(g.known());
  CHECK(g.str() == "w");
  dto::enum_value<dto::gender> w(dto::gender::W);
  CHECK(w.known());
  CHECK(w.str() == "W");
  CHECK_FALSE(g == w);
  dto::enum_value<dto::user_status> spaced(" Activated");
  CHECK(spaced.value == dto::user_status::unknown);
  CHECK(spaced.str() == " Activated");
}
