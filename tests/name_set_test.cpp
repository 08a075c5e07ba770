// detail/name_set.hpp: SipHash against the published vectors; the sets of unknown member
// names, compared at once or grouped by hash at the object's end, across nested objects; and
// through the decoder, duplicates at every count around the switch from one to the other,
// and the first error in the document winning over a repeated name found later.
//
// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include <genauth/dto/detail/name_set.hpp>

#include <string>
#include <unordered_map>
#include <vector>

#include "support.hpp"

using genauth::dto::error_code;
using genauth::dto::detail::name_sets;
using genauth::dto::detail::siphash;
using namespace test;

TEST_CASE("siphash: SipHash-2-4 gives the paper's vectors (key 00..0f, message 00..n-1)") {
  std::uint64_t k0 = 0x0706050403020100ull, k1 = 0x0f0e0d0c0b0a0908ull;
  std::string m;
  for (int i = 0; i < 15; ++i) m += static_cast<char>(i);
  CHECK(siphash<2, 4>(k0, k1, m.substr(0, 0)) == 0x726fdb47dd0e0e31ull);
  CHECK(siphash<2, 4>(k0, k1, m.substr(0, 1)) == 0x74f839c593dc67fdull);
  CHECK(siphash<2, 4>(k0, k1, m.substr(0, 8)) == 0x93f5f5799a932462ull);
  CHECK(siphash<2, 4>(k0, k1, m.substr(0, 15)) == 0xa129ca6149be45e5ull);
  // Usable at compile time, and keyed: another key, another hash.
  static_assert(siphash<1, 3>(1, 2, "userId") != siphash<1, 3>(1, 3, "userId"));
}

namespace {
// first_duplicate()'s scratch memory for n names, filled with garbage it must not read.
void* scratch(std::size_t n) {
  static std::vector<std::uint64_t> room;
  room.assign(name_sets::scratch_bytes(n) / 8 + 1, 0xa5a5a5a5a5a5a5a5ull);
  return room.data();
}

struct names {
  std::vector<std::string> list;
  name_sets sets;
  std::size_t mark = 0;
  names() { REQUIRE(sets.reserve(1 << 20)); mark = sets.mark(); }
  explicit names(std::uint64_t k0, std::uint64_t k1) : sets(k0, k1) { REQUIRE(sets.reserve(1 << 20)); mark = sets.mark(); }
  name_sets::outcome add(const std::string& name) {
    auto o = sets.add(mark, list.size(), name, [&](std::size_t i) { return std::string_view(list[i]); });
    if (o == name_sets::outcome::added) list.push_back(name);
    return o;
  }
  std::size_t first_duplicate() {
    return sets.first_duplicate(mark, list.size(), [&](std::size_t i) { return std::string_view(list[i]); }, scratch(list.size()));
  }
};
}  // namespace

TEST_CASE("name_sets: the first few compared at once, the rest when the object ends") {
  names n;
  for (std::size_t i = 0; i + 1 < name_sets::scan_limit; ++i) REQUIRE(n.add("k" + std::to_string(i)) == name_sets::outcome::added);
  CHECK(n.add("k3") == name_sets::outcome::duplicate);
  for (std::size_t i = name_sets::scan_limit - 1; i < 3000; ++i) REQUIRE(n.add("k" + std::to_string(i)) == name_sets::outcome::added);
  CHECK(n.first_duplicate() == 3000);  // none
  // A repeat of any earlier name, or several: the first in order is found, every time.
  for (std::size_t again : {0u, 7u, 8u, 1500u, 2999u}) {
    CAPTURE(again);
    names m;
    for (std::size_t i = 0; i < 3000; ++i) REQUIRE(m.add("k" + std::to_string(i)) == name_sets::outcome::added);
    REQUIRE(m.add("x") == name_sets::outcome::added);
    REQUIRE(m.add("k" + std::to_string(again)) == name_sets::outcome::added);  // index 3001
    REQUIRE(m.add("x") == name_sets::outcome::added);                         // index 3002
    REQUIRE(m.add("k0") == name_sets::outcome::added);
    CHECK(m.first_duplicate() == 3001);
  }
  names empty_names;
  for (int i = 0; i < 20; ++i) REQUIRE(empty_names.add(std::string(static_cast<std::size_t>(i), 'a')) == name_sets::outcome::added);
  CHECK(empty_names.first_duplicate() == 20);  // none of the 20
  REQUIRE(empty_names.add("") == name_sets::outcome::added);
  CHECK(empty_names.first_duplicate() == 20);  // the 21st
}

