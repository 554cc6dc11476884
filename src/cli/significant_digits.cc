#include "cli/significant_digits.h"

#include <array>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>

namespace eccn::cli {
namespace {

constexpr uint64_t kLowest = 1'000'000'000;        // 10^9: the smallest 10-digit integer
constexpr uint64_t kPastHighest = 10'000'000'000;  // 10^10
// The magnitudes DecidedDigits takes; others go to the exact path.
constexpr double kSmallest = 1e-7;
constexpr double kPastLargest = 1e22;

// 10^0 to 10^22, exact as doubles. DecidedDigits needs up to 10^17: 10^(9 - e)
// for the smallest magnitude taken, 1e-7, whose e may be estimated as -8.
constexpr std::array<double, 23> kPowersOfTen = [] {
  std::array<double, 23> powers{};
  double power = 1;
  for (double& p : powers) {
    p = power;
    power *= 10;
  }
  return powers;
}();

// e with 10^e <= magnitude < 10^(e + 1), or one less, for a normal double.
int DecimalExponentEstimate(double magnitude) {
  const int binary_exponent = static_cast<int>(std::bit_cast<uint64_t>(magnitude) >> 52) - 1022;
  // 2^(binary_exponent - 1) <= magnitude < 2^binary_exponent; 78913 / 2^18 ~ log10 2.
  return ((binary_exponent - 1) * 78913) >> 18;
}

// With a carry into a new first digit ("9999999999.7" -> 10^10), one digit fewer.
MetricDigits Normalized(uint64_t digits, int exponent, bool negative) {
  if (digits == kPastHighest) return {kLowest, exponent + 1, negative};
  return {digits, exponent, negative};
}

// Writes n < 100000 as five digits, leading zeros included: two pairs from
// a table and one digit, in two short chains rather than one of five divisions.
void WriteFiveDigits(uint32_t n, char* out) {
  static constexpr std::array<char, 200> kPairs = [] {
    std::array<char, 200> pairs{};
    for (size_t i = 0; i < 100; ++i) {
      pairs[2 * i] = static_cast<char>('0' + i / 10);
      pairs[2 * i + 1] = static_cast<char>('0' + i % 10);
    }
    return pairs;
  }();
  const size_t first_pair = n / 1000;
  const size_t rest = n % 1000;
  std::memcpy(out, kPairs.data() + 2 * first_pair, 2);
  std::memcpy(out + 2, kPairs.data() + 2 * (rest / 10), 2);
  out[4] = static_cast<char>('0' + rest % 10);
}

}  // namespace

std::optional<MetricDigits> DecidedDigits(double value, double error) {
  const double magnitude = std::fabs(value);
  if (!(error >= 0 && std::isfinite(error))) return std::nullopt;
  if (magnitude == 0) return error == 0 ? std::optional<MetricDigits>(MetricDigits{}) : std::nullopt;
  if (!(magnitude >= kSmallest && magnitude < kPastLargest)) return std::nullopt;
  // scaled = magnitude x 10^k has the kept digits before its point; one
  // rounding (10^|k| <= 10^17 is exact) keeps it within 2 eps.
  int e = DecimalExponentEstimate(magnitude);
  const auto scale = [magnitude](int exponent) {
    const int k = kMetricDigits - 1 - exponent;
    return k >= 0 ? magnitude * kPowersOfTen[static_cast<size_t>(k)]
                  : magnitude / kPowersOfTen[static_cast<size_t>(-k)];
  };
  double scaled = scale(e);
  if (scaled >= static_cast<double>(kPastHighest)) scaled = scale(++e);
  const int k = kMetricDigits - 1 - e;
  const double power = k >= 0 ? kPowersOfTen[static_cast<size_t>(k)] : 1 / kPowersOfTen[static_cast<size_t>(-k)];
  constexpr double kEpsilon = std::numeric_limits<double>::epsilon();
  const double bound = error * power * (1 + 4 * kEpsilon) + scaled * 2 * kEpsilon;
  // Rounding changes only at halves. A bound this small also keeps a number
  // just below 10^e, which keeps one more digit, rounding up to 10^e.
  const double whole = std::floor(scaled);
  const double fraction = scaled - whole;
  if (!(bound < 0.05 && std::fabs(fraction - 0.5) > bound)) return std::nullopt;
  return Normalized(static_cast<uint64_t>(whole) + (fraction > 0.5 ? 1 : 0), e, value < 0);
}

MetricDigits ExactDigits(const Number& value) {
  using Int = boost::multiprecision::cpp_int;  // unbounded: scaling by 10^k must not overflow
  if (value == 0) return {};
  const Int numerator = abs(Int(boost::multiprecision::numerator(value)));
  const Int denominator(boost::multiprecision::denominator(value));
  const auto ten_to = [](int power) -> Int {
    return boost::multiprecision::pow(Int(10), static_cast<unsigned>(power));
  };
  const auto below_ten_to = [&](int power) {  // |value| < 10^power
    return power >= 0 ? numerator < denominator * ten_to(power) : numerator * ten_to(-power) < denominator;
  };
  // e with 10^e <= |value| < 10^(e + 1): from the digit counts, then checked exactly.
  int e = static_cast<int>(numerator.str().size()) - static_cast<int>(denominator.str().size());
  while (below_ten_to(e)) --e;
  while (!below_ten_to(e + 1)) ++e;
  const int k = kMetricDigits - 1 - e;  // keep the integer part of |value| x 10^k
  const Int scaled_numerator = k >= 0 ? numerator * ten_to(k) : numerator;
  const Int scaled_denominator = k >= 0 ? denominator : denominator * ten_to(-k);
  Int kept = scaled_numerator / scaled_denominator;
  if (2 * (scaled_numerator - kept * scaled_denominator) >= scaled_denominator) ++kept;  // half away from zero
  return Normalized(kept.convert_to<uint64_t>(), e, value < 0);
}

char* WriteMetric(const MetricDigits& metric, char* out) {
  if (metric.digits == 0) {
    *out++ = '0';
    return out;
  }
  // The ten digits, then room for the 16-byte copies below.
  std::array<char, 32> digits{};
  WriteFiveDigits(static_cast<uint32_t>(metric.digits / 100000), digits.data());
  WriteFiveDigits(static_cast<uint32_t>(metric.digits % 100000), digits.data() + 5);
  int significant = kMetricDigits;
  while (significant > 1 && digits[static_cast<size_t>(significant - 1)] == '0') --significant;

  // Digits are copied 16 bytes at a time, past those kept, which `out` (at
  // least kMetricChars) has room for: the next write or the end drops them.
  const auto copy = [&digits](size_t from, char* to) { std::memcpy(to, digits.data() + from, 16); };
  const int e = metric.exponent;
  if (metric.negative) *out++ = '-';
  if (e >= -4 && e < kMetricDigits) {  // fixed notation, as %g chooses it
    if (e >= 0) {
      const size_t integer_digits = static_cast<size_t>(e) + 1;
      copy(0, out);
      if (significant <= e + 1) return out + integer_digits;
      out[integer_digits] = '.';
      copy(integer_digits, out + integer_digits + 1);
      return out + significant + 1;
    }
    *out++ = '0';
    *out++ = '.';
    for (int i = 0; i < -e - 1; ++i) *out++ = '0';
    copy(0, out);
    return out + significant;
  }
  *out++ = digits[0];
  if (significant > 1) {
    *out++ = '.';
    copy(1, out);
    out += significant - 1;
  }
  *out++ = 'e';
  *out++ = e < 0 ? '-' : '+';
  const int exponent = e < 0 ? -e : e;
  if (exponent >= 100) *out++ = static_cast<char>('0' + exponent / 100);
  *out++ = static_cast<char>('0' + exponent / 10 % 10);  // at least two digits, as %g
  *out++ = static_cast<char>('0' + exponent % 10);
  return out;
}

}  // namespace eccn::cli
