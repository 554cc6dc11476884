#include "cli/render_csv.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

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

// A metric cell's digits: empty unless the value is known exactly.
std::optional<MetricDigits> Digits(const Interval& value) {
  if (!value.IsExact()) return std::nullopt;
  return ExactDigits(value.lo);
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
  if (outcome.verdicts.size() > kMaxKeyedVerdicts) {
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
  // A value met earlier in the row (packs restating TPP and PD) is copied, not written again.
  struct Written {
    MetricDigits metric;
    size_t at = 0;
    size_t size = 0;
  };
  std::array<Written, 8> written{};
  size_t written_count = 0;
  for (const std::optional<MetricDigits>& metric : scratch.metrics_) {
    out += ',';
    if (!metric) continue;
    const auto same = std::find_if(written.begin(), written.begin() + static_cast<std::ptrdiff_t>(written_count),
                                   [&](const Written& w) { return w.metric == *metric; });
    if (same != written.begin() + static_cast<std::ptrdiff_t>(written_count)) {
      out.append(out, same->at, same->size);
      continue;
    }
    std::array<char, kMetricChars> text{};
    const auto size = static_cast<size_t>(WriteMetric(*metric, text.data()) - text.data());
    if (written_count < written.size()) written[written_count++] = {*metric, out.size(), size};
    out.append(text.data(), size);
  }
  out += '\n';
  return overall;
}

std::optional<Verdict> CsvResultWriter::FastRow(std::string& out, int64_t line, std::string_view name,
                                                const bulk::FastOutcome& outcome, CsvRowScratch& scratch) const {
  scratch.metrics_.clear();
  for (size_t i = 0; i < outcome.metrics.size(); ++i) {
    const std::optional<bulk::FastMetric>& metric = outcome.metrics[i];
    if (!metric) {
      scratch.metrics_.emplace_back();
      continue;
    }
    // Packs restate TPP and PD: a metric met earlier in the row keeps its digits.
    const auto earlier =
        std::find(outcome.metrics.begin(), outcome.metrics.begin() + static_cast<std::ptrdiff_t>(i), metric);
    if (earlier != outcome.metrics.begin() + static_cast<std::ptrdiff_t>(i)) {
      scratch.metrics_.push_back(scratch.metrics_[static_cast<size_t>(earlier - outcome.metrics.begin())]);
      continue;
    }
    const std::optional<MetricDigits> digits = DecidedDigits(metric->value, metric->error);
    if (!digits) return std::nullopt;
    scratch.metrics_.emplace_back(digits);
  }
  return WriteRow(out, line, name, outcome, scratch);
}

Verdict CsvResultWriter::Row(std::string& out, int64_t line, const Classification& chip, CsvRowScratch& scratch) const {
  bulk::FastOutcome& outcome = scratch.outcome_;
  outcome.verdicts.clear();
  outcome.notices.clear();
  scratch.metrics_.clear();
  // The exact classification lists entries and metrics in the same pack order as the columns.
  for (const EntryResult& result : chip.results) outcome.verdicts.push_back(result.verdict);
  for (const MetricValue& metric : chip.metrics) scratch.metrics_.push_back(Digits(metric.value));
  for (const NoticeResult& notice : chip.notices) outcome.notices.emplace_back(notice.id);
  return WriteRow(out, line, chip.chip, outcome, scratch);
}

Verdict CsvResultWriter::Row(std::string& out, int64_t line, std::string_view name, const VerdictEvaluator& verdicts,
                             CsvRowScratch& scratch) const {
  bulk::FastOutcome& outcome = scratch.outcome_;
  outcome.verdicts.assign(verdicts.verdicts().begin(), verdicts.verdicts().end());
  outcome.notices.clear();
  scratch.metrics_.clear();
  for (const Interval& value : verdicts.metric_values()) scratch.metrics_.push_back(Digits(value));
  columns_.AddNotices(name, outcome.notices);
  return WriteRow(out, line, name, outcome, scratch);
}

}  // namespace eccn::cli
