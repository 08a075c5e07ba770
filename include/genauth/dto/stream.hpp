// Streams of responses (contract T1-T3): NDJSON, or JSON values one after another, decoded a
// record at a time by one decoder, each record's result with where it is in the stream.
// Records are cut here (detail/frame.hpp), then each is decoded alone, in place, exactly as
// decode() reads it. Not by simdjson's document stream (iterate_many): its stage 1 runs over
// a whole batch of records, so one record's invalid UTF-8 or unclosed string fails the whole
// batch, and a missing bracket joins records together; a bad record would stop the stream or
// misplace the records after it (contract T2). bench/README.md compares the two.
//
// SPDX-License-Identifier: MIT
#pragma once

#include <simdjson.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <string_view>

#include "decode.hpp"
#include "detail/frame.hpp"
#include "detail/scan.hpp"
#include "error.hpp"
#include "reflect.hpp"
#include "response.hpp"

namespace genauth::dto {

// How a stream is cut into records (contract T1).
enum class framing : std::uint8_t {
  lines,   // NDJSON: each line is one record, whatever it holds; lines of whitespace are skipped
  values,  // JSON values separated by whitespace (or by nothing), a pretty-printed one included
};

struct stream_options {
  dto::framing framing = framing::lines;
};

// Where a record is in its stream (contract T1).
struct record_place {
  std::size_t index = 0;     // records before this one (skipped blank lines are not records)
  std::size_t line = 0;      // the line of its first byte, from 1
  std::size_t offset = 0;    // the byte offset of its first byte in the stream
  std::string_view text;     // the record as it stands (a line without its line break)
  bool ends_stream = false;  // the stream ends inside it: a framing error, the last record (T2)
};

// Cuts a stream into records without decoding them; stream<T> below decodes each. Each byte
// is looked at once (contract D10).
class framer {
 public:
  explicit framer(simdjson::padded_string_view input, dto::framing framing = framing::lines) noexcept
      : input_(input.data()), size_(input.length()), capacity_(input.capacity()), framing_(framing) {}

  // The next record, or false once the stream is over.
  bool next(record_place& r) noexcept {
    if (over_) return false;
    // Past the whitespace before the record, counting its lines (blank lines in NDJSON).
    const char* end = input_ + size_;
    const char* start = detail::skip_ws(input_ + pos_, end);
    line_ += detail::count_lines(input_ + pos_, start);
    pos_ = static_cast<std::size_t>(start - input_);
    if (start == end) return over_ = true, false;
    detail::frame f = framing_ == framing::lines ? detail::line_extent(start, end) : detail::value_extent(start, end);
    r.index = index_++;
    r.line = line_;
    r.offset = pos_;
    r.text = {start, static_cast<std::size_t>(f.end - start)};
    r.ends_stream = !f.complete;
    over_ = !f.complete;
    if (framing_ == framing::values) line_ += detail::count_lines(start, f.end);  // a line holds no break
    pos_ = static_cast<std::size_t>(f.end - input_);
    detail::prefetch_after(f.end, end, r.text.size());
    return true;
  }

  // A record's text with simdjson's padding: what follows it in the stream.
  simdjson::padded_string_view padded(const record_place& r) const noexcept {
    return simdjson::padded_string_view(r.text.data(), r.text.size(), capacity_ - r.offset);
  }

  // The line the stream has reached, from 1: once it is over, one more than its line breaks.
  std::size_t line() const noexcept { return line_; }

 private:
  const char* input_;
  std::size_t size_, capacity_;
  dto::framing framing_;
  std::size_t pos_ = 0, line_ = 1, index_ = 0;
  bool over_ = false;
};

// One record of a stream: where it is, and its DTO or its error. The DTO and every view are
// valid until the stream's next record (or the decoder's next decode).
template <described T>
class record : public record_place {
 public:
  explicit operator bool() const noexcept { return !error_; }
  bool has_value() const noexcept { return !error_; }
  // The error; its offset counts from the record's first byte (`offset`).
  const dto::error& error() const noexcept { return error_; }
  // The DTO, when there is no error.
  const T& operator*() const noexcept { return *value_; }
  const T* operator->() const noexcept { return value_; }

 private:
  template <described>
  friend class stream;
  const T* value_ = nullptr;
  dto::error error_;
};

// Decodes a stream of T (by default UserSingleRespDto) held in `input`, which has simdjson's
// padding past its end: each record in place (no copy), by `decoder`, which is used for
// nothing else meanwhile. Allocates nothing once the decoder has room for the longest record.
//
//   dto::stream<dto::UserSingleRespDto> records(decoder, input);
//   for (const auto& r : records) if (!r) log(r.line, r.error()); else use(*r);
template <described T = UserSingleRespDto>
class stream {
 public:
  stream(decoder& d, simdjson::padded_string_view input, stream_options options = {}) noexcept
      : decoder_(d), framer_(input, options.framing) {}
  stream(const stream&) = delete;
  stream& operator=(const stream&) = delete;

  // The next record, or nullptr once the stream is over.
  const record<T>* next() noexcept {
    if (!framer_.next(record_)) return nullptr;
    record_.value_ = nullptr;
    if (record_.ends_stream) {
      // Contract T2: a value the stream ends inside (truncated, or a bracket never closed,
      // which takes in everything after it) is the last record.
      record_.error_ = dto::error(error_code::syntax, record_.text.size(), "the stream ends inside this record");
      return &record_;
    }
    record_.error_ = decoder_.decode(framer_.padded(record_), value_);
    if (!record_.error_) record_.value_ = &value_;
    return &record_;
  }

  // The line the stream has reached, from 1: once it is over, one more than its line breaks.
  std::size_t line() const noexcept { return framer_.line(); }

  // for (const record<T>& r : stream) ...
  class iterator {
   public:
    using value_type = record<T>;
    using difference_type = std::ptrdiff_t;
    iterator() noexcept = default;
    explicit iterator(stream* s) noexcept : s_(s), r_(s->next()) {}
    const record<T>& operator*() const noexcept { return *r_; }
    const record<T>* operator->() const noexcept { return r_; }
    iterator& operator++() noexcept { return r_ = s_->next(), *this; }
    void operator++(int) noexcept { ++*this; }
    friend bool operator==(const iterator& i, std::default_sentinel_t) noexcept { return i.r_ == nullptr; }

   private:
    stream* s_ = nullptr;
    const record<T>* r_ = nullptr;
  };
  iterator begin() noexcept { return iterator(this); }
  std::default_sentinel_t end() const noexcept { return {}; }

 private:
  decoder& decoder_;
  framer framer_;
  T value_{};
  record<T> record_;
};

}  // namespace genauth::dto
