// Large documents from a small input (contract D10): byte 0 picks a shape of
// tests/shapes.hpp, bytes 1-2 its repeat count (up to 65,536 items and about 1.5 MB), byte 3 whether
// its last '}' becomes ",}" (a syntax error at the very end). Built with
// GENAUTH_DTO_COUNT_WORK: the work counted while decoding (and encoding what decodes) must
// stay within a bound per byte, and the outcome must be the shape's.
//
// SPDX-License-Identifier: MIT
#include <genauth/dto/detail/work_count.hpp>

#include <algorithm>
#include <array>
#include <string>

#include "../tests/shapes.hpp"
#include "fuzz_check.hpp"

#if !defined(GENAUTH_DTO_COUNT_WORK)
#error "fuzz_shapes counts work: build it with GENAUTH_DTO_COUNT_WORK"
#endif

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
  using namespace fuzz;
  namespace shapes = test::shapes;
  if (size < 4) return 0;
  constexpr std::size_t count = sizeof shapes::all / sizeof shapes::all[0];
  const std::size_t which = data[0] % count;
  const shapes::shape& s = shapes::all[which];
  // Up to 65,536 items, but no document past about 1.5 MB (identities with unknown members
  // would reach 16 MB, which under ASan nears the runs' per-input time limit).
  static const auto most = [] {  // (measured once per shape)
    std::array<std::size_t, count> m{};
    for (std::size_t i = 0; i < count; ++i) m[i] = shapes::items_for(shapes::all[i], std::size_t{3} << 19);
    return m;
  }();
  std::size_t n = std::min((std::size_t{data[1]} << 8 | data[2]) + 1, most[which]);
  bool broken = data[3] & 1;
  std::string json = s.document(n);
  if (broken) json = shapes::broken_at_end(json);
  dto::decoder d(s.options);
  auto& work = genauth::dto::detail::work_counter();
  work = 0;
  auto r = d.decode(json);
  if (r) {
    std::string out;
    dto::encode(*r, out);
  } else {
    check_error(r.error(), json.size());
  }
  dto::error_code expected = broken ? dto::error_code::syntax : s.expected;
  check((r ? dto::error_code::ok : r.error().code()) == expected, "the shape's outcome", s.name);
  // tests/cost_test.cpp checks 3 per byte at 8,000 items; a small document's fixed part
  // (the envelope, the required members) costs more per byte.
  check(work <= 3 * json.size() + 2000, "work within 3 per byte", s.name);
  return 0;
}
