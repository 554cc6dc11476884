#include "cli/cmd_verify.h"

#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "cli/cli.h"
#include "cli/inputs.h"
#include "cli/record.h"
#include "cli/render_json.h"

namespace eccn::cli {
namespace {

using Json = nlohmann::ordered_json;

std::optional<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return text.str();
}

// A digest or a value, short enough for one line.
std::string Brief(const Json& value) {
  if (value.is_null()) return "(absent)";
  if (value.is_string() && value.get_ref<const std::string&>().size() == 64) {
    return value.get<std::string>().substr(0, 12) + "...";
  }
  std::string text = value.dump();
  if (text.size() > 80) text = text.substr(0, 77) + "...";
  return text;
}

void RenderText(const std::string& file, const Verification& v, std::ostream& out) {
  if (v.Reproduced()) {
    fmt::print(out, "{}: reproduced: same rules (digest {}), same inputs, same verdicts and traces\n", file,
               Brief(v.current_digest));
  } else {
    fmt::print(out, "{}: NOT reproduced: {} rules file difference{}, {} result difference{}\n", file, v.rules.size(),
               v.rules.size() == 1 ? "" : "s", v.results.size(), v.results.size() == 1 ? "" : "s");
    constexpr size_t kShown = 20;  // the JSON form lists them all
    size_t shown = 0;
    for (const auto* list : {&v.rules, &v.results}) {
      for (const RecordDifference& d : *list) {
        if (shown++ < kShown)
          fmt::print(out, "  {}: recorded {}, now {}\n", d.what, Brief(d.recorded), Brief(d.current));
      }
    }
    if (shown > kShown) fmt::print(out, "  ... and {} more (--format json lists every one)\n", shown - kShown);
  }
  if (v.recorded_version != Version()) {
    fmt::print(out, "note: recorded with eccn {}, verified with eccn {}\n", v.recorded_version, Version());
  }
}

Json VerificationJson(const std::string& file, const Verification& v) {
  const auto list = [](const std::vector<RecordDifference>& differences) {
    Json out = Json::array();
    for (const RecordDifference& d : differences) {
      out.push_back({{"what", d.what}, {"recorded", d.recorded}, {"current", d.current}});
    }
    return out;
  };
  return {{"schema_version", kJsonSchemaVersion},
          {"record", file},
          {"reproduced", v.Reproduced()},
          {"eccn_version", {{"recorded", v.recorded_version}, {"current", Version()}}},
          {"rules_digest", {{"recorded", v.recorded_digest}, {"current", v.current_digest}}},
          {"rules_differences", list(v.rules)},
          {"result_differences", list(v.results)}};
}

}  // namespace

CLI::App* AddVerifyCommand(CLI::App& app, Options& options) {
  CLI::App* verify = app.add_subcommand(
      "verify", "Re-run a decision record (classify --record) with the current code and rules; exit 1 if it differs");
  verify->add_option("RECORD", options.paths, "A decision record written by classify --record")
      ->required()
      ->expected(1);
  AddCommonOptions(*verify, options, false);
  return verify;
}

int RunVerify(const Options& options, std::ostream& out, std::ostream& err) {
  const std::string& file = options.paths.front();
  const auto text = ReadWholeFile(file);
  if (!text) {
    PrintDiagnostics({{Severity::kError, {file}, "cannot read the record"}}, err);
    return kNoInput;
  }
  Loaded<Json> record = ReadRecord(*text, file);
  PrintDiagnostics(record.diagnostics, err);
  if (!record.ok()) return kDataError;
  int code = 0;
  const auto rules = LoadRuleSet(options.rules_dir, err, code);
  if (!rules) return code;
  const Verification verification = VerifyRecord(*record.value, *rules, LocateRules(options.rules_dir));
  if (options.format == "json") {
    out << VerificationJson(file, verification).dump(2) << '\n';
  } else {
    RenderText(file, verification, out);
  }
  return verification.Reproduced() ? 0 : 1;
}

int WriteDecisionRecord(const Options& options, const Report& report, const RuleSet& rules,
                        const std::vector<ChipSpec>& specs, std::ostream& err) {
  std::vector<RecordInput> inputs;
  for (const ChipSpec& spec : specs) {
    if (!inputs.empty() && inputs.back().file == spec.file) continue;
    auto text = ReadWholeFile(spec.file);
    if (!text) {
      PrintDiagnostics({{Severity::kError, {spec.file}, "cannot read the input again for the record"}}, err);
      return kNoInput;
    }
    inputs.push_back({spec.file, std::move(*text)});
  }
  const Json record = BuildRecord(report, rules, LocateRules(options.rules_dir), specs, inputs);
  // Write beside the target and rename, so a failure leaves no partial record.
  const std::string temporary = options.record + ".tmp";
  {
    std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
    file << record.dump(2) << '\n';
    if (!file.flush()) {
      std::remove(temporary.c_str());
      PrintDiagnostics({{Severity::kError, {options.record}, "cannot write the decision record"}}, err);
      return kCantCreate;
    }
  }
  std::error_code error;
  std::filesystem::rename(temporary, options.record, error);
  if (error) {
    std::remove(temporary.c_str());
    PrintDiagnostics({{Severity::kError, {options.record}, "cannot write the decision record: " + error.message()}},
                     err);
    return kCantCreate;
  }
  return 0;
}

}  // namespace eccn::cli
