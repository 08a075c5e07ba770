// The README's stream example ("Streams and batches"), compiled and run by ctest; the lines
// between the README markers are the README's code block, word for word (readme_stream_example
// checks it).
//
// SPDX-License-Identifier: MIT
#include <genauth/dto.hpp>

#include <iostream>
#include <string>

namespace dto = genauth::dto;

int main() {
  std::string text = std::string(R"({"statusCode":404,"message":"user not found"})") + "\n" +
                     R"({"statusCode":200,"message":"ok"})" + "\n\n" +
                     R"({"statusCode":200,"message":"ok","data":{"userId":"u1","createdAt":"2022-07-03T03:20:30Z",)"
                     R"("updatedAt":"2022-07-03T03:20:30Z","status":"Activated","workStatus":"Active","gender":"U",)"
                     R"("emailVerified":true,"phoneVerified":false,"userSourceType":"sync"}})" + "\n";
  std::size_t good = 0, bad = 0;
  // README begin
  simdjson::padded_string input(text);   // NDJSON: a response per line (or mmap a file, padded)
  dto::decoder decoder;                  // one per thread; no allocation once warm
  for (const auto& record : dto::stream(decoder, input)) {
    if (!record) {                       // a bad record does not stop the stream
      std::cerr << "line " << record.line << ": " << to_string(record.error().code()) << " at "
                << record.error().pointer() << ": " << record.error().message() << "\n";
      ++bad;
      continue;
    }
    ++good;
    if (record->ok()) std::cout << record->data->userId << "\n";   // valid until the next record
  }
  // README end
  // Line 2 lacks data (statusCode 200); lines 1 and 4 are good.
  return good == 2 && bad == 1 ? 0 : 1;
}
