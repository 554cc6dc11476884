#include "yaml_reader.h"

#include <fmt/format.h>
#include <algorithm>
#include <array>
#include <fstream>
#include <set>
#include <sstream>

#include "printable_text.h"

namespace eccn {

std::optional<std::string> ReadInputFile(const std::filesystem::path& path, std::vector<Diagnostic>& diagnostics) {
  const std::string name = path.string();
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) {
    diagnostics.push_back({Severity::kError, {name}, "is a directory, expected a file"});
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diagnostics.push_back({Severity::kError, {name}, "cannot open file"});
    return std::nullopt;
  }
  std::string text;
  std::array<char, 65536> buffer{};
  while (in.read(buffer.data(), buffer.size()) || in.gcount() > 0) {
    text.append(buffer.data(), static_cast<size_t>(in.gcount()));
    if (text.size() > kMaxInputBytes) {
      diagnostics.push_back(
          {Severity::kError, {name}, fmt::format("file is larger than the limit of {} bytes", kMaxInputBytes)});
      return std::nullopt;
    }
  }
  return text;
}

namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

// The character at k ends a token: end of line, or a blank follows.
bool EndsToken(std::string_view text, size_t k, size_t line_end) { return k + 1 >= line_end || IsBlank(text[k + 1]); }

}  // namespace

std::optional<YamlHazard> FindYamlHazard(std::string_view text) {
  for (size_t k = 0; k < text.size(); ++k) {
    const auto byte = static_cast<unsigned char>(text[k]);
    if ((byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r') || byte == 0x7F) {
      return YamlHazard{k, fmt::format("invalid YAML: control character 0x{:02X} is not allowed", byte)};
    }
  }
  const YamlHazard stray_comma{0, "invalid YAML: ',' outside a [list] or {map}"};
  static constexpr std::string_view kTextAfterNode =
      "invalid YAML: text after a closing quote, ']' or '}', expected ':', a comment or the end of the line";
  int flow_depth = 0;
  size_t nesting_start = 0;
  char quote = 0;
  int previous_indent = -1;      // indentation of the previous line with content
  bool plain_at_eol = false;     // the previous line ended inside a plain scalar
  int block_scalar_indent = -1;  // inside a | or > scalar: the indentation of its parent line
  size_t i = 0;
  while (i < text.size()) {
    size_t line_end = text.find('\n', i);
    if (line_end == std::string_view::npos) line_end = text.size();
    size_t first = i;
    while (first < line_end && IsBlank(text[first])) ++first;
    const int indent = static_cast<int>(first - i);
    const bool has_content = first < line_end;
    // Lines of a block scalar are text, whatever they hold.
    if (block_scalar_indent >= 0 && (!has_content || indent > block_scalar_indent)) {
      i = line_end + 1;
      continue;
    }
    block_scalar_indent = -1;
    if (quote == 0 && flow_depth == 0 && has_content && text[i] == '\t') {
      return YamlHazard{i, "invalid YAML: a tab cannot indent a line; indent with spaces"};
    }
    size_t k = first;
    // yaml-cpp takes a '%' in column 1 for a directive, wherever it stands:
    // like a document marker, it ends what came before.
    if (quote == 0 && flow_depth == 0 && has_content && first == i && text[i] == '%') {
      previous_indent = -1;
      plain_at_eol = false;
      i = line_end + 1;
      continue;
    }
    if (quote == 0 && flow_depth == 0 && text.substr(first, 3) == "---" && EndsToken(text, first + 2, line_end)) {
      k = first + 3;
      previous_indent = -1;
      plain_at_eol = false;
    }
    // A more indented line after a plain scalar may continue it, and a plain
    // scalar may contain ','; anywhere else a line starts a new token.
    bool token_start = !(plain_at_eol && indent > previous_indent);
    bool after_node = false;  // only blanks since a quoted scalar or flow collection closed
    bool in_plain = !token_start;
    for (; k < line_end; ++k) {
      const char c = text[k];
      if (quote != 0) {
        // \x escapes a character in "...", and '' is a quote inside '...'.
        const bool escape =
            (quote == '"' && c == '\\') || (quote == '\'' && c == '\'' && k + 1 < line_end && text[k + 1] == '\'');
        if (escape) {
          ++k;
        } else if (c == quote) {
          quote = 0;
          after_node = flow_depth == 0;
        }
        continue;
      }
      if (c == '#' && (k == first || IsBlank(text[k - 1]))) {
        in_plain = false;  // a comment ends a plain scalar
        break;
      }
      if (flow_depth > 0) {
        if (c == '"' || (c == '\'' && std::string_view(" [{,:").find(text[k - 1]) != std::string_view::npos)) {
          quote = c;
        } else if (c == '[' || c == '{') {
          if (++flow_depth > kMaxFlowDepth) return YamlHazard{nesting_start, "invalid YAML: nested too deeply"};
        } else if (c == ']' || c == '}') {
          after_node = --flow_depth == 0;
        }
        continue;
      }
      if (IsBlank(c)) continue;
      if (c == ',' && (token_start || after_node)) return YamlHazard{k, stray_comma.message};
      // After a quoted scalar or a flow collection only ':' may follow on the line.
      if (after_node && c != ':') return YamlHazard{k, std::string(kTextAfterNode)};
      after_node = false;
      if (in_plain) {
        if (c == ':' && EndsToken(text, k, line_end)) {
          in_plain = false;
          token_start = true;
        }
        continue;
      }
      token_start = true;
      if ((c == '-' || c == '?' || c == ':') && EndsToken(text, k, line_end)) continue;  // indicators
      if (c == '!' || c == '&' || c == '*') {  // tag, anchor or alias: no ',' may touch it
        for (; k < line_end && !IsBlank(text[k]); ++k) {
          if (text[k] == ',') return YamlHazard{k, stray_comma.message};
        }
        continue;
      }
      token_start = false;
      if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '[' || c == '{') {
        flow_depth = 1;
        nesting_start = k;
      } else if (c == '|' || c == '>') {
        block_scalar_indent = indent;
        break;
      } else {
        in_plain = true;
      }
    }
    if (has_content && text[first] != '#') previous_indent = indent;
    if (has_content) plain_at_eol = in_plain && quote == 0 && flow_depth == 0;
    i = line_end + 1;
  }
  return std::nullopt;
}

