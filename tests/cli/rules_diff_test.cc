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

TEST(RulesDiff, AnUnknownSideIsAUsageError) {
  const Outcome o = RunCli({"rules", "diff", "no-such-pack", "2026-11-28", "--rules", "rules"});
  EXPECT_EQ(o.code, kUsage);
  EXPECT_EQ(o.out, "");
  EXPECT_THAT(o.err, HasSubstr("'no-such-pack' is neither a date (YYYY-MM-DD) nor a pack id"));
}

}  // namespace
}  // namespace eccn::cli
