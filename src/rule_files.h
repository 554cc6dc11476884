// Helpers shared by the rule loaders: the format table reader and name checks.
#pragma once

#include <optional>
#include <string_view>

#include <eccn/rules.h>
#include "yaml_reader.h"

namespace eccn {

// Names usable in expressions: a letter or '_', then letters, digits and '_'.
bool IsIdentifier(std::string_view text);

// Reads a `kind: formats` file: operand formats and their bit lengths.
std::optional<FormatTable> ReadFormats(YamlReader& reader, const YAML::Node& root);

}  // namespace eccn
