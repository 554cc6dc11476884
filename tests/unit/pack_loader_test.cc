// Rule packs: what loads, and a precise, positioned error for what does not.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <eccn/eccn.h>
#include "rule_files.h"

namespace eccn {
namespace {

using ::testing::HasSubstr;

constexpr const char* kFormats = R"yaml(kind: formats
formats:
  - name: fp16
    bits: 16
  - name: fp8
    bits: 8
)yaml";

// A minimal valid pack; tests replace one line at a time.
constexpr const char* kPack = R"yaml(kind: pack
id: test-pack
title: Test
jurisdiction: US
regulation: EAR
status: in_force
citation:
  text: 88 FR 73458
effective: 2023-11-17
metrics:
  - id: tpp
    title: total processing performance
    expr: "max(f in formats: f.rate / 1 TOPS * f.bits)"
entries:
  - id: X.a
    title: big
    when: tpp >= 4800
)yaml";

Loaded<RuleSet> Load(std::string pack) {
  const std::vector<RuleSource> sources{{"formats.yaml", kFormats}, {"pack.yaml", std::move(pack)}};
  return ParseRules(sources);
}

std::string Replace(std::string text, std::string_view from, std::string_view to) {
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

// "file:line:column: error: message" of the first diagnostic.
std::string FirstError(std::string pack) {
  Loaded<RuleSet> rules = Load(std::move(pack));
  EXPECT_FALSE(rules.ok());
  return rules.diagnostics.empty() ? "" : rules.diagnostics.front().ToString();
}

TEST(PackLoader, LoadsAValidPack) {
  Loaded<RuleSet> rules = Load(kPack);
  ASSERT_TRUE(rules.ok()) << rules.diagnostics.front().ToString();
  ASSERT_EQ(rules.value->packs().size(), 1u);
  const PackInfo& pack = rules.value->packs()[0];
  EXPECT_EQ(pack.id, "test-pack");
  EXPECT_EQ(pack.effective, (Date{2023, 11, 17}));
  EXPECT_FALSE(pack.end.has_value());
  EXPECT_EQ(pack.entries[0].id, "X.a");
  EXPECT_EQ(rules.value->formats().formats.size(), 2u);
}

TEST(PackLoader, UnknownNameInRuleIsAnErrorAtItsColumn) {
  EXPECT_EQ(FirstError(Replace(kPack, "when: tpp >= 4800", "when: tp >= 4800")),
            "pack.yaml:17:11: error: unknown name 'tp'; did you mean 'tpp'?");
}

TEST(PackLoader, UnknownNameInsideBlockScalarIsPositioned) {
  EXPECT_EQ(FirstError(Replace(kPack, "    when: tpp >= 4800", "    when: >-\n      tpp >= 4800\n      and tppp > 1")),
            "pack.yaml:19:11: error: unknown name 'tppp'; did you mean 'tpp'?");
}

TEST(PackLoader, UnitMismatchIsAnError) {
  EXPECT_EQ(FirstError(Replace(kPack, "when: tpp >= 4800", "when: tpp >= 4800 GB/s")),
            "pack.yaml:17:18: error: cannot compare a plain number with a bandwidth such as GB/s");
  EXPECT_EQ(FirstError(Replace(kPack, "when: tpp >= 4800", "when: memory.bandwidth > 6500")),
            "pack.yaml:17:30: error: cannot compare a bandwidth such as GB/s with a plain number; write the number "
            "with a unit");
}

TEST(PackLoader, TypeMismatchIsAnError) {
  EXPECT_THAT(FirstError(Replace(kPack, "when: tpp >= 4800", "when: tpp + 1")),
              HasSubstr("pack.yaml:17:11: error: 'when' must be a condition"));
  EXPECT_THAT(FirstError(Replace(kPack, "when: tpp >= 4800", "when: tpp and true")),
              HasSubstr("pack.yaml:17:11: error: 'and' needs conditions on both sides"));
}

TEST(PackLoader, SelfReferentialMetricIsAnError) {
  EXPECT_EQ(FirstError(Replace(kPack, "f.rate / 1 TOPS * f.bits)\"", "f.rate / 1 TOPS * f.bits) + tpp\"")),
            "pack.yaml:13:58: error: 'tpp' is not defined yet here: a metric may only use metrics defined above it, "
            "and never itself");
}

TEST(PackLoader, UseOfABrokenMetricDoesNotAddAMisleadingError) {
  Loaded<RuleSet> rules = Load(Replace(kPack, "f.rate / 1 TOPS * f.bits)", "f.rate / 1 TOPS * f.bitz)"));
  ASSERT_FALSE(rules.ok());
  ASSERT_EQ(rules.diagnostics.size(), 2u);
  EXPECT_THAT(rules.diagnostics[0].message, HasSubstr("'formats' has no field 'bitz'; did you mean 'bits'?"));
  EXPECT_EQ(rules.diagnostics[1].ToString(), "pack.yaml:17:11: error: metric 'tpp' has errors (reported above)");
}

TEST(PackLoader, SyntaxErrorInExpressionIsPositioned) {
  EXPECT_EQ(FirstError(Replace(kPack, "when: tpp >= 4800", "when: tpp >= ")),
            "pack.yaml:17:17: error: expected a value, found the end of the expression");
}

TEST(PackLoader, InvalidSymbolValueIsAnError) {
  EXPECT_THAT(FirstError(Replace(kPack, "when: tpp >= 4800", "when: marketed_for == 'cloud'")),
              HasSubstr("'cloud' is not a value of 'marketed_for'; expected one of: datacenter, consumer"));
}

TEST(PackLoader, CitationAndDatesAreRequired) {
  EXPECT_EQ(FirstError(Replace(kPack, "citation:\n  text: 88 FR 73458\n", "")),
            "pack.yaml:1:1: error: missing required key 'citation': every pack must cite its regulation");
  EXPECT_EQ(FirstError(Replace(kPack, "effective: 2023-11-17", "effective: 2023-02-30")),
            "pack.yaml:9:12: error: invalid date '2023-02-30' for 'effective', expected YYYY-MM-DD");
  EXPECT_EQ(FirstError(Replace(kPack, "effective: 2023-11-17", "effective: 2023-11-17\nend: 2023-01-01")),
            "pack.yaml:10:6: error: 'end' is before 'effective'");
}

TEST(PackLoader, ReferencesToExclusionsAndEntriesAreChecked) {
  EXPECT_THAT(FirstError(Replace(kPack, "when: tpp >= 4800", "when: tpp >= 4800\n    unless: [nope]")),
              HasSubstr("unknown exclusion 'nope'"));
  EXPECT_THAT(FirstError(Replace(kPack, "when: tpp >= 4800", "when: tpp >= 4800\n    subsumed_by: [X.a]")),
              HasSubstr("'X.a' is not an entry defined above this one"));
}

TEST(PackLoader, DuplicateIdsAreErrors) {
  EXPECT_THAT(FirstError(std::string(kPack) + "  - id: X.a\n    title: again\n    when: tpp >= 1\n"),
              HasSubstr("pack.yaml:18:9: error: 'X.a' is defined twice in this pack"));
}

TEST(PackLoader, UnknownKeyIsAnError) {
  EXPECT_EQ(FirstError(Replace(kPack, "status: in_force", "statuss: in_force")),
            "pack.yaml:6:1: error: unknown key 'statuss' in a rule pack; did you mean 'status'?");
}

TEST(PackLoader, MetricUnitMustMatchItsDimension) {
  EXPECT_THAT(FirstError(Replace(kPack, "    title: total processing performance\n",
                                 "    title: total processing performance\n    unit: GB/s\n")),
              HasSubstr("unit 'GB/s' is a bandwidth such as GB/s, but the expression gives a plain number"));
}

TEST(PackLoader, FormatTableIsRequiredAndUnique) {
  const std::vector<RuleSource> none{{"pack.yaml", kPack}};
  Loaded<RuleSet> rules = ParseRules(none);
  ASSERT_FALSE(rules.ok());
  EXPECT_THAT(rules.diagnostics[0].message, HasSubstr("no format table"));
  const std::vector<RuleSource> two{{"a.yaml", kFormats}, {"b.yaml", kFormats}, {"pack.yaml", kPack}};
  rules = ParseRules(two);
  ASSERT_FALSE(rules.ok());
  EXPECT_EQ(rules.diagnostics[0].ToString(), "b.yaml:1:1: error: a second format table; a rule set has exactly one");
}

TEST(PackLoader, BadFormatTableEntriesAreErrors) {
  const std::vector<RuleSource> sources{{"formats.yaml", "kind: formats\nformats:\n  - name: fp8\n    bits: 0\n"}};
  Loaded<RuleSet> rules = ParseRules(sources);
  ASSERT_FALSE(rules.ok());
  EXPECT_EQ(rules.diagnostics[0].ToString(),
            "formats.yaml:4:11: error: invalid bit length '0', expected a whole number from 1 to 1024");
}

TEST(PackLoader, ShippedRulesLoadWithoutDiagnostics) {
  Loaded<RuleSet> rules = LoadRules(ECCN_SOURCE_DIR "/rules");
  ASSERT_TRUE(rules.ok());
  EXPECT_TRUE(rules.diagnostics.empty());
  ASSERT_FALSE(rules.value->packs().empty());
  for (const PackInfo& pack : rules.value->packs()) {
    EXPECT_FALSE(pack.citation.text.empty()) << pack.id;
    // A pack carries entries, or notices when its measure has no public threshold.
    EXPECT_FALSE(pack.entries.empty() && pack.notices.empty()) << pack.id;
  }
}

// Rule text is printed in tables: a control character in it would act on the
// terminal, so it is refused wherever it is, written raw or as an escape.
TEST(PackLoader, ControlCharactersInRuleTextAreErrors) {
  // An escape has no character in the source: the scalar's start stands for it.
  EXPECT_EQ(FirstError(Replace(kPack, "title: Test", R"(title: "Test\e[2J")")),
            "pack.yaml:3:8: error: control character \\x1b: text in rule files is printable, line breaks and tabs "
            "aside");
  // A raw right-to-left override, at its column, in a citation's text.
  EXPECT_EQ(FirstError(Replace(kPack, "text: 88 FR 73458",
                               "text: 88 FR \xe2\x80\xae"
                               "73458")),
            "pack.yaml:8:15: error: control character \\u202e: text in rule files is printable, line breaks and tabs "
            "aside");
  // In a key, and in the format table.
  EXPECT_THAT(FirstError(Replace(kPack, "jurisdiction: US", R"("x-\u0085": 1)")),
              HasSubstr("pack.yaml:4:1: error: control character \\u0085"));
  const std::vector<RuleSource> formats{{"formats.yaml", "kind: formats\nformats:\n  - {name: \"fp\\a8\", bits: 8}\n"}};
  const Loaded<RuleSet> bad_format = ParseRules(formats);
  ASSERT_FALSE(bad_format.ok());
  EXPECT_THAT(bad_format.diagnostics.front().ToString(),
              HasSubstr("formats.yaml:3:12: error: control character \\x07"));
  // An alias repeats its anchor's text, not its error.
  const Loaded<RuleSet> aliased =
      Load(Replace(Replace(kPack, "title: Test", R"(title: &t "T\x1b")"), "    title: big", "    title: *t"));
  ASSERT_FALSE(aliased.ok());
  EXPECT_EQ(aliased.diagnostics.size(), 1u);
  // Line breaks and tabs are text written over lines.
  EXPECT_TRUE(Load(Replace(kPack, "title: Test", "title: |\n  Two\tcolumns\n  and two lines")).ok());
}

TEST(PackLoader, SinglePackFileFindsItsFormatTable) {
  Loaded<RuleSet> rules = LoadRules(ECCN_SOURCE_DIR "/rules/us/ear-3a090-2023.yaml");
  ASSERT_TRUE(rules.ok());
  EXPECT_EQ(rules.value->packs().size(), 1u);
  EXPECT_NE(rules.value->formats().Find("fp8"), nullptr);
}

TEST(PackLoader, CountTakesNoBodyAndMetricIdsCannotShadowFields) {
  EXPECT_THAT(FirstError(Replace(kPack, "when: tpp >= 4800", "when: \"count(d in dies: d.area > 1 mm2) > 0\"")),
              HasSubstr("'count' counts the items selected by 'where'; it takes no ': expression'"));
  EXPECT_THAT(FirstError(Replace(kPack, "  - id: tpp\n", "  - id: kind\n")),
              HasSubstr("'kind' is a spec field, collection or keyword"));
}

TEST(PackLoader, MinOverItemsThatMayBeSelectedCoversBothCases) {
  // One die of unknown role: the smallest logic die is either that die (50 mm2)
  // or there is none (0 by definition); a rule on it cannot be decided.
  std::string pack = Replace(kPack, "when: tpp >= 4800", "when: smallest >= 40 mm2");
  pack = Replace(pack, "entries:", R"yaml(  - id: smallest
    title: smallest logic die
    unit: mm2
    expr: "min(d in dies where d.role == 'logic': d.area)"
entries:)yaml");
  Loaded<RuleSet> rules = Load(pack);
  ASSERT_TRUE(rules.ok()) << rules.diagnostics.front().ToString();
  Loaded<ChipSpec> spec = ParseChipSpec("name: X\ndies:\n  - area: 50 mm2\n", "x.yaml", rules.value->formats());
  ASSERT_TRUE(spec.ok());
  const Classification c = rules.value->Classify(*spec.value, Date{2024, 1, 1});
  EXPECT_EQ(c.Overall(), Verdict::kIndeterminate);
  EXPECT_EQ(c.metrics[1].value, Interval::Between(0, 50));
}

}  // namespace
}  // namespace eccn

