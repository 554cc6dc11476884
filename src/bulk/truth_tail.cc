#include "bulk/truth_tail.h"

#include <algorithm>

namespace eccn::bulk {

TruthTail FindTruthTail(const expr::Program& program, std::span<const uint32_t> clauses) {
  const std::vector<expr::Node>& nodes = program.nodes;
  std::vector<bool> in_tail(nodes.size(), false);
  for (uint32_t i = 0; i < nodes.size();) {
    const expr::Node& node = nodes[i];
    if (node.op == expr::Op::kAggregate) {  // its body runs per item: never in the tail
      i = node.body_end;
      continue;
    }
    in_tail[i] = node.op == expr::Op::kAnd || node.op == expr::Op::kOr || node.op == expr::Op::kNot;
    ++i;
  }
  const auto tail_reads = [&](const expr::Node& node) {
    return (expr::ReadsNodeA(node.op) && in_tail[node.a]) || (expr::ReadsNodeB(node.op) && in_tail[node.b]) ||
           (node.op == expr::Op::kAggregate && ((node.filter != expr::kNoNode && in_tail[node.filter]) ||
                                                (node.value != expr::kNoNode && in_tail[node.value])));
  };
  TruthTail tail;
  std::vector<uint32_t> leaves;
  for (uint32_t i = 0; i < nodes.size(); ++i) {
    const expr::Node& node = nodes[i];
    if (!in_tail[i]) {
      if (tail_reads(node)) return {};  // a value outside the tail depends on it: no key can stand for it
      continue;
    }
    tail.nodes.push_back(i);
    if (!in_tail[node.a]) leaves.push_back(node.a);
    if (expr::ReadsNodeB(node.op) && !in_tail[node.b]) leaves.push_back(node.b);
  }
  for (const uint32_t clause : clauses) {
    if (!in_tail[clause]) leaves.push_back(clause);
  }
  std::sort(leaves.begin(), leaves.end());
  leaves.erase(std::unique(leaves.begin(), leaves.end()), leaves.end());
  if (leaves.size() > kMaxTruthLeaves) return {};
  tail.leaves = std::move(leaves);
  tail.usable = true;
  return tail;
}

}  // namespace eccn::bulk
