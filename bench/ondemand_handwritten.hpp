// The hand-written On-Demand decoder's structs: views, flat list pools.
//
// SPDX-License-Identifier: MIT
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "peers.hpp"

namespace hand {

struct Identity;
using Member = std::pair<std::string_view, std::string_view>;
using S = std::optional<std::string_view>;
using I = std::optional<std::int64_t>;
using B = std::optional<bool>;
using L = std::optional<std::span<const std::string_view>>;
struct RawJson {
  std::string_view text;
};
using O = std::optional<RawJson>;
using D = std::optional<std::span<const Identity>>;

#define HAND_MEMBER(name, kind, required) kind name;
struct Identity {
  PEER_IDENTITY_FIELDS(HAND_MEMBER)
  std::span<const Member> unknown;
};
struct User {
  PEER_USER_FIELDS(HAND_MEMBER)
  std::span<const Member> unknown;
};
struct Response {
  PEER_ENVELOPE_FIELDS(HAND_MEMBER)
  std::optional<User> data;
  std::span<const Member> unknown;
};
#undef HAND_MEMBER

class decoder {
 public:
  decoder();
  bool decode(simdjson::padded_string_view json, Response& out);
  // Every document of a stream (NDJSON, or values separated by whitespace) through simdjson's
  // document stream, each decoded into `out` in turn: the hand-written stream loop. Documents
  // are at most `longest` bytes; simdjson's stage-1 thread is used only when `threaded`.
  // Returns how many decoded.
  std::size_t decode_many(simdjson::padded_string_view json, std::size_t longest, bool threaded, Response& out);

 private:
  struct state;
  void prepare(std::size_t longest);
  void clear();
  simdjson::ondemand::parser many_;
  simdjson::ondemand::parser parser_, lists_;
  std::vector<char> list_buf_, chars_;
  std::size_t chars_used_ = 0;
  std::vector<std::string_view> strings_;
  std::vector<Identity> identities_;
  std::vector<Member> envelope_unknown_, user_unknown_, identity_unknown_;
};

}  // namespace hand
