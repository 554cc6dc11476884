// The start of a catalog, read before its records stream: a leading byte
// order mark is skipped (RFC 8259, section 8.1, lets a JSON reader ignore
// one; spreadsheets write one before a CSV export's header), and a CSV's
// header line is split off. Positions then count from after the mark.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace eccn::cli {

// Reads the first bytes of `fd` into `read`, without a byte order mark; with
// `whole_first_line`, on until the first newline, or past kMaxInputBytes.
// False on a read error (errno tells).
bool ReadCatalogStart(int fd, bool whole_first_line, std::string& read);

// Takes the first line of `text` (a CSV header, without its line end) and
// leaves what follows; nullopt, taking nothing, when it is longer than
// kMaxInputBytes, which a record may not be either.
std::optional<std::string> TakeFirstLine(std::string& text);

// "<what> longer than 4 MiB, not read; a catalog holds one chip per line".
std::string OversizedMessage(std::string_view what);

}  // namespace eccn::cli
