// Exact numbers and intervals.
//
// Thresholds in export-control rules are decimal ("5.92", "1.6") and verdicts
// hinge on ties ("4800 or more"), so eccn never compares binary floating point
// at a threshold: every value is an exact rational. A value that is not known
// exactly is an Interval; an unknown value is the interval of everything it
// could be.
#pragma once

#include <boost/multiprecision/cpp_int.hpp>
#include <string>

namespace eccn {

// An exact rational with 256-bit numerator and denominator. Arithmetic that
// would overflow throws std::overflow_error instead of losing precision;
// the evaluator turns that into an indeterminate result, never a wrong one.
using Number =
    boost::multiprecision::number<boost::multiprecision::rational_adaptor<boost::multiprecision::cpp_int_backend<
        256, 256, boost::multiprecision::signed_magnitude, boost::multiprecision::checked, void>>>;

// The nearest double, for display and plotting only.
double ToDouble(const Number& value);

// Shortest decimal rendering with at most `max_fraction_digits` digits after the
// point, rounded half away from zero, trailing zeros dropped: 32/11 -> "2.91".
std::string FormatNumber(const Number& value, int max_fraction_digits = 2);

// A closed interval [lo, hi] of exact numbers, where either end may be
// unbounded. A known value is the interval [v, v].
struct Interval {
  Number lo;
  Number hi;
  bool lo_unbounded = true;
  bool hi_unbounded = true;

  static Interval Exact(const Number& value) { return {value, value, false, false}; }
  static Interval Between(const Number& lo, const Number& hi) { return {lo, hi, false, false}; }
  static Interval AtLeast(const Number& lo) { return {lo, Number(0), false, true}; }
  static Interval Everything() { return {}; }

  bool IsExact() const { return !lo_unbounded && !hi_unbounded && lo == hi; }
  friend bool operator==(const Interval&, const Interval&) = default;
};

}  // namespace eccn
