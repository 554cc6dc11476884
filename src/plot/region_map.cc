#include "plot/region_map.h"

#include <algorithm>
#include <cmath>

namespace eccn::plot {
namespace {

// Bisection stops when the bracket is this narrow in log10 units (about 2e-7 relative).
constexpr double kLogTolerance = 1e-7;
// Crossings closer than this (log10) are one boundary.
constexpr double kMergeTolerance = 1e-5;

Number Exact(double value) {
  // 7 significant digits: value = mantissa x 10^exponent with an integer mantissa.
  const int exponent = static_cast<int>(std::floor(std::log10(value))) - 6;
  const auto mantissa = static_cast<int64_t>(std::llround(value / std::pow(10.0, exponent)));
  Number scale = 1;
  for (int i = 0; i < std::abs(exponent); ++i) scale *= 10;
  return exponent >= 0 ? Number(mantissa) * scale : Number(mantissa) / scale;
}

class Sampler {
 public:
  Sampler(HypotheticalChip chip, VerdictEvaluator evaluator)
      : chip_(std::move(chip)), evaluator_(std::move(evaluator)) {}

  const std::vector<Verdict>& At(double x, double y) {
    SetPoint(chip_, x, y);
    evaluator_.Evaluate(chip_.spec());
    last_.assign(evaluator_.verdicts().begin(), evaluator_.verdicts().end());
    return last_;
  }
  const VerdictEvaluator& evaluator() const { return evaluator_; }

  // Where the verdicts change between a and b (which differ), along x or y.
  double Crossing(double a, double b, double fixed, bool along_x) {
    const std::vector<Verdict> at_a = along_x ? At(a, fixed) : At(fixed, a);
    while (std::abs(b - a) > kLogTolerance) {
      const double mid = (a + b) / 2;
      if ((along_x ? At(mid, fixed) : At(fixed, mid)) == at_a) {
        a = mid;
      } else {
        b = mid;
      }
    }
    return (a + b) / 2;
  }

 private:
  HypotheticalChip chip_;
  VerdictEvaluator evaluator_;
  std::vector<Verdict> last_;
};

// Sorted edges: the bounds and each cluster of crossings.
std::vector<double> Edges(std::vector<double> crossings, double lo, double hi) {
  std::sort(crossings.begin(), crossings.end());
  std::vector<double> edges{lo};
  for (double c : crossings) {
    if (c - edges.back() > kMergeTolerance && hi - c > kMergeTolerance) edges.push_back(c);
  }
  edges.push_back(hi);
  return edges;
}

}  // namespace

void SetPoint(HypotheticalChip& chip, double x, double y) {
  chip.SetTppAndDensity(Exact(std::pow(10.0, x)), Exact(std::pow(10.0, y)));
}

std::optional<HypotheticalChip> MapChip(const RuleSet& rules, const ThresholdMapOptions& options, std::string* error) {
  std::string format = options.format;
  if (format.empty()) {
    for (const OperandFormat& f : rules.formats().formats) {
      if (f.bits == 8) {
        format = f.name;
        break;
      }
    }
  }
  auto chip = HypotheticalChip::Create(rules.formats(), {format}, error);
  if (chip) chip->SetMarket(options.market);
  return chip;
}

std::optional<RegionMap> MapRegions(const RuleSet& rules, const ThresholdMapOptions& options, std::string* error) {
  auto chip = MapChip(rules, options, error);
  if (!chip) return std::nullopt;
  Sampler sampler(std::move(*chip), VerdictEvaluator(rules, options.context));
  const Plane plane{std::log10(options.tpp_min), std::log10(options.tpp_max), std::log10(options.pd_min),
                    std::log10(options.pd_max)};
  const auto nx = static_cast<size_t>(std::max(2, options.samples_x));
  const auto ny = static_cast<size_t>(std::max(2, options.samples_y));
  const auto sx = [&](size_t i) { return plane.x_lo + (plane.x_hi - plane.x_lo) * (double(i) + 0.5) / double(nx); };
  const auto sy = [&](size_t j) { return plane.y_lo + (plane.y_hi - plane.y_lo) * (double(j) + 0.5) / double(ny); };
  std::vector<std::vector<Verdict>> samples(nx * ny);
  for (size_t j = 0; j < ny; ++j) {
    for (size_t i = 0; i < nx; ++i) samples[j * nx + i] = sampler.At(sx(i), sy(j));
  }
  std::vector<double> x_crossings;
  std::vector<double> y_crossings;
  for (size_t j = 0; j < ny; ++j) {
    for (size_t i = 0; i + 1 < nx; ++i) {
      if (samples[j * nx + i] != samples[j * nx + i + 1])
        x_crossings.push_back(sampler.Crossing(sx(i), sx(i + 1), sy(j), true));
    }
  }
  for (size_t i = 0; i < nx; ++i) {
    for (size_t j = 0; j + 1 < ny; ++j) {
      if (samples[j * nx + i] != samples[(j + 1) * nx + i])
        y_crossings.push_back(sampler.Crossing(sy(j), sy(j + 1), sx(i), false));
    }
  }
  RegionMap map;
  map.xs = Edges(std::move(x_crossings), plane.x_lo, plane.x_hi);
  map.ys = Edges(std::move(y_crossings), plane.y_lo, plane.y_hi);
  map.entries = sampler.evaluator().entries();
  for (size_t r = 0; r < map.rows(); ++r) {
    for (size_t c = 0; c < map.columns(); ++c) {
      const std::vector<Verdict>& v = sampler.At((map.xs[c] + map.xs[c + 1]) / 2, (map.ys[r] + map.ys[r + 1]) / 2);
      map.verdicts.insert(map.verdicts.end(), v.begin(), v.end());
    }
  }
  return map;
}

}  // namespace eccn::plot
