// eccn verify RECORD: re-runs a decision record with the current code and
// rules and reports every difference.
#pragma once

#include <ostream>

#include <CLI/CLI.hpp>

#include "cli/command_support.h"
#include "cli/report.h"

namespace eccn::cli {

CLI::App* AddVerifyCommand(CLI::App& app, Options& options);
int RunVerify(const Options& options, std::ostream& out, std::ostream& err);

// Writes the decision record of a classify run to options.record, whole or
// not at all. Returns 0 or an exit code after reporting on `err`.
int WriteDecisionRecord(const Options& options, const Report& report, const RuleSet& rules,
                        const std::vector<ChipSpec>& specs, std::ostream& err);

}  // namespace eccn::cli
