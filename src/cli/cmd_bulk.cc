#include "cli/cmd_bulk.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <thread>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "bulk/csv_record.h"
#include "cli/bulk_records.h"
#include "cli/catalog_start.h"
#include "cli/cli.h"
#include "cli/inputs.h"
#include "cli/line_chunks.h"
#include "cli/render_csv.h"
#include "cli/render_json.h"
#include "cli/render_text.h"
#include "input_text.h"

namespace eccn::cli {
namespace {

InputFormat FormatOf(const std::string& path, const std::string& forced) {
  if (forced == "jsonl") return InputFormat::kJsonl;
  if (forced == "csv") return InputFormat::kCsv;
  if (forced == "yaml") return InputFormat::kYaml;
  const std::string extension = std::filesystem::path(path).extension().string();
  if (extension == ".jsonl" || extension == ".ndjson") return InputFormat::kJsonl;
  if (extension == ".csv") return InputFormat::kCsv;
  return InputFormat::kYaml;
}

// Catalogs this large get a progress line on a terminal.
constexpr uint64_t kProgressBytes = uint64_t{16} << 20;

struct Totals {
  std::array<int64_t, 3> verdicts{};
  int64_t malformed = 0;
  bool missing_input = false;
  bool stop = false;
  bool any_chip = false;  // --format json: the chips array has been opened
};

// Writes a processed chunk's output, in input order, and adds up its counts.
void Deliver(const BulkRun& run, LineChunk& chunk, ClassifyTextWriter& text, std::ostream& out, Totals& totals) {
  if (run.output == OutputFormat::kJson && !chunk.out.empty() && !totals.any_chip) {
    chunk.out[0] = '[';  // ClassifyJsonChip's first and later forms differ in this character only
    totals.any_chip = true;
  }
  if (chunk.rows_written && text.held_rows() > 0) text.Flush(out);  // rows held from earlier chunks come first
  out.write(chunk.out.data(), static_cast<std::streamsize>(chunk.out.size()));
  for (size_t v = 0; v < 3; ++v) totals.verdicts[v] += chunk.verdicts[v];
  totals.malformed += chunk.malformed;
  // A large catalog's table streams, its columns as wide as its first 10,000
  // rows need, whatever the size of the chunks; once they are fixed, workers
  // write the lines (ClassifyTextWriter::AppendLine).
  constexpr size_t kTableRowsHeld = 10000;
  for (ClassifyTextRow& row : chunk.text_rows) {
    if (chunk.rows_written) {
      text.AddWritten(std::move(row));
      continue;
    }
    text.Add(std::move(row));
    if (text.held_rows() >= kTableRowsHeld) text.Flush(out);
  }
}

// Streams one catalog file through the workers.
void RunCatalog(const BulkRun& run, const std::string& path, InputFormat format, ClassifyTextWriter& text,
                std::ostream& out, std::ostream& err, Totals& totals) {
  const bool from_stdin = path == "-";
  const int fd = from_stdin ? 0 : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    PrintDiagnostics(
        {{Severity::kError, {path}, std::filesystem::exists(path) ? "cannot open file" : "no such file or directory"}},
        err);
    totals.missing_input = true;
    return;
  }
  struct Closer {
    int fd;
    ~Closer() {
      if (fd > 0) ::close(fd);
    }
  } const closer{from_stdin ? -1 : fd};
  std::string carry;
  if (!ReadCatalogStart(fd, format == InputFormat::kCsv, carry)) {
    PrintDiagnostics({{Severity::kError, {path}, fmt::format("read error: {}", std::strerror(errno))}}, err);
    ++totals.malformed;
    totals.stop = run.options.fail_fast;
    return;
  }
  int64_t first_line = 1;
  std::optional<bulk::CsvDecoder> layout;
  if (format == InputFormat::kCsv) {
    std::vector<Diagnostic> diagnostics;
    if (const std::optional<std::string> header = TakeFirstLine(carry)) {
      layout.emplace(*header, path, run.rules.formats(), diagnostics);
    } else {
      diagnostics.push_back({Severity::kError, {path, 1, 1}, OversizedMessage("a CSV header")});
    }
    if (HasErrors(diagnostics)) {
      PrintDiagnostics(diagnostics, err);
      ++totals.malformed;
      totals.stop = run.options.fail_fast;
      return;
    }
    first_line = 2;
  }

  size_t jobs = run.options.jobs == 0 ? std::max(1U, std::thread::hardware_concurrency()) : run.options.jobs;
  std::vector<std::unique_ptr<Worker>> workers;
  for (size_t i = 0; i < jobs; ++i) workers.push_back(std::make_unique<Worker>(run, layout ? &*layout : nullptr));

