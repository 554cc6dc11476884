#include "cli/cmd_history.h"

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "cli/render_json.h"
#include "cli/report.h"
#include "cli/text_table.h"

namespace eccn::cli {
namespace {

using Json = nlohmann::ordered_json;

std::string Why(const HistoryStep& step, const RuleSet& rules) {
  std::vector<std::string> parts;
  const auto citation = [&](const std::string& id) {
    for (const PackInfo& pack : rules.packs()) {
      if (pack.id == id) return pack.citation.text;
    }
    return std::string();
  };
  for (const std::string& id : step.packs_started) parts.push_back(fmt::format("{} applies ({})", id, citation(id)));
  for (const std::string& id : step.packs_stopped) parts.push_back(fmt::format("{} no longer applies", id));
  return JoinStrings(parts, "; ");
}

void RenderText(const std::vector<std::pair<ChipSpec, std::vector<HistoryStep>>>& histories, const RuleSet& rules,
                const Context& context, std::ostream& out) {
  for (const auto& [spec, steps] : histories) {
    fmt::print(out, "{} ({})\n", spec.name, spec.file);
    TextTable table({"  DATE", "BEFORE", "AFTER", "WHY"});
    for (const HistoryStep& step : steps) {
      table.AddRow({fmt::format("{} {}", step.changed ? "*" : " ", step.date.ToString()), Summary(step.before),
                    Summary(step.after), Why(step, rules)});
    }
    table.Render(out);
    fmt::print(out, "\n");
  }
  fmt::print(out, "* the classification changed. Dates up to {}, {} posture{}.\n", context.as_of.ToString(),
             Name(context.posture), context.exporter.empty() ? "" : ", exporter " + context.exporter);
}

}  // namespace

CLI::App* AddHistoryCommand(CLI::App& app, Options& options) {
  CLI::App* history =
      app.add_subcommand("history", "Show how each chip's classification changed on every date the rules changed");
  history->add_option("PATH", options.paths, "Spec files or directories of them")->required();
  AddCommonOptions(*history, options, true);
  return history;
}

int RunHistory(const Options& options, std::ostream& out, std::ostream& err) {
  const auto as_of = ResolveDate(options.as_of, err);
  if (!as_of) return kUsage;
  int code = 0;
  const auto rules = LoadRuleSet(options.rules_dir, err, code);
  if (!rules) return code;
  const auto specs = LoadSpecs(options.paths, *rules, err, code);
  if (!specs) return code;
  const Context context = ContextOf(options, *as_of);
  std::vector<std::pair<ChipSpec, std::vector<HistoryStep>>> histories;
  for (const ChipSpec& spec : *specs) histories.emplace_back(spec, ClassificationHistory(*rules, spec, context));
  if (options.format == "json") {
    Json chips = Json::array();
    for (const auto& [spec, steps] : histories) {
      Json changes = Json::array();
      for (const HistoryStep& step : steps) {
        changes.push_back({{"date", step.date.ToString()},
                           {"changed", step.changed},
                           {"packs_started", step.packs_started},
                           {"packs_stopped", step.packs_stopped},
                           {"before", ClassificationStateJson(step.before)},
                           {"after", ClassificationStateJson(step.after)}});
      }
      chips.push_back({{"name", spec.name}, {"file", spec.file}, {"history", std::move(changes)}});
    }
    Json doc = {{"schema_version", kJsonSchemaVersion},
                {"as_of", as_of->ToString()},
                {"posture", Name(context.posture)},
                {"chips", std::move(chips)}};
    out << doc.dump(2) << '\n';
  } else {
    RenderText(histories, *rules, context, out);
  }
  return 0;
}

}  // namespace eccn::cli
