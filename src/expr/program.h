// A compiled rule pack: one flat array of nodes, evaluated front to back.
//
// Operands always come before the nodes that use them, except that an
// aggregate node comes *before* its body [index + 1, body_end), which the
// evaluator runs once per item of the collection. There are no pointers and
// no virtual calls: evaluation is a loop over a switch.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include <eccn/classification.h>
#include <eccn/diagnostic.h>
#include "expr/interval_math.h"
#include "expr/schema.h"
#include "units.h"

namespace eccn::expr {

inline constexpr uint32_t kNoNode = std::numeric_limits<uint32_t>::max();
inline constexpr uint8_t kMaxAggregateDepth = 4;

enum class Op : std::uint8_t {
  kConst,      // constants[a]
  kField,      // top-level field slot a
  kItemField,  // field slot a of the current item at nesting `depth`
  kNeg,        // -a
  kAdd,
  kSub,
  kMul,
  kDiv,
  kMin,
  kMax,
  kCompare,   // a <compare> b, numbers
  kSymbolEq,  // symbol of node a == symbol b (a constant)
  kSymbolNe,
  kAnd,
  kOr,
  kNot,
  kAggregate,    // over `collection`; see above
  kDescribedIn,  // the spec lists CCL paragraph strings[a] in described_in
};

// Operand `a` is a node for these; for the others it is a slot, a constant
// or a string index (see Op).
inline bool ReadsNodeA(Op op) {
  switch (op) {
    case Op::kConst:
    case Op::kField:
    case Op::kItemField:
    case Op::kDescribedIn:
    case Op::kAggregate:
      return false;
    case Op::kNeg:
    case Op::kAdd:
    case Op::kSub:
    case Op::kMul:
    case Op::kDiv:
    case Op::kMin:
    case Op::kMax:
    case Op::kCompare:
    case Op::kSymbolEq:
    case Op::kSymbolNe:
    case Op::kAnd:
    case Op::kOr:
    case Op::kNot:
      return true;
  }
  return false;
}

// Operand `b` is a node for binary operators (for kSymbolEq/Ne it is a symbol).
inline bool ReadsNodeB(Op op) {
  return ReadsNodeA(op) && op != Op::kNeg && op != Op::kNot && op != Op::kSymbolEq && op != Op::kSymbolNe;
}

enum class AggregateKind : std::uint8_t { kSum, kMax, kMin, kCount, kAny, kAll };

struct Node {
  Op op = Op::kConst;
  CompareOp compare = CompareOp::kLt;
  AggregateKind aggregate = AggregateKind::kSum;
  Collection collection = Collection::kFormats;
  std::uint8_t depth = 0;
  uint32_t a = 0;
  uint32_t b = 0;
  uint32_t body_end = 0;
  uint32_t filter = kNoNode;
  uint32_t value = kNoNode;
};

// What a node evaluates to: a number interval, a truth value or a symbol.
struct Value {
  Interval number;
  Truth truth = Truth::kUnknown;
  int32_t symbol = -1;  // -1: unknown
};

// A comparison kept for explanations.
struct ComparisonInfo {
  uint32_t node = kNoNode;
  uint32_t lhs = kNoNode;
  uint32_t rhs = kNoNode;
  bool symbolic = false;  // a symbol compared with a named value
  SymbolSet symbols = SymbolSet::kNone;
  std::string rhs_symbol;  // that named value
  std::string text;
  std::string op;
  std::string lhs_text;
  std::string rhs_text;
  Unit display;  // unit both sides are shown in
  SourceLocation location;
  std::vector<uint32_t> reads;  // field-reading nodes it depends on, sorted
};

struct Program {
  std::vector<Node> nodes;
  std::vector<Value> constants;
  std::vector<std::string> strings;  // string operands (CCL paragraphs)
  std::vector<ComparisonInfo> comparisons;
};

}  // namespace eccn::expr
