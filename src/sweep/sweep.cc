// Sweep: knobs parsed once, then per point: set knob values on one reused
// hypothetical chip, evaluate with one reused VerdictEvaluator, count.
#include <eccn/sweep.h>

#include <algorithm>
#include <iterator>

#include <fmt/format.h>

#include "sweep/sweep_range.h"

namespace eccn {
namespace {

// Continuous ranges are sampled on this many steps, so values stay exact decimals.
constexpr uint64_t kContinuousSteps = 1000000;

using Kind = SweepKnob::Kind;

struct KnobType {
  std::string_view name;
  Kind kind;
  Dimension dimension;
  std::string_view column;
};

constexpr std::array<KnobType, 6> kKnobTypes = {{
    {"tpp", Kind::kTpp, kDimensionless, "tpp"},
    {"pd", Kind::kDensity, kDimensionless, "pd"},
    {"die-area", Kind::kDieArea, kArea, "die.area"},
    {"memory-bandwidth", Kind::kMemoryBandwidth, kBandwidth, "memory.bandwidth"},
    {"interconnect", Kind::kInterconnect, kBandwidth, "interconnect.bidirectional"},
    {"market", Kind::kMarket, kDimensionless, "marketed_for"},
}};

// A uniform draw in [0, n) that is the same on every platform (unlike
// std::uniform_int_distribution, whose algorithm is unspecified).
uint64_t Draw(std::mt19937_64& rng, uint64_t n) {
  const uint64_t limit = std::numeric_limits<uint64_t>::max() - std::numeric_limits<uint64_t>::max() % n;
  uint64_t x = rng();
  while (x >= limit) x = rng();
  return x % n;
}

std::string FirstFormatWithBits(const FormatTable& table, int bits) {
  for (const OperandFormat& f : table.formats) {
    if (f.bits == bits) return f.name;
  }
  return table.formats.empty() ? std::string() : table.formats.front().name;
}

// Column names: the id, or pack:id when an earlier pack used the same id.
template <class Item>
std::vector<std::string> Columns(const std::vector<Item>& items) {
  std::vector<std::string> out;
  for (size_t i = 0; i < items.size(); ++i) {
    const bool repeated = std::any_of(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(i),
                                      [&](const Item& e) { return e.id == items[i].id; });
    out.push_back(repeated ? items[i].pack + ":" + items[i].id : items[i].id);
  }
  return out;
}

Expected<SweepKnob> ParseKnob(const std::string& name, const std::string& range, std::vector<std::string>& formats) {
  SweepKnob knob;
  knob.name = name;
  if (name.starts_with("rate.")) {
    knob.kind = Kind::kRate;
    const std::string format = name.substr(5);
    if (std::find(formats.begin(), formats.end(), format) != formats.end())
      return Unexpected(fmt::format("{}: the format is already set by another knob", name));
    knob.format = formats.size();
    formats.push_back(format);
    auto parsed = ParseKnobRange(range, kRate, knob);
    if (!parsed) return Unexpected(parsed.error());
    knob.column = fmt::format("throughput.{} [{}]", format, knob.unit);
    return knob;
  }
  const auto* type =
      std::find_if(kKnobTypes.begin(), kKnobTypes.end(), [&](const KnobType& t) { return t.name == name; });
  if (type == kKnobTypes.end())
    return Unexpected(fmt::format(
        "unknown knob '{}', expected tpp, pd, rate.FORMAT, die-area, memory-bandwidth, interconnect or market", name));
  knob.kind = type->kind;
  auto parsed = knob.kind == Kind::kMarket ? ParseMarkets(range, knob) : ParseKnobRange(range, type->dimension, knob);
  if (!parsed) return Unexpected(parsed.error());
  knob.column = knob.unit.empty() ? std::string(type->column) : fmt::format("{} [{}]", type->column, knob.unit);
  if (knob.kind == Kind::kDensity &&
      (knob.values.empty() ? knob.lo == 0  // a span or a range starts at its least value
                           : std::find(knob.values.begin(), knob.values.end(), Number(0)) != knob.values.end())) {
    return Unexpected("pd: must be positive (the die area is tpp / pd)");
  }
  return knob;
}

void AppendNumber(std::string& out, const Number& value) {
  fmt::format_to(std::back_inserter(out), "{}", ToDouble(value));
}

// A JSON string; names come from rule files, so they are escaped.
void AppendJsonString(std::string& out, std::string_view text) {
  out += '"';
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      fmt::format_to(std::back_inserter(out), "\\u{:04x}", static_cast<int>(c));
    } else {
      out += c;
    }
  }
  out += '"';
}

// A metric value for output: the number when known exactly, else nothing.
bool IsKnown(const Interval& value) { return value.IsExact(); }

}  // namespace

