// Headroom: how far a chip is from changing verdict, along each knob a
// designer can turn (all throughput, one format's rate, the logic dies' area,
// memory or interconnect bandwidth...), and the reverse question: for a die
// area and a format mix, the largest throughput that stays outside each entry.
//
// Solved for any rule pack (rules are data): the search proves, by interval
// evaluation of the compiled rules, that the verdict stays the same up to a
// point, then pins the flip by inverting the comparison that changes there
// and re-classifying (docs/headroom.md).
//
//   std::vector<eccn::EntryHeadroom> h = eccn::Headroom(rules, h20, eccn::Context{eccn::Date::Today()});
//   // h[1].flips[0]: 3A090.b, knob "throughput", factor 2400/2368, metric "tpp", at 2400
#pragma once

#include <eccn/classification.h>
#include <eccn/rules.h>
#include <eccn/spec.h>

#include <string>
#include <utility>
#include <vector>

namespace eccn {

// Knobs: "throughput" (every format's rate), "throughput.FORMAT" (one rate),
// "die_area" (the area of every logic die), "memory.bandwidth",
// "memory.capacity", "interconnect.bidirectional", "package.area".
// Those that scale at least one value the spec gives, in that order.
std::vector<std::string> KnobsOf(const ChipSpec& spec);

// A copy of `spec` with the knob's values multiplied by `factor` (> 0).
ChipSpec ScaleKnob(const ChipSpec& spec, const std::string& knob, const Number& factor);
// A copy with the knob's values multiplied by some factor in [lo, hi]
// (0 < lo <= hi): they become uncertain ranges (ChipSpec::uncertain).
ChipSpec ScaleKnobRange(const ChipSpec& spec, const std::string& knob, const Number& lo, const Number& hi);
// A copy with the knob's values unknown: an entry whose verdict survives this
// does not depend on the knob.
ChipSpec ForgetKnob(const ChipSpec& spec, const std::string& knob);

// The nearest factor, in one direction along one knob, at which an entry's
// verdict changes.
struct Flip {
  std::string knob;
  bool found = false;  // false: no factor in [1/max_factor, max_factor] changes it
  bool up = true;      // factor > 1 (more of the knob) or < 1
  Number factor;       // where the verdict changes
  // Exact: `factor` is the boundary itself, from inverting the comparison
  // that changes there and verified by classifying on both sides. Otherwise
  // the boundary lies between `factor` and a factor closer to 1 by at most
  // the tolerance (HeadroomOptions::tolerance_bits).
  bool exact = false;
  // The new verdict holds at `factor` itself ("4800 or more"); otherwise only
  // beyond it ("more than").
  bool inclusive = true;
  Verdict becomes = Verdict::kIndeterminate;
  std::string metric;  // the compared quantity, as the rule writes it ("tpp")
  Interval at;         // its value at `factor`, in `unit`
  std::string unit;
  std::string clause;  // the comparison that changes, as written ("tpp >= 2400")
  SourceLocation location;
};

struct EntryHeadroom {
  std::string pack;
  std::string entry;
  Verdict verdict = Verdict::kIndeterminate;  // now
  // When indeterminate now, nothing is searched: what it lacks or depends on.
  std::vector<std::string> missing;
  std::vector<std::string> depends_on;
  // Per knob the entry depends on: the nearest flip up and down (those found),
  // or one Flip with found = false. Knobs it does not depend on are left out.
  std::vector<Flip> flips;
};

struct HeadroomOptions {
  Number max_factor = 1 << 20;  // search factors in [1/max_factor, max_factor]
  // A flip that cannot be pinned exactly is bracketed to a relative width of 2^-tolerance_bits.
  int tolerance_bits = 30;
};

// For every entry applying in `context`, in classification order.
std::vector<EntryHeadroom> Headroom(const RuleSet& rules, const ChipSpec& spec, const Context& context,
                                    const HeadroomOptions& options = {});

// The reverse question: a hypothetical datacenter accelerator with one logic
// (non-planar) die of `die_area_mm2` and dense rates in fixed proportions.
struct DesignPoint {
  Number die_area_mm2;
  // Format and weight: rates are weight x t TOPS for a common t (e.g. fp8 2, bf16 1).
  std::vector<std::pair<std::string, Number>> mix;
  Market market = Market::kDatacenter;
};

struct Ceiling {
  std::string pack;
  std::string entry;
  // The largest throughput that stays outside the entry: the first flip as
  // every rate grows from weight x 1 TOPS. found = false: never reached.
  Flip flip;
  std::vector<std::pair<std::string, Number>> rates;  // each format's dense rate at the flip, ops/s
  std::vector<MetricValue> metrics;                   // every metric at the flip
};

// The spec DesignPoint describes (rates at t = 1 TOPS).
ChipSpec DesignSpec(const DesignPoint& point);
std::vector<Ceiling> Ceilings(const RuleSet& rules, const DesignPoint& point, const Context& context,
                              const HeadroomOptions& options = {});

}  // namespace eccn
