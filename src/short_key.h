// Short strings (at most 16 bytes) as two integers and a length, so that
// finding a key among a handful of known ones compares integers rather than
// calling memcmp for each candidate: the bulk readers look up a dozen keys,
// formats and units in every record.
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string_view>
#include <type_traits>

namespace eccn {

inline constexpr size_t kShortKeyMaxSize = 16;

// Equal codes are equal strings when both are at most kShortKeyMaxSize bytes
// long; a longer string has a code no shorter string has (its size).
struct ShortKey {
  uint64_t low = 0;
  uint64_t high = 0;
  size_t size = 0;

  friend constexpr bool operator==(const ShortKey&, const ShortKey&) = default;
};

namespace short_key_internal {

// `count` (4 or 8) bytes from `p` as a little-endian integer.
constexpr uint64_t Load(const char* p, size_t count) {
  if (!std::is_constant_evaluated() && std::endian::native == std::endian::little) {
    if (count == 8) {
      uint64_t word = 0;
      std::memcpy(&word, p, 8);
      return word;
    }
    uint32_t word = 0;
    std::memcpy(&word, p, 4);
    return word;
  }
  uint64_t word = 0;
  for (size_t i = 0; i < count; ++i) word |= uint64_t{static_cast<unsigned char>(p[i])} << (8 * i);
  return word;
}

}  // namespace short_key_internal

// Overlapping loads of the first and last bytes cover every byte of a
// string of up to 16; with the size, the code is the string.
constexpr ShortKey ShortKeyOf(std::string_view text) {
  using short_key_internal::Load;
  const char* p = text.data();
  const size_t n = text.size();
  if (n >= 8) return {Load(p, 8), Load(p + n - 8, 8), n};
  if (n >= 4) return {Load(p, 4) | Load(p + n - 4, 4) << 32, 0, n};
  if (n == 0) return {};
  const auto byte = [](char c) { return uint64_t{static_cast<unsigned char>(c)}; };
  return {byte(p[0]) | byte(p[n / 2]) << 8 | byte(p[n - 1]) << 16, 0, n};
}

// A key as JSON records usually write it, quoted and followed by its colon
// ("name":), to be compared 16 bytes at once; size 0 when too long for that.
struct QuotedKey {
  std::array<char, 16> bytes{};
  size_t size = 0;
};

constexpr QuotedKey QuoteKey(std::string_view key) {
  QuotedKey quoted;
  if (key.size() + 3 > quoted.bytes.size()) return quoted;
  quoted.bytes[0] = '"';
  for (size_t k = 0; k < key.size(); ++k) quoted.bytes[k + 1] = key[k];
  quoted.bytes[key.size() + 1] = '"';
  quoted.bytes[key.size() + 2] = ':';
  quoted.size = key.size() + 3;
  return quoted;
}

// Whether `text`, whose code is `code`, is `known`, whose code is
// `known_code`: the codes tell for short text, the bytes for longer.
inline bool IsSameKey(const ShortKey& code, std::string_view text, const ShortKey& known_code, std::string_view known) {
  return code == known_code && (text.size() <= kShortKeyMaxSize || text == known);
}

// The codes of a list of known keys, at compile time; a key too long for a
// code does not compile.
template <size_t N>
consteval std::array<ShortKey, N> ShortKeysOf(const std::array<std::string_view, N>& keys) {
  std::array<ShortKey, N> codes{};
  for (size_t i = 0; i < N; ++i) {
    if (keys[i].size() > kShortKeyMaxSize) throw std::length_error("a known key longer than a short key");
    codes[i] = ShortKeyOf(keys[i]);
  }
  return codes;
}

// The position of `text` in `codes`, or N.
template <size_t N>
size_t FindShortKey(const std::array<ShortKey, N>& codes, std::string_view text) {
  const ShortKey code = ShortKeyOf(text);
  size_t index = 0;
  while (index < N && !(codes[index] == code)) ++index;
  return index;
}

}  // namespace eccn
