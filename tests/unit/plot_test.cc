// eccn plot: the SVG is well-formed, has a region per applying entry and a
// label per chip, puts the boundaries where the rules say, and renders.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>

#include <fmt/format.h>

#include <eccn/eccn.h>
#include <eccn/threshold_map.h>
#include "test_rules.h"

namespace eccn {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const RuleSet& Rules() { return testing_support::ThreeA090Rules(); }

std::vector<ChipSpec> Catalog() {
  std::vector<ChipSpec> specs;
  for (const char* name : {"nvidia-h20.yaml", "nvidia-h100-sxm.yaml", "amd-mi300x.yaml"}) {
    Loaded<ChipSpec> spec = LoadChipSpec(std::string(ECCN_SOURCE_DIR "/catalog/") + name, Rules().formats());
    EXPECT_TRUE(spec.ok());
    specs.push_back(*spec.value);
  }
  return specs;
}

std::string MakeSvg(Market market) {
  ThresholdMapOptions options;
  options.context = Context{*Date::Parse("2026-11-29")};
  options.market = market;
  options.samples_x = 16;  // coarse samples; bisection still finds exact edges
  options.samples_y = 12;
  std::string error;
  const std::vector<ChipSpec> chips = Catalog();
  std::optional<std::string> svg = ThresholdMapSvg(Rules(), chips, options, &error);
  EXPECT_TRUE(svg.has_value()) << error;
  return svg.value_or("");
}

const std::string& Svg() {
  static const std::string svg = MakeSvg(Market::kDatacenter);
  return svg;
}

// Every element opened is closed, in order (the SVG uses no comments or CDATA).
bool WellFormed(const std::string& xml) {
  std::vector<std::string> open;
  const std::regex tag(R"(<(/?)([A-Za-z]+)[^>]*?(/?)>)");
  for (auto it = std::sregex_iterator(xml.begin(), xml.end(), tag); it != std::sregex_iterator(); ++it) {
    const std::smatch& m = *it;
    if (m[2] == "xml") continue;
    if (m[1] == "/") {
      if (open.empty() || open.back() != m[2]) return false;
      open.pop_back();
    } else if (m[3] != "/") {
      open.push_back(m[2]);
    }
  }
  return open.empty() && xml.find("<?xml") == 0;
}

size_t Count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(PlotTest, SvgIsWellFormedWithARegionPerEntryAndEveryChip) {
  const std::string svg = Svg();
  EXPECT_TRUE(WellFormed(svg));
  EXPECT_EQ(Count(svg, "class=\"region\""), 2U);
  EXPECT_THAT(svg, HasSubstr("data-entry=\"3A090.a\""));
  EXPECT_THAT(svg, HasSubstr("data-entry=\"3A090.b\""));
  EXPECT_THAT(svg, HasSubstr(">NVIDIA H20</text>"));
  EXPECT_THAT(svg, HasSubstr(">NVIDIA H100 SXM</text>"));
  // No die areas, so no PD: listed, not dropped.
  EXPECT_THAT(svg, HasSubstr("Not plotted: AMD Instinct MI300X (PD unknown)."));
  EXPECT_THAT(svg, HasSubstr("rules as of 2026-11-29"));
}

TEST(PlotTest, ThresholdsAndConditionsComeFromTheRules) {
  const std::string svg = Svg();
  EXPECT_THAT(svg, HasSubstr(">not is_system and ic_meets_a, unless</text>"));
  for (const char* t : {">1600</text>", ">2400</text>", ">4800</text>", ">1.6</text>", ">3.2</text>", ">5.92</text>"})
    EXPECT_THAT(svg, HasSubstr(t));
}

TEST(PlotTest, RegionEdgesLieOnTheThresholds) {
  // The chart maps TPP 100..100000 to x 88..728 on a log axis: TPP 4800 is at x = 88 + 640 * log10(48) / 3.
  const std::string svg = Svg();
  const std::string x4800 = fmt::format("{:.2f}", 88 + 640 * std::log10(48.0) / 3);
  EXPECT_THAT(svg, HasSubstr("M" + x4800 + ",")) << x4800;
}

TEST(PlotTest, NonDatacenterMapHasNoRegionBelow4800) {
  // The note to 3A090: parts not for datacenters are caught only from TPP 4800.
  const std::string svg = MakeSvg(Market::kConsumer);
  EXPECT_THAT(svg, Not(HasSubstr("data-entry=\"3A090.b\""))) << "3A090.b should be empty for consumer parts";
  EXPECT_THAT(svg, HasSubstr("data-entry=\"3A090.a\""));
  EXPECT_THAT(svg, HasSubstr("No region on this plane: 3A090.b,"));
  EXPECT_THAT(svg, HasSubstr("marketed for consumer use"));
}

TEST(PlotTest, RendersWithRsvgConvert) {
  if (std::system("command -v rsvg-convert >/dev/null 2>&1") != 0) GTEST_SKIP() << "rsvg-convert not installed";
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "eccn_plot_test";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "map.svg") << Svg();
  const std::string command =
      "rsvg-convert -o '" + (dir / "map.png").string() + "' '" + (dir / "map.svg").string() + "'";
  ASSERT_EQ(std::system(command.c_str()), 0);
  std::ifstream png(dir / "map.png", std::ios::binary);
  std::string signature(8, '\0');
  png.read(signature.data(), 8);
  EXPECT_EQ(signature, "\x89PNG\r\n\x1a\n");
  EXPECT_GT(std::filesystem::file_size(dir / "map.png"), 10000U);
}

}  // namespace
}  // namespace eccn
