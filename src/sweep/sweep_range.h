// Parsing a sweep knob's range: "1000..30000:1000", "0.5..20/40", "1,2,4",
// "1..8 TB/s", "datacenter,consumer".
#pragma once

#include <string_view>

#include <eccn/sweep.h>
#include "expected.h"
#include "units.h"

namespace eccn {

// At most this many values in one knob's grid.
inline constexpr size_t kMaxKnobValues = 10000000;

// Fills `knob` (name and kind already set) from `text`. Dimensioned knobs
// need a unit of `dimension`; pure numbers take none.
Expected<void> ParseKnobRange(std::string_view text, const Dimension& dimension, SweepKnob& knob);

// "datacenter,consumer" into knob.markets.
Expected<void> ParseMarkets(std::string_view text, SweepKnob& knob);

}  // namespace eccn
