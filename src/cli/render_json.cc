#include "cli/render_json.h"

#include <fmt/format.h>

namespace eccn::cli {
namespace {

using Json = nlohmann::ordered_json;

// An exact value as a JSON number; anything else is null (see *_range).
Json NumberOrNull(const Interval& value) {
  if (!value.IsExact()) return nullptr;
  return ToDouble(value.lo);
}

// [lo, hi] with null for an unbounded end.
Json RangeJson(const Interval& value) {
  return Json::array({value.lo_unbounded ? Json(nullptr) : Json(ToDouble(value.lo)),
                      value.hi_unbounded ? Json(nullptr) : Json(ToDouble(value.hi))});
}

Json TruthJson(Truth truth) {
  if (truth == Truth::kUnknown) return nullptr;
  return truth == Truth::kTrue;
}

std::string_view RoleName(ClauseTrace::Role role) {
  switch (role) {
    case ClauseTrace::Role::kCondition:
      return "condition";
    case ClauseTrace::Role::kNamedCondition:
      return "named_condition";
    case ClauseTrace::Role::kUnless:
      return "unless";
    case ClauseTrace::Role::kSubsumedBy:
      return "subsumed_by";
  }
  return "condition";
}

Json ComparisonJson(const ComparisonTrace& c) {
  Json out;
  out["expression"] = c.text;
  out["op"] = c.op;
  if (!c.lhs_symbol.empty() || !c.rhs_symbol.empty()) {
    out["lhs"] = c.lhs_symbol == "unknown" ? Json(nullptr) : Json(c.lhs_symbol);
    out["rhs"] = c.rhs_symbol;
  } else {
    out["lhs"] = NumberOrNull(c.lhs);
    out["rhs"] = NumberOrNull(c.rhs);
    if (!c.lhs.IsExact()) out["lhs_range"] = RangeJson(c.lhs);
    out["unit"] = c.unit;
  }
  out["result"] = TruthJson(c.result);
  out["margin"] = c.margin ? Json(*c.margin) : Json(nullptr);
  out["missing"] = c.missing;
  out["location"] = fmt::format("{}:{}:{}", c.location.file, c.location.line, c.location.column);
  return out;
}

Json ResultJson(const EntryResult& r) {
  Json out;
  out["pack"] = r.pack;
  out["entry"] = r.entry;
  out["effect"] = r.effect;
  out["licensing"] = r.licensing;
  out["title"] = r.title;
  out["citation"] = r.citation;
  out["reasons_for_control"] = r.reasons_for_control;
  out["verdict"] = Name(r.verdict);
  out["missing"] = r.missing;
  out["depends_on"] = r.depends_on;
  Json clauses = Json::array();
  for (const ClauseTrace& clause : r.clauses) {
    Json c;
    c["role"] = RoleName(clause.role);
    c["id"] = clause.id;
    c["expression"] = clause.text;
    c["result"] = TruthJson(clause.result);
    Json comparisons = Json::array();
    for (const ComparisonTrace& comparison : clause.comparisons) comparisons.push_back(ComparisonJson(comparison));
    c["comparisons"] = std::move(comparisons);
    clauses.push_back(std::move(c));
  }
  out["clauses"] = std::move(clauses);
  out["notes"] = r.notes;
  return out;
}

Json PackJson(const PackInfo& pack) {
  Json out;
  out["id"] = pack.id;
  out["title"] = pack.title;
  out["jurisdiction"] = pack.jurisdiction;
  out["status"] = pack.status;
  out["citation"] = pack.citation.text;
  out["cfr"] = pack.citation.cfr;
  out["effective"] = pack.effective.ToString();
  out["end"] = pack.end ? Json(pack.end->ToString()) : Json(nullptr);
  out["not_enforced_from"] = pack.not_enforced_from ? Json(pack.not_enforced_from->ToString()) : Json(nullptr);
  out["exporters"] = pack.exporters;
  out["file"] = pack.file;
  return out;
}

}  // namespace

namespace {

// Everything but the chips, with "chips" (the last key) an empty array.
Json ClassifyJsonWithoutChips(const Report& report) {
  Json out;
  out["schema_version"] = kJsonSchemaVersion;
  out["as_of"] = report.as_of.ToString();
  out["posture"] = Name(report.posture);
  out["exporter"] = report.exporter.empty() ? Json(nullptr) : Json(report.exporter);
  Json packs = Json::array();
  for (const PackInfo* pack : report.packs) packs.push_back(PackJson(*pack));
  out["rules"] = std::move(packs);
  out["chips"] = Json::array();
  return out;
}

constexpr std::string_view kEmptyChips = "[]\n}";

}  // namespace

Json ClassifyJson(const Report& report) {
  Json out = ClassifyJsonWithoutChips(report);
  for (const Classification& chip : report.chips) out["chips"].push_back(ChipJson(chip));
  return out;
}

std::string ClassifyJsonHead(const Report& report) {
  std::string text = ClassifyJsonWithoutChips(report).dump(2) + "\n";
  text.resize(text.size() - kEmptyChips.size() - 1);  // up to "chips": (the array opens with the first chip)
  return text;
}

std::string ClassifyJsonChip(const Classification& chip, bool first) {
  // Indented as dump(2) indents an element of "chips"; JSON strings hold no
  // raw newline, so every newline starts a line of the object.
  std::string text = first ? "[\n    " : ",\n    ";
  for (char c : ChipJson(chip).dump(2)) {
    text += c;
    if (c == '\n') text += "    ";
  }
  return text;
}

std::string ClassifyJsonTail(bool any_chip) { return any_chip ? "\n  ]\n}\n" : std::string(kEmptyChips) + "\n"; }

Json ChipJson(const Classification& chip) {
  Json c;
  c["name"] = chip.chip;
  c["file"] = chip.file;
  Json metrics = Json::object();
  Json ranges = Json::object();
  for (const MetricValue& metric : chip.metrics) {
    metrics[metric.id] = NumberOrNull(metric.value);
    if (!metric.value.IsExact()) ranges[metric.id] = RangeJson(metric.value);
  }
  c["metrics"] = std::move(metrics);
  c["metric_ranges"] = std::move(ranges);
  c["verdict"] = Name(chip.Overall());
  c["controls"] = chip.EntriesWith(Verdict::kControlled);
  c["indeterminate"] = chip.EntriesWith(Verdict::kIndeterminate);
  c["review_zones"] = ReviewZones(chip);
  Json notices = Json::array();
  for (const NoticeResult& n : chip.notices) {
    notices.push_back({{"pack", n.pack}, {"id", n.id}, {"title", n.title}, {"text", n.text}, {"citation", n.citation}});
  }
  c["notices"] = std::move(notices);
  Json results = Json::array();
  for (const EntryResult& r : chip.results) results.push_back(ResultJson(r));
  c["results"] = std::move(results);
  return c;
}

Json RulesJson(const RuleSet& rules, const RulesQuery& query) {
  Json out;
  out["schema_version"] = kJsonSchemaVersion;
  out["as_of"] = query.context.as_of.ToString();
  out["posture"] = Name(query.context.posture);
  Json packs = Json::array();
  for (const PackInfo& pack : rules.packs()) {
    if (!query.Selects(pack)) continue;
    Json p = PackJson(pack);
    p["in_force"] = pack.InForceOn(query.context.as_of);
    p["applies"] = pack.AppliesOn(query.context);
    Json entries = Json::array();
    for (const EntryInfo& entry : pack.entries) {
      entries.push_back({{"id", entry.id},
                         {"title", entry.title},
                         {"when", entry.expression},
                         {"licensing", entry.licensing},
                         {"reasons_for_control", entry.reasons_for_control}});
    }
    p["entries"] = std::move(entries);
    packs.push_back(std::move(p));
  }
  out["packs"] = std::move(packs);
  Json formats = Json::object();
  for (const OperandFormat& format : rules.formats().formats) formats[format.name] = format.bits;
  out["formats"] = std::move(formats);
  return out;
}

Json ClassificationStateJson(const Classification& chip) {
  Json notices = Json::array();
  for (const NoticeResult& n : chip.notices) notices.push_back(n.id);
  return {{"verdict", Name(chip.Overall())},
          {"controls", chip.EntriesWith(Verdict::kControlled)},
          {"indeterminate", chip.EntriesWith(Verdict::kIndeterminate)},
          {"review_zones", ReviewZones(chip)},
          {"notices", std::move(notices)}};
}

Json DiagnosticsJson(const std::vector<Diagnostic>& diagnostics) {
  Json out = Json::array();
  for (const Diagnostic& d : diagnostics) {
    out.push_back({{"severity", d.severity == Severity::kError ? "error" : "warning"},
                   {"file", d.location.file},
                   {"line", d.location.line},
                   {"column", d.location.column},
                   {"message", d.message}});
  }
  return out;
}

}  // namespace eccn::cli
