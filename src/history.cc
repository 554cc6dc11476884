// Classification history: classify on each day the applying packs change.
#include <eccn/history.h>

#include <fmt/format.h>
#include <algorithm>

namespace eccn {
namespace {

std::vector<std::string> ApplyingPacks(const RuleSet& rules, const Context& context) {
  std::vector<std::string> ids;
  for (const PackInfo& pack : rules.packs()) {
    if (pack.AppliesOn(context)) ids.push_back(pack.id);
  }
  return ids;
}

std::vector<std::string> Missing(const std::vector<std::string>& from, const std::vector<std::string>& in) {
  std::vector<std::string> out;
  for (const std::string& id : from) {
    if (std::find(in.begin(), in.end(), id) == in.end()) out.push_back(id);
  }
  return out;
}

}  // namespace

std::string ClassificationSignature(const Classification& classification) {
  std::string out(Name(classification.Overall()));
  for (const EntryResult& r : classification.results) {
    if (r.verdict != Verdict::kNotControlled) out += fmt::format("|{}:{}:{}", r.effect, r.entry, Name(r.verdict));
  }
  for (const NoticeResult& n : classification.notices) out += fmt::format("|notice:{}", n.id);
  return out;
}

std::vector<HistoryStep> ClassificationHistory(const RuleSet& rules, const ChipSpec& spec, const Context& context) {
  std::vector<HistoryStep> steps;
  for (const Date& date : rules.ChangeDates(context.posture, context.exporter)) {
    if (context.as_of < date) break;
    const Context on(date, context.posture, context.exporter);
    const Context before(date.PreviousDay(), context.posture, context.exporter);
    HistoryStep step;
    step.date = date;
    const std::vector<std::string> now = ApplyingPacks(rules, on);
    const std::vector<std::string> then = ApplyingPacks(rules, before);
    step.packs_started = Missing(now, then);
    step.packs_stopped = Missing(then, now);
    step.before = steps.empty() ? rules.Classify(spec, before) : steps.back().after;
    step.after = rules.Classify(spec, on);
    step.changed = ClassificationSignature(step.before) != ClassificationSignature(step.after);
    steps.push_back(std::move(step));
  }
  return steps;
}

}  // namespace eccn
