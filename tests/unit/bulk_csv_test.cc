// CSV catalogs: columns named by spec path with the unit in the header, the
// same spec as the YAML file, and header and row problems at line:column.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "bulk_test_support.h"
#include "cli/render_json.h"

namespace eccn {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing_support::Errors;

struct CsvRun {
  std::vector<Diagnostic> header_diagnostics;
  std::optional<bulk::CsvDecoder> decoder;

  explicit CsvRun(std::string_view header) {
    decoder.emplace(header, "chips.csv", testing_support::Formats(), header_diagnostics);
  }

  testing_support::Decoded Row(std::string_view row, int64_t line = 2) {
    testing_support::Decoded out;
    bulk::ExactRecordBuilder builder(testing_support::Formats(), {"chips.csv", line, row.data()}, out.diagnostics);
    decoder->Decode(row, builder);
    out.spec = builder.Finish();
    return out;
  }
};

std::vector<std::string> Lines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string Rendered(ChipSpec spec) {
  spec.file = "";
  return cli::ChipJson(testing_support::ShippedRules().Classify(spec, Context(*Date::Parse("2026-11-28")))).dump();
}

TEST(BulkCsv, RowsAreTheSameSpecsAsJsonLines) {
  const std::vector<std::string> csv = Lines(ECCN_SOURCE_DIR "/tests/data/bulk/chips.csv");
  const std::vector<std::string> jsonl = Lines(ECCN_SOURCE_DIR "/tests/data/bulk/chips.jsonl");
  // Header and rows; the last JSON Lines record has alternatives, which a CSV cell cannot hold.
  ASSERT_EQ(csv.size(), jsonl.size());
  CsvRun run(csv[0]);
  ASSERT_THAT(Errors(run.header_diagnostics), ElementsAre());
  for (size_t i = 0; i + 1 < csv.size(); ++i) {
    const testing_support::Decoded from_csv = run.Row(csv[i + 1]);
    const testing_support::Decoded from_jsonl = testing_support::DecodeJsonl(jsonl[i]);
    ASSERT_TRUE(from_csv.spec) << ::testing::PrintToString(Errors(from_csv.diagnostics));
    ASSERT_TRUE(from_jsonl.spec);
    EXPECT_EQ(Rendered(*from_csv.spec), Rendered(*from_jsonl.spec)) << "row " << i + 2;
  }
  // ... and the first is the catalog's YAML file.
  Loaded<ChipSpec> yaml = LoadChipSpec(ECCN_SOURCE_DIR "/catalog/nvidia-h20.yaml", testing_support::Formats());
  ASSERT_TRUE(yaml.ok());
  EXPECT_EQ(Rendered(*run.Row(csv[1]).spec), Rendered(*yaml.value));
}

TEST(BulkCsv, AMissingHeaderIsNamed) {
  for (std::string_view header : {"", " \t"}) {  // an empty file, or one that starts with a blank line
    CsvRun run(header);
    EXPECT_THAT(Errors(run.header_diagnostics),
                ElementsAre("1:1: missing CSV header: the first line names the columns, e.g. 'name,throughput.fp8 "
                            "[TFLOPS]'"));
  }
}

TEST(BulkCsv, AQuoteInAnUnquotedHeaderCell) {
  CsvRun run(R"(name,throughput."fp8" [TFLOPS])");
  EXPECT_THAT(Errors(run.header_diagnostics), ElementsAre(HasSubstr("1:17: invalid CSV: unbalanced or misplaced")));
}

TEST(BulkCsv, HeaderProblems) {
  CsvRun run("name,throughput.fp8,dies.0.area [GB],memory.type [GB],speed,name");
  EXPECT_THAT(
      Errors(run.header_diagnostics),
      ElementsAre("1:6: column 'throughput.fp8' needs its unit in brackets, e.g. 'throughput.fp8 [TFLOPS]'",
                  "1:21: column 'dies.0.area': 'GB' is a size such as GB, but the column needs an area such as mm2",
                  "1:38: column 'memory.type' takes no unit", HasSubstr("1:55: unknown key 'speed' in a CSV header"),
                  "1:61: duplicate column 'name'"));
}

TEST(BulkCsv, QuotingAndRowProblems) {
  CsvRun run("name,throughput.fp8 [TFLOPS],described_in");
  const testing_support::Decoded quoted = run.Row(R"("Chip, ""X""",100,5A992.c; 4A994.l)");
  ASSERT_TRUE(quoted.spec) << ::testing::PrintToString(Errors(quoted.diagnostics));
  EXPECT_EQ(quoted.spec->name, "Chip, \"X\"");
  EXPECT_THAT(*quoted.spec->described_in, ElementsAre("5A992.c", "4A994.l"));
  EXPECT_THAT(Errors(run.Row("X,100", 9).diagnostics),
              ElementsAre("9:1: invalid CSV: the row has 2 cells, the header 3 columns"));
  EXPECT_THAT(Errors(run.Row(R"("X,100,)").diagnostics),
              ElementsAre(HasSubstr("2:1: invalid CSV: unbalanced or misplaced quote")));
  EXPECT_THAT(Errors(run.Row(R"("X"Y,100,)").diagnostics), ElementsAre(HasSubstr("2:4: invalid CSV: unbalanced")));
  // RFC 4180 has no quote in an unquoted cell; here, the second line of a cell
  // a spreadsheet wrote over two lines ("Chip\nX""",100,) would read as a chip.
  EXPECT_THAT(Errors(run.Row(R"(X""",100,)").diagnostics), ElementsAre(HasSubstr("2:2: invalid CSV: unbalanced")));
  EXPECT_THAT(Errors(run.Row(R"("X",1"00,)").diagnostics), ElementsAre(HasSubstr("2:6: invalid CSV: unbalanced")));
  EXPECT_THAT(Errors(run.Row(R"(X,100,5A992.c")").diagnostics),
              ElementsAre(HasSubstr("2:14: invalid CSV: unbalanced")));
  EXPECT_THAT(Errors(run.Row("X,-5,").diagnostics), ElementsAre("2:3: 'fp8' must not be negative"));
  EXPECT_THAT(Errors(run.Row(",5,").diagnostics), ElementsAre("2:1: missing required key 'name'"));
  // Not UTF-8 (a Latin-1 byte): refused at the byte, as in YAML files, by the fast decoder too;
  // JSON output could not carry it.
  EXPECT_THAT(Errors(run.Row("Caf\xe9,100,").diagnostics),
              ElementsAre("2:4: invalid UTF-8; files must be UTF-8 encoded"));
  bulk::FastRecordBuilder fast(testing_support::Formats());
  fast.Reset();
  EXPECT_FALSE(run.decoder->Decode("Caf\xe9,100,", fast));
  fast.Reset();
  EXPECT_TRUE(run.decoder->Decode("Caf\xc3\xa9,100,", fast));
}

TEST(BulkCsv, EmptyCellsAreLeftOut) {
  CsvRun run("name,throughput.fp8 [TFLOPS],throughput.fp16 [TFLOPS],dies.0.area [mm2],dies.1.area [mm2]");
  const testing_support::Decoded none = run.Row("X,,,,");
  ASSERT_TRUE(none.spec);
  EXPECT_FALSE(none.spec->throughput);
  EXPECT_FALSE(none.spec->dies);
  const testing_support::Decoded some = run.Row("X,100,,,200");
  ASSERT_TRUE(some.spec);
  EXPECT_EQ(some.spec->throughput->size(), 1u);
  ASSERT_EQ(some.spec->dies->size(), 1u);
  EXPECT_EQ(*(*some.spec->dies)[0].area_mm2, 200);
}

}  // namespace
}  // namespace eccn
