// The fast double-precision path gives the exact path's verdicts, and hands
// every record within rounding of a threshold to the exact path.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <charconv>
#include <cmath>
#include <random>

#include <fmt/format.h>

#include "bulk/fast_evaluator.h"
#include "bulk_test_support.h"

namespace eccn {
namespace {

const Context kContext(*Date::Parse("2026-11-28"));

// `kind` "" leaves the key out.
std::string Record(std::string_view market, std::string_view fp8, std::string_view area, std::string_view kind = "") {
  return fmt::format(
      R"({{"name": "X", {}"marketed_for": "{}", "throughput": {{"fp8": "{}"}}{}}})",
      kind.empty() ? "" : fmt::format(R"("kind": "{}", )", kind), market, fp8,
      area.empty() ? ""
                   : fmt::format(R"(, "dies": [{{"area": "{}", "transistors": "finfet", "role": "logic"}}])", area));
}

// The exact verdicts, and the fast ones when the fast path answers.
struct Both {
  std::vector<Verdict> exact;
  std::optional<bulk::FastOutcome> fast;
};

Both Classify(const std::string& record) {
  Both out;
  const testing_support::Decoded decoded = testing_support::DecodeJsonl(record);
  EXPECT_TRUE(decoded.spec) << record;
  if (decoded.spec) out.exact = testing_support::ExactVerdicts(*decoded.spec, kContext);
  out.fast = testing_support::FastJsonl(record, kContext);
  return out;
}

TEST(BulkFastPath, DefersAtThresholds) {
  // TPP exactly 4800 (600 x 8), PD exactly 5.92 (2960 / 500) and 3.2 (1600 / 500), TPP exactly 1600.
  for (const auto& [fp8, area] : std::vector<std::pair<std::string, std::string>>{{"600 TFLOPS", "900 mm2"},
                                                                                  {"370 TFLOPS", "500 mm2"},
                                                                                  {"200 TFLOPS", "500 mm2"},
                                                                                  {"200 TFLOPS", ""},
                                                                                  {"0.6 PFLOPS", "900 mm2"},
                                                                                  {"600000 GFLOPS", ""}}) {
    const std::string record = Record("datacenter", fp8, area);
    const Both both = Classify(record);
    EXPECT_FALSE(both.fast) << "the fast path decided a record exactly at a threshold: " << record;
  }
}

TEST(BulkFastPath, NextToThresholdsItAgreesOrDefers) {
  // One unit in the last of 15 digits either side of TPP 4800 and PD 5.92.
  for (const char* fp8 : {"599.999999999999 TFLOPS", "600.000000000001 TFLOPS", "369.999999999999 TFLOPS",
                          "370.000000000001 TFLOPS", "599.99 TFLOPS", "600.01 TFLOPS"}) {
    for (const char* market : {"datacenter", "consumer"}) {
      const Both both = Classify(Record(market, fp8, "500 mm2"));
      if (both.fast) {
        EXPECT_EQ(both.fast->verdicts, both.exact) << fp8 << " " << market;
      }
    }
  }
  // Far from every threshold it answers.
  EXPECT_TRUE(Classify(Record("datacenter", "123.45 TFLOPS", "456.7 mm2")).fast);
}

TEST(BulkFastPath, RandomRecordsGiveTheExactVerdictsAndMetrics) {
  std::mt19937_64 random(3090);
  std::uniform_real_distribution<double> rate(1, 1200);
  std::uniform_real_distribution<double> area(50, 1000);
  const std::array<const char*, 4> markets{"datacenter", "consumer", "workstation", "unknown"};
  // Systems and HBM stacks meet other entries (4A090, the HBM rules) than parts.
  const std::array<const char*, 5> kinds{"", "accelerator", "system", "hbm-stack", "unknown"};
  int answered = 0;
  constexpr int kRecords = 1000;
  testing_support::FastJsonlPath path(kContext);  // one worker for all, as in a catalog
  for (int i = 0; i < kRecords; ++i) {
    const std::string fp8 = fmt::format("{:.{}f} TFLOPS", rate(random), static_cast<int>(random() % 6));
    const std::string die = random() % 10 == 0 ? "" : fmt::format("{:.1f} mm2", area(random));
    const std::string record = Record(markets[random() % markets.size()], fp8, die, kinds[random() % kinds.size()]);
    const std::optional<bulk::FastOutcome> fast = path.Classify(record);
    if (!fast) continue;
    ++answered;
    const testing_support::Decoded decoded = testing_support::DecodeJsonl(record);
    ASSERT_TRUE(decoded.spec) << record;
    const Classification exact = testing_support::ShippedRules().Classify(*decoded.spec, kContext);
    std::vector<Verdict> exact_verdicts;
    for (const EntryResult& r : exact.results) exact_verdicts.push_back(r.verdict);
    EXPECT_EQ(fast->verdicts, exact_verdicts) << record;
    const Both both{exact_verdicts, fast};
    for (size_t m = 0; m < exact.metrics.size(); ++m) {
      const Interval& value = exact.metrics[m].value;
      ASSERT_EQ(both.fast->metrics[m].has_value(), value.IsExact()) << record;
      if (value.IsExact()) {
        EXPECT_NEAR(both.fast->metrics[m]->value, ToDouble(value.lo), 1e-9 * ToDouble(value.lo) + 1e-12);
      }
    }
  }
  // Records near a threshold are rare: nearly all are answered fast.
  EXPECT_GT(answered, kRecords * 95 / 100);
}

// Catalogs often leave fields out: dies without a transistor architecture or
// role (which may then count towards PD or not), missing areas, rates or
// bandwidths, no described_in. The fast path must still agree, and still
// answer most records; and name, for each open entry, the fields the exact
// classifier names (what the table prints as "needs ...").
TEST(BulkFastPath, RandomRecordsWithMissingDataGiveTheExactVerdictsAndNeeds) {
  std::mt19937_64 random(1600);
  std::uniform_real_distribution<double> rate(1, 1200);
  std::uniform_real_distribution<double> area(50, 1000);
  const auto pick = [&random](std::initializer_list<const char*> options) {
    return std::data(options)[random() % options.size()];
  };
  const auto optional = [&random](std::string_view key, const std::string& value) {
    return random() % 3 == 0 ? std::string() : fmt::format(R"("{}": {}, )", key, value);
  };
  // Rates listed in either order, some null (supported, rate unknown): what
  // the table names is then "throughput.<that format>".
  const auto throughput = [&] {
    const auto rate_of = [&](double scale) {
      return random() % 4 == 0 ? std::string("null") : fmt::format(R"("{:.2f} TFLOPS")", rate(random) * scale);
    };
    const std::string fp8 = rate_of(1);
    const std::string fp16 = rate_of(0.5);
    return random() % 2 == 0 ? fmt::format(R"({{"fp8": {}, "fp16": {}}})", fp8, fp16)
                             : fmt::format(R"({{"fp16": {}, "fp8": {}}})", fp16, fp8);
  };
  int answered = 0;
  int with_needs = 0;  // records where some open entry needs a field
  constexpr int kRecords = 1000;
  testing_support::FastJsonlPath path(kContext);  // one worker for all, as in a catalog
  for (int i = 0; i < kRecords; ++i) {
    std::string dies;
    const int die_count = static_cast<int>(random() % 3);
    for (int d = 0; d < die_count; ++d) {
      std::string die = optional("area", fmt::format(R"("{:.1f} mm2")", area(random))) +
                        optional("transistors", fmt::format(R"("{}")", pick({"finfet", "planar", "gaa"}))) +
                        optional("role", fmt::format(R"("{}")", pick({"logic", "memory", "io"}))) +
                        optional("count", std::to_string(1 + random() % 2));
      if (!die.empty()) die.resize(die.size() - 2);  // the last ", "
      dies += fmt::format("{}{{{}}}", d == 0 ? "" : ", ", die);
    }
    const std::string record =
        "{" + optional("marketed_for", fmt::format(R"("{}")", pick({"datacenter", "consumer", "workstation"}))) +
        optional("kind", fmt::format(R"("{}")", pick({"accelerator", "system", "hbm-stack"}))) +
        optional("throughput", throughput()) + optional("dies", "[" + dies + "]") +
        optional("memory", fmt::format(R"({{"bandwidth": "{:.2f} TB/s"}})", rate(random) / 100)) +
        optional("interconnect", fmt::format(R"({{"bidirectional": "{:.0f} GB/s"}})", rate(random))) +
        optional("described_in", pick({"[]", R"(["5A992.c"])", R"(["3A001", "4A003"])"})) + R"("name": "X"})";
    const std::optional<bulk::FastOutcome> fast = path.Classify(record, /*find_missing=*/true);
    if (!fast) continue;
    ++answered;
    const testing_support::Decoded decoded = testing_support::DecodeJsonl(record);
    ASSERT_TRUE(decoded.spec) << record;
    const Classification exact = testing_support::ShippedRules().Classify(*decoded.spec, kContext);
    ASSERT_EQ(fast->verdicts.size(), exact.results.size());
    // What open entries need is found when an entry that controls is open (what the table shows).
    bool open_control = false;
    for (size_t r = 0; r < exact.results.size(); ++r) {
      EXPECT_EQ(fast->verdicts[r], exact.results[r].verdict) << record;
      open_control =
          open_control || (exact.results[r].effect == "control" && exact.results[r].verdict == Verdict::kIndeterminate);
    }
    if (!open_control) {
      EXPECT_FALSE(fast->missing_found) << record;
      continue;
    }
    ASSERT_TRUE(fast->missing_found) << "the fast path could not tell what is missing: " << record;
    ASSERT_EQ(fast->missing.size(), exact.results.size()) << record;
    bool needs = false;
    for (size_t r = 0; r < exact.results.size(); ++r) {
      const std::vector<std::string> fast_missing(fast->missing[r].begin(), fast->missing[r].end());
      EXPECT_EQ(fast_missing, exact.results[r].missing) << exact.results[r].entry << " of " << record;
      needs = needs || !exact.results[r].missing.empty();
    }
    with_needs += needs ? 1 : 0;
  }
  EXPECT_GT(answered, kRecords * 9 / 10);
  EXPECT_GT(with_needs, kRecords / 2);
}

// The bound MinEnd/MaxEnd give holds for exact ends anywhere within their own
// bounds (checked in long double), and an end known exactly stays exact.
TEST(BulkFastPath, MinAndMaxOfEndsBoundTheExactOnes) {
  std::mt19937_64 random(5920);
  std::uniform_real_distribution<double> value(-1000, 1000);
  std::uniform_real_distribution<double> unit(-1, 1);
  for (int n = 0; n < 20000; ++n) {
    std::vector<bulk::FastEnd> ends(1 + random() % 4);
    std::vector<long double> exact;
    for (size_t k = 0; k < ends.size(); ++k) {
      bulk::FastEnd& end = ends[k];
      end.value = random() % 4 == 0 ? 0.0 : value(random);
      // Ends within each other's bounds are where a bound can be too small.
      if (k > 0 && random() % 2 == 0) end.value = ends[k - 1].value * (1 + 1e-14 * unit(random));
      end.err = random() % 3 == 0 ? 0.0 : std::fabs(end.value) * 1e-15 * static_cast<double>(random() % 100);
      exact.push_back(static_cast<long double>(end.value) + static_cast<long double>(unit(random)) * end.err);
    }
    const bulk::FastEnd min = bulk::MinEnd(ends);
    const bulk::FastEnd max = bulk::MaxEnd(ends);
    ASSERT_LE(std::fabs(*std::min_element(exact.begin(), exact.end()) - min.value), min.err);
    ASSERT_LE(std::fabs(*std::max_element(exact.begin(), exact.end()) - max.value), max.err);
  }
  const std::array<bulk::FastEnd, 2> die_that_may_count{bulk::FastEnd{800, 1e-12}, bulk::FastEnd{0, 0}};
  EXPECT_EQ(bulk::MinEnd(die_that_may_count).err, 0);
}

TEST(BulkFastPath, DecimalsItReadsAndThoseItLeaves) {
  EXPECT_DOUBLE_EQ(bulk::ParseFastDecimal("148")->value, 148);
  EXPECT_DOUBLE_EQ(bulk::ParseFastDecimal("+4.0e3")->value, 4000);
  EXPECT_DOUBLE_EQ(bulk::ParseFastDecimal("-.5")->value, -0.5);
  for (const char* text : {"", ".", "1e", "1e1000", "0x10", "1234567890123456", "nan", "inf", "1e-40", "1..2"}) {
    EXPECT_FALSE(bulk::ParseFastDecimal(text)) << text;
  }
}

// The fast decimal reader rounds as from_chars does (to the nearest double),
// whichever way it computes: digits and exponents drawn at random.
TEST(BulkFastPath, DecimalsRoundAsFromChars) {
  std::mt19937_64 random(6);
  for (int n = 0; n < 200000; ++n) {
    std::string text = random() % 2 == 0 ? "" : "-";
    const int digits = 1 + static_cast<int>(random() % 15);
    const int point = static_cast<int>(random() % (digits + 1));
    for (int d = 0; d < digits; ++d) {
      if (d == point && d > 0) text += '.';
      text += static_cast<char>('0' + random() % 10);
    }
    if (random() % 3 == 0) text += fmt::format("e{}", static_cast<int>(random() % 50) - 25);
    const std::optional<bulk::FastDecimal> fast = bulk::ParseFastDecimal(text);
    double expected = 0;
    std::from_chars(text.data(), text.data() + text.size(), expected);
    if (fast) {
      ASSERT_EQ(fast->value, expected) << text;
    } else {
      // Left to the exact path only when out of the fast path's range.
      const double magnitude = std::fabs(expected);
      ASSERT_TRUE(magnitude != 0 && (magnitude < 1e-29 || magnitude > 1e29)) << text;
    }
  }
}

}  // namespace
}  // namespace eccn
