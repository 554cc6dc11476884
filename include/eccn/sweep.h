// Design-space sweeps: classify a grid or a seeded random sample of
// hypothetical chips (see hypothetical.h), one knob per varied field.
//
//   eccn::SweepRequest request;
//   request.knobs = {{"tpp", "1000..30000:1000"}, {"pd", "0.5..20/40"}};
//   std::string error;
//   auto sweep = eccn::Sweep::Create(rules, eccn::Context{as_of}, request, &error);
//   std::string out;
//   sweep->AppendCsvHeader(out);
//   while (sweep->Next()) { sweep->AppendCsvRow(out); /* write out when large, clear */ }
//
// Range syntax (docs/plot-and-sweep.md): V | V1,V2,... | LO..HI:STEP |
// LO..HI/N (N evenly spaced values, both ends included) | LO..HI (random
// sampling only), followed by a unit for dimensioned knobs ("1..8:1 TB/s").
// Knobs: tpp, pd, die-area, memory-bandwidth, interconnect, market
// (datacenter, consumer, workstation, embedded) and rate.FORMAT.
//
// Next() allocates nothing: it sets the knobs on one reused spec and runs one
// reused VerdictEvaluator; the Append functions only grow `out`.
#pragma once

#include <eccn/hypothetical.h>
#include <eccn/rules.h>
#include <eccn/verdicts.h>

#include <array>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace eccn {

struct SweepRequest {
  // (knob, range) in the order given; each knob at most once.
  std::vector<std::pair<std::string, std::string>> knobs;
  uint64_t random_points = 0;  // 0: the full grid; else this many random points
  uint64_t seed = 1;
  std::string tpp_format;  // the format TPP is set through; "": the first 8-bit format
};

// One varied field and its values, as parsed from a range.
struct SweepKnob {
  enum class Kind { kMarket, kTpp, kDensity, kRate, kDieArea, kMemoryBandwidth, kInterconnect };
  Kind kind = Kind::kTpp;
  std::string name;            // as given: "tpp", "rate.fp16", "memory-bandwidth"
  std::string column;          // output column: "tpp", "throughput.fp16 [TFLOPS]"
  size_t format = 0;           // kRate: index in the hypothetical chip's formats
  std::string unit;            // as written; values are in this unit
  Number scale = 1;            // base units per `unit`
  std::vector<Number> values;  // values listed (V1,V2,...); empty for a span or a continuous range
  Number lo = 0;
  Number hi = 0;
  // A span (LO..HI:STEP, LO..HI/N): `steps` values lo + i * step, made as
  // they are needed, so that a long span takes no memory. 0: no span.
  Number step = 0;
  size_t steps = 0;
  std::vector<Market> markets;  // kMarket
  // Number of discrete choices (markets or values); 0 for a continuous range [lo, hi].
  size_t choices() const {
    if (kind == Kind::kMarket) return markets.size();
    return values.empty() ? steps : values.size();
  }
  // Discrete value i < choices() (not of kMarket).
  Number Value(size_t i) const { return values.empty() ? lo + step * Number(i) : values[i]; }
};

struct SweepSummary {
  uint64_t points = 0;
  std::array<uint64_t, 3> overall{};               // by Verdict
  std::vector<std::array<uint64_t, 3>> per_entry;  // parallel to the evaluator's entries
};

class Sweep {
 public:
  static std::optional<Sweep> Create(const RuleSet& rules, const Context& context, const SweepRequest& request,
                                     std::string* error);

  // Points to evaluate: the grid size or the number of random points.
  uint64_t size() const { return size_; }
  // Moves to the next point and evaluates it; false when every point is done.
  bool Next();

  const VerdictEvaluator& evaluator() const { return evaluator_; }
  const SweepSummary& summary() const { return summary_; }

  void AppendCsvHeader(std::string& out) const;
  void AppendCsvRow(std::string& out) const;
  void AppendJsonLine(std::string& out) const;
  // Counts per verdict and per entry, as text lines.
  void AppendSummaryText(std::string& out) const;

 private:
  Sweep(HypotheticalChip chip, VerdictEvaluator evaluator);
  void Apply();

  HypotheticalChip chip_;
  VerdictEvaluator evaluator_;
  std::vector<SweepKnob> knobs_;
  std::vector<size_t> index_;    // per knob: the index of its current value (grid)
  std::vector<Number> current_;  // per knob: its current value, in its unit
  std::vector<std::string> metric_columns_;
  std::vector<std::string> entry_columns_;
  bool random_ = false;
  std::mt19937_64 rng_;
  uint64_t size_ = 0;
  uint64_t done_ = 0;
  SweepSummary summary_;
};

}  // namespace eccn
