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

void TextTable::WriteLine(std::ostream& out, const std::vector<std::string>& cells,
                          const std::vector<size_t>& widths) const {
  std::string text;
  for (size_t c = 0; c < cells.size(); ++c) {
    const std::string padding(widths[c] - std::min(widths[c], DisplayWidth(cells[c])), ' ');
    if (c > 0) text += "  ";
    text += aligns_[c] == Align::kRight ? padding + cells[c] : cells[c] + padding;
  }
  while (!text.empty() && text.back() == ' ') text.pop_back();
  out << text << '\n';
}

void TextTable::Render(std::ostream& out) const {
  const std::vector<size_t> widths = Widths();
  if (fixed_widths_.empty()) WriteLine(out, headers_, widths);
  for (const auto& row : rows_) WriteLine(out, row, widths);
}

void TextTable::Flush(std::ostream& out) {
  if (fixed_widths_.empty()) {
    fixed_widths_ = Widths();
    WriteLine(out, headers_, fixed_widths_);
  }
  Render(out);  // the rows, at the widths now fixed
  rows_.clear();
}

}  // namespace eccn::cli
