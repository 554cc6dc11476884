#include "uncertain_values.h"

#include <algorithm>

namespace eccn {
namespace {

expr::Value* FindSlot(const std::string& field, expr::ChipValues& chip) {
  for (size_t i = 0; i < chip.field_paths.size(); ++i) {
    if (chip.field_paths[i] == field) return &chip.fields[i];
  }
  for (expr::Item& item : chip.formats) {
    if (item.path == field) return &item.fields[expr::kFormatRate];
  }
  for (expr::Item& item : chip.dies) {
    if (item.path + ".area" == field) return &item.fields[expr::kDieArea];
  }
  return nullptr;  // the loader only records the fields above
}

}  // namespace

void ApplyUncertain(const std::vector<UncertainValue>& uncertain, const std::vector<size_t>* choice,
                    expr::ChipValues& chip) {
  for (size_t i = 0; i < uncertain.size(); ++i) {
    const UncertainValue& value = uncertain[i];
    expr::Value* slot = FindSlot(value.field, chip);
    if (slot == nullptr) continue;
    const bool chosen = choice != nullptr && !value.alternatives.empty();
    slot->number = chosen ? Interval::Exact(value.alternatives[(*choice)[i]]) : value.range;
  }
}

bool HasAlternatives(const std::vector<UncertainValue>& uncertain) {
  return std::any_of(uncertain.begin(), uncertain.end(),
                     [](const UncertainValue& u) { return !u.alternatives.empty(); });
}

std::vector<std::vector<size_t>> AlternativeChoices(const std::vector<UncertainValue>& uncertain) {
  size_t combinations = 1;
  for (const UncertainValue& value : uncertain) {
    if (value.alternatives.empty()) continue;
    combinations *= value.alternatives.size();
    if (combinations > kMaxAlternativeCombinations) return {};
  }
  if (std::all_of(uncertain.begin(), uncertain.end(), [](const UncertainValue& v) { return v.alternatives.empty(); }))
    return {};
  std::vector<std::vector<size_t>> out;
  std::vector<size_t> choice(uncertain.size(), 0);
  for (size_t n = 0; n < combinations; ++n) {
    out.push_back(choice);
    // Next combination: count in mixed radix over the fields with alternatives.
    for (size_t i = 0; i < uncertain.size(); ++i) {
      if (uncertain[i].alternatives.empty()) continue;
      if (++choice[i] < uncertain[i].alternatives.size()) break;
      choice[i] = 0;
    }
  }
  return out;
}

void ResolveByAlternatives(const std::vector<Classification>& each, Classification& out) {
  if (each.empty()) return;
  for (size_t r = 0; r < out.results.size(); ++r) {
    const EntryResult& open = out.results[r];
    if (open.verdict != Verdict::kIndeterminate || open.depends_on.empty()) continue;
    const Verdict first = each.front().results[r].verdict;
    const bool agree =
        first != Verdict::kIndeterminate &&
        std::all_of(each.begin(), each.end(), [&](const Classification& c) { return c.results[r].verdict == first; });
    if (!agree) continue;
    std::string fields;
    for (const std::string& field : open.depends_on) fields += (fields.empty() ? "" : ", ") + field;
    out.results[r] = each.front().results[r];
    out.results[r].notes.push_back("the same verdict for every combination of the alternative values of " + fields +
                                   "; the trace shows the first combination");
  }
}

}  // namespace eccn
