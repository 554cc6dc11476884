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
  void Render(std::ostream& out) const;

 private:
  std::vector<std::string> headers_;
  std::vector<Align> aligns_;
  std::vector<std::vector<std::string>> rows_;
};

// Display width of UTF-8 text (code points; eccn prints no wide characters).
size_t DisplayWidth(const std::string& text);

}  // namespace eccn::cli
