// The eccn command line: a thin layer that parses arguments, calls the
// library and renders its answers. Run() never calls exit(), so tests drive
// the whole CLI in-process.
#pragma once

#include <ostream>

namespace eccn::cli {

// Exit codes (documented in README.md). 64 and up follow BSD sysexits.h.
enum ExitCode : int {
  kNotControlled = 0,  // nothing asked about is controlled (also: success of other commands)
  kControlled = 1,     // at least one chip is controlled
  kIndeterminate = 2,  // at least one result is indeterminate and none is controlled
  kUsage = 64,         // bad command line
  kDataError = 65,     // a spec or rule file is invalid
  kNoInput = 66,       // a path does not exist
  kInternal = 70,      // a bug: please report it
  kCantCreate = 73,    // an output file (e.g. --record) cannot be written
};

int Run(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace eccn::cli
