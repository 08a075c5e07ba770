// IdentityDto: one external identity of a user (contract S3).
//
// SPDX-License-Identifier: MIT
#pragma once

#include <optional>
#include <string_view>

#include "enums.hpp"
#include "kind.hpp"
#include "raw_json.hpp"
#include "reflect.hpp"

namespace genauth::dto {

struct IdentityDto : dto_base {
  std::string_view identityId;
  std::string_view extIdpId;
  enum_value<identity_provider> provider;
  std::string_view type;
  std::string_view userIdInIdp;
  // Listed as required, but the vendor's own sample omits it.
  std::optional<raw_json> userInfoInIdp;
  std::optional<std::string_view> accessToken;
  std::optional<std::string_view> refreshToken;
  string_list originConnIds;
};

template <>
struct describe<IdentityDto> {
  using T = IdentityDto;
  using fields = field_list<
      field<"identityId", &T::identityId>,
      field<"extIdpId", &T::extIdpId>,
      field<"provider", &T::provider>,
      field<"type", &T::type>,
      field<"userIdInIdp", &T::userIdInIdp>,
      field<"userInfoInIdp", &T::userInfoInIdp>,
      field<"accessToken", &T::accessToken, secret>,
      field<"refreshToken", &T::refreshToken, secret>,
      field<"originConnIds", &T::originConnIds>>;
};

}  // namespace genauth::dto
