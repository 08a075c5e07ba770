// The library's version: the one place it is written (CMakeLists.txt reads it from here for
// the package and pkg-config files). `genauth-dto --version` prints it.
//
// SPDX-License-Identifier: MIT
#pragma once

#define GENAUTH_DTO_VERSION_MAJOR 0
#define GENAUTH_DTO_VERSION_MINOR 2
#define GENAUTH_DTO_VERSION_PATCH 0

#define GENAUTH_DTO_DETAIL_TEXT(x) #x
#define GENAUTH_DTO_DETAIL_NUMBER(x) GENAUTH_DTO_DETAIL_TEXT(x)

namespace genauth::dto {

// "MAJOR.MINOR.PATCH", from the macros above.
inline constexpr const char* version = GENAUTH_DTO_DETAIL_NUMBER(GENAUTH_DTO_VERSION_MAJOR) "." GENAUTH_DTO_DETAIL_NUMBER(
    GENAUTH_DTO_VERSION_MINOR) "." GENAUTH_DTO_DETAIL_NUMBER(GENAUTH_DTO_VERSION_PATCH);

}  // namespace genauth::dto

#undef GENAUTH_DTO_DETAIL_NUMBER
#undef GENAUTH_DTO_DETAIL_TEXT
