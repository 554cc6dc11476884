#include "cli/cmd_license.h"

#include "cli/cmd_bulk.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "cli/cli.h"
#include "cli/inputs.h"
#include "cli/render_license.h"

namespace eccn::cli {
namespace {

// Resolves a code or name given on the command line; reports an unknown one.
bool Resolve(const LicenseRules& rules, const std::string& option, const std::string& text, std::string& code,
             std::ostream& err) {
  std::string error;
  const Country* country = rules.FindCountry(text, error);
  if (country == nullptr) {
    fmt::print(err, "eccn: {}: {}\n", option, error);
    return false;
  }
  code = country->code;
  return true;
}

std::optional<std::vector<std::string>> Destinations(const LicenseRules& rules, const LicenseOptions& license,
                                                     std::ostream& err) {
  std::vector<std::string> codes;
  for (const std::string& text : license.to) {
    if (text == "all") {
      for (const Country& country : rules.countries()) codes.push_back(country.code);
      continue;
    }
    std::string code;
    if (!Resolve(rules, "--to", text, code, err)) return std::nullopt;
    codes.push_back(code);
  }
  return codes;
}

int ExitCodeFor(const LicenseReport& report) {
  bool indeterminate = false;
  for (const ChipLicenses& chip : report.chips) {
    for (const DestinationLicense& d : chip.destinations) {
      if (d.verdict == LicenseVerdict::kRequired) return kControlled;
      indeterminate = indeterminate || d.verdict == LicenseVerdict::kIndeterminate;
    }
  }
  return indeterminate ? kIndeterminate : kNotControlled;
}

}  // namespace

void AddLicenseOptions(CLI::App& command, LicenseOptions& options) {
  command.add_option("--to", options.to, "Destinations: ISO codes or names, comma-separated, or 'all'")->delimiter(',');
  command.add_option("--end-user-hq", options.end_user_hq, "Where the end user is headquartered (code or name)");
  command.add_option("--parent-hq", options.parent_hq,
                     "Where the end user's ultimate parent is headquartered (code or name)");
}

CLI::App* AddLicenseCommand(CLI::App& app, Options& options, LicenseOptions& license) {
  CLI::App* command =
      app.add_subcommand("license", "Whether each chip needs a license to each destination, with the reasons");
  command->add_option("PATH", options.paths, "Spec files or directories of them")->required();
  AddCommonOptions(*command, options, true);
  command->remove_option(command->get_option("--format"));
  command->add_option("--format", options.format, "Output format")
      ->check(CLI::IsMember({"text", "json", "csv", "markdown", "svg"}));
  AddLicenseOptions(*command, license);
  command->get_option("--to")->required();
  return command;
}

int RunLicense(const Options& options, const LicenseOptions& license, std::ostream& out, std::ostream& err) {
  if (const std::optional<std::string> catalog = FirstCatalog(options)) {
    fmt::print(err, "eccn: license reads YAML spec files; '{}' is a catalog\n", *catalog);
    return kUsage;
  }
  const auto as_of = ResolveDate(options.as_of, err);
  if (!as_of) return kUsage;
  int code = 0;
  const auto rules = LoadRuleSet(options.rules_dir, err, code);
  if (!rules) return code;
  Loaded<LicenseRules> license_rules = LoadLicenseRules(LocateRules(options.rules_dir));
  PrintDiagnostics(license_rules.diagnostics, err);
  if (!license_rules.ok()) return InputErrorCode(license_rules.diagnostics);
  const LicenseRules& data = *license_rules.value;
  LicenseReport report;
  report.context = ContextOf(options, *as_of);
  if (!license.end_user_hq.empty() &&
      !Resolve(data, "--end-user-hq", license.end_user_hq, report.parties.end_user_hq, err)) {
    return kUsage;
  }
  if (!license.parent_hq.empty() && !Resolve(data, "--parent-hq", license.parent_hq, report.parties.parent_hq, err)) {
    return kUsage;
  }
  const auto destinations = Destinations(data, license, err);
  if (!destinations) return kUsage;
  const auto specs = LoadSpecs(options.paths, *rules, err, code);
  if (!specs) return code;
  std::vector<Classification> classifications;
  classifications.reserve(specs->size());
  for (const ChipSpec& spec : *specs) classifications.push_back(rules->Classify(spec, report.context));
  for (size_t i = 0; i < specs->size(); ++i) {
    ChipLicenses chip{&classifications[i], {}};
    for (const std::string& destination : *destinations) {
      const Shipment shipment{destination, report.parties.end_user_hq, report.parties.parent_hq};
      chip.destinations.push_back(data.Determine((*specs)[i], classifications[i], shipment, report.context));
    }
    report.chips.push_back(std::move(chip));
  }
  report.caveats.assign(data.caveats().begin(), data.caveats().end());
  if (options.format == "json") {
    out << LicenseJson(report).dump(2) << '\n';
  } else if (options.format == "csv") {
    RenderLicenseCsv(report, out);
  } else if (options.format == "markdown") {
    RenderLicenseMarkdown(report, out);
  } else if (options.format == "svg") {
    RenderLicenseSvg(report, out);
  } else {
    RenderLicenseText(report, out);
  }
  return ExitCodeFor(report);
}

}  // namespace eccn::cli
