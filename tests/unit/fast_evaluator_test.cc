// FastEvaluator against the exact evaluator on aggregates the shipped rules do
// not have, which the fast path must still get right: one inside another's
// body reading the outer item, aggregates whose filter or value is an item
// field itself, and aggregates sharing a loop over the items, or kept out of
// one because they read a value computed after it.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "bulk/fast_evaluator.h"
#include "bulk_test_support.h"
#include "chip_values.h"
#include "expr/evaluator.h"
#include "program_test_support.h"

namespace eccn::bulk {
namespace {

struct Checked {
  std::string_view expression;
  bool truth;  // else a number
};

constexpr std::array<Checked, 10> kExpressions{{
    // The inner aggregate reads the outer die's count. Bits times counts are never 12 (a tie is for the exact path).
    {"sum(d in dies: d.count * count(f in formats where f.bits * d.count > 12))", false},
    {"any(d in dies: any(f in formats: f.rate / 1 TOPS > d.area / 1 mm2))", true},
    // The value, then the filter, is an item field.
    {"sum(f in formats where f.name == 'fp16': f.rate)", false},
    {"max(d in dies: d.area)", false},
    {"all(f in formats: f.rate > 100 TFLOPS)", true},
    {"min(f in formats where f.bits < 12: f.rate / 1 TOPS * f.bits)", false},
    {"sum(d in dies where d.role == 'logic' and d.transistors != 'planar': d.area * d.count)", false},
    // m7 joins the loop of m2 (over the formats, reading nothing outside its
    // body); m9 reads m8, computed after that loop, so it must have its own.
    // Below the highest rate by half or more is never a tie for these rates.
    {"max(f in formats: f.rate / 1 TOPS)", false},
    {"m7 / 2", false},
    {"count(f in formats where f.rate / 1 TOPS > m8)", false},
}};

// An end of the exact interval and the fast one: both unbounded, or within the fast end's bound.
void ExpectSameEnd(bool unbounded, const Number& exact, double fast, double err, const std::string& what) {
  if (unbounded) {
    EXPECT_TRUE(std::isinf(fast)) << what;
    return;
  }
  const double value = ToDouble(exact);
  EXPECT_LE(std::fabs(fast - value), err + std::fabs(value) * 1e-15) << what;
}

// A record with one to three of fp16, fp8 and int8 and zero to three dies (or none listed).
std::string RandomRecord(std::mt19937_64& random) {
  std::uniform_real_distribution<double> rate(1, 2000);
  std::uniform_real_distribution<double> area(20, 1000);
  std::vector<std::string> rates;
  for (const char* format : {"fp16", "fp8", "int8"}) {
    if (random() % 3 != 0)
      rates.push_back(fmt::format(R"("{}": "{:.2f} {}")", format, rate(random), format[0] == 'i' ? "TOPS" : "TFLOPS"));
  }
  if (rates.empty()) rates.push_back(fmt::format(R"("fp8": "{:.2f} TFLOPS")", rate(random)));
  std::vector<std::string> dies;
  const size_t die_count = random() % 4;
  for (size_t k = 0; k < die_count; ++k) {
    dies.push_back(fmt::format(R"({{"area": "{:.1f} mm2", "transistors": "{}", "role": "{}", "count": {}}})",
                               area(random), random() % 3 == 0 ? "planar" : "finfet",
                               random() % 3 == 0 ? "memory" : "logic", 1 + random() % 3));
  }
  return fmt::format(R"({{"name": "X", "throughput": {{{}}}{}}})", fmt::join(rates, ", "),
                     random() % 8 == 0 ? "" : fmt::format(R"(, "dies": [{}])", fmt::join(dies, ", ")));
}

TEST(FastEvaluator, NestedAndItemFieldAggregatesAgreeWithTheExactEvaluator) {
  std::vector<std::string_view> expressions;
  for (const Checked& checked : kExpressions) expressions.push_back(checked.expression);
  const testing_support::CompiledProgram compiled =
      testing_support::CompileProgram(testing_support::Formats(), expressions);
  ASSERT_EQ(compiled.results.size(), kExpressions.size());
  FastEvaluator fast(compiled.program);
  expr::Evaluator exact(compiled.program);
  JsonlDecoder decoder;
  FastRecordBuilder builder(testing_support::Formats());
  std::mt19937_64 random(1609);
  int answered = 0;
  constexpr int kRecords = 2000;
  for (int i = 0; i < kRecords; ++i) {
    const std::string record = RandomRecord(random);
    const testing_support::Decoded decoded = testing_support::DecodeJsonl(record);
    ASSERT_TRUE(decoded.spec) << record;
    exact.Run(PrepareChip(*decoded.spec, testing_support::Formats()));
    std::string padded;
    ASSERT_TRUE(testing_support::DecodeFast(record, padded, decoder, builder)) << record;
    if (!fast.Run(builder.chip())) continue;
    ++answered;
    for (size_t e = 0; e < kExpressions.size(); ++e) {
      const expr::Value& want = exact.value(compiled.results[e]);
      const FastValue& got = fast.value(compiled.results[e]);
      if (kExpressions[e].truth) {
        EXPECT_EQ(got.truth, want.truth) << kExpressions[e].expression << " of " << record;
        continue;
      }
      const std::string what = fmt::format("{} of {}", kExpressions[e].expression, record);
      ExpectSameEnd(want.number.lo_unbounded, want.number.lo, got.lo, got.lo_err, what);
      ExpectSameEnd(want.number.hi_unbounded, want.number.hi, got.hi, got.hi_err, what);
    }
  }
  EXPECT_GT(answered, kRecords * 9 / 10);
}

}  // namespace
}  // namespace eccn::bulk
