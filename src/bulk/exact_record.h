// Builds a ChipSpec from one catalog record (a JSON Lines line or a CSV row)
// through the shared SpecBuilder, reporting every problem at its line and
// column. The record walkers (jsonl_record.h, csv_record.h) drive it, and
// drive FastRecordBuilder with the same calls.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <eccn/diagnostic.h>
#include <eccn/rules.h>
#include "spec_fields.h"

namespace eccn::bulk {

// Where a record is: its file, 1-based line, and the first byte of the line,
// from which columns are counted.
struct RecordPlace {
  std::string_view file;
  int64_t line = 0;
  const char* begin = nullptr;

  SourceLocation At(const char* at) const;
};

class ExactRecordBuilder {
 public:
  ExactRecordBuilder(const FormatTable& formats, RecordPlace place, std::vector<Diagnostic>& diagnostics);

  bool Set(SpecField field, std::string_view text, const char* at) { return Report(at, builder_.Set(field, text)); }
  bool SetRate(const OperandFormat& format, std::string_view text, const char* at) {
    return Report(at, builder_.SetRate(format.name, text));
  }
  const FormatTable& formats() const { return builder_.formats(); }
  bool StartThroughput() { return builder_.StartThroughput(), true; }
  bool StartDies() { return builder_.StartDies(), true; }
  bool AddDie(const char* /*at*/) { return builder_.AddDie(), true; }
  bool StartDescribedIn() { return builder_.StartDescribedIn(), true; }
  bool AddDescribedIn(std::string_view paragraph, const char* /*at*/) {
    return builder_.AddDescribedIn(paragraph), true;
  }
  bool AddSource(std::string_view source) { return builder_.AddSource(source), true; }
  bool StartAlternatives(SpecField field, const char* /*at*/) { return builder_.StartAlternatives(field), true; }
  bool StartRateAlternatives(std::string_view format, const char* at) {
    return Report(at, builder_.StartRateAlternatives(format));
  }
  bool AddAlternative(std::string_view text, const char* at) { return Report(at, builder_.AddAlternative(text)); }
  bool FinishAlternatives(std::vector<std::string> sources, const char* at) {
    return Report(at, builder_.FinishAlternatives(std::move(sources)));
  }
  // Records a problem and goes on, to report every problem of the record.
  template <class Message>
  bool Fail(const char* at, Message&& message) {
    diagnostics_.push_back({Severity::kError, place_.At(at), message()});
    return true;
  }

  // The spec, once the walk is over; nullopt if any error was reported.
  std::optional<ChipSpec> Finish();

 private:
  bool Report(const char* at, const std::optional<std::string>& error);

  SpecBuilder builder_;
  RecordPlace place_;
  std::vector<Diagnostic>& diagnostics_;
  size_t first_diagnostic_;
};

}  // namespace eccn::bulk
