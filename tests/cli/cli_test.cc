// The CLI, run in-process: golden output for text and JSON, exit codes, and
// errors on stderr with nothing on stdout. Set ECCN_UPDATE_GOLDEN=1 to rewrite
// the golden files after a deliberate change (then review the diff).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/cli.h"
#include "cli/cli_harness.h"

namespace eccn::cli {
namespace {

using ::testing::HasSubstr;

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
  // Two chips under the 2022 text (two entries), not the whole catalog under every pack:
  // the JSON holds every entry with its clauses, which would be hundreds of kilobytes.
  const Outcome o = RunCli({"classify", "catalog/nvidia-h800-sxm.yaml", "catalog/nvidia-a100-sxm.yaml", "--rules",
                            "rules", "--as-of", "2023-06-01", "--format", "json"});
  EXPECT_EQ(o.code, kControlled);
  EXPECT_EQ(o.err, "");
  ExpectGolden("classify_catalog.json", o.out);
}

TEST(Cli, ExplainText) {
  // The H800 under the 2022 text: TPP far above 4800, but 400 GB/s of NVLink < 600.
  const Outcome o = RunCli({"explain", "catalog/nvidia-h800-sxm.yaml", "--rules", "rules", "--as-of", "2023-06-01"});
  EXPECT_EQ(o.code, kNotControlled);
  ExpectGolden("explain_h800_2022.txt", o.out);
}

TEST(Cli, IndeterminateExitCodeAndMissingField) {
  // The 3A090 pack alone: the AT-only 3A991.p would make these H20 figures controlled.
  const Outcome o = RunCli({"classify", "tests/data/specs/h20-no-dies.yaml", "--rules", "rules/us/ear-3a090-2023.yaml",
                            "--as-of", "2026-11-28"});
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
  EXPECT_EQ(o.out, "rules: ok (13 packs, 31 entries, 12 operand formats, license data for 253 countries)\n");
  EXPECT_EQ(RunCli({"rules", "check", "rules", "--werror"}).code, 0);
}

TEST(Cli, RulesCheckValidatesLicenseData) {
  // A copy of the shipped rules whose country groups name a country that is not in countries.yaml.
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("eccn_rules_check_license_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::copy("rules", dir, std::filesystem::copy_options::recursive);
  const std::filesystem::path groups = dir / "countries" / "ear-country-groups.yaml";
  std::stringstream text;
  text << std::ifstream(groups).rdbuf();
  std::string edited = text.str();
  const size_t members = edited.find('[', edited.find("members:"));
  ASSERT_NE(members, std::string::npos);
  edited.insert(members + 1, "ZZ, ");
  std::ofstream(groups, std::ios::trunc) << edited;
  const Outcome o = RunCli({"rules", "check", dir.string()});
  std::filesystem::remove_all(dir);
  EXPECT_EQ(o.code, kDataError);
  EXPECT_EQ(o.out, "");
  EXPECT_THAT(o.err, HasSubstr("ear-country-groups.yaml:"));
  EXPECT_THAT(o.err, HasSubstr("error: unknown country code 'ZZ'"));
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
  const Outcome o = RunCli({"classify", "catalog/nvidia-h100-sxm.yaml", "--rules", "rules", "--as-of", "2022-10-06"});
  EXPECT_EQ(o.code, kNotControlled);
  EXPECT_THAT(o.out, HasSubstr("Rules applying on 2022-10-06: none"));
}

TEST(Cli, HelpAndVersionSucceed) {
  EXPECT_EQ(RunCli({"--help"}).code, 0);
  const Outcome version = RunCli({"--version"});
  EXPECT_EQ(version.code, 0);
  EXPECT_THAT(version.out, HasSubstr("0.1.0"));
}

// eccn license: a few chips and destinations per golden, every format.
const std::vector<std::string> kLicenseChips{"license", "tests/data/license", "catalog/nvidia-rtx-4090.yaml",
                                             "catalog/nvidia-h20.yaml"};

std::vector<std::string> LicenseArgs(std::vector<std::string> extra) {
  std::vector<std::string> args = kLicenseChips;
  args.insert(args.end(), extra.begin(), extra.end());
  return With(args);
}

TEST(Cli, LicenseTextGivesTheChainOfReasons) {
  const Outcome o = RunCli(With({"license", "catalog/nvidia-h100-sxm.yaml", "--to", "CN,DE"}));
  EXPECT_EQ(o.code, kControlled);  // a license is required to CN
  EXPECT_EQ(o.err, "");
  ExpectGolden("license_h100.txt", o.out);
}

TEST(Cli, LicenseMatrices) {
  const Outcome csv = RunCli(LicenseArgs({"--to", "CN,VN,DE,MY,RU", "--format", "csv"}));
  EXPECT_EQ(csv.code, kControlled);
  ExpectGolden("license_matrix.csv", csv.out);
  const Outcome md = RunCli(LicenseArgs({"--to", "CN,VN,DE,MY,RU", "--format", "markdown"}));
  ExpectGolden("license_matrix.md", md.out);
}

TEST(Cli, LicenseJson) {
  const Outcome o = RunCli(With({"license", "catalog/nvidia-rtx-4090.yaml", "--to", "China", "--format", "json"}));
  EXPECT_EQ(o.code, kNotControlled);  // NAC covers it: no license needed
  ExpectGolden("license_rtx4090.json", o.out);
}

TEST(Cli, LicenseToAllCoversEveryCountry) {
  const Outcome csv = RunCli(LicenseArgs({"--to", "all", "--format", "csv"}));
  const std::string header = csv.out.substr(0, csv.out.find('\n'));
  EXPECT_EQ(std::count(header.begin(), header.end(), ','), 253);  // 249 ISO codes and 4 regions
  EXPECT_THAT(header, HasSubstr(",CN,"));
  const Outcome svg = RunCli(With({"license", "catalog/nvidia-h20.yaml", "--to", "all", "--format", "svg"}));
  EXPECT_EQ(svg.out.rfind("<svg", 0), 0U);
  size_t tiles = 0;
  for (size_t at = svg.out.find("<g><title>"); at != std::string::npos; at = svg.out.find("<g><title>", at + 1))
    ++tiles;
  EXPECT_EQ(tiles, 253U);
}

TEST(Cli, LicenseExitCodesAndErrors) {
  EXPECT_EQ(RunCli(With({"license", "catalog/nvidia-h20.yaml", "--to", "DE,JP"})).code, kNotControlled);
  EXPECT_EQ(RunCli(With({"license", "tests/data/license/hbm-stack.yaml", "--to", "CN"})).code, kControlled);
  const Outcome unknown = RunCli(With({"license", "catalog/nvidia-h20.yaml", "--to", "DE,XX"}));
  EXPECT_EQ(unknown.code, kUsage);
  EXPECT_EQ(unknown.out, "");
  EXPECT_THAT(unknown.err, HasSubstr("--to: unknown country 'XX', expected an ISO 3166-1 alpha-2 code"));
  const Outcome hq = RunCli(With({"license", "catalog/nvidia-h20.yaml", "--to", "DE", "--end-user-hq", "Narnia"}));
  EXPECT_EQ(hq.code, kUsage);
  EXPECT_THAT(hq.err, HasSubstr("--end-user-hq: unknown country 'Narnia'"));
  EXPECT_EQ(RunCli(With({"license", "catalog/nvidia-h20.yaml"})).code, kUsage);  // --to is required
}

TEST(Cli, ClassifyWithToAnswersTheLicenseQuestion) {
  const Outcome classify = RunCli(
      With({"classify", "catalog/nvidia-h100-sxm.yaml", "--to", "MY", "--end-user-hq", "CN", "--format", "json"}));
  const Outcome license = RunCli(
      With({"license", "catalog/nvidia-h100-sxm.yaml", "--to", "MY", "--end-user-hq", "CN", "--format", "json"}));
  EXPECT_EQ(classify.code, kControlled);
  EXPECT_EQ(classify.out, license.out);
  EXPECT_THAT(classify.out, HasSubstr("\"license\": \"required\""));
}

}  // namespace
}  // namespace eccn::cli

