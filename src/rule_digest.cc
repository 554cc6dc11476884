// Which rules a rule set was compiled from, as content digests.
#include <algorithm>
#include <string>
#include <vector>

#include <eccn/rules.h>
#include "rule_set_impl.h"
#include "sha256.h"

namespace eccn {

std::span<const RuleFileDigest> RuleSet::files() const { return impl_->files; }

std::string RuleSet::ContentDigest() const {
  std::vector<std::string> digests;
  digests.reserve(impl_->files.size());
  for (const RuleFileDigest& file : impl_->files) digests.push_back(file.sha256);
  std::sort(digests.begin(), digests.end());  // names and load order do not count
  std::string joined;
  for (const std::string& digest : digests) joined += digest + '\n';
  return Sha256Hex(joined);
}

}  // namespace eccn
