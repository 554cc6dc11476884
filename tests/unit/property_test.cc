// Laws that must hold for any chip, checked on seeded random chips (the seed
// is fixed, so a failure reproduces): more capability never lowers the control
// level, and removing data never yields "not controlled" where the full spec
// was controlled or indeterminate. Also: text and JSON outputs agree.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

#include "cli/cli.h"
#include "test_rules.h"

namespace eccn {
namespace {

// Control level: not controlled < indeterminate < controlled.
int Level(Verdict v) { return v == Verdict::kControlled ? 2 : (v == Verdict::kIndeterminate ? 1 : 0); }

// A random chip described field by field, so fields can be scaled or dropped.
struct RandomChip {
  std::string market;
  std::vector<std::pair<std::string, int>> rates;               // format, TFLOPS
  std::vector<std::tuple<int, std::string, std::string>> dies;  // area mm2, role, transistors
  int memory_bandwidth = 0;                                     // GB/s
  int interconnect = 0;                                         // GB/s

  std::string Yaml() const {
    std::string out = "name: R\nmarketed_for: " + market + "\nthroughput:\n";
    for (const auto& [format, rate] : rates) out += fmt::format("  {}: {} TFLOPS\n", format, rate);
    out += "dies:\n";
    for (const auto& [area, role, transistors] : dies) {
      out += fmt::format("  - {{area: {} mm2, role: {}, transistors: {}}}\n", area, role, transistors);
    }
    out += fmt::format("memory: {{bandwidth: {} GB/s}}\ninterconnect: {{bidirectional: {} GB/s}}\n", memory_bandwidth,
                       interconnect);
    return out;
  }
};

RandomChip MakeChip(std::mt19937& random) {
  const std::vector<std::string> markets{"datacenter", "consumer", "workstation", "unknown"};
  const std::vector<std::string> formats{"fp64", "fp32", "tf32", "bf16", "fp16", "fp8", "fp4", "int8", "int4"};
  const std::vector<std::string> roles{"logic", "memory", "io", "unknown"};
  const std::vector<std::string> transistors{"planar", "finfet", "gaa", "unknown"};
  auto pick = [&random](const std::vector<std::string>& from) {
    return from[std::uniform_int_distribution<size_t>(0, from.size() - 1)(random)];
  };
  std::uniform_int_distribution<int> rate(1, 2500), area(20, 900), count(1, 3), bandwidth(100, 9000);
  RandomChip chip;
  chip.market = pick(markets);
  for (const std::string& format : formats) {
    if (random() % 2 == 0) chip.rates.emplace_back(format, rate(random));
  }
  for (int i = count(random); i > 0; --i) chip.dies.emplace_back(area(random), pick(roles), pick(transistors));
  chip.memory_bandwidth = bandwidth(random);
  chip.interconnect = bandwidth(random);
  return chip;
}

Verdict Classify(const std::string& yaml) {
  Loaded<ChipSpec> spec = ParseChipSpec(yaml, "random.yaml", testing_support::Formats());
  EXPECT_TRUE(spec.ok()) << yaml << (spec.diagnostics.empty() ? "" : spec.diagnostics[0].ToString());
  if (!spec.ok()) return Verdict::kIndeterminate;
  return testing_support::ShippedRules().Classify(*spec.value, Date{2026, 11, 28}).Overall();
}

constexpr int kChips = 150;

TEST(Property, ScalingUpAnyRateOrBandwidthNeverLowersTheLevel) {
  std::mt19937 random(1128);
  for (int i = 0; i < kChips; ++i) {
    const RandomChip chip = MakeChip(random);
    const int base = Level(Classify(chip.Yaml()));
    for (size_t r = 0; r < chip.rates.size(); ++r) {
      RandomChip faster = chip;
      faster.rates[r].second *= 3;
      EXPECT_GE(Level(Classify(faster.Yaml())), base) << chip.Yaml() << "scaled " << chip.rates[r].first;
    }
    RandomChip wider = chip;
    wider.memory_bandwidth *= 3;
    wider.interconnect *= 3;
    EXPECT_GE(Level(Classify(wider.Yaml())), base) << chip.Yaml();
  }
}

TEST(Property, ShrinkingAnyDieNeverLowersTheLevel) {
  std::mt19937 random(2811);
  for (int i = 0; i < kChips; ++i) {
    const RandomChip chip = MakeChip(random);
    const int base = Level(Classify(chip.Yaml()));
    for (size_t d = 0; d < chip.dies.size(); ++d) {
      RandomChip smaller = chip;
      std::get<0>(smaller.dies[d]) = std::max(1, std::get<0>(smaller.dies[d]) / 3);
      EXPECT_GE(Level(Classify(smaller.Yaml())), base) << chip.Yaml() << "shrunk die " << d;
    }
  }
}

// Every way of removing one piece of data from a spec.
std::vector<std::string> WithOneFieldRemoved(const RandomChip& chip) {
  std::vector<std::string> out;
  const std::string full = chip.Yaml();
  auto drop_section = [&full](const std::string& key, const std::string& next) {
    const size_t begin = full.find(key);
    const size_t end = full.find(next, begin);
    return full.substr(0, begin) + full.substr(end);
  };
  out.push_back(drop_section("marketed_for:", "throughput:"));
  out.push_back(drop_section("throughput:", "dies:"));
  out.push_back(drop_section("dies:", "memory:"));
  for (size_t r = 0; r < chip.rates.size(); ++r) {
    RandomChip unknown_rate = chip;
    std::string yaml = unknown_rate.Yaml();
    const std::string line = fmt::format("  {}: {} TFLOPS\n", chip.rates[r].first, chip.rates[r].second);
    yaml.replace(yaml.find(line), line.size(), fmt::format("  {}: unknown\n", chip.rates[r].first));
    out.push_back(yaml);
  }
  for (size_t d = 0; d < chip.dies.size(); ++d) {
    for (const char* field : {"area", "role", "transistors"}) {
      std::string yaml = full;
      const size_t die = [&] {
        size_t at = yaml.find("  - {");
        for (size_t k = 0; k < d; ++k) at = yaml.find("  - {", at + 1);
        return at;
      }();
      const size_t key = yaml.find(std::string(field) + ": ", die);
      const size_t value_end = yaml.find_first_of(",}", key);
      yaml.replace(key, value_end - key, std::string(field) + ": unknown");
      out.push_back(yaml);
    }
  }
  return out;
}

TEST(Property, RemovingDataNeverYieldsNotControlled) {
  std::mt19937 random(20231117);
  for (int i = 0; i < kChips; ++i) {
    const RandomChip chip = MakeChip(random);
    if (Classify(chip.Yaml()) == Verdict::kNotControlled) continue;
    for (const std::string& reduced : WithOneFieldRemoved(chip)) {
      EXPECT_NE(Classify(reduced), Verdict::kNotControlled) << "full:\n" << chip.Yaml() << "reduced:\n" << reduced;
    }
  }
}

// Detail::kVerdicts is the full classification without its clause traces:
// the same verdicts, metrics, missing data, dependencies, notes and notices,
// on chips with missing data, ranges and alternatives.
TEST(Property, AClassificationWithoutTracesSaysTheRestAlike) {
  std::mt19937 random(4090);
  std::vector<std::string> specs;
  for (int i = 0; i < kChips / 5; ++i) {
    const RandomChip chip = MakeChip(random);
    specs.push_back(chip.Yaml());
    for (const std::string& reduced : WithOneFieldRemoved(chip)) specs.push_back(reduced);
  }
  // Ranges and alternatives across thresholds, and a chip that gives nothing.
  specs.push_back("name: R\nmarketed_for: datacenter\nthroughput:\n  fp8: 500..700 TFLOPS\n");
  specs.push_back(
      "name: R\nthroughput:\n  fp8:\n    values: [190 TFLOPS, 700 TFLOPS]\ndies:\n  - {area: 300..900 mm2, role: "
      "logic, transistors: finfet}\n");
  specs.push_back("name: R\n");
  const Date on{2026, 11, 28};
  for (const std::string& yaml : specs) {
    Loaded<ChipSpec> spec = ParseChipSpec(yaml, "random.yaml", testing_support::Formats());
    ASSERT_TRUE(spec.ok()) << yaml;
    const Classification full = testing_support::ShippedRules().Classify(*spec.value, Context{on});
    const Classification brief = testing_support::ShippedRules().Classify(*spec.value, Context{on}, Detail::kVerdicts);
    ASSERT_EQ(brief.results.size(), full.results.size());
    for (size_t r = 0; r < full.results.size(); ++r) {
      const EntryResult& a = full.results[r];
      const EntryResult& b = brief.results[r];
      EXPECT_FALSE(a.clauses.empty());
      EXPECT_TRUE(b.clauses.empty());
      EXPECT_EQ(std::tie(a.pack, a.entry, a.licensing, a.effect, a.title, a.citation, a.reasons_for_control, a.verdict,
                         a.missing, a.depends_on, a.notes),
                std::tie(b.pack, b.entry, b.licensing, b.effect, b.title, b.citation, b.reasons_for_control, b.verdict,
                         b.missing, b.depends_on, b.notes))
          << yaml << a.entry;
    }
    ASSERT_EQ(brief.metrics.size(), full.metrics.size());
    for (size_t m = 0; m < full.metrics.size(); ++m) {
      EXPECT_EQ(brief.metrics[m].value, full.metrics[m].value) << yaml;
      EXPECT_EQ(brief.metrics[m].missing, full.metrics[m].missing) << yaml;
    }
    EXPECT_EQ(brief.notices.size(), full.notices.size());
  }
}

TEST(Property, TextAndJsonOutputsAgree) {
  auto run = [](std::vector<const char*> argv) {
    std::ostringstream out, err;
    const int code = cli::Run(static_cast<int>(argv.size()), argv.data(), out, err);
    return std::make_pair(code, out.str());
  };
  const auto text = run({"eccn", "classify", "catalog", "--rules", "rules", "--as-of", "2026-11-28"});
  const auto json =
      run({"eccn", "classify", "catalog", "--rules", "rules", "--as-of", "2026-11-28", "--format", "json"});
  EXPECT_EQ(text.first, json.first);
  const nlohmann::json document = nlohmann::json::parse(json.second);
  ASSERT_EQ(document["chips"].size(), 13u);
  for (const auto& chip : document["chips"]) {
    std::string verdict = chip["verdict"];
    std::replace(verdict.begin(), verdict.end(), '_', ' ');
    // The entries column starts with the first controlling entry, or the first open one, or '-'.
    const nlohmann::json& listed = chip["controls"].empty() ? chip["indeterminate"] : chip["controls"];
    const std::string controls = listed.empty() ? "-" : std::string(listed[0]);
    // The chip's row in the table holds its name, verdict and controlling entry.
    std::istringstream rows(text.second);
    std::string row;
    bool found = false;
    while (std::getline(rows, row)) {
      if (!row.starts_with(std::string(chip["name"]) + "  ")) continue;
      found = true;
      EXPECT_THAT(row, ::testing::HasSubstr("  " + verdict + "  ")) << row;
      EXPECT_THAT(row, ::testing::HasSubstr("  " + controls)) << row;
    }
    EXPECT_TRUE(found) << chip["name"];
  }
}

}  // namespace
}  // namespace eccn
