#include "rule_cache/build_id.h"

#include <elf.h>
#include <link.h>

#include <cstdint>
#include <cstring>

#include <fmt/format.h>

namespace eccn::rule_cache {
namespace {

struct Search {
  uintptr_t address = 0;  // an address inside this code
  std::optional<std::string> id;
};

// The NT_GNU_BUILD_ID note among the notes of [begin, end), as hex.
std::optional<std::string> FindBuildIdNote(const char* begin, const char* end) {
  const auto align = [](size_t n) { return (n + 3) & ~size_t{3}; };
  while (end - begin >= static_cast<std::ptrdiff_t>(sizeof(ElfW(Nhdr)))) {
    ElfW(Nhdr) header{};
    std::memcpy(&header, begin, sizeof(header));
    const char* name = begin + sizeof(header);
    const char* desc = name + align(header.n_namesz);
    const char* next = desc + align(header.n_descsz);
    if (next > end) break;
    if (header.n_type == NT_GNU_BUILD_ID && header.n_namesz == 4 && std::memcmp(name, "GNU", 4) == 0) {
      std::string hex;
      for (size_t i = 0; i < header.n_descsz; ++i) hex += fmt::format("{:02x}", static_cast<unsigned char>(desc[i]));
      return hex;
    }
    begin = next;
  }
  return std::nullopt;
}

int VisitObject(dl_phdr_info* info, size_t /*size*/, void* data) {
  auto& search = *static_cast<Search*>(data);
  bool contains = false;
  for (ElfW(Half) i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr)& segment = info->dlpi_phdr[i];
    const uintptr_t start = info->dlpi_addr + segment.p_vaddr;
    if (segment.p_type == PT_LOAD && search.address >= start && search.address < start + segment.p_memsz) {
      contains = true;
    }
  }
  if (!contains) return 0;
  for (ElfW(Half) i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr)& segment = info->dlpi_phdr[i];
    if (segment.p_type != PT_NOTE) continue;
    // The loader gives addresses as integers; this is where the note is mapped.
    const auto* begin =
        reinterpret_cast<const char*>(info->dlpi_addr + segment.p_vaddr);  // NOLINT(performance-no-int-to-ptr)
    if ((search.id = FindBuildIdNote(begin, begin + segment.p_memsz))) break;
  }
  return 1;  // found the object: stop
}

}  // namespace

std::optional<std::string> BuildId() {
  Search search;
  search.address = reinterpret_cast<uintptr_t>(&BuildId);
  dl_iterate_phdr(VisitObject, &search);
  return search.id;
}

}  // namespace eccn::rule_cache
