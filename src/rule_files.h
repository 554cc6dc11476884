// Helpers shared by the rule loaders: the format table reader, name checks,
// typed reads and the kinds of rules file.
#pragma once

#include <array>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <eccn/rules.h>
#include "yaml_reader.h"

namespace eccn {

// Kinds of rules file read by LoadLicenseRules; the pack loader skips them.
inline constexpr std::array<std::string_view, 3> kLicenseKinds = {"countries", "country-groups", "license"};
bool IsLicenseKind(std::string_view kind);
// The value of a plain top-level `kind: NAME` line, found without parsing the
// YAML, so that each loader skips the files meant for the other unparsed;
// nullopt when there is no such line (the file is then parsed to find out).
std::optional<std::string_view> PeekKind(std::string_view text);
// Every kind a rules file can have, quoted, for error messages.
std::string KnownKinds();

// Names usable in expressions: a letter or '_', then letters, digits and '_'.
bool IsIdentifier(std::string_view text);

// Reads a `kind: formats` file: operand formats and their bit lengths.
std::optional<FormatTable> ReadFormats(YamlReader& reader, const YAML::Node& root);

// map[key] as a YYYY-MM-DD date; reports a malformed one.
std::optional<Date> ReadDate(YamlReader& reader, const YAML::Node& map, std::string_view key, bool required);
// map[key] as a list of scalars; empty when absent.
std::vector<std::string> ReadStringList(YamlReader& reader, const YAML::Node& map, std::string_view key);

// Every *.yaml / *.yml file below `dir`, sorted.
void CollectYamlFiles(const std::filesystem::path& dir, std::vector<std::filesystem::path>& out);

// The text of each of `paths` that can be read; the others are reported.
std::vector<RuleSource> ReadSources(const std::vector<std::filesystem::path>& paths,
                                    std::vector<Diagnostic>& diagnostics);

// Parses `sources` with `parse`, after the problems met reading them
// (`read_diagnostics`); any error leaves no value.
template <class T, class Parse>
Loaded<T> ParseSources(std::vector<Diagnostic> read_diagnostics, std::span<const RuleSource> sources, Parse parse) {
  Loaded<T> result = parse(sources);
  read_diagnostics.insert(read_diagnostics.end(), result.diagnostics.begin(), result.diagnostics.end());
  result.diagnostics = std::move(read_diagnostics);
  if (HasErrors(result.diagnostics)) result.value.reset();
  return result;
}

// Reads `paths` and parses them all with `parse`; problems reading a file come
// first, and any error leaves no value.
template <class T, class Parse>
Loaded<T> ParseFiles(const std::vector<std::filesystem::path>& paths, Parse parse) {
  std::vector<Diagnostic> diagnostics;
  const std::vector<RuleSource> sources = ReadSources(paths, diagnostics);
  return ParseSources<T>(std::move(diagnostics), sources, parse);
}

}  // namespace eccn
