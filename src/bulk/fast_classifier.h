// Classifies decoded catalog records with the packs that apply in a context,
// in double precision (fast_evaluator.h), giving the verdicts and metric
// values the exact classifier gives, or saying that it cannot be sure.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <eccn/rules.h>
#include "bulk/fast_chip.h"
#include "bulk/fast_evaluator.h"
#include "bulk/fast_missing.h"
#include "bulk/merged_program.h"
#include "bulk/truth_tail.h"

namespace eccn {
struct CompiledPack;
}

namespace eccn::bulk {

// One entry of a pack that applies: its verdict is reported per record.
struct EntryColumn {
  const PackInfo* pack = nullptr;
  const EntryInfo* entry = nullptr;
  bool control = true;  // a control, not a review-policy zone
};

struct MetricColumn {
  const PackInfo* pack = nullptr;
  const MetricInfo* metric = nullptr;
  // Display units per base unit: the inverse of the scale (itself within an
  // ulp), rounded once, as a product costs less than a quotient.
  double display_inverse = 1;
  uint32_t node = 0;  // in the merged program
};

// A metric known exactly, as the fast path holds it: in display units, within
// `error` of the exact value.
struct FastMetric {
  double value = 0;
  double error = 0;

  bool operator==(const FastMetric&) const = default;
};

// FastOutcome::pattern when the verdicts came from no remembered pattern.
inline constexpr uint32_t kNoPattern = UINT32_MAX;

// What the fast path reports for one record, in the order of the classifier's columns.
struct FastOutcome {
  std::vector<Verdict> verdicts;  // per EntryColumn
  // The number (0, 1, ...) the worker that classified the record gave the
  // truth pattern the verdicts follow from: the same number, the same
  // verdicts. kNoPattern when it remembers none for them.
  uint32_t pattern = kNoPattern;
  std::vector<std::optional<FastMetric>> metrics;  // per MetricColumn; nullopt unless known exactly
  // Per MetricColumn, filled by Worker::AddTableDetails only: true when
  // nothing is known of the value, as for a quantity the spec leaves out
  // ([0, unbounded) or unbounded both ways).
  std::vector<bool> unknown_metrics;
  std::vector<std::string_view> notices;  // ids of notices naming the chip
  // Per EntryColumn, what an open entry needs (EntryResult::missing), when
  // `missing_found`: filled by Worker::AddTableDetails only. The lists keep
  // their storage from one record to the next; the names are views of the
  // classifier's data, valid while it lives.
  std::vector<std::vector<std::string_view>> missing;
  bool missing_found = false;
};

class FastClassifier {
 public:
  FastClassifier(const RuleSet& rules, const Context& context);
  // Workers keep references into it (the merged program): it stays where it is built.
  FastClassifier(const FastClassifier&) = delete;
  FastClassifier& operator=(const FastClassifier&) = delete;

  std::span<const EntryColumn> entries() const { return entries_; }
  std::span<const MetricColumn> metrics() const { return metrics_; }

  // Appends the ids of the notices of the packs that apply naming `chip`.
  void AddNotices(std::string_view chip, std::vector<std::string_view>& out) const;

  // Per-thread state: evaluators and buffers, allocated once.
  class Worker {
   public:
    explicit Worker(const FastClassifier& classifier);
    // False when the exact path must decide this record.
    bool Classify(const FastChip& chip, FastOutcome& out);
    // After Classify(chip, out), for the table: fills out.unknown_metrics and,
    // when an entry that controls is open, out.missing (out.missing_found);
    // false when only the exact path can tell what it needs (see fast_missing.h).
    bool AddTableDetails(const FastChip& chip, FastOutcome& out);

   private:
    // The verdicts from the truth tail and the entries' clauses (RunDeferred first).
    void Verdicts(std::vector<Verdict>& out);

    const FastClassifier& classifier_;
    FastEvaluator evaluator_;  // runs the merged program of the packs that apply
    std::vector<Truth> truths_;
    // Pattern numbers by TruthKey; pattern p's verdicts start at p x entries
    // in verdicts_by_pattern_.
    std::unordered_map<uint64_t, uint32_t> patterns_;
    std::vector<Verdict> verdicts_by_pattern_;
    // What open entries need, by MissingFields::Key: a catalog's records
    // mostly lack the same few fields.
    std::unordered_map<std::string, std::vector<std::vector<std::string_view>>> missing_by_key_;
    std::string missing_key_;
  };

 private:
  struct Pack {
    const PackInfo* info = nullptr;
    const CompiledPack* compiled = nullptr;
  };
  std::vector<Pack> packs_;
  MergedProgram merged_;                  // of packs_, in order
  TruthTail tail_;                        // of merged_, for the entries' clauses
  std::optional<MissingFields> missing_;  // of packs_, built once they are in place
  std::vector<EntryColumn> entries_;
  std::vector<MetricColumn> metrics_;
};

}  // namespace eccn::bulk
