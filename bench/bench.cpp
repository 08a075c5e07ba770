// decode/<impl>/<doc> and encode/<impl>/<doc> (contract P1-P3): bytes per second and heap
// allocations per document ("allocs") for genauth-dto and its peers.
//
// SPDX-License-Identifier: MIT
#include <benchmark/benchmark.h>
#include <genauth/dto.hpp>

#include <cstdio>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <cstdlib>
#include <sstream>
#include <string>
#include <type_traits>
#include <vector>

#include "../tests/count_allocations.hpp"
#include "../tests/shapes.hpp"
#include "ondemand_handwritten.hpp"
#include "peer_api.hpp"

namespace {

namespace dto = genauth::dto;

// genauth_bench_public_api is this program built on simdjson's public API only
// (detail/simdjson_access.hpp): its rows say so.
#if defined(GENAUTH_DTO_SIMDJSON_PUBLIC_API)
const std::string genauth = "genauth_public_api";
#else
const std::string genauth = "genauth";
#endif

std::string read(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "bench: %s\n", what.c_str());
  std::exit(1);
}

// Times `step` (one document), counting bytes and allocations.
void run(benchmark::State& state, std::size_t bytes, const std::function<void()>& step) {
  long before = count_allocations::total.load();
  for (auto _ : state) step();
  long allocs = count_allocations::total.load() - before;
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
  state.counters["allocs"] = state.iterations() ? static_cast<double>(allocs) / static_cast<double>(state.iterations()) : 0;
}

struct document {
  std::string name, json;
  simdjson::padded_string padded;
};

using peer_decode = bool (*)(std::string_view, peer::Response&);
using peer_encode = std::string (*)(const peer::Response&);

#if defined(GENAUTH_DTO_BENCH_GLAZE)
// decode/glaze/<doc> (string_view members), decode/glaze_string/<doc> (std::string members) and
// encode/glaze/<doc>, on the documents glaze can read: those without the vendor's quirks.
void register_glaze(const document& doc) {
  if (!peer::glaze::make(false)->decode(doc.json)) {
    std::fprintf(stderr, "bench: glaze cannot read %s (the vendor's stringified lists); no glaze rows for it\n",
                 doc.name.c_str());
    return;
  }
  for (bool owning : {false, true}) {
    std::string impl = owning ? "glaze_string" : "glaze";
    benchmark::RegisterBenchmark(("decode/" + impl + "/" + doc.name).c_str(), [&doc, owning](benchmark::State& s) {
      auto glaze = peer::glaze::make(owning);
      if (!glaze->decode(doc.json)) die("glaze cannot decode " + doc.name);
      run(s, doc.json.size(), [&] { benchmark::DoNotOptimize(glaze->decode(doc.json)); });
    });
  }
  benchmark::RegisterBenchmark(("encode/glaze/" + doc.name).c_str(), [&doc](benchmark::State& s) {
    auto glaze = peer::glaze::make(false);
    if (!glaze->decode(doc.json)) die("glaze cannot decode " + doc.name);
    std::size_t size = glaze->encode();
    if (size == 0) die("glaze cannot encode " + doc.name);
    run(s, size, [&] { benchmark::DoNotOptimize(glaze->encode()); });
  });
}
#endif

