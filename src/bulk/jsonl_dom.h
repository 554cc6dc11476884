// The fast path's JSON Lines reader: simdjson's DOM parser (whose second
// stage runs the kernel chosen for this CPU at run time) and a walk of the
// parsed tape into a FastRecordBuilder. It reports nothing: on anything the
// fast path does not take (a syntax error, an unknown key, a number where text
// is expected, alternatives...) it returns false and the record goes to the
// exact reader (jsonl_record.cc), which accepts or reports it.
#pragma once

#include <simdjson.h>

#include <string_view>

#include "bulk/fast_chip.h"

namespace eccn::bulk {

// `line` must be followed by kJsonPadding readable bytes. The builder's views
// point into `parser` and stay valid until its next parse.
bool DecodeFast(simdjson::dom::parser& parser, std::string_view line, FastRecordBuilder& builder);

}  // namespace eccn::bulk
