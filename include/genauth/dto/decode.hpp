// The decoder: simdjson On-Demand, one pass over each object, every value read (so every
// byte is validated), key dispatch through the compile-time field table.
#pragma once

#include <simdjson.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <span>
#include <string_view>
#include <utility>

#include "chrono.hpp"
#include "detail/json_text.hpp"
#include "detail/memory.hpp"
#include "enums.hpp"
#include "error.hpp"
#include "raw_json.hpp"
#include "reflect.hpp"
#include "response.hpp"

namespace genauth::dto {

struct decode_options {
  // Accept a DTO whose table says `scope_limited` (UserDto) without some required members;
  // the absent ones are flagged in `missing` and left out when encoding.
  bool relax_required = false;
  // An unknown member is invalid_value instead of being kept.
  bool reject_unknown_members = false;
  // An enumeration value outside the list is invalid_value instead of `unknown`.
  bool reject_unknown_enums = false;
  // Deepest nesting accepted (the root object is depth 1); deeper input is `capacity`.
  std::size_t max_depth = 256;
  // Longest document accepted; longer input is `capacity`.
  std::size_t max_document_bytes = std::size_t{0xFFFFFFFF} - simdjson::SIMDJSON_PADDING;
};

namespace detail {

namespace od = simdjson::ondemand;

struct decode_state {
  od::document* doc = nullptr;
  const char* base = nullptr;
  std::size_t size = 0;
  const decode_options* opt = nullptr;
  arena* store = nullptr;
  list_stack* stack = nullptr;
  od::parser* list_parser = nullptr;
  char* list_buf = nullptr;
  std::size_t list_cap = 0;
  std::size_t depth = 0;
  error err;

