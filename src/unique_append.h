// Lists of names that hold each name once, in the order first met (what a
// chip lacks, what a verdict depends on). They are short, so a linear search
// beats a set.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace eccn {

inline void AppendUnique(std::vector<std::string>& out, std::string_view name) {
  if (std::find(out.begin(), out.end(), name) == out.end()) out.emplace_back(name);
}

inline void AppendUnique(std::vector<std::string>& out, const std::vector<std::string>& names) {
  for (const std::string& name : names) AppendUnique(out, name);
}

}  // namespace eccn
