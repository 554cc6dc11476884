#include "cli/line_chunks.h"

#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <memory>
#include <mutex>
#include <string_view>
#include <thread>

#include "cli/newlines.h"
#include "cli/shrink_guard.h"

namespace eccn::cli {
namespace {

// Where chunks come from: read() into each chunk's storage, or a mapping of
// the whole file. Both cut the input into chunks of whole lines.
class ChunkSource {
 public:
  ChunkSource(int64_t first_line, const ChunkStreamSettings& settings) : next_line_(first_line), settings_(settings) {}
  ChunkSource(const ChunkSource&) = delete;
  ChunkSource& operator=(const ChunkSource&) = delete;
  virtual ~ChunkSource() = default;

  // Fills `chunk`; false at the end of the input (or on a read error).
  virtual bool Fill(LineChunk& chunk) = 0;
  // `chunk`, the oldest in flight, has been consumed.
  virtual void Release(const LineChunk& /*chunk*/) {}

  uint64_t bytes_read() const { return bytes_read_; }
  const std::string& error() const { return error_; }

 protected:
  // Hands the first settings_.max_lines lines of `lines` to `chunk`, with its
  // first line number and empty results; returns their size, the bytes used.
  size_t Start(LineChunk& chunk, std::string_view lines) {
    FindNewlines(lines, settings_.max_lines, chunk.newlines);
    if (chunk.newlines.size() == settings_.max_lines && chunk.newlines.back() + 1 < lines.size()) {
      lines = lines.substr(0, chunk.newlines.back() + 1);
    }
    chunk.lines = lines;
    chunk.first_line = next_line_;
    next_line_ += static_cast<int64_t>(chunk.newlines.size());
    chunk.out.clear();
    chunk.diagnostics.clear();
    chunk.text_rows.clear();
    chunk.rows_written = false;
    chunk.verdicts = {};
    chunk.malformed = 0;
    chunk.stopped = false;
    chunk.oversized = false;
    return lines.size();
  }

  // Makes `chunk` the report of one line longer than max_line_bytes, skipped.
  void StartOversized(LineChunk& chunk) {
    chunk.storage.assign(settings_.padding, ' ');
    Start(chunk, std::string_view(chunk.storage).substr(0, 0));
    chunk.first_line = next_line_++;
    chunk.oversized = true;
  }

  // Bytes a chunk reads at most: no more than a line may hold, so that a line
  // too long is always the first of its chunk, found where no newline is.
  size_t chunk_bytes() const { return std::min(settings_.chunk_bytes, settings_.max_line_bytes); }

  int64_t next_line_;
  const ChunkStreamSettings& settings_;
  uint64_t bytes_read_ = 0;
  std::string error_;
};

// read() into each chunk's storage; the bytes after the last newline wait in
// `carry_` for the next chunk. For pipes and terminals.
class ReadChunkSource : public ChunkSource {
 public:
  ReadChunkSource(int fd, std::string carry, int64_t first_line, const ChunkStreamSettings& settings)
      : ChunkSource(first_line, settings), fd_(fd), carry_(std::move(carry)) {}

