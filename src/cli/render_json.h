// Machine-readable output (schema documented in README.md, "JSON output").
#pragma once

#include <nlohmann/json.hpp>

#include "cli/report.h"

namespace eccn::cli {

inline constexpr int kJsonSchemaVersion = 1;

nlohmann::ordered_json ClassifyJson(const Report& report);
// The same document as ClassifyJson(report).dump(2), written a chip at a time
// so a catalog of any size streams: the head (report.chips is not read), then
// each chip (`first` for the first one), then the tail.
std::string ClassifyJsonHead(const Report& report);
std::string ClassifyJsonChip(const Classification& chip, bool first);
std::string ClassifyJsonTail(bool any_chip);
// One element of "chips" in ClassifyJson, as dump() writes it: also one line
// of --format jsonl. ChipJson is the same as a tree.
void AppendChipJson(std::string& out, const Classification& chip);
nlohmann::ordered_json ChipJson(const Classification& chip);
nlohmann::ordered_json RulesJson(const RuleSet& rules, const RulesQuery& query);
// The verdict, controlling and indeterminate entries, review zones and notice
// ids: what history and rules diff compare.
nlohmann::ordered_json ClassificationStateJson(const Classification& chip);
nlohmann::ordered_json DiagnosticsJson(const std::vector<Diagnostic>& diagnostics);

}  // namespace eccn::cli
