// Reads chip spec files (docs/spec-format.md) into ChipSpec, strictly: every
// physical value needs a unit of the right dimension, unknown keys and enum
// values are errors, and a field left out stays unknown.
#include <fmt/format.h>
#include <algorithm>
#include <array>
#include <tuple>

#include <eccn/rules.h>
#include <eccn/spec.h>
#include "units.h"
#include "yaml_reader.h"

namespace eccn {
namespace {

constexpr std::array<std::string_view, 4> kKindNames{"accelerator", "cpu", "hbm-stack", "system"};
constexpr std::array<std::string_view, 4> kMarketNames{"datacenter", "consumer", "workstation", "embedded"};
constexpr std::array<std::string_view, 3> kArchitectureNames{"planar", "finfet", "gaa"};
constexpr std::array<std::string_view, 3> kRoleNames{"logic", "memory", "io"};

bool IsUnknownWord(std::string_view text) { return text == "unknown" || text == "?"; }

template <class Enum, size_t N>
std::optional<Enum> ReadEnum(YamlReader& reader, const YAML::Node& map, std::string_view key,
                             const std::array<std::string_view, N>& names, bool allow_unknown) {
  const YAML::Node node = map[std::string(key)];
  const auto text = reader.Scalar(map, key);
  if (!text) return std::nullopt;
  for (size_t i = 0; i < N; ++i) {
    if (names[i] == *text) return static_cast<Enum>(i);
  }
  if (allow_unknown && IsUnknownWord(*text)) return std::nullopt;
  std::string list;
  for (std::string_view name : names) list += fmt::format("{}{}", list.empty() ? "" : " | ", name);
  if (allow_unknown) list += " | unknown";
  reader.Error(node, fmt::format("invalid {} '{}', expected {}", key, *text, list));
  return std::nullopt;
}

// Parses `text` (found at `node`) as a non-negative quantity of `dimension`
// for field `key`; reports and returns nullopt when it is not one.
std::optional<Number> ParseQuantityOf(YamlReader& reader, const YAML::Node& node, std::string_view key,
                                      std::string_view text, const Dimension& dimension, bool must_be_positive) {
  auto quantity = ParseQuantity(text);
  if (!quantity) {
    reader.Error(node,
                 fmt::format("{} for '{}': expected {}, e.g. '{}'", quantity.error(), key, DescribeDimension(dimension),
                             dimension == kRate        ? "148 TFLOPS"
                             : dimension == kBandwidth ? "4.0 TB/s"
                             : dimension == kArea      ? "814 mm2"
                                                       : "96 GB"));
    return std::nullopt;
  }
  if (!(quantity->unit.dimension == dimension)) {
    reader.Error(node, fmt::format("'{}' is {}, but '{}' needs {}", quantity->unit.symbol,
                                   DescribeDimension(quantity->unit.dimension), key, DescribeDimension(dimension)));
    return std::nullopt;
  }
  if (quantity->value < 0) {
    reader.Error(node, fmt::format("'{}' must not be negative", key));
    return std::nullopt;
  }
  if (must_be_positive && quantity->value == 0) {
    reader.Error(node, fmt::format("'{}' must be greater than zero", key));
    return std::nullopt;
  }
  return quantity->value;
}

// "146..148 TFLOPS" (the unit may be written on both ends or on the upper
// one only) as an interval; nullopt, reported, if malformed.
std::optional<Interval> ParseRange(YamlReader& reader, const YAML::Node& node, std::string_view key,
                                   std::string_view text, const Dimension& dimension, bool must_be_positive) {
  const size_t dots = text.find("..");
  std::string_view lo_text = text.substr(0, dots);
  const std::string_view hi_text = text.substr(dots + 2);
  while (!lo_text.empty() && lo_text.back() == ' ') lo_text.remove_suffix(1);
  auto hi = ParseQuantityOf(reader, node, key, hi_text, dimension, must_be_positive);
  if (!hi) return std::nullopt;
  // A bare lower end takes the unit of the upper one.
  const auto hi_quantity = ParseQuantity(hi_text);
  const bool bare = ParseDecimal(lo_text).has_value();
  const std::string lo_with_unit =
      bare ? fmt::format("{} {}", lo_text, hi_quantity->unit.symbol) : std::string(lo_text);
  auto lo = ParseQuantityOf(reader, node, key, lo_with_unit, dimension, must_be_positive);
  if (!lo) return std::nullopt;
  if (*lo > *hi) {
    reader.Error(node, fmt::format("range '{}' for '{}' has its lower end above its upper end", text, key));
    return std::nullopt;
  }
  return Interval::Between(*lo, *hi);
}

// Like ReadQuantity, but the value may also be a range ("146..148 TFLOPS")
// or a map {values: [...], sources: [...]} of alternatives, recorded in
// `uncertain` under `path` with the point value left unknown.
void ReadUncertainQuantity(YamlReader& reader, const YAML::Node& map, std::string_view key, std::string path,
                           const Dimension& dimension, bool must_be_positive, std::optional<Number>& out,
                           std::vector<UncertainValue>& uncertain) {
  const YAML::Node node = map[std::string(key)];
  if (node.IsDefined() && node.IsMap()) {
    static constexpr std::array<std::string_view, 2> kKeys{"values", "sources"};
    reader.CheckKeys(node, kKeys, fmt::format("alternatives for '{}'", key));
    const YAML::Node values = node["values"];
    if (!values.IsDefined() || !reader.ExpectSequence(values, "'values' as a list of two or more quantities")) return;
    UncertainValue value{std::move(path), {}, {}, {}};
    for (const YAML::Node& item : values) {
      const auto text = reader.ScalarValue(item, "a quantity");
      if (!text) continue;
      if (auto number = ParseQuantityOf(reader, item, key, *text, dimension, must_be_positive)) {
        value.alternatives.push_back(*number);
      }
    }
    if (value.alternatives.size() < 2) {
      reader.Error(values, fmt::format("'values' for '{}' needs two or more quantities", key));
      return;
    }
    if (const YAML::Node sources = node["sources"]; sources.IsDefined() && !sources.IsNull()) {
      if (reader.ExpectSequence(sources, "'sources' as a list of URLs or citations")) {
        for (const YAML::Node& source : sources) {
          if (auto text = reader.ScalarValue(source, "a source")) value.sources.push_back(*text);
        }
      }
    }
    const auto [lo, hi] = std::minmax_element(value.alternatives.begin(), value.alternatives.end());
    value.range = Interval::Between(*lo, *hi);
    uncertain.push_back(std::move(value));
    return;
  }
  const auto text = reader.Scalar(map, key);
  if (!text || IsUnknownWord(*text)) return;
  if (text->find("..") == std::string::npos) {
    out = ParseQuantityOf(reader, node, key, *text, dimension, must_be_positive);
    return;
  }
  if (auto range = ParseRange(reader, node, key, *text, dimension, must_be_positive)) {
    uncertain.push_back({std::move(path), *range, {}, {}});
  }
}

bool IsValidReleaseDate(std::string_view text) {
  if (text.size() == 4) return Date::Parse(fmt::format("{}-01-01", text)).has_value();
  if (text.size() == 7) return Date::Parse(fmt::format("{}-01", text)).has_value();
  return Date::Parse(text).has_value();
}

void ReadThroughput(YamlReader& reader, const YAML::Node& node, const FormatTable& formats, ChipSpec& spec) {
  if (!reader.ExpectMap(node, "'throughput' as a map of operand format to dense rate")) return;
  std::vector<std::string_view> names;
  for (const OperandFormat& format : formats.formats) names.push_back(format.name);
  reader.CheckKeys(node, names, "'throughput' (operand formats from rules/formats.yaml)");
  std::vector<FormatRate> rates;
  for (const auto& item : node) {
    const std::string& format = item.first.Scalar();
    if (formats.Find(format) == nullptr) continue;  // reported by CheckKeys
    FormatRate rate{format, std::nullopt};
    ReadUncertainQuantity(reader, node, format, "throughput." + format, kRate, false, rate.ops_per_second,
                          spec.uncertain);
    rates.push_back(std::move(rate));
  }
  spec.throughput = std::move(rates);
}

void ReadDies(YamlReader& reader, const YAML::Node& node, ChipSpec& spec) {
  if (!reader.ExpectSequence(node, "'dies' as a list of dies")) return;
  static constexpr std::array<std::string_view, 6> kDieKeys{"name", "area",  "transistors",
                                                            "role", "count", "transistor_count"};
  std::vector<Die> dies;
  for (const YAML::Node& die_node : node) {
    const std::string path = fmt::format("dies[{}]", dies.size());
    if (!reader.ExpectMap(die_node, "a die")) continue;
    reader.CheckKeys(die_node, kDieKeys, "a die");
    Die die;
    die.name = reader.Scalar(die_node, "name").value_or("");
    ReadUncertainQuantity(reader, die_node, "area", path + ".area", kArea, true, die.area_mm2, spec.uncertain);
    die.transistors = ReadEnum<TransistorArchitecture>(reader, die_node, "transistors", kArchitectureNames, true);
    die.role = ReadEnum<DieRole>(reader, die_node, "role", kRoleNames, true);
    if (auto count = reader.Scalar(die_node, "count")) {
      auto value = ParseDecimal(*count);
      if (!value || *value < 1 || boost::multiprecision::denominator(*value) != 1 || *value > 1000000) {
        reader.Error(die_node["count"],
                     fmt::format("invalid count '{}', expected a whole number from 1 to 1000000", *count));
      } else {
        die.count = *value;
      }
    }
    if (auto count = reader.Scalar(die_node, "transistor_count"); count && !IsUnknownWord(*count)) {
      auto value = ParseDecimal(*count);
      if (!value || *value < 0 || boost::multiprecision::denominator(*value) != 1) {
        reader.Error(die_node["transistor_count"],
                     fmt::format("invalid transistor_count '{}', expected a whole number such as 80e9", *count));
      } else {
        die.transistor_count = *value;
      }
    }
    dies.push_back(std::move(die));
  }
  spec.dies = std::move(dies);
}

void ReadSources(YamlReader& reader, const YAML::Node& node, ChipSpec& spec) {
  if (node.IsScalar()) {
    spec.sources.push_back(node.Scalar());
    return;
  }
  if (!reader.ExpectSequence(node, "'sources' as a list of URLs or citations")) return;
  for (const YAML::Node& source : node) {
    if (auto text = reader.ScalarValue(source, "a source")) spec.sources.push_back(*text);
  }
}

void ReadSpec(YamlReader& reader, const YAML::Node& root, const FormatTable& formats, ChipSpec& spec) {
  static constexpr std::array<std::string_view, 13> kKeys{
      "name",   "vendor",       "kind",    "marketed_for", "released", "throughput", "dies",
      "memory", "interconnect", "package", "described_in", "sources",  "notes"};
  reader.CheckKeys(root, kKeys, "a chip spec");
  spec.name = reader.Scalar(root, "name", true).value_or("");
  spec.vendor = reader.Scalar(root, "vendor").value_or("");
  spec.kind = ReadEnum<ChipKind>(reader, root, "kind", kKindNames, true);
  spec.marketed_for = ReadEnum<Market>(reader, root, "marketed_for", kMarketNames, true);
  if (auto released = reader.Scalar(root, "released")) {
    if (IsValidReleaseDate(*released)) {
      spec.released = *released;
    } else {
      reader.Error(root["released"], fmt::format("invalid date '{}', expected YYYY, YYYY-MM or YYYY-MM-DD", *released));
    }
  }
  if (const YAML::Node node = root["throughput"]; node.IsDefined() && !node.IsNull()) {
    ReadThroughput(reader, node, formats, spec);
  }
  if (const YAML::Node node = root["dies"]; node.IsDefined() && !node.IsNull()) ReadDies(reader, node, spec);
  if (const YAML::Node node = root["memory"]; node.IsDefined() && !node.IsNull()) {
    if (reader.ExpectMap(node, "'memory'")) {
      static constexpr std::array<std::string_view, 3> kMemoryKeys{"type", "capacity", "bandwidth"};
      reader.CheckKeys(node, kMemoryKeys, "'memory'");
      spec.memory.type = reader.Scalar(node, "type").value_or("");
      ReadUncertainQuantity(reader, node, "capacity", "memory.capacity", kBytes, false, spec.memory.capacity_bytes,
                            spec.uncertain);
      ReadUncertainQuantity(reader, node, "bandwidth", "memory.bandwidth", kBandwidth, false,
                            spec.memory.bandwidth_bytes_per_second, spec.uncertain);
    }
  }
  if (const YAML::Node node = root["interconnect"]; node.IsDefined() && !node.IsNull()) {
    if (reader.ExpectMap(node, "'interconnect'")) {
      static constexpr std::array<std::string_view, 1> kInterconnectKeys{"bidirectional"};
      reader.CheckKeys(node, kInterconnectKeys, "'interconnect'");
      ReadUncertainQuantity(reader, node, "bidirectional", "interconnect.bidirectional", kBandwidth, false,
                            spec.interconnect_bidirectional_bytes_per_second, spec.uncertain);
    }
  }
  if (const YAML::Node node = root["package"]; node.IsDefined() && !node.IsNull()) {
    if (reader.ExpectMap(node, "'package'")) {
      static constexpr std::array<std::string_view, 1> kPackageKeys{"area"};
      reader.CheckKeys(node, kPackageKeys, "'package'");
      ReadUncertainQuantity(reader, node, "area", "package.area", kArea, true, spec.package_area_mm2, spec.uncertain);
    }
  }
  if (const YAML::Node node = root["described_in"]; node.IsDefined() && !node.IsNull()) {
    if (reader.ExpectSequence(node, "'described_in' as a list of CCL paragraphs such as 5A992.c")) {
      std::vector<std::string> paragraphs;
      for (const YAML::Node& item : node) {
        if (auto text = reader.ScalarValue(item, "a CCL paragraph")) paragraphs.push_back(*text);
      }
      spec.described_in = std::move(paragraphs);
    }
  }
  if (const YAML::Node node = root["sources"]; node.IsDefined() && !node.IsNull()) ReadSources(reader, node, spec);
}

}  // namespace

Loaded<ChipSpec> ParseChipSpec(std::string_view yaml, std::string_view file, const FormatTable& formats) {
  Loaded<ChipSpec> result;
  YamlReader reader(yaml, std::string(file), result.diagnostics);
  const std::optional<YAML::Node> root = reader.Load();
  if (!root || !reader.ExpectMap(*root, "a chip spec")) return result;
  ChipSpec spec;
  spec.file = std::string(file);
  try {
    ReadSpec(reader, *root, formats, spec);
  } catch (const YAML::Exception& e) {
    // A yaml-cpp precondition this reader failed to check: report, never crash.
    reader.Error(SourceLocation{std::string(file)},
                 fmt::format("internal error reading the YAML structure: {}", e.what()));
  }
  // Report in file order, whatever order the fields were checked in.
  std::stable_sort(result.diagnostics.begin(), result.diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.location.line, a.location.column) < std::tie(b.location.line, b.location.column);
  });
  if (!reader.failed()) result.value = std::move(spec);
  return result;
}

Loaded<ChipSpec> LoadChipSpec(const std::filesystem::path& file, const FormatTable& formats) {
  std::vector<Diagnostic> diagnostics;
  const std::optional<std::string> text = ReadInputFile(file, diagnostics);
  if (!text) return {std::nullopt, std::move(diagnostics)};
  return ParseChipSpec(*text, file.string(), formats);
}

std::string_view Name(ChipKind kind) { return kKindNames[static_cast<size_t>(kind)]; }
std::string_view Name(Market market) { return kMarketNames[static_cast<size_t>(market)]; }
std::string_view Name(TransistorArchitecture architecture) {
  return kArchitectureNames[static_cast<size_t>(architecture)];
}
std::string_view Name(DieRole role) { return kRoleNames[static_cast<size_t>(role)]; }

}  // namespace eccn
