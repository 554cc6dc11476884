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
  const bulk::FastClassifier classifier(testing_support::ShippedRules(), kContext);
  bulk::FastClassifier::Worker worker(classifier);
  const CsvResultWriter writer(classifier);
  VerdictEvaluator verdicts(testing_support::ShippedRules(), kContext);
  bulk::JsonlDecoder decoder;
  bulk::FastRecordBuilder builder(testing_support::Formats());
  bulk::FastOutcome outcome;
  CsvRowScratch scratch;

  std::mt19937_64 random(1010);
  std::uniform_real_distribution<double> rate(1, 2000);
  std::uniform_real_distribution<double> area(20, 1000);
  const std::array<const char*, 3> markets{"datacenter", "consumer", "unknown"};
  int fast_rows = 0;
  int undecided_digits = 0;
  constexpr int kRecords = 1500;
  for (int i = 0; i < kRecords; ++i) {
    // Metrics with long expansions (PD is TPP over an area) put digits at stake.
    const std::string record = fmt::format(
        R"({{"name": "Chip {}", "marketed_for": "{}", "throughput": {{"fp16": "{:.{}f} TFLOPS", "int8": "{:.2f} TOPS"}}, )"
        R"("dies": [{{"area": "{:.1f} mm2", "transistors": "finfet", "role": "logic", "count": {}}}], )"
        R"("memory": {{"type": "HBM3", "bandwidth": "{:.2f} TB/s"}}}})",
        i, markets[random() % markets.size()], rate(random), static_cast<int>(random() % 6), rate(random), area(random),
        1 + random() % 2, rate(random) / 100);
    const std::string padded = testing_support::Padded(record);
    builder.Reset();
    ASSERT_TRUE(decoder.Decode(std::string_view(padded.data(), record.size()), builder)) << record;
    if (!worker.Classify(builder.chip(), outcome)) continue;  // at a threshold: the exact path alone
    std::string fast;
    if (!writer.FastRow(fast, 1, builder.chip().name, outcome, scratch)) {
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
