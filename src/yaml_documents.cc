#include "yaml_documents.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <numeric>
#include <sstream>
#include <string>
#include <system_error>
#include <thread>

#include "input_text.h"
#include "printable_text.h"
#include "yaml_reader.h"

namespace eccn {
namespace {

// Keeps the position of the first event of a document, and its first scalar
// with a control character.
class FirstMark : public YAML::EventHandler {
 public:
  std::optional<YAML::Mark> mark;
  std::optional<ScalarControl> control;

  void OnDocumentStart(const YAML::Mark& at) override { Note(at); }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& at, YAML::anchor_t /*anchor*/) override { Note(at); }
  void OnAlias(const YAML::Mark& at, YAML::anchor_t /*anchor*/) override { Note(at); }
  void OnScalar(const YAML::Mark& at, const std::string& /*tag*/, YAML::anchor_t /*anchor*/,
                const std::string& value) override {
    Note(at);
    if (control) return;
    if (const size_t offset = FirstControlCharacterInMultilineText(value); offset != std::string::npos) {
      control = ScalarControl{at, value, offset};
    }
  }
  void OnSequenceStart(const YAML::Mark& at, const std::string& /*tag*/, YAML::anchor_t /*anchor*/,
                       YAML::EmitterStyle::value /*style*/) override {
    Note(at);
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& at, const std::string& /*tag*/, YAML::anchor_t /*anchor*/,
                  YAML::EmitterStyle::value /*style*/) override {
    Note(at);
  }
  void OnMapEnd() override {}

 private:
  void Note(const YAML::Mark& at) {
    if (!mark) mark = at;
  }
};

}  // namespace

std::optional<YAML::Mark> SecondDocumentStart(std::string_view text, std::optional<ScalarControl>* first_control) {
  std::istringstream in{std::string(text)};
  YAML::Parser parser(in);
  FirstMark first;
  const bool any = parser.HandleNextDocument(first);
  if (first_control != nullptr) *first_control = std::move(first.control);
  if (!any) return std::nullopt;
  FirstMark second;
  if (!parser.HandleNextDocument(second)) return std::nullopt;
  return second.mark.value_or(YAML::Mark{});
}

YamlParse ParseYaml(std::string_view text) {
  YamlParse out;
  const auto refuse = [&out](size_t offset, std::string message) {
    out.offset = offset;
    out.message = std::move(message);
    return std::move(out);
  };
  if (text.size() > kMaxInputBytes) {
    out.message = fmt::format("input is larger than the limit of {} bytes", kMaxInputBytes);
    return out;
  }
  // yaml-cpp does not reject malformed UTF-8 and can take very long on it, so
  // it is refused here, with its position.
  if (const size_t bad = FirstInvalidUtf8(text); bad != std::string_view::npos) {
    return refuse(bad, "invalid UTF-8; files must be UTF-8 encoded");
  }
  if (const std::optional<YamlHazard> hazard = FindYamlHazard(text)) return refuse(hazard->offset, hazard->message);
  try {
    if (const std::optional<YAML::Mark> second = SecondDocumentStart(text, &out.control)) {
      const size_t offset = second->pos < 0 ? text.size() : static_cast<size_t>(second->pos);
      out.line = std::max(second->line, 0) + 1;
      out.column = std::max(second->column, 0) + 1;
      out.message = text.substr(offset).starts_with("---") || offset >= text.size()
                        ? "several YAML documents in one file, expected one"
                        : fmt::format("invalid YAML: unexpected '{}', expected the end of the document", text[offset]);
      return out;
    }
    YAML::Node document = YAML::Load(std::string(text));
    if (document.IsNull()) {
      out.line = 1;
      out.column = 1;
      out.message = "empty document, expected a YAML map";
      return out;
    }
    out.document = std::move(document);
  } catch (const YAML::Exception& e) {
    out.line = e.mark.line < 0 ? 0 : e.mark.line + 1;
    out.column = e.mark.column < 0 ? 0 : e.mark.column + 1;
    out.message = fmt::format("invalid YAML: {}", e.msg);
  }
  return out;
}

std::vector<YamlParse> ParseYamlTexts(std::span<const std::string_view> texts) {
  std::vector<std::optional<YamlParse>> results(texts.size());
  // Largest first, each thread taking the next: the two finish close together.
  std::vector<size_t> order(texts.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return texts[a].size() > texts[b].size(); });
  std::atomic<size_t> next{0};
  const auto parse = [&] {
    for (size_t k = next++; k < order.size(); k = next++) results[order[k]].emplace(ParseYaml(texts[order[k]]));
  };
  std::optional<std::thread> helper;
  if (texts.size() >= 2 && std::thread::hardware_concurrency() >= 2) {
    try {
      helper.emplace(parse);
    } catch (const std::system_error&) {  // no thread to be had: this one parses them all
    }
  }
  parse();
  if (helper) helper->join();
  std::vector<YamlParse> parsed;
  parsed.reserve(results.size());
  for (std::optional<YamlParse>& result : results) parsed.push_back(std::move(*result));
  return parsed;
}

}  // namespace eccn
