#include "cli/record.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "cli/render_json.h"
#include "cli/spec_json.h"
#include "sha256.h"

namespace eccn::cli {
namespace {

using Json = nlohmann::ordered_json;

std::string RelativeName(const std::string& file, const std::filesystem::path& rules_root) {
  std::error_code error;
  const std::filesystem::path base =
      std::filesystem::is_directory(rules_root, error) ? rules_root : rules_root.parent_path();
  const std::filesystem::path relative = std::filesystem::path(file).lexically_relative(base);
  return relative.empty() ? file : relative.generic_string();
}

// Rules files by name relative to the rules root, with their digests.
std::map<std::string, std::string> RuleFiles(const RuleSet& rules, const std::filesystem::path& rules_root) {
  std::map<std::string, std::string> files;
  for (const RuleFileDigest& file : rules.files()) files[RelativeName(file.file, rules_root)] = file.sha256;
  return files;
}

// Where the rules were read from is not part of the answer (their digests
// are): pack file names are dropped and trace locations made relative.
void MakePortable(Json& value, const std::filesystem::path& rules_root) {
  if (value.is_array()) {
    for (Json& item : value) MakePortable(item, rules_root);
    return;
  }
  if (!value.is_object()) return;
  for (auto& [key, item] : value.items()) {
    if (key == "location" && item.is_string()) {
      // "file:line:column": the file may itself contain ':'.
      const std::string location = item.get<std::string>();
      const size_t column = location.rfind(':');
      const size_t line = column == std::string::npos ? column : location.rfind(':', column - 1);
      if (line != std::string::npos) item = RelativeName(location.substr(0, line), rules_root) + location.substr(line);
    } else {
      MakePortable(item, rules_root);
    }
  }
}

Json PortableResult(Json result, const std::filesystem::path& rules_root) {
  if (result.contains("rules") && result["rules"].is_array()) {
    for (Json& pack : result["rules"]) pack.erase("file");
  }
  MakePortable(result, rules_root);
  return result;
}

void AddJsonDifferences(const Json& recorded, const Json& current, const std::string& prefix,
                        std::vector<RecordDifference>& out) {
  for (const Json& op : Json::diff(recorded, current)) {
    const std::string path = op["path"].get<std::string>();
    const Json::json_pointer pointer(path);
    const auto& kind = op["op"].get_ref<const std::string&>();
    RecordDifference difference{prefix + path, nullptr, nullptr};
    if (kind != "add") difference.recorded = recorded.at(pointer);
    if (kind != "remove") difference.current = op["value"];
    out.push_back(std::move(difference));
  }
}

std::optional<Posture> PostureNamed(const std::string& name) {
  if (name == Name(Posture::kEnforced)) return Posture::kEnforced;
  if (name == Name(Posture::kCfrText)) return Posture::kCfrText;
  return std::nullopt;
}

// "line:column" of a byte offset, for JSON syntax errors.
std::pair<int, int> LineAndColumn(const std::string& text, size_t offset) {
  int line = 1;
  int column = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {line, column};
}

// What a record must hold, checked before anything is re-run.
std::optional<std::string> StructureProblem(const Json& record) {
  if (!record.is_object()) return "a record is a JSON object";
  if (!record.contains("eccn_record") || record["eccn_record"] != kRecordVersion) {
    return fmt::format("'eccn_record' must be {} (a decision record written by eccn classify --record)",
                       kRecordVersion);
  }
  const auto is_string = [&](const Json& parent, const char* key) {
    return parent.is_object() && parent.contains(key) && parent[key].is_string();
  };
  if (!is_string(record, "eccn_version")) return "missing 'eccn_version', expected a string";
  if (!record.contains("context") || !is_string(record["context"], "as_of") ||
      !Date::Parse(record["context"]["as_of"].get<std::string>())) {
    return "missing or invalid 'context.as_of', expected a YYYY-MM-DD string";
  }
  if (!is_string(record["context"], "posture") || !PostureNamed(record["context"]["posture"].get<std::string>())) {
    return "missing or invalid 'context.posture', expected 'enforced' or 'cfr_text'";
  }
  if (!is_string(record["context"], "exporter")) return "missing 'context.exporter', expected a string";
  if (!record.contains("rules") || !record["rules"].is_object() || !record["rules"].contains("files") ||
      !record["rules"]["files"].is_array()) {
    return "missing 'rules.files', expected an array of {file, sha256}";
  }
  for (const Json& file : record["rules"]["files"]) {
    if (!is_string(file, "file") || !is_string(file, "sha256")) return "a 'rules.files' item lacks 'file' or 'sha256'";
  }
  if (!record.contains("inputs") || !record["inputs"].is_array()) return "missing 'inputs', expected an array";
  for (const Json& input : record["inputs"]) {
    if (!is_string(input, "file") || !is_string(input, "sha256") || !is_string(input, "text")) {
      return "an 'inputs' item lacks 'file', 'sha256' or 'text'";
    }
  }
  if (!record.contains("specs") || !record["specs"].is_array()) return "missing 'specs', expected an array";
  if (!record.contains("result") || !record["result"].is_object()) return "missing 'result', expected an object";
  return std::nullopt;
}

}  // namespace

Json BuildRecord(const Report& report, const RuleSet& rules, const std::filesystem::path& rules_root,
                 const std::vector<ChipSpec>& specs, const std::vector<RecordInput>& inputs) {
  Json record;
  record["eccn_record"] = kRecordVersion;
  record["eccn_version"] = Version();
  record["context"] = {
      {"as_of", report.as_of.ToString()}, {"posture", Name(report.posture)}, {"exporter", report.exporter}};
  Json files = Json::array();
  for (const auto& [name, digest] : RuleFiles(rules, rules_root)) files.push_back({{"file", name}, {"sha256", digest}});
  Json applied = Json::array();
  for (const PackInfo* pack : report.packs) applied.push_back(pack->id);
  record["rules"] = {{"content_digest", rules.ContentDigest()}, {"packs_applied", applied}, {"files", files}};
  Json input_list = Json::array();
  for (const RecordInput& input : inputs) {
    input_list.push_back({{"file", input.file}, {"sha256", Sha256Hex(input.text)}, {"text", input.text}});
  }
  record["inputs"] = std::move(input_list);
  Json normalized = Json::array();
  for (const ChipSpec& spec : specs) normalized.push_back(NormalizedSpecJson(spec));
  record["specs"] = std::move(normalized);
  record["result"] = PortableResult(ClassifyJson(report), rules_root);
  return record;
}

Loaded<Json> ReadRecord(const std::string& text, const std::string& file) {
  Loaded<Json> out;
  Json record;
  try {
    record = Json::parse(text);
  } catch (const Json::parse_error& e) {
    const auto [line, column] = LineAndColumn(text, e.byte == 0 ? 0 : e.byte - 1);
    out.diagnostics.push_back({Severity::kError, {file, line, column}, "not valid JSON, expected a decision record"});
    return out;
  }
  if (auto problem = StructureProblem(record)) {
    out.diagnostics.push_back({Severity::kError, {file, 1, 1}, *problem});
    return out;
  }
  out.value = std::move(record);
  return out;
}

Verification VerifyRecord(const Json& record, const RuleSet& rules, const std::filesystem::path& rules_root) {
  Verification result;
  result.recorded_version = record["eccn_version"].get<std::string>();
  result.recorded_digest = record["rules"].value("content_digest", "");
  result.current_digest = rules.ContentDigest();

  std::map<std::string, std::string> recorded_files;
  for (const Json& file : record["rules"]["files"]) recorded_files[file["file"]] = file["sha256"];
  const std::map<std::string, std::string> current_files = RuleFiles(rules, rules_root);
  for (const auto& [name, digest] : recorded_files) {
    const auto now = current_files.find(name);
    if (now == current_files.end()) {
      result.rules.push_back({"rules file " + name, digest, nullptr});
    } else if (now->second != digest) {
      result.rules.push_back({"rules file " + name, digest, now->second});
    }
  }
  for (const auto& [name, digest] : current_files) {
    if (!recorded_files.count(name)) result.rules.push_back({"rules file " + name, nullptr, digest});
  }

  std::vector<ChipSpec> specs;
  const Json& inputs = record["inputs"];
  for (size_t i = 0; i < inputs.size(); ++i) {
    const std::string text = inputs[i]["text"];
    const std::string file = inputs[i]["file"];
    const std::string digest = Sha256Hex(text);
    if (digest != inputs[i]["sha256"]) {
      result.results.push_back({fmt::format("/inputs/{}/sha256", i), inputs[i]["sha256"], digest});
    }
    Loaded<ChipSpec> spec = ParseChipSpec(text, file, rules.formats());
    if (!spec.ok()) {
      std::vector<std::string> messages;
      for (const Diagnostic& d : spec.diagnostics) messages.push_back(d.ToString());
      result.results.push_back({fmt::format("/inputs/{}/text", i), "a valid spec", JoinStrings(messages, "; ")});
      continue;
    }
    specs.push_back(std::move(*spec.value));
  }
  Json normalized = Json::array();
  for (const ChipSpec& spec : specs) normalized.push_back(NormalizedSpecJson(spec));
  AddJsonDifferences(record["specs"], normalized, "/specs", result.results);

  const Context context(*Date::Parse(record["context"]["as_of"].get<std::string>()),
                        *PostureNamed(record["context"]["posture"].get<std::string>()),
                        record["context"]["exporter"].get<std::string>());
  const Report report = ClassifyAll(rules, specs, context);
  AddJsonDifferences(record["result"], PortableResult(ClassifyJson(report), rules_root), "/result", result.results);
  return result;
}

}  // namespace eccn::cli
