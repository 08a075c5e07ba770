// Requests from arbitrary parameters: lines "name=value" set on a get-user request. Either a
// well-formed error, or a request line whose query decodes back to exactly what was set.
//
// SPDX-License-Identifier: MIT
#include <string>
#include <vector>

#include "fuzz_check.hpp"

namespace {

int hex(char c) { return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1; }

// Percent-decodes, checking that only unreserved bytes were left as they are.
std::string decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%') {
      int hi = i + 1 < s.size() ? hex(s[i + 1]) : -1, lo = i + 2 < s.size() ? hex(s[i + 2]) : -1;
      fuzz::check(hi >= 0 && lo >= 0, "upper-case %XX", s);
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      fuzz::check(genauth::dto::detail::unreserved(static_cast<unsigned char>(s[i])), "only unreserved bytes as is", s);
      out += s[i];
    }
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
  using namespace fuzz;
  std::string input(reinterpret_cast<const char*>(data), size);
  dto::get_user_request r;
  std::vector<std::string_view> lines;
  for (std::size_t at = 0; at <= input.size();) {
    std::size_t end = input.find('\n', at);
    if (end == std::string::npos) end = input.size();
    lines.push_back(std::string_view(input).substr(at, end - at));
    at = end + 1;
  }
  for (std::string_view l : lines) {
    std::size_t eq = l.find('=');
    if (eq == std::string_view::npos) continue;
    dto::error e = dto::set_parameter(r, l.substr(0, eq), l.substr(eq + 1));
    if (e) check_error(e, size);
  }
  std::string line;
  if (dto::error e = dto::write_request(r, line)) {
    check_error(e, size);
    check(e.code() == dto::error_code::missing_field || e.code() == dto::error_code::invalid_value, "request error code");
    return 0;
  }
  const std::string_view prefix = "GET /api/v3/get-user?";
  check(line.rfind(prefix, 0) == 0, "request line", line);
  // The query's parameters decode to what was set.
  std::string_view query = std::string_view(line).substr(prefix.size());
  bool user_seen = false;
  while (!query.empty()) {
    std::size_t amp = query.find('&');
    std::string_view p = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    std::size_t eq = p.find('=');
    check(eq != std::string_view::npos, "name=value", line);
    std::string value = decode(p.substr(eq + 1));
    if (p.substr(0, eq) == "userId") {
      check(value == r.userId, "userId round trip", line);
      user_seen = true;
    }
  }
  check(user_seen && !r.userId.empty(), "userId present", line);
  return 0;
}
