// ThresholdMapSvg: region map, rule text from traces, chips, laid out as one SVG.
#include <eccn/threshold_map.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <iterator>

#include <fmt/format.h>

#include "plot/label_layout.h"
#include "plot/region_geometry.h"
#include "plot/region_map.h"
#include "plot/rule_text.h"
#include "plot/svg.h"

namespace eccn::plot {
namespace {

constexpr double kWidth = 1120;
constexpr double kHeight = 800;
constexpr double kLegendX = 762;
constexpr double kLegendWidth = 340;
// Okabe-Ito colours: distinguishable with colour-blindness, printable.
constexpr std::array<std::string_view, 6> kPalette = {"#D55E00", "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9"};
constexpr std::string_view kFont = R"svg(font-family="DejaVu Sans, Helvetica, Arial, sans-serif")svg";

std::string_view Colour(size_t entry) { return kPalette[entry % kPalette.size()]; }

const MetricValue* FindMetric(const Classification& c, std::string_view id) {
  for (const MetricValue& m : c.metrics) {
    if (m.id == id) return &m;
  }
  return nullptr;
}

void Text(std::string& svg, double x, double y, std::string_view text, double size, std::string_view extra = "") {
  fmt::format_to(std::back_inserter(svg), "<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"{}\" {}>{}</text>\n", x, y, size,
                 extra, Escape(text));
}

void DrawAxes(std::string& svg, const Chart& chart) {
  svg += "<g class=\"axes\" stroke=\"#c8c8c8\" stroke-width=\"0.8\">\n";
  const auto decade = [](double lo, double hi, auto draw) {
    for (int e = static_cast<int>(std::floor(lo)); e <= static_cast<int>(std::ceil(hi)); ++e) {
      for (int m = 1; m <= 9; ++m) {
        const double v = std::log10(m * std::pow(10.0, e));
        if (v >= lo - 1e-9 && v <= hi + 1e-9) draw(v, m == 1);
      }
    }
  };
  std::string labels;
  decade(chart.plane.x_lo, chart.plane.x_hi, [&](double v, bool major) {
    const double x = chart.X(v);
    if (major)
      fmt::format_to(std::back_inserter(svg), "<line x1=\"{0:.2f}\" y1=\"{1}\" x2=\"{0:.2f}\" y2=\"{2}\"/>\n", x,
                     kFrame.y, kFrame.y + kFrame.h);
    fmt::format_to(std::back_inserter(svg),
                   "<line x1=\"{0:.2f}\" y1=\"{1}\" x2=\"{0:.2f}\" y2=\"{2}\" stroke=\"#444\"/>\n", x,
                   kFrame.y + kFrame.h, kFrame.y + kFrame.h + (major ? 7 : 4));
    if (major)
      Text(labels, x, kFrame.y + kFrame.h + 22, TickLabel(std::pow(10.0, v)), 13, R"svg(text-anchor="middle")svg");
  });
  decade(chart.plane.y_lo, chart.plane.y_hi, [&](double v, bool major) {
    const double y = chart.Y(v);
    if (major)
      fmt::format_to(std::back_inserter(svg), "<line x1=\"{1}\" y1=\"{0:.2f}\" x2=\"{2}\" y2=\"{0:.2f}\"/>\n", y,
                     kFrame.x, kFrame.x + kFrame.w);
    fmt::format_to(std::back_inserter(svg),
                   "<line x1=\"{1}\" y1=\"{0:.2f}\" x2=\"{2}\" y2=\"{0:.2f}\" stroke=\"#444\"/>\n", y,
                   kFrame.x - (major ? 7 : 4), kFrame.x);
    if (major) Text(labels, kFrame.x - 11, y + 4.5, TickLabel(std::pow(10.0, v)), 13, R"svg(text-anchor="end")svg");
  });
  svg += "</g>\n";
  svg += "<g fill=\"#333\">\n" + labels;
  Text(svg, kFrame.x + kFrame.w / 2, kFrame.y + kFrame.h + 48, "Total processing performance (TPP, log scale)", 15,
       R"svg(text-anchor="middle" font-weight="bold")svg");
  fmt::format_to(std::back_inserter(svg),
                 R"svg(<text transform="translate({:.1f},{:.1f}) rotate(-90)" font-size="15" text-anchor="middle" )svg"
                 "font-weight=\"bold\">Performance density (PD = TPP / die area in mm\u00b2, log scale)</text>\n",
                 kFrame.x - 52, kFrame.y + kFrame.h / 2);
  svg += "</g>\n";
}

void DrawThresholds(std::string& svg, const Chart& chart, const Classification& reference) {
  svg += "<g class=\"thresholds\" fill=\"#555\">\n";
  for (const Number& t : Thresholds(reference, "tpp")) {
    const double v = std::log10(ToDouble(t));
    if (v <= chart.plane.x_lo || v >= chart.plane.x_hi) continue;
    fmt::format_to(std::back_inserter(svg),
                   R"svg(<line x1="{0:.2f}" y1="{1}" x2="{0:.2f}" y2="{2}" stroke="#555" stroke-width="0.9" )svg"
                   "stroke-dasharray=\"4 3\"/>\n",
                   chart.X(v), kFrame.y - 4, kFrame.y + kFrame.h);
    Text(svg, chart.X(v), kFrame.y - 8, FormatNumber(t, 4), 12, R"svg(text-anchor="middle")svg");
  }
  for (const Number& t : Thresholds(reference, "pd")) {
    const double v = std::log10(ToDouble(t));
    if (v <= chart.plane.y_lo || v >= chart.plane.y_hi) continue;
    fmt::format_to(std::back_inserter(svg),
                   R"svg(<line x1="{1}" y1="{0:.2f}" x2="{2}" y2="{0:.2f}" stroke="#555" stroke-width="0.9" )svg"
                   "stroke-dasharray=\"4 3\"/>\n",
                   chart.Y(v), kFrame.x, kFrame.x + kFrame.w + 4);
    Text(svg, kFrame.x + kFrame.w + 7, chart.Y(v) + 4, FormatNumber(t, 4), 12);
  }
  Text(svg, kFrame.x + kFrame.w, kFrame.y - 24, "dashed: thresholds in the rules", 11,
       R"svg(text-anchor="end" font-style="italic")svg");
  svg += "</g>\n";
}

void DrawMarker(std::string& svg, double x, double y, Verdict verdict) {
  switch (verdict) {
    case Verdict::kControlled:
      fmt::format_to(
          std::back_inserter(svg),
          "<circle cx=\"{:.2f}\" cy=\"{:.2f}\" r=\"5\" fill=\"#111\" stroke=\"#fff\" stroke-width=\"1.2\"/>\n", x, y);
      return;
    case Verdict::kNotControlled:
      fmt::format_to(std::back_inserter(svg),
                     "<circle cx=\"{:.2f}\" cy=\"{:.2f}\" r=\"5\" fill=\"#fff\" stroke=\"#111\" stroke-width=\"2\"/>\n",
                     x, y);
      return;
    case Verdict::kIndeterminate:
      fmt::format_to(
          std::back_inserter(svg),
          "<path d=\"M{:.2f},{:.2f}l6,6l-6,6l-6,-6z\" fill=\"#888\" stroke=\"#111\" stroke-width=\"1.2\"/>\n", x,
          y - 6);
      return;
  }
}

void DrawChips(std::string& svg, const std::vector<PlottedChip>& chips, const std::vector<Box>& obstacles) {
  constexpr double kSize = 12.5;
  std::vector<LabelRequest> requests;
  requests.reserve(chips.size());
  for (const PlottedChip& c : chips) requests.push_back({c.x, c.y, TextWidth(c.name, kSize) + 4, kSize + 4});
  const std::vector<Placement> placed = PlaceLabels(requests, kFrame, obstacles);
  svg += "<g class=\"chips\">\n";
  for (size_t i = 0; i < chips.size(); ++i) {
    const Box& b = placed[i].box;
    if (placed[i].leader) {
      const double lx = std::clamp(chips[i].x, b.x, b.x + b.w);
      const double ly = std::clamp(chips[i].y, b.y, b.y + b.h);
      fmt::format_to(
          std::back_inserter(svg),
          "<line x1=\"{:.2f}\" y1=\"{:.2f}\" x2=\"{:.2f}\" y2=\"{:.2f}\" stroke=\"#333\" stroke-width=\"0.8\"/>\n",
          chips[i].x, chips[i].y, lx, ly);
    }
  }
  for (const PlottedChip& c : chips) DrawMarker(svg, c.x, c.y, c.verdict);
  for (size_t i = 0; i < chips.size(); ++i) {
    const Box& b = placed[i].box;
    fmt::format_to(std::back_inserter(svg),
                   R"svg(<rect x="{:.2f}" y="{:.2f}" width="{:.2f}" height="{:.2f}" rx="3" fill="#fff" )svg"
                   "fill-opacity=\"0.82\"/>\n",
                   b.x, b.y, b.w, b.h);
    Text(svg, b.x + 2, b.y + b.h - 5, chips[i].name, kSize, R"svg(class="chip-label" fill="#111")svg");
  }
  svg += "</g>\n";
}

}  // namespace
}  // namespace eccn::plot

namespace eccn {

std::optional<std::string> ThresholdMapSvg(const RuleSet& rules, std::span<const ChipSpec> chips,
                                           const ThresholdMapOptions& options, std::string* error) {
  using namespace plot;  // NOLINT(google-build-using-namespace): this function is the module's entry point
  if (!(options.tpp_min > 0 && options.tpp_min < options.tpp_max && options.pd_min > 0 &&
        options.pd_min < options.pd_max)) {
    if (error != nullptr) *error = "the plotted ranges must be positive and increasing";
    return std::nullopt;
  }
  auto map = MapRegions(rules, options, error);
  if (!map) return std::nullopt;
  auto chip = MapChip(rules, options, error);
  if (!chip) return std::nullopt;
  const Chart chart{{std::log10(options.tpp_min), std::log10(options.tpp_max), std::log10(options.pd_min),
                     std::log10(options.pd_max)}};
  SetPoint(*chip, (chart.plane.x_lo + chart.plane.x_hi) / 2, (chart.plane.y_lo + chart.plane.y_hi) / 2);
  const Classification reference = rules.Classify(chip->spec(), options.context);

  std::string svg = fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" {2}>\n"
      R"svg(<defs><pattern id="hatch" width="8" height="8" patternUnits="userSpaceOnUse" )svg"
      R"svg(patternTransform="rotate(45)">)svg"
      R"svg(<line x1="0" y1="0" x2="0" y2="8" stroke="#777" stroke-width="2"/></pattern>)svg"
      "<clipPath id=\"frame\"><rect x=\"{3}\" y=\"{4}\" width=\"{5}\" height=\"{6}\"/></clipPath></defs>\n"
      "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n"
      "<rect x=\"{3}\" y=\"{4}\" width=\"{5}\" height=\"{6}\" fill=\"#fafafa\"/>\n",
      kWidth, kHeight, kFont, kFrame.x, kFrame.y, kFrame.w, kFrame.h);

