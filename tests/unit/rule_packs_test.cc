// The shipped rule packs (rules/): each regulation version on the dates it
// applies, its boundaries exactly as worded, and the record each pack carries.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <algorithm>

#include <eccn/eccn.h>

#include "test_printers.h"
#include "test_rules.h"

namespace eccn {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

const RuleSet& Rules() { return testing_support::ShippedRules(); }

ChipSpec CatalogChip(const std::string& name) {
  Loaded<ChipSpec> spec = LoadChipSpec(std::string(ECCN_SOURCE_DIR "/catalog/") + name, testing_support::Formats());
  EXPECT_TRUE(spec.ok()) << name;
  return spec.value.value_or(ChipSpec{});
}

ChipSpec YamlChip(const std::string& yaml) {
  Loaded<ChipSpec> spec = ParseChipSpec(yaml, "test.yaml", testing_support::Formats());
  EXPECT_TRUE(spec.ok()) << (spec.diagnostics.empty() ? "" : spec.diagnostics[0].ToString());
  return spec.value.value_or(ChipSpec{});
}

// The result of `entry` in `pack`, or nullptr when that pack did not apply.
const EntryResult* Find(const Classification& c, std::string_view pack, std::string_view entry) {
  const auto it = std::find_if(c.results.begin(), c.results.end(),
                               [&](const EntryResult& r) { return r.pack == pack && r.entry == entry; });
  return it == c.results.end() ? nullptr : &*it;
}

Verdict VerdictOf(const Classification& c, std::string_view pack, std::string_view entry) {
  const EntryResult* r = Find(c, pack, entry);
  EXPECT_NE(r, nullptr) << pack << " " << entry << " did not apply";
  return r == nullptr ? Verdict::kIndeterminate : r->verdict;
}

const PackInfo& Pack(std::string_view id) {
  for (const PackInfo& p : Rules().packs()) {
    if (p.id == id) return p;
  }
  ADD_FAILURE() << "no pack " << id;
  return Rules().packs()[0];
}

constexpr std::string_view k2022 = "us-ear-3a090-2022";
constexpr std::string_view k2023 = "us-ear-3a090-2023";
constexpr std::string_view kHbm = "us-ear-3a090c-2024";

// A datacenter chip with one rate and one finfet logic die.
std::string Chip(const std::string& rate, const std::string& area, const std::string& format = "fp16") {
  return fmt::format(
      "name: T\nkind: accelerator\nmarketed_for: datacenter\nthroughput:\n  {}: {}\ndies:\n  - area: {}\n"
      "    role: logic\n    transistors: finfet\ninterconnect: {{bidirectional: 64 GB/s}}\n",
      format, rate, area);
}

TEST(RulePacks, A800AndH800PassedThe2022TestAndAre3A090aFrom2023_11_17) {
  for (const char* file : {"nvidia-a800-sxm.yaml", "nvidia-h800-sxm.yaml"}) {
    const ChipSpec chip = CatalogChip(file);
    const Classification y2022 = Rules().Classify(chip, Date{2023, 6, 1});
    EXPECT_EQ(VerdictOf(y2022, k2022, "3A090.a"), Verdict::kNotControlled) << file;  // 400 GB/s < 600
    EXPECT_EQ(y2022.Overall(), Verdict::kNotControlled) << file;
    EXPECT_EQ(Find(Rules().Classify(chip, Date{2023, 11, 16}), k2023, "3A090.a"), nullptr) << file;
    const Classification y2023 = Rules().Classify(chip, Date{2023, 11, 17});
    EXPECT_EQ(VerdictOf(y2023, k2023, "3A090.a"), Verdict::kControlled) << file;
    EXPECT_EQ(Find(y2023, k2022, "3A090.a"), nullptr) << file;  // superseded
  }
  // The A100 it was cut down from met the 2022 test (600 GB/s of NVLink).
  EXPECT_EQ(VerdictOf(Rules().Classify(CatalogChip("nvidia-a100-sxm.yaml"), Date{2023, 6, 1}), k2022, "3A090.a"),
            Verdict::kControlled);
}

TEST(RulePacks, The2022TestNeedsBothI_OAndTpp) {
  const ChipSpec both = YamlChip(
      "name: T\nthroughput:\n  fp16: 300 TFLOPS\ninterconnect: {bidirectional: 600 GB/s}\n");  // TPP 4800, 600 GB/s
  const ChipSpec slow = YamlChip("name: T\nthroughput:\n  fp16: 300 TFLOPS\ninterconnect: {bidirectional: 599 GB/s}\n");
  const ChipSpec small =
      YamlChip("name: T\nthroughput:\n  fp16: 299 TFLOPS\ninterconnect: {bidirectional: 900 GB/s}\n");
  const Date day{2023, 1, 1};
  EXPECT_EQ(VerdictOf(Rules().Classify(both, day), k2022, "3A090.a"), Verdict::kControlled);
  EXPECT_EQ(VerdictOf(Rules().Classify(slow, day), k2022, "3A090.a"), Verdict::kNotControlled);
  EXPECT_EQ(VerdictOf(Rules().Classify(small, day), k2022, "3A090.a"), Verdict::kNotControlled);
}

TEST(RulePacks, HbmStackIs3A090cOnlyFrom2024_12_02) {
  // 819 GB/s over a 100 mm2 footprint: 8.19 GB/s/mm2 (a test figure, not a sourced one).
  const ChipSpec stack = YamlChip(
      "name: Stack\nkind: hbm-stack\nthroughput: {}\nmemory: {type: HBM3, bandwidth: 819 GB/s}\n"
      "package: {area: 100 mm2}\ninterconnect: {bidirectional: 0 GB/s}\n");
  const Classification before = Rules().Classify(stack, Date{2024, 12, 1});
  EXPECT_EQ(Find(before, kHbm, "3A090.c"), nullptr);
  EXPECT_EQ(before.Overall(), Verdict::kNotControlled);
  const Classification on = Rules().Classify(stack, Date{2024, 12, 2});
  EXPECT_EQ(VerdictOf(on, kHbm, "3A090.c"), Verdict::kControlled);
  EXPECT_THAT(on.EntriesWith(Verdict::kControlled), ElementsAre("3A090.c"));
  // The catalog stack has no published footprint: indeterminate, naming it.
  const Classification catalog = Rules().Classify(CatalogChip("skhynix-hbm3-stack.yaml"), Date{2024, 12, 2});
  const EntryResult* c = Find(catalog, kHbm, "3A090.c");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->verdict, Verdict::kIndeterminate);
  EXPECT_THAT(c->missing, ElementsAre("package.area"));
}

