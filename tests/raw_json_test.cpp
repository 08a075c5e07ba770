// customData / userInfoInIdp: member lookup and typed reads.
//
// SPDX-License-Identifier: MIT
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

TEST_CASE("a name twice in one object is duplicate_key for find and get (contract D7)") {
  dto::decoder d;
  auto r = d.decode(response(R"("customData":{"role":"user","x":{"role":1},"r\u006fle":"admin","other":2})"));
  REQUIRE(r);
  const dto::raw_json& c = *r->data->customData;
  // Python and JavaScript read "admin", a first-wins reader "user": neither is the answer.
  for (auto e : {c.find("role").error(), c.get<std::string_view>("role").error(), c.get<dto::raw_json>("role").error()})
    CHECK(e.code() == dto::error_code::duplicate_key);
  CHECK(c.get<std::int64_t>("other").value() == 2);  // a name that occurs once is fine
  CHECK(c.find("x")->get<std::int64_t>("role").value() == 1);  // the nested one is another object
  // Found after the first match too: the whole object is read, however long.
  std::string many = "{";
  for (int i = 0; i < 1000; ++i) many += "\"k" + std::to_string(i) + "\":" + std::to_string(i) + ",";
  std::string last_text = many + "\"k0\":-1}", once_text = many + "\"end\":0}";
  dto::raw_json last{last_text};
  CHECK(last.find("k0").error().code() == dto::error_code::duplicate_key);
  CHECK(last.get<std::int64_t>("k999").value() == 999);
  dto::raw_json once{once_text};
  CHECK(once.get<std::int64_t>("k0").value() == 0);
  CHECK(dto::raw_json{"{}"}.find("k0").error().code() == dto::error_code::missing_field);
  CHECK(dto::raw_json{"[1]"}.find("k0").error().code() == dto::error_code::type_mismatch);
}

TEST_CASE("out of range numbers") {
  dto::raw_json big{R"({"n":123456789012345678901234567890,"d":1e999})"};
  CHECK(big.get<std::int64_t>("n").error().code() == dto::error_code::invalid_value);
  CHECK(big.get<double>("d").error().code() == dto::error_code::invalid_value);
  CHECK(big.get<double>("n").value() > 1e29);
}

// The minifier one byte at a time, to check the 64-byte-chunk one against.
std::string minified_bytewise(std::string_view text) {
  std::string out;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      out += c;
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      out += c;
      in_string = true;
    } else if (c != ' ' && c != '\n' && c != '\t' && c != '\r') {
      out += c;
    }
  }
  return out;
}

TEST_CASE("minifying: strings, escapes and whitespace on every side of each 64-byte chunk boundary") {
  // The leading whitespace moves every byte of the body across the chunk boundaries; the
  // body has escaped quotes, runs of backslashes, spaces inside strings and long strings.
  const std::string body =
      "{ \"a b\" : \"x\\\" y\\\\\" ,\n\t\"k\": [ 1 ,2, \"\\\\\\\"\\\\\" ],\r\n \"s\" : \"" + std::string(70, 'z') +
      "\", \"bs\": \"" + std::string(130, '\\') + "\" , \"t\" :\"  \\\"  \" }";
  std::size_t checked = 0;
  for (std::size_t lead = 0; lead <= 130; ++lead) {
    for (std::size_t trail : {0u, 1u, 63u, 64u}) {
      std::string text = std::string(lead, lead % 3 ? ' ' : '\n') + body + std::string(trail, ' ');
      std::string runs;
      dto::detail::for_each_minified_run(text, [&](std::string_view run) { runs += run; });
      CAPTURE(lead);
      CAPTURE(trail);
      std::string expected = minified_bytewise(text);
      REQUIRE(runs == expected);
      // The encoder's writers: chunk by chunk, compressed where the CPU can, and run by run.
      std::string fast(text.size() + dto::detail::minify_slack, '\0'), by_runs = fast;
      char* f = fast.data();
      char* b = by_runs.data();
      const char* end = text.data() + text.size();
      dto::detail::for_each_minified_chunk(text, [&](const char* chunk, std::size_t, std::uint64_t keep) {
        f = dto::detail::minify_chunk(f, chunk, end, keep);
        b = dto::detail::minify_chunk_by_runs(b, chunk, keep);
      });
      REQUIRE(std::string_view(fast.data(), static_cast<std::size_t>(f - fast.data())) == expected);
      REQUIRE(std::string_view(by_runs.data(), static_cast<std::size_t>(b - by_runs.data())) == expected);
      ++checked;
    }
  }
  CHECK(checked == 131 * 4);
#if defined(__x86_64__) && !defined(GENAUTH_DTO_PORTABLE)
  std::string compression = dto::detail::has_vbmi2() ? "checked" : "not available here";
  MESSAGE("whole-chunk compression (AVX-512 VBMI2): " << compression);
#endif
  // And through the encoder, into a caller buffer and into a string.
  dto::decoder d;
  auto r = d.decode(response("\"customData\":" + body));
  REQUIRE(r);
  std::string expected = "\"customData\":" + minified_bytewise(body);
  CHECK(encode(*r).find(expected) != std::string::npos);
  std::vector<char> buf(dto::encoded_size(*r));
  auto n = dto::encode(*r, std::span<char>(buf));
  REQUIRE(n);
  CHECK(std::string_view(buf.data(), *n).find(expected) != std::string_view::npos);
}
