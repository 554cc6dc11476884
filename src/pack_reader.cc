// Reads one rule pack (a file with 'kind: pack', docs/rule-format.md): its
// metadata, metrics, conditions, exclusions, entries and notices, compiling
// every expression with positions. Kept apart from pack_loader.cc, which
// finds the files, reads the format table and gathers the packs into a
// RuleSet, because reading a pack is most of the loader.
#include "pack_reader.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <algorithm>
#include <array>
#include <functional>

#include "expr/compiler.h"
#include "expr/parser.h"
#include "rule_files.h"

namespace eccn {
namespace {

class PackReader {
 public:
  PackReader(YamlReader& reader, const FormatTable& formats) : reader_(reader), compiler_(pack_.program, formats) {}

  std::optional<std::pair<PackInfo, CompiledPack>> Run(const YAML::Node& root) {
    static constexpr std::array<std::string_view, 19> kKeys{"kind",
                                                            "id",
                                                            "series",
                                                            "title",
                                                            "jurisdiction",
                                                            "regulation",
                                                            "status",
                                                            "citation",
                                                            "effective",
                                                            "end",
                                                            "not_enforced_from",
                                                            "exporters",
                                                            "interpretations",
                                                            "metrics",
                                                            "conditions",
                                                            "exclusions",
                                                            "entries",
                                                            "notices",
                                                            "notes"};
    reader_.CheckKeys(root, kKeys, "a rule pack");
    info_.file = reader_.file();
    info_.id = reader_.Scalar(root, "id", true).value_or("");
    info_.series = reader_.Scalar(root, "series").value_or("");
    info_.title = reader_.Scalar(root, "title", true).value_or("");
    info_.jurisdiction = reader_.Scalar(root, "jurisdiction", true).value_or("");
    info_.regulation = reader_.Scalar(root, "regulation", true).value_or("");
    ReadCitation(root);
    ReadDatesAndStatus(root);
    ReadExporters(root);
    ReadInterpretations(root);
    ReadList(
        root, "metrics", "a metric", [this](const YAML::Node& n) { ReadMetric(n); }, true);
    ReadList(
        root, "conditions", "a condition", [this](const YAML::Node& n) { ReadCondition(n); }, false);
    ReadList(
        root, "exclusions", "an exclusion", [this](const YAML::Node& n) { ReadExclusion(n); }, false);
    ReadList(
        root, "entries", "an entry", [this](const YAML::Node& n) { ReadEntry(n); }, true);
    ReadList(
        root, "notices", "a notice", [this](const YAML::Node& n) { ReadNotice(n); }, false);
    if (reader_.failed()) return std::nullopt;
    return std::make_pair(std::move(info_), std::move(pack_));
  }

 private:
  template <class Fn>
  void ReadList(const YAML::Node& root, std::string_view key, std::string_view what, Fn read_one, bool required) {
    const YAML::Node list = root[std::string(key)];
    if (!list.IsDefined() || list.IsNull()) {
      if (required) reader_.Error(root, fmt::format("missing required key '{}'", key));
      return;
    }
    if (!reader_.ExpectSequence(list, fmt::format("'{}'", key))) return;
    if (key == "metrics" || key == "conditions") {
      for (const YAML::Node& item : list) {
        if (item.IsMap() && item["id"].IsDefined() && item["id"].IsScalar()) compiler_.Declare(item["id"].Scalar());
      }
    }
    for (const YAML::Node& item : list) {
      if (reader_.ExpectMap(item, what)) read_one(item);
    }
  }

  void ReadDatesAndStatus(const YAML::Node& root) {
    if (auto status = reader_.Scalar(root, "status", true)) {
      const auto known = std::find(std::begin(kPackStatuses), std::end(kPackStatuses), *status);
      if (known == std::end(kPackStatuses)) {
        reader_.Error(root["status"],
                      fmt::format("invalid status '{}', expected {}", *status, fmt::join(kPackStatuses, " | ")));
      }
      info_.status = *status;
    }
    if (auto effective = ReadDate(reader_, root, "effective", true)) info_.effective = *effective;
    info_.end = ReadDate(reader_, root, "end", false);
    if (info_.end && *info_.end < info_.effective) reader_.Error(root["end"], "'end' is before 'effective'");
    info_.not_enforced_from = ReadDate(reader_, root, "not_enforced_from", false);
    if (info_.not_enforced_from && *info_.not_enforced_from < info_.effective) {
      reader_.Error(root["not_enforced_from"], "'not_enforced_from' is before 'effective'");
    }
    if (info_.status == "superseded" && !info_.end) {
      reader_.Error(root["status"], "a superseded pack needs 'end', the last day it was in force");
    }
    if ((info_.status == "text_not_enforced") != info_.not_enforced_from.has_value()) {
      reader_.Error(info_.not_enforced_from ? root["not_enforced_from"] : root["status"],
                    "'not_enforced_from' goes with status text_not_enforced, and that status needs it");
    }
  }

