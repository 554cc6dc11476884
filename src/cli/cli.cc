#include "cli/cli.h"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <CLI/CLI.hpp>

#include <eccn/eccn.h>
#include "cli/cmd_bulk.h"
#include "cli/cmd_headroom.h"
#include "cli/cmd_history.h"
#include "cli/cmd_license.h"
#include "cli/cmd_plot.h"
#include "cli/cmd_rules_diff.h"
#include "cli/cmd_sweep.h"
#include "cli/cmd_verify.h"
#include "cli/command_support.h"
#include "cli/inputs.h"
#include "cli/render_json.h"
#include "cli/render_text.h"

namespace eccn::cli {
namespace {

int ExitCodeFor(const Report& report) {
  bool indeterminate = false;
  for (const Classification& chip : report.chips) {
    const Verdict verdict = chip.Overall();
    if (verdict == Verdict::kControlled) return kControlled;
    indeterminate = indeterminate || verdict == Verdict::kIndeterminate;
  }
  return indeterminate ? kIndeterminate : kNotControlled;
}

// classify and explain: load everything first, so bad input prints nothing on stdout.
int RunClassify(const Options& options, bool explain, std::ostream& out, std::ostream& err) {
  if (explain || !options.record.empty()) {
    // Explanations and records hold every trace: they are for a few YAML specs, not catalogs.
    const std::optional<std::string> catalog = FirstCatalog(options);
    if (catalog || (!explain && WantsBulk(options))) {
      fmt::print(err, "eccn: {} reads YAML spec files with --format text|json; {}\n",
                 explain ? "explain" : "classify --record",
                 catalog ? fmt::format("'{}' is a catalog", *catalog) : std::string("--format is a stream format"));
      return kUsage;
    }
  }
  if (!explain && WantsBulk(options)) return RunBulkClassify(options, out, err);
  const auto as_of = ResolveDate(options.as_of, err);
  if (!as_of) return kUsage;
  int code = 0;
  const auto rules = LoadRuleSet(options.rules_dir, err, code);
  if (!rules) return code;
  const auto specs = LoadSpecs(options.paths, *rules, err, code);
  if (!specs) return code;
  const Report report = ClassifyAll(*rules, *specs, ContextOf(options, *as_of));
  if (!options.record.empty()) {
    if (const int failed = WriteDecisionRecord(options, report, *rules, *specs, err)) return failed;
  }
  if (options.format == "json") {
    out << ClassifyJsonHead(report);
    for (size_t i = 0; i < report.chips.size(); ++i) out << ClassifyJsonChip(report.chips[i], i == 0);
    out << ClassifyJsonTail(!report.chips.empty());
  } else if (explain) {
    RenderExplainText(report, out);
  } else {
    RenderClassifyText(report, out);
  }
  return ExitCodeFor(report);
}

int RunRulesList(const Options& options, std::ostream& out, std::ostream& err) {
  const auto as_of = ResolveDate(options.as_of, err);
  if (!as_of) return kUsage;
  int code = 0;
  const auto rules = LoadRuleSet(options.rules_dir, err, code);
  if (!rules) return code;
  const RulesQuery query{ContextOf(options, *as_of), options.status, options.applying};
  if (options.format == "json") {
    out << RulesJson(*rules, query).dump(2) << '\n';
  } else {
    RenderRulesListText(*rules, query, out);
  }
  return 0;
}

int RunRulesCheck(const Options& options, std::ostream& out, std::ostream& err) {
  const std::filesystem::path path =
      options.paths.empty() ? LocateRules(options.rules_dir) : std::filesystem::path(options.paths.front());
  Loaded<RuleSet> rules = LoadRules(path);
  std::vector<Diagnostic>& diagnostics = rules.diagnostics;
  if (rules.ok()) {
    const std::vector<Diagnostic> lint = LintRules(*rules.value);
    diagnostics.insert(diagnostics.end(), lint.begin(), lint.end());
  }
  // The countries, groups and license requirements that `eccn license` reads, when the directory has them.
  std::optional<Loaded<LicenseRules>> license;
  if (HasLicenseFiles(path)) {
    license = LoadLicenseRules(path);
    diagnostics.insert(diagnostics.end(), license->diagnostics.begin(), license->diagnostics.end());
  }
  const bool loaded = rules.ok() && (!license || license->ok());
  const bool warnings = std::any_of(diagnostics.begin(), diagnostics.end(),
                                    [](const Diagnostic& d) { return d.severity == Severity::kWarning; });
  const bool ok = loaded && !(options.warnings_are_errors && warnings);
  if (options.format == "json") {
    nlohmann::ordered_json report;
    report["schema_version"] = kJsonSchemaVersion;
    report["path"] = path.string();
    report["ok"] = ok;
    report["diagnostics"] = DiagnosticsJson(diagnostics);
    out << report.dump(2) << '\n';
  } else {
    PrintDiagnostics(diagnostics, err);
    if (ok) {
      size_t entries = 0;
      for (const PackInfo& pack : rules.value->packs()) entries += pack.entries.size();
      const std::string license_data =
          license ? fmt::format(", license data for {} countries", license->value->countries().size()) : "";
      fmt::print(out, "{}: ok{} ({} pack{}, {} entr{}, {} operand formats{})\n", path.string(),
                 warnings ? " with warnings" : "", rules.value->packs().size(),
                 rules.value->packs().size() == 1 ? "" : "s", entries, entries == 1 ? "y" : "ies",
                 rules.value->formats().formats.size(), license_data);
    }
  }
  if (ok) return 0;
  return loaded ? static_cast<int>(kDataError) : InputErrorCode(diagnostics);
}

}  // namespace

int Run(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  CLI::App app{"eccn: is this chip export-controlled, under which rule, and why?", "eccn"};
  app.set_version_flag("--version", std::string(Version()));
  app.require_subcommand(1);
  Options options;

  CLI::App* classify = app.add_subcommand("classify", "Classify chip spec files against the rules in force");
  classify->add_option("PATH", options.paths, "Spec files or directories of them")->required();
  AddCommonOptions(*classify, options, true, {"text", "json", "jsonl", "csv"});
  AddBulkOptions(*classify, options);
  classify->add_option("--record", options.record, "Also write a decision record (JSON) to this file");
  LicenseOptions license_options;
  AddLicenseOptions(*classify, license_options);

  CLI::App* explain = app.add_subcommand("explain", "Show every metric and comparison behind each verdict");
  explain->add_option("PATH", options.paths, "Spec files or directories of them")->required();
  AddCommonOptions(*explain, options, true);
  explain->add_option("--record", options.record, "Also write a decision record (JSON) to this file");

  CLI::App* history = AddHistoryCommand(app, options);
  CLI::App* verify = AddVerifyCommand(app, options);
  HeadroomArgs headroom_args;
  CLI::App* headroom = AddHeadroomCommand(app, options, headroom_args);
  CLI::App* license = AddLicenseCommand(app, options, license_options);
  SweepOptions sweep_options;
  CLI::App* sweep = AddSweepCommand(app, options, sweep_options);
  PlotOptions plot_options;
  CLI::App* plot = AddPlotCommand(app, options, plot_options);

  CLI::App* rules = app.add_subcommand("rules", "List or check rule packs");
  rules->require_subcommand(1);
  CLI::App* list = rules->add_subcommand("list", "List the rule packs and which apply on a date");
  AddCommonOptions(*list, options, true);
  std::vector<std::string> statuses(std::begin(kPackStatuses), std::end(kPackStatuses));
  list->add_option("--status", options.status, "Only packs with this status")->check(CLI::IsMember(statuses));
  list->add_flag("--applying", options.applying, "Only packs that apply on the date (see --as-of, --cfr-text)");
  CLI::App* check = rules->add_subcommand("check", "Validate a rules directory or pack file");
  check->add_option("PATH", options.paths, "Rules directory or pack file (default: the bundled rules)")->expected(0, 1);
  AddCommonOptions(*check, options, false);
  check->add_flag("--werror", options.warnings_are_errors, "Fail (exit 65) on warnings too");
  CLI::App* diff = AddRulesDiffCommand(*rules, options);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e, out, err);
    return code == 0 ? 0 : kUsage;
  }
  try {
    if (classify->parsed() && !license_options.to.empty()) return RunLicense(options, license_options, out, err);
    if (classify->parsed()) return RunClassify(options, false, out, err);
    if (license->parsed()) return RunLicense(options, license_options, out, err);
    if (explain->parsed()) return RunClassify(options, true, out, err);
    if (history->parsed()) return RunHistory(options, out, err);
    if (verify->parsed()) return RunVerify(options, out, err);
    if (headroom->parsed()) return RunHeadroom(options, headroom_args, out, err);
    if (sweep->parsed()) return RunSweep(options, sweep_options, out, err);
    if (plot->parsed()) return RunPlot(options, plot_options, out, err);
    if (list->parsed()) return RunRulesList(options, out, err);
    if (check->parsed()) return RunRulesCheck(options, out, err);
    if (diff->parsed()) return RunRulesDiff(options, out, err);
  } catch (const std::exception& e) {
    err << "eccn: internal error: " << e.what() << '\n';
    return kInternal;
  }
  return kUsage;
}

}  // namespace eccn::cli