  std::size_t at(const char* p) const noexcept {
    if (p < base) return 0;
    auto o = static_cast<std::size_t>(p - base);
    return o > size ? size : o;
  }
  // Offset of the document iterator: the next token.
  std::size_t here() const noexcept {
    const char* p = nullptr;
    return doc->current_location().get(p) ? size : at(p);
  }
  // Offset of a value's first byte; valid even after a failed read of it.
  std::size_t where(od::value& v) const noexcept { return at(v.raw_json_token().data()); }
  bool fail(error_code c, std::size_t offset, const char* message) noexcept {
    err = error(c, offset, message);
    return false;
  }
  bool fail(simdjson::error_code e, std::size_t offset) noexcept {
    // simdjson finds an unbalanced document before reading it: point at its last byte.
    if (e == simdjson::INCOMPLETE_ARRAY_OR_OBJECT) offset = last_byte();
    bool limit = e == simdjson::DEPTH_ERROR || e == simdjson::CAPACITY || e == simdjson::MEMALLOC;
    return fail(limit ? error_code::capacity : error_code::syntax, offset, simdjson::error_message(e));
  }
  std::size_t last_byte() const noexcept {
    std::size_t n = size;
    while (n > 0 && is_json_ws(base[n - 1])) --n;
    return n ? n - 1 : 0;
  }
  std::size_t first_syntax_error() noexcept {
    return detail::first_syntax_error({base, size}, stack->spare());
  }
  bool out_of_memory() noexcept { return fail(error_code::capacity, here(), "out of memory"); }
  template <class E>
  bool finish(std::size_t start, std::span<const E>& out) noexcept {
    return stack->finish(start, *store, out) || out_of_memory();
  }
  template <class E>
  bool push(const E& e) noexcept {
    return stack->push(e) || out_of_memory();
  }
};

// --- raw JSON: walk every value so that every byte is checked ------------------------

inline bool walk(decode_state& s, od::value& v, od::json_type t, std::size_t depth) noexcept {
  using jt = od::json_type;
  switch (t) {
    case jt::object: {
      if (depth > s.opt->max_depth) return s.fail(error_code::capacity, s.where(v), "nesting deeper than max_depth");
      od::object o;
      if (auto e = v.get_object().get(o)) return s.fail(e, s.where(v));
      for (auto member_result : o) {
        od::field f;
        if (auto e = std::move(member_result).get(f)) return s.fail(e, s.here());
        std::string_view key;
        if (auto e = f.unescaped_key().get(key)) return s.fail(e, s.here());
        od::value fv = f.value();
        od::json_type ft;
        bool ok = !fv.type().get(ft) ? walk(s, fv, ft, depth + 1) : s.fail(simdjson::TAPE_ERROR, s.where(fv));
        if (!ok) { s.err.prepend_key(key); return false; }
      }
      return true;
    }
    case jt::array: {
      if (depth > s.opt->max_depth) return s.fail(error_code::capacity, s.where(v), "nesting deeper than max_depth");
      od::array a;
      if (auto e = v.get_array().get(a)) return s.fail(e, s.where(v));
      std::size_t i = 0;
      for (auto element_result : a) {
        od::value ev;
        if (auto e = std::move(element_result).get(ev)) return s.fail(e, s.here());
        od::json_type et;
        bool ok = !ev.type().get(et) ? walk(s, ev, et, depth + 1) : s.fail(simdjson::TAPE_ERROR, s.where(ev));
        if (!ok) { s.err.prepend_index(i); return false; }
        ++i;
      }
      return true;
    }
    case jt::string: {
      std::string_view ignored;
      if (auto e = v.get_string().get(ignored)) return s.fail(e, s.where(v));
      return true;
    }
    case jt::number: {
      bool integral = false;
      if (!valid_number(trim_json_ws(v.raw_json_token()), integral))
        return s.fail(error_code::syntax, s.where(v), "invalid number");
      return true;
    }
    case jt::boolean: {
      bool ignored = false;
      if (v.get_bool().get(ignored)) return s.fail(error_code::syntax, s.where(v), "invalid literal");
      return true;
    }
    case jt::null: {
      bool is_null = false;
      if (v.is_null().get(is_null) || !is_null) return s.fail(error_code::syntax, s.where(v), "invalid literal");
      return true;
    }
  }
  return s.fail(error_code::syntax, s.where(v), "unexpected token");
}

// Validates a value and keeps its exact text.
inline bool read_raw(decode_state& s, od::value& v, od::json_type t, raw_json& out) noexcept {
  const char* start = v.raw_json_token().data();
  if (t != od::json_type::object && t != od::json_type::array) {
    out.text = trim_json_ws(v.raw_json_token());
    return walk(s, v, t, s.depth + 1);
  }
  if (!walk(s, v, t, s.depth + 1)) return false;
  // A member's value is always followed by ',' or '}': the iterator now points there.
  const char* end = nullptr;
  if (s.doc->current_location().get(end)) end = s.base + s.size;
  out.text = trim_json_ws(std::string_view(start, static_cast<std::size_t>(end - start)));
  return true;
}

// --- one reader per member kind -------------------------------------------------------

inline bool read(decode_state& s, od::value& v, od::json_type t, std::string_view& out) noexcept {
  if (t != od::json_type::string) return s.fail(error_code::type_mismatch, s.where(v), "expected a string");
  if (auto e = v.get_string().get(out)) return s.fail(e, s.where(v));
  return true;
}

inline bool read(decode_state& s, od::value& v, od::json_type t, timestamp& out) noexcept {
  return read(s, v, t, out.text);
}

template <class E>
bool read(decode_state& s, od::value& v, od::json_type t, enum_value<E>& out) noexcept {
  std::string_view text;
  if (!read(s, v, t, text)) return false;
  out = enum_value<E>(text);
  if (!out.known() && s.opt->reject_unknown_enums)
    return s.fail(error_code::invalid_value, s.where(v), "value is not one of the enumeration's");
  return true;
}

inline bool read(decode_state& s, od::value& v, od::json_type t, std::int64_t& out) noexcept {
  if (t != od::json_type::number) return s.fail(error_code::type_mismatch, s.where(v), "expected an integer");
  switch (parse_int64(trim_json_ws(v.raw_json_token()), out)) {
    case error_code::ok: return true;
    case error_code::type_mismatch:
      return s.fail(error_code::type_mismatch, s.where(v), "expected an integer, not a fraction or exponent");
    case error_code::invalid_value: return s.fail(error_code::invalid_value, s.where(v), "integer out of int64 range");
    default: return s.fail(error_code::syntax, s.where(v), "invalid number");
  }
}

inline bool read(decode_state& s, od::value& v, od::json_type t, bool& out) noexcept {
  if (t != od::json_type::boolean) return s.fail(error_code::type_mismatch, s.where(v), "expected a boolean");
  if (v.get_bool().get(out)) return s.fail(error_code::syntax, s.where(v), "invalid literal");
  return true;
}

inline bool read(decode_state& s, od::value& v, od::json_type t, raw_json& out) noexcept {
  if (t != od::json_type::object) return s.fail(error_code::type_mismatch, s.where(v), "expected an object");
  return read_raw(s, v, t, out);
}

// The quirk of SPEC 4.5a: a string holding a JSON array of strings. It is a document of
// its own, parsed from a padded copy by the second parser; its strings are copied out,
// since that parser's buffer is reused by the next such string.
inline bool read_stringified(decode_state& s, od::value& v, std::span<const std::string_view>& out) noexcept {
  std::size_t at = s.where(v);
  std::string_view text;
  if (auto e = v.get_string().get(text)) return s.fail(e, at);
  if (trim_ascii(text).empty()) { out = {}; return true; }
  auto bad = [&] { return s.fail(error_code::invalid_value, at, "string does not hold a JSON array of strings"); };
  if (text.size() + simdjson::SIMDJSON_PADDING > s.list_cap) return bad();  // cannot happen: reserved
  std::memcpy(s.list_buf, text.data(), text.size());
  std::memset(s.list_buf + text.size(), 0, simdjson::SIMDJSON_PADDING);
  od::document inner;
  od::array a;
  if (s.list_parser->iterate(s.list_buf, text.size(), s.list_cap).get(inner) || inner.get_array().get(a)) return bad();
  std::size_t start = s.stack->top();
  for (auto element_result : a) {
    od::value ev;
    std::string_view item;
    if (std::move(element_result).get(ev) || ev.get_string().get(item)) return bad();
    auto* copy = static_cast<char*>(s.store->allocate(item.size(), 1));
    if (!copy && !item.empty()) return s.out_of_memory();
    if (!item.empty()) std::memcpy(copy, item.data(), item.size());
    if (!s.push(std::string_view(copy, item.size()))) return false;
  }
  const char* tail = nullptr;
  if (!inner.current_location().get(tail)) return bad();
  return s.finish(start, out);
}

inline bool read(decode_state& s, od::value& v, od::json_type t, std::span<const std::string_view>& out) noexcept {
  if (t == od::json_type::string) return read_stringified(s, v, out);
  if (t != od::json_type::array) return s.fail(error_code::type_mismatch, s.where(v), "expected an array of strings");
  od::array a;
  if (auto e = v.get_array().get(a)) return s.fail(e, s.where(v));
  std::size_t start = s.stack->top();
  std::size_t i = 0;
  for (auto element_result : a) {
    od::value ev;
    if (auto e = std::move(element_result).get(ev)) return s.fail(e, s.here());
    od::json_type et;
    std::string_view item;
    bool ok = !ev.type().get(et) ? read(s, ev, et, item) : s.fail(simdjson::TAPE_ERROR, s.where(ev));
    if (!ok) { s.err.prepend_index(i); return false; }
    if (!s.push(item)) return false;
    ++i;
  }
  return s.finish(start, out);
}

template <described T>
bool decode_object(decode_state& s, od::object& o, std::size_t start, T& out) noexcept;

template <described D>
bool read(decode_state& s, od::value& v, od::json_type t, D& out) noexcept {
  if (t != od::json_type::object) return s.fail(error_code::type_mismatch, s.where(v), "expected an object");
  std::size_t start = s.where(v);
  od::object o;
  if (auto e = v.get_object().get(o)) return s.fail(e, start);
  return decode_object(s, o, start, out);
}

// SPEC 4.5b: an array of objects, or one object standing for a list of one.
template <described D>
bool read(decode_state& s, od::value& v, od::json_type t, std::span<const D>& out) noexcept {
  std::size_t start = s.stack->top();
  if (t == od::json_type::object) {
    D one{};
    return read(s, v, t, one) && s.push(one) && s.finish(start, out);
  }
  if (t != od::json_type::array)
    return s.fail(error_code::type_mismatch, s.where(v), "expected an array of objects or one object");
  od::array a;
  if (auto e = v.get_array().get(a)) return s.fail(e, s.where(v));
  std::size_t i = 0;
  for (auto element_result : a) {
    od::value ev;
    if (auto e = std::move(element_result).get(ev)) return s.fail(e, s.here());
    od::json_type et;
    D item{};
    bool ok = !ev.type().get(et) ? read(s, ev, et, item) : s.fail(simdjson::TAPE_ERROR, s.where(ev));
    if (!ok) { s.err.prepend_index(i); return false; }
    if (!s.push(item)) return false;
    ++i;
  }
  return s.finish(start, out);
}

// --- objects ------------------------------------------------------------------------------

// Whether required_on_success members are required for this DTO value.
template <class T>
constexpr bool succeeded(const T& dto) {
  if constexpr (requires { describe<T>::success(dto); }) return describe<T>::success(dto);
  else return false;
}

template <class T>
constexpr bool scope_limited() {
  if constexpr (requires { describe<T>::scope_limited; }) return describe<T>::scope_limited;
  else return false;
}

template <described T>
bool decode_object(decode_state& s, od::object& o, std::size_t start, T& out) noexcept {
  if (++s.depth > s.opt->max_depth) return s.fail(error_code::capacity, start, "nesting deeper than max_depth");
  std::uint64_t seen = 0;
  std::size_t unknown_start = s.stack->top();
  std::size_t null_at = 0;  // where a required_on_success member was null
  for (auto member_result : o) {
    od::field f;
    if (auto e = std::move(member_result).get(f)) return s.fail(e, s.here());
    std::size_t key_at = s.at(reinterpret_cast<const char*>(f.key().raw())) - 1;
    std::string_view key;
    if (auto e = f.unescaped_key().get(key)) return s.fail(e, key_at);
    std::string_view name = trim_ascii(key);  // SPEC 4.5c
    od::value v = f.value();
    od::json_type t;
    bool ok;
    int index = field_index<T>(name);
    if (v.type().get(t)) {
      ok = s.fail(simdjson::TAPE_ERROR, s.where(v));
    } else if (index >= 0) {
      std::uint64_t bit = std::uint64_t{1} << index;
      if (seen & bit) {
        ok = s.fail(error_code::duplicate_key, key_at, "member name appears twice in one object");
      } else {
        seen |= bit;
        ok = visit_field<T>(static_cast<std::size_t>(index), [&](auto described_field) {
          using F = decltype(described_field);
          using M = field_type<F>;
          auto& slot = out.*(F::member);
          if (t == od::json_type::null) {
            bool is_null = false;
            if (v.is_null().get(is_null) || !is_null) return s.fail(error_code::syntax, s.where(v), "invalid literal");
            if constexpr (is_optional<M>::value) {
              if constexpr ((F::flags & required_on_success) != 0) null_at = s.where(v);
              return true;  // null is absent
            } else {
              return s.fail(error_code::type_mismatch, s.where(v), "required member is null");
            }
          } else if constexpr (is_optional<M>::value) {
            return read(s, v, t, slot.emplace());
          } else {
            return read(s, v, t, slot);
          }
        });
      }
    } else if (s.opt->reject_unknown_members) {
      ok = s.fail(error_code::invalid_value, key_at, "unknown member");
    } else {
      ok = true;
      for (std::size_t i = 0, n = s.stack->count<member>(unknown_start); ok && i < n; ++i)
        if (trim_ascii(s.stack->at<member>(unknown_start, i).name) == name)
          ok = s.fail(error_code::duplicate_key, key_at, "member name appears twice in one object");
      raw_json value;
      ok = ok && read_raw(s, v, t, value) && s.push(member{key, value});
    }
    if (!ok) { s.err.prepend_key(key); return false; }
  }
  --s.depth;

  bool complete = for_each_field<T>([&](auto described_field, auto index) {
    using F = decltype(described_field);
    constexpr std::uint64_t bit = std::uint64_t{1} << index();
    if constexpr ((F::flags & required_on_success) != 0) {
      if (!succeeded(out) || (out.*(F::member)).has_value()) return true;
      if (seen & bit) s.fail(error_code::type_mismatch, null_at, "required member is null");
      else s.fail(error_code::missing_field, start, "required member is missing");
    } else if constexpr (is_required<F>) {
      if (seen & bit) return true;
      if (scope_limited<T>() && s.opt->relax_required) { out.missing |= bit; return true; }
      s.fail(error_code::missing_field, start, "required member is missing");
    } else {
      return true;
    }
    s.err.prepend_key(F::name);
    return false;
  });
  return complete && s.finish(unknown_start, out.unknown);
}

// Offset of the first byte stage 1 rejected, for its errors (best effort).
inline std::size_t stage1_error_offset(simdjson::error_code e, const char* p, std::size_t n) noexcept {
  if (e == simdjson::UTF8_ERROR) return first_invalid_utf8(reinterpret_cast<const unsigned char*>(p), n);
  if (e == simdjson::UNESCAPED_CHARS) {
    bool in_string = false;
    for (std::size_t i = 0; i < n; ++i) {
      char c = p[i];
      if (in_string && c == '\\') ++i;
      else if (c == '"') in_string = !in_string;
      else if (in_string && static_cast<unsigned char>(c) < 0x20) return i;
    }
  }
  return e == simdjson::UNCLOSED_STRING ? n : 0;
}

// Walks what is left of a document after a decode error, from the start: a syntax error
// anywhere takes precedence (SPEC 4.1), since the input was never one valid JSON value.
inline void prefer_syntax_error(decode_state& s) noexcept {
  error semantic = s.err;
  s.doc->rewind();
  od::json_type t;
  bool ok;
  if (s.doc->type().get(t)) {
    ok = s.fail(simdjson::TAPE_ERROR, 0);
  } else if (t == od::json_type::object || t == od::json_type::array) {
    od::value root;
    ok = s.doc->get_value().get(root) ? s.fail(simdjson::TAPE_ERROR, 0) : walk(s, root, t, 1);
  } else {
    ok = true;  // a scalar root was checked by decode_root already
  }
  const char* tail = nullptr;
  if (ok && !s.doc->current_location().get(tail))
    ok = s.fail(error_code::syntax, s.at(tail), "trailing content after the JSON value");
  // Nesting past max_depth stopped the walk: read the rest iteratively, at any depth.
  if (!ok && s.err.code() == error_code::capacity) {
    if (std::size_t at = s.first_syntax_error(); at != std::string_view::npos)
      ok = s.fail(error_code::syntax, at, "not one valid JSON value");
  }
  if (ok || s.err.code() != error_code::syntax) s.err = semantic;
}

template <described T>
bool decode_root(decode_state& s, od::parser& parser, simdjson::padded_string_view json, T& out) noexcept {
  od::document doc;
  if (auto e = parser.iterate(json).get(doc)) return s.fail(e, stage1_error_offset(e, s.base, s.size));
  s.doc = &doc;
  od::json_type t;
  if (auto e = doc.type().get(t)) return s.fail(e, s.here());
  bool ok;
  if (t == od::json_type::object) {
    od::object o;
    std::size_t start = s.here();
    auto e = doc.get_object().get(o);
    ok = e ? s.fail(e, start) : decode_object(s, o, start, out);
  } else {
    // Not an object: a type mismatch, unless it is not even one valid JSON value.
    if (std::size_t at = s.first_syntax_error(); at != std::string_view::npos)
      return s.fail(error_code::syntax, at, "not one valid JSON value");
    return s.fail(error_code::type_mismatch, 0, "the document must be a JSON object");
  }
  if (!ok) {
    if (s.err.code() != error_code::syntax) prefer_syntax_error(s);
    return false;
  }
  const char* tail = nullptr;
  if (!doc.current_location().get(tail))
    return s.fail(error_code::syntax, s.at(tail), "trailing content after the JSON value");
  return true;
}

}  // namespace detail

// Decodes GenAuth responses. Owns all the memory a decode needs and keeps it: once it has
// decoded a document of N bytes, decoding any document of up to N bytes allocates nothing.
// What a decode returns holds views into this decoder (and, for the padded_string_view
// overload, into the caller's buffer); they stay valid until its next decode.
// Not thread-safe: use one decoder per thread.
class decoder {
 public:
  explicit decoder(decode_options options = {}) noexcept : options_(options) {}
  decoder(const decoder&) = delete;
  decoder& operator=(const decoder&) = delete;

