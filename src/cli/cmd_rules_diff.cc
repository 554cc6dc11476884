#include "cli/cmd_rules_diff.h"

#include <algorithm>
#include <array>
#include <numeric>

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <nlohmann/json.hpp>

#include <eccn/hypothetical.h>

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

// Where in the TPP / performance-density plane the two sides disagree, for a
// hypothetical datacenter chip (one 8-bit format, one logic die): sampled on
// round values that include every 3A090 threshold, grouped by the pair of answers.
struct PlaneGroup {
  std::string a;
  std::string b;
  size_t points = 0;
  Number tpp_lo, tpp_hi, pd_lo, pd_hi;
};

struct PlaneDiff {
  size_t points = 0;
  std::vector<PlaneGroup> groups;
};

std::vector<Number> RoundValues(int from_exponent, int to_exponent) {
  static constexpr std::array<int, 7> kSteps = {100, 160, 240, 320, 480, 592, 800};
  std::vector<Number> out;
  for (int e = from_exponent; e < to_exponent; ++e) {
    Number scale = 1;
    for (int i = 0; i < (e < 0 ? -e : e); ++i) scale *= 10;
    for (const int step : kSteps) out.push_back(e < 0 ? Number(step) / 100 / scale : Number(step) / 100 * scale);
  }
  return out;
}

std::optional<PlaneDiff> ComparePlane(const RuleSet& rules, const Side& a, const Side& b) {
  std::string error;
  auto chip = HypotheticalChip::Create(rules.formats(), {"fp8"}, &error);
  if (!chip) return std::nullopt;
  PlaneDiff diff;
  for (const Number& tpp : RoundValues(2, 5)) {    // 100 .. 80000
    for (const Number& pd : RoundValues(-1, 2)) {  // 0.1 .. 80
      chip->SetTppAndDensity(tpp, pd);
      ++diff.points;
      const std::string in_a = Summary(a.Classify(rules, chip->spec()));
      const std::string in_b = Summary(b.Classify(rules, chip->spec()));
      if (in_a == in_b) continue;
      auto group = std::find_if(diff.groups.begin(), diff.groups.end(),
                                [&](const PlaneGroup& g) { return g.a == in_a && g.b == in_b; });
      if (group == diff.groups.end()) {
        diff.groups.push_back({in_a, in_b, 0, tpp, tpp, pd, pd});
        group = diff.groups.end() - 1;
      }
      ++group->points;
      group->tpp_lo = std::min(group->tpp_lo, tpp);
      group->tpp_hi = std::max(group->tpp_hi, tpp);
      group->pd_lo = std::min(group->pd_lo, pd);
      group->pd_hi = std::max(group->pd_hi, pd);
    }
  }
  return diff;
}

std::string PackList(const std::vector<std::string>& packs) {
  return packs.empty() ? "none" : JoinStrings(packs, ", ");
}

void RenderPlane(const std::optional<PlaneDiff>& plane, std::ostream& out) {
  if (!plane) return;
  fmt::print(out, "\nTPP / PD plane (hypothetical datacenter chip, fp8): {} of {} sample points differ.\n",
             std::accumulate(plane->groups.begin(), plane->groups.end(), size_t{0},
                             [](size_t n, const PlaneGroup& g) { return n + g.points; }),
             plane->points);
  if (plane->groups.empty()) return;
  TextTable table({"POINTS", "TPP", "PD", "A", "B"});
  for (const PlaneGroup& g : plane->groups) {
    table.AddRow({std::to_string(g.points), FormatNumber(g.tpp_lo) + ".." + FormatNumber(g.tpp_hi),
                  FormatNumber(g.pd_lo) + ".." + FormatNumber(g.pd_hi), g.a, g.b});
  }
  table.Render(out);
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

Json PlaneJson(const std::optional<PlaneDiff>& plane) {
  if (!plane) return nullptr;
  Json groups = Json::array();
  for (const PlaneGroup& g : plane->groups) {
    groups.push_back({{"a", g.a},
                      {"b", g.b},
                      {"points", g.points},
                      {"tpp", {ToDouble(g.tpp_lo), ToDouble(g.tpp_hi)}},
                      {"pd", {ToDouble(g.pd_lo), ToDouble(g.pd_hi)}}});
  }
  return {{"sample_points", plane->points}, {"differing", std::move(groups)}};
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
  diff->add_flag("--plane", options.plane, "Also show where in the TPP / PD plane the two sides differ");
  return diff;
}

int RunRulesDiff(const Options& options, std::ostream& out, std::ostream& err) {
  int code = 0;
  const auto rules = LoadRuleSet(options.rules_dir, err, code);
  if (!rules) return code;
  const auto a = ResolveSide(options.diff_from, *rules, options, err);
  const auto b = ResolveSide(options.diff_to, *rules, options, err);
  if (!a || !b) return kUsage;
  const std::optional<PlaneDiff> plane = options.plane ? ComparePlane(*rules, *a, *b) : std::nullopt;
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
                      {"changed", std::move(chips)},
                      {"plane", PlaneJson(plane)}};
    out << doc.dump(2) << '\n';
  } else {
    RenderText(*a, *b, changes, specs.size(), out);
    RenderPlane(plane, out);
  }
  return changes.empty() ? 0 : 1;
}

}  // namespace eccn::cli
