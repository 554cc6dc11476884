#include "bulk/fast_bounds.h"

namespace eccn::bulk {

double BitsOf(const Number& value) {
  const auto numerator = boost::multiprecision::numerator(value);
  const auto denominator = boost::multiprecision::denominator(value);
  const double top = numerator == 0 ? 0 : static_cast<double>(boost::multiprecision::msb(abs(numerator)));
  return top + static_cast<double>(boost::multiprecision::msb(denominator)) + 2;
}

}  // namespace eccn::bulk
