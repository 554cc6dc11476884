// eccn rules diff: chips whose classification differs between two dates or
// two packs, and the exit code that lets a pipeline notice it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cli/cli_harness.h"

namespace eccn::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(RulesDiff, BetweenTwoDatesListsTheChipsThatChange) {
  const Outcome o = RunCli({"rules", "diff", "2023-11-16", "2023-11-17", "catalog", "--rules", "rules"});
  EXPECT_EQ(o.code, 1);
  EXPECT_EQ(o.err, "");
  ExpectGolden("rules_diff_dates.txt", o.out);
}

TEST(RulesDiff, DatesWithTheSamePacksChangeNothing) {
  const Outcome o = RunCli({"rules", "diff", "2026-02-01", "2026-11-28", "catalog", "--rules", "rules"});
  EXPECT_EQ(o.code, 0) << o.out;
  EXPECT_THAT(o.out, HasSubstr("0 of "));
}

TEST(RulesDiff, JsonNamesBothSidesAndEachChange) {
  const Outcome o = RunCli({"rules", "diff", "us-ear-3a090-2023", "2020-01-01", "catalog/nvidia-h100-sxm.yaml",
                            "catalog/nvidia-h20.yaml", "--rules", "rules", "--format", "json"});
  EXPECT_EQ(o.code, 1);
  EXPECT_THAT(o.out, HasSubstr("\"only_in_a\": [\n    \"us-ear-3a090-2023\"\n  ]"));
  EXPECT_THAT(o.out, HasSubstr("\"chips_compared\": 2"));
  EXPECT_THAT(o.out, HasSubstr("\"name\": \"NVIDIA H100 SXM\""));
  EXPECT_THAT(o.out, Not(HasSubstr("\"name\": \"NVIDIA H20\"")));  // not controlled on either side
}

// The 2022 and 2023 versions side by side on the TPP / PD plane: the 2022 test
// also needed 600 GB/s of I/O, which the hypothetical chip lacks, so every
// 2023 region is new. Samples (x 1, 1.6, 2.4, 3.2, 4.8, 5.92, 8 per decade) in 3A090.b:
// b.1 TPP 2400, 3200 x PD 1.6, 2.4, 3.2, 4.8 (8), b.2 adds TPP 1600 x PD 3.2, 4.8 (2): 10.
TEST(RulesDiff, ShowsWhereInTheTppPdPlaneTwoPacksDiffer) {
  const Outcome o = RunCli({"rules", "diff", "us-ear-3a090-2022", "us-ear-3a090-2023", "--rules", "rules", "--plane"});
  EXPECT_EQ(o.code, 0);  // no chips given
  EXPECT_THAT(o.out, HasSubstr("10      1600..3200   1.6..4.8  not controlled  controlled: 3A090.b\n"));
  const Outcome json = RunCli(
      {"rules", "diff", "us-ear-3a090-2022", "us-ear-3a090-2023", "--rules", "rules", "--plane", "--format", "json"});
  EXPECT_THAT(json.out, HasSubstr("\"b\": \"controlled: 3A090.b\",\n        \"points\": 10,"));
}

TEST(RulesDiff, AnUnknownSideIsAUsageError) {
  const Outcome o = RunCli({"rules", "diff", "no-such-pack", "2026-11-28", "--rules", "rules"});
  EXPECT_EQ(o.code, kUsage);
  EXPECT_EQ(o.out, "");
  EXPECT_THAT(o.err, HasSubstr("'no-such-pack' is neither a date (YYYY-MM-DD) nor a pack id"));
}

}  // namespace
}  // namespace eccn::cli
