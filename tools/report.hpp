// The CLI's error lines (contract C1, C4): `error: <code> at <pointer> (byte <offset>): <message>`
// (the root pointer written ""), or one JSON object; in a batch, prefixed with where the
// document is (`FILE:LINE: `, or "file" and "line" members).
//
// SPDX-License-Identifier: MIT
#pragma once

#include <genauth/dto/encode.hpp>
#include <genauth/dto/error.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace cli {

namespace dto = genauth::dto;

// Where a document is in a batch: no file means a lone document (no prefix).
struct place {
  std::string_view file;
  std::size_t line = 0;
};

// Appends the error's line to `out`, its offset counted from `base` on.
inline void error_line(std::string& out, const dto::error& e, bool json, place where = {}, std::size_t base = 0) {
  std::size_t offset = base + e.offset();
  if (json) {
    out += "{";
    if (!where.file.empty()) {
      out += "\"file\":";
      dto::detail::write_string(where.file, out);
      out += ",\"line\":" + std::to_string(where.line) + ",";
    }
    out += "\"error\":";
    dto::detail::write_string(dto::to_string(e.code()), out);
    out += ",\"pointer\":";
    dto::detail::write_string(e.pointer(), out);
    out += ",\"offset\":" + std::to_string(offset) + ",\"message\":";
    dto::detail::write_string(e.message(), out);
    out += "}\n";
    return;
  }
  // Control characters (of a file name, or of a pointer's member names) are written \u00XX,
  // so that the line stays one line.
  auto visible = [&](std::string_view text) {
    for (char c : text) {
      auto u = static_cast<unsigned char>(c);
      if (u >= 0x20 && u != 0x7f) {
        out += c;
        continue;
      }
      out += "\\u00";
      out += "0123456789abcdef"[u >> 4];
      out += "0123456789abcdef"[u & 15];
    }
  };
  if (!where.file.empty()) {
    visible(where.file);
    out += ":" + std::to_string(where.line) + ": ";
  }
  out += "error: " + std::string(dto::to_string(e.code())) + " at ";
  visible(e.pointer().empty() ? std::string_view("\"\"") : e.pointer());  // the root, readably
  out += " (byte " + std::to_string(offset) + "): " + std::string(e.message()) + "\n";
}

}  // namespace cli
