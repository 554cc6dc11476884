// Lists of names that hold each name once, in the order first met (what a
// chip lacks, what a verdict depends on). They are short, so a linear search
// beats a set. A list holds strings or views (the table's cells).
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace eccn {

template <class List>
void AppendUnique(List& out, std::string_view name) {
  if (std::find(out.begin(), out.end(), name) == out.end()) out.emplace_back(name);
}

// Each of `names` (strings or views), in order.
template <class List, class Name>
void AppendUnique(List& out, const std::vector<Name>& names) {
  for (const Name& name : names) AppendUnique(out, std::string_view(name));
}

}  // namespace eccn
