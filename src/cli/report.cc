#include "cli/report.h"

#include <fmt/format.h>
#include <array>
#include <cmath>

#include "decimal_text.h"

namespace eccn::cli {

std::string FormatInterval(const Interval& value, int digits) {
  if (value.IsExact()) return FormatNumber(value.lo, digits);
  if (value.lo_unbounded && value.hi_unbounded) return "?";
  // An unknown non-negative quantity is [0, unbounded): nothing worth showing.
  if (value.hi_unbounded) return value.lo == 0 ? "?" : fmt::format(">= {}", FormatNumber(value.lo, digits));
  if (value.lo_unbounded) return fmt::format("<= {}", FormatNumber(value.hi, digits));
  return fmt::format("{}..{}", FormatNumber(value.lo, digits), FormatNumber(value.hi, digits));
}

std::optional<std::string> FormatDecided(double value, double error, int digits) {
  constexpr double kLargest = 1e9;
  constexpr int kMaxDigits = 4;
  if (!(value - error >= 0) || !(value + error < kLargest) || digits < 0 || digits > kMaxDigits) return std::nullopt;
  static constexpr std::array<double, kMaxDigits + 1> kScales{1, 10, 100, 1000, 10000};
  const double scale = kScales[static_cast<size_t>(digits)];
  // The ends scaled, each widened by more than the rounding of the few
  // operations here (a few 1e-16 of the magnitude), below 1e13 so that the
  // integers near them are doubles.
  const double top = (value + error) * scale;
  const double margin = (top + 1) * 1e-15;
  const double lo = (value - error) * scale - margin;
  const double hi = top + margin;
  // Round half away from zero, as FormatNumber: both ends must land on the same integer.
  const double rounded = std::floor(lo + 0.5);
  if (std::floor(hi + 0.5) != rounded) return std::nullopt;
  // The decided rounding, an integer count of the last digit, written as FormatNumber writes it.
  const fmt::format_int count(static_cast<int64_t>(rounded));
  return DecimalText(std::string(count.data(), count.size()), digits);
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
