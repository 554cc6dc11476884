#include "cli/render_json.h"

#include <fmt/format.h>

#include "cli/json_writer.h"

namespace eccn::cli {
namespace {

using Json = nlohmann::ordered_json;

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
  // Indented as dump(2) indents an element of "chips".
  std::string compact;
  AppendChipJson(compact, chip);
  std::string text = first ? "[\n    " : ",\n    ";
  AppendIndented(text, compact, "    ");
  return text;
}

std::string ClassifyJsonTail(bool any_chip) { return any_chip ? "\n  ]\n}\n" : std::string(kEmptyChips) + "\n"; }

Json ChipJson(const Classification& chip) {
  std::string text;
  AppendChipJson(text, chip);
  return Json::parse(text);
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
