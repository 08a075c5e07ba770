// UserSingleRespDto: the envelope of get-user and get-profile (contract S1).
//
// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "reflect.hpp"
#include "user.hpp"

namespace genauth::dto {

struct UserSingleRespDto : dto_base {
  std::int64_t statusCode = 0;
  std::string_view message;
  std::optional<std::int64_t> apiCode;
  std::optional<std::string_view> requestId;
  std::optional<UserDto> data;  // required when statusCode is 200; error responses carry none

  // Success is statusCode 200 and nothing else.
  constexpr bool ok() const noexcept { return statusCode == 200; }
};

template <>
struct describe<UserSingleRespDto> {
  using T = UserSingleRespDto;
  static constexpr bool success(const T& r) noexcept { return r.ok(); }
  using fields = field_list<
      field<"statusCode", &T::statusCode>,
      field<"message", &T::message>,
      field<"apiCode", &T::apiCode>,
      field<"requestId", &T::requestId>,
      field<"data", &T::data, required_on_success>>;
};

}  // namespace genauth::dto
