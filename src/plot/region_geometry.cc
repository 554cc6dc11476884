// Where a region's label goes: the spot in the region's largest rectangle
// that keeps clearest of the chips. Kept apart from threshold_map.cc, which
// draws; the rest of the region geometry is templates in region_geometry.h.
#include "plot/region_geometry.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace eccn::plot {

std::pair<double, double> LabelPosition(const Box& box, double w, double size, const std::vector<PlottedChip>& chips) {
  constexpr std::array<std::array<double, 2>, 9> kSpots = {{{0.5, 0.5},
                                                            {0.5, 0.25},
                                                            {0.5, 0.75},
                                                            {0.3, 0.5},
                                                            {0.7, 0.5},
                                                            {0.3, 0.25},
                                                            {0.7, 0.25},
                                                            {0.3, 0.75},
                                                            {0.7, 0.75}}};
  double best_clearance = -1;
  std::pair<double, double> best{box.x + box.w / 2, box.y + box.h / 2 + size * 0.35};
  for (const auto& spot : kSpots) {
    const double cx = std::clamp(box.x + box.w * spot[0], box.x + w / 2, box.x + box.w - w / 2);
    const double cy = std::clamp(box.y + box.h * spot[1], box.y + size, box.y + box.h) + size * 0.35;
    double clearance = 1e9;
    for (const PlottedChip& c : chips) {
      const double dx = std::max({cx - w / 2 - (c.x + 130), c.x - 8 - (cx + w / 2), 0.0});
      const double dy = std::max({cy - size - (c.y + 10), c.y - 10 - cy, 0.0});
      clearance = std::min(clearance, std::hypot(dx, dy));
    }
    if (clearance >= 24) return {cx, cy};
    if (clearance > best_clearance) {
      best_clearance = clearance;
      best = {cx, cy};
    }
  }
  return best;
}

}  // namespace eccn::plot
