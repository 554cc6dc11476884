#include "cli/catalog_start.h"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>

#include <fmt/format.h>

#include "input_text.h"

namespace eccn::cli {
namespace {

// Reads until `text` holds `size` bytes, fewer only at the end of `fd`.
bool ReadAtLeast(int fd, size_t size, std::string& text) {
  std::array<char, 65536> buffer{};
  while (text.size() < size) {
    const ssize_t got = ::read(fd, buffer.data(), buffer.size());
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return false;
    if (got == 0) break;
    text.append(buffer.data(), static_cast<size_t>(got));
  }
  return true;
}

}  // namespace

bool ReadCatalogStart(int fd, bool whole_first_line, std::string& read) {
  if (!ReadAtLeast(fd, kByteOrderMark.size(), read)) return false;
  if (read.starts_with(kByteOrderMark)) read.erase(0, kByteOrderMark.size());
  while (whole_first_line && read.find('\n') == std::string::npos && read.size() <= kMaxInputBytes) {
    const size_t before = read.size();
    if (!ReadAtLeast(fd, before + 1, read)) return false;
    if (read.size() == before) break;
  }
  return true;
}

std::optional<std::string> TakeFirstLine(std::string& text) {
  const size_t newline = text.find('\n');
  if (std::min(newline, text.size()) > kMaxInputBytes) return std::nullopt;
  std::string line = text.substr(0, newline);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  text.erase(0, newline == std::string::npos ? text.size() : newline + 1);
  return line;
}

std::string OversizedMessage(std::string_view what) {
  return fmt::format("{} longer than {} MiB, not read; a catalog holds one chip per line", what, kMaxInputBytes >> 20);
}

}  // namespace eccn::cli
