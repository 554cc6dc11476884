// A catalog's table row reads the same whichever path made it: the fast path
// (doubles with error bounds) or the exact classification. Metrics are where
// they could differ: the fast path knows them only within a bound, and a
// table shows them rounded to two decimals.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <random>
#include <string>

#include "cli/render_text.h"
#include "cli/report.h"
#include "unit/bulk_test_support.h"

namespace eccn::cli {
namespace {

const Context kContext(*Date::Parse("2026-11-28"));

TEST(TextRows, DecidedDigitsAreTheExactValuesDigits) {
  std::mt19937_64 random(77);
  const std::array<int64_t, 6> denominators{1, 3, 7, 200, 1000, 8};  // 200 and 8: exact halves of the last digit
  int undecided = 0;
  int halves = 0;
  for (int i = 0; i < 20000; ++i) {
    const auto numerator = static_cast<int64_t>(random() % 100000000);
    const int64_t denominator = denominators[random() % denominators.size()];
    const Number exact = Number(numerator) / Number(denominator);
    // Exactly half of the last (second) decimal: 200 x is an odd integer.
    halves += (numerator * 200) % denominator == 0 && (numerator * 200 / denominator) % 2 == 1 ? 1 : 0;
    const double value = ToDouble(exact);
    const double error = std::fabs(value) * 4 * std::numeric_limits<double>::epsilon();
    const std::optional<std::string> text = FormatDecided(value, error);
    if (!text) {
      ++undecided;
      continue;
    }
    ASSERT_EQ(*text, FormatNumber(exact, 2)) << numerator << "/" << denominator;
  }
  EXPECT_GT(halves, 2000);
  EXPECT_EQ(undecided, halves);                          // only the halves are left to exact arithmetic
  EXPECT_EQ(FormatDecided(1.005, 1e-12), std::nullopt);  // 1.00 or 1.01: too close to call
  EXPECT_EQ(FormatDecided(-1, 0), std::nullopt);
  EXPECT_EQ(FormatDecided(2e9, 0), std::nullopt);
  EXPECT_EQ(FormatDecided(16.5, 0), "16.5");
  EXPECT_EQ(FormatDecided(4800, 1e-9), "4800");
  EXPECT_EQ(FormatDecided(0.004, 1e-12), "0");
}

TEST(TextRows, EveryPathWritesTheSameRow) {
  testing_support::FastJsonlPath fast_path(kContext);
  Report report;
  report.as_of = kContext.as_of;
  for (const PackInfo& pack : testing_support::ShippedRules().packs()) {
    if (pack.AppliesOn(kContext)) report.packs.push_back(&pack);
  }
  const ClassifyTextWriter writer(report);

  std::mt19937_64 random(2027);
  int fast_rows = 0;
  constexpr int kRecords = 1500;
  for (int i = 0; i < kRecords; ++i) {
    const std::string record = testing_support::RandomRecord(random, i);
    const std::optional<bulk::FastOutcome> outcome = fast_path.Classify(record);
    if (!outcome) continue;  // at a threshold: the exact path alone
    const std::optional<ClassifyTextRow> fast =
        writer.FastRowOf(fmt::format("Chip {}", i), *outcome, fast_path.classifier());
    if (!fast) continue;
    ++fast_rows;
    const testing_support::Decoded decoded = testing_support::DecodeJsonl(record);
    ASSERT_TRUE(decoded.spec) << record;
    const ClassifyTextRow exact = writer.RowOf(testing_support::ShippedRules().Classify(*decoded.spec, kContext));
    ASSERT_EQ(fast->cells, exact.cells) << record;
    ASSERT_EQ(fast->verdict, exact.verdict) << record;
    ASSERT_EQ(fast->notices, exact.notices) << record;
  }
  // Records without a described_in are indeterminate for the .z paragraphs
  // when 3A090 applies: their row lists what is missing, which only the exact
  // path knows. The others nearly all take the fast path.
  EXPECT_GT(fast_rows, kRecords / 2);
}

}  // namespace
}  // namespace eccn::cli