namespace eccn {
namespace {

TEST(PeekKind, ReadsAPlainTopLevelKindLineOnly) {
  EXPECT_EQ(PeekKind("# a pack\nid: x\nkind: pack\n"), "pack");
  EXPECT_EQ(PeekKind("kind: 'country-groups'  # the groups\r\n"), "country-groups");
  EXPECT_EQ(PeekKind("id: x\n  kind: license\n"), std::nullopt);  // not top level
  EXPECT_EQ(PeekKind("kind: {a: b}\n"), std::nullopt);            // not a plain name: parse to find out
  EXPECT_EQ(PeekKind("id: x\n"), std::nullopt);
}

TEST(PeekKind, LicenseFilesAreLeftToTheLicenseLoaderAndPacksToThePackLoader) {
  // A license file the pack loader would reject if it parsed it, and a pack the license loader would.
  const std::vector<RuleSource> sources{
      {"formats.yaml", "kind: formats\nformats:\n  - {name: fp8, bits: 8}\n"},
      {"license.yaml", "kind: license\nthis: [is not, a pack\n"},
  };
  const Loaded<RuleSet> rules = ParseRules(sources);
  EXPECT_TRUE(rules.ok()) << (rules.diagnostics.empty() ? "" : rules.diagnostics[0].ToString());
}

}  // namespace
}  // namespace eccn
