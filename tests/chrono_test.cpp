// Timestamps (contract D5d): RFC 3339 date-times and dates, whitespace, empty, malformed.
//
// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include "support.hpp"

using namespace test;
using namespace std::chrono;

static dto::time_point at(int y, unsigned mo, unsigned d, int h = 0, int mi = 0, int s = 0, int us = 0) {
  return sys_days{year{y} / month{mo} / day{d}} + hours{h} + minutes{mi} + seconds{s} + microseconds{us};
}

TEST_CASE("valid date-times and dates") {
  struct c {
    const char* text;
    dto::time_point want;
  };
  for (const c& k : {
           c{"2022-07-03T03:20:30.000Z", at(2022, 7, 3, 3, 20, 30)},
           c{" 2022-07-03T03:20:30.000Z", at(2022, 7, 3, 3, 20, 30)},
           c{"2022-07-03T03:20:30Z\t", at(2022, 7, 3, 3, 20, 30)},
           c{"2022-07-03t03:20:30z", at(2022, 7, 3, 3, 20, 30)},
           c{"2022-07-03 03:20:30.5Z", at(2022, 7, 3, 3, 20, 30, 500000)},
           c{"2022-07-03T03:20:30.123456789Z", at(2022, 7, 3, 3, 20, 30, 123456)},
           c{"2022-07-03T11:20:30+08:00", at(2022, 7, 3, 3, 20, 30)},
           c{"2022-07-02T22:50:30-04:30", at(2022, 7, 3, 3, 20, 30)},
           c{"2022-06-03", at(2022, 6, 3)},
           c{"2024-02-29", at(2024, 2, 29)},
           c{"1969-12-31T23:59:59Z", at(1969, 12, 31, 23, 59, 59)},
           c{"2016-12-31T23:59:60Z", at(2017, 1, 1)},
       }) {
    CAPTURE(k.text);
    auto r = dto::timestamp{k.text}.time();
    REQUIRE(r);
    REQUIRE(r->has_value());
    CHECK(**r == k.want);
  }
}

TEST_CASE("empty is no value; malformed is an error of the accessor") {
  for (const char* empty : {"", "  ", "\t\n"}) {
    auto r = dto::timestamp{empty}.time();
    REQUIRE(r);
    CHECK_FALSE(r->has_value());
  }
  for (const char* bad : {"x", "2022", "2022-13-01", "2023-02-29", "2022-07-03T", "2022-07-03T03:20:30",
                          "2022-07-03T24:00:00Z", "2022-07-03T03:60:00Z", "2022-07-03T03:20:30.Z",
                          "2022-07-03T03:20:30+8:00", "2022-07-03T03:20:30+08:00x", "2022/07/03", "2022-07-03x"}) {
    CAPTURE(bad);
    auto r = dto::timestamp{bad}.time();
    REQUIRE_FALSE(r);
    CHECK(r.error().code() == dto::error_code::invalid_value);
  }
}

TEST_CASE("a malformed timestamp does not fail the decode") {
  dto::decoder d;
  auto ok = d.decode(response(R"("lastMfaTime":"","lastLogin":"yesterday")"));
  REQUIRE(ok);
  CHECK_FALSE(ok->data->lastMfaTime->time()->has_value());
  CHECK_FALSE(ok->data->lastLogin->time());
  CHECK(ok->data->createdAt.time().value() == std::optional<dto::time_point>(at(2022, 7, 3, 3, 20, 30)));
}
