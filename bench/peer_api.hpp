// What each peer offers the benchmark.
//
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "peers.hpp"

namespace peer {
bool decode_nlohmann(std::string_view json, Response& out);
bool decode_rapidjson(std::string_view json, Response& out);
bool decode_boost_json(std::string_view json, Response& out);
bool decode_simdjson_dom(std::string_view json, Response& out);
std::string encode_nlohmann(const Response& r);
std::string encode_rapidjson(const Response& r);
std::string encode_boost_json(const Response& r);

// glaze (peer_glaze.cpp, built where glaze 9 is found: GENAUTH_DTO_BENCH_GLAZE): a decoded
// response kept inside, then encoded into a reused buffer.
namespace glaze {
class codec {
 public:
  virtual ~codec() = default;
  virtual bool decode(const std::string& json) = 0;
  virtual std::size_t encode() = 0;  // bytes written; 0 on failure
};
std::unique_ptr<codec> make(bool owning_strings);
}  // namespace glaze
}  // namespace peer
