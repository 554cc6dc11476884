#include "cli/spec_json.h"

namespace eccn::cli {
namespace {

using Json = nlohmann::ordered_json;

// Spec values are decimals scaled by decimal or binary unit factors, so 30
// fraction digits render them exactly; null is "unknown".
Json Exact(const std::optional<Number>& value) {
  if (!value) return nullptr;
  return FormatNumber(*value, 30);
}

template <typename Enum>
Json NameOrNull(const std::optional<Enum>& value) {
  if (!value) return nullptr;
  return Name(*value);
}

Json DieJson(const Die& die) {
  return {{"name", die.name},
          {"area_mm2", Exact(die.area_mm2)},
          {"transistors", NameOrNull(die.transistors)},
          {"role", NameOrNull(die.role)},
          {"count", FormatNumber(die.count, 30)},
          {"transistor_count", Exact(die.transistor_count)}};
}

Json BoundJson(const Number& value, bool unbounded) {
  if (unbounded) return nullptr;
  return FormatNumber(value, 30);
}

Json UncertainJson(const UncertainValue& value) {
  Json alternatives = Json::array();
  for (const Number& alternative : value.alternatives) alternatives.push_back(FormatNumber(alternative, 30));
  return {{"field", value.field},
          {"range", Json::array({BoundJson(value.range.lo, value.range.lo_unbounded),
                                 BoundJson(value.range.hi, value.range.hi_unbounded)})},
          {"alternatives", std::move(alternatives)},
          {"sources", value.sources}};
}

}  // namespace

Json NormalizedSpecJson(const ChipSpec& spec) {
  Json out;
  out["name"] = spec.name;
  out["vendor"] = spec.vendor;
  out["kind"] = NameOrNull(spec.kind);
  out["marketed_for"] = NameOrNull(spec.marketed_for);
  out["released"] = spec.released;
  if (spec.throughput) {
    Json rates = Json::object();
    for (const FormatRate& rate : *spec.throughput) rates[rate.format] = Exact(rate.ops_per_second);
    out["throughput_ops_per_second"] = std::move(rates);
  } else {
    out["throughput_ops_per_second"] = nullptr;
  }
  if (spec.dies) {
    Json dies = Json::array();
    for (const Die& die : *spec.dies) dies.push_back(DieJson(die));
    out["dies"] = std::move(dies);
  } else {
    out["dies"] = nullptr;
  }
  out["memory"] = {{"type", spec.memory.type},
                   {"capacity_bytes", Exact(spec.memory.capacity_bytes)},
                   {"bandwidth_bytes_per_second", Exact(spec.memory.bandwidth_bytes_per_second)}};
  out["interconnect_bidirectional_bytes_per_second"] = Exact(spec.interconnect_bidirectional_bytes_per_second);
  out["package_area_mm2"] = Exact(spec.package_area_mm2);
  out["described_in"] = spec.described_in ? Json(*spec.described_in) : Json(nullptr);
  Json uncertain = Json::array();
  for (const UncertainValue& value : spec.uncertain) uncertain.push_back(UncertainJson(value));
  out["uncertain"] = std::move(uncertain);
  out["sources"] = spec.sources;
  return out;
}

}  // namespace eccn::cli
