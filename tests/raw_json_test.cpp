// customData / userInfoInIdp: member lookup and typed reads.
#include <doctest/doctest.h>

#include "support.hpp"

using namespace test;

TEST_CASE("lookup and typed get") {
  dto::decoder d;
  auto r = d.decode(response(
      R"("customData":{ "school" : "PKU", "age":22, "ratio":0.5, "vip":true, "none":null, "big":1e3,
         "esc\"aped":"a\nb", "\u00e9":"accent", "nested":{"x":[1,{"y":2}]}, "list":[1,2]})"));
  REQUIRE(r);
  const dto::raw_json& c = *r->data->customData;
  CHECK(c.kind() == dto::json_kind::object);
  CHECK(c.get<std::string_view>("school").value() == "PKU");
  CHECK(c.get<std::int64_t>("age").value() == 22);
  CHECK(c.get<double>("ratio").value() == 0.5);
  CHECK(c.get<double>("age").value() == 22.0);
  CHECK(c.get<bool>("vip").value());
  CHECK(c.find("none")->kind() == dto::json_kind::null);
  CHECK(c.find("é")->as_string().value() == "accent");
  auto nested = c.get<dto::raw_json>("nested").value();
  CHECK(nested.find("x")->text == R"([1,{"y":2}])");
  CHECK(c.find("list")->kind() == dto::json_kind::array);
  CHECK_FALSE(c.find("nope"));
  CHECK_FALSE(nested.find("y"));  // members of members are not members

  auto missing = c.get<std::int64_t>("nope");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code() == dto::error_code::missing_field);
  CHECK(c.get<std::int64_t>("school").error().code() == dto::error_code::type_mismatch);
  CHECK(c.get<std::int64_t>("ratio").error().code() == dto::error_code::type_mismatch);
  CHECK(c.get<std::int64_t>("big").error().code() == dto::error_code::type_mismatch);
  CHECK(c.get<bool>("age").error().code() == dto::error_code::type_mismatch);

  // Strings with escapes need a buffer.
  auto escaped = c.find("esc\"aped");
  REQUIRE(escaped);
  CHECK_FALSE(escaped->as_string());
  char buf[8];
  CHECK(escaped->as_string(buf).value() == "a\nb");
  char tiny[2];
  CHECK(escaped->as_string(tiny).error().code() == dto::error_code::capacity);
}

TEST_CASE("out of range numbers") {
  dto::raw_json big{R"({"n":123456789012345678901234567890,"d":1e999})"};
  CHECK(big.get<std::int64_t>("n").error().code() == dto::error_code::invalid_value);
  CHECK(big.get<double>("d").error().code() == dto::error_code::invalid_value);
  CHECK(big.get<double>("n").value() > 1e29);
}
