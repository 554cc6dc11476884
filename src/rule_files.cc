// The operand-format table (rules/formats.yaml) and loading rules from disk.
#include "rule_files.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include "ascii.h"
#include "rule_cache/rule_cache.h"
#include "units.h"

namespace eccn {
namespace {

constexpr int kMaxFormatBits = 1024;

}  // namespace

void CollectYamlFiles(const std::filesystem::path& dir, std::vector<std::filesystem::path>& out) {
  std::error_code error;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, error);
       !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
    const auto extension = it->path().extension();
    if (it->is_regular_file(error) && (extension == ".yaml" || extension == ".yml")) out.push_back(it->path());
  }
  std::sort(out.begin(), out.end());
}

std::vector<RuleSource> ReadSources(const std::vector<std::filesystem::path>& paths,
                                    std::vector<Diagnostic>& diagnostics) {
  std::vector<RuleSource> sources;
  for (const auto& file : paths) {
    if (auto text = ReadInputFile(file, diagnostics)) sources.push_back({file.string(), std::move(*text)});
  }
  return sources;
}

std::optional<Date> ReadDate(YamlReader& reader, const YAML::Node& map, std::string_view key, bool required) {
  const auto text = reader.Scalar(map, key, required);
  if (!text) return std::nullopt;
  auto date = Date::Parse(*text);
  if (!date)
    reader.Error(map[std::string(key)], fmt::format("invalid date '{}' for '{}', expected YYYY-MM-DD", *text, key));
  return date;
}

std::vector<std::string> ReadStringList(YamlReader& reader, const YAML::Node& map, std::string_view key) {
  std::vector<std::string> out;
  const YAML::Node node = map[std::string(key)];
  if (!node.IsDefined() || node.IsNull()) return out;
  if (!reader.ExpectSequence(node, fmt::format("'{}'", key))) return out;
  for (const YAML::Node& item : node) {
    if (auto text = reader.ScalarValue(item, fmt::format("an item of '{}'", key))) out.push_back(*text);
  }
  return out;
}

bool IsLicenseKind(std::string_view kind) {
  return std::find(kLicenseKinds.begin(), kLicenseKinds.end(), kind) != kLicenseKinds.end();
}

std::optional<std::string_view> PeekKind(std::string_view text) {
  constexpr std::string_view kKey = "kind:";
  for (size_t start = 0; start < text.size();) {
    const size_t end = std::min(text.find('\n', start), text.size());
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    if (!line.starts_with(kKey)) continue;
    line.remove_prefix(kKey.size());
    line = line.substr(0, line.find(" #"));
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) line.remove_suffix(1);
    if (line.size() >= 2 && (line.front() == '\'' || line.front() == '"') && line.back() == line.front()) {
      line = line.substr(1, line.size() - 2);
    }
    const bool plain = !line.empty() && std::all_of(line.begin(), line.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || IsAsciiDigit(c) || c == '-' || c == '_';
    });
    return plain ? std::optional<std::string_view>(line) : std::nullopt;
  }
  return std::nullopt;
}

std::string KnownKinds() {
  std::string out = "'formats', 'pack'";
  for (std::string_view kind : kLicenseKinds) out += fmt::format(", '{}'", kind);
  return out;
}

