// The vendor's enumerations. The vendor keeps adding values (its own Java and C# SDKs broke
// on gender "W" and userSourceType "workflow"), so a value outside a list is not an error:
// it decodes to `unknown` and its text is kept, to be encoded back unchanged.
//
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace genauth::dto {

// Wire names by enumerator value; index 0 is `unknown`.
template <class E>
struct enum_names;

enum class user_status : std::uint8_t { unknown, Activated, Suspended, Deactivated, Resigned, Archived };
template <>
struct enum_names<user_status> {
  static constexpr std::string_view names[] = {"", "Activated", "Suspended", "Deactivated", "Resigned", "Archived"};
};

enum class work_status : std::uint8_t { unknown, Active, Closed };
template <>
struct enum_names<work_status> {
  static constexpr std::string_view names[] = {"", "Active", "Closed"};
};

enum class gender : std::uint8_t { unknown, M, F, U, W };  // W: legacy data
template <>
struct enum_names<gender> {
  static constexpr std::string_view names[] = {"", "M", "F", "U", "W"};
};

enum class user_source_type : std::uint8_t { unknown, excel, register_, adminCreated, sync, syncTask, workflow };
template <>
struct enum_names<user_source_type> {
  static constexpr std::string_view names[] = {"", "excel", "register", "adminCreated", "sync", "syncTask", "workflow"};
};

// The OpenAPI document's 38 values (a superset of the endpoint pages' 27), then three more seen
// in the wild.
enum class identity_provider : std::uint8_t {
  unknown,
  oidc, oauth2, saml, ldap, ad, cas, azure_ad, wechat, google, qq, wechatwork, dingtalk, weibo,
  github, alipay, apple, baidu, lark, gitlab, twitter, facebook, slack, linkedin, yidun,
  qingcloud, gitee, instagram, welink, huawei, honor, xiaomi, oppo, aws, amazon, douyin,
  kuaishou, line, sdbz,
  zjzwfw, zzding, seeyona8v5,
};
template <>
struct enum_names<identity_provider> {
  static constexpr std::string_view names[] = {
      "",
      "oidc", "oauth2", "saml", "ldap", "ad", "cas", "azure-ad", "wechat", "google", "qq", "wechatwork", "dingtalk", "weibo",
      "github", "alipay", "apple", "baidu", "lark", "gitlab", "twitter", "facebook", "slack", "linkedin", "yidun",
      "qingcloud", "gitee", "instagram", "welink", "huawei", "honor", "xiaomi", "oppo", "aws", "amazon", "douyin",
      "kuaishou", "line", "sdbz",
      "zjzwfw", "zzding", "seeyona8v5",
  };
};

template <class E>
inline constexpr std::size_t enum_size = sizeof(enum_names<E>::names) / sizeof(std::string_view);

// The wire name of a known value; "" for unknown.
template <class E>
constexpr std::string_view to_string(E e) noexcept {
  auto i = static_cast<std::size_t>(e);
  return i < enum_size<E> ? enum_names<E>::names[i] : std::string_view{};
}

// Exact, case-sensitive match; `unknown` when the text is not a listed value.
template <class E>
constexpr E enum_from_string(std::string_view s) noexcept {
  for (std::size_t i = 1; i < enum_size<E>; ++i) {
    std::string_view name = enum_names<E>::names[i];
    // The first byte settles most candidates without a call to memcmp.
    if (name.size() == s.size() && name[0] == s[0] && name == s) return static_cast<E>(i);
  }
  return E::unknown;
}

// A decoded enumeration member: the value and the text it was decoded from.
template <class E>
struct enum_value {
  E value = E::unknown;
  std::string_view text;  // as received; may be empty in a DTO built by hand

  constexpr enum_value() noexcept = default;
  constexpr enum_value(E e) noexcept : value(e), text(to_string(e)) {}
  constexpr explicit enum_value(std::string_view s) noexcept : value(enum_from_string<E>(s)), text(s) {}

  constexpr bool known() const noexcept { return value != E::unknown; }
  // What the encoder writes: the received text, or the value's name.
  constexpr std::string_view str() const noexcept { return text.empty() ? to_string(value) : text; }
  friend constexpr bool operator==(const enum_value& a, const enum_value& b) noexcept {
    return a.value == b.value && a.str() == b.str();
  }
  friend constexpr bool operator==(const enum_value& a, E b) noexcept { return a.value == b; }
};

}  // namespace genauth::dto
