// What every command needs: its options, loading rules and specs with
// diagnostics on stderr, and the evaluation context.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include <eccn/eccn.h>

namespace eccn::cli {

struct Options {
  std::vector<std::string> paths;
  std::string rules_dir;
  std::string as_of;
  std::string format = "text";
  bool warnings_are_errors = false;
  bool cfr_text = false;
  std::string exporter;
  std::string status;        // rules list --status
  bool applying = false;     // rules list --applying
  std::string record;        // classify --record FILE
  std::string diff_from;     // rules diff A
  std::string diff_to;       // rules diff B
  bool plane = false;        // rules diff --plane
  std::string input_format;  // classify --input-format: "" (by extension), yaml, jsonl or csv
  bool fail_fast = false;    // classify --fail-fast
  bool exact_only = false;   // classify --exact: no double-precision fast path
  size_t jobs = 0;           // classify --jobs: worker threads, 0 for one per core
};

// --cfr-text and --exporter.
void AddPostureOptions(CLI::App& command, Options& options);

// --rules, --format and, with a date, --as-of, --cfr-text and --exporter.
void AddCommonOptions(CLI::App& command, Options& options, bool with_date,
                      const std::vector<std::string>& formats = {"text", "json"});

void PrintDiagnostics(const std::vector<Diagnostic>& diagnostics, std::ostream& err);

// The exit code for input problems: missing paths are 66, the rest 65.
int InputErrorCode(const std::vector<Diagnostic>& diagnostics);

// Resolves --as-of (default today); reports and returns nullopt if malformed.
std::optional<Date> ResolveDate(const std::string& text, std::ostream& err);

Context ContextOf(const Options& options, const Date& as_of);

// Loads the rules; on failure sets `code` and returns nullopt.
std::optional<RuleSet> LoadRuleSet(const std::string& dir, std::ostream& err, int& code);

// Loads every spec under `paths`; on any error reports all of them, sets
// `code` and returns nullopt, so nothing is printed on stdout.
std::optional<std::vector<ChipSpec>> LoadSpecs(const std::vector<std::string>& paths, const RuleSet& rules,
                                               std::ostream& err, int& code);

}  // namespace eccn::cli
