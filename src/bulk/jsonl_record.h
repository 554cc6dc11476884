// Decodes JSON Lines records: each line one JSON object with exactly the
// structure of a YAML spec file (docs/spec-format.md). The exact builder is
// fed by a walk with simdjson On-Demand, which reports every problem at
// line:column; the fast builder by a one-pass scanner (jsonl_scan.h), which
// gives up on anything unusual.
#pragma once

#include <cstddef>
#include <memory>
#include <string_view>

#include "bulk/exact_record.h"
#include "bulk/fast_chip.h"

namespace eccn::bulk {

// Bytes that must be readable after a record's last byte (simdjson reads
// whole blocks); the content of those bytes does not matter.
inline constexpr size_t kJsonPadding = 64;

class JsonlDecoder {
 public:
  JsonlDecoder();
  ~JsonlDecoder();
  JsonlDecoder(const JsonlDecoder&) = delete;
  JsonlDecoder& operator=(const JsonlDecoder&) = delete;

  // `line` (without its newline) must be followed by kJsonPadding readable
  // bytes. True if the record was read completely; the fast builder's views
  // stay valid until the next call.
  bool Decode(std::string_view line, FastRecordBuilder& builder);
  bool Decode(std::string_view line, ExactRecordBuilder& builder);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace eccn::bulk
