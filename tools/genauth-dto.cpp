// genauth-dto: decode a GenAuth user response and print its canonical encoding (contract C1).
//
// SPDX-License-Identifier: MIT
#include <genauth/dto.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "batch.hpp"
#include "report.hpp"

namespace {

namespace dto = genauth::dto;

constexpr int exit_ok = 0, exit_document = 1, exit_usage = 2;

constexpr std::string_view usage_text = R"(usage: genauth-dto decode [options] [--pretty | --ndjson] [FILE|-]
       genauth-dto check [options] [--ndjson] [--jobs N] [--quiet] [FILE|-]...
       genauth-dto url get-user|get-profile [--json-errors] [name=value ...]
       genauth-dto [COMMAND] --help
       genauth-dto --version

decode   Reads one GenAuth response (by default a UserSingleRespDto, the JSON body
         of GET /api/v3/get-user or /api/v3/get-profile) from FILE, or from standard
         input when FILE is - or absent, decodes and validates it, and prints its
         canonical encoding on one line: members in the vendor's table order, lists as
         arrays, identities always an array, unknown members kept after the known
         ones, raw JSON (customData, userInfoInIdp, unknown members) minified.
         --pretty prints the same indented by two spaces, for people.

         With --ndjson, FILE holds one response per line (NDJSON): each good line's
         encoding is printed on its own line, each bad line's error goes to standard
         error prefixed with FILE:LINE, and processing goes on (exit 1 at the end if
         any line was bad). Blank lines are skipped.

check    Validates many responses: each FILE (standard input for - or none) is one
         document, or with --ndjson holds one per line. Prints one line per bad
         document, prefixed with where it is (FILE:LINE: error: ..., or "file" and
         "line" members with --json-errors), then one summary line:
           checked 3 documents: 2 valid, 1 invalid (syntax 1); 6692 bytes in
           0.001 s, 6.7 MB/s
         (one JSON object with --json-errors). Exits 0 when every document is valid,
         1 when any is not. On a terminal, a run longer than a second shows its
         progress on standard error.
         --jobs N      decode with N threads (default 1), a decoder each; the output
                       keeps the input's order
         --quiet       print the summary only, no line per bad document
         --type        as for decode, or any (check's default): a document of any
                       of the three envelopes is valid; a bad one is reported as
                       the envelope its data looks like (a list when data is an
                       array, a page when it has totalCount, else single)

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
         parameter is a document error (exit 1, same formats, without a byte
         offset: the pointer names the parameter).

errors   A document error prints one line to standard error and exits 1:
           error: <code> at <pointer> (byte <offset>): <message>
         or, with --json-errors:
           {"error":"<code>","pointer":"<pointer>","offset":N,"message":"..."}
         <code> is one of syntax, missing_field, type_mismatch, invalid_value,
         duplicate_key, capacity; <pointer> is an RFC 6901 JSON Pointer ("" is the
         root; one too long to keep whole keeps its head and tail around "...");
         <offset> is a byte offset into the input (into the file, for a line of
         NDJSON). In the plain line, control characters of the pointer are written
         \u00XX, so that it stays one line. Usage and I/O problems exit 2 (an input
         that cannot be read is reported and the others are still read). Success
         exits 0. A usage error is one line on standard error; an output that
         cannot be written is reported, and exits 2.

version  --version prints the library's version and the simdjson it was built with.
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

// COMMAND --help: the command's usage line, its section, and the sections it shares.
std::string usage_of(std::string_view command) {
  std::string_view all = usage();
  std::string out;
  auto line_of = [&](std::string_view start) {
    std::size_t at = all.find(start);
    return all.substr(at, all.find('\n', at) + 1 - at);
  };
  out += "usage: genauth-dto " + std::string(line_of(std::string(command) + " ")) + "\n";
  auto section = [&](std::string_view name) {  // to the next line that starts a section
    std::size_t at = all.find("\n\n" + std::string(name) + " ") + 2, end = at;
    while ((end = all.find("\n\n", end + 1)) != std::string_view::npos && all[end + 2] == ' ') {}
    out += std::string(all.substr(at, end == std::string_view::npos ? all.size() - at : end + 1 - at)) + "\n";
  };
  section(command);
  if (command != "url") section("options");
  section("errors");
  out.pop_back();
  return out;
}

// The process's output: written whole and flushed, or said why not (contract C3).
int print(std::string_view text) {
  if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() || std::fflush(stdout) != 0)
    return cli::cannot_write(errno);
  return exit_ok;
}

// A usage error: one line, and where to look.
int usage_error(std::string_view what) {
  std::fprintf(stderr, "genauth-dto: %.*s (see genauth-dto --help)\n", static_cast<int>(what.size()), what.data());
  return exit_usage;
}

// An input that cannot be read: its name and the system's reason, in one line.
int io_error(std::string_view why) {
  std::fprintf(stderr, "genauth-dto: %.*s\n", static_cast<int>(why.size()), why.data());
  return exit_usage;
}

void report(const dto::error& e, bool json, bool with_offset = true) {
  std::string line;
  cli::error_line(line, e, json, {}, 0, with_offset);
  std::fwrite(line.data(), 1, line.size(), stderr);
}

// Decodes `input` as a T and prints its canonical encoding (indented with --pretty), or
// reports its error.
template <class T>
int print_canonical(simdjson::padded_string_view input, const cli::batch_options& o) {
  dto::decoder decoder(o.decode);
  auto response = decoder.decode<T>(input);
  if (!response) {
    report(response.error(), o.json_errors);
    return exit_document;
  }
  std::string out;
  dto::encode(*response, out, {.redact_secrets = !o.show_secrets});
  if (o.pretty) out = cli::indented(out);
  return print(out + '\n');
}

// The options decode and check share, and their files.
struct document_options {
  cli::batch_options batch;
  std::string_view type = "single";
  std::vector<std::string_view> files;
};

// Parses decode's or check's arguments; a usage error's text in `why`.
bool parse_documents(const std::vector<std::string_view>& args, bool check, document_options& d, std::string& why) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string_view a = args[i];
    auto value_of = [&](std::string_view name, std::string_view& out) {
      if (a == name) {
        if (i + 1 == args.size()) return false;
        out = args[++i];
      } else {
        out = a.substr(name.size() + 1);
      }
      return true;
    };
    auto is = [&](std::string_view name) { return a == name || (a.starts_with(name) && a.size() > name.size() && a[name.size()] == '='); };
    if (is("--type")) {
      if (!value_of("--type", d.type)) return why = "--type needs single, list or page", false;
      if (d.type != "single" && d.type != "list" && d.type != "page" && (!check || d.type != "any"))
        return why = std::string(check ? "--type is single, list, page or any" : "--type is single, list or page") +
                     ", not " + std::string(d.type), false;
    } else if (check && is("--jobs")) {
      std::string_view n;
      if (!value_of("--jobs", n)) return why = "--jobs needs a number of threads", false;
      char* end = nullptr;
      std::string text(n);
      unsigned long jobs = std::strtoul(text.c_str(), &end, 10);
      if (text.empty() || *end || jobs < 1 || jobs > 256) return why = "--jobs is a number from 1 to 256, not " + text, false;
      d.batch.jobs = static_cast<unsigned>(jobs);
    } else if (a == "--ndjson") d.batch.ndjson = true;
    else if (check && a == "--quiet") d.batch.quiet = true;
    else if (!check && a == "--show-secrets") d.batch.show_secrets = true;
    else if (!check && a == "--pretty") d.batch.pretty = true;
    else if (a == "--json-errors") d.batch.json_errors = true;
    else if (a == "--relax-required") d.batch.decode.relax_required = true;
    else if (a == "--reject-unknown-members") d.batch.decode.reject_unknown_members = true;
    else if (a == "--reject-unknown-enums") d.batch.decode.reject_unknown_enums = true;
    else if (a.size() > 1 && a.front() == '-') return why = "unknown option " + std::string(a), false;
    else d.files.push_back(a);
  }
  if (!check && d.files.size() > 1) return why = "decode takes one FILE", false;
  if (d.batch.pretty && d.batch.ndjson) return why = "--pretty prints one document, not --ndjson's lines", false;
  if (d.files.empty()) d.files.push_back("-");
  return true;
}

