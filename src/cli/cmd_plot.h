// eccn plot: the threshold map as SVG (regions from the rules, chips on top).
#pragma once

#include <CLI/CLI.hpp>
#include <ostream>
#include <string>

#include "cli/command_support.h"

namespace eccn::cli {

struct PlotOptions {
  std::string output;  // "" or "-": stdout
  std::string market = "datacenter";
  std::string format;  // the format TPP is set through
};

CLI::App* AddPlotCommand(CLI::App& app, Options& options, PlotOptions& plot);
int RunPlot(const Options& options, const PlotOptions& plot, std::ostream& out, std::ostream& err);

}  // namespace eccn::cli
