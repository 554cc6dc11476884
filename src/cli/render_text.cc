#include "cli/render_text.h"

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <boost/container/small_vector.hpp>

#include <algorithm>
#include <span>

#include "cli/text_table.h"
#include "overall_verdict.h"
#include "unique_append.h"

namespace eccn::cli {
namespace {

std::string VerdictText(Verdict verdict) {
  switch (verdict) {
    case Verdict::kControlled:
      return "controlled";
    case Verdict::kNotControlled:
      return "not controlled";
    case Verdict::kIndeterminate:
      return "indeterminate";
  }
  return "indeterminate";
}

std::string PacksLine(const Report& report) {
  std::vector<std::string> packs;
  for (const PackInfo* pack : report.packs) packs.push_back(fmt::format("{} ({})", pack->id, pack->citation.text));
  std::string qualifiers;
  if (report.posture == Posture::kCfrText) qualifiers += ", CFR text including provisions not enforced";
  if (!report.exporter.empty()) qualifiers += ", exporter " + report.exporter;
  return fmt::format("Rules applying on {}{}: {}", report.as_of.ToString(), qualifiers,
                     packs.empty() ? std::string("none") : JoinStrings(packs, "; "));
}

// Shown metric ids in pack order, each once.
std::vector<std::string> ShownMetrics(const Report& report) {
  std::vector<std::string> ids;
  for (const PackInfo* pack : report.packs) {
    for (const MetricInfo& metric : pack->metrics) {
      if (metric.show) AppendUnique(ids, metric.id);
    }
  }
  return ids;
}

std::string MetricCell(const Classification& chip, const std::string& id) {
  for (const MetricValue& metric : chip.metrics) {
    if (metric.id == id) return FormatInterval(metric.value);
  }
  return "";
}

// What the ENTRIES cell lists, whichever path classified the chip. A row
// names a handful of entries: the lists stay on the stack.
struct CellItem {
  std::string_view id;
  bool open = false;  // written with a "?"
};
template <class T>
using CellList = boost::container::small_vector<T, 16>;
struct EntriesCellParts {
  CellList<CellItem> entries;          // the controls, then the open ones
  CellList<std::string_view> missing;  // what the open ones need
  CellList<std::string_view> depends_on;
  CellList<CellItem> zones;  // review zones
  bool notice = false;
};

template <class List, class Write>
void AppendJoined(std::string& out, const List& items, Write write) {
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ", ";
    write(items[i]);
  }
}

std::string EntriesCellText(const EntriesCellParts& parts) {
  std::string cell;
  const auto item = [&](const CellItem& i) {
    cell += i.id;
    if (i.open) cell += '?';
  };
  const auto name = [&](std::string_view n) { cell += n; };
  if (parts.entries.empty()) cell += '-';
  AppendJoined(cell, parts.entries, item);
  if (!parts.missing.empty()) {
    cell += " (needs ";
    AppendJoined(cell, parts.missing, name);
    cell += ')';
  }
  if (!parts.depends_on.empty()) {
    cell += " (depends on ";
    AppendJoined(cell, parts.depends_on, name);
    cell += ')';
  }
  if (!parts.zones.empty()) {
    cell += "; review zone ";
    AppendJoined(cell, parts.zones, item);
  }
  if (parts.notice) cell += " [notice]";
  return cell;
}

std::string EntriesCell(const Classification& chip) {
  EntriesCellParts parts;
  parts.notice = !chip.notices.empty();
  for (const bool open : {false, true}) {  // the controls, then the open ones
    for (const EntryResult& result : chip.results) {
      if (result.effect != "control" || result.verdict != (open ? Verdict::kIndeterminate : Verdict::kControlled)) {
        continue;
      }
      parts.entries.push_back({result.entry, open});
      if (!open) continue;
      AppendUnique(parts.missing, result.missing);
      AppendUnique(parts.depends_on, result.depends_on);
    }
  }
  const std::vector<std::string> zones = ReviewZones(chip);  // "?" already marks the open ones
  for (const std::string& zone : zones) parts.zones.push_back({zone, false});
  return EntriesCellText(parts);
}

std::string ComparisonValues(const ComparisonTrace& c) {
  if (!c.lhs_symbol.empty() || !c.rhs_symbol.empty()) {
    return fmt::format("{} {} {}", c.lhs_symbol,
                       c.lhs_symbol == "unknown" ? "vs" : (c.lhs_symbol == c.rhs_symbol ? "=" : "!="), c.rhs_symbol);
  }
  const std::string unit = c.unit.empty() ? "" : " " + c.unit;
  std::string text =
      fmt::format("{}{} {} {}{}", FormatInterval(c.lhs), unit, Relation(c.lhs, c.rhs), FormatInterval(c.rhs), unit);
  if (c.margin) text += fmt::format(" ({})", FormatMargin(*c.margin));
  return text;
}

void RenderClause(const ClauseTrace& clause, std::ostream& out) {
  switch (clause.role) {
    case ClauseTrace::Role::kCondition:
      fmt::print(out, "  when {}  -> {}\n", clause.text, Name(clause.result));
      break;
    case ClauseTrace::Role::kNamedCondition:
      fmt::print(out, "  where {}: {}  -> {}\n", clause.id, clause.text, Name(clause.result));
      break;
    case ClauseTrace::Role::kUnless:
      fmt::print(out, "  unless {}: {}  -> {}\n", clause.id, clause.text, Name(clause.result));
      break;
    case ClauseTrace::Role::kSubsumedBy:
      fmt::print(out, "  unless {} applies (it takes precedence)  -> {}\n", clause.id, Name(clause.result));
      return;
  }
  TextTable table({"    comparison", "values", "result", "where"});
  for (const ComparisonTrace& c : clause.comparisons) {
    std::string result(Name(c.result));
    if (!c.missing.empty()) result += fmt::format(" (needs {})", JoinStrings(c.missing, ", "));
    table.AddRow({"    " + c.text, ComparisonValues(c), result,
                  fmt::format("{}:{}:{}", c.location.file, c.location.line, c.location.column)});
  }
  if (!clause.comparisons.empty()) table.Render(out);
}

TextTable ClassifyTable(const std::vector<std::string>& metrics) {
  std::vector<std::string> headers{"CHIP"};
  std::vector<TextTable::Align> aligns{TextTable::Align::kLeft};
  for (const std::string& id : metrics) {
    std::string header = id;
    for (char& c : header) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    headers.push_back(header);
    aligns.push_back(TextTable::Align::kRight);
  }
  headers.insert(headers.end(), {"VERDICT", "ENTRIES"});
  aligns.insert(aligns.end(), {TextTable::Align::kLeft, TextTable::Align::kLeft});
  return TextTable(headers, aligns);
}

}  // namespace