  bool Fill(LineChunk& chunk) override {
    if (done_ && carry_.empty()) return false;
    std::string& data = chunk.storage;
    data.assign(carry_);
    carry_.clear();
    size_t size = data.size();
    size_t last_newline = std::string::npos;
    if (carry_has_lines_) {  // lines the last chunk could not take: no read needed
      carry_has_lines_ = false;
      last_newline = LastNewline(data.data(), size);
    }
    // Read until the chunk holds at least one whole line, or the input ends.
    while (last_newline == std::string::npos && !done_) {
      if (size > settings_.max_line_bytes) return SkipLine(chunk, data, size);
      const size_t want = chunk_bytes();
      data.resize(size + want + settings_.padding);
      const ssize_t got = ::read(fd_, data.data() + size, want);
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
      last_newline = LastNewline(data.data(), size);
    }
    // A line too long whose end came in the last read: it is held already (no
    // more than a line and a chunk), but still reported rather than read.
    const size_t first_line_size = std::min(std::string_view(data.data(), size).find('\n'), size);
    if (first_line_size > settings_.max_line_bytes) {
      if (first_line_size < size)
        CarryAfterLine(std::string_view(data).substr(first_line_size + 1, size - first_line_size - 1));
      StartOversized(chunk);
      return true;
    }
    size_t end = size;  // at the end of the input the last line needs no newline
    if (!done_ && last_newline != std::string::npos) end = last_newline + 1;
    // Room for the padding first: the view Start keeps must not move after.
    data.resize(std::max(size, end + settings_.padding));
    const size_t used = Start(chunk, std::string_view(data.data(), end));
    if (used < size) {
      carry_.assign(data.data() + used, size - used);
      carry_has_lines_ = used < end;
    }
    data.resize(used + settings_.padding);  // smaller: stays in place
    std::fill(data.begin() + static_cast<std::ptrdiff_t>(used), data.end(), ' ');
    return used > 0;
  }

 private:
  // The first line of data[0, size) (no newline there yet) is too long: reads
  // on to its end, holding no more than a chunk, and reports it.
  bool SkipLine(LineChunk& chunk, std::string& data, size_t size) {
    data.resize(std::max(size, chunk_bytes()));
    while (!done_) {
      const ssize_t got = ::read(fd_, data.data(), chunk_bytes());
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) {
        if (got < 0) error_ = std::strerror(errno);
        done_ = true;
        break;
      }
      bytes_read_ += static_cast<uint64_t>(got);
      const auto* newline = static_cast<const char*>(std::memchr(data.data(), '\n', static_cast<size_t>(got)));
      if (newline != nullptr) {
        CarryAfterLine(std::string_view(newline + 1, static_cast<size_t>(data.data() + got - (newline + 1))));
        break;
      }
    }
    StartOversized(chunk);
    return true;
  }

  // `rest`, what follows a line too long, waits for the next chunk.
  void CarryAfterLine(std::string_view rest) {
    carry_.assign(rest);
    carry_has_lines_ = carry_.find('\n') != std::string::npos;
  }

  // The offset of the last '\n' in data[0, size), or npos.
  static size_t LastNewline(const char* data, size_t size) {
    const void* found = memrchr(data, '\n', size);
    return found == nullptr ? std::string::npos : static_cast<size_t>(static_cast<const char*>(found) - data);
  }

  int fd_;
  std::string carry_;
  bool carry_has_lines_ = false;  // carry_ holds whole lines left by the max_lines cap
  bool done_ = false;
};

// The whole file mapped read-only; a chunk is a view into the mapping, except
// the last, which is copied so that the padding after it is readable.
class MappedChunkSource : public ChunkSource {
 public:
  // Maps `fd` from `offset`; check mapped() before use.
  MappedChunkSource(int fd, uint64_t offset, uint64_t size, int64_t first_line, const ChunkStreamSettings& settings)
      : ChunkSource(first_line, settings), size_(size), shrink_guard_(settings.file_name, settings.shrank_exit_code) {
    void* base = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (base == MAP_FAILED) return;
    base_ = static_cast<const char*>(base);
    ::madvise(base, size, MADV_SEQUENTIAL);
    position_ = offset;
  }
  ~MappedChunkSource() override {
    if (base_ != nullptr) ::munmap(const_cast<char*>(base_), size_);
  }

  bool mapped() const { return base_ != nullptr; }

  // Unmaps the pages before the end of `chunk` (chunks are consumed in
  // order): they stay in the page cache but leave this process's resident
  // set, which so stays flat however large the file.
  void Release(const LineChunk& chunk) override {
    const char* end = chunk.lines.data() + chunk.lines.size();
    if (end < base_ || end > base_ + size_) return;  // the last chunk, in its own storage
    const uint64_t through = static_cast<uint64_t>(end - base_) / page_ * page_;
    if (through > released_) {
      ::madvise(const_cast<char*>(base_) + released_, through - released_, MADV_DONTNEED);
      released_ = through;
    }
  }

