#include "decimal_text.h"

namespace eccn {

std::string DecimalText(std::string digits, int fraction_digits) {
  if (fraction_digits <= 0) return digits;
  const auto fraction = static_cast<size_t>(fraction_digits);
  if (digits.size() <= fraction) digits.insert(0, fraction + 1 - digits.size(), '0');
  digits.insert(digits.size() - fraction, ".");
  while (digits.back() == '0') digits.pop_back();
  if (digits.back() == '.') digits.pop_back();
  return digits;
}

}  // namespace eccn