ClassifyTextWriter::ClassifyTextWriter(const Report& report)
    : metrics_(ShownMetrics(report)), packs_line_(PacksLine(report)), table_(ClassifyTable(metrics_)) {}

ClassifyTextRow ClassifyTextWriter::NewRow(std::string_view name, Verdict verdict) const {
  ClassifyTextRow row;
  row.verdict = verdict;
  row.cells.reserve(metrics_.size() + 3);  // name, metrics, verdict, entries: one allocation
  row.cells.emplace_back(name);
  return row;
}

ClassifyTextRow ClassifyTextWriter::RowOf(const Classification& chip) const {
  ClassifyTextRow row = NewRow(chip.chip, chip.Overall());
  for (const std::string& id : metrics_) row.cells.push_back(MetricCell(chip, id));
  row.cells.push_back(VerdictText(row.verdict));
  row.cells.push_back(EntriesCell(chip));
  for (const NoticeResult& notice : chip.notices) {
    row.notices.push_back(fmt::format("Notice for {}: {} [{}]", chip.chip, notice.title, notice.citation));
  }
  return row;
}

std::optional<ClassifyTextRow> ClassifyTextWriter::FastRowOf(std::string_view name, const bulk::FastOutcome& outcome,
                                                             const bulk::FastClassifier& columns) const {
  if (!outcome.notices.empty()) return std::nullopt;
  const std::span<const bulk::EntryColumn> entries = columns.entries();
  ClassifyTextRow row = NewRow(name, OverallVerdict(
                                         entries.size(), [&](size_t i) { return entries[i].control; },
                                         [&](size_t i) { return outcome.verdicts[i]; }));
  for (const std::string& id : metrics_) {
    // As MetricCell: the first metric of that id, in pack order.
    const auto& metrics = columns.metrics();
    const auto column = std::find_if(metrics.begin(), metrics.end(), [&](const auto& m) { return m.metric->id == id; });
    if (column == metrics.end()) {
      row.cells.emplace_back();
      continue;
    }
    const auto index = static_cast<size_t>(column - metrics.begin());
    const std::optional<bulk::FastMetric>& metric = outcome.metrics[index];
    std::optional<std::string> text = metric ? FormatDecided(metric->value, metric->error) : std::nullopt;
    if (!metric && index < outcome.unknown_metrics.size() && outcome.unknown_metrics[index]) {
      text = "?";  // as FormatInterval
    }
    if (!text) return std::nullopt;
    row.cells.push_back(std::move(*text));
  }
  row.cells.push_back(VerdictText(row.verdict));
  // As EntriesCell: the controls, then the open ones with what they need.
  EntriesCellParts parts;
  for (const bool open : {false, true}) {
    for (size_t i = 0; i < entries.size(); ++i) {
      if (!entries[i].control || outcome.verdicts[i] != (open ? Verdict::kIndeterminate : Verdict::kControlled)) {
        continue;
      }
      if (open && !outcome.missing_found) return std::nullopt;  // only the exact path can tell what it needs
      parts.entries.push_back({entries[i].entry->id, open});
      if (open) AppendUnique(parts.missing, outcome.missing[i]);
    }
  }
  for (size_t i = 0; i < entries.size(); ++i) {
    if (!entries[i].control && outcome.verdicts[i] != Verdict::kNotControlled) {
      parts.zones.push_back({entries[i].entry->id, outcome.verdicts[i] != Verdict::kControlled});
    }
  }
  row.cells.push_back(EntriesCellText(parts));
  return row;
}

