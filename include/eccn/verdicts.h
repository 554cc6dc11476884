// Verdicts without explanations, for evaluating very many chips: a sweep of a
// design space, a bulk catalog. Built once for a RuleSet and a Context; each
// Evaluate reuses the same buffers, so evaluating a chip of the same shape as
// the previous one (same formats, same number of dies) allocates nothing when
// its data is complete. Classify gives the same verdicts with every reason.
//
//   eccn::VerdictEvaluator evaluator(rules, eccn::Context{as_of});
//   evaluator.Evaluate(spec);
//   if (evaluator.overall() == eccn::Verdict::kControlled) ...
//
// Not thread-safe: use one per thread (the RuleSet itself is shared).
#pragma once

#include <eccn/classification.h>
#include <eccn/rules.h>
#include <eccn/spec.h>

#include <memory>
#include <span>
#include <string>
#include <vector>

namespace eccn {

class VerdictEvaluator {
 public:
  struct Entry {
    std::string pack;
    std::string id;
    bool control = true;  // false for a review-policy zone
  };
  struct Metric {
    std::string pack;
    std::string id;
    std::string unit;
    bool show = false;
  };

  VerdictEvaluator(const RuleSet& rules, const Context& context);
  ~VerdictEvaluator();
  VerdictEvaluator(VerdictEvaluator&&) noexcept;
  VerdictEvaluator& operator=(VerdictEvaluator&&) noexcept;

  // Entries and metrics of the packs that apply, in pack order.
  const std::vector<Entry>& entries() const { return entries_; }
  const std::vector<Metric>& metrics() const { return metrics_; }

  void Evaluate(const ChipSpec& spec);

  // Of the last Evaluate, parallel to entries() and metrics().
  std::span<const Verdict> verdicts() const { return verdicts_; }
  std::span<const Interval> metric_values() const { return metric_values_; }  // in each metric's unit
  // As Classification::Overall.
  Verdict overall() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
  std::vector<Entry> entries_;
  std::vector<Metric> metrics_;
  std::vector<Verdict> verdicts_;
  std::vector<Interval> metric_values_;
};

}  // namespace eccn
