// Errors and results: no exceptions, no heap. An error carries its code, a JSON Pointer
// (RFC 6901) into the document, a byte offset and a one-line static message.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>

namespace genauth::dto {

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
  // The pointer is built from the innermost segment outwards as the error travels up
  // the decoder's call stack, so the success path never pays for it. Absurdly deep or
  // long pointers keep their innermost part and start with "..." to show the cut.
  std::string_view pointer() const noexcept {
    return {reinterpret_cast<const char*>(buf_) + (pointer_capacity - len_), len_};
  }
  explicit constexpr operator bool() const noexcept { return code_ != error_code::ok; }

  // Prepends "/<name>" with RFC 6901 escaping (~ as ~0, / as ~1).
  void prepend_key(std::string_view name) noexcept {
    for (std::size_t i = name.size(); i-- > 0;) {
      char c = name[i];
      if (c == '~') { push_front('0'); push_front('~'); }
      else if (c == '/') { push_front('1'); push_front('~'); }
      else push_front(c);
    }
    push_front('/');
  }
  void prepend_index(std::size_t index) noexcept {
    char digits[24];
    std::size_t n = 0;
    do { digits[n++] = static_cast<char>('0' + index % 10); index /= 10; } while (index);
    for (std::size_t i = 0; i < n; ++i) push_front(digits[i]);
    push_front('/');
  }

 private:
  void push_front(char c) noexcept {
    if (cut_) return;
    if (len_ + 3u >= pointer_capacity) {  // keep room for the "..." marker
      cut_ = true;
      for (char m : {'.', '.', '.'}) { buf_[pointer_capacity - ++len_] = static_cast<unsigned char>(m); }
      return;
    }
    buf_[pointer_capacity - ++len_] = static_cast<unsigned char>(c);
  }

  error_code code_ = error_code::ok;
  bool cut_ = false;
  std::uint16_t len_ = 0;
  std::size_t offset_ = 0;
  const char* message_ = "";
  // Filled from the end; only the last len_ bytes are ever read. Left uninitialized (and
  // unsigned char, which may be copied so): every decode makes an error, and zeroing the
  // buffer there cost more than anything else per document.
  unsigned char buf_[pointer_capacity];
};

// A value or an error, like std::expected (C++23), usable with -fno-exceptions.
template <class T>
class [[nodiscard]] result {
  static_assert(std::is_trivially_destructible_v<T>, "results hold views, not owners");

 public:
  constexpr result(const T& v) noexcept : ok_(true), value_(v) {}
  constexpr result(const dto::error& e) noexcept : ok_(false), error_(e) {}

  constexpr bool has_value() const noexcept { return ok_; }
  explicit constexpr operator bool() const noexcept { return ok_; }
  // Precondition: has_value(). Checked in debug builds only, as for std::optional's operator*.
  constexpr const T& value() const& noexcept { return value_; }
  constexpr const T& operator*() const& noexcept { return value_; }
  constexpr const T* operator->() const noexcept { return &value_; }
  // Precondition: !has_value().
  constexpr const dto::error& error() const noexcept { return error_; }

 private:
  bool ok_;
  union {
    T value_;
    dto::error error_;
  };
};

}  // namespace genauth::dto