void ClassifyTextWriter::Add(ClassifyTextRow row) {
  table_.AddRow(std::move(row.cells));
  AddWritten(std::move(row));
}

void ClassifyTextWriter::AddWritten(ClassifyTextRow row) {
  ++total_;
  controlled_ += row.verdict == Verdict::kControlled ? 1 : 0;
  indeterminate_ += row.verdict == Verdict::kIndeterminate ? 1 : 0;
  for (std::string& line : row.notices) notices_.push_back(std::move(line));
}

void ClassifyTextWriter::Flush(std::ostream& out) {
  table_.Flush(out);
  widths_fixed_.store(true, std::memory_order_release);
}

void ClassifyTextWriter::AppendLine(std::string& text, ClassifyTextRow& row) const {
  table_.AppendFixedLine(text, row.cells);
  row.cells = {};  // freed by this thread
}

void ClassifyTextWriter::Render(std::ostream& out) const {
  table_.Render(out);
  fmt::print(out, "\n{} chip{}: {} controlled, {} not controlled, {} indeterminate.\n", total_, total_ == 1 ? "" : "s",
             controlled_, total_ - controlled_ - indeterminate_, indeterminate_);
  for (const std::string& line : notices_) fmt::print(out, "{}\n", line);
  fmt::print(out, "{}\n", packs_line_);
}

