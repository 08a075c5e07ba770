// What each peer offers the benchmark.
//
// SPDX-License-Identifier: MIT
#pragma once

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
}  // namespace peer
