#include "plot/svg.h"

#include <cmath>

#include <fmt/format.h>

namespace eccn::plot {

std::string Escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

double TextWidth(std::string_view text, double size) {
  double em = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) == 0x80) continue;  // a UTF-8 continuation byte
    if (c == ' ' || c == '.' || c == ',' || c == 'i' || c == 'l' || c == '(' || c == ')') {
      em += 0.3;
    } else if (std::isupper(c) != 0 || c == 'm' || c == 'w') {
      em += 0.68;
    } else {
      em += 0.55;
    }
  }
  return em * size;
}

std::vector<std::string> Wrap(std::string_view text, double width, double size) {
  std::vector<std::string> lines;
  std::string line;
  while (!text.empty()) {
    const size_t space = text.find(' ');
    const std::string_view word = text.substr(0, space);
    const std::string candidate = line.empty() ? std::string(word) : line + " " + std::string(word);
    if (!line.empty() && TextWidth(candidate, size) > width) {
      lines.push_back(line);
      line = std::string(word);
    } else {
      line = candidate;
    }
    if (space == std::string_view::npos) break;
    text.remove_prefix(space + 1);
  }
  if (!line.empty()) lines.push_back(line);
  return lines;
}

std::string TickLabel(double value) {
  if (value < 1) return fmt::format("{}", value);
  std::string digits = fmt::format("{:.0f}", value);
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(static_cast<size_t>(i), ",");
  return digits;
}

}  // namespace eccn::plot
