// Metric values in CSV rows: the exact value rounded half away from zero to
// kMetricDigits significant digits, whichever path classified the row.
//
// The fast path knows a metric as a double within a bound of the exact
// value; the exact path knows the rational. A row prints the same digits
// either way because the fast path takes the digits only when every number
// within its bound rounds to them (DecidedDigits), and the exact path rounds
// the rational itself (ExactDigits). Ten digits leave the bound (about 1e-15
// of the value) far below the last digit, so nearly every record stays on
// the fast path.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include <eccn/number.h>

namespace eccn::cli {

inline constexpr int kMetricDigits = 10;

// Room for any result: "-1.234567891e-308" and the terminating position.
inline constexpr size_t kMetricChars = 32;

// digits x 10^(exponent - kMetricDigits + 1), with digits of exactly
// kMetricDigits decimal digits; digits 0 for zero.
struct MetricDigits {
  uint64_t digits = 0;
  int exponent = 0;  // of the first digit
  bool negative = false;

  bool operator==(const MetricDigits&) const = default;
};

// The rounding of `value` when every number within `error` of it rounds the
// same way; nullopt near a half of the last digit, and outside 1e-7 to 1e22.
std::optional<MetricDigits> DecidedDigits(double value, double error);

// The rounding of an exact value.
MetricDigits ExactDigits(const Number& value);

// Writes `metric` to `out` (at least kMetricChars) as printf's "%.10g" writes
// a number of these digits ("2.909090909", "4800", "1.5e+12") and returns the end.
char* WriteMetric(const MetricDigits& metric, char* out);

}  // namespace eccn::cli
