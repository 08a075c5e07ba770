// The encoder: canonical compact JSON (contract E1). Members in table order, lists as arrays,
// absent members omitted, unknown members after the known ones, raw JSON minified.
// It writes to any sink with append(const char*, std::size_t) and allocates nothing itself.
//
// SPDX-License-Identifier: MIT
#pragma once

#include <array>
#include <bit>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <ostream>
#include <span>
#include <string_view>

#include "chrono.hpp"
#include "detail/byte_search.hpp"
#include "detail/minify.hpp"
#include "enums.hpp"
#include "error.hpp"
#include "kind.hpp"
#include "raw_json.hpp"
#include "reflect.hpp"

// put() and its copies are inlined into the large per-DTO writers, where GCC called them out
// of line (bench/README.md, "Per SIMD level"); not at -O0, where GCC, folding nothing, warns
// of reads past the short literals they copy.
#if defined(__OPTIMIZE__)
#define GENAUTH_DTO_INLINE_PUT [[gnu::always_inline]]
#else
#define GENAUTH_DTO_INLINE_PUT
#endif

namespace genauth::dto {

struct encode_options {
  bool redact_secrets = false;  // write "[REDACTED]" for accessToken / refreshToken
};

template <class S>
concept sink = requires(S& s, const char* p, std::size_t n) { s.append(p, n); };

namespace detail {

inline constexpr std::string_view redacted = "\"[REDACTED]\"";

// What a value is written after, in the same move of the cursor: a member's ,"name"
// (without its comma for an object's first member), a list element's ',', or nothing.
// Their sizes are known at compile time, so each is written with fixed-size copies (a
// copy of a run-time length made GCC warn, wrongly, about reads outside the name).
struct no_prefix {
  static constexpr std::size_t max_size = 0;
  static constexpr std::size_t size() noexcept { return 0; }
  static char* write(char* p) noexcept { return p; }
};
struct comma_prefix {
  static constexpr std::size_t max_size = 1;
  bool comma;
  std::size_t size() const noexcept { return comma; }
  char* write(char* p) const noexcept {  // may store the ',' it then writes over
    *p = ',';
    return p + comma;
  }
};
template <class F>
struct key_prefix {
  static constexpr auto chars = [] {
    std::array<char, F::name.size() + 4> a{};
    a[0] = ',';
    a[1] = '"';
    for (std::size_t i = 0; i < F::name.size(); ++i) a[i + 2] = F::name[i];
    a[F::name.size() + 2] = '"';
    a[F::name.size() + 3] = ':';
    return a;
  }();
  static constexpr std::size_t max_size = chars.size();
  bool first;
  std::size_t size() const noexcept { return max_size - first; }
  char* write(char* p) const noexcept {
    if (first) std::memcpy(p, chars.data() + 1, max_size - 1);
    else std::memcpy(p, chars.data(), max_size);
    return p + size();
  }
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

// Bytes are written by bumping a pointer with one bounds check per piece: straight into
// a caller buffer, or into a local chunk that is handed to any other sink when full and
// by flush(), which must end every use.
template <sink Sink>
class writer {
  static constexpr bool in_place = std::is_same_v<Sink, buffer_sink>;
  static constexpr std::size_t chunk_size = in_place ? 1 : 1024;

 public:
  writer(Sink& out, encode_options options) noexcept : out_(out), options_(options) {
    if constexpr (in_place) {
      pos_ = out.buffer.data() + out.size;
      end_ = out.overflow ? pos_ : out.buffer.data() + out.buffer.size();
    } else {
      pos_ = chunk_;
      end_ = chunk_ + chunk_size;
    }
  }
  writer(const writer&) = delete;
  writer& operator=(const writer&) = delete;

  void flush() {
    if constexpr (in_place) {
      out_.size = static_cast<std::size_t>(pos_ - out_.buffer.data());
    } else {
      if (pos_ > chunk_) out_.append(chunk_, static_cast<std::size_t>(pos_ - chunk_));
      pos_ = chunk_;
    }
  }

