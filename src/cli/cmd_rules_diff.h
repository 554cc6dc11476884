// eccn rules diff A B [PATH...]: what changes between two dates or two packs.
#pragma once

#include <ostream>

#include <CLI/CLI.hpp>

#include "cli/command_support.h"

namespace eccn::cli {

// Adds `diff` under the `rules` command.
CLI::App* AddRulesDiffCommand(CLI::App& rules, Options& options);
int RunRulesDiff(const Options& options, std::ostream& out, std::ostream& err);

}  // namespace eccn::cli