void register_all(const std::vector<document>& docs) {
  for (const document& doc : docs) {
    const std::string& n = doc.name;
    std::size_t size = doc.json.size();

    benchmark::RegisterBenchmark(("decode/" + genauth + "/" + n).c_str(), [&doc, size](benchmark::State& s) {
      dto::decoder d;
      dto::UserSingleRespDto r;
      simdjson::padded_string_view in(doc.padded);
      if (d.decode(in, r)) die("genauth cannot decode " + doc.name);
      run(s, size, [&] {
        benchmark::DoNotOptimize(d.decode(in, r));
        benchmark::DoNotOptimize(r);
      });
    });
    benchmark::RegisterBenchmark(("decode/ondemand_handwritten/" + n).c_str(), [&doc, size](benchmark::State& s) {
      hand::decoder d;
      hand::Response r;
      simdjson::padded_string_view in(doc.padded);
      if (!d.decode(in, r)) die("ondemand_handwritten cannot decode " + doc.name);
      run(s, size, [&] {
        benchmark::DoNotOptimize(d.decode(in, r));
        benchmark::DoNotOptimize(r);
      });
    });
    for (const auto& p : {std::pair<const char*, peer_decode>{"simdjson_dom", peer::decode_simdjson_dom},
                          {"nlohmann", peer::decode_nlohmann},
                          {"rapidjson", peer::decode_rapidjson},
                          {"boost_json", peer::decode_boost_json}}) {
      const char* impl = p.first;
      peer_decode decode = p.second;
      benchmark::RegisterBenchmark(("decode/" + std::string(impl) + "/" + n).c_str(),
                                   [&doc, size, impl = std::string(impl), decode](benchmark::State& s) {
                                     peer::Response check;
                                     if (!decode(doc.json, check)) die(impl + " cannot decode " + doc.name);
                                     run(s, size, [&] {
                                       peer::Response r;
                                       benchmark::DoNotOptimize(decode(doc.json, r));
                                       benchmark::DoNotOptimize(r);
                                     });
                                   });
    }

#if defined(GENAUTH_DTO_BENCH_GLAZE)
    register_glaze(doc);
#endif

    benchmark::RegisterBenchmark(("encode/" + genauth + "/" + n).c_str(), [&doc](benchmark::State& s) {
      dto::decoder d;
      auto r = d.decode(doc.json);
      if (!r) die("genauth cannot decode " + doc.name);
      std::vector<char> out(dto::encoded_size(*r));
      run(s, out.size(), [&] { benchmark::DoNotOptimize(dto::encode(*r, std::span<char>(out))); });
    });
    // keep/genauth/<doc> (contract M3): the owning copy of a decoded response, one block.
    benchmark::RegisterBenchmark(("keep/" + genauth + "/" + n).c_str(), [&doc](benchmark::State& s) {
      dto::decoder d;
      auto r = d.decode(doc.json);
      if (!r) die("genauth cannot decode " + doc.name);
      run(s, doc.json.size(), [&] { benchmark::DoNotOptimize(dto::keep(*r)); });
    });
    for (const auto& p : {std::pair<const char*, peer_encode>{"nlohmann", peer::encode_nlohmann},
                          {"rapidjson", peer::encode_rapidjson},
                          {"boost_json", peer::encode_boost_json}}) {
      const char* impl = p.first;
      peer_encode encode = p.second;
      benchmark::RegisterBenchmark(("encode/" + std::string(impl) + "/" + n).c_str(),
                                   [&doc, impl = std::string(impl), encode](benchmark::State& s) {
                                     peer::Response r;
                                     if (!peer::decode_rapidjson(doc.json, r)) die("cannot decode " + doc.name);
                                     std::size_t size = encode(r).size();
                                     run(s, size, [&] { benchmark::DoNotOptimize(encode(r)); });
                                   });
    }
  }
}

// floor/simdjson_dom/<doc>: simdjson's DOM parser reading the document and nothing else:
// every byte validated and every value placed (its tape), the least a validating reader can
// do, to set each shape's cost beside `large`'s (bench/README.md, "Adversarial shapes").
void register_floor(const document& doc) {
  benchmark::RegisterBenchmark(("floor/simdjson_dom/" + doc.name).c_str(), [&doc](benchmark::State& s) {
    simdjson::dom::parser parser;
    if (parser.parse(doc.padded).error()) die("simdjson cannot parse " + doc.name);
    run(s, doc.json.size(), [&] { benchmark::DoNotOptimize(parser.parse(doc.padded).error()); });
  });
}

// stage1/<doc>: On-Demand's iterate() alone, nothing read: simdjson's stage 1 (every byte
// validated as UTF-8, every structural character indexed), which every On-Demand decoder pays
// before it reads a value; the floor of issue 14's moonshot (bench/README.md, "Per SIMD level").
void register_stage1(const document& doc) {
  benchmark::RegisterBenchmark(("stage1/" + doc.name).c_str(), [&doc](benchmark::State& s) {
    simdjson::ondemand::parser parser;
    simdjson::padded_string_view in(doc.padded);
    if (parser.iterate(in).error()) die("simdjson cannot index " + doc.name);
    run(s, doc.json.size(), [&] { benchmark::DoNotOptimize(parser.iterate(in).error()); });
  });
}

