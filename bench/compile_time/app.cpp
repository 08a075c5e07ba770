// Compile time (bench/README.md): what a consumer application does with the library, decode,
// encode and build a request, in one translation unit (issue 16's 70-line app).
#include <genauth/dto.hpp>

#include <cstdio>
#include <span>
#include <string>

namespace dto = genauth::dto;

namespace {

int show(const dto::UserSingleRespDto& r) {
  if (!r.ok() || !r.data) return std::printf("%lld %.*s\n", static_cast<long long>(r.statusCode),
                                             static_cast<int>(r.message.size()), r.message.data()), 1;
  const dto::UserDto& user = *r.data;
  std::printf("user %.*s (%.*s)\n", static_cast<int>(user.userId.size()), user.userId.data(),
              static_cast<int>(user.status.str().size()), user.status.str().data());
  if (user.identities)
    for (const dto::IdentityDto& id : *user.identities)
      std::printf("  identity %.*s\n", static_cast<int>(id.identityId.size()), id.identityId.data());
  if (user.customData)
    if (auto age = user.customData->get<std::int64_t>("age")) std::printf("  age %lld\n", static_cast<long long>(*age));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  dto::get_user_request request{.userId = argc > 1 ? argv[1] : "bob@example.com",
                                .userIdType = dto::user_id_type::email,
                                .withCustomData = true};
  char line[512];
  auto written = dto::write_request(request, std::span<char>(line));
  if (!written) return 2;
  std::printf("%.*s\n", static_cast<int>(written->size()), written->data());

  dto::decoder decoder;
  std::string body = argc > 2 ? argv[2] : R"({"statusCode":404,"message":"user not found"})";
  auto response = decoder.decode(body);
  if (!response) {
    const dto::error& e = response.error();
    std::fprintf(stderr, "%.*s at %.*s\n", static_cast<int>(dto::to_string(e.code()).size()),
                 dto::to_string(e.code()).data(), static_cast<int>(e.pointer().size()), e.pointer().data());
    return 1;
  }
  int status = show(*response);
  std::string canonical;
  dto::encode(*response, canonical, {.redact_secrets = true});
  std::printf("%s\n", canonical.c_str());
  auto page = decoder.decode<dto::UserPaginatedRespDto>(body);
  if (page && page->data) std::printf("%zu users\n", page->data->list.size());
  return status;
}
