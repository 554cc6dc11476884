// The rule cache: a cached rule set answers exactly as the parsed one, is
// found by key, and a damaged or stale entry is never used.
#include <sys/stat.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <eccn/eccn.h>

#include "cli/render_json.h"
#include "cli/report.h"
#include "rule_cache/content_hash.h"
#include "rule_cache/rule_cache.h"
#include "test_rules.h"

namespace eccn {
namespace {

namespace fs = std::filesystem;
using rule_cache::Codec;

// A fresh directory per test, removed after.
class RuleCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("eccn-rule-cache-test-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path dir_;
};

std::vector<ChipSpec> CatalogChips(const RuleSet& rules) {
  std::vector<ChipSpec> chips;
  for (const auto& file : fs::directory_iterator(ECCN_SOURCE_DIR "/catalog")) {
    if (file.path().extension() != ".yaml") continue;
    Loaded<ChipSpec> spec = LoadChipSpec(file.path(), rules.formats());
    if (spec.ok()) chips.push_back(std::move(*spec.value));
  }
  return chips;
}

// Everything a classification shows, for every chip, on every date a pack
// starts or stops applying, under both postures.
std::string Answers(const RuleSet& rules, const std::vector<ChipSpec>& chips) {
  std::string out;
  for (const Posture posture : {Posture::kEnforced, Posture::kCfrText}) {
    for (const Date& date : rules.ChangeDates(posture, "")) {
      for (const ChipSpec& chip : chips) out += cli::ChipJson(rules.Classify(chip, Context(date, posture))).dump();
    }
  }
  return out;
}

TEST_F(RuleCacheTest, DecodedRulesAnswerAsTheParsedOnes) {
  const RuleSet& parsed = testing_support::ShippedRules();
  const std::string bytes = Codec::Encode(parsed);
  const std::optional<RuleSet> decoded = Codec::Decode(bytes);
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(Codec::Encode(*decoded), bytes);
  const std::vector<ChipSpec> chips = CatalogChips(parsed);
  ASSERT_GE(chips.size(), 10U);
  EXPECT_EQ(Answers(*decoded, chips), Answers(parsed, chips));
  EXPECT_EQ(decoded->ContentDigest(), parsed.ContentDigest());
  // What `rules list --format json` shows of every pack: citations, dates,
  // interpretations, metrics, entries with their text and positions.
  const cli::RulesQuery all{Context(*Date::Parse("2026-11-28")), "", false};
  EXPECT_EQ(cli::RulesJson(*decoded, all).dump(), cli::RulesJson(parsed, all).dump());
}

TEST_F(RuleCacheTest, DamagedBytesAreRefusedNotTrusted) {
  const std::string bytes = Codec::Encode(testing_support::ShippedRules());
  for (const size_t cut : {size_t{0}, size_t{1}, bytes.size() / 2, bytes.size() - 1}) {
    EXPECT_FALSE(Codec::Decode(std::string_view(bytes).substr(0, cut)).has_value()) << cut;
  }
  EXPECT_FALSE(Codec::Decode(bytes + "x").has_value());
  std::string huge_count = bytes;
  huge_count[0] = '\xff';  // the number of formats
  huge_count[3] = '\x7f';
  EXPECT_FALSE(Codec::Decode(huge_count).has_value());
}

TEST_F(RuleCacheTest, LoadingStoresOnceThenReadsTheEntryByKey) {
  const RuleLoadOptions options{dir_};
  Loaded<RuleSet> first = LoadRules(ECCN_SOURCE_DIR "/rules", options);
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(first.diagnostics.empty());
  std::vector<fs::path> entries;
  for (const auto& file : fs::directory_iterator(dir_)) entries.push_back(file.path());
  ASSERT_EQ(entries.size(), 1U);
  // Replace the entry's rule set with another one under the same key and
  // header: the next load must answer from the entry, not from the files.
  const std::string key = entries[0].stem().string().substr(std::string("rules-").size());
  const RuleSet& other = testing_support::ThreeA090Rules();
  rule_cache::Store(dir_, key, other, ECCN_SOURCE_DIR "/rules");
  Loaded<RuleSet> second = LoadRules(ECCN_SOURCE_DIR "/rules", options);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second.value->packs().size(), other.packs().size());
  EXPECT_NE(second.value->packs().size(), first.value->packs().size());
}

TEST_F(RuleCacheTest, ReadOnlyDirectoriesAreReadNeverWritten) {
  // An entry made beforehand (as `cmake --install` does for the shipped rules).
  const fs::path shipped = dir_ / "shipped";
  ASSERT_TRUE(LoadRules(ECCN_SOURCE_DIR "/rules", RuleLoadOptions{shipped}).ok());
  std::vector<fs::path> entries;
  for (const auto& file : fs::directory_iterator(shipped)) entries.push_back(file.path());
  ASSERT_EQ(entries.size(), 1U);
  // Its rule set replaced by another under the same key, to see where an answer comes from.
  const std::string key = entries[0].stem().string().substr(std::string("rules-").size());
  rule_cache::Store(shipped, key, testing_support::ThreeA090Rules(), ECCN_SOURCE_DIR "/rules");
  RuleLoadOptions options;
  options.read_only_cache_dirs = {dir_ / "empty", shipped};
  Loaded<RuleSet> loaded = LoadRules(ECCN_SOURCE_DIR "/rules", options);
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(loaded.value->packs().size(), testing_support::ThreeA090Rules().packs().size());
  // A miss in read-only directories writes nothing anywhere.
  options.read_only_cache_dirs = {dir_ / "empty"};
  ASSERT_TRUE(LoadRules(ECCN_SOURCE_DIR "/rules/us/ear-3a090-2022.yaml", options).ok());
  EXPECT_FALSE(fs::exists(dir_ / "empty"));
}

// As `cmake --install` with DESTDIR: the entry is made for the rules where
// they are staged, and read where they end up.
TEST_F(RuleCacheTest, AnEntryFollowsItsRulesDirectoryWhenItMoves) {
  const fs::path staged = dir_ / "stage" / "share" / "eccn" / "rules";
  const fs::path installed = dir_ / "prefix" / "share" / "eccn" / "rules";
  for (const fs::path& to : {staged, installed}) {
    fs::create_directories(to.parent_path());
    fs::copy(ECCN_SOURCE_DIR "/rules", to, fs::copy_options::recursive);
  }
  const fs::path cache = dir_ / "rule-cache";
  ASSERT_TRUE(LoadRules(staged, RuleLoadOptions{cache}).ok());
  RuleLoadOptions read_only;
  read_only.read_only_cache_dirs = {cache};
  fs::remove_all(staged);  // nothing may still point there
  Loaded<RuleSet> loaded = LoadRules(installed, read_only);
  ASSERT_TRUE(loaded.ok());
  // Answered from the entry (ParseRules would have given the same rules), with the paths of where the rules are now.
  Loaded<RuleSet> parsed = LoadRules(installed);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(Codec::Encode(*loaded.value), Codec::Encode(*parsed.value));
  for (const PackInfo& pack : loaded.value->packs())
    EXPECT_TRUE(pack.file.starts_with(installed.string())) << pack.file;
  // And it was the entry that answered: an entry replaced under the same key is what comes back.
  std::vector<fs::path> entries;
  for (const auto& file : fs::directory_iterator(cache)) entries.push_back(file.path());
  ASSERT_EQ(entries.size(), 1U);
  const std::string key = entries[0].stem().string().substr(std::string("rules-").size());
  rule_cache::Store(cache, key, testing_support::ThreeA090Rules(), ECCN_SOURCE_DIR "/rules");
  EXPECT_EQ(LoadRules(installed, read_only).value->packs().size(), testing_support::ThreeA090Rules().packs().size());
}

TEST_F(RuleCacheTest, AChangedFileMissesAndADamagedEntryIsIgnored) {
  const fs::path rules = dir_ / "rules";
  fs::create_directories(rules);
  fs::copy(ECCN_SOURCE_DIR "/rules/formats.yaml", rules / "formats.yaml");
  fs::copy(ECCN_SOURCE_DIR "/rules/us/ear-3a090-2023.yaml", rules / "pack.yaml");
  const RuleLoadOptions options{dir_ / "cache"};
  ASSERT_TRUE(LoadRules(rules, options).ok());
  // One more line in a file: a new key, so the old entry is not used.
  std::ofstream(rules / "pack.yaml", std::ios::app) << "# edited\n";
  ASSERT_TRUE(LoadRules(rules, options).ok());
  size_t entries = 0;
  for (const auto& file : fs::directory_iterator(dir_ / "cache")) {
    ++entries;
    // Damage every entry: the next load parses the files again and answers the same.
    std::fstream(file.path(), std::ios::in | std::ios::out | std::ios::binary).seekp(-1, std::ios::end).put('\x01');
  }
  EXPECT_EQ(entries, 2U);
  Loaded<RuleSet> again = LoadRules(rules, options);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(Codec::Encode(*again.value), Codec::Encode(*LoadRules(rules).value));
}

TEST_F(RuleCacheTest, EntriesOthersCanWriteAreNotRead) {
  const RuleSet& rules = testing_support::ThreeA090Rules();
  const std::string key(32, 'a');
  rule_cache::Store(dir_, key, rules);
  ASSERT_TRUE(rule_cache::Load(dir_, key).has_value());
  const fs::path entry = dir_ / ("rules-" + key + ".bin");
  fs::permissions(entry, fs::perms::group_write, fs::perm_options::add);
  EXPECT_FALSE(rule_cache::Load(dir_, key).has_value());  // anyone in the group could have planted it
  fs::permissions(entry, fs::perms::group_write, fs::perm_options::remove);
  fs::permissions(dir_, fs::perms::others_write, fs::perm_options::add);
  EXPECT_FALSE(rule_cache::Load(dir_, key).has_value());  // or replaced it, in a directory others can write
  fs::permissions(dir_, fs::perms::others_write, fs::perm_options::remove);
  EXPECT_TRUE(rule_cache::Load(dir_, key).has_value());
}

TEST_F(RuleCacheTest, EntriesAreStoredWritableByTheirOwnerOnlyWhateverTheUmask) {
  const mode_t previous = ::umask(0);
  rule_cache::Store(dir_, std::string(32, 'b'), testing_support::ThreeA090Rules());
  ::umask(previous);
  EXPECT_TRUE(rule_cache::Load(dir_, std::string(32, 'b')).has_value());
}

TEST_F(RuleCacheTest, RulesWithErrorsAreNotStored) {
  Loaded<RuleSet> bad = LoadRules(ECCN_SOURCE_DIR "/tests/data/bad-rules", RuleLoadOptions{dir_});
  EXPECT_FALSE(bad.ok());
  EXPECT_FALSE(bad.diagnostics.empty());
  EXPECT_FALSE(fs::exists(dir_));
}

TEST_F(RuleCacheTest, TheDirectoryKeepsTheNewestEntries) {
  const RuleSet& rules = testing_support::ThreeA090Rules();
  for (size_t i = 0; i < rule_cache::kMaxEntries + 4; ++i) {
    rule_cache::Store(dir_, std::string(32 - std::to_string(i).size(), '0') + std::to_string(i), rules);
  }
  size_t entries = 0;
  for (const auto& file : fs::directory_iterator(dir_)) entries += file.path().extension() == ".bin" ? 1 : 0;
  EXPECT_EQ(entries, rule_cache::kMaxEntries);
}

TEST(ContentHash, DependsOnEveryByteAndOnHowTheyAreSplit) {
  const auto hash = [](std::initializer_list<std::string_view> parts) {
    rule_cache::ContentHash h;
    for (std::string_view part : parts) h.Add(part);
    return h.Hex();
  };
  EXPECT_EQ(hash({"formats", "pack"}), hash({"formats", "pack"}));
  EXPECT_NE(hash({"ab", "c"}), hash({"a", "bc"}));
  EXPECT_NE(hash({"abcdefgh1"}), hash({"abcdefgh2"}));  // the tail after whole words
  EXPECT_NE(hash({"1bcdefgh"}), hash({"2bcdefgh"}));    // the first word
  EXPECT_NE(hash({""}), hash({std::string_view("\0", 1)}));
  EXPECT_EQ(hash({"x"}).size(), 32U);
}

}  // namespace
}  // namespace eccn
