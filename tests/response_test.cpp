// response.hpp: the three envelopes, and the list envelopes of contract S4 in the shape of the
// vendor's samples (a list written as one user object, the seeds' quirks inside) and as real
// arrays.
//
// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include <string>

#include "support.hpp"

using namespace test;
using dto::error_code;

namespace {

// Seed 000's user object as sent (stringified lists, one identity object): the member `data`
// is the seed's last, so its text runs from after "data": to the envelope's closing brace.
std::string seed_user() {
  std::string seed = read_data("seed_000_get_user.json");
  std::size_t from = seed.find("\"data\":") + 7;
  std::size_t to = seed.rfind('}');
  return seed.substr(from, to - from);
}

// The seed's user with another userId (the seed's is 6229ffaxxxxxxxxcade3e3d9).
std::string user_with_id(const std::string& id) {
  std::string u = seed_user();
  std::string old = "6229ffaxxxxxxxxcade3e3d9";
  return u.replace(u.find(old), old.size(), id);
}

std::string envelope(const std::string& data) {
  return R"({"statusCode":200,"message":"Success","requestId":"r-1","data":)" + data + "}";
}

std::string page(const std::string& list, const std::string& total = "2") {
  return envelope(R"({"totalCount":)" + total + R"(,"list":)" + list + "}");
}

template <class T>
void check_round_trip(const T& value) {
  std::string once;
  dto::encode(value, once);
  dto::decoder again;
  auto back = again.decode<T>(once);
  REQUIRE(back);
  CHECK(dto::equal(value, *back));
  std::string twice;
  dto::encode(*back, twice);
  CHECK(once == twice);
}

}  // namespace

TEST_CASE("S4: get-user-batch as the vendor's sample writes it: data one user object") {
  dto::decoder d;
  std::string json = envelope(seed_user());
  auto r = d.decode<dto::UserListRespDto>(json);
  REQUIRE(r);
  CHECK(r->ok());
  REQUIRE(r->data);
  REQUIRE(r->data->size() == 1);
  const dto::UserDto& u = (*r->data)[0];
  CHECK(u.userId == "6229ffaxxxxxxxxcade3e3d9");
  CHECK(u.status == dto::user_status::Activated);
  REQUIRE(u.identities);
  CHECK(u.identities->size() == 1);
  // The same user, decoded as get-user's single response, is the list's one element.
  dto::decoder single;
  auto one = single.decode(json);
  REQUIRE(one);
  CHECK(dto::equal(*one->data, u));
  // Encoded, the list is an array.
  std::string out;
  dto::encode(*r, out);
  CHECK(out.find(R"("data":[{"userId":"6229ffaxxxxxxxxcade3e3d9")") != std::string::npos);
  check_round_trip(*r);
}

TEST_CASE("S4: get-user-batch with data a real array keeps its users in order") {
  dto::decoder d;
  auto r = d.decode<dto::UserListRespDto>(envelope("[" + user_with_id("u-1") + "," + user_with_id("u-2") + " , " +
                                                   user_with_id("u-3") + "]"));
  REQUIRE(r);
  REQUIRE(r->data);
  REQUIRE(r->data->size() == 3);
  CHECK((*r->data)[0].userId == "u-1");
  CHECK((*r->data)[1].userId == "u-2");
  CHECK((*r->data)[2].userId == "u-3");
  for (const dto::UserDto& u : *r->data) CHECK(u.identities->size() == 1);
  check_round_trip(*r);

  auto empty = d.decode<dto::UserListRespDto>(envelope("[]"));
  REQUIRE(empty);
  REQUIRE(empty->data);
  CHECK(empty->data->empty());
  check_round_trip(*empty);
}

TEST_CASE("S4: list-users' page, its list as one object or as an array") {
  dto::decoder d;
  auto one = d.decode<dto::UserPaginatedRespDto>(page(seed_user(), "1"));
  REQUIRE(one);
  REQUIRE(one->data);
  CHECK(one->data->totalCount == 1);
  REQUIRE(one->data->list.size() == 1);
  CHECK(one->data->list[0].userId == "6229ffaxxxxxxxxcade3e3d9");
  std::string out;
  dto::encode(*one, out);
  CHECK(out.find(R"("data":{"totalCount":1,"list":[{"userId":)") != std::string::npos);
  check_round_trip(*one);

  auto two = d.decode<dto::UserPaginatedRespDto>(page("[" + user_with_id("a") + "," + user_with_id("b") + "]", "40"));
  REQUIRE(two);
  CHECK(two->data->totalCount == 40);  // the total over every page, not this page's count
  REQUIRE(two->data->list.size() == 2);
  CHECK(two->data->list[1].userId == "b");
  check_round_trip(*two);
}

namespace {

struct bad {
  std::string json;
  error_code code;
  std::string pointer;
};

// Each case, decoded as a T, fails with its code at its pointer.
template <class T, std::size_t N>
void check_errors(const bad (&cases)[N]) {
  for (const bad& c : cases) {
    CAPTURE(c.json.substr(0, 120));
    dto::decoder d;
    auto r = d.decode<T>(c.json);
    REQUIRE_FALSE(r);
    CHECK(r.error().code() == c.code);
    CHECK(r.error().pointer() == c.pointer);
  }
}

}  // namespace