  GENAUTH_DTO_INLINE_PUT void put(const char* p, std::size_t n) {
    if (room(n)) {
      copy(p, n);
    } else {
      put_slow(p, n);
    }
  }
  void put(std::string_view s) { put(s.data(), s.size()); }

  // A JSON string: '"' and '\' escaped, and every byte below 0x20 (short forms where JSON
  // has them). Other bytes, UTF-8 included, are copied as they are.
  // `prefix` (a member's ,"name":) goes first, in the same move of the cursor.
  template <class Prefix = no_prefix>
  [[gnu::always_inline]] void string(std::string_view s, Prefix prefix = {}) {
    // A local cursor: a byte stored through pos_ could alias pos_ itself.
    if (char* p = plain_string(pos_, end_, prefix, s)) pos_ = p;
    else string_escaped(prefix, s);
  }

  // A value, after `prefix`; strings, timestamps and enumerations in one move.
  template <class V, class Prefix>
  void value(const V& v, Prefix prefix) {
    constexpr member_kind kind = kind_of<V>;
    if constexpr (kind == member_kind::string) string(v, prefix);
    else if constexpr (kind == member_kind::timestamp) string(v.text, prefix);
    else if constexpr (kind == member_kind::enumeration) string(v.str(), prefix);
    else put_prefix(prefix), value(v);
  }

  void value(bool b) { b ? put("true", 4) : put("false", 5); }
  void value(std::int64_t i) {
    char buf[32];  // 20 would do ("-9223372036854775808"); 32 quiets GCC about copy_short
    auto r = std::to_chars(buf, buf + sizeof buf, i);
    auto n = static_cast<std::size_t>(r.ptr - buf);
    if (!room(n)) return put_slow(buf, n);
    copy_short(pos_, buf, n);
    pos_ += n;
  }
  void value(const raw_json& r) {
    const char* end = r.text.data() + r.text.size();
    for_each_minified_chunk(r.text, [&](const char* chunk, std::size_t, std::uint64_t keep) {
      if (room(static_cast<std::size_t>(std::popcount(keep)) + minify_slack)) {
        pos_ = minify_chunk(pos_, chunk, end, keep);
      } else {  // near the end of a caller's buffer
        for_each_run(keep, [&](int start, int n) { put(chunk + start, static_cast<std::size_t>(n)); });
      }
    });
  }
  template <class E>
  void value(std::span<const E> list) {
    put("[", 1);
    if constexpr (kind_of<E> == member_kind::string) {  // the cursor stays in a register
      char* p = pos_;
      for (std::size_t i = 0; i < list.size(); ++i) {
        comma_prefix comma{i != 0};
        if (char* next = plain_string(p, end_, comma, list[i])) {
          p = next;
        } else {
          pos_ = p;
          string_escaped(comma, list[i]);
          p = pos_;
        }
      }
      pos_ = p;
    } else {
      for (std::size_t i = 0; i < list.size(); ++i) value(list[i], comma_prefix{i != 0});
    }
    put("]", 1);
  }
  template <described T>
  void value(const T& dto) {
    put("{", 1);
    bool first = true;  // skips the comma before the first member
    for_each_field<T>([&](auto described_field, auto index) {
      using F = decltype(described_field);
      const auto& slot = dto.*(F::member);
      if constexpr (is_optional<field_type<F>>::value) {
        if (!slot) return true;
      } else if (dto.missing >> index() & 1) {
        return true;
      }
      key_prefix<F> prefix{first};
      first = false;
      if ((F::flags & secret) != 0 && options_.redact_secrets) put_prefix(prefix), put(redacted);
      else if constexpr (is_optional<field_type<F>>::value) value(*slot, prefix);
      else value(slot, prefix);
      return true;
    });
    for (const member& m : dto.unknown) {
      if (!first) put(",", 1);
      first = false;
      string(m.name);
      put(":", 1);
      value(m.value);
    }
    put("}", 1);
  }