YamlReader::YamlReader(std::string_view text, std::string file, std::vector<Diagnostic>& diagnostics)
    : text_(text), file_(std::move(file)), diagnostics_(diagnostics) {
  if (text_.starts_with(kByteOrderMark)) text_.remove_prefix(kByteOrderMark.size());
  line_starts_.push_back(0);
  for (size_t i = 0; i < text_.size(); ++i) {
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
  }
}

std::optional<YAML::Node> YamlReader::Load() { return Load(ParseYaml(text_)); }

std::optional<YAML::Node> YamlReader::Load(YamlParse parsed) {
  control_ = std::move(parsed.control);
  if (parsed.document) return std::move(parsed.document);
  SourceLocation at{file_, parsed.line, parsed.column};
  if (parsed.offset) {
    const auto [line, column] = LineColumn(*parsed.offset);
    at = SourceLocation{file_, line, column};
  }
  Error(std::move(at), std::move(parsed.message));
  return std::nullopt;
}

std::vector<std::optional<YAML::Node>> YamlReader::LoadAll(std::span<YamlReader* const> readers) {
  std::vector<std::string_view> texts;
  for (const YamlReader* reader : readers) texts.push_back(reader->text_);
  std::vector<YamlParse> parsed = ParseYamlTexts(texts);
  std::vector<std::optional<YAML::Node>> roots;
  for (size_t i = 0; i < readers.size(); ++i) roots.push_back(readers[i]->Load(std::move(parsed[i])));
  return roots;
}

std::pair<int, int> YamlReader::LineColumn(size_t byte_offset) const {
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), byte_offset);
  const size_t line_index = static_cast<size_t>(it - line_starts_.begin()) - 1;
  return {static_cast<int>(line_index) + 1, static_cast<int>(byte_offset - line_starts_[line_index]) + 1};
}

SourceLocation YamlReader::At(const YAML::Node& node) const {
  if (!node.IsDefined()) return {file_};  // a missing key has no position (and Mark() would throw)
  const YAML::Mark mark = node.Mark();
  if (mark.line < 0) return {file_};
  return {file_, mark.line + 1, mark.column + 1};
}

SourceLocation YamlReader::AtOffset(const YAML::Node& node, size_t offset) const {
  if (!node.IsDefined()) return {file_};
  if (node.Mark().pos < 0 || !node.IsScalar()) return At(node);
  return AtValueOffset(node.Mark(), node.Scalar(), offset, At(node));
}

SourceLocation YamlReader::AtValueOffset(const YAML::Mark& start, std::string_view value, size_t offset,
                                         const SourceLocation& fallback) const {
  // Walk the source alongside the value: the value is the source with quoting,
  // indentation and line folding removed, so each visible character of the
  // value is the next occurrence of that character in the source.
  auto cursor = static_cast<size_t>(start.pos);
  size_t last = cursor;
  const size_t limit = std::min(offset, value.size());
  for (size_t k = 0; k <= limit && k < value.size(); ++k) {
    const char c = value[k];
    if (c == ' ' || c == '\n' || c == '\t') continue;
    while (cursor < text_.size() && text_[cursor] != c) ++cursor;
    if (cursor >= text_.size()) return fallback;
    last = cursor;
    if (k == limit) break;
    ++cursor;
  }
  if (offset >= value.size()) last = std::min(last + 1, text_.size());
  const auto [line, column] = LineColumn(last);
  return {file_, line, column};
}

