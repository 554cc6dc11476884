// ASCII character tests, the same whatever the locale (unlike <cctype>'s).
#pragma once

namespace eccn {

inline bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace eccn
