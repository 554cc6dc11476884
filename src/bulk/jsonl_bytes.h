// Byte-level reads that the JSON Lines scanner (jsonl_scan.h) and the replay
// of a learnt layout (jsonl_layout.h) share, so that both read a value alike.
// Each may read whole 16-byte blocks past `end`, into a line's padding.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>

#include "ascii.h"
#include "json_special.h"

namespace eccn::bulk {

// A die's count with more digits might not fit the 64 bits simdjson reads it into.
inline constexpr size_t kMaxCountDigits = 19;

// Where a die's count written as a plain integer from `at` ends: after "0",
// or after digits that do not start with 0; `at` itself if no digit is there.
inline const char* CountEnd(const char* at, const char* end) {
  if (at < end && *at == '0') return at + 1;
  while (at < end && IsAsciiDigit(*at)) ++at;
  return at;
}

// Where a string's content from `from` stops: its closing quote, or a
// backslash or control character (end, or beyond, if none is before end);
// `ascii` says whether the bytes before it are.
inline const char* StringStop(const char* from, const char* end, bool& ascii) {
  const auto special = [end](const char* at) {
#if defined(__SSE2__)
    for (; at < end; at += 16) {
      if (const uint32_t mask = JsonSpecialMask16(at); mask != 0) return at + std::countr_zero(mask);
    }
    return end;
#else
    return FindJsonSpecial(at, end);
#endif
  };
  ascii = true;
  const char* stop = special(from);
  while (stop < end && static_cast<unsigned char>(*stop) >= 0x80) {
    ascii = false;
    stop = special(stop + 1);
  }
  return stop;
}

// SameBytes reads whole blocks of this many bytes.
inline constexpr size_t kSameBytesBlock = 16;

// Whether the `size` bytes at `a` and `b` agree; both must be readable in
// whole kSameBytesBlock-byte blocks.
inline bool SameBytes(const char* a, const char* b, size_t size) {
#if defined(__SSE2__)
  constexpr size_t kBlock = kSameBytesBlock;
  for (size_t at = 0; at < size; at += kBlock) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(a + at));
    const __m128i y = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b + at));
    auto equal = static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(x, y)));
    if (size - at < kBlock) equal |= ~((uint32_t{1} << (size - at)) - 1) & 0xFFFFU;
    if (equal != 0xFFFFU) return false;
  }
  return true;
#else
  return std::memcmp(a, b, size) == 0;
#endif
}

}  // namespace eccn::bulk