TEST(RulePacks, HbmDensityIsStrictlyGreaterThan2AndExcludesProcessors) {
  auto stack = [](const std::string& kind, const std::string& bandwidth) {
    return YamlChip(fmt::format(
        "name: S\nkind: {}\nmemory: {{type: HBM3, bandwidth: {}}}\npackage: {{area: 100 mm2}}\n", kind, bandwidth));
  };
  const Date day{2025, 1, 1};
  EXPECT_EQ(VerdictOf(Rules().Classify(stack("hbm-stack", "200 GB/s"), day), kHbm, "3A090.c"),
            Verdict::kNotControlled);  // exactly 2 GB/s/mm2
  EXPECT_EQ(VerdictOf(Rules().Classify(stack("hbm-stack", "200.001 GB/s"), day), kHbm, "3A090.c"),
            Verdict::kControlled);
  // A GPU package with HBM: dominant function processing, outside 3A090.c.
  EXPECT_EQ(VerdictOf(Rules().Classify(stack("accelerator", "3350 GB/s"), day), kHbm, "3A090.c"),
            Verdict::kNotControlled);
}

TEST(RulePacks, Rtx4090Is3A090aWithNacAcaNoted) {
  const Classification c = Rules().Classify(CatalogChip("nvidia-rtx-4090.yaml"), Date{2026, 11, 28});
  const EntryResult* a = Find(c, k2023, "3A090.a");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->verdict, Verdict::kControlled);
  EXPECT_EQ(a->licensing, "3A090.a");
  // Consumer part at TPP >= 4800: the datacenter note does not exclude it, and says NAC/ACA apply.
  const PackInfo& pack = Pack(k2023);
  ASSERT_EQ(pack.exclusions.size(), 1u);
  EXPECT_THAT(pack.exclusions[0].text, HasSubstr("see license exceptions NAC and ACA"));
  EXPECT_THAT(a->clauses, Contains(::testing::Field(&ClauseTrace::id, "not-datacenter-below-4800")));
}

