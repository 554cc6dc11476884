// eccn classify over catalogs: JSON Lines and CSV inputs (one chip per line)
// and streamed --format jsonl|csv output, one result per record in input
// order, with memory flat in the number of records.
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <ostream>
#include <string>

#include "cli/command_support.h"

namespace eccn::cli {

// --input-format, --fail-fast, --exact and --jobs.
void AddBulkOptions(CLI::App& classify, Options& options);

// True when classify reads a catalog (.jsonl, .ndjson, .csv or
// --input-format jsonl|csv) or writes a stream (--format jsonl|csv).
bool WantsBulk(const Options& options);

// The first PATH that is a catalog, for the commands that read YAML specs
// only (explain, license, classify --record or --to): an error for them.
std::optional<std::string> FirstCatalog(const Options& options);

int RunBulkClassify(const Options& options, std::ostream& out, std::ostream& err);

}  // namespace eccn::cli
