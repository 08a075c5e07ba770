// Compiled for plain x86-64 by ctest (kernel_notice_shows): the header's notice must appear.
//
// SPDX-License-Identifier: MIT
#include <genauth/dto.hpp>

genauth::dto::result<genauth::dto::UserSingleRespDto> decode_one(genauth::dto::decoder& d, std::string_view json) {
  return d.decode(json);
}
