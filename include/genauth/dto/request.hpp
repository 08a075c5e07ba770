// Requests, without transport (contract Q1): the method, path and percent-encoded query string of
// GET /api/v3/get-user and GET /api/v3/get-profile, from typed parameters described by a field
// table like the DTOs, written into a caller buffer or any sink.
//
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

#include "encode.hpp"
#include "enums.hpp"
#include "error.hpp"
#include "reflect.hpp"

namespace genauth::dto {

// How get-user reads userId. identity is "<extIdpId>:<userIdInIdp>", sync_relation is
// "<provider>:<userIdInIdp>", custom_field is "<field key>:<value>".
#define GENAUTH_DTO_USER_ID_TYPE(X)                                                                     \
  X(user_id, "user_id") X(phone, "phone") X(email, "email") X(username, "username") X(external_id, "external_id") \
  X(identity, "identity") X(sync_relation, "sync_relation") X(custom_field, "custom_field")
GENAUTH_DTO_ENUM(user_id_type, GENAUTH_DTO_USER_ID_TYPE);

// The shape of userId a userIdType asks for, or nullptr when any string will do.
constexpr const char* user_id_shape(user_id_type t) noexcept {
  switch (t) {
    case user_id_type::identity: return "identity: userId is <extIdpId>:<userIdInIdp>";
    case user_id_type::sync_relation: return "sync_relation: userId is <provider>:<userIdInIdp>";
    case user_id_type::custom_field: return "custom_field: userId is <key>:<value>";
    default: return nullptr;
  }
}

// A query parameter's kind, from its member's type: a required string, a flag (true or
// false), or an optional choice of an enumeration's names. Writer, parser and the CLI's
// help dispatch on it.
enum class parameter_kind : std::uint8_t { text, flag, choice };
template <class M>
inline constexpr parameter_kind parameter_kind_of =
    std::is_same_v<M, bool> ? parameter_kind::flag : is_optional<M>::value ? parameter_kind::choice : parameter_kind::text;

struct get_user_request {
  std::string_view userId;  // required
  std::optional<user_id_type> userIdType;
  bool flatCustomData = false;
  bool withCustomData = false;
  bool withPost = false;
  bool withIdentities = false;
  bool withDepartmentIds = false;

  static constexpr std::string_view path = "/api/v3/get-user";
};

struct get_profile_request {
  bool withCustomData = false;
  bool withIdentities = false;
  bool withDepartmentIds = false;

