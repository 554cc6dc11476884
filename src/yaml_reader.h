// The one place that talks to yaml-cpp: loads documents, converts its
// 0-based marks to 1-based positions, and checks the shape of maps so every
// schema error reads "file:line:column: what is wrong, what was expected".
#pragma once

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <eccn/diagnostic.h>
#include "input_text.h"
#include "yaml_documents.h"

namespace eccn {

// Input that yaml-cpp 0.7 mishandles, found before it parses:
//  - a ',' outside any flow collection where a plain-scalar continuation is
//    impossible (", a", "- a\n, b", "--- , a", "\"\","), and text after a
//    quoted scalar or a flow collection other than ':' or a comment
//    ("\"a\" b", "[a]b"): none is valid YAML. yaml-cpp's LoadAll loops
//    forever on many of these (fuzz findings); documents are counted without
//    it (yaml_documents.h), and this check names the mistake more plainly;
//  - flow collections nested deeper than kMaxFlowDepth ("[[[[..."): yaml-cpp
//    fails with "bad file" at the end of the line;
//  - a line indented with a tab: yaml-cpp reports an unrelated error;
//  - control characters (NUL...), which YAML does not allow.
struct YamlHazard {
  size_t offset = 0;
  std::string message;
};
inline constexpr int kMaxFlowDepth = 64;
std::optional<YamlHazard> FindYamlHazard(std::string_view text);

// Reads a whole file, or reports why not (with line 0).
std::optional<std::string> ReadInputFile(const std::filesystem::path& path, std::vector<Diagnostic>& diagnostics);

class YamlReader {
 public:
  YamlReader(std::string_view text, std::string file, std::vector<Diagnostic>& diagnostics);

  // Parses the single document; nullopt (with a diagnostic) on a syntax error
  // or an empty document.
  std::optional<YAML::Node> Load();
  // Load() of each reader, the texts parsed on up to two threads (parsing is
  // most of what loading the rule packs costs); diagnostics in reader order.
  // Not const: operator[] of a const Node throws on a missing key.
  static std::vector<std::optional<YAML::Node>> LoadAll(std::span<YamlReader* const> readers);

  SourceLocation At(const YAML::Node& node) const;
  // The position of character `offset` of the scalar `node`'s value, found in
  // the source text (so block scalars and quoting are accounted for).
  SourceLocation AtOffset(const YAML::Node& node, size_t offset) const;

  void Error(const YAML::Node& node, std::string message);
  void Error(SourceLocation location, std::string message);
  void Warning(const YAML::Node& node, std::string message);

  // True if `node` is a map; otherwise reports "expected <what>".
  bool ExpectMap(const YAML::Node& node, std::string_view what);
  bool ExpectSequence(const YAML::Node& node, std::string_view what);
  // Reports duplicate keys and keys not in `allowed` (with a suggestion).
  // Keys starting with "x-" are extensions and always allowed.
  void CheckKeys(const YAML::Node& map, std::span<const std::string_view> allowed, std::string_view where);

  // The scalar text of map[key]; nullopt if the key is absent or null. Reports
  // an error if present but not a scalar, or if `required` and absent.
  std::optional<std::string> Scalar(const YAML::Node& map, std::string_view key, bool required = false);
  // Same for a node already in hand.
  std::optional<std::string> ScalarValue(const YAML::Node& node, std::string_view what);

  // After Load(): reports a scalar, key or value, that holds a control
  // character other than a line break or a tab; false if there is one. Rule
  // files call it: their text (titles, citations, notes) is printed in tables,
  // where an escape sequence would act on the terminal.
  bool CheckPrintableText();

  const std::string& file() const { return file_; }
  bool failed() const;

 private:
  // Load() from ParseYaml(text_) done beforehand.
  std::optional<YAML::Node> Load(YamlParse parsed);
  std::pair<int, int> LineColumn(size_t byte_offset) const;
  // AtOffset for the scalar `value` starting at `start`; `fallback` when the
  // character cannot be found in the source.
  SourceLocation AtValueOffset(const YAML::Mark& start, std::string_view value, size_t offset,
                               const SourceLocation& fallback) const;

  std::string_view text_;
  std::string file_;
  std::vector<Diagnostic>& diagnostics_;
  std::vector<size_t> line_starts_;
  std::optional<ScalarControl> control_;  // from the parse, for CheckPrintableText
};

// "expected <what> (a map of keys to values)", "... (a list)", "expected a
// single value for <what>, not a list or map": schema messages every input
// format shares.
std::string ExpectedMapMessage(std::string_view what);
std::string ExpectedListMessage(std::string_view what);
std::string ExpectedScalarMessage(std::string_view what);

// "unknown key 'x' in <where>; did you mean 'y'?" (or the list of allowed keys).
std::string UnknownKeyMessage(std::string_view key, std::span<const std::string_view> allowed, std::string_view where);

// The closest of `candidates` to `word` by edit distance, or "" if none is close.
std::string ClosestMatch(std::string_view word, std::span<const std::string_view> candidates);

}  // namespace eccn
