#include "bulk/merged_program.h"

#include <algorithm>
#include <array>
#include <map>

namespace eccn::bulk {
namespace {

using expr::Node;
using expr::Op;
using expr::ReadsNodeA;
using expr::ReadsNodeB;

constexpr uint32_t kInBody = 0x80000000U;  // tags a reference into the aggregate body being keyed

class Merger {
 public:
  // Adds `program`, filling node_of (sized to its nodes).
  void Add(const expr::Program& program, std::vector<uint32_t>& node_of) {
    node_of.assign(program.nodes.size(), expr::kNoNode);
    uint32_t i = 0;
    while (i < program.nodes.size()) {
      const Node& node = program.nodes[i];
      const uint32_t end = node.op == Op::kAggregate ? node.body_end : i + 1;
      AddRange(program, i, end, node_of);
      i = end;
    }
  }

  expr::Program Take() { return std::move(merged_); }

 private:
  // Adds nodes [begin, end) of `program` as one unit: shared if an identical
  // unit (same nodes over the same outside operands) is already merged.
  void AddRange(const expr::Program& program, uint32_t begin, uint32_t end, std::vector<uint32_t>& node_of) {
    const auto start = static_cast<uint32_t>(merged_.nodes.size());
    // Where the unit would go if it is new; references into it are then >= start.
    for (uint32_t k = begin; k < end; ++k) node_of[k] = start + (k - begin);
    std::vector<Node> mapped;
    std::vector<uint32_t> key;
    for (uint32_t k = begin; k < end; ++k) {
      mapped.push_back(Mapped(program, program.nodes[k], node_of));
      AppendKey(mapped.back(), start, key);
    }
    const auto [it, inserted] = units_.try_emplace(std::move(key), start);
    if (!inserted) {
      for (uint32_t k = begin; k < end; ++k) node_of[k] = it->second + (k - begin);
      return;
    }
    merged_.nodes.insert(merged_.nodes.end(), mapped.begin(), mapped.end());
  }

  Node Mapped(const expr::Program& program, Node node, const std::vector<uint32_t>& node_of) {
    const auto map = [&](uint32_t& ref) {
      if (ref != expr::kNoNode) ref = node_of[ref];
    };
    if (ReadsNodeA(node.op)) map(node.a);
    if (ReadsNodeB(node.op)) map(node.b);
    if (node.op == Op::kConst) node.a = Constant(program.constants[node.a]);
    if (node.op == Op::kDescribedIn) node.a = String(program.strings[node.a]);
    if (node.op == Op::kAggregate) {
      node.body_end = node_of[node.body_end - 1] + 1;
      map(node.filter);
      map(node.value);
    }
    return node;
  }

  static void AppendKey(const Node& node, uint32_t start, std::vector<uint32_t>& key) {
    const auto relative = [start](uint32_t ref) {
      return ref != expr::kNoNode && ref >= start ? kInBody | (ref - start) : ref;
    };
    const bool aggregate = node.op == Op::kAggregate;
    key.insert(key.end(), {static_cast<uint32_t>(node.op), static_cast<uint32_t>(node.compare),
                           static_cast<uint32_t>(node.aggregate), static_cast<uint32_t>(node.collection), node.depth,
                           ReadsNodeA(node.op) ? relative(node.a) : node.a,
                           ReadsNodeB(node.op) ? relative(node.b) : node.b, aggregate ? relative(node.body_end) : 0,
                           aggregate ? relative(node.filter) : 0, aggregate ? relative(node.value) : 0});
  }

  uint32_t Constant(const expr::Value& value) {
    const auto same = [&](const expr::Value& c) {
      return c.number == value.number && c.truth == value.truth && c.symbol == value.symbol;
    };
    const auto it = std::find_if(merged_.constants.begin(), merged_.constants.end(), same);
    if (it != merged_.constants.end()) return static_cast<uint32_t>(it - merged_.constants.begin());
    merged_.constants.push_back(value);
    return static_cast<uint32_t>(merged_.constants.size() - 1);
  }

  uint32_t String(const std::string& text) {
    const auto it = std::find(merged_.strings.begin(), merged_.strings.end(), text);
    if (it != merged_.strings.end()) return static_cast<uint32_t>(it - merged_.strings.begin());
    merged_.strings.push_back(text);
    return static_cast<uint32_t>(merged_.strings.size() - 1);
  }

  expr::Program merged_;
  std::map<std::vector<uint32_t>, uint32_t> units_;  // key of a unit -> its first merged node
};

}  // namespace

MergedProgram MergePrograms(std::span<const expr::Program* const> programs) {
  Merger merger;
  MergedProgram out;
  out.node_of.resize(programs.size());
  for (size_t p = 0; p < programs.size(); ++p) merger.Add(*programs[p], out.node_of[p]);
  out.program = merger.Take();
  return out;
}

}  // namespace eccn::bulk
