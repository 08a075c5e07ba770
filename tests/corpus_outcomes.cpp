// What the decoder says of every input of fuzz_decode's corpus, checked against the outcomes
// recorded in tests/data/expected/corpus_outcomes.txt: one line per input, its error (code,
// pointer, offset, message) or a hash of its canonical encoding. The same file holds on every
// simdjson the library supports, on the fast path and the public-API path alike: errors are
// the library's own, in its own words (README.md, "Where it builds").
// Usage: corpus_outcomes CORPUS_DIR EXPECTED_FILE [--write]
//
// SPDX-License-Identifier: MIT
#include <genauth/dto.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

namespace dto = genauth::dto;

static std::uint64_t fnv1a(std::string_view s) {
  std::uint64_t h = 0xcbf29ce484222325u;
  for (unsigned char c : s) h = (h ^ c) * 0x100000001b3u;
  return h;
}

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: corpus_outcomes CORPUS_DIR EXPECTED_FILE [--write]\n");
    return 2;
  }
  std::vector<std::filesystem::path> inputs;
  for (const auto& e : std::filesystem::directory_iterator(argv[1]))
    if (e.is_regular_file()) inputs.push_back(e.path());
  std::sort(inputs.begin(), inputs.end());
  dto::decoder decoder;
  std::ostringstream got;
  for (const auto& p : inputs) {
    std::ifstream f(p, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    got << p.filename().string() << ' ';
    auto r = decoder.decode(bytes);
    if (r) {
      std::string json;
      dto::encode(*r, json, {});
      got << "ok " << std::hex << fnv1a(json) << std::dec << '\n';
    } else {
      const dto::error& e = r.error();
      got << to_string(e.code()) << " \"" << e.pointer() << "\" " << e.offset() << ' ' << e.message() << '\n';
    }
  }
  if (argc > 3 && std::string_view(argv[3]) == "--write") {
    std::ofstream(argv[2], std::ios::binary) << got.str();
    std::printf("wrote %zu outcomes\n", inputs.size());
    return 0;
  }
  std::ifstream f(argv[2], std::ios::binary);
  std::string expected((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  std::istringstream a(expected), b(got.str());
  std::string la, lb;
  std::size_t differ = 0;
  while (true) {
    bool more_a = static_cast<bool>(std::getline(a, la)), more_b = static_cast<bool>(std::getline(b, lb));
    if (!more_a && !more_b) break;
    if (la != lb && ++differ <= 20) std::printf("expected: %s\n     got: %s\n", la.c_str(), lb.c_str());
  }
  std::printf("%zu inputs, %zu outcomes differ from %s\n", inputs.size(), differ, argv[2]);
  return differ == 0 && !inputs.empty() ? 0 : 1;
}
