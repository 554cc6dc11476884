// Units and exact decimal quantities, as written in spec files and rules.
//
// Values are kept in base units: operations (op), bytes (B), seconds (s) and
// millimetres (mm). "148 TFLOPS" is 1.48e14 op/s, "4 TB/s" is 4e12 B/s,
// "1 Gb/s" is 1.25e8 B/s (bits are never taken for bytes).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include <eccn/number.h>
#include "expected.h"

namespace eccn {

// Exponents of the base units.
struct Dimension {
  std::int8_t ops = 0;
  std::int8_t bytes = 0;
  std::int8_t seconds = 0;
  std::int8_t mm = 0;

  friend bool operator==(const Dimension&, const Dimension&) = default;
  Dimension operator*(const Dimension& o) const;
  Dimension operator/(const Dimension& o) const;
  bool IsNone() const { return *this == Dimension{}; }
};

inline constexpr Dimension kDimensionless{};
inline constexpr Dimension kRate{1, 0, -1, 0};       // op/s
inline constexpr Dimension kBandwidth{0, 1, -1, 0};  // B/s
inline constexpr Dimension kArea{0, 0, 0, 2};        // mm2
inline constexpr Dimension kBytes{0, 1, 0, 0};       // B

// A human name with an example unit, for messages: "a throughput such as TFLOPS".
std::string DescribeDimension(const Dimension& dimension);

struct Unit {
  Number scale = 1;  // base units per one of this unit
  Dimension dimension;
  std::string symbol;  // as written
};

// At most this many atoms joined by '/', e.g. "GB/s/mm2" has three.
inline constexpr int kMaxUnitParts = 4;

// "TFLOPS", "GB/s", "mm²", "GiB", "Gb/s", "GB/s/mm2", "TOPS".
Expected<Unit> ParseUnit(std::string_view text);

inline constexpr int kMaxDecimalDigits = 30;
inline constexpr int kMaxDecimalExponent = 30;

// An exact decimal: [+-]digits[.digits][(e|E)[+-]digits]. No hex, no
// infinities, no NaN; at most 30 significant digits and a magnitude from
// 1e-30 to 1e30 (or zero), so arithmetic on it stays exact.
Expected<Number> ParseDecimal(std::string_view text);

struct Quantity {
  Number value;  // in base units
  Unit unit;
};

// "148 TFLOPS" -> {"148", "TFLOPS"}: the leading number-like text and the rest
// after blanks, as ParseQuantity reads them.
std::pair<std::string_view, std::string_view> SplitQuantity(std::string_view text);
// text[i] belongs to the leading number of a quantity, as SplitQuantity reads it.
bool IsQuantityNumberChar(std::string_view text, size_t i);
// What follows a quantity's number: the unit, after blanks.
std::string_view QuantityUnit(std::string_view rest);

// "148 TFLOPS" or "148TFLOPS". A bare number is an error: a unit slip is a factor of 1000.
Expected<Quantity> ParseQuantity(std::string_view text);

}  // namespace eccn
