// eccn classify over catalogs: streamed results in input order, malformed
// records reported by line while the rest classify, --fail-fast, and the
// JSON Lines result being the --format json chip object.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli/cli_harness.h"
#include "pipe_feeder.h"

namespace eccn::cli {
namespace {

using ::testing::HasSubstr;

// The shipped rules on a fixed date.
Outcome Classify(std::vector<std::string> args) {
  args.insert(args.begin(), "classify");
  for (const char* fixed : {"--rules", "rules", "--as-of", "2026-11-28"}) args.emplace_back(fixed);
  return RunCli(args);
}

// The 2023 3A090 pack alone, for outputs small enough to read in a golden file.
Outcome Classify3A090(std::vector<std::string> args) {
  args.insert(args.begin(), "classify");
  for (const char* fixed : {"--rules", "rules/us/ear-3a090-2023.yaml", "--as-of", "2026-11-28"}) {
    args.emplace_back(fixed);
  }
  return RunCli(args);
}

const std::string kData = "tests/data/bulk/";

// Classify() reading `input` from standard input, written to a pipe `piece`
// bytes a write. `input` fits in the pipe's buffer: eccn may stop reading early.
Outcome ClassifyStdin(const std::string& input, std::vector<std::string> args, size_t piece) {
  const int saved_stdin = ::dup(0);
  Outcome o;
  {
    const PipeFeeder feeder(input, piece);
    ::dup2(feeder.read_fd(), 0);
    ::close(feeder.read_fd());
    args.insert(args.begin(), "-");
    o = Classify(std::move(args));
  }  // the writer is done before the pipe's read end closes
  ::dup2(saved_stdin, 0);
  ::close(saved_stdin);
  return o;
}

TEST(BulkCli, CsvOutputGolden) {
  const Outcome o = Classify({kData + "chips.jsonl", "--format", "csv"});
  EXPECT_EQ(o.code, kControlled);
  EXPECT_EQ(o.err, "");
  ExpectGolden("bulk_chips.csv", o.out);
  // The CSV catalog gives the same rows, numbered by its own lines.
  const Outcome csv = Classify({kData + "chips.csv", "--format", "csv"});
  EXPECT_EQ(csv.code, kControlled);
  ExpectGolden("bulk_chips_from_csv.csv", csv.out);
}

TEST(BulkCli, JsonlResultIsTheJsonChipObject) {
  const Outcome jsonl = Classify3A090({kData + "chips.jsonl", "--format", "jsonl"});
  const Outcome json = Classify3A090({kData + "chips.jsonl", "--format", "json"});
  EXPECT_EQ(jsonl.code, kControlled);
  ExpectGolden("bulk_chips.jsonl", jsonl.out);
  const auto document = nlohmann::ordered_json::parse(json.out);
  std::istringstream lines(jsonl.out);
  size_t i = 0;
  for (std::string line; std::getline(lines, line); ++i) {
    ASSERT_LT(i, document["chips"].size());
    EXPECT_EQ(nlohmann::ordered_json::parse(line), document["chips"][i]);
  }
  EXPECT_EQ(i, 5u);
}

TEST(BulkCli, YamlSpecsStreamToo) {
  const Outcome o = Classify3A090({"catalog/nvidia-h20.yaml", "--format", "csv"});
  EXPECT_EQ(o.code, kNotControlled);
  EXPECT_THAT(o.out, HasSubstr("\n0,NVIDIA H20,not_controlled,,,,,2368,814,2.909090909\n"));
}

TEST(BulkCli, MalformedRecordsAreReportedByLineAndTheRestClassify) {
  const Outcome o = Classify3A090({kData + "malformed.jsonl", "--format", "csv"});
  EXPECT_EQ(o.code, kDataError);
  ExpectGolden("bulk_malformed.err", o.err);
  EXPECT_THAT(o.err, HasSubstr("malformed.jsonl:2:44: error: 'GB/s' is a bandwidth"));
  EXPECT_THAT(o.err, HasSubstr("malformed.jsonl:4:"));
  EXPECT_THAT(o.out, HasSubstr("\n1,First,controlled"));
  EXPECT_THAT(o.out, HasSubstr("\n3,Second,not_controlled"));
  EXPECT_THAT(o.out, HasSubstr("\n5,Third,"));
}

// A CSV cell that is not UTF-8 (here Latin-1) is a malformed record, for
// every output; JSON could not carry it (it ended the process before).
TEST(BulkCli, TextThatIsNotUtf8IsAMalformedRecord) {
  for (const char* format : {"jsonl", "json", "csv", "text"}) {
    const Outcome o = Classify({kData + "not_utf8.csv", "--format", format});
    EXPECT_EQ(o.code, kDataError) << format;
    EXPECT_THAT(o.err, HasSubstr("not_utf8.csv:3:4: error: invalid UTF-8; files must be UTF-8 encoded")) << format;
    EXPECT_THAT(o.out, HasSubstr("First")) << format;
    EXPECT_THAT(o.out, HasSubstr("Third")) << format;
  }
}

TEST(BulkCli, FailFastStopsAtTheFirstMalformedRecord) {
  const Outcome o = Classify({kData + "malformed.jsonl", "--format", "csv", "--fail-fast"});
  EXPECT_EQ(o.code, kDataError);
  EXPECT_THAT(o.out, HasSubstr("\n1,First,"));
  EXPECT_THAT(o.out, ::testing::Not(HasSubstr("Second")));
  EXPECT_THAT(o.err, HasSubstr(":2:"));
  EXPECT_THAT(o.err, ::testing::Not(HasSubstr(":4:")));
}

TEST(BulkCli, TwoThreadsKeepTheInputOrder) {
  // Enough records for many chunks, with malformed lines among them.
  const std::string path = (std::filesystem::temp_directory_path() / "eccn_bulk_order.jsonl").string();
  {
    std::ofstream file(path);
    for (int i = 1; i <= 30000; ++i) {
      if (i % 7919 == 0) {
        file << "{not json\n";
        continue;
      }
      file << R"({"name": "C)" << i << R"(", "marketed_for": "datacenter", "throughput": {"fp8": ")" << (i % 900) + 1
           << R"( TFLOPS"}, "dies": [{"area": ")" << (i % 700) + 100
           << R"( mm2", "transistors": "finfet", "role": "logic"}], "x-pad": ")" << std::string(200, 'x') << "\"}\n";
    }
  }
  const Outcome one = Classify({path, "--format", "csv", "--jobs", "1"});
  const Outcome two = Classify({path, "--format", "csv", "--jobs", "2"});
  std::filesystem::remove(path);
  EXPECT_EQ(one.code, kDataError);
  EXPECT_EQ(two.code, kDataError);
  EXPECT_EQ(one.out, two.out);
  EXPECT_EQ(one.err, two.err);
  std::istringstream lines(two.out);
  std::string line;
  std::getline(lines, line);  // header
  int64_t previous = 0;
  int rows = 0;
  while (std::getline(lines, line)) {
    const int64_t number = std::stoll(line.substr(0, line.find(',')));
    EXPECT_GT(number, previous);
    previous = number;
    ++rows;
  }
  EXPECT_EQ(rows, 30000 - 3);
  EXPECT_THAT(two.err, HasSubstr(":7919:"));
}

