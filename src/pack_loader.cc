// Loads rule files: the operand-format table and rule packs
// (docs/rule-format.md), compiling every expression with positions.
#include <fmt/format.h>
#include <algorithm>
#include <memory>

#include "pack_reader.h"
#include "rule_files.h"
#include "rule_set_impl.h"
#include "sha256.h"
#include "yaml_reader.h"

namespace eccn {
namespace {

struct ParsedFile {
  std::unique_ptr<YamlReader> reader;
  YAML::Node root;
  std::string kind;
};

}  // namespace

Loaded<RuleSet> ParseRules(std::span<const RuleSource> sources) {
  Loaded<RuleSet> result;
  std::vector<ParsedFile> candidates;
  std::vector<YamlReader*> readers;
  for (const RuleSource& source : sources) {
    if (const auto kind = PeekKind(source.text); kind && IsLicenseKind(*kind)) continue;  // read by LoadLicenseRules
    candidates.push_back({std::make_unique<YamlReader>(source.text, source.file, result.diagnostics), {}, ""});
    readers.push_back(candidates.back().reader.get());
  }
  std::vector<std::optional<YAML::Node>> roots = YamlReader::LoadAll(readers);
  std::vector<ParsedFile> files;
  for (size_t i = 0; i < candidates.size(); ++i) {
    ParsedFile& file = candidates[i];
    std::optional<YAML::Node>& root = roots[i];
    if (!root) continue;
    file.reader->CheckPrintableText();  // reported, and the rest still read for more errors
    if (!file.reader->ExpectMap(*root, "a rules file")) continue;
    file.root = *root;
    const auto kind = file.reader->Scalar(file.root, "kind", true);
    if (!kind) continue;
    if (IsLicenseKind(*kind)) continue;  // read by LoadLicenseRules
    if (*kind != "formats" && *kind != "pack") {
      file.reader->Error(file.root["kind"], fmt::format("invalid kind '{}', expected {}", *kind, KnownKinds()));
      continue;
    }
    file.kind = *kind;
    files.push_back(std::move(file));
  }
  auto impl = std::make_shared<RuleSet::Impl>();
  for (const RuleSource& source : sources) impl->files.push_back({source.file, Sha256Hex(source.text)});
  int format_tables = 0;
  for (ParsedFile& file : files) {
    if (file.kind != "formats") continue;
    if (++format_tables > 1) {
      file.reader->Error(file.root, "a second format table; a rule set has exactly one");
      continue;
    }
    try {
      if (auto table = ReadFormats(*file.reader, file.root)) impl->formats = std::move(*table);
    } catch (const YAML::Exception& e) {
      file.reader->Error(SourceLocation{file.reader->file()},
                         fmt::format("internal error reading the YAML structure: {}", e.what()));
    }
  }
  if (format_tables == 0) {
    result.diagnostics.push_back({Severity::kError,
                                  {sources.empty() ? std::string("rules") : sources.front().file},
                                  "no format table (a file with 'kind: formats', normally rules/formats.yaml)"});
    return result;
  }
  if (HasErrors(result.diagnostics)) return result;
  for (ParsedFile& file : files) {
    if (file.kind != "pack") continue;
    std::optional<std::pair<PackInfo, CompiledPack>> pack;
    try {
      pack = ReadPack(*file.reader, impl->formats, file.root);
    } catch (const YAML::Exception& e) {
      // A yaml-cpp precondition this reader failed to check: report, never crash.
      file.reader->Error(SourceLocation{file.reader->file()},
                         fmt::format("internal error reading the YAML structure: {}", e.what()));
    }
    if (!pack) continue;
    const bool duplicate =
        std::any_of(impl->packs.begin(), impl->packs.end(), [&](const PackInfo& p) { return p.id == pack->first.id; });
    if (duplicate) {
      file.reader->Error(file.root["id"], fmt::format("pack id '{}' is used by another file", pack->first.id));
      continue;
    }
    impl->packs.push_back(std::move(pack->first));
    impl->compiled.push_back(std::move(pack->second));
  }
  if (HasErrors(result.diagnostics)) return result;
  result.value = RuleSet(std::move(impl));
  return result;
}

}  // namespace eccn