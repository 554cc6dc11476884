#include "expr/compiler.h"
#include "expr/compiler_support.h"

#include <fmt/format.h>
#include <algorithm>
#include <array>
#include <iterator>
#include <stdexcept>

#include <eccn/spec.h>
#include "unique_append.h"
#include "yaml_reader.h"  // ClosestMatch

namespace eccn::expr {
namespace {

// The unit comparisons of a dimension are shown in when the rule names none.
Unit DefaultDisplayUnit(const Dimension& dimension) {
  for (const char* symbol : {"TOPS", "GB/s", "mm2", "GB"}) {
    auto unit = ParseUnit(symbol);
    if (unit && unit->dimension == dimension) return *unit;
  }
  return Unit{1, dimension, ""};
}

std::optional<CompareOp> ToCompareOp(std::string_view op) {
  if (op == "<") return CompareOp::kLt;
  if (op == "<=") return CompareOp::kLe;
  if (op == ">") return CompareOp::kGt;
  if (op == ">=") return CompareOp::kGe;
  if (op == "==") return CompareOp::kEq;
  if (op == "!=") return CompareOp::kNe;
  return std::nullopt;
}

}  // namespace

Compiler::Compiler(Program& program, const FormatTable& formats) : program_(program), formats_(formats) {}

void Compiler::Bind(const std::string& name, Compiled compiled) { bound_[name] = std::move(compiled); }

uint32_t Compiler::Emit(Node node) {
  program_.nodes.push_back(node);
  return static_cast<uint32_t>(program_.nodes.size() - 1);
}

Compiled Compiler::Combine(Op op, const Compiled& lhs, const Compiled& rhs, Type type) {
  Node node;
  node.op = op;
  node.a = lhs.node;
  node.b = rhs.node;
  return Compiled{Emit(node), type, Union(lhs.reads, rhs.reads), std::nullopt, {}};
}

tl::expected<Compiled, ExprError> Compiler::Compile(const Ast& ast, std::string_view text,
                                                    const std::function<SourceLocation(size_t)>& locate,
                                                    std::vector<uint32_t>& comparisons) {
  text_ = text;
  locate_ = &locate;
  comparisons_ = &comparisons;
  loop_.clear();
  uses_.clear();
  auto compiled = Visit(ast);
  if (compiled) compiled->uses = uses_;
  return compiled;
}

tl::expected<Compiled, ExprError> Compiler::Visit(const Ast& ast) {
  switch (ast.kind) {
    case Ast::Kind::kNumber: {
      Value value;
      value.number = Interval::Exact(ast.number);
      Compiled out;
      out.type = Type::Number(kDimensionless);
      if (!ast.unit.empty()) {
        auto unit = ParseUnit(ast.unit);
        if (!unit) return Error(ast.unit_offset, unit.error());
        try {
          value.number = Interval::Exact(ast.number * unit->scale);
        } catch (const std::overflow_error&) {
          return Error(ast.begin, "number out of range in this unit");
        }
        out.type = Type::Number(unit->dimension);
        out.display = *unit;
      }
      program_.constants.push_back(value);
      Node node;
      node.op = Op::kConst;
      node.a = static_cast<uint32_t>(program_.constants.size() - 1);
      out.node = Emit(node);
      return out;
    }
    case Ast::Kind::kBool: {
      Value value;
      value.truth = ast.text == "true" ? Truth::kTrue : Truth::kFalse;
      program_.constants.push_back(value);
      Node node;
      node.op = Op::kConst;
      node.a = static_cast<uint32_t>(program_.constants.size() - 1);
      return Compiled{Emit(node), Type::Bool(), {}, std::nullopt, {}};
    }
    case Ast::Kind::kString:
      return Error(ast.begin,
                   fmt::format("the string '{}' can only be compared with == or != to a named field", ast.text));
    case Ast::Kind::kName:
      return VisitName(ast);
    case Ast::Kind::kUnary: {
      auto operand = Visit(ast.children[0]);
      if (!operand) return operand;
      Node node;
      node.a = operand->node;
      if (ast.text == "not") {
        if (operand->type.kind != Type::Kind::kBool) {
          return Error(ast.children[0].begin,
                       fmt::format("'not' needs a condition, found {}", DescribeType(operand->type)));
        }
        node.op = Op::kNot;
        return Compiled{Emit(node), Type::Bool(), operand->reads, std::nullopt, {}};
      }
      if (operand->type.kind != Type::Kind::kNumber) {
        return Error(ast.children[0].begin, fmt::format("'-' needs a number, found {}", DescribeType(operand->type)));
      }
      node.op = Op::kNeg;
      return Compiled{Emit(node), operand->type, operand->reads, operand->display, {}};
    }
    case Ast::Kind::kBinary:
      return VisitBinary(ast);
    case Ast::Kind::kCall:
      return VisitCall(ast);
    case Ast::Kind::kAggregate:
      return VisitAggregate(ast);
  }
  return Error(ast.begin, "unsupported expression");
}

tl::expected<Compiled, ExprError> Compiler::VisitName(const Ast& ast) {
  const std::string& name = ast.text;
  const size_t dot = name.find('.');
  const std::string head = name.substr(0, dot);
  for (auto it = loop_.rbegin(); it != loop_.rend(); ++it) {
    if (it->name != head) continue;
    if (dot == std::string::npos) {
      return Error(ast.begin, fmt::format("'{}' is an item of '{}'; use one of its fields, e.g. '{}.{}'", head,
                                          it->collection->name, head, it->collection->item_fields[0].name));
    }
    const std::string field = name.substr(dot + 1);
    const auto slot = FindItemField(*it->collection, field);
    if (!slot) {
      std::vector<std::string_view> names;
      for (const FieldInfo& f : it->collection->item_fields) names.push_back(f.name);
      const std::string suggestion = ClosestMatch(field, names);
      return Error(ast.begin, fmt::format("'{}' has no field '{}'{}", it->collection->name, field,
                                          suggestion.empty() ? "" : fmt::format("; did you mean '{}'?", suggestion)));
    }
    Node node;
    node.op = Op::kItemField;
    node.collection = it->collection->collection;
    node.depth = it->depth;
    node.a = *slot;
    const uint32_t index = Emit(node);
    return Compiled{index, it->collection->item_fields[*slot].type, {index}, std::nullopt, {}};
  }
  if (auto bound = bound_.find(name); bound != bound_.end()) {
    AppendUnique(uses_, name);
    return bound->second;
  }
  if (auto slot = FindTopLevelField(name)) {
    Node node;
    node.op = Op::kField;
    node.a = *slot;
    const uint32_t index = Emit(node);
    return Compiled{index, TopLevelFields()[*slot].type, {index}, std::nullopt, {}};
  }
  if (std::find(broken_.begin(), broken_.end(), name) != broken_.end()) {
    return Error(ast.begin, fmt::format("metric '{}' has errors (reported above)", name));
  }
  if (std::find(declared_.begin(), declared_.end(), name) != declared_.end()) {
    return Error(ast.begin, fmt::format("'{}' is not defined yet here: a metric may only use metrics defined above "
                                        "it, and never itself",
                                        name));
  }
  if (const CollectionInfo* collection = FindCollection(name)) {
    return Error(ast.begin, fmt::format("'{}' is a collection; use it in an aggregate such as 'sum(x in {}: ...)'",
                                        name, collection->name));
  }
  std::vector<std::string_view> names;
  for (const auto& [bound_name, compiled] : bound_) names.push_back(bound_name);
  for (const FieldInfo& f : TopLevelFields()) names.push_back(f.name);
  const std::string suggestion = ClosestMatch(name, names);
  return Error(ast.begin, fmt::format("unknown name '{}'{}", name,
                                      suggestion.empty() ? "; expected a metric defined above or a spec field"
                                                         : fmt::format("; did you mean '{}'?", suggestion)));
}

tl::expected<Compiled, ExprError> Compiler::VisitBinary(const Ast& ast) {
  const Ast& left = ast.children[0];
  const Ast& right = ast.children[1];
  const bool equality = ast.text == "==" || ast.text == "!=";
  // A named value compared with a string literal: checked against its set.
  if (equality && (left.kind == Ast::Kind::kString) != (right.kind == Ast::Kind::kString)) {
    const Ast& symbol_side = left.kind == Ast::Kind::kString ? right : left;
    const Ast& string_side = left.kind == Ast::Kind::kString ? left : right;
    auto symbol = Visit(symbol_side);
    if (!symbol) return symbol;
    return VisitSymbolCompare(ast, symbol_side, *symbol, string_side);
  }
  auto lhs = Visit(left);
  if (!lhs) return lhs;
  auto rhs = Visit(right);
  if (!rhs) return rhs;
  if (ast.text == "and" || ast.text == "or") {
    for (const auto* side : {&*lhs, &*rhs}) {
      if (side->type.kind != Type::Kind::kBool) {
        const Ast& where = side == &*lhs ? left : right;
        return Error(where.begin,
                     fmt::format("'{}' needs conditions on both sides, found {}", ast.text, DescribeType(side->type)));
      }
    }
    return Combine(ast.text == "and" ? Op::kAnd : Op::kOr, *lhs, *rhs, Type::Bool());
  }
  if (ToCompareOp(ast.text)) return VisitCompare(ast, std::move(*lhs), std::move(*rhs));
  for (const auto* side : {&*lhs, &*rhs}) {
    if (side->type.kind != Type::Kind::kNumber) {
      const Ast& where = side == &*lhs ? left : right;
      return Error(where.begin,
                   fmt::format("'{}' needs numbers on both sides, found {}", ast.text, DescribeType(side->type)));
    }
  }
  const Dimension& a = lhs->type.dimension;
  const Dimension& b = rhs->type.dimension;
  if (ast.text == "+" || ast.text == "-") {
    if (!(a == b)) {
      return Error(right.begin, fmt::format("cannot {} {} and {}", ast.text == "+" ? "add" : "subtract",
                                            DescribeDimension(a), DescribeDimension(b)));
    }
    return Combine(ast.text == "+" ? Op::kAdd : Op::kSub, *lhs, *rhs, lhs->type);
  }
  if (ast.text == "*") return Combine(Op::kMul, *lhs, *rhs, Type::Number(a * b));
  return Combine(Op::kDiv, *lhs, *rhs, Type::Number(a / b));
}

void Compiler::RecordComparison(const Ast& ast, const Compiled& compiled, ComparisonInfo info) {
  if (!loop_.empty()) return;  // comparisons inside aggregate bodies hold only the last item's values
  info.node = compiled.node;
  info.text = std::string(text_.substr(ast.begin, ast.end - ast.begin));
  info.op = ast.text;
  info.location = (*locate_)(ast.begin);
  info.reads = compiled.reads;
  program_.comparisons.push_back(std::move(info));
  comparisons_->push_back(static_cast<uint32_t>(program_.comparisons.size() - 1));
}

tl::expected<Compiled, ExprError> Compiler::VisitCompare(const Ast& ast, Compiled lhs, Compiled rhs) {
  const Ast& left = ast.children[0];
  const Ast& right = ast.children[1];
  if (lhs.type.kind != Type::Kind::kNumber || rhs.type.kind != Type::Kind::kNumber) {
    const bool left_bad = lhs.type.kind != Type::Kind::kNumber;
    return Error(left_bad ? left.begin : right.begin, fmt::format("'{}' compares numbers, found {}", ast.text,
                                                                  DescribeType(left_bad ? lhs.type : rhs.type)));
  }
  if (!(lhs.type.dimension == rhs.type.dimension)) {
    const bool bare = (right.kind == Ast::Kind::kNumber && right.unit.empty()) ||
                      (left.kind == Ast::Kind::kNumber && left.unit.empty());
    return Error(right.begin,
                 fmt::format("cannot compare {} with {}{}", DescribeDimension(lhs.type.dimension),
                             DescribeDimension(rhs.type.dimension), bare ? "; write the number with a unit" : ""));
  }
  Node node;
  node.op = Op::kCompare;
  node.compare = *ToCompareOp(ast.text);
  node.a = lhs.node;
  node.b = rhs.node;
  Compiled out{Emit(node), Type::Bool(), Union(lhs.reads, rhs.reads), std::nullopt, {}};
  ComparisonInfo info;
  info.lhs = lhs.node;
  info.rhs = rhs.node;
  info.lhs_text = std::string(text_.substr(left.begin, left.end - left.begin));
  info.rhs_text = std::string(text_.substr(right.begin, right.end - right.begin));
  info.display = rhs.display ? *rhs.display : lhs.display ? *lhs.display : DefaultDisplayUnit(lhs.type.dimension);
  RecordComparison(ast, out, std::move(info));
  return out;
}

tl::expected<Compiled, ExprError> Compiler::VisitSymbolCompare(const Ast& ast, const Ast& symbol_side,
                                                               const Compiled& symbol, const Ast& string_side) {
  if (symbol.type.kind != Type::Kind::kSymbol) {
    return Error(symbol_side.begin, fmt::format("only named fields can be compared with the string '{}', found {}",
                                                string_side.text, DescribeType(symbol.type)));
  }
  const std::vector<std::string_view> names = SymbolNames(symbol.type.symbols);
  const auto found = std::find(names.begin(), names.end(), string_side.text);
  if (found == names.end()) {
    std::string list;
    for (std::string_view n : names) list += fmt::format("{}{}", list.empty() ? "" : ", ", n);
    return Error(string_side.begin, fmt::format("'{}' is not a value of '{}'; expected one of: {}", string_side.text,
                                                symbol_side.text, list));
  }
  Node node;
  node.op = ast.text == "==" ? Op::kSymbolEq : Op::kSymbolNe;
  node.a = symbol.node;
  node.b = static_cast<uint32_t>(found - names.begin());
  Compiled out{Emit(node), Type::Bool(), symbol.reads, std::nullopt, {}};
  ComparisonInfo info;
  info.lhs = symbol.node;
  info.symbolic = true;
  info.symbols = symbol.type.symbols;
  info.rhs_symbol = string_side.text;
  info.lhs_text = symbol_side.text;
  info.rhs_text = fmt::format("'{}'", string_side.text);
  RecordComparison(ast, out, std::move(info));
  return out;
}

}  // namespace eccn::expr
