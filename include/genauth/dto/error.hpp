// Errors and results: no exceptions, no heap. An error carries its code, a JSON Pointer
// (RFC 6901) into the document, a byte offset and a one-line static message.
//
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <type_traits>

#include "detail/check.hpp"

namespace genauth::dto {

class decoder;

enum class error_code : std::uint8_t {
  ok = 0,
  syntax,         // not one valid JSON value in valid UTF-8
  missing_field,  // a required member is absent
  type_mismatch,  // a member of the wrong JSON type (or a required member that is null)
  invalid_value,  // right type, unusable value (int64 overflow, bad stringified list, ...)
  duplicate_key,  // a member name twice in one object (after trimming)
  capacity,       // a limit the caller set was exceeded
};

constexpr std::string_view to_string(error_code c) noexcept {
  switch (c) {
    case error_code::ok: return "ok";
    case error_code::syntax: return "syntax";
    case error_code::missing_field: return "missing_field";
    case error_code::type_mismatch: return "type_mismatch";
    case error_code::invalid_value: return "invalid_value";
    case error_code::duplicate_key: return "duplicate_key";
    case error_code::capacity: return "capacity";
  }
  return "unknown";
}

class error {
 public:
  static constexpr std::size_t pointer_capacity = 256;

  // User-provided, so that `error{}` does not zero the buffer below.
  constexpr error() noexcept {}
  constexpr error(error_code c, std::size_t offset, const char* message) noexcept
      : code_(c), offset_(offset), message_(message) {}

  constexpr error_code code() const noexcept { return code_; }
  constexpr std::size_t offset() const noexcept { return offset_; }
  constexpr std::string_view message() const noexcept { return message_; }
  // The pointer is built from the innermost segment outwards as the error travels up the
  // decoder's call stack, so the success path never pays for it. One too long to keep whole
  // keeps its head (the path through the DTOs) and its tail (where the error is) with "..."
  // between them, cut only between UTF-8 characters (contract D9).
  std::string_view pointer() const noexcept {
    return {reinterpret_cast<const char*>(buf_) + (pointer_capacity - len_), len_};
  }
  explicit constexpr operator bool() const noexcept { return code_ != error_code::ok; }

  // Prepends "/<name>" with RFC 6901 escaping (~ as ~0, / as ~1).
  void prepend_key(std::string_view name) noexcept { prepend(name, true); }
  void prepend_index(std::size_t index) noexcept {
    char digits[24];
    std::size_t n = sizeof digits;
    do { digits[--n] = static_cast<char>('0' + index % 10); index /= 10; } while (index);
    prepend({digits + n, sizeof digits - n}, false);
  }

 private:
  static constexpr std::size_t tail_keep = 126;
  static constexpr std::size_t head_keep = pointer_capacity - 3 - tail_keep;
  static constexpr bool continuation(unsigned char c) noexcept { return (c & 0xC0) == 0x80; }
  static constexpr bool escaped(char c, bool escape) noexcept { return escape && (c == '~' || c == '/'); }
  // The segment "/" + name (escaped when `escape`): its size, its first n bytes, its last n.
  static std::size_t segment_size(std::string_view name, bool escape) noexcept {
    std::size_t n = 1 + name.size();
    for (char c : name) n += escaped(c, escape);
    return n;
  }
  static void segment_head(std::string_view name, bool escape, unsigned char* out, std::size_t n) noexcept {
    std::size_t k = 0;
    if (k < n) out[k++] = '/';
    for (std::size_t i = 0; k < n; ++i) {
      char c = name[i];
      if (escaped(c, escape)) {
        out[k++] = '~';
        if (k < n) out[k++] = c == '~' ? '0' : '1';
      } else {
        out[k++] = static_cast<unsigned char>(c);
      }
    }
  }
  static void segment_tail(std::string_view name, bool escape, unsigned char* out, std::size_t n) noexcept {
    for (std::size_t i = name.size(); n > 0 && i-- > 0;) {
      char c = name[i];
      if (escaped(c, escape)) {
        out[--n] = c == '~' ? '0' : '1';
        if (n) out[--n] = '~';
      } else {
        out[--n] = static_cast<unsigned char>(c);
      }
    }
    if (n) out[--n] = '/';
  }

  void prepend(std::string_view name, bool escape) noexcept {
    std::size_t n = segment_size(name, escape);
    unsigned char* end = buf_ + pointer_capacity;
    if (!cut_ && len_ + n <= pointer_capacity) {
      segment_head(name, escape, end - len_ - n, n);
      len_ = static_cast<std::uint16_t>(len_ + n);
      return;
    }
    prepend_cut(name, escape, n);
  }

