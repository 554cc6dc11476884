// Uncertain spec values (ChipSpec::uncertain) in a classification: ranges are
// evaluated as intervals, alternatives one combination at a time.
#pragma once

#include <vector>

#include <eccn/classification.h>
#include <eccn/spec.h>
#include "expr/evaluator.h"

namespace eccn {

// Sets each uncertain field of `chip` to its range or, with `choice`, to the
// chosen alternative (choice[i] indexes uncertain[i].alternatives; fields
// without alternatives keep their range).
void ApplyUncertain(const std::vector<UncertainValue>& uncertain, const std::vector<size_t>* choice,
                    expr::ChipValues& chip);

// True if some uncertain field has alternatives (not only a range): Classify
// then also tries each combination, so verdict-only evaluation of the ranges
// (VerdictEvaluator) may be coarser than Classify.
bool HasAlternatives(const std::vector<UncertainValue>& uncertain);

// Every combination of the alternatives, or none when there are no
// alternatives or more than kMaxAlternativeCombinations (the range result,
// sound but coarser, then stands).
inline constexpr size_t kMaxAlternativeCombinations = 256;
std::vector<std::vector<size_t>> AlternativeChoices(const std::vector<UncertainValue>& uncertain);

// Settles entries the range evaluation left open on uncertain data when every
// combination of alternatives (`each`, parallel results) gives one verdict.
void ResolveByAlternatives(const std::vector<Classification>& each, Classification& out);

}  // namespace eccn
