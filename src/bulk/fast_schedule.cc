// FastEvaluator's setup, once per program: the schedule of steps (constants
// set, field reads turned into loads, deferred nodes left out, aggregates
// given their bodies) and the inverses of constant divisors.
#include <algorithm>
#include <cmath>

#include "bulk/fast_evaluator.h"

namespace eccn::bulk {

using expr::Node;
using expr::Op;

FastEvaluator::Scheduled FastEvaluator::StepOf(const expr::Program& program, uint32_t index) {
  const Node& node = program.nodes[index];
  FastEvaluator::Scheduled step;
  step.op = node.op;
  step.compare = node.compare;
  step.depth = node.depth;
  step.node = index;
  step.a = node.a;
  step.b = node.b;
  return step;
}

FastEvaluator::FastEvaluator(const expr::Program& program, std::span<const uint32_t> deferred)
    : program_(program), values_(program.nodes.size()), left_out_(program.nodes.size(), 0) {
  static_assert(kFastMaxItems <= 32, "left_out_ holds a bit per item");
  std::vector<bool> is_deferred(program.nodes.size(), false);
  for (const uint32_t node : deferred) {
    is_deferred[node] = true;
    deferred_.push_back(StepOf(program, node));
  }
  std::vector<FastValue> constants;
  for (const expr::Value& c : program.constants) {
    FastValue v;
    v.truth = c.truth;
    v.symbol = c.symbol;
    v.lo = c.number.lo_unbounded ? -kInfinity : ToDouble(c.number.lo);
    v.hi = c.number.hi_unbounded ? kInfinity : ToDouble(c.number.hi);
    // ToDouble is within an ulp or two of the rational.
    v.lo_err = std::isfinite(v.lo) ? std::fabs(v.lo) * 4 * kEpsilon : 0;
    v.hi_err = std::isfinite(v.hi) ? std::fabs(v.hi) * 4 * kEpsilon : 0;
    v.bits = std::max(c.number.lo_unbounded ? 0 : BitsOf(c.number.lo), c.number.hi_unbounded ? 0 : BitsOf(c.number.hi));
    constants.push_back(v);
  }
  // The aggregates whose bodies hold node i, outermost first, by schedule position.
  std::vector<uint32_t> open_aggregates;
  std::vector<std::vector<Load>> loads_by_position;
  for (uint32_t i = 0; i < program.nodes.size(); ++i) {
    const Node& node = program.nodes[i];
    while (!open_aggregates.empty() && program.nodes[schedule_[open_aggregates.back()].node].body_end <= i) {
      open_aggregates.pop_back();
    }
    if (node.op == Op::kConst) {
      values_[i] = constants[node.a];
      continue;
    }
    if (is_deferred[i]) continue;
    if (node.op == Op::kField) {
      field_loads_.push_back({i, node.a});
      continue;
    }
    if (node.op == Op::kDescribedIn) {
      described_in_.push_back(StepOf(program, i));
      continue;
    }
    if (node.op == Op::kItemField) {
      const auto owner = std::find_if(open_aggregates.rbegin(), open_aggregates.rend(),
                                      [&](uint32_t position) { return schedule_[position].depth == node.depth; });
      if (owner != open_aggregates.rend()) {
        loads_by_position[*owner].push_back({i, node.a});
        continue;
      }
    }
    if (node.op == Op::kAggregate) open_aggregates.push_back(static_cast<uint32_t>(schedule_.size()));
    schedule_.push_back(StepOf(program, i));
    loads_by_position.resize(schedule_.size());
  }
  for (Scheduled& step : schedule_) {
    if (step.op != Op::kAggregate) continue;
    const Node& node = program.nodes[step.node];
    const auto after = std::lower_bound(schedule_.begin(), schedule_.end(), node.body_end,
                                        [](const Scheduled& s, uint32_t end) { return s.node < end; });
    step.body_end = static_cast<uint32_t>(after - schedule_.begin());
  }
  ShareAggregateLoops(program, loads_by_position);
  for (size_t position = 0; position < schedule_.size(); ++position) {
    schedule_[position].loads_begin = static_cast<uint32_t>(item_loads_.size());
    item_loads_.insert(item_loads_.end(), loads_by_position[position].begin(), loads_by_position[position].end());
    schedule_[position].loads_end = static_cast<uint32_t>(item_loads_.size());
  }
  // A division by a constant is a multiplication by its inverse, computed once here.
  for (Scheduled& step : schedule_) {
    if (step.op != Op::kDiv || program.nodes[step.b].op != Op::kConst) continue;
    const FastValue& divisor = values_[step.b];
    if (divisor.lo != divisor.hi || divisor.lo_err != divisor.hi_err || !std::isfinite(divisor.lo)) continue;
    if (const std::optional<FastEnd> inverse = InverseEnd(divisor.lo, divisor.lo_err)) {
      inverses_.push_back(FastValue::Known(inverse->value, inverse->err, divisor.bits));
      step.inverse = static_cast<uint32_t>(inverses_.size());
    }
  }
}

FastEvaluator::Member FastEvaluator::MemberOf(const expr::Program& program, uint32_t node) {
  const Node& aggregate = program.nodes[node];
  return {node, aggregate.filter, aggregate.value, aggregate.aggregate};
}

// Rebuilds the schedule with each aggregate's loop: an aggregate outside any
// other and without one in its body takes in the later aggregates over the
// same items that read nothing but their own body, constants and fields (so
// running them earlier reads the same values), their bodies after its own,
// each item field loaded once. Every other aggregate is its loop's only member.
void FastEvaluator::ShareAggregateLoops(const expr::Program& program, std::vector<std::vector<Load>>& loads) {
  const auto holds_aggregate = [&](uint32_t position) {
    return std::any_of(schedule_.begin() + position + 1, schedule_.begin() + schedule_[position].body_end,
                       [](const Scheduled& s) { return s.op == Op::kAggregate; });
  };
  const auto can_lead = [&](uint32_t position) {
    return program.nodes[schedule_[position].node].depth == 0 && !holds_aggregate(position);
  };
  const auto can_join = [&](uint32_t position) {
    const Scheduled& step = schedule_[position];
    const Node& node = program.nodes[step.node];
    if (step.op != Op::kAggregate || !can_lead(position)) return false;
    const auto readable = [&](uint32_t read) {
      const Op op = program.nodes[read].op;
      return (read > step.node && read < node.body_end) || op == Op::kConst || op == Op::kField ||
             op == Op::kDescribedIn;
    };
    if ((node.filter != expr::kNoNode && !readable(node.filter)) ||
        (node.value != expr::kNoNode && !readable(node.value))) {
      return false;
    }
    return std::all_of(schedule_.begin() + position + 1, schedule_.begin() + step.body_end, [&](const Scheduled& s) {
      return (!expr::ReadsNodeA(s.op) || readable(s.a)) && (!expr::ReadsNodeB(s.op) || readable(s.b));
    });
  };
  std::vector<Scheduled> shared;
  std::vector<std::vector<Load>> shared_loads;
  std::vector<bool> joined(schedule_.size(), false);  // an aggregate and its body, run in an earlier loop
  // Appends the body of the aggregate at `position`; a nested aggregate keeps
  // its end, shifted, and is its loop's only member.
  const auto append_body = [&](uint32_t position) {
    const auto shift = static_cast<int64_t>(shared.size()) - static_cast<int64_t>(position) - 1;
    for (uint32_t p = position + 1; p < schedule_[position].body_end; ++p) {
      Scheduled step = schedule_[p];
      if (step.op == Op::kAggregate) {
        step.body_end = static_cast<uint32_t>(step.body_end + shift);
        step.members_begin = static_cast<uint32_t>(members_.size());
        members_.push_back(MemberOf(program, step.node));
        step.members_end = static_cast<uint32_t>(members_.size());
      }
      shared.push_back(step);
      shared_loads.push_back(loads[p]);
    }
  };
  for (uint32_t position = 0; position < schedule_.size(); ++position) {
    if (joined[position]) continue;
    const Scheduled& step = schedule_[position];
    shared.push_back(step);
    shared_loads.push_back(loads[position]);
    if (step.op != Op::kAggregate) continue;
    const size_t loop = shared.size() - 1;
    shared[loop].members_begin = static_cast<uint32_t>(members_.size());
    members_.push_back(MemberOf(program, step.node));
    shared[loop].members_end = static_cast<uint32_t>(members_.size());
    append_body(position);  // its nested aggregates' members come after its own
    if (can_lead(position)) {
      const expr::Collection items = program.nodes[step.node].collection;
      for (uint32_t later = step.body_end; later < schedule_.size(); ++later) {
        if (joined[later] || !can_join(later) || program.nodes[schedule_[later].node].collection != items) continue;
        const size_t body_begin = shared.size();
        append_body(later);  // neither it nor the leader holds an aggregate
        Member member = MemberOf(program, schedule_[later].node);
        // An item field the loop loads already is read from there.
        std::vector<Load>& loop_loads = shared_loads[loop];
        for (const Load& load : loads[later]) {
          const auto same = std::find_if(loop_loads.begin(), loop_loads.end(),
                                         [&](const Load& loaded) { return loaded.slot == load.slot; });
          if (same == loop_loads.end()) {
            loop_loads.push_back(load);
            continue;
          }
          const auto alias = [&](uint32_t& read) {
            if (read == load.node) read = same->node;
          };
          for (size_t p = body_begin; p < shared.size(); ++p) {
            if (expr::ReadsNodeA(shared[p].op)) alias(shared[p].a);
            if (expr::ReadsNodeB(shared[p].op)) alias(shared[p].b);
          }
          alias(member.filter);
          alias(member.value);
        }
        members_.push_back(member);
        shared[loop].members_end = static_cast<uint32_t>(members_.size());
        std::fill(joined.begin() + later, joined.begin() + schedule_[later].body_end, true);
      }
    }
    shared[loop].body_end = static_cast<uint32_t>(shared.size());
    position = step.body_end - 1;
  }
  schedule_ = std::move(shared);
  loads = std::move(shared_loads);
  partials_.resize(members_.size());
}

}  // namespace eccn::bulk
