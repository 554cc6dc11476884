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

// Inputs for a target: its seeds, its saved crashers, and the shipped data it parses.
std::vector<fs::path> Inputs(const std::string& target) {
  const fs::path root = ECCN_SOURCE_DIR;
  std::vector<fs::path> dirs{root / "fuzz" / "seeds" / target, root / "tests" / "fuzz_regressions" / target};
  if (target == "spec") dirs.push_back(root / "catalog");
  if (target == "rules") dirs.push_back(root / "rules" / "us");
  std::vector<fs::path> files;
  for (const fs::path& dir : dirs) {
    if (!fs::is_directory(dir)) continue;
    for (const auto& entry : fs::directory_iterator(dir)) {
      if (entry.is_regular_file() && entry.path().extension() != ".md") files.push_back(entry.path());
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
