// simdjson's DOM parser: parse to a document (its first stage dispatched at run time), then
// fill the struct.
//
// SPDX-License-Identifier: MIT
#include <simdjson.h>

#include "peer_api.hpp"

namespace peer {
namespace {

struct simdjson_dom_adapter {
  using value = simdjson::dom::element;
  simdjson::dom::parser lists;  // stringified lists are documents of their own
  static bool object(const value& v) { return v.is_object(); }
  static bool array(const value& v) { return v.is_array(); }
  static bool string(const value& v) { return v.is_string(); }
  static bool integer(const value& v) { return v.is_int64(); }
  static bool boolean(const value& v) { return v.is_bool(); }
  static bool null(const value& v) { return v.is_null(); }
  static std::string_view str(const value& v) { return v.get_string().value_unsafe(); }
  static bool get_bool(const value& v) { return v.get_bool().value_unsafe(); }
  static std::optional<std::int64_t> i64(const value& v) { return v.get_int64().value_unsafe(); }
  static std::string dump(const value& v) { return simdjson::minify(v); }
  template <class Fn>
  static bool members(const value& v, Fn&& fn) {
    simdjson::dom::object o = v.get_object().value_unsafe();
    for (auto field : o)
      if (!fn(field.key, field.value)) return false;
    return true;
  }
  template <class Fn>
  static bool elements(const value& v, Fn&& fn) {
    simdjson::dom::array a = v.get_array().value_unsafe();
    for (auto e : a)
      if (!fn(e)) return false;
    return true;
  }
  bool string_array(std::string_view text, std::vector<std::string>& out) {
    simdjson::dom::element doc;
    return !lists.parse(text.data(), text.size()).get(doc) && array(doc) &&
           elements(doc, [&](const value& e) { return string(e) && (out.emplace_back(str(e)), true); });
  }
};

}  // namespace

bool decode_simdjson_dom(std::string_view json, Response& out) {
  static simdjson::dom::parser parser;  // reused, as simdjson recommends
  static simdjson_dom_adapter a;
  simdjson::dom::element doc;
  return !parser.parse(json.data(), json.size()).get(doc) && dom_decoder<simdjson_dom_adapter>{a}.read_response(doc, out);
}

}  // namespace peer
