// Double-precision values for the fast classification path, with a bound on
// their rounding error so a decision is only taken when rounding cannot
// change it (see fast_evaluator.h).
#pragma once

#include <cstdint>
#include <limits>

#include <eccn/classification.h>

namespace eccn::bulk {

inline constexpr double kInfinity = std::numeric_limits<double>::infinity();
// Relative rounding error of one correctly rounded double operation.
inline constexpr double kEpsilon = std::numeric_limits<double>::epsilon() / 2;

// An interval [lo, hi] (infinite ends are unbounded, and exact) whose finite
// ends are within lo_err and hi_err of the exact ends, plus a truth value and
// a symbol. Each end has its own bound so an end known exactly (the 0 of "a
// die that may not count adds [0, area]") stays exact.
struct FastValue {
  double lo = 0;
  double hi = kInfinity;
  double lo_err = 0;
  double hi_err = 0;
  Truth truth = Truth::kUnknown;
  int32_t symbol = -1;
  // Bound on log2(|numerator|) + log2(denominator) of the exact rational, so
  // the fast path can tell when exact arithmetic might overflow.
  double bits = 0;

  static FastValue Known(double value, double err, double bits) {
    return {value, value, err, err, Truth::kUnknown, -1, bits};
  }
  static FastValue UnknownQuantity() { return {}; }  // [0, unbounded): every spec quantity is >= 0
};

}  // namespace eccn::bulk