TEST(RulePacks, TppBoundaryIsExactAt4800) {
  const Date day{2026, 11, 28};
  // 600 TOPS x 8 bits = 4800 exactly; 599.999875 x 8 = 4799.999.
  EXPECT_EQ(VerdictOf(Rules().Classify(YamlChip(Chip("600 TOPS", "10000 mm2", "int8")), day), k2023, "3A090.a"),
            Verdict::kControlled);
  const Classification below = Rules().Classify(YamlChip(Chip("599.999875 TOPS", "10000 mm2", "int8")), day);
  EXPECT_EQ(VerdictOf(below, k2023, "3A090.a"), Verdict::kNotControlled);
  const auto tpp = std::find_if(below.metrics.begin(), below.metrics.end(),
                                [](const MetricValue& m) { return m.pack == k2023 && m.id == "tpp"; });
  ASSERT_NE(tpp, below.metrics.end());
  EXPECT_EQ(tpp->value, Interval::Exact(Number(4799999, 1000)));
}

TEST(RulePacks, PdBoundariesAreExactAt5_92And1_6) {
  const Date day{2026, 11, 28};
  // TPP 1776 (111 TFLOPS x 16) over 300 mm2 is PD 5.92 exactly: 3A090.a.2.
  EXPECT_EQ(VerdictOf(Rules().Classify(YamlChip(Chip("111 TFLOPS", "300 mm2")), day), k2023, "3A090.a"),
            Verdict::kControlled);
  const Classification under = Rules().Classify(YamlChip(Chip("111 TFLOPS", "300.000001 mm2")), day);
  EXPECT_EQ(VerdictOf(under, k2023, "3A090.a"), Verdict::kNotControlled);
  EXPECT_EQ(VerdictOf(under, k2023, "3A090.b"), Verdict::kControlled);  // falls to b.2 (PD 3.2 to 5.92)
  // TPP 2560 (160 TFLOPS x 16) over 1600 mm2 is PD 1.6 exactly: 3A090.b.1.
  EXPECT_EQ(VerdictOf(Rules().Classify(YamlChip(Chip("160 TFLOPS", "1600 mm2")), day), k2023, "3A090.b"),
            Verdict::kControlled);
  EXPECT_EQ(VerdictOf(Rules().Classify(YamlChip(Chip("160 TFLOPS", "1600.000001 mm2")), day), k2023, "3A090.b"),
            Verdict::kNotControlled);
}

