#include "bulk/fast_evaluator.h"

#include <algorithm>
#include <cmath>

namespace eccn::bulk {
namespace {

using expr::AggregateKind;
using expr::CompareOp;
using expr::Node;
using expr::Op;

// Exact rationals are 256-bit; an operation on operands of these sizes fits.
constexpr double kMaxBits = 240;
// Larger magnitudes go to the exact path rather than be trusted to doubles.
constexpr double kMaxMagnitude = 1e60;

// The largest finite end.
double Magnitude(const FastValue& v) {
  double m = 0;
  if (std::isfinite(v.lo)) m = std::fabs(v.lo);
  if (std::isfinite(v.hi)) m = std::max(m, std::fabs(v.hi));
  return m;
}

FastValue Number(double lo, double hi, double lo_err, double hi_err, double bits) {
  return {lo, hi, lo_err, hi_err, Truth::kUnknown, -1, bits};
}

FastValue Number(FastEnd lo, FastEnd hi, double bits) { return Number(lo.value, hi.value, lo.err, hi.err, bits); }

std::array<FastEnd, 2> LowEnds(const FastValue& a, const FastValue& b) {
  return {FastEnd{a.lo, a.lo_err}, FastEnd{b.lo, b.lo_err}};
}

std::array<FastEnd, 2> HighEnds(const FastValue& a, const FastValue& b) {
  return {FastEnd{a.hi, a.hi_err}, FastEnd{b.hi, b.hi_err}};
}

FastValue Everything() { return Number(-kInfinity, kInfinity, 0, 0, 0); }

FastValue Neg(const FastValue& a) { return Number(-a.hi, -a.lo, a.hi_err, a.lo_err, a.bits); }

}  // namespace

bool FastEvaluator::Run(const FastChip& chip) {
  uncertain_ = false;
  for (const Load& load : field_loads_) values_[load.node] = chip.fields[load.slot];
  if (chip.has_described_in) {
    for (const Scheduled& step : described_in_) values_[step.node].truth = DescribedIn(step.a, chip);
  } else {  // most records: every test unknown, as DescribedIn says
    for (const Scheduled& step : described_in_) values_[step.node].truth = Truth::kUnknown;
  }
  RunRange(0, static_cast<uint32_t>(schedule_.size()), chip);
  return !uncertain_;
}

void FastEvaluator::RunDeferred(const FastChip& chip) {
  for (const Scheduled& step : deferred_) Step(step, chip);
}

Truth FastEvaluator::DescribedIn(uint32_t paragraph, const FastChip& chip) const {
  if (!chip.has_described_in) return Truth::kUnknown;
  const auto* end = chip.described_in.begin() + static_cast<std::ptrdiff_t>(chip.described_in_count);
  return std::find(chip.described_in.begin(), end, program_.strings[paragraph]) != end ? Truth::kTrue : Truth::kFalse;
}

[[gnu::always_inline]] inline FastValue FastEvaluator::Checked(FastValue v) {
  if (v.bits > kMaxBits || Magnitude(v) > kMaxMagnitude || !std::isfinite(v.lo_err) || !std::isfinite(v.hi_err) ||
      std::isnan(v.lo) || std::isnan(v.hi)) {
    uncertain_ = true;
  }
  return v;
}

[[gnu::always_inline]] inline FastValue FastEvaluator::Add(const FastValue& a, const FastValue& b) {
  const double lo = a.lo + b.lo;
  const double hi = a.hi + b.hi;
  return Checked(
      Number(lo, hi, Rounded(lo, a.lo_err + b.lo_err), Rounded(hi, a.hi_err + b.hi_err), a.bits + b.bits + 1));
}

[[gnu::always_inline]] inline FastValue FastEvaluator::Mul(const FastValue& a, const FastValue& b) {
  // 0 x unbounded = 0, as in the exact interval arithmetic; that needs the
  // sign of the finite factor for sure. |xy - x'y'| <= |x| ey + |y| ex + ex ey.
  const auto product = [this](double x, double ex, double y, double ey) -> FastEnd {
    if (std::isinf(x) || std::isinf(y)) {
      const double finite = std::isinf(x) ? y : x;
      const double finite_err = std::isinf(x) ? ey : ex;
      if (std::isinf(finite)) return {x * y, 0};
      if (finite == 0 && finite_err == 0) return {0, 0};
      if (std::fabs(finite) <= finite_err) uncertain_ = true;
      return {finite > 0 ? (std::isinf(x) ? x : y) : -(std::isinf(x) ? x : y), 0};
    }
    const double p = x * y;
    return {p, Rounded(p, std::fabs(x) * ey + std::fabs(y) * ex + ex * ey)};
  };
  if (a.lo == a.hi && b.lo == b.hi) {  // two known numbers, the common case: one product
    const FastEnd p = product(a.lo, std::max(a.lo_err, a.hi_err), b.lo, std::max(b.lo_err, b.hi_err));
    return Checked(Number(p.value, p.value, p.err, p.err, a.bits + b.bits));
  }
  const std::array<FastEnd, 4> p{product(a.lo, a.lo_err, b.lo, b.lo_err), product(a.lo, a.lo_err, b.hi, b.hi_err),
                                 product(a.hi, a.hi_err, b.lo, b.lo_err), product(a.hi, a.hi_err, b.hi, b.hi_err)};
  return Checked(Number(MinEnd(p), MaxEnd(p), a.bits + b.bits));
}

[[gnu::always_inline]] inline FastValue FastEvaluator::Div(const FastValue& a, const FastValue& b) {
  const bool surely_contains_zero = b.lo + b.lo_err <= 0 && b.hi - b.hi_err >= 0;
  const bool surely_excludes_zero = b.lo - b.lo_err > 0 || b.hi + b.hi_err < 0;
  if (surely_contains_zero) return Everything();  // as the exact Div
  if (!surely_excludes_zero) {
    uncertain_ = true;
    return Everything();
  }
  const std::optional<FastEnd> lo = InverseEnd(b.hi, b.hi_err);
  const std::optional<FastEnd> hi = InverseEnd(b.lo, b.lo_err);
  if (!lo || !hi) {
    uncertain_ = true;
    return Everything();
  }
  return Mul(a, Number(*lo, *hi, b.bits));
}

[[gnu::always_inline]] inline FastValue FastEvaluator::Extreme(const FastValue& a, const FastValue& b, bool max) {
  if (a.lo == a.hi && b.lo == b.hi && a.lo_err == a.hi_err && b.lo_err == b.hi_err && std::isfinite(a.lo) &&
      std::isfinite(b.lo)) {
    // Two known numbers: both ends are the same pick (of MinEnd's or MaxEnd's), made once.
    const std::array<FastEnd, 2> ends{FastEnd{a.lo, a.lo_err}, FastEnd{b.lo, b.lo_err}};
    const FastEnd end = max ? MaxEnd(ends) : MinEnd(ends);
    return Number(end, end, std::max(a.bits, b.bits));
  }
  const auto pick = max ? MaxEnd : MinEnd;
  return Number(pick(LowEnds(a, b)), pick(HighEnds(a, b)), std::max(a.bits, b.bits));
}

[[gnu::always_inline]] inline FastValue FastEvaluator::Hull(const FastValue& a, const FastValue& b) {
  return Number(MinEnd(LowEnds(a, b)), MaxEnd(HighEnds(a, b)), std::max(a.bits, b.bits));
}

[[gnu::always_inline]] inline bool FastEvaluator::Less(double x, double ex, double y, double ey) {
  if (x + ex < y - ey) return true;
  if (x - ex >= y + ey) return false;
  uncertain_ = true;  // within rounding of each other: only exact arithmetic can tell
  return false;
}

[[gnu::always_inline]] inline Truth FastEvaluator::Compare(CompareOp op, const FastValue& a, const FastValue& b) {
  if (a.bits + b.bits > kMaxBits) uncertain_ = true;  // the exact comparison cross-multiplies
  const auto less_than = [&]() {                      // a < b
    if (Less(a.hi, a.hi_err, b.lo, b.lo_err)) return Truth::kTrue;
    if (!Less(a.lo, a.lo_err, b.hi, b.hi_err)) return Truth::kFalse;
    return Truth::kUnknown;
  };
  const auto less_equal = [&]() {  // a <= b
    if (!Less(b.lo, b.lo_err, a.hi, a.hi_err)) return Truth::kTrue;
    if (Less(b.hi, b.hi_err, a.lo, a.lo_err)) return Truth::kFalse;
    return Truth::kUnknown;
  };
  switch (op) {
    case CompareOp::kLt:
      return less_than();
    case CompareOp::kLe:
      return less_equal();
    case CompareOp::kGt:
      return expr::Not(less_equal());
    case CompareOp::kGe:
      return expr::Not(less_than());
    case CompareOp::kEq:
    case CompareOp::kNe: {
      // Only "surely different" is decided here; equality needs exact numbers.
      const bool apart = Less(a.hi, a.hi_err, b.lo, b.lo_err) || Less(b.hi, b.hi_err, a.lo, a.lo_err);
      if (!apart) uncertain_ = true;
      return op == CompareOp::kEq ? Truth::kFalse : Truth::kTrue;
    }
  }
  return Truth::kUnknown;
}

[[gnu::always_inline]] inline void FastEvaluator::Step(const Scheduled& step, const FastChip& chip) {
  FastValue& out = values_[step.node];
  const auto a = [&]() -> const FastValue& { return values_[step.a]; };
  const auto b = [&]() -> const FastValue& { return values_[step.b]; };
  switch (step.op) {
    case Op::kConst:
      return;  // set at construction, never scheduled
    case Op::kField:
      out = chip.fields[step.a];
      return;
    case Op::kItemField:
      out = items_[step.depth]->fields[step.a];
      return;
    case Op::kNeg:
      out = Neg(a());
      return;
    case Op::kAdd:
      out = Add(a(), b());
      return;
    case Op::kSub:
      out = Add(a(), Neg(b()));
      return;
    case Op::kMul:
      out = Mul(a(), b());
      return;
    case Op::kDiv:
      out = step.inverse != 0 ? Mul(a(), inverses_[step.inverse - 1]) : Div(a(), b());
      return;
    case Op::kMin:
      out = Extreme(a(), b(), false);
      return;
    case Op::kMax:
      out = Extreme(a(), b(), true);
      return;
    case Op::kCompare:
      out.truth = Compare(step.compare, a(), b());
      return;
    case Op::kSymbolEq:
    case Op::kSymbolNe: {
      if (a().symbol < 0) {
        out.truth = Truth::kUnknown;
        return;
      }
      const bool equal = a().symbol == static_cast<int32_t>(step.b);
      out.truth = (equal == (step.op == Op::kSymbolEq)) ? Truth::kTrue : Truth::kFalse;
      return;
    }
    case Op::kAnd:
      out.truth = expr::And(a().truth, b().truth);
      return;
    case Op::kOr:
      out.truth = expr::Or(a().truth, b().truth);
      return;
    case Op::kNot:
      out.truth = expr::Not(a().truth);
      return;
    case Op::kDescribedIn:
      out.truth = DescribedIn(step.a, chip);
      return;
    case Op::kAggregate:
      return;  // RunAggregate
  }
}

void FastEvaluator::RunRange(uint32_t begin, uint32_t end, const FastChip& chip) {
  uint32_t position = begin;
  while (position < end) {
    const Scheduled& step = schedule_[position];
    if (step.op == Op::kAggregate) {
      RunAggregate(position, chip);
      position = step.body_end;
      continue;
    }
    Step(step, chip);
    ++position;
  }
}

// As Evaluator::RunAggregate, for each member of the loop: items the filter
// surely selects ("sure") and those it may select ("maybe") bound every
// possible result.
void FastEvaluator::RunAggregate(uint32_t position, const FastChip& chip) {
  const Scheduled& step = schedule_[position];
  const Member* const members = members_.data() + step.members_begin;
  Partial* const partials = partials_.data() + step.members_begin;  // a nested loop has its own
  const uint32_t member_count = step.members_end - step.members_begin;
  const Node& first = program_.nodes[members[0].node];
  const bool formats = first.collection == expr::Collection::kFormats;
  for (uint32_t m = 0; m < member_count; ++m) left_out_[members[m].node] = 0;
  if (!(formats ? chip.has_formats : chip.has_dies)) {
    for (uint32_t m = 0; m < member_count; ++m) values_[members[m].node] = Everything();  // unknown number (Value{}'s)
    return;
  }
  const FastItem* items = formats ? chip.formats.data() : chip.dies.data();
  const size_t count = formats ? chip.format_count : chip.die_count;
  for (uint32_t m = 0; m < member_count; ++m) {
    Partial& partial = partials[m];
    partial.sure = FastValue::Known(0, 0, 2);
    partial.any_sure = false;
    partial.any_maybe = false;
    partial.truth = members[m].kind == AggregateKind::kAll ? Truth::kTrue : Truth::kFalse;
  }
  for (size_t k = 0; k < count; ++k) {
    items_[first.depth] = &items[k];
    for (uint32_t load = step.loads_begin; load < step.loads_end; ++load) {
      values_[item_loads_[load].node] = items[k].fields[item_loads_[load].slot];
    }
    RunRange(position + 1, step.body_end, chip);
    for (uint32_t m = 0; m < member_count; ++m) Accumulate(members[m], k, partials[m]);
  }
  for (uint32_t m = 0; m < member_count; ++m) {
    Finish(members[m], partials[m], values_[members[m].node]);
  }
}

[[gnu::always_inline]] inline void FastEvaluator::Accumulate(const Member& member, size_t k, Partial& partial) {
  const Truth selected = member.filter == expr::kNoNode ? Truth::kTrue : values_[member.filter].truth;
  if (selected == Truth::kFalse) {
    left_out_[member.node] |= uint32_t{1} << k;
    return;
  }
  const FastValue zero = FastValue::Known(0, 0, 2);
  const FastValue body = member.value == expr::kNoNode ? Everything() : values_[member.value];
  switch (member.kind) {
    case AggregateKind::kSum:
      partial.sure = Add(partial.sure, selected == Truth::kTrue ? body : Hull(body, zero));
      return;
    case AggregateKind::kCount:
      partial.sure = Add(partial.sure, selected == Truth::kTrue ? FastValue::Known(1, 0, 2) : Number(0, 1, 0, 0, 2));
      return;
    case AggregateKind::kMax:
    case AggregateKind::kMin:
      if (selected == Truth::kTrue) {
        partial.sure = !partial.any_sure ? body : Extreme(partial.sure, body, member.kind == AggregateKind::kMax);
        partial.any_sure = true;
      } else {
        partial.maybe_hull = partial.any_maybe ? Hull(partial.maybe_hull, body) : body;
        partial.any_maybe = true;
      }
      return;
    case AggregateKind::kAny:
      partial.truth = expr::Or(partial.truth, expr::And(selected, body.truth));
      return;
    case AggregateKind::kAll:
      partial.truth = expr::And(partial.truth, expr::Or(expr::Not(selected), body.truth));
      return;
  }
}

[[gnu::always_inline]] inline void FastEvaluator::Finish(const Member& member, const Partial& partial, FastValue& out) {
  const bool extreme = member.kind == AggregateKind::kMax || member.kind == AggregateKind::kMin;
  if (extreme && !partial.any_sure) {
    const FastValue zero = FastValue::Known(0, 0, 2);
    out = partial.any_maybe ? Hull(zero, partial.maybe_hull) : zero;
  } else if (extreme && partial.any_maybe) {
    out = Hull(partial.sure, Extreme(partial.sure, partial.maybe_hull, member.kind == AggregateKind::kMax));
  } else {
    out = partial.sure;
  }
  out.truth = partial.truth;
}

}  // namespace eccn::bulk
