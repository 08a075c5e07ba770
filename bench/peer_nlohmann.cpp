// nlohmann::json: parse to a json value, then fill the struct; encode builds a json, then dumps.
//
// SPDX-License-Identifier: MIT
#include <nlohmann/json.hpp>

#include "peer_api.hpp"

namespace peer {
namespace {

struct nlohmann_adapter {
  using value = nlohmann::json;
  static bool object(const value& v) { return v.is_object(); }
  static bool array(const value& v) { return v.is_array(); }
  static bool string(const value& v) { return v.is_string(); }
  static bool integer(const value& v) { return v.is_number_integer(); }
  static bool boolean(const value& v) { return v.is_boolean(); }
  static bool null(const value& v) { return v.is_null(); }
  static std::string_view str(const value& v) { return v.get_ref<const std::string&>(); }
  static bool get_bool(const value& v) { return v.get<bool>(); }
  static std::optional<std::int64_t> i64(const value& v) {
    if (v.is_number_unsigned() && v.get<std::uint64_t>() > INT64_MAX) return std::nullopt;
    return v.get<std::int64_t>();
  }
  static std::string dump(const value& v) { return v.dump(); }
  template <class Fn>
  static bool members(const value& v, Fn&& fn) {
    for (const auto& [k, e] : v.items())
      if (!fn(std::string_view(k), e)) return false;
    return true;
  }
  template <class Fn>
  static bool elements(const value& v, Fn&& fn) {
    for (const auto& e : v)
      if (!fn(e)) return false;
    return true;
  }
  static bool string_array(std::string_view text, std::vector<std::string>& out) {
    value v = value::parse(text, nullptr, false);
    return array(v) && elements(v, [&](const value& e) { return string(e) && (out.emplace_back(str(e)), true); });
  }
};

void put(nlohmann::json& j, const char* k, const S& v) { if (v) j[k] = *v; }
void put(nlohmann::json& j, const char* k, const I& v) { if (v) j[k] = *v; }
void put(nlohmann::json& j, const char* k, const B& v) { if (v) j[k] = *v; }
void put(nlohmann::json& j, const char* k, const L& v) { if (v) j[k] = *v; }
void put(nlohmann::json& j, const char* k, const O& v) { if (v) j[k] = nlohmann::json::parse(v->text); }
nlohmann::json build(const Identity& id);
void put(nlohmann::json& j, const char* k, const D& v) {
  if (!v) return;
  auto& a = j[k] = nlohmann::json::array();
  for (const auto& id : *v) a.push_back(build(id));
}
void put_unknown(nlohmann::json& j, const Unknown& u) {
  for (const auto& [k, v] : u) j[k] = nlohmann::json::parse(v);
}
#define PEER_PUT(name, kind, required) put(j, #name, x.name);
nlohmann::json build(const Identity& x) {
  nlohmann::json j = nlohmann::json::object();
  PEER_IDENTITY_FIELDS(PEER_PUT)
  put_unknown(j, x.unknown);
  return j;
}
nlohmann::json build(const Response& x) {
  nlohmann::json j = nlohmann::json::object();
  PEER_ENVELOPE_FIELDS(PEER_PUT)
  if (x.data) {
    nlohmann::json& d = j["data"] = nlohmann::json::object();
    const User& u = *x.data;
    {
      nlohmann::json& j = d;
      const User& x = u;
      PEER_USER_FIELDS(PEER_PUT)
      put_unknown(j, x.unknown);
    }
  }
  put_unknown(j, x.unknown);
  return j;
}

}  // namespace

bool decode_nlohmann(std::string_view json, Response& out) {
  auto v = nlohmann::json::parse(json, nullptr, false);
  nlohmann_adapter a;
  return !v.is_discarded() && dom_decoder<nlohmann_adapter>{a}.read_response(v, out);
}

std::string encode_nlohmann(const Response& r) { return build(r).dump(); }

}  // namespace peer
