// Peak memory of one decode per input byte (contract D10), for each shape of
// tests/shapes.hpp that decodes: each in a child process of its own, a fresh decoder, the
// growth of the process's peak resident set across decode() (what the decode touched; what
// it reserves but does not touch is not resident), decoding from a std::string_view (which
// the decoder copies into its padded buffer).
// Usage: peak_memory [MEGABYTES [AT_MOST]]   (default 8: large enough that page granularity
// is noise). Prints a Markdown table (README.md, "Memory"); with AT_MOST, exits 1 when a
// shape took more bytes per input byte than that, or failed (the test suite's check of
// contract D10's 8); exits 77 (skipped) where /proc cannot measure. Linux only
// (/proc/self/status and /proc/self/clear_refs).
//
// SPDX-License-Identifier: MIT
#include <sys/wait.h>
#include <malloc.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "../tests/shapes.hpp"

namespace {

// From /proc/self/status: the resident set now (VmRSS) or its peak (VmHWM), in kilobytes.
long status_kb(const char* field) {
  std::FILE* f = std::fopen("/proc/self/status", "r");
  if (!f) return -1;
  char line[256];
  long kb = -1;
  std::size_t n = std::strlen(field);
  while (std::fgets(line, sizeof line, f))
    if (std::strncmp(line, field, n) == 0) kb = std::strtol(line + n, nullptr, 10);
  std::fclose(f);
  return kb;
}

// Resets the peak to the resident set now (Linux 4.0 and later); a forked child otherwise
// inherits its parent's peak, reached while the documents were built.
bool reset_peak() {
  std::FILE* f = std::fopen("/proc/self/clear_refs", "w");
  if (!f) return false;
  bool ok = std::fputs("5", f) >= 0;
  return std::fclose(f) == 0 && ok;
}

// The peak's growth, in bytes, across one decode in a child process (which sends it through
// a pipe); -1 when the decode failed.
template <class Decode>
double growth(Decode&& decode) {
  int fds[2];
  if (pipe(fds) != 0) return -1;
  std::fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    long before = reset_peak() ? status_kb("VmRSS:") : -1;
    long grown = before >= 0 && decode() ? status_kb("VmHWM:") - before : -1;
    ssize_t written = write(fds[1], &grown, sizeof grown);
    _exit(written == sizeof grown ? 0 : 1);
  }
  close(fds[1]);
  long grown = -1;
  if (read(fds[0], &grown, sizeof grown) != sizeof grown) grown = -1;
  close(fds[0]);
  waitpid(pid, nullptr, 0);
  return grown < 0 ? -1 : static_cast<double>(grown) * 1024;
}

}  // namespace

int main(int argc, char** argv) {
  namespace dto = genauth::dto;
#if defined(__GLIBC__)
  // Large blocks always mapped afresh (glibc otherwise raises the threshold after the first
  // such block is freed, and later ones come from pages already resident: not counted).
  mallopt(M_MMAP_THRESHOLD, 1 << 20);
#endif
  std::size_t megabytes = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 8;
  double at_most = argc > 2 ? std::strtod(argv[2], nullptr) : 0;
  if (megabytes == 0 || megabytes > 200 || argc > 3 || (argc > 2 && !(at_most > 0))) {
    std::fprintf(stderr, "usage: peak_memory [MEGABYTES (1 to 200) [AT_MOST (bytes per input byte)]]\n");
    return 2;
  }
  if (!reset_peak() || status_kb("VmHWM:") < 0) {  // (a /proc that does not say: nothing to measure)
    std::fprintf(stderr, "peak_memory: this system's /proc cannot reset or report the peak resident set\n");
    return 77;
  }
  bool within = true;
  std::printf("| shape | bytes | peak memory per input byte |\n|---|---|---|\n");
  for (const auto& shape : test::shapes::all) {
    if (shape.expected != dto::error_code::ok) continue;
    std::string json = test::shapes::of_about(shape, megabytes << 20);
    double grown = growth([&] { return bool(dto::decoder(shape.options).decode(std::string_view(json))); });
    double per_byte = grown / static_cast<double>(json.size());
    if (grown < 0) {
      std::printf("| %s | %zu | failed |\n", shape.name, json.size());
    } else {
      std::printf("| %s | %zu | %.2f |\n", shape.name, json.size(), per_byte);
    }
    if (at_most > 0 && (grown < 0 || per_byte > at_most)) {
      std::fprintf(stderr, "peak_memory: %s took %.2f bytes per input byte, more than %.2f\n", shape.name, per_byte, at_most);
      within = false;
    }
  }
  return within ? 0 : 1;
}