TEST(RulePacks, DotZIsFalseBelow3A090AndOpenOnlyWithoutDescribedIn) {
  const Date day{2026, 11, 28};
  const std::vector<std::string> z_entries = [] {
    std::vector<std::string> ids;
    for (const EntryInfo& e : Pack(k2023).entries) {
      if (e.id.find(".z ") != std::string::npos) ids.push_back(e.id);
    }
    return ids;
  }();
  ASSERT_EQ(z_entries.size(), 14u);
  // Below 3A090: false whatever described_in would say (false AND unknown = false).
  const Classification h20 = Rules().Classify(CatalogChip("nvidia-h20.yaml"), day);
  for (const std::string& id : z_entries) EXPECT_EQ(VerdictOf(h20, k2023, id), Verdict::kNotControlled) << id;
  // Meets 3A090.a, no described_in: open, naming it.
  const Classification h100 = Rules().Classify(CatalogChip("nvidia-h100-sxm.yaml"), day);
  const EntryResult* open = Find(h100, k2023, "5A992.z (3A090.a)");
  ASSERT_NE(open, nullptr);
  EXPECT_EQ(open->verdict, Verdict::kIndeterminate);
  EXPECT_THAT(open->missing, ElementsAre("described_in"));
  EXPECT_EQ(open->licensing, "3A090.a");
  // With described_in the answer is decided.
  ChipSpec listed = CatalogChip("nvidia-h100-sxm.yaml");
  listed.described_in = std::vector<std::string>{"5A992.c"};
  const Classification decided = Rules().Classify(listed, day);
  EXPECT_EQ(VerdictOf(decided, k2023, "5A992.z (3A090.a)"), Verdict::kControlled);
  EXPECT_EQ(VerdictOf(decided, k2023, "3A001.z (3A090.a)"), Verdict::kNotControlled);
  EXPECT_EQ(VerdictOf(decided, k2023, "5A992.z (3A090.b)"), Verdict::kNotControlled);
}

TEST(RulePacks, SystemIs4A090Not3A090And4A003bStaysOpen) {
  const Classification hgx = Rules().Classify(CatalogChip("nvidia-hgx-h100-8gpu.yaml"), Date{2026, 11, 28});
  EXPECT_EQ(VerdictOf(hgx, k2023, "4A090.a"), Verdict::kControlled);
  EXPECT_EQ(VerdictOf(hgx, k2023, "3A090.a"), Verdict::kNotControlled);
  EXPECT_EQ(Find(hgx, k2023, "4A090.a")->licensing, "3A090.a");
  EXPECT_EQ(VerdictOf(hgx, "us-ear-3a991p-2023", "4A994.l"), Verdict::kControlled);
  EXPECT_EQ(VerdictOf(hgx, "us-ear-3a991p-2023", "3A991.p"), Verdict::kNotControlled);
  // One H100's APP is 0.9 x 67 = 60.3 WT: not enough alone, and the board has eight.
  const EntryResult* app = Find(hgx, "us-ear-4a003b-70wt", "4A003.b");
  ASSERT_NE(app, nullptr);
  EXPECT_EQ(app->verdict, Verdict::kIndeterminate);
  EXPECT_THAT(app->missing, ElementsAre("described_in"));
  // An IC that alone exceeds 70 WT decides it; a chip is never a 'digital computer'.
  const ChipSpec big = YamlChip("name: B\nkind: system\nthroughput:\n  fp64: 78 TFLOPS\n");  // 70.2 WT
  EXPECT_EQ(VerdictOf(Rules().Classify(big, Date{2026, 11, 28}), "us-ear-4a003b-70wt", "4A003.b"),
            Verdict::kControlled);
  EXPECT_EQ(VerdictOf(Rules().Classify(CatalogChip("nvidia-h200-sxm.yaml"), Date{2026, 11, 28}), "us-ear-4a003b-70wt",
                      "4A003.b"),
            Verdict::kNotControlled);
}

TEST(RulePacks, AtOnlyEntriesSayAtOnly) {
  const Classification h20 = Rules().Classify(CatalogChip("nvidia-h20.yaml"), Date{2023, 11, 17});
  const EntryResult* p = Find(h20, "us-ear-3a991p-2023", "3A991.p");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->verdict, Verdict::kControlled);
  EXPECT_THAT(p->reasons_for_control, ElementsAre("AT"));
  EXPECT_THAT(p->title, HasSubstr("AT only"));
  EXPECT_EQ(Find(Rules().Classify(CatalogChip("nvidia-h20.yaml"), Date{2023, 11, 16}), "us-ear-3a991p-2023", "3A991.p"),
            nullptr);
}

