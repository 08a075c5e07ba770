// stream.hpp: NDJSON and whitespace-separated streams (contract T1-T3). Every record's result
// must be what decode() says of the record alone, at the right index, line and offset.
//
// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "support.hpp"

using namespace test;
using dto::error_code;

namespace {

struct seen {
  std::size_t index, line, offset;
  std::string text;
  error_code code;
  std::string pointer;
  std::size_t error_offset;
  bool ends_stream;
  std::string encoded;
};

// Every record of `input` as T, each checked against a fresh decoder's decode() of its text.
template <class T = dto::UserSingleRespDto>
std::vector<seen> records_of(const std::string& input, dto::stream_options options = {}, dto::decode_options d_options = {}) {
  simdjson::padded_string padded(input);
  dto::decoder d(d_options);
  dto::stream<T> s(d, padded, options);
  std::vector<seen> out;
  for (const dto::record<T>& r : s) {
    seen x{r.index, r.line, r.offset, std::string(r.text), r.error().code(), std::string(r.error().pointer()),
           r.error().offset(), r.ends_stream, ""};
    CHECK(r.text.data() == padded.data() + r.offset);
    if (r) {
      CHECK(r.has_value());
      dto::encode(*r, x.encoded);
    }
    if (!r.ends_stream) {
      dto::decoder alone(d_options);
      auto expect = alone.decode<T>(r.text);
      CHECK(static_cast<bool>(expect) == static_cast<bool>(r));
      if (expect) {
        std::string again;
        dto::encode(*expect, again);
        CHECK(again == x.encoded);
      } else {
        CHECK(expect.error().code() == x.code);
        CHECK(expect.error().pointer() == x.pointer);
        CHECK(expect.error().offset() == x.error_offset);
        CHECK(expect.error().message() == r.error().message());
      }
    }
    out.push_back(x);
  }
  CHECK(s.next() == nullptr);  // and stays over
  return out;
}

const std::string good = response();
const std::string good2 = response(R"("email":"b@example.com")");

}  // namespace

TEST_CASE("T1: NDJSON, each line a record with its index, line and offset") {
  std::string input = good + "\n" + good2 + "\n";
  auto rs = records_of(input);
  REQUIRE(rs.size() == 2);
  CHECK(rs[0].index == 0);
  CHECK(rs[0].line == 1);
  CHECK(rs[0].offset == 0);
  CHECK(rs[0].text == good);
  CHECK(rs[1].index == 1);
  CHECK(rs[1].line == 2);
  CHECK(rs[1].offset == good.size() + 1);
  CHECK(rs[1].encoded.find("b@example.com") != std::string::npos);
  CHECK(rs[0].code == error_code::ok);
}

TEST_CASE("T1: blank lines are skipped but counted; CRLF and a last line without a break") {
  std::string input = "\n  \n" + good + "\r\n\t\r\n\n" + good2;
  auto rs = records_of(input);
  REQUIRE(rs.size() == 2);
  CHECK(rs[0].line == 3);
  CHECK(rs[0].offset == 4);
  CHECK(rs[0].code == error_code::ok);
  CHECK(rs[1].index == 1);
  CHECK(rs[1].line == 6);
  CHECK(rs[1].text == good2);
  CHECK(records_of("").empty());
  CHECK(records_of("\n\n \r\n").empty());
}

TEST_CASE("T2: a bad record is reported at its line and the stream goes on") {
  std::vector<std::string> lines = {
      good,
      R"({"statusCode":200,"message":"ok","data":{"userId":1}})",  // type_mismatch
      good.substr(0, good.size() / 2),                                // truncated: syntax
      "\xEF\xBB\xBF" + good,                                          // a byte order mark
      "{\"statusCode\":200,\"message\":\"\xC3\x28\"}",                // invalid UTF-8
      good + " " + good,                                              // two values on one line
      "{\"statusCode\":200,\"message\":\"a\x01\"}",                  // a raw control character
      "[",                                                            // a bracket never closed
      "}",
      "42",
      good2,
  };
  std::string input;
  for (auto& l : lines) input += l + "\n";
  auto rs = records_of(input);
  REQUIRE(rs.size() == lines.size());
  std::size_t offset = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    CAPTURE(i);
    CHECK(rs[i].index == i);
    CHECK(rs[i].line == i + 1);
    CHECK(rs[i].offset == offset);
    CHECK_FALSE(rs[i].ends_stream);
    offset += lines[i].size() + 1;
  }
  CHECK(rs[0].code == error_code::ok);
  CHECK(rs[1].code == error_code::type_mismatch);
  CHECK(rs[1].pointer == "/data/userId");
  for (std::size_t i = 2; i <= 8; ++i) CHECK(rs[i].code == error_code::syntax);
  CHECK(rs[9].code == error_code::type_mismatch);
  CHECK(rs[10].code == error_code::ok);
}

