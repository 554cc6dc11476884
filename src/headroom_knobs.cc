// Knobs: which spec values each one scales, and scaling them by a factor or
// by a range of factors.
#include <algorithm>
#include <functional>

#include <eccn/headroom.h>

namespace eccn {
namespace {

constexpr std::string_view kThroughputPrefix = "throughput.";

// Calls `visit(point, field)` for every value `knob` scales, naming it as
// ChipSpec::uncertain does.
void ForEachValue(ChipSpec& spec, const std::string& knob,
                  const std::function<void(std::optional<Number>&, const std::string&)>& visit) {
  if (knob == "throughput" || knob.starts_with(kThroughputPrefix)) {
    if (!spec.throughput) return;
    for (FormatRate& rate : *spec.throughput) {
      const std::string field = std::string(kThroughputPrefix) + rate.format;
      if (knob == "throughput" || knob == field) visit(rate.ops_per_second, field);
    }
  } else if (knob == "die_area") {
    if (!spec.dies) return;
    for (size_t i = 0; i < spec.dies->size(); ++i) {
      Die& die = (*spec.dies)[i];
      if (die.role == DieRole::kLogic) visit(die.area_mm2, "dies[" + std::to_string(i) + "].area");
    }
  } else if (knob == "memory.bandwidth") {
    visit(spec.memory.bandwidth_bytes_per_second, knob);
  } else if (knob == "memory.capacity") {
    visit(spec.memory.capacity_bytes, knob);
  } else if (knob == "interconnect.bidirectional") {
    visit(spec.interconnect_bidirectional_bytes_per_second, knob);
  } else if (knob == "package.area") {
    visit(spec.package_area_mm2, knob);
  }
}

UncertainValue* FindUncertain(ChipSpec& spec, const std::string& field) {
  for (UncertainValue& value : spec.uncertain) {
    if (value.field == field) return &value;
  }
  return nullptr;
}

}  // namespace

std::vector<std::string> KnobsOf(const ChipSpec& spec) {
  std::vector<std::string> candidates{"throughput"};
  if (spec.throughput && spec.throughput->size() > 1) {
    for (const FormatRate& rate : *spec.throughput) candidates.push_back(std::string(kThroughputPrefix) + rate.format);
  }
  for (const char* knob :
       {"die_area", "memory.bandwidth", "memory.capacity", "interconnect.bidirectional", "package.area"}) {
    candidates.emplace_back(knob);
  }
  std::vector<std::string> out;
  ChipSpec copy = spec;
  for (const std::string& knob : candidates) {
    bool scales_something = false;
    ForEachValue(copy, knob, [&](std::optional<Number>& point, const std::string& field) {
      scales_something = scales_something || point.has_value() || FindUncertain(copy, field) != nullptr;
    });
    if (scales_something) out.push_back(knob);
  }
  return out;
}

ChipSpec ScaleKnob(const ChipSpec& spec, const std::string& knob, const Number& factor) {
  ChipSpec out = spec;
  ForEachValue(out, knob, [&](std::optional<Number>& point, const std::string& field) {
    if (point) *point *= factor;
    if (UncertainValue* value = FindUncertain(out, field)) {
      value->range.lo *= factor;
      value->range.hi *= factor;
      for (Number& alternative : value->alternatives) alternative *= factor;
    }
  });
  return out;
}

ChipSpec ScaleKnobRange(const ChipSpec& spec, const std::string& knob, const Number& lo, const Number& hi) {
  ChipSpec out = spec;
  std::vector<UncertainValue> added;
  ForEachValue(out, knob, [&](std::optional<Number>& point, const std::string& field) {
    if (point) {
      added.push_back({field, Interval::Between(*point * lo, *point * hi), {}, {}});
      point.reset();  // known only within the range now
    } else if (UncertainValue* value = FindUncertain(out, field)) {
      // Values are non-negative, so the ends scale with the ends.
      value->range = Interval::Between(value->range.lo * lo, value->range.hi * hi);
      value->alternatives.clear();
    }
  });
  out.uncertain.insert(out.uncertain.end(), added.begin(), added.end());
  return out;
}

ChipSpec ForgetKnob(const ChipSpec& spec, const std::string& knob) {
  ChipSpec out = spec;
  std::vector<std::string> fields;
  ForEachValue(out, knob, [&](std::optional<Number>& point, const std::string& field) {
    point.reset();
    fields.push_back(field);
  });
  std::erase_if(out.uncertain, [&](const UncertainValue& value) {
    return std::find(fields.begin(), fields.end(), value.field) != fields.end();
  });
  return out;
}

}  // namespace eccn
