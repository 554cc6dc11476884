// FormatSignificant15 writes what fmt's "{:.15g}" writes, for every kind of
// double: the CSV output must not change with the formatter behind it.
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

std::string Fast(double value) {
  std::array<char, kSignificant15Chars> text{};
  return {text.data(), FormatSignificant15(value, text.data())};
}

std::string Reference(double value) { return fmt::format("{:.15g}", value); }

// Counts the values that differ, printing the first few.
int Mismatches(const std::vector<double>& values) {
  int mismatches = 0;
  for (const double value : values) {
    const std::string fast = Fast(value);
    const std::string reference = Reference(value);
    if (fast != reference && ++mismatches <= 5) {
      ADD_FAILURE() << fmt::format("{:.17g}: got {}, fmt gives {}", value, fast, reference);
    }
  }
  return mismatches;
}

TEST(SignificantDigits, HandPickedValues) {
  EXPECT_EQ(Fast(2368), "2368");
  EXPECT_EQ(Fast(2.909090909090909), "2.90909090909091");
  EXPECT_EQ(Fast(5985.5199999999995), "5985.52");
  EXPECT_EQ(Fast(0), "0");
  EXPECT_EQ(Fast(-0.0), "-0");
  EXPECT_EQ(Fast(1e15), "1e+15");
  EXPECT_EQ(Fast(999999999999999.4), "999999999999999");
  EXPECT_EQ(Fast(999999999999999.6), "1e+15");
  EXPECT_EQ(Fast(0.0001), "0.0001");
  EXPECT_EQ(Fast(0.00001234), "1.234e-05");
  EXPECT_EQ(Fast(-16.4981256890849), "-16.4981256890849");
  EXPECT_EQ(Fast(1e22), "1e+22");  // fmt's side of the range
  EXPECT_EQ(Fast(std::numeric_limits<double>::infinity()), "inf");
  EXPECT_EQ(Fast(std::nan("")), "nan");
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
    // Halfway between two 15-digit neighbours, and the doubles around it.
    const double halfway = power * 1.000000000000005;
    values.insert(values.end(), {halfway, std::nextafter(halfway, 0.0), std::nextafter(halfway, INFINITY)});
  }
  // Exact ties: integers above 10^15 ending in 5 are doubles exactly.
  for (uint64_t n = 1'000'000'000'000'005; n < 1'000'000'000'000'200; n += 10) values.push_back(static_cast<double>(n));
  EXPECT_EQ(Mismatches(values), 0);
}

}  // namespace
}  // namespace eccn::cli