TEST_CASE("name_sets: distinct names of equal hash are told apart") {
  // Under a fixed key, two names whose hashes agree in the 32 bits kept (a birthday search).
  const std::uint64_t k0 = 1, k1 = 2;
  std::unordered_map<std::uint32_t, std::string> by_hash;
  std::string a, b;
  for (std::size_t i = 0; a.empty(); ++i) {
    std::string name = "c" + std::to_string(i);
    auto h = static_cast<std::uint32_t>(siphash<1, 3>(k0, k1, name) >> 32);
    auto [it, fresh] = by_hash.emplace(h, name);
    if (!fresh) a = it->second, b = name;
  }
  CAPTURE(a);
  CAPTURE(b);
  names n(k0, k1);
  for (std::size_t i = 0; i < 20; ++i) REQUIRE(n.add("k" + std::to_string(i)) == name_sets::outcome::added);
  REQUIRE(n.add(a) == name_sets::outcome::added);
  REQUIRE(n.add(b) == name_sets::outcome::added);
  CHECK(n.first_duplicate() == 22);  // no duplicate
  REQUIRE(n.add(b) == name_sets::outcome::added);
  REQUIRE(n.add(a) == name_sets::outcome::added);
  CHECK(n.first_duplicate() == 22);  // the second b, before the second a
}

TEST_CASE("name_sets: a nested object's list lies above its parent's and is dropped with it") {
  names parent;
  for (int i = 0; i < 20; ++i) REQUIRE(parent.add("p" + std::to_string(i)) == name_sets::outcome::added);
  std::size_t child_mark = parent.sets.mark();
  std::vector<std::string> child;
  auto add_child = [&](const std::string& name) {
    auto o = parent.sets.add(child_mark, child.size(), name, [&](std::size_t i) { return std::string_view(child[i]); });
    if (o == name_sets::outcome::added) child.push_back(name);
    return o;
  };
  for (int i = 0; i < 20; ++i) CHECK(add_child("p" + std::to_string(i)) == name_sets::outcome::added);
  CHECK(add_child("p3") == name_sets::outcome::added);
  CHECK(parent.sets.first_duplicate(child_mark, child.size(), [&](std::size_t i) { return std::string_view(child[i]); },
                                      scratch(child.size())) == 20);
  parent.sets.pop_to(child_mark);
  CHECK(parent.first_duplicate() == 20);  // the parent's list is whole
  CHECK(parent.add("p20") == name_sets::outcome::added);
  CHECK(parent.add("p3") == name_sets::outcome::added);
  CHECK(parent.first_duplicate() == 21);
}

TEST_CASE("name_sets: a list that does not fit what was reserved says so") {
  name_sets sets;
  REQUIRE(sets.reserve(16));  // 16 / 4 + 2 = 6 entries
  std::vector<std::string> list;
  name_sets::outcome last = name_sets::outcome::added;
  for (int i = 0; i < 100 && last == name_sets::outcome::added; ++i) {
    last = sets.add(0, list.size(), std::to_string(i), [&](std::size_t j) { return std::string_view(list[j]); });
    if (last == name_sets::outcome::added) list.push_back(std::to_string(i));
  }
  CHECK(last == name_sets::outcome::full);
  CHECK(list.size() == name_sets::scan_limit);  // compared without a list; the 9th needs 9 entries
}

namespace {
// A response whose user has n unknown members named by `name(i)`, then `tail`.
template <class Name>
std::string unknowns(std::size_t n, Name&& name, std::string_view tail = "") {
  std::string extra;
  for (std::size_t i = 0; i < n; ++i) extra += (i ? "," : "") + ("\"" + name(i) + "\":0");
  if (!tail.empty()) extra += "," + std::string(tail);
  return response(extra);
}
}  // namespace

TEST_CASE("unknown members: a duplicate is found at any count, plain, padded or escaped") {
  for (std::size_t n : {1u, 7u, 8u, 9u, 31u, 100u, 5000u}) {
    CAPTURE(n);
    auto plain = [](std::size_t i) { return "k" + std::to_string(i); };
    dto::decoder d;
    auto r = d.decode(unknowns(n, plain));
    REQUIRE(r);
    CHECK(r->data->unknown.size() == n);
    // The first, the middle and the last name again, as sent, padded, or escaped.
    for (std::size_t i : {std::size_t{0}, n / 2, n - 1}) {
      CAPTURE(i);
      for (std::string again : {"\"k" + std::to_string(i) + "\":1", "\" k" + std::to_string(i) + "\\t\":1",
                                "\"\\u006b" + std::to_string(i) + "\":1"}) {
        CAPTURE(again);
        std::string json = unknowns(n, plain, again);
        auto o = decode_error(json);
        CHECK(o.code == error_code::duplicate_key);
        CHECK(o.offset == json.rfind(again.substr(0, again.find(':'))));
      }
    }
    // Names that differ only in their last byte, or by being a prefix, are not duplicates.
    CHECK(d.decode(unknowns(n, plain, "\"k" + std::to_string(n) + "\":1,\"k\":2")));
  }
}

