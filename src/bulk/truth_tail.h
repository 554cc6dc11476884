// The verdicts of a record are a function of a few truth values: the
// and/or/not nodes outside aggregates only combine the truths of comparisons,
// symbol tests and the like (the "leaves"). A catalog meets few distinct
// combinations of leaves, so the fast path evaluates those nodes and the
// entries' clauses once per combination and remembers the verdicts, instead
// of once per record (see FastClassifier::Worker).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "expr/program.h"

namespace eccn::bulk {

struct TruthTail {
  bool usable = false;           // false: the verdicts must be computed for every record
  std::vector<uint32_t> nodes;   // top-level and/or/not nodes, in program order
  std::vector<uint32_t> leaves;  // the other nodes whose truths `nodes` and the clauses read, sorted
};

// The tail of `program` for verdicts read from `clauses` (nodes whose truths
// decide the entries). Not usable when the leaves cannot serve as a key: more
// than kMaxTruthLeaves of them, or a tail node read by a node outside the tail.
inline constexpr size_t kMaxTruthLeaves = 32;
TruthTail FindTruthTail(const expr::Program& program, std::span<const uint32_t> clauses);

// The leaves' truths, two bits each.
template <class Evaluator>
uint64_t TruthKey(const TruthTail& tail, const Evaluator& evaluator) {
  uint64_t key = 0;
  for (const uint32_t leaf : tail.leaves) key = (key << 2) | static_cast<uint64_t>(evaluator.value(leaf).truth);
  return key;
}

}  // namespace eccn::bulk