// --exact classifies every record with rationals; the fast path must give
// the same rows, digits and exit code, on records around the thresholds
// (some exactly at one), with dies that may or may not count, in the CSV and
// in the table (whose open entries name what they need: no described_in).
TEST(BulkCli, ExactClassificationWritesTheSameRows) {
  const std::string path = (std::filesystem::temp_directory_path() / "eccn_bulk_exact.jsonl").string();
  {
    std::ofstream file(path);
    for (int i = 1; i <= 400; ++i) {
      const char* role = i % 5 == 0 ? "" : R"(, "role": "logic")";
      file << R"({"name": "C)" << i << R"(", "marketed_for": "datacenter", "throughput": {"fp16": ")" << i * 3.7
           << R"( TFLOPS", "int8": ")" << i * 7 << R"( TOPS"}, "dies": [{"area": ")" << 100 + i % 13 * 50.5
           << R"( mm2", "transistors": "finfet")" << role << R"(}], "memory": {"type": "HBM3", "bandwidth": ")"
           << i % 9 * 0.45 << R"( TB/s"}})" << '\n';
    }
  }
  for (const char* format : {"csv", "text"}) {
    const Outcome fast = Classify({path, "--format", format});
    const Outcome exact = Classify({path, "--format", format, "--exact"});
    EXPECT_EQ(fast.code, exact.code);
    EXPECT_EQ(fast.err, "");
    EXPECT_EQ(fast.out, exact.out) << format;
    EXPECT_GE(std::count(exact.out.begin(), exact.out.end(), '\n'), 401) << format;
  }
  EXPECT_THAT(Classify({path}).out, HasSubstr("(needs described_in)"));
  std::filesystem::remove(path);
}

