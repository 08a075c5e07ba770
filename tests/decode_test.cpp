// Contract D1-D11: decoding rules, quirks, errors and options.
//
// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include <cstdio>
#include <type_traits>

#include "support.hpp"

using namespace test;
using dto::error_code;

TEST_CASE("seed 000 (get_user) decodes verbatim, quirks and all") {
  std::string json = read_data("seed_000_get_user.json");
  dto::decoder d;
  auto r = d.decode(json);
  REQUIRE(r);
  CHECK(r->statusCode == 200);
  CHECK(r->ok());
  CHECK(r->message == "Success");
  CHECK(r->requestId == "934108e5-9fbf-4d24-8da1-c330328abd6c");
  CHECK_FALSE(r->apiCode);
  REQUIRE(r->data);
  const dto::UserDto& u = *r->data;
  CHECK(u.userId == "6229ffaxxxxxxxxcade3e3d9");
  CHECK(u.createdAt.text == "2022-07-03T03:20:30.000Z");
  CHECK(u.status == dto::user_status::Activated);
  CHECK(u.workStatus == dto::work_status::Active);
  CHECK(u.gender == dto::gender::M);
  CHECK(u.userSourceType == dto::user_source_type::register_);
  CHECK(u.email == "test@example.com");
  CHECK(u.loginsCount == 3);
  CHECK(u.passwordSecurityLevel == 1);
  CHECK(u.emailVerified);
  CHECK(u.phoneVerified);
  CHECK(u.birthdate->text == "2022-06-03");
  CHECK_FALSE(u.tenantId);
  CHECK_FALSE(u.resetPasswordOnNextLogin);
  REQUIRE(u.departmentIds);  // a stringified array
  REQUIRE(u.departmentIds->size() == 2);
  CHECK((*u.departmentIds)[0] == "624d930c3xxxx5c08dd4986e");
  CHECK((*u.departmentIds)[1] == "624d93102xxxx012f33cd2fe");
  REQUIRE(u.identities);  // one object standing for a list
  REQUIRE(u.identities->size() == 1);
  const dto::IdentityDto& id = (*u.identities)[0];
  CHECK(id.identityId == "62299d8b866d2dab79a89dc4");
  CHECK(id.provider == dto::identity_provider::wechat);
  CHECK(id.accessToken == "57_fK0xgSL_NwVlS-gmUwlMQ2N6AONNIOAYxxxx");
  CHECK_FALSE(id.userInfoInIdp);  // omitted by the vendor's own sample
  REQUIRE(id.originConnIds.size() == 1);
  CHECK(id.originConnIds[0] == "605492ac41xxxxe0362f0707");
  REQUIRE(u.customData);
  CHECK(u.customData->get<std::int64_t>("age").value() == 22);
  CHECK(u.customData->get<std::string_view>("school").value() == "xxxxx");
  CHECK(u.unknown.empty());
  CHECK(r->unknown.empty());
}

TEST_CASE("seed 001 (get_profile): trimmed member names, values kept as sent") {
  std::string json = read_data("seed_001_get_profile.json");
  dto::decoder d;
  auto r = d.decode(json);
  REQUIRE(r);
  const dto::UserDto& u = *r->data;
  CHECK(u.lastLogin->text == "2022-07-03T03:20:30.000Z");  // sent as "lastLogin "
  CHECK(u.address == "Beijing Chaoyang");                  // sent as "address "
  CHECK(u.passwordLastSetAt->text == " 2022-07-03T03:20:30.000Z");  // the space stays
  CHECK(u.passwordLastSetAt->time().value() == u.createdAt.time().value());
  CHECK(u.customData->get<std::string_view>("school").value() == "Peking University");
  CHECK(u.unknown.empty());
}

TEST_CASE("strings of every length, with an escape at every position, decode to their value") {
  // Strings without escapes are taken in place by a block-wise search for the closing
  // quote; lengths around each block size (8, 16, 32) and an escape before, across and
  // after each block boundary.
  dto::decoder d;
  for (std::size_t n = 0; n <= 100; ++n) {
    std::string plain;
    for (std::size_t i = 0; i < n; ++i) plain += static_cast<char>('a' + i % 26);
    for (std::size_t at = 0; at <= n; ++at) {
      for (char special : {'"', '\\', '\n', '\x01'}) {
        std::string s = plain;
        if (at < n) s[at] = special;
        CAPTURE(n);
        CAPTURE(at);
        auto r = d.decode(R"({"statusCode":500,"message":)" + escaped_bytewise(s) + R"(,"requestId":)" +
                          escaped_bytewise(s) + "}");
        REQUIRE(r);
        CHECK(r->message == s);
        CHECK(r->requestId == s);
      }
    }
  }
}

