// Spec files: units, unknowns, and precise errors for every kind of bad input.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <eccn/eccn.h>

#include "spec_fields.h"
#include "test_rules.h"
#include "yaml_documents.h"

namespace eccn {
namespace {

using ::testing::HasSubstr;

Loaded<ChipSpec> Parse(std::string_view yaml) { return ParseChipSpec(yaml, "chip.yaml", testing_support::Formats()); }

// The single error of a spec that must fail, as "line:column: message".
std::string OnlyError(std::string_view yaml) {
  Loaded<ChipSpec> spec = Parse(yaml);
  EXPECT_FALSE(spec.ok());
  EXPECT_EQ(spec.diagnostics.size(), 1u);
  if (spec.diagnostics.empty()) return "";
  const Diagnostic& d = spec.diagnostics.front();
  EXPECT_EQ(d.location.file, "chip.yaml");
  return std::to_string(d.location.line) + ":" + std::to_string(d.location.column) + ": " + d.message;
}

TEST(SpecLoader, ReadsTheIssueExample) {
  Loaded<ChipSpec> spec = Parse(R"yaml(
name: NVIDIA H20
vendor: NVIDIA
kind: accelerator
marketed_for: datacenter
released: 2024-02
throughput:
  fp64: 1 TFLOPS
  fp8: 296 TFLOPS
  int8: 296 TOPS
dies:
  - name: GH100
    area: 814 mm2
    transistors: finfet
    role: logic
    count: 1
memory:
  type: HBM3
  capacity: 96 GB
  bandwidth: 4.0 TB/s
interconnect:
  bidirectional: 900 GB/s
sources:
  - https://example.com/datasheet.pdf
)yaml");
  ASSERT_TRUE(spec.ok()) << (spec.diagnostics.empty() ? "" : spec.diagnostics[0].ToString());
  const ChipSpec& chip = *spec.value;
  EXPECT_EQ(chip.name, "NVIDIA H20");
  EXPECT_EQ(chip.kind, ChipKind::kAccelerator);
  EXPECT_EQ(chip.marketed_for, Market::kDatacenter);
  EXPECT_EQ(chip.released, "2024-02");
  ASSERT_TRUE(chip.throughput.has_value());
  ASSERT_EQ(chip.throughput->size(), 3u);
  EXPECT_EQ((*chip.throughput)[1].format, "fp8");
  EXPECT_EQ(*(*chip.throughput)[1].ops_per_second, Number(296) * Number(1000000000000LL));
  ASSERT_TRUE(chip.dies.has_value());
  EXPECT_EQ(*(*chip.dies)[0].area_mm2, Number(814));
  EXPECT_EQ((*chip.dies)[0].transistors, TransistorArchitecture::kFinfet);
  EXPECT_EQ(*chip.memory.capacity_bytes, Number(96000000000LL));
  EXPECT_EQ(*chip.memory.bandwidth_bytes_per_second, Number(4000000000000LL));
  EXPECT_EQ(*chip.interconnect_bidirectional_bytes_per_second, Number(900000000000LL));
  EXPECT_EQ(chip.sources.size(), 1u);
}

TEST(SpecLoader, LeftOutFieldsAreUnknownNotZero) {
  Loaded<ChipSpec> spec = Parse("name: Bare\n");
  ASSERT_TRUE(spec.ok());
  EXPECT_FALSE(spec.value->throughput.has_value());
  EXPECT_FALSE(spec.value->dies.has_value());
  EXPECT_FALSE(spec.value->marketed_for.has_value());
  EXPECT_FALSE(spec.value->memory.bandwidth_bytes_per_second.has_value());
}

TEST(SpecLoader, UnknownIsAcceptedForValuesAndEnums) {
  Loaded<ChipSpec> spec = Parse("name: X\nmarketed_for: unknown\nthroughput:\n  fp4: unknown\n");
  ASSERT_TRUE(spec.ok());
  EXPECT_FALSE(spec.value->marketed_for.has_value());
  ASSERT_EQ(spec.value->throughput->size(), 1u);
  EXPECT_FALSE((*spec.value->throughput)[0].ops_per_second.has_value());
}

TEST(SpecLoader, ReleasedIsAYearAMonthOrADay) {
  for (const char* valid : {"2024", "0001", "2024-01", "2024-12", "2024-02-29", "2023-12-31", "9999-12"}) {
    EXPECT_TRUE(IsValidReleaseDate(valid)) << valid;
  }
  for (const char* invalid :
       {"", "24", "202", "20245", "2024-", "2024-1", "2024-00", "2024-13", "2024x01", "2024-1a", "a024-01", "+024-01",
        "2023-02-29", "2024-04-31", "2024-01-00", "2024-01-1", "2024/01/01", "2024-01-01T", " 2024"}) {
    EXPECT_FALSE(IsValidReleaseDate(invalid)) << invalid;
  }
}

TEST(SpecLoader, BitsAreNotBytes) {
  Loaded<ChipSpec> spec = Parse("name: X\ninterconnect:\n  bidirectional: 800 Gb/s\n");
  ASSERT_TRUE(spec.ok());
  EXPECT_EQ(*spec.value->interconnect_bidirectional_bytes_per_second, Number(100000000000LL));
}

TEST(SpecLoader, BinaryAndUnicodeUnits) {
  Loaded<ChipSpec> spec = Parse("name: X\nmemory:\n  capacity: 1 GiB\ndies:\n  - area: 1 cm²\n");
  ASSERT_TRUE(spec.ok());
  EXPECT_EQ(*spec.value->memory.capacity_bytes, Number(1073741824));
  EXPECT_EQ(*(*spec.value->dies)[0].area_mm2, Number(100));
}

TEST(SpecLoader, BareNumberIsAnError) {
  EXPECT_EQ(OnlyError("name: X\nthroughput:\n  fp16: 148\n"),
            "3:9: '148' has no unit for 'fp16': expected a throughput such as TFLOPS or TOPS, e.g. '148 TFLOPS'");
}

TEST(SpecLoader, WrongDimensionIsAnError) {
  EXPECT_EQ(OnlyError("name: X\nthroughput:\n  fp16: 148 GB/s\n"),
            "3:9: 'GB/s' is a bandwidth such as GB/s, but 'fp16' needs a throughput such as TFLOPS or TOPS");
  EXPECT_THAT(OnlyError("name: X\nmemory:\n  bandwidth: 4 TFLOPS\n"), HasSubstr("needs a bandwidth"));
}

TEST(SpecLoader, UnknownUnitIsAnError) {
  EXPECT_THAT(OnlyError("name: X\ndies:\n  - area: 814 mm3\n"), HasSubstr("unknown unit 'mm3'"));
}

TEST(SpecLoader, UnknownFormatIsAnErrorWithSuggestion) {
  EXPECT_EQ(OnlyError("name: X\nthroughput:\n  fp9: 1 TFLOPS\n"),
            "3:3: unknown key 'fp9' in 'throughput' (operand formats from rules/formats.yaml); did you mean 'fp8'?");
}

TEST(SpecLoader, NegativeAndNonFiniteValuesAreErrors) {
  EXPECT_EQ(OnlyError("name: X\nthroughput:\n  fp8: -5 TFLOPS\n"), "3:8: 'fp8' must not be negative");
  EXPECT_THAT(OnlyError("name: X\nthroughput:\n  fp8: nan TFLOPS\n"), HasSubstr("is not a number"));
  EXPECT_THAT(OnlyError("name: X\nthroughput:\n  fp8: inf TFLOPS\n"), HasSubstr("is not a number"));
  EXPECT_THAT(OnlyError("name: X\nthroughput:\n  fp8: 1e999 TFLOPS\n"), HasSubstr("out of range"));
}

TEST(SpecLoader, ZeroDieAreaIsAnError) {
  EXPECT_EQ(OnlyError("name: X\ndies:\n  - area: 0 mm2\n"), "3:11: 'area' must be greater than zero");
}

TEST(SpecLoader, MalformedYamlIsAnErrorWithPosition) {
  Loaded<ChipSpec> spec = Parse("name: X\nthroughput: [fp8: 1\n");
  ASSERT_FALSE(spec.ok());
  ASSERT_FALSE(spec.diagnostics.empty());
  EXPECT_GT(spec.diagnostics[0].location.line, 0);
  EXPECT_THAT(spec.diagnostics[0].message, HasSubstr("invalid YAML"));
}

TEST(SpecLoader, StrayCommaIsAnErrorNotAHang) {
  // yaml-cpp 0.7 loops forever on these (fuzz finding); eccn refuses them first.
  EXPECT_EQ(OnlyError(", a\n"), "1:1: invalid YAML: ',' outside a [list] or {map}");
  EXPECT_EQ(OnlyError("# comment\n, a\n"), "2:1: invalid YAML: ',' outside a [list] or {map}");
  EXPECT_EQ(OnlyError("- a\n, b\n"), "2:1: invalid YAML: ',' outside a [list] or {map}");
  EXPECT_EQ(OnlyError("--- , a\n"), "1:5: invalid YAML: ',' outside a [list] or {map}");
  EXPECT_EQ(OnlyError("\"\","), "1:3: invalid YAML: ',' outside a [list] or {map}");
  EXPECT_EQ(OnlyError("'it''s' , x"), "1:9: invalid YAML: ',' outside a [list] or {map}");
  EXPECT_EQ(OnlyError("!,"), "1:2: invalid YAML: ',' outside a [list] or {map}");
  EXPECT_EQ(OnlyError("[],"), "1:3: invalid YAML: ',' outside a [list] or {map}");
  EXPECT_EQ(OnlyError("0\n#\n ,"), "3:2: invalid YAML: ',' outside a [list] or {map}");  // a comment ends "0"
  EXPECT_EQ(OnlyError("%\n ,"), "2:2: invalid YAML: ',' outside a [list] or {map}");     // so does a directive
  EXPECT_EQ(OnlyError(std::string("name: X\0,", 9)), "1:8: invalid YAML: control character 0x00 is not allowed");
  // Block scalars are text: a ',' or tab inside them is content.
  EXPECT_TRUE(Parse("name: X\nnotes: |\n  , text\n  , more\n").ok());
  // Commas that YAML allows still reach the parser.
  EXPECT_TRUE(Parse("name: X\nsources: [a\n  , b]\n").ok());
  EXPECT_TRUE(Parse("name: X\nvendor: foo\n  , bar\n").ok());
  EXPECT_TRUE(Parse("name: 'it''s, \"quoted\"'\nvendor: \"a\\\", b\"\n").ok());
}

TEST(SpecLoader, TextAfterAQuotedValueIsAnErrorNotAHang) {
  // yaml-cpp 0.7 loops forever on these once a '?' line follows (fuzz finding).
  constexpr const char* kMessage =
      "invalid YAML: text after a closing quote, ']' or '}', expected ':', a comment or the end of the line";
  EXPECT_EQ(OnlyError("\"a\" b\n?\n"), std::string("1:5: ") + kMessage);
  EXPECT_EQ(OnlyError("\"a\"b\n?\n"), std::string("1:4: ") + kMessage);
  EXPECT_EQ(OnlyError("[a]b\n?\n"), std::string("1:4: ") + kMessage);
  EXPECT_EQ(OnlyError("{a: 1} b\n?\n"), std::string("1:8: ") + kMessage);
  EXPECT_EQ(OnlyError("name: X\nvendor: \"A\" B\n"), std::string("2:13: ") + kMessage);
  // What YAML allows after a quoted value still reaches the parser.
  EXPECT_TRUE(Parse("\"name\": X\n'vendor' : Y # note\nsources: [a, b]  # two\n").ok());
  EXPECT_TRUE(Parse("name: \"X\"\nvendor: \"a\n  b\"\n").ok());
}

TEST(SpecLoader, TextAfterTheDocumentIsAnErrorNotAHang) {
  // Each of these ends the document at a token yaml-cpp's parser cannot start
  // a node with; its LoadAll then loops forever. Documents are counted with at
  // most two requests to the parser instead (yaml_documents.h).
  for (const char* text : {", a\n", "[a]b\n?\n", "\"a\" b\n?\n", "- a\n, b\n", "name: X\n...\n,\n"}) {
    const std::optional<YAML::Mark> second = SecondDocumentStart(text);
    EXPECT_TRUE(second.has_value()) << text;
  }
  EXPECT_FALSE(SecondDocumentStart("name: X\n").has_value());
  EXPECT_FALSE(SecondDocumentStart("---\nname: X\n...\n# done\n").has_value());
  // What the character filter lets through is refused with the position of the stray text.
  EXPECT_EQ(OnlyError("[a]\n- b\n"), "2:1: invalid YAML: unexpected '-', expected the end of the document");
  EXPECT_EQ(OnlyError("name: X\n---\nname: Y\n"), "2:1: several YAML documents in one file, expected one");
}

TEST(SpecLoader, TabIndentationAndDeepNestingAreNamed) {
  EXPECT_EQ(OnlyError("name: X\nthroughput:\n\tfp8: 1 TFLOPS\n"),
            "3:1: invalid YAML: a tab cannot indent a line; indent with spaces");
  EXPECT_EQ(OnlyError("name: X\nvendor: " + std::string(100, '[') + "\n"), "2:9: invalid YAML: nested too deeply");
}

TEST(SpecLoader, InvalidUtf8IsAnError) {
  EXPECT_EQ(OnlyError("name: X\nvendor: \xe2\xe2\n"), "2:9: invalid UTF-8; files must be UTF-8 encoded");
  EXPECT_EQ(OnlyError("name: \xc0\xaf\n"), "1:7: invalid UTF-8; files must be UTF-8 encoded");  // overlong '/'
  EXPECT_TRUE(Parse("name: \"H20 \xe2\x80\x94 China\"\n").ok());
}

// A control character would reach a terminal through the table or a message:
// text fields are one line of printable text.
TEST(SpecLoader, ControlCharactersInTextAreErrors) {
  EXPECT_EQ(OnlyError("name: \"Evil\\e[2J\"\n"),
            "1:7: control character \\x1b in 'name': text fields are one line of printable text");
  EXPECT_EQ(OnlyError("name: |\n  NVIDIA H100\n"),  // a block scalar keeps its line break
            "1:7: control character \\n in 'name': text fields are one line of printable text");
  EXPECT_EQ(OnlyError("name: X\nvendor: \"V\\x85\"\n"),
            "2:9: control character \\u0085 in 'vendor': text fields are one line of printable text");
  EXPECT_EQ(OnlyError("name: X\nmemory: {type: \"HBM\\t3\"}\n"),
            "2:16: control character \\t in 'type': text fields are one line of printable text");
  EXPECT_EQ(OnlyError("name: X\ndies: [{name: \"D\\x7f\"}]\n"),
            "2:15: control character \\x7f in 'name': text fields are one line of printable text");
  // A right-to-left override would show the name reordered ("H\u202e02" as "H20" backwards).
  EXPECT_EQ(OnlyError("name: \"H\u202e02\"\n"),
            "1:7: control character \\u202e in 'name': text fields are one line of printable text");
  // Free-form notes may span lines.
  EXPECT_TRUE(Parse("name: X\nnotes: |\n  one\n  two\n").ok());
}

TEST(SpecLoader, UnknownAndDuplicateKeysAreErrors) {
  EXPECT_EQ(OnlyError("name: X\nmarketed_fro: datacenter\n"),
            "2:1: unknown key 'marketed_fro' in a chip spec; did you mean 'marketed_for'?");
  EXPECT_EQ(OnlyError("name: X\nname: Y\n"), "2:1: duplicate key 'name' in a chip spec");
  EXPECT_TRUE(Parse("name: X\nx-internal-sku: 123\n").ok());
}

TEST(SpecLoader, InvalidEnumValueIsAnError) {
  EXPECT_EQ(OnlyError("name: X\nmarketed_for: cloud\n"),
            "2:15: invalid marketed_for 'cloud', expected datacenter | consumer | workstation | embedded | unknown");
}

TEST(SpecLoader, MissingNameIsAnError) { EXPECT_EQ(OnlyError("vendor: X\n"), "1:1: missing required key 'name'"); }

TEST(SpecLoader, EmptyAndNonMapDocumentsAreErrors) {
  EXPECT_THAT(OnlyError(""), HasSubstr("empty document"));
  EXPECT_THAT(OnlyError("- a\n- b\n"), HasSubstr("expected a chip spec"));
}

TEST(SpecLoader, MissingFileIsReported) {
  Loaded<ChipSpec> spec = LoadChipSpec("/nonexistent/chip.yaml", testing_support::Formats());
  ASSERT_FALSE(spec.ok());
  EXPECT_EQ(spec.diagnostics[0].ToString(), "/nonexistent/chip.yaml: error: cannot open file");
}

}  // namespace
}  // namespace eccn
