#include "expr/interval_math.h"

#include <array>

namespace eccn::expr {
namespace {

// An interval end: a finite value, or minus/plus infinity.
struct End {
  int infinite = 0;  // -1, 0, +1
  Number value;
};

End Lo(const Interval& x) { return x.lo_unbounded ? End{-1, 0} : End{0, x.lo}; }
End Hi(const Interval& x) { return x.hi_unbounded ? End{1, 0} : End{0, x.hi}; }

int Sign(const End& e) {
  if (e.infinite != 0) return e.infinite;
  return e.value > 0 ? 1 : (e.value < 0 ? -1 : 0);
}

bool Less(const End& a, const End& b) {
  if (a.infinite != b.infinite) return a.infinite < b.infinite;
  return a.infinite == 0 && a.value < b.value;
}

End Product(const End& a, const End& b) {
  const int sign = Sign(a) * Sign(b);
  if (sign == 0) return {0, 0};
  if (a.infinite != 0 || b.infinite != 0) return {sign, 0};
  return {0, a.value * b.value};
}

Interval FromEnds(const End& lo, const End& hi) {
  Interval out;
  out.lo_unbounded = lo.infinite != 0;
  out.hi_unbounded = hi.infinite != 0;
  out.lo = lo.infinite != 0 ? Number(0) : lo.value;
  out.hi = hi.infinite != 0 ? Number(0) : hi.value;
  return out;
}

End Sum(const End& a, const End& b, int infinite_side) {
  if (a.infinite != 0 || b.infinite != 0) return {infinite_side, 0};
  return {0, a.value + b.value};
}

}  // namespace

Interval Add(const Interval& a, const Interval& b) { return FromEnds(Sum(Lo(a), Lo(b), -1), Sum(Hi(a), Hi(b), 1)); }

Interval Neg(const Interval& a) {
  Interval out;
  out.lo_unbounded = a.hi_unbounded;
  out.hi_unbounded = a.lo_unbounded;
  out.lo = a.hi_unbounded ? Number(0) : Number(-a.hi);
  out.hi = a.lo_unbounded ? Number(0) : Number(-a.lo);
  return out;
}

Interval Sub(const Interval& a, const Interval& b) { return Add(a, Neg(b)); }

Interval Mul(const Interval& a, const Interval& b) {
  const std::array<End, 4> products{Product(Lo(a), Lo(b)), Product(Lo(a), Hi(b)), Product(Hi(a), Lo(b)),
                                    Product(Hi(a), Hi(b))};
  End lo = products[0];
  End hi = products[0];
  for (const End& p : products) {
    if (Less(p, lo)) lo = p;
    if (Less(hi, p)) hi = p;
  }
  return FromEnds(lo, hi);
}

Interval Div(const Interval& a, const Interval& b) {
  const bool may_be_zero = (b.lo_unbounded || b.lo <= 0) && (b.hi_unbounded || b.hi >= 0);
  if (may_be_zero) return Interval::Everything();
  // 1/b for b not containing zero; 1/unbounded = 0.
  Interval reciprocal;
  reciprocal.lo_unbounded = false;
  reciprocal.hi_unbounded = false;
  reciprocal.lo = b.hi_unbounded ? Number(0) : Number(1 / b.hi);
  reciprocal.hi = b.lo_unbounded ? Number(0) : Number(1 / b.lo);
  return Mul(a, reciprocal);
}

Interval Min(const Interval& a, const Interval& b) {
  const End lo = Less(Lo(a), Lo(b)) ? Lo(a) : Lo(b);
  const End hi = Less(Hi(a), Hi(b)) ? Hi(a) : Hi(b);
  return FromEnds(lo, hi);
}

Interval Max(const Interval& a, const Interval& b) {
  const End lo = Less(Lo(a), Lo(b)) ? Lo(b) : Lo(a);
  const End hi = Less(Hi(a), Hi(b)) ? Hi(b) : Hi(a);
  return FromEnds(lo, hi);
}

Interval Hull(const Interval& a, const Interval& b) {
  const End lo = Less(Lo(a), Lo(b)) ? Lo(a) : Lo(b);
  const End hi = Less(Hi(a), Hi(b)) ? Hi(b) : Hi(a);
  return FromEnds(lo, hi);
}

Truth Compare(CompareOp op, const Interval& a, const Interval& b) {
  const End alo = Lo(a), ahi = Hi(a), blo = Lo(b), bhi = Hi(b);
  auto less_than = [&]() {  // a < b
    if (Less(ahi, blo)) return Truth::kTrue;
    if (!Less(alo, bhi)) return Truth::kFalse;
    return Truth::kUnknown;
  };
  auto less_equal = [&]() {  // a <= b
    if (!Less(blo, ahi)) return Truth::kTrue;
    if (Less(bhi, alo)) return Truth::kFalse;
    return Truth::kUnknown;
  };
  switch (op) {
    case CompareOp::kLt:
      return less_than();
    case CompareOp::kLe:
      return less_equal();
    case CompareOp::kGt:
      return Not(less_equal());
    case CompareOp::kGe:
      return Not(less_than());
    case CompareOp::kEq:
      if (Less(ahi, blo) || Less(bhi, alo)) return Truth::kFalse;
      return a.IsExact() && b.IsExact() ? Truth::kTrue : Truth::kUnknown;
    case CompareOp::kNe:
      return Not(Compare(CompareOp::kEq, a, b));
  }
  return Truth::kUnknown;
}

}  // namespace eccn::expr
