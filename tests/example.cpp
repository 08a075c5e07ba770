// The README's usage example, compiled and run by ctest.
//
// SPDX-License-Identifier: MIT
#include <genauth/dto.hpp>

#include <iostream>
#include <string>

int main() {
  namespace dto = genauth::dto;
  std::string body = R"({"statusCode":200,"message":"ok","data":{"userId":"6229ff","createdAt":"2022-07-03T03:20:30Z",
    "updatedAt":"2022-07-03T03:20:30Z","status":"Activated","workStatus":"Active","gender":"M",
    "emailVerified":true,"phoneVerified":false,"userSourceType":"register",
    "departmentIds":"[\"d1\",\"d2\"]","customData":{"age":22}}})";

  dto::decoder decoder;  // reuse it: after the first document it allocates nothing
  auto response = decoder.decode(body);
  if (!response) {
    const dto::error& e = response.error();
    std::cerr << to_string(e.code()) << " at " << e.pointer() << ": " << e.message() << "\n";
    return 1;
  }
  if (!response->ok()) return 1;  // statusCode != 200: message and apiCode say why
  const dto::UserDto& user = *response->data;
  std::cout << user.userId << " has " << user.departmentIds->size() << " departments\n";
  if (auto age = user.customData->get<std::int64_t>("age")) std::cout << "age " << *age << "\n";
  if (auto created = user.createdAt.time(); created && *created)
    std::cout << "created " << (*created)->time_since_epoch().count() << " us after the epoch\n";

  std::string json;
  dto::encode(*response, json, {.redact_secrets = true});  // canonical, one line
  std::cout << json << "\n";
  return user.userId == "6229ff" ? 0 : 1;
}
