// JSON string escapes (RFC 8259, section 7) decoded to UTF-8, for the fast
// path's scanner (jsonl_scan.h): apart from it because it is a job of its own.
#pragma once

#include <string>

namespace eccn::bulk {

// Appends to `out` the content of a string from `from` (inside it) to its
// closing quote, decoding escapes, and returns where that quote is; nullptr
// when there is none before `end`, or on a control character, an unknown
// escape or a lone surrogate (which the exact reader decides on). Bytes other
// than escapes are copied as they are (the caller checks their UTF-8).
const char* AppendUnescaped(const char* from, const char* end, std::string& out);

}  // namespace eccn::bulk
