// RuleSet::Classify: lays a chip's values out by slot, runs each pack in
// force, and turns node values into verdicts with their reasons.
#include <algorithm>
#include <cctype>

#include <eccn/spec.h>
#include "expr/evaluator.h"
#include "rule_set_impl.h"
#include "spec_fields.h"

namespace eccn {
namespace {

using expr::Value;

Value NumberValue(const std::optional<Number>& number) {
  Value v;
  // Every spec quantity is non-negative, so an unknown one is at least 0.
  v.number = number ? Interval::Exact(*number) : Interval::AtLeast(0);
  return v;
}

template <class Enum>
Value SymbolValue(const std::optional<Enum>& e) {
  Value v;
  v.symbol = e ? static_cast<int32_t>(*e) : -1;
  return v;
}

expr::ChipValues Prepare(const ChipSpec& spec, const FormatTable& formats) {
  expr::ChipValues chip;
  for (const expr::FieldInfo& field : expr::TopLevelFields()) chip.field_paths.emplace_back(field.name);
  chip.fields.resize(chip.field_paths.size());
  chip.fields[expr::kMarketedFor] = SymbolValue(spec.marketed_for);
  chip.fields[expr::kKind] = SymbolValue(spec.kind);
  chip.fields[expr::kMemoryBandwidth] = NumberValue(spec.memory.bandwidth_bytes_per_second);
  chip.fields[expr::kMemoryCapacity] = NumberValue(spec.memory.capacity_bytes);
  chip.fields[expr::kInterconnectBidirectional] = NumberValue(spec.interconnect_bidirectional_bytes_per_second);
  chip.fields[expr::kPackageArea] = NumberValue(spec.package_area_mm2);
  chip.fields[expr::kMemoryHbm].truth = MemoryIsHbm(spec.memory.type);
  chip.has_described_in = spec.described_in.has_value();
  if (spec.described_in) chip.described_in = *spec.described_in;
  chip.has_formats = spec.throughput.has_value();
  if (spec.throughput) {
    for (const FormatRate& rate : *spec.throughput) {
      const OperandFormat* format = formats.Find(rate.format);
      if (format == nullptr) continue;  // rejected when the spec was parsed
      expr::Item item;
      item.path = "throughput." + rate.format;
      item.fields[expr::kFormatName].symbol = static_cast<int32_t>(format - formats.formats.data());
      item.fields[expr::kFormatRate] = NumberValue(rate.ops_per_second);
      item.fields[expr::kFormatBits].number = Interval::Exact(format->bits);
      chip.formats.push_back(std::move(item));
    }
  }
  chip.has_dies = spec.dies.has_value();
  if (spec.dies) {
    for (size_t i = 0; i < spec.dies->size(); ++i) {
      const Die& die = (*spec.dies)[i];
      expr::Item item;
      item.path = "dies[" + std::to_string(i) + "]";
      item.fields[expr::kDieArea] = NumberValue(die.area_mm2);
      item.fields[expr::kDieCount].number = Interval::Exact(die.count);
      item.fields[expr::kDieRole] = SymbolValue(die.role);
      item.fields[expr::kDieTransistors] = SymbolValue(die.transistors);
      item.fields[expr::kDieTransistorCount] = NumberValue(die.transistor_count);
      chip.dies.push_back(std::move(item));
    }
  }
  return chip;
}

Interval Scaled(const Interval& value, const Number& scale) {
  Interval out = value;
  if (!out.lo_unbounded) out.lo /= scale;
  if (!out.hi_unbounded) out.hi /= scale;
  return out;
}

void AddUnique(std::vector<std::string>& out, const std::vector<std::string>& more) {
  for (const std::string& s : more) {
    if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
  }
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
                        const expr::Program& program, const expr::Evaluator& evaluator, const FormatTable& formats,
                        std::vector<std::string>& missing) {
  ClauseTrace trace;
  trace.role = role;
  trace.id = std::move(id);
  trace.text = std::move(text);
  trace.result = evaluator.value(clause.node).truth;
  for (uint32_t index : clause.comparisons) {
    trace.comparisons.push_back(TraceComparison(program.comparisons[index], evaluator, formats));
  }
  if (trace.result == Truth::kUnknown) {
    std::vector<std::string> found;
    for (const ComparisonTrace& c : trace.comparisons) AddUnique(found, c.missing);
    if (found.empty()) found = evaluator.MissingAmong(clause.reads);
    AddUnique(missing, found);
  }
  return trace;
}

Verdict ToVerdict(Truth truth) {
  switch (truth) {
    case Truth::kTrue:
      return Verdict::kControlled;
    case Truth::kFalse:
      return Verdict::kNotControlled;
    case Truth::kUnknown:
      return Verdict::kIndeterminate;
  }
  return Verdict::kIndeterminate;
}

void ClassifyPack(const PackInfo& info, const CompiledPack& pack, const expr::ChipValues& chip,
                  const FormatTable& formats, Classification& out) {
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
    result.clauses.push_back(TraceClause(ClauseTrace::Role::kCondition, "", entry.expression, compiled.condition,
                                         pack.program, evaluator, formats, result.missing));
    const Truth truth_of_condition = result.clauses.back().result;
    for (size_t condition : compiled.conditions) {
      std::vector<std::string> ignored;  // the main clause already named what is missing
      result.clauses.push_back(TraceClause(ClauseTrace::Role::kNamedCondition, info.conditions[condition].id,
                                           info.conditions[condition].expression, pack.conditions[condition],
                                           pack.program, evaluator, formats, ignored));
    }
    Truth truth = truth_of_condition;
    for (size_t exclusion : compiled.unless) {
      result.clauses.push_back(TraceClause(ClauseTrace::Role::kUnless, info.exclusions[exclusion].id,
                                           info.exclusions[exclusion].expression, pack.exclusions[exclusion],
                                           pack.program, evaluator, formats, result.missing));
      truth = expr::And(truth, expr::Not(result.clauses.back().result));
    }
    for (size_t earlier : compiled.subsumed_by) {
      ClauseTrace clause;
      clause.role = ClauseTrace::Role::kSubsumedBy;
      clause.id = info.entries[earlier].id;
      clause.result = entry_truth[earlier];
      truth = expr::And(truth, expr::Not(clause.result));
      result.clauses.push_back(std::move(clause));
    }
    // Only the data that kept this entry open is reported as missing.
    if (truth != Truth::kUnknown) result.missing.clear();
    if (truth == Truth::kUnknown) {
      for (size_t earlier : compiled.subsumed_by) {
        if (entry_truth[earlier] == Truth::kUnknown)
          AddUnique(result.missing, out.results[pack_base + earlier].missing);
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

}  // namespace

RuleSet::RuleSet(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}

const FormatTable& RuleSet::formats() const { return impl_->formats; }

std::span<const PackInfo> RuleSet::packs() const { return impl_->packs; }

Classification RuleSet::Classify(const ChipSpec& spec, const Context& context) const {
  Classification out;
  out.chip = spec.name;
  out.file = spec.file;
  const expr::ChipValues chip = Prepare(spec, impl_->formats);
  for (size_t i = 0; i < impl_->packs.size(); ++i) {
    const PackInfo& pack = impl_->packs[i];
    if (!pack.AppliesOn(context)) continue;
    ClassifyPack(pack, impl_->compiled[i], chip, impl_->formats, out);
    AddNotices(pack, spec.name, out.notices);
  }
  return out;
}

Verdict Classification::Overall() const {
  bool indeterminate = false;
  for (const EntryResult& r : results) {
    if (r.effect != "control") continue;
    if (r.verdict == Verdict::kControlled) return Verdict::kControlled;
    indeterminate = indeterminate || r.verdict == Verdict::kIndeterminate;
  }
  return indeterminate ? Verdict::kIndeterminate : Verdict::kNotControlled;
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
