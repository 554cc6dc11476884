// An entry's truth from its evaluated clauses: the condition holds, no
// exclusion note applies and no entry it is subsumed by matches. Shared by
// Classify (with traces), VerdictEvaluator (verdicts only) and the bulk fast path.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "expr/evaluator.h"
#include "rule_set_impl.h"

namespace eccn {

// `earlier` holds the truths of the pack's entries before this one. `Evaluator`
// is expr::Evaluator (exact) or bulk::FastEvaluator (double precision): both
// give value(node).truth.
template <class Evaluator>
Truth EntryTruth(const CompiledEntry& entry, const CompiledPack& pack, const Evaluator& evaluator,
                 std::span<const Truth> earlier) {
  Truth truth = evaluator.value(entry.condition.node).truth;
  for (size_t exclusion : entry.unless) {
    truth = expr::And(truth, expr::Not(evaluator.value(pack.exclusions[exclusion].node).truth));
  }
  for (size_t index : entry.subsumed_by) truth = expr::And(truth, expr::Not(earlier[index]));
  return truth;
}

// A pack's view of the evaluation of merged programs (bulk/merged_program.h),
// by the pack's own node indices, for EntryTruth.
template <class Evaluator>
struct PackValues {
  const Evaluator& evaluator;
  const std::vector<uint32_t>& node_of;  // the pack's node -> merged node
  const auto& value(uint32_t node) const { return evaluator.value(node_of[node]); }
};

inline Verdict ToVerdict(Truth truth) {
  switch (truth) {
    case Truth::kTrue:
      return Verdict::kControlled;
    case Truth::kFalse:
      return Verdict::kNotControlled;
    case Truth::kUnknown:
      return Verdict::kIndeterminate;
  }
  return Verdict::kIndeterminate;
}

}  // namespace eccn
