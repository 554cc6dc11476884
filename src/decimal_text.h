// Decimal text of a whole number of hundredths, thousandths...: the one
// place that decides how eccn writes a rounded value, for exact rationals
// (FormatNumber) and for doubles whose rounding is decided (FormatDecided).
#pragma once

#include <string>

namespace eccn {

// `digits` (decimal digits of a non-negative integer n) as n / 10^fraction_digits,
// without trailing zeros in the fraction or a bare point: ("598552", 2) is
// "5985.52", ("1650", 2) is "16.5", ("7", 2) is "0.07", ("300", 2) is "3".
std::string DecimalText(std::string digits, int fraction_digits);

}  // namespace eccn
