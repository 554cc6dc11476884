#include "cli/render_csv.h"

#include <fmt/format.h>

#include <algorithm>

#include "cli/significant_digits.h"
#include "overall_verdict.h"

namespace eccn::cli {
namespace {

// Entry ids (with a '?' suffix when `mark_unsure`) of the entries selected, joined by ';'.
template <class Select>
void AppendEntries(std::string& out, std::span<const bulk::EntryColumn> entries, const bulk::FastOutcome& outcome,
                   Select select) {
  bool first = true;
  for (size_t i = 0; i < entries.size(); ++i) {
    const std::string_view suffix = select(entries[i], outcome.verdicts[i]);
    if (suffix == "-") continue;
    if (!first) out += ';';
    first = false;
    out += entries[i].entry->id;
    out += suffix;
  }
}

// Appends a metric cell, its comma and `digits`; returns the digits' size.
uint32_t AppendMetricCell(std::string& cells, const MetricDigits& digits) {
  cells += ',';
  const size_t at = cells.size();
  cells.resize(at + kMetricChars);
  const auto size = static_cast<uint32_t>(WriteMetric(digits, cells.data() + at) - (cells.data() + at));
  cells.resize(at + size);
  return size;
}

// A metric cell: empty unless the value is known exactly.
void AppendExactCell(std::string& cells, const Interval& value) {
  if (value.IsExact()) {
    AppendMetricCell(cells, ExactDigits(value.lo));
  } else {
    cells += ',';
  }
}

}  // namespace

void AppendCsvCell(std::string& out, std::string_view text) {
  // One pass over the cell (find_first_of would search the four characters for each of its bytes).
  const bool plain =
      std::none_of(text.begin(), text.end(), [](char c) { return c == ',' || c == '"' || c == '\n' || c == '\r'; });
  if (plain) {
    out += text;
    return;
  }
  out += '"';
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

CsvResultWriter::CsvResultWriter(const bulk::FastClassifier& columns) : columns_(columns) {}

void CsvResultWriter::Header(std::string& out) const {
  out += "line,name,verdict,controls,indeterminate,review_zones,notices";
  for (const bulk::MetricColumn& column : columns_.metrics()) {
    // A metric id shared by several packs in force is told apart by its pack.
    size_t same = 0;
    for (const bulk::MetricColumn& other : columns_.metrics()) same += other.metric->id == column.metric->id ? 1 : 0;
    out += ',';
    AppendCsvCell(out, same > 1 ? fmt::format("{}:{}", column.pack->id, column.metric->id) : column.metric->id);
  }
  out += '\n';
}

Verdict CsvResultWriter::AppendVerdictCells(std::string& out, const bulk::FastOutcome& outcome) const {
  const std::span<const bulk::EntryColumn> entries = columns_.entries();
  const Verdict overall = OverallVerdict(
      entries.size(), [&](size_t i) { return entries[i].control; }, [&](size_t i) { return outcome.verdicts[i]; });
  out += Name(overall);
  out += ',';
  AppendEntries(out, entries, outcome, [](const bulk::EntryColumn& e, Verdict v) {
    return e.control && v == Verdict::kControlled ? "" : "-";
  });
  out += ',';
  AppendEntries(out, entries, outcome, [](const bulk::EntryColumn& e, Verdict v) {
    return e.control && v == Verdict::kIndeterminate ? "" : "-";
  });
  out += ',';
  AppendEntries(out, entries, outcome, [](const bulk::EntryColumn& e, Verdict v) {
    if (e.control || v == Verdict::kNotControlled) return "-";
    return v == Verdict::kControlled ? "" : "?";
  });
  out += ',';
  return overall;
}

Verdict CsvResultWriter::WriteRow(std::string& out, int64_t line, std::string_view name,
                                  const bulk::FastOutcome& outcome, CsvRowScratch& scratch) const {
  const fmt::format_int line_text(line);
  out.append(line_text.data(), line_text.size());
  out += ',';
  AppendCsvCell(out, name);
  out += ',';
  Verdict overall = Verdict::kIndeterminate;
  // Two bits a verdict key a pattern; a bounded number of patterns is kept.
  constexpr size_t kMaxKeyedVerdicts = 32;
  constexpr size_t kMaxPatterns = 4096;
  if (outcome.pattern != bulk::kNoPattern) {
    auto& cells = scratch.by_fast_pattern_;
    if (outcome.pattern >= cells.size()) cells.resize(outcome.pattern + 1);
    std::optional<std::pair<std::string, Verdict>>& known = cells[outcome.pattern];
    if (!known) {
      known.emplace();
      known->second = AppendVerdictCells(known->first, outcome);
    }
    out += known->first;
    overall = known->second;
  } else if (outcome.verdicts.size() > kMaxKeyedVerdicts) {
    overall = AppendVerdictCells(out, outcome);
  } else {
    uint64_t key = 0;
    for (const Verdict verdict : outcome.verdicts) key = (key << 2) | static_cast<uint64_t>(verdict);
    auto known = scratch.by_pattern_.find(key);
    if (known == scratch.by_pattern_.end()) {
      std::string text;
      const Verdict built = AppendVerdictCells(text, outcome);
      if (scratch.by_pattern_.size() >= kMaxPatterns) {
        out += text;
        overall = built;
      } else {
        known = scratch.by_pattern_.emplace(key, std::make_pair(std::move(text), built)).first;
      }
    }
    if (known != scratch.by_pattern_.end()) {
      out += known->second.first;
      overall = known->second.second;
    }
  }
  for (size_t i = 0; i < outcome.notices.size(); ++i) {
    if (i > 0) out += ';';
    AppendCsvCell(out, outcome.notices[i]);
  }
  out += scratch.metric_cells_;
  out += '\n';
  return overall;
}

std::optional<Verdict> CsvResultWriter::FastRow(std::string& out, int64_t line, std::string_view name,
                                                const bulk::FastOutcome& outcome, CsvRowScratch& scratch) const {
  std::string& cells = scratch.metric_cells_;
  cells.clear();
  scratch.metric_at_.clear();
  for (size_t i = 0; i < outcome.metrics.size(); ++i) {
    const std::optional<bulk::FastMetric>& metric = outcome.metrics[i];
    const auto at = static_cast<uint32_t>(cells.size() + 1);  // after the comma
    if (!metric) {
      cells += ',';
      scratch.metric_at_.emplace_back(at, 0);
      continue;
    }
    // Packs restate TPP and PD: a metric met earlier in the row is copied.
    const auto earlier =
        std::find(outcome.metrics.begin(), outcome.metrics.begin() + static_cast<std::ptrdiff_t>(i), metric);
    if (earlier != outcome.metrics.begin() + static_cast<std::ptrdiff_t>(i)) {
      const auto [from, size] = scratch.metric_at_[static_cast<size_t>(earlier - outcome.metrics.begin())];
      cells += ',';
      cells.append(cells, from, size);
      scratch.metric_at_.emplace_back(at, size);
      continue;
    }
    const std::optional<MetricDigits> digits = DecidedDigits(metric->value, metric->error);
    if (!digits) return std::nullopt;
    scratch.metric_at_.emplace_back(at, AppendMetricCell(cells, *digits));
  }
  return WriteRow(out, line, name, outcome, scratch);
}

Verdict CsvResultWriter::Row(std::string& out, int64_t line, const Classification& chip, CsvRowScratch& scratch) const {
  bulk::FastOutcome& outcome = scratch.outcome_;
  outcome.verdicts.clear();
  outcome.notices.clear();
  scratch.metric_cells_.clear();
  // The exact classification lists entries and metrics in the same pack order as the columns.
  for (const EntryResult& result : chip.results) outcome.verdicts.push_back(result.verdict);
  for (const MetricValue& metric : chip.metrics) AppendExactCell(scratch.metric_cells_, metric.value);
  for (const NoticeResult& notice : chip.notices) outcome.notices.emplace_back(notice.id);
  return WriteRow(out, line, chip.chip, outcome, scratch);
}

Verdict CsvResultWriter::Row(std::string& out, int64_t line, std::string_view name, const VerdictEvaluator& verdicts,
                             CsvRowScratch& scratch) const {
  bulk::FastOutcome& outcome = scratch.outcome_;
  outcome.verdicts.assign(verdicts.verdicts().begin(), verdicts.verdicts().end());
  outcome.notices.clear();
  scratch.metric_cells_.clear();
  for (const Interval& value : verdicts.metric_values()) AppendExactCell(scratch.metric_cells_, value);
  columns_.AddNotices(name, outcome.notices);
  return WriteRow(out, line, name, outcome, scratch);
}

}  // namespace eccn::cli
