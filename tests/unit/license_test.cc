// License determination with the shipped rules and country data: verdicts,
// exceptions, review policies, dates and postures, and the loaders' checks.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <eccn/eccn.h>

#include "test_rules.h"

namespace eccn {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

const LicenseRules& ShippedLicense() {
  static const LicenseRules rules = [] {
    Loaded<LicenseRules> loaded = LoadLicenseRules(ECCN_SOURCE_DIR "/rules");
    if (!loaded.ok()) std::abort();
    return *loaded.value;
  }();
  return rules;
}

Date D(const char* text) { return *Date::Parse(text); }

struct Ask {
  std::string spec{};  // path below the source tree
  std::string to{};
  std::string date = "2026-11-28";
  Posture posture = Posture::kEnforced;
  std::string end_user_hq{};
  std::string parent_hq{};
};

DestinationLicense Answer(const Ask& ask) {
  Loaded<ChipSpec> spec =
      LoadChipSpec(std::string(ECCN_SOURCE_DIR "/") + ask.spec, testing_support::ShippedRules().formats());
  EXPECT_TRUE(spec.ok()) << ask.spec;
  if (!spec.ok()) return {};
  const Context context(D(ask.date.c_str()), ask.posture);
  const Classification c = testing_support::ShippedRules().Classify(*spec.value, context);
  return ShippedLicense().Determine(*spec.value, c, {ask.to, ask.end_user_hq, ask.parent_hq}, context);
}

std::vector<std::string> Ids(const DestinationLicense& d) {
  std::vector<std::string> ids;
  for (const ExceptionResult& e : d.exceptions) ids.push_back(e.id);
  return ids;
}

std::string AllText(const std::vector<LicenseReason>& list) {
  std::string out;
  for (const LicenseReason& r : list) out += r.text + " [" + r.citation + "]\n";
  return out;
}

const char* const kH100 = "catalog/nvidia-h100-sxm.yaml";
const char* const kRtx4090 = "catalog/nvidia-rtx-4090.yaml";
const char* const kH20 = "catalog/nvidia-h20.yaml";
const char* const kH200 = "catalog/nvidia-h200-sxm.yaml";
const char* const kPartB = "tests/data/license/datacenter-3a090b.yaml";
const char* const kHbm = "tests/data/license/hbm-stack.yaml";
const char* const kHbmLow = "tests/data/license/hbm-low-density.yaml";

TEST(License, H100NeedsALicenseToChinaVietnamAndSaudiArabia) {
  for (const char* to : {"CN", "VN", "SA"}) {
    const DestinationLicense d = Answer({kH100, to});
    EXPECT_EQ(d.verdict, LicenseVerdict::kRequired) << to << "\n" << AllText(d.reasons);
    EXPECT_THAT(d.requirements, Contains("ac-ab-2023")) << to;
    EXPECT_THAT(d.exceptions, IsEmpty()) << to;
  }
  // The H100 is inside the 2026 case-by-case zone for China (TPP < 21,000, DRAM bandwidth < 6,500 GB/s).
  EXPECT_EQ(Answer({kH100, "CN"}).review_policy, "case_by_case");
  EXPECT_EQ(Answer({kH100, "CN", "2026-01-14"}).review_policy, "presumption_of_denial");
  EXPECT_EQ(Answer({"catalog/nvidia-b200.yaml", "CN"}).review_policy, "presumption_of_denial");
  EXPECT_EQ(Answer({kH100, "VN"}).review_policy, "presumption_of_approval");
  // NAC is for parts not designed or marketed for datacenters; the H100 is one.
  EXPECT_THAT(AllText(Answer({kH100, "CN"}).reasons), HasSubstr("NAC does not apply"));
}

TEST(License, H100NeedsNoLicenseToGermanyJapanOrIsraelUnderTheEnforcedPosture) {
  for (const char* to : {"DE", "JP", "IL"}) {
    const DestinationLicense d = Answer({kH100, to});
    EXPECT_EQ(d.verdict, LicenseVerdict::kNotRequired) << to << "\n" << AllText(d.reasons);
    // The January 2025 worldwide text is shown, as not enforced.
    EXPECT_THAT(AllText(d.notes), HasSubstr("not enforced")) << to;
  }
  // Israel is in D:4 but also in A:6, which the 2023 scope excludes.
  EXPECT_THAT(AllText(Answer({kH100, "IL"}).reasons), HasSubstr("IL is in A:6, D:3, D:4"));
  EXPECT_THAT(AllText(Answer({kH100, "IL"}).reasons), HasSubstr("except A:5, A:6"));
}

TEST(License, CfrTextAppliesTheJanuary2025WorldwideRequirement) {
  for (const char* to : {"DE", "JP"}) {
    const DestinationLicense d = Answer({kH100, to, "2026-11-28", Posture::kCfrText});
    EXPECT_THAT(d.requirements, Contains("ac-a-worldwide-2025")) << to;
    // Tier 1 destinations may use AIA, on conditions eccn states but cannot check.
    EXPECT_EQ(d.verdict, LicenseVerdict::kException) << to;
    ASSERT_EQ(Ids(d), std::vector<std::string>{"AIA"}) << to;
    EXPECT_THAT(d.exceptions[0].conditions[0], HasSubstr("approved or authorized IC designer"));
  }
  EXPECT_EQ(Answer({kH100, "MY", "2026-11-28", Posture::kCfrText}).verdict, LicenseVerdict::kRequired);
  EXPECT_EQ(Answer({kH100, "MY"}).verdict, LicenseVerdict::kNotRequired);
}

TEST(License, DatacenterPartIn3A090bToVietnamHasAca) {
  const DestinationLicense vn = Answer({kPartB, "VN"});
  EXPECT_EQ(vn.verdict, LicenseVerdict::kException) << AllText(vn.reasons);
  EXPECT_EQ(Ids(vn), std::vector<std::string>{"ACA"});
  EXPECT_THAT(vn.exceptions[0].obligations, Contains(HasSubstr("no notification")));
  // Before ACA was split off (2024-04-04), NAC with notification covered Vietnam too.
  EXPECT_EQ(Ids(Answer({kPartB, "VN", "2024-04-03"})), std::vector<std::string>{"NAC"});
  EXPECT_EQ(Ids(Answer({kPartB, "CN"})), std::vector<std::string>{"NAC"});
}

TEST(License, Rtx4090ToChinaHasNacWithItsNotification) {
  const DestinationLicense d = Answer({kRtx4090, "CN"});
  EXPECT_EQ(d.verdict, LicenseVerdict::kException) << AllText(d.reasons);
  ASSERT_EQ(Ids(d), std::vector<std::string>{"NAC"});
  EXPECT_THAT(d.exceptions[0].obligations, Contains(HasSubstr("at least 25 calendar days")));
  EXPECT_THAT(d.exceptions[0].obligations, Contains(HasSubstr("TPP and performance density")));
  EXPECT_THAT(d.exceptions[0].citation, HasSubstr("740.8"));
}

TEST(License, HeadquartersRuleReachesAChineseCompanysSubsidiaryInMalaysia) {
  // Without the headquarters the rule is stated, not assumed away.
  const DestinationLicense unknown = Answer({kH100, "MY"});
  EXPECT_EQ(unknown.verdict, LicenseVerdict::kNotRequired);
  EXPECT_THAT(AllText(unknown.notes), HasSubstr("not evaluated (no --end-user-hq or --parent-hq)"));
  for (const char* part : {kH100, kH200, kPartB, kRtx4090}) {
    const DestinationLicense d = Answer({part, "MY", "2026-11-28", Posture::kEnforced, "CN"});
    EXPECT_THAT(d.requirements, Contains("ac-headquarters")) << part;
    EXPECT_NE(d.verdict, LicenseVerdict::kNotRequired) << part;
  }
  const DestinationLicense h100 = Answer({kH100, "MY", "2026-11-28", Posture::kEnforced, "MY", "CN"});
  EXPECT_EQ(h100.verdict, LicenseVerdict::kRequired);
  EXPECT_EQ(h100.review_policy, "presumption_of_denial");
  // NAC is the exception for headquartered end users; ACA is not.
  EXPECT_EQ(Ids(Answer({kPartB, "MY", "2026-11-28", Posture::kEnforced, "MO"})), std::vector<std::string>{"NAC"});
  // The rule started with the 2023 rule.
  EXPECT_EQ(Answer({kH100, "MY", "2023-11-16", Posture::kEnforced, "CN"}).verdict, LicenseVerdict::kNotRequired);
  EXPECT_EQ(Answer({kH100, "MY", "2023-11-17", Posture::kEnforced, "CN"}).verdict, LicenseVerdict::kRequired);
}

TEST(License, HbmStackNeedsALicenseToChinaNotVietnam) {
  const DestinationLicense cn = Answer({kHbm, "CN"});
  EXPECT_EQ(cn.verdict, LicenseVerdict::kRequired) << AllText(cn.reasons);
  EXPECT_THAT(AllText(cn.reasons), HasSubstr("HBM does not apply"));
  EXPECT_EQ(Answer({kHbm, "VN"}).verdict, LicenseVerdict::kNotRequired);
  // Below 3.3 GB/s/mm2 License Exception HBM is available.
  EXPECT_EQ(Ids(Answer({kHbmLow, "CN"})), std::vector<std::string>{"HBM"});
  // 3A090.c started on 2024-12-02.
  EXPECT_EQ(Answer({kHbm, "CN", "2024-12-01"}).verdict, LicenseVerdict::kNotRequired);
}

TEST(License, CountryGroupChangesHaveTheirDates) {
  // Nicaragua joined D:5 on 2024-03-15; Cambodia left it on 2025-11-07 (22 CFR 126.1 controls).
  EXPECT_EQ(Answer({kHbm, "NI", "2025-03-14"}).verdict, LicenseVerdict::kRequired);
  EXPECT_EQ(ShippedLicense().InGroup("NI", "D:5", D("2024-03-14")), Truth::kFalse);
  EXPECT_EQ(ShippedLicense().InGroup("NI", "D:5", D("2024-03-15")), Truth::kTrue);
  EXPECT_EQ(Answer({kHbm, "KH", "2025-11-06"}).verdict, LicenseVerdict::kRequired);
  EXPECT_EQ(Answer({kHbm, "KH", "2025-11-07"}).verdict, LicenseVerdict::kNotRequired);
  EXPECT_EQ(ShippedLicense().InGroup("KH", "D:1", D("2026-11-28")), Truth::kTrue);
  // The UAE's move to A:5 happened on a day the sources do not pin down.
  EXPECT_EQ(ShippedLicense().InGroup("AE", "A:5", D("2026-07-01")), Truth::kUnknown);
  EXPECT_EQ(ShippedLicense().InGroup("AE", "A:5", D("2026-07-23")), Truth::kTrue);
  EXPECT_EQ(ShippedLicense().InGroup("AE", "D:4", D("2026-06-20")), Truth::kTrue);
  // Hong Kong is China; Macau is not in D:5.
  EXPECT_EQ(ShippedLicense().InGroup("HK", "D:5", D("2026-11-28")), Truth::kTrue);
  EXPECT_EQ(ShippedLicense().InGroup("MO", "D:5", D("2026-11-28")), Truth::kFalse);
  EXPECT_EQ(Answer({kH100, "HK", "2025-06-01"}).review_policy, "presumption_of_denial");
  EXPECT_THAT(AllText(Answer({kH100, "HK"}).reasons), HasSubstr("Hong Kong is treated as CN"));
}

TEST(License, H20NeedsNoneUnderThePublishedRulesWithTheLetterAsADatedNote) {
  for (const char* to : {"CN", "VN", "DE"}) {
    const DestinationLicense d = Answer({kH20, to});
    EXPECT_EQ(d.verdict, LicenseVerdict::kNotRequired) << to << "\n" << AllText(d.reasons);
  }
  EXPECT_THAT(AllText(Answer({kH20, "CN"}).notes), HasSubstr("h20-is-informed"));
  EXPECT_THAT(AllText(Answer({kH20, "CN", "2025-04-08"}).notes), Not(HasSubstr("h20-is-informed")));
}

TEST(License, ReviewPolicyForChinaIsCaseByCaseInThe2026Zone) {
  EXPECT_EQ(Answer({kH200, "CN", "2026-01-14"}).review_policy, "presumption_of_denial");
  const DestinationLicense d = Answer({kH200, "CN", "2026-01-15"});
  EXPECT_EQ(d.verdict, LicenseVerdict::kRequired);
  EXPECT_EQ(d.review_policy, "case_by_case");
  EXPECT_THAT(d.review_conditions, Contains(HasSubstr("export is from the United States")));
}

TEST(License, EmbargoesAndSanctionsReachPartsBelow3A090) {
  for (const char* to : {"CU", "IR", "KP", "SY", "RU", "BY", "UA-43", "UA-14"}) {
    const DestinationLicense d = Answer({kH20, to});
    EXPECT_EQ(d.verdict, LicenseVerdict::kRequired) << to << "\n" << AllText(d.reasons);
    EXPECT_EQ(d.review_policy, "presumption_of_denial") << to;
  }
  EXPECT_THAT(Answer({kH20, "IR"}).requirements, Contains("at-column-1"));
  EXPECT_EQ(Answer({kH20, "UA"}).verdict, LicenseVerdict::kNotRequired);
  EXPECT_THAT(AllText(Answer({kH20, "UA"}).notes), HasSubstr("746.6"));
}

TEST(License, DatesOutsideTheDataAreIndeterminate) {
  EXPECT_EQ(Answer({kH100, "CN", "2022-10-06"}).verdict, LicenseVerdict::kIndeterminate);
  EXPECT_EQ(Answer({kH100, "CN", "2022-10-07"}).verdict, LicenseVerdict::kRequired);
  EXPECT_EQ(Answer({kH100, "VN", "2022-10-07"}).verdict, LicenseVerdict::kNotRequired);
}

TEST(License, MissingMarketDataLeavesTheExceptionIndeterminate) {
  Loaded<ChipSpec> spec = ParseChipSpec("name: X\nkind: accelerator\nthroughput: {fp8: 700 TFLOPS}\n", "x.yaml",
                                        testing_support::Formats());
  ASSERT_TRUE(spec.ok());
  const Context context(D("2026-11-28"));
  const Classification c = testing_support::ShippedRules().Classify(*spec.value, context);
  const DestinationLicense d = ShippedLicense().Determine(*spec.value, c, {"CN", "", ""}, context);
  EXPECT_NE(d.verdict, LicenseVerdict::kNotRequired);
  EXPECT_NE(d.verdict, LicenseVerdict::kException);
}

TEST(License, CountriesByCodeNameOrAlias) {
  std::string error;
  for (const char* text : {"VN", "vn", "Vietnam", "Viet Nam", "VNM"}) {
    const Country* c = ShippedLicense().FindCountry(text, error);
    ASSERT_NE(c, nullptr) << text;
    EXPECT_EQ(c->code, "VN");
  }
  EXPECT_EQ(ShippedLicense().FindCountry("Macau", error)->code, "MO");
  EXPECT_EQ(ShippedLicense().FindCountry("XX", error), nullptr);
  EXPECT_THAT(error, HasSubstr("unknown country 'XX', expected an ISO 3166-1 alpha-2 code"));
  EXPECT_GE(ShippedLicense().countries().size(), 249U);
}

const char* const kCountries =
    "kind: countries\ncountries:\n  - {code: CN, name: China}\n  - {code: DE, name: Germany}\n";
const char* const kGroups =
    "kind: country-groups\ncitation: {text: G}\ngroups:\n  - {id: D:5, title: T, members: [CN]}\n";

TEST(LicenseLoader, ChecksCodesAndGroupsWithPositions) {
  const std::vector<RuleSource> sources{
      {"c.yaml", kCountries},
      {"g.yaml", "kind: country-groups\ncitation: {text: G}\ngroups:\n  - {id: D:5, title: T, members: [CN, ZZ]}\n"},
      {"l.yaml",
       "kind: license\ncovers_from: 2020-01-01\nrequirements:\n  - id: r\n    title: T\n    entries: [3A090.a]\n"
       "    reason: RS\n    citation: C\n    destinations: [D:9]\n"}};
  const Loaded<LicenseRules> loaded = ParseLicenseRules(sources);
  ASSERT_FALSE(loaded.ok());
  std::string all;
  for (const Diagnostic& d : loaded.diagnostics) all += d.ToString() + "\n";
  EXPECT_THAT(all, HasSubstr("g.yaml:4:"));
  EXPECT_THAT(all, HasSubstr("unknown country code 'ZZ'"));
  EXPECT_THAT(all, HasSubstr("l.yaml:9:"));
  EXPECT_THAT(all, HasSubstr("unknown destination 'D:9', expected a country group (D:5)"));
}

TEST(LicenseLoader, RefusesControlCharactersInText) {
  const std::vector<RuleSource> sources{
      {"c.yaml", "kind: countries\ncountries:\n  - {code: CN, name: \"Ch\\x9bina\"}\n"}, {"g.yaml", kGroups}};
  const Loaded<LicenseRules> loaded = ParseLicenseRules(sources);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.diagnostics[0].ToString(),
            "c.yaml:3:22: error: control character \\u009b: text in rule files is printable, line breaks and tabs "
            "aside");
}

