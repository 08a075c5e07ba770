// Contract M3: reading a result after its decoder decoded again is caught. Each mode below
// does one thing, and ctest says what must come of it (tests/CMakeLists.txt): the checked
// accessors abort with the library's message; under AddressSanitizer a view kept past the
// next decode is a heap-use-after-free; a kept copy (keep.hpp) reads back right.
//
// SPDX-License-Identifier: MIT
#include <genauth/dto.hpp>

#include <cstdio>
#include <cstring>
#include <string>

namespace dto = genauth::dto;

namespace {

std::string user(const char* email) {
  return std::string(R"({"statusCode":200,"message":"ok","data":{"userId":"u","createdAt":"","updatedAt":"",)"
                     R"("status":"Activated","workStatus":"Active","gender":"M","emailVerified":true,)"
                     R"("phoneVerified":false,"userSourceType":"register","email":")") +
         email + "\"}}";
}
const std::string not_found = R"({"statusCode":404,"message":"user not found","requestId":"0123456789abcdef"})";

}  // namespace

int main(int argc, char** argv) {
  std::string mode = argc > 1 ? argv[1] : "";
  dto::decoder d;
  auto first = d.decode(user("first@example.com"));
  if (!first) return std::puts("the first document did not decode"), 1;
  if (mode == "result") {  // the issue's program: a second decode, then the first result printed
    auto second = d.decode(not_found);
    std::printf("second: %d\n", static_cast<int>(second->statusCode));
    std::printf("first: %.*s\n", static_cast<int>(first->data->email->size()), first->data->email->data());
    return 0;
  }
  if (mode == "view") {  // a view taken out of the result, read after the next decode
    std::string_view email = *first->data->email;
    auto second = d.decode(not_found);
    if (!second) return 1;
    char copy[64] = {};
    std::memcpy(copy, email.data(), email.size() < sizeof copy ? email.size() : sizeof copy);
    std::printf("first: %s\n", copy);
    return 0;
  }
  if (mode == "error") {  // the value of a result that holds an error
    auto bad = d.decode(R"({"statusCode":"x"})");
    std::printf("%d\n", static_cast<int>(bad.value().statusCode));
    return 0;
  }
  if (mode == "kept") {  // what a program should do: keep, then decode on; exits 0 when right
    auto kept = dto::keep(*first);
    auto second = d.decode(not_found);
    if (!kept || !second || second->message != "user not found") return 1;
    return *kept->data->email == "first@example.com" ? 0 : 1;
  }
  std::puts("usage: stale_view result|view|error|kept");
  return 2;
}
