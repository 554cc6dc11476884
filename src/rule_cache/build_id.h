// The GNU build id of the binary this code is linked into (executable or
// shared library), as hex: it changes with any change to the code, which is
// what a cache of this code's output must be keyed by.
#pragma once

#include <optional>
#include <string>

namespace eccn::rule_cache {

// nullopt when the binary carries no build id (linked with --build-id=none).
std::optional<std::string> BuildId();

}  // namespace eccn::rule_cache
