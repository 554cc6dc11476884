// Finding the bytes of a JSON string that need a second look: a quote, a
// backslash, a control character, or a byte of a multi-byte UTF-8 sequence.
// Reading a record's strings and writing a result's both skip the other
// bytes 16 at a time.
#pragma once

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <bit>
#include <cstdint>

namespace eccn {

inline bool IsJsonSpecial(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return byte < 0x20 || byte >= 0x80 || c == '"' || c == '\\';
}

#if defined(__SSE2__)
// Bit i set when block[i] IsJsonSpecial; reads 16 bytes.
inline uint32_t JsonSpecialMask16(const char* block) {
  const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(block));
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  const __m128i space = _mm_set1_epi8(0x20);  // signed: bytes >= 0x80 compare below it too
  const __m128i special = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(bytes, quote), _mm_cmpeq_epi8(bytes, backslash)),
                                       _mm_cmplt_epi8(bytes, space));
  return static_cast<uint32_t>(_mm_movemask_epi8(special));
}
#endif

// The first special byte in [from, end), or end; reads nothing past end.
inline const char* FindJsonSpecial(const char* from, const char* end) {
#if defined(__SSE2__)
  for (; end - from >= 16; from += 16) {
    if (const uint32_t mask = JsonSpecialMask16(from); mask != 0) return from + std::countr_zero(mask);
  }
#endif
  while (from < end && !IsJsonSpecial(*from)) ++from;
  return from;
}

}  // namespace eccn
