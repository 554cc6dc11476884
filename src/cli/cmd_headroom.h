// eccn headroom: how far each chip is from changing verdict along each knob,
// and the reverse form (--die-area): the throughput ceiling of each entry.
#pragma once

#include <CLI/CLI.hpp>
#include <ostream>
#include <string>

#include "cli/command_support.h"

namespace eccn::cli {

struct HeadroomArgs {
  std::string die_area;            // reverse form: "814 mm2"
  std::string format_mix = "fp8";  // "fp8=2,bf16=1"
  std::string marketed_for = "datacenter";
};

CLI::App* AddHeadroomCommand(CLI::App& app, Options& options, HeadroomArgs& args);
int RunHeadroom(const Options& options, const HeadroomArgs& args, std::ostream& out, std::ostream& err);

}  // namespace eccn::cli
