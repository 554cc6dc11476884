// The error bounds of the fast path (fast_evaluator.h): how far a computed
// interval end may be from the exact one after rounding, after a min or max,
// after an inverse; and a bound on the size of the exact rational a value
// stands for. Inline: the evaluator runs them for every node of every record.
#pragma once

#include <algorithm>
#include <cmath>
#include <optional>
#include <span>

#include <eccn/number.h>
#include "bulk/fast_value.h"

namespace eccn::bulk {

// A computed interval end and a bound on its distance to the exact end.
struct FastEnd {
  double value = 0;
  double err = 0;
};

// The bound of a finite computed end after one rounding (infinite ends are exact).
inline double Rounded(double end, double err) { return std::isfinite(end) ? err + std::fabs(end) * kEpsilon : 0; }

// `pick` (min or max) of the computed ends; the exact one lies between the
// picks of (end - err) and of (end + err).
template <class Pick>
[[gnu::always_inline]] inline FastEnd PickEnd(std::span<const FastEnd> ends, double none, Pick pick) {
  double value = none;
  double low = none;
  double high = none;
  for (const FastEnd& end : ends) {
    value = pick(value, end.value);
    low = pick(low, end.value - end.err);
    high = pick(high, end.value + end.err);
  }
  if (!std::isfinite(value)) return {value, 0};
  // The subtractions above and below round too: a few more half-ulps.
  return {value, Rounded(value, std::max(value - low, high - value)) + std::fabs(value) * 2 * kEpsilon};
}

// The min (max) of computed ends, with a bound on its distance to the min
// (max) of the exact ends, each within its own bound of its computed end.
[[gnu::always_inline]] inline FastEnd MinEnd(std::span<const FastEnd> ends) {
  return PickEnd(ends, kInfinity, [](double a, double b) { return std::min(a, b); });
}
[[gnu::always_inline]] inline FastEnd MaxEnd(std::span<const FastEnd> ends) {
  return PickEnd(ends, -kInfinity, [](double a, double b) { return std::max(a, b); });
}

// 1/end, with |1/x - 1/x'| <= e / (|x| (|x| - e)); 1/unbounded is 0 exactly.
// nullopt when the exact end might be 0 or past it: only exact arithmetic can tell.
inline std::optional<FastEnd> InverseEnd(double end, double err) {
  if (std::isinf(end)) return FastEnd{0, 0};
  const double m = std::fabs(end);
  if (m <= err) return std::nullopt;
  const double r = 1 / end;
  return FastEnd{r, Rounded(r, err / (m * (m - err)))};
}

// log2(|numerator|) + log2(denominator) + 2 of an exact number: a bound on its size.
double BitsOf(const Number& value);

}  // namespace eccn::bulk