TEST_CASE("every member of every DTO decodes into its slot") {
  // A document naming every field of UserDto and of its identities, each with a distinct
  // value where its kind allows one.
  auto every_member = [](auto dto_tag, std::string identities) {
    using T = typename decltype(dto_tag)::type;
    std::string json = "{";
    dto::for_each_field<T>([&](auto f, auto i) {
      using F = decltype(f);
      using M = dto::field_type<F>;
      json += std::string(i() ? "," : "") + "\"" + std::string(F::name) + "\":";
      if constexpr (dto::kind_of<M> == dto::member_kind::dto_list) json += identities;
      else json += sample_json<M>("v_" + std::string(F::name), static_cast<std::int64_t>(100 + i()));
      return true;
    });
    return json + "}";
  };
  std::string identity_json = every_member(std::type_identity<dto::IdentityDto>{}, "");
  std::string user = every_member(std::type_identity<dto::UserDto>{}, "[" + identity_json + "," + identity_json + "]");
  std::string json = R"({"statusCode":200,"message":"m","apiCode":7,"requestId":"q","data":)" + user + "}";

  dto::decoder d;
  auto r = d.decode(json);
  REQUIRE(r);
  // Canonical input: the encoding reproduces it byte for byte, so no member was dropped.
  CHECK(encode(*r) == json);
  // And each landed in its own slot: every string and integer is its field's.
  const dto::UserDto& u = *r->data;
  std::size_t distinct = 0;
  auto check_slots = [&](const auto& dto_value) {
    using T = std::remove_cvref_t<decltype(dto_value)>;
    dto::for_each_field<T>([&](auto f, auto i) {
      using F = decltype(f);
      constexpr auto kind = dto::kind_of<dto::field_type<F>>;
      const auto& slot = dto_value.*(F::member);
      auto value = [&]() -> const auto& {
        if constexpr (dto::is_required<F>) return slot;
        else return *slot;
      };
      CAPTURE(F::name);
      if constexpr (!dto::is_required<F>) REQUIRE(slot.has_value());
      if constexpr (kind == dto::member_kind::string) {
        CHECK(value() == "v_" + std::string(F::name));
        ++distinct;
      } else if constexpr (kind == dto::member_kind::integer) {
        CHECK(value() == static_cast<std::int64_t>(100 + i()));
        ++distinct;
      } else if constexpr (kind == dto::member_kind::string_list) {
        REQUIRE(value().size() == 1);
        CHECK(value()[0] == "v_" + std::string(F::name));
        ++distinct;
      }
      return true;
    });
  };
  check_slots(u);
  REQUIRE(u.identities->size() == 2);
  check_slots((*u.identities)[1]);
  CHECK(distinct > 40);  // most of the 64 members were told apart
  CHECK(u.resetPasswordOnNextLogin == true);
  CHECK(r->apiCode == 7);
}

