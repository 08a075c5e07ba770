// Contract E1-E4: canonical encoding, escaping, redaction, buffers, and the round trip.
//
// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include <filesystem>
#include <sstream>

#include "support.hpp"

using namespace test;

TEST_CASE("canonical: table order whatever the input order; quirks normalized") {
  dto::decoder d;
  // Members reversed, stringified lists, a single identity.
  std::string json = R"({"data":{"departmentIds":"[\"d1\"]","identities":)" + identity() + R"(,"userSourceType":"excel",
     "phoneVerified":true,"emailVerified":false,"gender":"F","workStatus":"Closed","status":"Suspended",
     "updatedAt":"u","createdAt":"c","userId":"id"},"requestId":"r","message":"m","statusCode":200})";
  auto r = d.decode(json);
  REQUIRE(r);
  CHECK(encode(*r) ==
        R"({"statusCode":200,"message":"m","requestId":"r","data":{"userId":"id","createdAt":"c","updatedAt":"u",)"
        R"("status":"Suspended","workStatus":"Closed","gender":"F","emailVerified":false,"phoneVerified":true,)"
        R"("userSourceType":"excel","departmentIds":["d1"],"identities":[)" + identity() + "]}}");
}

TEST_CASE("strings: every byte below 0x20, quote and backslash escaped; UTF-8 as is") {
  std::string raw;
  for (int c = 0; c < 0x20; ++c) raw += static_cast<char>(c);
  raw += "\"\\/\x7F\xC3\xA9\xF0\x9F\x98\x80";
  dto::UserSingleRespDto r;
  r.statusCode = 500;
  r.message = raw;
  std::string out = encode(r);
  CHECK(out ==
        R"({"statusCode":500,"message":"\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f)"
        R"(\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f\"\\/)"
        "\x7F\xC3\xA9\xF0\x9F\x98\x80\"}");
  dto::decoder d;
  auto back = d.decode(out);
  REQUIRE(back);
  CHECK(back->message == raw);
}

TEST_CASE("strings of every length, with a byte to escape at every position, through every sink") {
  // Lengths around each block size (8, 16, 32) and the writer's 1 KB chunk.
  std::vector<std::size_t> lengths;
  for (std::size_t n = 0; n <= 100; ++n) lengths.push_back(n);
  for (std::size_t n : {1023u, 1024u, 1025u, 3000u}) lengths.push_back(n);
  for (std::size_t n : lengths) {
    std::string plain;
    for (std::size_t i = 0; i < n; ++i) plain += static_cast<char>('a' + i % 26);
    for (std::size_t at = 0; at <= n; ++at) {
      if (n > 100 && at % 97 != 0 && at != n) continue;
      for (char bad : {'"', '\\', '\x01', '\x1f'}) {
        std::string s = plain;
        if (at < n) s[at] = bad;  // at == n: nothing to escape
        CAPTURE(n);
        CAPTURE(at);
        std::string expected = escaped_bytewise(s);
        std::string via_string;
        dto::detail::write_string(s, via_string);
        REQUIRE(via_string == expected);
        std::vector<char> buf(expected.size());
        dto::detail::buffer_sink exact{buf};
        dto::detail::write_string(s, exact);
        CHECK_FALSE(exact.overflow);
        CHECK(std::string_view(buf.data(), exact.size) == expected);
        dto::detail::buffer_sink short_by_one{std::span<char>(buf.data(), buf.size() - 1)};
        dto::detail::write_string(s, short_by_one);
        CHECK(short_by_one.overflow);
        dto::detail::counting_sink counter;
        dto::detail::write_string(s, counter);
        CHECK(counter.size == expected.size());
      }
    }
  }
}

TEST_CASE("raw JSON is written as received, minified: whitespace inside strings stays") {
  dto::decoder d;
  auto r = d.decode(response("\"customData\" : {\n  \"a b\" : [ 1 ,\t2 ] ,\r\n \"s\" : \"  x\\\"  y \\u00e9\" }"));
  REQUIRE(r);
  std::string out = encode(*r);
  CHECK(out.find(R"("customData":{"a b":[1,2],"s":"  x\"  y \u00e9"})") != std::string::npos);
  CHECK(out.find('\n') == std::string::npos);
}

TEST_CASE("secrets: redacted on request; the printer always redacts") {
  dto::decoder d;
  auto r = d.decode(read_data("seed_000_get_user.json"));
  REQUIRE(r);
  std::string plain = encode(*r);
  CHECK(plain.find("57_fK0xgSL_NwVlS") != std::string::npos);
  std::string redacted = encode(*r, {.redact_secrets = true});
  CHECK(redacted.find("57_") == std::string::npos);
  CHECK(redacted.find(R"("accessToken":"[REDACTED]","refreshToken":"[REDACTED]")") != std::string::npos);
  std::ostringstream os;
  os << *r;
  CHECK(os.str() == redacted);
  std::ostringstream one;
  one << (*r->data->identities)[0];
  CHECK(one.str().find("[REDACTED]") != std::string::npos);
  CHECK(one.str().find("57_") == std::string::npos);
}

