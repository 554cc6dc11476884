// Runs a compiled Program in double precision, for catalogs.
//
// Every value carries a bound on its rounding error, and on the size of the
// exact rational it stands for. A comparison is decided only when the two
// sides are further apart than their error bounds, so the answer is the one
// the exact evaluator would give; when they are closer (a value at or near a
// threshold), or an exact rational might overflow, or a division might be by
// zero, Run() returns false and the caller classifies the record with the
// exact evaluator instead. Missing-data paths and notes are not tracked: the
// fast path serves outputs that do not show them.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "bulk/fast_bounds.h"
#include "bulk/fast_chip.h"
#include "expr/program.h"

namespace eccn::bulk {

class FastEvaluator {
 public:
  // `deferred` nodes (top-level and/or/not only, see truth_tail.h) are left
  // out of Run() and run by RunDeferred().
  explicit FastEvaluator(const expr::Program& program, std::span<const uint32_t> deferred = {});

  // False if some result might differ from the exact evaluator's.
  bool Run(const FastChip& chip);
  // After Run(): the deferred nodes (they combine truths and cannot fail).
  void RunDeferred(const FastChip& chip);

  const FastValue& value(uint32_t node) const { return values_[node]; }
  // For an aggregate outside any other, after Run(): bit k set when its filter
  // surely left item k out (what such an item lacks is not missing).
  uint32_t left_out_items(uint32_t node) const { return left_out_[node]; }

 private:
  struct Scheduled;
  static Scheduled StepOf(const expr::Program& program, uint32_t index);
  // Runs schedule_ positions [begin, end).
  void RunRange(uint32_t begin, uint32_t end, const FastChip& chip);
  void Step(const Scheduled& step, const FastChip& chip);
  // Runs the aggregate loop at `position`: every member, one pass over the items.
  void RunAggregate(uint32_t position, const FastChip& chip);
  // Whether the chip lists CCL paragraph program_.strings[paragraph] in described_in.
  Truth DescribedIn(uint32_t paragraph, const FastChip& chip) const;

  // Interval arithmetic with error bounds; anything too close to call sets uncertain_.
  FastValue Add(const FastValue& a, const FastValue& b);
  FastValue Mul(const FastValue& a, const FastValue& b);
  FastValue Div(const FastValue& a, const FastValue& b);
  FastValue Extreme(const FastValue& a, const FastValue& b, bool max);
  static FastValue Hull(const FastValue& a, const FastValue& b);
  // x < y for interval ends x and y with error bounds ex and ey.
  bool Less(double x, double ex, double y, double ey);
  Truth Compare(expr::CompareOp op, const FastValue& a, const FastValue& b);
  // Keeps error bounds and rational sizes in range; beyond, the exact path decides.
  FastValue Checked(FastValue v);

  // A node to run, with what Step reads of it copied in, so that a step is
  // one load away from its operands; constants are set in values_ once, at
  // construction, and not run.
  struct Scheduled {
    expr::Op op = expr::Op::kConst;
    expr::CompareOp compare = expr::CompareOp::kLt;
    uint8_t depth = 0;
    uint32_t node = 0;
    uint32_t a = 0;
    uint32_t b = 0;
    uint32_t body_end = 0;  // for an aggregate: the position after its body (its members' bodies)
    // For an aggregate: its loop's members_ [members_begin, members_end).
    uint32_t members_begin = 0;
    uint32_t members_end = 0;
    // For an aggregate: its item_loads_ [loads_begin, loads_end).
    uint32_t loads_begin = 0;
    uint32_t loads_end = 0;
    // For a division by a constant: 1 + the index of its inverse in inverses_.
    uint32_t inverse = 0;
  };
  // A field read, copied from the chip or the current item rather than run
  // as a step: a record reads a few dozen, and copying them in a loop spares
  // as many dispatches.
  struct Load {
    uint32_t node = 0;
    uint32_t slot = 0;
  };
  // An aggregate's result so far, as RunAggregate goes through the items.
  struct Partial {
    FastValue sure;
    FastValue maybe_hull;
    bool any_sure = false;
    bool any_maybe = false;
    Truth truth = Truth::kUnknown;
  };
  // An aggregate a loop computes, with what RunAggregate reads of its node:
  // its filter and value may be another member's item field (see ShareAggregateLoops).
  struct Member {
    uint32_t node = 0;
    uint32_t filter = expr::kNoNode;
    uint32_t value = expr::kNoNode;
    expr::AggregateKind kind = expr::AggregateKind::kSum;
  };
  static Member MemberOf(const expr::Program& program, uint32_t node);
  // Adds item `k` (its body run) to the member's partial result.
  void Accumulate(const Member& member, size_t k, Partial& partial);
  // The member's value, into `out`, from its partial result over every item.
  void Finish(const Member& member, const Partial& partial, FastValue& out);
  // Puts aggregates that can share an earlier one's pass over the items into
  // its loop (see members_); `loads` holds each position's item loads.
  void ShareAggregateLoops(const expr::Program& program, std::vector<std::vector<Load>>& loads);

  const expr::Program& program_;
  std::vector<Scheduled> schedule_;
  std::vector<Load> field_loads_;        // top-level fields, at the start of Run()
  std::vector<Scheduled> described_in_;  // described_in tests, at the start of Run()
  std::vector<Load> item_loads_;         // each aggregate's item fields, at each item
  // The aggregate nodes each loop computes. Aggregates over the same items
  // whose bodies read only their own nodes, constants and fields share the
  // first one's loop: the shipped packs take three maxima and sums over the
  // formats, and one pass over them costs less than three.
  std::vector<Member> members_;
  std::vector<Scheduled> deferred_;
  std::vector<FastValue> values_;
  std::vector<uint32_t> left_out_;   // per aggregate node: see left_out_items
  std::vector<FastValue> inverses_;  // inverses of constant divisors (Scheduled::inverse)
  std::vector<Partial> partials_;    // one per member of members_
  std::array<const FastItem*, expr::kMaxAggregateDepth> items_{};
  bool uncertain_ = false;
};

}  // namespace eccn::bulk