namespace eccn::cli {
namespace {

TEST(Cli, HeadroomH20Text) {
  const Outcome o = RunCli(With({"headroom", "catalog/nvidia-h20.yaml"}));
  EXPECT_EQ(o.code, 0);
  EXPECT_EQ(o.err, "");
  EXPECT_THAT(o.out, HasSubstr("nearest: 3A090.b becomes controlled at tpp 2400, throughput x1.0135"));
  ExpectGolden("headroom_h20.txt", o.out);
}

TEST(Cli, HeadroomH20Json) {
  const Outcome o = RunCli(With({"headroom", "catalog/nvidia-h20.yaml", "--format", "json"}));
  EXPECT_EQ(o.code, 0);
  ExpectGolden("headroom_h20.json", o.out);
}

TEST(Cli, HeadroomReverseForTheH20DieArea) {
  const Outcome o = RunCli(With({"headroom", "--die-area", "814 mm2"}));
  EXPECT_EQ(o.code, 0);
  ExpectGolden("headroom_reverse_814.txt", o.out);
}

TEST(Cli, HeadroomUsageErrors) {
  EXPECT_EQ(RunCli(With({"headroom"})).code, kUsage);
  EXPECT_EQ(RunCli(With({"headroom", "catalog/nvidia-h20.yaml", "--die-area", "814 mm2"})).code, kUsage);
  const Outcome bad = RunCli(With({"headroom", "--die-area", "814 GB"}));
  EXPECT_EQ(bad.code, kUsage);
  EXPECT_EQ(bad.out, "");
  EXPECT_THAT(bad.err, HasSubstr("invalid --die-area"));
  EXPECT_EQ(RunCli(With({"headroom", "--die-area", "814 mm2", "--format-mix", "fp9=1"})).code, kUsage);
}

TEST(Cli, UncertainSpecDependsOnTheField) {
  // Against 3A090 alone: with every pack, 3A991.p makes the part controlled whatever the value.
  const std::vector<std::string> only_3a090{"--rules", "rules/us/ear-3a090-2023.yaml", "--as-of", "2026-11-28"};
  std::vector<std::string> args{"classify", "tests/data/specs/h20-fp8-range.yaml"};
  args.insert(args.end(), only_3a090.begin(), only_3a090.end());
  const Outcome o = RunCli(args);
  EXPECT_EQ(o.code, kIndeterminate);
  ExpectGolden("classify_uncertain.txt", o.out);
  const Outcome json = RunCli(With({"classify", "tests/data/specs/h20-fp8-range.yaml", "--format", "json"}));
  EXPECT_THAT(json.out, HasSubstr("\"depends_on\": [\n            \"throughput.fp8\""));
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

// The A800 passed the 2022 test (400 GB/s < 600) and is 3A090.a from 2023-11-17;
// an HBM stack is 3A090.c from 2024-12-02.
TEST(Cli, HistoryShowsEachDateTheAnswerChanges) {
  const Outcome o = RunCli(With({"history", "catalog/nvidia-a800-sxm.yaml", "tests/data/license/hbm-stack.yaml"}));
  EXPECT_EQ(o.code, 0);
  EXPECT_EQ(o.err, "");
  ExpectGolden("history_a800_hbm.txt", o.out);
  const Outcome json = RunCli(With({"history", "catalog/nvidia-a800-sxm.yaml", "--format", "json"}));
  EXPECT_THAT(json.out, HasSubstr("\"date\": \"2023-11-17\",\n          \"changed\": true"));
}

}  // namespace
}  // namespace eccn::cli
