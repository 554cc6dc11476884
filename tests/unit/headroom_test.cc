// Headroom against hand calculations on the shipped 3A090 pack (88 FR 73458):
// 3A090.a: TPP >= 4800, or TPP >= 1600 and PD >= 5.92;
// 3A090.b: TPP in [2400, 4800) and PD in [1.6, 5.92), or TPP >= 1600 and PD in [3.2, 5.92).
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include <eccn/eccn.h>
#include <eccn/headroom.h>
#include "test_rules.h"

namespace eccn {
namespace {

using testing_support::ThreeA090Rules;

const Context kContext{Date::Parse("2026-11-28").value()};

ChipSpec LoadCatalog(const std::string& name) {
  Loaded<ChipSpec> spec = LoadChipSpec(ECCN_SOURCE_DIR "/catalog/" + name, ThreeA090Rules().formats());
  EXPECT_TRUE(spec.ok());
  return *spec.value;
}

const EntryHeadroom& EntryOf(const std::vector<EntryHeadroom>& all, const std::string& id) {
  const auto it = std::find_if(all.begin(), all.end(), [&](const EntryHeadroom& e) { return e.entry == id; });
  EXPECT_NE(it, all.end()) << id;
  return *it;
}

const Flip* FlipOf(const EntryHeadroom& entry, const std::string& knob, bool up) {
  for (const Flip& flip : entry.flips) {
    if (flip.knob == knob && flip.found && flip.up == up) return &flip;
  }
  return nullptr;
}

TEST(Headroom, H20ReachesThreeA090bAtTpp2400) {
  // H20: fp8 296 TFLOPS dense x 8 bits = TPP 2368 (every listed format gives 2368); one 814 mm2 logic die.
  const std::vector<EntryHeadroom> h = Headroom(ThreeA090Rules(), LoadCatalog("nvidia-h20.yaml"), kContext);
  const EntryHeadroom& b = EntryOf(h, "3A090.b");
  EXPECT_EQ(b.verdict, Verdict::kNotControlled);
  const Flip* up = FlipOf(b, "throughput", true);
  ASSERT_NE(up, nullptr);
  // b.1 is met once TPP reaches 2400 (PD 2400/814 = 2.95 is then >= 1.6): factor 2400/2368 = 75/74 = 1.0135.
  EXPECT_EQ(up->factor, Number(75) / 74);
  EXPECT_TRUE(up->exact);
  EXPECT_TRUE(up->inclusive);
  EXPECT_EQ(up->becomes, Verdict::kControlled);
  EXPECT_EQ(up->metric, "tpp");
  EXPECT_EQ(up->at, Interval::Exact(2400));
  EXPECT_EQ(up->clause, "tpp >= 2400");
  // Shrinking the die: PD = 2368/area reaches 3.2 (b.2) at area 740 mm2, factor 740/814.
  const Flip* area = FlipOf(b, "die_area", false);
  ASSERT_NE(area, nullptr);
  EXPECT_EQ(area->factor, Number(740) / 814);
  EXPECT_EQ(area->metric, "pd");
  EXPECT_EQ(area->at, Interval::Exact(Number(32) / 10));
  // Not controlled and monotone: no flip downward in throughput.
  EXPECT_EQ(FlipOf(b, "throughput", false), nullptr);
}

TEST(Headroom, H20ReachesThreeA090aAtTpp4800OrPd592) {
  const std::vector<EntryHeadroom> h = Headroom(ThreeA090Rules(), LoadCatalog("nvidia-h20.yaml"), kContext);
  const EntryHeadroom& a = EntryOf(h, "3A090.a");
  const Flip* up = FlipOf(a, "throughput", true);
  ASSERT_NE(up, nullptr);
  // TPP 4800 at 4800/2368 = 75/37 (before PD 5.92, which needs 5.92 x 814 = 4818.88).
  EXPECT_EQ(up->factor, Number(75) / 37);
  EXPECT_EQ(up->at, Interval::Exact(4800));
  const Flip* area = FlipOf(a, "die_area", false);
  ASSERT_NE(area, nullptr);
  // PD 5.92 at area 2368 / 5.92 = 400 mm2: factor 400/814.
  EXPECT_EQ(area->factor, Number(400) / 814);
  EXPECT_EQ(area->at, Interval::Exact(Number(592) / 100));
  // One format alone: TPP is the maximum over formats and they all give 2368, so fp8 alone needs the same factor.
  const Flip* fp8 = FlipOf(a, "throughput.fp8", true);
  ASSERT_NE(fp8, nullptr);
  EXPECT_EQ(fp8->factor, Number(75) / 37);
}

TEST(Headroom, ControlledChipLeavesWhenThroughputDrops) {
  // H100 SXM: TPP 15832 (fp8 1979 TFLOPS x 8); .a ends where TPP < 4800, i.e. just below 4800/15832.
  const std::vector<EntryHeadroom> h = Headroom(ThreeA090Rules(), LoadCatalog("nvidia-h100-sxm.yaml"), kContext);
  const Flip* down = FlipOf(EntryOf(h, "3A090.a"), "throughput", false);
  ASSERT_NE(down, nullptr);
  EXPECT_EQ(down->factor, Number(4800) / 15832);
  EXPECT_TRUE(down->exact);
  EXPECT_FALSE(down->inclusive);  // still controlled at TPP 4800 exactly ("4800 or more")
  EXPECT_EQ(down->becomes, Verdict::kNotControlled);
}

TEST(Headroom, KnobsTheEntryDoesNotReadAreLeftOut) {
  const std::vector<EntryHeadroom> h = Headroom(ThreeA090Rules(), LoadCatalog("nvidia-h20.yaml"), kContext);
  for (const EntryHeadroom& entry : h) {
    for (const Flip& flip : entry.flips) {
      EXPECT_NE(flip.knob, "memory.bandwidth");
      EXPECT_NE(flip.knob, "interconnect.bidirectional");
    }
  }
}

TEST(Headroom, NoFactorFlipsAConsumerPartBelowTheExclusion) {
  // RTX 4090 D: consumer, so the Note excludes it below TPP 4800, and from 4800 on .a takes precedence over .b.
  const std::vector<EntryHeadroom> h = Headroom(ThreeA090Rules(), LoadCatalog("nvidia-rtx-4090d.yaml"), kContext);
  const EntryHeadroom& b = EntryOf(h, "3A090.b");
  ASSERT_FALSE(b.flips.empty());
  for (const Flip& flip : b.flips) EXPECT_FALSE(flip.found) << flip.knob;
}

// Property: before every exact flip the verdict is today's at any factor, and
// at (or just past) the flip it is the new one, for every catalog chip.
TEST(Headroom, ExactFlipsAgreeWithPointClassification) {
  std::mt19937 random(5);
  for (const char* file : {"nvidia-h20.yaml", "nvidia-l20.yaml", "nvidia-a100-sxm.yaml"}) {
    const ChipSpec spec = LoadCatalog(file);
    const std::vector<EntryHeadroom> all = Headroom(ThreeA090Rules(), spec, kContext);
    for (size_t e = 0; e < all.size(); ++e) {
      if (all[e].entry != "3A090.a" && all[e].entry != "3A090.b") continue;  // the .z and 4A090 entries reuse them
      for (const Flip& flip : all[e].flips) {
        if (!flip.found || !flip.exact) continue;
        const auto verdict_at = [&](const Number& k) {
          return ThreeA090Rules().Classify(ScaleKnob(spec, flip.knob, k), kContext).results[e].verdict;
        };
        for (int i = 0; i < 4; ++i) {
          const Number t = Number(std::uniform_int_distribution<int>(0, 999)(random)) / 1000;
          EXPECT_EQ(verdict_at(1 + (flip.factor - 1) * t), all[e].verdict) << file << " " << flip.knob;
        }
        const Number beyond = flip.factor * (flip.up ? Number(1000001) / 1000000 : Number(999999) / 1000000);
        EXPECT_EQ(verdict_at(flip.inclusive ? flip.factor : beyond), flip.becomes) << file << " " << flip.knob;
      }
    }
  }
}

// Reverse form: TPP ceiling of each entry for a die area A, from the thresholds by hand.
Number CeilingA(const Number& area) { return std::min(Number(4800), std::max(Number(1600), Number(592) / 100 * area)); }
Number CeilingB(const Number& area) {
  return std::min(std::max(Number(2400), Number(16) / 10 * area), std::max(Number(1600), Number(32) / 10 * area));
}

Number TppOf(const Ceiling& ceiling) {
  for (const MetricValue& metric : ceiling.metrics) {
    if (metric.id == "tpp") return metric.value.lo;
  }
  ADD_FAILURE() << "no tpp";
  return 0;
}

// The ceilings of 3A090.a and 3A090.b, in that order (the pack also has 4A090 and .z entries).
std::vector<Ceiling> CeilingsOf3A090(const DesignPoint& point) {
  std::vector<Ceiling> out;
  for (const Ceiling& ceiling : Ceilings(ThreeA090Rules(), point, kContext)) {
    if (ceiling.entry == "3A090.a" || ceiling.entry == "3A090.b") out.push_back(ceiling);
  }
  EXPECT_EQ(out.size(), 2u);
  if (out.size() != 2) out.resize(2);
  EXPECT_EQ(out[0].entry, "3A090.a");
  return out;
}

TEST(Headroom, ReverseGivesEachEntrysTppCeiling) {
  for (const int area : {814, 440, 300}) {
    DesignPoint point;
    point.die_area_mm2 = area;
    point.mix = {{"fp8", 1}};
    const std::vector<Ceiling> ceilings = CeilingsOf3A090(point);
    ASSERT_TRUE(ceilings[0].flip.found && ceilings[0].flip.exact) << area;
    EXPECT_EQ(TppOf(ceilings[0]), CeilingA(area)) << area;
    ASSERT_TRUE(ceilings[1].flip.found && ceilings[1].flip.exact) << area;
    EXPECT_EQ(TppOf(ceilings[1]), CeilingB(area)) << area;
    // fp8 rate at the ceiling is TPP / 8 TOPS.
    EXPECT_EQ(ceilings[1].rates.front().second, CeilingB(area) / 8 * Number(1000000000000)) << area;
  }
}

TEST(Headroom, ReverseForTheH20DieArea) {
  // 814 mm2: .a at TPP 4800 (PD 5.92 would need 4818.88); .b at 2400 (b.2 needs 3.2 x 814 = 2604.8).
  DesignPoint point;
  point.die_area_mm2 = 814;
  point.mix = {{"fp8", 2}, {"bf16", 1}};  // fp8 gives the TPP: 2t x 8 = 16t > t x 16 = 16t (equal), either way 16t
  const std::vector<Ceiling> ceilings = CeilingsOf3A090(point);
  EXPECT_EQ(TppOf(ceilings[0]), 4800);
  EXPECT_EQ(ceilings[0].flip.metric, "tpp");
  EXPECT_EQ(TppOf(ceilings[1]), 2400);
}

TEST(Headroom, ScaleKnobRangeMakesTheValuesUncertain) {
  const ChipSpec h20 = LoadCatalog("nvidia-h20.yaml");
  const ChipSpec scaled = ScaleKnobRange(h20, "die_area", 1, 2);
  ASSERT_EQ(scaled.uncertain.size(), 1u);
  EXPECT_EQ(scaled.uncertain[0].field, "dies[0].area");
  EXPECT_EQ(scaled.uncertain[0].range, Interval::Between(814, 1628));
  EXPECT_FALSE((*scaled.dies)[0].area_mm2.has_value());
  EXPECT_EQ(KnobsOf(h20).front(), "throughput");
}

}  // namespace
}  // namespace eccn
