// The programs of several packs as one, with shared subexpressions computed
// once: packs in force at the same time restate the same metrics (the review
// policy recomputes 3A090's TPP and PD), and the fast path evaluates every
// pack for every record.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "expr/program.h"

namespace eccn::bulk {

struct MergedProgram {
  expr::Program program;  // nodes, constants and strings; no comparison records
  // Per input program: its node index -> the merged node computing the same value.
  std::vector<std::vector<uint32_t>> node_of;
};

// Merges `programs` in order. Identical nodes over identical operands become
// one; an aggregate is shared only as a whole (node and body), so bodies stay
// contiguous. Evaluation order is kept: operands still come before their uses.
MergedProgram MergePrograms(std::span<const expr::Program* const> programs);

}  // namespace eccn::bulk
