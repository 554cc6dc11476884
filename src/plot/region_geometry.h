// The geometry of the threshold map's regions: the plotting frame and the
// mapping from the log plane to pixels, the SVG paths of a region's cells and
// of its outline, its largest rectangle, and where its label keeps clear of
// the chips. Kept apart from threshold_map.cc, which draws; the path builders
// are templates over the cell predicate, so they are defined here.
#pragma once

#include <iterator>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include <eccn/classification.h>
#include "plot/label_layout.h"
#include "plot/region_map.h"

namespace eccn::plot {

// Where the plane is drawn, in pixels.
inline constexpr Box kFrame{88, 96, 640, 560};

struct Chart {
  Plane plane;
  double X(double log_x) const { return kFrame.x + (log_x - plane.x_lo) / (plane.x_hi - plane.x_lo) * kFrame.w; }
  double Y(double log_y) const {
    return kFrame.y + kFrame.h - (log_y - plane.y_lo) / (plane.y_hi - plane.y_lo) * kFrame.h;
  }
};

// Cells where `in` holds, as one path of row-merged rectangles.
template <class In>
std::string CellsPath(const RegionMap& map, const Chart& chart, In in) {
  std::string d;
  for (size_t r = 0; r < map.rows(); ++r) {
    for (size_t c = 0; c < map.columns();) {
      if (!in(c, r)) {
        ++c;
        continue;
      }
      size_t end = c;
      while (end < map.columns() && in(end, r)) ++end;
      const double x0 = chart.X(map.xs[c]);
      const double x1 = chart.X(map.xs[end]);
      const double y0 = chart.Y(map.ys[r + 1]);
      const double y1 = chart.Y(map.ys[r]);
      fmt::format_to(std::back_inserter(d), "M{:.2f},{:.2f}H{:.2f}V{:.2f}H{:.2f}Z", x0, y0, x1, y1, x0);
      c = end;
    }
  }
  return d;
}

// The boundary of the cells where `in` holds: every cell side with the other side outside.
template <class In>
std::string OutlinePath(const RegionMap& map, const Chart& chart, In in) {
  std::string d;
  for (size_t r = 0; r < map.rows(); ++r) {
    for (size_t c = 0; c < map.columns(); ++c) {
      if (!in(c, r)) continue;
      const double x0 = chart.X(map.xs[c]);
      const double x1 = chart.X(map.xs[c + 1]);
      const double y0 = chart.Y(map.ys[r + 1]);
      const double y1 = chart.Y(map.ys[r]);
      if (c == 0 || !in(c - 1, r)) fmt::format_to(std::back_inserter(d), "M{:.2f},{:.2f}V{:.2f}", x0, y0, y1);
      if (c + 1 == map.columns() || !in(c + 1, r))
        fmt::format_to(std::back_inserter(d), "M{:.2f},{:.2f}V{:.2f}", x1, y0, y1);
      if (r == 0 || !in(c, r - 1)) fmt::format_to(std::back_inserter(d), "M{:.2f},{:.2f}H{:.2f}", x0, y1, x1);
      if (r + 1 == map.rows() || !in(c, r + 1))
        fmt::format_to(std::back_inserter(d), "M{:.2f},{:.2f}H{:.2f}", x0, y0, x1);
    }
  }
  return d;
}

// The largest rectangle (in pixels) of cells where `in` holds.
template <class In>
std::optional<Box> LargestRectangle(const RegionMap& map, const Chart& chart, In in) {
  std::optional<Box> best;
  double best_area = 0;
  for (size_t c0 = 0; c0 < map.columns(); ++c0) {
    for (size_t c1 = c0; c1 < map.columns(); ++c1) {
      const double w = chart.X(map.xs[c1 + 1]) - chart.X(map.xs[c0]);
      double run = 0;
      for (size_t r = 0; r < map.rows(); ++r) {
        bool all = true;
        for (size_t c = c0; c <= c1 && all; ++c) all = in(c, r);
        if (!all) {
          run = 0;
          continue;
        }
        run += chart.Y(map.ys[r]) - chart.Y(map.ys[r + 1]);
        if (w * run > best_area) {
          best_area = w * run;
          best = Box{chart.X(map.xs[c0]), chart.Y(map.ys[r + 1]), w, run};
        }
      }
    }
  }
  return best;
}

struct PlottedChip {
  std::string name;
  double x = 0, y = 0;  // pixels
  Verdict verdict = Verdict::kIndeterminate;
};

// Where in `box` a region label keeps clearest of the chips (and their labels, to their right).
std::pair<double, double> LabelPosition(const Box& box, double w, double size, const std::vector<PlottedChip>& chips);

}  // namespace eccn::plot
