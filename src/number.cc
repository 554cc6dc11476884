#include <eccn/number.h>

#include <string>

#include "decimal_text.h"

namespace eccn {

double ToDouble(const Number& value) { return value.convert_to<double>(); }

std::string FormatNumber(const Number& value, int max_fraction_digits) {
  using Int = boost::multiprecision::cpp_int;
  Int num(boost::multiprecision::numerator(value));
  Int den(boost::multiprecision::denominator(value));
  const bool negative = num < 0;
  if (negative) num = -num;
  Int scale = 1;
  for (int i = 0; i < max_fraction_digits; ++i) scale *= 10;
  // Round half away from zero at the last kept digit.
  Int scaled = (num * scale * 2 + den) / (den * 2);
  std::string digits = DecimalText(scaled.str(), max_fraction_digits);
  if (negative && digits != "0") digits.insert(0, "-");
  return digits;
}

}  // namespace eccn
