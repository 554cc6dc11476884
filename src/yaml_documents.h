// Counts the documents of a YAML text without yaml-cpp's LoadAll, which
// loops forever, allocating, when a document ends at a token its parser
// cannot start a node with (", a", "[a]b\n?\n"...): the parser reports an
// empty document without consuming the token, and LoadAll asks again.
#pragma once

#include <yaml-cpp/mark.h>

#include <optional>
#include <string_view>

namespace eccn {

// Where a second document (or text the parser cannot place in the first)
// starts, or nullopt if the text holds at most one. Asks the parser for two
// documents at most, so it ends on any input. Throws YAML::Exception on a
// syntax error, as yaml-cpp's loaders do.
std::optional<YAML::Mark> SecondDocumentStart(std::string_view text);

}  // namespace eccn
