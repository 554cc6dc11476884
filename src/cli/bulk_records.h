// What worker threads do with a catalog's records: each record through the
// fast path when the output allows it and the path is sure, else through the
// exact path (which also reports a bad record), its result appended to its
// chunk in input order for the consumer to write (cmd_bulk.cc).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include <eccn/eccn.h>
#include <eccn/verdicts.h>
#include "bulk/csv_record.h"
#include "bulk/fast_chip.h"
#include "bulk/fast_classifier.h"
#include "bulk/jsonl_record.h"
#include "cli/command_support.h"
#include "cli/line_chunks.h"
#include "cli/render_csv.h"
#include "cli/render_text.h"

namespace eccn::cli {

enum class InputFormat { kYaml, kJsonl, kCsv };
// --format, read once per run rather than compared as text for every record.
enum class OutputFormat { kText, kJson, kJsonl, kCsv };
OutputFormat OutputFormatOf(std::string_view format);

// Everything a run shares, read-only, across worker threads.
struct BulkRun {
  const Options& options;
  const RuleSet& rules;
  Context context;
  bulk::FastClassifier classifier;
  CsvResultWriter csv;
  const ClassifyTextWriter& text;  // workers call its RowOf only
  OutputFormat output;
  BulkRun(const Options& o, const RuleSet& r, const Context& c, const ClassifyTextWriter& t)
      : options(o),
        rules(r),
        context(c),
        classifier(r, c),
        csv(classifier),
        text(t),
        output(OutputFormatOf(o.format)) {}

  // The exact classification of a record, with clause traces only for the
  // formats that print them.
  Classification Classify(const ChipSpec& spec) const {
    const bool traces = output == OutputFormat::kJson || output == OutputFormat::kJsonl;
    return rules.Classify(spec, context, traces ? Detail::kFull : Detail::kVerdicts);
  }
};

// Per worker thread: decoders and buffers reused for every record.
struct Worker {
  explicit Worker(const BulkRun& run, const bulk::CsvDecoder* csv_layout)
      : fast(run.rules.formats()), classify(run.classifier), verdicts(run.rules, run.context) {
    if (csv_layout != nullptr) csv.emplace(*csv_layout);
  }

  bulk::JsonlDecoder jsonl;
  std::optional<bulk::CsvDecoder> csv;
  bulk::FastRecordBuilder fast;
  bulk::FastClassifier::Worker classify;
  VerdictEvaluator verdicts;  // exact, for the records the fast path leaves
  bulk::FastOutcome outcome;
  CsvRowScratch csv_scratch;
};

// Appends a record's exact classification to `chunk` in the run's output format.
void Emit(const BulkRun& run, LineChunk& chunk, int64_t line, const Classification& chip, CsvRowScratch& scratch);

// Classifies every record of `chunk` (lines of `file`, in `format`).
void ProcessChunk(const BulkRun& run, Worker& worker, std::string_view file, InputFormat format, LineChunk& chunk);

}  // namespace eccn::cli
