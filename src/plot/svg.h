// Small helpers for writing SVG text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace eccn::plot {

// Text with &, <, >, " escaped for XML.
std::string Escape(std::string_view text);

// Width of `text` at `size` px in a sans-serif face, estimated (no font metrics).
double TextWidth(std::string_view text, double size);

// Splits `text` at spaces into lines of at most `width` px at `size`.
std::vector<std::string> Wrap(std::string_view text, double width, double size);

// Numbers on axes: 100, 1,000, 100,000, 0.1.
std::string TickLabel(double value);

}  // namespace eccn::plot
