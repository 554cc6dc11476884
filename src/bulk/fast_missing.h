// What the exact classifier names as missing for an open entry
// (EntryResult::missing: "needs described_in"), found for a record the fast
// path classified, so that the table's rows of open entries need not be
// classified again in exact arithmetic.
//
// The exact evaluator notes each field it reads that is not known, in the
// order it reads them, and forgets those of an item its filter surely leaves
// out; a clause that stays open names the noted fields its open comparisons
// read. A fast-path record holds no ranges or alternatives, so every field is
// a known point or absent: which fields are absent is read off the record,
// which items were left out off the fast evaluator, and the order is the
// order each pack's own program reads them in.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <eccn/classification.h>
#include "bulk/fast_chip.h"
#include "bulk/fast_evaluator.h"

namespace eccn {
struct CompiledClause;
struct CompiledPack;
struct FormatTable;
}  // namespace eccn

namespace eccn::bulk {

class MissingFields {
 public:
  // One pack in force: its compiled form and its node -> merged node map.
  struct Pack {
    const CompiledPack* compiled = nullptr;
    const std::vector<uint32_t>* node_of = nullptr;
  };
  MissingFields(std::span<const Pack> packs, const FormatTable& formats);

  // EntryResult::missing of every entry of the packs, in order, for `chip`
  // after `evaluator` ran it in full (RunDeferred too) and gave `verdicts`;
  // `out`'s lists are reused. The names are views of this object's paths or
  // of static names: nothing is allocated once the lists have grown. False
  // when this cannot tell: a read inside an aggregate nested in another,
  // whose items this does not follow.
  bool Find(const FastChip& chip, const FastEvaluator& evaluator, std::span<const Verdict> verdicts,
            std::vector<std::vector<std::string_view>>& out) const;
  // Everything Find reads of a record, as bytes (same arguments): records
  // with equal keys get the same answer, so a worker can remember answers.
  void Key(const FastChip& chip, const FastEvaluator& evaluator, std::span<const Verdict> verdicts,
           std::string& key) const;

 private:
  struct PackLayout {
    Pack pack;
    // Per node of the pack's program: the outermost aggregate whose body holds
    // it (expr::kNoNode if none), and whether a second one holds it too.
    std::vector<uint32_t> outer_aggregate;
    std::vector<bool> nested;
  };
  struct Walk;  // one Find's state

  std::vector<PackLayout> packs_;
  size_t entry_count_ = 0;  // of all packs
  // Merged nodes whose truth Find may read (the entries' clauses and their
  // comparisons), and the outermost aggregates whose left-out items it may.
  std::vector<uint32_t> read_truths_;
  std::vector<uint32_t> outer_aggregates_;
  // The paths Find names: "throughput.<format>" per format of the table, and
  // "dies[k].<field>" per die k and die field slot.
  std::vector<std::string> format_paths_;
  std::vector<std::array<std::string, expr::kMaxItemFields>> die_paths_;
};

}  // namespace eccn::bulk