  // The pointer no longer fits: the new head is the first head_keep bytes of the segment and
  // what followed it (the whole pointer so far, the first time; the head after that). The
  // tail is taken once, at the first cut, and kept from then on.
  [[gnu::cold, gnu::noinline]] void prepend_cut(std::string_view name, bool escape, std::size_t n) noexcept {
    unsigned char head[head_keep + 1];  // copied out before the tail may be written over it
    std::size_t head_n = fill_head(head, name, escape, n, buf_ + pointer_capacity - len_,
                                   cut_ ? len_ - 3u - tail_len_ : len_);
    if (!cut_) cut_tail(name, escape);
    write_head(head, head_n);
  }
  // The last tail_keep bytes of the segment and the pointer so far, from a character's first
  // byte, moved to the end of buf_.
  void cut_tail(std::string_view name, bool escape) noexcept {
    unsigned char* end = buf_ + pointer_capacity;
    constexpr std::size_t k = tail_keep + 1;  // and the byte before them
    unsigned char tail[k];
    std::size_t from_rest = len_ < k ? len_ : k;
    std::memcpy(tail + k - from_rest, end - from_rest, from_rest);
    segment_tail(name, escape, tail, k - from_rest);
    std::size_t skip = 1;
    while (skip < k && continuation(tail[skip])) ++skip;
    if (tail[skip - 1] == '~') ++skip;  // nor inside an escape (~0, ~1)
    tail_len_ = static_cast<std::uint16_t>(k - skip);
    std::memcpy(end - tail_len_, tail + skip, tail_len_);
    cut_ = true;
  }
  static std::size_t fill_head(unsigned char* head, std::string_view name, bool escape, std::size_t n,
                               const unsigned char* rest, std::size_t rest_n) noexcept {
    std::size_t from_segment = n < head_keep + 1 ? n : head_keep + 1;
    segment_head(name, escape, head, from_segment);
    std::size_t from_rest = head_keep + 1 - from_segment < rest_n ? head_keep + 1 - from_segment : rest_n;
    std::memcpy(head + from_segment, rest, from_rest);
    std::size_t total = from_segment + from_rest, head_n = total < head_keep ? total : head_keep;
    // A character that does not fit whole is left out, and so is an escape (~0, ~1).
    if (total > head_n)
      while (head_n > 0 && continuation(head[head_n])) --head_n;
    if (head_n > 0 && head[head_n - 1] == '~') --head_n;
    return head_n;
  }
  void write_head(const unsigned char* head, std::size_t head_n) noexcept {
    unsigned char* marker = buf_ + pointer_capacity - tail_len_ - 3;
    std::memcpy(marker, "...", 3);
    std::memcpy(marker - head_n, head, head_n);
    len_ = static_cast<std::uint16_t>(head_n + 3 + tail_len_);
  }

  error_code code_ = error_code::ok;
  bool cut_ = false;
  std::uint16_t len_ = 0;
  std::uint16_t tail_len_ = 0;  // once cut_: the tail's bytes, at the end of buf_
  std::size_t offset_ = 0;
  const char* message_ = "";
  // Filled from the end; only the last len_ bytes are ever read. Left uninitialized (and
  // unsigned char, which may be copied so): every decode makes an error, and zeroing the
  // buffer there cost more than anything else per document.
  unsigned char buf_[pointer_capacity];
};

// A value or an error, like std::expected (C++23), usable with -fno-exceptions. A result of
// a decode holds views into its decoder: in a checked build (detail/check.hpp), reading its
// value after that decoder decoded again, or the value of an error, aborts with a message.
template <class T>
class [[nodiscard]] result {
  static_assert(std::is_trivially_destructible_v<T>, "results hold views, not owners");

 public:
  constexpr result(const T& v) noexcept : ok_(true), value_(v) {}
  constexpr result(const dto::error& e) noexcept : ok_(false), error_(e) {}

  constexpr bool has_value() const noexcept { return ok_; }
  explicit constexpr operator bool() const noexcept { return ok_; }
  // Precondition: has_value(), and the decoder has not decoded since (checked builds).
  constexpr const T& value() const& noexcept { return checked(); }
  constexpr const T& operator*() const& noexcept { return checked(); }
  constexpr const T* operator->() const noexcept { return &checked(); }
  // The value, or `fallback` when there is an error.
  constexpr T value_or(const T& fallback) const noexcept { return ok_ ? checked() : fallback; }
  // Precondition: !has_value().
  constexpr const dto::error& error() const noexcept {
    if (detail::checks && ok_) detail::misuse("error() of a result that holds a value");
    return error_;
  }

 private:
  friend class decoder;
  constexpr const T& checked() const noexcept {
    if (detail::checks) {
      if (!ok_) detail::misuse("the value of a result that holds an error");
      if (decodes_ && *decodes_ != decode_)
        detail::misuse("a result read after its decoder decoded again (README.md, \"Keeping results\")");
    }
    return value_;
  }

  bool ok_;
  // The decoder's count of decodes, and its value when this result was made (decode results).
  const std::uint64_t* decodes_ = nullptr;
  std::uint64_t decode_ = 0;
  union {
    T value_;
    dto::error error_;
  };
};

}  // namespace genauth::dto
