// A parse-only yardstick for bench/e2e.sh: parses a JSON Lines catalog with
// simdjson's DOM API and walks every value of every record (keys and strings
// unescaped, numbers converted), classifying nothing. It is what the
// fastest JSON library on the machine takes to read what eccn reads, so the
// table can say how much of eccn's time is parsing and how much the rest.
//
// The file is mapped, as eccn maps it, with zeroed room after its end for
// simdjson's padding. parse_many picks the best kernel for the CPU at run
// time (On-Demand runs the one chosen at compile time: the portable fallback
// for a baseline x86-64 build), and parses one batch while its own thread
// indexes the next (SIMDJSON_THREADS_ENABLED), as eccn uses both cores.
//
//   g++ -O3 -std=c++17 -DSIMDJSON_THREADS_ENABLED=1 simdjson_walk.cc -lsimdjson -pthread -o simdjson_walk
//   simdjson_walk catalog.jsonl   (prints "<records> records")
#include <fcntl.h>
#include <simdjson.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <string_view>

namespace {

using simdjson::dom::element_type;

// Adds up what it reads so that no read can be optimised away.
struct Sink {
  uint64_t chars = 0;
  double sum = 0;
};

void Walk(simdjson::dom::element value, Sink& sink) {
  switch (value.type()) {
    case element_type::OBJECT:
      for (const simdjson::dom::key_value_pair field : simdjson::dom::object(value)) {
        sink.chars += field.key.size();
        Walk(field.value, sink);
      }
      return;
    case element_type::ARRAY:
      for (const simdjson::dom::element item : simdjson::dom::array(value)) Walk(item, sink);
      return;
    case element_type::STRING:
      sink.chars += std::string_view(value).size();
      return;
    case element_type::INT64:
    case element_type::UINT64:
    case element_type::DOUBLE:
      sink.sum += double(value);
      return;
    case element_type::BOOL:
      sink.chars += bool(value) ? 1 : 0;
      return;
    case element_type::NULL_VALUE:
      return;
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: simdjson_walk catalog.jsonl\n");
    return 64;
  }
  const int fd = open(argv[1], O_RDONLY);
  struct stat info {};
  if (fd < 0 || fstat(fd, &info) != 0) {
    std::perror(argv[1]);
    return 66;
  }
  const auto size = static_cast<size_t>(info.st_size);
  const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  const size_t room = (size + simdjson::SIMDJSON_PADDING + page - 1) / page * page;
  // Zeroed pages first, then the file over their start: the padding reads zeros.
  void* base = mmap(nullptr, room, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (base == MAP_FAILED || (size > 0 && mmap(base, size, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd, 0) == MAP_FAILED)) {
    std::perror("mmap");
    return 71;
  }

  simdjson::dom::parser parser;
  simdjson::dom::document_stream records;
  if (const auto error = parser.parse_many(static_cast<const char*>(base), size, size_t{1} << 20).get(records)) {
    std::fprintf(stderr, "%s\n", simdjson::error_message(error));
    return 65;
  }
  Sink sink;
  uint64_t count = 0;
  for (auto record : records) {
    simdjson::dom::element value;
    if (const auto error = record.get(value)) {
      std::fprintf(stderr, "record %llu: %s\n", static_cast<unsigned long long>(count + 1),
                   simdjson::error_message(error));
      return 65;
    }
    Walk(value, sink);
    ++count;
  }
  std::printf("%llu records (%llu characters, sum %g)\n", static_cast<unsigned long long>(count),
              static_cast<unsigned long long>(sink.chars), sink.sum);
  return 0;
}
