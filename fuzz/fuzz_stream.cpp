// Any bytes as a stream (contract T1, T2): the first byte picks the framing (odd: values, even:
// NDJSON lines), the rest is the stream. The records are in order, each is the stream's own
// bytes at its offset, only whitespace lies between them, its line is right, only the last can
// end the stream, and each record's result is exactly what decode() says of its text alone.
//
// SPDX-License-Identifier: MIT
#include <simdjson.h>

#include <algorithm>
#include <string>

#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
  using namespace fuzz;
  if (size == 0) return 0;
  bool values = data[0] & 1;
  std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  simdjson::padded_string padded(input);
  static dto::decoder streaming, alone;  // reused, as users do
  dto::stream s(streaming, padded, {.framing = values ? dto::framing::values : dto::framing::lines});
  std::size_t next = 0, count = 0;
  bool ended = false;
  auto only_whitespace = [&](std::size_t from, std::size_t to) {
    for (std::size_t i = from; i < to; ++i) check(dto::detail::is_json_ws(input[i]), "only whitespace between records");
  };
  for (const auto& r : s) {
    check(!ended, "nothing after the record that ends the stream");
    ended = r.ends_stream;
    check(r.index == count++, "index");
    check(r.offset >= next && r.offset + r.text.size() <= input.size(), "records in order, inside the stream");
    check(r.text.data() == padded.data() + r.offset, "the record's text is the stream's");
    check(!r.text.empty(), "a record holds a byte at least");
    only_whitespace(next, r.offset);
    check(r.line == 1 + static_cast<std::size_t>(std::count(input.begin(), input.begin() + static_cast<std::ptrdiff_t>(r.offset), '\n')),
          "line");
    if (!values) check(r.text.find('\n') == std::string_view::npos && !r.ends_stream, "a line is a record, never a framing error");
    next = r.offset + r.text.size();
    if (r.ends_stream) {
      check(values && !r && next == input.size(), "a framing error takes in the rest of the stream");
      continue;
    }
    auto expect = alone.decode(r.text);
    check(static_cast<bool>(expect) == static_cast<bool>(r), "valid exactly when decode() says so");
    if (!r) {
      check_error(r.error(), r.text.size());
      check(expect.error().code() == r.error().code() && expect.error().pointer() == r.error().pointer() &&
                expect.error().offset() == r.error().offset() && expect.error().message() == r.error().message(),
            "the same error as decode()");
      continue;
    }
    std::string a, b;
    dto::encode(*r, a);
    dto::encode(*expect, b);
    check(a == b, "the same value as decode()", a);
  }
  only_whitespace(next, input.size());
  return 0;
}
