// The response envelopes (contract S1, S4): UserSingleRespDto (get-user, get-profile),
// UserListRespDto (get-user-batch) and UserPaginatedRespDto (list-users). One envelope and
// one field table serve the three; only what `data` holds differs.
//
// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "reflect.hpp"
#include "user.hpp"

namespace genauth::dto {

template <class Data>
struct envelope : dto_base {
  std::int64_t statusCode = 0;
  std::string_view message;
  std::optional<std::int64_t> apiCode;
  std::optional<std::string_view> requestId;
  std::optional<Data> data;  // required when statusCode is 200; error responses carry none

  // Success is statusCode 200 and nothing else.
  constexpr bool ok() const noexcept { return statusCode == 200; }
};

template <class Data>
struct describe<envelope<Data>> {
  using T = envelope<Data>;
  static constexpr bool success(const T& r) noexcept { return r.ok(); }
  using fields = field_list<
      field<"statusCode", &T::statusCode>,
      field<"message", &T::message>,
      field<"apiCode", &T::apiCode>,
      field<"requestId", &T::requestId>,
      field<"data", &T::data, required_on_success>>;
};

// list-users' page (contract S4): both members required; `list` may come as one object.
struct UserPagingDto : dto_base {
  std::int64_t totalCount = 0;
  std::span<const UserDto> list;
};

template <>
struct describe<UserPagingDto> {
  using T = UserPagingDto;
  using fields = field_list<
      field<"totalCount", &T::totalCount>,
      field<"list", &T::list>>;
};

using UserSingleRespDto = envelope<UserDto>;
// `data` is a list of users; the vendor's samples write it as one object, also accepted.
using UserListRespDto = envelope<std::span<const UserDto>>;
using UserPaginatedRespDto = envelope<UserPagingDto>;

}  // namespace genauth::dto
