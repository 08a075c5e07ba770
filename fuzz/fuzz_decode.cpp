// Any bytes, read as each of the three envelopes (contract S1, S4): a value or a well-formed
// error. On success the canonical encoding decodes to an equal value and is a fixed point.
//
// SPDX-License-Identifier: MIT
#include <simdjson.h>

#include <string>

#include "fuzz_check.hpp"

// simdjson's "integer too large" (no such code in the oldest releases).
template <class E>
constexpr bool big_integer(E e) {
  if constexpr (requires { E::BIGINT_ERROR; }) return e == E::BIGINT_ERROR;
  else return false;
}

// `oracle`: what simdjson's DOM parser says of the input, the oracle of contract D1: invalid
// JSON is syntax, valid JSON never is. Its own limits (numbers past double, integers past 64
// bits: BIGINT_ERROR from 3.7.1 on, depth past 1024) say nothing. A leading byte order mark is
// syntax (contract D9), though simdjson from 3.6.0 on skips it.
template <class T>
void check_as(std::string_view input, simdjson::error_code oracle) {
  using namespace fuzz;
  static dto::decoder first, second;  // reused, as users do
  std::size_t size = input.size();
  auto r = first.decode<T>(input);
  if (oracle != simdjson::NUMBER_ERROR && oracle != simdjson::DEPTH_ERROR && !big_integer(oracle)) {
    bool syntax = !r && r.error().code() == dto::error_code::syntax;
    bool not_json = oracle != simdjson::SUCCESS || dto::detail::starts_with_bom(input);
    check(syntax == not_json, "syntax error exactly when not JSON:", simdjson::error_message(oracle));
  }
  if (!r) {
    check_error(r.error(), size);
    return;
  }
  std::string once;
  dto::encode(*r, once);
  check(dto::encoded_size(*r) == once.size(), "encoded_size");
  check(once.find('\n') == std::string::npos, "one line");
  auto again = second.decode<T>(once);
  if (!again) fail("the encoding does not decode:", again.error().message());
  check(dto::equal(*r, *again), "decode(encode(x)) == x", once);
  std::string twice;
  dto::encode(*again, twice);
  check(once == twice, "canonical encoding is a fixed point", once);
  std::string redacted;
  dto::encode(*r, redacted, {.redact_secrets = true});
  check(second.decode<T>(redacted).has_value(), "the redacted encoding decodes");
}

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  static simdjson::dom::parser dom;
  auto oracle = dom.parse(input.data(), input.size()).error();
  check_as<fuzz::dto::UserSingleRespDto>(input, oracle);
  check_as<fuzz::dto::UserListRespDto>(input, oracle);
  check_as<fuzz::dto::UserPaginatedRespDto>(input, oracle);
  return 0;
}
