// A mapped file that another program truncates raises SIGBUS at the next read
// of a page past its new end; without a handler the process would die without
// a word. ShrinkGuard says what happened and exits while it lives.
#pragma once

#include <csignal>  // sigaction (POSIX)
#include <string>

namespace eccn::cli {

class ShrinkGuard {
 public:
  // On SIGBUS: "eccn: <file_name>: read error: the file shrank ..." on stderr, then exit(exit_code).
  ShrinkGuard(const std::string& file_name, int exit_code);
  ~ShrinkGuard();  // puts back the handler that was there
  ShrinkGuard(const ShrinkGuard&) = delete;
  ShrinkGuard& operator=(const ShrinkGuard&) = delete;

 private:
  struct sigaction previous_ {};
  bool installed_ = false;
};

}  // namespace eccn::cli
