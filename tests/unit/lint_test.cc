// The rule linter: each kind of problem in a deliberately broken pack is
// flagged, and the shipped rules are clean. (Problems that stop loading, such
// as a missing citation or an unknown name, are covered in pack_loader_test.)
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <eccn/eccn.h>

namespace eccn {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr const char* kFormats = "kind: formats\nformats:\n  - {name: fp16, bits: 16}\n";

std::string Pack(const std::string& id, const std::string& dates, const std::string& entries,
                 const std::string& extra_metric = "") {
  return "kind: pack\nid: " + id + "\nseries: s\ntitle: t\njurisdiction: US\nregulation: EAR\nstatus: in_force\n" +
         "citation: {text: 88 FR 73458}\n" + dates +
         "metrics:\n  - id: tpp\n    title: t\n    expr: 'max(f in formats: f.rate / 1 TOPS * f.bits)'\n" +
         extra_metric + "entries:\n" + entries;
}

std::string Entry(const std::string& id, const std::string& when, const std::string& extra = "") {
  return "  - id: " + id + "\n    title: t\n    text: words\n    reasons_for_control: [RS]\n    when: " + when + "\n" +
         extra;
}

std::vector<std::string> Lint(const std::vector<std::string>& packs) {
  std::vector<RuleSource> sources{{"formats.yaml", kFormats}};
  for (size_t i = 0; i < packs.size(); ++i) sources.push_back({"pack" + std::to_string(i) + ".yaml", packs[i]});
  Loaded<RuleSet> rules = ParseRules(sources);
  EXPECT_TRUE(rules.ok()) << (rules.diagnostics.empty() ? "" : rules.diagnostics[0].ToString());
  std::vector<std::string> out;
  if (!rules.ok()) return out;
  for (const Diagnostic& d : LintRules(*rules.value)) {
    EXPECT_EQ(d.severity, Severity::kWarning);
    out.push_back(d.ToString());
  }
  return out;
}

const std::string kDates = "effective: 2023-11-17\n";

TEST(Lint, CleanPackHasNoWarnings) { EXPECT_THAT(Lint({Pack("p", kDates, Entry("X.a", "tpp >= 4800"))}), IsEmpty()); }

TEST(Lint, FlagsAnEntryThatCanNeverMatch) {
  EXPECT_THAT(Lint({Pack("p", kDates, Entry("X.a", "tpp >= 4800 and tpp < 2400"))}),
              ElementsAre("pack0.yaml:15:5: warning: entry 'X.a' can never match: no chip satisfies its conditions"));
}

TEST(Lint, FlagsAnEntryAlwaysGivingWayToAnother) {
  const std::string entries = Entry("X.a", "tpp >= 1600") + Entry("X.b", "tpp >= 2400", "    subsumed_by: [X.a]\n");
  EXPECT_THAT(Lint({Pack("p", kDates, entries)}), ElementsAre(HasSubstr("entry 'X.b' can never match")));
}

TEST(Lint, FlagsAnEntryThatAlwaysMatches) {
  EXPECT_THAT(Lint({Pack("p", kDates, Entry("X.a", "tpp >= 4800 or tpp < 4800"))}),
              ElementsAre(HasSubstr("entry 'X.a' always matches, whatever the chip")));
  EXPECT_THAT(Lint({Pack("p", kDates,
                         Entry("X.a",
                               "tpp >= 0 and (marketed_for == 'consumer' or marketed_for != "
                               "'consumer') or tpp < 0"))}),
              ElementsAre(HasSubstr("always matches")));
}

TEST(Lint, DoesNotFlagSatisfiableConditions) {
  // The 3A090.b shape: bands on two metrics, an exclusion and a precedence.
  const std::string entries = Entry("X.a", "tpp >= 4800 or (tpp >= 1600 and marketed_for == 'datacenter')") +
                              Entry("X.b", "(tpp >= 2400 and tpp < 4800) or tpp >= 1600", "    subsumed_by: [X.a]\n");
  EXPECT_THAT(Lint({Pack("p", kDates, entries)}), IsEmpty());
}

TEST(Lint, FlagsUnusedMetricsAndMissingText) {
  const std::string unused = "  - id: spare\n    title: unused\n    expr: tpp * 2\n";
  EXPECT_THAT(Lint({Pack("p", kDates, Entry("X.a", "tpp >= 4800"), unused)}),
              ElementsAre("pack0.yaml:14:5: warning: metric 'spare' is never used and not shown"));
  const std::string bare = "  - id: X.a\n    title: t\n    when: tpp >= 4800\n";
  EXPECT_THAT(Lint({Pack("p", kDates, bare)}), ElementsAre(HasSubstr("entry 'X.a' has no 'text'"),
                                                           HasSubstr("entry 'X.a' lists no 'reasons_for_control'")));
}

TEST(Lint, FlagsOverlappingVersionsOfASeries) {
  const std::string old_open = Pack("old", "effective: 2022-10-07\n", Entry("X.a", "tpp >= 4800"));
  const std::string new_one = Pack("new", "effective: 2023-11-17\n", Entry("X.a", "tpp >= 4800"));
  EXPECT_THAT(Lint({old_open, new_one}),
              ElementsAre("pack1.yaml:1:1: warning: pack 'new' (from 2023-11-17) overlaps 'old' of the same series "
                          "'s' (2022-10-07 to open-ended)"));
  const std::string old_closed = Pack("old", "effective: 2022-10-07\nend: 2023-11-16\n", Entry("X.a", "tpp >= 4800"));
  EXPECT_THAT(Lint({old_closed, new_one}), IsEmpty());
}

TEST(Lint, ShippedRulesAreClean) {
  Loaded<RuleSet> rules = LoadRules(ECCN_SOURCE_DIR "/rules");
  ASSERT_TRUE(rules.ok());
  EXPECT_THAT(LintRules(*rules.value), IsEmpty());
}

}  // namespace
}  // namespace eccn
