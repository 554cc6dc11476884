#include "expr/schema.h"

#include <array>

namespace eccn::expr {
namespace {

constexpr std::array<FieldInfo, 9> kTopLevel{{
    {"marketed_for", Type::Symbol(SymbolSet::kMarket), "market the chip is designed or marketed for"},
    {"kind", Type::Symbol(SymbolSet::kChipKind), "accelerator, cpu, hbm-stack or system"},
    {"memory.bandwidth", Type::Number(kBandwidth), "peak memory bandwidth"},
    {"memory.capacity", Type::Number(kBytes), "memory capacity"},
    {"interconnect.bidirectional", Type::Number(kBandwidth), "aggregate bidirectional chip-to-chip I/O rate"},
    {"package.area", Type::Number(kArea), "area of the package (or of a bare memory stack)"},
    {"memory.hbm", Type::Bool(), "the memory type is HBM (unknown when no type is given)"},
    {"is_system", Type::Bool(), "kind is 'system' (false when no kind is given: a spec describes one part)"},
    {"is_hbm_stack", Type::Bool(), "kind is 'hbm-stack' (false when no kind is given)"},
}};

constexpr std::array<FieldInfo, 3> kFormatFields{{
    {"name", Type::Symbol(SymbolSet::kFormat), "operand format, e.g. 'fp8'"},
    {"rate", Type::Number(kRate), "peak dense rate in that format"},
    {"bits", Type::Number(kDimensionless), "bit length of the format (rules/formats.yaml)"},
}};

constexpr std::array<FieldInfo, 5> kDieFields{{
    {"area", Type::Number(kArea), "die area"},
    {"count", Type::Number(kDimensionless), "number of such dies"},
    {"role", Type::Symbol(SymbolSet::kDieRole), "logic, memory or io"},
    {"transistors", Type::Symbol(SymbolSet::kArchitecture), "planar, finfet or gaa"},
    {"transistor_count", Type::Number(kDimensionless), "number of transistors on one such die"},
}};

const std::array<CollectionInfo, 2> kCollections{{
    {"formats", Collection::kFormats, "throughput", kFormatFields},
    {"dies", Collection::kDies, "dies", kDieFields},
}};

}  // namespace

std::span<const FieldInfo> TopLevelFields() { return kTopLevel; }
std::span<const CollectionInfo> Collections() { return kCollections; }

std::optional<uint32_t> FindTopLevelField(std::string_view name) {
  for (uint32_t i = 0; i < kTopLevel.size(); ++i) {
    if (kTopLevel[i].name == name) return i;
  }
  return std::nullopt;
}

const CollectionInfo* FindCollection(std::string_view name) {
  for (const CollectionInfo& c : kCollections) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

bool IsReservedName(std::string_view name) {
  for (std::string_view keyword : {"and", "or", "not", "in", "where", "true", "false"}) {
    if (keyword == name) return true;
  }
  return FindTopLevelField(name).has_value() || FindCollection(name) != nullptr || name == "memory" ||
         name == "interconnect" || name == "package" || name == "described_in";
}

std::optional<uint32_t> FindItemField(const CollectionInfo& collection, std::string_view name) {
  for (uint32_t i = 0; i < collection.item_fields.size(); ++i) {
    if (collection.item_fields[i].name == name) return i;
  }
  return std::nullopt;
}

}  // namespace eccn::expr
