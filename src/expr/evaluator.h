// Runs a compiled Program over one chip.
#pragma once

#include <array>
#include <string>
#include <utility>
#include <vector>

#include "expr/program.h"

namespace eccn::expr {

// One item of a collection (a format rate, a die), its fields by slot.
struct Item {
  std::array<Value, kMaxItemFields> fields;
  std::string path;  // "throughput.fp8", "dies[1]", for naming missing data
};

// A chip's values laid out by slot, built once per chip.
struct ChipValues {
  std::vector<Value> fields;  // by top-level slot
  std::vector<std::string> field_paths;
  bool has_formats = false;
  std::vector<Item> formats;
  bool has_dies = false;
  std::vector<Item> dies;
  bool has_described_in = false;
  std::vector<std::string> described_in;  // CCL paragraphs, for described_in('...')
};

class Evaluator {
 public:
  explicit Evaluator(const Program& program);

  // Evaluates every node. Never throws: arithmetic overflow makes the node's
  // value unknown and is recorded in overflowed().
  void Run(const ChipValues& chip);

  const Value& value(uint32_t node) const { return values_[node]; }
  // (node, path) for every read of unknown data, in evaluation order.
  const std::vector<std::pair<uint32_t, std::string>>& missing() const { return missing_; }
  bool overflowed() const { return overflowed_; }
  // True if some division had a divisor that is exactly zero (its result is unknown).
  bool divided_by_zero() const { return divided_by_zero_; }

  // Paths of missing data read by any of `reads` (sorted node indices), deduplicated.
  std::vector<std::string> MissingAmong(const std::vector<uint32_t>& reads) const;
  // Paths of uncertain data (bounded but not exact, see ChipSpec::uncertain) read by any of `reads`.
  std::vector<std::string> UncertainAmong(const std::vector<uint32_t>& reads) const;

 private:
  void RunRange(uint32_t begin, uint32_t end, const ChipValues& chip);
  void Step(uint32_t index, const ChipValues& chip);
  void RunAggregate(uint32_t index, const ChipValues& chip);
  static std::vector<std::string> PathsAmong(const std::vector<std::pair<uint32_t, std::string>>& found,
                                             const std::vector<uint32_t>& reads);

  const Program& program_;
  std::vector<Value> values_;
  std::array<const Item*, kMaxAggregateDepth> items_{};
  std::vector<std::pair<uint32_t, std::string>> missing_;
  std::vector<std::pair<uint32_t, std::string>> uncertain_;
  bool overflowed_ = false;
  bool divided_by_zero_ = false;
};

}  // namespace eccn::expr
