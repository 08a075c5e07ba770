// The peers' side of the benchmark: the same schema as genauth-dto's field tables, written
// the way a user of each JSON library would (an owning struct, members compared by name), with
// the same checks: required members present, JSON types right, integers integral, duplicate
// names rejected, member names trimmed, unknown members kept as JSON text, stringified lists
// and a single identity object accepted. tests/kind_test.cpp checks these lists against the
// field tables.
//
// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// name, kind, required. Kinds: S string, I int64, B bool, L string list (or its stringified
// form), O object kept as JSON text, D identities (an array or one object).
#define PEER_ENVELOPE_FIELDS(X) X(statusCode, I, 1) X(message, S, 1) X(apiCode, I, 0) X(requestId, S, 0)

#define PEER_USER_FIELDS(X)                                                                                       \
  X(userId, S, 1) X(createdAt, S, 1) X(updatedAt, S, 1) X(status, S, 1) X(workStatus, S, 1) X(externalId, S, 0)    \
  X(email, S, 0) X(phone, S, 0) X(phoneCountryCode, S, 0) X(username, S, 0) X(name, S, 0) X(nickname, S, 0)       \
  X(photo, S, 0) X(loginsCount, I, 0) X(lastLogin, S, 0) X(lastIp, S, 0) X(gender, S, 1) X(emailVerified, B, 1)   \
  X(phoneVerified, B, 1) X(passwordLastSetAt, S, 0) X(birthdate, S, 0) X(country, S, 0) X(province, S, 0)         \
  X(city, S, 0) X(address, S, 0) X(streetAddress, S, 0) X(postalCode, S, 0) X(company, S, 0) X(browser, S, 0)     \
  X(device, S, 0) X(givenName, S, 0) X(familyName, S, 0) X(middleName, S, 0) X(profile, S, 0)                     \
  X(preferredUsername, S, 0) X(website, S, 0) X(zoneinfo, S, 0) X(locale, S, 0) X(formatted, S, 0)                \
  X(region, S, 0) X(userSourceType, S, 1) X(userSourceId, S, 0) X(lastLoginApp, S, 0) X(mainDepartmentId, S, 0)   \
  X(lastMfaTime, S, 0) X(passwordSecurityLevel, I, 0) X(resetPasswordOnNextLogin, B, 0) X(registerSource, L, 0)   \
  X(departmentIds, L, 0) X(identities, D, 0) X(identityNumber, S, 0) X(customData, O, 0) X(postIdList, L, 0)      \
  X(statusChangedAt, S, 0) X(tenantId, S, 0)

#define PEER_IDENTITY_FIELDS(X)                                                                                   \
  X(identityId, S, 1) X(extIdpId, S, 1) X(provider, S, 1) X(type, S, 1) X(userIdInIdp, S, 1)                      \
  X(userInfoInIdp, O, 0) X(accessToken, S, 0) X(refreshToken, S, 0) X(originConnIds, L, 1)

namespace peer {

struct Identity;
using S = std::optional<std::string>;
using I = std::optional<std::int64_t>;
using B = std::optional<bool>;
using L = std::optional<std::vector<std::string>>;
struct Json {
  std::string text;  // an object kept as JSON
};
using O = std::optional<Json>;
using D = std::optional<std::vector<Identity>>;
using Unknown = std::vector<std::pair<std::string, std::string>>;

#define PEER_MEMBER(name, kind, required) kind name;
struct Identity {
  PEER_IDENTITY_FIELDS(PEER_MEMBER)
  Unknown unknown;
};
struct User {
  PEER_USER_FIELDS(PEER_MEMBER)
  Unknown unknown;
};
struct Response {
  PEER_ENVELOPE_FIELDS(PEER_MEMBER)
  std::optional<User> data;
  Unknown unknown;
};
#undef PEER_MEMBER

inline std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || (s.front() >= '\t' && s.front() <= '\r'))) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || (s.back() >= '\t' && s.back() <= '\r'))) s.remove_suffix(1);
  return s;
}