// stream/<impl>/<doc> (contract T1, P5): an NDJSON stream of copies of the document, each with
// its own userId, decoded record by record: genauth's dto::stream, and the hand-written
// decoder on simdjson's document stream (iterate_many) doing the same work, with simdjson's
// stage-1 thread off (as genauth uses one core) and on. 10,000 copies (1,000 of large, 112 MB),
// or GENAUTH_BENCH_STREAM_COPIES (the smoke test's few). Built when first run.
struct stream_input {
  std::size_t copies = 0;
  simdjson::padded_string ndjson;
};
const stream_input& stream_of(const document& doc) {
  static std::map<std::string, stream_input> made;
  stream_input& in = made[doc.name];
  if (in.copies) return in;
  std::size_t copies = doc.name == "large" ? 1000 : 10000;
  if (const char* n = std::getenv("GENAUTH_BENCH_STREAM_COPIES")) copies = std::strtoul(n, nullptr, 10);
  std::string line;
  for (char c : doc.json) if (c != '\n' && c != '\r') line += c;  // (no string holds a raw line break)
  const std::string id = "6229ffaxxxxxxxxcade3e3d9";
  std::size_t at = line.find(id);
  if (at == std::string::npos) die("no userId in " + doc.name);
  std::string all;
  all.reserve(copies * (line.size() + 1));
  for (std::size_t i = 0; i < copies; ++i) {
    std::string unique = std::to_string(i);
    line.replace(at + id.size() - unique.size(), unique.size(), unique);
    all += line;
    all += '\n';
  }
  in.copies = copies;
  in.ndjson = simdjson::padded_string(all);
  return in;
}

// The stream's lines, each with the rest of the stream as its padding.
std::vector<simdjson::padded_string_view> lines_of(const stream_input& in) {
  std::vector<simdjson::padded_string_view> lines;
  const char* base = in.ndjson.data();
  for (std::size_t at = 0, end; at < in.ndjson.size(); at = end + 1) {
    end = std::string_view(in.ndjson.data(), in.ndjson.size()).find('\n', at);
    lines.emplace_back(base + at, end - at, in.ndjson.size() + simdjson::SIMDJSON_PADDING - at);
  }
  return lines;
}

void register_streams(const std::vector<document>& docs) {
  for (const document& doc : docs) {
    benchmark::RegisterBenchmark(("stream/" + genauth + "/" + doc.name).c_str(), [&doc](benchmark::State& s) {
      const stream_input& in = stream_of(doc);
      dto::decoder d;
      run(s, in.ndjson.size(), [&] {
        std::size_t good = 0;
        for (const auto& r : dto::stream(d, in.ndjson)) good += static_cast<bool>(r);
        if (good != in.copies) die("genauth's stream missed records of " + doc.name);
      });
    });
    // The same documents one decode call each, where they lie in the stream, their bounds found
    // beforehand: single-document throughput on the stream's documents (contract v2, section 9),
    // what a service pays that gets them one at a time from a queue. Decoder and DTO types
    // are the implementation's; `ok` says whether one decode succeeded.
    auto one_by_one = [&doc]<class Decoder, class Dto>(std::string impl, std::type_identity<Decoder>, std::type_identity<Dto>,
                                                       auto ok) {
      benchmark::RegisterBenchmark(("stream/" + impl + "_one_by_one/" + doc.name).c_str(), [&doc, impl, ok](benchmark::State& s) {
        const stream_input& in = stream_of(doc);
        std::vector<simdjson::padded_string_view> lines = lines_of(in);
        Decoder d;
        Dto r;
        run(s, in.ndjson.size(), [&] {
          std::size_t good = 0;
          for (const auto& line : lines) good += ok(d, line, r);
          if (good != in.copies) die(impl + " missed documents of " + doc.name);
        });
      });
    };
    one_by_one(genauth, std::type_identity<dto::decoder>{}, std::type_identity<dto::UserSingleRespDto>{},
               [](dto::decoder& d, simdjson::padded_string_view line, dto::UserSingleRespDto& r) { return !d.decode(line, r); });
    one_by_one("ondemand_handwritten", std::type_identity<hand::decoder>{}, std::type_identity<hand::Response>{},
               [](hand::decoder& d, simdjson::padded_string_view line, hand::Response& r) { return d.decode(line, r); });
    for (bool threaded : {false, true}) {
      std::string impl = threaded ? "ondemand_handwritten_threaded" : "ondemand_handwritten";
      benchmark::RegisterBenchmark(("stream/" + impl + "/" + doc.name).c_str(), [&doc, threaded](benchmark::State& s) {
        const stream_input& in = stream_of(doc);
        hand::decoder d;
        hand::Response r;
        run(s, in.ndjson.size(), [&] {
          if (d.decode_many(in.ndjson, doc.json.size(), threaded, r) != in.copies)
            die("the hand-written stream missed records of " + doc.name);
        });
      });
    }
  }
}

