// A pipe whose write end a thread feeds with a text, a few bytes a write, so
// that readers meet short reads as they do from a real pipe.
#pragma once

#include <unistd.h>

#include <algorithm>
#include <array>
#include <string>
#include <thread>

namespace eccn {

class PipeFeeder {
 public:
  PipeFeeder(std::string text, size_t piece) : text_(std::move(text)) {
    if (::pipe(fds_.data()) != 0) fds_ = {-1, -1};
    writer_ = std::thread([this, piece] {
      for (size_t written = 0; fds_[1] >= 0 && written < text_.size();) {
        const ssize_t n = ::write(fds_[1], text_.data() + written, std::min(piece, text_.size() - written));
        if (n <= 0) break;
        written += static_cast<size_t>(n);
      }
      if (fds_[1] >= 0) ::close(fds_[1]);
    });
  }
  PipeFeeder(const PipeFeeder&) = delete;
  PipeFeeder& operator=(const PipeFeeder&) = delete;
  // Waits for the writer; the read end is the caller's to close.
  ~PipeFeeder() { writer_.join(); }

  // -1 if the pipe could not be made.
  int read_fd() const { return fds_[0]; }

 private:
  std::string text_;
  std::array<int, 2> fds_{};
  std::thread writer_;
};

}  // namespace eccn
