// Human-readable output: aligned tables and explanations.
#pragma once

#include <atomic>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "bulk/fast_classifier.h"
#include "cli/report.h"
#include "cli/text_table.h"

namespace eccn::cli {

// One row per chip: shown metrics, verdict, the entries that match or are open.
void RenderClassifyText(const Report& report, std::ostream& out);

// One chip's row of that table, with what the summary under it counts.
struct ClassifyTextRow {
  std::vector<std::string> cells;
  Verdict verdict = Verdict::kIndeterminate;
  std::vector<std::string> notices;  // one line each
};

// The same table built a chip at a time, so that a long catalog keeps its
// rows' text only, not whole classifications.
class ClassifyTextWriter {
 public:
  // Reads the report's context and packs; report.chips is not read.
  explicit ClassifyTextWriter(const Report& report);
  // Reads only what the constructor set: worker threads make rows while
  // another thread adds the rows made before.
  ClassifyTextRow RowOf(const Classification& chip) const;
  // The same row from the bulk fast path's outcome (after
  // Worker::AddTableDetails), whose entries and metrics follow `columns`;
  // nullopt when only the exact classification can give it
  // (an open entry without outcome.missing_found, a notice, which shows its title,
  // and a metric known within a bounded range or near a rounding half).
  std::optional<ClassifyTextRow> FastRowOf(std::string_view name, const bulk::FastOutcome& outcome,
                                           const bulk::FastClassifier& columns) const;
  void Add(ClassifyTextRow row);
  // The table's rows so far (see TextTable::Flush), for a catalog of any size.
  size_t held_rows() const { return table_.held_rows(); }
  void Flush(std::ostream& out);
  void Render(std::ostream& out) const;

  // Once the first Flush has fixed the columns' widths (true from then on),
  // worker threads may write rows' lines themselves, as Flush would; the
  // consumer then writes them in order and adds each row with AddWritten.
  bool widths_fixed() const { return widths_fixed_.load(std::memory_order_acquire); }
  // Appends `row`'s line to `text` and lets its cells go. Only once widths_fixed().
  void AppendLine(std::string& text, ClassifyTextRow& row) const;
  // A row whose line AppendLine wrote: counted, its notices kept.
  void AddWritten(ClassifyTextRow row);

 private:
  // A row holding its first cell, the chip's name, with room for the others.
  ClassifyTextRow NewRow(std::string_view name, Verdict verdict) const;

  std::vector<std::string> metrics_;  // shown metric ids
  std::string packs_line_;
  TextTable table_;
  size_t total_ = 0;
  size_t controlled_ = 0;
  size_t indeterminate_ = 0;
  std::vector<std::string> notices_;       // one line each
  std::atomic<bool> widths_fixed_{false};  // set by Flush, read by workers
};
// Every metric and every comparison, with both sides and the margin.
void RenderExplainText(const Report& report, std::ostream& out);
// The packs of a rule set, marking those in force on `as_of`.
void RenderRulesListText(const RuleSet& rules, const RulesQuery& query, std::ostream& out);

}  // namespace eccn::cli
