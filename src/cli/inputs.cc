#include "cli/inputs.h"

#include <algorithm>
#include <cstdlib>
#include <string_view>

namespace eccn::cli {

namespace {

// <prefix>/share/eccn/<name> for the installation this executable is part of, if it exists.
std::filesystem::path InstalledData(std::string_view name) {
  std::error_code error;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error) return {};
  auto path = exe.parent_path().parent_path() / "share" / "eccn" / name;
  return std::filesystem::is_directory(path, error) ? path : std::filesystem::path();
}

}  // namespace

std::filesystem::path LocateRules(const std::string& explicit_dir) {
  if (!explicit_dir.empty()) return explicit_dir;
  if (const char* env = std::getenv("ECCN_RULES"); env != nullptr && *env != '\0') return env;
  if (auto installed = InstalledData("rules"); !installed.empty()) return installed;
  return ECCN_SOURCE_RULES_DIR;
}

std::filesystem::path ShippedRuleCacheDir() { return InstalledData("rule-cache"); }

std::filesystem::path RuleCacheDir() {
  if (const char* dir = std::getenv("ECCN_CACHE_DIR"); dir != nullptr) return dir;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg == '/') {
    return std::filesystem::path(xdg) / "eccn";
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && *home == '/') {
    return std::filesystem::path(home) / ".cache" / "eccn";
  }
  return {};
}

std::vector<std::filesystem::path> ExpandSpecPaths(const std::vector<std::string>& paths,
                                                   std::vector<Diagnostic>& diagnostics) {
  std::vector<std::filesystem::path> out;
  for (const std::string& path : paths) {
    std::error_code error;
    if (std::filesystem::is_directory(path, error)) {
      std::vector<std::filesystem::path> found;
      for (auto it = std::filesystem::recursive_directory_iterator(path, error);
           !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
        const auto extension = it->path().extension();
        if (it->is_regular_file(error) && (extension == ".yaml" || extension == ".yml")) found.push_back(it->path());
      }
      std::sort(found.begin(), found.end());
      if (found.empty()) diagnostics.push_back({Severity::kError, {path}, "directory holds no .yaml spec files"});
      out.insert(out.end(), found.begin(), found.end());
    } else if (std::filesystem::exists(path, error)) {
      out.emplace_back(path);
    } else {
      diagnostics.push_back({Severity::kError, {path}, "no such file or directory"});
    }
  }
  return out;
}

}  // namespace eccn::cli
