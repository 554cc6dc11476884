#include "bulk/fast_missing.h"

#include <boost/container/small_vector.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>

#include <eccn/rules.h>
#include "rule_set_impl.h"
#include "unique_append.h"

namespace eccn::bulk {
namespace {

// As the exact evaluator's IsKnown: a fast-path record holds points, or nothing.
bool IsKnown(const FastValue& value, const expr::Type& type) {
  switch (type.kind) {
    case expr::Type::Kind::kNumber:
      return std::isfinite(value.lo) && std::isfinite(value.hi);
    case expr::Type::Kind::kBool:
      return value.truth != Truth::kUnknown;
    case expr::Type::Kind::kSymbol:
      return value.symbol >= 0;
  }
  return false;
}

// What one clause's reads lack, before it joins an entry's list.
using Names = boost::container::small_vector<std::string_view, 16>;

// Per item of a collection, bit s set when the item's field slot s is not known.
using UnknownSlots = std::array<uint32_t, kFastMaxItems>;

UnknownSlots UnknownItemSlots(const FastChip& chip, expr::Collection collection) {
  static_assert(expr::kMaxItemFields <= 32, "a bit per slot");
  const bool is_format = collection == expr::Collection::kFormats;
  const std::span<const expr::FieldInfo> fields = expr::Collections()[static_cast<size_t>(collection)].item_fields;
  UnknownSlots unknown{};
  for (size_t k = 0; k < (is_format ? chip.format_count : chip.die_count); ++k) {
    const FastItem& item = is_format ? chip.formats[k] : chip.dies[k];
    for (size_t slot = 0; slot < fields.size(); ++slot) {
      if (!IsKnown(item.fields[slot], fields[slot].type)) unknown[k] |= uint32_t{1} << slot;
    }
  }
  return unknown;
}

}  // namespace

// One pack's reads, turned into the paths the exact evaluator notes for them.
struct MissingFields::Walk {
  const MissingFields& paths;
  const PackLayout& layout;
  const FastChip& chip;
  const FastEvaluator& evaluator;
  const UnknownSlots& unknown_formats;
  const UnknownSlots& unknown_dies;
  bool ok = true;

  Truth TruthOf(uint32_t node) const { return evaluator.value((*layout.pack.node_of)[node]).truth; }

  // A node that reads the same whatever the item: a top-level field, the
  // described_in list, a collection.
  void Plain(const expr::Node& node, Names& found) const {
    if (node.op == expr::Op::kField) {
      const expr::FieldInfo& field = expr::TopLevelFields()[node.a];
      if (!IsKnown(chip.fields[node.a], field.type)) AppendUnique(found, field.name);
    } else if (node.op == expr::Op::kDescribedIn) {
      if (!chip.has_described_in) AppendUnique(found, "described_in");
    } else if (node.op == expr::Op::kAggregate) {
      const bool present = node.collection == expr::Collection::kFormats ? chip.has_formats : chip.has_dies;
      if (!present) AppendUnique(found, expr::Collections()[static_cast<size_t>(node.collection)].spec_key);
    }
  }

  // A node of an aggregate's body, for item k of its collection.
  void Item(const expr::Node& node, size_t k, Names& found) const {
    if (node.op != expr::Op::kItemField) {
      Plain(node, found);
      return;
    }
    const bool is_format = node.collection == expr::Collection::kFormats;
    const FastItem& item = is_format ? chip.formats[k] : chip.dies[k];
    const expr::FieldInfo& field = expr::Collections()[static_cast<size_t>(node.collection)].item_fields[node.a];
    if (IsKnown(item.fields[node.a], field.type)) return;
    if (is_format) {
      AppendUnique(found, paths.format_paths_[static_cast<size_t>(item.fields[expr::kFormatName].symbol)]);
    } else {
      AppendUnique(found, paths.die_paths_[k][node.a]);
    }
  }

