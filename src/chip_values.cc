// PrepareChip lays a spec out once; RefillChip rewrites only the values, so a
// sweep over one design's variants reuses every string and vector.
#include "chip_values.h"
#include "spec_fields.h"
#include "uncertain_values.h"

#include <string>

namespace eccn {
namespace {

using expr::Value;

void SetNumber(Value& v, const std::optional<Number>& number) {
  // Every spec quantity is non-negative, so an unknown one is at least 0.
  v.number = number ? Interval::Exact(*number) : Interval::AtLeast(0);
}

template <class Enum>
void SetSymbol(Value& v, const std::optional<Enum>& e) {
  v.symbol = e ? static_cast<int32_t>(*e) : -1;
}

size_t KnownFormats(const ChipSpec& spec, const FormatTable& formats) {
  size_t n = 0;
  if (spec.throughput) {
    for (const FormatRate& rate : *spec.throughput) n += formats.Find(rate.format) != nullptr ? 1 : 0;
  }
  return n;
}

}  // namespace

expr::ChipValues PrepareChip(const ChipSpec& spec, const FormatTable& formats) {
  expr::ChipValues chip;
  for (const expr::FieldInfo& field : expr::TopLevelFields()) chip.field_paths.emplace_back(field.name);
  chip.fields.resize(chip.field_paths.size());
  if (spec.throughput) {
    for (const FormatRate& rate : *spec.throughput) {
      if (formats.Find(rate.format) == nullptr) continue;  // rejected when the spec was parsed
      chip.formats.emplace_back().path = "throughput." + rate.format;
    }
  }
  if (spec.dies) {
    for (size_t i = 0; i < spec.dies->size(); ++i) chip.dies.emplace_back().path = "dies[" + std::to_string(i) + "]";
  }
  RefillChip(spec, formats, chip);
  return chip;
}

bool SameShape(const ChipSpec& spec, const FormatTable& formats, const expr::ChipValues& chip) {
  if (chip.dies.size() != (spec.dies ? spec.dies->size() : 0)) return false;
  if (chip.formats.size() != KnownFormats(spec, formats)) return false;
  size_t item = 0;
  if (spec.throughput) {
    for (const FormatRate& rate : *spec.throughput) {
      if (formats.Find(rate.format) == nullptr) continue;
      // Paths name missing data, so the formats must be the same ones.
      const std::string& path = chip.formats[item++].path;
      if (path.size() != rate.format.size() + std::string_view("throughput.").size() || !path.ends_with(rate.format))
        return false;
    }
  }
  return true;
}

void RefillChip(const ChipSpec& spec, const FormatTable& formats, expr::ChipValues& chip) {
  SetSymbol(chip.fields[expr::kMarketedFor], spec.marketed_for);
  SetSymbol(chip.fields[expr::kKind], spec.kind);
  SetNumber(chip.fields[expr::kMemoryBandwidth], spec.memory.bandwidth_bytes_per_second);
  SetNumber(chip.fields[expr::kMemoryCapacity], spec.memory.capacity_bytes);
  SetNumber(chip.fields[expr::kInterconnectBidirectional], spec.interconnect_bidirectional_bytes_per_second);
  SetNumber(chip.fields[expr::kPackageArea], spec.package_area_mm2);
  chip.fields[expr::kMemoryHbm].truth = MemoryIsHbm(spec.memory.type);
  // A spec describes one part unless it says it is a system, so entries for
  // ICs and for computers containing them can tell the two apart without
  // leaving every spec that omits `kind` indeterminate.
  chip.fields[expr::kIsSystem].truth = spec.kind == ChipKind::kSystem ? Truth::kTrue : Truth::kFalse;
  chip.fields[expr::kIsHbmStack].truth = spec.kind == ChipKind::kHbmStack ? Truth::kTrue : Truth::kFalse;
  chip.has_described_in = spec.described_in.has_value();
  if (spec.described_in) {
    chip.described_in = *spec.described_in;
  } else {
    chip.described_in.clear();
  }
  chip.has_formats = spec.throughput.has_value();
  size_t item = 0;
  if (spec.throughput) {
    for (const FormatRate& rate : *spec.throughput) {
      const OperandFormat* format = formats.Find(rate.format);
      if (format == nullptr) continue;
      std::array<Value, expr::kMaxItemFields>& fields = chip.formats[item++].fields;
      fields[expr::kFormatName].symbol = static_cast<int32_t>(format - formats.formats.data());
      SetNumber(fields[expr::kFormatRate], rate.ops_per_second);
      fields[expr::kFormatBits].number = Interval::Exact(format->bits);
    }
  }
  chip.has_dies = spec.dies.has_value();
  if (spec.dies) {
    for (size_t i = 0; i < spec.dies->size(); ++i) {
      const Die& die = (*spec.dies)[i];
      std::array<Value, expr::kMaxItemFields>& fields = chip.dies[i].fields;
      SetNumber(fields[expr::kDieArea], die.area_mm2);
      fields[expr::kDieCount].number = Interval::Exact(die.count);
      SetSymbol(fields[expr::kDieRole], die.role);
      SetSymbol(fields[expr::kDieTransistors], die.transistors);
      SetNumber(fields[expr::kDieTransistorCount], die.transistor_count);
    }
  }
  ApplyUncertain(spec.uncertain, nullptr, chip);  // ranges and alternatives as intervals
}

}  // namespace eccn
