// glaze (bench/README.md, "Per SIMD level and Debian release"): the structs a glaze user writes for these responses, made
// from the peers' schema (peers.hpp): every member a plain struct member that glaze reflects,
// optional members std::optional, objects kept as glz::raw_json_view, lists std::vector, and
// error_on_missing_keys so that the required members are required. Two string forms:
// std::string_view (glaze's zero-copy read: the bytes between the quotes, escapes left in) and
// std::string (unescaped, owning). Built only where glaze 9 is found (it needs C++23).
//
// glaze takes no stringified list and no single identity object (the vendor's quirks), so it
// runs on the real-array documents only.
//
// SPDX-License-Identifier: MIT
#include <glaze/glaze.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "peer_api.hpp"

namespace peer::glaze {
namespace {

template <bool Own>
using str = std::conditional_t<Own, std::string, std::string_view>;
template <int Required, class T>
using maybe = std::conditional_t<Required != 0, T, std::optional<T>>;

template <bool Own>
struct Identity;

// The schema's kinds (peers.hpp) as glaze member types.
struct S;
struct I;
struct B;
struct L;
struct O;
struct D;
template <class Kind, int Required, bool Own>
struct member;
template <int R, bool Own>
struct member<S, R, Own> { using type = maybe<R, str<Own>>; };
template <int R, bool Own>
struct member<I, R, Own> { using type = maybe<R, std::int64_t>; };
template <int R, bool Own>
struct member<B, R, Own> { using type = maybe<R, bool>; };
template <int R, bool Own>
struct member<L, R, Own> { using type = maybe<R, std::vector<str<Own>>>; };
template <int R, bool Own>
struct member<O, R, Own> { using type = maybe<R, std::conditional_t<Own, glz::raw_json, glz::raw_json_view>>; };
template <int R, bool Own>
struct member<D, R, Own> { using type = maybe<R, std::vector<Identity<Own>>>; };

#define GLAZE_MEMBER(name, kind, required) typename member<kind, required, Own>::type name;
template <bool Own>
struct Identity {
  PEER_IDENTITY_FIELDS(GLAZE_MEMBER)
};
template <bool Own>
struct User {
  PEER_USER_FIELDS(GLAZE_MEMBER)
};
template <bool Own>
struct Response {
  PEER_ENVELOPE_FIELDS(GLAZE_MEMBER)
  std::optional<User<Own>> data;
};
#undef GLAZE_MEMBER

constexpr glz::opts read_opts{.error_on_missing_keys = true};

template <bool Own>
class peer final : public codec {
 public:
  bool decode(const std::string& json) override {
    return !glz::read<read_opts>(response_, json) && (response_.statusCode != 200 || response_.data);
  }
  std::size_t encode() override {
    return glz::write_json(response_, out_) ? 0 : out_.size();
  }

 private:
  Response<Own> response_;
  std::string out_;
};

}  // namespace

std::unique_ptr<codec> make(bool owning_strings) {
  if (owning_strings) return std::make_unique<peer<true>>();
  return std::make_unique<peer<false>>();
}

}  // namespace peer::glaze
