// The answer for one chip: a verdict per entry, with the reasons.
#pragma once

#include <eccn/diagnostic.h>
#include <eccn/number.h>

#include <optional>
#include <string>
#include <vector>

namespace eccn {

// Three-valued logic: kUnknown when the answer depends on data the spec lacks.
enum class Truth { kFalse, kTrue, kUnknown };

enum class Verdict { kNotControlled, kControlled, kIndeterminate };

// One comparison as evaluated, e.g. "tpp >= 4800" with tpp = 2368.
struct ComparisonTrace {
  std::string text;  // as written in the rule
  std::string op;    // "<", "<=", ">", ">=", "==", "!="
  std::string lhs_text;
  std::string rhs_text;
  Interval lhs;  // in `unit`; for a comparison of numbers
  Interval rhs;
  std::string lhs_symbol;  // for a named value compared with a string
  std::string rhs_symbol;
  std::string unit;  // display unit of both sides, "" for pure numbers
  Truth result = Truth::kUnknown;
  // (lhs - rhs) / |rhs| when both sides are known and rhs != 0.
  std::optional<double> margin;
  std::vector<std::string> missing;  // spec fields that left it unknown
  SourceLocation location;
};

// A condition of an entry: its main test, a named condition that test uses,
// an exclusion note or a precedence.
struct ClauseTrace {
  enum class Role { kCondition, kNamedCondition, kUnless, kSubsumedBy };
  Role role = Role::kCondition;
  std::string id;    // named condition, exclusion or entry id; "" for the condition
  std::string text;  // the expression
  Truth result = Truth::kUnknown;
  std::vector<ComparisonTrace> comparisons;
};

// How much a Classification explains. kVerdicts gives every EntryResult with
// its verdict, missing data, dependencies and notes, but no clauses: what a
// table or a bulk listing shows, without the comparison-by-comparison trace,
// which is most of the cost of a classification.
enum class Detail { kFull, kVerdicts };

struct EntryResult {
  std::string pack;       // pack id
  std::string entry;      // "3A090.a"
  std::string licensing;  // entry id whose license requirements apply
  // "control", or "review_policy" for a license-review zone, which never
  // makes a chip controlled.
  std::string effect = "control";
  std::string title;
  std::string citation;
  std::vector<std::string> reasons_for_control;
  Verdict verdict = Verdict::kIndeterminate;
  std::vector<ClauseTrace> clauses;  // empty with Detail::kVerdicts
  std::vector<std::string> missing;  // fields whose absence made it indeterminate
  // Uncertain fields (ChipSpec::uncertain) on which the verdict depends: it
  // is indeterminate because the answer differs across their values.
  std::vector<std::string> depends_on;
  std::vector<std::string> notes;  // e.g. arithmetic overflow
};

struct MetricValue {
  std::string pack;
  std::string id;
  std::string title;
  std::string unit;
  Interval value;  // in `unit`; Everything() when unknown
  bool show = false;
  std::vector<std::string> missing;
};

// A dated notice that names this chip (see NoticeInfo).
struct NoticeResult {
  std::string pack;
  std::string id;
  std::string title;
  std::string text;
  std::string citation;
};

struct Classification {
  std::string chip;
  std::string file;
  std::vector<MetricValue> metrics;
  std::vector<EntryResult> results;
  std::vector<NoticeResult> notices;

  // Over control entries: controlled if any is; else indeterminate if any
  // is; else not controlled. Review-policy zones do not count.
  Verdict Overall() const;
  // Entry ids with the given verdict, in pack order.
  std::vector<std::string> EntriesWith(Verdict verdict) const;
};

std::string_view Name(Truth truth);      // "true", "false", "unknown"
std::string_view Name(Verdict verdict);  // "controlled", "not_controlled", "indeterminate"

}  // namespace eccn
