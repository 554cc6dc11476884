#include "cli/line_chunks.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <string_view>
#include <thread>

namespace eccn::cli {
namespace {

// memchr skips a line's bytes many at a time; std::count looks at each.
int64_t CountNewlines(std::string_view text) {
  int64_t count = 0;
  const char* p = text.data();
  const char* const end = p + text.size();
  while (p < end) {
    const auto* newline = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p)));
    if (newline == nullptr) break;
    ++count;
    p = newline + 1;
  }
  return count;
}

// Cuts the input into chunks of whole lines; the bytes after the last
// newline wait in `carry_` for the next chunk.
class ChunkReader {
 public:
  ChunkReader(int fd, std::string carry, int64_t first_line, const ChunkStreamSettings& settings)
      : fd_(fd), carry_(std::move(carry)), next_line_(first_line), settings_(settings) {}

  // Fills `chunk`; false at the end of the input (or on a read error).
  bool Fill(LineChunk& chunk) {
    if (done_) return false;
    chunk.data.assign(carry_);
    carry_.clear();
    size_t size = chunk.data.size();
    size_t last_newline = std::string::npos;
    // Read until the chunk holds at least one whole line, or the input ends.
    while (true) {
      const size_t want = settings_.chunk_bytes;
      chunk.data.resize(size + want + settings_.padding);
      const ssize_t got = ::read(fd_, chunk.data.data() + size, want);
      if (got < 0) {
        if (errno == EINTR) continue;
        error_ = std::strerror(errno);
        done_ = true;
        break;
      }
      if (got == 0) {
        done_ = true;
        break;
      }
      size += static_cast<size_t>(got);
      bytes_read_ += static_cast<uint64_t>(got);
      const auto* begin = chunk.data.data();
      const void* found = memrchr(begin, '\n', size);
      if (found != nullptr) {
        last_newline = static_cast<size_t>(static_cast<const char*>(found) - begin);
        break;
      }
    }
    size_t end = size;  // at the end of the input the last line needs no newline
    if (!done_ && last_newline != std::string::npos) {
      end = last_newline + 1;
      carry_.assign(chunk.data.data() + end, size - end);
    }
    chunk.size = end;
    chunk.data.resize(end + settings_.padding);
    std::fill(chunk.data.begin() + static_cast<std::ptrdiff_t>(end), chunk.data.end(), ' ');
    chunk.first_line = next_line_;
    next_line_ += CountNewlines(std::string_view(chunk.data.data(), end));
    chunk.out.clear();
    chunk.diagnostics.clear();
    chunk.collected.clear();
    chunk.verdicts = {};
    chunk.malformed = 0;
    chunk.stopped = false;
    return end > 0;
  }

  uint64_t bytes_read() const { return bytes_read_; }
  const std::string& error() const { return error_; }

 private:
  int fd_;
  std::string carry_;
  int64_t next_line_;
  const ChunkStreamSettings& settings_;
  bool done_ = false;
  uint64_t bytes_read_ = 0;
  std::string error_;
};

}  // namespace

std::string StreamChunks(int fd, std::string carry, int64_t first_line, const ChunkStreamSettings& settings,
                         const std::function<void(LineChunk&, size_t worker)>& process,
                         const std::function<bool(LineChunk&)>& consume) {
  ChunkReader reader(fd, std::move(carry), first_line, settings);
  if (settings.jobs <= 1) {
    LineChunk chunk;
    while (reader.Fill(chunk)) {
      if (settings.on_read) settings.on_read(reader.bytes_read());
      process(chunk, 0);
      if (!consume(chunk)) break;
    }
    return reader.error();
  }

  // A ring of slots: the reader fills them in order, workers process any
  // queued slot, the consumer takes them back in order.
  enum class State { kFree, kQueued, kDone };
  const size_t slots = settings.jobs * 2 + 1;
  std::vector<LineChunk> chunks(slots);
  std::vector<State> states(slots, State::kFree);
  std::deque<size_t> queue;
  std::mutex mutex;
  std::condition_variable changed;
  bool quit = false;

  std::vector<std::thread> workers;
  for (size_t w = 0; w < settings.jobs; ++w) {
    workers.emplace_back([&, w] {
      std::unique_lock lock(mutex);
      while (true) {
        changed.wait(lock, [&] { return quit || !queue.empty(); });
        if (queue.empty()) return;  // quit with nothing left
        const size_t slot = queue.front();
        queue.pop_front();
        lock.unlock();
        process(chunks[slot], w);
        lock.lock();
        states[slot] = State::kDone;
        changed.notify_all();
      }
    });
  }

  size_t next_read = 0;
  size_t next_consume = 0;
  bool input_done = false;
  bool stopped = false;
  std::unique_lock lock(mutex);
  while (!stopped) {
    const size_t consume_slot = next_consume % slots;
    if (next_consume < next_read && states[consume_slot] == State::kDone) {
      lock.unlock();
      const bool go_on = consume(chunks[consume_slot]);
      lock.lock();
      states[consume_slot] = State::kFree;
      ++next_consume;
      stopped = !go_on;
      continue;
    }
    if (input_done && next_consume == next_read) break;
    const size_t read_slot = next_read % slots;
    if (!input_done && states[read_slot] == State::kFree) {
      lock.unlock();
      const bool filled = reader.Fill(chunks[read_slot]);
      if (settings.on_read) settings.on_read(reader.bytes_read());
      lock.lock();
      if (filled) {
        states[read_slot] = State::kQueued;
        queue.push_back(read_slot);
        ++next_read;
        changed.notify_all();
      } else {
        input_done = true;
      }
      continue;
    }
    changed.wait(lock);
  }
  quit = true;
  queue.clear();  // on an early stop, chunks not started are dropped
  changed.notify_all();
  lock.unlock();
  for (std::thread& worker : workers) worker.join();
  return reader.error();
}

}  // namespace eccn::cli