  void ReadExporters(const YAML::Node& root) {
    info_.exporters = ReadStringList(reader_, root, "exporters");
    for (const std::string& role : info_.exporters) {
      if (std::find(std::begin(kExporterRoles), std::end(kExporterRoles), role) == std::end(kExporterRoles)) {
        reader_.Error(root["exporters"],
                      fmt::format("invalid exporter '{}', expected {}", role, fmt::join(kExporterRoles, " | ")));
      }
    }
  }

  void ReadCitation(const YAML::Node& root) {
    const YAML::Node node = root["citation"];
    if (!node.IsDefined() || node.IsNull()) {
      reader_.Error(root, "missing required key 'citation': every pack must cite its regulation");
      return;
    }
    if (!reader_.ExpectMap(node, "'citation'")) return;
    static constexpr std::array<std::string_view, 4> kKeys{"text", "cfr", "published", "sources"};
    reader_.CheckKeys(node, kKeys, "'citation'");
    info_.citation.text = reader_.Scalar(node, "text", true).value_or("");
    info_.citation.cfr = reader_.Scalar(node, "cfr").value_or("");
    info_.citation.published = ReadDate(reader_, node, "published", false);
    info_.citation.sources = ReadStringList(reader_, node, "sources");
  }

  void ReadInterpretations(const YAML::Node& root) {
    const YAML::Node list = root["interpretations"];
    if (!list.IsDefined() || list.IsNull() || !reader_.ExpectSequence(list, "'interpretations'")) return;
    for (const YAML::Node& item : list) {
      if (!reader_.ExpectMap(item, "an interpretation")) continue;
      static constexpr std::array<std::string_view, 3> kKeys{"topic", "choice", "reason"};
      reader_.CheckKeys(item, kKeys, "an interpretation");
      info_.interpretations.push_back({reader_.Scalar(item, "topic", true).value_or(""),
                                       reader_.Scalar(item, "choice", true).value_or(""),
                                       reader_.Scalar(item, "reason", true).value_or("")});
    }
  }

  // Reads an id and checks it is new among `existing`.
  std::optional<std::string> ReadId(const YAML::Node& item, const std::vector<std::string>& existing, bool identifier) {
    auto id = reader_.Scalar(item, "id", true);
    if (!id) return std::nullopt;
    if (identifier && !IsIdentifier(*id)) {
      reader_.Error(item["id"], fmt::format("invalid id '{}', expected letters, digits and '_' (it is used as a name "
                                            "in expressions)",
                                            *id));
      return std::nullopt;
    }
    if (std::find(existing.begin(), existing.end(), *id) != existing.end()) {
      reader_.Error(item["id"], fmt::format("'{}' is defined twice in this pack", *id));
      return std::nullopt;
    }
    return id;
  }

  // The id of a metric or a condition (`what`): a new name that expressions
  // can use, so not a spec field, collection or keyword.
  std::optional<std::string> ReadName(const YAML::Node& item, const std::vector<std::string>& existing,
                                      std::string_view what) {
    auto id = ReadId(item, existing, true);
    if (id && expr::IsReservedName(*id)) {
      reader_.Error(item["id"],
                    fmt::format("'{}' is a spec field, collection or keyword; choose another {} id", *id, what));
      return std::nullopt;
    }
    return id;
  }

  std::optional<expr::Compiled> CompileExpression(const YAML::Node& item, std::string_view key, CompiledClause& clause,
                                                  std::string& source) {
    const YAML::Node node = item[std::string(key)];
    auto text = reader_.Scalar(item, key, true);
    if (!text) return std::nullopt;
    source = *text;
    auto ast = expr::Parse(*text);
    if (!ast) {
      reader_.Error(reader_.AtOffset(node, ast.error().offset), ast.error().message);
      return std::nullopt;
    }
    std::function<SourceLocation(size_t)> locate = [this, node](size_t offset) {
      return reader_.AtOffset(node, offset);
    };
    auto compiled = compiler_.Compile(*ast, *text, locate, clause.comparisons);
    if (!compiled) {
      reader_.Error(reader_.AtOffset(node, compiled.error().offset), compiled.error().message);
      return std::nullopt;
    }
    clause.node = compiled->node;
    clause.reads = compiled->reads;
    return *compiled;
  }