TEST(RulePacks, ReviewZoneNeverMakesAChipControlled) {
  const ChipSpec h200 = CatalogChip("nvidia-h200-sxm.yaml");
  const Classification c = Rules().Classify(h200, Date{2026, 1, 15});
  const EntryResult* zone = Find(c, "us-ear-review-policy-2026", "742.6(b)(10)(iii)(A)(1)");
  ASSERT_NE(zone, nullptr);
  EXPECT_EQ(zone->effect, "review_policy");
  EXPECT_EQ(zone->verdict, Verdict::kControlled);  // inside the zone
  EXPECT_THAT(c.EntriesWith(Verdict::kControlled), Not(Contains("742.6(b)(10)(iii)(A)(1)")));
  EXPECT_EQ(Find(Rules().Classify(h200, Date{2026, 1, 14}), "us-ear-review-policy-2026", "742.6(b)(10)(iii)(A)(1)"),
            nullptr);
  // The zone pack alone never gives "controlled", even for a chip inside it.
  Loaded<RuleSet> zone_only = LoadRules(ECCN_SOURCE_DIR "/rules/us/ear-review-policy-2026.yaml");
  ASSERT_TRUE(zone_only.ok());
  EXPECT_EQ(zone_only.value->Classify(h200, Date{2026, 1, 15}).Overall(), Verdict::kNotControlled);
  // The B200 is outside it (TPP 36,000 and 8 TB/s).
  EXPECT_EQ(VerdictOf(Rules().Classify(CatalogChip("nvidia-b200.yaml"), Date{2026, 1, 15}), "us-ear-review-policy-2026",
                      "742.6(b)(10)(iii)(A)(1)"),
            Verdict::kNotControlled);
}

TEST(RulePacks, AiDiffusionAppliesUntilNonEnforcementUnlessCfrText) {
  const ChipSpec h100 = CatalogChip("nvidia-h100-sxm.yaml");
  constexpr std::string_view kAi = "us-ear-ai-diffusion-2025";
  EXPECT_EQ(VerdictOf(Rules().Classify(h100, Context(Date{2025, 3, 1})), kAi, "742.6(a)(6)(iii)(A)"),
            Verdict::kControlled);
  EXPECT_EQ(Find(Rules().Classify(h100, Context(Date{2025, 5, 13})), kAi, "742.6(a)(6)(iii)(A)"), nullptr);
  EXPECT_EQ(
      VerdictOf(Rules().Classify(h100, Context(Date{2025, 5, 13}, Posture::kCfrText)), kAi, "742.6(a)(6)(iii)(A)"),
      Verdict::kControlled);
}

TEST(RulePacks, FoundryPresumptionFollowsTheTransistorSchedule) {
  auto chip = [](const std::string& billions, const std::string& memory) {
    return YamlChip(
        fmt::format("name: F\nkind: accelerator\ndies:\n  - {{area: 800 mm2, role: logic, transistors: finfet, "
                    "transistor_count: {}e9}}\nmemory: {{type: {}}}\n",
                    billions, memory));
  };
  auto presumed = [&](const std::string& billions, const std::string& memory, Date day, const char* exporter = "osat") {
    const Classification c = Rules().Classify(chip(billions, memory), Context(day, Posture::kEnforced, exporter));
    for (const EntryResult& r : c.results) {
      if (r.entry == "3A090.a presumption") return r.verdict;
    }
    return Verdict::kIndeterminate;
  };
  const Date y2025{2025, 6, 1}, y2027{2027, 6, 1}, y2028{2028, 6, 1}, y2029{2029, 6, 1};
  EXPECT_EQ(presumed("29.999", "GDDR6", y2025), Verdict::kNotControlled);
  EXPECT_EQ(presumed("30", "GDDR6", y2025), Verdict::kControlled);  // "below" 30 billion: a tie is not below
  EXPECT_EQ(presumed("34", "GDDR6", y2027, "front-end-fabricator"), Verdict::kNotControlled);
  EXPECT_EQ(presumed("34", "HBM3", y2027), Verdict::kControlled);
  EXPECT_EQ(presumed("34", "GDDR6", y2028), Verdict::kControlled);  // no 2028 figure in the note
  EXPECT_EQ(presumed("39", "GDDR6", y2029), Verdict::kNotControlled);
  EXPECT_EQ(presumed("39", "HBM3e", y2029), Verdict::kControlled);
  // The H20 (GH100, 80 billion transistors) is below 3A090 by its numbers, but a fab
  // or OSAT shipping it without a designer's attestation presumes it 3A090.a.
  const Classification h20 =
      Rules().Classify(CatalogChip("nvidia-h20.yaml"), Context(y2025, Posture::kEnforced, "osat"));
  EXPECT_EQ(VerdictOf(h20, "us-ear-foundry-2025", "3A090.a presumption"), Verdict::kControlled);
  EXPECT_EQ(VerdictOf(h20, k2023, "3A090.a"), Verdict::kNotControlled);
  // Binds only fabricators and OSATs.
  EXPECT_THAT(Rules().Classify(chip("80", "HBM3"), Context(y2025)).results,
              Not(Contains(::testing::Field(&EntryResult::entry, "3A090.a presumption"))));
}