  // Whether an item the filter may select lacks a field among the item
  // fields `group` reads (all of `collection`, else true to be safe).
  bool AnyItemLacks(std::span<const uint32_t> group, expr::Collection collection, uint32_t left_out) const {
    const std::vector<expr::Node>& nodes = layout.pack.compiled->program.nodes;
    uint32_t slots = 0;
    for (const uint32_t read : group) {
      const expr::Node& node = nodes[read];
      if (node.op != expr::Op::kItemField) continue;
      if (node.collection != collection) return true;
      slots |= uint32_t{1} << node.a;
    }
    const UnknownSlots& unknown = collection == expr::Collection::kFormats ? unknown_formats : unknown_dies;
    const size_t count = collection == expr::Collection::kFormats ? chip.format_count : chip.die_count;
    for (size_t k = 0; k < count; ++k) {
      if (((left_out >> k) & 1U) == 0 && (unknown[k] & slots) != 0) return true;
    }
    return false;
  }

  // The missing fields among `reads`, in the order the pack's own evaluation
  // meets them: node order, and an aggregate's body item by item, leaving out
  // the items its filter surely leaves out.
  void Among(std::span<const uint32_t> reads, Names& found) {
    const std::vector<expr::Node>& nodes = layout.pack.compiled->program.nodes;
    for (size_t r = 0; r < reads.size();) {
      const uint32_t outer = layout.outer_aggregate[reads[r]];
      if (outer == expr::kNoNode) {
        Plain(nodes[reads[r]], found);
        ++r;
        continue;
      }
      size_t end = r;
      for (; end < reads.size() && layout.outer_aggregate[reads[end]] == outer; ++end) {
        if (layout.nested[reads[end]]) {
          ok = false;
          return;
        }
      }
      const expr::Collection collection = nodes[outer].collection;
      const bool is_format = collection == expr::Collection::kFormats;
      if (is_format ? chip.has_formats : chip.has_dies) {
        const size_t count = is_format ? chip.format_count : chip.die_count;
        const uint32_t left_out = evaluator.left_out_items((*layout.pack.node_of)[outer]);
        if (AnyItemLacks(reads.subspan(r, end - r), collection, left_out)) {
          for (size_t k = 0; k < count; ++k) {
            if (((left_out >> k) & 1U) != 0) continue;
            for (size_t q = r; q < end; ++q) Item(nodes[reads[q]], k, found);
          }
        } else if (std::popcount(left_out) < static_cast<int>(count)) {
          // Item by item, only the reads of whole-record fields could add, and
          // all they add is added at the first item: once, in order.
          for (size_t q = r; q < end; ++q) {
            if (nodes[reads[q]].op != expr::Op::kItemField) Plain(nodes[reads[q]], found);
          }
        }
      }
      r = end;
    }
  }

