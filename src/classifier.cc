// RuleSet::Classify: lays a chip's values out by slot, runs each pack in
// force, and turns node values into verdicts with their reasons.
#include <algorithm>

#include <eccn/spec.h>
#include "chip_values.h"
#include "entry_truth.h"
#include "expr/evaluator.h"
#include "overall_verdict.h"
#include "rule_set_impl.h"
#include "uncertain_values.h"
#include "unique_append.h"

namespace eccn {
namespace {

Interval Scaled(const Interval& value, const Number& scale) {
  if (scale == 1) return value;  // most metrics and thresholds: skips two rational divisions
  Interval out = value;
  if (!out.lo_unbounded) out.lo /= scale;
  if (!out.hi_unbounded) out.hi /= scale;
  return out;
}

std::string SymbolName(expr::SymbolSet set, int32_t symbol, const FormatTable& formats) {
  if (symbol < 0) return "unknown";
  switch (set) {
    case expr::SymbolSet::kMarket:
      return std::string(Name(static_cast<Market>(symbol)));
    case expr::SymbolSet::kChipKind:
      return std::string(Name(static_cast<ChipKind>(symbol)));
    case expr::SymbolSet::kDieRole:
      return std::string(Name(static_cast<DieRole>(symbol)));
    case expr::SymbolSet::kArchitecture:
      return std::string(Name(static_cast<TransistorArchitecture>(symbol)));
    case expr::SymbolSet::kFormat:
      return formats.formats[static_cast<size_t>(symbol)].name;
    case expr::SymbolSet::kNone:
      break;
  }
  return std::to_string(symbol);
}

ComparisonTrace TraceComparison(const expr::ComparisonInfo& info, const expr::Evaluator& evaluator,
                                const FormatTable& formats) {
  ComparisonTrace trace;
  trace.text = info.text;
  trace.op = info.op;
  trace.lhs_text = info.lhs_text;
  trace.rhs_text = info.rhs_text;
  trace.location = info.location;
  trace.result = evaluator.value(info.node).truth;
  if (info.symbolic) {
    trace.lhs_symbol = SymbolName(info.symbols, evaluator.value(info.lhs).symbol, formats);
    trace.rhs_symbol = info.rhs_symbol;
  } else {
    trace.unit = info.display.symbol;
    trace.lhs = Scaled(evaluator.value(info.lhs).number, info.display.scale);
    trace.rhs = Scaled(evaluator.value(info.rhs).number, info.display.scale);
    if (trace.lhs.IsExact() && trace.rhs.IsExact() && trace.rhs.lo != 0) {
      const Number rhs_abs = trace.rhs.lo < 0 ? Number(-trace.rhs.lo) : trace.rhs.lo;
      trace.margin = ToDouble((trace.lhs.lo - trace.rhs.lo) / rhs_abs);
    }
  }
  if (trace.result == Truth::kUnknown) trace.missing = evaluator.MissingAmong(info.reads);
  return trace;
}

ClauseTrace TraceClause(ClauseTrace::Role role, std::string id, std::string text, const CompiledClause& clause,
                        const expr::Program& program, const expr::Evaluator& evaluator, const FormatTable& formats) {
  ClauseTrace trace;
  trace.role = role;
  trace.id = std::move(id);
  trace.text = std::move(text);
  trace.result = evaluator.value(clause.node).truth;
  for (uint32_t index : clause.comparisons) {
    trace.comparisons.push_back(TraceComparison(program.comparisons[index], evaluator, formats));
  }
  return trace;
}

// What kept a clause open, as its trace tells it: the missing data of its open
// comparisons or, when they name none, of everything the clause reads.
void AddClauseMissing(const CompiledClause& clause, const expr::Program& program, const expr::Evaluator& evaluator,
                      std::vector<std::string>& missing) {
  if (evaluator.value(clause.node).truth != Truth::kUnknown) return;
  std::vector<std::string> found;
  for (uint32_t index : clause.comparisons) {
    const expr::ComparisonInfo& info = program.comparisons[index];
    if (evaluator.value(info.node).truth == Truth::kUnknown) AppendUnique(found, evaluator.MissingAmong(info.reads));
  }
  if (found.empty()) found = evaluator.MissingAmong(clause.reads);
  AppendUnique(missing, found);
}

void ClassifyPack(const PackInfo& info, const CompiledPack& pack, const expr::ChipValues& chip,
                  const FormatTable& formats, Detail detail, Classification& out) {
  expr::Evaluator evaluator(pack.program);
  evaluator.Run(chip);
  for (size_t i = 0; i < info.metrics.size(); ++i) {
    const MetricInfo& metric = info.metrics[i];
    MetricValue value{info.id,
                      metric.id,
                      metric.title,
                      metric.unit,
                      Scaled(evaluator.value(pack.metrics[i].node).number, pack.metrics[i].display_scale),
                      metric.show,
                      {}};
    if (!value.value.IsExact()) value.missing = evaluator.MissingAmong(pack.metrics[i].reads);
    out.metrics.push_back(std::move(value));
  }
  std::vector<Truth> entry_truth;
  const size_t pack_base = out.results.size();
  for (size_t i = 0; i < info.entries.size(); ++i) {
    const EntryInfo& entry = info.entries[i];
    const CompiledEntry& compiled = pack.entries[i];
    EntryResult result;
    result.pack = info.id;
    result.entry = entry.id;
    result.title = entry.title;
    result.citation = info.citation.text;
    result.reasons_for_control = entry.reasons_for_control;
    result.licensing = entry.licensing.empty() ? entry.id : entry.licensing;
    result.effect = info.IsControl() ? "control" : "review_policy";
    // Named conditions are part of the main clause, which names what they miss.
    AddClauseMissing(compiled.condition, pack.program, evaluator, result.missing);
    for (size_t exclusion : compiled.unless) {
      AddClauseMissing(pack.exclusions[exclusion], pack.program, evaluator, result.missing);
    }
    if (detail == Detail::kFull) {
      result.clauses.push_back(TraceClause(ClauseTrace::Role::kCondition, "", entry.expression, compiled.condition,
                                           pack.program, evaluator, formats));
      for (size_t condition : compiled.conditions) {
        result.clauses.push_back(TraceClause(ClauseTrace::Role::kNamedCondition, info.conditions[condition].id,
                                             info.conditions[condition].expression, pack.conditions[condition],
                                             pack.program, evaluator, formats));
      }
      for (size_t exclusion : compiled.unless) {
        result.clauses.push_back(TraceClause(ClauseTrace::Role::kUnless, info.exclusions[exclusion].id,
                                             info.exclusions[exclusion].expression, pack.exclusions[exclusion],
                                             pack.program, evaluator, formats));
      }
      for (size_t earlier : compiled.subsumed_by) {
        ClauseTrace clause;
        clause.role = ClauseTrace::Role::kSubsumedBy;
        clause.id = info.entries[earlier].id;
        clause.result = entry_truth[earlier];
        result.clauses.push_back(std::move(clause));
      }
    }
    const Truth truth = EntryTruth(compiled, pack, evaluator, entry_truth);
    // Only the data that kept this entry open is reported as missing.
    if (truth != Truth::kUnknown) result.missing.clear();
    if (truth == Truth::kUnknown) {
      const auto add_uncertain = [&](const CompiledClause& clause) {
        if (evaluator.value(clause.node).truth == Truth::kUnknown)
          AppendUnique(result.depends_on, evaluator.UncertainAmong(clause.reads));
      };
      add_uncertain(compiled.condition);
      for (size_t exclusion : compiled.unless) add_uncertain(pack.exclusions[exclusion]);
      for (size_t earlier : compiled.subsumed_by) {
        if (entry_truth[earlier] != Truth::kUnknown) continue;
        AppendUnique(result.missing, out.results[pack_base + earlier].missing);
        AppendUnique(result.depends_on, out.results[pack_base + earlier].depends_on);
      }
    }
    if (evaluator.overflowed())
      result.notes.emplace_back("arithmetic overflow: a value was too large to compute exactly");
    if (truth == Truth::kUnknown && evaluator.divided_by_zero()) {
      result.notes.emplace_back("division by zero: a ratio is undefined (e.g. no applicable die area)");
    }
    result.verdict = ToVerdict(truth);
    entry_truth.push_back(truth);
    out.results.push_back(std::move(result));
  }
}

void AddNotices(const PackInfo& pack, const std::string& chip, std::vector<NoticeResult>& out) {
  for (const NoticeInfo& notice : pack.notices) {
    if (NoticeNames(notice, chip)) out.push_back({pack.id, notice.id, notice.title, notice.text, notice.citation});
  }
}

// Runs the packs `selected` accepts, in load order. With `choice`, each
// uncertain field with alternatives takes the chosen one; without, every
// uncertain field takes its whole range.
template <typename Selector>
Classification ClassifyChoice(std::span<const PackInfo> packs, std::span<const CompiledPack> compiled,
                              const FormatTable& formats, const ChipSpec& spec, const Selector& selected, Detail detail,
                              const std::vector<size_t>* choice) {
  Classification out;
  out.chip = spec.name;
  out.file = spec.file;
  expr::ChipValues chip = PrepareChip(spec, formats);
  if (choice != nullptr) ApplyUncertain(spec.uncertain, choice, chip);
  for (size_t i = 0; i < packs.size(); ++i) {
    const PackInfo& pack = packs[i];
    if (!selected(pack)) continue;
    ClassifyPack(pack, compiled[i], chip, formats, detail, out);
    AddNotices(pack, spec.name, out.notices);
  }
  return out;
}

// The whole range first; a range evaluation over alternatives may be open
// where every alternative agrees (a rule that is not monotone), so each
// combination of alternatives is tried too.
template <typename Selector>
Classification ClassifySelected(std::span<const PackInfo> packs, std::span<const CompiledPack> compiled,
                                const FormatTable& formats, const ChipSpec& spec, const Selector& selected,
                                Detail detail = Detail::kFull) {
  Classification out = ClassifyChoice(packs, compiled, formats, spec, selected, detail, nullptr);
  std::vector<Classification> each;
  for (const std::vector<size_t>& choice : AlternativeChoices(spec.uncertain)) {
    each.push_back(ClassifyChoice(packs, compiled, formats, spec, selected, detail, &choice));
  }
  ResolveByAlternatives(each, out);
  return out;
}

}  // namespace

RuleSet::RuleSet(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}

const FormatTable& RuleSet::formats() const { return impl_->formats; }

std::span<const PackInfo> RuleSet::packs() const { return impl_->packs; }

Classification RuleSet::Classify(const ChipSpec& spec, const Context& context, Detail detail) const {
  return ClassifySelected(
      impl_->packs, impl_->compiled, impl_->formats, spec,
      [&](const PackInfo& pack) { return pack.AppliesOn(context); }, detail);
}

Classification RuleSet::ClassifyWithPacks(const ChipSpec& spec, std::span<const std::string> pack_ids) const {
  return ClassifySelected(impl_->packs, impl_->compiled, impl_->formats, spec, [&](const PackInfo& pack) {
    return std::find(pack_ids.begin(), pack_ids.end(), pack.id) != pack_ids.end();
  });
}

Verdict Classification::Overall() const {
  return OverallVerdict(
      results.size(), [this](size_t i) { return results[i].effect == "control"; },
      [this](size_t i) { return results[i].verdict; });
}

std::vector<std::string> Classification::EntriesWith(Verdict verdict) const {
  std::vector<std::string> out;
  for (const EntryResult& r : results) {
    if (r.effect == "control" && r.verdict == verdict) out.push_back(r.entry);
  }
  return out;
}

std::string_view Name(Truth truth) {
  switch (truth) {
    case Truth::kTrue:
      return "true";
    case Truth::kFalse:
      return "false";
    case Truth::kUnknown:
      return "unknown";
  }
  return "unknown";
}

std::string_view Name(Verdict verdict) {
  switch (verdict) {
    case Verdict::kControlled:
      return "controlled";
    case Verdict::kNotControlled:
      return "not_controlled";
    case Verdict::kIndeterminate:
      return "indeterminate";
  }
  return "indeterminate";
}

}  // namespace eccn