Sweep::Sweep(HypotheticalChip chip, VerdictEvaluator evaluator)
    : chip_(std::move(chip)), evaluator_(std::move(evaluator)) {}

std::optional<Sweep> Sweep::Create(const RuleSet& rules, const Context& context, const SweepRequest& request,
                                   std::string* error) {
  const auto fail = [&](std::string message) {
    if (error != nullptr) *error = std::move(message);
    return std::nullopt;
  };
  const auto has = [&](std::string_view name) {
    return std::any_of(request.knobs.begin(), request.knobs.end(), [&](const auto& k) { return k.first == name; });
  };
  const std::string tpp_format =
      request.tpp_format.empty() ? FirstFormatWithBits(rules.formats(), 8) : request.tpp_format;
  std::vector<std::string> formats;
  if (has("tpp") || std::none_of(request.knobs.begin(), request.knobs.end(),
                                 [](const auto& k) { return k.first.starts_with("rate."); })) {
    formats.push_back(tpp_format);
  }
  std::vector<SweepKnob> knobs;
  for (const auto& given : request.knobs) {
    if (std::any_of(knobs.begin(), knobs.end(), [&](const SweepKnob& k) { return k.name == given.first; }))
      return fail(fmt::format("{}: given twice", given.first));
    auto knob = ParseKnob(given.first, given.second, formats);
    if (!knob) return fail(knob.error());
    knobs.push_back(std::move(*knob));
  }
  if (has("pd") && !has("tpp")) return fail("pd: needs tpp (the die area is tpp / pd)");
  if (has("pd") && has("die-area")) return fail("pd and die-area both set the die area; give one");
  if (!has("pd") && !has("die-area")) return fail("give pd or die-area: the die area decides performance density");
  std::string chip_error;
  auto chip = HypotheticalChip::Create(rules.formats(), formats, &chip_error);
  if (!chip) return fail(chip_error);
  uint64_t size = 1;
  for (const SweepKnob& knob : knobs) {
    if (request.random_points > 0) break;
    if (knob.choices() == 0)
      return fail(fmt::format("{}: a grid needs a step (LO..HI:STEP) or a count (LO..HI/N), or use random sampling",
                              knob.name));
    if (size > std::numeric_limits<uint64_t>::max() / knob.choices()) return fail("the grid has too many points");
    size *= knob.choices();
  }
  Sweep sweep(std::move(*chip), VerdictEvaluator(rules, context));
  sweep.knobs_ = std::move(knobs);
  sweep.random_ = request.random_points > 0;
  sweep.size_ = sweep.random_ ? request.random_points : size;
  sweep.rng_.seed(request.seed);
  sweep.index_.assign(sweep.knobs_.size(), 0);
  sweep.current_.assign(sweep.knobs_.size(), Number(0));
  sweep.metric_columns_ = Columns(sweep.evaluator_.metrics());
  for (size_t i = 0; i < sweep.metric_columns_.size(); ++i) {
    if (!sweep.evaluator_.metrics()[i].unit.empty())
      sweep.metric_columns_[i] += fmt::format(" [{}]", sweep.evaluator_.metrics()[i].unit);
  }
  sweep.entry_columns_ = Columns(sweep.evaluator_.entries());
  sweep.summary_.per_entry.assign(sweep.entry_columns_.size(), {});
  return sweep;
}

bool Sweep::Next() {
  if (done_ == size_) return false;
  if (random_) {
    for (size_t k = 0; k < knobs_.size(); ++k) {
      const SweepKnob& knob = knobs_[k];
      index_[k] = knob.choices() > 0 ? Draw(rng_, knob.choices()) : Draw(rng_, kContinuousSteps + 1);
    }
  } else if (done_ > 0) {
    // An odometer: the last knob varies fastest.
    for (size_t k = knobs_.size(); k-- > 0;) {
      if (++index_[k] < knobs_[k].choices()) break;
      index_[k] = 0;
    }
  }
  Apply();
  evaluator_.Evaluate(chip_.spec());
  ++done_;
  ++summary_.points;
  ++summary_.overall[static_cast<size_t>(evaluator_.overall())];
  for (size_t i = 0; i < summary_.per_entry.size(); ++i) {
    ++summary_.per_entry[i][static_cast<size_t>(evaluator_.verdicts()[i])];
  }
  return true;
}

