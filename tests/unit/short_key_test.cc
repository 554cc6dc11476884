// Short keys stand for the strings they encode: equal codes, equal strings.
#include <gtest/gtest.h>

#include <random>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "short_key.h"
#include "spec_fields.h"

namespace eccn {
namespace {

std::tuple<uint64_t, uint64_t, size_t> Tied(const ShortKey& key) { return {key.low, key.high, key.size}; }

// Every string of up to 16 bytes over a small alphabet, and random ones,
// have codes of their own: a byte left out of the code would make two of
// them share one.
TEST(ShortKey, DistinctStringsHaveDistinctCodes) {
  std::vector<std::string> strings{""};
  for (size_t begin = 0; strings.back().size() < 11;) {
    const size_t end = strings.size();
    for (size_t i = begin; i < end; ++i) {
      for (const char c : {'a', 'b'}) strings.push_back(strings[i] + c);
    }
    begin = end;
  }
  std::mt19937_64 random(3);
  for (int n = 0; n < 20000; ++n) {
    std::string text(1 + random() % kShortKeyMaxSize, ' ');
    for (char& c : text) c = static_cast<char>(random() % 256);
    strings.push_back(text);
  }
  std::set<std::string> unique(strings.begin(), strings.end());
  std::set<std::tuple<uint64_t, uint64_t, size_t>> codes;
  for (const std::string& text : unique) codes.insert(Tied(ShortKeyOf(text)));
  EXPECT_EQ(codes.size(), unique.size());
}

// The codes of known keys are computed at compile time and those of input at
// run time, differently: both must agree.
TEST(ShortKey, CompileTimeCodesAreRunTimeCodes) {
  static constexpr std::array<std::string_view, 6> kKeys{"", "io", "area", "bandwidth", "memory", "transistor_count"};
  static constexpr auto kCodes = ShortKeysOf(kKeys);
  for (size_t i = 0; i < kKeys.size(); ++i) {
    const std::string copy(kKeys[i]);
    EXPECT_EQ(Tied(ShortKeyOf(copy)), Tied(kCodes[i])) << copy;
    EXPECT_EQ(FindShortKey(kCodes, copy), i) << copy;
  }
  EXPECT_EQ(FindShortKey(kCodes, "bandwidth "), kKeys.size());
  EXPECT_EQ(FindShortKey(kCodes, "transistor_counts"), kKeys.size());
}

TEST(ShortKey, FindsSpecKeys) {
  EXPECT_EQ(KeyIndex<kSpecKeys>("throughput"), kThroughputKey);
  EXPECT_EQ(KeyIndex<kSpecKeys>("described_in"), kDescribedInKey);
  EXPECT_EQ(KeyIndex<kSpecKeys>("Throughput"), kSpecKeys.size());
  EXPECT_EQ(KeyIndex<kDieKeys>("transistor_count"), 5u);
  EXPECT_EQ(KeyIndex<kDieKeys>(std::string_view("area\0", 5)), kDieKeys.size());
}

// Longer strings share codes when their first and last 8 bytes agree: the
// bytes decide.
TEST(ShortKey, LongerTextIsComparedByItsBytes) {
  const std::string one = "format-with-a-1-long-name";
  const std::string two = "format-with-a-2-long-name";
  ASSERT_EQ(Tied(ShortKeyOf(one)), Tied(ShortKeyOf(two)));
  EXPECT_FALSE(IsSameKey(ShortKeyOf(one), one, ShortKeyOf(two), two));
  EXPECT_TRUE(IsSameKey(ShortKeyOf(one), one, ShortKeyOf(one), std::string(one)));
  EXPECT_TRUE(IsSameKey(ShortKeyOf("fp16"), "fp16", ShortKeyOf("fp16"), "fp16"));
  EXPECT_FALSE(IsSameKey(ShortKeyOf("fp16"), "fp16", ShortKeyOf("fp32"), "fp32"));
}

}  // namespace
}  // namespace eccn
