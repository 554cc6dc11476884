#include "cli/significant_digits.h"

#include <fmt/compile.h>
#include <fmt/format.h>

#include <array>
#include <bit>
#include <cmath>
#include <cstdint>

namespace eccn::cli {
namespace {

__extension__ using Uint128 = unsigned __int128;

constexpr int kDigits = 15;
constexpr uint64_t kLowest = 100'000'000'000'000;         // 10^14: the smallest 15-digit integer
constexpr uint64_t kPastHighest = 1'000'000'000'000'000;  // 10^15

constexpr std::array<Uint128, 24> kPowersOfTen = [] {
  std::array<Uint128, 24> powers{};
  Uint128 power = 1;
  for (Uint128& p : powers) {
    p = power;
    power *= 10;
  }
  return powers;
}();

char* Fallback(double value, char* out) { return fmt::format_to(out, FMT_COMPILE("{:.15g}"), value); }

// floor(m x 2^q x 10^k) for m < 2^53, and how the rest compares with one half
// (-1, 0, +1), in the ranges FormatSignificant15 admits: k from -7 to 22 (the
// product stays below 2^127), and k < 0 only for values of 1e15 and above,
// where q >= -3 (so the denominator stays small).
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

char* FormatSignificant15(double value, char* out) {
  const double magnitude = std::fabs(value);
  if (magnitude == 0) {
    if (std::signbit(value)) *out++ = '-';
    *out++ = '0';
    return out;
  }
  if (!(magnitude >= 1e-7 && magnitude < 1e22)) return Fallback(value, out);  // also NaN and infinities
  // magnitude = m x 2^q, read off its bits (a normal double in this range).
  const auto bits = std::bit_cast<uint64_t>(magnitude);
  const uint64_t m = (bits & ((uint64_t{1} << 52) - 1)) | (uint64_t{1} << 52);
  const int q = static_cast<int>(bits >> 52) - 1075;
  const int binary_exponent = q + 53;  // 2^(binary_exponent - 1) <= magnitude < 2^binary_exponent
  // 10^e <= magnitude < 10^(e + 1); from the binary exponent e is this or one more.
  int e = ((binary_exponent - 1) * 78913) >> 18;  // floor((binary_exponent - 1) log10 2)
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
  for (size_t i = kDigits - 1; i > 0; i -= 2) {
    const size_t pair = 2 * static_cast<size_t>(n % 100);
    n /= 100;
    digits[i - 1] = kPairs[pair];
    digits[i] = kPairs[pair + 1];
  }
  digits[0] = static_cast<char>('0' + n);
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

}  // namespace eccn::cli
