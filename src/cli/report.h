// What a command reports, shared by the text and JSON renderers.
#pragma once

#include <string>
#include <vector>

#include <eccn/eccn.h>

namespace eccn::cli {

struct Report {
  Date as_of;
  std::vector<const PackInfo*> packs;  // the packs in force on as_of
  std::vector<Classification> chips;
};

// "2368", "2.91", ">= 2368", "1.2..3.4", "?" (unknown).
std::string FormatInterval(const Interval& value, int digits = 2);
// "-50.7%", "+48%".
std::string FormatMargin(double margin);
// How two values relate, for "2368 < 4800": "<", "=", ">" or "?" when unsure.
std::string Relation(const Interval& lhs, const Interval& rhs);
std::string JoinStrings(const std::vector<std::string>& items, const std::string& separator);

}  // namespace eccn::cli
