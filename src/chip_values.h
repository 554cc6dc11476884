// Lays a ChipSpec out by schema slot for the evaluator.
#pragma once

#include <eccn/rules.h>
#include <eccn/spec.h>
#include "expr/evaluator.h"

namespace eccn {

// The layout (paths, one item per format rate and per die) and the values.
expr::ChipValues PrepareChip(const ChipSpec& spec, const FormatTable& formats);

// Overwrites the values of `chip`, prepared from a spec of the same shape
// (the same formats and dies, in the same order), with those of `spec`. It
// allocates nothing, so evaluating many variants of one design stays cheap.
void RefillChip(const ChipSpec& spec, const FormatTable& formats, expr::ChipValues& chip);

// True if `chip` was prepared from a spec of the same shape as `spec`, so
// RefillChip may be used.
bool SameShape(const ChipSpec& spec, const FormatTable& formats, const expr::ChipValues& chip);

}  // namespace eccn
