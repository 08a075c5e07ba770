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

using members = std::vector<std::pair<std::string, std::string>>;

// An object from members, leaving out `skip` and adding `extra` (raw "k":v text) last.
inline std::string object(const members& list, std::string_view skip = "", std::string_view extra = "") {
  std::string s = "{";
  for (const auto& [k, v] : list) {
    if (k == skip) continue;
    if (s.size() > 1) s += ",";
    s += "\"" + k + "\":" + v;
  }
  if (!extra.empty()) s += (s.size() > 1 ? "," : "") + std::string(extra);
  return s + "}";
}

template <dto::described T>
members required_members();

// A valid JSON value for a member of type M, from its kind: a string says `tag`, an integer
// is `number`; a DTO or a list of DTOs has the DTO's required members.
template <class M>
std::string sample_json(std::string_view tag, std::int64_t number = 0) {
  using kind = dto::member_kind;
  using V = typename dto::unwrap_optional<M>::type;
  constexpr kind k = dto::kind_of<V>;
  if constexpr (k == kind::string) return "\"" + std::string(tag) + "\"";
  else if constexpr (k == kind::timestamp) return R"("2022-07-03T03:20:30.000Z")";
  else if constexpr (k == kind::enumeration) return "\"" + std::string(to_string(decltype(V::value){1})) + "\"";
  else if constexpr (k == kind::integer) return std::to_string(number);
  else if constexpr (k == kind::boolean) return "true";
  else if constexpr (k == kind::string_list) return "[\"" + std::string(tag) + "\"]";
  else if constexpr (k == kind::raw_json) return R"({"k":1})";
  else if constexpr (k == kind::dto) return object(required_members<V>());
  else return "[" + object(required_members<typename V::value_type>()) + "]";
}

// T's required members in table order, each with a valid value (contract S2's required
// column, as the table says it).
template <dto::described T>
members required_members() {
  members out;
  dto::for_each_field<T>([&](auto f, auto) {
    using F = decltype(f);
    if constexpr (dto::is_required<F>) out.emplace_back(F::name, sample_json<dto::field_type<F>>(F::name));
    return true;
  });
  return out;
}

inline const members required_user = required_members<dto::UserDto>();
inline const members required_identity = required_members<dto::IdentityDto>();

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
