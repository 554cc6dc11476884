#include <eccn/number.h>

#include <string>

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
  std::string digits = scaled.str();
  if (max_fraction_digits > 0) {
    if (digits.size() <= static_cast<size_t>(max_fraction_digits)) {
      digits.insert(0, static_cast<size_t>(max_fraction_digits) + 1 - digits.size(), '0');
    }
    digits.insert(digits.size() - static_cast<size_t>(max_fraction_digits), ".");
    while (digits.back() == '0') digits.pop_back();
    if (digits.back() == '.') digits.pop_back();
  }
  if (negative && digits != "0") digits.insert(0, "-");
  return digits;
}

}  // namespace eccn
