#include "cli/significant_digits.h"

#include <fmt/compile.h>
#include <fmt/format.h>

#include <array>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

namespace eccn::cli {
namespace {

__extension__ using Uint128 = unsigned __int128;

constexpr int kDigits = kMetricDigits;
constexpr uint64_t kLowest = 1'000'000'000;        // 10^9: the smallest 10-digit integer
constexpr uint64_t kPastHighest = 10'000'000'000;  // 10^10
// The range FormatMetric rounds itself (and MetricRoundingIsDecided judges).
constexpr double kSmallest = 1e-7;
constexpr double kPastLargest = 1e22;

constexpr std::array<Uint128, 24> kPowersOfTen = [] {
  std::array<Uint128, 24> powers{};
  Uint128 power = 1;
  for (Uint128& p : powers) {
    p = power;
    power *= 10;
  }
  return powers;
}();

// 10^power for 0 <= power <= 16: exact as a double.
double DoublePowerOfTen(int power) {
  return static_cast<double>(static_cast<uint64_t>(kPowersOfTen[static_cast<size_t>(power)]));
}

// For 1e-7 <= magnitude < 1e22 (a normal double): m and q with magnitude =
// m x 2^q, and e with 10^e <= magnitude < 10^(e + 1) or one less.
struct Decomposed {
  uint64_t m = 0;
  int q = 0;
  int e = 0;
};
Decomposed Decompose(double magnitude) {
  const auto bits = std::bit_cast<uint64_t>(magnitude);
  const uint64_t m = (bits & ((uint64_t{1} << 52) - 1)) | (uint64_t{1} << 52);
  const int q = static_cast<int>(bits >> 52) - 1075;
  const int binary_exponent = q + 53;                    // 2^(binary_exponent - 1) <= magnitude < 2^binary_exponent
  return {m, q, ((binary_exponent - 1) * 78913) >> 18};  // floor((binary_exponent - 1) log10 2)
}

char* Fallback(double value, char* out) { return fmt::format_to(out, FMT_COMPILE("{:.10g}"), value); }

// floor(m x 2^q x 10^k) for m < 2^53, and how the rest compares with one half
// (-1, 0, +1), in the ranges FormatMetric admits: k from -12 to 16 (the
// product stays below 2^107), and k < 0 only for values of 1e10 and above,
// where q > -20 (so the denominator stays below 2^60).
struct Scaled {
  uint64_t floor = 0;
  int rest_vs_half = 0;
};
Scaled Scale(uint64_t m, int q, int k) {
  Uint128 numerator = m;
  if (k > 0) numerator *= kPowersOfTen[static_cast<size_t>(k)];
  if (q > 0) numerator <<= q;
  const int shift = q < 0 ? -q : 0;
  if (k >= 0) {  // denominator 2^shift
    const Uint128 floor = numerator >> shift;
    const Uint128 rest = numerator - (floor << shift);
    const Uint128 half = shift == 0 ? 0 : Uint128{1} << (shift - 1);
    const int order = shift == 0 ? -1 : (rest < half ? -1 : (rest > half ? 1 : 0));
    return {static_cast<uint64_t>(floor), order};
  }
  const Uint128 denominator = kPowersOfTen[static_cast<size_t>(-k)] << shift;
  const Uint128 floor = numerator / denominator;
  const Uint128 twice_rest = (numerator - floor * denominator) * 2;
  return {static_cast<uint64_t>(floor), twice_rest < denominator ? -1 : (twice_rest > denominator ? 1 : 0)};
}

char* WriteDigits(const std::array<char, kDigits>& digits, int from, int to, char* out) {
  for (int i = from; i < to; ++i) *out++ = digits[static_cast<size_t>(i)];
  return out;
}

}  // namespace

char* FormatMetric(double value, char* out) {
  const double magnitude = std::fabs(value);
  if (magnitude == 0) {
    if (std::signbit(value)) *out++ = '-';
    *out++ = '0';
    return out;
  }
  if (!(magnitude >= kSmallest && magnitude < kPastLargest)) return Fallback(value, out);  // also NaN, infinities
  const auto [m, q, estimate] = Decompose(magnitude);
  int e = estimate;
  Scaled scaled = Scale(m, q, kDigits - 1 - e);
  if (scaled.floor >= kPastHighest) scaled = Scale(m, q, kDigits - 1 - ++e);
  if (scaled.rest_vs_half == 0) return Fallback(value, out);  // an exact tie: fmt's rule decides
  uint64_t n = scaled.floor + (scaled.rest_vs_half > 0 ? 1 : 0);
  if (n == kPastHighest) {
    n = kLowest;
    ++e;
  }
  // Two digits a division: "00" to "99" side by side.
  static constexpr std::array<char, 200> kPairs = [] {
    std::array<char, 200> pairs{};
    for (size_t i = 0; i < 100; ++i) {
      pairs[2 * i] = static_cast<char>('0' + i / 10);
      pairs[2 * i + 1] = static_cast<char>('0' + i % 10);
    }
    return pairs;
  }();
  std::array<char, kDigits> digits{};
  size_t filled = kDigits;  // digits[filled..] are written
  for (; filled >= 2; filled -= 2) {
    const size_t pair = 2 * static_cast<size_t>(n % 100);
    n /= 100;
    digits[filled - 2] = kPairs[pair];
    digits[filled - 1] = kPairs[pair + 1];
  }
  if (filled == 1) digits[0] = static_cast<char>('0' + n);
  int significant = kDigits;
  while (significant > 1 && digits[static_cast<size_t>(significant - 1)] == '0') --significant;

  if (value < 0) *out++ = '-';
  if (e >= -4 && e < kDigits) {  // fixed notation, as %g chooses it
    if (e >= 0) {
      out = WriteDigits(digits, 0, e + 1, out);
      if (significant > e + 1) {
        *out++ = '.';
        out = WriteDigits(digits, e + 1, significant, out);
      }
      return out;
    }
    *out++ = '0';
    *out++ = '.';
    for (int i = 0; i < -e - 1; ++i) *out++ = '0';
    return WriteDigits(digits, 0, significant, out);
  }
  *out++ = digits[0];
  if (significant > 1) {
    *out++ = '.';
    out = WriteDigits(digits, 1, significant, out);
  }
  *out++ = 'e';
  *out++ = e < 0 ? '-' : '+';
  const int exponent = e < 0 ? -e : e;
  *out++ = static_cast<char>('0' + exponent / 10);  // at least two digits, as %g; below 1e22, at most two
  *out++ = static_cast<char>('0' + exponent % 10);
  return out;
}

bool MetricRoundingIsDecided(double value, double error) {
  const double magnitude = std::fabs(value);
  if (magnitude == 0) return error == 0;
  if (!(magnitude >= kSmallest && magnitude < kPastLargest) || !(error >= 0 && std::isfinite(error))) return false;
  // scaled = magnitude x 10^k has the kept digits before its point; it is
  // computed with one rounding (10^|k| <= 10^16 is exact), within 2 eps.
  int k = kDigits - 1 - Decompose(magnitude).e;
  const auto times_power = [magnitude](int power) {
    return power >= 0 ? magnitude * DoublePowerOfTen(power) : magnitude / DoublePowerOfTen(-power);
  };
  double scaled = times_power(k);
  if (scaled >= static_cast<double>(kPastHighest)) scaled = times_power(--k);
  constexpr double kEpsilon = std::numeric_limits<double>::epsilon();
  const double power = k >= 0 ? DoublePowerOfTen(k) : 1 / DoublePowerOfTen(-k);
  const double bound = error * power * (1 + 4 * kEpsilon) + scaled * 2 * kEpsilon;
  // Rounding changes only at halves; a bound this small also keeps a number
  // just below a power of ten (one more digit kept) rounding up to it.
  const double fraction = scaled - std::floor(scaled);
  return bound < 0.05 && std::fabs(fraction - 0.5) > bound;
}

double RoundedMetric(const Number& value) {
  using Int = boost::multiprecision::cpp_int;  // unbounded: scaling by 10^k must not overflow
  if (value == 0) return 0;
  const double approximate = std::fabs(ToDouble(value));
  if (approximate == 0 || !std::isfinite(approximate)) return ToDouble(value);  // beyond doubles: display as is
  const Int numerator = abs(Int(boost::multiprecision::numerator(value)));
  const Int denominator(boost::multiprecision::denominator(value));
  const auto ten_to = [](int power) -> Int {
    return boost::multiprecision::pow(Int(10), static_cast<unsigned>(power));
  };
  // e with 10^e <= |value| < 10^(e + 1), from the double then checked exactly.
  int e = static_cast<int>(std::floor(std::log10(approximate)));
  const auto below_ten_to = [&](int power) {  // |value| < 10^power
    return power >= 0 ? numerator < denominator * ten_to(power) : numerator * ten_to(-power) < denominator;
  };
  while (below_ten_to(e)) --e;
  while (!below_ten_to(e + 1)) ++e;
  const int k = kDigits - 1 - e;  // keep the integer part of |value| x 10^k
  const Int scaled_numerator = k >= 0 ? numerator * ten_to(k) : numerator;
  const Int scaled_denominator = k >= 0 ? denominator : denominator * ten_to(-k);
  Int kept = scaled_numerator / scaled_denominator;
  if (2 * (scaled_numerator - kept * scaled_denominator) >= scaled_denominator) ++kept;  // half away from zero
  // kept x 10^-k read as a decimal: from_chars gives the nearest double.
  const std::string text = fmt::format("{}{}e{}", value < 0 ? "-" : "", kept.str(), -k);
  double rounded = 0;
  std::from_chars(text.data(), text.data() + text.size(), rounded);
  return rounded;
}

}  // namespace eccn::cli
