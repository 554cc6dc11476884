// Tests for expr/interval_math.h: sound interval arithmetic over exact
// rationals, comparisons and Kleene three-valued logic.
#include "expr/interval_math.h"

#include <gtest/gtest.h>

#include "test_printers.h"

#include <ostream>

namespace eccn::expr {
namespace {

Interval Exact(int v) { return Interval::Exact(Number(v)); }
Interval Between(int lo, int hi) { return Interval::Between(Number(lo), Number(hi)); }
Interval AtLeast(int lo) { return Interval::AtLeast(Number(lo)); }
Interval AtMost(int hi) { return {Number(0), Number(hi), true, false}; }

// ---------------------------------------------------------------------------
// Interval basics

TEST(Interval, ExactIsExact) {
  EXPECT_TRUE(Exact(5).IsExact());
  EXPECT_FALSE(Between(1, 2).IsExact());
  EXPECT_TRUE(Between(3, 3).IsExact());
  EXPECT_FALSE(AtLeast(0).IsExact());
  EXPECT_FALSE(Interval::Everything().IsExact());
}

TEST(Interval, EverythingIsUnboundedBothWays) {
  const Interval all = Interval::Everything();
  EXPECT_TRUE(all.lo_unbounded);
  EXPECT_TRUE(all.hi_unbounded);
}

// ---------------------------------------------------------------------------
// Add, Sub, Neg

TEST(IntervalAdd, ExactValues) { EXPECT_EQ(Add(Exact(2), Exact(3)), Exact(5)); }

TEST(IntervalAdd, Ranges) { EXPECT_EQ(Add(Between(1, 2), Between(10, 20)), Between(11, 22)); }

TEST(IntervalAdd, ExactFractions) {
  const Interval sum = Add(Interval::Exact(Number(1, 3)), Interval::Exact(Number(1, 6)));
  EXPECT_EQ(sum, Interval::Exact(Number(1, 2)));
}

TEST(IntervalAdd, UnboundedAbovePropagates) {
  const Interval sum = Add(AtLeast(5), Exact(3));
  EXPECT_FALSE(sum.lo_unbounded);
  EXPECT_EQ(sum.lo, Number(8));
  EXPECT_TRUE(sum.hi_unbounded);
}

TEST(IntervalAdd, EverythingAbsorbs) { EXPECT_EQ(Add(Interval::Everything(), Exact(1)), Interval::Everything()); }

TEST(IntervalSub, Ranges) {
  // [10, 20] - [1, 2] = [8, 19]
  EXPECT_EQ(Sub(Between(10, 20), Between(1, 2)), Between(8, 19));
}

TEST(IntervalSub, SelfIsNotZero) {
  // Intervals do not know two operands are the same value.
  EXPECT_EQ(Sub(Between(1, 2), Between(1, 2)), Between(-1, 1));
}

TEST(IntervalSub, UnboundedSubtrahendFlipsSide) {
  const Interval diff = Sub(Exact(10), AtLeast(3));
  EXPECT_TRUE(diff.lo_unbounded);
  EXPECT_FALSE(diff.hi_unbounded);
  EXPECT_EQ(diff.hi, Number(7));
}

TEST(IntervalNeg, Range) { EXPECT_EQ(Neg(Between(-2, 5)), Between(-5, 2)); }

TEST(IntervalNeg, SwapsUnboundedEnds) {
  const Interval neg = Neg(AtLeast(4));
  EXPECT_TRUE(neg.lo_unbounded);
  EXPECT_FALSE(neg.hi_unbounded);
  EXPECT_EQ(neg.hi, Number(-4));
  EXPECT_EQ(Neg(neg), AtLeast(4));
}

// ---------------------------------------------------------------------------
// Mul

TEST(IntervalMul, ExactValues) { EXPECT_EQ(Mul(Exact(148), Exact(16)), Exact(2368)); }

TEST(IntervalMul, MixedSigns) {
  // [-2, 3] x [4, 5]: extremes -10 and 15.
  EXPECT_EQ(Mul(Between(-2, 3), Between(4, 5)), Between(-10, 15));
}

TEST(IntervalMul, BothNegative) { EXPECT_EQ(Mul(Between(-3, -2), Between(-5, -4)), Between(8, 15)); }

TEST(IntervalMul, BothStraddleZero) {
  // [-1, 2] x [-3, 4]: end products 3, -4, -6 and 8.
  EXPECT_EQ(Mul(Between(-1, 2), Between(-3, 4)), Between(-6, 8));
}

TEST(IntervalMul, ZeroTimesUnboundedIsZero) {
  EXPECT_EQ(Mul(Exact(0), Interval::Everything()), Exact(0));
  EXPECT_EQ(Mul(AtLeast(0), Exact(0)), Exact(0));
}

TEST(IntervalMul, PositiveTimesUnboundedAbove) {
  const Interval product = Mul(Exact(2), AtLeast(3));
  EXPECT_FALSE(product.lo_unbounded);
  EXPECT_EQ(product.lo, Number(6));
  EXPECT_TRUE(product.hi_unbounded);
}

TEST(IntervalMul, NegativeTimesUnboundedAbove) {
  const Interval product = Mul(Exact(-2), AtLeast(3));
  EXPECT_TRUE(product.lo_unbounded);
  EXPECT_FALSE(product.hi_unbounded);
  EXPECT_EQ(product.hi, Number(-6));
}

TEST(IntervalMul, StraddlingTimesUnboundedIsEverything) {
  EXPECT_EQ(Mul(Between(-1, 1), AtLeast(1)), Interval::Everything());
}

TEST(IntervalMul, UnknownNonNegativeTimesUnknownNonNegative) { EXPECT_EQ(Mul(AtLeast(0), AtLeast(0)), AtLeast(0)); }

// ---------------------------------------------------------------------------
// Div

TEST(IntervalDiv, TppOverAreaIsExactRational) {
  const Interval pd = Div(Exact(2368), Exact(814));
  ASSERT_TRUE(pd.IsExact());
  EXPECT_EQ(pd.lo, Number(1184, 407));
  EXPECT_EQ(pd, Interval::Exact(Number(1184, 407)));
}

TEST(IntervalDiv, PositiveRanges) {
  // [1, 2] / [4, 8] = [1/8, 1/2]
  EXPECT_EQ(Div(Between(1, 2), Between(4, 8)), Interval::Between(Number(1, 8), Number(1, 2)));
}

TEST(IntervalDiv, NegativeDivisor) {
  // [1, 2] / [-4, -2] = [-1, -1/4]
  EXPECT_EQ(Div(Between(1, 2), Between(-4, -2)), Interval::Between(Number(-1), Number(-1, 4)));
}

TEST(IntervalDiv, DivisorContainingZeroIsEverything) {
  EXPECT_EQ(Div(Exact(1), Between(-1, 1)), Interval::Everything());
}

TEST(IntervalDiv, DivisorTouchingZeroIsEverything) {
  EXPECT_EQ(Div(Exact(1), Between(0, 5)), Interval::Everything());
  EXPECT_EQ(Div(Exact(1), Between(-5, 0)), Interval::Everything());
}

TEST(IntervalDiv, ExactZeroDivisorIsEverything) { EXPECT_EQ(Div(Exact(7), Exact(0)), Interval::Everything()); }

TEST(IntervalDiv, UnknownNonNegativeDivisorIsEverything) {
  // An unknown area is at least 0 and may be 0.
  EXPECT_EQ(Div(Exact(2368), AtLeast(0)), Interval::Everything());
}

TEST(IntervalDiv, UnboundedDivisorAwayFromZero) {
  // 10 / [2, inf) = [0, 5]: the reciprocal of an unbounded end is 0.
  EXPECT_EQ(Div(Exact(10), AtLeast(2)), Between(0, 5));
}

TEST(IntervalDiv, NegativeUnboundedDivisor) {
  // 10 / (-inf, -2] = [-5, 0]
  EXPECT_EQ(Div(Exact(10), AtMost(-2)), Between(-5, 0));
}

TEST(IntervalDiv, UnboundedDividend) {
  const Interval q = Div(AtLeast(4), Exact(2));
  EXPECT_FALSE(q.lo_unbounded);
  EXPECT_EQ(q.lo, Number(2));
  EXPECT_TRUE(q.hi_unbounded);
}

// ---------------------------------------------------------------------------
// Min, Max, Hull

TEST(IntervalMin, Exact) { EXPECT_EQ(Min(Exact(3), Exact(7)), Exact(3)); }

TEST(IntervalMin, Overlapping) { EXPECT_EQ(Min(Between(1, 10), Between(5, 6)), Between(1, 6)); }

TEST(IntervalMin, UnboundedAboveDoesNotRaiseMinimum) { EXPECT_EQ(Min(AtLeast(0), Exact(5)), Between(0, 5)); }

TEST(IntervalMin, UnboundedBelowWins) {
  const Interval m = Min(AtMost(3), Exact(5));
  EXPECT_TRUE(m.lo_unbounded);
  EXPECT_EQ(m.hi, Number(3));
}

TEST(IntervalMax, Exact) { EXPECT_EQ(Max(Exact(3), Exact(7)), Exact(7)); }

TEST(IntervalMax, Overlapping) { EXPECT_EQ(Max(Between(1, 10), Between(5, 6)), Between(5, 10)); }

TEST(IntervalMax, UnboundedAbove) {
  const Interval m = Max(AtLeast(0), Exact(5));
  EXPECT_FALSE(m.lo_unbounded);
  EXPECT_EQ(m.lo, Number(5));
  EXPECT_TRUE(m.hi_unbounded);
}

TEST(IntervalMax, EqualValues) { EXPECT_EQ(Max(Exact(2368), Exact(2368)), Exact(2368)); }

TEST(IntervalHull, Disjoint) { EXPECT_EQ(Hull(Exact(1), Exact(9)), Between(1, 9)); }

TEST(IntervalHull, Order) { EXPECT_EQ(Hull(Between(5, 6), Between(-1, 2)), Between(-1, 6)); }

TEST(IntervalHull, WithZero) { EXPECT_EQ(Hull(Exact(814), Exact(0)), Between(0, 814)); }

TEST(IntervalHull, Unbounded) {
  const Interval h = Hull(AtLeast(10), Exact(0));
  EXPECT_FALSE(h.lo_unbounded);
  EXPECT_EQ(h.lo, Number(0));
  EXPECT_TRUE(h.hi_unbounded);
}

// ---------------------------------------------------------------------------
// Compare

TEST(IntervalCompare, ExactTies) {
  EXPECT_EQ(Compare(CompareOp::kGe, Exact(4800), Exact(4800)), Truth::kTrue);
  EXPECT_EQ(Compare(CompareOp::kLe, Exact(4800), Exact(4800)), Truth::kTrue);
  EXPECT_EQ(Compare(CompareOp::kGt, Exact(4800), Exact(4800)), Truth::kFalse);
  EXPECT_EQ(Compare(CompareOp::kLt, Exact(4800), Exact(4800)), Truth::kFalse);
  EXPECT_EQ(Compare(CompareOp::kEq, Exact(4800), Exact(4800)), Truth::kTrue);
  EXPECT_EQ(Compare(CompareOp::kNe, Exact(4800), Exact(4800)), Truth::kFalse);
}

TEST(IntervalCompare, ExactRationalTie) {
  // 5.92 written two ways.
  const Interval a = Interval::Exact(Number(592, 100));
  const Interval b = Interval::Exact(Number(148, 25));
  EXPECT_EQ(Compare(CompareOp::kGe, a, b), Truth::kTrue);
  EXPECT_EQ(Compare(CompareOp::kGt, a, b), Truth::kFalse);
}

TEST(IntervalCompare, ExactJustBelowThreshold) {
  // 1184/407 = 2.909... is below 5.92 and above 1.6.
  const Interval pd = Interval::Exact(Number(1184, 407));
  EXPECT_EQ(Compare(CompareOp::kGe, pd, Interval::Exact(Number(592, 100))), Truth::kFalse);
  EXPECT_EQ(Compare(CompareOp::kGe, pd, Interval::Exact(Number(16, 10))), Truth::kTrue);
}

TEST(IntervalCompare, ExactDistinct) {
  EXPECT_EQ(Compare(CompareOp::kLt, Exact(1), Exact(2)), Truth::kTrue);
  EXPECT_EQ(Compare(CompareOp::kGt, Exact(1), Exact(2)), Truth::kFalse);
  EXPECT_EQ(Compare(CompareOp::kEq, Exact(1), Exact(2)), Truth::kFalse);
  EXPECT_EQ(Compare(CompareOp::kNe, Exact(1), Exact(2)), Truth::kTrue);
}

TEST(IntervalCompare, OverlappingIsUnknown) {
  const Interval a = Between(4000, 5000);
  const Interval b = Exact(4800);
  EXPECT_EQ(Compare(CompareOp::kLt, a, b), Truth::kUnknown);
  EXPECT_EQ(Compare(CompareOp::kLe, a, b), Truth::kUnknown);
  EXPECT_EQ(Compare(CompareOp::kGt, a, b), Truth::kUnknown);
  EXPECT_EQ(Compare(CompareOp::kGe, a, b), Truth::kUnknown);
  EXPECT_EQ(Compare(CompareOp::kEq, a, b), Truth::kUnknown);
  EXPECT_EQ(Compare(CompareOp::kNe, a, b), Truth::kUnknown);
}

TEST(IntervalCompare, DisjointIsDefinite) {
  const Interval low = Between(1, 2);
  const Interval high = Between(3, 4);
  EXPECT_EQ(Compare(CompareOp::kLt, low, high), Truth::kTrue);
  EXPECT_EQ(Compare(CompareOp::kLe, low, high), Truth::kTrue);
  EXPECT_EQ(Compare(CompareOp::kGt, low, high), Truth::kFalse);
  EXPECT_EQ(Compare(CompareOp::kGe, low, high), Truth::kFalse);
  EXPECT_EQ(Compare(CompareOp::kEq, low, high), Truth::kFalse);
  EXPECT_EQ(Compare(CompareOp::kNe, low, high), Truth::kTrue);
  EXPECT_EQ(Compare(CompareOp::kGt, high, low), Truth::kTrue);
}

TEST(IntervalCompare, TouchingEnds) {
  // [1, 2] vs [2, 3]: a <= b always, a < b not always, a >= b only at 2.
  const Interval a = Between(1, 2);
  const Interval b = Between(2, 3);
  EXPECT_EQ(Compare(CompareOp::kLe, a, b), Truth::kTrue);
  EXPECT_EQ(Compare(CompareOp::kGt, a, b), Truth::kFalse);
  EXPECT_EQ(Compare(CompareOp::kLt, a, b), Truth::kUnknown);
  EXPECT_EQ(Compare(CompareOp::kGe, a, b), Truth::kUnknown);
}

TEST(IntervalCompare, RangeAboveThresholdIsTrue) {
  // A range that is entirely at or above the threshold decides the comparison.
  EXPECT_EQ(Compare(CompareOp::kGe, Between(4800, 6000), Exact(4800)), Truth::kTrue);
  EXPECT_EQ(Compare(CompareOp::kGe, AtLeast(4800), Exact(4800)), Truth::kTrue);
}

TEST(IntervalCompare, UnknownNonNegativeValue) {
  EXPECT_EQ(Compare(CompareOp::kGe, AtLeast(0), Exact(4800)), Truth::kUnknown);
  EXPECT_EQ(Compare(CompareOp::kGe, AtLeast(0), Exact(0)), Truth::kTrue);
  EXPECT_EQ(Compare(CompareOp::kLt, AtLeast(0), Exact(0)), Truth::kFalse);
  EXPECT_EQ(Compare(CompareOp::kLt, AtLeast(0), Exact(-1)), Truth::kFalse);
}

TEST(IntervalCompare, EverythingIsUnknown) {
  EXPECT_EQ(Compare(CompareOp::kGe, Interval::Everything(), Exact(0)), Truth::kUnknown);
  EXPECT_EQ(Compare(CompareOp::kEq, Interval::Everything(), Interval::Everything()), Truth::kUnknown);
}

TEST(IntervalCompare, EqualityOfSameRangeIsUnknown) {
  EXPECT_EQ(Compare(CompareOp::kEq, Between(1, 2), Between(1, 2)), Truth::kUnknown);
}

// ---------------------------------------------------------------------------
// Kleene logic

TEST(Kleene, And) {
  EXPECT_EQ(And(Truth::kTrue, Truth::kTrue), Truth::kTrue);
  EXPECT_EQ(And(Truth::kTrue, Truth::kFalse), Truth::kFalse);
  EXPECT_EQ(And(Truth::kFalse, Truth::kTrue), Truth::kFalse);
  EXPECT_EQ(And(Truth::kFalse, Truth::kFalse), Truth::kFalse);
  EXPECT_EQ(And(Truth::kUnknown, Truth::kFalse), Truth::kFalse);
  EXPECT_EQ(And(Truth::kFalse, Truth::kUnknown), Truth::kFalse);
  EXPECT_EQ(And(Truth::kUnknown, Truth::kTrue), Truth::kUnknown);
  EXPECT_EQ(And(Truth::kTrue, Truth::kUnknown), Truth::kUnknown);
  EXPECT_EQ(And(Truth::kUnknown, Truth::kUnknown), Truth::kUnknown);
}

TEST(Kleene, Or) {
  EXPECT_EQ(Or(Truth::kTrue, Truth::kTrue), Truth::kTrue);
  EXPECT_EQ(Or(Truth::kTrue, Truth::kFalse), Truth::kTrue);
  EXPECT_EQ(Or(Truth::kFalse, Truth::kTrue), Truth::kTrue);
  EXPECT_EQ(Or(Truth::kFalse, Truth::kFalse), Truth::kFalse);
  EXPECT_EQ(Or(Truth::kUnknown, Truth::kTrue), Truth::kTrue);
  EXPECT_EQ(Or(Truth::kTrue, Truth::kUnknown), Truth::kTrue);
  EXPECT_EQ(Or(Truth::kUnknown, Truth::kFalse), Truth::kUnknown);
  EXPECT_EQ(Or(Truth::kFalse, Truth::kUnknown), Truth::kUnknown);
  EXPECT_EQ(Or(Truth::kUnknown, Truth::kUnknown), Truth::kUnknown);
}

TEST(Kleene, Not) {
  EXPECT_EQ(Not(Truth::kTrue), Truth::kFalse);
  EXPECT_EQ(Not(Truth::kFalse), Truth::kTrue);
  EXPECT_EQ(Not(Truth::kUnknown), Truth::kUnknown);
}

TEST(Kleene, DeMorgan) {
  for (Truth a : {Truth::kFalse, Truth::kTrue, Truth::kUnknown}) {
    for (Truth b : {Truth::kFalse, Truth::kTrue, Truth::kUnknown}) {
      EXPECT_EQ(Not(And(a, b)), Or(Not(a), Not(b))) << Name(a) << ", " << Name(b);
      EXPECT_EQ(Not(Or(a, b)), And(Not(a), Not(b))) << Name(a) << ", " << Name(b);
    }
  }
}

}  // namespace
}  // namespace eccn::expr
