// The threshold map: an SVG chart of the TPP / performance-density plane with
// the region where each applying entry controls a chip, computed from the
// compiled rules (not drawn by hand), and given chips plotted on it.
//
//   eccn::ThresholdMapOptions options;
//   options.context = eccn::Context{as_of};
//   std::string error;
//   std::optional<std::string> svg = eccn::ThresholdMapSvg(rules, chips, options, &error);
#pragma once

#include <eccn/rules.h>
#include <eccn/spec.h>

#include <optional>
#include <span>
#include <string>

namespace eccn {

struct ThresholdMapOptions {
  Context context;
  Market market = Market::kDatacenter;  // of the hypothetical chip the regions are computed for
  std::string format;                   // the format TPP is set through; "": the first 8-bit one
  // The plane, on log axes.
  double tpp_min = 100;
  double tpp_max = 100000;
  double pd_min = 0.1;
  double pd_max = 100;
  // Sample grid; boundaries between samples are then found by bisection.
  int samples_x = 96;
  int samples_y = 72;
};

// The SVG document, or nullopt with `error` set (e.g. an unknown format).
std::optional<std::string> ThresholdMapSvg(const RuleSet& rules, std::span<const ChipSpec> chips,
                                           const ThresholdMapOptions& options, std::string* error);

}  // namespace eccn
