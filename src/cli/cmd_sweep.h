// eccn sweep: classify a grid or a random sample of hypothetical chips.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "cli/command_support.h"

namespace eccn::cli {

struct SweepOptions {
  std::string market, tpp, pd, die_area, memory_bandwidth, interconnect;
  std::vector<std::string> rates;  // FORMAT=RANGE
  uint64_t random = 0;
  uint64_t seed = 1;
  std::string tpp_format;
  bool summary_only = false;
  std::string format = "csv";  // csv | jsonl
};

CLI::App* AddSweepCommand(CLI::App& app, Options& options, SweepOptions& sweep);
int RunSweep(const Options& options, const SweepOptions& sweep, std::ostream& out, std::ostream& err);

}  // namespace eccn::cli