bool IsIdentifier(std::string_view text) {
  if (text.empty() || !(std::isalpha(static_cast<unsigned char>(text[0])) || text[0] == '_')) return false;
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

std::optional<FormatTable> ReadFormats(YamlReader& reader, const YAML::Node& root) {
  static constexpr std::array<std::string_view, 4> kKeys{"kind", "title", "citation", "formats"};
  reader.CheckKeys(root, kKeys, "a format table");
  FormatTable table;
  const YAML::Node list = root["formats"];
  if (!list.IsDefined()) {
    reader.Error(root, "missing required key 'formats'");
    return std::nullopt;
  }
  if (!reader.ExpectSequence(list, "'formats' as a list of {name, bits}")) return std::nullopt;
  for (const YAML::Node& item : list) {
    if (!reader.ExpectMap(item, "a format")) continue;
    static constexpr std::array<std::string_view, 3> kFormatKeys{"name", "bits", "note"};
    reader.CheckKeys(item, kFormatKeys, "a format");
    const auto name = reader.Scalar(item, "name", true);
    const auto bits = reader.Scalar(item, "bits", true);
    if (!name || !bits) continue;
    if (!IsIdentifier(*name)) {
      reader.Error(item["name"], fmt::format("invalid format name '{}', expected letters, digits and '_'", *name));
      continue;
    }
    if (table.Find(*name) != nullptr) {
      reader.Error(item["name"], fmt::format("format '{}' is defined twice", *name));
      continue;
    }
    auto value = ParseDecimal(*bits);
    if (!value || *value < 1 || *value > kMaxFormatBits || boost::multiprecision::denominator(*value) != 1) {
      reader.Error(item["bits"],
                   fmt::format("invalid bit length '{}', expected a whole number from 1 to {}", *bits, kMaxFormatBits));
      continue;
    }
    table.formats.push_back({*name, value->convert_to<int>(), reader.Scalar(item, "note").value_or("")});
  }
  if (reader.failed()) return std::nullopt;
  return table;
}

const OperandFormat* FormatTable::Find(std::string_view name) const {
  for (const OperandFormat& format : formats) {
    if (format.name == name) return &format;
  }
  return nullptr;
}

Loaded<RuleSet> LoadRules(const std::filesystem::path& path) { return LoadRules(path, RuleLoadOptions{}); }

Loaded<RuleSet> LoadRules(const std::filesystem::path& path, const RuleLoadOptions& options) {
  std::vector<std::filesystem::path> paths;
  std::error_code error;
  const bool directory = std::filesystem::is_directory(path, error);
  if (directory) {
    CollectYamlFiles(path, paths);
  } else if (std::filesystem::exists(path, error)) {
    // A single pack: pair it with the nearest formats.yaml above it.
    paths.push_back(path);
    for (auto dir = std::filesystem::absolute(path, error).parent_path(); !dir.empty(); dir = dir.parent_path()) {
      if (std::filesystem::exists(dir / "formats.yaml", error)) {
        if (!std::filesystem::equivalent(dir / "formats.yaml", path, error)) paths.push_back(dir / "formats.yaml");
        break;
      }
      if (dir == dir.parent_path()) break;
    }
  } else {
    Loaded<RuleSet> missing;
    missing.diagnostics.push_back({Severity::kError, {path.string()}, "no such file or directory"});
    return missing;
  }
  std::vector<Diagnostic> read_diagnostics;
  const std::vector<RuleSource> sources = ReadSources(paths, read_diagnostics);
  std::vector<std::filesystem::path> cache_dirs;
  if (!options.cache_dir.empty()) cache_dirs.push_back(options.cache_dir);
  cache_dirs.insert(cache_dirs.end(), options.read_only_cache_dirs.begin(), options.read_only_cache_dirs.end());
  // Files of a rules directory are cached by their names in it, so the directory may move.
  const std::string root = directory ? path.string() : std::string();
  std::optional<std::string> key;
  if (!cache_dirs.empty() && read_diagnostics.empty()) key = rule_cache::KeyOf(sources, root);
  for (const std::filesystem::path& dir : cache_dirs) {
    if (!key) break;
    if (std::optional<RuleSet> cached = rule_cache::Load(dir, *key, root)) return {std::move(cached), {}};
  }
  Loaded<RuleSet> result = ParseSources<RuleSet>(std::move(read_diagnostics), sources, ParseRules);
  if (key && !options.cache_dir.empty() && result.ok() && result.diagnostics.empty()) {
    rule_cache::Store(options.cache_dir, *key, *result.value, root);
  }
  return result;
}

}  // namespace eccn
