// A random valid DTO built from the fuzz input through the field table, encoded, decoded
// and compared: whatever the library can hold, it writes and reads back unchanged.
//
// SPDX-License-Identifier: MIT
#include <cstring>
#include <deque>
#include <string>
#include <vector>

#include "fuzz_check.hpp"

namespace {

using namespace fuzz;

// Reads choices off the input; zeros once it runs out.
class bytes {
 public:
  bytes(const unsigned char* d, std::size_t n) : p_(d), e_(d + n) {}
  unsigned byte() { return p_ < e_ ? *p_++ : 0u; }
  unsigned below(unsigned n) { return n ? byte() % n : 0; }
  bool coin() { return byte() & 1; }
  std::int64_t int64() {
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v = v << 8 | byte();
    std::int64_t out;
    std::memcpy(&out, &v, sizeof out);
    return out;
  }

 private:
  const unsigned char* p_;
  const unsigned char* e_;
};

struct builder {
  explicit builder(bytes& input) : in(input) {}
  bytes& in;
  std::deque<std::string> strings;  // owns what the views point to
  std::deque<std::vector<std::string_view>> lists;
  std::deque<std::vector<dto::IdentityDto>> identity_lists;
  std::deque<std::vector<dto::member>> member_lists;

  std::string_view keep(std::string s) { return strings.emplace_back(std::move(s)); }

  // Valid UTF-8 with the characters that stress escaping.
  std::string_view text() {
    static constexpr std::string_view pieces[] = {"a", "Z", "0", " ", "\"", "\\", "/", "\n", "\t", "\x01", "\x1f",
                                                  "\x7f", "\xC3\xA9", "\xE4\xB8\xAD", "\xF0\x9F\x98\x80", "[", "]",
                                                  ",", "{", "~", ":"};
    std::string s;
    for (unsigned n = in.below(12); n > 0; --n) s += pieces[in.below(std::size(pieces))];
    return keep(std::move(s));
  }

  std::string json(int depth) {
    switch (depth > 3 ? in.below(4) : in.below(6)) {
      case 0: return in.coin() ? "true" : (in.coin() ? "false" : "null");
      case 1: {
        static constexpr const char* numbers[] = {"0", "-0", "1", "-12", "3.25", "1e300", "-2.5E-7", "123456789012345678901234567890"};
        return numbers[in.below(std::size(numbers))];
      }
      case 2:
      case 3: {
        std::string s;
        dto::detail::write_string(text(), s);
        return s;
      }
      case 4: {
        std::string s = "[";
        for (unsigned n = in.below(4); n > 0; --n) s += json(depth + 1) + (n > 1 ? (in.coin() ? "," : " , ") : "");
        return s + "]";
      }
      default: return object(depth);
    }
  }
  std::string object(int depth) {
    std::string s = "{";
    for (unsigned n = in.below(4); n > 0; --n) {
      dto::detail::write_string(text(), s);
      s += (in.coin() ? ":" : " :\n ") + json(depth + 1) + (n > 1 ? "," : "");
    }
    return s + "}";
  }

  template <class V>
  void fill(V& v) {
    using kind = dto::member_kind;
    constexpr kind k = dto::kind_of<V>;
    if constexpr (k == kind::string) v = text();
    else if constexpr (k == kind::timestamp) v.text = text();
    else if constexpr (k == kind::boolean) v = in.coin();
    else if constexpr (k == kind::integer) v = in.int64();
    else if constexpr (k == kind::raw_json) v.text = keep(object(1));
    else if constexpr (k == kind::string_list) {
      auto& l = lists.emplace_back();
      for (unsigned n = in.below(5); n > 0; --n) l.push_back(text());
      v = l;
    } else if constexpr (k == kind::dto_list) {
      static_assert(std::is_same_v<typename V::value_type, dto::IdentityDto>, "a list of another DTO needs a store here");
      auto& l = identity_lists.emplace_back(in.below(4));
      for (auto& id : l) dto_of(id);
      v = l;
    } else if constexpr (k == kind::enumeration) {
      using E = decltype(v.value);
      if (in.coin()) v = static_cast<E>(1 + in.below(dto::enum_size<E> - 1));
      else v = V(text());
    } else {
      static_assert(k == kind::dto);
      dto_of(v);
    }
  }

  template <class T>
  void dto_of(T& out) {
    dto::for_each_field<T>([&](auto f, auto) {
      using F = decltype(f);
      auto& slot = out.*(F::member);
      if constexpr (dto::is_optional<dto::field_type<F>>::value) {
        if (in.coin()) fill(slot.emplace());
      } else {
        fill(slot);
      }
      return true;
    });
    // Unknown members: names that trimmed are neither known nor repeated.
    auto& members = member_lists.emplace_back();
    for (unsigned n = in.below(3); n > 0; --n) {
      std::string_view name = text();
      std::string_view trimmed = dto::detail::trim_ascii(name);
      bool clash = dto::field_index<T>(trimmed) >= 0;
      for (const auto& m : members) clash = clash || dto::detail::trim_ascii(m.name) == trimmed;
      if (!clash) members.push_back({name, dto::raw_json{keep(json(1))}});
    }
    out.unknown = members;
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
  bytes in(data, size);
  builder b(in);
  dto::UserSingleRespDto r;
  b.dto_of(r);
  if (r.ok() && !r.data) b.fill(r.data.emplace());  // success carries data

  std::string encoded;
  dto::encode(r, encoded);
  static dto::decoder decoder;
  auto back = decoder.decode(encoded);
  if (!back) fail("a valid DTO's encoding does not decode:", encoded);
  check(dto::equal(r, *back), "decode(encode(x)) == x", encoded);
  return 0;
}
