// Rule versions over time: pack statuses, postures, exporters, named
// conditions, notices and the spec fields later packs read.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <eccn/eccn.h>

#include "test_printers.h"
#include "test_rules.h"

namespace eccn {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

const char* const kFormats = "kind: formats\nformats:\n  - {name: fp8, bits: 8}\n  - {name: fp16, bits: 16}\n";

// A pack with the given header lines and body (metrics, conditions, entries...).
std::string Pack(const std::string& id, const std::string& header, const std::string& body) {
  return fmt::format(
      "kind: pack\nid: {}\ntitle: T\njurisdiction: US\nregulation: R\ncitation:\n  text: 1 FR 1\n{}\n"
      "metrics:\n  - id: tpp\n    title: TPP\n    expr: 'max(f in formats: f.rate / 1 TOPS * f.bits)'\n{}",
      id, header, body);
}

const char* const kControlEntry = "entries:\n  - id: E.a\n    title: big\n    when: tpp >= 4800\n";

Loaded<RuleSet> Rules(std::vector<std::string> packs) {
  std::vector<RuleSource> sources{{"formats.yaml", kFormats}};
  for (size_t i = 0; i < packs.size(); ++i) sources.push_back({fmt::format("p{}.yaml", i), std::move(packs[i])});
  return ParseRules(sources);
}

std::string Errors(const Loaded<RuleSet>& rules) {
  std::string out;
  for (const Diagnostic& d : rules.diagnostics) out += d.ToString() + "\n";
  return out;
}

ChipSpec Spec(const std::string& yaml, const RuleSet& rules) {
  Loaded<ChipSpec> spec = ParseChipSpec(yaml, "chip.yaml", rules.formats());
  EXPECT_TRUE(spec.ok()) << (spec.diagnostics.empty() ? "" : spec.diagnostics[0].ToString());
  return spec.value.value_or(ChipSpec{});
}

const Date kBefore{2025, 1, 1};
const Date kFrom{2025, 5, 13};

TEST(PackStatus, UnknownStatusIsAnErrorNamingTheChoices) {
  auto rules = Rules({Pack("p", "status: enforced\neffective: 2024-01-01", kControlEntry)});
  EXPECT_FALSE(rules.ok());
  EXPECT_THAT(Errors(rules),
              HasSubstr("p0.yaml:8:9: error: invalid status 'enforced', expected in_force | superseded"));
}

TEST(PackStatus, SupersededNeedsAnEndAndNotEnforcedNeedsItsDate) {
  EXPECT_THAT(Errors(Rules({Pack("p", "status: superseded\neffective: 2024-01-01", kControlEntry)})),
              HasSubstr("a superseded pack needs 'end'"));
  EXPECT_THAT(Errors(Rules({Pack("p", "status: text_not_enforced\neffective: 2024-01-01", kControlEntry)})),
              HasSubstr("'not_enforced_from' goes with status text_not_enforced"));
  EXPECT_THAT(Errors(Rules({Pack("p", "status: in_force\neffective: 2024-01-01\nnot_enforced_from: 2024-06-01",
                                 kControlEntry)})),
              HasSubstr("'not_enforced_from' goes with status text_not_enforced"));
}

TEST(PackStatus, TextNotEnforcedAppliesUnderCfrTextOnly) {
  auto rules = Rules(
      {Pack("p", "status: text_not_enforced\neffective: 2024-01-01\nnot_enforced_from: 2025-05-13", kControlEntry)});
  ASSERT_TRUE(rules.ok()) << Errors(rules);
  const PackInfo& pack = rules.value->packs()[0];
  EXPECT_TRUE(pack.AppliesOn(Context(kBefore)));
  EXPECT_FALSE(pack.AppliesOn(Context(kFrom)));
  EXPECT_TRUE(pack.AppliesOn(Context(kFrom, Posture::kCfrText)));
  const ChipSpec chip = Spec("name: X\nthroughput:\n  fp8: 700 TFLOPS\n", *rules.value);
  EXPECT_EQ(rules.value->Classify(chip, Context(kFrom)).Overall(), Verdict::kNotControlled);
  EXPECT_EQ(rules.value->Classify(chip, Context(kFrom, Posture::kCfrText)).Overall(), Verdict::kControlled);
}

TEST(PackStatus, ProposedNeverApplies) {
  auto rules = Rules({Pack("p", "status: proposed\neffective: 2024-01-01", kControlEntry)});
  ASSERT_TRUE(rules.ok()) << Errors(rules);
  EXPECT_FALSE(rules.value->packs()[0].AppliesOn(Context(kFrom, Posture::kCfrText)));
  EXPECT_THAT(rules.value->ChangeDates(Posture::kCfrText, ""), IsEmpty());
}

TEST(PackStatus, ReviewPolicyZonesNeverControl) {
  auto rules = Rules({Pack("zone", "status: review_policy\neffective: 2024-01-01",
                           "entries:\n  - id: Z\n    title: zone\n    when: tpp < 21000\n")});
  ASSERT_TRUE(rules.ok()) << Errors(rules);
  const Classification c =
      rules.value->Classify(Spec("name: X\nthroughput:\n  fp8: 700 TFLOPS\n", *rules.value), Context(kFrom));
  ASSERT_EQ(c.results.size(), 1u);
  EXPECT_EQ(c.results[0].effect, "review_policy");
  EXPECT_EQ(c.results[0].verdict, Verdict::kControlled);  // inside the zone
  EXPECT_EQ(c.Overall(), Verdict::kNotControlled);
  EXPECT_THAT(c.EntriesWith(Verdict::kControlled), IsEmpty());
}

TEST(PackExporters, BindOnlyTheNamedExporters) {
  auto rules = Rules({Pack("foundry", "status: in_force\neffective: 2025-01-16\nexporters: [osat]", kControlEntry)});
  ASSERT_TRUE(rules.ok()) << Errors(rules);
  const PackInfo& pack = rules.value->packs()[0];
  EXPECT_FALSE(pack.AppliesOn(Context(kFrom)));
  EXPECT_FALSE(pack.AppliesOn(Context(kFrom, Posture::kEnforced, "front-end-fabricator")));
  EXPECT_TRUE(pack.AppliesOn(Context(kFrom, Posture::kEnforced, "osat")));
  EXPECT_THAT(Errors(Rules({Pack("f", "status: in_force\neffective: 2025-01-16\nexporters: [fab]", kControlEntry)})),
              HasSubstr("invalid exporter 'fab', expected front-end-fabricator | osat"));
}

TEST(ChangeDates, AreEffectiveDatesDaysAfterEndsAndEnforcementStops) {
  auto rules = Rules(
      {Pack("old", "status: superseded\neffective: 2022-10-07\nend: 2023-11-16", kControlEntry),
       Pack("ai", "status: text_not_enforced\neffective: 2025-01-15\nnot_enforced_from: 2025-05-13", kControlEntry)});
  ASSERT_TRUE(rules.ok()) << Errors(rules);
  EXPECT_THAT(rules.value->ChangeDates(Posture::kEnforced, ""),
              ElementsAre(Date{2022, 10, 7}, Date{2023, 11, 17}, Date{2025, 1, 15}, Date{2025, 5, 13}));
  EXPECT_THAT(rules.value->ChangeDates(Posture::kCfrText, ""),
              ElementsAre(Date{2022, 10, 7}, Date{2023, 11, 17}, Date{2025, 1, 15}));
}

TEST(Dates, NextDayCrossesMonthsYearsAndLeapDays) {
  EXPECT_EQ(Date({2023, 11, 16}).NextDay(), Date({2023, 11, 17}));
  EXPECT_EQ(Date({2024, 2, 28}).NextDay(), Date({2024, 2, 29}));
  EXPECT_EQ(Date({2023, 2, 28}).NextDay(), Date({2023, 3, 1}));
  EXPECT_EQ(Date({2026, 12, 31}).NextDay(), Date({2027, 1, 1}));
  EXPECT_EQ(Date({2027, 1, 1}).PreviousDay(), Date({2026, 12, 31}));
  EXPECT_EQ(Date({2024, 3, 1}).PreviousDay(), Date({2024, 2, 29}));
}

const char* const kConditions =
    "conditions:\n"
    "  - id: meets_a\n    title: 3A090.a thresholds\n    when: tpp >= 4800\n"
    "  - id: system_meets_a\n    title: a system with such an IC\n    when: kind == 'system' and meets_a\n"
    "entries:\n"
    "  - id: 3A090.a\n    title: IC\n    when: kind != 'system' and meets_a\n"
    "  - id: 4A090.a\n    title: computer\n    when: system_meets_a\n    licensing: 3A090.a\n";

TEST(NamedConditions, AreSharedByEntriesAndTracedInTheirClauses) {
  auto rules = Rules({Pack("p", "status: in_force\neffective: 2023-11-17", kConditions)});
  ASSERT_TRUE(rules.ok()) << Errors(rules);
  const Classification board = rules.value->Classify(
      Spec("name: B\nkind: system\nthroughput:\n  fp8: 1979 TFLOPS\n", *rules.value), Context(kFrom));
  EXPECT_THAT(board.EntriesWith(Verdict::kControlled), ElementsAre("4A090.a"));
  ASSERT_EQ(board.results.size(), 2u);
  const EntryResult& system = board.results[1];
  EXPECT_EQ(system.licensing, "3A090.a");
  EXPECT_EQ(board.results[0].licensing, "3A090.a");  // its own id by default
  // The named conditions it uses, the inner one too, each with its comparisons.
  ASSERT_EQ(system.clauses.size(), 3u);
  EXPECT_EQ(system.clauses[1].role, ClauseTrace::Role::kNamedCondition);
  EXPECT_EQ(system.clauses[1].id, "meets_a");
  ASSERT_EQ(system.clauses[1].comparisons.size(), 1u);
  EXPECT_EQ(system.clauses[1].comparisons[0].lhs, Interval::Exact(15832));
  EXPECT_EQ(system.clauses[2].id, "system_meets_a");
}

TEST(NamedConditions, CannotBeUsedBeforeTheyAreDefinedOrShadowFields) {
  const std::string forward =
      "conditions:\n  - id: a\n    title: A\n    when: b\n  - id: b\n    title: B\n    when: tpp > 1\n" +
      std::string(kControlEntry);
  EXPECT_THAT(Errors(Rules({Pack("p", "status: in_force\neffective: 2023-11-17", forward)})),
              HasSubstr("'b' is not defined yet here"));
  const std::string shadow =
      "conditions:\n  - id: kind\n    title: K\n    when: tpp > 1\n" + std::string(kControlEntry);
  EXPECT_THAT(Errors(Rules({Pack("p", "status: in_force\neffective: 2023-11-17", shadow)})),
              HasSubstr("'kind' is a spec field"));
  const std::string number = "conditions:\n  - id: c\n    title: C\n    when: tpp * 2\n" + std::string(kControlEntry);
  EXPECT_THAT(Errors(Rules({Pack("p", "status: in_force\neffective: 2023-11-17", number)})),
              HasSubstr("'when' must be a condition"));
}

TEST(Notices, AttachToTheNamedPartsOnTheDatesThePackApplies) {
  const std::string body = std::string(kControlEntry) +
                           "notices:\n  - id: letter\n    title: is-informed letter\n    text: License required.\n"
                           "    citation: 8-K of 2025-04-15\n    parts: [NVIDIA H20]\n";
  auto rules = Rules({Pack("p", "status: in_force\neffective: 2025-04-09", body)});
  ASSERT_TRUE(rules.ok()) << Errors(rules);
  const ChipSpec h20 = Spec("name: nvidia h20\nthroughput:\n  fp8: 296 TFLOPS\n", *rules.value);
  const Classification now = rules.value->Classify(h20, Context(kFrom));
  ASSERT_EQ(now.notices.size(), 1u);
  EXPECT_EQ(now.notices[0].id, "letter");
  EXPECT_EQ(now.Overall(), Verdict::kNotControlled);  // a notice is not a threshold
  EXPECT_THAT(rules.value->Classify(h20, Context(kBefore)).notices, IsEmpty());
  const ChipSpec other = Spec("name: H100\nthroughput:\n  fp8: 296 TFLOPS\n", *rules.value);
  EXPECT_THAT(rules.value->Classify(other, Context(kFrom)).notices, IsEmpty());
  EXPECT_THAT(
      Errors(Rules({Pack("p", "status: in_force\neffective: 2025-04-09",
                         std::string(kControlEntry) + "notices:\n  - id: n\n    title: N\n    citation: C\n")})),
      HasSubstr("a notice needs 'parts'"));
}

const char* const kHbm =
    "metrics:\n  - id: mbd\n    title: memory bandwidth density\n    unit: GB/s/mm2\n"
    "    expr: memory.bandwidth / package.area\n"
    "entries:\n  - id: 3A090.c\n    title: HBM\n    when: kind == 'hbm-stack' and memory.hbm and mbd > 2 GB/s/mm2\n";

TEST(NewSpecFields, PackageAreaAndHbmMemoryDecideTheBandwidthDensityTest) {
  std::vector<RuleSource> sources{{"formats.yaml", kFormats},
                                  {"p.yaml",
                                   "kind: pack\nid: p\ntitle: T\njurisdiction: US\nregulation: R\n"
                                   "citation:\n  text: 1 FR 1\nstatus: in_force\neffective: 2024-12-02\n" +
                                       std::string(kHbm)}};
  auto rules = ParseRules(sources);
  ASSERT_TRUE(rules.ok()) << Errors(rules);
  const auto classify = [&](const std::string& bandwidth, const std::string& type) {
    const std::string yaml = fmt::format(
        "name: S\nkind: hbm-stack\nmemory:\n  type: {}\n  bandwidth: {}\npackage:\n  area: 100 mm2\n", type, bandwidth);
    return rules.value->Classify(Spec(yaml, *rules.value), Context(kFrom)).Overall();
  };
  EXPECT_EQ(classify("200 GB/s", "HBM3"), Verdict::kNotControlled);  // exactly 2: "greater than" is strict
  EXPECT_EQ(classify("200.001 GB/s", "HBM3"), Verdict::kControlled);
  EXPECT_EQ(classify("819 GB/s", "hbm3e"), Verdict::kControlled);
  EXPECT_EQ(classify("819 GB/s", "GDDR7"), Verdict::kNotControlled);
  const Classification no_area = rules.value->Classify(
      Spec("name: S\nkind: hbm-stack\nmemory:\n  type: HBM3\n  bandwidth: 819 GB/s\n", *rules.value), Context(kFrom));
  EXPECT_EQ(no_area.Overall(), Verdict::kIndeterminate);
  EXPECT_THAT(no_area.results[0].missing, ElementsAre("package.area"));
}

TEST(NewSpecFields, TransistorCountsAndDescribedInAreReadable) {
  const std::string body =
      "entries:\n"
      "  - id: F\n    title: big die\n    when: 'sum(d in dies: d.transistor_count * d.count) >= 30e9'\n"
      "  - id: 5A992.z\n    title: mass market\n    when: described_in('5A992.c') and tpp >= 4800\n";
  auto rules = Rules({Pack("p", "status: in_force\neffective: 2025-01-16", body)});
  ASSERT_TRUE(rules.ok()) << Errors(rules);
  const ChipSpec chip = Spec(
      "name: X\nthroughput:\n  fp8: 700 TFLOPS\ndies:\n  - {area: 800 mm2, role: logic, transistor_count: 15e9, "
      "count: 2}\ndescribed_in: [5A992.c]\n",
      *rules.value);
  EXPECT_THAT(rules.value->Classify(chip, Context(kFrom)).EntriesWith(Verdict::kControlled),
              ElementsAre("F", "5A992.z"));
  const ChipSpec silent = Spec("name: X\nthroughput:\n  fp8: 700 TFLOPS\ndies:\n  - {area: 800 mm2}\n", *rules.value);
  const Classification c = rules.value->Classify(silent, Context(kFrom));
  EXPECT_THAT(c.EntriesWith(Verdict::kIndeterminate), ElementsAre("F", "5A992.z"));
  EXPECT_THAT(c.results[1].missing, ElementsAre("described_in"));
  EXPECT_THAT(Errors(Rules({Pack("p", "status: in_force\neffective: 2025-01-16",
                                 "entries:\n  - id: Z\n    title: z\n    when: described_in(5)\n")})),
              HasSubstr("'described_in' takes one quoted CCL paragraph"));
}

TEST(NewSpecFields, BadValuesArePreciseErrors) {
  const FormatTable& formats = testing_support::Formats();
  auto bad_count = ParseChipSpec("name: X\ndies:\n  - {area: 1 mm2, transistor_count: lots}\n", "x.yaml", formats);
  ASSERT_FALSE(bad_count.ok());
  EXPECT_THAT(bad_count.diagnostics[0].ToString(), HasSubstr("x.yaml:3:37: error: invalid transistor_count 'lots'"));
  auto bad_area = ParseChipSpec("name: X\npackage:\n  area: 0 mm2\n", "x.yaml", formats);
  ASSERT_FALSE(bad_area.ok());
  EXPECT_THAT(bad_area.diagnostics[0].ToString(), HasSubstr("'area' must be greater than zero"));
}

}  // namespace
}  // namespace eccn

