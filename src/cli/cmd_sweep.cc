#include "cli/cmd_sweep.h"

#include <chrono>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <eccn/sweep.h>
#include "cli/cli.h"

namespace eccn::cli {
namespace {

// Rows are written in chunks of about this size, so memory stays flat.
constexpr size_t kChunkBytes = size_t{1} << 16;

// The knobs in the documented column order; --rate FORMAT=RANGE becomes rate.FORMAT.
std::optional<SweepRequest> RequestOf(const SweepOptions& sweep, std::ostream& err) {
  SweepRequest request;
  const auto add = [&](const char* name, const std::string& range) {
    if (!range.empty()) request.knobs.emplace_back(name, range);
  };
  add("market", sweep.market);
  add("tpp", sweep.tpp);
  add("pd", sweep.pd);
  for (const std::string& rate : sweep.rates) {
    const size_t equals = rate.find('=');
    if (equals == std::string::npos || equals == 0) {
      err << fmt::format("eccn: invalid --rate '{}', expected FORMAT=RANGE such as fp16=100..1000:100 TFLOPS\n", rate);
      return std::nullopt;
    }
    request.knobs.emplace_back("rate." + rate.substr(0, equals), rate.substr(equals + 1));
  }
  add("die-area", sweep.die_area);
  add("memory-bandwidth", sweep.memory_bandwidth);
  add("interconnect", sweep.interconnect);
  request.random_points = sweep.random;
  request.seed = sweep.seed;
  request.tpp_format = sweep.tpp_format;
  return request;
}

}  // namespace

CLI::App* AddSweepCommand(CLI::App& app, Options& options, SweepOptions& sweep) {
  CLI::App* command = app.add_subcommand(
      "sweep", "Classify a grid or random sample of hypothetical chips (see docs/plot-and-sweep.md)");
  AddCommonOptions(*command, options, true);
  command->remove_option(command->get_option("--format"));
  command->add_option("--format", sweep.format, "Output format")->check(CLI::IsMember({"csv", "jsonl"}));
  command->add_option("--tpp", sweep.tpp, "TPP range, e.g. 1000..30000:1000 (set through one 8-bit format)");
  command->add_option("--pd", sweep.pd, "Performance density range, e.g. 0.5..20/40 (die area = TPP / PD)");
  command->add_option("--rate", sweep.rates, "FORMAT=RANGE with a unit, e.g. fp16=100..1000:100 TFLOPS");
  command->add_option("--die-area", sweep.die_area, "Logic die area range, e.g. 300..800:50 mm2");
  command->add_option("--memory-bandwidth", sweep.memory_bandwidth, "Memory bandwidth range, e.g. 1..8:1 TB/s");
  command->add_option("--interconnect", sweep.interconnect, "Bidirectional interconnect range, e.g. 0..900:100 GB/s");
  command->add_option("--market", sweep.market, "Markets, e.g. datacenter,consumer (default: datacenter)");
  command->add_option("--random", sweep.random, "Evaluate N random points instead of the grid");
  command->add_option("--seed", sweep.seed, "Seed of the random sample (default 1)");
  command->add_option("--tpp-format", sweep.tpp_format, "Format --tpp is set through (default: the first 8-bit one)");
  command->add_flag("--summary", sweep.summary_only, "Print only the summary, on stdout");
  return command;
}

int RunSweep(const Options& options, const SweepOptions& sweep, std::ostream& out, std::ostream& err) {
  const auto as_of = ResolveDate(options.as_of, err);
  if (!as_of) return kUsage;
  const auto request = RequestOf(sweep, err);
  if (!request) return kUsage;
  int code = 0;
  const auto rules = LoadRuleSet(options.rules_dir, err, code);
  if (!rules) return code;
  std::string error;
  auto plan = Sweep::Create(*rules, ContextOf(options, *as_of), *request, &error);
  if (!plan) {
    err << "eccn: sweep: " << error << '\n';
    return kUsage;
  }
  const bool csv = sweep.format == "csv";
  std::string buffer;
  buffer.reserve(kChunkBytes * 2);
  if (!sweep.summary_only && csv) plan->AppendCsvHeader(buffer);
  const auto start = std::chrono::steady_clock::now();
  while (plan->Next()) {
    if (sweep.summary_only) continue;
    if (csv) {
      plan->AppendCsvRow(buffer);
    } else {
      plan->AppendJsonLine(buffer);
    }
    if (buffer.size() >= kChunkBytes) {
      out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
      buffer.clear();
    }
  }
  out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::string summary;
  plan->AppendSummaryText(summary);
  (sweep.summary_only ? out : err) << summary;
  err << fmt::format("{} points in {:.3f} s ({:.0f} points/s)\n", plan->summary().points, seconds,
                     seconds > 0 ? static_cast<double>(plan->summary().points) / seconds : 0.0);
  return out ? 0 : static_cast<int>(kInternal);
}

}  // namespace eccn::cli