TEST_CASE("T2: a record longer than max_document_bytes is that record's capacity error") {
  std::string input = good + "\n" + good2 + "\n" + good + "\n";
  dto::decode_options o;
  o.max_document_bytes = good.size();  // good2 is longer
  auto rs = records_of(input, {}, o);
  REQUIRE(rs.size() == 3);
  CHECK(rs[0].code == error_code::ok);
  CHECK(rs[1].code == error_code::capacity);
  CHECK(rs[2].code == error_code::ok);
  CHECK(rs[2].line == 3);
}

TEST_CASE("T1: the list envelopes stream too") {
  std::string list = R"({"statusCode":200,"message":"ok","data":[)" + object(required_user) + "," +
                     object(required_user) + "]}";
  std::string one = R"({"statusCode":200,"message":"ok","data":)" + object(required_user) + "}";
  auto rs = records_of<dto::UserListRespDto>(list + "\n" + one + "\n" + good.substr(1) + "\n");
  REQUIRE(rs.size() == 3);
  CHECK(rs[0].code == error_code::ok);
  CHECK(rs[1].code == error_code::ok);
  CHECK(rs[2].code == error_code::syntax);
}

TEST_CASE("T1: values framing: pretty-printed, glued and scalar values") {
  std::string pretty = "{\n  \"statusCode\": 404,\n  \"message\": \"not found\"\n}";
  std::string input = pretty + "\n\n" + good + good2 + "  42 \"s\" } " + good + "\n";
  auto rs = records_of(input, {.framing = dto::framing::values});
  REQUIRE(rs.size() == 7);
  CHECK(rs[0].text == pretty);
  CHECK(rs[0].code == error_code::ok);
  CHECK(rs[1].line == 6);
  CHECK(rs[1].offset == pretty.size() + 2);
  CHECK(rs[2].text == good2);
  CHECK(rs[2].offset == pretty.size() + 2 + good.size());
  CHECK(rs[3].text == "42");
  CHECK(rs[3].code == error_code::type_mismatch);
  CHECK(rs[4].text == "\"s\"");
  CHECK(rs[5].text == "}");
  CHECK(rs[5].code == error_code::syntax);
  CHECK(rs[6].code == error_code::ok);
  CHECK(rs[6].line == 6);
  for (auto& r : rs) CHECK_FALSE(r.ends_stream);
}

TEST_CASE("T2: values framing: a stream that ends inside a value ends with one framing error") {
  dto::stream_options values{.framing = dto::framing::values};
  // A bracket never closed takes in everything after it.
  std::string broken = R"({"statusCode":200,"message":"ok")";
  std::string input = good + "\n" + broken + "\n" + good + "\n" + good + "\n";
  auto rs = records_of(input, values);
  REQUIRE(rs.size() == 2);
  CHECK(rs[0].code == error_code::ok);
  CHECK(rs[1].ends_stream);
  CHECK(rs[1].code == error_code::syntax);
  CHECK(rs[1].line == 2);
  CHECK(rs[1].offset == good.size() + 1);
  CHECK(rs[1].error_offset == input.size() - rs[1].offset);
  // A string never closed, and a backslash as the last byte.
  for (std::string tail : {std::string("\"abc"), std::string("\"abc\\"), std::string("[\"a\\\"]")}) {
    auto t = records_of(good + " " + tail, values);
    REQUIRE(t.size() == 2);
    CHECK(t[1].ends_stream);
    CHECK(t[1].text == tail);
  }
  // In NDJSON the same lines are records like any other.
  auto lines = records_of(input);
  REQUIRE(lines.size() == 4);
  CHECK(lines[1].code == error_code::syntax);
  CHECK_FALSE(lines[1].ends_stream);
  CHECK(lines[3].code == error_code::ok);
}

TEST_CASE("T3: the DTO and its views last until the next record; the stream's line count") {
  std::string input = good + "\n\n" + good2 + "\n\n";
  simdjson::padded_string padded(input);
  dto::decoder d;
  dto::stream s(d, padded);
  const dto::record<dto::UserSingleRespDto>* r = s.next();
  REQUIRE(r);
  REQUIRE(*r);
  CHECK((*r)->data->userId == "userId");
  CHECK(s.line() == 1);
  r = s.next();
  REQUIRE(r);
  CHECK((*r)->data->email == "b@example.com");
  CHECK(s.next() == nullptr);
  CHECK(s.line() == 5);
}
