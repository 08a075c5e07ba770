// Boost.JSON: parse to a value, then fill the struct; encode with value_from, then serialize.
//
// SPDX-License-Identifier: MIT
#include <boost/json.hpp>

#include "peer_api.hpp"

namespace peer {
namespace {

std::string_view sv(boost::json::string_view s) { return {s.data(), s.size()}; }

struct boost_json_adapter {
  using value = boost::json::value;
  static bool object(const value& v) { return v.is_object(); }
  static bool array(const value& v) { return v.is_array(); }
  static bool string(const value& v) { return v.is_string(); }
  static bool integer(const value& v) { return v.is_int64() || (v.is_uint64() && v.get_uint64() <= INT64_MAX); }
  static bool boolean(const value& v) { return v.is_bool(); }
  static bool null(const value& v) { return v.is_null(); }
  static std::string_view str(const value& v) { return sv(v.get_string()); }
  static bool get_bool(const value& v) { return v.get_bool(); }
  static std::optional<std::int64_t> i64(const value& v) {
    return v.is_int64() ? v.get_int64() : static_cast<std::int64_t>(v.get_uint64());
  }
  static std::string dump(const value& v) { return boost::json::serialize(v); }
  template <class Fn>
  static bool members(const value& v, Fn&& fn) {
    for (const auto& kv : v.get_object())
      if (!fn(sv(kv.key()), kv.value())) return false;
    return true;
  }
  template <class Fn>
  static bool elements(const value& v, Fn&& fn) {
    for (const auto& e : v.get_array())
      if (!fn(e)) return false;
    return true;
  }
  static bool string_array(std::string_view text, std::vector<std::string>& out) {
    boost::system::error_code ec;  // boost::json::error_code, an alias, is gone from Boost 1.92
    value v = boost::json::parse(boost::json::string_view(text.data(), text.size()), ec);
    return !ec && array(v) && elements(v, [&](const value& e) { return string(e) && (out.emplace_back(str(e)), true); });
  }
};

}  // namespace

// value_from support for the structs.
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Identity& x);
namespace {
template <class T>
void put(boost::json::object& o, const char* k, const std::optional<T>& v) {
  if (v) o[k] = boost::json::value_from(*v);
}
void put(boost::json::object& o, const char* k, const O& v) {
  if (v) o[k] = boost::json::parse(v->text);
}
void put_unknown(boost::json::object& o, const Unknown& u) {
  for (const auto& [k, v] : u) o[k] = boost::json::parse(v);
}
}  // namespace
#define PEER_PUT(name, kind, required) put(o, #name, x.name);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Identity& x) {
  boost::json::object& o = jv.emplace_object();
  PEER_IDENTITY_FIELDS(PEER_PUT)
  put_unknown(o, x.unknown);
}
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const User& x) {
  boost::json::object& o = jv.emplace_object();
  PEER_USER_FIELDS(PEER_PUT)
  put_unknown(o, x.unknown);
}
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const Response& x) {
  boost::json::object& o = jv.emplace_object();
  PEER_ENVELOPE_FIELDS(PEER_PUT)
  put(o, "data", x.data);
  put_unknown(o, x.unknown);
}

bool decode_boost_json(std::string_view json, Response& out) {
  boost::system::error_code ec;  // boost::json::error_code, an alias, is gone from Boost 1.92
  boost::json::value v = boost::json::parse(boost::json::string_view(json.data(), json.size()), ec);
  boost_json_adapter a;
  return !ec && dom_decoder<boost_json_adapter>{a}.read_response(v, out);
}

std::string encode_boost_json(const Response& r) { return boost::json::serialize(boost::json::value_from(r)); }

}  // namespace peer
