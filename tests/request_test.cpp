// Contract Q1-Q3: requests' method, path and query string.
//
// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include "support.hpp"

using namespace test;

template <class R>
std::string line(const R& r) {
  std::string out;
  dto::error e = dto::write_request(r, out);
  REQUIRE_FALSE(e);
  return out;
}

TEST_CASE("get-user: parameters in table order, percent-encoded, false flags left out") {
  dto::get_user_request r;
  r.userId = "bob@example.com";
  r.userIdType = dto::user_id_type::email;
  r.withCustomData = true;
  CHECK(line(r) == "GET /api/v3/get-user?userId=bob%40example.com&userIdType=email&withCustomData=true");
  r.userIdType.reset();
  r.withCustomData = false;
  r.flatCustomData = r.withPost = r.withIdentities = r.withDepartmentIds = true;
  CHECK(line(r) == "GET /api/v3/get-user?userId=bob%40example.com&flatCustomData=true&withPost=true&withIdentities=true"
                   "&withDepartmentIds=true");
}

TEST_CASE("RFC 3986: unreserved as is, every reserved and non-ASCII byte as upper-case %XX") {
  dto::get_user_request r;
  r.userId = "AZaz09-._~";
  CHECK(line(r) == "GET /api/v3/get-user?userId=AZaz09-._~");
  r.userId = ":/?#[]@!$&'()*+,;= %\"<>\\^`{|}";
  CHECK(line(r) == "GET /api/v3/get-user?userId=%3A%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%20%25%22%3C%3E%5C%5E%60%7B%7C%7D");
  r.userId = "\xE5\xBC\xA0\xE4\xB8\x89";  // 张三
  CHECK(line(r) == "GET /api/v3/get-user?userId=%E5%BC%A0%E4%B8%89");
  r.userId = std::string_view("\x00\x7F\xFF", 3);
  CHECK(line(r) == "GET /api/v3/get-user?userId=%00%7F%FF");
}

TEST_CASE("every userIdType; the identity, sync_relation and custom_field shapes") {
  for (std::size_t i = 1; i < dto::enum_size<dto::user_id_type>; ++i) {
    auto type = static_cast<dto::user_id_type>(i);
    dto::get_user_request r;
    r.userId = "a:b";
    r.userIdType = type;
    CHECK(line(r) == "GET /api/v3/get-user?userId=a%3Ab&userIdType=" + std::string(dto::to_string(type)));
  }
  for (auto type : {dto::user_id_type::identity, dto::user_id_type::sync_relation, dto::user_id_type::custom_field}) {
    for (std::string_view bad : {"ab", ":b", "a:", ":"}) {
      dto::get_user_request r;
      r.userId = bad;
      r.userIdType = type;
      std::string out;
      dto::error e = dto::write_request(r, out);
      CAPTURE(bad);
      CHECK(e.code() == dto::error_code::invalid_value);
      CHECK(e.pointer() == "/userId");
    }
  }
  dto::get_user_request ok;
  ok.userId = "62f20932716fbcc10d966ee5:ou_8bae746eac07cd2564654140d2a9ac61";
  ok.userIdType = dto::user_id_type::identity;
  CHECK(line(ok).ends_with("userIdType=identity"));
}

TEST_CASE("a malformed request is an error, not a request") {
  dto::get_user_request r;
  std::string out;
  dto::error e = dto::write_request(r, out);
  CHECK(e.code() == dto::error_code::missing_field);
  CHECK(e.pointer() == "/userId");
  r.userId = "u";
  CHECK(dto::set_parameter(r, "userIdType", "nickname").code() == dto::error_code::invalid_value);
  CHECK(dto::set_parameter(r, "withPost", "yes").pointer() == "/withPost");
  CHECK(dto::set_parameter(r, "frobnicate", "1").code() == dto::error_code::invalid_value);
  CHECK(dto::set_parameter(r, "frobnicate", "1").pointer() == "/frobnicate");
  // A name that is not UTF-8 stays out of the pointer, which is always valid UTF-8.
  auto not_utf8 = dto::set_parameter(r, "with\xC3Post", "1");
  CHECK(not_utf8.code() == dto::error_code::invalid_value);
  CHECK(not_utf8.pointer().empty());
  CHECK_FALSE(dto::set_parameter(r, "withPost", "true"));
  CHECK(r.withPost);
  char small[8];
  CHECK(dto::write_request(r, std::span<char>(small)).error().code() == dto::error_code::capacity);
  char big[128];
  CHECK(dto::write_request(r, std::span<char>(big)).value() == "GET /api/v3/get-user?userId=u&withPost=true");
}

TEST_CASE("get-profile") {
  dto::get_profile_request p;
  CHECK(line(p) == "GET /api/v3/get-profile");
  p.withIdentities = p.withDepartmentIds = true;
  CHECK(line(p) == "GET /api/v3/get-profile?withIdentities=true&withDepartmentIds=true");
  CHECK(dto::set_parameter(p, "userId", "x").code() == dto::error_code::invalid_value);
}
