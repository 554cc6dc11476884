#include "bulk/exact_record.h"

#include <fmt/format.h>

namespace eccn::bulk {

SourceLocation RecordPlace::At(const char* at) const {
  const int column = at == nullptr || begin == nullptr ? 1 : static_cast<int>(at - begin) + 1;
  return {std::string(file), static_cast<int>(line), column};
}

ExactRecordBuilder::ExactRecordBuilder(const FormatTable& formats, RecordPlace place,
                                       std::vector<Diagnostic>& diagnostics)
    : builder_(formats), place_(place), diagnostics_(diagnostics), first_diagnostic_(diagnostics.size()) {
  // A record's results name it by file and line, so a report leads back to it.
  builder_.spec().file = fmt::format("{}:{}", place.file, place.line);
}

bool ExactRecordBuilder::Report(const char* at, const std::optional<std::string>& error) {
  if (error) diagnostics_.push_back({Severity::kError, place_.At(at), *error});
  return true;
}

std::optional<ChipSpec> ExactRecordBuilder::Finish() {
  for (size_t i = first_diagnostic_; i < diagnostics_.size(); ++i) {
    if (diagnostics_[i].severity == Severity::kError) return std::nullopt;
  }
  return std::move(builder_.spec());
}

}  // namespace eccn::bulk
