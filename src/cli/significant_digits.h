// Metric values in CSV rows: the exact value rounded to kMetricDigits
// significant digits, whichever path classified the row.
//
// The fast path knows a metric as a double within a bound of the exact
// value; the exact path knows the rational. A row prints the same digits
// either way because the fast path prints a value only when every number
// within its bound rounds to the same digits (MetricRoundingIsDecided), and
// the exact path prints the rational rounded first (RoundedMetric). Ten
// digits leave the bound (about 1e-15 relative) far below the last digit, so
// nearly every record stays on the fast path.
#pragma once

#include <cstddef>

#include <eccn/number.h>

namespace eccn::cli {

inline constexpr int kMetricDigits = 10;

// Room for any result: "-1.234567891e-308" and the terminating position.
inline constexpr size_t kMetricChars = 32;

// Writes `value` to `out` (at least kMetricChars) as fmt's "{:.10g}" does and
// returns the end. Finite values from 1e-7 to 1e22 are rounded here with
// exact integer arithmetic (a row prints several); others, and exact ties, go
// to fmt.
char* FormatMetric(double value, char* out);

// True when every number within `error` of `value` has the same
// kMetricDigits-digit rounding (half away from zero), which FormatMetric(value)
// then writes. False near a rounding midpoint, and outside 1e-7 to 1e22.
bool MetricRoundingIsDecided(double value, double error);

// The exact value rounded half away from zero to kMetricDigits significant
// digits, as the nearest double: FormatMetric writes exactly those digits.
double RoundedMetric(const Number& value);

}  // namespace eccn::cli
