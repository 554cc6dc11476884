#include "cli/text_table.h"

#include <algorithm>

namespace eccn::cli {

size_t DisplayWidth(const std::string& text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;  // skip UTF-8 continuation bytes
  }));
}

TextTable::TextTable(std::vector<std::string> headers, std::vector<Align> aligns)
    : headers_(std::move(headers)), aligns_(std::move(aligns)) {
  aligns_.resize(headers_.size(), Align::kLeft);
}

void TextTable::AddRow(std::vector<std::string> cells) {
  cells.resize(headers_.size());
  rows_.push_back(std::move(cells));
}

std::vector<size_t> TextTable::Widths() const {
  if (!fixed_widths_.empty()) return fixed_widths_;
  std::vector<size_t> widths(headers_.size());
  for (size_t c = 0; c < headers_.size(); ++c) {
    widths[c] = DisplayWidth(headers_[c]);
    for (const auto& row : rows_) widths[c] = std::max(widths[c], DisplayWidth(row[c]));
  }
  return widths;
}

void TextTable::AppendLine(std::string& text, const std::vector<std::string>& cells,
                           const std::vector<size_t>& widths) const {
  const size_t start = text.size();
  // Spaces are written only when a cell follows them: a line's trailing
  // padding (a short last cell in a wide column) is never written, then trimmed.
  size_t spaces = 0;
  for (size_t c = 0; c < cells.size(); ++c) {
    const size_t padding = widths[c] - std::min(widths[c], DisplayWidth(cells[c]));
    if (c > 0) spaces += 2;
    if (aligns_[c] == Align::kRight) spaces += padding;
    if (!cells[c].empty()) {
      text.append(spaces, ' ');
      spaces = 0;
      text += cells[c];
    }
    if (aligns_[c] == Align::kLeft) spaces += padding;
  }
  while (text.size() > start && text.back() == ' ') text.pop_back();  // a cell's own trailing spaces
  text += '\n';
}

void TextTable::AppendFixedLine(std::string& text, std::vector<std::string>& cells) const {
  cells.resize(headers_.size());  // as AddRow
  AppendLine(text, cells, fixed_widths_);
}

void TextTable::Render(std::ostream& out) const {
  const std::vector<size_t> widths = Widths();
  // Rows go out through one buffer, written when it holds some kilobytes: a
  // catalog's table has a million of them, and a buffer as large as all the
  // rows held would add to the peak memory.
  constexpr size_t kWriteBytes = 64 << 10;
  std::string text;
  const auto write = [&] {
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    text.clear();
  };
  if (fixed_widths_.empty()) AppendLine(text, headers_, widths);
  for (const auto& row : rows_) {
    AppendLine(text, row, widths);
    if (text.size() >= kWriteBytes) write();
  }
  write();
}

void TextTable::Flush(std::ostream& out) {
  if (fixed_widths_.empty()) {
    fixed_widths_ = Widths();
    std::string header;
    AppendLine(header, headers_, fixed_widths_);
    out.write(header.data(), static_cast<std::streamsize>(header.size()));
  }
  Render(out);  // the rows, at the widths now fixed
  rows_.clear();
}

}  // namespace eccn::cli
