// A catalog's records share one layout: the same keys in the same order,
// spaced the same way, with only the values changing. The scanner (jsonl_scan.h)
// learns that layout from a record it took: the bytes between the values, and
// the builder calls the values went to. The next record is then read by
// replaying it: compare the bytes between values, find each value's end, make
// the same calls. A record whose bytes outside its values are those of a
// record the scanner took has the same structure, so the scanner would make
// the same calls with the same values; anything else (another key, a space
// more, an escape or a null where a string was) is a mismatch, and the
// scanner reads the record instead.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "bulk/fast_chip.h"
#include "spec_fields.h"

namespace eccn::bulk {

// One call of the scanner to its FastRecordBuilder.
struct LayoutCall {
  enum class Kind : uint8_t {
    kSet,
    kSetRate,
    kSetNullRate,  // a rate listed as null: supported, rate unknown
    kStartThroughput,
    kStartDies,
    kAddDie,
    kStartDescribedIn,
    kAddDescribedIn,
    kAddSource,
    kSkipString  // a string the scanner checks and drops (notes, extensions): no call
  };
  Kind kind = Kind::kSet;
  SpecField field = SpecField::kName;  // kSet
  uint32_t format = 0;                 // kSetRate, kSetNullRate: the index in builder.formats().formats

  static LayoutCall Rate(Kind kind, size_t format) { return {kind, SpecField::kName, static_cast<uint32_t>(format)}; }
};

// Makes `call` with `text` (the value, or empty for the calls that take none).
bool ApplyCall(FastRecordBuilder& builder, const LayoutCall& call, std::string_view text);

// A call as the scanner made it, with the text it passed.
struct LoggedCall {
  LayoutCall call;
  std::string_view text;
};

class ScanLayout {
 public:
  enum class Replay { kTaken, kRefused, kMismatch };
  // Longer records are read by the scanner: a layout stays small.
  static constexpr size_t kMaxLineBytes = 4096;

  bool learnt() const { return formats_ != nullptr; }
  void Forget() { formats_ = nullptr; }
  // Learns the layout of `line`, which the scanner took making `calls`
  // (their texts views into `line`, or none). Learns nothing from a
  // record it cannot replay (an escaped string, a long record).
  void Learn(std::string_view line, const std::vector<LoggedCall>& calls, const FormatTable& formats);
  // Reads `line` (followed by kJsonPadding bytes) into `builder`: kTaken,
  // kRefused when a call returned false (as the scanner's would have), or
  // kMismatch, the builder then holding part of the record.
  Replay Read(std::string_view line, FastRecordBuilder& builder) const;

 private:
  struct Step {
    enum class Kind : uint8_t { kLiteral, kString, kDigits, kCall };
    Kind kind = Kind::kLiteral;
    LayoutCall call;    // kCall
    uint32_t from = 0;  // kLiteral: literals_[from, from + size)
    uint32_t size = 0;
  };
  void AddLiteral(std::string_view bytes);

  std::vector<Step> steps_;
  std::string literals_;                  // followed by kSameBytesBlock bytes of padding, for SameBytes
  const FormatTable* formats_ = nullptr;  // the table the calls' format indices are in; null: none learnt
};

}  // namespace eccn::bulk
