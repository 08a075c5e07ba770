// The CLI's error lines (contract C1, C4): `error: <code> at <pointer> (byte <offset>): <message>`
// (the root pointer written ""), or one JSON object; in a batch, prefixed with where the
// document is (`FILE:LINE: `, or "file" and "line" members).
//
// SPDX-License-Identifier: MIT
#pragma once

#include <genauth/dto/encode.hpp>
#include <genauth/dto/error.hpp>

#include <cstddef>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

namespace cli {

namespace dto = genauth::dto;

// Where a document is in a batch: no file means a lone document (no prefix).
struct place {
  std::string_view file;
  std::size_t line = 0;
};

// Appends the error's line to `out`, its offset counted from `base` on; without it where the
// error is not in a document (url's parameters).
inline void error_line(std::string& out, const dto::error& e, bool json, place where = {}, std::size_t base = 0,
                       bool with_offset = true) {
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
    if (with_offset) out += ",\"offset\":" + std::to_string(offset);
    out += ",\"message\":";
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
  if (with_offset) out += " (byte " + std::to_string(offset) + ")";
  out += ": " + std::string(e.message()) + "\n";
}

// Standard output could not be written (a full disk, a closed pipe): said once, exit 2.
inline int cannot_write(int error_number) {
  std::fprintf(stderr, "genauth-dto: cannot write standard output: %s\n", std::strerror(error_number));
  return 2;
}

// Canonical (one-line, valid) JSON indented by two spaces per level, for --pretty: a line per
// member and element, "name": value, empty objects and arrays kept as {} and [].
inline std::string indented(std::string_view json) {
  std::string out;
  std::size_t depth = 0;
  auto newline = [&] { out += '\n', out.append(2 * depth, ' '); };
  for (std::size_t i = 0; i < json.size(); ++i) {
    char c = json[i];
    if (c == '"') {  // a string whole, escapes included
      std::size_t end = i + 1;
      while (json[end] != '"') end += json[end] == '\\' ? 2 : 1;
      out.append(json.substr(i, end + 1 - i));
      i = end;
    } else if (c == '{' || c == '[') {
      out += c;
      if (json[i + 1] == (c == '{' ? '}' : ']')) out += json[++i];
      else ++depth, newline();
    } else if (c == '}' || c == ']') {
      --depth, newline(), out += c;
    } else if (c == ',') {
      out += c, newline();
    } else if (c == ':') {
      out += ": ";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace cli
