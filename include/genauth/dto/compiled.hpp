// The optional precompiled part (contract v2, section 10; README.md, "Compile time"): the
// decoder's and encoder's instantiations for the library's own DTOs, compiled once in
// src/compiled.cpp (CMake target genauth::dto_compiled). Where GENAUTH_DTO_PRECOMPILED is
// defined (linking that target defines it), the declarations below tell every other
// translation unit not to instantiate them. Header-only use, the default, is unchanged.
//
// The precompiled part must be built with the same simdjson kernel flags (-march) as the
// code that uses it: simdjson's On-Demand types name their kernel (simdjson::haswell::...), so
// a mismatch is an undefined symbol at link time, never a silent mix.
//
// SPDX-License-Identifier: MIT
#pragma once

#include <simdjson.h>

#include <cstddef>
#include <span>
#include <string>

#include "decode.hpp"
#include "encode.hpp"
#include "error.hpp"
#include "response.hpp"

// What is compiled once for each DTO: the decode of a whole document (everything under
// decoder::decode) and the three encodes. EXTERN is `extern` for the declarations, nothing
// for the definitions in src/compiled.cpp: one list for both.
#define GENAUTH_DTO_DETAIL_COMPILED(EXTERN, T)                                                                       \
  EXTERN template bool detail::decode_root<T>(detail::decode_state&, detail::od::parser&, simdjson::padded_string_view, \
                                              T&) noexcept;                                                          \
  EXTERN template void encode<T, std::string>(const T&, std::string&, encode_options);                               \
  EXTERN template std::size_t encoded_size<T>(const T&, encode_options) noexcept;                                     \
  EXTERN template result<std::size_t> encode<T>(const T&, std::span<char>, encode_options) noexcept;

#define GENAUTH_DTO_DETAIL_COMPILED_DTOS(EXTERN)                \
  GENAUTH_DTO_DETAIL_COMPILED(EXTERN, UserSingleRespDto)        \
  GENAUTH_DTO_DETAIL_COMPILED(EXTERN, UserListRespDto)          \
  GENAUTH_DTO_DETAIL_COMPILED(EXTERN, UserPaginatedRespDto)

#if defined(GENAUTH_DTO_PRECOMPILED)
namespace genauth::dto {
GENAUTH_DTO_DETAIL_COMPILED_DTOS(extern)
}  // namespace genauth::dto
#endif
