// eccn history: how each chip's classification changed as rules changed.
#pragma once

#include <CLI/CLI.hpp>
#include <ostream>

#include "cli/command_support.h"

namespace eccn::cli {

CLI::App* AddHistoryCommand(CLI::App& app, Options& options);
int RunHistory(const Options& options, std::ostream& out, std::ostream& err);

}  // namespace eccn::cli