bool YamlReader::CheckPrintableText() {
  if (!control_) return true;
  const ScalarControl& control = *control_;
  const SourceLocation start{file_, control.start.line + 1, control.start.column + 1};
  // A character written as an escape ("\e") is not in the source: the scalar's start stands for it.
  const SourceLocation at =
      control.start.pos < 0 ? start : AtValueOffset(control.start, control.value, control.offset, start);
  Error(at, fmt::format("control character {}: text in rule files is printable, line breaks and tabs aside",
                        EscapedControlCharacterAt(control.value, control.offset)));
  return false;
}

void YamlReader::Error(const YAML::Node& node, std::string message) { Error(At(node), std::move(message)); }

void YamlReader::Error(SourceLocation location, std::string message) {
  Diagnostic diagnostic{Severity::kError, std::move(location), std::move(message)};
  // YAML aliases share one node, so the same problem can be found once per use.
  const bool seen = std::any_of(diagnostics_.begin(), diagnostics_.end(), [&](const Diagnostic& d) {
    return d.location == diagnostic.location && d.message == diagnostic.message;
  });
  if (!seen) diagnostics_.push_back(std::move(diagnostic));
}

void YamlReader::Warning(const YAML::Node& node, std::string message) {
  diagnostics_.push_back({Severity::kWarning, At(node), std::move(message)});
}

bool YamlReader::failed() const { return HasErrors(diagnostics_); }

bool YamlReader::ExpectMap(const YAML::Node& node, std::string_view what) {
  if (node.IsMap()) return true;
  Error(node, ExpectedMapMessage(what));
  return false;
}

bool YamlReader::ExpectSequence(const YAML::Node& node, std::string_view what) {
  if (node.IsSequence()) return true;
  Error(node, ExpectedListMessage(what));
  return false;
}

void YamlReader::CheckKeys(const YAML::Node& map, std::span<const std::string_view> allowed, std::string_view where) {
  std::set<std::string> seen;
  for (const auto& item : map) {
    if (!item.first.IsScalar()) {
      Error(item.first, fmt::format("keys in {} must be plain names", where));
      continue;
    }
    const std::string& key = item.first.Scalar();
    if (!seen.insert(key).second) {
      Error(item.first, fmt::format("duplicate key '{}' in {}", key, where));
      continue;
    }
    if (key.starts_with("x-")) continue;
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    Error(item.first, UnknownKeyMessage(key, allowed, where));
  }
}

std::string ExpectedMapMessage(std::string_view what) {
  return fmt::format("expected {} (a map of keys to values)", what);
}

std::string ExpectedListMessage(std::string_view what) { return fmt::format("expected {} (a list)", what); }

std::string ExpectedScalarMessage(std::string_view what) {
  return fmt::format("expected a single value for {}, not a list or map", what);
}

std::string UnknownKeyMessage(std::string_view key, std::span<const std::string_view> allowed, std::string_view where) {
  const std::string suggestion = ClosestMatch(key, allowed);
  if (!suggestion.empty()) return fmt::format("unknown key '{}' in {}; did you mean '{}'?", key, where, suggestion);
  std::string list;
  for (std::string_view name : allowed) list += fmt::format("{}{}", list.empty() ? "" : ", ", name);
  return fmt::format("unknown key '{}' in {}; expected one of: {}", key, where, list);
}

std::optional<std::string> YamlReader::Scalar(const YAML::Node& map, std::string_view key, bool required) {
  const YAML::Node node = map[std::string(key)];
  if (!node.IsDefined() || node.IsNull()) {
    if (required) Error(map, fmt::format("missing required key '{}'", key));
    return std::nullopt;
  }
  return ScalarValue(node, fmt::format("'{}'", key));
}

std::optional<std::string> YamlReader::ScalarValue(const YAML::Node& node, std::string_view what) {
  if (!node.IsScalar()) {
    Error(node, ExpectedScalarMessage(what));
    return std::nullopt;
  }
  return node.Scalar();
}

std::string ClosestMatch(std::string_view word, std::span<const std::string_view> candidates) {
  auto distance = [](std::string_view a, std::string_view b) {
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
      size_t diagonal = row[0];
      row[0] = i;
      for (size_t j = 1; j <= b.size(); ++j) {
        const size_t above = row[j];
        row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
        diagonal = above;
      }
    }
    return row[b.size()];
  };
  std::string best;
  size_t best_distance = std::max<size_t>(2, word.size() / 3) + 1;
  for (std::string_view candidate : candidates) {
    const size_t d = distance(word, candidate);
    if (d < best_distance) {
      best_distance = d;
      best = std::string(candidate);
    }
  }
  return best;
}

}  // namespace eccn
