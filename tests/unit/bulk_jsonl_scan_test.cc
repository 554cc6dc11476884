// The fast path's JSON Lines scanner: it reads the strict subset of JSON it
// promises, gives up on the rest, and never takes a record the exact reader
// would refuse.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>

#include "bulk/json_escapes.h"
#include "bulk/jsonl_scan.h"
#include "bulk_test_support.h"

namespace eccn {
namespace {

constexpr std::string_view kRecord =
    R"({"name": "Chip", "vendor": "V", "kind": "accelerator", "marketed_for": "datacenter", "released": "2024-03",)"
    R"( "throughput": {"fp16": "500 TFLOPS", "fp8": "1000 TFLOPS", "int8": null},)"
    R"( "dies": [{"name": "D", "area": "600 mm2", "transistors": "finfet", "role": "logic", "count": 2}, null],)"
    R"( "memory": {"type": "HBM3", "capacity": "80 GB", "bandwidth": "3.35 TB/s"},)"
    R"( "interconnect": {"bidirectional": "900 GB/s"}, "package": {"area": null},)"
    R"( "described_in": ["5A992.c", null], "sources": ["https://example.com"], "notes": "n"})";

// Scans `line` followed by kJsonPadding bytes of `padding` (a scan past the
// end may read them), in `storage`, which the chip's views point into; with
// `memo`, what earlier scans left in it, else a fresh one; with `formats`,
// that table of operand formats, else the shipped one.
std::optional<bulk::FastChip> Scan(std::string_view line, std::string& storage, char padding = ' ',
                                   bulk::ScanMemo* memo = nullptr, const FormatTable* formats = nullptr) {
  storage = std::string(line) + std::string(bulk::kJsonPadding, padding);
  bulk::FastRecordBuilder builder(formats != nullptr ? *formats : testing_support::Formats());
  builder.Reset();
  static std::string unescaped;  // the chip's views may point here too, until the next scan
  bulk::ScanMemo fresh;
  if (!bulk::ScanRecord(std::string_view(storage.data(), line.size()), builder, unescaped,
                        memo != nullptr ? *memo : fresh)) {
    return std::nullopt;
  }
  return builder.chip();
}

bool Takes(std::string_view line, char padding = ' ') {
  std::string storage;
  return Scan(line, storage, padding).has_value();
}

// kRecord with its notes replaced by `notes`.
std::string WithNotes(std::string_view notes) {
  std::string line(kRecord);
  const size_t at = line.rfind(R"("n")");
  return line.replace(at, 3, notes);
}

TEST(BulkJsonlScan, ReadsAWholeRecord) {
  std::string storage;
  const std::optional<bulk::FastChip> chip = Scan(kRecord, storage);
  ASSERT_TRUE(chip);
  EXPECT_EQ(chip->name, "Chip");
  EXPECT_EQ(chip->format_count, 3u);
  ASSERT_EQ(chip->die_count, 1u);  // the null die is left out
  EXPECT_EQ(chip->dies[0].fields[expr::kDieCount].lo, 2);
  EXPECT_EQ(chip->dies[0].fields[expr::kDieArea].lo, 600);  // mm2, the base unit of area
  ASSERT_EQ(chip->described_in_count, 1u);
  EXPECT_EQ(chip->described_in[0], "5A992.c");
}

TEST(BulkJsonlScan, TakesSpacesAndUtf8) {
  EXPECT_TRUE(Takes(" \t{ \"name\" :\r\"Chip\" , \"x-sku\" : [ 1 , -2.5e+3 , true , false , null , { } , [ ] ] } \t"));
  std::string storage;
  const std::optional<bulk::FastChip> chip = Scan(R"({"name": "Puce électronique 芯片"})", storage);
  ASSERT_TRUE(chip);
  EXPECT_EQ(chip->name, "Puce électronique 芯片");
  for (std::string_view notes : {"0", "-0", "12.5", "1E9", "1e-9", "[[[]]]", R"({"a": {"b": "c"}})"}) {
    EXPECT_TRUE(Takes(WithNotes(notes))) << notes;
  }
}

TEST(BulkJsonlScan, DecodesEscapes) {
  std::string storage;
  const std::optional<bulk::FastChip> chip = Scan(
      R"({"n\u0061me": "A \"B\" caf\u00E9 \ud83d\ude00 \\\/", "described_in": ["5A\u0039\u0039\u0032.c"]})", storage);
  ASSERT_TRUE(chip);
  EXPECT_EQ(chip->name, "A \"B\" caf\u00e9 \U0001F600 \\/");
  ASSERT_EQ(chip->described_in_count, 1u);
  EXPECT_EQ(chip->described_in[0], "5A992.c");  // the name's unescaped text is still where it was
  // Control characters decode, and a name holding one goes to the exact path, which refuses it.
  const std::string_view controls = R"(\b\f\n\r\t\u001b\u0085")";
  std::string decoded;
  EXPECT_EQ(bulk::AppendUnescaped(controls.data(), controls.data() + controls.size(), decoded),
            controls.data() + controls.size() - 1);
  EXPECT_EQ(decoded, "\b\f\n\r\t\x1b\u0085");
  for (std::string_view name : {R"(A\nB)", R"(\u001b[2J)", R"(\u009b)", "A\x7f"}) {
    EXPECT_FALSE(Takes(std::string(R"({"name": ")") + std::string(name) + "\"}")) << name;
  }
}

