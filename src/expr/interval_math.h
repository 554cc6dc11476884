// Sound interval arithmetic over exact rationals: the result always contains
// every value the operation could take for operands in the given intervals.
// Unbounded ends stand for arbitrarily large finite values, so 0 x unbounded = 0.
#pragma once

#include <eccn/classification.h>
#include <eccn/number.h>

namespace eccn::expr {

Interval Add(const Interval& a, const Interval& b);
Interval Sub(const Interval& a, const Interval& b);
Interval Mul(const Interval& a, const Interval& b);
// Everything() when the divisor may be zero.
Interval Div(const Interval& a, const Interval& b);
Interval Neg(const Interval& a);
Interval Min(const Interval& a, const Interval& b);
Interval Max(const Interval& a, const Interval& b);
// The smallest interval containing both.
Interval Hull(const Interval& a, const Interval& b);

enum class CompareOp { kLt, kLe, kGt, kGe, kEq, kNe };
// kTrue if the relation holds for every pair of values, kFalse if for none.
Truth Compare(CompareOp op, const Interval& a, const Interval& b);

Truth And(Truth a, Truth b);
Truth Or(Truth a, Truth b);
Truth Not(Truth a);

}  // namespace eccn::expr
