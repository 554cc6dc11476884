// A --format csv row reads the same whichever path wrote it: the fast path
// (doubles with error bounds) or either exact one (the classifier, or the
// verdict evaluator the bulk command falls back to). Metrics are where they
// could differ: the fast path knows them only within a bound.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <array>
#include <random>
#include <string>

#include <eccn/verdicts.h>
#include "cli/render_csv.h"
#include "unit/bulk_test_support.h"

namespace eccn::cli {
namespace {

const Context kContext(*Date::Parse("2026-11-28"));

TEST(CsvRows, EveryPathWritesTheSameRow) {
  testing_support::FastJsonlPath fast_path(kContext);
  const CsvResultWriter writer(fast_path.classifier());
  VerdictEvaluator verdicts(testing_support::ShippedRules(), kContext);
  CsvRowScratch scratch;

  std::mt19937_64 random(1010);
  int fast_rows = 0;
  int undecided_digits = 0;
  constexpr int kRecords = 1500;
  for (int i = 0; i < kRecords; ++i) {
    const std::string record = testing_support::RandomRecord(random, i);
    const std::optional<bulk::FastOutcome> outcome = fast_path.Classify(record);
    if (!outcome) continue;  // at a threshold: the exact path alone
    std::string fast;
    if (!writer.FastRow(fast, 1, fmt::format("Chip {}", i), *outcome, scratch)) {
      EXPECT_EQ(fast, "");
      ++undecided_digits;
      continue;
    }
    ++fast_rows;

    const testing_support::Decoded decoded = testing_support::DecodeJsonl(record);
    ASSERT_TRUE(decoded.spec) << record;
    std::string classified;
    writer.Row(classified, 1, testing_support::ShippedRules().Classify(*decoded.spec, kContext), scratch);
    verdicts.Evaluate(*decoded.spec);
    std::string evaluated;
    writer.Row(evaluated, 1, decoded.spec->name, verdicts, scratch);
    ASSERT_EQ(fast, classified) << record;
    ASSERT_EQ(fast, evaluated) << record;
  }
  // Nearly every record is written by the fast path; a few digits are left to the exact one.
  EXPECT_GT(fast_rows, kRecords * 95 / 100);
  EXPECT_LT(undecided_digits, kRecords / 100);
}

}  // namespace
}  // namespace eccn::cli
