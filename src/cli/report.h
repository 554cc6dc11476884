// What a command reports, shared by the text and JSON renderers.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <eccn/eccn.h>

namespace eccn::cli {

struct Report {
  Date as_of;
  Posture posture = Posture::kEnforced;
  std::string exporter;
  std::vector<const PackInfo*> packs;  // the packs applying on as_of
  std::vector<Classification> chips;
};

// Classifies every spec with the packs applying in `context`.
Report ClassifyAll(const RuleSet& rules, const std::vector<ChipSpec>& specs, const Context& context);

// Which packs `rules list` shows: all, or those with a status, or those
// applying on the context's date.
struct RulesQuery {
  Context context;
  std::string status;          // "" for any
  bool applying_only = false;  // --applying

  bool Selects(const PackInfo& pack) const {
    return (status.empty() || pack.status == status) && (!applying_only || pack.AppliesOn(context));
  }
};

// "controlled: 3A090.a", "not controlled", "indeterminate: 3A090.b? (needs dies)",
// with review zones and notices: one cell for tables.
std::string Summary(const Classification& chip);

// Review-policy zones the chip falls in ("742.6(b)(10)..."), in pack order.
std::vector<std::string> ReviewZones(const Classification& chip);

// "2368", "2.91", ">= 2368", "1.2..3.4", "?" (unknown).
std::string FormatInterval(const Interval& value, int digits = 2);
// FormatNumber(x, digits) for the exact x within `error` of `value`, when
// every such number gives the same text (the bulk fast path knows its values
// so); nullopt near a half of the last digit, below zero or from 1e9 up.
std::optional<std::string> FormatDecided(double value, double error, int digits = 2);
// "-50.7%", "+48%".
std::string FormatMargin(double margin);
// How two values relate, for "2368 < 4800": "<", "=", ">" or "?" when unsure.
std::string Relation(const Interval& lhs, const Interval& rhs);
// "enforced" or "cfr_text".
std::string_view Name(Posture posture);
std::string JoinStrings(const std::vector<std::string>& items, const std::string& separator);

}  // namespace eccn::cli
