// eccn sweep: grid counts against hand-computed regions, seeded sampling, and
// no allocation per point.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>

#include <eccn/eccn.h>
#include <eccn/sweep.h>
#include "test_rules.h"

// Counts allocations, so the test can show that Next() makes none.
namespace {
std::atomic<long> g_allocations{0};
std::atomic<size_t> g_allocated_bytes{0};
}  // namespace

void* operator new(std::size_t size) {
  ++g_allocations;
  g_allocated_bytes += size;
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t /*size*/) noexcept { std::free(p); }

namespace eccn {
namespace {

// The 2023 pack alone, so packs added later do not change the counts.
const RuleSet& Rules() { return testing_support::ThreeA090Rules(); }

const Context kContext{*Date::Parse("2026-11-29")};

Sweep Make(std::vector<std::pair<std::string, std::string>> knobs, uint64_t random = 0, uint64_t seed = 1) {
  SweepRequest request;
  request.knobs = std::move(knobs);
  request.random_points = random;
  request.seed = seed;
  std::string error;
  std::optional<Sweep> sweep = Sweep::Create(Rules(), kContext, request, &error);
  EXPECT_TRUE(sweep.has_value()) << error;
  return std::move(*sweep);
}

std::array<uint64_t, 3> RunAll(Sweep& sweep, size_t entry) {
  while (sweep.Next()) {
  }
  return sweep.summary().per_entry[entry];
}

constexpr auto kControlled = static_cast<size_t>(Verdict::kControlled);
constexpr auto kNot = static_cast<size_t>(Verdict::kNotControlled);

TEST(SweepTest, GridCountsMatchHandComputedRegions) {
  // TPP 1000..6000 by 1000, PD 1, 2, 4, 8 (24 points). By hand:
  // 3A090.a: TPP >= 4800 (5000, 6000: 8 points) or TPP >= 1600 and PD >= 5.92 (PD 8 at 2000..4000: 3) = 11.
  // 3A090.b, not a: 2400 <= TPP < 4800 and 1.6 <= PD < 5.92 (3000, 4000 x PD 2, 4: 4)
  //   or TPP >= 1600 and 3.2 <= PD < 5.92 (adds 2000 at PD 4) = 5.
  Sweep sweep = Make({{"tpp", "1000..6000:1000"}, {"pd", "1,2,4,8"}});
  EXPECT_EQ(sweep.size(), 24U);
  while (sweep.Next()) {
  }
  EXPECT_EQ(sweep.summary().per_entry[0][kControlled], 11U);
  EXPECT_EQ(sweep.summary().per_entry[1][kControlled], 5U);
  EXPECT_EQ(sweep.summary().overall[kControlled], 16U);
  EXPECT_EQ(sweep.summary().overall[kNot], 8U);
}

TEST(SweepTest, PointsOnThresholdsCountAsTheRulesSay) {
  // Ties: "4800 or more" and "5.92 or more" include the threshold itself.
  // a: TPP 4800 (3 points) + PD 5.92 at 1600, 2400 (2) = 5; b: 2400 at 1.6 and 3.2, 1600 at 3.2 = 3; 1 not controlled.
  Sweep sweep = Make({{"tpp", "1600,2400,4800"}, {"pd", "1.6,3.2,5.92"}});
  EXPECT_EQ(RunAll(sweep, 0)[kControlled], 5U);
  EXPECT_EQ(sweep.summary().per_entry[1][kControlled], 3U);
  EXPECT_EQ(sweep.summary().overall[kNot], 1U);
}

TEST(SweepTest, MarketKnobAppliesTheDatacenterNote) {
  // Below TPP 4800 only datacenter parts are caught: consumer parts at TPP 2000..4000, PD 8 are not.
  Sweep sweep = Make({{"market", "datacenter,consumer"}, {"tpp", "2000..4000:1000"}, {"pd", "8"}});
  EXPECT_EQ(RunAll(sweep, 0)[kControlled], 3U);
  EXPECT_EQ(sweep.summary().overall[kNot], 3U);
}

TEST(SweepTest, RandomSampleIsDeterministicForASeed) {
  const auto rows = [](uint64_t seed) {
    Sweep sweep = Make({{"tpp", "100..30000"}, {"pd", "0.1..100"}}, 50, seed);
    std::string out;
    while (sweep.Next()) sweep.AppendCsvRow(out);
    return out;
  };
  EXPECT_EQ(rows(7), rows(7));
  EXPECT_NE(rows(7), rows(8));
}

TEST(SweepTest, NextAllocatesNothing) {
  Sweep sweep = Make({{"tpp", "100..30000"}, {"pd", "0.1..100"}, {"memory-bandwidth", "0..8 TB/s"}}, 300, 3);
  ASSERT_TRUE(sweep.Next());  // the first point lays the chip out
  const long before = g_allocations.load();
  while (sweep.Next()) {
  }
  EXPECT_EQ(g_allocations.load() - before, 0);
  EXPECT_EQ(sweep.summary().points, 300U);
}

// Spans give the values their lists give: LO..HI:STEP up to the last whole
// step, LO..HI/N both ends included.
TEST(SweepTest, SpansGiveTheValuesOfTheirLists) {
  const auto rows = [](const std::string& tpp, const std::string& pd) {
    Sweep sweep = Make({{"tpp", tpp}, {"pd", pd}});
    std::string out;
    while (sweep.Next()) sweep.AppendCsvRow(out);
    return out;
  };
  EXPECT_EQ(rows("1000..2000:300", "1..2/5"), rows("1000,1300,1600,1900", "1,1.25,1.5,1.75,2"));
  EXPECT_EQ(rows("4800..4800/1", "5.92..5.92:1"), rows("4800", "5.92"));
  EXPECT_NE(rows("1000..2000:300", "1"), rows("1000,1300,1600", "1"));
}

// A span's values are made when needed: a knob of ten million values took
// over a gigabyte before a point was classified.
TEST(SweepTest, ALongSpanTakesNoMemory) {
  (void)Make({{"tpp", "1"}, {"pd", "1"}});  // the rules load outside the count
  const size_t before = g_allocated_bytes.load();
  Sweep sweep = Make({{"tpp", "1..30000/10000000"}, {"pd", "0.5..20:0.5"}});
  EXPECT_LT(g_allocated_bytes.load() - before, size_t{1} << 20);
  EXPECT_EQ(sweep.size(), 10000000U * 40U);
  ASSERT_TRUE(sweep.Next());
  std::string first;
  sweep.AppendCsvRow(first);
  EXPECT_TRUE(first.starts_with("0,1,0.5,")) << first;  // point 0: the least of each span
}

TEST(SweepTest, RejectsBadKnobs) {
  const auto error = [](std::vector<std::pair<std::string, std::string>> knobs) {
    SweepRequest request;
    request.knobs = std::move(knobs);
    std::string message;
    EXPECT_FALSE(Sweep::Create(Rules(), kContext, request, &message).has_value());
    return message;
  };
  EXPECT_EQ(error({{"tpp", "1000..2000"}, {"pd", "1"}}),
            "tpp: a grid needs a step (LO..HI:STEP) or a count (LO..HI/N), or use random sampling");
  EXPECT_EQ(error({{"tpp", "1000"}, {"pd", "0"}}), "pd: must be positive (the die area is tpp / pd)");
  EXPECT_EQ(error({{"tpp", "1000"}, {"die-area", "800"}}),
            "die-area: expected a unit, an area such as mm2, after the range");
  EXPECT_EQ(error({{"tpp", "1000"}}), "give pd or die-area: the die area decides performance density");
  EXPECT_EQ(error({{"tpp", "2000..1000:1"}, {"pd", "1"}}), "tpp: the range ends below its start");
  EXPECT_EQ(error({{"volts", "1"}}).substr(0, 21), "unknown knob 'volts',");
}

}  // namespace
}  // namespace eccn