// The table's columns are as wide as the header and the first 10,000 rows
// need, however the catalog is cut into chunks: a longer name in row 10,001
// pushes its own row right, one in row 10,000 widens the column.
TEST(BulkCli, TheTableIsSizedByItsFirst10000Rows) {
  const auto header_with_long_name_at = [](int row) {
    const std::string path = (std::filesystem::temp_directory_path() / "eccn_bulk_widths.jsonl").string();
    {
      std::ofstream file(path);
      for (int i = 1; i <= 10001; ++i) {
        file << R"({"name": ")" << (i == row ? std::string("A much longer name") : "C" + std::to_string(i))
             << R"(", "throughput": {"fp8": "100 TFLOPS"}})" << '\n';
      }
    }
    const Outcome o = Classify({path});
    std::filesystem::remove(path);
    EXPECT_EQ(o.err, "");
    return o.out.substr(0, o.out.find('\n'));
  };
  const std::string after = header_with_long_name_at(10001);
  EXPECT_THAT(after, ::testing::StartsWith("CHIP    "));  // "C10000" is the widest name
  EXPECT_EQ(after.find("CHIP       "), std::string::npos);
  EXPECT_THAT(header_with_long_name_at(10000), ::testing::StartsWith("CHIP              "));
}

// Past the first 10,000 rows the workers write the table's lines themselves,
// the widths being fixed by then: the rows still come in input order, each
// once, at those widths (a longer name pushes only its own row right), with
// the rows held when the widths were fixed before them.
TEST(BulkCli, TableLinesWrittenByWorkersKeepOrderAndWidths) {
  constexpr int kRows = 30000;
  constexpr int kLong = 20000;
  const std::string long_name = "A much longer name";
  const std::string path = (std::filesystem::temp_directory_path() / "eccn_bulk_rows.jsonl").string();
  {
    std::ofstream file(path);
    for (int i = 1; i <= kRows; ++i) {
      file << R"({"name": ")" << (i == kLong ? long_name : "C" + std::to_string(i)) << R"(", "throughput": {"fp8": ")"
           << 100 * (1 + i % 40) << R"( TFLOPS"}})" << '\n';
    }
  }
  const Outcome o = Classify({path, "--jobs", "2"});
  std::filesystem::remove(path);
  ASSERT_EQ(o.err, "");
  std::istringstream lines(o.out);
  std::string header;
  std::getline(lines, header);
  const size_t verdict_at = header.find("VERDICT");
  ASSERT_NE(verdict_at, std::string::npos);
  const auto verdict_starts_at = [](const std::string& line, size_t at) {
    return line.compare(at, 10, "controlled") == 0 || line.compare(at, 14, "not controlled") == 0 ||
           line.compare(at, 13, "indeterminate") == 0;
  };
  std::string line;
  for (int i = 1; i <= kRows; ++i) {
    ASSERT_TRUE(std::getline(lines, line)) << "row " << i;
    const std::string name = i == kLong ? long_name : "C" + std::to_string(i);
    ASSERT_EQ(line.substr(0, name.size() + 1), name + " ") << "row " << i;
    ASSERT_EQ(verdict_starts_at(line, verdict_at), i != kLong) << line;
  }
  ASSERT_TRUE(std::getline(lines, line));
  EXPECT_EQ(line, "");
  ASSERT_TRUE(std::getline(lines, line));
  EXPECT_THAT(line, ::testing::StartsWith("30000 chips: "));
}

