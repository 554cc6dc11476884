// Reading one rule pack into its description and compiled form; the loader
// (pack_loader.cc) calls it for each file with 'kind: pack'.
#pragma once

#include <optional>
#include <utility>

#include <eccn/rules.h>
#include "rule_set_impl.h"
#include "yaml_reader.h"

namespace eccn {

// The pack in `root`, its expressions compiled against `formats`; nullopt if
// reading it reported an error (through `reader`). May throw YAML::Exception
// on a yaml-cpp precondition the reader failed to check.
std::optional<std::pair<PackInfo, CompiledPack>> ReadPack(YamlReader& reader, const FormatTable& formats,
                                                          const YAML::Node& root);

}  // namespace eccn
