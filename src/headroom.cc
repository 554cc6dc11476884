// The headroom search (docs/headroom.md). Along one knob an entry's verdict is
// a function of the factor. Interval evaluation of the compiled rules over a
// range of factors proves the verdict constant there; bisection narrows the
// first range where it is not to a bracket; the comparison that changes
// across the bracket is inverted (each side is checked to scale as factor^p,
// p in {-1, 0, 1}) and the candidate is verified by classifying at it and
// next to it, so a reported exact factor is always backed by the classifier.
#include <eccn/headroom.h>
#include <eccn/verdicts.h>
#include "uncertain_values.h"

#include <algorithm>
#include <optional>
#include <utility>

namespace eccn {
namespace {

Number PowerOfTwo(int exponent) {
  Number out = 1;
  for (int i = 0; i < exponent; ++i) out *= 2;
  return out;
}

// Relative step used to check the verdict on either side of an exact boundary.
const Number& Epsilon() {
  static const Number epsilon = 1 / PowerOfTwo(64);
  return epsilon;
}

// Where a comparison is in a classification: result, clause, comparison.
struct ComparisonRef {
  size_t result = 0;
  size_t clause = 0;
  size_t comparison = 0;
};

const ComparisonTrace& At(const Classification& c, const ComparisonRef& ref) {
  return c.results[ref.result].clauses[ref.clause].comparisons[ref.comparison];
}

// p such that a side's value goes from `at_near` to `at_far` like factor^p, or nullopt.
std::optional<int> Degree(const Interval& at_near, const Interval& at_far, const Number& near, const Number& far) {
  if (!at_near.IsExact() || !at_far.IsExact()) return std::nullopt;
  if (at_near.lo == at_far.lo) return 0;
  if (at_far.lo * near == at_near.lo * far) return 1;
  if (at_far.lo * far == at_near.lo * near) return -1;
  return std::nullopt;
}

class Search {
 public:
  // `verdicts` (built for `rules` and `context`, or nullptr) answers the
  // bisection's verdict-only probes; the traced classifier gives the rest.
  Search(const RuleSet& rules, const ChipSpec& spec, const Context& context, const HeadroomOptions& options,
         size_t index, Verdict base, VerdictEvaluator* verdicts)
      : rules_(rules),
        spec_(spec),
        context_(context),
        options_(options),
        index_(index),
        base_(base),
        verdicts_(verdicts) {}

  // The nearest flip along `knob`, above 1 (up) or below.
  Flip Nearest(const std::string& knob, bool up) {
    knob_ = knob;
    up_ = up;
    Flip flip;
    flip.knob = knob;
    flip.up = up;
    const auto bracket = FirstBracket(kCoarseBits);
    if (!bracket) return flip;
    flip.found = true;
    if (Pin(bracket->first, bracket->second, flip)) return flip;
    // Not pinned at the coarse width: narrow to the tolerance and try again.
    const auto fine = up_ ? Find(bracket->first, bracket->second, options_.tolerance_bits)
                          : Find(bracket->second, bracket->first, options_.tolerance_bits);
    const auto [near, far] = fine.value_or(*bracket);
    if (!Pin(near, far, flip)) Describe(near, far, far, flip);
    return flip;
  }

 private:
  Classification ClassifyAt(const Number& factor) const {
    return rules_.Classify(ScaleKnob(spec_, knob_, factor), context_);
  }
  Verdict VerdictOf(const ChipSpec& probe) const {
    if (verdicts_ == nullptr) return rules_.Classify(probe, context_, Detail::kVerdicts).results[index_].verdict;
    verdicts_->Evaluate(probe);
    return verdicts_->verdicts()[index_];
  }
  Verdict VerdictAt(const Number& factor) const { return VerdictOf(ScaleKnob(spec_, knob_, factor)); }
  // The verdict over every factor in [lo, hi]; indeterminate if it may differ.
  Verdict VerdictOver(const Number& lo, const Number& hi) const {
    return VerdictOf(ScaleKnobRange(spec_, knob_, lo, hi));
  }

  // Brackets are first pinned at this relative width, refined only if that fails.
  static constexpr int kCoarseBits = 10;

  // The nearest bracket in [1, max_factor] (or [1/max_factor, 1]), looking
  // at one octave after another from x1 outwards.
  std::optional<std::pair<Number, Number>> FirstBracket(int bits) const {
    const Number& max = options_.max_factor;
    if ((up_ ? VerdictOver(1, max) : VerdictOver(1 / max, 1)) == base_) return std::nullopt;
    for (Number inner = 1; inner < max; inner *= 2) {
      const Number outer = std::min(Number(inner * 2), max);
      auto found = up_ ? Find(inner, outer, bits) : Find(1 / outer, 1 / inner, bits);
      if (found) return found;
    }
    return std::nullopt;
  }

