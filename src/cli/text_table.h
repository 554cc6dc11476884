// A minimal aligned text table: columns sized to their widest cell, numbers
// right-aligned.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace eccn::cli {

class TextTable {
 public:
  enum class Align { kLeft, kRight };

  explicit TextTable(std::vector<std::string> headers, std::vector<Align> aligns = {});
  void AddRow(std::vector<std::string> cells);
  size_t held_rows() const { return rows_.size(); }
  // Writes the header (the first time) and the rows held, and lets them go:
  // a catalog's table streams in flat memory. The column widths are fixed
  // the first time, from the header and the rows then held; a later, wider
  // cell pushes the rest of its row to the right.
  void Flush(std::ostream& out);
  // Writes what Flush would, keeping the rows.
  void Render(std::ostream& out) const;
  // Once the widths are fixed (the first Flush), appends the line Flush
  // would write for `cells`; they never change after, so any thread may
  // call this once it knows they are fixed.
  void AppendFixedLine(std::string& text, std::vector<std::string>& cells) const;

 private:
  std::vector<size_t> Widths() const;
  // Appends one line: the cells padded to `widths`, without trailing spaces.
  void AppendLine(std::string& text, const std::vector<std::string>& cells, const std::vector<size_t>& widths) const;

  std::vector<std::string> headers_;
  std::vector<Align> aligns_;
  std::vector<std::vector<std::string>> rows_;
  std::vector<size_t> fixed_widths_;  // after the first Flush
};

// Display width of UTF-8 text (code points; eccn prints no wide characters).
size_t DisplayWidth(const std::string& text);

}  // namespace eccn::cli