  // Title and what the regions assume.
  std::vector<std::string> packs;
  for (const PackInfo& pack : rules.packs()) {
    if (pack.AppliesOn(options.context)) packs.push_back(fmt::format("{} ({})", pack.id, pack.citation.text));
  }
  Text(svg, 24, 34,
       fmt::format("Export-control thresholds: TPP and performance density, rules as of {}",
                   options.context.as_of.ToString()),
       21, R"svg(font-weight="bold" fill="#111")svg");
  Text(svg, 24, 58,
       fmt::format("Regions for a chip {} \u00b7 {} posture \u00b7 {}",
                   options.market == Market::kDatacenter ? "designed or marketed for datacenters"
                                                         : fmt::format("marketed for {} use", Name(options.market)),
                   options.context.posture == Posture::kEnforced ? "enforced" : "CFR-text",
                   packs.empty() ? std::string("no pack applies") : fmt::format("{}", fmt::join(packs, "; "))),
       12.5, R"svg(fill="#444")svg");

  DrawAxes(svg, chart);

  // Chips: plotted where TPP and PD are known and in range; listed otherwise.
  std::vector<PlottedChip> plotted;
  std::vector<std::string> not_plotted;
  for (const ChipSpec& spec : chips) {
    const Classification c = rules.Classify(spec, options.context, Detail::kVerdicts);
    const MetricValue* tpp = FindMetric(c, "tpp");
    const MetricValue* pd = FindMetric(c, "pd");
    if (tpp == nullptr || pd == nullptr || !tpp->value.IsExact() || !pd->value.IsExact() || tpp->value.lo <= 0 ||
        pd->value.lo <= 0) {
      const bool tpp_known = tpp != nullptr && tpp->value.IsExact();
      not_plotted.push_back(fmt::format("{} ({} unknown)", spec.name, tpp_known ? "PD" : "TPP"));
      continue;
    }
    const double x = std::log10(ToDouble(tpp->value.lo));
    const double y = std::log10(ToDouble(pd->value.lo));
    if (x < chart.plane.x_lo || x > chart.plane.x_hi || y < chart.plane.y_lo || y > chart.plane.y_hi) {
      not_plotted.push_back(fmt::format("{} (TPP {}, PD {}: off the chart)", spec.name, FormatNumber(tpp->value.lo, 1),
                                        FormatNumber(pd->value.lo, 2)));
      continue;
    }
    plotted.push_back({spec.name, chart.X(x), chart.Y(y), c.Overall()});
  }
  std::sort(plotted.begin(), plotted.end(), [](const PlottedChip& a, const PlottedChip& b) { return a.x < b.x; });
  // Regions, clipped to the frame.
  svg += "<g clip-path=\"url(#frame)\">\n";
  std::vector<Box> label_obstacles;
  std::string region_labels;
  std::vector<bool> empty_region;
  std::vector<size_t> colour_of;  // palette slot: drawn regions only, so they never share a colour
  size_t drawn = 0;
  for (size_t e = 0; e < map->entries.size(); ++e) {
    const auto in = [&](size_t c, size_t r) { return map->at(c, r, e) == Verdict::kControlled; };
    const VerdictEvaluator::Entry& entry = map->entries[e];
    const std::string cells = CellsPath(*map, chart, in);
    empty_region.push_back(cells.empty());
    colour_of.push_back(drawn);
    if (cells.empty()) continue;
    ++drawn;
    fmt::format_to(std::back_inserter(svg),
                   R"svg(<path class="region" id="region-{}" data-entry="{}" data-pack="{}" d="{}" fill="{}" )svg"
                   "fill-opacity=\"{}\"/>\n",
                   e, Escape(entry.id), Escape(entry.pack), cells, Colour(colour_of[e]),
                   entry.control ? "0.30" : "0.16");
    fmt::format_to(std::back_inserter(svg), "<path d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"{}/>\n",
                   OutlinePath(*map, chart, in), Colour(colour_of[e]),
                   entry.control ? "" : R"svg( stroke-dasharray="6 3")svg");
    if (const auto box = LargestRectangle(*map, chart, in)) {
      const double size = std::clamp(std::min(box->w / (TextWidth(entry.id, 1) + 0.6), box->h * 0.6), 10.0, 22.0);
      const auto [cx, cy] = LabelPosition(*box, TextWidth(entry.id, size), size, plotted);
      Text(region_labels, cx, cy, entry.id, size,
           fmt::format(R"svg(class="region-label" text-anchor="middle" font-weight="bold" fill="{}" stroke="#fff" )svg"
                       R"svg(stroke-width="3" paint-order="stroke")svg",
                       Colour(colour_of[e])));
      const double w = TextWidth(entry.id, size);
      label_obstacles.push_back({cx - w / 2, cy - size, w, size * 1.3});
    }
  }
  const auto indeterminate = [&](size_t c, size_t r) {
    for (size_t e = 0; e < map->entries.size(); ++e) {
      if (map->entries[e].control && map->at(c, r, e) == Verdict::kIndeterminate) return true;
    }
    return false;
  };
  const std::string unknown = CellsPath(*map, chart, indeterminate);
  if (!unknown.empty())
    fmt::format_to(std::back_inserter(svg),
                   "<path class=\"region-indeterminate\" d=\"{}\" fill=\"url(#hatch)\" fill-opacity=\"0.5\"/>\n",
                   unknown);
  svg += "</g>\n";
  DrawThresholds(svg, chart, reference);
  svg += region_labels;
  fmt::format_to(
      std::back_inserter(svg),
      "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#333\" stroke-width=\"1.2\"/>\n",
      kFrame.x, kFrame.y, kFrame.w, kFrame.h);

  DrawChips(svg, plotted, label_obstacles);

  // Legend: each entry with its condition as the traces give it.
  double y = kFrame.y + 8;
  Text(svg, kLegendX, y, "Regions (controlled when in the region)", 14, R"svg(font-weight="bold" fill="#111")svg");
  y += 12;
  std::vector<std::string> regionless;  // listed together, not one legend row each
  for (size_t e = 0; e < map->entries.size(); ++e) {
    const VerdictEvaluator::Entry& entry = map->entries[e];
    if (empty_region[e]) {
      regionless.push_back(entry.id);
      continue;
    }
    const auto result = std::find_if(reference.results.begin(), reference.results.end(),
                                     [&](const EntryResult& r) { return r.pack == entry.pack && r.entry == entry.id; });
    fmt::format_to(std::back_inserter(svg),
                   R"svg(<rect x="{}" y="{:.1f}" width="16" height="16" fill="{}" fill-opacity="0.45" )svg"
                   "stroke=\"{}\" stroke-width=\"2\"/>\n",
                   kLegendX, y + 6, Colour(colour_of[e]), Colour(colour_of[e]));
    const std::string title = entry.id + (entry.control ? "" : " (license-review zone)");
    Text(svg, kLegendX + 24, y + 19, title, 14, R"svg(font-weight="bold" fill="#111")svg");
    y += 26;
    if (result == reference.results.end()) continue;
    std::string condition = ConditionText(*result);
    const std::vector<std::string> unless = Exclusions(*result);
    if (!unless.empty()) condition += fmt::format(", unless {}", fmt::join(unless, ", "));
    for (const std::string& line : Wrap(condition, kLegendWidth - 24, 12)) {
      Text(svg, kLegendX + 24, y + 12, line, 12, R"svg(fill="#333")svg");
      y += 16;
    }
    y += 8;
  }
  if (!regionless.empty()) {
    const std::string note = fmt::format("No region on this plane: {}", fmt::join(regionless, ", "));
    for (const std::string& line : Wrap(note, kLegendWidth, 12)) {
      Text(svg, kLegendX, y + 12, line, 12, R"svg(fill="#555")svg");
      y += 16;
    }
    y += 8;
  }
  if (!unknown.empty()) {
    fmt::format_to(std::back_inserter(svg),
                   "<rect x=\"{}\" y=\"{:.1f}\" width=\"16\" height=\"16\" fill=\"url(#hatch)\" stroke=\"#777\"/>\n",
                   kLegendX, y + 6);
    Text(svg, kLegendX + 24, y + 19, "indeterminate (data the rules need is unknown)", 12, R"svg(fill="#333")svg");
    y += 28;
  }
  y += 10;
  Text(svg, kLegendX, y + 12, "Chips (their own classification)", 14, R"svg(font-weight="bold" fill="#111")svg");
  y += 22;
  const std::array<std::pair<Verdict, std::string_view>, 3> markers = {{{Verdict::kControlled, "controlled"},
                                                                        {Verdict::kNotControlled, "not controlled"},
                                                                        {Verdict::kIndeterminate, "indeterminate"}}};
  for (const auto& [verdict, label] : markers) {
    DrawMarker(svg, kLegendX + 8, y + 8, verdict);
    Text(svg, kLegendX + 24, y + 13, label, 12, R"svg(fill="#333")svg");
    y += 20;
  }
  y += 8;
  const std::string chip_note =
      "A marker shows the chip's own classification, from its full spec and its own market, which can differ from "
      "the region it sits in (a consumer part in a region drawn for datacenter parts, say).";
  for (const std::string& line : Wrap(chip_note, kLegendWidth - 10, 11)) {
    Text(svg, kLegendX, y + 11, line, 11, R"svg(fill="#555" font-style="italic")svg");
    y += 15;
  }

  // Footnotes: how regions were computed; chips that could not be plotted.
  const std::string& format = chip->spec().throughput->front().format;
  std::vector<std::string> notes = {
      fmt::format("Regions computed by classifying a hypothetical chip with the compiled rules: one {}-bit format ({}, "
                  "rate = TPP / {} TOPS), one FinFET logic die "
                  "(area = TPP / PD mm\u00b2), no memory or interconnect; boundaries located by bisection.",
                  chip->bits_of_first_format(), format, chip->bits_of_first_format())};
  if (!not_plotted.empty()) notes.push_back(fmt::format("Not plotted: {}.", fmt::join(not_plotted, "; ")));
  double ny = kFrame.y + kFrame.h + 76;
  for (const std::string& note : notes) {
    for (const std::string& line : Wrap(note, kWidth - 70, 12)) {
      Text(svg, 24, ny, line, 12, R"svg(class="note" fill="#444")svg");
      ny += 16;
    }
  }
  svg += "</svg>\n";
  return svg;
}

}  // namespace eccn