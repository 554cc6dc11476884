#include "cli/newlines.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <bit>

namespace eccn::cli {
namespace {

#if defined(__SSE2__)
// Bit i set when text[at + i] is a newline, for the 16 bytes from `at`.
uint32_t NewlineMask(const char* at) {
  const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(at));
  return static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(block, _mm_set1_epi8('\n'))));
}
#endif

}  // namespace

void FindNewlines(std::string_view text, size_t max, std::vector<uint32_t>& out) {
  out.clear();
  size_t i = 0;
#if defined(__SSE2__)
  // 64 bytes a step, so that the many bytes of a record without a newline
  // cost one test per four blocks; then 16. While a step's bytes cannot pass
  // `max`, without counting each.
  for (; i + 64 <= text.size() && out.size() + 64 <= max; i += 64) {
    const char* at = text.data() + i;
    uint64_t mask = uint64_t{NewlineMask(at)} | uint64_t{NewlineMask(at + 16)} << 16 |
                    uint64_t{NewlineMask(at + 32)} << 32 | uint64_t{NewlineMask(at + 48)} << 48;
    while (mask != 0) {
      out.push_back(static_cast<uint32_t>(i) + static_cast<uint32_t>(std::countr_zero(mask)));
      mask &= mask - 1;
    }
  }
  for (; i + 16 <= text.size() && out.size() + 16 <= max; i += 16) {
    for (uint32_t mask = NewlineMask(text.data() + i); mask != 0; mask &= mask - 1) {
      out.push_back(static_cast<uint32_t>(i) + static_cast<uint32_t>(std::countr_zero(mask)));
    }
  }
#endif
  for (; i < text.size() && out.size() < max; ++i) {
    if (text[i] == '\n') out.push_back(static_cast<uint32_t>(i));
  }
}

}  // namespace eccn::cli
