// How a chip's classification changes over time as rule packs take effect,
// end, or stop being enforced.
//
//   for (const eccn::HistoryStep& step : eccn::ClassificationHistory(rules, spec, context)) ...
#pragma once

#include <eccn/classification.h>
#include <eccn/rules.h>
#include <eccn/spec.h>

#include <string>
#include <vector>

namespace eccn {

// One day on which the set of applying packs changes.
struct HistoryStep {
  Date date;
  std::vector<std::string> packs_started;  // ids of packs applying from this day
  std::vector<std::string> packs_stopped;  // ids of packs applying the day before, not on this day
  Classification before;                   // on the day before
  Classification after;                    // on this day
  // The verdict, the controlling entries, review zones or notices differ.
  bool changed = false;
};

// Every change date up to and including `context.as_of`, under its posture
// and exporter, oldest first. Exact: each classification is a full one.
std::vector<HistoryStep> ClassificationHistory(const RuleSet& rules, const ChipSpec& spec, const Context& context);

// The parts of a classification a history compares: the verdict, then the
// control entries with their verdicts, review zones and notices, as text.
std::string ClassificationSignature(const Classification& classification);

}  // namespace eccn
