// check's progress (contract C4): on a terminal, a run longer than a second redraws a count and
// MB/s on stderr; when stderr is not a terminal, nothing. The CLI runs with stderr on a
// pseudo-terminal (then on a pipe) and reads NDJSON from a pipe that this program fills over
// about 1.5 s, so that the run is long. Usage: cli_progress CLI SEED_JSON
//
// SPDX-License-Identifier: MIT
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

namespace {

constexpr int skipped = 77;  // no pseudo-terminal here (a chroot without /dev/pts): ctest's SKIP_RETURN_CODE

struct run {
  int status = -1;
  std::string err;
  std::size_t before_end = 0;  // of err, before stdin was closed
};

// Runs `cli check --ndjson -` with `line` written to its stdin 16 times over 1.6 s; its stderr
// on a pseudo-terminal or on a pipe.
run check(const char* cli, const std::string& line, bool terminal) {
  int in[2], err_read = -1, err_write = -1;
  if (pipe(in) != 0) return {};
  if (terminal) {
    if (openpty(&err_read, &err_write, nullptr, nullptr, nullptr) != 0) return {};
  } else {
    int e[2];
    if (pipe(e) != 0) return {};
    err_read = e[0], err_write = e[1];
  }
  pid_t pid = fork();
  if (pid == 0) {
    dup2(in[0], 0);
    int null = open("/dev/null", O_WRONLY);
    dup2(null, 1);
    dup2(err_write, 2);
    close(in[1]);
    close(err_read);
    execl(cli, cli, "check", "--ndjson", "-", static_cast<char*>(nullptr));
    _exit(127);
  }
  close(in[0]);
  close(err_write);
  run r;
  auto drain = [&](int wait_ms) {
    pollfd p{err_read, POLLIN, 0};
    char buf[4096];
    while (poll(&p, 1, wait_ms) > 0) {
      ssize_t n = read(err_read, buf, sizeof buf);
      if (n <= 0) break;
      r.err.append(buf, static_cast<std::size_t>(n));
    }
  };
  for (int i = 0; i < 16; ++i) {
    if (write(in[1], line.data(), line.size()) != static_cast<ssize_t>(line.size())) break;
    drain(100);
  }
  r.before_end = r.err.size();
  close(in[1]);
  drain(2000);
  waitpid(pid, &r.status, 0);
  close(err_read);
  return r;
}

int fail(const char* what, const run& r) {
  std::fprintf(stderr, "cli_progress: %s (status %d), stderr:\n%s\n", what, r.status, r.err.c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) return std::fprintf(stderr, "usage: cli_progress CLI SEED_JSON\n"), 2;
  std::ifstream f(argv[2]);
  std::stringstream ss;
  ss << f.rdbuf();
  std::string line;
  for (char c : ss.str()) if (c != '\n') line += c;
  line += '\n';

  int probe_master = -1, probe_slave = -1;
  if (openpty(&probe_master, &probe_slave, nullptr, nullptr, nullptr) != 0) {
    std::puts("cli_progress: no pseudo-terminal here; skipped");
    return skipped;
  }
  close(probe_master);
  close(probe_slave);
  run tty = check(argv[1], line, true);
  if (!WIFEXITED(tty.status) || WEXITSTATUS(tty.status) != 0) return fail("on a terminal: exit status", tty);
  // Redrawn in place ("\r...documents..."), and cleared at the end.
  if (tty.err.find("\r") == std::string::npos || tty.err.find(" documents, 0 invalid, ") == std::string::npos ||
      tty.err.find("MB/s") == std::string::npos)
    return fail("on a terminal: no progress", tty);
  // While the input still comes (a slow producer's lines are checked as they come).
  if (tty.err.substr(0, tty.before_end).find(" documents, 0 invalid, ") == std::string::npos)
    return fail("on a terminal: no progress while the input comes", tty);
  if (tty.err.size() < 4 || tty.err.compare(tty.err.size() - 4, 4, "\r\033[K") != 0) return fail("on a terminal: not cleared", tty);

  run pipe = check(argv[1], line, false);
  if (!WIFEXITED(pipe.status) || WEXITSTATUS(pipe.status) != 0) return fail("on a pipe: exit status", pipe);
  if (!pipe.err.empty()) return fail("on a pipe: progress shown", pipe);
  std::puts("cli_progress: ok");
  return 0;
}
