// JSON Lines records: the same spec as the YAML file they transcribe, and
// every problem reported at its line and column, with the YAML messages.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "bulk_test_support.h"
#include "cli/render_json.h"

namespace eccn {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing_support::Decoded;
using testing_support::DecodeJsonl;
using testing_support::Errors;

std::string FirstLine(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}

// Classified and rendered as --format json would, without the file name.
std::string Rendered(ChipSpec spec) {
  spec.file = "";
  return cli::ChipJson(testing_support::ShippedRules().Classify(spec, Context(*Date::Parse("2026-11-28")))).dump();
}

TEST(BulkJsonl, RecordIsTheSameSpecAsTheYamlFile) {
  const Decoded jsonl = DecodeJsonl(FirstLine(ECCN_SOURCE_DIR "/tests/data/bulk/chips.jsonl"));
  ASSERT_TRUE(jsonl.spec) << ::testing::PrintToString(Errors(jsonl.diagnostics));
  Loaded<ChipSpec> yaml = LoadChipSpec(ECCN_SOURCE_DIR "/catalog/nvidia-h20.yaml", testing_support::Formats());
  ASSERT_TRUE(yaml.ok());
  EXPECT_EQ(jsonl.spec->name, "NVIDIA H20");
  EXPECT_EQ(jsonl.spec->released, "2024");
  EXPECT_EQ(jsonl.spec->throughput->size(), yaml.value->throughput->size());
  EXPECT_EQ(jsonl.spec->memory.bandwidth_bytes_per_second, yaml.value->memory.bandwidth_bytes_per_second);
  EXPECT_EQ(Rendered(*jsonl.spec), Rendered(*yaml.value));
  EXPECT_EQ(jsonl.spec->file, "chips.jsonl:1");
}

TEST(BulkJsonl, SectionFieldsAreListedInTheOrderOfTheirKeys) {
  // The decoders map a key's index in its key list to the field at that index.
  for (size_t i = 0; i < kSpecScalarFields.size(); ++i) EXPECT_EQ(KeyOf(kSpecScalarFields[i]), kSpecKeys[i]);
  for (size_t i = 0; i < kDieKeys.size(); ++i) EXPECT_EQ(KeyOf(kDieFields[i]), kDieKeys[i]);
  for (size_t i = 0; i < kMemoryKeys.size(); ++i) EXPECT_EQ(KeyOf(kMemoryFields[i]), kMemoryKeys[i]);
  EXPECT_EQ(KeyOf(kInterconnectFields[0]), kInterconnectKeys[0]);
  EXPECT_EQ(KeyOf(kPackageFields[0]), kPackageKeys[0]);
}

TEST(BulkJsonl, EscapedKeysAreTheirUnescapedText) {
  // "\u0061rea" is "area", "fp\u0038" is "fp8": the same record as the plain keys.
  const std::string plain =
      R"({"name": "X", "throughput": {"fp8": "700 TFLOPS"}, "dies": [{"area": "800 mm2", "role": "logic", "transistors": "finfet"}]})";
  const std::string escaped =
      R"({"n\u0061me": "X", "throughput": {"fp\u0038": "700 TFLOPS"}, "dies": [{"\u0061rea": "800 mm2", "r\u006Fle": "logic", "transistors": "finfet"}]})";
  const Decoded a = DecodeJsonl(plain);
  const Decoded b = DecodeJsonl(escaped);
  ASSERT_TRUE(a.spec);
  ASSERT_TRUE(b.spec) << ::testing::PrintToString(Errors(b.diagnostics));
  EXPECT_TRUE(Rendered(*a.spec) == Rendered(*b.spec));  // (too long to print)
  const Context context(*Date::Parse("2026-11-28"));
  const auto fast_a = testing_support::FastJsonl(plain, context);
  const auto fast_b = testing_support::FastJsonl(escaped, context);
  ASSERT_TRUE(fast_a);
  ASSERT_TRUE(fast_b);
  EXPECT_EQ(fast_a->verdicts, fast_b->verdicts);
  EXPECT_EQ(fast_a->metrics, fast_b->metrics);
}

TEST(BulkJsonl, BadValueHasTheYamlMessageAtItsColumn) {
  const std::string line = R"({"name": "X", "throughput": {"fp8": "700 GB/s"}})";
  const Decoded d = DecodeJsonl(line, 7);
  EXPECT_FALSE(d.spec);
  const Loaded<ChipSpec> yaml =
      ParseChipSpec("name: X\nthroughput:\n  fp8: 700 GB/s\n", "x.yaml", testing_support::Formats());
  ASSERT_EQ(yaml.diagnostics.size(), 1u);
  EXPECT_THAT(Errors(d.diagnostics), ElementsAre("7:37: " + yaml.diagnostics[0].message));
  EXPECT_EQ(d.diagnostics[0].location.file, "chips.jsonl");
}

TEST(BulkJsonl, RangesAndAlternativesAreTheYamlUncertainValues) {
  const Decoded jsonl = DecodeJsonl(
      R"({"name": "X", "throughput": {"fp8": {"values": ["296 TFLOPS", "310 TFLOPS"], "sources": ["a", "b"]}},)"
      R"( "dies": [{"area": "800..814 mm2"}]})");
  ASSERT_TRUE(jsonl.spec) << ::testing::PrintToString(Errors(jsonl.diagnostics));
  const Loaded<ChipSpec> yaml = ParseChipSpec(
      "name: X\nthroughput:\n  fp8: {values: [296 TFLOPS, 310 TFLOPS], sources: [a, b]}\ndies:\n"
      "  - area: 800..814 mm2\n",
      "x.yaml", testing_support::Formats());
  ASSERT_TRUE(yaml.ok());
  ASSERT_EQ(jsonl.spec->uncertain.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(jsonl.spec->uncertain[i].field, yaml.value->uncertain[i].field);
    EXPECT_EQ(jsonl.spec->uncertain[i].range, yaml.value->uncertain[i].range);
    EXPECT_EQ(jsonl.spec->uncertain[i].alternatives, yaml.value->uncertain[i].alternatives);
    EXPECT_EQ(jsonl.spec->uncertain[i].sources, yaml.value->uncertain[i].sources);
  }
  EXPECT_EQ(Rendered(*jsonl.spec), Rendered(*yaml.value));
}

TEST(BulkJsonl, BadAlternativesAreReportedAtTheValue) {
  const Decoded d = DecodeJsonl(R"({"name": "X", "throughput": {"fp8": {"values": ["296 TFLOPS", "3 mm2"]}}})");
  EXPECT_FALSE(d.spec);
  EXPECT_THAT(Errors(d.diagnostics), ElementsAre(HasSubstr("1:63: 'mm2' is an area"),
                                                 HasSubstr("1:37: 'values' for 'fp8' needs two or more quantities")));
}

TEST(BulkJsonl, SchemaErrorsAreAllReported) {
  const Decoded d = DecodeJsonl(
      R"({"nmae": "X", "kind": "gpu", "dies": [{"area": 814}], "memory": [1], "throughput": {"fp7": "1 TFLOPS"}})");
  EXPECT_FALSE(d.spec);
  EXPECT_THAT(Errors(d.diagnostics),
              ElementsAre("1:2: unknown key 'nmae' in a chip spec; did you mean 'name'?",
                          "1:23: invalid kind 'gpu', expected accelerator | cpu | hbm-stack | system | unknown",
                          "1:48: '814' has no unit for 'area': expected an area such as mm2, e.g. '814 mm2'",
                          "1:65: expected 'memory' (a map of keys to values)",
                          HasSubstr("1:85: unknown key 'fp7' in 'throughput'"), "1:1: missing required key 'name'"));
}

TEST(BulkJsonl, DuplicateKeys) {
  const Decoded d = DecodeJsonl(R"({"name": "X", "name": "Y"})");
  EXPECT_THAT(Errors(d.diagnostics), ElementsAre("1:15: duplicate key 'name' in a chip spec"));
}

TEST(BulkJsonl, SyntaxErrorsAndTrailingText) {
  EXPECT_THAT(Errors(DecodeJsonl(R"({"name": "X", "kind": })").diagnostics), ElementsAre(HasSubstr("invalid JSON")));
  EXPECT_THAT(Errors(DecodeJsonl(R"({"name": "X"} 3)").diagnostics), ElementsAre(HasSubstr("1:1: invalid JSON")));
  EXPECT_THAT(Errors(DecodeJsonl(R"(["name"])").diagnostics),
              ElementsAre("1:1: expected a chip spec (a map of keys to values)"));
}

TEST(BulkJsonl, NullIsLeftOutAndListsWork) {
  const Decoded d = DecodeJsonl(
      R"({"name": "X", "vendor": null, "described_in": ["5A992.c"], "sources": "https://example.com", "x-sku": 3,)"
      R"( "throughput": {"fp8": null}, "notes": {"free": "form"}})");
  ASSERT_TRUE(d.spec) << ::testing::PrintToString(Errors(d.diagnostics));
  EXPECT_THAT(*d.spec->described_in, ElementsAre("5A992.c"));
  EXPECT_THAT(d.spec->sources, ElementsAre("https://example.com"));
  ASSERT_EQ(d.spec->throughput->size(), 1u);
  EXPECT_FALSE((*d.spec->throughput)[0].ops_per_second);  // listed, rate unknown
}

TEST(BulkJsonl, FastDecoderGivesUpOnWhatItCannotVouchFor) {
  const Context context(*Date::Parse("2026-11-28"));
  EXPECT_TRUE(testing_support::FastJsonl(R"({"name": "X", "throughput": {"fp8": "100 TFLOPS"}})", context));
  // An error, a long decimal and an unknown key all go to the exact path.
  EXPECT_FALSE(testing_support::FastJsonl(R"({"name": "X", "throughput": {"fp8": "100 GB/s"}})", context));
  EXPECT_FALSE(
      testing_support::FastJsonl(R"({"name": "X", "throughput": {"fp8": "100.00000000000000001 TFLOPS"}})", context));
  EXPECT_FALSE(testing_support::FastJsonl(R"({"name": "X", "speed": 1})", context));
}

}  // namespace
}  // namespace eccn
