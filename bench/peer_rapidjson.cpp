// RapidJSON: Document::Parse (UTF-8 validated), then fill the struct; encode with Writer.
//
// SPDX-License-Identifier: MIT
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "peer_api.hpp"

namespace peer {
namespace {

constexpr unsigned parse_flags = rapidjson::kParseValidateEncodingFlag | rapidjson::kParseStopWhenDoneFlag;

struct rapidjson_adapter {
  using value = rapidjson::Value;
  static bool object(const value& v) { return v.IsObject(); }
  static bool array(const value& v) { return v.IsArray(); }
  static bool string(const value& v) { return v.IsString(); }
  static bool integer(const value& v) { return v.IsInt64(); }
  static bool boolean(const value& v) { return v.IsBool(); }
  static bool null(const value& v) { return v.IsNull(); }
  static std::string_view str(const value& v) { return {v.GetString(), v.GetStringLength()}; }
  static bool get_bool(const value& v) { return v.GetBool(); }
  static std::optional<std::int64_t> i64(const value& v) { return v.GetInt64(); }
  static std::string dump(const value& v) {
    rapidjson::StringBuffer buf;
    rapidjson::Writer<rapidjson::StringBuffer> w(buf);
    v.Accept(w);
    return {buf.GetString(), buf.GetSize()};
  }
  template <class Fn>
  static bool members(const value& v, Fn&& fn) {
    for (const auto& m : v.GetObject())
      if (!fn(str(m.name), m.value)) return false;
    return true;
  }
  template <class Fn>
  static bool elements(const value& v, Fn&& fn) {
    for (const auto& e : v.GetArray())
      if (!fn(e)) return false;
    return true;
  }
  static bool string_array(std::string_view text, std::vector<std::string>& out) {
    rapidjson::Document d;
    d.Parse<parse_flags>(text.data(), text.size());
    return !d.HasParseError() && array(d) &&
           elements(d, [&](const value& e) { return string(e) && (out.emplace_back(str(e)), true); });
  }
};

using writer = rapidjson::Writer<rapidjson::StringBuffer>;
void key(writer& w, const char* k) { w.Key(k); }
void put(writer& w, const char* k, const S& v) { if (v) { key(w, k); w.String(v->data(), static_cast<rapidjson::SizeType>(v->size())); } }
void put(writer& w, const char* k, const I& v) { if (v) { key(w, k); w.Int64(*v); } }
void put(writer& w, const char* k, const B& v) { if (v) { key(w, k); w.Bool(*v); } }
void put(writer& w, const char* k, const O& v) { if (v) { key(w, k); w.RawValue(v->text.data(), v->text.size(), rapidjson::kObjectType); } }
void put(writer& w, const char* k, const L& v) {
  if (!v) return;
  key(w, k);
  w.StartArray();
  for (const auto& s : *v) w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
  w.EndArray();
}
void put_unknown(writer& w, const Unknown& u) {
  for (const auto& [k, v] : u) {
    w.Key(k.data(), static_cast<rapidjson::SizeType>(k.size()));
    w.RawValue(v.data(), v.size(), rapidjson::kObjectType);
  }
}
#define PEER_PUT(name, kind, required) put(w, #name, x.name);
void write(writer& w, const Identity& x) {
  w.StartObject();
  PEER_IDENTITY_FIELDS(PEER_PUT)
  put_unknown(w, x.unknown);
  w.EndObject();
}
void put(writer& w, const char* k, const D& v) {
  if (!v) return;
  key(w, k);
  w.StartArray();
  for (const auto& id : *v) write(w, id);
  w.EndArray();
}
void write(writer& w, const User& x) {
  w.StartObject();
  PEER_USER_FIELDS(PEER_PUT)
  put_unknown(w, x.unknown);
  w.EndObject();
}

}  // namespace

bool decode_rapidjson(std::string_view json, Response& out) {
  rapidjson::Document d;
  d.Parse<parse_flags>(json.data(), json.size());
  if (d.HasParseError()) return false;
  rapidjson_adapter a;
  return dom_decoder<rapidjson_adapter>{a}.read_response(d, out);
}

std::string encode_rapidjson(const Response& x) {
  rapidjson::StringBuffer buf;
  writer w(buf);
  w.StartObject();
  PEER_ENVELOPE_FIELDS(PEER_PUT)
  if (x.data) {
    w.Key("data");
    write(w, *x.data);
  }
  put_unknown(w, x.unknown);
  w.EndObject();
  return {buf.GetString(), buf.GetSize()};
}

}  // namespace peer
