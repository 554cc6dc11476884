// How eccn writes a rounded value: the examples of decimal_text.h, and the
// edges (zero, no fraction, a value below one unit of the last digit).
#include <gtest/gtest.h>

#include "decimal_text.h"

namespace eccn {
namespace {

TEST(DecimalText, WritesTheFractionWithoutTrailingZeros) {
  EXPECT_EQ(DecimalText("598552", 2), "5985.52");
  EXPECT_EQ(DecimalText("1650", 2), "16.5");
  EXPECT_EQ(DecimalText("300", 2), "3");
  EXPECT_EQ(DecimalText("7", 2), "0.07");
  EXPECT_EQ(DecimalText("70", 3), "0.07");
  EXPECT_EQ(DecimalText("0", 2), "0");
  EXPECT_EQ(DecimalText("1000", 0), "1000");
  EXPECT_EQ(DecimalText("12345", 4), "1.2345");
}

}  // namespace
}  // namespace eccn