  // The first range [lo, hi] (searching from the end nearest 1) narrower than
  // 2^-bits of its lower end where the verdict may change and does at its far
  // end, as (near, far). The verdict is proven to be base_ from 1 up to `near`.
  std::optional<std::pair<Number, Number>> Find(const Number& lo, const Number& hi, int bits) const {
    if (VerdictOver(lo, hi) == base_) return std::nullopt;
    const Number& near = up_ ? lo : hi;
    const Number& far = up_ ? hi : lo;
    if ((hi - lo) * PowerOfTwo(bits) <= lo) {
      if (VerdictAt(far) != base_) return std::make_pair(near, far);
      // Open only by interval overestimation, or the change lies inside: look closer.
      if (bits >= options_.tolerance_bits) return std::nullopt;
      bits = options_.tolerance_bits;
    }
    const Number mid = (lo + hi) / 2;
    auto first = up_ ? Find(lo, mid, bits) : Find(mid, hi, bits);
    if (first) return first;
    return up_ ? Find(mid, hi, bits) : Find(lo, mid, bits);
  }

  // Factors at which a comparison that changes across (near, far] crosses,
  // nearest first, from inverting sides that scale like factor^p.
  std::vector<std::pair<Number, ComparisonRef>> Candidates(const Number& near, const Number& far) const {
    const Classification at_near = ClassifyAt(near);
    const Classification at_far = ClassifyAt(far);
    std::vector<std::pair<Number, ComparisonRef>> out;
    for (size_t r = 0; r < at_near.results.size(); ++r) {
      for (size_t c = 0; c < at_near.results[r].clauses.size(); ++c) {
        for (size_t j = 0; j < at_near.results[r].clauses[c].comparisons.size(); ++j) {
          const ComparisonRef ref{r, c, j};
          const ComparisonTrace& n = At(at_near, ref);
          const ComparisonTrace& f = At(at_far, ref);
          if (n.result == f.result || !n.lhs_symbol.empty() || !n.rhs_symbol.empty()) continue;
          const auto lhs = Degree(n.lhs, f.lhs, near, far);
          const auto rhs = Degree(n.rhs, f.rhs, near, far);
          if (!lhs || !rhs || n.lhs.lo == 0 || n.rhs.lo == 0) continue;
          // lhs(k) = lhs(near) (k/near)^p, likewise rhs; equal where (k/near)^(p-q) = rhs/lhs.
          const int d = *lhs - *rhs;
          if (d != 1 && d != -1) continue;
          const Number k = d == 1 ? Number(near * n.rhs.lo / n.lhs.lo) : Number(near * n.lhs.lo / n.rhs.lo);
          const bool inside = up_ ? (near < k && k <= far) : (far <= k && k < near);
          if (inside) out.emplace_back(k, ref);
        }
      }
    }
    // Nearest first; at one factor, the entry's own comparisons first.
    std::stable_sort(out.begin(), out.end(), [&](const auto& a, const auto& b) {
      if (a.first != b.first) return up_ ? a.first < b.first : a.first > b.first;
      return a.second.result == index_ && b.second.result != index_;
    });
    return out;
  }

  // Tries the candidates; on success fills `flip` with an exact factor.
  bool Pin(const Number& near, const Number& far, Flip& flip) const {
    for (const auto& [k, ref] : Candidates(near, far)) {
      const Number before = up_ ? Number(k * (1 - Epsilon())) : Number(k * (1 + Epsilon()));
      const Number after = up_ ? Number(k * (1 + Epsilon())) : Number(k * (1 - Epsilon()));
      const auto over = [&](const Number& a, const Number& b) { return up_ ? VerdictOver(a, b) : VerdictOver(b, a); };
      if (VerdictAt(k) != base_) {
        // Reached at k: unchanged up to just before it.
        if (before == near || over(near, before) != base_) continue;
        flip.inclusive = true;
      } else {
        // Unchanged up to and including k, changed just beyond it.
        if (over(near, k) != base_ || VerdictAt(after) == base_) continue;
        flip.inclusive = false;
      }
      flip.exact = true;
      Describe(near, far, k, flip, &ref);
      return true;
    }
    return false;
  }

