#include "cli/cmd_headroom.h"

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <nlohmann/json.hpp>

#include <cmath>

#include <eccn/headroom.h>
#include "cli/cli.h"
#include "cli/render_json.h"
#include "cli/report.h"
#include "cli/text_table.h"
#include "units.h"

namespace eccn::cli {
namespace {

using Json = nlohmann::ordered_json;

std::string VerdictWords(Verdict verdict) {
  return verdict == Verdict::kNotControlled ? "not controlled" : std::string(Name(verdict));
}

std::string RationalText(const Number& value) {
  const auto n = boost::multiprecision::numerator(value);
  const auto d = boost::multiprecision::denominator(value);
  return d == 1 ? n.str() : n.str() + "/" + d.str();
}

// "x1.0135", "past x1.0135" (the change is just beyond), "~x1.0135" (bracketed).
std::string FactorText(const Flip& flip) {
  if (!flip.found) return "-";
  const std::string factor = "x" + FormatNumber(flip.factor, 4);
  if (!flip.exact) return "~" + factor;
  return flip.inclusive ? factor : "past " + factor;
}

std::string AtText(const Flip& flip) {
  if (flip.metric.empty()) return "";
  return fmt::format("{} {}{}", flip.metric, FormatInterval(flip.at), flip.unit.empty() ? "" : " " + flip.unit);
}

std::string ByText(const Flip& flip) {
  if (flip.clause.empty()) return "";
  return fmt::format("{} ({}:{}:{})", flip.clause, flip.location.file, flip.location.line, flip.location.column);
}

// How far a factor is from 1 either way, for picking the nearest flip.
Number Distance(const Number& factor) { return factor >= 1 ? factor : Number(1 / factor); }

const Flip* Nearest(const std::vector<EntryHeadroom>& entries, const EntryHeadroom** owner) {
  const Flip* best = nullptr;
  for (const EntryHeadroom& entry : entries) {
    for (const Flip& flip : entry.flips) {
      if (flip.found && (best == nullptr || Distance(flip.factor) < Distance(best->factor))) {
        best = &flip;
        *owner = &entry;
      }
    }
  }
  return best;
}

Json FlipJson(const Flip& flip) {
  Json out;
  out["knob"] = flip.knob;
  out["found"] = flip.found;
  out["direction"] = flip.found ? Json(flip.up ? "up" : "down") : Json(nullptr);
  out["factor"] = flip.found ? Json(ToDouble(flip.factor)) : Json(nullptr);
  out["factor_exact"] = flip.found ? Json(RationalText(flip.factor)) : Json(nullptr);
  out["exact"] = flip.exact;
  out["inclusive"] = flip.inclusive;
  out["becomes"] = flip.found ? Json(Name(flip.becomes)) : Json(nullptr);
  out["metric"] = flip.metric.empty() ? Json(nullptr) : Json(flip.metric);
  out["at"] = flip.metric.empty() || !flip.at.IsExact() ? Json(nullptr) : Json(ToDouble(flip.at.lo));
  out["unit"] = flip.unit;
  out["clause"] = flip.clause.empty() ? Json(nullptr) : Json(flip.clause);
  out["location"] = flip.clause.empty()
                        ? Json(nullptr)
                        : Json(fmt::format("{}:{}:{}", flip.location.file, flip.location.line, flip.location.column));
  return out;
}

Json EntryFlipJson(const EntryHeadroom& entry, const Flip& flip) {
  Json out{{"entry", entry.entry}, {"pack", entry.pack}, {"verdict", Name(entry.verdict)}};
  out.update(FlipJson(flip));
  return out;
}

void RenderChipText(const ChipSpec& spec, const std::vector<EntryHeadroom>& entries, const HeadroomOptions& options,
                    std::ostream& out) {
  fmt::print(out, "{} ({})\n", spec.name, spec.file);
  const EntryHeadroom* owner = nullptr;
  if (const Flip* nearest = Nearest(entries, &owner)) {
    fmt::print(out, "  nearest: {} becomes {} at {}, {} {}\n", owner->entry, VerdictWords(nearest->becomes),
               AtText(*nearest), nearest->knob, FactorText(*nearest));
  }
  TextTable table({"  ENTRY", "NOW", "KNOB", "FACTOR", "AT", "BECOMES", "BY"});
  for (const EntryHeadroom& entry : entries) {
    if (entry.verdict == Verdict::kIndeterminate) {
      std::vector<std::string> why = entry.missing;
      why.insert(why.end(), entry.depends_on.begin(), entry.depends_on.end());
      table.AddRow({"  " + entry.entry, VerdictWords(entry.verdict), "-", "-", "", "not searched",
                    why.empty() ? "" : "open on " + JoinStrings(why, ", ")});
      continue;
    }
    for (const Flip& flip : entry.flips) {
      const std::string becomes = flip.found ? VerdictWords(flip.becomes)
                                             : fmt::format("never (x1/{}..x{})", FormatNumber(options.max_factor, 0),
                                                           FormatNumber(options.max_factor, 0));
      table.AddRow({"  " + entry.entry, VerdictWords(entry.verdict), flip.knob, FactorText(flip), AtText(flip), becomes,
                    ByText(flip)});
    }
  }
  table.Render(out);
  fmt::print(out, "\n");
}

std::optional<DesignPoint> ParseDesign(const HeadroomArgs& args, const RuleSet& rules, std::ostream& err) {
  DesignPoint point;
  const auto area = ParseQuantity(args.die_area);
  if (!area || !(area->unit.dimension == kArea) || area->value <= 0) {
    err << fmt::format("eccn: invalid --die-area '{}', expected a positive area such as '814 mm2'\n", args.die_area);
    return std::nullopt;
  }
  point.die_area_mm2 = area->value;
  std::string_view rest = args.format_mix;
  while (!rest.empty()) {
    const size_t comma = rest.find(',');
    const std::string_view item = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    const size_t equals = item.find('=');
    const std::string format(item.substr(0, equals));
    const auto weight =
        equals == std::string_view::npos ? Expected<Number>(Number(1)) : ParseDecimal(item.substr(equals + 1));
    if (rules.formats().Find(format) == nullptr || !weight || *weight <= 0) {
      err << fmt::format(
          "eccn: invalid --format-mix item '{}', expected FORMAT or FORMAT=WEIGHT with a format of "
          "rules/formats.yaml and a positive weight, e.g. 'fp8=2,bf16=1'\n",
          item);
      return std::nullopt;
    }
    point.mix.emplace_back(format, *weight);
  }
  if (point.mix.empty()) {
    err << "eccn: --format-mix names no format\n";
    return std::nullopt;
  }
  for (size_t i = 0; i < 4; ++i) {
    if (Name(static_cast<Market>(i)) == args.marketed_for) {
      point.market = static_cast<Market>(i);
      return point;
    }
  }
  err << fmt::format("eccn: invalid --marketed-for '{}'\n", args.marketed_for);
  return std::nullopt;
}

std::string RatesText(const Ceiling& ceiling) {
  std::vector<std::string> parts;
  for (const auto& [format, rate] : ceiling.rates) {
    parts.push_back(fmt::format("{} {} TOPS", format, FormatNumber(rate / Number(1000000000000), 2)));
  }
  return JoinStrings(parts, ", ");
}

int RunReverse(const Options& options, const HeadroomArgs& args, const RuleSet& rules, const Context& context,
               std::ostream& out, std::ostream& err) {
  const auto point = ParseDesign(args, rules, err);
  if (!point) return kUsage;
  const std::vector<Ceiling> ceilings = Ceilings(rules, *point, context);
  if (options.format == "json") {
    Json mix = Json::object();
    for (const auto& [format, weight] : point->mix) mix[format] = ToDouble(weight);
    Json items = Json::array();
    for (const Ceiling& ceiling : ceilings) {
      Json item{{"entry", ceiling.entry}, {"pack", ceiling.pack}};
      item.update(FlipJson(ceiling.flip));
      Json rates = Json::object();
      for (const auto& [format, rate] : ceiling.rates) rates[format] = ToDouble(rate);
      item["rates"] = std::move(rates);
      Json metrics = Json::object();
      for (const MetricValue& metric : ceiling.metrics) {
        metrics[metric.id] = metric.value.IsExact() ? Json(ToDouble(metric.value.lo)) : Json(nullptr);
      }
      item["metrics"] = std::move(metrics);
      items.push_back(std::move(item));
    }
    Json doc{{"schema_version", kJsonSchemaVersion},
             {"as_of", context.as_of.ToString()},
             {"posture", Name(context.posture)},
             {"design",
              {{"die_area_mm2", ToDouble(point->die_area_mm2)},
               {"mix", std::move(mix)},
               {"marketed_for", args.marketed_for}}},
             {"ceilings", std::move(items)}};
    out << doc.dump(2) << '\n';
    return kNotControlled;
  }
  std::vector<std::string> mix;
  for (const auto& [format, weight] : point->mix) mix.push_back(fmt::format("{} x{}", format, FormatNumber(weight, 4)));
  fmt::print(out, "Design: one logic die of {} mm2, dense rates in proportion {}, marketed for {}\n",
             FormatNumber(point->die_area_mm2, 2), JoinStrings(mix, ", "), args.marketed_for);
  std::vector<std::string> headers{"ENTRY", "STAYS OUTSIDE WHILE", "BECOMES", "RATES AT THE CEILING"};
  std::vector<std::string> metric_ids;
  if (!ceilings.empty()) {
    for (const MetricValue& metric : ceilings.front().metrics) {
      if (metric.show) metric_ids.push_back(metric.id);
    }
  }
  for (const std::string& id : metric_ids) headers.push_back(id);
  headers.emplace_back("BY");
  TextTable table(headers);
  for (const Ceiling& ceiling : ceilings) {
    std::vector<std::string> row{ceiling.entry};
    if (!ceiling.flip.found) {
      row.insert(row.end(), {"never reached", "-", ""});
      row.resize(headers.size());
      table.AddRow(row);
      continue;
    }
    // Reached at the value itself ("or more"): stay strictly below it.
    const Flip& flip = ceiling.flip;
    row.push_back(fmt::format("{} {} {}{}{}", flip.metric, flip.inclusive ? "<" : "<=", FormatInterval(flip.at),
                              flip.unit.empty() ? "" : " " + flip.unit, flip.exact ? "" : " (~)"));
    row.push_back(VerdictWords(ceiling.flip.becomes));
    row.push_back(RatesText(ceiling));
    for (const std::string& id : metric_ids) {
      for (const MetricValue& metric : ceiling.metrics) {
        if (metric.id == id) row.push_back(FormatInterval(metric.value));
      }
    }
    row.push_back(ByText(ceiling.flip));
    table.AddRow(row);
  }
  table.Render(out);
  fmt::print(out, "Rules applying on {}.\n", context.as_of.ToString());
  return kNotControlled;
}

}  // namespace

CLI::App* AddHeadroomCommand(CLI::App& app, Options& options, HeadroomArgs& args) {
  CLI::App* headroom = app.add_subcommand(
      "headroom", "How far each chip is from changing verdict along each knob; with --die-area, each entry's ceiling");
  headroom->add_option("PATH", options.paths, "Spec files or directories of them");
  headroom->add_option("--die-area", args.die_area,
                       "Reverse form: the largest throughput staying outside each entry for this logic die area");
  headroom->add_option("--format-mix", args.format_mix,
                       "Reverse form: formats and relative dense rates, e.g. fp8=2,bf16=1 (default fp8)");
  std::vector<std::string> markets{"datacenter", "consumer", "workstation", "embedded"};
  headroom->add_option("--marketed-for", args.marketed_for, "Reverse form: the market (default datacenter)")
      ->check(CLI::IsMember(markets));
  AddCommonOptions(*headroom, options, true);
  return headroom;
}

int RunHeadroom(const Options& options, const HeadroomArgs& args, std::ostream& out, std::ostream& err) {
  if (options.paths.empty() == args.die_area.empty()) {
    err << "eccn: headroom needs spec PATHs or --die-area (the reverse form), not both\n";
    return kUsage;
  }
  const auto as_of = ResolveDate(options.as_of, err);
  if (!as_of) return kUsage;
  int code = 0;
  const auto rules = LoadRuleSet(options.rules_dir, err, code);
  if (!rules) return code;
  const Context context = ContextOf(options, *as_of);
  if (!args.die_area.empty()) return RunReverse(options, args, *rules, context, out, err);
  const auto specs = LoadSpecs(options.paths, *rules, err, code);
  if (!specs) return code;
  const HeadroomOptions search;
  std::vector<std::vector<EntryHeadroom>> results;
  for (const ChipSpec& spec : *specs) results.push_back(Headroom(*rules, spec, context, search));
  if (options.format == "json") {
    Json chips = Json::array();
    for (size_t i = 0; i < specs->size(); ++i) {
      Json flips = Json::array();
      Json not_searched = Json::array();
      for (const EntryHeadroom& entry : results[i]) {
        for (const Flip& flip : entry.flips) flips.push_back(EntryFlipJson(entry, flip));
        if (entry.verdict == Verdict::kIndeterminate) {
          not_searched.push_back({{"entry", entry.entry},
                                  {"pack", entry.pack},
                                  {"verdict", Name(entry.verdict)},
                                  {"missing", entry.missing},
                                  {"depends_on", entry.depends_on}});
        }
      }
      const EntryHeadroom* owner = nullptr;
      const Flip* nearest = Nearest(results[i], &owner);
      chips.push_back({{"name", (*specs)[i].name},
                       {"file", (*specs)[i].file},
                       {"nearest", nearest == nullptr ? Json(nullptr) : EntryFlipJson(*owner, *nearest)},
                       {"headroom", std::move(flips)},
                       {"not_searched", std::move(not_searched)}});
    }
    Json doc{{"schema_version", kJsonSchemaVersion},
             {"as_of", as_of->ToString()},
             {"posture", Name(context.posture)},
             {"max_factor", ToDouble(search.max_factor)},
             {"tolerance", std::pow(2.0, -search.tolerance_bits)},
             {"chips", std::move(chips)}};
    out << doc.dump(2) << '\n';
  } else {
    for (size_t i = 0; i < specs->size(); ++i) RenderChipText((*specs)[i], results[i], search, out);
    fmt::print(out,
               "FACTOR multiplies the knob's values; 'past xF': the change comes just beyond F; '~xF': bracketed to "
               "a relative 2^-{}.\nRules applying on {}.\n",
               search.tolerance_bits, as_of->ToString());
  }
  return kNotControlled;
}

}  // namespace eccn::cli
