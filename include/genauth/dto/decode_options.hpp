// Decoding options: what a decoder accepts beyond the contract's defaults (contract D11).
//
// SPDX-License-Identifier: MIT
#pragma once

#include <simdjson.h>

#include <cstddef>

namespace genauth::dto {

struct decode_options {
  // Accept a DTO whose table says `scope_limited` (UserDto) without some required members;
  // the absent ones are flagged in `missing` and left out when encoding.
  bool relax_required = false;
  // An unknown member is invalid_value instead of being kept.
  bool reject_unknown_members = false;
  // An enumeration value outside the list is invalid_value instead of `unknown`.
  bool reject_unknown_enums = false;
  // Deepest nesting accepted (the root object is depth 1); deeper input is `capacity`.
  std::size_t max_depth = 256;
  // Longest document accepted; longer input is `capacity`.
  // simdjson indexes a document with 32-bit offsets (contract D9 `capacity`).
  std::size_t max_document_bytes = simdjson::SIMDJSON_MAXSIZE_BYTES - simdjson::SIMDJSON_PADDING;
};


}  // namespace genauth::dto
