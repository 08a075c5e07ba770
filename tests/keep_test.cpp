// keep.hpp: the owning form (contract M3). A kept DTO must read back exactly what was decoded
// after the decoder has moved on, been destroyed, and the kept DTO itself has moved; under
// ASan, a view left pointing into the decoder's memory would also be reported (M3).
//
// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "support.hpp"

using namespace test;

namespace {

// The seed's user with variations that touch every kind of storage a decode uses: the
// document's bytes, the parser's buffer for unescaped strings (the escaped name), the
// decoder's list storage (a list sent as a string), unknown members, raw JSON, and as many
// identities as i says.
// A user's required members after userId (status unknown to the library in a third of them).
std::string required_members(std::string_view status) {
  return R"("createdAt":"2022-07-03T03:20:30.000Z","updatedAt":"2022-07-03T03:20:30.000Z","status":")" +
         std::string(status) +
         R"(","workStatus":"Active","gender":"M","emailVerified":true,"phoneVerified":false,"userSourceType":"register")";
}

std::string user_document(std::size_t i) {
  std::string n = std::to_string(i);
  std::string required_rest = required_members(i % 3 ? "Activated" : "Sleeping");
  std::string identities;
  for (std::size_t k = 0; k < i % 4; ++k)
    identities += std::string(k ? "," : "") + R"({"identityId":"id-)" + n + "-" + std::to_string(k) +
                  R"(","extIdpId":"x","provider":"wechat","type":"openid","userIdInIdp":"u)" + n +
                  R"(","originConnIds":"[\"c)" + n + R"(\"]","userInfoInIdp":{"k":[)" + n + "]}}";
  std::string departments = i % 2 ? R"("[\"d)" + n + R"(\", \"e\"]")" : R"(["d)" + n + R"(","e"])";
  return R"({"statusCode":200,"message":"ok \u00e9 )" + n + R"(","requestId":"r-)" + n +
         R"(","data":{"userId":"user-)" + n + R"(",)" + required_rest +
         R"(,"email":"u)" + n + R"(@example.com","name":"N\u00e4me \")" + n + R"(\"","loginsCount":)" + n +
         R"(,"departmentIds":)" + departments + R"(,"identities":[)" + identities +
         R"(],"customData":{"n":)" + n + R"(,"s":"x \n y"},"x-extra-)" + n + R"(":[1, {"a" : null}]},"trace":")" +
         n + "\"}";
}

}  // namespace

TEST_CASE("M3: 10,000 users decoded one after another by one decoder, kept, read back whole") {
  constexpr std::size_t count = 10000;
  std::vector<dto::kept<dto::UserSingleRespDto>> kept;
  kept.reserve(count);  // (then each keep's move is the vector's only other work)
  std::vector<std::string> encoded;
  {
    auto d = std::make_unique<dto::decoder>();
    for (std::size_t i = 0; i < count; ++i) {
      std::string json = user_document(i);
      auto r = d->decode(json);
      REQUIRE_MESSAGE(r, json);
      dto::kept<dto::UserSingleRespDto> k = dto::keep(*r);
      REQUIRE(k);
      CHECK(*k == *r);  // compares equal to the view it came from
      std::string a, b;
      dto::encode(*k, a);
      dto::encode(*r, b);
      CHECK(a == b);  // and encodes identically
      encoded.push_back(a);
      kept.push_back(std::move(k));
    }
  }  // the decoder is gone, and with it every view it handed out
  dto::decoder again;
  for (std::size_t i = 0; i < count; ++i) {
    const dto::UserSingleRespDto& r = *kept[i];
    std::string n = std::to_string(i);
    REQUIRE(r.data);
    CHECK(r.message == "ok \xc3\xa9 " + n);
    CHECK(r.data->userId == "user-" + n);
    CHECK(r.data->name == "N\xc3\xa4me \"" + n + "\"");
    REQUIRE(r.data->departmentIds);
    REQUIRE(r.data->departmentIds->size() == 2);
    CHECK((*r.data->departmentIds)[0] == "d" + n);
    REQUIRE(r.data->identities);
    REQUIRE(r.data->identities->size() == i % 4);
    for (std::size_t k = 0; k < i % 4; ++k) {
      const dto::IdentityDto& id = (*r.data->identities)[k];
      CHECK(id.identityId == "id-" + n + "-" + std::to_string(k));
      REQUIRE(id.originConnIds.size() == 1);
      CHECK(id.originConnIds[0] == "c" + n);
      CHECK(id.userInfoInIdp->text == "{\"k\":[" + n + "]}");
    }
    CHECK(r.data->status.text == (i % 3 ? "Activated" : "Sleeping"));
    CHECK(r.data->customData->get<std::int64_t>("n").value() == static_cast<std::int64_t>(i));
    REQUIRE(r.data->unknown.size() == 1);
    CHECK(r.data->unknown[0].name == "x-extra-" + n);
    CHECK(r.data->unknown[0].value.text == R"([1, {"a" : null}])");
    REQUIRE(r.unknown.size() == 1);
    CHECK(r.unknown[0].value.text == "\"" + n + "\"");
    std::string out;
    dto::encode(r, out);
    CHECK(out == encoded[i]);
    auto fresh = again.decode(user_document(i));
    REQUIRE(fresh);
    CHECK(*fresh == r);
  }
}

TEST_CASE("M3: a kept DTO moves without its views moving, and keeps what it must") {
  dto::decoder d;
  auto r = d.decode<dto::UserPaginatedRespDto>(
      R"({"statusCode":200,"message":"m","data":{"totalCount":2,"list":[{"userId":"a",)" + required_members("Deleted") +
      R"(},{"userId":"b",)" + required_members("Frozen") + R"(,"departmentIds":"[\"x\"]"}]}})");
  REQUIRE(r);
  auto k = dto::keep(*r);
  REQUIRE(k);
  const char* block_text = k->data->list[1].userId.data();
  CHECK(k->data->list[1].userId.data() != r->data->list[1].userId.data());
  dto::kept<dto::UserPaginatedRespDto> moved = std::move(k);
  CHECK(moved->data->list[1].userId.data() == block_text);
  CHECK(moved->data->list.size() == 2);
  CHECK(moved->data->list[0].status == dto::user_status::Deleted);
  CHECK(moved->data->list[0].status.text == "Deleted");
  CHECK((*moved->data->list[1].departmentIds)[0] == "x");
  CHECK(*moved == *r);

  // The block holds what the views see and nothing more: the strings' bytes and the lists'
  // elements (two users, one department), aligned.
  std::size_t strings = 1 + 2 * (1 + 24 + 24 + 6 + 1 + 8) + 7 + 6 + 1;  // m; a and b with their members; x
  std::size_t lists = 2 * sizeof(dto::UserDto) + sizeof(std::string_view);
  CHECK(moved.bytes() >= strings + lists);
  CHECK(moved.bytes() <= strings + lists + 3 * alignof(dto::UserDto));
}

TEST_CASE("M3: a DTO with nothing to copy keeps no block; an error response keeps its message") {
  dto::decoder d;
  auto r = d.decode(R"({"statusCode":404,"message":"","apiCode":1})");
  REQUIRE(r);
  auto k = dto::keep(*r);
  REQUIRE(k);
  CHECK(k.bytes() == 0);
  CHECK(k->statusCode == 404);
  CHECK(*k->apiCode == 1);
  CHECK(*k == *r);
  CHECK(!k.error());

  dto::kept<dto::UserSingleRespDto> empty;
  CHECK(empty);
  CHECK(empty->statusCode == 0);
}
