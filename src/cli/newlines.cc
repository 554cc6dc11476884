#include "cli/newlines.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <bit>

namespace eccn::cli {

void FindNewlines(std::string_view text, size_t max, std::vector<uint32_t>& out) {
  out.clear();
  size_t i = 0;
#if defined(__SSE2__)
  const __m128i newline = _mm_set1_epi8('\n');
  // While a block's sixteen cannot pass `max`, without counting each.
  for (; i + 16 <= text.size() && out.size() + 16 <= max; i += 16) {
    const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
    auto mask = static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(block, newline)));
    while (mask != 0) {
      out.push_back(static_cast<uint32_t>(i) + static_cast<uint32_t>(std::countr_zero(mask)));
      mask &= mask - 1;
    }
  }
#endif
  for (; i < text.size() && out.size() < max; ++i) {
    if (text[i] == '\n') out.push_back(static_cast<uint32_t>(i));
  }
}

}  // namespace eccn::cli
