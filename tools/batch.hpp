// The CLI's batches (contract C4): `check` and `decode --ndjson`. Inputs are cut into tasks (a
// chunk of NDJSON lines, or a whole file that is one document), decoded by `--jobs` threads with
// a decoder each, and reported in input order by the main thread, which also reads ahead: at
// most two tasks per thread are in flight, so memory does not grow with the input.
//
// SPDX-License-Identifier: MIT
#pragma once

#include <genauth/dto.hpp>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "input.hpp"
#include "report.hpp"

namespace cli {

struct batch_options {
  bool ndjson = false;       // each line a document, not each file
  unsigned jobs = 1;
  bool json_errors = false;
  bool quiet = false;        // check: the summary only
  bool canonical = false;    // decode --ndjson: each good record's encoding on stdout
  bool show_secrets = false;
  bool pretty = false;        // decode of one document: indented
  bool any_envelope = false;  // check: a document of any of the three envelopes is valid
  dto::decode_options decode;
};

// Documents counted: all, valid, invalid by error code, and their bytes.
struct tally {
  static constexpr std::size_t codes = static_cast<std::size_t>(dto::error_code::capacity) + 1;
  std::size_t documents = 0, valid = 0, bytes = 0;
  std::size_t by_code[codes] = {};
  void add(const tally& t) {
    documents += t.documents, valid += t.valid, bytes += t.bytes;
    for (std::size_t i = 0; i < codes; ++i) by_code[i] += t.by_code[i];
  }
};

inline dto::encode_options encode_options_of(const batch_options& o) { return {.redact_secrets = !o.show_secrets}; }

// A chunk of one input and, once a thread has decoded it, what it found.
struct task {
  std::shared_ptr<input> source;
  std::size_t file = 0;  // which input
  chunk piece;
  tally counts;
  std::size_t lines = 0;  // line breaks in the chunk
  struct bad {
    std::size_t line;    // in the chunk, from 1
    std::size_t offset;  // of the record in its input
    dto::error error;
  };
  std::vector<bad> bads;
  std::string out;  // canonical lines
  bool done = false;
};

// check's default (`--type any`): a document is valid when it is a valid response of any of the
// three envelopes. A bad one's error is that of the envelope its `data` is shaped like:
// get-user-batch's when `data` is not an object (single's error is a type mismatch at /data),
// list-users' when it has `totalCount` (a page's error other than a missing totalCount), else
// the single response's. (A list written as one object is a single response's shape, and valid
// or not as both alike.) The envelope its text looks like is decoded first, so that a valid
// document costs one decode whatever it is; the guess changes nothing but the cost.
enum class envelope { single, list, page };

inline envelope looks_like(std::string_view text) {
  auto skip = [&](std::size_t i) {
    while (i < text.size() && dto::detail::is_json_ws(text[i])) ++i;
    return i;
  };
  std::size_t at = text.find("\"data\"");
  if (at == std::string_view::npos) return envelope::single;
  std::size_t i = skip(at + 6);
  if (i >= text.size() || text[i] != ':') return envelope::single;
  i = skip(i + 1);
  if (i < text.size() && text[i] == '[') return envelope::list;
  if (i >= text.size() || text[i] != '{') return envelope::single;
  std::string_view rest = text.substr(skip(i + 1));
  return rest.starts_with("\"totalCount\"") || rest.starts_with("\"list\"") ? envelope::page : envelope::single;
}

inline dto::error decode_as(dto::decoder& d, simdjson::padded_string_view text, envelope e) {
  switch (e) {
    case envelope::list: {
      dto::UserListRespDto list;
      return d.decode(text, list);
    }
    case envelope::page: {
      dto::UserPaginatedRespDto page;
      return d.decode(text, page);
    }
    default: {
      dto::UserSingleRespDto single;
      return d.decode(text, single);
    }
  }
}

inline dto::error decode_any(dto::decoder& d, simdjson::padded_string_view text) {
  envelope guess = looks_like({text.data(), text.length()});
  dto::error first = decode_as(d, text, guess);
  if (!first) return first;
  auto as = [&](envelope e) { return e == guess ? first : decode_as(d, text, e); };
  dto::error single = as(envelope::single);
  if (!single) return single;
  if (single.code() == dto::error_code::type_mismatch && single.pointer() == "/data") return as(envelope::list);
  dto::error page = as(envelope::page);
  bool not_a_page = page.code() == dto::error_code::missing_field && page.pointer() == "/data/totalCount";
  return page && not_a_page ? single : page;
}

// Decodes one task as T (or, with any_envelope, as any of the three envelopes).
template <class T>
void decode_task(task& t, dto::decoder& d, const batch_options& o) {
  // A document's outcome: `text` is where it is in the chunk, `line` its first line there.
  auto note = [&](const dto::error& e, std::string_view text, std::size_t line) {
    ++t.counts.documents;
    if (!e) return void(++t.counts.valid);
    ++t.counts.by_code[static_cast<std::size_t>(e.code())];
    if (!o.ndjson)  // a whole file: the line of the error itself
      line += static_cast<std::size_t>(std::count(text.data(), text.data() + std::min(e.offset(), text.size()), '\n'));
    t.bads.push_back({line, t.piece.offset + static_cast<std::size_t>(text.data() - t.piece.data), e});
  };
  // One document's error, its canonical line written when asked for.
  T value;
  auto decode_one = [&](simdjson::padded_string_view text) {
    if (o.any_envelope) return decode_any(d, text);
    dto::error e = d.decode(text, value);
    if (!e && o.canonical) dto::encode(value, t.out, encode_options_of(o)), t.out += '\n';
    return e;
  };
  if (!o.ndjson) {
    note(decode_one(t.piece.view()), {t.piece.data, t.piece.size}, 1);
  } else {
    // Records cut as dto::stream cuts them (lines), each decoded alone in place.
    dto::framer records(t.piece.view());
    for (dto::record_place r; records.next(r);) note(decode_one(records.padded(r)), r.text, r.line);
    t.lines = records.line() - 1;
  }
  t.counts.bytes = t.piece.size;
}

// Threads that decode tasks, each with its own decoder.
class workers {
 public:
  template <class T>
  workers(std::type_identity<T>, const batch_options& o) {
    for (unsigned i = 0; i < o.jobs; ++i)
      threads_.emplace_back([this, &o] {
        dto::decoder d(o.decode);
        while (task* t = take()) {
          decode_task<T>(*t, d, o);
          std::lock_guard lock(m_);
          t->done = true;
          done_.notify_all();
        }
      });
  }
  ~workers() {
    {
      std::lock_guard lock(m_);
      stop_ = true;
    }
    ready_.notify_all();
    for (auto& t : threads_) t.join();
  }
  void submit(task* t) {
    std::lock_guard lock(m_);
    queue_.push_back(t);
    ready_.notify_one();
  }
  void wait(const task& t) {
    std::unique_lock lock(m_);
    done_.wait(lock, [&] { return t.done; });
  }

