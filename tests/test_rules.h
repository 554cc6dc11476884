// Shared test fixtures: the shipped rules, loaded once.
#pragma once

#include <eccn/eccn.h>

namespace eccn::testing_support {

inline const RuleSet& ShippedRules() {
  static const RuleSet rules = [] {
    Loaded<RuleSet> loaded = LoadRules(ECCN_SOURCE_DIR "/rules");
    if (!loaded.ok()) std::abort();
    return *loaded.value;
  }();
  return rules;
}

// The 2023 3A090 pack alone, for tests whose counts must not change when packs are added.
inline const RuleSet& Rules2023() {
  static const RuleSet rules = [] {
    Loaded<RuleSet> loaded = LoadRules(ECCN_SOURCE_DIR "/rules/us/ear-3a090-2023.yaml");
    if (!loaded.ok()) std::abort();
    return *loaded.value;
  }();
  return rules;
}

inline const FormatTable& Formats() { return ShippedRules().formats(); }

}  // namespace eccn::testing_support
