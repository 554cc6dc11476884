// Decision records: a classification with everything an auditor needs to
// re-run it later (docs/decision-records.md). The record holds the inputs as
// read (bytes and normalised form), the digest of every rules file, the
// context and the full result; verifying re-parses and re-classifies with the
// current code and rules and lists every difference.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/report.h"

namespace eccn::cli {

inline constexpr int kRecordVersion = 1;

// One input file as read.
struct RecordInput {
  std::string file;
  std::string text;
};

// `rules_root` is the rules directory (or pack file) the rules came from;
// record file names are relative to it so a record verifies from anywhere.
nlohmann::ordered_json BuildRecord(const Report& report, const RuleSet& rules, const std::filesystem::path& rules_root,
                                   const std::vector<ChipSpec>& specs, const std::vector<RecordInput>& inputs);

// One difference between a record and a re-run: `what` is a JSON pointer into
// the record ("/result/chips/0/verdict") or "rules file NAME".
struct RecordDifference {
  std::string what;
  nlohmann::ordered_json recorded;  // null when absent
  nlohmann::ordered_json current;   // null when absent
};

struct Verification {
  std::string recorded_version;
  std::string recorded_digest;
  std::string current_digest;
  std::vector<RecordDifference> rules;    // rules files changed, added or removed
  std::vector<RecordDifference> results;  // inputs, normalised specs and results
  bool Reproduced() const { return rules.empty() && results.empty(); }
};

// Re-runs `record` (already checked by ReadRecord) against `rules`. Returns
// the problems with the record itself, if any, as diagnostics naming `file`.
Verification VerifyRecord(const nlohmann::ordered_json& record, const RuleSet& rules,
                          const std::filesystem::path& rules_root);

// Parses and checks the structure of a record; diagnostics name `file` with
// line and column.
Loaded<nlohmann::ordered_json> ReadRecord(const std::string& text, const std::string& file);

}  // namespace eccn::cli
