#include "rule_cache/rule_cache.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <system_error>
#include <vector>

#include <eccn/version.h>
#include "rule_cache/build_id.h"
#include "rule_cache/content_hash.h"
#include "rule_cache/rule_fields.h"
#include "yaml_reader.h"

namespace eccn::rule_cache {
namespace {

constexpr std::string_view kMagic = "eccn-rule-cache-1\n";

std::filesystem::path EntryPath(const std::filesystem::path& dir, std::string_view key) {
  return dir / ("rules-" + std::string(key) + ".bin");
}

// What guards the payload: the key it was stored under and a hash of its bytes.
std::string Header(std::string_view key, std::string_view payload) {
  ContentHash check;
  check.Add(payload);
  return std::string(kMagic) + std::string(key) + check.Hex();
}

// An entry decides verdicts: it is read only from a directory and a file that
// nobody but their owner, this user or root, can write (as ssh treats ~/.ssh),
// so that a cache in a shared place cannot be planted with other answers.
bool OnlyOwnerMayWrite(const std::filesystem::path& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return false;
  const bool trusted_owner = info.st_uid == ::geteuid() || info.st_uid == 0;
  return trusted_owner && (info.st_mode & (S_IWGRP | S_IWOTH)) == 0;
}

}  // namespace

std::optional<std::string> KeyOf(std::span<const RuleSource> sources, std::string_view root) {
  const std::optional<std::string> build = BuildId();
  if (!build) return std::nullopt;
  ContentHash key;
  key.Add(*build);
  key.Add(Version());
  const RulesRoot rules_root(root);
  for (const RuleSource& source : sources) {
    const std::optional<std::string_view> relative = rules_root.Relative(source.file);
    key.Add(relative ? "relative" : "as given");
    key.Add(relative.value_or(source.file));
    key.Add(source.text);
  }
  return key.Hex();
}

std::string Codec::Encode(const RuleSet& rules, std::string_view root) {
  const RuleSet::Impl& impl = *rules.impl_;
  Writer writer(root);
  writer(impl.formats, impl.packs, impl.compiled, impl.files);
  return writer.bytes();
}

std::optional<RuleSet> Codec::Decode(std::string_view bytes, std::string_view root) {
  auto impl = std::make_shared<RuleSet::Impl>();
  Reader reader(bytes, root);
  reader(impl->formats, impl->packs, impl->compiled, impl->files);
  if (!reader.ok() || impl->packs.size() != impl->compiled.size()) return std::nullopt;
  return RuleSet(std::move(impl));
}

std::optional<RuleSet> Load(const std::filesystem::path& dir, std::string_view key, std::string_view root) {
  const std::filesystem::path path = EntryPath(dir, key);
  if (!OnlyOwnerMayWrite(dir) || !OnlyOwnerMayWrite(path)) return std::nullopt;
  std::vector<Diagnostic> unread;  // a missing or unreadable entry is a miss, not a problem to report
  const std::optional<std::string> file = ReadInputFile(path, unread);
  if (!file) return std::nullopt;
  const std::string& bytes = *file;
  const size_t header_size = kMagic.size() + key.size() + 32;
  if (bytes.size() < header_size) return std::nullopt;
  const std::string_view payload = std::string_view(bytes).substr(header_size);
  if (std::string_view(bytes).substr(0, header_size) != Header(key, payload)) return std::nullopt;
  return Codec::Decode(payload, root);
}

void Store(const std::filesystem::path& dir, std::string_view key, const RuleSet& rules, std::string_view root) {
  namespace fs = std::filesystem;
  std::error_code error;
  // Made writable by its owner only, whatever the umask, as Load requires;
  // a directory that exists is left as it is.
  if (!fs::exists(dir, error) && fs::create_directories(dir, error)) {
    fs::permissions(dir,
                    fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec | fs::perms::others_read |
                        fs::perms::others_exec,
                    error);
  }
  if (error) return;
  const std::string payload = Codec::Encode(rules, root);
  // Written under a name of this process, then renamed: a reader sees a whole entry or none.
  const std::filesystem::path temporary = dir / fmt::format(".rules-{}.{}.tmp", key, ::getpid());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << Header(key, payload) << payload;
    if (!out.flush()) {
      std::filesystem::remove(temporary, error);
      return;
    }
  }
  fs::permissions(temporary,
                  fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read,
                  error);
  std::filesystem::rename(temporary, EntryPath(dir, key), error);
  if (error) {
    std::filesystem::remove(temporary, error);
    return;
  }
  // Keep the newest entries: each change to the rules or to eccn adds one.
  std::vector<std::pair<std::filesystem::file_time_type, std::filesystem::path>> entries;
  for (const auto& file : std::filesystem::directory_iterator(dir, error)) {
    const std::string name = file.path().filename().string();
    if (name.starts_with("rules-") && name.ends_with(".bin")) entries.emplace_back(file.last_write_time(error), file);
  }
  if (entries.size() <= kMaxEntries) return;
  std::sort(entries.begin(), entries.end(), std::greater<>());
  for (size_t i = kMaxEntries; i < entries.size(); ++i) std::filesystem::remove(entries[i].second, error);
}

}  // namespace eccn::rule_cache
