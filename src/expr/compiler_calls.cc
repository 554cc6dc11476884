// The compiler's function calls and aggregates, symbol sets, and shared helpers.
#include <fmt/format.h>
#include <algorithm>
#include <array>
#include <iterator>

#include <eccn/spec.h>
#include "expr/compiler.h"
#include "expr/compiler_support.h"

namespace eccn::expr {

std::vector<uint32_t> Union(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
  std::vector<uint32_t> out;
  std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

std::string DescribeType(const Type& type) {
  switch (type.kind) {
    case Type::Kind::kBool:
      return "a condition (true/false)";
    case Type::Kind::kSymbol:
      return "a named value";
    case Type::Kind::kNumber:
      return DescribeDimension(type.dimension);
  }
  return "a value";
}

std::vector<std::string_view> Compiler::SymbolNames(SymbolSet set) const {
  std::vector<std::string_view> names;
  switch (set) {
    case SymbolSet::kMarket:
      for (auto m : {Market::kDatacenter, Market::kConsumer, Market::kWorkstation, Market::kEmbedded})
        names.push_back(Name(m));
      break;
    case SymbolSet::kChipKind:
      for (auto k : {ChipKind::kAccelerator, ChipKind::kCpu, ChipKind::kHbmStack, ChipKind::kSystem})
        names.push_back(Name(k));
      break;
    case SymbolSet::kDieRole:
      for (auto r : {DieRole::kLogic, DieRole::kMemory, DieRole::kIo}) names.push_back(Name(r));
      break;
    case SymbolSet::kArchitecture:
      for (auto t : {TransistorArchitecture::kPlanar, TransistorArchitecture::kFinfet, TransistorArchitecture::kGaa}) {
        names.push_back(Name(t));
      }
      break;
    case SymbolSet::kFormat:
      for (const OperandFormat& f : formats_.formats) names.push_back(f.name);
      break;
    case SymbolSet::kNone:
      break;
  }
  return names;
}

tl::expected<Compiled, ExprError> Compiler::VisitCall(const Ast& ast) {
  if (ast.text == "described_in") {
    if (ast.children.size() != 1 || ast.children[0].kind != Ast::Kind::kString) {
      return Error(ast.begin, "'described_in' takes one quoted CCL paragraph, e.g. described_in('5A992.c')");
    }
    Node node;
    node.op = Op::kDescribedIn;
    node.a = static_cast<uint32_t>(program_.strings.size());
    program_.strings.push_back(ast.children[0].text);
    const uint32_t index = Emit(node);
    return Compiled{index, Type::Bool(), {index}, std::nullopt, {}};
  }
  if (ast.text != "min" && ast.text != "max") {
    return Error(ast.begin, fmt::format("unknown function '{}'; expected min, max, described_in, or an aggregate "
                                        "sum/max/min/count/any/all(x in collection ...)",
                                        ast.text));
  }
  std::optional<Compiled> result;
  for (const Ast& argument : ast.children) {
    auto compiled = Visit(argument);
    if (!compiled) return compiled;
    if (compiled->type.kind != Type::Kind::kNumber) {
      return Error(argument.begin, fmt::format("'{}' needs numbers, found {}", ast.text, DescribeType(compiled->type)));
    }
    if (!result) {
      result = std::move(*compiled);
      continue;
    }
    if (!(compiled->type.dimension == result->type.dimension)) {
      return Error(argument.begin, fmt::format("'{}' of {} and {}", ast.text, DescribeDimension(result->type.dimension),
                                               DescribeDimension(compiled->type.dimension)));
    }
    result = Combine(ast.text == "min" ? Op::kMin : Op::kMax, *result, *compiled, result->type);
  }
  return *result;
}

tl::expected<Compiled, ExprError> Compiler::VisitAggregate(const Ast& ast) {
  static constexpr std::array<std::pair<std::string_view, AggregateKind>, 6> kKinds{{{"sum", AggregateKind::kSum},
                                                                                     {"max", AggregateKind::kMax},
                                                                                     {"min", AggregateKind::kMin},
                                                                                     {"count", AggregateKind::kCount},
                                                                                     {"any", AggregateKind::kAny},
                                                                                     {"all", AggregateKind::kAll}}};
  const auto kind = std::find_if(kKinds.begin(), kKinds.end(), [&](const auto& k) { return k.first == ast.text; });
  if (kind == kKinds.end()) {
    return Error(ast.begin, fmt::format("unknown aggregate '{}'; expected sum, max, min, count, any or all", ast.text));
  }
  const CollectionInfo* collection = FindCollection(ast.collection);
  if (collection == nullptr) {
    std::string list;
    for (const CollectionInfo& c : Collections()) list += fmt::format("{}{}", list.empty() ? "" : ", ", c.name);
    return Error(ast.begin, fmt::format("unknown collection '{}'; expected one of: {}", ast.collection, list));
  }
  if (loop_.size() >= kMaxAggregateDepth) return Error(ast.begin, "aggregates nested too deeply");
  const bool has_body = ast.children.size() > (ast.has_filter ? 1u : 0u);
  if (has_body && kind->second == AggregateKind::kCount) {
    return Error(ast.children.back().begin, "'count' counts the items selected by 'where'; it takes no ': expression'");
  }
  if (!has_body && kind->second != AggregateKind::kCount) {
    return Error(ast.end - 1, fmt::format("'{}' needs ': expression' after the collection", ast.text));
  }
  Node node;
  node.op = Op::kAggregate;
  node.aggregate = kind->second;
  node.collection = collection->collection;
  node.depth = static_cast<uint8_t>(loop_.size());
  const uint32_t index = Emit(node);
  loop_.push_back({ast.variable, collection, node.depth});
  std::vector<uint32_t> reads{index};
  if (ast.has_filter) {
    auto filter = Visit(ast.children[0]);
    if (!filter) return filter;
    if (filter->type.kind != Type::Kind::kBool) {
      return Error(ast.children[0].begin,
                   fmt::format("'where' needs a condition, found {}", DescribeType(filter->type)));
    }
    program_.nodes[index].filter = filter->node;
    reads = Union(reads, filter->reads);
  }
  Type type = Type::Number(kDimensionless);
  if (has_body) {
    const Ast& body_ast = ast.children.back();
    auto body = Visit(body_ast);
    if (!body) return body;
    const bool wants_bool = kind->second == AggregateKind::kAny || kind->second == AggregateKind::kAll;
    const Type::Kind expected = wants_bool ? Type::Kind::kBool : Type::Kind::kNumber;
    if (body->type.kind != expected && kind->second != AggregateKind::kCount) {
      return Error(body_ast.begin, fmt::format("'{}' needs {}, found {}", ast.text,
                                               wants_bool ? "a condition" : "a number", DescribeType(body->type)));
    }
    program_.nodes[index].value = body->node;
    reads = Union(reads, body->reads);
    if (kind->second != AggregateKind::kCount) type = body->type;
  }
  loop_.pop_back();
  program_.nodes[index].body_end = static_cast<uint32_t>(program_.nodes.size());
  return Compiled{index, type, reads, std::nullopt, {}};
}

}  // namespace eccn::expr