TEST_CASE("D5a: stringified lists, for each list member") {
  for (std::string name : {"departmentIds", "registerSource", "postIdList"}) {
    CAPTURE(name);
    dto::decoder d;
    auto list_of = [&](std::string value) -> std::vector<std::string> {
      auto r = d.decode(response("\"" + name + "\":" + value));
      REQUIRE(r);
      std::optional<dto::string_list> l;
      dto::for_each_field<dto::UserDto>([&](auto f, auto) {
        using F = decltype(f);
        if constexpr (dto::kind_of<dto::field_type<F>> == dto::member_kind::string_list)
          if (F::name == name) l = (*r->data).*(F::member);
        return true;
      });
      REQUIRE(l);
      return {l->begin(), l->end()};
    };
    using v = std::vector<std::string>;
    CHECK(list_of(R"(["a","b"])") == v{"a", "b"});
    CHECK(list_of(R"("[\"a\",\"b\"]")") == v{"a", "b"});
    CHECK(list_of(R"(" [ \"a\" , \"b\" ] ")") == v{"a", "b"});
    CHECK(list_of(R"("[\"q\\\"uote\\\\\", \"\\u00e9\"]")") == v{"q\"uote\\", "\xC3\xA9"});
    CHECK(list_of(R"("")") == v{});
    CHECK(list_of(R"("  \t ")") == v{});
    CHECK(list_of(R"("[]")") == v{});
    CHECK(list_of("[]") == v{});
    for (std::string bad : {R"("abc")", R"("[1]")", R"("[\"a\"")", R"("[\"a\"] x")", R"("{}")", R"("[\"a\",null]")",
                            R"("\"a\"")", R"("[\"a\",]")", R"("null")", R"("[\"a\\u0001b\"] [")"}) {
      CAPTURE(bad);
      auto o = decode_error(response("\"" + name + "\":" + bad));
      CHECK(o.code == error_code::invalid_value);
      CHECK(o.pointer == "/data/" + name);
    }
  }
  // In identities too.
  auto o = decode_error(response(R"("identities":[)" + identity() + "," +
                                 identity(R"("extra":1)", "originConnIds") + "]"));
  CHECK(o.code == error_code::missing_field);
  CHECK(o.pointer == "/data/identities/1/originConnIds");
  dto::decoder d;
  auto r = d.decode(response(R"("identities":[{"identityId":"i","extIdpId":"x","provider":"qq","type":"t","userIdInIdp":"u","originConnIds":"[\"c1\",\"c2\"]"}])"));
  REQUIRE(r);
  CHECK((*r->data->identities)[0].originConnIds.size() == 2);
  CHECK((*r->data->identities)[0].originConnIds[1] == "c2");
  o = decode_error(response(R"("identities":[{"identityId":"i","extIdpId":"x","provider":"qq","type":"t","userIdInIdp":"u","originConnIds":"c1"}])"));
  CHECK(o.code == error_code::invalid_value);
  CHECK(o.pointer == "/data/identities/0/originConnIds");
}

TEST_CASE("D5b: identities as an array or as one object") {
  dto::decoder d;
  auto one = d.decode(response("\"identities\":" + identity()));
  REQUIRE(one);
  CHECK(one->data->identities->size() == 1);
  auto none = d.decode(response(R"("identities":[])"));
  REQUIRE(none);
  CHECK(none->data->identities.has_value());
  CHECK(none->data->identities->empty());
  auto o = decode_error(response("\"identities\":" + identity("", "provider")));
  CHECK(o.code == error_code::missing_field);
  CHECK(o.pointer == "/data/identities/provider");  // the document's own shape: no index
  o = decode_error(response(R"("identities":"x")"));
  CHECK(o.code == error_code::type_mismatch);
  CHECK(o.pointer == "/data/identities");
  o = decode_error(response("\"identities\":[" + identity() + ",3]"));
  CHECK(o.code == error_code::type_mismatch);
  CHECK(o.pointer == "/data/identities/1");
}

TEST_CASE("D5c: member names matched after trimming ASCII whitespace") {
  dto::decoder d;
  auto r2 = d.decode(response(R"(" email ":"a@b","\tphone\n":"1","nickname\f":"n")"));
  REQUIRE(r2);
  CHECK(r2->data->email == "a@b");
  CHECK(r2->data->phone == "1");
  CHECK(r2->data->nickname == "n");
  CHECK(r2->data->unknown.empty());
  // Escaped names are unescaped first.
  auto r3 = d.decode(response(R"("\u0065mail":"e")"));
  REQUIRE(r3);
  CHECK(r3->data->email == "e");
  // Inner spaces are not trimmed: an unknown member.
  auto r4 = d.decode(response(R"("e mail":"e")"));
  REQUIRE(r4);
  CHECK_FALSE(r4->data->email);
  REQUIRE(r4->data->unknown.size() == 1);
}

TEST_CASE("D6: unknown members kept in order, at every level") {
  dto::decoder d;
  std::string json = R"({"z":1,"statusCode":200,"message":"ok","a":{ "x" : [ 1 , "y z" ] },"data":)" +
                     object(required_user, "",
                            R"("custom1":"v","identities":)" + identity(R"("flag":true)") + R"(,"custom2":null)") +
                     R"(,"tail":[])" + "}";
  auto r = d.decode(json);
  REQUIRE(r);
  REQUIRE(r->unknown.size() == 3);
  CHECK(r->unknown[0].name == "z");
  CHECK(r->unknown[0].value.text == "1");
  CHECK(r->unknown[1].name == "a");
  CHECK(r->unknown[1].value.text == R"({ "x" : [ 1 , "y z" ] })");
  CHECK(r->unknown[2].name == "tail");
  CHECK(r->unknown[2].value.text == "[]");
  REQUIRE(r->data->unknown.size() == 2);
  CHECK(r->data->unknown[0].name == "custom1");
  CHECK(r->data->unknown[0].value.text == R"("v")");
  CHECK(r->data->unknown[1].value.text == "null");
  REQUIRE((*r->data->identities)[0].unknown.size() == 1);
  CHECK((*r->data->identities)[0].unknown[0].value.as_bool().value());
  // Encoded after the known members, minified.
  std::string out = encode(*r);
  CHECK(out.find(R"("tail":[])") != std::string::npos);
  CHECK(out.find(R"("a":{"x":[1,"y z"]})") != std::string::npos);
  CHECK(out.rfind(R"("z":1,"a":)") != std::string::npos);
  CHECK(out.find(R"("statusCode":200)") == 1);
}

TEST_CASE("D6: unknown names as sent, escaped or padded, among escaped values, at every level") {
  // An escaped name is kept unescaped (in the parser's string buffer), a plain one where it
  // stands in the input; strings unescaped before, between and after them must not disturb
  // either, nor many of them (past the names compared one by one), nor the precise retry
  // that a raw value failing the lean walk starts.
  for (bool retry : {false, true}) {
    CAPTURE(retry);
    std::string extra = R"("email":"a\u0040b","\u0078\u0031":"\u00e9"," pad ":1,"plain":[true])";
    for (int i = 0; i < 12; ++i) extra += ",\"e\\u0073" + std::to_string(i) + "\":" + std::to_string(i);
    std::string idp = R"("\u0069dp":"v","userIdInIdp":"\u0041")";
    std::string json = response(extra + ",\"identities\":[" + identity(idp, "userIdInIdp") + "],\"n\\u0061me\":\"\\u0042\"" +
                                (retry ? R"(,"customData":{"x":01})" : ""));
    dto::decoder d;
    auto r = d.decode(json);
    if (retry) {
      REQUIRE_FALSE(r);
      CHECK(r.error().code() == dto::error_code::syntax);
      CHECK(r.error().pointer() == "/data/customData/x");
      continue;
    }
    REQUIRE(r);
    const auto& u = *r->data;
    CHECK(u.email == "a@b");
    CHECK(u.name == "B");
    REQUIRE(u.unknown.size() == 15);
    CHECK(u.unknown[0].name == "x1");
    CHECK(u.unknown[0].value.text == R"("\u00e9")");
    CHECK(u.unknown[1].name == " pad ");
    CHECK(u.unknown[1].value.text == "1");
    CHECK(u.unknown[2].name == "plain");
    CHECK(u.unknown[2].value.text == "[true]");
    for (int i = 0; i < 12; ++i) {
      CHECK(u.unknown[3 + static_cast<std::size_t>(i)].name == "es" + std::to_string(i));
      CHECK(u.unknown[3 + static_cast<std::size_t>(i)].value.text == std::to_string(i));
    }
    REQUIRE(u.identities->size() == 1);
    REQUIRE((*u.identities)[0].unknown.size() == 1);
    CHECK((*u.identities)[0].unknown[0].name == "idp");
    CHECK((*u.identities)[0].unknown[0].value.text == R"("v")");
    CHECK((*u.identities)[0].userIdInIdp == "A");
    // Twice an escaped name, once as sent: the second is the duplicate.
    auto dup = d.decode(response(extra + R"(,"es3":0)"));
    REQUIRE_FALSE(dup);
    CHECK(dup.error().code() == dto::error_code::duplicate_key);
    CHECK(dup.error().pointer() == "/data/es3");
  }
}

TEST_CASE("D6: flatCustomData puts custom fields at the top of data; they survive") {
  dto::decoder d;
  auto r = d.decode(response(R"("school":"PKU","age":22,"tags":["a"],"nested":{"deep":{"x":null}})"));
  REQUIRE(r);
  const auto& u = *r->data;
  REQUIRE(u.unknown.size() == 4);
  CHECK(u.unknown[1].value.as_int64().value() == 22);
  auto again = d.decode(encode(*r));
  REQUIRE(again);
  CHECK(again->data->unknown.size() == 4);
  CHECK(again->data->unknown[3].value.text == R"({"deep":{"x":null}})");
}

TEST_CASE("D1: syntax") {
  struct c {
    std::string json;
    std::size_t offset;
  };
  std::string good = response();
  for (const c& k : std::vector<c>{
           {"", 0},
           {"   ", 0},
           {good.substr(0, good.size() - 1), 0},
           {good + " x", good.size() + 1},
           {good + "{}", good.size()},
           {"{\"statusCode\":200,\"message\":\"\xFF\"}", 29},
           {"{\"statusCode\":200,\"message\":\"\xC0\xAF\"}", 29},    // overlong
           {"{\"statusCode\":200,\"message\":\"\xED\xA0\x80\"}", 29},  // surrogate in UTF-8
           {"{\"statusCode\":200,\"message\":\"a\x01\"}", 30},       // raw control character
           {R"({"statusCode":200,"message":"\ud800"})", 28},
           {R"({"statusCode":200,"message":"\x"})", 28},
           {R"({"statusCode":tru,"message":"m"})", 14},
           {R"({"statusCode":200,"message":"m",})", 0},
           {R"({"statusCode":200 "message":"m"})", 0},
           {R"({"statusCode":01,"message":"m"})", 14},
           {R"({"statusCode":-,"message":"m"})", 14},
           {R"(["unclosed")", 0},
       }) {
    CAPTURE(k.json);
    auto o = decode_error(k.json);
    CHECK(o.code == error_code::syntax);
    if (k.offset) CHECK(o.offset == k.offset);
  }
}

TEST_CASE("D9: a leading UTF-8 byte order mark is syntax, whichever simdjson is underneath") {
  // simdjson 3.6.0 and later skip one; 3.0.1 does not. The library decides first.
  const std::string bom = "\xEF\xBB\xBF";
  for (std::string json : {bom + response(), bom + R"({"statusCode":400,"message":"m"})", bom + "2", bom, bom + " {}"}) {
    CAPTURE(json);
    dto::decoder d;
    auto r = d.decode(json);
    REQUIRE_FALSE(r);
    CHECK(r.error().code() == error_code::syntax);
    CHECK(r.error().offset() == 0);
    CHECK(std::string_view(r.error().message()).find("byte order mark") != std::string_view::npos);
  }
  // Anywhere else it is a character like any other: in a string, a value; before the root,
  // after whitespace, not JSON.
  CHECK(decode_error(R"({"statusCode":400,"message":")" + bom + "m\"}").code == error_code::ok);
  CHECK(decode_error(" " + bom + response()).code == error_code::syntax);
  // A stringified list whose text starts with one holds no JSON array.
  auto o = decode_error(response(R"("departmentIds":"\ufeff[\"a\"]")"));
  CHECK(o.code == error_code::invalid_value);
  CHECK(o.pointer == "/data/departmentIds");
}

TEST_CASE("D1: broken structure at every level of objects and arrays is syntax at its byte") {
  // Each place the decoder walks members or elements: the envelope, the user, an identity (as
  // one object and in an array), a list of strings, a stringified list, raw JSON objects and
  // arrays (customData, unknown members). `@` marks the bad byte.
  std::string id = identity();
  for (std::string part : {
           std::string(R"({"statusCode":200 @"message":"m"})"),                     // no comma
           std::string(R"({"statusCode"@200,"message":"m"})"),                      // no colon
           std::string(R"({"statusCode":200,@1:"m"})"),                             // name not a string
           response(R"("email":"e" @"phone":"p")"),
           response(R"("email"@"e")"),
           response(R"(@5:"e")"),
           response("\"identities\":" + id.substr(0, id.size() - 1) + R"(,"type" @"t"})"),
           response("\"identities\":[" + id + " @" + id + "]"),
           response(R"("departmentIds":["a" @"b"])"),
           response(R"("customData":{"a":1 @"b":2})"),
           response(R"("customData":{"a"@1})"),
           response(R"("customData":{"a":[1 @2]})"),
           response(R"("x":{"a":[1,{"b" @2}]})"),
       }) {
    std::size_t at = part.find('@');
    std::string json = part.substr(0, at) + part.substr(at + 1);
    CAPTURE(json);
    auto o = decode_error(json);
    CHECK(o.code == error_code::syntax);
    CHECK(o.offset == at);
  }
  // In a stringified list the inner document is broken: the member's value is invalid.
  auto o = decode_error(response(R"("departmentIds":"[\"a\" \"b\"]")"));
  CHECK(o.code == error_code::invalid_value);
  CHECK(o.pointer == "/data/departmentIds");
}

TEST_CASE("D1: a syntax error anywhere wins over an earlier semantic error") {
  // statusCode's type is wrong, but the document is not even JSON.
  for (std::string json : {R"({"statusCode":"200","message":"m"} x)", R"({"statusCode":"200","message":"m","u":[1,}})",
                           R"({"statusCode":"200","message":"m","u":"\q"})", R"({"statusCode":"200","message":"m")"}) {
    CAPTURE(json);
    CHECK(decode_error(json).code == error_code::syntax);
  }
  CHECK(decode_error(R"({"statusCode":"200","message":"m"})").code == error_code::type_mismatch);
}

TEST_CASE("D3: the root is an object, or type_mismatch at the empty pointer") {
  for (std::string json : {"[]", "[1,{\"a\":2}]", "\"s\"", "12", "null", "true"}) {
    auto o = decode_error(json);
    CHECK(o.code == error_code::type_mismatch);
    CHECK(o.pointer == "");
  }
  CHECK(decode_error("[1,]").code == error_code::syntax);
  CHECK(decode_error("nul").code == error_code::syntax);
  CHECK(decode_error("12 3").code == error_code::syntax);
}

TEST_CASE("D2: every required member, absent, is missing_field at its pointer") {
  dto::for_each_field<dto::UserDto>([&](auto f, auto) {
    using F = decltype(f);
    if constexpr (dto::is_required<F>) {
      auto o = decode_error(response("", F::name));
      CAPTURE(F::name);
      CHECK(o.code == error_code::missing_field);
      CHECK(o.pointer == "/data/" + std::string(F::name));
    }
    return true;
  });
  int identity_required = 0;
  dto::for_each_field<dto::IdentityDto>([&](auto f, auto) {
    using F = decltype(f);
    if constexpr (dto::is_required<F>) {
      ++identity_required;
      auto o = decode_error(response("\"identities\":[" + identity("", F::name) + "]"));
      CAPTURE(F::name);
      CHECK(o.code == error_code::missing_field);
      CHECK(o.pointer == "/data/identities/0/" + std::string(F::name));
    }
    return true;
  });
  CHECK(identity_required == 6);  // userInfoInIdp is optional in practice
  auto o = decode_error(R"({"message":"m"})");
  CHECK(o.code == error_code::missing_field);
  CHECK(o.pointer == "/statusCode");
  o = decode_error(R"({"statusCode":200})");
  CHECK(o.pointer == "/message");
}

TEST_CASE("S1: data is required on success only") {
  auto o = decode_error(R"({"statusCode":200,"message":"m"})");
  CHECK(o.code == error_code::missing_field);
  CHECK(o.pointer == "/data");
  std::string null_data = R"({"statusCode":200,"data":null,"message":"m"})";
  o = decode_error(null_data);
  CHECK(o.code == error_code::type_mismatch);
  CHECK(o.pointer == "/data");
  CHECK(o.offset == null_data.find("null"));
  dto::decoder d;
  auto r = d.decode(R"({"statusCode":404,"message":"not found","apiCode":2004})");
  REQUIRE(r);
  CHECK_FALSE(r->ok());
  CHECK(r->apiCode == 2004);
  CHECK_FALSE(r->data);
  r = d.decode(R"({"statusCode":400,"message":"bad","data":null,"requestId":"r"})");
  REQUIRE(r);
  CHECK_FALSE(r->data);
  // Present on an error response: still a UserDto, still checked.
  o = decode_error(R"({"statusCode":500,"message":"m","data":{}})");
  CHECK(o.code == error_code::missing_field);
  CHECK(o.pointer == "/data/userId");
}

// A JSON value of every type but those a member of `kind` accepts.
std::vector<std::string> wrong_values(dto::member_kind kind) {
  using k = dto::member_kind;
  std::vector<std::string> all = {R"("s")", "1", "true", "{}", "[]", "1.5"};
  std::vector<std::string> out;
  for (auto& v : all) {
    bool right = false;
    switch (kind) {
      case k::string:
      case k::timestamp:
      case k::enumeration: right = v[0] == '"'; break;
      case k::integer: right = v == "1"; break;
      case k::boolean: right = v == "true"; break;
      case k::raw_json:
      case k::dto: right = v == "{}"; break;
      case k::string_list: right = v == "[]" || v[0] == '"'; break;  // D5a: a stringified list
      case k::dto_list: right = v == "[]" || v == "{}"; break;       // D5b: one object
    }
    if (!right) out.push_back(v);
  }
  return out;
}

// Every member of T, given every wrong JSON type in the document doc(name, value), is
// type_mismatch at prefix + name. Returns how many cases it checked.
template <class T, class Doc>
int check_wrong_types(Doc doc, const std::string& prefix) {
  int checked = 0;
  dto::for_each_field<T>([&](auto f, auto) {
    using F = decltype(f);
    for (const std::string& v : wrong_values(dto::kind_of<dto::field_type<F>>)) {
      auto o = decode_error(doc(std::string(F::name), v));
      CAPTURE(F::name);
      CAPTURE(v);
      CHECK(o.code == error_code::type_mismatch);
      CHECK(o.pointer == prefix + std::string(F::name));
      ++checked;
    }
    return true;
  });
  return checked;
}

TEST_CASE("D3: every member given every wrong JSON type is type_mismatch at its pointer") {
  int checked = check_wrong_types<dto::UserDto>(
      [](const std::string& name, const std::string& v) { return response("\"" + name + "\":" + v, name); }, "/data/");
  checked += check_wrong_types<dto::IdentityDto>(
      [](const std::string& name, const std::string& v) {
        return response("\"identities\":" + identity("\"" + name + "\":" + v, name));
      },
      "/data/identities/");
  checked += check_wrong_types<dto::UserSingleRespDto>(
      [](const std::string& name, const std::string& v) {
        return "{\"" + name + "\":" + v + "," +
               (name == "statusCode" ? R"("message":"m","data":{}})"
                : name == "message"  ? R"("statusCode":200,"data":{}})"
                                     : R"("statusCode":200,"message":"m","data":{}})");
      },
      "/");
  CHECK(checked > 300);
}

TEST_CASE("D3: list elements of the wrong type") {
  auto o = decode_error(response(R"("departmentIds":["a",1])"));
  CHECK(o.code == error_code::type_mismatch);
  CHECK(o.pointer == "/data/departmentIds/1");
  o = decode_error(response(R"("postIdList":[null])"));
  CHECK(o.code == error_code::type_mismatch);
  CHECK(o.pointer == "/data/postIdList/0");
  o = decode_error(response(R"("registerSource":[["a"]])"));
  CHECK(o.pointer == "/data/registerSource/0");
}

TEST_CASE("D3: null is absent for an optional member, type_mismatch for a required one") {
  dto::decoder d;
  auto r = d.decode(response(R"("email":null,"customData":null,"identities":null,"loginsCount":null)"));
  REQUIRE(r);
  CHECK_FALSE(r->data->email);
  CHECK_FALSE(r->data->customData);
  CHECK_FALSE(r->data->identities);
  CHECK(encode(*r).find("\"email\"") == std::string::npos);
  for (const auto& member : required_user) {
    const std::string& name = member.first;
    auto o = decode_error(response("\"" + name + "\":null", name));
    CAPTURE(name);
    CHECK(o.code == error_code::type_mismatch);
    CHECK(o.pointer == "/data/" + name);
  }
  auto o = decode_error(response("\"identities\":" + identity(R"("type":null)", "type")));
  CHECK(o.code == error_code::type_mismatch);
  CHECK(o.pointer == "/data/identities/type");
}

TEST_CASE("D4: integers") {
  dto::decoder d;
  auto value = [&](std::string n) {
    auto r = d.decode(response("\"loginsCount\":" + n));
    REQUIRE(r);
    return *r->data->loginsCount;
  };
  CHECK(value("0") == 0);
  CHECK(value("-0") == 0);
  CHECK(value("9223372036854775807") == INT64_MAX);
  CHECK(value("-9223372036854775808") == INT64_MIN);
  CHECK(value(" 42 ") == 42);
  for (std::string n : {"1.0", "1e2", "1E+2", "0.5", "-1.5e-3", "1e400"}) {
    auto o = decode_error(response("\"loginsCount\":" + n));
    CAPTURE(n);
    CHECK(o.code == error_code::type_mismatch);
    CHECK(o.pointer == "/data/loginsCount");
  }
  for (std::string n : {"9223372036854775808", "-9223372036854775809", "18446744073709551616",
                        "123456789012345678901234567890"}) {
    auto o = decode_error(response("\"passwordSecurityLevel\":" + n));
    CAPTURE(n);
    CHECK(o.code == error_code::invalid_value);
    CHECK(o.pointer == "/data/passwordSecurityLevel");
  }
  auto o = decode_error(R"({"statusCode":1e2,"message":"m"})");
  CHECK(o.code == error_code::type_mismatch);
  CHECK(o.pointer == "/statusCode");
  CHECK(o.offset == 14);
}

TEST_CASE("D7: a member name twice in one object is duplicate_key at the second") {
  auto o = decode_error(response(R"("email":"a","email":"b")"));
  CHECK(o.code == error_code::duplicate_key);
  CHECK(o.pointer == "/data/email");
  std::string json = response(R"("email":"a", "email ":"b")");
  o = decode_error(json);
  CHECK(o.code == error_code::duplicate_key);
  CHECK(o.pointer == "/data/email ");
  CHECK(o.offset == json.find("\"email \""));
  o = decode_error(response(R"("userId":"again")"));
  CHECK(o.code == error_code::duplicate_key);
  CHECK(o.pointer == "/data/userId");
  o = decode_error(response(R"("email":null,"email":"b")"));
  CHECK(o.code == error_code::duplicate_key);
  o = decode_error(response(R"("x":1,"y":2,"x ":3)"));  // unknown members too
  CHECK(o.code == error_code::duplicate_key);
  CHECK(o.pointer == "/data/x ");
  o = decode_error(R"({"statusCode":200,"statusCode":200,"message":"m"})");
  CHECK(o.pointer == "/statusCode");
  o = decode_error(response("\"identities\":[" + identity() + "," + identity(R"("provider":"qq")") + "]"));
  CHECK(o.code == error_code::duplicate_key);
  CHECK(o.pointer == "/data/identities/1/provider");
  // Raw JSON is kept as received: duplicates inside customData are its own business.
  dto::decoder d;
  auto r = d.decode(response(R"("customData":{"a":1,"a":2})"));
  REQUIRE(r);
  CHECK(r->data->customData->text == R"({"a":1,"a":2})");
  // The same name at different levels is fine.
  CHECK(d.decode(R"({"statusCode":200,"message":"m","x":1,"data":)" + object(required_user, "", R"("x":1)") + "}"));
}

TEST_CASE("D8: nesting is bounded; deeper input is an error, never a crash") {
  auto nest = [](std::size_t depth) {
    return std::string(depth, '[') + std::string(depth, ']');
  };
  dto::decoder d;
  CHECK(d.decode(response("\"customData\":{\"a\":" + nest(200) + "}")));
  for (std::size_t depth : {300u, 5000u, 100000u}) {
    auto o = decode_error(response("\"customData\":{\"a\":" + nest(depth) + "}"));
    CHECK(o.code == error_code::capacity);
    // Cut visibly in the middle: the path through the DTOs and the innermost part are kept.
    CHECK(o.pointer.starts_with("/data/customData/a/0/0/"));
    CHECK(o.pointer.find("...") != std::string::npos);
    CHECK(o.pointer.ends_with("/0/0/0"));
  }
  auto o = decode_error(response("\"customData\":{\"a\":" + std::string(100000, '[')));  // and broken
  CHECK(o.code != error_code::ok);
  dto::decode_options shallow;
  shallow.max_depth = 3;
  o = decode_error(response(R"("customData":{"a":{}})"), shallow);
  CHECK(o.code == error_code::capacity);
  CHECK(o.pointer == "/data/customData/a");
}

TEST_CASE("D9: errors carry code, pointer, offset and message; pointers escape ~ and /") {
  std::string json = response(R"("a/b~c":{"x":tru})");
  dto::decoder d;
  auto r = d.decode(json);
  REQUIRE_FALSE(r);
  CHECK(r.error().code() == error_code::syntax);
  CHECK(r.error().pointer() == "/data/a~1b~0c/x");
  CHECK(r.error().offset() == json.find(":tru}") + 1);
  CHECK_FALSE(r.error().message().empty());
  CHECK(r.error().message().find('\n') == std::string_view::npos);
  // A very long pointer is cut visibly, keeping its head and its innermost part.
  std::string key(400, 'k');
  auto o = decode_error(response("\"" + key + "\":{\"x\":tru}"));
  CHECK(o.pointer.starts_with("/data/kkk"));
  CHECK(o.pointer.find("k...k") != std::string::npos);
  CHECK(o.pointer.size() <= dto::error::pointer_capacity);
  CHECK(o.pointer.ends_with("k/x"));
}

TEST_CASE("D9: the first error wins") {
  auto o = decode_error(response(R"("loginsCount":"x","email":5)", "userId"));
  CHECK(o.code == error_code::type_mismatch);
  CHECK(o.pointer == "/data/loginsCount");
}

TEST_CASE("S5: every value decodes, as sent or escaped; near misses are unknown") {
  dto::decoder d;
  // For each value of E: the document with `member` set to a text, and what E it decodes to.
  auto check_all = [&]<class E>(E, auto document, auto decoded) {
    for (std::size_t i = 0; i < dto::enum_size<E>; ++i) {
      std::string name(dto::enum_names<E>::names[i]);
      std::vector<std::pair<std::string, E>> cases = {{name, static_cast<E>(i)}, {name + "x", E::unknown},
                                                     {"x" + name, E::unknown}};
      if (!name.empty()) {
        char escaped[8];
        std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned char>(name[0]));
        cases.push_back({escaped + name.substr(1), static_cast<E>(i)});  // unescaped, then matched
        cases.push_back({name.substr(0, name.size() - 1), E::unknown});  // a prefix
        std::string other_case = name;
        other_case[0] = static_cast<char>(other_case[0] ^ 0x20);
        if (other_case != name) cases.push_back({other_case, E::unknown});
      }
      for (const auto& c : cases) {  // no structured binding: clang 14 cannot capture one
        const std::string& text = c.first;
        E expected = c.second;
        CAPTURE(text);
        auto r = d.decode(document("\"" + text + "\""));
        REQUIRE(r);
        CHECK(decoded(*r->data).value == expected);
      }
    }
  };
  auto user_member = [](std::string member) {
    return [member](std::string value) { return response("\"" + member + "\":" + value, member); };
  };
  check_all(dto::user_status{}, user_member("status"), [](const dto::UserDto& u) { return u.status; });
  check_all(dto::work_status{}, user_member("workStatus"), [](const dto::UserDto& u) { return u.workStatus; });
  check_all(dto::gender{}, user_member("gender"), [](const dto::UserDto& u) { return u.gender; });
  check_all(dto::user_source_type{}, user_member("userSourceType"),
            [](const dto::UserDto& u) { return u.userSourceType; });
  check_all(
      dto::identity_provider{},
      [](std::string value) { return response("\"identities\":" + identity("\"provider\":" + value, "provider")); },
      [](const dto::UserDto& u) { return (*u.identities)[0].provider; });
}

TEST_CASE("S5: unknown values keep their text; known ones decode") {
  dto::decoder d;
  auto ok = d.decode(R"({"statusCode":200,"message":"m","data":)" +
                     object({{"userId", R"("u")"}, {"createdAt", R"("c")"}, {"updatedAt", R"("u")"},
                             {"status", R"("Frozen")"}, {"workStatus", R"("Closed")"}, {"gender", R"("W")"},
                             {"emailVerified", "false"}, {"phoneVerified", "false"},
                             {"userSourceType", R"("workflow")"},
                             {"identities", R"({"identityId":"i","extIdpId":"x","provider":"mastodon","type":"t","userIdInIdp":"u","originConnIds":[]})"}}) +
                     "}");
  REQUIRE(ok);
  const auto& u = *ok->data;
  CHECK(u.status.value == dto::user_status::unknown);
  CHECK(u.status.text == "Frozen");
  CHECK(u.workStatus == dto::work_status::Closed);
  CHECK(u.gender == dto::gender::W);
  CHECK(u.userSourceType == dto::user_source_type::workflow);
  CHECK((*u.identities)[0].provider.value == dto::identity_provider::unknown);
  CHECK((*u.identities)[0].provider.text == "mastodon");
  std::string out = encode(*ok);
  CHECK(out.find(R"("status":"Frozen")") != std::string::npos);
  // Deleted, a status the list endpoints' documents name (contract S5), is known.
  std::string deleted = out;
  deleted.replace(deleted.find("Frozen"), 6, "Deleted");
  auto del = d.decode(deleted);
  REQUIRE(del);
  CHECK(del->data->status == dto::user_status::Deleted);
  CHECK(encode(*del) == deleted);
  CHECK(out.find(R"("provider":"mastodon")") != std::string::npos);
}

TEST_CASE("D11: relax_required, reject_unknown_members, reject_unknown_enums") {
  dto::decode_options relax;
  relax.relax_required = true;
  dto::decoder d(relax);
  auto r = d.decode(R"({"statusCode":200,"message":"m","data":{"userId":"u","email":"e"}})");
  REQUIRE(r);
  CHECK(r->data->missing != 0);
  CHECK(r->data->missing == (std::uint64_t{1} << dto::field_index<dto::UserDto>("createdAt") |
                             std::uint64_t{1} << dto::field_index<dto::UserDto>("updatedAt") |
                             std::uint64_t{1} << dto::field_index<dto::UserDto>("status") |
                             std::uint64_t{1} << dto::field_index<dto::UserDto>("workStatus") |
                             std::uint64_t{1} << dto::field_index<dto::UserDto>("gender") |
                             std::uint64_t{1} << dto::field_index<dto::UserDto>("emailVerified") |
                             std::uint64_t{1} << dto::field_index<dto::UserDto>("phoneVerified") |
                             std::uint64_t{1} << dto::field_index<dto::UserDto>("userSourceType")));
  // Absent members are not invented on the way out.
  CHECK(encode(*r) == R"({"statusCode":200,"message":"m","data":{"userId":"u","email":"e"}})");
  // Relaxed applies to the user only: the envelope and identities stay strict.
  CHECK(decode_error(R"({"statusCode":200,"data":{}})", relax).pointer == "/message");
  CHECK(decode_error(response("\"identities\":" + identity("", "type")), relax).pointer == "/data/identities/type");
  // Without the option it is an error.
  CHECK(decode_error(R"({"statusCode":200,"message":"m","data":{"userId":"u"}})").code == error_code::missing_field);

  dto::decode_options strict_members;
  strict_members.reject_unknown_members = true;
  auto o = decode_error(response(R"("nickname":"n","hobby":"x")"), strict_members);
  CHECK(o.code == error_code::invalid_value);
  CHECK(o.pointer == "/data/hobby");
  CHECK(decode_error(response(), strict_members).code == error_code::ok);

  dto::decode_options strict_enums;
  strict_enums.reject_unknown_enums = true;
  o = decode_error(response(R"("gender":"X")", "gender"), strict_enums);
  CHECK(o.code == error_code::invalid_value);
  CHECK(o.pointer == "/data/gender");
  CHECK(decode_error(response(R"("gender":"W")", "gender"), strict_enums).code == error_code::ok);

  dto::decode_options small;
  small.max_document_bytes = 10;
  o = decode_error(response(), small);
  CHECK(o.code == error_code::capacity);
}

TEST_CASE("a decoder is reusable; an error hands out nothing and leaves it usable") {
  dto::decoder d;
  CHECK_FALSE(d.decode(response(R"("email":1)")));
  auto r = d.decode(read_data("seed_000_get_user.json"));
  REQUIRE(r);
  CHECK(r->data->userId == "6229ffaxxxxxxxxcade3e3d9");
  // The padded overload decodes in place.
  simdjson::padded_string padded(read_data("seed_001_get_profile.json"));
  auto p = d.decode(simdjson::padded_string_view(padded));
  REQUIRE(p);
  CHECK(p->data->customData->text.data() >= padded.data());
  CHECK(p->data->customData->text.data() < padded.data() + padded.size());
}

TEST_CASE("decoding into the caller's DTO") {
  dto::decoder d;
  dto::UserSingleRespDto r;
  CHECK_FALSE(d.decode(read_data("seed_000_get_user.json"), r));
  CHECK(r.data->userId == "6229ffaxxxxxxxxcade3e3d9");
  REQUIRE_FALSE(d.decode(R"({"statusCode":404,"message":"gone"})", r));
  CHECK_FALSE(r.data);  // nothing left over from the previous document
  CHECK(r.message == "gone");
  dto::error e = d.decode(R"({"statusCode":404,"message":7})", r);
  CHECK(e.code() == dto::error_code::type_mismatch);
  CHECK(r.message.empty());  // on error: left empty, no partial DTO
  CHECK(r.statusCode == 0);
}

TEST_CASE("D9, T1: in place, the answer does not hang on what follows the document in the buffer") {
  // simdjson checks an object's balance at its start when the byte after the document is '}'
  // (its first padding byte): an unbalanced document would then fail there, not at its first
  // error. Whatever follows, the answer is decode(std::string_view)'s.
  std::string bad = R"({"statusCode":404x,"message":"m","data":{"userId":"u"})";  // a bad number; a '}' short
  dto::decoder d;
  auto alone = d.decode(bad);
  REQUIRE_FALSE(alone);
  CHECK(alone.error().pointer() == "/statusCode");
  for (char after : {'}', ']', '"', 'x', '\0', '{'}) {
    CAPTURE(after);
    std::string buffer = bad + std::string(simdjson::SIMDJSON_PADDING, after);
    auto in_place = d.decode(simdjson::padded_string_view(buffer.data(), bad.size(), buffer.size()));
    REQUIRE_FALSE(in_place);
    CHECK(in_place.error().code() == alone.error().code());
    CHECK(in_place.error().pointer() == alone.error().pointer());
    CHECK(in_place.error().offset() == alone.error().offset());
    CHECK(in_place.error().message() == alone.error().message());
  }
}
