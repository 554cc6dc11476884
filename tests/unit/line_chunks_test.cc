// StreamChunks: every line once, in order, with its number and readable
// padding after it, whether the input is a mapped file or a pipe.
#include <fcntl.h>
#include <unistd.h>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "cli/line_chunks.h"
#include "pipe_feeder.h"

namespace eccn::cli {
namespace {

namespace fs = std::filesystem;

// Lines of many lengths, one longer than any chunk, and no newline at the end.
std::string Text() {
  std::string text;
  for (int i = 1; i <= 300; ++i)
    text += std::string(static_cast<size_t>(i % 37), static_cast<char>('a' + i % 26)) + "\n";
  text += std::string(1000, 'L') + "\n";
  text += "last line without a newline";
  return text;
}

// How Collect() shows a line that was skipped for its length.
const std::string kOversized = "<oversized>";

// Each line of `text` with its number; kOversized for one of more than `max_line_bytes`.
std::vector<std::pair<int64_t, std::string>> Expected(const std::string& text, int64_t first_line,
                                                      size_t max_line_bytes = size_t{4} << 20) {
  std::vector<std::pair<int64_t, std::string>> lines;
  size_t start = 0;
  int64_t number = first_line;
  while (start < text.size()) {
    const size_t end = std::min(text.find('\n', start), text.size());
    lines.emplace_back(number++, end - start > max_line_bytes ? kOversized : text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

struct Chunking {
  size_t chunk_bytes = 64;
  size_t max_lines = 4096;
  size_t max_line_bytes = size_t{4} << 20;
};

// Streams `fd` in chunks and collects each line with its number; the most
// lines one chunk held go to `most_lines` if given.
std::vector<std::pair<int64_t, std::string>> Collect(int fd, std::string carry, int64_t first_line, size_t jobs,
                                                     Chunking chunking = {}, size_t* most_lines = nullptr) {
  ChunkStreamSettings settings;
  settings.jobs = jobs;
  settings.chunk_bytes = chunking.chunk_bytes;
  settings.max_lines = chunking.max_lines;
  settings.max_line_bytes = chunking.max_line_bytes;
  settings.padding = 64;
  std::vector<std::pair<int64_t, std::string>> lines;
  const std::string error = StreamChunks(
      fd, std::move(carry), first_line, settings,
      [&](LineChunk& chunk, size_t /*worker*/) {
        // The padding is readable (a fault or a sanitizer report otherwise).
        volatile char last = chunk.lines.data()[chunk.lines.size() + settings.padding - 1];
        (void)last;
      },
      [&](LineChunk& chunk) {
        if (chunk.oversized) {
          EXPECT_TRUE(chunk.lines.empty());
          lines.emplace_back(chunk.first_line, kOversized);
          return true;
        }
        int64_t number = chunk.first_line;
        size_t start = 0;
        while (start < chunk.lines.size()) {
          const size_t end = std::min(chunk.lines.find('\n', start), chunk.lines.size());
          lines.emplace_back(number++, std::string(chunk.lines.substr(start, end - start)));
          start = end + 1;
        }
        if (most_lines != nullptr) *most_lines = std::max(*most_lines, static_cast<size_t>(number - chunk.first_line));
        return true;
      });
  EXPECT_EQ(error, "");
  return lines;
}

class LineChunksTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = fs::temp_directory_path() /
            ("eccn-line-chunks-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    std::ofstream(path_, std::ios::binary) << Text();
  }
  void TearDown() override { fs::remove(path_); }

  fs::path path_;
};

TEST_F(LineChunksTest, AMappedFileGivesEveryLineInOrder) {
  for (const size_t jobs : {size_t{1}, size_t{2}}) {
    const int fd = ::open(path_.c_str(), O_RDONLY);
    ASSERT_GE(fd, 0);
    EXPECT_EQ(Collect(fd, "", 1, jobs), Expected(Text(), 1)) << jobs << " jobs";
    ::close(fd);
  }
}

// Collect() of `text` written to a pipe, `piece` bytes a write.
std::vector<std::pair<int64_t, std::string>> CollectFromPipe(const std::string& text, size_t jobs,
                                                             Chunking chunking = {}, size_t* most_lines = nullptr,
                                                             size_t piece = 100) {
  std::vector<std::pair<int64_t, std::string>> lines;
  int read_fd = -1;
  {
    const PipeFeeder feeder(text, piece);
    read_fd = feeder.read_fd();
    EXPECT_GE(read_fd, 0);
    lines = Collect(read_fd, "", 1, jobs, chunking, most_lines);
  }
  ::close(read_fd);
  return lines;
}

TEST_F(LineChunksTest, APipeGivesTheSameLines) {
  for (const size_t jobs : {size_t{1}, size_t{2}}) {
    EXPECT_EQ(CollectFromPipe(Text(), jobs), Expected(Text(), 1)) << jobs << " jobs";
  }
}

// Short lines give results far larger than themselves: a chunk holds at most
// max_lines lines whatever its byte size, from a file or a pipe.
TEST_F(LineChunksTest, AChunkHoldsAtMostMaxLines) {
  for (const size_t max_lines : {size_t{1}, size_t{3}, size_t{64}}) {
    for (const size_t chunk_bytes : {size_t{64}, size_t{1} << 20}) {
      const Chunking chunking{chunk_bytes, max_lines};
      const std::string where = fmt::format("max_lines {}, chunk_bytes {}", max_lines, chunk_bytes);
      size_t most = 0;
      const int fd = ::open(path_.c_str(), O_RDONLY);
      ASSERT_GE(fd, 0);
      EXPECT_EQ(Collect(fd, "", 1, 2, chunking, &most), Expected(Text(), 1)) << where;
      ::close(fd);
      EXPECT_LE(most, max_lines) << where;
      if (chunk_bytes > Text().size()) {
        EXPECT_EQ(most, max_lines) << where;  // the cap, not the bytes, cut
      }
      most = 0;
      EXPECT_EQ(CollectFromPipe(Text(), 2, chunking, &most), Expected(Text(), 1)) << where << ", pipe";
      EXPECT_LE(most, max_lines) << where << ", pipe";
    }
  }
}

// Any text, chunk size, line cap, worker count and pipe write size: every
// line once, in order, with its number.
TEST_F(LineChunksTest, RandomTextsAndSettingsGiveEveryLine) {
  std::mt19937_64 random(4242);
  for (int round = 0; round < 200; ++round) {
    std::string text;
    for (size_t n = random() % 60; n > 0; --n) {
      text += std::string(random() % 3 == 0 ? 0 : random() % 90, static_cast<char>('a' + random() % 26));
      if (random() % 4 != 0 || n > 1) text += random() % 5 == 0 ? "\r\n" : "\n";  // the last may lack one
    }
    // Lines longer than max_line_bytes (or not: half the rounds have no limit to speak of).
    const size_t max_line_bytes = random() % 2 == 0 ? 1 + random() % 100 : size_t{4} << 20;
    const Chunking chunking{1 + random() % 200, 1 + random() % 20, max_line_bytes};
    const size_t jobs = 1 + random() % 2;
    const std::string where = fmt::format("round {}: chunk_bytes {}, max_lines {}, max_line_bytes {}, jobs {}", round,
                                          chunking.chunk_bytes, chunking.max_lines, max_line_bytes, jobs);
    std::ofstream(path_, std::ios::binary | std::ios::trunc) << text;
    size_t most = 0;
    const int fd = ::open(path_.c_str(), O_RDONLY);
    ASSERT_GE(fd, 0);
    EXPECT_EQ(Collect(fd, "", 1, jobs, chunking, &most), Expected(text, 1, max_line_bytes)) << where;
    ::close(fd);
    EXPECT_LE(most, chunking.max_lines) << where;
    most = 0;
    EXPECT_EQ(CollectFromPipe(text, jobs, chunking, &most, 1 + random() % 300), Expected(text, 1, max_line_bytes))
        << where;
    EXPECT_LE(most, chunking.max_lines) << where;
  }
}

// A line far longer than max_line_bytes (a file without newlines, a JSON
// array on one line) is skipped, not held, from a file or a pipe; the lines
// after it keep their numbers.
TEST_F(LineChunksTest, ALineTooLongIsSkippedAndReported) {
  const std::string text = "first\n" + std::string(3 << 20, 'x') + "\nafter\n" + std::string(5000, 'y');
  const Chunking chunking{4096, 16, 4096};
  const std::vector<std::pair<int64_t, std::string>> expected{
      {1, "first"}, {2, kOversized}, {3, "after"}, {4, kOversized}};
  ASSERT_EQ(Expected(text, 1, chunking.max_line_bytes), expected);
  std::ofstream(path_, std::ios::binary | std::ios::trunc) << text;
  for (const size_t jobs : {size_t{1}, size_t{2}}) {
    const int fd = ::open(path_.c_str(), O_RDONLY);
    ASSERT_GE(fd, 0);
    EXPECT_EQ(Collect(fd, "", 1, jobs, chunking), expected) << jobs << " jobs";
    ::close(fd);
    EXPECT_EQ(CollectFromPipe(text, jobs, chunking, nullptr, 65536), expected) << jobs << " jobs";
  }
}

TEST_F(LineChunksTest, AFileReadPastAHeaderContinuesWhereReadingStopped) {
  // As for a CSV header: the first line and a few bytes more have been read.
  const int fd = ::open(path_.c_str(), O_RDONLY);
  ASSERT_GE(fd, 0);
  const std::string text = Text();
  const size_t header_end = text.find('\n') + 1;
  std::string read_ahead(header_end + 5, '\0');
  ASSERT_EQ(::read(fd, read_ahead.data(), read_ahead.size()), static_cast<ssize_t>(read_ahead.size()));
  const std::string carry = read_ahead.substr(header_end);
  EXPECT_EQ(Collect(fd, carry, 2, 2), Expected(text.substr(header_end), 2));
  ::close(fd);
}

// Another program truncating the catalog while eccn maps it: the next access
// to a page past the new end raises SIGBUS, and eccn says what happened.
TEST_F(LineChunksTest, AMappedFileThatShrinksEndsTheProcessWithAMessage) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  const auto run = [this] {
    const int fd = ::open(path_.c_str(), O_RDONLY);
    ChunkStreamSettings settings;
    settings.chunk_bytes = 64;
    settings.file_name = "catalog.jsonl";
    settings.shrank_exit_code = 65;
    StreamChunks(
        fd, "", 1, settings,
        [this](LineChunk& chunk, size_t /*worker*/) {
          fs::resize_file(path_, 0);
          volatile char first = chunk.lines.data()[0];
          (void)first;
        },
        [](LineChunk& /*chunk*/) { return true; });
    std::exit(0);  // not reached: the first chunk's page is gone
  };
  EXPECT_EXIT(run(), ::testing::ExitedWithCode(65),
              "eccn: catalog.jsonl: read error: the file shrank while it was being read");
}

}  // namespace
}  // namespace eccn::cli
