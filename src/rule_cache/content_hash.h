// A fast 128-bit hash of byte strings, for cache keys: it tells contents
// apart by accident-proof margins but is not meant to resist a forger (a
// forger who can write the cache can write the rules too).
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include <fmt/format.h>

namespace eccn::rule_cache {

class ContentHash {
 public:
  // Adds `bytes`, preceded by its length, so ("ab", "c") and ("a", "bc") differ.
  void Add(std::string_view bytes) {
    Mix(bytes.size());
    size_t i = 0;
    for (; i + 8 <= bytes.size(); i += 8) {
      uint64_t word = 0;
      std::memcpy(&word, bytes.data() + i, 8);
      Mix(word);
    }
    uint64_t tail = 0;
    std::memcpy(&tail, bytes.data() + i, bytes.size() - i);
    Mix(tail);
  }

  // 32 lower-case hex digits.
  std::string Hex() const { return fmt::format("{:016x}{:016x}", Finish(low_), Finish(high_)); }

 private:
  static uint64_t RotateLeft(uint64_t x, int n) { return (x << n) | (x >> (64 - n)); }

  // Two lanes with different multipliers (MurmurHash3's constants).
  void Mix(uint64_t word) {
    low_ = RotateLeft(low_ ^ (word * 0x87c37b91114253d5ULL), 31) * 0x4cf5ad432745937fULL + 0x52dce729;
    high_ = RotateLeft(high_ ^ (word * 0x4cf5ad432745937fULL), 33) * 0x87c37b91114253d5ULL + 0x38495ab5;
  }

  // MurmurHash3's 64-bit finaliser: every input bit reaches every output bit.
  static uint64_t Finish(uint64_t h) {
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
  }

  uint64_t low_ = 0x243f6a8885a308d3ULL;  // digits of pi: any fixed, distinct seeds
  uint64_t high_ = 0x13198a2e03707344ULL;
};

}  // namespace eccn::rule_cache
