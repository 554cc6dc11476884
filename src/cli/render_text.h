// Human-readable output: aligned tables and explanations.
#pragma once

#include <ostream>

#include "cli/report.h"

namespace eccn::cli {

// One row per chip: shown metrics, verdict, the entries that match or are open.
void RenderClassifyText(const Report& report, std::ostream& out);
// Every metric and every comparison, with both sides and the margin.
void RenderExplainText(const Report& report, std::ostream& out);
// The packs of a rule set, marking those in force on `as_of`.
void RenderRulesListText(const RuleSet& rules, const RulesQuery& query, std::ostream& out);

}  // namespace eccn::cli