TEST_CASE("caller buffer: exact size fits, one byte less is capacity") {
  dto::decoder d;
  auto r = d.decode(read_data("seed_001_get_profile.json"));
  REQUIRE(r);
  std::size_t n = dto::encoded_size(*r);
  CHECK(n == encode(*r).size());
  std::vector<char> buf(n);
  auto written = dto::encode(*r, std::span<char>(buf));
  REQUIRE(written);
  CHECK(*written == n);
  CHECK(std::string(buf.data(), n) == encode(*r));
  for (std::size_t size = 0; size < n; ++size) {  // every place the output can run out
    auto small = dto::encode(*r, std::span<char>(buf.data(), size));
    REQUIRE_FALSE(small);
    CHECK(small.error().code() == dto::error_code::capacity);
  }
  CHECK(dto::encoded_size(*r, {.redact_secrets = true}) < n);
}

// An identity built by hand with its required members only.
dto::IdentityDto hand_identity(dto::identity_provider provider) {
  dto::IdentityDto id;
  id.identityId = "i";
  id.extIdpId = "x";
  id.provider = provider;
  id.type = "t";
  id.userIdInIdp = "u";
  return id;
}

TEST_CASE("a DTO built by hand encodes; absent members are omitted") {
  dto::IdentityDto id = hand_identity(dto::identity_provider::azure_ad);
  std::string out;
  dto::encode(id, out);
  CHECK(out == R"({"identityId":"i","extIdpId":"x","provider":"azure-ad","type":"t","userIdInIdp":"u","originConnIds":[]})");
}

// Every valid document of the suite: the seeds, the generated and hand-made ones.
std::vector<std::string> documents() {
  std::vector<std::string> docs;
  for (const auto& entry : std::filesystem::directory_iterator(GENAUTH_DTO_TEST_DATA))
    if (entry.path().extension() == ".json") docs.push_back(read_file(entry.path().string()));
  docs.push_back(response());
  docs.push_back(response(R"("identities":[],"departmentIds":"","customData":{},"x":[{"y":[]}],"z":"\u0000\ud83d\ude00")"));
  docs.push_back(response("\"identities\":[" + identity(R"("userInfoInIdp":{"a":[1,2.5e3,-0,true,null,"s"]})") + "," +
                          identity(R"(" accessToken ":"t","k":{})") + "]"));
  docs.push_back(R"({"statusCode":404,"message":"Not found","apiCode":2004,"requestId":"r","extra":[1, 2]})");
  docs.push_back(R"({ "message" : "m" , "statusCode" : -1 })");
  return docs;
}

TEST_CASE("round trip: decode(encode(decode(x))) == decode(x), field by field, for every document") {
  std::size_t n = 0;
  for (const std::string& doc : documents()) {
    CAPTURE(doc);
    dto::decoder first, second;
    auto a = first.decode(doc);
    REQUIRE(a);
    std::string once = encode(*a);
    auto b = second.decode(once);
    REQUIRE(b);
    CHECK(dto::equal(*a, *b));
    CHECK(*a == *b);
    CHECK(encode(*b) == once);  // canonical output is a fixed point
    ++n;
  }
  CHECK(n >= 7);
}

TEST_CASE("equality sees every difference") {
  dto::decoder d1, d2;
  auto a = d1.decode(read_data("seed_000_get_user.json"));
  auto b = d2.decode(read_data("seed_001_get_profile.json"));
  REQUIRE(a);
  REQUIRE(b);
  CHECK_FALSE(*a == *b);
  dto::UserDto u = *a->data, v = *a->data;
  CHECK(u == v);
  v.loginsCount = 4;
  CHECK_FALSE(u == v);
  v = u;
  v.customData = dto::raw_json{R"({ "school" : "xxxxx" , "age" : 22 })"};
  CHECK(u == v);  // same minified text
  v.customData = dto::raw_json{R"({"school":"xxxxx","age":23})"};
  CHECK_FALSE(u == v);
  v = u;
  v.missing = 1;
  CHECK_FALSE(u == v);
}

TEST_CASE("lists of strings: escapes anywhere, and a caller buffer that runs out anywhere") {
  const std::string_view ids[] = {"a", "b\"c", "", "d\n", std::string_view("e\0f", 3), "plain"};
  dto::IdentityDto id = hand_identity(dto::identity_provider::qq);
  id.originConnIds = ids;
  const std::string expected = R"({"identityId":"i","extIdpId":"x","provider":"qq","type":"t","userIdInIdp":"u",)"
                               R"("originConnIds":["a","b\"c","","d\n","e\u0000f","plain"]})";
  std::string out;
  dto::encode(id, out);
  CHECK(out == expected);
  std::vector<char> buf(expected.size());
  auto n = dto::encode(id, std::span<char>(buf));
  REQUIRE(n);
  CHECK(std::string_view(buf.data(), *n) == expected);
  for (std::size_t size = 0; size < expected.size(); ++size) {
    auto small = dto::encode(id, std::span<char>(buf.data(), size));
    REQUIRE_FALSE(small);
    CHECK(small.error().code() == dto::error_code::capacity);
  }
}
