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

// The 3A090.a/.b pack of 88 FR 73458 alone, for tests whose hand calculations
// are about those two paragraphs (other packs add entries such as 3A991.p).
inline const RuleSet& ThreeA090Rules() {
  static const RuleSet rules = [] {
    Loaded<RuleSet> loaded = LoadRules(ECCN_SOURCE_DIR "/rules/us/ear-3a090-2023.yaml");
    if (!loaded.ok()) std::abort();
    return *loaded.value;
  }();
  return rules;
}

inline const FormatTable& Formats() { return ShippedRules().formats(); }

}  // namespace eccn::testing_support
