// The engine against the shipped 3A090 packs: catalog chips, exact boundaries,
// three-valued answers, time, and laws that must hold for any chip. Chips below
// 3A090 with 8 TOPS or more are 3A991.p (AT only), so tests about 3A090 itself
// look at the 3A090 entries rather than the overall verdict.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fmt/format.h>
#include <algorithm>
#include <array>
#include <random>

#include <eccn/eccn.h>

#include "test_printers.h"
#include "test_rules.h"

namespace eccn {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

const Date kDay{2026, 11, 28};

Classification ClassifyFile(const std::string& name) {
  Loaded<ChipSpec> spec = LoadChipSpec(std::string(ECCN_SOURCE_DIR "/catalog/") + name, testing_support::Formats());
  EXPECT_TRUE(spec.ok()) << name;
  return testing_support::ShippedRules().Classify(*spec.value, kDay);
}

Classification ClassifyYaml(const std::string& yaml, const Date& day = kDay) {
  Loaded<ChipSpec> spec = ParseChipSpec(yaml, "test.yaml", testing_support::Formats());
  EXPECT_TRUE(spec.ok()) << (spec.diagnostics.empty() ? "" : spec.diagnostics[0].ToString());
  return testing_support::ShippedRules().Classify(*spec.value, day);
}

// A chip with one fp16 rate and one logic die.
std::string Chip(const std::string& fp16, const std::string& area, const std::string& market = "datacenter") {
  return fmt::format(
      "name: T\nmarketed_for: {}\nthroughput:\n  fp16: {}\ndies:\n  - area: {}\n    role: logic\n"
      "    transistors: finfet\n",
      market, fp16, area);
}

MetricValue Metric(const Classification& c, std::string_view id) {
  for (const MetricValue& m : c.metrics) {
    if (m.id == id) return m;
  }
  MetricValue none;
  ADD_FAILURE() << "no metric " << id;
  return none;
}

EntryResult Result(const Classification& c, std::string_view entry) {
  for (const EntryResult& r : c.results) {
    if (r.entry == entry) return r;
  }
  EntryResult none;
  ADD_FAILURE() << "no result " << entry;
  return none;
}

TEST(Classifier, CatalogChipsClassifyAsPublished) {
  EXPECT_THAT(ClassifyFile("nvidia-h100-sxm.yaml").EntriesWith(Verdict::kControlled),
              ElementsAre("3A090.a", "3A991.p"));
  EXPECT_THAT(ClassifyFile("nvidia-a100-sxm.yaml").EntriesWith(Verdict::kControlled),
              ElementsAre("3A090.a", "3A991.p"));
  EXPECT_THAT(ClassifyFile("nvidia-rtx-4090.yaml").EntriesWith(Verdict::kControlled),
              ElementsAre("3A090.a", "3A991.p"));
  // Below 3A090: only the AT-only 3A991.p.
  const Classification h20 = ClassifyFile("nvidia-h20.yaml");
  EXPECT_THAT(h20.EntriesWith(Verdict::kControlled), ElementsAre("3A991.p"));
  EXPECT_EQ(Metric(h20, "tpp").value, Interval::Exact(2368));
  EXPECT_EQ(Metric(h20, "pd").value, Interval::Exact(Number(2368, 814)));
  EXPECT_THAT(ClassifyFile("nvidia-l20.yaml").EntriesWith(Verdict::kControlled), ElementsAre("3A991.p"));
  EXPECT_THAT(ClassifyFile("nvidia-rtx-4090d.yaml").EntriesWith(Verdict::kControlled), ElementsAre("3A991.p"));
}

TEST(Classifier, MissingDieAreaDoesNotMatterWhenTppDecides) {
  // MI300X: no die areas in the catalog, but TPP >= 4800 decides 3A090.a alone.
  const Classification mi300x = ClassifyFile("amd-mi300x.yaml");
  EXPECT_THAT(mi300x.EntriesWith(Verdict::kControlled), ElementsAre("3A090.a", "3A991.p"));
  EXPECT_FALSE(Metric(mi300x, "pd").value.IsExact());
  // A small chip without die area is outside 3A090 whatever its area.
  const Classification small = ClassifyYaml("name: S\nmarketed_for: datacenter\nthroughput:\n  fp16: 90 TFLOPS\n");
  EXPECT_EQ(Result(small, "3A090.a").verdict, Verdict::kNotControlled);
  EXPECT_EQ(Result(small, "3A090.b").verdict, Verdict::kNotControlled);
}

TEST(Classifier, MissingDieAreaIsIndeterminateWhenPdDecides) {
  // H20 figures without dies: TPP 2368 is in [1600, 4800), so PD decides.
  const Classification c = ClassifyYaml("name: H\nmarketed_for: datacenter\nthroughput:\n  fp8: 296 TFLOPS\n");
  EXPECT_THAT(c.EntriesWith(Verdict::kControlled), ElementsAre("3A991.p"));  // 296 TOPS >= 8 whatever the area
  EXPECT_EQ(Result(c, "3A090.a").verdict, Verdict::kIndeterminate);
  EXPECT_EQ(Result(c, "3A090.b").verdict, Verdict::kIndeterminate);
  EXPECT_THAT(Result(c, "3A090.a").missing, ElementsAre("dies"));
  // A die whose area alone is unknown is named precisely.
  const Classification d = ClassifyYaml(
      "name: H\nmarketed_for: datacenter\nthroughput:\n  fp8: 296 TFLOPS\ndies:\n  - role: logic\n    transistors: "
      "finfet\n");
  EXPECT_THAT(Result(d, "3A090.a").missing, ElementsAre("dies[0].area"));
}

TEST(Classifier, TppThresholdIsInclusiveAndExact) {
  // 300 TFLOPS at 16 bits is exactly 4800 (the regulation's own example).
  EXPECT_EQ(Result(ClassifyYaml(Chip("300 TFLOPS", "10000 mm2")), "3A090.a").verdict, Verdict::kControlled);
  EXPECT_EQ(Result(ClassifyYaml(Chip("299.9999 TFLOPS", "10000 mm2")), "3A090.a").verdict, Verdict::kNotControlled);
  // 0.3 PFLOPS is the same 300 TFLOPS: no binary rounding at the threshold.
  EXPECT_EQ(Result(ClassifyYaml(Chip("0.3 PFLOPS", "10000 mm2")), "3A090.a").verdict, Verdict::kControlled);
}

TEST(Classifier, PerformanceDensityThresholdIsExact) {
  // TPP 1776 (111 TFLOPS x 16) over 300 mm2 is exactly PD 5.92: "5.92 or more".
  EXPECT_EQ(Result(ClassifyYaml(Chip("111 TFLOPS", "300 mm2")), "3A090.a").verdict, Verdict::kControlled);
  // A hair more area puts PD just under 5.92.
  EXPECT_EQ(Result(ClassifyYaml(Chip("111 TFLOPS", "300.0000001 mm2")), "3A090.a").verdict, Verdict::kNotControlled);
  // 1600 / 250 = 6.4 >= 5.92
  EXPECT_EQ(Result(ClassifyYaml(Chip("100 TFLOPS", "250 mm2")), "3A090.a").verdict, Verdict::kControlled);
  // PD exactly 3.2 (1600 / 500) meets b.2's "3.2 or more".
  EXPECT_EQ(Result(ClassifyYaml(Chip("100 TFLOPS", "500 mm2")), "3A090.b").verdict, Verdict::kControlled);
}

TEST(Classifier, ParagraphBAppliesOnlyBelowA) {
  // TPP 2400..4800 with PD 1.6..5.92: b.1.
  const Classification b1 = ClassifyYaml(Chip("160 TFLOPS", "1000 mm2"));  // TPP 2560, PD 2.56
  EXPECT_THAT(b1.EntriesWith(Verdict::kControlled), ElementsAre("3A090.b", "3A991.p"));
  // TPP 5000 and PD 4 meets a.1 and b.2: classified 3A090.a only.
  const Classification both = ClassifyYaml(Chip("312.5 TFLOPS", "1250 mm2"));
  EXPECT_THAT(both.EntriesWith(Verdict::kControlled), ElementsAre("3A090.a", "3A991.p"));
  EXPECT_EQ(Result(both, "3A090.b").clauses.back().role, ClauseTrace::Role::kSubsumedBy);
}

TEST(Classifier, DatacenterNoteExcludesOnlyBelow4800) {
  // A consumer part with TPP < 4800 is outside 3A090 whatever its PD...
  const Classification consumer = ClassifyYaml(Chip("200 TFLOPS", "100 mm2", "consumer"));
  EXPECT_EQ(Result(consumer, "3A090.a").verdict, Verdict::kNotControlled);
  EXPECT_THAT(consumer.EntriesWith(Verdict::kControlled), ElementsAre("3A991.p"));
  // ...but at TPP >= 4800 it is 3A090.a.
  EXPECT_THAT(ClassifyYaml(Chip("300 TFLOPS", "600 mm2", "consumer")).EntriesWith(Verdict::kControlled),
              ElementsAre("3A090.a", "3A991.p"));
  // Unknown market: the answer depends on it, and says so.
  const Classification unsure = ClassifyYaml(Chip("200 TFLOPS", "100 mm2", "unknown"));
  EXPECT_EQ(Result(unsure, "3A090.a").verdict, Verdict::kIndeterminate);
  EXPECT_THAT(Result(unsure, "3A090.a").missing, ElementsAre("marketed_for"));
}

TEST(Classifier, PlanarAndMemoryDiesAreNotApplicableArea) {
  const Classification c = ClassifyYaml(
      "name: M\nmarketed_for: datacenter\nthroughput:\n  fp16: 100 TFLOPS\ndies:\n"
      "  - {area: 200 mm2, role: logic, transistors: finfet}\n"
      "  - {area: 500 mm2, role: logic, transistors: planar}\n"
      "  - {area: 100 mm2, role: memory, transistors: finfet, count: 8}\n");
  EXPECT_EQ(Metric(c, "applicable_die_area").value, Interval::Exact(200));
  EXPECT_EQ(Metric(c, "pd").value, Interval::Exact(8));
}

TEST(Classifier, ZeroApplicableAreaIsIndeterminateAndSaysWhy) {
  // Only a memory die: the applicable die area is exactly 0, so PD is undefined.
  const Classification c = ClassifyYaml(
      "name: Z\nmarketed_for: datacenter\nthroughput:\n  fp16: 150 TFLOPS\ndies:\n"
      "  - {area: 100 mm2, role: memory, transistors: finfet}\n");
  EXPECT_EQ(Metric(c, "applicable_die_area").value, Interval::Exact(0));
  const EntryResult a = Result(c, "3A090.a");
  EXPECT_EQ(a.verdict, Verdict::kIndeterminate);
  EXPECT_THAT(a.notes, ElementsAre(::testing::HasSubstr("division by zero")));
}

TEST(Classifier, RulesNotYetInForceAreSkipped) {
  const Classification c = ClassifyFile("nvidia-h100-sxm.yaml");
  EXPECT_FALSE(c.results.empty());
  const Classification before =
      ClassifyYaml("name: H\nmarketed_for: datacenter\nthroughput:\n  fp8: 1979 TFLOPS\n", Date{2022, 10, 6});
  EXPECT_THAT(before.results, IsEmpty());
  EXPECT_EQ(before.Overall(), Verdict::kNotControlled);
  // The 2022 text needs the interconnect too, which this spec does not give.
  const Classification text_2022 =
      ClassifyYaml("name: H\nmarketed_for: datacenter\nthroughput:\n  fp8: 1979 TFLOPS\n", Date{2023, 11, 16});
  EXPECT_EQ(text_2022.Overall(), Verdict::kIndeterminate);
  EXPECT_THAT(Result(text_2022, "3A090.a").missing, ElementsAre("interconnect.bidirectional"));
  const Classification on =
      ClassifyYaml("name: H\nmarketed_for: datacenter\nthroughput:\n  fp8: 1979 TFLOPS\n", Date{2023, 11, 17});
  EXPECT_EQ(on.Overall(), Verdict::kControlled);
}

TEST(Classifier, TraceRecordsBothSidesAndMargin) {
  const Classification h20 = ClassifyFile("nvidia-h20.yaml");
  const EntryResult a = Result(h20, "3A090.a");
  // The thresholds are the named condition ic_meets_a, traced as its own clause.
  const auto clause =
      std::find_if(a.clauses.begin(), a.clauses.end(), [](const ClauseTrace& t) { return t.id == "ic_meets_a"; });
  ASSERT_NE(clause, a.clauses.end());
  ASSERT_FALSE(clause->comparisons.empty());
  const ComparisonTrace& first = clause->comparisons[0];
  EXPECT_EQ(first.text, "tpp >= 4800");
  EXPECT_EQ(first.lhs, Interval::Exact(2368));
  EXPECT_EQ(first.rhs, Interval::Exact(4800));
  EXPECT_EQ(first.result, Truth::kFalse);
  ASSERT_TRUE(first.margin.has_value());
  EXPECT_NEAR(*first.margin, (2368.0 - 4800.0) / 4800.0, 1e-12);
  EXPECT_GT(first.location.line, 0);
}

// Control level for monotonicity laws: not controlled < indeterminate < controlled.
int Level(Verdict v) { return v == Verdict::kControlled ? 2 : (v == Verdict::kIndeterminate ? 1 : 0); }

TEST(ClassifierProperty, MoreComputeOrLessAreaNeverLowersTheLevel) {
  std::mt19937 random(20261128);  // fixed seed: reproducible
  std::uniform_int_distribution<int> rate(1, 4000), area(50, 3000), scale(100, 400);
  const std::array<const char*, 3> markets{"datacenter", "consumer", "unknown"};
  for (int i = 0; i < 300; ++i) {
    const std::string market = markets.at(static_cast<size_t>(i % 3));
    const int r = rate(random), a = area(random), k = scale(random);
    const Verdict base = ClassifyYaml(Chip(fmt::format("{} TFLOPS", r), fmt::format("{} mm2", a), market)).Overall();
    const Verdict faster =
        ClassifyYaml(Chip(fmt::format("{} TFLOPS", r * k / 100), fmt::format("{} mm2", a), market)).Overall();
    const Verdict denser =
        ClassifyYaml(Chip(fmt::format("{} TFLOPS", r), fmt::format("{} mm2", a * 100 / k), market)).Overall();
    EXPECT_GE(Level(faster), Level(base)) << "rate " << r << " x" << k << "% area " << a << " " << market;
    EXPECT_GE(Level(denser), Level(base)) << "rate " << r << " area " << a << " /" << k << "% " << market;
  }
}

TEST(ClassifierProperty, RemovingAFieldNeverYieldsNotControlled) {
  std::mt19937 random(7);
  std::uniform_int_distribution<int> rate(1, 4000), area(50, 3000);
  for (int i = 0; i < 200; ++i) {
    const int r = rate(random), a = area(random);
    const std::string full = Chip(fmt::format("{} TFLOPS", r), fmt::format("{} mm2", a));
    const Verdict base = ClassifyYaml(full).Overall();
    if (base == Verdict::kNotControlled) continue;
    const std::string no_dies = full.substr(0, full.find("dies:"));
    const std::string no_market = "name: T\n" + full.substr(full.find("throughput:"));
    EXPECT_NE(ClassifyYaml(no_dies).Overall(), Verdict::kNotControlled) << full;
    EXPECT_NE(ClassifyYaml(no_market).Overall(), Verdict::kNotControlled) << full;
  }
}

}  // namespace
}  // namespace eccn
