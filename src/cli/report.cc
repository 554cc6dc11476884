#include "cli/report.h"

#include <fmt/format.h>
#include <cmath>

namespace eccn::cli {

std::string FormatInterval(const Interval& value, int digits) {
  if (value.IsExact()) return FormatNumber(value.lo, digits);
  if (value.lo_unbounded && value.hi_unbounded) return "?";
  // An unknown non-negative quantity is [0, unbounded): nothing worth showing.
  if (value.hi_unbounded) return value.lo == 0 ? "?" : fmt::format(">= {}", FormatNumber(value.lo, digits));
  if (value.lo_unbounded) return fmt::format("<= {}", FormatNumber(value.hi, digits));
  return fmt::format("{}..{}", FormatNumber(value.lo, digits), FormatNumber(value.hi, digits));
}

std::string FormatMargin(double margin) {
  const double percent = margin * 100.0;
  const double rounded = std::round(percent * 10.0) / 10.0;
  if (rounded == 0.0) return percent == 0.0 ? "0%" : (percent > 0 ? "+0.0%" : "-0.0%");
  return fmt::format("{}{}%", rounded > 0 ? "+" : "", rounded);
}

std::string Relation(const Interval& lhs, const Interval& rhs) {
  if (!lhs.IsExact() || !rhs.IsExact()) return "vs";
  if (lhs.lo < rhs.lo) return "<";
  if (lhs.lo > rhs.lo) return ">";
  return "=";
}

std::vector<std::string> ReviewZones(const Classification& chip) {
  std::vector<std::string> out;
  for (const EntryResult& r : chip.results) {
    if (r.effect == "review_policy" && r.verdict != Verdict::kNotControlled) {
      out.push_back(r.verdict == Verdict::kControlled ? r.entry : r.entry + "?");
    }
  }
  return out;
}

std::string Summary(const Classification& chip) {
  const Verdict verdict = chip.Overall();
  std::string out = verdict == Verdict::kNotControlled ? "not controlled" : std::string(Name(verdict));
  std::vector<std::string> entries =
      chip.EntriesWith(verdict == Verdict::kControlled ? Verdict::kControlled : Verdict::kIndeterminate);
  if (verdict != Verdict::kNotControlled && !entries.empty()) out += ": " + JoinStrings(entries, ", ");
  const std::vector<std::string> zones = ReviewZones(chip);
  if (!zones.empty()) out += "; review zone " + JoinStrings(zones, ", ");
  for (const NoticeResult& notice : chip.notices) out += "; notice " + notice.id;
  return out;
}

std::string_view Name(Posture posture) { return posture == Posture::kCfrText ? "cfr_text" : "enforced"; }

std::string JoinStrings(const std::vector<std::string>& items, const std::string& separator) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

Report ClassifyAll(const RuleSet& rules, const std::vector<ChipSpec>& specs, const Context& context) {
  Report report;
  report.as_of = context.as_of;
  report.posture = context.posture;
  report.exporter = context.exporter;
  for (const PackInfo& pack : rules.packs()) {
    if (pack.AppliesOn(context)) report.packs.push_back(&pack);
  }
  for (const ChipSpec& spec : specs) report.chips.push_back(rules.Classify(spec, context));
  return report;
}

}  // namespace eccn::cli
