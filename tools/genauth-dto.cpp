// genauth-dto: decode a GenAuth user response and print its canonical encoding (contract C1).
//
// SPDX-License-Identifier: MIT
#include <genauth/dto.hpp>

#include <cstdio>
#include <algorithm>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace dto = genauth::dto;

constexpr int exit_ok = 0, exit_document = 1, exit_usage = 2;

constexpr std::string_view usage_text = R"(usage: genauth-dto decode [options] [FILE|-]
       genauth-dto url get-user|get-profile [--json-errors] [name=value ...]
       genauth-dto --help

decode   Reads one GenAuth response (by default a UserSingleRespDto, the JSON body
         of GET /api/v3/get-user or /api/v3/get-profile) from FILE, or from standard
         input when FILE is - or absent, decodes and validates it, and prints its
         canonical encoding on one line: members in the vendor's table order, lists as
         arrays, identities always an array, unknown members kept after the known
         ones, raw JSON (customData, userInfoInIdp, unknown members) minified.

options  --type single|list|page   the envelope: single (UserSingleRespDto, the
                                   default), list (UserListRespDto, get-user-batch)
                                   or page (UserPaginatedRespDto, list-users); never
                                   guessed, since a list the vendor writes as one
                                   object looks like a single response
         --show-secrets            print accessToken / refreshToken (redacted by default)
         --json-errors             report a document error as one JSON object
         --relax-required          accept a user without some required members
                                   (get-profile returns what the token's scope allows)
         --reject-unknown-members  an unknown member is an error (invalid_value)
         --reject-unknown-enums    an enumeration value outside the list is an error

url      Prints the request line of GET /api/v3/get-user or /api/v3/get-profile, e.g.
           GET /api/v3/get-user?userId=bob%40example.com&userIdType=email&withCustomData=true
@parameters@
         Values are percent-encoded (RFC 3986); false flags are left out. A bad
         parameter is a document error (exit 1, same formats).

errors   A document error prints one line to standard error and exits 1:
           error: <code> at <pointer> (byte <offset>): <message>
         or, with --json-errors:
           {"error":"<code>","pointer":"<pointer>","offset":N,"message":"..."}
         <code> is one of syntax, missing_field, type_mismatch, invalid_value,
         duplicate_key, capacity; <pointer> is an RFC 6901 JSON Pointer ("" is the
         root; one too long to keep whole keeps its head and tail around "...");
         <offset> is a byte offset into the input. In the plain line, control
         characters of the pointer are written \u00XX, so that it stays one line.
         Usage and I/O problems exit 2. Success exits 0.
)";

// A request's parameters as its field table says them (contract Q1), e.g. "get-user: userId
// (required), userIdType (user_id, ...), flatCustomData (a flag), ...".
template <class Request>
std::string parameters_of() {
  std::string_view path = Request::path;
  std::string s(path.substr(path.rfind('/') + 1));
  s += ":";
  bool flags = false;
  dto::for_each_field<Request>([&](auto f, auto i) {
    using M = dto::field_type<decltype(f)>;
    s += std::string(i() ? ", " : " ") + std::string(decltype(f)::name);
    if constexpr (dto::parameter_kind_of<M> == dto::parameter_kind::flag) {
      flags = true;
    } else if constexpr (dto::parameter_kind_of<M> == dto::parameter_kind::text) {
      s += " (required)";
    } else if constexpr (dto::parameter_kind_of<M> == dto::parameter_kind::choice) {
      using E = typename M::value_type;
      s += " (";
      for (std::size_t v = 1; v < dto::enum_size<E>; ++v) {
        s += std::string(v > 1 ? ", " : "") + std::string(dto::enum_names<E>::names[v]);
        // The form from the validator's own message, "identity: userId is <a>:<b>".
        if (const char* shape = dto::user_id_shape(static_cast<E>(v))) {
          std::string_view form(shape);
          s += " " + std::string(form.substr(form.rfind(' ') + 1));
        }
      }
      s += ")";
    }
    return true;
  });
  return s + (flags ? "; flags are true or false." : ".");
}

// Text of width 79 from `indent` on.
std::string wrapped(std::string_view text, std::size_t indent) {
  std::string out(indent, ' '), word;
  std::size_t column = indent;
  auto put = [&] {
    if (word.empty()) return;
    if (column > indent && column + 1 + word.size() > 79) out += "\n" + std::string(indent, ' '), column = indent;
    if (column > indent) out += ' ', ++column;
    out += word, column += word.size(), word.clear();
  };
  for (char c : text) c == ' ' ? put() : void(word += c);
  put();
  return out;
}

// The help: the text above with the requests' parameters filled in from their tables.
const std::string& usage() {
  static const std::string text = [] {
    std::string t(usage_text);
    std::string params = wrapped(parameters_of<dto::get_user_request>(), 9) + "\n" +
                         wrapped(parameters_of<dto::get_profile_request>(), 9);
    return t.replace(t.find("@parameters@"), 12, params);
  }();
  return text;
}

int usage_error(std::string_view what) {
  std::fprintf(stderr, "genauth-dto: %.*s\n\n%.*s", static_cast<int>(what.size()), what.data(),
               static_cast<int>(usage().size()), usage().data());
  return exit_usage;
}

bool read_all(std::FILE* f, std::string& out) {
  char buf[65536];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  return !std::ferror(f);
}

