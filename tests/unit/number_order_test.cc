// Number's comparisons (include/eccn/number.h replaces Boost 1.74's, which go
// through boost::rational's continued fractions) order rationals exactly as
// boost::rational does, on random values, ties and the extremes of 256 bits.
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include <eccn/number.h>

namespace eccn {
namespace {

using Integer = boost::multiprecision::number<NumberInteger>;

// boost::rational's own order, which the overloads replace: the reference.
int ReferenceOrder(const Number& a, const Number& b) {
  const auto& x = a.backend().data();
  const auto& y = b.backend().data();
  return x < y ? -1 : (y < x ? 1 : 0);
}

void ExpectSameOrder(const Number& a, const Number& b) {
  const int expected = ReferenceOrder(a, b);
  EXPECT_EQ(a < b, expected < 0) << a << " < " << b;
  EXPECT_EQ(a > b, expected > 0) << a << " > " << b;
  EXPECT_EQ(a == b, expected == 0) << a << " == " << b;
  EXPECT_EQ(a <= b, expected <= 0) << a << " <= " << b;
  EXPECT_EQ(a != b, expected != 0) << a << " != " << b;
}

TEST(NumberOrder, AgreesWithBoostRationalOnRandomValues) {
  std::mt19937_64 random(7);
  std::vector<Number> values;
  const Integer huge = (Integer(1) << 255) - 1;  // the largest magnitude a part can hold
  for (int i = 0; i < 400; ++i) {
    const auto part = [&](bool allow_zero) {
      Integer n(random() >> (random() % 64));
      if (random() % 4 == 0) n = huge - Integer(random() % 1000);  // near the top of 256 bits
      if (!allow_zero && n == 0) n = 1;
      return n;
    };
    Number v(part(true));
    v /= Number(part(false));
    if (random() % 2 == 0) v = -v;
    values.push_back(v);
  }
  values.push_back(Number(0));
  values.push_back(Number(1) / 3);
  values.push_back(Number(2) / 6);  // equal to 1/3 once normalised
  values.push_back(Number(-1) / 3);
  values.push_back(Number(huge));
  values.push_back(Number(1) / Number(huge));
  for (const Number& a : values) {
    for (size_t k = 0; k < 25; ++k) ExpectSameOrder(a, values[random() % values.size()]);
    ExpectSameOrder(a, a);
    ExpectSameOrder(a, -a);
  }
}

TEST(NumberOrder, MixedWithIntegersAndNeighbours) {
  const Number third = Number(1) / 3;
  EXPECT_TRUE(third < 1);
  EXPECT_TRUE(third > 0);
  EXPECT_FALSE(third == 0);
  EXPECT_TRUE(Number(4800) == 4800);
  EXPECT_TRUE(Number(4800) >= 4800);
  // Neighbours that differ only past the 15th digit, as thresholds and metrics do.
  const Number threshold = Number(4800);
  const Number just_below = threshold - Number(1) / Number(Integer(10) << 60);
  EXPECT_TRUE(just_below < threshold);
  EXPECT_FALSE(just_below >= threshold);
  EXPECT_TRUE(Number(592) / 100 > Number(5919999999) / 1000000000);
}

}  // namespace
}  // namespace eccn
