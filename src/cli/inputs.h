// Finding the rules and the spec files a command works on.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <eccn/diagnostic.h>

namespace eccn::cli {

// The rules directory: `explicit_dir` if given, else $ECCN_RULES, else the
// installed share/eccn/rules next to the executable, else the source tree's
// rules/ (for running from a build directory).
std::filesystem::path LocateRules(const std::string& explicit_dir);

// Where compiled rule sets are cached: $ECCN_CACHE_DIR if set (set and empty:
// no cache), else $XDG_CACHE_HOME/eccn, else $HOME/.cache/eccn, else none.
std::filesystem::path RuleCacheDir();
// The installation's read-only cache of its shipped rules (share/eccn/rule-cache
// next to the executable, written by `cmake --install`), or empty.
std::filesystem::path ShippedRuleCacheDir();

// Expands files and directories (every *.yaml / *.yml below, sorted) into spec
// files. A path that does not exist is reported.
std::vector<std::filesystem::path> ExpandSpecPaths(const std::vector<std::string>& paths,
                                                   std::vector<Diagnostic>& diagnostics);

}  // namespace eccn::cli