TEST(RulePacks, IsInformedLettersAreNoticesOnTheNamedPartsOnly) {
  const ChipSpec h20 = CatalogChip("nvidia-h20.yaml");
  EXPECT_THAT(Rules().Classify(h20, Date{2025, 4, 8}).notices, IsEmpty());
  const Classification on = Rules().Classify(h20, Date{2025, 4, 9});
  ASSERT_EQ(on.notices.size(), 1u);
  EXPECT_EQ(on.notices[0].id, "h20-is-informed");
  EXPECT_THAT(Rules().Classify(CatalogChip("nvidia-h100-sxm.yaml"), Date{2025, 4, 9}).notices, IsEmpty());
}

TEST(RulePacks, ProposedBillIsListedButNeverApplied) {
  const PackInfo& bill = Pack("us-bill-chip-security-act");
  EXPECT_EQ(bill.status, "proposed");
  const Classification c =
      Rules().Classify(CatalogChip("nvidia-h100-sxm.yaml"), Context(Date{2026, 11, 28}, Posture::kCfrText));
  EXPECT_THAT(c.results, Not(Contains(::testing::Field(&EntryResult::pack, "us-bill-chip-security-act"))));
}

TEST(RulePacks, ChangeDatesAreTheRegulationDates) {
  EXPECT_THAT(Rules().ChangeDates(Posture::kEnforced, ""),
              ElementsAre(Date{2022, 10, 7}, Date{2023, 11, 17}, Date{2024, 4, 4}, Date{2024, 12, 2}, Date{2025, 1, 13},
                          Date{2025, 4, 9}, Date{2025, 5, 13}, Date{2026, 1, 15}));
}

TEST(RulePacks, EveryPackCarriesItsCitationDatesAndReasons) {
  for (const PackInfo& pack : Rules().packs()) {
    EXPECT_FALSE(pack.citation.text.empty()) << pack.id;
    EXPECT_FALSE(pack.citation.sources.empty()) << pack.id;
    EXPECT_LT(Date{}, pack.effective) << pack.id;  // a real date, not the default
    EXPECT_FALSE(pack.interpretations.empty()) << pack.id << ": record how the text was read";
    EXPECT_TRUE(pack.status != "superseded" || pack.end.has_value()) << pack.id;
    for (const EntryInfo& entry : pack.entries) {
      EXPECT_FALSE(entry.text.empty()) << pack.id << " " << entry.id;
      EXPECT_FALSE(entry.reasons_for_control.empty()) << pack.id << " " << entry.id;
    }
  }
  EXPECT_THAT(LintRules(Rules()), IsEmpty());  // what `eccn rules check --werror` demands
}

}  // namespace
}  // namespace eccn
