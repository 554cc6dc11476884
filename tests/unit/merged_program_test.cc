// Merging compiled programs (bulk/merged_program.h): what two packs compute
// alike is computed once, and each pack's nodes map to nodes computing the
// same thing. That the merged program gives the same verdicts is checked by
// bulk_fast_path_test against the exact classifier.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <string_view>
#include <vector>

#include <eccn/rules.h>
#include "bulk/merged_program.h"
#include "bulk/truth_tail.h"
#include "program_test_support.h"

namespace eccn::bulk {
namespace {

using expr::Op;

const FormatTable kFormats{{{"fp16", 16, ""}, {"fp8", 8, ""}}};

expr::Program Compile(const std::vector<std::string_view>& expressions) {
  return testing_support::CompileProgram(kFormats, expressions).program;
}

constexpr std::string_view kTpp = "max(f in formats: f.rate / 1 TOPS * f.bits)";
constexpr std::string_view kArea = "sum(d in dies where d.role == 'logic': d.area * d.count)";

MergedProgram Merge(const std::vector<const expr::Program*>& programs) { return MergePrograms(programs); }

TEST(MergedProgram, AProgramMergedWithItselfAddsNothing) {
  const expr::Program pack = Compile({kTpp, kArea, "m0 / (m1 / 1 mm2)", "m0 >= 4800 or m2 >= 5.92"});
  const MergedProgram merged = Merge({&pack, &pack});
  EXPECT_EQ(merged.program.nodes.size(), pack.nodes.size());
  EXPECT_EQ(merged.node_of[0], merged.node_of[1]);
  EXPECT_EQ(merged.program.constants.size(), pack.constants.size());
}

TEST(MergedProgram, SharedMetricsAreComputedOnce) {
  const expr::Program first = Compile({kTpp, kArea, "m0 / (m1 / 1 mm2)", "m0 >= 4800"});
  const expr::Program second = Compile({kTpp, kArea, "m0 / (m1 / 1 mm2)", "m0 >= 1600 and m2 < 5.92"});
  const MergedProgram merged = Merge({&first, &second});
  EXPECT_LT(merged.program.nodes.size(), first.nodes.size() + second.nodes.size());
  // The aggregates (TPP and die area) and PD are shared; the last conditions differ.
  for (uint32_t node = 0; node + 1 < first.nodes.size() && node + 1 < second.nodes.size(); ++node) {
    if (first.nodes[node].op == Op::kAggregate) {
      EXPECT_EQ(merged.node_of[0][node], merged.node_of[1][node]) << node;
    }
  }
  EXPECT_NE(merged.node_of[0].back(), merged.node_of[1].back());
}

TEST(MergedProgram, DifferentBodiesOrConstantsStayApart) {
  const expr::Program fp = Compile({"max(f in formats: f.rate / 1 TOPS * f.bits)"});
  const expr::Program other_body = Compile({"max(f in formats: f.rate / 1 TOPS)"});
  const expr::Program other_constant = Compile({"max(f in formats: f.rate / 2 TOPS * f.bits)"});
  const MergedProgram merged = Merge({&fp, &other_body, &other_constant});
  EXPECT_EQ(merged.program.nodes.size(), fp.nodes.size() + other_body.nodes.size() + other_constant.nodes.size());
  EXPECT_NE(merged.node_of[0].front(), merged.node_of[1].front());
  EXPECT_NE(merged.node_of[0].front(), merged.node_of[2].front());
}

// Operands come before their users, and aggregate bodies are contiguous and
// end inside the program, as FastEvaluator expects.
TEST(MergedProgram, KeepsEvaluationOrder) {
  const expr::Program first = Compile({kTpp, kArea, "m0 / (m1 / 1 mm2)", "m0 >= 4800"});
  const expr::Program second = Compile({kArea, kTpp, "m1 >= 2400 and m0 > 100 mm2"});
  const MergedProgram merged = Merge({&first, &second});
  const auto& nodes = merged.program.nodes;
  for (uint32_t i = 0; i < nodes.size(); ++i) {
    const expr::Node& node = nodes[i];
    if (node.op == Op::kAggregate) {
      EXPECT_GT(node.body_end, i);
      EXPECT_LE(node.body_end, nodes.size());
      if (node.value != expr::kNoNode) {
        EXPECT_LT(node.value, node.body_end);
      }
    }
    const bool binary = node.op == Op::kAdd || node.op == Op::kMul || node.op == Op::kDiv || node.op == Op::kCompare ||
                        node.op == Op::kAnd || node.op == Op::kOr;
    if (binary) {
      EXPECT_LT(node.a, i);
      EXPECT_LT(node.b, i);
    }
  }
}

// The truth tail (bulk/truth_tail.h): the top-level and/or/not nodes, and the
// truths they combine, which key the verdicts a worker remembers.
TEST(TruthTail, TopLevelConnectivesCombineTheLeaves) {
  const expr::Program pack =
      Compile({kTpp, kArea, "m0 / (m1 / 1 mm2)", "m0 >= 4800 or (m0 >= 1600 and not (m2 < 5.92))"});
  const uint32_t clause = static_cast<uint32_t>(pack.nodes.size() - 1);  // the last expression's root
  const TruthTail tail = FindTruthTail(pack, std::vector<uint32_t>{clause});
  ASSERT_TRUE(tail.usable);
  std::vector<Op> tail_ops;
  for (const uint32_t node : tail.nodes) tail_ops.push_back(pack.nodes[node].op);
  EXPECT_EQ(tail_ops, (std::vector<Op>{Op::kNot, Op::kAnd, Op::kOr}));  // in program order
  ASSERT_EQ(tail.leaves.size(), 3U);                                    // the three comparisons
  for (const uint32_t leaf : tail.leaves) EXPECT_EQ(pack.nodes[leaf].op, Op::kCompare);
}

TEST(TruthTail, ConnectivesInsideAnAggregateStayWithIt) {
  const expr::Program pack = Compile({kTpp, "any(d in dies: d.role == 'logic' and d.area > 1 mm2) or m0 >= 1"});
  const uint32_t clause = static_cast<uint32_t>(pack.nodes.size() - 1);
  const TruthTail tail = FindTruthTail(pack, std::vector<uint32_t>{clause});
  ASSERT_TRUE(tail.usable);
  ASSERT_EQ(tail.nodes, std::vector<uint32_t>{clause});  // only the top-level `or`
  ASSERT_EQ(tail.leaves.size(), 2U);
  EXPECT_EQ(pack.nodes[tail.leaves[0]].op, Op::kAggregate);
}

TEST(TruthTail, TooManyLeavesForAKeyIsNotUsable) {
  std::string many = "m0 >= 1";
  for (int i = 2; i <= 40; ++i) many += fmt::format(" or m0 >= {}", i);
  const expr::Program pack = Compile({kTpp, many});
  const TruthTail tail = FindTruthTail(pack, std::vector<uint32_t>{static_cast<uint32_t>(pack.nodes.size() - 1)});
  EXPECT_FALSE(tail.usable);
}

}  // namespace
}  // namespace eccn::bulk
