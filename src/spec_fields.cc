#include "spec_fields.h"

#include <fmt/format.h>
#include <algorithm>

#include <eccn/date.h>
#include <eccn/rules.h>
#include "ascii.h"
#include "printable_text.h"
#include "units.h"
#include "yaml_reader.h"

namespace eccn {
namespace {

template <class Enum, size_t N>
std::optional<std::string> SetEnum(std::optional<Enum>& out, std::string_view key, std::string_view text,
                                   const std::array<std::string_view, N>& names) {
  for (size_t i = 0; i < N; ++i) {
    if (names[i] == text) {
      out = static_cast<Enum>(i);
      return std::nullopt;
    }
  }
  if (IsUnknownWord(text)) return std::nullopt;
  std::string list;
  for (std::string_view name : names) list += fmt::format("{}{}", list.empty() ? "" : " | ", name);
  return fmt::format("invalid {} '{}', expected {} | unknown", key, text, list);
}

std::string_view ExampleOf(const Dimension& dimension) {
  if (dimension == kRate) return "148 TFLOPS";
  if (dimension == kBandwidth) return "4.0 TB/s";
  if (dimension == kArea) return "814 mm2";
  return "96 GB";
}

// A point quantity: a number with a unit of `dimension`, not negative.
Expected<Number> ParsePoint(std::string_view key, std::string_view text, const Dimension& dimension,
                            bool must_be_positive) {
  auto quantity = ParseQuantity(text);
  if (!quantity) {
    return Unexpected(fmt::format("{} for '{}': expected {}, e.g. '{}'", quantity.error(), key,
                                  DescribeDimension(dimension), ExampleOf(dimension)));
  }
  if (!(quantity->unit.dimension == dimension)) {
    return Unexpected(fmt::format("'{}' is {}, but '{}' needs {}", quantity->unit.symbol,
                                  DescribeDimension(quantity->unit.dimension), key, DescribeDimension(dimension)));
  }
  if (quantity->value < 0) return Unexpected(fmt::format("'{}' must not be negative", key));
  if (must_be_positive && quantity->value == 0) return Unexpected(fmt::format("'{}' must be greater than zero", key));
  return quantity->value;
}

// "146..148 TFLOPS"; a bare lower end takes the unit of the upper one.
Expected<Interval> ParseRange(std::string_view key, std::string_view text, const Dimension& dimension,
                              bool must_be_positive) {
  const size_t dots = text.find("..");
  std::string_view lo_text = text.substr(0, dots);
  const std::string_view hi_text = text.substr(dots + 2);
  while (!lo_text.empty() && lo_text.back() == ' ') lo_text.remove_suffix(1);
  auto hi = ParsePoint(key, hi_text, dimension, must_be_positive);
  if (!hi) return Unexpected(std::move(hi.error()));
  const std::string lo_with_unit = ParseDecimal(lo_text).has_value()
                                       ? fmt::format("{} {}", lo_text, ParseQuantity(hi_text)->unit.symbol)
                                       : std::string(lo_text);
  auto lo = ParsePoint(key, lo_with_unit, dimension, must_be_positive);
  if (!lo) return Unexpected(std::move(lo.error()));
  if (*lo > *hi) return Unexpected(fmt::format("range '{}' for '{}' has its lower end above its upper end", text, key));
  return Interval::Between(*lo, *hi);
}

}  // namespace

const Dimension* DimensionOf(SpecField field) {
  switch (field) {
    case SpecField::kMemoryCapacity:
      return &kBytes;
    case SpecField::kMemoryBandwidth:
    case SpecField::kInterconnectBidirectional:
      return &kBandwidth;
    case SpecField::kPackageArea:
    case SpecField::kDieArea:
      return &kArea;
    case SpecField::kName:
    case SpecField::kVendor:
    case SpecField::kKind:
    case SpecField::kMarketedFor:
    case SpecField::kReleased:
    case SpecField::kMemoryType:
    case SpecField::kDieName:
    case SpecField::kDieTransistors:
    case SpecField::kDieRole:
    case SpecField::kDieCount:
    case SpecField::kDieTransistorCount:
      return nullptr;
  }
  return nullptr;
}

std::string_view KeyOf(SpecField field) {
  switch (field) {
    case SpecField::kName:
    case SpecField::kDieName:
      return "name";
    case SpecField::kVendor:
      return "vendor";
    case SpecField::kKind:
      return "kind";
    case SpecField::kMarketedFor:
      return "marketed_for";
    case SpecField::kReleased:
      return "released";
    case SpecField::kMemoryType:
      return "type";
    case SpecField::kMemoryCapacity:
      return "capacity";
    case SpecField::kMemoryBandwidth:
      return "bandwidth";
    case SpecField::kInterconnectBidirectional:
      return "bidirectional";
    case SpecField::kPackageArea:
    case SpecField::kDieArea:
      return "area";
    case SpecField::kDieTransistors:
      return "transistors";
    case SpecField::kDieRole:
      return "role";
    case SpecField::kDieCount:
      return "count";
    case SpecField::kDieTransistorCount:
      return "transistor_count";
  }
  return "";
}

bool IsOneLineText(SpecField field) {
  switch (field) {
    case SpecField::kName:
    case SpecField::kVendor:
    case SpecField::kMemoryType:
    case SpecField::kDieName:
      return true;
    case SpecField::kKind:
    case SpecField::kMarketedFor:
    case SpecField::kReleased:
    case SpecField::kMemoryCapacity:
    case SpecField::kMemoryBandwidth:
    case SpecField::kInterconnectBidirectional:
    case SpecField::kPackageArea:
    case SpecField::kDieArea:
    case SpecField::kDieTransistors:
    case SpecField::kDieRole:
    case SpecField::kDieCount:
    case SpecField::kDieTransistorCount:
      return false;
  }
  return false;
}

bool IsUnknownWord(std::string_view text) { return text == "unknown" || text == "?"; }

bool IsValidReleaseDate(std::string_view text) {
  const auto digits = [text](size_t from, size_t count) {
    return std::all_of(text.begin() + static_cast<std::ptrdiff_t>(from),
                       text.begin() + static_cast<std::ptrdiff_t>(from + count), IsAsciiDigit);
  };
  switch (text.size()) {
    case 4:  // any year of four digits is one
      return digits(0, 4);
    case 7: {  // a month of such a year, the usual form in catalogs: no calendar needed
      if (!digits(0, 4) || text[4] != '-' || !digits(5, 2)) return false;
      const int month = (text[5] - '0') * 10 + (text[6] - '0');
      return month >= 1 && month <= 12;
    }
    case 10:
      return Date::Parse(text).has_value();
    default:
      return false;
  }
}

Truth MemoryIsHbm(std::string_view memory_type) {
  if (memory_type.empty()) return Truth::kUnknown;
  const auto upper = [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; };
  const bool hbm = memory_type.size() >= 3 && upper(memory_type[0]) == 'H' && upper(memory_type[1]) == 'B' &&
                   upper(memory_type[2]) == 'M';
  return hbm ? Truth::kTrue : Truth::kFalse;
}

namespace {

std::optional<std::string> OneLineTextError(std::string_view key, std::string_view text) {
  const size_t at = FirstControlCharacter(text);
  if (at == std::string_view::npos) return std::nullopt;
  return fmt::format("control character {} in '{}': text fields are one line of printable text",
                     EscapedControlCharacterAt(text, at), key);
}

}  // namespace

std::optional<std::string> SpecBuilder::Set(SpecField field, std::string_view text) {
  const std::string_view key = KeyOf(field);
  if (IsOneLineText(field)) {
    if (auto error = OneLineTextError(key, text)) return error;
  }
  switch (field) {
    case SpecField::kName:
      spec_.name = std::string(text);
      return std::nullopt;
    case SpecField::kVendor:
      spec_.vendor = std::string(text);
      return std::nullopt;
    case SpecField::kKind:
      return SetEnum(spec_.kind, key, text, kKindNames);
    case SpecField::kMarketedFor:
      return SetEnum(spec_.marketed_for, key, text, kMarketNames);
    case SpecField::kReleased:
      if (!IsValidReleaseDate(text)) {
        return fmt::format("invalid date '{}', expected YYYY, YYYY-MM or YYYY-MM-DD", text);
      }
      spec_.released = std::string(text);
      return std::nullopt;
    case SpecField::kMemoryType:
      spec_.memory.type = std::string(text);
      return std::nullopt;
    case SpecField::kMemoryCapacity:
    case SpecField::kMemoryBandwidth:
    case SpecField::kInterconnectBidirectional:
    case SpecField::kPackageArea:
    case SpecField::kDieArea:
      return SetQuantity(SlotOf(field), text);
    case SpecField::kDieName:
      spec_.dies->back().name = std::string(text);
      return std::nullopt;
    case SpecField::kDieTransistors:
      return SetEnum(spec_.dies->back().transistors, key, text, kArchitectureNames);
    case SpecField::kDieRole:
      return SetEnum(spec_.dies->back().role, key, text, kRoleNames);
    case SpecField::kDieCount: {
      auto value = ParseDecimal(text);
      if (!value || *value < 1 || boost::multiprecision::denominator(*value) != 1 || *value > 1000000) {
        return fmt::format("invalid count '{}', expected a whole number from 1 to 1000000", text);
      }
      spec_.dies->back().count = *value;
      return std::nullopt;
    }
    case SpecField::kDieTransistorCount: {
      if (IsUnknownWord(text)) return std::nullopt;
      auto value = ParseDecimal(text);
      if (!value || *value < 0 || boost::multiprecision::denominator(*value) != 1) {
        return fmt::format("invalid transistor_count '{}', expected a whole number such as 80e9", text);
      }
      spec_.dies->back().transistor_count = *value;
      return std::nullopt;
    }
  }
  return std::nullopt;
}

std::string UnknownFormatMessage(const FormatTable& formats, std::string_view format) {
  std::vector<std::string_view> names;
  for (const OperandFormat& f : formats.formats) names.push_back(f.name);
  return UnknownKeyMessage(format, names, kThroughputKeysWhat);
}

std::optional<std::string> SpecBuilder::CheckFormat(std::string_view format) const {
  if (formats_.Find(format) != nullptr) return std::nullopt;
  return UnknownFormatMessage(formats_, format);
}

std::optional<std::string> SpecBuilder::SetRate(std::string_view format, std::string_view text) {
  if (auto error = CheckFormat(format)) return error;
  spec_.throughput->push_back({std::string(format), std::nullopt});
  return SetQuantity(RateSlot(), text);
}

SpecBuilder::Slot SpecBuilder::SlotOf(SpecField field) {
  switch (field) {
    case SpecField::kMemoryCapacity:
      return {&spec_.memory.capacity_bytes, KeyOf(field), &kBytes, false, "memory.capacity"};
    case SpecField::kMemoryBandwidth:
      return {&spec_.memory.bandwidth_bytes_per_second, KeyOf(field), &kBandwidth, false, "memory.bandwidth"};
    case SpecField::kInterconnectBidirectional:
      return {&spec_.interconnect_bidirectional_bytes_per_second, KeyOf(field), &kBandwidth, false,
              "interconnect.bidirectional"};
    case SpecField::kPackageArea:
      return {&spec_.package_area_mm2, KeyOf(field), &kArea, true, "package.area"};
    case SpecField::kDieArea:
      return {&spec_.dies->back().area_mm2, KeyOf(field), &kArea, true,
              fmt::format("dies[{}].area", spec_.dies->size() - 1)};
    case SpecField::kName:
    case SpecField::kVendor:
    case SpecField::kKind:
    case SpecField::kMarketedFor:
    case SpecField::kReleased:
    case SpecField::kMemoryType:
    case SpecField::kDieName:
    case SpecField::kDieTransistors:
    case SpecField::kDieRole:
    case SpecField::kDieCount:
    case SpecField::kDieTransistorCount:
      break;
  }
  return {};  // not a quantity: callers only ask for quantity fields
}

SpecBuilder::Slot SpecBuilder::RateSlot() {
  FormatRate& rate = spec_.throughput->back();
  return {&rate.ops_per_second, rate.format, &kRate, false, "throughput." + rate.format};
}

std::optional<std::string> SpecBuilder::SetQuantity(const Slot& slot, std::string_view text) {
  if (IsUnknownWord(text)) return std::nullopt;
  if (text.find("..") != std::string_view::npos) {
    auto range = ParseRange(slot.key, text, *slot.dimension, slot.must_be_positive);
    if (!range) return std::move(range.error());
    spec_.uncertain.push_back({slot.path, *range, {}, {}});
    return std::nullopt;
  }
  auto point = ParsePoint(slot.key, text, *slot.dimension, slot.must_be_positive);
  if (!point) return std::move(point.error());
  *slot.out = std::move(*point);
  return std::nullopt;
}

void SpecBuilder::StartAlternatives(SpecField field) {
  alternatives_slot_ = SlotOf(field);
  alternatives_.clear();
}

std::optional<std::string> SpecBuilder::StartRateAlternatives(std::string_view format) {
  if (auto error = CheckFormat(format)) return error;
  spec_.throughput->push_back({std::string(format), std::nullopt});
  alternatives_slot_ = RateSlot();
  alternatives_.clear();
  return std::nullopt;
}

std::optional<std::string> SpecBuilder::AddAlternative(std::string_view text) {
  const Slot& slot = alternatives_slot_;
  auto point = ParsePoint(slot.key, text, *slot.dimension, slot.must_be_positive);
  if (!point) return std::move(point.error());
  alternatives_.push_back(std::move(*point));
  return std::nullopt;
}

std::optional<std::string> SpecBuilder::FinishAlternatives(std::vector<std::string> sources) {
  if (alternatives_.size() < 2) {
    return fmt::format("'values' for '{}' needs two or more quantities", alternatives_slot_.key);
  }
  const auto [lo, hi] = std::minmax_element(alternatives_.begin(), alternatives_.end());
  spec_.uncertain.push_back(
      {alternatives_slot_.path, Interval::Between(*lo, *hi), std::move(alternatives_), std::move(sources)});
  alternatives_.clear();
  return std::nullopt;
}

}  // namespace eccn
