#include "cli/cmd_rules_diff.h"

#include <algorithm>

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

// One side of the comparison: the packs applying on a date, or one pack.
struct Side {
  std::string label;  // as given on the command line
  std::optional<Context> context;
  std::vector<std::string> packs;  // ids evaluated

  Classification Classify(const RuleSet& rules, const ChipSpec& spec) const {
    return context ? rules.Classify(spec, *context) : rules.ClassifyWithPacks(spec, packs);
  }
};

std::optional<Side> ResolveSide(const std::string& text, const RuleSet& rules, const Options& options,
                                std::ostream& err) {
  Side side{text, std::nullopt, {}};
  if (const auto date = Date::Parse(text)) {
    side.context = ContextOf(options, *date);
    for (const PackInfo& pack : rules.packs()) {
      if (pack.AppliesOn(*side.context)) side.packs.push_back(pack.id);
    }
    return side;
  }
  for (const PackInfo& pack : rules.packs()) {
    if (pack.id == text) {
      side.packs.push_back(pack.id);
      return side;
    }
  }
  std::vector<std::string> ids;
  for (const PackInfo& pack : rules.packs()) ids.push_back(pack.id);
  err << fmt::format("eccn: '{}' is neither a date (YYYY-MM-DD) nor a pack id; packs: {}\n", text,
                     JoinStrings(ids, ", "));
  return std::nullopt;
}

std::vector<std::string> Without(const std::vector<std::string>& items, const std::vector<std::string>& removed) {
  std::vector<std::string> out;
  for (const std::string& item : items) {
    if (std::find(removed.begin(), removed.end(), item) == removed.end()) out.push_back(item);
  }
  return out;
}

struct ChipChange {
  const ChipSpec* spec;
  Classification a;
  Classification b;
};

std::string PackList(const std::vector<std::string>& packs) {
  return packs.empty() ? "none" : JoinStrings(packs, ", ");
}

void RenderText(const Side& a, const Side& b, const std::vector<ChipChange>& changes, size_t chips, std::ostream& out) {
  fmt::print(out, "A = {}: {}\nB = {}: {}\n", a.label, PackList(a.packs), b.label, PackList(b.packs));
  fmt::print(out, "Only in A: {}. Only in B: {}.\n\n", PackList(Without(a.packs, b.packs)),
             PackList(Without(b.packs, a.packs)));
  if (!changes.empty()) {
    TextTable table({"CHIP", "A", "B"});
    for (const ChipChange& change : changes) table.AddRow({change.spec->name, Summary(change.a), Summary(change.b)});
    table.Render(out);
    fmt::print(out, "\n");
  }
  fmt::print(out, "{} of {} chip{} change{}.\n", changes.size(), chips, chips == 1 ? "" : "s",
             changes.size() == 1 ? "s" : "");
}

Json SideJson(const Side& side) {
  return {{"label", side.label},
          {"as_of", side.context ? Json(side.context->as_of.ToString()) : Json(nullptr)},
          {"packs", side.packs}};
}

}  // namespace

CLI::App* AddRulesDiffCommand(CLI::App& rules, Options& options) {
  CLI::App* diff = rules.add_subcommand(
      "diff", "Which chips change classification between two dates or two packs (exit 1 if any does)");
  diff->add_option("A", options.diff_from, "A date (YYYY-MM-DD: the packs applying then) or a pack id")->required();
  diff->add_option("B", options.diff_to, "A date or a pack id")->required();
  diff->add_option("PATH", options.paths, "Spec files or directories of them (e.g. catalog/)");
  AddCommonOptions(*diff, options, false);
  AddPostureOptions(*diff, options);
  return diff;
}

int RunRulesDiff(const Options& options, std::ostream& out, std::ostream& err) {
  int code = 0;
  const auto rules = LoadRuleSet(options.rules_dir, err, code);
  if (!rules) return code;
  const auto a = ResolveSide(options.diff_from, *rules, options, err);
  const auto b = ResolveSide(options.diff_to, *rules, options, err);
  if (!a || !b) return kUsage;
  std::vector<ChipSpec> specs;
  if (!options.paths.empty()) {
    auto loaded = LoadSpecs(options.paths, *rules, err, code);
    if (!loaded) return code;
    specs = std::move(*loaded);
  }
  std::vector<ChipChange> changes;
  for (const ChipSpec& spec : specs) {
    ChipChange change{&spec, a->Classify(*rules, spec), b->Classify(*rules, spec)};
    if (ClassificationSignature(change.a) != ClassificationSignature(change.b)) changes.push_back(std::move(change));
  }
  if (options.format == "json") {
    Json chips = Json::array();
    for (const ChipChange& change : changes) {
      chips.push_back({{"name", change.spec->name},
                       {"file", change.spec->file},
                       {"a", ClassificationStateJson(change.a)},
                       {"b", ClassificationStateJson(change.b)}});
    }
    const Json doc = {{"schema_version", kJsonSchemaVersion},
                      {"a", SideJson(*a)},
                      {"b", SideJson(*b)},
                      {"only_in_a", Without(a->packs, b->packs)},
                      {"only_in_b", Without(b->packs, a->packs)},
                      {"chips_compared", specs.size()},
                      {"changed", std::move(chips)}};
    out << doc.dump(2) << '\n';
  } else {
    RenderText(*a, *b, changes, specs.size(), out);
  }
  return changes.empty() ? 0 : 1;
}

}  // namespace eccn::cli