TEST(BulkJsonlScan, GivesUpOnWhatItDoesNotRead) {
  // Invalid text and lone surrogates: the exact reader reports or decides them.
  EXPECT_FALSE(Takes(R"({"name": "A \x"})"));
  EXPECT_FALSE(Takes(R"({"name": "A \u12"})"));
  EXPECT_FALSE(Takes(R"({"name": "A \ud83d"})"));
  EXPECT_FALSE(Takes(R"({"name": "A \ude00"})"));
  EXPECT_FALSE(Takes(R"({"name": "A \ud83d\u0041"})"));
  EXPECT_FALSE(Takes("{\"name\": \"tab\there\"}"));
  EXPECT_FALSE(Takes("{\"name\": \"\xC3\x28\"}"));  // invalid UTF-8
  // Numbers where text is expected, and counts that are not plain integers.
  EXPECT_FALSE(Takes(R"({"name": 5})"));
  for (std::string_view count : {"02", "2.0", "-2", "2e0", "12345678901234567890", "true", "\"2\"x"}) {
    std::string line(kRecord);
    line.replace(line.find("\"count\": 2") + 9, 1, count);
    EXPECT_FALSE(Takes(line)) << count;
  }
  // Unknown and repeated keys, alternatives, a section of the wrong type.
  EXPECT_FALSE(Takes(R"({"name": "A", "speed": "1"})"));
  EXPECT_FALSE(Takes(R"({"name": "A", "name": "B"})"));
  EXPECT_FALSE(Takes(R"({"name": "A", "throughput": {"fp8": "1 TFLOPS", "fp8": "2 TFLOPS"}})"));
  EXPECT_FALSE(Takes(R"({"name": "A", "memory": {"capacity": {"values": ["1 GB", "2 GB"]}}})"));
  EXPECT_FALSE(Takes(R"({"name": "A", "memory": "HBM3"})"));
  EXPECT_FALSE(Takes(R"({"name": "A", "described_in": "5A992.c"})"));
  // Deeply nested notes.
  EXPECT_FALSE(Takes(WithNotes(std::string(40, '[') + std::string(40, ']'))));
}

