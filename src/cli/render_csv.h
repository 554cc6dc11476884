// --format csv: one row per classified record, the same columns whether the
// fast or the exact path classified it (docs/spec-format.md, "Bulk output").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include <eccn/eccn.h>
#include <eccn/verdicts.h>
#include "bulk/fast_classifier.h"

namespace eccn::cli {

// Appends `text` to `out` as one CSV cell, quoted when it must be.
void AppendCsvCell(std::string& out, std::string_view text);

// The cells of a row that depend on the verdicts alone (verdict, controls,
// indeterminate, review_zones), remembered per verdict pattern by one worker:
// a catalog meets few patterns, and rebuilding the id lists is most of a row.
class CsvVerdictCells {
 private:
  friend class CsvResultWriter;
  std::unordered_map<uint64_t, std::pair<std::string, Verdict>> by_pattern_;
};

class CsvResultWriter {
 public:
  explicit CsvResultWriter(const bulk::FastClassifier& columns);

  // line,name,verdict,controls,indeterminate,review_zones,notices,<metric>...
  void Header(std::string& out) const;
  // True when the metrics of `outcome`, from the fast path, print the digits
  // of the exact values; if not, the exact path must write the row.
  static bool PrintsExactDigits(const bulk::FastOutcome& outcome);
  // Appends one row and returns the chip's overall verdict. `line` is the
  // record's line in its catalog (0 for a YAML file).
  // `cells`, when given, is the calling worker's own.
  Verdict Row(std::string& out, int64_t line, std::string_view name, const bulk::FastOutcome& outcome,
              CsvVerdictCells* cells = nullptr) const;
  Verdict Row(std::string& out, int64_t line, const Classification& chip, bulk::FastOutcome& scratch) const;
  // After `verdicts`, built for the same rules and context, evaluated `name`.
  Verdict Row(std::string& out, int64_t line, std::string_view name, const VerdictEvaluator& verdicts,
              bulk::FastOutcome& scratch) const;

 private:
  // Appends the verdict cells (with the commas between them) and returns the overall verdict.
  Verdict AppendVerdictCells(std::string& out, const bulk::FastOutcome& outcome) const;

  const bulk::FastClassifier& columns_;
};

}  // namespace eccn::cli
