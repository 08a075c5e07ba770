// detail/name_set.hpp: SipHash against the published vectors; the sets of unknown member
// names, found and added across table rebuilds and nested objects; and through the decoder,
// duplicates at every count around the switch from scanning to the table.
#include <doctest/doctest.h>

#include <genauth/dto/detail/name_set.hpp>

#include <string>
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
struct names {
  std::vector<std::string> list;
  name_sets sets;
  std::size_t mark = 0;
  names() { REQUIRE(sets.reserve(1 << 16)); mark = sets.mark(); }
  name_sets::outcome add(const std::string& name) {
    auto o = sets.find_or_add(mark, list.size(), name, [&](std::size_t i) { return std::string_view(list[i]); });
    if (o == name_sets::outcome::added) list.push_back(name);
    return o;
  }
};
}  // namespace

TEST_CASE("name_sets: every name found again, before and after each rebuild") {
  names n;
  for (int i = 0; i < 3000; ++i) {
    CAPTURE(i);
    REQUIRE(n.add("k" + std::to_string(i)) == name_sets::outcome::added);
    // The first, the one before and a middle one are all still found.
    CHECK(n.add("k0") == name_sets::outcome::duplicate);
    CHECK(n.add("k" + std::to_string(i)) == name_sets::outcome::duplicate);
    CHECK(n.add("k" + std::to_string(i / 2)) == name_sets::outcome::duplicate);
  }
  CHECK(n.list.size() == 3000);
  // The table grew by doubling and stays at most half full.
  CHECK(n.sets.mark() - n.mark >= 2 * 3001);
  CHECK(n.sets.mark() - n.mark <= 4 * 3001);
  CHECK(n.add("") == name_sets::outcome::added);
  CHECK(n.add("") == name_sets::outcome::duplicate);
}

TEST_CASE("name_sets: a nested object's set lies above its parent's and is dropped with it") {
  names parent;
  for (int i = 0; i < 20; ++i) REQUIRE(parent.add("p" + std::to_string(i)) == name_sets::outcome::added);
  std::size_t child_mark = parent.sets.mark();
  std::vector<std::string> child;
  auto add_child = [&](const std::string& name) {
    auto o = parent.sets.find_or_add(child_mark, child.size(), name, [&](std::size_t i) { return std::string_view(child[i]); });
    if (o == name_sets::outcome::added) child.push_back(name);
    return o;
  };
  for (int i = 0; i < 20; ++i) CHECK(add_child("p" + std::to_string(i)) == name_sets::outcome::added);
  CHECK(add_child("p3") == name_sets::outcome::duplicate);
  parent.sets.pop_to(child_mark);
  CHECK(parent.add("p3") == name_sets::outcome::duplicate);
  CHECK(parent.add("p20") == name_sets::outcome::added);
}

TEST_CASE("name_sets: a table that does not fit what was reserved says so") {
  name_sets sets;
  REQUIRE(sets.reserve(0));  // room for 2 * min_table slots only
  std::vector<std::string> list;
  name_sets::outcome last = name_sets::outcome::added;
  for (int i = 0; i < 100 && last == name_sets::outcome::added; ++i) {
    last = sets.find_or_add(0, list.size(), std::to_string(i), [&](std::size_t j) { return std::string_view(list[j]); });
    if (last == name_sets::outcome::added) list.push_back(std::to_string(i));
  }
  CHECK(last == name_sets::outcome::full);
  CHECK(list.size() == 2 * name_sets::min_table / 2);  // 64 slots, at most half full
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
