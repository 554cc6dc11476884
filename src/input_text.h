// What every input file is, whatever its format (YAML, JSON Lines, CSV):
// UTF-8 text of bounded size, perhaps after a byte order mark.
#pragma once

#include <cstddef>
#include <string_view>

namespace eccn {

// Files larger than this are refused before parsing, and so are catalog
// records: rule and spec files are small, and a bound keeps a hostile input
// from exhausting memory.
inline constexpr size_t kMaxInputBytes = size_t{4} * 1024 * 1024;

// The byte offset of the first malformed UTF-8 sequence, or npos.
size_t FirstInvalidUtf8(std::string_view text);

// A UTF-8 byte order mark. It is not content: at the start of any input file
// (YAML, JSON Lines, CSV) it is skipped, and positions count from after it, as
// editors show them. Spreadsheets write one before a CSV export's header.
inline constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

}  // namespace eccn
