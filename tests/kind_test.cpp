// Member kinds (kind.hpp): each member type's kind, and the benchmark peers' schema
// (bench/peers.hpp, a second copy written the way each peer's user would) checked against
// the field tables, member by member.
//
// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include <string>
#include <tuple>
#include <vector>

#include "../bench/peers.hpp"
#include "support.hpp"

using namespace test;
using kind = dto::member_kind;

static_assert(dto::kind_of<std::string_view> == kind::string);
static_assert(dto::kind_of<std::optional<dto::timestamp>> == kind::timestamp);
static_assert(dto::kind_of<dto::enum_value<dto::gender>> == kind::enumeration);
static_assert(dto::kind_of<std::int64_t> == kind::integer);
static_assert(dto::kind_of<std::optional<bool>> == kind::boolean);
static_assert(dto::kind_of<dto::string_list> == kind::string_list);
static_assert(dto::kind_of<std::span<const dto::IdentityDto>> == kind::dto_list);
static_assert(dto::kind_of<dto::raw_json> == kind::raw_json);
static_assert(dto::kind_of<std::optional<dto::UserDto>> == kind::dto);
static_assert(dto::is_string_kind(kind::enumeration) && !dto::is_string_kind(kind::raw_json));
static_assert(dto::is_list_kind(kind::dto_list) && !dto::is_list_kind(kind::dto));

using row = std::tuple<std::string, char, bool>;  // name, peer kind letter, required

// The peers' letter for a kind: S for every string kind (the peers keep strings as text).
constexpr char peer_letter(kind k) {
  switch (k) {
    case kind::integer: return 'I';
    case kind::boolean: return 'B';
    case kind::string_list: return 'L';
    case kind::raw_json: return 'O';
    case kind::dto_list: return 'D';
    case kind::dto: return '?';
    case kind::string:
    case kind::timestamp:
    case kind::enumeration: break;
  }
  return 'S';
}

// A table's rows as the peers write them.
template <class T>
std::vector<row> peer_rows() {
  std::vector<row> rows;
  dto::for_each_field<T>([&](auto f, auto) {
    using F = decltype(f);
    if constexpr (dto::kind_of<dto::field_type<F>> != kind::dto)  // the envelope's data: the peers' own member
      rows.emplace_back(std::string(F::name), peer_letter(dto::kind_of<dto::field_type<F>>), dto::is_required<F>);
    return true;
  });
  return rows;
}

#define PEER_ROW(name, kind, required) row{#name, #kind[0], required != 0},

TEST_CASE("bench/peers.hpp's schema is the field tables'") {
  CHECK(peer_rows<dto::UserSingleRespDto>() == std::vector<row>{PEER_ENVELOPE_FIELDS(PEER_ROW)});
  CHECK(peer_rows<dto::UserDto>() == std::vector<row>{PEER_USER_FIELDS(PEER_ROW)});
  CHECK(peer_rows<dto::IdentityDto>() == std::vector<row>{PEER_IDENTITY_FIELDS(PEER_ROW)});
}

TEST_CASE("sample_json: a valid value of every kind, so that required_members decode") {
  dto::decoder d;
  auto r = d.decode(response());
  REQUIRE(r);
  CHECK(r->data->userId == "userId");
  CHECK(r->data->status.known());
  auto i = d.decode(response("\"identities\":" + sample_json<std::span<const dto::IdentityDto>>("")));
  REQUIRE(i);
  REQUIRE(i->data->identities->size() == 1);
  CHECK((*i->data->identities)[0].originConnIds.size() == 1);
}
