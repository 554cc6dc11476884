#include "cli/shrink_guard.h"

#include <unistd.h>

#include <algorithm>
#include <array>

namespace eccn::cli {
namespace {

// What OnMappedFileShrank writes, set before it is installed.
std::array<char, 1024> shrank_message{};
size_t shrank_message_size = 0;
int shrank_exit_code = 1;

extern "C" {
// Only async-signal-safe calls here.
static void OnMappedFileShrank(int /*signal*/) {
  const ssize_t written = ::write(STDERR_FILENO, shrank_message.data(), shrank_message_size);
  (void)written;
  ::_exit(shrank_exit_code);
}
}

}  // namespace

ShrinkGuard::ShrinkGuard(const std::string& file_name, int exit_code) {
  const std::string message =
      "eccn: " + file_name + ": read error: the file shrank while it was being read; the output is incomplete\n";
  shrank_message_size = std::min(message.size(), shrank_message.size());
  std::copy_n(message.begin(), shrank_message_size, shrank_message.begin());
  shrank_exit_code = exit_code;
  struct sigaction action {};
  action.sa_handler = OnMappedFileShrank;
  sigemptyset(&action.sa_mask);
  installed_ = ::sigaction(SIGBUS, &action, &previous_) == 0;
}

ShrinkGuard::~ShrinkGuard() {
  if (installed_) ::sigaction(SIGBUS, &previous_, nullptr);
}

}  // namespace eccn::cli
