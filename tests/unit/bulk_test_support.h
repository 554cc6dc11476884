// Helpers for the bulk tests: decode one catalog record with the exact or
// the fast builder, and classify it both ways.
#pragma once

#include <fmt/format.h>

#include <array>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <eccn/eccn.h>
#include "bulk/csv_record.h"
#include "bulk/exact_record.h"
#include "bulk/fast_classifier.h"
#include "bulk/jsonl_record.h"
#include "test_rules.h"

namespace eccn::testing_support {

// A JSON Lines chip with random rates, die area, market, memory bandwidth
// (sometimes absent) and described_in (sometimes absent): metrics with long
// expansions (PD is TPP over an area) put the rounding of digits at stake.
inline std::string RandomRecord(std::mt19937_64& random, int index) {
  std::uniform_real_distribution<double> rate(1, 2000);
  std::uniform_real_distribution<double> area(20, 1000);
  const std::array<const char*, 3> markets{"datacenter", "consumer", "unknown"};
  const std::array<const char*, 3> described{R"(, "described_in": [])", R"(, "described_in": ["5A992.c"])", ""};
  return fmt::format(
      R"({{"name": "Chip {}", "marketed_for": "{}", "throughput": {{"fp16": "{:.{}f} TFLOPS", "int8": "{:.2f} TOPS"}}, )"
      R"("dies": [{{"area": "{:.1f} mm2", "transistors": "finfet", "role": "logic", "count": {}}}], )"
      R"("memory": {{"type": "HBM3"{}}}{}}})",
      index, markets[random() % markets.size()], rate(random), static_cast<int>(random() % 6), rate(random),
      area(random), 1 + random() % 2,
      random() % 4 == 0 ? "" : fmt::format(R"(, "bandwidth": "{:.2f} TB/s")", rate(random) / 100),
      described[random() % described.size()]);
}

// A record with the padding simdjson reads past its end.
inline std::string Padded(std::string_view line) { return std::string(line) + std::string(bulk::kJsonPadding, ' '); }

// Decodes `line` into `builder` as a worker does (reset, then the padded
// record); false if the fast decoder gives up. The chip's texts are views
// into `padded`, which must outlive their use.
inline bool DecodeFast(std::string_view line, std::string& padded, bulk::JsonlDecoder& decoder,
                       bulk::FastRecordBuilder& builder) {
  padded = Padded(line);
  builder.Reset();
  return decoder.Decode(std::string_view(padded.data(), line.size()), builder);
}

struct Decoded {
  std::optional<ChipSpec> spec;
  std::vector<Diagnostic> diagnostics;
};

inline Decoded DecodeJsonl(std::string_view line, int64_t line_number = 1) {
  const std::string padded = Padded(line);
  const std::string_view record(padded.data(), line.size());
  Decoded out;
  bulk::JsonlDecoder decoder;
  bulk::ExactRecordBuilder builder(Formats(), {"chips.jsonl", line_number, record.data()}, out.diagnostics);
  decoder.Decode(record, builder);
  out.spec = builder.Finish();
  return out;
}

// "line:column: message" of each diagnostic.
inline std::vector<std::string> Errors(const std::vector<Diagnostic>& diagnostics) {
  std::vector<std::string> out;
  for (const Diagnostic& d : diagnostics) {
    out.push_back(std::to_string(d.location.line) + ":" + std::to_string(d.location.column) + ": " + d.message);
  }
  return out;
}

// The fast path for many records: one classifier and worker, so what the
// worker remembers between records (truth patterns) is used as in a catalog.
class FastJsonlPath {
 public:
  explicit FastJsonlPath(const Context& context) : classifier_(ShippedRules(), context), worker_(classifier_) {}

  const bulk::FastClassifier& classifier() const { return classifier_; }

  // The fast path's verdicts for a JSONL record, or nullopt if it defers to
  // the exact path; with `find_missing`, also what open entries need (left
  // empty when the fast path cannot tell).
  std::optional<bulk::FastOutcome> Classify(std::string_view line, bool find_missing = false) {
    std::string padded;
    if (!DecodeFast(line, padded, decoder_, builder_)) return std::nullopt;
    // One outcome for every record, as a worker keeps it: what one record
    // leaves in it must not show in the next.
    if (!worker_.Classify(builder_.chip(), outcome_)) return std::nullopt;
    if (find_missing) worker_.AddTableDetails(builder_.chip(), outcome_);
    return outcome_;
  }

 private:
  const bulk::FastClassifier classifier_;
  bulk::FastClassifier::Worker worker_;
  bulk::JsonlDecoder decoder_;
  bulk::FastRecordBuilder builder_{Formats()};
  bulk::FastOutcome outcome_;
};

inline std::optional<bulk::FastOutcome> FastJsonl(std::string_view line, const Context& context) {
  return FastJsonlPath(context).Classify(line);
}

inline std::vector<Verdict> ExactVerdicts(const ChipSpec& spec, const Context& context) {
  std::vector<Verdict> out;
  for (const EntryResult& r : ShippedRules().Classify(spec, context).results) out.push_back(r.verdict);
  return out;
}

}  // namespace eccn::testing_support