void report(const dto::error& e, bool json) {
  std::string line;
  if (json) {
    line += "{\"error\":";
    dto::detail::write_string(dto::to_string(e.code()), line);
    line += ",\"pointer\":";
    dto::detail::write_string(e.pointer(), line);
    line += ",\"offset\":" + std::to_string(e.offset()) + ",\"message\":";
    dto::detail::write_string(e.message(), line);
    line += "}\n";
  } else {
    line = "error: " + std::string(dto::to_string(e.code())) + " at ";
    for (char c : e.pointer()) {
      auto u = static_cast<unsigned char>(c);
      if (u >= 0x20 && u != 0x7f) { line += c; continue; }
      line += "\\u00";
      line += "0123456789abcdef"[u >> 4];
      line += "0123456789abcdef"[u & 15];
    }
    line += " (byte " + std::to_string(e.offset()) + "): " + std::string(e.message()) + "\n";
  }
  std::fwrite(line.data(), 1, line.size(), stderr);
}

// Decodes `input` as a T and prints its canonical encoding, or reports its error.
template <class T>
int print_canonical(const std::string& input, const dto::decode_options& options, bool show_secrets, bool json_errors) {
  dto::decoder decoder(options);
  auto response = decoder.decode<T>(input);
  if (!response) {
    report(response.error(), json_errors);
    return exit_document;
  }
  std::string out;
  dto::encode(*response, out, {.redact_secrets = !show_secrets});
  out += '\n';
  if (std::fwrite(out.data(), 1, out.size(), stdout) != out.size() || std::fflush(stdout) != 0) return exit_usage;
  return exit_ok;
}

int decode_command(const std::vector<std::string_view>& args) {
  bool show_secrets = false, json_errors = false;
  dto::decode_options options;
  std::string_view path, type = "single";
  bool have_path = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string_view a = args[i];
    if (a == "--type" || a.starts_with("--type=")) {
      if (a == "--type" && i + 1 == args.size()) return usage_error("--type needs single, list or page");
      type = a == "--type" ? args[++i] : a.substr(7);
      if (type != "single" && type != "list" && type != "page")
        return usage_error("--type is single, list or page, not " + std::string(type));
      continue;
    }
    if (a == "--show-secrets") show_secrets = true;
    else if (a == "--json-errors") json_errors = true;
    else if (a == "--relax-required") options.relax_required = true;
    else if (a == "--reject-unknown-members") options.reject_unknown_members = true;
    else if (a == "--reject-unknown-enums") options.reject_unknown_enums = true;
    else if (a.size() > 1 && a.front() == '-') return usage_error("unknown option " + std::string(a));
    else if (have_path) return usage_error("decode takes one FILE");
    else { path = a; have_path = true; }
  }

  std::string input;
  if (!have_path || path == "-") {
    if (!read_all(stdin, input)) return usage_error("cannot read standard input");
  } else {
    std::FILE* f = std::fopen(std::string(path).c_str(), "rb");
    if (!f) return usage_error("cannot open " + std::string(path) + ": " + std::strerror(errno));
    bool ok = read_all(f, input);
    std::fclose(f);
    if (!ok) return usage_error("cannot read " + std::string(path));
  }

  if (type == "list") return print_canonical<dto::UserListRespDto>(input, options, show_secrets, json_errors);
  if (type == "page") return print_canonical<dto::UserPaginatedRespDto>(input, options, show_secrets, json_errors);
  return print_canonical<dto::UserSingleRespDto>(input, options, show_secrets, json_errors);
}

template <class Request>
int url_for(const std::vector<std::string_view>& args, bool json_errors) {
  Request request;
  for (std::string_view a : args) {
    std::size_t eq = a.find('=');
    if (eq == std::string_view::npos) return usage_error("a parameter is name=value: " + std::string(a));
    std::string_view name = a.substr(0, eq);
    bool repeated = false;
    for (std::string_view b : args) {
      if (b.data() == a.data()) break;
      repeated = repeated || b.substr(0, b.find('=')) == name;
    }
    dto::error e = dto::set_parameter(request, name, a.substr(eq + 1));
    if (repeated) {
      e = dto::error(dto::error_code::duplicate_key, 0, "parameter given twice");
      e.prepend_key(name);
    }
    if (e) return report(e, json_errors), exit_document;
  }
  std::string line;
  if (dto::error e = dto::write_request(request, line)) return report(e, json_errors), exit_document;
  line += '\n';
  std::fwrite(line.data(), 1, line.size(), stdout);
  return exit_ok;
}

int url_command(std::vector<std::string_view> args) {
  bool json_errors = std::erase(args, std::string_view("--json-errors")) > 0;
  if (args.empty()) return usage_error("url needs get-user or get-profile");
  std::string_view endpoint = args.front();
  args.erase(args.begin());
  if (endpoint == "get-user") return url_for<dto::get_user_request>(args, json_errors);
  if (endpoint == "get-profile") return url_for<dto::get_profile_request>(args, json_errors);
  return usage_error("unknown endpoint " + std::string(endpoint));
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string_view> args(argv + 1, argv + argc);
  if (args.empty()) return usage_error("no command");
  if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::fwrite(usage().data(), 1, usage().size(), stdout);
    return exit_ok;
  }
  if (args[0] == "decode") return decode_command({args.begin() + 1, args.end()});
  if (args[0] == "url") return url_command({args.begin() + 1, args.end()});
  return usage_error("unknown command " + std::string(args[0]));
}
