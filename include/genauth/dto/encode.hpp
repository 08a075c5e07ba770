// The encoder: canonical compact JSON (SPEC 6). Members in table order, lists as arrays,
// absent members omitted, unknown members after the known ones, raw JSON minified.
// It writes to any sink with append(const char*, std::size_t) and allocates nothing itself.
#pragma once

#include <array>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <ostream>
#include <span>
#include <string_view>

#include "chrono.hpp"
#include "detail/json_text.hpp"
#include "enums.hpp"
#include "error.hpp"
#include "raw_json.hpp"
#include "reflect.hpp"

namespace genauth::dto {

struct encode_options {
  bool redact_secrets = false;  // write "[REDACTED]" for accessToken / refreshToken
};

template <class S>
concept sink = requires(S& s, const char* p, std::size_t n) { s.append(p, n); };

namespace detail {

inline constexpr std::string_view redacted = "\"[REDACTED]\"";

// "name": for a field, built at compile time: one append per member instead of three.
template <class F>
struct quoted_key {
  static constexpr auto chars = [] {
    std::array<char, F::name.size() + 3> a{};
    a[0] = '"';
    for (std::size_t i = 0; i < F::name.size(); ++i) a[i + 1] = F::name[i];
    a[F::name.size() + 1] = '"';
    a[F::name.size() + 2] = ':';
    return a;
  }();
  static constexpr std::string_view view{chars.data(), chars.size()};
};

template <sink Sink>
class writer {
 public:
  writer(Sink& out, encode_options options) noexcept : out_(out), options_(options) {}

  void put(std::string_view s) { out_.append(s.data(), s.size()); }

  // A JSON string: '"' and '\' escaped, and every byte below 0x20 (short forms where JSON
  // has them). Other bytes, UTF-8 included, are copied as they are.
  void string(std::string_view s) {
    put("\"");
    const char* p = s.data();
    const char* e = p + s.size();
    const char* run = p;
    for (; (p = find_escape(p, e)) < e; ++p) {
      auto c = static_cast<unsigned char>(*p);
      if (p > run) out_.append(run, static_cast<std::size_t>(p - run));
      run = p + 1;
      char esc[6] = {'\\', 'u', '0', '0', hex(c >> 4), hex(c & 15)};
      switch (c) {
        case '"': put("\\\""); break;
        case '\\': put("\\\\"); break;
        case '\b': put("\\b"); break;
        case '\f': put("\\f"); break;
        case '\n': put("\\n"); break;
        case '\r': put("\\r"); break;
        case '\t': put("\\t"); break;
        default: out_.append(esc, 6);
      }
    }
    if (p > run) out_.append(run, static_cast<std::size_t>(p - run));
    put("\"");
  }

  void value(std::string_view s) { string(s); }
  void value(const timestamp& t) { string(t.text); }
  template <class E>
  void value(const enum_value<E>& e) { string(e.str()); }
  void value(bool b) { put(b ? "true" : "false"); }
  void value(std::int64_t i) {
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, i);
    out_.append(buf, static_cast<std::size_t>(r.ptr - buf));
  }
  void value(const raw_json& r) {
    for_each_minified_run(r.text, [&](std::string_view run) { put(run); });
  }
  template <class E>
  void value(std::span<const E> list) {
    put("[");
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (i) put(",");
      value(list[i]);
    }
    put("]");
  }
  template <described T>
  void value(const T& dto) {
    put("{");
    bool first = true;
    auto comma = [&] {
      if (!first) put(",");
      first = false;
    };
    for_each_field<T>([&](auto described_field, auto index) {
      using F = decltype(described_field);
      const auto& slot = dto.*(F::member);
      if constexpr (is_optional<field_type<F>>::value) {
        if (!slot) return true;
      } else if (dto.missing >> index() & 1) {
        return true;
      }
      comma();
      put(quoted_key<F>::view);
      if ((F::flags & secret) != 0 && options_.redact_secrets) put(redacted);
      else if constexpr (is_optional<field_type<F>>::value) value(*slot);
      else value(slot);
      return true;
    });
    for (const member& m : dto.unknown) {
      comma();
      string(m.name);
      put(":");
      value(m.value);
    }
    put("}");
  }

 private:
  static constexpr char hex(unsigned v) noexcept { return "0123456789abcdef"[v & 15]; }
  Sink& out_;
  encode_options options_;
};

struct counting_sink {
  std::size_t size = 0;
  void append(const char*, std::size_t n) noexcept { size += n; }
};

struct buffer_sink {
  std::span<char> buffer;
  std::size_t size = 0;
  bool overflow = false;
  void append(const char* p, std::size_t n) noexcept {
    if (overflow || n > buffer.size() - size) { overflow = true; return; }
    std::memcpy(buffer.data() + size, p, n);
    size += n;
  }
};

struct ostream_sink {
  std::ostream& os;
  void append(const char* p, std::size_t n) { os.write(p, static_cast<std::streamsize>(n)); }
};

}  // namespace detail

// Encodes into any sink (std::string works: it has append(const char*, size_t)).
template <described T, sink Sink>
void encode(const T& dto, Sink& out, encode_options options = {}) {
  detail::writer<Sink>(out, options).value(dto);
}

// The exact number of bytes encode() writes.
template <described T>
std::size_t encoded_size(const T& dto, encode_options options = {}) noexcept {
  detail::counting_sink counter;
  encode(dto, counter, options);
  return counter.size;
}

// Encodes into a caller buffer; the number of bytes written, or `capacity` when the
// buffer is too small (encoded_size() tells what is needed).
template <described T>
result<std::size_t> encode(const T& dto, std::span<char> buffer, encode_options options = {}) noexcept {
  detail::buffer_sink out{buffer};
  encode(dto, out, options);
  if (out.overflow) return error(error_code::capacity, 0, "output buffer too small for the encoding");
  return out.size;
}

// The debug printer: the canonical encoding with secrets always redacted.
template <described T>
std::ostream& operator<<(std::ostream& os, const T& dto) {
  detail::ostream_sink out{os};
  encode(dto, out, encode_options{.redact_secrets = true});
  return os;
}

}  // namespace genauth::dto