TEST(BulkCli, ErrorsInTheCsvHeaderStopTheFile) {
  const std::string path = (std::filesystem::temp_directory_path() / "eccn_bulk_header.csv").string();
  std::ofstream(path) << "name,throughput.fp8\nX,100\n";
  const Outcome o = Classify({path, "--format", "csv"});
  std::filesystem::remove(path);
  EXPECT_EQ(o.code, kDataError);
  EXPECT_THAT(o.err, HasSubstr(":1:6: error: column 'throughput.fp8' needs its unit"));
}

// Spreadsheets write a byte order mark before a CSV export's header. At the
// start of a catalog, from a file or a pipe (one byte a write, so the mark
// arrives in pieces), it is skipped and positions count from after it, as in
// YAML files; before, the CSV header's first column was unknown, and the
// JSON Lines file's first line invalid JSON.
TEST(BulkCli, ALeadingByteOrderMarkIsSkipped) {
  const std::string bom = "\xEF\xBB\xBF";
  struct Case {
    std::string format;
    std::string text;
    std::string row;    // a classified record's CSV row starts so
    std::string error;  // a diagnostic, after the file's name
  };
  const std::vector<Case> cases{
      {"jsonl",
       bom + R"({"name": "X", "throughput": {"fp8": "1 TFLOPX"}})" + "\n" +
           R"({"name": "Y", "throughput": {"fp8": "1000 TFLOPS"}})" + "\n",
       "\n2,Y,controlled", ":1:37: error: unknown unit 'TFLOPX'"},
      {"csv", bom + "name,throughput.fp8 [TFLOPS]\r\nX,1000\r\nY,1 TFLOPS\r\n", "\n2,X,controlled", ":3:3: error: "},
      {"csv", bom + "name,throughput.fp8 [TFLOPX]\nX,1000\n", "",
       ":1:6: error: column 'throughput.fp8': unknown unit"}};
  for (const Case& c : cases) {
    const std::string path = (std::filesystem::temp_directory_path() / ("eccn_bulk_bom." + c.format)).string();
    std::ofstream(path, std::ios::binary) << c.text;
    const Outcome from_file = Classify({path, "--format", "csv"});
    std::filesystem::remove(path);
    const Outcome from_pipe = ClassifyStdin(c.text, {"--input-format", c.format, "--format", "csv"}, 1);
    for (const auto& [o, name] : {std::pair{from_file, path}, std::pair{from_pipe, std::string("-")}}) {
      EXPECT_EQ(o.code, kDataError) << name;
      if (!c.row.empty()) {
        EXPECT_THAT(o.out, HasSubstr(c.row)) << name;
      }
      EXPECT_THAT(o.err, HasSubstr(name + c.error)) << name;
      EXPECT_EQ(std::count(o.err.begin(), o.err.end(), '\n'), 1) << name << ": " << o.err;
    }
  }
}

