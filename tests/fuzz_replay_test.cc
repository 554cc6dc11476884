// Replays every fuzz seed and every saved fuzz crasher through the same entry
// points the libFuzzer targets use, with the normal compiler, so a fixed
// crash stays fixed. A broken invariant aborts the process: the test fails.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <vector>

#include "fuzz_targets.h"

namespace eccn::fuzz {
namespace {

namespace fs = std::filesystem;
using Target = std::function<int(const uint8_t*, size_t)>;

const std::map<std::string, Target>& Targets() {
  static const std::map<std::string, Target> targets{
      {"spec", FuzzSpec},         {"rules", FuzzRules},        {"expression", FuzzExpression},
      {"quantity", FuzzQuantity}, {"date", FuzzDate},          {"jsonl", FuzzJsonl},
      {"csv", FuzzCsv},           {"rulecache", FuzzRuleCache}};
  return targets;
}

// Inputs for a target: its seeds, its saved crashers, and the data files
// fuzz/run.sh starts its corpus from (for rules, every rules and test data
// YAML file but the format tables, whatever their kind).
std::vector<fs::path> Inputs(const std::string& target) {
  const fs::path root = ECCN_SOURCE_DIR;
  std::vector<fs::path> files;
  const auto add = [&files](const fs::path& dir) {
    if (!fs::is_directory(dir)) return;
    for (const auto& entry : fs::directory_iterator(dir)) {
      if (entry.is_regular_file() && entry.path().extension() != ".md") files.push_back(entry.path());
    }
  };
  add(root / "fuzz" / "seeds" / target);
  add(root / "tests" / "fuzz_regressions" / target);
  if (target == "spec") {
    add(root / "catalog");
    add(root / "tests" / "data" / "specs");
  }
  if (target == "rules") {
    for (const fs::path& dir : {root / "rules", root / "tests" / "data"}) {
      for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        const fs::path& path = entry.path();
        if (entry.is_regular_file() && path.extension() == ".yaml" && path.filename() != "formats.yaml") {
          files.push_back(path);
        }
      }
    }
  }
  return files;
}

class FuzzReplay : public ::testing::TestWithParam<std::string> {};

TEST_P(FuzzReplay, EveryInputKeepsTheInvariants) {
  const std::vector<fs::path> files = Inputs(GetParam());
  ASSERT_FALSE(files.empty()) << "no seeds for " << GetParam();
  for (const fs::path& file : files) {
    std::ifstream in(file, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    SCOPED_TRACE(file.string());
    EXPECT_EQ(Targets().at(GetParam())(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()), 0);
  }
}

INSTANTIATE_TEST_SUITE_P(Targets, FuzzReplay,
                         ::testing::Values("spec", "rules", "expression", "quantity", "date", "jsonl", "csv",
                                           "rulecache"));

}  // namespace
}  // namespace eccn::fuzz
