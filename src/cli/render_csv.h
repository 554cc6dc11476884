// --format csv: one row per classified record, the same columns whether the
// fast or the exact path classified it (docs/spec-format.md, "Bulk output").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <eccn/eccn.h>
#include <eccn/verdicts.h>
#include "bulk/fast_classifier.h"
#include "cli/significant_digits.h"

namespace eccn::cli {

// Appends `text` to `out` as one CSV cell, quoted when it must be.
void AppendCsvCell(std::string& out, std::string_view text);

// One worker's state for writing rows: the cells that depend on the verdicts
// alone (verdict, controls, indeterminate, review_zones), remembered per
// verdict pattern (a catalog meets few, and rebuilding the id lists is most of
// a row), and buffers reused from row to row. The fast path's rows must all
// come from one FastClassifier::Worker, whose pattern numbers it keys on.
class CsvRowScratch {
 private:
  friend class CsvResultWriter;
  // By FastOutcome::pattern, as met (a worker numbers at most a few thousand).
  std::vector<std::optional<std::pair<std::string, Verdict>>> by_fast_pattern_;
  // By the verdicts, two bits each, for the rows of the exact path.
  std::unordered_map<uint64_t, std::pair<std::string, Verdict>> by_pattern_;
  bulk::FastOutcome outcome_;  // an exact result, as the fast path lays it out
  // The row's metric cells, each after its comma, written before the row.
  std::string metric_cells_;
  // Where each column's digits are in metric_cells_ (offset, size), for a
  // repeated value to be copied rather than written again.
  std::vector<std::pair<uint32_t, uint32_t>> metric_at_;
};

class CsvResultWriter {
 public:
  explicit CsvResultWriter(const bulk::FastClassifier& columns);

  // line,name,verdict,controls,indeterminate,review_zones,notices,<metric>...
  void Header(std::string& out) const;
  // The rows below append one row and return the chip's overall verdict.
  // `line` is the record's line in its catalog (0 for a YAML file).
  //
  // A row from the fast path; nullopt, with nothing appended, when a metric
  // is too close to a rounding half for its digits to be known (significant_digits.h):
  // the exact path must write that row.
  std::optional<Verdict> FastRow(std::string& out, int64_t line, std::string_view name,
                                 const bulk::FastOutcome& outcome, CsvRowScratch& scratch) const;
  Verdict Row(std::string& out, int64_t line, const Classification& chip, CsvRowScratch& scratch) const;
  // After `verdicts`, built for the same rules and context, evaluated `name`.
  Verdict Row(std::string& out, int64_t line, std::string_view name, const VerdictEvaluator& verdicts,
              CsvRowScratch& scratch) const;

 private:
  // Appends the verdict cells (with the commas between them) and returns the overall verdict.
  Verdict AppendVerdictCells(std::string& out, const bulk::FastOutcome& outcome) const;
  // The row of `outcome`'s verdicts and notices and scratch.metric_cells_.
  Verdict WriteRow(std::string& out, int64_t line, std::string_view name, const bulk::FastOutcome& outcome,
                   CsvRowScratch& scratch) const;

  const bulk::FastClassifier& columns_;
};

}  // namespace eccn::cli
