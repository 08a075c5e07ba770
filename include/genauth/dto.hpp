// genauth-dto: typed, validated, allocation-free GenAuth V3 user DTOs on simdjson On-Demand.
//
// SPDX-License-Identifier: MIT
#pragma once

#include "dto/chrono.hpp"
#include "dto/compare.hpp"
#include "dto/compiled.hpp"
#include "dto/decode.hpp"
#include "dto/encode.hpp"
#include "dto/enums.hpp"
#include "dto/error.hpp"
#include "dto/identity.hpp"
#include "dto/keep.hpp"
#include "dto/kind.hpp"
#include "dto/raw_json.hpp"
#include "dto/reflect.hpp"
#include "dto/request.hpp"
#include "dto/response.hpp"
#include "dto/stream.hpp"
#include "dto/user.hpp"
#include "dto/version.hpp"
