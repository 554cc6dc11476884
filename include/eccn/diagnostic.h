// Diagnostics: how eccn reports bad input.
//
// Every loader returns its value together with the problems it found, each
// pinned to a file position, instead of throwing or stopping at the first one:
//
//   eccn::Loaded<eccn::ChipSpec> spec = eccn::LoadChipSpec("h20.yaml", formats);
//   for (const eccn::Diagnostic& d : spec.diagnostics) std::cerr << d.ToString() << '\n';
//   if (!spec.ok()) return 65;
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace eccn {

// A position in an input file. Line and column are 1-based; 0 means unknown
// (for example "cannot open file").
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;

  friend bool operator==(const SourceLocation&, const SourceLocation&) = default;
};

enum class Severity { kError, kWarning };

struct Diagnostic {
  Severity severity = Severity::kError;
  SourceLocation location;
  std::string message;

  // "file:line:column: error: message", the format compilers use, so editors
  // can jump to the spot. One line: control characters in the file name or the
  // message (which may quote the input) are shown escaped, as \x1b or \n.
  std::string ToString() const;
};

// A value or nothing, plus every diagnostic found while producing it.
// `value` is engaged if and only if no diagnostic is an error; warnings
// survive success.
template <class T>
struct [[nodiscard]] Loaded {
  std::optional<T> value;
  std::vector<Diagnostic> diagnostics;

  bool ok() const { return value.has_value(); }
};

// True if any diagnostic in the list is an error.
bool HasErrors(const std::vector<Diagnostic>& diagnostics);

}  // namespace eccn