void RenderClassifyText(const Report& report, std::ostream& out) {
  ClassifyTextWriter writer(report);
  for (const Classification& chip : report.chips) writer.Add(writer.RowOf(chip));
  writer.Render(out);
}

void RenderExplainText(const Report& report, std::ostream& out) {
  fmt::print(out, "{}\n", PacksLine(report));
  for (const Classification& chip : report.chips) {
    fmt::print(out, "\n{} ({}): {}\n\nMetrics\n", chip.chip, chip.file, VerdictText(chip.Overall()));
    TextTable metrics({"  metric", "value", "unit", "how"}, {TextTable::Align::kLeft, TextTable::Align::kRight});
    for (const MetricValue& metric : chip.metrics) {
      std::string how;
      for (const PackInfo* pack : report.packs) {
        if (pack->id != metric.pack) continue;
        for (const MetricInfo& info : pack->metrics) {
          if (info.id == metric.id) how = info.expression;
        }
      }
      std::string value = FormatInterval(metric.value);
      if (!metric.missing.empty()) value += fmt::format(" (needs {})", JoinStrings(metric.missing, ", "));
      metrics.AddRow({"  " + metric.id, value, metric.unit, how});
    }
    metrics.Render(out);
    for (const EntryResult& result : chip.results) {
      const std::string reasons = result.reasons_for_control.empty()
                                      ? ""
                                      : "; reasons for control: " + JoinStrings(result.reasons_for_control, ", ");
      const std::string verdict = result.effect == "control"
                                      ? VerdictText(result.verdict)
                                      : fmt::format("review-policy zone: {}", Name(result.clauses.front().result));
      fmt::print(out, "\n{}  {}  [{}{}]\n", result.entry, verdict, result.citation, reasons);
      for (const ClauseTrace& clause : result.clauses) RenderClause(clause, out);
      if (!result.missing.empty()) fmt::print(out, "  missing data: {}\n", JoinStrings(result.missing, ", "));
      if (!result.depends_on.empty())
        fmt::print(out, "  depends on which value is right: {}\n", JoinStrings(result.depends_on, ", "));
      for (const std::string& note : result.notes) fmt::print(out, "  note: {}\n", note);
    }
    for (const NoticeResult& notice : chip.notices) {
      fmt::print(out, "\nNotice {} ({}): {}\n  {}\n  [{}]\n", notice.id, notice.pack, notice.title, notice.text,
                 notice.citation);
    }
  }
}

void RenderRulesListText(const RuleSet& rules, const RulesQuery& query, std::ostream& out) {
  const Date& as_of = query.context.as_of;
  TextTable table({"PACK", "EFFECTIVE", "END", "STATUS", "APPLIES", "ENTRIES", "CITATION"});
  for (const PackInfo& pack : rules.packs()) {
    if (!query.Selects(pack)) continue;
    std::vector<std::string> entries;
    for (const EntryInfo& entry : pack.entries) entries.push_back(entry.id);
    std::string status = pack.status;
    if (pack.not_enforced_from) status += fmt::format(" (from {})", pack.not_enforced_from->ToString());
    if (!pack.exporters.empty()) status += fmt::format(" [{} only]", JoinStrings(pack.exporters, ", "));
    table.AddRow({pack.id, pack.effective.ToString(), pack.end ? pack.end->ToString() : "-", status,
                  pack.AppliesOn(query.context) ? "yes" : "no", JoinStrings(entries, ", "), pack.citation.text});
  }
  table.Render(out);
  std::vector<std::string> formats;
  for (const OperandFormat& format : rules.formats().formats)
    formats.push_back(fmt::format("{}={}", format.name, format.bits));
  fmt::print(out, "\nOperand formats (bits): {}\nApplies: on {}, {} posture{}.\n", JoinStrings(formats, " "),
             as_of.ToString(), Name(query.context.posture),
             query.context.exporter.empty() ? "" : ", exporter " + query.context.exporter);
}

}  // namespace eccn::cli