  bool Fill(LineChunk& chunk) override {
    if (position_ >= size_) return false;
    const uint64_t begin = position_;
    uint64_t end = size_;
    if (size_ - begin > chunk_bytes()) {
      // Up to the last newline within chunk_bytes, or the first after it for a longer line.
      const char* from = base_ + begin;
      const void* last = memrchr(from, '\n', chunk_bytes());
      if (last == nullptr) {
        const uint64_t newline = FindNewline(begin + chunk_bytes());
        if (newline - begin > settings_.max_line_bytes) {
          position_ = std::min(newline + 1, size_);
          bytes_read_ = position_;
          StartOversized(chunk);
          return true;
        }
        if (newline < size_) last = base_ + newline;
      }
      if (last != nullptr) end = static_cast<uint64_t>(static_cast<const char*>(last) - base_) + 1;
    }
    std::string_view lines(base_ + begin, end - begin);
    if (size_ - end < settings_.padding) {  // too near the end for padding: a copy
      chunk.storage.assign(lines);
      chunk.storage.append(settings_.padding, ' ');
      lines = std::string_view(chunk.storage.data(), lines.size());
    }
    position_ = begin + Start(chunk, lines);
    bytes_read_ = position_;
    return true;
  }

 private:
  // The offset of the first '\n' from `from` on, or size_. A line past
  // max_line_bytes is read a window at a time and its pages leave memory as
  // they are read: it may be far larger than memory should hold.
  uint64_t FindNewline(uint64_t from) {
    const uint64_t start = from;
    uint64_t dropped = (start + page_ - 1) / page_ * page_;  // pages before this one are let go
    constexpr uint64_t kWindow = uint64_t{1} << 20;
    while (from < size_) {
      const uint64_t n = std::min(kWindow, size_ - from);
      if (const void* newline = std::memchr(base_ + from, '\n', n)) {
        return static_cast<uint64_t>(static_cast<const char*>(newline) - base_);
      }
      from += n;
      const uint64_t through = from / page_ * page_;
      if (from - start > settings_.max_line_bytes && through > dropped) {
        ::madvise(const_cast<char*>(base_) + dropped, through - dropped, MADV_DONTNEED);
        dropped = through;
      }
    }
    return size_;
  }

  const char* base_ = nullptr;
  uint64_t size_ = 0;
  uint64_t page_ = static_cast<uint64_t>(::sysconf(_SC_PAGESIZE));
  ShrinkGuard shrink_guard_;
  uint64_t position_ = 0;
  uint64_t released_ = 0;
};

}  // namespace

std::string StreamChunks(int fd, std::string carry, int64_t first_line, const ChunkStreamSettings& settings,
                         const std::function<void(LineChunk&, size_t worker)>& process,
                         const std::function<bool(LineChunk&)>& consume) {
  // A regular file is mapped from where reading stopped (after a header).
  std::unique_ptr<ChunkSource> source;
  struct stat info {};
  const off_t offset = ::lseek(fd, 0, SEEK_CUR);
  if (::fstat(fd, &info) == 0 && S_ISREG(info.st_mode) && info.st_size > 0 && offset >= 0 &&
      static_cast<uint64_t>(offset) >= carry.size()) {
    auto mapped = std::make_unique<MappedChunkSource>(fd, static_cast<uint64_t>(offset) - carry.size(),
                                                      static_cast<uint64_t>(info.st_size), first_line, settings);
    if (mapped->mapped()) source = std::move(mapped);
  }
  if (!source) source = std::make_unique<ReadChunkSource>(fd, std::move(carry), first_line, settings);
  ChunkSource& reader = *source;
  if (settings.jobs <= 1) {
    LineChunk chunk;
    while (reader.Fill(chunk)) {
      if (settings.on_read) settings.on_read(reader.bytes_read());
      process(chunk, 0);
      if (!consume(chunk)) break;
      reader.Release(chunk);
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
      reader.Release(chunks[consume_slot]);
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
