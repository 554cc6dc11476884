// Decision records: written by classify --record, re-run by verify, which
// must report a changed pack, a changed verdict and an edited record.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "cli/cli_harness.h"

namespace eccn::cli {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

class RecordTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           (std::string("eccn-record-") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    fs::copy(ECCN_SOURCE_DIR "/rules", dir_ / "rules", fs::copy_options::recursive);
    record_ = (dir_ / "record.json").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  Outcome Record() {
    return RunCli({"classify", "catalog/nvidia-h20.yaml", "catalog/nvidia-rtx-4090.yaml", "--rules", rules(), "--as-of",
                   "2026-11-01", "--record", record_});
  }
  std::string rules() const { return (dir_ / "rules").string(); }

  static std::string Read(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }
  static void Write(const fs::path& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }
  // Replaces the first `from` in the file; fails the test if it is absent.
  static void Edit(const fs::path& path, const std::string& from, const std::string& to) {
    std::string text = Read(path);
    const size_t at = text.find(from);
    ASSERT_NE(at, std::string::npos) << from << " not in " << path;
    text.replace(at, from.size(), to);
    Write(path, text);
  }

  fs::path dir_;
  std::string record_;
};

TEST_F(RecordTest, ARecordVerifiesAgainstTheSameRulesFromAnotherDirectory) {
  ASSERT_EQ(Record().code, kControlled);
  fs::copy(dir_ / "rules", dir_ / "moved", fs::copy_options::recursive);
  const Outcome o = RunCli({"verify", record_, "--rules", (dir_ / "moved").string()});
  EXPECT_EQ(o.code, 0) << o.out << o.err;
  EXPECT_THAT(o.out, HasSubstr(": reproduced"));
}

TEST_F(RecordTest, HoldsInputsDigestsContextAndVerdicts) {
  ASSERT_EQ(Record().code, kControlled);
  const std::string record = Read(record_);
  EXPECT_THAT(record, HasSubstr("\"eccn_record\": 1"));
  EXPECT_THAT(record, HasSubstr("\"as_of\": \"2026-11-01\""));
  EXPECT_THAT(record, HasSubstr("\"file\": \"us/ear-3a090-2023.yaml\""));
  EXPECT_THAT(record, HasSubstr("\"content_digest\""));
  EXPECT_THAT(record, HasSubstr("\\nname: NVIDIA H20\\n"));        // the input as read
  EXPECT_THAT(record, HasSubstr("\"fp8\": \"296000000000000\""));  // normalised: exact, base units
  EXPECT_THAT(record, HasSubstr("\"verdict\": \"controlled\""));
  EXPECT_THAT(record, Not(HasSubstr(rules())));  // portable: no absolute rules paths
}

TEST_F(RecordTest, AChangedPackThatChangesTheAnswerIsReported) {
  ASSERT_EQ(Record().code, kControlled);
  // Lower 3A090.b.1's TPP floor below the H20's 2368: it becomes 3A090.b.
  Edit(dir_ / "rules/us/ear-3a090-2023.yaml", "(tpp >= 2400 and tpp < 4800", "(tpp >= 2300 and tpp < 4800");
  const Outcome o = RunCli({"verify", record_, "--rules", rules()});
  EXPECT_EQ(o.code, 1);
  EXPECT_THAT(o.out, HasSubstr("NOT reproduced"));
  EXPECT_THAT(o.out, HasSubstr("rules file us/ear-3a090-2023.yaml: recorded"));
  const Outcome json = RunCli({"verify", record_, "--rules", rules(), "--format", "json"});
  EXPECT_THAT(json.out, HasSubstr("\"reproduced\": false"));
  // The H20 (chip 0) gains 3A090.b among its controls.
  EXPECT_THAT(json.out, HasSubstr("\"what\": \"/result/chips/0/controls/0\",\n      \"recorded\": \"3A991.p\",\n"
                                  "      \"current\": \"3A090.b\""));
}

TEST_F(RecordTest, AnEditedInputInTheRecordIsReported) {
  ASSERT_EQ(Record().code, kControlled);
  Edit(record_, "name: NVIDIA H20\\n", "name: NVIDIA H20 edited\\n");
  const Outcome o = RunCli({"verify", record_, "--rules", rules()});
  EXPECT_EQ(o.code, 1);
  EXPECT_THAT(o.out, HasSubstr("/inputs/0/sha256"));
  EXPECT_THAT(o.out, HasSubstr("/specs/0/name: recorded \"NVIDIA H20\", now \"NVIDIA H20 edited\""));
}

TEST_F(RecordTest, AMalformedRecordIsAnInputErrorWithAPosition) {
  Write(record_, "{\n  \"eccn_record\": 1,\n  oops\n}\n");
  const Outcome o = RunCli({"verify", record_, "--rules", rules()});
  EXPECT_EQ(o.code, kDataError);
  EXPECT_EQ(o.out, "");
  EXPECT_THAT(o.err, HasSubstr(record_ + ":3:3: error: not valid JSON"));
  Write(record_, "{\"eccn_record\": 1}");
  const Outcome missing = RunCli({"verify", record_, "--rules", rules()});
  EXPECT_EQ(missing.code, kDataError);
  EXPECT_THAT(missing.err, HasSubstr("missing 'eccn_version'"));
}

TEST_F(RecordTest, AnUnwritableRecordFailsBeforeAnyOutput) {
  const Outcome o = RunCli({"classify", "catalog/nvidia-h20.yaml", "--rules", rules(), "--record",
                            (dir_ / "no-such-dir" / "r.json").string()});
  EXPECT_EQ(o.code, kCantCreate);
  EXPECT_EQ(o.out, "");
  EXPECT_THAT(o.err, HasSubstr("cannot write the decision record"));
  EXPECT_FALSE(fs::exists(dir_ / "no-such-dir"));
}

}  // namespace
}  // namespace eccn::cli