 private:
  bool room(std::size_t n) const noexcept { return static_cast<std::size_t>(end_ - pos_) >= n; }
  GENAUTH_DTO_INLINE_PUT static void copy_to(char* to, const char* p, std::size_t n) noexcept {
    if (n < 64) copy_short(to, p, n);
    else std::memcpy(to, p, n);
  }
  GENAUTH_DTO_INLINE_PUT void copy(const char* p, std::size_t n) noexcept {
    char* to = pos_;
    copy_to(to, p, n);
    pos_ = to + n;
  }
  template <class Prefix>
  void put_prefix(Prefix prefix) {
    if constexpr (Prefix::max_size != 0) {
      if (room(Prefix::max_size)) {
        pos_ = prefix.write(pos_);
      } else {
        char bytes[Prefix::max_size];
        put_slow(bytes, static_cast<std::size_t>(prefix.write(bytes) - bytes));
      }
    }
  }
  [[gnu::noinline]] void put_slow(const char* p, std::size_t n) {
    if constexpr (in_place) {
      out_.overflow = true;
      end_ = pos_;  // nothing more is written
    } else {
      flush();
      if (room(n)) copy(p, n);
      else out_.append(p, n);
    }
  }
  // prefix and s as a JSON string at p when s needs no escape and all fits before end:
  // the new end, else nullptr (nothing kept: a text of a block or more is checked as it is
  // copied, and what was copied before an escape lies past the cursor, to be written over).
  // (The room asked for covers what prefix.write() may store: at most one byte more than
  // its size.)
  template <class Prefix>
  [[gnu::always_inline]] static char* plain_string(char* p, const char* end, Prefix prefix,
                                                   std::string_view s) noexcept {
    if (static_cast<std::size_t>(end - p) < prefix.size() + s.size() + 2) return nullptr;
    if (s.size() >= block::width) {
      p = prefix.write(p);
      if (!copy_unless_escape(p + 1, s.data(), s.size())) return nullptr;
    } else {
      if (needs_escape(s.data(), s.size())) return nullptr;
      p = prefix.write(p);
      copy_short(p + 1, s.data(), s.size());
    }
    p[0] = '"';
    p[s.size() + 1] = '"';
    return p + s.size() + 2;
  }
  template <class Prefix>
  [[gnu::noinline]] void string_escaped(Prefix prefix, std::string_view s) {
    put_prefix(prefix);
    const char* p = s.data();
    const char* e = p + s.size();
    put("\"", 1);
    const char* run = p;
    for (p = find_escape(p, e); p < e; p = find_escape(p + 1, e)) {
      auto c = static_cast<unsigned char>(*p);
      put(run, static_cast<std::size_t>(p - run));
      run = p + 1;
      char esc[6] = {'\\', 'u', '0', '0', hex(c >> 4), hex(c & 15)};
      switch (c) {
        case '"': put("\\\"", 2); break;
        case '\\': put("\\\\", 2); break;
        case '\b': put("\\b", 2); break;
        case '\f': put("\\f", 2); break;
        case '\n': put("\\n", 2); break;
        case '\r': put("\\r", 2); break;
        case '\t': put("\\t", 2); break;
        default: put(esc, 6);
      }
    }
    put(run, static_cast<std::size_t>(e - run));
    put("\"", 1);
  }
  static constexpr char hex(unsigned v) noexcept { return "0123456789abcdef"[v & 15]; }

  Sink& out_;
  encode_options options_;
  char* pos_;
  char* end_;
  char chunk_[chunk_size];
};

// Writes `s` as a JSON string to any sink.
template <sink Sink>
void write_string(std::string_view s, Sink& out) {
  writer<Sink> w(out, {});
  w.string(s);
  w.flush();
}

}  // namespace detail

// Encodes into any sink (std::string works: it has append(const char*, size_t)).
template <described T, sink Sink>
void encode(const T& dto, Sink& out, encode_options options = {}) {
  if constexpr (supported_dto<T>) {
    detail::writer<Sink> w(out, options);
    w.value(dto);
    w.flush();
  } else {
    (void)detail::unsupported_dto<T>::reported;
  }
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

#undef GENAUTH_DTO_INLINE_PUT