// A catalog from elsewhere could clear the screen or fake output lines through
// a name: a control character in a text field is a malformed record (on the
// fast path too), and messages that quote the input show it escaped.
TEST(BulkCli, ControlCharactersNeverReachTheTerminal) {
  const std::string path = (std::filesystem::temp_directory_path() / "eccn_bulk_controls.jsonl").string();
  std::ofstream(path, std::ios::binary)
      << R"({"name": "Evil\u001b[2J", "throughput": {"fp8": "1000 TFLOPS"}})"
         "\n"
      << R"({"name": "OK", "vendor": "V\u009b", "throughput": {"fp8": "1000 TFLOPS"}})"
         "\n"
      << R"({"nam\u001be": "OK", "throughput": {"fp8": "1000 TFLOPS"}})"
         "\n"
      << R"({"name": "Fine", "throughput": {"fp8": "1000 TFLOPS"}})"
         "\n";
  for (const char* format : {"text", "csv", "jsonl"}) {
    for (const char* exact : {"--jobs=1", "--exact"}) {
      const Outcome o = Classify({path, "--format", format, exact});
      EXPECT_EQ(o.code, kDataError) << format << exact;
      EXPECT_THAT(o.err, HasSubstr(":1:10: error: control character \\x1b in 'name': text fields are one line"));
      EXPECT_THAT(o.err, HasSubstr(":2:26: error: control character \\u009b in 'vendor'"));
      EXPECT_THAT(o.err, HasSubstr(":3:2: error: unknown key 'nam\\x1be'"));
      EXPECT_THAT(o.out, HasSubstr("Fine")) << format << exact;
      EXPECT_EQ(o.out.find('\x1b'), std::string::npos) << format << exact;
      EXPECT_EQ(o.err.find('\x1b'), std::string::npos) << format << exact;
    }
  }
  std::filesystem::remove(path);
}

// A record is at most 4 MiB, as a spec file: a longer line (a JSON array on
// one line, a file without newlines) is reported and skipped, not held.
TEST(BulkCli, ARecordTooLongIsReportedAndSkipped) {
  const std::string record = R"({"name": "OK", "throughput": {"fp8": "1000 TFLOPS"}})";
  const std::string too_long = "[" + std::string(5 << 20, ' ') + "]";
  const std::string jsonl = record + "\n" + too_long + "\n" + record + "\n";
  const std::string csv = std::string(5 << 20, 'x') + "\nX,1\n";
  for (const auto& [text, extension] : {std::pair{jsonl, "jsonl"}, std::pair{csv, "csv"}}) {
    const std::string path =
        (std::filesystem::temp_directory_path() / ("eccn_bulk_long." + std::string(extension))).string();
    std::ofstream(path, std::ios::binary) << text;
    const Outcome o = Classify({path, "--format", "csv"});
    std::filesystem::remove(path);
    EXPECT_EQ(o.code, kDataError) << extension;
    if (std::string(extension) == "jsonl") {
      EXPECT_EQ(o.err, path + ":2:1: error: a record longer than 4 MiB, not read; a catalog holds one chip per line\n");
      EXPECT_THAT(o.out, HasSubstr("\n1,OK,controlled"));
      EXPECT_THAT(o.out, HasSubstr("\n3,OK,controlled"));
    } else {
      EXPECT_EQ(o.err,
                path + ":1:1: error: a CSV header longer than 4 MiB, not read; a catalog holds one chip per line\n");
    }
  }
}

TEST(BulkCli, CommandsForYamlSpecsRefuseCatalogs) {
  const std::string record = (std::filesystem::temp_directory_path() / "eccn_bulk_record.json").string();
  std::filesystem::remove(record);
  const std::string catalog = kData + "chips.jsonl";
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"explain", catalog},
           {"classify", catalog, "--record", record},
           {"classify", "catalog/nvidia-h20.yaml", "--format", "csv", "--record", record},
           {"license", catalog, "--to", "CN"},
           {"classify", catalog, "--to", "CN"}}) {
    const Outcome o = RunCli(args);
    EXPECT_EQ(o.code, kUsage) << args[0] << " " << args.back();
    EXPECT_THAT(o.err, HasSubstr("reads YAML spec files")) << args[0] << " " << args.back();
    EXPECT_EQ(o.out, "");
  }
  EXPECT_FALSE(std::filesystem::exists(record));
}

TEST(BulkCli, MissingCatalog) {
  const Outcome o = Classify({"no-such.jsonl", "--format", "csv"});
  EXPECT_EQ(o.code, kNoInput);
  EXPECT_THAT(o.err, HasSubstr("no-such.jsonl: error: no such file or directory"));
}

}  // namespace
}  // namespace eccn::cli