  decode_options& options() noexcept { return options_; }

  // Decodes a copy of `json` (copied once into a padded buffer).
  template <described T = UserSingleRespDto>
  result<T> decode(std::string_view json) noexcept {
    if (error e = reserve(json.size())) return e;
    std::memcpy(input_.get(), json.data(), json.size());
    std::memset(input_.get() + json.size(), 0, simdjson::SIMDJSON_PADDING);
    return run<T>(simdjson::padded_string_view(input_.get(), json.size(), json.size() + simdjson::SIMDJSON_PADDING));
  }

  // Decodes in place: the caller's buffer has SIMDJSON_PADDING readable bytes past the end
  // and must outlive the result.
  template <described T = UserSingleRespDto>
  result<T> decode(simdjson::padded_string_view json) noexcept {
    if (error e = reserve(json.length())) return e;
    return run<T>(json);
  }

  // Makes room for documents of up to `bytes` bytes now, so that no later decode of such a
  // document allocates. Memory: about 30 bytes per document byte (simdjson's index, both
  // parsers' string buffers, the list arena and stack sized for the worst case).
  error reserve(std::size_t bytes) noexcept {
    if (bytes > options_.max_document_bytes)
      return error(error_code::capacity, 0, "document longer than max_document_bytes");
    if (input_ && bytes <= reserved_) return {};
    std::size_t cap = bytes < 4096 ? 4096 : bytes;
    std::size_t padded = cap + simdjson::SIMDJSON_PADDING;
    // A list element costs at most 8 bytes of storage per input byte (an unknown member,
    // 32 bytes, needs at least 5 input bytes: "":0,), plus the copies of stringified lists.
    std::size_t list_bytes = 9 * cap + 4096;
    input_.reset(new (std::nothrow) char[padded]);
    list_input_.reset(new (std::nothrow) char[padded]);
    if (!input_ || !list_input_ || parser_.allocate(cap) || list_parser_.allocate(cap) ||
        !store_.reserve(list_bytes) || !stack_.reserve(list_bytes)) {
      input_.reset();
      reserved_ = 0;
      return error(error_code::capacity, 0, "out of memory");
    }
    reserved_ = cap;
    return {};
  }

 private:
  template <described T>
  result<T> run(simdjson::padded_string_view json) noexcept {
    store_.reset();
    stack_.clear();
    detail::decode_state s;
    s.base = json.data();
    s.size = json.length();
    s.opt = &options_;
    s.store = &store_;
    s.stack = &stack_;
    s.list_parser = &list_parser_;
    s.list_buf = list_input_.get();
    s.list_cap = reserved_ + simdjson::SIMDJSON_PADDING;
    T out{};
    if (!detail::decode_root(s, parser_, json, out)) return s.err;
    return out;
  }

  decode_options options_;
  simdjson::ondemand::parser parser_;
  simdjson::ondemand::parser list_parser_;
  std::unique_ptr<char[]> input_;
  std::unique_ptr<char[]> list_input_;
  detail::arena store_;
  detail::list_stack stack_;
  std::size_t reserved_ = 0;
};

}  // namespace genauth::dto
