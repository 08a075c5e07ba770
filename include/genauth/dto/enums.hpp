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

// Wire names by enumerator value; index 0 is `unknown`. Specialize it for an enumeration
// of a DTO of your own, or declare both at once with GENAUTH_DTO_ENUM.
template <class E>
struct enum_names;

// Declares `enum class type : std::uint8_t { unknown, ... }` and its enum_names from one
// list of (enumerator, wire name) pairs, so that each value and its name are written once,
// side by side: `#define MY_LIST(X) X(a, "a") X(b, "b-2")` then `GENAUTH_DTO_ENUM(my_enum, MY_LIST)`
// in namespace genauth::dto.
#define GENAUTH_DTO_ENUMERATOR(enumerator, name) enumerator,
#define GENAUTH_DTO_ENUM_NAME(enumerator, name) name,
#define GENAUTH_DTO_ENUM(type, list)                                              \
  enum class type : std::uint8_t { unknown, list(GENAUTH_DTO_ENUMERATOR) };     \
  template <>                                                                   \
  struct enum_names<type> {                                                     \
    static constexpr std::string_view names[] = {"", list(GENAUTH_DTO_ENUM_NAME)}; \
  }

#define GENAUTH_DTO_USER_STATUS(X) \
  X(Activated, "Activated") X(Suspended, "Suspended") X(Deactivated, "Deactivated") X(Resigned, "Resigned") X(Archived, "Archived") \
      X(Deleted, "Deleted") /* Deleted: seen in the list endpoints' documents (contract S5) */
GENAUTH_DTO_ENUM(user_status, GENAUTH_DTO_USER_STATUS);

#define GENAUTH_DTO_WORK_STATUS(X) X(Active, "Active") X(Closed, "Closed")
GENAUTH_DTO_ENUM(work_status, GENAUTH_DTO_WORK_STATUS);

#define GENAUTH_DTO_GENDER(X) X(M, "M") X(F, "F") X(U, "U") X(W, "W") /* W: legacy data */
GENAUTH_DTO_ENUM(gender, GENAUTH_DTO_GENDER);

#define GENAUTH_DTO_USER_SOURCE_TYPE(X)                                                                  \
  X(excel, "excel") X(register_, "register") X(adminCreated, "adminCreated") X(sync, "sync") X(syncTask, "syncTask") \
  X(workflow, "workflow")
GENAUTH_DTO_ENUM(user_source_type, GENAUTH_DTO_USER_SOURCE_TYPE);

// The OpenAPI document's 38 values (a superset of the endpoint pages' 27), then three more seen
// in the wild.
#define GENAUTH_DTO_IDENTITY_PROVIDER(X)                                                                    \
  X(oidc, "oidc") X(oauth2, "oauth2") X(saml, "saml") X(ldap, "ldap") X(ad, "ad") X(cas, "cas")              \
  X(azure_ad, "azure-ad") X(wechat, "wechat") X(google, "google") X(qq, "qq") X(wechatwork, "wechatwork")    \
  X(dingtalk, "dingtalk") X(weibo, "weibo") X(github, "github") X(alipay, "alipay") X(apple, "apple")        \
  X(baidu, "baidu") X(lark, "lark") X(gitlab, "gitlab") X(twitter, "twitter") X(facebook, "facebook")        \
  X(slack, "slack") X(linkedin, "linkedin") X(yidun, "yidun") X(qingcloud, "qingcloud") X(gitee, "gitee")    \
  X(instagram, "instagram") X(welink, "welink") X(huawei, "huawei") X(honor, "honor") X(xiaomi, "xiaomi")    \
  X(oppo, "oppo") X(aws, "aws") X(amazon, "amazon") X(douyin, "douyin") X(kuaishou, "kuaishou")              \
  X(line, "line") X(sdbz, "sdbz")                                                                          \
  X(zjzwfw, "zjzwfw") X(zzding, "zzding") X(seeyona8v5, "seeyona8v5")
GENAUTH_DTO_ENUM(identity_provider, GENAUTH_DTO_IDENTITY_PROVIDER);

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
