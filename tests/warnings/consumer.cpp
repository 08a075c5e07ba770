// A user's translation unit that touches every part of the library: decode (both forms),
// raw JSON lookups, timestamps, encode (string, buffer, size), the printer, equality and a
// request. ctest compiles it with -Wall -Wextra -Wpedantic -Werror at every -O level, with
// and without -march=native, with each compiler of the machine: the headers must add no
// diagnostic to a warning-clean build (README.md, "Where it builds").
//
// SPDX-License-Identifier: MIT
#include <genauth/dto.hpp>

#include <cstdio>
#include <sstream>
#include <string>

namespace dto = genauth::dto;

int main(int argc, char** argv) {
  std::string body = argc > 1 ? argv[1] : R"({"statusCode":200,"message":"ok","data":{"userId":"u",
    "createdAt":"2022-07-03T03:20:30Z","updatedAt":"2022-07-03T03:20:30Z","status":"Activated",
    "workStatus":"Active","gender":"M","emailVerified":true,"phoneVerified":false,
    "userSourceType":"register","loginsCount":3,"departmentIds":"[\"d1\"]",
    "identities":{"identityId":"i","extIdpId":"e","provider":"wechat","type":"t","userIdInIdp":"x",
    "originConnIds":[]},"customData":{"age":22},"school":"PKU"}})";
  dto::decoder decoder;
  auto response = decoder.decode(body);
  if (!response) {
    std::fprintf(stderr, "%.*s\n", static_cast<int>(response.error().message().size()), response.error().message().data());
    return 1;
  }
  dto::UserSingleRespDto same;
  dto::decoder other;
  if (dto::error e = other.decode(body, same)) return 2;
  if (!dto::equal(*response, same) || !(*response == same)) return 3;

  const dto::UserDto& user = *response->data;
  auto age = user.customData->get<std::int64_t>("age");
  auto created = user.createdAt.time();
  std::string json;
  dto::encode(*response, json, {.redact_secrets = true});
  char buffer[4096];
  auto written = dto::encode(*response, std::span<char>(buffer));
  std::ostringstream printed;
  printed << *response;

  dto::get_user_request request{.userId = "bob@example.com", .userIdType = dto::user_id_type::email};
  if (dto::set_parameter(request, "withPost", "true")) return 4;
  char line[512];
  auto url = dto::write_request(request, std::span<char>(line));
  bool ok = age && *age == 22 && created && *created && written && *written == dto::encoded_size(*response) &&
            printed.str().size() == json.size() && url && to_string(user.status.value) == "Activated";
  return ok ? 0 : 5;
}
