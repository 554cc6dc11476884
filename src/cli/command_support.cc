#include "cli/command_support.h"

#include <fmt/format.h>

#include "cli/cli.h"
#include "cli/inputs.h"

namespace eccn::cli {

void AddPostureOptions(CLI::App& command, Options& options) {
  command.add_flag("--cfr-text", options.cfr_text,
                   "Apply the CFR text as written, including provisions the agency does not enforce");
  std::vector<std::string> roles(std::begin(kExporterRoles), std::end(kExporterRoles));
  command.add_option("--exporter", options.exporter, "Who exports, for rules that bind some exporters only")
      ->check(CLI::IsMember(roles));
}

void AddCommonOptions(CLI::App& command, Options& options, bool with_date, const std::vector<std::string>& formats) {
  command.add_option("--rules", options.rules_dir, "Rules directory (default: the bundled rules)");
  if (with_date) {
    command.add_option("--as-of", options.as_of,
                       "Evaluate the rules in force on this date (YYYY-MM-DD; default: today)");
    AddPostureOptions(command, options);
  }
  command.add_option("--format", options.format, "Output format")->check(CLI::IsMember(formats));
}

void PrintDiagnostics(const std::vector<Diagnostic>& diagnostics, std::ostream& err) {
  for (const Diagnostic& d : diagnostics) err << d.ToString() << '\n';
}

int InputErrorCode(const std::vector<Diagnostic>& diagnostics) {
  for (const Diagnostic& d : diagnostics) {
    if (d.severity == Severity::kError && d.location.line == 0 &&
        (d.message == "no such file or directory" || d.message == "cannot open file")) {
      return kNoInput;
    }
  }
  return kDataError;
}

std::optional<Date> ResolveDate(const std::string& text, std::ostream& err) {
  if (text.empty()) return Date::Today();
  auto date = Date::Parse(text);
  if (!date) err << fmt::format("eccn: invalid --as-of '{}', expected YYYY-MM-DD\n", text);
  return date;
}

Context ContextOf(const Options& options, const Date& as_of) {
  return Context(as_of, options.cfr_text ? Posture::kCfrText : Posture::kEnforced, options.exporter);
}

std::optional<RuleSet> LoadRuleSet(const std::string& dir, std::ostream& err, int& code) {
  RuleLoadOptions options{RuleCacheDir(), {}};
  if (auto shipped = ShippedRuleCacheDir(); !shipped.empty()) options.read_only_cache_dirs.push_back(shipped);
  Loaded<RuleSet> rules = LoadRules(LocateRules(dir), options);
  PrintDiagnostics(rules.diagnostics, err);
  if (!rules.ok()) code = InputErrorCode(rules.diagnostics);
  return std::move(rules.value);
}

std::optional<std::vector<ChipSpec>> LoadSpecs(const std::vector<std::string>& paths, const RuleSet& rules,
                                               std::ostream& err, int& code) {
  std::vector<Diagnostic> diagnostics;
  const auto files = ExpandSpecPaths(paths, diagnostics);
  std::vector<ChipSpec> specs;
  for (const auto& file : files) {
    Loaded<ChipSpec> spec = LoadChipSpec(file, rules.formats());
    diagnostics.insert(diagnostics.end(), spec.diagnostics.begin(), spec.diagnostics.end());
    if (spec.value) specs.push_back(std::move(*spec.value));
  }
  PrintDiagnostics(diagnostics, err);
  if (HasErrors(diagnostics)) {
    code = InputErrorCode(diagnostics);
    return std::nullopt;
  }
  return specs;
}

}  // namespace eccn::cli
