// UserDto: the user, 55 members in the vendor table's order (contract S2).
//
// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "chrono.hpp"
#include "enums.hpp"
#include "identity.hpp"
#include "raw_json.hpp"
#include "reflect.hpp"

namespace genauth::dto {

struct UserDto : dto_base {
  std::string_view userId;
  timestamp createdAt;
  timestamp updatedAt;
  enum_value<user_status> status;
  enum_value<work_status> workStatus;
  std::optional<std::string_view> externalId;
  std::optional<std::string_view> email;
  std::optional<std::string_view> phone;
  std::optional<std::string_view> phoneCountryCode;
  std::optional<std::string_view> username;
  std::optional<std::string_view> name;
  std::optional<std::string_view> nickname;
  std::optional<std::string_view> photo;
  std::optional<std::int64_t> loginsCount;
  std::optional<timestamp> lastLogin;
  std::optional<std::string_view> lastIp;
  enum_value<dto::gender> gender;
  bool emailVerified = false;
  bool phoneVerified = false;
  std::optional<timestamp> passwordLastSetAt;
  std::optional<timestamp> birthdate;
  std::optional<std::string_view> country;
  std::optional<std::string_view> province;
  std::optional<std::string_view> city;
  std::optional<std::string_view> address;
  std::optional<std::string_view> streetAddress;
  std::optional<std::string_view> postalCode;
  std::optional<std::string_view> company;
  std::optional<std::string_view> browser;
  std::optional<std::string_view> device;
  std::optional<std::string_view> givenName;
  std::optional<std::string_view> familyName;
  std::optional<std::string_view> middleName;
  std::optional<std::string_view> profile;
  std::optional<std::string_view> preferredUsername;
  std::optional<std::string_view> website;
  std::optional<std::string_view> zoneinfo;
  std::optional<std::string_view> locale;
  std::optional<std::string_view> formatted;
  std::optional<std::string_view> region;
  enum_value<user_source_type> userSourceType;
  std::optional<std::string_view> userSourceId;
  std::optional<std::string_view> lastLoginApp;
  std::optional<std::string_view> mainDepartmentId;
  std::optional<timestamp> lastMfaTime;
  std::optional<std::int64_t> passwordSecurityLevel;
  std::optional<bool> resetPasswordOnNextLogin;
  std::optional<string_list> registerSource;
  std::optional<string_list> departmentIds;
  std::optional<std::span<const IdentityDto>> identities;
  std::optional<std::string_view> identityNumber;
  std::optional<raw_json> customData;
  std::optional<string_list> postIdList;
  std::optional<timestamp> statusChangedAt;
  std::optional<std::string_view> tenantId;
};

template <>
struct describe<UserDto> {
  using T = UserDto;
  // get-profile returns only what the token's scope allows: relax_required applies here.
  static constexpr bool scope_limited = true;
  using fields = field_list<
      field<"userId", &T::userId>,
      field<"createdAt", &T::createdAt>,
      field<"updatedAt", &T::updatedAt>,
      field<"status", &T::status>,
      field<"workStatus", &T::workStatus>,
      field<"externalId", &T::externalId>,
      field<"email", &T::email>,
      field<"phone", &T::phone>,
      field<"phoneCountryCode", &T::phoneCountryCode>,
      field<"username", &T::username>,
      field<"name", &T::name>,
      field<"nickname", &T::nickname>,
      field<"photo", &T::photo>,
      field<"loginsCount", &T::loginsCount>,
      field<"lastLogin", &T::lastLogin>,
      field<"lastIp", &T::lastIp>,
      field<"gender", &T::gender>,
      field<"emailVerified", &T::emailVerified>,
      field<"phoneVerified", &T::phoneVerified>,
      field<"passwordLastSetAt", &T::passwordLastSetAt>,
      field<"birthdate", &T::birthdate>,
      field<"country", &T::country>,
      field<"province", &T::province>,
      field<"city", &T::city>,
      field<"address", &T::address>,
      field<"streetAddress", &T::streetAddress>,
      field<"postalCode", &T::postalCode>,
      field<"company", &T::company>,
      field<"browser", &T::browser>,
      field<"device", &T::device>,
      field<"givenName", &T::givenName>,
      field<"familyName", &T::familyName>,
      field<"middleName", &T::middleName>,
      field<"profile", &T::profile>,
      field<"preferredUsername", &T::preferredUsername>,
      field<"website", &T::website>,
      field<"zoneinfo", &T::zoneinfo>,
      field<"locale", &T::locale>,
      field<"formatted", &T::formatted>,
      field<"region", &T::region>,
      field<"userSourceType", &T::userSourceType>,
      field<"userSourceId", &T::userSourceId>,
      field<"lastLoginApp", &T::lastLoginApp>,
      field<"mainDepartmentId", &T::mainDepartmentId>,
      field<"lastMfaTime", &T::lastMfaTime>,
      field<"passwordSecurityLevel", &T::passwordSecurityLevel>,
      field<"resetPasswordOnNextLogin", &T::resetPasswordOnNextLogin>,
      field<"registerSource", &T::registerSource>,
      field<"departmentIds", &T::departmentIds>,
      field<"identities", &T::identities>,
      field<"identityNumber", &T::identityNumber>,
      field<"customData", &T::customData>,
      field<"postIdList", &T::postIdList>,
      field<"statusChangedAt", &T::statusChangedAt>,
      field<"tenantId", &T::tenantId>>;
};

}  // namespace genauth::dto
