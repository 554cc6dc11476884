#include "expr/evaluator.h"

#include <algorithm>
#include <stdexcept>

#include "unique_append.h"

namespace eccn::expr {
namespace {

// A number known to lie in a bounded range but not exactly (an uncertain spec value).
bool IsUncertain(const Value& v, const Type& type) {
  return type.kind == Type::Kind::kNumber && !v.number.lo_unbounded && !v.number.hi_unbounded && !v.number.IsExact();
}

bool IsKnown(const Value& v, const Type& type) {
  switch (type.kind) {
    case Type::Kind::kNumber:
      return !v.number.lo_unbounded && !v.number.hi_unbounded;
    case Type::Kind::kBool:
      return v.truth != Truth::kUnknown;
    case Type::Kind::kSymbol:
      return v.symbol >= 0;
  }
  return false;
}

const CollectionInfo& InfoOf(Collection collection) { return Collections()[static_cast<size_t>(collection)]; }

}  // namespace

Evaluator::Evaluator(const Program& program) : program_(program), values_(program.nodes.size()) {}

void Evaluator::Run(const ChipValues& chip) {
  missing_.clear();
  uncertain_.clear();
  overflowed_ = false;
  divided_by_zero_ = false;
  RunRange(0, static_cast<uint32_t>(program_.nodes.size()), chip);
}

void Evaluator::RunRange(uint32_t begin, uint32_t end, const ChipValues& chip) {
  uint32_t i = begin;
  while (i < end) {
    const Node& node = program_.nodes[i];
    if (node.op == Op::kAggregate) {
      RunAggregate(i, chip);
      i = node.body_end;
      continue;
    }
    try {
      Step(i, chip);
    } catch (const std::overflow_error&) {
      // Fail closed: a value too large to represent exactly is unknown.
      values_[i] = Value{};
      overflowed_ = true;
    }
    ++i;
  }
}

void Evaluator::Step(uint32_t index, const ChipValues& chip) {
  const Node& node = program_.nodes[index];
  Value& out = values_[index];
  // Operand values; only valid for ops whose a and b are node indices.
  const auto a = [&]() -> const Value& { return values_[node.a]; };
  const auto b = [&]() -> const Value& { return values_[node.b]; };
  switch (node.op) {
    case Op::kConst:
      out = program_.constants[node.a];
      return;
    case Op::kField: {
      out = chip.fields[node.a];
      if (!IsKnown(out, TopLevelFields()[node.a].type)) missing_.emplace_back(index, chip.field_paths[node.a]);
      if (IsUncertain(out, TopLevelFields()[node.a].type)) uncertain_.emplace_back(index, chip.field_paths[node.a]);
      return;
    }
    case Op::kItemField: {
      const Item& item = *items_[node.depth];
      out = item.fields[node.a];
      const FieldInfo& info = InfoOf(node.collection).item_fields[node.a];
      const bool known = IsKnown(out, info.type);
      if (!known || IsUncertain(out, info.type)) {
        (known ? uncertain_ : missing_)
            .emplace_back(
                index, node.collection == Collection::kFormats ? item.path : item.path + "." + std::string(info.name));
      }
      return;
    }
    case Op::kNeg:
      out.number = Neg(a().number);
      return;
    case Op::kAdd:
      out.number = Add(a().number, b().number);
      return;
    case Op::kSub:
      out.number = Sub(a().number, b().number);
      return;
    case Op::kMul:
      out.number = Mul(a().number, b().number);
      return;
    case Op::kDiv:
      out.number = Div(a().number, b().number);
      divided_by_zero_ = divided_by_zero_ || b().number == Interval::Exact(0);
      return;
    case Op::kMin:
      out.number = Min(a().number, b().number);
      return;
    case Op::kMax:
      out.number = Max(a().number, b().number);
      return;
    case Op::kCompare:
      out.truth = Compare(node.compare, a().number, b().number);
      return;
    case Op::kSymbolEq:
    case Op::kSymbolNe: {
      if (a().symbol < 0) {
        out.truth = Truth::kUnknown;
        return;
      }
      const bool equal = a().symbol == static_cast<int32_t>(node.b);
      out.truth = (equal == (node.op == Op::kSymbolEq)) ? Truth::kTrue : Truth::kFalse;
      return;
    }
    case Op::kAnd:
      out.truth = And(a().truth, b().truth);
      return;
    case Op::kOr:
      out.truth = Or(a().truth, b().truth);
      return;
    case Op::kNot:
      out.truth = Not(a().truth);
      return;
    case Op::kDescribedIn: {
      if (!chip.has_described_in) {
        out.truth = Truth::kUnknown;
        missing_.emplace_back(index, "described_in");
        return;
      }
      const std::string& paragraph = program_.strings[node.a];
      const bool listed =
          std::find(chip.described_in.begin(), chip.described_in.end(), paragraph) != chip.described_in.end();
      out.truth = listed ? Truth::kTrue : Truth::kFalse;
      return;
    }
    case Op::kAggregate:
      return;  // handled by RunAggregate
  }
}

void Evaluator::RunAggregate(uint32_t index, const ChipValues& chip) {
  const Node& node = program_.nodes[index];
  Value& out = values_[index];
  out = Value{};
  const bool present = node.collection == Collection::kFormats ? chip.has_formats : chip.has_dies;
  if (!present) {
    missing_.emplace_back(index, std::string(InfoOf(node.collection).spec_key));
    return;  // unknown number or truth
  }
  const std::vector<Item>& items = node.collection == Collection::kFormats ? chip.formats : chip.dies;
  // Accumulate over items whose filter is true ("sure") and those whose filter
  // is unknown ("maybe"), so the result covers every possible selection.
  Interval sure = Interval::Exact(0);
  bool any_sure = false;
  Interval maybe_hull;
  bool any_maybe = false;
  Truth truth = node.aggregate == AggregateKind::kAll ? Truth::kTrue : Truth::kFalse;
  try {
    for (const Item& item : items) {
      items_[node.depth] = &item;
      const size_t missing_before = missing_.size();
      const size_t uncertain_before = uncertain_.size();
      RunRange(index + 1, node.body_end, chip);
      const Truth selected = node.filter == kNoNode ? Truth::kTrue : values_[node.filter].truth;
      if (selected == Truth::kFalse) {
        // An item the filter leaves out cannot change the result: what it lacks is not missing.
        missing_.resize(missing_before);
        uncertain_.resize(uncertain_before);
        continue;
      }
      const Value& body = node.value == kNoNode ? Value{} : values_[node.value];
      switch (node.aggregate) {
        case AggregateKind::kSum:
          sure = Add(sure, selected == Truth::kTrue ? body.number : Hull(body.number, Interval::Exact(0)));
          break;
        case AggregateKind::kCount:
          sure = Add(sure, selected == Truth::kTrue ? Interval::Exact(1) : Interval::Between(0, 1));
          break;
        case AggregateKind::kMax:
        case AggregateKind::kMin:
          if (selected == Truth::kTrue) {
            sure = !any_sure
                       ? body.number
                       : (node.aggregate == AggregateKind::kMax ? Max(sure, body.number) : Min(sure, body.number));
            any_sure = true;
          } else {
            maybe_hull = any_maybe ? Hull(maybe_hull, body.number) : body.number;
            any_maybe = true;
          }
          break;
        case AggregateKind::kAny:
          truth = Or(truth, And(selected, body.truth));
          break;
        case AggregateKind::kAll:
          truth = And(truth, Or(Not(selected), body.truth));
          break;
      }
    }
    if (node.aggregate == AggregateKind::kMax || node.aggregate == AggregateKind::kMin) {
      // The extreme of nothing is 0 by definition (documented). Items that may
      // or may not be selected widen the result to cover both cases.
      if (!any_sure) {
        sure = any_maybe ? Hull(Interval::Exact(0), maybe_hull) : Interval::Exact(0);
      } else if (any_maybe) {
        const Interval with_maybe =
            node.aggregate == AggregateKind::kMax ? Max(sure, maybe_hull) : Min(sure, maybe_hull);
        sure = Hull(sure, with_maybe);
      }
    }
  } catch (const std::overflow_error&) {
    overflowed_ = true;
    return;
  }
  out.number = sure;
  out.truth = truth;
}

std::vector<std::string> Evaluator::MissingAmong(const std::vector<uint32_t>& reads) const {
  return PathsAmong(missing_, reads);
}

std::vector<std::string> Evaluator::UncertainAmong(const std::vector<uint32_t>& reads) const {
  return PathsAmong(uncertain_, reads);
}

std::vector<std::string> Evaluator::PathsAmong(const std::vector<std::pair<uint32_t, std::string>>& found,
                                               const std::vector<uint32_t>& reads) {
  std::vector<std::string> out;
  for (const auto& [node, path] : found) {
    if (!std::binary_search(reads.begin(), reads.end(), node)) continue;
    AppendUnique(out, path);
  }
  return out;
}

}  // namespace eccn::expr