void Sweep::Apply() {
  const Number* tpp = nullptr;
  const Number* density = nullptr;
  for (size_t k = 0; k < knobs_.size(); ++k) {
    const SweepKnob& knob = knobs_[k];
    if (knob.kind == Kind::kMarket) {
      chip_.SetMarket(knob.markets[index_[k]]);
      continue;
    }
    Number& value = current_[k];
    if (knob.choices() > 0) {
      value = knob.Value(index_[k]);
    } else {
      value = knob.lo + (knob.hi - knob.lo) * Number(index_[k]) / Number(kContinuousSteps);
    }
    switch (knob.kind) {
      case Kind::kTpp:
        tpp = &value;
        break;
      case Kind::kDensity:
        density = &value;
        break;
      case Kind::kRate:
        chip_.SetRate(knob.format, value * knob.scale);
        break;
      case Kind::kDieArea:
        chip_.SetDieArea(value * knob.scale);
        break;
      case Kind::kMemoryBandwidth:
        chip_.SetMemoryBandwidth(value * knob.scale);
        break;
      case Kind::kInterconnect:
        chip_.SetInterconnect(value * knob.scale);
        break;
      case Kind::kMarket:
        break;
    }
  }
  if (tpp != nullptr && density != nullptr) {
    chip_.SetTppAndDensity(*tpp, *density);
  } else if (tpp != nullptr) {
    chip_.SetTpp(*tpp);
  }
}

void Sweep::AppendCsvHeader(std::string& out) const {
  out += "point";
  for (const SweepKnob& knob : knobs_) fmt::format_to(std::back_inserter(out), ",{}", knob.column);
  for (const std::string& column : metric_columns_) fmt::format_to(std::back_inserter(out), ",metric.{}", column);
  out += ",verdict";
  for (const std::string& column : entry_columns_) fmt::format_to(std::back_inserter(out), ",{}", column);
  out += '\n';
}

void Sweep::AppendCsvRow(std::string& out) const {
  fmt::format_to(std::back_inserter(out), "{}", done_ - 1);
  for (size_t k = 0; k < knobs_.size(); ++k) {
    out += ',';
    if (knobs_[k].kind == Kind::kMarket) {
      out += Name(knobs_[k].markets[index_[k]]);
    } else {
      AppendNumber(out, current_[k]);
    }
  }
  for (const Interval& value : evaluator_.metric_values()) {
    out += ',';
    if (IsKnown(value)) AppendNumber(out, value.lo);
  }
  fmt::format_to(std::back_inserter(out), ",{}", Name(evaluator_.overall()));
  for (Verdict v : evaluator_.verdicts()) fmt::format_to(std::back_inserter(out), ",{}", Name(v));
  out += '\n';
}

void Sweep::AppendJsonLine(std::string& out) const {
  fmt::format_to(std::back_inserter(out), R"({{"point":{},"knobs":{{)", done_ - 1);
  for (size_t k = 0; k < knobs_.size(); ++k) {
    if (k > 0) out += ',';
    AppendJsonString(out, knobs_[k].column);
    out += ':';
    if (knobs_[k].kind == Kind::kMarket) {
      AppendJsonString(out, Name(knobs_[k].markets[index_[k]]));
    } else {
      AppendNumber(out, current_[k]);
    }
  }
  out += "},\"metrics\":{";
  for (size_t i = 0; i < metric_columns_.size(); ++i) {
    if (i > 0) out += ',';
    AppendJsonString(out, metric_columns_[i]);
    out += ':';
    const Interval& value = evaluator_.metric_values()[i];
    if (IsKnown(value)) {
      AppendNumber(out, value.lo);
    } else {
      out += "null";
    }
  }
  fmt::format_to(std::back_inserter(out), R"(}},"verdict":"{}","entries":{{)", Name(evaluator_.overall()));
  for (size_t i = 0; i < entry_columns_.size(); ++i) {
    if (i > 0) out += ',';
    AppendJsonString(out, entry_columns_[i]);
    fmt::format_to(std::back_inserter(out), ":\"{}\"", Name(evaluator_.verdicts()[i]));
  }
  out += "}}\n";
}

void Sweep::AppendSummaryText(std::string& out) const {
  // Labels ten wide, or as wide as the longest ("3A001.z (3A090.a)"), so that the counts line up.
  size_t width = 10;
  for (const std::string& label : entry_columns_) width = std::max(width, label.size());
  const auto counts = [&](std::string_view label, const std::array<uint64_t, 3>& c) {
    fmt::format_to(std::back_inserter(out), "{:<{}} {:>12} controlled {:>12} not controlled {:>12} indeterminate\n",
                   label, width, c[static_cast<size_t>(Verdict::kControlled)],
                   c[static_cast<size_t>(Verdict::kNotControlled)], c[static_cast<size_t>(Verdict::kIndeterminate)]);
  };
  fmt::format_to(std::back_inserter(out), "{} points\n", summary_.points);
  counts("overall", summary_.overall);
  for (size_t i = 0; i < entry_columns_.size(); ++i) counts(entry_columns_[i], summary_.per_entry[i]);
}

}  // namespace eccn
