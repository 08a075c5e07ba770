// The decoder: simdjson On-Demand, one pass over each object, every value read (so every
// byte is validated), key dispatch through the compile-time field table. Its machinery, in
// the order a decode goes through it: detail/read_document.hpp (the root), read_object.hpp
// (a DTO's members), read_value.hpp (one reader per member kind), raw_walk.hpp (raw JSON),
// first_error.hpp (where a failed decode's error is), all on detail/decode_state.hpp.
//
// SPDX-License-Identifier: MIT
#pragma once

#include <simdjson.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <new>
#include <string_view>

#include "decode_options.hpp"
#include "detail/check.hpp"
#include "detail/memory.hpp"
#include "detail/name_set.hpp"
#include "detail/read_document.hpp"
#include "error.hpp"
#include "reflect.hpp"
#include "response.hpp"

namespace genauth::dto {

// Decodes GenAuth responses. Owns all the memory a decode needs and keeps it: once it has
// decoded a document of N bytes, decoding any document of up to N bytes allocates nothing.
// What a decode returns holds views into this decoder (and, for the padded_string_view
// overload, into the caller's buffer); they stay valid until its next decode.
// Not thread-safe: use one decoder per thread.
class decoder {
 public:
  explicit decoder(decode_options options = {}) noexcept : options_(options) {}
  decoder(const decoder&) = delete;
  decoder& operator=(const decoder&) = delete;

  decode_options& options() noexcept { return options_; }

  // Decodes a copy of `json` (copied once into a padded buffer).
  template <described T = UserSingleRespDto>
  result<T> decode(std::string_view json) noexcept {
    T out;
    if (error e = decode(json, out)) return e;
    return stamped(out);
  }

  // Decodes in place: the caller's buffer has SIMDJSON_PADDING readable bytes past the end
  // and must outlive the result.
  template <described T = UserSingleRespDto>
  result<T> decode(simdjson::padded_string_view json) noexcept {
    T out;
    if (error e = decode(json, out)) return e;
    return stamped(out);
  }

  // The same into a caller's DTO, which saves copying the DTO:
  // `if (auto e = decoder.decode(json, response)) ...`. On error `out` is left empty.
  template <described T>
  error decode(std::string_view json, T& out) noexcept {
    renew();
    if (!reserved(json.size()))
      if (error e = reserve(json.size())) return out = T{}, e;
    std::memcpy(input_.get(), json.data(), json.size());
    std::memset(input_.get() + json.size(), 0, simdjson::SIMDJSON_PADDING);
    return run(simdjson::padded_string_view(input_.get(), json.size(), json.size() + simdjson::SIMDJSON_PADDING), out);
  }
  template <described T>
  error decode(simdjson::padded_string_view json, T& out) noexcept {
    renew();
    if (!reserved(json.length()))
      if (error e = reserve(json.length())) return out = T{}, e;
    error e = run(json, out);
    // simdjson reads the first byte past the document: when it is '}', an unbalanced document
    // fails at its start (simdjson's "the document is unbalanced") instead of at its first
    // error, so the answer would hang on the caller's padding, and a stream's record would be
    // told apart from the same text decoded alone (contract D9, T1). Read then from a copy
    // with zeroed padding, as decode(std::string_view) does. (An error case only.)
    if (e && json.data()[json.length()] == '}') return decode(std::string_view(json.data(), json.length()), out);
    return e;
  }

  // Makes room for documents of up to `bytes` bytes now, so that no later decode of such a
  // document allocates. Memory: about 33 bytes per document byte reserved (simdjson's index,
  // both parsers' string buffers, the list arena and stack sized for the worst case, the
  // lists of unknown member names); a decode touches only what its document needs.
  error reserve(std::size_t bytes) noexcept {
    if (bytes > options_.max_document_bytes)
      return error(error_code::capacity, 0, "document longer than max_document_bytes");
    if (reserved(bytes)) return {};
    std::size_t cap = bytes < min_reserve ? min_reserve : bytes;
    std::size_t padded = cap + simdjson::SIMDJSON_PADDING;
    // A list element costs at most list_bytes_per_byte of storage per input byte (a string, 16 bytes,
    // needs at least 2: ""; an unknown member, 32 bytes, at least 5: "":0,; a finished
    // identity, about 230, far more), plus the identity being decoded and the copies of
    // stringified lists: the list stack never needs to grow during a decode (it cannot).
    std::size_t list_bytes = (list_bytes_per_byte + 1) * cap + min_reserve;
    input_.reset(new (std::nothrow) char[padded]);
    list_input_.reset(new (std::nothrow) char[padded]);
    if (!input_ || !list_input_ || parser_.allocate(cap) || list_parser_.allocate(cap) ||
        !store_.reserve(list_bytes) || !stack_.reserve(list_bytes) || !names_.reserve(cap)) {
      input_.reset();
      reserved_ = 0;
      return error(error_code::capacity, 0, "out of memory");
    }
    reserved_ = cap;
    return {};
  }
  // The least a decoder reserves, so that small documents of varying sizes do not each
  // reallocate; and the bound on list storage per input byte that reserve() relies on.
  static constexpr std::size_t min_reserve = 4096;
  static constexpr std::size_t list_bytes_per_byte = 8;

 private:
  // A decode's result, marked with this decoder's count of decodes (error.hpp's check).
  template <class T>
  result<T> stamped(const T& out) const noexcept {
    result<T> r(out);
    r.decodes_ = &decodes_;
    r.decode_ = decodes_;
    return r;
  }

  // Where views are checked (detail/check.hpp): the memory a result's views may point into
  // (the copy of the input, simdjson's string buffer, the lists) is given back and taken
  // anew before each decode, so that under AddressSanitizer a read through an earlier
  // result is a heap-use-after-free, reported with where it was freed. Elsewhere nothing.
  void renew() noexcept {
    if constexpr (detail::check_views) {
      input_.reset();
      parser_ = simdjson::ondemand::parser{};
      store_ = detail::arena{};
      reserved_ = 0;
    }
  }

  // Whether a document of `bytes` bytes may be decoded without allocating.
  bool reserved(std::size_t bytes) const noexcept {
    return input_ && bytes <= reserved_ && bytes <= options_.max_document_bytes;
  }

  template <described T>
  error run(simdjson::padded_string_view json, T& out) noexcept {
    ++decodes_;
    store_.reset();
    stack_.clear();
    names_.clear();
    detail::decode_state s;
    s.base = json.data();
    s.size = json.length();
    s.opt = &options_;
    s.store = &store_;
    s.stack = &stack_;
    s.names = &names_;
    s.list_parser = &list_parser_;
    s.list_buf = list_input_.get();
    s.list_cap = reserved_ + simdjson::SIMDJSON_PADDING;
    out = T{};
    if constexpr (!supported_dto<T>) (void)detail::unsupported_dto<T>::reported;
    else if (detail::decode_root(s, parser_, json, out)) return {};
    out = T{};
    return s.err;
  }

  decode_options options_;
  simdjson::ondemand::parser parser_;
  simdjson::ondemand::parser list_parser_;
  std::unique_ptr<char[]> input_;
  std::unique_ptr<char[]> list_input_;
  detail::arena store_;
  detail::list_stack stack_;
  detail::name_sets names_;
  std::size_t reserved_ = 0;
  std::uint64_t decodes_ = 0;
};

}  // namespace genauth::dto
