// Readable gtest failure messages for eccn value types.
#pragma once

#include <ostream>
#include <string>

#include <eccn/classification.h>
#include <eccn/number.h>

namespace eccn {

inline void PrintTo(const Interval& x, std::ostream* os) {
  *os << (x.lo_unbounded ? std::string("(-inf") : "[" + x.lo.str()) << ", "
      << (x.hi_unbounded ? std::string("+inf)") : x.hi.str() + "]");
}

inline void PrintTo(Truth t, std::ostream* os) { *os << Name(t); }

}  // namespace eccn