// One decoder for every DOM-style library. A adapts the library: its value type V and
//   object(v)/array(v)/string(v)/integer(v)/boolean(v)/null(v): type tests
//   members(v, fn(key, value) -> bool), elements(v, fn(value) -> bool)
//   str(v) -> std::string_view, i64(v) -> optional<int64>, dump(v) -> std::string
//   string_array(text, out) -> bool: parse text as a JSON array of strings
template <class A>
struct dom_decoder {
  using V = typename A::value;
  A& a;

  bool read(const V& v, S& out) { return a.string(v) && (out.emplace(a.str(v)), true); }
  bool read(const V& v, I& out) { return a.integer(v) && (out = a.i64(v)).has_value(); }
  bool read(const V& v, B& out) { return a.boolean(v) && (out = a.get_bool(v), true); }
  bool read(const V& v, O& out) { return a.object(v) && (out = Json{a.dump(v)}, true); }
  bool read(const V& v, L& out) {
    auto& list = out.emplace();
    if (a.string(v)) {
      std::string_view text = a.str(v);
      return trim(text).empty() || a.string_array(text, list);
    }
    return a.array(v) && a.elements(v, [&](const V& e) { return a.string(e) && (list.emplace_back(a.str(e)), true); });
  }
  bool read(const V& v, D& out) {
    auto& list = out.emplace();
    if (a.object(v)) return read_identity(v, list.emplace_back());
    return a.array(v) && a.elements(v, [&](const V& e) { return read_identity(e, list.emplace_back()); });
  }

#define PEER_INDEX(name, kind, required) name##_index,
#define PEER_MATCH(name, kind, required)                     \
  if (key == #name) {                                        \
    if (seen & (1ull << name##_index)) return false;         \
    seen |= 1ull << name##_index;                            \
    return a.null(v) ? (required ? false : true) : read(v, out.name); \
  }
#define PEER_REQUIRED(name, kind, required) if (required && !(seen & (1ull << name##_index))) return false;

  template <class T>
  bool unknown(std::string_view raw_key, const V& v, T& out) {
    for (auto& [k, _] : out.unknown)
      if (trim(k) == trim(raw_key)) return false;
    out.unknown.emplace_back(raw_key, a.dump(v));
    return true;
  }

#define PEER_OBJECT(FIELDS)                                                    \
  enum { FIELDS(PEER_INDEX) };                                                 \
  std::uint64_t seen = 0;                                                      \
  bool ok = a.object(v) && a.members(v, [&](std::string_view raw_key, const V& v) { \
    std::string_view key = trim(raw_key);                                      \
    FIELDS(PEER_MATCH)                                                         \
    return unknown(raw_key, v, out);                                           \
  });                                                                          \
  FIELDS(PEER_REQUIRED)                                                        \
  return ok;

  bool read_identity(const V& v, Identity& out) { PEER_OBJECT(PEER_IDENTITY_FIELDS) }
  bool read_user(const V& v, User& out) { PEER_OBJECT(PEER_USER_FIELDS) }
#undef PEER_OBJECT

  bool read_response(const V& v, Response& out) {
    enum { PEER_ENVELOPE_FIELDS(PEER_INDEX) data_index };
    std::uint64_t seen = 0;
    bool ok = a.object(v) && a.members(v, [&](std::string_view raw_key, const V& v) {
      std::string_view key = trim(raw_key);
      PEER_ENVELOPE_FIELDS(PEER_MATCH)
      if (key == "data") {
        if (seen & (1ull << data_index)) return false;
        seen |= 1ull << data_index;
        return a.null(v) || read_user(v, out.data.emplace());
      }
      return unknown(raw_key, v, out);
    });
    PEER_ENVELOPE_FIELDS(PEER_REQUIRED)
    return ok && (out.statusCode != 200 || out.data);
  }
#undef PEER_INDEX
#undef PEER_MATCH
#undef PEER_REQUIRED
};

}  // namespace peer
