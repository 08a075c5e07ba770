// Shared helpers of the test suite.
//
// SPDX-License-Identifier: MIT
#pragma once

#include <genauth/dto.hpp>

#include <fstream>
#include <initializer_list>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace test {

namespace dto = genauth::dto;

inline std::string read_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

#if defined(GENAUTH_DTO_TEST_DATA)  // (not in the benchmark and fuzz programs that share these helpers)
inline std::string read_data(const std::string& name) { return read_file(std::string(GENAUTH_DTO_TEST_DATA) + "/" + name); }
#endif

// The escaping rule one byte at a time, to check the block-wise writer against.
inline std::string escaped_bytewise(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') out += '\\', out += c;
    else if (c == '\n') out += "\\n";
    else if (c == '\t') out += "\\t";
    else if (c == '\r') out += "\\r";
    else if (c == '\b') out += "\\b";
    else if (c == '\f') out += "\\f";
    else if (u < 0x20) out += "\\u00", out += "0123456789abcdef"[u >> 4], out += "0123456789abcdef"[u & 15];
    else out += c;
  }
  return out + "\"";
}

// The required members of a UserDto, valid, in table order.
inline const std::vector<std::pair<std::string, std::string>> required_user = {
    {"userId", R"("u1")"},           {"createdAt", R"("2022-07-03T03:20:30.000Z")"},
    {"updatedAt", R"("2022-07-03T03:20:30.000Z")"}, {"status", R"("Activated")"},
    {"workStatus", R"("Active")"},   {"gender", R"("M")"},
    {"emailVerified", "true"},       {"phoneVerified", "false"},
    {"userSourceType", R"("register")"},
};

inline const std::vector<std::pair<std::string, std::string>> required_identity = {
    {"identityId", R"("i1")"}, {"extIdpId", R"("x1")"},      {"provider", R"("wechat")"},
    {"type", R"("openid")"},   {"userIdInIdp", R"("o1")"}, {"originConnIds", R"(["c1"])"},
};

// An object from members, leaving out `skip` and adding `extra` (raw "k":v text) last.
inline std::string object(const std::vector<std::pair<std::string, std::string>>& members, std::string_view skip = "",
                          std::string_view extra = "") {
  std::string s = "{";
  for (const auto& [k, v] : members) {
    if (k == skip) continue;
    if (s.size() > 1) s += ",";
    s += "\"" + k + "\":" + v;
  }
  if (!extra.empty()) s += (s.size() > 1 ? "," : "") + std::string(extra);
  return s + "}";
}

inline std::string identity(std::string_view extra = "", std::string_view skip = "") {
  return object(required_identity, skip, extra);
}

// A whole success response whose user has the required members plus `extra`.
inline std::string response(std::string_view user_extra = "", std::string_view user_skip = "") {
  return R"({"statusCode":200,"message":"ok","data":)" + object(required_user, user_skip, user_extra) + "}";
}

struct outcome {
  dto::error_code code;
  std::string pointer;
  std::size_t offset;
};

// Decodes and returns the error (code ok when it decoded).
inline outcome decode_error(std::string_view json, dto::decode_options options = {}) {
  dto::decoder d(options);
  auto r = d.decode(json);
  if (r) return {dto::error_code::ok, "", 0};
  return {r.error().code(), std::string(r.error().pointer()), r.error().offset()};
}

inline std::string encode(const dto::UserSingleRespDto& r, dto::encode_options o = {}) {
  std::string out;
  dto::encode(r, out, o);
  return out;
}

}  // namespace test
