// Runs the CLI in-process for tests and compares output with golden files.
// Set ECCN_UPDATE_GOLDEN=1 to rewrite the golden files after a deliberate
// change (then review the diff).
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.h"

namespace eccn::cli {

struct Outcome {
  int code = -1;
  std::string out;
  std::string err;
};

// Runs the CLI with `args`, capturing both streams and the exit code.
inline Outcome RunCli(const std::vector<std::string>& args) {
  std::vector<const char*> argv{"eccn"};
  for (const std::string& a : args) argv.push_back(a.c_str());
  std::ostringstream out, err;
  Outcome o;
  o.code = Run(static_cast<int>(argv.size()), argv.data(), out, err);
  o.out = out.str();
  o.err = err.str();
  return o;
}

inline void ExpectGolden(const std::string& name, const std::string& actual) {
  const std::string path = std::string(ECCN_SOURCE_DIR "/tests/golden/") + name;
  if (const char* update = std::getenv("ECCN_UPDATE_GOLDEN"); update != nullptr && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << "missing golden file " << path << "; actual output:\n" << actual;
  std::stringstream expected_stream;
  expected_stream << in.rdbuf();
  const std::string expected = expected_stream.str();
  if (expected == actual) return;
  // Report the first differing line, not two walls of text.
  std::istringstream want(expected), got(actual);
  std::string want_line, got_line;
  for (int line = 1;; ++line) {
    const bool more_want = static_cast<bool>(std::getline(want, want_line));
    const bool more_got = static_cast<bool>(std::getline(got, got_line));
    if (!more_want && !more_got) break;
    if (!more_want || !more_got || want_line != got_line) {
      ADD_FAILURE() << name << ":" << line << " differs (ECCN_UPDATE_GOLDEN=1 rewrites it)\n  expected: "
                    << (more_want ? want_line : "<end of file>")
                    << "\n  actual:   " << (more_got ? got_line : "<end of file>");
      return;
    }
  }
  ADD_FAILURE() << name << " differs in line endings";
}

}  // namespace eccn::cli
