// The CLI, run in-process: golden output for text and JSON, exit codes, and
// errors on stderr with nothing on stdout. Set ECCN_UPDATE_GOLDEN=1 to rewrite
// the golden files after a deliberate change (then review the diff).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "cli/cli.h"

namespace eccn::cli {
namespace {

using ::testing::HasSubstr;

struct Outcome {
  int code = -1;
  std::string out;
  std::string err;
};

// Runs with fixed rules and date so the output does not change with the day.
Outcome RunCli(std::vector<std::string> args) {
  std::vector<const char*> argv{"eccn"};
  for (const std::string& a : args) argv.push_back(a.c_str());
  std::ostringstream out, err;
  Outcome o;
  o.code = Run(static_cast<int>(argv.size()), argv.data(), out, err);
  o.out = out.str();
  o.err = err.str();
  return o;
}

void ExpectGolden(const std::string& name, const std::string& actual) {
  const std::string path = std::string(ECCN_SOURCE_DIR "/tests/golden/") + name;
  if (const char* update = std::getenv("ECCN_UPDATE_GOLDEN"); update != nullptr && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << "missing golden file " << path << "; actual output:\n" << actual;
  std::stringstream expected_stream;
  expected_stream << in.rdbuf();
  const std::string expected = expected_stream.str();
  if (expected == actual) return;
  // Report the first differing line, not two walls of text.
  std::istringstream want(expected), got(actual);
  std::string want_line, got_line;
  for (int line = 1;; ++line) {
    const bool more_want = static_cast<bool>(std::getline(want, want_line));
    const bool more_got = static_cast<bool>(std::getline(got, got_line));
    if (!more_want && !more_got) break;
    if (!more_want || !more_got || want_line != got_line) {
      ADD_FAILURE() << name << ":" << line << " differs (ECCN_UPDATE_GOLDEN=1 rewrites it)\n  expected: "
                    << (more_want ? want_line : "<end of file>")
                    << "\n  actual:   " << (more_got ? got_line : "<end of file>");
      return;
    }
  }
  ADD_FAILURE() << name << " differs in line endings";
}

const std::vector<std::string> kFixed{"--rules", "rules", "--as-of", "2026-11-28"};

std::vector<std::string> With(std::vector<std::string> args) {
  args.insert(args.end(), kFixed.begin(), kFixed.end());
  return args;
}

TEST(Cli, ClassifyCatalogText) {
  const Outcome o = RunCli(With({"classify", "catalog"}));
  EXPECT_EQ(o.code, kControlled);
  EXPECT_EQ(o.err, "");
  ExpectGolden("classify_catalog.txt", o.out);
}

TEST(Cli, ClassifyCatalogJson) {
  const Outcome o = RunCli(With({"classify", "catalog", "--format", "json"}));
  EXPECT_EQ(o.code, kControlled);
  EXPECT_EQ(o.err, "");
  ExpectGolden("classify_catalog.json", o.out);
}

TEST(Cli, ExplainText) {
  const Outcome o = RunCli(With({"explain", "catalog/nvidia-h20.yaml"}));
  EXPECT_EQ(o.code, kNotControlled);
  ExpectGolden("explain_h20.txt", o.out);
}

TEST(Cli, IndeterminateExitCodeAndMissingField) {
  const Outcome o = RunCli(With({"classify", "tests/data/specs/h20-no-dies.yaml"}));
  EXPECT_EQ(o.code, kIndeterminate);
  ExpectGolden("classify_indeterminate.txt", o.out);
}

TEST(Cli, RulesList) {
  const Outcome o = RunCli(With({"rules", "list"}));
  EXPECT_EQ(o.code, 0);
  ExpectGolden("rules_list.txt", o.out);
}

TEST(Cli, RulesCheckPassesOnShippedRules) {
  const Outcome o = RunCli({"rules", "check", "rules"});
  EXPECT_EQ(o.code, 0);
  EXPECT_EQ(o.out, "rules: ok (1 pack, 2 entries, 12 operand formats)\n");
}

TEST(Cli, RulesCheckReportsPositionedErrors) {
  const Outcome o = RunCli({"rules", "check", "tests/data/bad-rules"});
  EXPECT_EQ(o.code, kDataError);
  EXPECT_EQ(o.out, "");
  ExpectGolden("rules_check_broken.err", o.err);
  const Outcome json = RunCli({"rules", "check", "tests/data/bad-rules", "--format", "json"});
  EXPECT_EQ(json.code, kDataError);
  EXPECT_THAT(json.out, HasSubstr("\"line\": 18"));
}

TEST(Cli, RulesCheckReportsLintWarnings) {
  const Outcome o = RunCli({"rules", "check", "tests/data/lint-rules"});
  EXPECT_EQ(o.code, 0);
  EXPECT_EQ(o.out, "tests/data/lint-rules: ok with warnings (1 pack, 1 entry, 1 operand formats)\n");
  EXPECT_EQ(o.err,
            "tests/data/lint-rules/never.yaml:17:5: warning: entry 'X.a' can never match: no chip satisfies its "
            "conditions\n");
  const Outcome strict = RunCli({"rules", "check", "tests/data/lint-rules", "--werror"});
  EXPECT_EQ(strict.code, kDataError);
  const Outcome json = RunCli({"rules", "check", "tests/data/lint-rules", "--format", "json"});
  EXPECT_EQ(json.code, 0);
  EXPECT_THAT(json.out, HasSubstr("\"severity\": \"warning\""));
  EXPECT_THAT(json.out, HasSubstr("\"ok\": true"));
}

TEST(Cli, BadSpecPrintsErrorsAndNothingOnStdout) {
  const Outcome o = RunCli(With({"classify", "catalog", "tests/data/specs/bad-units.yaml"}));
  EXPECT_EQ(o.code, kDataError);
  EXPECT_EQ(o.out, "");
  ExpectGolden("bad_units.err", o.err);
}

TEST(Cli, MissingPathIsNoInput) {
  const Outcome o = RunCli(With({"classify", "no/such/chip.yaml"}));
  EXPECT_EQ(o.code, kNoInput);
  EXPECT_EQ(o.err, "no/such/chip.yaml: error: no such file or directory\n");
}

TEST(Cli, UsageErrors) {
  EXPECT_EQ(RunCli({}).code, kUsage);
  EXPECT_EQ(RunCli({"classify"}).code, kUsage);
  EXPECT_EQ(RunCli({"classify", "catalog", "--format", "xml"}).code, kUsage);
  const Outcome bad_date = RunCli({"classify", "catalog", "--as-of", "2026-13-01"});
  EXPECT_EQ(bad_date.code, kUsage);
  EXPECT_THAT(bad_date.err, HasSubstr("invalid --as-of '2026-13-01'"));
}

TEST(Cli, AsOfBeforeTheRuleMeansNoControl) {
  const Outcome o = RunCli({"classify", "catalog/nvidia-h100-sxm.yaml", "--rules", "rules", "--as-of", "2023-11-16"});
  EXPECT_EQ(o.code, kNotControlled);
  EXPECT_THAT(o.out, HasSubstr("Rules applying on 2023-11-16: none"));
}

TEST(Cli, HelpAndVersionSucceed) {
  EXPECT_EQ(RunCli({"--help"}).code, 0);
  const Outcome version = RunCli({"--version"});
  EXPECT_EQ(version.code, 0);
  EXPECT_THAT(version.out, HasSubstr("0.1.0"));
}

TEST(Cli, SweepGridCsvIsStable) {
  // The CSV header and rows are an interface: golden.
  const Outcome o = RunCli({"sweep", "--rules", "rules/us/ear-3a090-2023.yaml", "--as-of", "2026-11-29", "--tpp",
                            "1600,2400,4800", "--pd", "1.6,3.2,5.92"});
  EXPECT_EQ(o.code, 0) << o.err;
  ExpectGolden("sweep_grid.csv", o.out);
  EXPECT_THAT(o.err, HasSubstr("9 points"));
}

TEST(Cli, SweepAndPlotRejectBadOptions) {
  EXPECT_EQ(RunCli({"sweep", "--tpp", "1..2", "--pd", "1"}).code, kUsage);
  const Outcome rate = RunCli({"sweep", "--rate", "fp16", "--die-area", "800 mm2"});
  EXPECT_EQ(rate.code, kUsage);
  EXPECT_THAT(rate.err, HasSubstr("expected FORMAT=RANGE"));
  EXPECT_EQ(RunCli({"plot", "--market", "moon"}).code, kUsage);
}

}  // namespace
}  // namespace eccn::cli