template <class T>
int run_documents(const document_options& d, bool check) {
  if (check || d.batch.ndjson) return cli::run_batch<T>(d.files, d.batch, check);
  cli::input in;
  cli::chunk whole;
  std::string why;
  if (!in.open(d.files.front(), why) || !in.whole(whole, why)) return io_error(why);
  return print_canonical<T>(whole.view(), d.batch);
}

int documents_command(const std::vector<std::string_view>& args, bool check) {
  document_options d;
  d.batch.canonical = !check;
  if (check) d.type = "any";
  std::string why;
  if (!parse_documents(args, check, d, why)) return usage_error(why);
  if (d.type == "list") return run_documents<dto::UserListRespDto>(d, check);
  if (d.type == "page") return run_documents<dto::UserPaginatedRespDto>(d, check);
  d.batch.any_envelope = d.type == "any";
  return run_documents<dto::UserSingleRespDto>(d, check);
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
    // A parameter's error has no byte offset worth printing: its pointer names it.
    if (e) return report(e, json_errors, false), exit_document;
  }
  std::string line;
  if (dto::error e = dto::write_request(request, line)) return report(e, json_errors, false), exit_document;
  return print(line + '\n');
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
  if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") return print(usage());
  if (args[0] == "--version")
    return print(std::string("genauth-dto ") + dto::version + "\nsimdjson " + std::to_string(simdjson::SIMDJSON_VERSION_MAJOR) +
                 "." + std::to_string(simdjson::SIMDJSON_VERSION_MINOR) + "." +
                 std::to_string(simdjson::SIMDJSON_VERSION_REVISION) + " (On-Demand built for " +
                 simdjson::builtin_implementation()->name() + "; stage 1 on this CPU: " +
                 simdjson::get_active_implementation()->name() + ")\n");
  bool command = args[0] == "decode" || args[0] == "check" || args[0] == "url";
  // COMMAND --help (contract C3).
  if (command && std::find_if(args.begin(), args.end(), [](std::string_view a) { return a == "--help" || a == "-h"; }) != args.end())
    return print(usage_of(args[0]));
  if (args[0] == "decode") return documents_command({args.begin() + 1, args.end()}, false);
  if (args[0] == "check") return documents_command({args.begin() + 1, args.end()}, true);
  if (args[0] == "url") return url_command({args.begin() + 1, args.end()});
  return usage_error("unknown command " + std::string(args[0]));
}
