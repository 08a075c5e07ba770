// Compile-time baseline (bench/README.md, "Compile time"): simdjson.h and one parse, no
// genauth-dto. The contract's targets are ratios to this translation unit.
#include <simdjson.h>

#include <cstdio>
#include <string_view>

int main(int argc, char** argv) {
  simdjson::ondemand::parser parser;
  simdjson::padded_string json(std::string_view(argc > 1 ? argv[1] : R"({"statusCode":200,"message":"ok"})"));
  simdjson::ondemand::document doc;
  std::int64_t code = 0;
  std::string_view message;
  if (parser.iterate(json).get(doc) || doc["statusCode"].get(code) || doc["message"].get(message)) return 1;
  std::printf("%lld %.*s\n", static_cast<long long>(code), static_cast<int>(message.size()), message.data());
  return 0;
}
