// Exact numbers and intervals.
//
// Thresholds in export-control rules are decimal ("5.92", "1.6") and verdicts
// hinge on ties ("4800 or more"), so eccn never compares binary floating point
// at a threshold: every value is an exact rational. A value that is not known
// exactly is an Interval; an unknown value is the interval of everything it
// could be.
#pragma once

#include <boost/multiprecision/cpp_int.hpp>
#include <concepts>
#include <string>

namespace eccn {

// The integers of a Number's numerator and denominator.
using NumberInteger = boost::multiprecision::cpp_int_backend<256, 256, boost::multiprecision::signed_magnitude,
                                                             boost::multiprecision::checked, void>;

// An exact rational with 256-bit numerator and denominator. Arithmetic that
// would overflow throws std::overflow_error instead of losing precision;
// the evaluator turns that into an indeterminate result, never a wrong one.
using Number = boost::multiprecision::number<boost::multiprecision::rational_adaptor<NumberInteger>>;

}  // namespace eccn

// Boost's rational_adaptor of Debian 12 (Boost 1.74) wraps boost::rational,
// and compares through its operator<, which expands both sides as continued
// fractions, a 256-bit division a step: even ==, which calls it twice, for lo
// == hi. That was most of the time of exact evaluation. These overloads,
// found by argument-dependent lookup before Boost's defaults (they are more
// specialised), give the same answers from the normalised numerators and
// denominators: equal parts, or the signs and then the cross products in 512
// bits, which cannot overflow. They apply only to a rational_adaptor that
// wraps boost::rational (data() with numerator()), so a Boost whose adaptor
// is built otherwise keeps its own comparisons.
namespace boost::multiprecision::backends {

template <class Integer>
concept EccnWrappedRational = std::same_as<Integer, eccn::NumberInteger> &&
    requires(const rational_adaptor<Integer>& r) {
  r.data().numerator();
  r.data().denominator();
};

// -1, 0 or 1 as a < b, a == b, a > b.
template <EccnWrappedRational Integer>
int EccnCompare(const rational_adaptor<Integer>& a, const rational_adaptor<Integer>& b) {
  const auto& an = a.data().numerator();
  const auto& bn = b.data().numerator();
  const int sa = an.sign();
  const int sb = bn.sign();
  if (sa != sb) return sa < sb ? -1 : 1;
  const auto& ad = a.data().denominator();  // positive
  const auto& bd = b.data().denominator();
  if (ad == bd) return an < bn ? -1 : (bn < an ? 1 : 0);
  using Wide = number<cpp_int_backend<512, 512, signed_magnitude, unchecked, void>>;
  const Wide left = Wide(an) * Wide(bd);
  const Wide right = Wide(bn) * Wide(ad);
  return left < right ? -1 : (right < left ? 1 : 0);
}

template <EccnWrappedRational Integer>
bool eval_eq(const rational_adaptor<Integer>& a, const rational_adaptor<Integer>& b) {
  return a.data().numerator() == b.data().numerator() && a.data().denominator() == b.data().denominator();
}

template <EccnWrappedRational Integer>
bool eval_lt(const rational_adaptor<Integer>& a, const rational_adaptor<Integer>& b) {
  return EccnCompare(a, b) < 0;
}

template <EccnWrappedRational Integer>
bool eval_gt(const rational_adaptor<Integer>& a, const rational_adaptor<Integer>& b) {
  return EccnCompare(a, b) > 0;
}

}  // namespace boost::multiprecision::backends

namespace eccn {

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
