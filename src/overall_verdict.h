// A chip's overall verdict from its entries' verdicts, wherever they are held
// (Classification, VerdictEvaluator, the bulk fast path's outcome).
#pragma once

#include <cstddef>

#include <eccn/classification.h>

namespace eccn {

// Controlled if a control entry is, else indeterminate if one is, else not
// controlled; entries that are not controls (review-policy zones) do not count.
template <class IsControl, class VerdictOf>
Verdict OverallVerdict(size_t entries, IsControl is_control, VerdictOf verdict_of) {
  bool indeterminate = false;
  for (size_t i = 0; i < entries; ++i) {
    if (!is_control(i)) continue;
    const Verdict verdict = verdict_of(i);
    if (verdict == Verdict::kControlled) return Verdict::kControlled;
    indeterminate = indeterminate || verdict == Verdict::kIndeterminate;
  }
  return indeterminate ? Verdict::kIndeterminate : Verdict::kNotControlled;
}

}  // namespace eccn
