// The verdicts of every entry over the TPP / PD plane, as a rectilinear
// partition: sample a grid, find where verdicts change along each row and
// column by bisection, and classify one point inside each resulting cell.
// For rules whose thresholds are on TPP and PD alone the cells are exact;
// other boundaries become a fine staircase.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <eccn/hypothetical.h>
#include <eccn/threshold_map.h>
#include <eccn/verdicts.h>

namespace eccn::plot {

// Log10 bounds of the plane.
struct Plane {
  double x_lo, x_hi, y_lo, y_hi;
};

struct RegionMap {
  std::vector<double> xs;  // log10 TPP of column edges, from x_lo to x_hi
  std::vector<double> ys;  // log10 PD of row edges, from y_lo to y_hi
  std::vector<VerdictEvaluator::Entry> entries;
  std::vector<Verdict> verdicts;  // ((row * columns) + column) * entries + entry

  size_t columns() const { return xs.size() - 1; }
  size_t rows() const { return ys.size() - 1; }
  Verdict at(size_t column, size_t row, size_t entry) const {
    return verdicts[(row * columns() + column) * entries.size() + entry];
  }
};

// The hypothetical chip at 10^x TPP and 10^y PD, values rounded to 7
// significant digits so they are exact decimals.
void SetPoint(HypotheticalChip& chip, double x, double y);

std::optional<RegionMap> MapRegions(const RuleSet& rules, const ThresholdMapOptions& options, std::string* error);

// The hypothetical chip of the map (its market and format), for classifying single points.
std::optional<HypotheticalChip> MapChip(const RuleSet& rules, const ThresholdMapOptions& options, std::string* error);

}  // namespace eccn::plot
