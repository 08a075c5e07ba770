// Built with -fno-exceptions -fno-rtti: the library needs neither. A plain program (no
// test framework, which would bring its own requirements) that fails loudly.
//
// SPDX-License-Identifier: MIT
#include <genauth/dto.hpp>

#include <cstdio>
#include <cstring>
#include <string_view>

namespace dto = genauth::dto;

#define EXPECT(cond)                                              \
  do {                                                            \
    if (!(cond)) {                                                \
      std::fprintf(stderr, "%s:%d: failed: %s\n", __FILE__, __LINE__, #cond); \
      return 1;                                                   \
    }                                                             \
  } while (0)

int main() {
  constexpr std::string_view json =
      R"({"statusCode":200,"message":"ok","data":{"userId":"u","createdAt":"2022-07-03T03:20:30Z","updatedAt":"u",)"
      R"("status":"Activated","workStatus":"Active","gender":"U","emailVerified":true,"phoneVerified":false,)"
      R"("userSourceType":"sync","departmentIds":"[\"a\"]","identities":{"identityId":"i","extIdpId":"x",)"
      R"("provider":"lark","type":"t","userIdInIdp":"p","originConnIds":[],"accessToken":"secret"}}})";
  dto::decoder d;
  auto r = d.decode(json);
  EXPECT(r);
  EXPECT(r->data->departmentIds->size() == 1);
  EXPECT((*r->data->identities)[0].provider == dto::identity_provider::lark);
  char buf[1024];
  auto n = dto::encode(*r, std::span<char>(buf), {.redact_secrets = true});
  EXPECT(n);
  std::string_view out(buf, *n);
  EXPECT(out.find("secret") == std::string_view::npos);
  auto again = d.decode(out);
  EXPECT(again);
  auto bad = d.decode(R"({"statusCode":200,"message":"m","data":{"userId":1}})");
  EXPECT(!bad);
  EXPECT(bad.error().code() == dto::error_code::type_mismatch);
  EXPECT(bad.error().pointer() == "/data/userId");
  // A stream (contract T1): the good record, a bad one, the good one again.
  std::string_view line = json;
  char ndjson[1024] = {};
  std::size_t n_bytes = 0;
  for (std::string_view part : {line, std::string_view("\n{}\n"), line}) {
    std::memcpy(ndjson + n_bytes, part.data(), part.size());
    n_bytes += part.size();
  }
  dto::stream s(d, simdjson::padded_string_view(ndjson, n_bytes, sizeof ndjson));
  int good = 0, bad_records = 0;
  for (const auto& rec : s) {
    if (rec) {
      ++good;
    } else {
      EXPECT(rec.line == 2 && rec.error().code() == dto::error_code::missing_field);
      ++bad_records;
    }
  }
  EXPECT(good == 2 && bad_records == 1);
  std::puts("noexcept_test: ok");
  return 0;
}
