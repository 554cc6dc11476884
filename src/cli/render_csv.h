// --format csv: one row per classified record, the same columns whether the
// fast or the exact path classified it (docs/spec-format.md, "Bulk output").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <eccn/eccn.h>
#include <eccn/verdicts.h>
#include "bulk/fast_classifier.h"

namespace eccn::cli {

// Appends `text` to `out` as one CSV cell, quoted when it must be.
void AppendCsvCell(std::string& out, std::string_view text);

class CsvResultWriter {
 public:
  explicit CsvResultWriter(const bulk::FastClassifier& columns);

  // line,name,verdict,controls,indeterminate,review_zones,notices,<metric>...
  void Header(std::string& out) const;
  // Appends one row and returns the chip's overall verdict. `line` is the
  // record's line in its catalog (0 for a YAML file).
  Verdict Row(std::string& out, int64_t line, std::string_view name, const bulk::FastOutcome& outcome) const;
  Verdict Row(std::string& out, int64_t line, const Classification& chip, bulk::FastOutcome& scratch) const;
  // After `verdicts`, built for the same rules and context, evaluated `name`.
  Verdict Row(std::string& out, int64_t line, std::string_view name, const VerdictEvaluator& verdicts,
              bulk::FastOutcome& scratch) const;

 private:
  const bulk::FastClassifier& columns_;
};

}  // namespace eccn::cli