  // A progress line only for a person watching a large file on a terminal.
  struct stat info {};
  const bool progress = &err == &std::cerr && ::isatty(2) == 1 && ::fstat(fd, &info) == 0 && S_ISREG(info.st_mode) &&
                        static_cast<uint64_t>(info.st_size) >= kProgressBytes;
  auto last_progress = std::chrono::steady_clock::now();
  ChunkStreamSettings settings;
  settings.jobs = jobs;
  settings.padding = bulk::kJsonPadding;
  settings.max_line_bytes = kMaxInputBytes;
  settings.file_name = path;
  settings.shrank_exit_code = kDataError;  // as for a read error
  // Memory holds the results of the chunks in flight. A CSV row or a table
  // row is up to a few hundred bytes whatever its record, so a chunk of short
  // records holds fewer of them (max_lines); a traced result (json, jsonl) is
  // some fifty kilobytes, so those chunks are small.
  if (run.output == OutputFormat::kJson || run.output == OutputFormat::kJsonl) {
    settings.chunk_bytes = 8 << 10;
    settings.max_lines = 16;
  } else if (run.output == OutputFormat::kText) {
    settings.max_lines = 256;  // a row's cells are strings of their own, some 400 bytes in all
  }
  if (progress) {
    settings.on_read = [&](uint64_t bytes) {
      const auto now = std::chrono::steady_clock::now();
      if (now - last_progress < std::chrono::milliseconds(250)) return;
      last_progress = now;
      fmt::print(err, "\reccn: {}: {:.0f}%", path,
                 100.0 * static_cast<double>(bytes) / static_cast<double>(info.st_size));
      err.flush();
    };
  }
  const std::string error = StreamChunks(
      fd, std::move(carry), first_line, settings,
      [&](LineChunk& chunk, size_t worker) { ProcessChunk(run, *workers[worker], path, format, chunk); },
      [&](LineChunk& chunk) {
        if (progress && !chunk.diagnostics.empty()) err << "\r\033[K";
        PrintDiagnostics(chunk.diagnostics, err);
        Deliver(run, chunk, text, out, totals);
        totals.stop = chunk.stopped;
        return !chunk.stopped;
      });
  if (progress) err << "\r\033[K";
  if (!error.empty()) {
    PrintDiagnostics({{Severity::kError, {path}, fmt::format("read error: {}", error)}}, err);
    ++totals.malformed;
  }
}

// YAML spec files in a streamed run: each file is one record.
void RunYaml(const BulkRun& run, const std::string& path, ClassifyTextWriter& text, std::ostream& out,
             std::ostream& err, Totals& totals) {
  std::vector<Diagnostic> diagnostics;
  const auto files = ExpandSpecPaths({path}, diagnostics);
  if (HasErrors(diagnostics)) {
    PrintDiagnostics(diagnostics, err);
    totals.missing_input = totals.missing_input || InputErrorCode(diagnostics) == kNoInput;
    totals.malformed += InputErrorCode(diagnostics) == kNoInput ? 0 : 1;
    return;
  }
  LineChunk chunk;
  CsvRowScratch scratch;
  for (const auto& file : files) {
    Loaded<ChipSpec> spec = LoadChipSpec(file, run.rules.formats());
    PrintDiagnostics(spec.diagnostics, err);
    if (!spec.ok()) {
      ++totals.malformed;
      if (run.options.fail_fast) {
        totals.stop = true;
        break;
      }
      continue;
    }
    Emit(run, chunk, 0, run.Classify(*spec.value), scratch);
  }
  Deliver(run, chunk, text, out, totals);
}

}  // namespace

void AddBulkOptions(CLI::App& classify, Options& options) {
  classify
      .add_option("--input-format", options.input_format,
                  "Input format of every PATH (default: by extension: .jsonl/.ndjson, .csv, else YAML)")
      ->check(CLI::IsMember({"yaml", "jsonl", "csv"}));
  classify.add_flag("--fail-fast", options.fail_fast, "Stop at the first malformed record (default: report, go on)");
  classify.add_flag("--exact", options.exact_only,
                    "Classify every catalog record in exact arithmetic, without the double-precision fast path "
                    "(slower; the same output, so a check on it)");
  classify.add_option("--jobs", options.jobs, "Worker threads for catalogs (default: one per core)")
      ->check(CLI::Range(0, 256));
}

bool WantsBulk(const Options& options) {
  const OutputFormat output = OutputFormatOf(options.format);
  if (output == OutputFormat::kJsonl || output == OutputFormat::kCsv) return true;
  return std::any_of(options.paths.begin(), options.paths.end(), [&options](const std::string& path) {
    return FormatOf(path, options.input_format) != InputFormat::kYaml;
  });
}

std::optional<std::string> FirstCatalog(const Options& options) {
  for (const std::string& path : options.paths) {
    if (FormatOf(path, options.input_format) != InputFormat::kYaml) return path;
  }
  return std::nullopt;
}

int RunBulkClassify(const Options& options, std::ostream& out, std::ostream& err) {
  const auto as_of = ResolveDate(options.as_of, err);
  if (!as_of) return kUsage;
  int code = 0;
  const auto rules = LoadRuleSet(options.rules_dir, err, code);
  if (!rules) return code;
  const Context context = ContextOf(options, *as_of);
  Report report;
  report.as_of = *as_of;
  report.posture = context.posture;
  report.exporter = context.exporter;
  for (const PackInfo& pack : rules->packs()) {
    if (pack.AppliesOn(context)) report.packs.push_back(&pack);
  }
  ClassifyTextWriter text(report);
  const BulkRun run(options, *rules, context, text);
  if (run.output == OutputFormat::kCsv) {
    std::string header;
    run.csv.Header(header);
    out << header;
  }
  if (run.output == OutputFormat::kJson) out << ClassifyJsonHead(report);
  Totals totals;
  for (const std::string& path : options.paths) {
    const InputFormat format = FormatOf(path, options.input_format);
    if (format == InputFormat::kYaml) {
      RunYaml(run, path, text, out, err, totals);
    } else {
      RunCatalog(run, path, format, text, out, err, totals);
    }
    if (totals.stop) break;
  }
  if (run.output == OutputFormat::kJson) out << ClassifyJsonTail(totals.any_chip);
  if (run.output == OutputFormat::kText) text.Render(out);
  out.flush();
  if (totals.missing_input) return kNoInput;
  if (totals.malformed > 0) return kDataError;
  if (totals.verdicts[static_cast<size_t>(Verdict::kControlled)] > 0) return kControlled;
  if (totals.verdicts[static_cast<size_t>(Verdict::kIndeterminate)] > 0) return kIndeterminate;
  return kNotControlled;
}

}  // namespace eccn::cli
