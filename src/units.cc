#include "units.h"

#include <fmt/format.h>
#include <algorithm>
#include <array>
#include <cctype>
#include <stdexcept>
#include <vector>

#include "ascii.h"

namespace eccn {
namespace {

struct Atom {
  std::string symbol;
  Number scale;
  Dimension dimension;
};

Number Pow10(int exponent) {
  // Every decimal read goes through here: the powers a 256-bit rational holds
  // are built once instead of by a loop of rational products.
  constexpr int kTabled = 76;
  static const std::array<Number, kTabled + 1> powers = [] {
    std::array<Number, kTabled + 1> table;
    table[0] = 1;
    for (size_t i = 1; i < table.size(); ++i) table[i] = table[i - 1] * 10;
    return table;
  }();
  const int magnitude = exponent < 0 ? -exponent : exponent;
  Number result = 1;
  if (magnitude <= kTabled) {
    result = powers[static_cast<size_t>(magnitude)];
  } else {
    for (int i = 0; i < magnitude; ++i) result *= 10;
  }
  return exponent < 0 ? Number(1) / result : result;
}

Number Pow1024(int exponent) {
  Number result = 1;
  for (int i = 0; i < exponent; ++i) result *= 1024;
  return result;
}

// Every unit atom eccn accepts, built once. Case matters: B is a byte, b a bit.
const std::vector<Atom>& Atoms() {
  static const std::vector<Atom> atoms = [] {
    std::vector<Atom> out;
    struct Prefix {
      const char* symbol;
      int exponent;
    };
    const std::array<Prefix, 7> decimal{{{"", 0}, {"k", 3}, {"M", 6}, {"G", 9}, {"T", 12}, {"P", 15}, {"E", 18}}};
    for (const Prefix& p : decimal) {
      const Number scale = Pow10(p.exponent);
      for (const char* rate : {"FLOPS", "OPS", "IOPS"})
        out.push_back({fmt::format("{}{}", p.symbol, rate), scale, kRate});
      for (const char* count : {"FLOP", "OP"})
        out.push_back({fmt::format("{}{}", p.symbol, count), scale, {1, 0, 0, 0}});
      out.push_back({fmt::format("{}B", p.symbol), scale, kBytes});
      out.push_back({fmt::format("{}b", p.symbol), scale / 8, kBytes});
      out.push_back({fmt::format("{}bit", p.symbol), scale / 8, kBytes});
      out.push_back({fmt::format("{}byte", p.symbol), scale, kBytes});
    }
    out.push_back({"KB", 1000, kBytes});  // common spelling of kB
    const std::array<const char*, 5> binary{"Ki", "Mi", "Gi", "Ti", "Pi"};
    for (size_t i = 0; i < binary.size(); ++i) {
      const Number scale = Pow1024(static_cast<int>(i) + 1);
      out.push_back({fmt::format("{}B", binary[i]), scale, kBytes});
      out.push_back({fmt::format("{}b", binary[i]), scale / 8, kBytes});
    }
    out.push_back({"s", 1, {0, 0, 1, 0}});
    const Dimension length{0, 0, 0, 1};
    for (const auto& [symbol, scale] : std::vector<std::pair<const char*, Number>>{{"nm", Number(1, 1000000)},
                                                                                   {"um", Number(1, 1000)},
                                                                                   {"µm", Number(1, 1000)},
                                                                                   {"mm", 1},
                                                                                   {"cm", 10},
                                                                                   {"m", 1000}}) {
      out.push_back({symbol, scale, length});
      for (const char* square : {"2", "²", "^2"})
        out.push_back({fmt::format("{}{}", symbol, square), scale * scale, kArea});
    }
    return out;
  }();
  return atoms;
}

const Atom* FindAtom(std::string_view symbol) {
  for (const Atom& atom : Atoms()) {
    if (atom.symbol == symbol) return &atom;
  }
  return nullptr;
}

}  // namespace

Dimension Dimension::operator*(const Dimension& o) const {
  return {static_cast<std::int8_t>(ops + o.ops), static_cast<std::int8_t>(bytes + o.bytes),
          static_cast<std::int8_t>(seconds + o.seconds), static_cast<std::int8_t>(mm + o.mm)};
}

Dimension Dimension::operator/(const Dimension& o) const {
  return {static_cast<std::int8_t>(ops - o.ops), static_cast<std::int8_t>(bytes - o.bytes),
          static_cast<std::int8_t>(seconds - o.seconds), static_cast<std::int8_t>(mm - o.mm)};
}

std::string DescribeDimension(const Dimension& d) {
  if (d == kRate) return "a throughput such as TFLOPS or TOPS";
  if (d == kBandwidth) return "a bandwidth such as GB/s";
  if (d == kArea) return "an area such as mm2";
  if (d == kBytes) return "a size such as GB";
  if (d.IsNone()) return "a plain number";
  std::string out;
  auto add = [&out](const char* symbol, int exponent) {
    if (exponent == 0) return;
    if (!out.empty()) out += "*";
    out += symbol;
    if (exponent != 1) out += fmt::format("^{}", exponent);
  };
  add("op", d.ops);
  add("B", d.bytes);
  add("s", d.seconds);
  add("mm", d.mm);
  return fmt::format("a quantity in {}", out);
}

Expected<Unit> ParseUnit(std::string_view text) {
  Unit unit{1, kDimensionless, std::string(text)};
  if (std::count(text.begin(), text.end(), '/') >= kMaxUnitParts) {
    return Unexpected(fmt::format("unit '{}' has more than {} parts", text, kMaxUnitParts));
  }
  size_t start = 0;
  bool first = true;
  while (true) {
    const size_t slash = text.find('/', start);
    const std::string_view part = text.substr(start, slash == std::string_view::npos ? text.npos : slash - start);
    const Atom* atom = FindAtom(part);
    if (atom == nullptr) {
      if (part.empty()) return Unexpected(fmt::format("malformed unit '{}'", text));
      return Unexpected(fmt::format("unknown unit '{}'", part));
    }
    if (first) {
      unit.scale = atom->scale;
      unit.dimension = atom->dimension;
    } else {
      unit.scale /= atom->scale;
      unit.dimension = unit.dimension / atom->dimension;
    }
    first = false;
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return unit;
}

Expected<Number> ParseDecimal(std::string_view text) {
  size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
  boost::multiprecision::cpp_int mantissa = 0;
  int significant = 0;     // digits from the first non-zero one
  int integer_digits = 0;  // significant digits before the point
  int fraction_digits = 0;
  bool seen_point = false;
  bool any_digit = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (IsAsciiDigit(c)) {
      any_digit = true;
      if (mantissa != 0 || c != '0') ++significant;
      if (!seen_point && (mantissa != 0 || c != '0')) ++integer_digits;
      if (seen_point) ++fraction_digits;
      if (significant > kMaxDecimalDigits || fraction_digits > 2 * kMaxDecimalDigits) {
        return Unexpected(fmt::format("'{}' has too many digits (at most {})", text, kMaxDecimalDigits));
      }
      mantissa = mantissa * 10 + (c - '0');
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else {
      break;
    }
  }
  if (!any_digit) return Unexpected(fmt::format("'{}' is not a number", text));
  int exponent = 0;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool exponent_negative = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) exponent_negative = text[i++] == '-';
    const size_t exponent_start = i;
    while (i < text.size() && IsAsciiDigit(text[i]) && i - exponent_start < 4) {
      exponent = exponent * 10 + (text[i] - '0');
      ++i;
    }
    if (i == exponent_start) return Unexpected(fmt::format("'{}' has an incomplete exponent", text));
    if (exponent_negative) exponent = -exponent;
  }
  if (i != text.size()) return Unexpected(fmt::format("'{}' is not a number", text));
  // Keep every value well inside the 256-bit rational, with room for unit
  // scales and a few operations: magnitudes from 1e-30 to 1e30. A cheap
  // digit count first (so building the value cannot overflow), then exactly.
  if (mantissa == 0) return Number(0);
  const int scale = exponent - fraction_digits;
  const auto out_of_range = [&text] {
    return Unexpected(fmt::format("'{}' is out of range (magnitudes from 1e-{} to 1e{})", text, kMaxDecimalExponent,
                                  kMaxDecimalExponent));
  };
  if (integer_digits + exponent > kMaxDecimalExponent + 2 ||
      significant - fraction_digits + exponent < -kMaxDecimalExponent - 2) {
    return out_of_range();
  }
  Number value(mantissa);
  value *= Pow10(scale);
  if (value > Pow10(kMaxDecimalExponent) || value < Pow10(-kMaxDecimalExponent)) return out_of_range();
  return negative ? Number(-value) : value;
}

