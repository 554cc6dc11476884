// The compiled form of a RuleSet, private to the library.
#pragma once

#include <algorithm>
#include <cctype>
#include <memory>
#include <string_view>
#include <vector>

#include <eccn/rules.h>
#include "expr/program.h"

namespace eccn {

struct CompiledClause {
  uint32_t node = expr::kNoNode;
  std::vector<uint32_t> comparisons;  // indices into Program::comparisons
  std::vector<uint32_t> reads;
};

struct CompiledMetric {
  uint32_t node = expr::kNoNode;
  Number display_scale = 1;  // base units per display unit
  std::vector<uint32_t> reads;
};

struct CompiledEntry {
  CompiledClause condition;
  std::vector<size_t> conditions;   // named conditions it uses, directly or not
  std::vector<size_t> unless;       // indices into CompiledPack::exclusions
  std::vector<size_t> subsumed_by;  // indices of earlier entries
};

struct CompiledPack {
  expr::Program program;
  std::vector<CompiledMetric> metrics;
  std::vector<CompiledClause> conditions;
  std::vector<std::vector<size_t>> condition_uses;  // per condition: conditions it uses, directly or not
  std::vector<CompiledClause> exclusions;
  std::vector<CompiledEntry> entries;
};

// The notice names the chip (its parts are matched case-insensitively).
inline bool NoticeNames(const NoticeInfo& notice, std::string_view chip) {
  const auto same = [chip](const std::string& part) {
    return std::equal(part.begin(), part.end(), chip.begin(), chip.end(), [](char x, char y) {
      return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
    });
  };
  return std::any_of(notice.parts.begin(), notice.parts.end(), same);
}

struct RuleSet::Impl {
  FormatTable formats;
  std::vector<PackInfo> packs;
  std::vector<CompiledPack> compiled;  // parallel to packs
  std::vector<RuleFileDigest> files;
};

}  // namespace eccn
