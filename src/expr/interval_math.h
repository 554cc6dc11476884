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

// Three-valued logic (Kleene): unknown unless the known operands decide.
inline Truth And(Truth a, Truth b) {
  if (a == Truth::kFalse || b == Truth::kFalse) return Truth::kFalse;
  if (a == Truth::kTrue && b == Truth::kTrue) return Truth::kTrue;
  return Truth::kUnknown;
}

inline Truth Or(Truth a, Truth b) {
  if (a == Truth::kTrue || b == Truth::kTrue) return Truth::kTrue;
  if (a == Truth::kFalse && b == Truth::kFalse) return Truth::kFalse;
  return Truth::kUnknown;
}

inline Truth Not(Truth a) {
  if (a == Truth::kUnknown) return a;
  return a == Truth::kTrue ? Truth::kFalse : Truth::kTrue;
}

}  // namespace eccn::expr