  // As the exact classifier: an open clause names the missing fields of its
  // open comparisons or, when they name none, of everything it reads.
  void Clause(const CompiledClause& clause, std::vector<std::string_view>& missing) {
    if (TruthOf(clause.node) != Truth::kUnknown) return;
    Names found;
    const std::vector<expr::ComparisonInfo>& comparisons = layout.pack.compiled->program.comparisons;
    for (const uint32_t index : clause.comparisons) {
      if (TruthOf(comparisons[index].node) == Truth::kUnknown) Among(comparisons[index].reads, found);
    }
    if (found.empty()) Among(clause.reads, found);
    for (const std::string_view name : found) AppendUnique(missing, name);
  }
};

MissingFields::MissingFields(std::span<const Pack> packs, const FormatTable& formats) {
  for (const OperandFormat& format : formats.formats) format_paths_.push_back("throughput." + format.name);
  const std::span<const expr::FieldInfo> die_fields =
      expr::Collections()[static_cast<size_t>(expr::Collection::kDies)].item_fields;
  die_paths_.resize(kFastMaxItems);
  for (size_t k = 0; k < kFastMaxItems; ++k) {
    for (size_t slot = 0; slot < die_fields.size(); ++slot) {
      die_paths_[k][slot] = "dies[" + std::to_string(k) + "]." + std::string(die_fields[slot].name);
    }
  }
  for (const Pack& pack : packs) {
    const std::vector<expr::Node>& nodes = pack.compiled->program.nodes;
    PackLayout layout{pack, std::vector<uint32_t>(nodes.size(), expr::kNoNode), std::vector<bool>(nodes.size(), false)};
    for (uint32_t i = 0; i < nodes.size(); ++i) {
      if (nodes[i].op != expr::Op::kAggregate) continue;
      for (uint32_t k = i + 1; k < nodes[i].body_end; ++k) {
        if (layout.outer_aggregate[k] == expr::kNoNode) {
          layout.outer_aggregate[k] = i;  // aggregates come before those they hold
        } else {
          layout.nested[k] = true;
        }
      }
    }
    for (uint32_t i = 0; i < nodes.size(); ++i) {
      if (nodes[i].op == expr::Op::kAggregate && layout.outer_aggregate[i] == expr::kNoNode) {
        outer_aggregates_.push_back((*pack.node_of)[i]);
      }
    }
    const auto add_clause = [&](const CompiledClause& clause) {
      read_truths_.push_back((*pack.node_of)[clause.node]);
      for (const uint32_t index : clause.comparisons) {
        read_truths_.push_back((*pack.node_of)[pack.compiled->program.comparisons[index].node]);
      }
    };
    for (const CompiledEntry& entry : pack.compiled->entries) add_clause(entry.condition);
    for (const CompiledClause& exclusion : pack.compiled->exclusions) add_clause(exclusion);
    packs_.push_back(std::move(layout));
    entry_count_ += pack.compiled->entries.size();
  }
  for (std::vector<uint32_t>* nodes : {&read_truths_, &outer_aggregates_}) {
    std::sort(nodes->begin(), nodes->end());
    nodes->erase(std::unique(nodes->begin(), nodes->end()), nodes->end());
  }
}

void MissingFields::Key(const FastChip& chip, const FastEvaluator& evaluator, std::span<const Verdict> verdicts,
                        std::string& key) const {
  key.clear();
  const auto add = [&key](auto value) { key.append(reinterpret_cast<const char*>(&value), sizeof value); };
  for (const Verdict verdict : verdicts) add(static_cast<uint8_t>(verdict));
  for (const uint32_t node : read_truths_) add(static_cast<uint8_t>(evaluator.value(node).truth));
  uint32_t known_fields = 0;
  const std::span<const expr::FieldInfo> fields = expr::TopLevelFields();
  static_assert(kFastMaxTopLevelFields <= 32, "a bit per field");
  for (size_t slot = 0; slot < fields.size(); ++slot) {
    if (IsKnown(chip.fields[slot], fields[slot].type)) known_fields |= uint32_t{1} << slot;
  }
  add(known_fields);
  add(static_cast<uint8_t>(chip.has_described_in | chip.has_formats << 1U | chip.has_dies << 2U));
  add(static_cast<uint8_t>(chip.format_count));
  add(static_cast<uint8_t>(chip.die_count));
  const UnknownSlots unknown_formats = UnknownItemSlots(chip, expr::Collection::kFormats);
  const UnknownSlots unknown_dies = UnknownItemSlots(chip, expr::Collection::kDies);
  for (size_t k = 0; k < chip.format_count; ++k) {
    add(unknown_formats[k]);
    add(chip.formats[k].fields[expr::kFormatName].symbol);  // names the path of a rate it lacks
  }
  for (size_t k = 0; k < chip.die_count; ++k) add(unknown_dies[k]);
  for (const uint32_t node : outer_aggregates_) add(evaluator.left_out_items(node));
}

bool MissingFields::Find(const FastChip& chip, const FastEvaluator& evaluator, std::span<const Verdict> verdicts,
                         std::vector<std::vector<std::string_view>>& out) const {
  out.resize(entry_count_);
  const UnknownSlots unknown_formats = UnknownItemSlots(chip, expr::Collection::kFormats);
  const UnknownSlots unknown_dies = UnknownItemSlots(chip, expr::Collection::kDies);
  size_t index = 0;
  for (const PackLayout& layout : packs_) {
    const CompiledPack& pack = *layout.pack.compiled;
    const size_t first = index;
    Walk walk{*this, layout, chip, evaluator, unknown_formats, unknown_dies};
    for (const CompiledEntry& entry : pack.entries) {
      std::vector<std::string_view>& needs = out[index];
      needs.clear();
      if (verdicts[index++] != Verdict::kIndeterminate) continue;  // as the exact classifier, which clears it
      walk.Clause(entry.condition, needs);
      for (const size_t exclusion : entry.unless) walk.Clause(pack.exclusions[exclusion], needs);
      if (!walk.ok) return false;
      for (const size_t earlier : entry.subsumed_by) {
        if (verdicts[first + earlier] == Verdict::kIndeterminate) AppendUnique(needs, out[first + earlier]);
      }
    }
  }
  return true;
}

}  // namespace eccn::bulk
