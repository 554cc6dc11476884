// When a pack applies: dates, posture, status and exporter.
#include <algorithm>

#include <eccn/rules.h>
#include "rule_set_impl.h"

namespace eccn {

bool PackInfo::AppliesOn(const Context& context) const {
  if (status == "proposed" || !InForceOn(context.as_of)) return false;
  if (context.posture == Posture::kEnforced && not_enforced_from && *not_enforced_from <= context.as_of) return false;
  if (exporters.empty()) return true;
  return std::find(exporters.begin(), exporters.end(), context.exporter) != exporters.end();
}

std::vector<Date> RuleSet::ChangeDates(Posture posture, const std::string& exporter) const {
  std::vector<Date> dates;
  for (const PackInfo& pack : impl_->packs) {
    if (pack.status == "proposed") continue;
    if (!pack.exporters.empty() &&
        std::find(pack.exporters.begin(), pack.exporters.end(), exporter) == pack.exporters.end()) {
      continue;
    }
    dates.push_back(pack.effective);
    if (pack.end) dates.push_back(pack.end->NextDay());
    if (posture == Posture::kEnforced && pack.not_enforced_from) dates.push_back(*pack.not_enforced_from);
  }
  std::sort(dates.begin(), dates.end());
  dates.erase(std::unique(dates.begin(), dates.end()), dates.end());
  return dates;
}

}  // namespace eccn
