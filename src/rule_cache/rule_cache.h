// A cache of compiled rule sets on disk, so that a command does not parse
// and compile the same YAML again: parsing the shipped packs is most of the
// time a one-chip `classify` takes.
//
// An entry is keyed by the build of this code (its GNU build id) and by the
// name and bytes of every rules file, so any change to the code or to a file
// misses. Names inside the rules directory (`root`) count, and are stored,
// relative to it: a directory moved whole (a staged install) still hits. A file holds a header (magic, key, size,
// checksum) and the rule set in the archive format of archive.h. Only rule sets that loaded without any diagnostic are
// stored, so a hit has nothing to report either.
#pragma once

#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <eccn/rules.h>

namespace eccn::rule_cache {

// A key for `sources` under this build, or nullopt when the build has no
// build id (the cache is then not used: nothing would tell builds apart).
std::optional<std::string> KeyOf(std::span<const RuleSource> sources, std::string_view root = {});

// The rule set stored under `key` in `dir`, or nullopt when there is none, it
// cannot be read back whole, or the entry or `dir` can be written by others
// than its owner (this user or root).
std::optional<RuleSet> Load(const std::filesystem::path& dir, std::string_view key, std::string_view root = {});

// Stores `rules` under `key` in `dir` (created if missing), atomically, and
// keeps the newest kMaxEntries entries. Failures are ignored: a cache that
// cannot be written only costs time.
void Store(const std::filesystem::path& dir, std::string_view key, const RuleSet& rules, std::string_view root = {});
inline constexpr size_t kMaxEntries = 16;

// The rule set as bytes and back (exposed for tests and the fuzz target);
// file paths inside `root` travel relative to it.
class Codec {
 public:
  static std::string Encode(const RuleSet& rules, std::string_view root = {});
  static std::optional<RuleSet> Decode(std::string_view bytes, std::string_view root = {});
};

}  // namespace eccn::rule_cache