  static constexpr std::string_view path = "/api/v3/get-profile";
};

template <>
struct describe<get_user_request> {
  using T = get_user_request;
  using fields = field_list<field<"userId", &T::userId>, field<"userIdType", &T::userIdType>,
                            field<"flatCustomData", &T::flatCustomData>, field<"withCustomData", &T::withCustomData>,
                            field<"withPost", &T::withPost>, field<"withIdentities", &T::withIdentities>,
                            field<"withDepartmentIds", &T::withDepartmentIds>>;
};

template <>
struct describe<get_profile_request> {
  using T = get_profile_request;
  using fields = field_list<field<"withCustomData", &T::withCustomData>, field<"withIdentities", &T::withIdentities>,
                            field<"withDepartmentIds", &T::withDepartmentIds>>;
};

namespace detail {

constexpr bool unreserved(unsigned char c) noexcept {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~';
}

// RFC 3986: unreserved characters as they are, every other byte as %XX (upper-case hex).
template <class Sink>
void percent_encode(Sink& out, std::string_view s) {
  const char* run = s.data();
  const char* e = s.data() + s.size();
  for (const char* p = run; p < e; ++p) {
    auto c = static_cast<unsigned char>(*p);
    if (unreserved(c)) continue;
    if (p > run) out.append(run, static_cast<std::size_t>(p - run));
    const char esc[3] = {'%', "0123456789ABCDEF"[c >> 4], "0123456789ABCDEF"[c & 15]};
    out.append(esc, 3);
    run = p + 1;
  }
  if (e > run) out.append(run, static_cast<std::size_t>(e - run));
}

// "<a>:<b>" with both sides non-empty.
constexpr bool pair_shape(std::string_view s) noexcept {
  std::size_t colon = s.find(':');
  return colon != std::string_view::npos && colon > 0 && colon + 1 < s.size();
}

}  // namespace detail

// Checks a request: userId present and non-empty, userIdType known, and the identity,
// sync_relation and custom_field shapes.
inline error validate(const get_user_request& r) noexcept {
  auto bad = [](error_code c, const char* message, std::string_view parameter) {
    error e(c, 0, message);
    e.prepend_key(parameter);
    return e;
  };
  if (r.userId.empty()) return bad(error_code::missing_field, "userId is required", "userId");
  if (!r.userIdType) return {};
  if (*r.userIdType == user_id_type::unknown) return bad(error_code::invalid_value, "unknown userIdType", "userIdType");
  const char* shape = user_id_shape(*r.userIdType);
  if (!shape) return {};
  return detail::pair_shape(r.userId) ? error{} : bad(error_code::invalid_value, shape, "userId");
}
inline error validate(const get_profile_request&) noexcept { return {}; }

// Writes "GET <path>[?<query>]": parameters in table order, strings percent-encoded, true
// flags as "=true" and false ones left out (as the vendor's SDKs do).
template <class Request, sink Sink>
error write_request(const Request& r, Sink& out) {
  if (error e = validate(r)) return e;
  out.append("GET ", 4);
  out.append(Request::path.data(), Request::path.size());
  char separator = '?';
  for_each_field<Request>([&](auto f, auto) {
    using F = decltype(f);
    const auto& v = r.*(F::member);
    auto name = [&] {
      out.append(&separator, 1);
      separator = '&';
      out.append(F::name.data(), F::name.size());
      out.append("=", 1);
    };
    if constexpr (parameter_kind_of<field_type<F>> == parameter_kind::flag) {
      if (v) name(), out.append("true", 4);
    } else if constexpr (parameter_kind_of<field_type<F>> == parameter_kind::choice) {
      if (v) name(), detail::percent_encode(out, to_string(*v));
    } else {
      name(), detail::percent_encode(out, v);
    }
    return true;
  });
  return {};
}

// Sets one parameter from text, as a command line or a configuration gives it: strings as
// they are, flags "true" or "false", userIdType by name. An unknown name or a bad value is
// invalid_value at "/<name>", and the request is left as it was. The value must outlive
// the request.
template <class Request>
error set_parameter(Request& r, std::string_view name, std::string_view value) noexcept {
  auto bad = [&](const char* message) {
    error e(error_code::invalid_value, 0, message);
    e.prepend_key(name);
    return e;
  };
  // (an error's pointer is valid UTF-8, contract D9: a name that is not stays out of it)
  if (detail::first_invalid_utf8(reinterpret_cast<const unsigned char*>(name.data()), name.size()) != name.size())
    return error(error_code::invalid_value, 0, "parameter name is not valid UTF-8");
  int index = field_index<Request>(name);
  if (index < 0) return bad("unknown parameter");
  error result;
  visit_field<Request>(static_cast<std::size_t>(index), [&](auto f) {
    using F = decltype(f);
    auto& slot = r.*(F::member);
    if constexpr (parameter_kind_of<field_type<F>> == parameter_kind::flag) {
      if (value == "true" || value == "false") slot = value == "true";
      else result = bad("a flag is true or false");
    } else if constexpr (parameter_kind_of<field_type<F>> == parameter_kind::choice) {
      using E = typename field_type<F>::value_type;
      auto type = enum_from_string<E>(value);
      if (type == E::unknown) result = bad("unknown value of this parameter");
      else slot = type;
    } else {
      slot = value;
    }
    return true;
  });
  return result;
}

// Into a caller buffer: the request line, or capacity when the buffer is too small.
template <class Request>
result<std::string_view> write_request(const Request& r, std::span<char> buffer) noexcept {
  detail::buffer_sink out{buffer};
  if (error e = write_request(r, out)) return e;
  if (out.overflow) return error(error_code::capacity, 0, "buffer too small for the request");
  return std::string_view(buffer.data(), out.size);
}

}  // namespace genauth::dto
