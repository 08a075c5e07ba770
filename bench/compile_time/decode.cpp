// Compile time (bench/README.md): decode one response and print a member.
#include <genauth/dto.hpp>

#include <cstdio>

int main(int argc, char** argv) {
  genauth::dto::decoder decoder;
  auto response = decoder.decode(std::string_view(argc > 1 ? argv[1] : R"({"statusCode":404,"message":"no"})"));
  if (!response) return 1;
  std::printf("%.*s\n", static_cast<int>(response->message.size()), response->message.data());
  return 0;
}
