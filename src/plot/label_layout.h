// Placing chip labels next to their points without overlaps: greedy, trying
// positions around each point at growing distances and keeping the one that
// overlaps least with labels placed so far, with points and with obstacles.
#pragma once

#include <span>
#include <vector>

namespace eccn::plot {

struct Box {
  double x = 0, y = 0, w = 0, h = 0;  // top-left corner and size, in pixels
};

struct LabelRequest {
  double px = 0, py = 0;  // the point labelled
  double w = 0, h = 0;    // the label's size
};

struct Placement {
  Box box;
  bool leader = false;  // far from its point: draw a line to it
};

std::vector<Placement> PlaceLabels(std::span<const LabelRequest> labels, const Box& frame,
                                   std::span<const Box> obstacles);

}  // namespace eccn::plot
