#include <eccn/diagnostic.h>

#include <fmt/format.h>
#include <algorithm>

namespace eccn {

std::string Diagnostic::ToString() const {
  const char* kind = severity == Severity::kError ? "error" : "warning";
  if (location.line == 0) return fmt::format("{}: {}: {}", location.file, kind, message);
  return fmt::format("{}:{}:{}: {}: {}", location.file, location.line, location.column, kind, message);
}

bool HasErrors(const std::vector<Diagnostic>& diagnostics) {
  return std::ranges::any_of(diagnostics, [](const Diagnostic& d) { return d.severity == Severity::kError; });
}

}  // namespace eccn
