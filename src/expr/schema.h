// What rule expressions can read from a chip spec: one table of names, types
// and units, shared by the compiler (to check names) and the evaluator (to
// read values), so the two cannot drift apart.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "units.h"

namespace eccn::expr {

// Sets of named values a field can take; compared with string literals.
enum class SymbolSet : std::uint8_t { kNone, kMarket, kChipKind, kDieRole, kArchitecture, kFormat };

struct Type {
  enum class Kind : std::uint8_t { kNumber, kBool, kSymbol };
  Kind kind = Kind::kNumber;
  Dimension dimension;
  SymbolSet symbols = SymbolSet::kNone;

  static constexpr Type Number(Dimension d) { return {Kind::kNumber, d, SymbolSet::kNone}; }
  static constexpr Type Bool() { return {Kind::kBool, {}, SymbolSet::kNone}; }
  static constexpr Type Symbol(SymbolSet s) { return {Kind::kSymbol, {}, s}; }
};

enum class Collection : std::uint8_t { kFormats, kDies };

struct FieldInfo {
  std::string_view name;  // as written in rules: "memory.bandwidth"
  Type type;
  std::string_view description;
};

struct CollectionInfo {
  std::string_view name;  // "formats"
  Collection collection;
  std::string_view spec_key;  // where it comes from in a spec file: "throughput"
  std::span<const FieldInfo> item_fields;
};

// Top-level fields, indexed by their position (the evaluator's slot).
std::span<const FieldInfo> TopLevelFields();
std::span<const CollectionInfo> Collections();

std::optional<uint32_t> FindTopLevelField(std::string_view name);
const CollectionInfo* FindCollection(std::string_view name);
// True for names a metric may not take: spec fields, collections, keywords.
bool IsReservedName(std::string_view name);
std::optional<uint32_t> FindItemField(const CollectionInfo& collection, std::string_view name);

// Slots of top-level fields.
enum TopLevelSlot : uint32_t {
  kMarketedFor,
  kKind,
  kMemoryBandwidth,
  kMemoryCapacity,
  kInterconnectBidirectional,
  kPackageArea,
  kMemoryHbm,
  kIsSystem,
  kIsHbmStack
};
// Slots of item fields within their collection.
enum FormatSlot : uint32_t { kFormatName, kFormatRate, kFormatBits };
enum DieSlot : uint32_t { kDieArea, kDieCount, kDieRole, kDieTransistors, kDieTransistorCount };
inline constexpr size_t kMaxItemFields = 5;

}  // namespace eccn::expr
