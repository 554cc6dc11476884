// VerdictEvaluator: the verdict path of Classify without traces, with every
// buffer (chip layout, node values, truths) kept between chips.
#include <eccn/verdicts.h>

#include <optional>

#include "bulk/merged_program.h"
#include "chip_values.h"
#include "entry_truth.h"
#include "expr/evaluator.h"
#include "overall_verdict.h"
#include "rule_set_impl.h"

namespace eccn {

struct VerdictEvaluator::State {
  std::shared_ptr<const RuleSet::Impl> rules;
  std::vector<size_t> packs;  // indices of the packs that apply
  // Their programs as one, so what several packs compute alike (TPP, PD) is computed once.
  bulk::MergedProgram merged;
  std::optional<expr::Evaluator> evaluator;  // of `merged`, which stays where State is
  std::vector<Truth> truths;                 // of one pack's entries, reused
  expr::ChipValues chip;
  bool prepared = false;
};

VerdictEvaluator::VerdictEvaluator(const RuleSet& rules, const Context& context) : state_(std::make_unique<State>()) {
  state_->rules = rules.impl_;
  for (size_t i = 0; i < rules.impl_->packs.size(); ++i) {
    const PackInfo& pack = rules.impl_->packs[i];
    if (!pack.AppliesOn(context)) continue;
    state_->packs.push_back(i);
    for (const EntryInfo& entry : pack.entries) entries_.push_back({pack.id, entry.id, pack.IsControl()});
    for (const MetricInfo& metric : pack.metrics) metrics_.push_back({pack.id, metric.id, metric.unit, metric.show});
  }
  std::vector<const expr::Program*> programs;
  for (const size_t pack : state_->packs) programs.push_back(&rules.impl_->compiled[pack].program);
  state_->merged = bulk::MergePrograms(programs);
  state_->evaluator.emplace(state_->merged.program);
  verdicts_.resize(entries_.size(), Verdict::kIndeterminate);
  metric_values_.resize(metrics_.size(), Interval::Everything());
}

VerdictEvaluator::~VerdictEvaluator() = default;
VerdictEvaluator::VerdictEvaluator(VerdictEvaluator&&) noexcept = default;
VerdictEvaluator& VerdictEvaluator::operator=(VerdictEvaluator&&) noexcept = default;

void VerdictEvaluator::Evaluate(const ChipSpec& spec) {
  State& s = *state_;
  if (s.prepared && SameShape(spec, s.rules->formats, s.chip)) {
    RefillChip(spec, s.rules->formats, s.chip);
  } else {
    s.chip = PrepareChip(spec, s.rules->formats);
    s.prepared = true;
  }
  s.evaluator->Run(s.chip);
  size_t entry = 0;
  size_t metric = 0;
  for (size_t p = 0; p < s.packs.size(); ++p) {
    const CompiledPack& pack = s.rules->compiled[s.packs[p]];
    const PackValues<expr::Evaluator> evaluator{*s.evaluator, s.merged.node_of[p]};
    for (const CompiledMetric& m : pack.metrics) {
      Interval& out = metric_values_[metric++];
      out = evaluator.value(m.node).number;
      if (!out.lo_unbounded) out.lo /= m.display_scale;
      if (!out.hi_unbounded) out.hi /= m.display_scale;
    }
    s.truths.clear();
    for (const CompiledEntry& compiled : pack.entries) {
      s.truths.push_back(EntryTruth(compiled, pack, evaluator, s.truths));
      verdicts_[entry++] = ToVerdict(s.truths.back());
    }
  }
}

Verdict VerdictEvaluator::overall() const {
  return OverallVerdict(
      entries_.size(), [this](size_t i) { return entries_[i].control; }, [this](size_t i) { return verdicts_[i]; });
}

}  // namespace eccn