TEST_CASE("S4: the list envelopes' errors point into the list") {
  std::string a = user_with_id("a");
  std::string no_id = a;
  no_id.replace(no_id.find(R"("userId")"), 8, R"("userID")");
  const bad page_cases[] = {
      {envelope(R"({"list":[]})"), error_code::missing_field, "/data/totalCount"},
      {envelope(R"({"totalCount":0})"), error_code::missing_field, "/data/list"},
      {page("[" + a + "," + no_id + "]"), error_code::missing_field, "/data/list/1/userId"},
      {page("[" + a + ",3]"), error_code::type_mismatch, "/data/list/1"},
      {page("\"[]\""), error_code::type_mismatch, "/data/list"},
      {page("[]", "1.5"), error_code::type_mismatch, "/data/totalCount"},
      {page("[]", "null"), error_code::type_mismatch, "/data/totalCount"},
      {envelope(R"({"totalCount":0,"list":[],"totalCount":0})"), error_code::duplicate_key, "/data/totalCount"},
      {envelope("[]"), error_code::type_mismatch, "/data"},
      {R"({"statusCode":200,"message":"Success"})", error_code::missing_field, "/data"},
  };
  check_errors<dto::UserPaginatedRespDto>(page_cases);
  const bad list_cases[] = {
      {envelope("[" + a + "," + no_id + "]"), error_code::missing_field, "/data/1/userId"},
      {envelope("[" + a + ",\"a\"]"), error_code::type_mismatch, "/data/1"},
      {envelope("3"), error_code::type_mismatch, "/data"},
      {R"({"statusCode":200,"message":"Success","data":null})", error_code::type_mismatch, "/data"},  // as S1
  };
  check_errors<dto::UserListRespDto>(list_cases);
}

TEST_CASE("S4: an error response carries no list") {
  dto::decoder d;
  auto r = d.decode<dto::UserPaginatedRespDto>(R"({"statusCode":403,"message":"forbidden","apiCode":2001})");
  REQUIRE(r);
  CHECK_FALSE(r->ok());
  CHECK_FALSE(r->data);
  CHECK(r->apiCode == 2001);
  auto l = d.decode<dto::UserListRespDto>(R"({"statusCode":404,"message":"not found","data":null})");
  REQUIRE(l);
  CHECK_FALSE(l->data);
}

TEST_CASE("S4: a thousand users in one list, one decoder reused") {
  std::string list = "[";
  for (int i = 0; i < 1000; ++i) list += (i ? "," : "") + user_with_id("user-" + std::to_string(i));
  list += "]";
  dto::decoder d;
  for (int round = 0; round < 2; ++round) {
    auto r = d.decode<dto::UserPaginatedRespDto>(page(list, "1000"));
    REQUIRE(r);
    REQUIRE(r->data->list.size() == 1000);
    for (int i = 0; i < 1000; ++i) {
      const dto::UserDto& u = r->data->list[static_cast<std::size_t>(i)];
      CHECK(u.userId == "user-" + std::to_string(i));
      CHECK(u.identities->size() == 1);
    }
  }
}

TEST_CASE("D10: a list of nearly empty users is refused past the memory bound, never truncated") {
  // Under relax_required `{}` is a user, 2 bytes of input for a UserDto of about 1.2 KB: the
  // decoder keeps at most 8 bytes per input byte for lists, so a long enough list of them is
  // capacity at the first user past the bound. Users with their required members fit.
  dto::decoder relaxed(dto::decode_options{.relax_required = true});
  std::string few = R"({"statusCode":200,"message":"m","data":[{},{},{}]})";
  auto ok = relaxed.decode<dto::UserListRespDto>(few);
  REQUIRE(ok);
  CHECK(ok->data->size() == 3);
  std::string many = R"({"statusCode":200,"message":"m","data":[{})";
  for (int i = 1; i < 10000; ++i) many += ",{}";
  many += "]}";
  auto r = relaxed.decode<dto::UserListRespDto>(many);
  REQUIRE_FALSE(r);
  CHECK(r.error().code() == error_code::capacity);
  CHECK(r.error().message() == "list items need more memory than 8 bytes per input byte allow");
  CHECK(r.error().pointer().starts_with("/data/"));

  std::string minimal = R"({"userId":"","createdAt":"","updatedAt":"","status":"","workStatus":"","gender":"",)"
                        R"("emailVerified":true,"phoneVerified":true,"userSourceType":""})";
  std::string strict = R"({"statusCode":200,"message":"m","data":[)" + minimal;
  for (int i = 1; i < 10000; ++i) strict += "," + minimal;
  strict += "]}";
  dto::decoder d;
  auto all = d.decode<dto::UserListRespDto>(strict);
  REQUIRE(all);
  CHECK(all->data->size() == 10000);
}
