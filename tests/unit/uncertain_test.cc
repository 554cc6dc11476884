// Uncertain spec values: ranges and alternatives, parsed and classified soundly.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include <eccn/eccn.h>
#include "test_rules.h"

namespace eccn {
namespace {

using testing_support::ThreeA090Rules;

const Context kContext{Date::Parse("2026-11-28").value()};

// An H20-like datacenter part: one 814 mm2 logic die and the given fp8 line.
std::string Spec(const std::string& fp8, const std::string& area = "814 mm2") {
  return "name: test\nkind: accelerator\nmarketed_for: datacenter\nthroughput:\n  fp8: " + fp8 +
         "\ndies:\n  - {name: d, area: " + area + ", transistors: finfet, role: logic}\n";
}

ChipSpec Parse(const std::string& yaml) {
  Loaded<ChipSpec> spec = ParseChipSpec(yaml, "test.yaml", ThreeA090Rules().formats());
  EXPECT_TRUE(spec.ok()) << (spec.diagnostics.empty() ? "" : spec.diagnostics.front().ToString());
  return spec.value.value_or(ChipSpec{});
}

const EntryResult& ResultOf(const Classification& c, const std::string& entry) {
  const auto it =
      std::find_if(c.results.begin(), c.results.end(), [&](const EntryResult& r) { return r.entry == entry; });
  EXPECT_NE(it, c.results.end());
  return *it;
}

TEST(Uncertain, RangeIsParsedWithThePointLeftUnknown) {
  const ChipSpec spec = Parse(Spec("290..310 TFLOPS"));
  ASSERT_EQ(spec.uncertain.size(), 1u);
  EXPECT_EQ(spec.uncertain[0].field, "throughput.fp8");
  EXPECT_EQ(spec.uncertain[0].range, Interval::Between(Number(290) * 1000000000000, Number(310) * 1000000000000));
  EXPECT_TRUE(spec.uncertain[0].alternatives.empty());
  EXPECT_FALSE((*spec.throughput)[0].ops_per_second.has_value());
}

TEST(Uncertain, AlternativesAreParsedWithSources) {
  const ChipSpec spec = Parse(Spec("{values: [296 TFLOPS, 592 TFLOPS], sources: [vendor, press]}"));
  ASSERT_EQ(spec.uncertain.size(), 1u);
  EXPECT_EQ(spec.uncertain[0].alternatives.size(), 2u);
  EXPECT_EQ(spec.uncertain[0].sources, (std::vector<std::string>{"vendor", "press"}));
}

TEST(Uncertain, MalformedRangesAreErrors) {
  for (const char* bad : {"310..290 TFLOPS", "290..310 mm2", "{values: [296 TFLOPS]}", "1..x TFLOPS"}) {
    const Loaded<ChipSpec> spec = ParseChipSpec(Spec(bad), "test.yaml", ThreeA090Rules().formats());
    EXPECT_FALSE(spec.ok()) << bad;
  }
}

TEST(Uncertain, RangeStraddlingAThresholdDependsOnTheField) {
  // TPP = fp8 x 8: 290..310 TFLOPS gives 2320..2480, across 3A090.b's 2400.
  const Classification c = ThreeA090Rules().Classify(Parse(Spec("290..310 TFLOPS")), kContext);
  const EntryResult& b = ResultOf(c, "3A090.b");
  EXPECT_EQ(b.verdict, Verdict::kIndeterminate);
  EXPECT_EQ(b.depends_on, std::vector<std::string>{"throughput.fp8"});
  EXPECT_TRUE(b.missing.empty());
  EXPECT_EQ(ResultOf(c, "3A090.a").verdict, Verdict::kNotControlled);
}

TEST(Uncertain, RangeBelowTheThresholdIsDefinite) {
  const Classification c = ThreeA090Rules().Classify(Parse(Spec("280..290 TFLOPS")), kContext);
  EXPECT_EQ(c.Overall(), Verdict::kNotControlled);
  EXPECT_TRUE(ResultOf(c, "3A090.b").depends_on.empty());
}

TEST(Uncertain, DieAreaRangeIsNamed) {
  // TPP 2368; PD 3.2 at 740 mm2: 700..800 mm2 straddles b.2.
  const Classification c = ThreeA090Rules().Classify(Parse(Spec("296 TFLOPS", "700..800 mm2")), kContext);
  EXPECT_EQ(ResultOf(c, "3A090.b").depends_on, std::vector<std::string>{"dies[0].area"});
}

TEST(Uncertain, AlternativesThatAgreeGiveADefiniteVerdict) {
  // TPP 800 (below everything) or 8000 (3A090.a, which takes precedence over .b): .b is false either
  // way, though the hull 800..8000 alone would leave it open.
  const Classification c = ThreeA090Rules().Classify(Parse(Spec("{values: [100 TFLOPS, 1000 TFLOPS]}")), kContext);
  EXPECT_EQ(ResultOf(c, "3A090.b").verdict, Verdict::kNotControlled);
  EXPECT_EQ(ResultOf(c, "3A090.a").verdict, Verdict::kIndeterminate);
  EXPECT_EQ(ResultOf(c, "3A090.a").depends_on, std::vector<std::string>{"throughput.fp8"});
}

// Property: the interval verdict contains every point verdict. For random
// ranges of fp8 rate and die area around the thresholds and random points in
// them, a definite range verdict equals the verdict at each point.
TEST(Uncertain, RangeResultContainsEveryPointResult) {
  std::mt19937 random(20261129);
  std::uniform_int_distribution<int> rate_tenths(1000, 7000);  // 100..700 TFLOPS: TPP 800..5600
  std::uniform_int_distribution<int> area_mm2(250, 1200);
  std::uniform_int_distribution<int> width(0, 400);
  size_t definite = 0;
  for (int trial = 0; trial < 150; ++trial) {
    const int rate_lo = rate_tenths(random);
    const int rate_hi = rate_lo + width(random);
    const int area_lo = area_mm2(random);
    const int area_hi = area_lo + width(random) / 4;
    const Classification range = ThreeA090Rules().Classify(
        Parse(Spec(std::to_string(rate_lo / 10.0) + ".." + std::to_string(rate_hi / 10.0) + " TFLOPS",
                   std::to_string(area_lo) + ".." + std::to_string(area_hi) + " mm2")),
        kContext);
    for (int point = 0; point < 4; ++point) {
      const int r = std::uniform_int_distribution<int>(rate_lo, rate_hi)(random);
      const int a = std::uniform_int_distribution<int>(area_lo, area_hi)(random);
      const Classification at = ThreeA090Rules().Classify(
          Parse(Spec(std::to_string(r / 10.0) + " TFLOPS", std::to_string(a) + " mm2")), kContext);
      for (size_t e = 0; e < range.results.size(); ++e) {
        if (range.results[e].verdict == Verdict::kIndeterminate) continue;
        ++definite;
        EXPECT_EQ(range.results[e].verdict, at.results[e].verdict)
            << range.results[e].entry << " rate " << rate_lo << ".." << rate_hi << " at " << r << ", area " << area_lo
            << ".." << area_hi << " at " << a;
      }
    }
  }
  EXPECT_GT(definite, 100u);  // the property was exercised, not vacuous
}

// Property: with two alternatives, a definite verdict is the verdict of each.
TEST(Uncertain, AlternativesResultContainsEachAlternative) {
  std::mt19937 random(7);
  std::uniform_int_distribution<int> rate(100, 700);  // TFLOPS: TPP 800..5600
  size_t definite = 0;
  for (int trial = 0; trial < 60; ++trial) {
    const int first = rate(random);
    const int second = rate(random);
    const Classification both = ThreeA090Rules().Classify(
        Parse(Spec("{values: [" + std::to_string(first) + " TFLOPS, " + std::to_string(second) + " TFLOPS]}")),
        kContext);
    for (const int value : {first, second}) {
      const Classification at = ThreeA090Rules().Classify(Parse(Spec(std::to_string(value) + " TFLOPS")), kContext);
      for (size_t e = 0; e < both.results.size(); ++e) {
        if (both.results[e].verdict == Verdict::kIndeterminate) continue;
        ++definite;
        EXPECT_EQ(both.results[e].verdict, at.results[e].verdict) << first << " or " << second;
      }
    }
  }
  EXPECT_GT(definite, 40u);
}

}  // namespace
}  // namespace eccn
