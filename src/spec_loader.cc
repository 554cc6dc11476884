// Reads chip spec files (docs/spec-format.md) into ChipSpec, strictly: every
// physical value needs a unit of the right dimension, unknown keys and enum
// values are errors, and a field left out stays unknown.
#include <fmt/format.h>
#include <algorithm>
#include <array>
#include <tuple>

#include <eccn/rules.h>
#include <eccn/spec.h>
#include "spec_fields.h"
#include "yaml_reader.h"

namespace eccn {
namespace {

// {values: [...], sources: [...]}: alternatives for the quantity the builder
// has started them for; each bad value is reported at its node.
void ReadAlternatives(YamlReader& reader, SpecBuilder& builder, const YAML::Node& node, std::string_view key) {
  static constexpr std::array<std::string_view, 2> kKeys{"values", "sources"};
  reader.CheckKeys(node, kKeys, fmt::format("alternatives for '{}'", key));
  const YAML::Node values = node["values"];
  if (!values.IsDefined() || !reader.ExpectSequence(values, "'values' as a list of two or more quantities")) return;
  for (const YAML::Node& item : values) {
    const auto text = reader.ScalarValue(item, "a quantity");
    if (!text) continue;
    if (auto error = builder.AddAlternative(*text)) reader.Error(item, std::move(*error));
  }
  std::vector<std::string> sources;
  if (const YAML::Node list = node["sources"]; list.IsDefined() && !list.IsNull()) {
    if (reader.ExpectSequence(list, kSourcesWhat)) {
      for (const YAML::Node& source : list) {
        if (auto text = reader.ScalarValue(source, kSourceWhat)) sources.push_back(*text);
      }
    }
  }
  if (auto error = builder.FinishAlternatives(std::move(sources))) reader.Error(values, std::move(*error));
}

// Reads map[key] (absent or null: left unknown) through the shared builder,
// reporting a bad value at its node. A quantity may be a map of alternatives.
void ReadField(YamlReader& reader, SpecBuilder& builder, const YAML::Node& map, SpecField field,
               bool required = false) {
  const std::string_view key = KeyOf(field);
  const YAML::Node node = map[std::string(key)];
  if (DimensionOf(field) != nullptr && node.IsDefined() && node.IsMap()) {
    builder.StartAlternatives(field);
    ReadAlternatives(reader, builder, node, key);
    return;
  }
  const auto text = reader.Scalar(map, key, required);
  if (!text) return;
  if (auto error = builder.Set(field, *text)) reader.Error(node, std::move(*error));
}

void ReadThroughput(YamlReader& reader, SpecBuilder& builder, const YAML::Node& node) {
  if (!reader.ExpectMap(node, kThroughputWhat)) return;
  std::vector<std::string_view> names;
  for (const OperandFormat& format : builder.formats().formats) names.push_back(format.name);
  reader.CheckKeys(node, names, kThroughputKeysWhat);
  builder.StartThroughput();
  for (const auto& item : node) {
    const std::string& format = item.first.Scalar();
    if (builder.CheckFormat(format)) continue;  // reported by CheckKeys
    if (const YAML::Node value = node[format]; value.IsMap()) {
      builder.StartRateAlternatives(format);
      ReadAlternatives(reader, builder, value, format);
      continue;
    }
    const auto text = reader.Scalar(node, format);
    if (!text) {
      builder.SetRate(format, "unknown");  // listed without a value: supported, rate unknown
      continue;
    }
    if (auto error = builder.SetRate(format, *text)) reader.Error(node[format], std::move(*error));
  }
}

void ReadDies(YamlReader& reader, SpecBuilder& builder, const YAML::Node& node) {
  if (!reader.ExpectSequence(node, kDiesWhat)) return;
  builder.StartDies();
  for (const YAML::Node& die_node : node) {
    if (!reader.ExpectMap(die_node, kDieWhat)) continue;
    reader.CheckKeys(die_node, kDieKeys, kDieWhat);
    builder.AddDie();
    for (SpecField field : kDieFields) ReadField(reader, builder, die_node, field);
  }
}

void ReadSources(YamlReader& reader, SpecBuilder& builder, const YAML::Node& node) {
  if (node.IsScalar()) {
    builder.AddSource(node.Scalar());
    return;
  }
  if (!reader.ExpectSequence(node, kSourcesWhat)) return;
  for (const YAML::Node& source : node) {
    if (auto text = reader.ScalarValue(source, kSourceWhat)) builder.AddSource(*text);
  }
}

// A map section (memory, interconnect, package) whose values are fields.
template <size_t N>
void ReadSection(YamlReader& reader, SpecBuilder& builder, const YAML::Node& node, std::string_view name,
                 const std::array<std::string_view, N>& keys, const std::array<SpecField, N>& fields) {
  const std::string what = fmt::format("'{}'", name);
  if (!reader.ExpectMap(node, what)) return;
  reader.CheckKeys(node, keys, what);
  for (SpecField field : fields) ReadField(reader, builder, node, field);
}

void ReadSpec(YamlReader& reader, const YAML::Node& root, SpecBuilder& builder) {
  reader.CheckKeys(root, kSpecKeys, kSpecWhat);
  ReadField(reader, builder, root, SpecField::kName, true);
  for (SpecField field : {SpecField::kVendor, SpecField::kKind, SpecField::kMarketedFor, SpecField::kReleased}) {
    ReadField(reader, builder, root, field);
  }
  const auto section = [&root](const char* key) {
    const YAML::Node node = root[key];
    return node.IsDefined() && !node.IsNull() ? std::optional<YAML::Node>(node) : std::nullopt;
  };
  if (auto node = section("throughput")) ReadThroughput(reader, builder, *node);
  if (auto node = section("dies")) ReadDies(reader, builder, *node);
  if (auto node = section("memory")) {
    ReadSection(reader, builder, *node, "memory", kMemoryKeys, kMemoryFields);
  }
  if (auto node = section("interconnect")) {
    ReadSection(reader, builder, *node, "interconnect", kInterconnectKeys, kInterconnectFields);
  }
  if (auto node = section("package")) {
    ReadSection(reader, builder, *node, "package", kPackageKeys, kPackageFields);
  }
  if (auto node = section("described_in")) {
    if (reader.ExpectSequence(*node, kDescribedInWhat)) {
      builder.StartDescribedIn();
      for (const YAML::Node& item : *node) {
        if (auto text = reader.ScalarValue(item, kParagraphWhat)) builder.AddDescribedIn(*text);
      }
    }
  }
  if (auto node = section("sources")) ReadSources(reader, builder, *node);
}

}  // namespace

Loaded<ChipSpec> ParseChipSpec(std::string_view yaml, std::string_view file, const FormatTable& formats) {
  Loaded<ChipSpec> result;
  YamlReader reader(yaml, std::string(file), result.diagnostics);
  const std::optional<YAML::Node> root = reader.Load();
  if (!root || !reader.ExpectMap(*root, kSpecWhat)) return result;
  SpecBuilder builder(formats);
  builder.spec().file = std::string(file);
  try {
    ReadSpec(reader, *root, builder);
  } catch (const YAML::Exception& e) {
    // A yaml-cpp precondition this reader failed to check: report, never crash.
    reader.Error(SourceLocation{std::string(file)},
                 fmt::format("internal error reading the YAML structure: {}", e.what()));
  }
  // Report in file order, whatever order the fields were checked in.
  std::stable_sort(result.diagnostics.begin(), result.diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.location.line, a.location.column) < std::tie(b.location.line, b.location.column);
  });
  if (!reader.failed()) result.value = std::move(builder.spec());
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
