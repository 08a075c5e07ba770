// The precompiled part's one translation unit (include/genauth/dto/compiled.hpp says what it
// holds and why): the instantiations the declarations there promise.
//
// SPDX-License-Identifier: MIT
#include <genauth/dto.hpp>

namespace genauth::dto {
GENAUTH_DTO_DETAIL_COMPILED_DTOS()
}  // namespace genauth::dto