TEST(BulkJsonlScan, RefusesInvalidJson) {
  for (std::string_view bad :
       {R"({"name": "A",})", R"({"name": "A"} x)", R"({"name": "A"}})", R"({"name" "A"})", R"({"name": "A")",
        R"(["name"])", R"({"name": "A", "x-a": tru})", R"({"name": "A", "x-a": nullx})", R"({"name": "A", "x-a": 01})",
        R"({"name": "A", "x-a": 1.})", R"({"name": "A", "x-a": -})", R"({"name": "A", "x-a": 1e})",
        R"({"name": "A", "x-a": [1,]})", R"({"name": "A", "x-a": +1})", R"({'name': 'A'})", "{\"name\": \"A\"}\x01"}) {
    EXPECT_FALSE(Takes(bad)) << bad;
  }
  // An unterminated string stays unterminated whatever the padding after the line holds.
  EXPECT_FALSE(Takes(R"({"name": "A)", '"'));
  EXPECT_FALSE(Takes(R"({"name": "A", "notes": ")", '"'));
}

// kRecord with one to three random bytes replaced, inserted or erased.
std::string Mutated(std::mt19937& random) {
  constexpr std::string_view kAlphabet = R"({}[]":,. -0123456789eEtrufalsn\xé)";
  std::string line(kRecord);
  const int edits = 1 + static_cast<int>(random() % 3);
  for (int e = 0; e < edits; ++e) {
    const size_t at = random() % line.size();
    const char c = kAlphabet[random() % kAlphabet.size()];
    switch (random() % 3) {
      case 0:
        line[at] = c;
        break;
      case 1:
        line.insert(at, 1, c);
        break;
      default:
        line.erase(at, 1);
    }
  }
  return line;
}

bool SameValue(const bulk::FastValue& a, const bulk::FastValue& b) {
  return a.lo == b.lo && a.hi == b.hi && a.lo_err == b.lo_err && a.hi_err == b.hi_err && a.truth == b.truth &&
         a.symbol == b.symbol && a.bits == b.bits;
}

bool SameItems(const std::array<bulk::FastItem, bulk::kFastMaxItems>& a,
               const std::array<bulk::FastItem, bulk::kFastMaxItems>& b, size_t count) {
  for (size_t i = 0; i < count; ++i) {
    for (size_t f = 0; f < a[i].fields.size(); ++f) {
      if (!SameValue(a[i].fields[f], b[i].fields[f])) return false;
    }
  }
  return true;
}

// Everything the evaluator and the rows read of a chip.
bool SameChip(const bulk::FastChip& a, const bulk::FastChip& b) {
  for (size_t f = 0; f < a.fields.size(); ++f) {
    if (!SameValue(a.fields[f], b.fields[f])) return false;
  }
  return a.name == b.name && a.has_name == b.has_name && a.has_formats == b.has_formats &&
         a.format_count == b.format_count && SameItems(a.formats, b.formats, a.format_count) &&
         a.has_dies == b.has_dies && a.die_count == b.die_count && SameItems(a.dies, b.dies, a.die_count) &&
         a.has_described_in == b.has_described_in && a.described_in_count == b.described_in_count &&
         std::equal(a.described_in.begin(), a.described_in.begin() + static_cast<std::ptrdiff_t>(a.described_in_count),
                    b.described_in.begin());
}

// Scans `line` alone and with what `memo` holds from earlier scans, expecting
// both to read it alike; returns whether they took it.
bool ScannedAlike(const std::string& line, bulk::ScanMemo& memo) {
  std::string alone_storage;
  std::string after_storage;
  const std::optional<bulk::FastChip> alone = Scan(line, alone_storage);
  const std::optional<bulk::FastChip> after = Scan(line, after_storage, ' ', &memo);
  EXPECT_EQ(alone.has_value(), after.has_value()) << line;
  if (!alone || !after) return false;
  // The views point into each scan's own storage; their text must agree.
  EXPECT_TRUE(SameChip(*alone, *after)) << line;
  return true;
}

// The memo only saves work: records scanned one after another, each with what
// the one before left in the memo, read exactly as each alone, or are given
// up alike. Keys moved, renamed, spaced or cut by the mutations defeat it.
TEST(BulkJsonlScan, TheKeyMemoChangesNoResult) {
  std::mt19937 random(3090);
  bulk::ScanMemo memo;
  for (int i = 0; i < 20000 && !::testing::Test::HasFailure(); ++i) {
    ScannedAlike(i % 4 == 0 ? std::string(kRecord) : Mutated(random), memo);
  }
  EXPECT_GT(memo.hits, 20000U * 10);  // most keys of most records were found where the memo said
}

// Records of one layout with values of every sort: a record read by replaying
// the layout the memo learnt is the record the scanner reads alone, and one
// the scanner refuses is refused. Values that change what the scanner does
// (an escape, a null for a string, a count written otherwise) are in the mix.
TEST(BulkJsonlScan, TheLayoutReplayChangesNoResult) {
  // Mostly the first value, which keeps the layout; the others one time in sixteen.
  const auto pick = [](std::mt19937& random, std::initializer_list<std::string_view> values) {
    return std::string(std::data(values)[random() % 16 != 0 ? 0 : random() % values.size()]);
  };
  std::mt19937 random(73458);
  bulk::ScanMemo memo;
  int taken = 0;
  constexpr int kRecords = 20000;
  for (int i = 0; i < kRecords && !::testing::Test::HasFailure(); ++i) {
    const std::string name = pick(random, {R"("Chip 7")", R"("")", R"("Puce é")", R"("a\tb")", R"("q\"d")", "null",
                                           "\"x\x01\"", "\"bad \xff\"", "7"});
    const std::string kind = pick(random, {R"("accelerator")", R"("system")", R"("toaster")", "null"});
    const std::string rate = pick(random, {R"("500 TFLOPS")", R"("1.5e2 TFLOPS")", "null", R"("x")", R"("5 GB")"});
    const std::string area = pick(random, {R"("600 mm2")", R"("0 mm2")", R"("600")", "null", "600"});
    const std::string count =
        pick(random, {"2", "1", "10", "0", "02", R"("3")", "null", "-1", "1e3", "99999999999999999999"});
    const std::string described = pick(random, {R"("5A992.c")", R"("4A003")", "null", R"("")"});
    const std::string notes = pick(random, {R"("n")", R"("other notes")", R"("\u00e9")", "5", R"({"a": "b"})", "null"});
    const std::string after = pick(random, {"", " ", "x", "}", R"(, "name": "A")"});
    taken +=
        ScannedAlike(fmt::format(R"({{"name": {}, "kind": {}, "throughput": {{"fp16": {}, "fp8": "1000 TFLOPS"}}, )"
                                 R"("dies": [{{"name": "D", "area": {}, "count": {}}}], "described_in": [{}], )"
                                 R"("notes": {}}}{})",
                                 name, kind, rate, area, count, described, notes, after),
                     memo)
            ? 1
            : 0;
  }
  EXPECT_GT(taken, kRecords / 2);
  EXPECT_GT(memo.replayed, static_cast<uint64_t>(taken) / 4);  // the layout was replayed, not only learnt
}

