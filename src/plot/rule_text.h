// What the map says about the rules, read from a classification's traces:
// each entry's condition with its threshold values, and the threshold values
// on each axis metric.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <eccn/classification.h>

namespace eccn::plot {

// The condition clause of `result` with each comparison rewritten from its
// trace: "TPP ≥ 4800 or (TPP ≥ 1600 and PD ≥ 5.92)".
std::string ConditionText(const EntryResult& result);

// The exclusion ids of `result` ("unless" clauses).
std::vector<std::string> Exclusions(const EntryResult& result);

// Every exactly known value that `metric` is compared with, in any clause of
// any result, sorted and without repeats.
std::vector<Number> Thresholds(const Classification& classification, std::string_view metric);

}  // namespace eccn::plot
