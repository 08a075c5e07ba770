// The CLI's input: a FILE or standard input, whole or in chunks that end at line breaks, each
// with simdjson's padding after it, and never a copy per line (contract C4). A regular file is
// mapped (its pages dropped again once a chunk is done, so that memory stays flat); anything
// else (a pipe, a terminal) is read in large blocks, a chunk's last partial line carried over.
//
// SPDX-License-Identifier: MIT
#pragma once

#include <simdjson.h>

#include <fcntl.h>
#include <poll.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

namespace cli {

// A piece of one input, ending at a line break or at the input's end.
struct chunk {
  const char* data = nullptr;
  std::size_t size = 0;
  std::size_t capacity = 0;           // readable bytes from data on: size + the padding at least
  std::size_t offset = 0;             // of data[0] in the input
  std::unique_ptr<char[]> owned;      // the block it was read into, when not mapped
  simdjson::padded_string_view view() const noexcept { return simdjson::padded_string_view(data, size, capacity); }
};

class input {
 public:
  input() = default;
  input(const input&) = delete;
  input& operator=(const input&) = delete;
  ~input() {
    if (map_) munmap(map_, map_size_);
    if (fd_ > 0) close(fd_);
  }

  // Opens `path` ("-": standard input). On failure, false and `why` says so with the system's reason.
  bool open(std::string_view path, std::string& why) {
    name_ = path == "-" ? "<stdin>" : std::string(path);
    fd_ = path == "-" ? 0 : ::open(name_.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) return fail("cannot open", why);
    struct stat st{};
    if (fstat(fd_, &st) != 0) return fail("cannot read", why);
    if (S_ISDIR(st.st_mode)) return errno = EISDIR, fail("cannot read", why);
    if (S_ISREG(st.st_mode) && st.st_size > 0) return map(static_cast<std::size_t>(st.st_size), why);
    return true;
  }

  const std::string& name() const noexcept { return name_; }

  // The next chunk of about `target` bytes (more when a line is longer), ending just after a
  // line break or at the input's end; false at the end, or on an error (then `why` is set).
  bool next(chunk& c, std::size_t target, std::string& why) {
    why.clear();
    c = chunk{};
    return map_ ? next_mapped(c, target) : next_read(c, target, true, why);
  }
  // The whole input as one chunk, an empty one included (a document too, if not a valid one);
  // false on an error.
  bool whole(chunk& c, std::string& why) {
    why.clear();
    c = chunk{};
    if (map_ ? next_mapped(c, size_) : next_read(c, std::size_t{1} << 20, false, why)) return true;
    static const char nothing[simdjson::SIMDJSON_PADDING] = {};
    c.data = nothing;
    c.capacity = sizeof nothing;
    return why.empty();
  }

  // Gives back the memory of a mapped chunk that is done with.
  void release(const chunk& c) noexcept {
    if (!map_ || c.owned) return;
    std::size_t page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
    auto from = reinterpret_cast<std::uintptr_t>(c.data), to = from + c.size;
    from = (from + page - 1) / page * page;  // whole pages inside the chunk only
    to = to / page * page;
    if (to > from) madvise(reinterpret_cast<void*>(from), to - from, MADV_DONTNEED);
  }

 private:
  bool fail(const char* what, std::string& why) {
    why = std::string(what) + " " + name_ + ": " + std::strerror(errno);
    return false;
  }

  // The file, and zeroed pages after it for simdjson's padding: an anonymous mapping with the
  // file mapped over its start.
  bool map(std::size_t size, std::string& why) {
    std::size_t total = size + simdjson::SIMDJSON_PADDING;
    void* area = mmap(nullptr, total, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (area == MAP_FAILED) return fail("cannot map", why);
    if (mmap(area, size, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd_, 0) == MAP_FAILED) {
      munmap(area, total);
      return fail("cannot map", why);
    }
    madvise(area, size, MADV_SEQUENTIAL);
    map_ = static_cast<char*>(area);
    map_size_ = total;
    size_ = size;
    return true;
  }

  bool next_mapped(chunk& c, std::size_t target) {
    if (pos_ >= size_) return false;
    std::size_t end = target < size_ - pos_ ? pos_ + target : size_;
    if (end < size_) {
      const void* nl = std::memchr(map_ + end, '\n', size_ - end);
      end = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - map_) + 1 : size_;
    }
    c.data = map_ + pos_;
    c.size = end - pos_;
    c.capacity = map_size_ - pos_;
    c.offset = pos_;
    pos_ = end;
    return true;
  }

  // A block of `target` bytes or more: what was carried over, then reads until it holds a line
  // break (or the input ends; with `lines` false, until the input ends); the bytes after its
  // last break are carried to the next one.
  bool next_read(chunk& c, std::size_t target, bool lines, std::string& why) {
    if (eof_ && carry_.empty()) return false;
    std::size_t cap = target > carry_.size() ? target : 2 * carry_.size();
    std::unique_ptr<char[]> block(new char[cap + simdjson::SIMDJSON_PADDING]);
    std::size_t n = carry_.size();
    std::memcpy(block.get(), carry_.data(), n);
    carry_.clear();
    std::size_t last_break = std::string_view::npos;
    while (!eof_) {
      if (n == cap) {
        if (lines && last_break != std::string_view::npos) break;
        std::unique_ptr<char[]> bigger(new char[2 * cap + simdjson::SIMDJSON_PADDING]);  // a line longer than a block
        std::memcpy(bigger.get(), block.get(), n);
        block = std::move(bigger);
        cap *= 2;
      }
      ssize_t got = ::read(fd_, block.get() + n, cap - n);
      if (got < 0 && errno == EINTR) continue;
      if (got < 0) return fail("cannot read", why);
      if (got == 0) {
        eof_ = true;
        break;
      }
      for (std::size_t i = n + static_cast<std::size_t>(got); lines && i > n; --i)
        if (block[i - 1] == '\n') {
          last_break = i - 1;
          break;
        }
      n += static_cast<std::size_t>(got);
      // Whole lines are handed on when the block is full, or when nothing more has arrived
      // yet (a slow producer: each line is checked when it comes, not when a block is full).
      if (lines && last_break != std::string_view::npos && (n >= target || !readable())) break;
    }
    if (n == 0) return false;
    std::size_t end = !lines || eof_ || last_break == std::string_view::npos ? n : last_break + 1;
    carry_.assign(block.get() + end, n - end);
    std::memset(block.get() + end, 0, simdjson::SIMDJSON_PADDING);
    c.data = block.get();
    c.size = end;
    c.capacity = end + simdjson::SIMDJSON_PADDING;
    c.offset = pos_;
    c.owned = std::move(block);
    pos_ += end;
    return true;
  }

  bool readable() const noexcept {
    pollfd p{fd_, POLLIN, 0};
    return poll(&p, 1, 0) > 0;
  }

  std::string name_;
  int fd_ = -1;
  char* map_ = nullptr;
  std::size_t map_size_ = 0, size_ = 0, pos_ = 0;
  bool eof_ = false;
  std::string carry_;
};

}  // namespace cli
