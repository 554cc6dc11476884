// DecidedDigits and WriteMetric write what fmt's "{:.10g}" writes, for every
// kind of double (the CSV output must not change with the formatter behind
// it); DecidedDigits gives digits only when every number within a bound
// rounds to them; ExactDigits rounds an exact rational.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <string>

#include "cli/significant_digits.h"

namespace eccn::cli {
namespace {

std::string Written(const MetricDigits& digits) {
  std::array<char, kMetricChars> text{};
  return {text.data(), WriteMetric(digits, text.data())};
}

// The digits of a double taken as exact, or "undecided" at a tie.
std::string Fast(double value) {
  const std::optional<MetricDigits> digits = DecidedDigits(value, 0);
  return digits ? Written(*digits) : "undecided";
}

std::string Reference(double value) { return fmt::format("{:.10g}", value); }

// Counts the values that differ from fmt, printing the first few; values
// DecidedDigits leaves (within rounding of a tie, or out of its range) are
// skipped, but must be few.
int Mismatches(const std::vector<double>& values) {
  int mismatches = 0;
  size_t decided = 0;
  for (const double value : values) {
    const std::string fast = Fast(value);
    if (fast == "undecided") continue;
    ++decided;
    const std::string reference = Reference(value);
    if (fast != reference && ++mismatches <= 5) {
      ADD_FAILURE() << fmt::format("{:.17g}: got {}, fmt gives {}", value, fast, reference);
    }
  }
  EXPECT_GT(decided, values.size() / 2);
  return mismatches;
}

TEST(SignificantDigits, HandPickedValues) {
  EXPECT_EQ(Fast(2368), "2368");
  EXPECT_EQ(Fast(2.909090909090909), "2.909090909");
  EXPECT_EQ(Fast(5985.5199999999995), "5985.52");
  EXPECT_EQ(Fast(0), "0");
  EXPECT_EQ(Fast(-0.0), "0");  // the exact value is 0, which has no sign
  EXPECT_EQ(Fast(1e10), "1e+10");
  EXPECT_EQ(Fast(9999999999.4), "9999999999");
  EXPECT_EQ(Fast(9999999999.6), "1e+10");
  EXPECT_EQ(Fast(0.0001), "0.0001");
  EXPECT_EQ(Fast(0.00001234), "1.234e-05");
  EXPECT_EQ(Fast(-16.4981256890849), "-16.49812569");
  EXPECT_EQ(Fast(9.99e21), "9.99e+21");
  EXPECT_EQ(Fast(1e-7), "1e-07");  // the smallest magnitude taken: ten digits need 10^17
  EXPECT_EQ(Fast(1.5e-7), "1.5e-07");
  EXPECT_EQ(Fast(1e22), "undecided");  // out of range: the exact path
  EXPECT_EQ(Fast(1e-8), "undecided");
  EXPECT_EQ(Fast(std::numeric_limits<double>::infinity()), "undecided");
  EXPECT_EQ(Fast(std::nan("")), "undecided");
  EXPECT_EQ(Fast(12345678905), "undecided");  // an exact tie
}

TEST(SignificantDigits, AgreesWithFmtOnRandomBitPatterns) {
  std::mt19937_64 random(15);
  std::vector<double> values;
  while (values.size() < 300000) {
    const uint64_t bits = random();
    double value = 0;
    std::memcpy(&value, &bits, sizeof value);
    // Mostly the range done here (exponents around 1e-9..1e23), some from everywhere.
    int exponent = 0;
    if (values.size() % 10 != 0)
      value = std::ldexp(std::frexp(value, &exponent), static_cast<int>(random() % 110) - 32);
    values.push_back(value);
  }
  EXPECT_EQ(Mismatches(values), 0);
}

TEST(SignificantDigits, AgreesWithFmtOnShortDecimalsAndTheirProducts) {
  // What a catalog holds: decimals of a few digits, and metrics computed from them.
  std::mt19937_64 random(3090);
  std::vector<double> values;
  for (int i = 0; i < 200000; ++i) {
    const double a = static_cast<double>(random() % 1000000) / std::pow(10.0, static_cast<double>(random() % 7));
    const double b = static_cast<double>(random() % 100000 + 1) / std::pow(10.0, static_cast<double>(random() % 4));
    values.insert(values.end(), {a, a * b, a / b, a * 16, -a / b});
  }
  EXPECT_EQ(Mismatches(values), 0);
}

TEST(SignificantDigits, AgreesWithFmtAtPowersOfTenAndRoundingBoundaries) {
  std::vector<double> values;
  for (int e = -12; e <= 24; ++e) {
    const double power = std::pow(10.0, e);
    double below = power;
    double above = power;
    for (int step = 0; step < 40; ++step) {
      below = std::nextafter(below, 0.0);
      above = std::nextafter(above, INFINITY);
      values.insert(values.end(), {below, power, above});
    }
    // Halfway between two 10-digit neighbours, and the doubles around it.
    const double halfway = power * 1.0000000005;
    values.insert(values.end(), {halfway, std::nextafter(halfway, 0.0), std::nextafter(halfway, INFINITY)});
  }
  EXPECT_EQ(Mismatches(values), 0);
}

Number Rational(int64_t numerator, int64_t denominator) { return Number(numerator) / Number(denominator); }

std::string Rounded(const Number& value) { return Written(ExactDigits(value)); }

TEST(ExactDigits, RoundTheExactValueHalfAwayFromZero) {
  EXPECT_EQ(Rounded(Rational(659976, 90980)), "7.254077819");  // 7.25407781930094...
  EXPECT_EQ(Rounded(Rational(2, 3)), "0.6666666667");
  EXPECT_EQ(Rounded(Rational(-2, 3)), "-0.6666666667");
  EXPECT_EQ(Rounded(Number(4800)), "4800");
  EXPECT_EQ(Rounded(Number(0)), "0");
  // Exact ties, which a double near them might round either way.
  EXPECT_EQ(Rounded(Rational(12345678905, 100)), "123456789.1");
  EXPECT_EQ(Rounded(Rational(12345678885, 100)), "123456788.9");
  EXPECT_EQ(Rounded(Rational(-12345678905, 10)), "-1234567891");
  EXPECT_EQ(Rounded(Rational(99999999995, 10)), "1e+10");  // rounds up into the next decade
  EXPECT_EQ(Rounded(Rational(1, 3000000000)), "3.333333333e-10");
  EXPECT_EQ(Rounded(Number(12345678901234567LL) * Number(1000000)), "1.23456789e+22");
  EXPECT_EQ(Rounded(Number(1) / Number(boost::multiprecision::cpp_int(1) << 200)), "6.223015278e-61");
}

bool Decided(double value, double error) { return DecidedDigits(value, error).has_value(); }

TEST(DecidedDigits, OnlyAwayFromHalves) {
  EXPECT_TRUE(Decided(7.2540778193009, 1e-14));
  EXPECT_TRUE(Decided(1525.44, 1e-12));
  EXPECT_TRUE(Decided(0, 0));
  EXPECT_FALSE(Decided(0, 1e-300));
  // 1.2345678905 is a half of the tenth digit: a bound reaching it undecides.
  EXPECT_FALSE(Decided(1.23456789050001, 1e-13));
  EXPECT_TRUE(Decided(1.23456789050001, 1e-15));
  EXPECT_FALSE(Decided(-1.23456789049999, 1e-13));
  EXPECT_FALSE(Decided(5, std::nan("")));
  EXPECT_FALSE(Decided(5, -1));
}

// The law the CSV output rests on: whenever a value within `error` of the
// exact one is decided, it prints the exact value's rounding. Exact values
// are drawn near halves of the last digit, where a wrong answer would show.
TEST(DecidedDigits, AreTheExactRounding) {
  std::mt19937_64 random(10);
  int decided = 0;
  int undecided = 0;
  for (int n = 0; n < 100000; ++n) {
    // exact = (digits + 1/2 + offset) x 10^scale, offset a few millionths of the last digit either way.
    const auto digits = static_cast<int64_t>(1'000'000'000 + random() % 9'000'000'000);
    const auto offset = static_cast<int64_t>(random() % 2001) - 1000;
    const int scale = static_cast<int>(random() % 20) - 12;
    Number exact = Number(digits) + Rational(1, 2) + Rational(offset, 100'000'000);
    for (int i = 0; i < std::abs(scale); ++i) exact = scale > 0 ? exact * 10 : exact / 10;
    const double value = ToDouble(exact);
    const double error = std::fabs(value) * 1e-15 * static_cast<double>(1 + random() % 8);
    // What the fast path may hold: any double within the bound.
    const double held = value + error * (static_cast<double>(random() % 2001) - 1000) / 1000;
    const std::optional<MetricDigits> rounded = DecidedDigits(held, error);
    if (!rounded) {
      ++undecided;
      continue;
    }
    ++decided;
    ASSERT_EQ(Written(*rounded), Rounded(exact)) << fmt::format("{:.17g} +- {:.3g}", held, error);
  }
  // Both answers occur, so the law was tested where it could break.
  EXPECT_GT(decided, 10000);
  EXPECT_GT(undecided, 10000);
}

}  // namespace
}  // namespace eccn::cli
