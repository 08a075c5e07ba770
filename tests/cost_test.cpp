// Contract D10: every shape of input costs work linear in its size. Built with
// GENAUTH_DTO_COUNT_WORK, so that every loop of the library over the input adds its steps
// to a counter (detail/work_count.hpp); for each shape, a document of 8n items must cost at
// most about 8 times one of n items. No timing: the count is the same on any machine.
//
// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include <genauth/dto/detail/work_count.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "shapes.hpp"

#if !defined(GENAUTH_DTO_COUNT_WORK)
#error "cost_test counts work: build it with GENAUTH_DTO_COUNT_WORK"
#endif

using genauth::dto::error_code;
using genauth::dto::detail::work_counter;
using namespace test;

namespace {

using shapes::shape;

// The work of decoding `json` with `d` (and, when it decodes, of encoding the result and of
// looking up a member of its customData, if any).
std::uint64_t work_of(const shape& s, dto::decoder& d, const std::string& json, std::string& out) {
  work_counter() = 0;
  auto r = d.decode(json);
  CHECK((r ? error_code::ok : r.error().code()) == s.expected);
  if (r) {
    out.clear();
    dto::encode(*r, out);
    if (r->data && r->data->customData) (void)r->data->customData->find("last");
  }
  return work_counter();
}

// Checks that `big` (8 times the items of `small`) costs work in proportion to its size
// (a quadratic cost gives about 64 times) and a small constant per byte.
void check_linear(const shape& s, const std::string& small, const std::string& big) {
  // One decoder for both, so one hash key: names repeat from object to object (the 12 of each
  // identity), so the key decides how many of them share a group in every object alike, and
  // two keys made the two documents' work differ by up to 15% per item.
  dto::decoder d(s.options);
  REQUIRE_FALSE(d.reserve(big.size()));
  std::string out;
  std::uint64_t w1 = work_of(s, d, small, out), w8 = work_of(s, d, big, out);
  CAPTURE(w1);
  CAPTURE(w8);
  CAPTURE(big.size());
  double size_ratio = static_cast<double>(big.size()) / static_cast<double>(small.size());
  CHECK(static_cast<double>(w8) <= 1.1 * size_ratio * static_cast<double>(w1));
  CHECK(w8 <= 3 * big.size());
  MESSAGE(std::string(s.name) << ": " << small.size() << " B: " << w1 << ", " << big.size() << " B: " << w8 << " ("
                              << static_cast<double>(w8) / static_cast<double>(big.size()) << " per byte)");
}

}  // namespace

TEST_CASE("every shape: 8 times the input costs at most about 8 times the work") {
  for (const shape& s : shapes::all) {
    CAPTURE(std::string(s.name));
    check_linear(s, s.document(1000), s.document(8000));
  }
}

TEST_CASE("every shape with a syntax error at its very end") {
  for (const shape& s : shapes::all) {
    CAPTURE(std::string(s.name));
    shape broken = s;
    broken.expected = error_code::syntax;
    check_linear(broken, shapes::broken_at_end(s.document(1000)), shapes::broken_at_end(s.document(8000)));
  }
}

// Streams (contract T1, D10): cutting a stream into records looks at each byte once, and each
// record costs what its decode costs, whatever the records look like.
namespace {

std::uint64_t stream_work(const std::string& input, dto::framing framing, std::size_t& records) {
  simdjson::padded_string padded(input);
  dto::decoder d;
  REQUIRE_FALSE(d.reserve(input.size()));
  dto::stream s(d, padded, {.framing = framing});
  work_counter() = 0;
  records = 0;
  while (s.next()) ++records;
  return work_counter();
}

std::string repeated(std::string_view piece, std::size_t n) {
  std::string s;
  for (std::size_t i = 0; i < n; ++i) s += piece;
  return s;
}

}  // namespace

TEST_CASE("T1: every stream shape: 8 times the input costs at most about 8 times the work") {
  struct stream_shape {
    const char* name;
    std::string piece;  // repeated n times
    dto::framing framing;
  };
  std::string line = shapes::all[0].document(20) + "\n";
  std::vector<stream_shape> all = {
      {"tiny records", "{}\n", dto::framing::lines},
      {"blank lines", "  \n", dto::framing::lines},
      {"documents", line, dto::framing::lines},
      {"tiny values", "{}", dto::framing::values},
      {"stray brackets", "}", dto::framing::values},
      {"scalars", "1 ", dto::framing::values},
      {"one value never closed", "[", dto::framing::values},
      {"escapes in a value never closed", "[\"\\\\\\\"", dto::framing::values},
      {"documents as values", line, dto::framing::values},
  };
  for (const stream_shape& s : all) {
    CAPTURE(std::string(s.name));
    std::string small = repeated(s.piece, 1000), big = repeated(s.piece, 8000);
    std::size_t n1 = 0, n8 = 0;
    std::uint64_t w1 = stream_work(small, s.framing, n1), w8 = stream_work(big, s.framing, n8);
    CAPTURE(w1);
    CAPTURE(w8);
    CHECK(static_cast<double>(w8) <= 1.1 * 8 * static_cast<double>(w1));
    CHECK(w8 <= 8 * big.size());
    MESSAGE(std::string(s.name) << ": " << n8 << " records in " << big.size() << " B: " << w8 << " ("
                   << static_cast<double>(w8) / static_cast<double>(big.size()) << " per byte)");
  }
}

// The list envelopes (contract S4, D10): many users in a list, as an array or in a page, cost
// work in proportion to their number, and so do many unknown members in each.
TEST_CASE("S4: many users in a list envelope: 8 times the users cost at most about 8 times the work") {
  std::string user = object(required_user), odd_user = object(required_user, "", R"("k1":1,"k2":[2],"k3":"3")");
  for (const std::string* u : {&user, &odd_user}) {
    auto list = [&](std::size_t n) {
      std::string items;
      for (std::size_t i = 0; i < n; ++i) items += (i ? "," : "") + *u;
      return "[" + items + "]";
    };
    for (bool paged : {false, true}) {
      CAPTURE(paged);
      auto doc = [&](std::size_t n) {
        std::string data = paged ? R"({"totalCount":)" + std::to_string(n) + R"(,"list":)" + list(n) + "}" : list(n);
        return R"({"statusCode":200,"message":"ok","data":)" + data + "}";
      };
      std::string small = doc(500), big = doc(4000);
      dto::decoder d;
      REQUIRE_FALSE(d.reserve(big.size()));
      auto work = [&](const std::string& json) {
        work_counter() = 0;
        bool ok = paged ? static_cast<bool>(d.decode<dto::UserPaginatedRespDto>(json))
                        : static_cast<bool>(d.decode<dto::UserListRespDto>(json));
        CHECK(ok);
        return work_counter();
      };
      std::uint64_t w1 = work(small), w8 = work(big);
      CAPTURE(w1);
      CAPTURE(w8);
      double size_ratio = static_cast<double>(big.size()) / static_cast<double>(small.size());
      CHECK(static_cast<double>(w8) <= 1.1 * size_ratio * static_cast<double>(w1));
      CHECK(w8 <= 3 * big.size());
    }
  }
}
