// Contract M1: no heap allocation in steady state. This binary replaces the global operator
// new and counts every call.
//
// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include "count_allocations.hpp"
#include "support.hpp"

using namespace test;

template <class Fn>
long allocations_of(Fn&& fn) {
  long before = count_allocations::total.load();
  fn();
  return count_allocations::total.load() - before;
}

TEST_CASE("the counter counts") {
  CHECK(allocations_of([] {
          int* volatile p = new int(1);  // volatile: the pair may not be elided
          delete p;
        }) == 1);
}

TEST_CASE("a repeated decode and encode allocate nothing") {
  std::vector<std::string> docs = {read_data("seed_000_get_user.json"), read_data("seed_001_get_profile.json")};
  dto::decoder d;
  for (auto& doc : docs) REQUIRE(d.decode(doc));  // warm up
  std::vector<char> out(1 << 16);
  for (auto& doc : docs) {
    long n = allocations_of([&] {
      for (int i = 0; i < 100; ++i) {
        auto r = d.decode(doc);
        REQUIRE(r);
        REQUIRE(dto::encode(*r, std::span<char>(out)));
      }
    });
    CHECK(n == 0);
  }
  // The list envelopes (contract S4) too: a page of three users, its list then one object.
  std::string seed = docs[0];
  std::size_t data = seed.find("\"data\":") + 7;
  std::string user = seed.substr(data, seed.rfind('}') - data);
  std::string page = R"({"statusCode":200,"message":"m","data":{"totalCount":3,"list":[)" + user + "," + user + "," +
                     user + "]}}";
  REQUIRE(d.decode<dto::UserPaginatedRespDto>(page));
  CHECK(allocations_of([&] {
          for (int i = 0; i < 100; ++i) {
            REQUIRE(d.decode<dto::UserPaginatedRespDto>(page));
            REQUIRE(d.decode<dto::UserListRespDto>(docs[0]));
          }
        }) == 0);
  // Errors allocate nothing either.
  CHECK(allocations_of([&] { CHECK_FALSE(d.decode(R"({"statusCode":200,"message":1})")); }) == 0);
  CHECK(allocations_of([&] { CHECK_FALSE(d.decode(R"({"statusCode":"x","message":1} x)")); }) == 0);
}

TEST_CASE("after one document of N bytes, any document of up to N bytes allocates nothing") {
  // Warm up on a plain document, then decode the worst shapes for the list storage at
  // the same size: thousands of list elements, identities and unknown members.
  auto pad_to = [](std::string doc, std::size_t size) {
    doc.insert(doc.size() - 1, std::string(size - doc.size(), ' '));
    return doc;
  };
  std::string many_ids = "\"departmentIds\":[\"\"";
  for (int i = 0; i < 3000; ++i) many_ids += ",\"\"";
  many_ids += "],\"postIdList\":\"[";
  for (int i = 0; i < 2000; ++i) many_ids += (i ? ",\\\"\\\"" : "\\\"x\\\"");
  many_ids += "]\"";
  std::string many_unknown = "\"a0\":0";
  for (int i = 1; i < 2500; ++i) many_unknown += ",\"a" + std::to_string(i) + "\":0";
  std::string many_identities = "\"identities\":[" + identity();
  for (int i = 0; i < 150; ++i) many_identities += "," + identity();
  many_identities += "]";
  // Lists and unknown members built above identities decoded in place on the list stack.
  std::string crowded = "\"identities\":[";
  for (int i = 0; i < 20; ++i) {
    std::string conn = "\"originConnIds\":[\"\"";
    for (int j = 0; j < 150; ++j) conn += ",\"\"";
    conn += "]";
    for (int j = 0; j < 60; ++j) conn += ",\"u" + std::to_string(j) + "\":0";
    crowded += (i ? "," : "") + identity(conn, "originConnIds");
  }
  crowded += "]";
  std::vector<std::string> hostile = {response(many_ids), response(many_unknown), response(many_identities),
                                      response(crowded)};
  std::size_t size = 0;
  for (auto& h : hostile) size = std::max(size, h.size());
  for (auto& h : hostile) h = pad_to(h, size);

  dto::decoder d;
  REQUIRE(d.decode(pad_to(response(), size)));
  for (auto& h : hostile) {
    CHECK(allocations_of([&] { CHECK(d.decode(h)); }) == 0);
  }
}

TEST_CASE("T3: a stream allocates nothing per record once the decoder has room for its longest") {
  std::string seed = read_data("seed_000_get_user.json"), line;
  for (char c : seed) if (c != '\n') line += c;
  auto ndjson = [&](int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += (i % 7 == 3 ? R"({"statusCode":200,"message":1})" : line) + "\n";
    return simdjson::padded_string(s);
  };
  simdjson::padded_string small = ndjson(100), big = ndjson(2000);
  dto::decoder d;
  REQUIRE_FALSE(d.reserve(line.size()));
  for (auto* input : {&small, &big}) {
    std::size_t records = 0, good = 0;
    CHECK(allocations_of([&] {
            dto::stream s(d, *input);
            for (const auto& r : s) ++records, good += static_cast<bool>(r);
          }) == 0);
    CHECK(records == (input == &small ? 100u : 2000u));
    CHECK(good < records);
  }
}

TEST_CASE("M3: keep() allocates one block per response, and none when there is nothing to copy") {
  std::string seed = read_data("seed_000_get_user.json");
  std::size_t data = seed.find("\"data\":") + 7;
  std::string user = seed.substr(data, seed.rfind('}') - data);
  std::string page = R"({"statusCode":200,"message":"m","data":{"totalCount":2,"list":[)" + user + "," + user + "]}}";
  dto::decoder d;
  auto single = d.decode(seed);
  REQUIRE(single);
  CHECK(allocations_of([&] { CHECK(dto::keep(*single)); }) == 1);
  auto listed = d.decode<dto::UserPaginatedRespDto>(page);
  REQUIRE(listed);
  CHECK(allocations_of([&] { CHECK(dto::keep(*listed)->data->list.size() == 2); }) == 1);
  auto error = d.decode(R"({"statusCode":404,"message":""})");
  REQUIRE(error);
  CHECK(allocations_of([&] { CHECK(dto::keep(*error).bytes() == 0); }) == 0);
}
