#include "cli/cmd_plot.h"

#include <fstream>

#include <fmt/format.h>

#include <eccn/threshold_map.h>
#include "cli/cli.h"

namespace eccn::cli {

CLI::App* AddPlotCommand(CLI::App& app, Options& options, PlotOptions& plot) {
  CLI::App* command = app.add_subcommand(
      "plot", "Draw the TPP / performance-density threshold map with chips on it, as SVG (see docs/plot-and-sweep.md)");
  command->add_option("PATH", options.paths, "Spec files or directories of them (default: catalog/)");
  AddCommonOptions(*command, options, true);
  command->remove_option(command->get_option("--format"));
  command->add_option("-o,--output", plot.output, "Write the SVG to this file (default: stdout)");
  command
      ->add_option("--market", plot.market,
                   "Market of the hypothetical chip the regions are computed for (default: datacenter)")
      ->check(CLI::IsMember({"datacenter", "consumer", "workstation", "embedded"}));
  command->add_option("--tpp-format", plot.format, "Format TPP is set through (default: the first 8-bit one)");
  return command;
}

int RunPlot(const Options& options, const PlotOptions& plot, std::ostream& out, std::ostream& err) {
  const auto as_of = ResolveDate(options.as_of, err);
  if (!as_of) return kUsage;
  int code = 0;
  const auto rules = LoadRuleSet(options.rules_dir, err, code);
  if (!rules) return code;
  const std::vector<std::string> paths = options.paths.empty() ? std::vector<std::string>{"catalog"} : options.paths;
  const auto specs = LoadSpecs(paths, *rules, err, code);
  if (!specs) return code;
  ThresholdMapOptions map;
  map.context = ContextOf(options, *as_of);
  for (Market m : {Market::kDatacenter, Market::kConsumer, Market::kWorkstation, Market::kEmbedded}) {
    if (Name(m) == plot.market) map.market = m;
  }
  map.format = plot.format;
  std::string error;
  const auto svg = ThresholdMapSvg(*rules, *specs, map, &error);
  if (!svg) {
    err << "eccn: plot: " << error << '\n';
    return kUsage;
  }
  if (plot.output.empty() || plot.output == "-") {
    out << *svg;
    return 0;
  }
  std::ofstream file(plot.output, std::ios::binary);
  file << *svg;
  file.close();
  if (!file) {
    err << fmt::format("eccn: cannot write '{}'\n", plot.output);
    return kDataError;
  }
  return 0;
}

}  // namespace eccn::cli