  bool ExpectCondition(const YAML::Node& item, std::string_view key, const expr::Compiled& compiled) {
    if (compiled.type.kind == expr::Type::Kind::kBool) return true;
    reader_.Error(item[std::string(key)], fmt::format("'{}' must be a condition (true/false), not a value", key));
    return false;
  }

  void ReadMetric(const YAML::Node& item) {
    static constexpr std::array<std::string_view, 6> kKeys{"id", "title", "unit", "expr", "note", "show"};
    reader_.CheckKeys(item, kKeys, "a metric");
    std::vector<std::string> ids;
    for (const MetricInfo& m : info_.metrics) ids.push_back(m.id);
    const auto id = ReadName(item, ids, "metric");
    if (!id) return;
    MetricInfo metric;
    metric.id = *id;
    metric.location = reader_.At(item);
    metric.title = reader_.Scalar(item, "title", true).value_or("");
    metric.unit = reader_.Scalar(item, "unit").value_or("");
    metric.note = reader_.Scalar(item, "note").value_or("");
    if (auto show = reader_.Scalar(item, "show")) {
      if (*show != "true" && *show != "false") reader_.Error(item["show"], "expected true or false for 'show'");
      metric.show = *show == "true";
    }
    CompiledClause clause;
    auto compiled = CompileExpression(item, "expr", clause, metric.expression);
    if (!compiled) {
      compiler_.MarkBroken(metric.id);
      return;
    }
    if (compiled->type.kind != expr::Type::Kind::kNumber) {
      reader_.Error(item["expr"], "a metric must be a number, not a condition");
      compiler_.MarkBroken(metric.id);
      return;
    }
    CompiledMetric out{compiled->node, 1, compiled->reads};
    if (!metric.unit.empty()) {
      auto unit = ParseUnit(metric.unit);
      if (!unit) {
        reader_.Error(item["unit"], unit.error());
        compiler_.MarkBroken(metric.id);
        return;
      }
      if (!(unit->dimension == compiled->type.dimension)) {
        reader_.Error(item["unit"],
                      fmt::format("unit '{}' is {}, but the expression gives {}", metric.unit,
                                  DescribeDimension(unit->dimension), DescribeDimension(compiled->type.dimension)));
        compiler_.MarkBroken(metric.id);
        return;
      }
      out.display_scale = unit->scale;
    } else if (!compiled->type.dimension.IsNone()) {
      reader_.Error(item["expr"], fmt::format("the expression gives {}; state its display 'unit'",
                                              DescribeDimension(compiled->type.dimension)));
      compiler_.MarkBroken(metric.id);
      return;
    }
    compiled->display.reset();
    compiler_.Bind(metric.id, *compiled);
    info_.metrics.push_back(std::move(metric));
    pack_.metrics.push_back(std::move(out));
  }

  // Reads a named condition; it becomes usable by name below it.
  void ReadCondition(const YAML::Node& item) {
    static constexpr std::array<std::string_view, 3> kKeys{"id", "title", "when"};
    reader_.CheckKeys(item, kKeys, "a condition");
    std::vector<std::string> ids;
    for (const MetricInfo& m : info_.metrics) ids.push_back(m.id);
    for (const ConditionInfo& c : info_.conditions) ids.push_back(c.id);
    const auto id = ReadName(item, ids, "condition");
    if (!id) return;
    ConditionInfo condition{*id, reader_.Scalar(item, "title", true).value_or(""), "", reader_.At(item)};
    CompiledClause clause;
    auto compiled = CompileExpression(item, "when", clause, condition.expression);
    if (!compiled || !ExpectCondition(item, "when", *compiled)) {
      compiler_.MarkBroken(*id);
      return;
    }
    pack_.condition_uses.push_back(ConditionsUsed(compiled->uses));
    compiler_.Bind(*id, *compiled);
    info_.conditions.push_back(std::move(condition));
    pack_.conditions.push_back(std::move(clause));
  }

