// The ceiling: simdjson On-Demand code written by hand for these structs, with the same checks
// as genauth-dto (required members, types, integral int64, duplicates, trimmed names, unknown
// members kept and every byte of raw JSON validated, stringified lists, one identity object).
// Views into the parser's buffers, lists in flat pools reused across documents, member names
// compared raw against the next expected name and the one after it before any unescaping,
// names without a backslash never unescaped.
//
// SPDX-License-Identifier: MIT
#include "ondemand_handwritten.hpp"

#include <genauth/dto/detail/byte_search.hpp>  // closing_quote_padded: the block-wise quote search

#include <algorithm>
#include <cstring>

namespace hand {
namespace {

namespace od = simdjson::ondemand;
using simdjson::SUCCESS;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || (s.front() >= '\t' && s.front() <= '\r'))) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || (s.back() >= '\t' && s.back() <= '\r'))) s.remove_suffix(1);
  return s;
}

bool valid_number(std::string_view t) {
  std::size_t i = 0, n = t.size();
  auto digits = [&] {
    std::size_t s = i;
    while (i < n && t[i] >= '0' && t[i] <= '9') ++i;
    return i > s;
  };
  if (i < n && t[i] == '-') ++i;
  if (i < n && t[i] == '0') ++i;
  else if (!digits()) return false;
  if (i < n && t[i] == '.' && (++i, !digits())) return false;
  if (i < n && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    if (i < n && (t[i] == '+' || t[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == n;
}

std::string_view trim_ws(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n' || s.back() == '\r' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// A string without escapes, taken in place from the (padded) input; false leaves the value
// for get_string(). Inlined, so that the view stays in registers.
[[gnu::always_inline]] inline bool plain_string(od::value& v, std::string_view& out) {
  std::string_view token = v.raw_json_token();
  if (token.front() != '"') return false;
  const char* quote = genauth::dto::detail::closing_quote_padded(token.data() + 1, token.data() + token.size());
  if (!quote) return false;
  simdjson::ondemand::raw_json_string consumed;  // cannot fail: it is a string
  if (v.get_raw_json_string().get(consumed)) return false;
  out = std::string_view(token.data() + 1, static_cast<std::size_t>(quote - token.data() - 1));
  return true;
}
[[gnu::always_inline]] inline bool string(od::value& v, std::string_view& out) {
  return plain_string(v, out) || v.get_string().get(out) == SUCCESS;
}

// Member names with their closing quote in 32-byte slots, and masks of those bytes: a raw
// name in the padded input is compared in four words, without a call.
template <std::size_t N>
struct quoted_names {
  char text[N][32]{};
  unsigned char mask[N][32]{};
  constexpr explicit quoted_names(const std::string_view (&names)[N]) {
    for (std::size_t i = 0; i < N; ++i) {
      for (std::size_t j = 0; j < names[i].size(); ++j) text[i][j] = names[i][j], mask[i][j] = 0xFF;
      text[i][names[i].size()] = '"';
      mask[i][names[i].size()] = 0xFF;
    }
  }
  bool equals(const char* raw, std::size_t i) const {
    std::uint64_t diff = 0;
    for (std::size_t w = 0; w < 32; w += 8) {
      std::uint64_t a, b, m;
      std::memcpy(&a, raw + w, 8);
      std::memcpy(&b, text[i] + w, 8);
      std::memcpy(&m, mask[i] + w, 8);
      diff |= (a ^ b) & m;
    }
    return diff == 0;
  }
};

}  // namespace

struct decoder::state {
  decoder& d;
  od::document& doc;
  const char* end;  // of the (padded) document

  bool walk(od::value& v, int depth) {
    od::json_type t;
    if (v.type().get(t) || depth > 256) return false;
    switch (t) {
      case od::json_type::object: {
        od::object o;
        if (v.get_object().get(o)) return false;
        for (auto fr : o) {
          std::string_view k;
          if (fr.error()) return false;
          // A name without a backslash is valid as it stands (stage 1 checked its bytes).
          const char* raw = reinterpret_cast<const char*>(fr.value_unsafe().key().raw());
          if (!genauth::dto::detail::closing_quote_padded(raw, end) && fr.value_unsafe().unescaped_key().get(k)) return false;
          if (!walk(fr.value_unsafe().value(), depth + 1)) return false;
        }
        return true;
      }
      case od::json_type::array: {
        od::array a;
        if (v.get_array().get(a)) return false;
        for (auto er : a)
          if (er.error() || !walk(er.value_unsafe(), depth + 1)) return false;
        return true;
      }
      case od::json_type::string: {
        std::string_view s;
        return string(v, s);
      }
      case od::json_type::number: return valid_number(trim_ws(v.raw_json_token()));
      case od::json_type::boolean: {
        bool b;
        return v.get_bool().get(b) == SUCCESS;
      }
      case od::json_type::null: return v.is_null().value_unsafe();
    }
    return false;
  }

  bool raw(od::value& v, std::string_view& out, bool object_only) {
    std::string_view token = v.raw_json_token();
    od::json_type t;
    if (v.type().get(t) || (object_only && t != od::json_type::object)) return false;
    if (t != od::json_type::object && t != od::json_type::array) {
      out = trim_ws(token);
      return walk(v, 3);
    }
    if (!walk(v, 3)) return false;
    const char* end;
    if (doc.current_location().get(end)) return false;
    out = trim_ws(std::string_view(token.data(), static_cast<std::size_t>(end - token.data())));
    return true;
  }

  // Each read: false on a wrong type; a null leaves an optional absent. A string without
  // escapes is read with almost no frame, the rest out of line (its saved registers would
  // cost every member).
  bool read(od::value& v, S& out) {
    std::string_view s;
    if (plain_string(v, s)) return out = s, true;
    return read_rest(v, out);
  }
  [[gnu::noinline]] bool read_rest(od::value& v, S& out) {
    std::string_view s;
    if (v.get_string().get(s) == SUCCESS) return out = s, true;
    return v.is_null().value_unsafe();
  }
  bool read(od::value& v, I& out) {
    std::int64_t i;
    if (v.get_int64().get(i) == SUCCESS) return out = i, true;
    return v.is_null().value_unsafe();
  }
  bool read(od::value& v, B& out) {
    bool b;
    if (v.get_bool().get(b) == SUCCESS) return out = b, true;
    return v.is_null().value_unsafe();
  }
  bool read(od::value& v, O& out) {
    if (v.is_null().value_unsafe()) return true;
    std::string_view s;
    return raw(v, s, true) && (out = RawJson{s}, true);
  }
  bool read(od::value& v, L& out) {
    std::size_t start = d.strings_.size();
    od::array a;
    if (v.get_array().get(a) == SUCCESS) {
      for (auto er : a) {
        std::string_view s;
        if (er.error() || !string(er.value_unsafe(), s)) return false;
        d.strings_.push_back(s);
      }
    } else {
      std::string_view text;
      if (v.get_string().get(text)) return v.is_null().value_unsafe();
      if (!trim(text).empty()) {
        std::memcpy(d.list_buf_.data(), text.data(), text.size());
        std::memset(d.list_buf_.data() + text.size(), 0, simdjson::SIMDJSON_PADDING);
        od::document inner;
        od::array la;
        if (d.lists_.iterate(d.list_buf_.data(), text.size(), d.list_buf_.size()).get(inner) || inner.get_array().get(la))
          return false;
        for (auto er : la) {
          std::string_view s;
          if (er.get_string().get(s)) return false;
          char* copy = d.chars_.data() + d.chars_used_;  // the list parser's buffer is reused
          std::memcpy(copy, s.data(), s.size());
          d.chars_used_ += s.size();
          d.strings_.emplace_back(copy, s.size());
        }
        const char* tail;
        if (!inner.current_location().get(tail)) return false;
      }
    }
    out = std::span<const std::string_view>(d.strings_.data() + start, d.strings_.size() - start);
    return true;
  }
  bool read(od::value& v, D& out) {
    std::size_t start = d.identities_.size();
    od::json_type t;
    if (v.type().get(t)) return false;
    if (t == od::json_type::null) return true;
    if (t == od::json_type::object) {
      od::object o;
      if (v.get_object().get(o) || !identity(o, d.identities_.emplace_back())) return false;
    } else {
      od::array a;
      if (v.get_array().get(a)) return false;
      for (auto er : a) {
        od::object o;
        if (er.get_object().get(o) || !identity(o, d.identities_.emplace_back())) return false;
      }
    }
    out = std::span<const Identity>(d.identities_.data() + start, d.identities_.size() - start);
    return true;
  }

  bool unknown(od::value& v, std::string_view key, std::vector<Member>& pool, std::size_t start) {
    std::string_view name = trim(key);
    for (std::size_t i = start; i < pool.size(); ++i)
      if (trim(pool[i].first) == name) return false;
    std::string_view text;
    if (!raw(v, text, false)) return false;
    pool.emplace_back(key, text);
    return true;
  }

#define HAND_INDEX(name, kind, required) name##_index,
#define HAND_NAME(name, kind, required) #name,
#define HAND_CASE(name, kind, required) \
  case name##_index:                    \
    if (!read(v, out.name) || (required && !out.name)) return false; \
    break;
#define HAND_REQUIRED(name, kind, required) | (required ? 1ull << name##_index : 0)

  // One object of a struct described by FIELDS: the member name is compared raw with the
  // next expected one; only a miss unescapes, trims and searches.
#define HAND_OBJECT(FIELDS, EXTRA_CASES)                                                             \
  enum { FIELDS(HAND_INDEX) field_count };                                                           \
  static constexpr std::string_view names[] = {FIELDS(HAND_NAME)};                                   \
  static constexpr quoted_names quoted{names};                                                       \
  constexpr std::uint64_t required_mask = 0 FIELDS(HAND_REQUIRED);                                  \
  std::uint64_t seen = 0;                                                                            \
  std::size_t unknown_start = pool.size();                                                           \
  int expected = 0;                                                                                  \
  for (auto fr : o) {                                                                                \
    if (fr.error()) return false;                                                                    \
    od::field& f = fr.value_unsafe(); /* in place: a copy stalls store forwarding */                 \
    int index = -1;                                                                                  \
    const char* raw = reinterpret_cast<const char*>(f.key().raw());                                  \
    if (expected < field_count && quoted.equals(raw, expected)) index = expected;                    \
    else if (expected + 1 < field_count && quoted.equals(raw, expected + 1)) index = expected + 1;   \
    std::string_view key;                                                                            \
    if (index < 0) {                                                                                 \
      /* without a backslash the name is the raw text: nothing to unescape */                        \
      if (const char* q = genauth::dto::detail::closing_quote_padded(raw, end))       \
        key = std::string_view(raw, static_cast<std::size_t>(q - raw));                              \
      else if (f.unescaped_key().get(key)) return false;                                             \
      std::string_view name = trim(key);                                                             \
      for (int i = 0; i < field_count; ++i)                                                          \
        if (names[i] == name) { index = i; break; }                                                  \
    }                                                                                                \
    od::value& v = f.value();                                                                        \
    if (index < 0) {                                                                                 \
      EXTRA_CASES                                                                                    \
      if (!unknown(v, key, pool, unknown_start)) return false;                                       \
      continue;                                                                                      \
    }                                                                                                \
    if (seen & (1ull << index)) return false;                                                        \
    seen |= 1ull << index;                                                                           \
    expected = index + 1;                                                                            \
    switch (index) { FIELDS(HAND_CASE) }                                                             \
  }                                                                                                  \
  if ((seen & required_mask) != required_mask) return false;                                        \
  out.unknown = std::span<const Member>(pool.data() + unknown_start, pool.size() - unknown_start);

  bool identity(od::object o, Identity& out) {
    auto& pool = d.identity_unknown_;
    HAND_OBJECT(PEER_IDENTITY_FIELDS, )
    return true;
  }
  bool user(od::object o, User& out) {
    auto& pool = d.user_unknown_;
    HAND_OBJECT(PEER_USER_FIELDS, )
    return true;
  }
  bool response(od::object o, Response& out) {
    auto& pool = d.envelope_unknown_;
    bool data_seen = false;
    HAND_OBJECT(PEER_ENVELOPE_FIELDS, if (trim(key) == "data") {
      od::object u;
      if (data_seen) return false;
      data_seen = true;
      if (v.is_null().value_unsafe()) continue;
      if (v.get_object().get(u) || !user(u, out.data.emplace())) return false;
      continue;
    })
    return *out.statusCode != 200 || out.data;
  }
};

decoder::decoder() = default;

void decoder::prepare(std::size_t longest) {
  if (list_buf_.size() < longest + simdjson::SIMDJSON_PADDING) {
    list_buf_.resize(longest + simdjson::SIMDJSON_PADDING);
    chars_.resize(longest);
    strings_.reserve(longest / 2 + 16);
    identities_.reserve(longest / 64 + 4);
    envelope_unknown_.reserve(longest / 5 + 4);
    user_unknown_.reserve(longest / 5 + 4);
    identity_unknown_.reserve(longest / 5 + 4);
  }
}

void decoder::clear() {
  strings_.clear();
  identities_.clear();
  envelope_unknown_.clear();
  user_unknown_.clear();
  identity_unknown_.clear();
  chars_used_ = 0;
}

bool decoder::decode(simdjson::padded_string_view json, Response& out) {
  prepare(json.length());
  clear();
  out = Response{};
  od::document doc;
  od::object root;
  if (parser_.iterate(json).get(doc) || doc.get_object().get(root)) return false;
  state s{*this, doc, json.data() + json.length()};
  if (!s.response(root, out)) return false;
  const char* tail;
  return doc.current_location().get(tail) != SUCCESS;  // nothing after the object
}

std::size_t decoder::decode_many(simdjson::padded_string_view json, std::size_t longest, bool threaded, Response& out) {
  prepare(longest);
#if defined(SIMDJSON_THREADS_ENABLED)
  many_.threaded = threaded;
#else
  (void)threaded;
#endif
  od::document_stream docs;
  if (many_.iterate_many(json.data(), json.length(), std::max<std::size_t>(od::DEFAULT_BATCH_SIZE, longest)).get(docs))
    return 0;
  std::size_t good = 0;
  for (auto it = docs.begin(); it != docs.end(); ++it) {
    od::document_reference ref;
    if ((*it).get(ref)) break;
    clear();
    out = Response{};
    od::object root;
    if (ref.get_object().get(root)) continue;
    od::document& doc = ref;
    state s{*this, doc, json.data() + json.length()};
    good += s.response(root, out);
  }
  return good;
}

}  // namespace hand