namespace eccn {
namespace {

TEST(History, A800LikeChipIsFreeUnderThe2022TestAndControlledFrom2023) {
  const std::string v2022 = "series: s\nstatus: superseded\neffective: 2022-10-07\nend: 2023-11-16";
  const std::string v2023 = "series: s\nstatus: in_force\neffective: 2023-11-17";
  auto rules = Rules({Pack("v2022", v2022,
                           "entries:\n  - id: 3A090\n    title: old\n"
                           "    when: interconnect.bidirectional >= 600 GB/s and tpp >= 4800\n"),
                      Pack("v2023", v2023, kControlEntry)});
  ASSERT_TRUE(rules.ok()) << Errors(rules);
  const ChipSpec a800 =
      Spec("name: A800\nthroughput:\n  fp16: 312 TFLOPS\ninterconnect:\n  bidirectional: 400 GB/s\n", *rules.value);
  const std::vector<HistoryStep> steps = ClassificationHistory(*rules.value, a800, Context(Date{2026, 1, 1}));
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(steps[0].date, (Date{2022, 10, 7}));
  EXPECT_THAT(steps[0].packs_started, ElementsAre("v2022"));
  EXPECT_FALSE(steps[0].changed);
  EXPECT_EQ(steps[0].after.Overall(), Verdict::kNotControlled);
  EXPECT_EQ(steps[1].date, (Date{2023, 11, 17}));
  EXPECT_THAT(steps[1].packs_started, ElementsAre("v2023"));
  EXPECT_THAT(steps[1].packs_stopped, ElementsAre("v2022"));
  EXPECT_TRUE(steps[1].changed);
  EXPECT_THAT(steps[1].after.EntriesWith(Verdict::kControlled), ElementsAre("E.a"));
  // The A100, at 600 GB/s, was already controlled in 2022.
  const ChipSpec a100 =
      Spec("name: A100\nthroughput:\n  fp16: 312 TFLOPS\ninterconnect:\n  bidirectional: 600 GB/s\n", *rules.value);
  EXPECT_EQ(ClassificationHistory(*rules.value, a100, Context(Date{2026, 1, 1}))[0].after.Overall(),
            Verdict::kControlled);
  // Dates after as_of are left out.
  EXPECT_EQ(ClassificationHistory(*rules.value, a800, Context(Date{2023, 1, 1})).size(), 1u);
}

TEST(KindFlags, ASpecWithoutKindIsOnePartNeitherSystemNorStack) {
  const std::string body =
      "entries:\n  - id: S\n    title: system\n    when: is_system\n"
      "  - id: H\n    title: stack\n    when: is_hbm_stack\n  - id: K\n    title: by kind\n"
      "    when: kind == 'system'\n";
  auto rules = Rules({Pack("p", "status: in_force\neffective: 2023-11-17", body)});
  ASSERT_TRUE(rules.ok()) << Errors(rules);
  auto controlled = [&](const std::string& yaml) {
    return rules.value->Classify(Spec(yaml, *rules.value), Context(kFrom)).EntriesWith(Verdict::kControlled);
  };
  EXPECT_THAT(controlled("name: X\nkind: system\n"), ElementsAre("S", "K"));
  EXPECT_THAT(controlled("name: X\nkind: hbm-stack\n"), ElementsAre("H"));
  // No kind: the flags are false, while `kind == ...` stays unknown.
  const Classification none = rules.value->Classify(Spec("name: X\n", *rules.value), Context(kFrom));
  EXPECT_THAT(none.EntriesWith(Verdict::kNotControlled), ElementsAre("S", "H"));
  EXPECT_THAT(none.EntriesWith(Verdict::kIndeterminate), ElementsAre("K"));
}

}  // namespace
}  // namespace eccn