  // Indices of the named conditions among `uses`, with the ones they use in turn.
  std::vector<size_t> ConditionsUsed(const std::vector<std::string>& uses) const {
    std::vector<size_t> out;
    for (const std::string& name : uses) {
      auto it = std::find_if(info_.conditions.begin(), info_.conditions.end(),
                             [&](const ConditionInfo& c) { return c.id == name; });
      if (it == info_.conditions.end()) continue;  // a metric
      const auto index = static_cast<size_t>(it - info_.conditions.begin());
      for (size_t inner : pack_.condition_uses[index]) out.push_back(inner);
      out.push_back(index);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }

  void ReadNotice(const YAML::Node& item) {
    static constexpr std::array<std::string_view, 5> kKeys{"id", "title", "text", "citation", "parts"};
    reader_.CheckKeys(item, kKeys, "a notice");
    std::vector<std::string> ids;
    for (const NoticeInfo& n : info_.notices) ids.push_back(n.id);
    const auto id = ReadId(item, ids, false);
    if (!id) return;
    NoticeInfo notice{*id, reader_.Scalar(item, "title", true).value_or(""), reader_.Scalar(item, "text").value_or(""),
                      reader_.Scalar(item, "citation", true).value_or(""), ReadStringList(reader_, item, "parts")};
    if (notice.parts.empty()) reader_.Error(item, "a notice needs 'parts': the chip names it applies to");
    info_.notices.push_back(std::move(notice));
  }

  void ReadExclusion(const YAML::Node& item) {
    static constexpr std::array<std::string_view, 4> kKeys{"id", "title", "text", "when"};
    reader_.CheckKeys(item, kKeys, "an exclusion");
    std::vector<std::string> ids;
    for (const ExclusionInfo& e : info_.exclusions) ids.push_back(e.id);
    const auto id = ReadId(item, ids, false);
    if (!id) return;
    ExclusionInfo exclusion{*id, reader_.Scalar(item, "title", true).value_or(""),
                            reader_.Scalar(item, "text").value_or(""), ""};
    CompiledClause clause;
    auto compiled = CompileExpression(item, "when", clause, exclusion.expression);
    if (!compiled || !ExpectCondition(item, "when", *compiled)) return;
    info_.exclusions.push_back(std::move(exclusion));
    pack_.exclusions.push_back(std::move(clause));
  }

  void ReadEntry(const YAML::Node& item) {
    static constexpr std::array<std::string_view, 8> kKeys{"id",   "title",  "text",        "reasons_for_control",
                                                           "when", "unless", "subsumed_by", "licensing"};
    reader_.CheckKeys(item, kKeys, "an entry");
    std::vector<std::string> ids;
    for (const EntryInfo& e : info_.entries) ids.push_back(e.id);
    const auto id = ReadId(item, ids, false);
    if (!id) return;
    EntryInfo entry;
    entry.id = *id;
    entry.location = reader_.At(item);
    entry.title = reader_.Scalar(item, "title", true).value_or("");
    entry.text = reader_.Scalar(item, "text").value_or("");
    entry.reasons_for_control = ReadStringList(reader_, item, "reasons_for_control");
    CompiledEntry compiled_entry;
    auto compiled = CompileExpression(item, "when", compiled_entry.condition, entry.expression);
    if (!compiled || !ExpectCondition(item, "when", *compiled)) return;
    compiled_entry.conditions = ConditionsUsed(compiled->uses);
    entry.licensing = reader_.Scalar(item, "licensing").value_or(entry.id);
    entry.unless = ReadStringList(reader_, item, "unless");
    for (const std::string& name : entry.unless) {
      auto it = std::find_if(info_.exclusions.begin(), info_.exclusions.end(),
                             [&](const ExclusionInfo& e) { return e.id == name; });
      if (it == info_.exclusions.end()) {
        reader_.Error(item["unless"], fmt::format("unknown exclusion '{}'; define it under 'exclusions'", name));
        return;
      }
      compiled_entry.unless.push_back(static_cast<size_t>(it - info_.exclusions.begin()));
    }
    entry.subsumed_by = ReadStringList(reader_, item, "subsumed_by");
    for (const std::string& name : entry.subsumed_by) {
      auto it = std::find(ids.begin(), ids.end(), name);
      if (it == ids.end()) {
        reader_.Error(item["subsumed_by"], fmt::format("'{}' is not an entry defined above this one; an entry can only "
                                                       "give way to entries listed before it",
                                                       name));
        return;
      }
      compiled_entry.subsumed_by.push_back(static_cast<size_t>(it - ids.begin()));
    }
    info_.entries.push_back(std::move(entry));
    pack_.entries.push_back(std::move(compiled_entry));
  }

  YamlReader& reader_;
  PackInfo info_;
  CompiledPack pack_;
  expr::Compiler compiler_;
};

}  // namespace

std::optional<std::pair<PackInfo, CompiledPack>> ReadPack(YamlReader& reader, const FormatTable& formats,
                                                          const YAML::Node& root) {
  return PackReader(reader, formats).Run(root);
}

}  // namespace eccn