  // Fills in the factor, the new verdict and the comparison behind the change.
  void Describe(const Number& near, const Number& far, const Number& factor, Flip& flip,
                const ComparisonRef* ref = nullptr) const {
    flip.factor = factor;
    const Classification at_factor = ClassifyAt(factor);
    flip.becomes =
        flip.inclusive ? at_factor.results[index_].verdict : VerdictAt(factor * (up_ ? 1 + Epsilon() : 1 - Epsilon()));
    std::optional<ComparisonRef> which;
    if (ref != nullptr) which = *ref;
    if (!which) {
      // The first comparison of the entry (else of any entry) that changes across the bracket.
      const Classification at_near = ClassifyAt(near);
      const Classification at_far = ClassifyAt(far);
      for (size_t pass = 0; pass < 2 && !which; ++pass) {
        for (size_t r = 0; r < at_near.results.size() && !which; ++r) {
          if ((pass == 0) != (r == index_)) continue;
          for (size_t c = 0; c < at_near.results[r].clauses.size() && !which; ++c) {
            for (size_t j = 0; j < at_near.results[r].clauses[c].comparisons.size() && !which; ++j) {
              if (At(at_near, {r, c, j}).result != At(at_far, {r, c, j}).result) which = ComparisonRef{r, c, j};
            }
          }
        }
      }
    }
    if (!which) return;
    const ComparisonTrace& comparison = At(at_factor, *which);
    flip.metric = comparison.lhs_text;
    flip.at = comparison.lhs;
    flip.unit = comparison.unit;
    flip.clause = comparison.text;
    flip.location = comparison.location;
  }

  const RuleSet& rules_;
  const ChipSpec& spec_;
  const Context& context_;
  const HeadroomOptions& options_;
  size_t index_;
  Verdict base_;
  VerdictEvaluator* verdicts_;
  std::string knob_;
  bool up_ = true;
};

}  // namespace

std::vector<EntryHeadroom> Headroom(const RuleSet& rules, const ChipSpec& spec, const Context& context,
                                    const HeadroomOptions& options) {
  const Classification now = rules.Classify(spec, context);
  const std::vector<std::string> knobs = KnobsOf(spec);
  std::vector<Classification> forgotten;
  forgotten.reserve(knobs.size());
  for (const std::string& knob : knobs) forgotten.push_back(rules.Classify(ForgetKnob(spec, knob), context));
  std::optional<VerdictEvaluator> verdicts;
  if (!HasAlternatives(spec.uncertain)) verdicts.emplace(rules, context);
  std::vector<EntryHeadroom> out;
  for (size_t i = 0; i < now.results.size(); ++i) {
    const EntryResult& result = now.results[i];
    EntryHeadroom entry{result.pack, result.entry, result.verdict, result.missing, result.depends_on, {}};
    if (result.verdict != Verdict::kIndeterminate) {
      Search search(rules, spec, context, options, i, result.verdict, verdicts ? &*verdicts : nullptr);
      for (size_t k = 0; k < knobs.size(); ++k) {
        if (forgotten[k].results[i].verdict == result.verdict) continue;  // does not depend on the knob
        const size_t before = entry.flips.size();
        for (const bool up : {true, false}) {
          Flip flip = search.Nearest(knobs[k], up);
          if (flip.found) entry.flips.push_back(std::move(flip));
        }
        if (entry.flips.size() == before) {
          Flip none;
          none.knob = knobs[k];
          entry.flips.push_back(std::move(none));
        }
      }
    }
    out.push_back(std::move(entry));
  }
  return out;
}

ChipSpec DesignSpec(const DesignPoint& point) {
  ChipSpec spec;
  spec.name = "design";
  spec.kind = ChipKind::kAccelerator;
  spec.marketed_for = point.market;
  std::vector<FormatRate> rates;
  for (const auto& [format, weight] : point.mix) rates.push_back({format, Number(weight * Number(1000000000000))});
  spec.throughput = std::move(rates);
  Die die;
  die.name = "logic";
  die.area_mm2 = point.die_area_mm2;
  die.transistors = TransistorArchitecture::kFinfet;
  die.role = DieRole::kLogic;
  spec.dies = std::vector<Die>{die};
  return spec;
}

std::vector<Ceiling> Ceilings(const RuleSet& rules, const DesignPoint& point, const Context& context,
                              const HeadroomOptions& options) {
  const ChipSpec spec = DesignSpec(point);
  const Classification now = rules.Classify(spec, context);
  VerdictEvaluator verdicts(rules, context);  // a design point has no alternatives
  std::vector<Ceiling> out;
  for (size_t i = 0; i < now.results.size(); ++i) {
    Ceiling ceiling;
    ceiling.pack = now.results[i].pack;
    ceiling.entry = now.results[i].entry;
    ceiling.flip.knob = "throughput";
    if (now.results[i].verdict != Verdict::kIndeterminate) {
      ceiling.flip =
          Search(rules, spec, context, options, i, now.results[i].verdict, &verdicts).Nearest("throughput", true);
    }
    if (ceiling.flip.found) {
      const ChipSpec at = ScaleKnob(spec, "throughput", ceiling.flip.factor);
      for (const FormatRate& rate : *at.throughput) ceiling.rates.emplace_back(rate.format, *rate.ops_per_second);
      ceiling.metrics = rules.Classify(at, context, Detail::kVerdicts).metrics;
    }
    out.push_back(std::move(ceiling));
  }
  return out;
}

}  // namespace eccn