TEST(LicenseLoader, RequirementNeedsOneScope) {
  const std::vector<RuleSource> sources{
      {"c.yaml", kCountries},
      {"g.yaml", kGroups},
      {"l.yaml",
       "kind: license\ncovers_from: 2020-01-01\nrequirements:\n  - id: r\n    title: T\n    entries: [3A090.a]\n"
       "    reason: RS\n    citation: C\n"}};
  const Loaded<LicenseRules> loaded = ParseLicenseRules(sources);
  ASSERT_FALSE(loaded.ok());
  EXPECT_THAT(loaded.diagnostics[0].message, HasSubstr("exactly one of 'destinations'"));
}

TEST(PackLoader, SkipsLicenseKindsAndNamesEveryKindForAnUnknownOne) {
  const char* const formats = "kind: formats\nformats:\n  - {name: fp8, bits: 8}\n";
  const std::vector<RuleSource> ok{{"f.yaml", formats}, {"c.yaml", kCountries}, {"g.yaml", kGroups}};
  EXPECT_TRUE(ParseRules(ok).ok());
  const std::vector<RuleSource> bad{{"f.yaml", formats}, {"x.yaml", "kind: licence\n"}};
  const Loaded<RuleSet> loaded = ParseRules(bad);
  ASSERT_FALSE(loaded.ok());
  EXPECT_THAT(loaded.diagnostics[0].ToString(),
              HasSubstr("x.yaml:1:7: error: invalid kind 'licence', expected 'formats', 'pack', 'countries', "
                        "'country-groups', 'license'"));
}

}  // namespace
}  // namespace eccn