 private:
  task* take() {
    std::unique_lock lock(m_);
    ready_.wait(lock, [&] { return stop_ || !queue_.empty(); });
    if (queue_.empty()) return nullptr;
    task* t = queue_.front();
    queue_.pop_front();
    return t;
  }
  std::mutex m_;
  std::condition_variable ready_, done_;
  std::deque<task*> queue_;
  bool stop_ = false;
  std::vector<std::thread> threads_;
};

// Runs a batch over `files` ("-" is standard input) as T. `check` prints bad documents and a
// summary on stdout; otherwise (decode --ndjson) good records' encodings go to stdout and bad
// ones to stderr. Exit status: 0 all valid, 1 any invalid, 2 an input or output failed.
template <class T>
int run_batch(const std::vector<std::string_view>& files, const batch_options& o, bool check) {
  using clock = std::chrono::steady_clock;
  constexpr std::size_t chunk_bytes = std::size_t{4} << 20;
  const auto start = clock::now();
  const bool progress = check && isatty(STDERR_FILENO);
  auto last_drawn = start;
  bool drawn = false, io_failed = false, write_failed = false;
  int write_errno = 0;
  tally total;
  std::size_t line = 1, printed_file = 0;
  std::string text;

  auto write = [&](std::FILE* f, const std::string& s) {
    if (!s.empty() && !write_failed && std::fwrite(s.data(), 1, s.size(), f) != s.size())
      write_failed = true, write_errno = errno;
  };
  auto seconds = [&] { return std::chrono::duration<double>(clock::now() - start).count(); };
  auto draw = [&] {
    auto now = clock::now();
    if (!progress || now - start < std::chrono::seconds(1) || now - last_drawn < std::chrono::milliseconds(200)) return;
    last_drawn = now;
    drawn = true;
    double s = seconds();
    std::fprintf(stderr, "\r%zu documents, %zu invalid, %.1f MB, %.1f MB/s ", total.documents,
                 total.documents - total.valid, static_cast<double>(total.bytes) / 1e6,
                 static_cast<double>(total.bytes) / 1e6 / s);
  };

  workers pool(std::type_identity<T>{}, o);
  std::deque<std::unique_ptr<task>> inflight;
  // Reports the oldest task once it is done, in input order.
  auto finish = [&] {
    task& t = *inflight.front();
    pool.wait(t);
    if (t.file != printed_file) printed_file = t.file, line = 1;
    text.clear();
    for (const task::bad& b : t.bads)
      if (!check || !o.quiet) error_line(text, b.error, o.json_errors, {t.source->name(), line + b.line - 1}, b.offset);
    write(check ? stdout : stderr, text);
    write(stdout, t.out);
    line += t.lines;
    total.add(t.counts);
    t.source->release(t.piece);
    inflight.pop_front();
    draw();
  };

  for (std::size_t i = 0; i < files.size() && !write_failed; ++i) {
    auto source = std::make_shared<input>();
    std::string why;
    if (source->open(files[i], why)) {
      for (;;) {
        auto t = std::make_unique<task>();
        if (!(o.ndjson ? source->next(t->piece, chunk_bytes, why) : source->whole(t->piece, why))) break;
        t->source = source;
        t->file = i;
        while (inflight.size() >= 2 * o.jobs) finish();
        pool.submit(t.get());
        inflight.push_back(std::move(t));
        if (!o.ndjson) break;
      }
    }
    if (!why.empty()) {
      while (!inflight.empty()) finish();  // its documents first, in order
      std::fprintf(stderr, "genauth-dto: %s\n", why.c_str());
      io_failed = true;
    }
  }
  while (!inflight.empty()) finish();
  if (drawn) std::fputs("\r\033[K", stderr);

  if (check) {
    double s = seconds();
    double mb_per_s = s > 0 ? static_cast<double>(total.bytes) / 1e6 / s : 0;
    char numbers[96];
    text.clear();
    if (o.json_errors) {
      text = "{\"documents\":" + std::to_string(total.documents) + ",\"valid\":" + std::to_string(total.valid) +
             ",\"invalid\":" + std::to_string(total.documents - total.valid) + ",\"invalid_by_code\":{";
      bool comma = false;
      for (std::size_t c = 1; c < tally::codes; ++c)
        if (total.by_code[c]) {
          text += (comma ? ",\"" : "\"") + std::string(dto::to_string(static_cast<dto::error_code>(c))) +
                  "\":" + std::to_string(total.by_code[c]);
          comma = true;
        }
      std::snprintf(numbers, sizeof numbers, "%.3f,\"mb_per_s\":%.1f}", s, mb_per_s);
      text += "},\"bytes\":" + std::to_string(total.bytes) + ",\"seconds\":" + numbers + "\n";
    } else {
      text = "checked " + std::to_string(total.documents) + (total.documents == 1 ? " document: " : " documents: ") +
             std::to_string(total.valid) + " valid, " +
             std::to_string(total.documents - total.valid) + " invalid";
      std::string codes;
      for (std::size_t c = 1; c < tally::codes; ++c)
        if (total.by_code[c])
          codes += (codes.empty() ? "" : ", ") + std::string(dto::to_string(static_cast<dto::error_code>(c))) + " " +
                   std::to_string(total.by_code[c]);
      if (!codes.empty()) text += " (" + codes + ")";
      std::snprintf(numbers, sizeof numbers, " in %.3f s, %.1f MB/s\n", s, mb_per_s);
      text += "; " + std::to_string(total.bytes) + " bytes" + numbers;
    }
    write(stdout, text);
  }
  if (!write_failed && std::fflush(stdout) != 0) write_failed = true, write_errno = errno;
  if (write_failed) return cannot_write(write_errno);
  if (io_failed) return 2;
  return total.valid == total.documents ? 0 : 1;
}

}  // namespace cli
