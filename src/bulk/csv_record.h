// Decodes CSV catalogs: a header row naming spec fields by their path, with
// the unit of quantity columns in brackets (`throughput.fp16 [TFLOPS]`,
// `dies.0.area [mm2]`), then one chip per row (docs/spec-format.md). The
// same walk feeds the fast builder and the exact one, as for JSON Lines.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <eccn/diagnostic.h>
#include "bulk/exact_record.h"
#include "bulk/fast_chip.h"

namespace eccn::bulk {

struct CsvColumn {
  enum class Kind { kField, kRate, kDescribedIn, kSources, kIgnored };
  Kind kind = Kind::kIgnored;
  SpecField field = SpecField::kName;
  size_t die = 0;                         // for die fields
  const OperandFormat* format = nullptr;  // for rates: an entry of the decoder's FormatTable
  std::string unit;                       // for quantities: appended to the cell's number
};

class CsvDecoder {
 public:
  // Reads the header row (line 1 of `file`); problems go to `diagnostics`.
  // The decoder is usable only if no error was reported.
  CsvDecoder(std::string_view header, std::string_view file, const FormatTable& formats,
             std::vector<Diagnostic>& diagnostics);

  // True if the row was read completely.
  bool Decode(std::string_view row, FastRecordBuilder& builder);
  bool Decode(std::string_view row, ExactRecordBuilder& builder);

  const std::vector<CsvColumn>& columns() const { return columns_; }

 private:
  template <class Builder>
  bool DecodeWith(std::string_view row, Builder& builder);
  template <class Builder>
  bool SplitRow(std::string_view row, Builder& builder);
  // The cell's text with the column's unit, in a buffer reused across cells.
  std::string_view WithUnit(std::string_view cell, const CsvColumn& column);

  std::vector<CsvColumn> columns_;
  size_t die_slots_ = 0;  // highest die index in the header + 1
  std::vector<std::string_view> cells_;
  std::string unquoted_;  // quoted cells, unescaped
  std::string joined_;
};

// Splits one CSV line into cells (RFC 4180 quoting, within the line). Views
// point into `line` or into `unquoted`, which is cleared and reserved first.
// Returns the offset of a malformed quote (unclosed, followed by text, or
// inside an unquoted cell), or npos.
size_t SplitCsvLine(std::string_view line, std::vector<std::string_view>& cells, std::string& unquoted);

}  // namespace eccn::bulk
