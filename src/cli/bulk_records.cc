#include "cli/bulk_records.h"

#include <utility>

#include "bulk/exact_record.h"
#include "cli/catalog_start.h"
#include "cli/render_json.h"
#include "uncertain_values.h"

namespace eccn::cli {
namespace {

// A table row, in input order: its line written here when the chunk's are, else the row for the consumer.
void AddTextRow(const BulkRun& run, LineChunk& chunk, ClassifyTextRow row) {
  if (chunk.rows_written) run.text.AppendLine(chunk.out, row);
  chunk.text_rows.push_back(std::move(row));
}

}  // namespace

OutputFormat OutputFormatOf(std::string_view format) {
  if (format == "json") return OutputFormat::kJson;
  if (format == "jsonl") return OutputFormat::kJsonl;
  if (format == "csv") return OutputFormat::kCsv;
  return OutputFormat::kText;  // the options allow no other
}

void Emit(const BulkRun& run, LineChunk& chunk, int64_t line, const Classification& chip, CsvRowScratch& scratch) {
  ++chunk.verdicts[static_cast<size_t>(chip.Overall())];
  switch (run.output) {
    case OutputFormat::kCsv:
      run.csv.Row(chunk.out, line, chip, scratch);
      return;
    case OutputFormat::kJsonl:
      AppendChipJson(chunk.out, chip);
      chunk.out += '\n';
      return;
    case OutputFormat::kJson:
      chunk.out += ClassifyJsonChip(chip, false);  // the consumer opens the array at the first chip
      return;
    case OutputFormat::kText:
      AddTextRow(run, chunk, run.text.RowOf(chip));
      return;
  }
}

namespace {

// One record: the fast path when the output allows it and it is sure, else
// the exact path, which also reports what is wrong with a bad record.
// Returns false to stop (--fail-fast after a bad record).
bool ProcessRecord(const BulkRun& run, Worker& worker, std::string_view file, InputFormat format, std::string_view line,
                   int64_t line_number, LineChunk& chunk) {
  const bool csv = run.output == OutputFormat::kCsv;
  if ((csv || run.output == OutputFormat::kText) && !run.options.exact_only) {
    worker.fast.Reset();
    const bool decoded =
        format == InputFormat::kJsonl ? worker.jsonl.Decode(line, worker.fast) : worker.csv->Decode(line, worker.fast);
    if (decoded && worker.fast.chip().has_name && worker.classify.Classify(worker.fast.chip(), worker.outcome)) {
      const std::string_view name = worker.fast.chip().name;
      std::optional<Verdict> verdict;
      if (csv) {
        verdict = run.csv.FastRow(chunk.out, line_number, name, worker.outcome, worker.csv_scratch);
      } else if (worker.classify.AddTableDetails(worker.fast.chip(), worker.outcome)) {
        if (std::optional<ClassifyTextRow> row = run.text.FastRowOf(name, worker.outcome, run.classifier)) {
          verdict = row->verdict;
          AddTextRow(run, chunk, std::move(*row));
        }
      }
      if (verdict) {
        ++chunk.verdicts[static_cast<size_t>(*verdict)];
        return true;
      }
    }
  }
  bulk::ExactRecordBuilder exact(run.rules.formats(), {file, line_number, line.data()}, chunk.diagnostics);
  if (format == InputFormat::kJsonl) {
    worker.jsonl.Decode(line, exact);
  } else {
    worker.csv->Decode(line, exact);
  }
  std::optional<ChipSpec> spec = exact.Finish();
  if (!spec) {
    ++chunk.malformed;
    return !run.options.fail_fast;
  }
  // A CSV row needs verdicts, not reasons; alternatives need Classify, which tries each.
  if (csv && !HasAlternatives(spec->uncertain)) {
    worker.verdicts.Evaluate(*spec);
    ++chunk.verdicts[static_cast<size_t>(
        run.csv.Row(chunk.out, line_number, spec->name, worker.verdicts, worker.csv_scratch))];
    return true;
  }
  Emit(run, chunk, line_number, run.Classify(*spec), worker.csv_scratch);
  return true;
}

}  // namespace

// A record, like a spec file, is at most kMaxInputBytes: a longer line (a file
// without newlines, a JSON array on one line) is skipped unread.
void ProcessChunk(const BulkRun& run, Worker& worker, std::string_view file, InputFormat format, LineChunk& chunk) {
  if (chunk.oversized) {
    chunk.diagnostics.push_back(
        {Severity::kError, {std::string(file), static_cast<int>(chunk.first_line), 1}, OversizedMessage("a record")});
    ++chunk.malformed;
    chunk.stopped = run.options.fail_fast;
    return;
  }
  chunk.rows_written = run.output == OutputFormat::kText && run.text.widths_fixed();
  size_t start = 0;
  int64_t line_number = chunk.first_line;
  // Each line ends at the next newline found by the reader, the last maybe at the chunk's end.
  for (size_t k = 0; start < chunk.lines.size(); ++k, ++line_number) {
    const size_t end = k < chunk.newlines.size() ? chunk.newlines[k] : chunk.lines.size();
    std::string_view line = chunk.lines.substr(start, end - start);
    start = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") != std::string_view::npos &&
        !ProcessRecord(run, worker, file, format, line, line_number, chunk)) {
      chunk.stopped = true;
      return;
    }
  }
}

}  // namespace eccn::cli
