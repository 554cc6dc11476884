// Counts the documents of a YAML text without yaml-cpp's LoadAll, which
// loops forever, allocating, when a document ends at a token its parser
// cannot start a node with (", a", "[a]b\n?\n"...): the parser reports an
// empty document without consuming the token, and LoadAll asks again.
#pragma once

#include <yaml-cpp/mark.h>
#include <yaml-cpp/node/node.h>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace eccn {

// A scalar, key or value, whose text holds a control character other than a
// line break or a tab: where the scalar starts, its text, and the character's
// offset in it.
struct ScalarControl {
  YAML::Mark start;
  std::string value;
  size_t offset = 0;
};

// A YAML text read into its one document, or the first problem with where it
// is: a byte offset for what is refused before yaml-cpp parses (the size
// limit, malformed UTF-8, the hazards of yaml_reader.h), a 1-based line and
// column from yaml-cpp otherwise (0: unknown).
struct YamlParse {
  std::optional<YAML::Node> document;
  std::optional<size_t> offset;
  int line = 0;
  int column = 0;
  std::string message;
  // The document's first scalar with a control character, as written (an
  // alias is not its anchor's text again). Rule files refuse it; spec files
  // check their text fields themselves.
  std::optional<ScalarControl> control;
};

// `text` without a byte order mark. Uses no shared state: texts may be read
// on several threads at once.
YamlParse ParseYaml(std::string_view text);

// ParseYaml of each text, on up to two threads: parsing the rule packs is most
// of what loading them costs.
std::vector<YamlParse> ParseYamlTexts(std::span<const std::string_view> texts);

// Where a second document (or text the parser cannot place in the first)
// starts, or nullopt if the text holds at most one. Asks the parser for two
// documents at most, so it ends on any input. Throws YAML::Exception on a
// syntax error, as yaml-cpp's loaders do. Sets `first_control`, if given, to
// the first document's first scalar with a control character.
std::optional<YAML::Mark> SecondDocumentStart(std::string_view text,
                                              std::optional<ScalarControl>* first_control = nullptr);

}  // namespace eccn
