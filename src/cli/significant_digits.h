// A double to 15 significant digits, as fmt's "{:.15g}" (and printf's
// "%.15g") writes it, without fmt's general arbitrary-precision path for the
// values a metric takes: a CSV catalog row prints several per record.
#pragma once

#include <cstddef>

namespace eccn::cli {

// Room for any result: "-1.23456789012345e-308" and the terminating position.
inline constexpr size_t kSignificant15Chars = 32;

// Writes `value` to `out` (at least kSignificant15Chars) as "{:.15g}" does and
// returns the end. Finite values from 1e-7 to 1e22 are rounded here with exact
// integer arithmetic; others, and exact ties, go to fmt.
char* FormatSignificant15(double value, char* out);

}  // namespace eccn::cli