bool IsQuantityNumberChar(std::string_view text, size_t i) {
  const auto digit = [&](size_t k) { return std::isdigit(static_cast<unsigned char>(text[k])) != 0; };
  const char c = text[i];
  if (digit(i) || c == '.' || c == '+' || c == '-') return true;
  // An exponent marker only before its digits or sign ("1e3", not "1 EB").
  return (c == 'e' || c == 'E') && i + 1 < text.size() && (digit(i + 1) || text[i + 1] == '-' || text[i + 1] == '+');
}

std::string_view QuantityUnit(std::string_view rest) {
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  return rest;
}

std::pair<std::string_view, std::string_view> SplitQuantity(std::string_view text) {
  size_t end = 0;
  while (end < text.size() && IsQuantityNumberChar(text, end)) ++end;
  return {text.substr(0, end), QuantityUnit(text.substr(end))};
}

Expected<Quantity> ParseQuantity(std::string_view text) {
  const auto [number_text, unit_text] = SplitQuantity(text);
  auto number = ParseDecimal(number_text);
  if (!number) {
    // Quote what the file holds ("'.inf'"), not the fragment that was read.
    const std::string_view token = text.substr(0, text.find(' '));
    return Unexpected(number_text.size() == token.size() ? number.error() : fmt::format("'{}' is not a number", token));
  }
  if (unit_text.empty()) return Unexpected(fmt::format("'{}' has no unit", text));
  auto unit = ParseUnit(unit_text);
  if (!unit) return Unexpected(unit.error());
  try {
    return Quantity{*number * unit->scale, *unit};
  } catch (const std::overflow_error&) {
    // A tiny number in a tiny compound unit (fuzz finding): exact, but beyond 256 bits.
    return Unexpected(fmt::format("'{}' is out of range", text));
  }
}

}  // namespace eccn