// A string the scanner checks and drops (notes, an x- extension) is a value
// of the layout, not part of it: records whose notes differ are replayed.
TEST(BulkJsonlScan, RecordsWhoseNotesDifferAreReplayed) {
  bulk::ScanMemo memo;
  constexpr int kRecords = 100;
  for (int i = 0; i < kRecords; ++i) {
    ASSERT_TRUE(ScannedAlike(WithNotes(fmt::format(R"("note {}")", i)), memo));
  }
  EXPECT_EQ(memo.replayed, static_cast<uint64_t>(kRecords - 1));  // all but the first, which it learnt from
}

// A catalog whose records have one of two layouts (a die listed or not, at
// random) is replayed against both: only the first record of each is scanned.
TEST(BulkJsonlScan, RecordsOfTwoLayoutsAreReplayed) {
  bulk::ScanMemo memo;
  std::mt19937 random(90);
  constexpr int kRecords = 200;
  for (int i = 0; i < kRecords; ++i) {
    const bool dies = i < 2 ? i == 0 : random() % 2 == 0;
    ASSERT_TRUE(ScannedAlike(fmt::format(R"({{"name": "Chip {}", "throughput": {{"fp8": "{} TFLOPS"}}{}}})", i, 100 + i,
                                         dies ? fmt::format(R"(, "dies": [{{"area": "{} mm2"}}])", 300 + i) : ""),
                             memo));
  }
  EXPECT_EQ(memo.replayed, static_cast<uint64_t>(kRecords - 2));
}

// The memo holds positions, not meanings: after records read with one format
// table, a record read with another (the same formats in reverse order) has
// each rate under its own format, as with a fresh memo.
TEST(BulkJsonlScan, TheKeyMemoIsOnlyAHintAcrossFormatTables) {
  FormatTable reversed = testing_support::Formats();
  std::reverse(reversed.formats.begin(), reversed.formats.end());
  bulk::ScanMemo memo;
  std::string storage;
  ASSERT_TRUE(Scan(kRecord, storage, ' ', &memo));
  const uint64_t hits_before = memo.hits;
  std::string after_storage;
  std::string alone_storage;
  const std::optional<bulk::FastChip> after = Scan(kRecord, after_storage, ' ', &memo, &reversed);
  const std::optional<bulk::FastChip> alone = Scan(kRecord, alone_storage, ' ', nullptr, &reversed);
  ASSERT_TRUE(after && alone);
  EXPECT_TRUE(SameChip(*after, *alone));
  EXPECT_GT(memo.hits, hits_before);  // the memo was used for the other keys
}

// The law the fast path rests on: a record the scanner takes, the exact reader
// takes too, as the same chip. Checked on random mutations of a valid record.
TEST(BulkJsonlScan, TakesNothingTheExactReaderRefuses) {
  std::mt19937 random(20261206);
  int taken = 0;
  for (int i = 0; i < 20000; ++i) {
    const std::string line = Mutated(random);
    std::string storage;
    const std::optional<bulk::FastChip> chip = Scan(line, storage);
    if (!chip) continue;
    ++taken;
    const testing_support::Decoded exact = testing_support::DecodeJsonl(line);
    ASSERT_TRUE(exact.spec) << line << "\n" << ::testing::PrintToString(testing_support::Errors(exact.diagnostics));
    EXPECT_EQ(chip->name, exact.spec->name) << line;
  }
  EXPECT_GT(taken, 1000);  // the mutations leave many records valid, so the law was tested
}

}  // namespace
}  // namespace eccn
