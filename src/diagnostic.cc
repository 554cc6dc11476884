#include <eccn/diagnostic.h>

#include <fmt/format.h>
#include <algorithm>

#include "printable_text.h"

namespace eccn {

std::string Diagnostic::ToString() const {
  const char* kind = severity == Severity::kError ? "error" : "warning";
  const std::string file = EscapeControlCharacters(location.file);
  if (location.line == 0) return fmt::format("{}: {}: {}", file, kind, EscapeControlCharacters(message));
  return fmt::format("{}:{}:{}: {}: {}", file, location.line, location.column, kind, EscapeControlCharacters(message));
}

bool HasErrors(const std::vector<Diagnostic>& diagnostics) {
  return std::ranges::any_of(diagnostics, [](const Diagnostic& d) { return d.severity == Severity::kError; });
}

}  // namespace eccn
