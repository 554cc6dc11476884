// Streams a file as chunks of whole lines through worker threads and hands
// the chunks back in input order, with a bounded number in flight, so memory
// stays flat whatever the file's size and the output keeps the input order.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <eccn/eccn.h>

#include "cli/render_text.h"

namespace eccn::cli {

struct LineChunk {
  // Whole lines (the last may lack its newline), followed in memory by at
  // least `padding` readable bytes: in the mapped file, or in `storage`.
  std::string_view lines;
  std::string storage;
  std::vector<uint32_t> newlines;  // offset in `lines` of each '\n' (chunks are far below 4 GiB)
  int64_t first_line = 0;
  // Results, filled by the processing function and read by the consumer.
  std::string out;
  std::vector<Diagnostic> diagnostics;
  std::vector<ClassifyTextRow> text_rows;  // --format text: rows for the consumer to add, in order
  // --format text: the rows' lines are in `out` already (the table's widths
  // were fixed when the chunk started); text_rows hold their verdicts and notices.
  bool rows_written = false;
  std::array<int64_t, 3> verdicts{};  // by Verdict
  int64_t malformed = 0;
  bool stopped = false;  // processing stopped early (--fail-fast)
  // Line first_line was longer than max_line_bytes: it was skipped, not held,
  // and `lines` is empty.
  bool oversized = false;
};

struct ChunkStreamSettings {
  size_t jobs = 1;               // worker threads; 1 processes on the calling thread
  size_t chunk_bytes = 1 << 20;  // read size per chunk
  // Lines per chunk at most: memory holds a chunk's results, and a short
  // record's result can be a hundred times its size.
  size_t max_lines = 4096;
  // A longer line is skipped (LineChunk::oversized) rather than held: memory
  // stays bounded even for a file without newlines. Chunks are no larger.
  size_t max_line_bytes = size_t{4} << 20;
  size_t padding = 64;                               // readable bytes after each chunk's lines
  std::function<void(uint64_t bytes_read)> on_read;  // progress, on the calling thread
  // A mapped file that shrinks while it is read raises SIGBUS: eccn then says
  // so on stderr, naming the file thus, and exits with `shrank_exit_code`.
  std::string file_name;
  int shrank_exit_code = 1;
};

// Reads `fd` to its end; `carry` holds bytes already read from it (after a
// header) and `first_line` the line number of the first of them. A regular
// file is mapped into memory rather than read, so its bytes are not copied;
// if it shrinks meanwhile, the process ends (see ChunkStreamSettings). `process`
// runs on a worker (with its index < jobs) and `consume` on the calling
// thread, in input order; `consume` returns false to stop early. Returns ""
// or a read error.
std::string StreamChunks(int fd, std::string carry, int64_t first_line, const ChunkStreamSettings& settings,
                         const std::function<void(LineChunk&, size_t worker)>& process,
                         const std::function<bool(LineChunk&)>& consume);

}  // namespace eccn::cli
