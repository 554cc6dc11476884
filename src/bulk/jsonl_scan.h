// The fast path's JSON Lines reader: one pass over a record's bytes that
// checks its JSON and feeds a FastRecordBuilder, with no parse tree. It takes
// what catalogs hold: strings (escapes decoded, UTF-8 checked), a die's count
// as a plain integer, and any valid JSON under the keys that are not read
// (notes, x-...). It reports nothing: on anything else (a syntax error, a lone
// surrogate, an unknown or repeated key, a number where text is expected,
// alternatives, deep nesting...) it returns false and the record goes to the
// exact reader (jsonl_record.cc), which accepts or reports it.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "bulk/fast_chip.h"
#include "bulk/jsonl_layout.h"

namespace eccn::bulk {

// What a scan learns for the next. A catalog's records share a layout or two
// (with dies and without, say), so:
// - the records' layouts (jsonl_layout.h): the next record is first replayed
//   against them, and read by the scanner only when none fits;
// - the key met at each member position of the record (the n-th key read,
//   whatever its object): the scanner checks the next record's key against
//   it first, as a whole, rather than read and look it up. A wrong guess
//   costs one compare.
struct ScanMemo {
  // At each member position, the index of its key in its object's key list
  // (or, in throughput, in the builder's format table), plus 1; 0 for none.
  // Only a hint: the key it names is checked against the record's bytes.
  std::array<uint8_t, 64> keys{};
  uint64_t hits = 0;  // keys found where the memo said
  // Layouts of the catalog's records (jsonl_layout.h), each learnt from one
  // the scanner took, the one that fits more records first; and how records
  // replayed against them fared.
  std::array<ScanLayout, 2> layouts;
  // How many more of the recent records the first layout took than the
  // second, up to a bound so that a catalog whose layout changes for good
  // soon tries its new one first.
  int32_t lead = 0;
  std::vector<LoggedCall> calls;  // the scanner's calls, while it learns
  uint64_t replayed = 0;          // records read by replaying a layout
  uint32_t mismatches = 0;        // records in a row that fitted no layout
  uint32_t rest = 0;              // records to scan before layouts are tried again
};

// `line` must be followed by kJsonPadding readable bytes (their content does
// not matter). The builder's views point into `line`, or into `scratch` for
// strings with escapes: both must outlive them; `scratch` is cleared first.
// `memo` is read and updated: one per thread, kept from record to record.
bool ScanRecord(std::string_view line, FastRecordBuilder& builder, std::string& scratch, ScanMemo& memo);

}  // namespace eccn::bulk