// decode/genauth/<shape> (contract P4): each shape of tests/shapes.hpp that decodes, at about
// 1 MB, as many items as that takes (90,000 unknown members, for one).
void register_shapes() {
  static std::vector<document> docs;
  docs.reserve(std::size(test::shapes::all));
  for (const auto& shape : test::shapes::all) {
    if (shape.expected != dto::error_code::ok) continue;
    std::string json = test::shapes::of_about(shape, std::size_t{1} << 20);
    docs.push_back({shape.name, json, simdjson::padded_string(json)});
    const document& doc = docs.back();
    dto::decode_options options = shape.options;
    benchmark::RegisterBenchmark(("decode/" + genauth + "/" + doc.name).c_str(), [&doc, options](benchmark::State& s) {
      dto::decoder d(options);
      dto::UserSingleRespDto r;
      simdjson::padded_string_view in(doc.padded);
      if (dto::error e = d.decode(in, r)) die("genauth cannot decode the shape " + doc.name + ": " + std::string(e.message()));
      run(s, doc.json.size(), [&] {
        benchmark::DoNotOptimize(d.decode(in, r));
        benchmark::DoNotOptimize(r);
      });
    });
    register_floor(doc);
  }
}

}  // namespace

// The kernel On-Demand was compiled for in this program; simdjson::builtin_implementation()
// would name the shared library's, which its own build flags chose.
#define GENAUTH_BENCH_NAME(x) #x
#define GENAUTH_BENCH_NAME_OF(x) GENAUTH_BENCH_NAME(x)
const char* const ondemand_kernel = GENAUTH_BENCH_NAME_OF(SIMDJSON_BUILTIN_IMPLEMENTATION);

int main(int argc, char** argv) {
  static std::vector<document> docs;
  for (const char* name : {"sample", "array_form", "large"}) {
    std::string json = read(std::string(GENAUTH_DTO_BENCH_DATA) + "/" + name + ".json");
    if (json.empty()) die(std::string("no document ") + name);
    docs.push_back({name, json, simdjson::padded_string(json)});
  }
  register_all(docs);
  for (const document& doc : docs) register_stage1(doc);
  register_floor(docs.back());  // large
  register_streams(docs);
  register_shapes();
  // Which simdjson ran: stage 1 runs the kernel chosen at run time (SIMDJSON_FORCE_IMPLEMENTATION
  // overrides it), On-Demand's reading the one the compiler flags chose.
  benchmark::AddCustomContext("simdjson", std::to_string(simdjson::SIMDJSON_VERSION_MAJOR) + "." +
                                             std::to_string(simdjson::SIMDJSON_VERSION_MINOR) + "." +
                                             std::to_string(simdjson::SIMDJSON_VERSION_REVISION));
#if defined(__clang__)
  benchmark::AddCustomContext("compiler", "clang " __clang_version__);
#elif defined(__GNUC__)
  benchmark::AddCustomContext("compiler", "g++ " __VERSION__);
#endif
  benchmark::AddCustomContext("simdjson_stage1_kernel", simdjson::get_active_implementation()->name());
  benchmark::AddCustomContext("simdjson_ondemand_kernel", ondemand_kernel);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
