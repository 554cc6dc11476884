// Tests for units.h: ParseUnit, ParseDecimal, ParseQuantity and Dimension.
#include "units.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace eccn {
namespace {

using ::testing::HasSubstr;

Number Pow10(int exponent) {
  Number result = 1;
  for (int i = 0; i < exponent; ++i) result *= 10;
  return result;
}

// Parses `text` as a unit, failing the test (and returning a dimensionless
// zero-scale unit) when it is rejected.
Unit MustParseUnit(const std::string& text) {
  auto unit = ParseUnit(text);
  EXPECT_TRUE(unit.has_value()) << text << ": " << (unit ? "" : unit.error());
  return unit ? *unit : Unit{0, kDimensionless, ""};
}

// ---------------------------------------------------------------------------
// Dimension

TEST(Dimension, DefaultIsNone) {
  EXPECT_TRUE(Dimension{}.IsNone());
  EXPECT_TRUE(kDimensionless.IsNone());
  EXPECT_FALSE(kRate.IsNone());
  EXPECT_FALSE(kArea.IsNone());
}

TEST(Dimension, MultiplyAddsExponents) {
  const Dimension rate_times_seconds = kRate * Dimension{0, 0, 1, 0};
  EXPECT_EQ(rate_times_seconds, (Dimension{1, 0, 0, 0}));
  EXPECT_EQ(kBytes * kBytes, (Dimension{0, 2, 0, 0}));
}

TEST(Dimension, DivideSubtractsExponents) {
  EXPECT_EQ(kBandwidth / kArea, (Dimension{0, 1, -1, -2}));
  EXPECT_EQ(kRate / kRate, kDimensionless);
  EXPECT_EQ(kDimensionless / kArea, (Dimension{0, 0, 0, -2}));
}

TEST(Dimension, NamedDimensionsDiffer) {
  EXPECT_NE(kRate, kBandwidth);
  EXPECT_NE(kBandwidth, kBytes);
  EXPECT_NE(kArea, kDimensionless);
}

TEST(Dimension, DescribeNamesCommonDimensions) {
  EXPECT_THAT(DescribeDimension(kRate), HasSubstr("TFLOPS"));
  EXPECT_THAT(DescribeDimension(kBandwidth), HasSubstr("GB/s"));
  EXPECT_THAT(DescribeDimension(kArea), HasSubstr("mm2"));
  EXPECT_EQ(DescribeDimension(kDimensionless), "a plain number");
  EXPECT_EQ(DescribeDimension(kBandwidth / kArea), "a quantity in B*s^-1*mm^-2");
}

// ---------------------------------------------------------------------------
// ParseUnit

TEST(ParseUnit, TeraFlopsIsTenToTheTwelveOpsPerSecond) {
  const Unit unit = MustParseUnit("TFLOPS");
  EXPECT_EQ(unit.scale, Pow10(12));
  EXPECT_EQ(unit.dimension, kRate);
  EXPECT_EQ(unit.symbol, "TFLOPS");
}

TEST(ParseUnit, TopsIsTenToTheTwelveOpsPerSecond) {
  const Unit unit = MustParseUnit("TOPS");
  EXPECT_EQ(unit.scale, Pow10(12));
  EXPECT_EQ(unit.dimension, kRate);
}

TEST(ParseUnit, PetaFlopsIsTenToTheFifteen) {
  const Unit unit = MustParseUnit("PFLOPS");
  EXPECT_EQ(unit.scale, Pow10(15));
  EXPECT_EQ(unit.dimension, kRate);
}

TEST(ParseUnit, GigaFlopsIsTenToTheNine) {
  const Unit unit = MustParseUnit("GFLOPS");
  EXPECT_EQ(unit.scale, Pow10(9));
  EXPECT_EQ(unit.dimension, kRate);
}

TEST(ParseUnit, OperationCountIsNotARate) {
  const Unit unit = MustParseUnit("TFLOP");
  EXPECT_EQ(unit.scale, Pow10(12));
  EXPECT_EQ(unit.dimension, (Dimension{1, 0, 0, 0}));
  EXPECT_NE(unit.dimension, kRate);
}

TEST(ParseUnit, GigabytesPerSecondIsBandwidth) {
  const Unit unit = MustParseUnit("GB/s");
  EXPECT_EQ(unit.scale, Pow10(9));
  EXPECT_EQ(unit.dimension, kBandwidth);
}

TEST(ParseUnit, GigabitsPerSecondIsAnEighthOfGigabytesPerSecond) {
  const Unit bits = MustParseUnit("Gb/s");
  const Unit bytes = MustParseUnit("GB/s");
  EXPECT_EQ(bits.dimension, kBandwidth);
  EXPECT_EQ(bits.scale, Number(125000000));
  EXPECT_EQ(bits.scale * 8, bytes.scale);
}

TEST(ParseUnit, TerabytesPerSecond) {
  const Unit unit = MustParseUnit("TB/s");
  EXPECT_EQ(unit.scale, Pow10(12));
  EXPECT_EQ(unit.dimension, kBandwidth);
}

TEST(ParseUnit, GibibyteIsBinary) {
  const Unit unit = MustParseUnit("GiB");
  EXPECT_EQ(unit.scale, Number(1073741824));
  EXPECT_EQ(unit.dimension, kBytes);
}

TEST(ParseUnit, DecimalGigabyteIsNotBinary) {
  EXPECT_EQ(MustParseUnit("GB").scale, Number(1000000000));
  EXPECT_NE(MustParseUnit("GB").scale, MustParseUnit("GiB").scale);
}

TEST(ParseUnit, SquareMillimetreSpellingsAgree) {
  const Unit plain = MustParseUnit("mm2");
  const Unit superscript = MustParseUnit("mm²");
  const Unit caret = MustParseUnit("mm^2");
  EXPECT_EQ(plain.scale, Number(1));
  EXPECT_EQ(plain.dimension, kArea);
  EXPECT_EQ(superscript.scale, plain.scale);
  EXPECT_EQ(superscript.dimension, plain.dimension);
  EXPECT_EQ(caret.scale, plain.scale);
  EXPECT_EQ(caret.dimension, plain.dimension);
}

TEST(ParseUnit, SquareCentimetreIsOneHundredSquareMillimetres) {
  const Unit unit = MustParseUnit("cm2");
  EXPECT_EQ(unit.scale, Number(100));
  EXPECT_EQ(unit.dimension, kArea);
}

TEST(ParseUnit, MillimetreIsLengthNotArea) {
  const Unit unit = MustParseUnit("mm");
  EXPECT_EQ(unit.dimension, (Dimension{0, 0, 0, 1}));
  EXPECT_NE(unit.dimension, kArea);
}

TEST(ParseUnit, CompoundBandwidthPerArea) {
  const Unit unit = MustParseUnit("GB/s/mm2");
  EXPECT_EQ(unit.scale, Pow10(9));
  EXPECT_EQ(unit.dimension, (Dimension{0, 1, -1, -2}));
  EXPECT_EQ(unit.dimension, kBandwidth / kArea);
  EXPECT_EQ(unit.symbol, "GB/s/mm2");
}

TEST(ParseUnit, CompoundDividesScales) {
  // Per square centimetre is a hundredth of per square millimetre.
  const Unit unit = MustParseUnit("TB/s/cm2");
  EXPECT_EQ(unit.scale, Pow10(12) / 100);
  EXPECT_EQ(unit.dimension, kBandwidth / kArea);
}

TEST(ParseUnit, CaseDistinguishesBytesFromBits) {
  EXPECT_EQ(MustParseUnit("MB").scale, Pow10(6));
  EXPECT_EQ(MustParseUnit("Mb").scale, Pow10(6) / 8);
}

TEST(ParseUnit, UnknownUnitIsAnError) {
  auto unit = ParseUnit("furlongs");
  ASSERT_FALSE(unit.has_value());
  EXPECT_THAT(unit.error(), HasSubstr("unknown unit 'furlongs'"));
}

TEST(ParseUnit, UnknownPartOfCompoundIsNamed) {
  auto unit = ParseUnit("GB/fortnight");
  ASSERT_FALSE(unit.has_value());
  EXPECT_THAT(unit.error(), HasSubstr("'fortnight'"));
}

TEST(ParseUnit, UnitsAreCaseSensitive) {
  EXPECT_FALSE(ParseUnit("tflops").has_value());
  EXPECT_FALSE(ParseUnit("gb/S").has_value());
}

TEST(ParseUnit, EmptyPartIsMalformed) {
  auto unit = ParseUnit("GB//s");
  ASSERT_FALSE(unit.has_value());
  EXPECT_THAT(unit.error(), HasSubstr("malformed unit 'GB//s'"));
}

TEST(ParseUnit, TrailingSlashIsMalformed) {
  auto unit = ParseUnit("GB/");
  ASSERT_FALSE(unit.has_value());
  EXPECT_THAT(unit.error(), HasSubstr("malformed"));
}

TEST(ParseUnit, EmptyTextIsAnError) { EXPECT_FALSE(ParseUnit("").has_value()); }

// ---------------------------------------------------------------------------
// ParseDecimal

TEST(ParseDecimal, DecimalFractionIsExact) {
  auto value = ParseDecimal("5.92");
  ASSERT_TRUE(value.has_value()) << value.error();
  EXPECT_EQ(*value, Number(592, 100));
  EXPECT_EQ(*value, Number(148, 25));
}

TEST(ParseDecimal, ExponentIsExact) {
  auto value = ParseDecimal("1.6e3");
  ASSERT_TRUE(value.has_value()) << value.error();
  EXPECT_EQ(*value, Number(1600));
}

TEST(ParseDecimal, UpperCaseAndSignedExponent) {
  auto big = ParseDecimal("2E+2");
  ASSERT_TRUE(big.has_value()) << big.error();
  EXPECT_EQ(*big, Number(200));
  auto small = ParseDecimal("25e-3");
  ASSERT_TRUE(small.has_value()) << small.error();
  EXPECT_EQ(*small, Number(1, 40));
}

TEST(ParseDecimal, Negative) {
  auto value = ParseDecimal("-2.5");
  ASSERT_TRUE(value.has_value()) << value.error();
  EXPECT_EQ(*value, Number(-5, 2));
}

TEST(ParseDecimal, ExplicitPlus) {
  auto value = ParseDecimal("+7");
  ASSERT_TRUE(value.has_value()) << value.error();
  EXPECT_EQ(*value, Number(7));
}

TEST(ParseDecimal, Integer) {
  auto value = ParseDecimal("4800");
  ASSERT_TRUE(value.has_value()) << value.error();
  EXPECT_EQ(*value, Number(4800));
}

TEST(ParseDecimal, LeadingOrTrailingPoint) {
  auto leading = ParseDecimal(".5");
  ASSERT_TRUE(leading.has_value()) << leading.error();
  EXPECT_EQ(*leading, Number(1, 2));
  auto trailing = ParseDecimal("3.");
  ASSERT_TRUE(trailing.has_value()) << trailing.error();
  EXPECT_EQ(*trailing, Number(3));
}

TEST(ParseDecimal, TenthIsNotBinaryFloatingPoint) {
  auto value = ParseDecimal("0.1");
  ASSERT_TRUE(value.has_value()) << value.error();
  EXPECT_EQ(*value, Number(1, 10));
  EXPECT_EQ(*value * 3, Number(3, 10));
}

TEST(ParseDecimal, RejectsNan) { EXPECT_FALSE(ParseDecimal("nan").has_value()); }
TEST(ParseDecimal, RejectsInfinity) {
  EXPECT_FALSE(ParseDecimal("inf").has_value());
  EXPECT_FALSE(ParseDecimal("-inf").has_value());
  EXPECT_FALSE(ParseDecimal("infinity").has_value());
}
TEST(ParseDecimal, RejectsHex) { EXPECT_FALSE(ParseDecimal("0x10").has_value()); }

TEST(ParseDecimal, RejectsIncompleteExponent) {
  auto value = ParseDecimal("1e");
  ASSERT_FALSE(value.has_value());
  EXPECT_THAT(value.error(), HasSubstr("incomplete exponent"));
  EXPECT_FALSE(ParseDecimal("1e+").has_value());
}

TEST(ParseDecimal, RejectsEmpty) { EXPECT_FALSE(ParseDecimal("").has_value()); }
TEST(ParseDecimal, RejectsSignAlone) { EXPECT_FALSE(ParseDecimal("-").has_value()); }
TEST(ParseDecimal, RejectsPointAlone) { EXPECT_FALSE(ParseDecimal(".").has_value()); }
TEST(ParseDecimal, RejectsTwoPoints) { EXPECT_FALSE(ParseDecimal("1.2.3").has_value()); }
TEST(ParseDecimal, RejectsTrailingText) {
  EXPECT_FALSE(ParseDecimal("12abc").has_value());
  EXPECT_FALSE(ParseDecimal("12 ").has_value());
  EXPECT_FALSE(ParseDecimal(" 12").has_value());
}

TEST(ParseDecimal, AcceptsMaximumSignificantDigits) {
  static_assert(kMaxDecimalDigits == 30);
  const std::string digits(kMaxDecimalDigits, '9');
  auto value = ParseDecimal(digits);
  ASSERT_TRUE(value.has_value()) << value.error();
  EXPECT_EQ(*value, Pow10(kMaxDecimalDigits) - 1);
}

TEST(ParseDecimal, RejectsOneDigitTooMany) {
  auto value = ParseDecimal(std::string(kMaxDecimalDigits + 1, '9'));
  ASSERT_FALSE(value.has_value());
  EXPECT_THAT(value.error(), HasSubstr("too many digits"));
}

TEST(ParseDecimal, RejectsMoreThanFortyDigits) {
  auto value = ParseDecimal(std::string(41, '1'));
  ASSERT_FALSE(value.has_value());
  EXPECT_THAT(value.error(), HasSubstr("too many digits"));
}

TEST(ParseDecimal, FractionDigitsCountTowardsTheLimit) {
  EXPECT_FALSE(ParseDecimal("1." + std::string(kMaxDecimalDigits, '1')).has_value());
  EXPECT_FALSE(ParseDecimal("1." + std::string(40, '0')).has_value());
}

TEST(ParseDecimal, LeadingZerosDoNotCount) {
  auto value = ParseDecimal(std::string(45, '0') + "7");
  ASSERT_TRUE(value.has_value()) << value.error();
  EXPECT_EQ(*value, Number(7));
}

TEST(ParseDecimal, ZeroWithLargeExponentIsZero) {
  auto value = ParseDecimal("0e99");
  ASSERT_TRUE(value.has_value()) << value.error();
  EXPECT_EQ(*value, Number(0));
}

TEST(ParseDecimal, MagnitudesInsideTheRange) {
  auto big = ParseDecimal("9.99e29");
  ASSERT_TRUE(big.has_value()) << big.error();
  EXPECT_EQ(*big, Number(999) * Pow10(27));
  auto small = ParseDecimal("1e-30");
  ASSERT_TRUE(small.has_value()) << small.error();
  EXPECT_EQ(*small, Number(1) / Pow10(30));
  auto tiny_fraction = ParseDecimal("0." + std::string(29, '0') + "1");  // 1e-30
  ASSERT_TRUE(tiny_fraction.has_value()) << tiny_fraction.error();
  EXPECT_EQ(*tiny_fraction, Number(1) / Pow10(30));
}

TEST(ParseDecimal, RejectsMagnitudeAboveTheRange) {
  auto value = ParseDecimal("1e31");
  ASSERT_FALSE(value.has_value());
  EXPECT_THAT(value.error(), HasSubstr("out of range"));
  EXPECT_FALSE(ParseDecimal("1e41").has_value());
  EXPECT_FALSE(ParseDecimal("12e30").has_value());
  EXPECT_FALSE(ParseDecimal("1e99999").has_value());
}

TEST(ParseDecimal, RejectsMagnitudeBelowTheRange) {
  auto value = ParseDecimal("1e-32");
  ASSERT_FALSE(value.has_value());
  EXPECT_THAT(value.error(), HasSubstr("out of range"));
  EXPECT_FALSE(ParseDecimal("1e-41").has_value());
}

// Regression (fixed): units.h documents "a magnitude from 1e-30 to 1e30", but the upper
// check (integer digits + exponent > 30) is off by one: "1e30" is rejected
// as out of range. Expected: 1e30 parses to 10^30.
TEST(ParseDecimal, UpperEndOfDocumentedRangeParses) {
  auto value = ParseDecimal("1e30");
  ASSERT_TRUE(value.has_value()) << value.error();
  EXPECT_EQ(*value, Pow10(30));
}

// Regression (fixed): the lower check (significant - fraction digits + exponent < -30) is
// off by one the other way: "1e-31" and "0.5e-30" (below the documented
// 1e-30) are accepted. Expected: both rejected as out of range.
TEST(ParseDecimal, BelowDocumentedRangeIsRejected) {
  EXPECT_FALSE(ParseDecimal("1e-31").has_value());
  EXPECT_FALSE(ParseDecimal("0.5e-30").has_value());
}

// Inputs whose value would not fit the 256-bit Number are errors, never
// std::overflow_error.
TEST(ParseDecimal, HugeInputIsAnErrorNotAnException) {
  const std::string text = std::string(40, '9') + "e40";
  EXPECT_NO_THROW({
    auto value = ParseDecimal(text);
    EXPECT_FALSE(value.has_value());
  });
}

TEST(ParseDecimal, TinyFractionIsAnErrorNotAnException) {
  const std::string text = "0." + std::string(100, '0') + "1";
  EXPECT_NO_THROW({
    auto value = ParseDecimal(text);
    EXPECT_FALSE(value.has_value());
  });
}

// ---------------------------------------------------------------------------
// ParseQuantity

TEST(ParseQuantity, TeraFlopsWithSpace) {
  auto quantity = ParseQuantity("148 TFLOPS");
  ASSERT_TRUE(quantity.has_value()) << quantity.error();
  EXPECT_EQ(quantity->value, Number(148) * Pow10(12));
  EXPECT_EQ(quantity->unit.dimension, kRate);
  EXPECT_EQ(quantity->unit.symbol, "TFLOPS");
}

TEST(ParseQuantity, TeraFlopsWithoutSpace) {
  auto quantity = ParseQuantity("148TFLOPS");
  ASSERT_TRUE(quantity.has_value()) << quantity.error();
  EXPECT_EQ(quantity->value, Number(148) * Pow10(12));
  EXPECT_EQ(quantity->unit.dimension, kRate);
}

TEST(ParseQuantity, DecimalValueIsExact) {
  auto quantity = ParseQuantity("4.8 TB/s");
  ASSERT_TRUE(quantity.has_value()) << quantity.error();
  EXPECT_EQ(quantity->value, Number(48) * Pow10(11));
  EXPECT_EQ(quantity->unit.dimension, kBandwidth);
}

TEST(ParseQuantity, ExponentInValue) {
  auto quantity = ParseQuantity("1.5e2 GB");
  ASSERT_TRUE(quantity.has_value()) << quantity.error();
  EXPECT_EQ(quantity->value, Number(150) * Pow10(9));
}

TEST(ParseQuantity, GigabitIsOneEighthOfGigabyte) {
  auto bits = ParseQuantity("1 Gb/s");
  ASSERT_TRUE(bits.has_value()) << bits.error();
  EXPECT_EQ(bits->value, Number(125000000));
  EXPECT_EQ(bits->unit.dimension, kBandwidth);
}

TEST(ParseQuantity, ExabyteIsNotAnExponent) {
  auto quantity = ParseQuantity("2EB");
  ASSERT_TRUE(quantity.has_value()) << quantity.error();
  EXPECT_EQ(quantity->value, 2 * Pow10(18));
}

TEST(ParseQuantity, AreaWithSuperscript) {
  auto quantity = ParseQuantity("814 mm²");
  ASSERT_TRUE(quantity.has_value()) << quantity.error();
  EXPECT_EQ(quantity->value, Number(814));
  EXPECT_EQ(quantity->unit.dimension, kArea);
}

TEST(ParseQuantity, BareNumberIsAnError) {
  auto quantity = ParseQuantity("148");
  ASSERT_FALSE(quantity.has_value());
  EXPECT_THAT(quantity.error(), HasSubstr("no unit"));
}

TEST(ParseQuantity, NegativeParses) {
  // Rejecting negative values is the spec loader's job, not ParseQuantity's.
  auto quantity = ParseQuantity("-5 TFLOPS");
  ASSERT_TRUE(quantity.has_value()) << quantity.error();
  EXPECT_EQ(quantity->value, Number(-5) * Pow10(12));
}

TEST(ParseQuantity, UnknownUnitIsAnError) {
  auto quantity = ParseQuantity("5 widgets");
  ASSERT_FALSE(quantity.has_value());
  EXPECT_THAT(quantity.error(), HasSubstr("unknown unit 'widgets'"));
}

TEST(ParseQuantity, MissingNumberIsAnError) {
  auto quantity = ParseQuantity("TFLOPS");
  ASSERT_FALSE(quantity.has_value());
  EXPECT_THAT(quantity.error(), HasSubstr("not a number"));
}

TEST(ParseQuantity, BadNumberIsAnError) {
  EXPECT_FALSE(ParseQuantity("1.2.3 TFLOPS").has_value());
  EXPECT_FALSE(ParseQuantity("nan TFLOPS").has_value());
}

TEST(ParseQuantity, EmptyIsAnError) { EXPECT_FALSE(ParseQuantity("").has_value()); }

}  // namespace
}  // namespace eccn

namespace eccn {
namespace {

// Fuzz finding: exact but beyond 256 bits (a tiny number in a tiny compound unit)
// must be an error, never an exception.
TEST(ParseQuantity, TinyNumberInTinyCompoundUnitIsOutOfRange) {
  const std::string text = "." + std::string(28, '0') + "8" + std::string(20, '0') + "1 µm/EFLOP/EOP/OP";
  Expected<Quantity> quantity = Unexpected("not run");
  EXPECT_NO_THROW(quantity = ParseQuantity(text));
  ASSERT_FALSE(quantity.has_value());
  EXPECT_NE(quantity.error().find("out of range"), std::string::npos) << quantity.error();
}

}  // namespace
}  // namespace eccn