TEST_CASE("unknown members: duplicates inside identities and in the envelope") {
  auto names = [](std::size_t n, std::string_view again) {
    std::string s;
    for (std::size_t i = 0; i < n; ++i) s += (i ? "," : "") + ("\"x" + std::to_string(i) + "\":0");
    return s + (again.empty() ? "" : "," + std::string(again));
  };
  for (std::size_t n : {5u, 50u, 500u}) {
    CAPTURE(n);
    // An identity with many unknowns inside a user with many of the same names: each object
    // has its own set.
    std::string ok = response(names(n, "") + ",\"identities\":[" + identity(names(n, "")) + "," +
                              identity(names(n, "")) + "]," + "\"after\":1");
    CHECK(decode_error(ok).code == error_code::ok);
    auto o = decode_error(response(names(n, "") + ",\"identities\":[" + identity(names(n, "")) + "," +
                                   identity(names(n, "\"x1\":1")) + "]"));
    CHECK(o.code == error_code::duplicate_key);
    CHECK(o.pointer == "/data/identities/1/x1");
    // After the identities, the user's own set still holds its names.
    o = decode_error(response(names(n, "") + ",\"identities\":[" + identity(names(n, "")) + "],\"x0\":1"));
    CHECK(o.code == error_code::duplicate_key);
    CHECK(o.pointer == "/data/x0");
    std::string envelope = R"({"statusCode":200,"message":"ok",)" + names(n, "") + ",\"data\":" +
                           object(required_user, "", names(n, "")) + ",\"x" + std::to_string(n - 1) + "\":1}";
    o = decode_error(envelope);
    CHECK(o.code == error_code::duplicate_key);
    CHECK(o.pointer == "/x" + std::to_string(n - 1));
  }
}

TEST_CASE("unknown members: a repeated name wins over any error after it, and loses to one before") {
  auto many = [](std::string_view prefix) {
    std::string s;
    for (std::size_t i = 0; i < 100; ++i) s += (i ? "," : "") + ("\"" + std::string(prefix) + std::to_string(i) + "\":0");
    return s;
  };
  struct expectation {
    std::string extra;
    error_code code;
    std::string pointer;
  };
  // Its second identity repeats a name among many.
  const std::string bad_identity = "\"identities\":[" + identity(many("y")) + "," + identity(many("y") + ",\"y1\":1") + "]";
  for (const expectation& e : std::vector<expectation>{
           // After the repeat: a known member of the wrong type, an identity that fails,
           // another repeat among known members.
           {many("k") + ",\"k5\":0,\"email\":1", error_code::duplicate_key, "/data/k5"},
           {many("k") + ",\"k5\":{\"a\":1,\"a\":2},\"email\":1", error_code::duplicate_key, "/data/k5"},
           {many("k") + ",\"k5\":0," + bad_identity, error_code::duplicate_key, "/data/k5"},
           {many("k") + ",\"k5\":0,\"email\":\"a\",\"email\":\"b\"", error_code::duplicate_key, "/data/k5"},
           // Before it: the earlier error.
           {many("k") + ",\"email\":1,\"k5\":0", error_code::type_mismatch, "/data/email"},
           {many("k") + "," + bad_identity + ",\"k5\":0", error_code::duplicate_key, "/data/identities/1/y1"},
           // A syntax error anywhere wins over every other (contract D1: no JSON value at all).
           {many("k") + ",\"k5\":0,\"z\":01", error_code::syntax, "/data/z"},
           {many("k") + ",\"k5\":01", error_code::syntax, "/data/k5"},
       }) {
    CAPTURE(e.extra.substr(e.extra.size() - 60));
    std::string json = response(e.extra);
    auto o = decode_error(json);
    CHECK(o.code == e.code);
    CHECK(o.pointer == e.pointer);
    if (e.pointer == "/data/k5" && e.code == error_code::duplicate_key) CHECK(o.offset == json.rfind("\"k5\""));
  }
  // In the envelope, before a user that fails.
  std::string envelope = R"({"statusCode":200,"message":"ok",)" + many("k") + ",\"k7\":1,\"data\":" +
                         object(required_user, "", "\"email\":1") + "}";
  auto o = decode_error(envelope);
  CHECK(o.code == error_code::duplicate_key);
  CHECK(o.pointer == "/k7");
  // An escaped repeat: its offset is its opening quote, read back from its value.
  std::string escaped = response(many("k") + ",\"\\\"\\u006b5\\\\\":0,\"\\\"k5\\\\\":0,\"email\":1");
  o = decode_error(escaped);
  CHECK(o.code == error_code::duplicate_key);
  CHECK(o.offset == escaped.rfind("\"\\\"k5"));
}
