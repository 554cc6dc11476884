#include "plot/label_layout.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace eccn::plot {
namespace {

double Overlap(const Box& a, const Box& b) {
  const double w = std::min(a.x + a.w, b.x + b.w) - std::max(a.x, b.x);
  const double h = std::min(a.y + a.h, b.y + b.h) - std::max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

double Outside(const Box& box, const Box& frame) { return box.w * box.h - Overlap(box, frame); }

// Points get a small square around them so labels keep clear of markers.
Box PointBox(double x, double y) { return {x - 6, y - 6, 12, 12}; }

}  // namespace

std::vector<Placement> PlaceLabels(std::span<const LabelRequest> labels, const Box& frame,
                                   std::span<const Box> obstacles) {
  // Directions in preference order: right, left, above, below, then diagonals.
  constexpr std::array<std::array<double, 2>, 8> kDirections = {
      {{1, 0}, {-1, 0}, {0, -1}, {0, 1}, {1, -1}, {-1, -1}, {1, 1}, {-1, 1}}};
  constexpr std::array<double, 5> kDistances = {8, 20, 34, 52, 74};
  std::vector<Box> taken(obstacles.begin(), obstacles.end());
  for (const LabelRequest& l : labels) taken.push_back(PointBox(l.px, l.py));
  std::vector<Placement> out;
  for (const LabelRequest& l : labels) {
    double best_cost = std::numeric_limits<double>::infinity();
    Placement best;
    for (double distance : kDistances) {
      for (const auto& d : kDirections) {
        // Anchor the label's near side at `distance` from the point.
        const double x = d[0] > 0 ? l.px + distance : d[0] < 0 ? l.px - distance - l.w : l.px - l.w / 2;
        const double y = d[1] > 0 ? l.py + distance : d[1] < 0 ? l.py - distance - l.h : l.py - l.h / 2;
        const Box box{x, y, l.w, l.h};
        double cost = 20 * Outside(box, frame) + distance;
        for (const Box& t : taken) cost += 10 * Overlap(box, t);
        if (cost < best_cost) {
          best_cost = cost;
          best = {box, distance > kDistances[1]};
        }
      }
    }
    taken.push_back(best.box);
    out.push_back(best);
  }
  return out;
}

}  // namespace eccn::plot
