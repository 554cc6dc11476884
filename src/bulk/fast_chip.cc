#include "bulk/fast_chip.h"

#include <array>
#include <charconv>
#include <cmath>

#include <eccn/rules.h>
#include "ascii.h"
#include "bulk/fast_evaluator.h"
#include "printable_text.h"

namespace eccn::bulk {
namespace {

// Relative error bound of a spec value: the decimal and the unit scale are
// each rounded once, and so is their product (a generous 8 half-ulps).
constexpr double kInputRelativeError = 8 * kEpsilon;

// Values outside this range go to the exact path, which decides whether they
// are in range at all (decimals from 1e-30 to 1e30, 256-bit rationals).
constexpr double kSmallest = 1e-25;
constexpr double kLargest = 1e40;

// The symbol of `text`, its position in kNames (kKindNames...).
template <const auto& kNames>
bool ReadSymbol(std::string_view text, FastValue& out) {
  const size_t index = KeyIndex<kNames>(text);
  out.symbol = index < kNames.size() ? static_cast<int32_t>(index) : -1;
  return index < kNames.size() || IsUnknownWord(text);
}

}  // namespace

void FastChip::Reset() {
  name = {};
  has_name = false;
  fields.fill(FastValue::UnknownQuantity());
  fields[expr::kMemoryHbm].truth = Truth::kUnknown;
  // As PrepareChip: a spec is one part unless its kind says otherwise.
  fields[expr::kIsSystem].truth = Truth::kFalse;
  fields[expr::kIsHbmStack].truth = Truth::kFalse;
  has_formats = false;
  format_count = 0;
  has_dies = false;
  die_count = 0;
  has_described_in = false;
  described_in_count = 0;
}

std::optional<FastDecimal> ParseFastDecimal(std::string_view text) {
  size_t used = 0;
  std::optional<FastDecimal> number = ParseFastDecimalPrefix(text, used);
  if (used != text.size()) return std::nullopt;
  return number;
}

std::optional<FastDecimal> ParseFastDecimalPrefix(std::string_view text, size_t& used) {
  used = 0;
  const char* const digits_begin = text.data() + (!text.empty() && (text[0] == '+' || text[0] == '-') ? 1 : 0);
  const char* const text_end = text.data() + text.size();
  const bool negative_number = !text.empty() && text[0] == '-';
  const size_t number_start = !text.empty() && text[0] == '+' ? 1 : 0;  // from_chars takes no '+'
  // The digits before the point, then those after it, into one mantissa: a
  // wrapped mantissa has more than 15 significant digits, which are refused.
  uint64_t mantissa = 0;
  const char* p = digits_begin;
  for (; p < text_end && IsAsciiDigit(*p); ++p) mantissa = mantissa * 10 + static_cast<uint64_t>(*p - '0');
  const char* const integer_end = p;
  const bool has_point = p < text_end && *p == '.';
  int fraction_digits = 0;
  if (has_point) {
    const char* const fraction_begin = ++p;
    for (; p < text_end && IsAsciiDigit(*p); ++p) mantissa = mantissa * 10 + static_cast<uint64_t>(*p - '0');
    fraction_digits = static_cast<int>(p - fraction_begin);
  }
  if (integer_end == digits_begin && fraction_digits == 0) return std::nullopt;  // no digit
  // Significant digits run from the first that is not a zero to the last.
  const char* first = digits_begin;
  while (first < p && (*first == '0' || *first == '.')) ++first;
  const int significant = static_cast<int>(p - first) - (has_point && first < integer_end ? 1 : 0);
  if (significant > 15) return std::nullopt;
  auto i = static_cast<size_t>(p - text.data());
  int exponent = 0;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    size_t k = i + 1;
    const bool negative = k < text.size() && text[k] == '-';
    if (k < text.size() && (text[k] == '+' || text[k] == '-')) ++k;
    const size_t exponent_start = k;
    for (; k < text.size() && IsAsciiDigit(text[k]); ++k) exponent = exponent * 10 + (text[k] - '0');
    if (k - exponent_start > 3) return std::nullopt;
    if (k > exponent_start) {  // else the number ends before the 'e' ("5EB")
      if (negative) exponent = -exponent;
      i = k;
    }
  }
  text = text.substr(0, i);
  used = i;
  const int scale = exponent - fraction_digits;  // value = mantissa x 10^scale
  double value = 0;
  // Clinger's fast path: the mantissa and 10^|scale| (|scale| <= 22) are exact
  // doubles, so one multiplication or division rounds once, to the nearest
  // double, as from_chars does; other scales take from_chars.
  static constexpr std::array<double, 23> kPowersOfTen{1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                                       1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                                       1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  if (scale >= -22 && scale <= 22) {
    const auto m = static_cast<double>(mantissa);
    value = scale >= 0 ? m * kPowersOfTen[static_cast<size_t>(scale)] : m / kPowersOfTen[static_cast<size_t>(-scale)];
    if (negative_number) value = -value;
  } else {
    const char* end = text.data() + text.size();
    const auto [ptr, error] = std::from_chars(text.data() + number_start, end, value);
    if (error != std::errc() || ptr != end) return std::nullopt;
  }
  const double magnitude = std::fabs(value);
  if (magnitude != 0 && (magnitude < 1e-29 || magnitude > 1e29)) return std::nullopt;
  // mantissa * 10^(exponent - fraction digits), each decimal digit < 3.33 bits
  constexpr double kBitsPerDigit = 3.33;
  return FastDecimal{value, kBitsPerDigit * (significant + std::abs(scale)) + 2};
}

FastRecordBuilder::FastRecordBuilder(const FormatTable& formats) : formats_(formats) {
  for (const OperandFormat& format : formats_.formats) quoted_formats_.push_back(QuoteKey(format.name));
}

const FastUnit* FastRecordBuilder::Unit(std::string_view symbol) {
  const ShortKey code = ShortKeyOf(symbol);
  for (const KnownUnit& known : units_) {
    if (IsSameKey(code, symbol, known.code, known.symbol)) return &known.unit;
  }
  constexpr size_t kMaxUnits = 64;
  if (units_.size() >= kMaxUnits) return nullptr;  // an odd catalog: the exact path copes
  auto unit = ParseUnit(symbol);
  if (!unit) return nullptr;
  units_.push_back({code, std::string(symbol), FastUnit{ToDouble(unit->scale), BitsOf(unit->scale), unit->dimension}});
  return &units_.back().unit;
}

bool FastRecordBuilder::Quantity(std::string_view text, const Dimension& dimension, bool must_be_positive,
                                 FastValue& out) {
  if (IsUnknownWord(text)) {
    out = FastValue::UnknownQuantity();
    return true;
  }
  // One pass: the number, then the unit, unless SplitQuantity would have
  // read a longer number (which the exact path then judges).
  size_t used = 0;
  const std::optional<FastDecimal> number = ParseFastDecimalPrefix(text, used);
  if (!number || (used < text.size() && IsQuantityNumberChar(text, used))) return false;
  const std::string_view unit_text = QuantityUnit(text.substr(used));
  if (unit_text.empty() || number->value < 0 || (must_be_positive && number->value == 0)) return false;
  const FastUnit* unit = Unit(unit_text);
  if (unit == nullptr || !(unit->dimension == dimension)) return false;
  const double value = number->value * unit->scale;
  if (value != 0 && (value < kSmallest || value > kLargest)) return false;
  out = FastValue::Known(value, value * kInputRelativeError, number->bits + unit->bits);
  return true;
}

bool FastRecordBuilder::Set(SpecField field, std::string_view text, const char* /*at*/) {
  if (IsOneLineText(field) && FirstControlCharacter(text) != std::string_view::npos) return false;
  FastItem* die = chip_.die_count > 0 ? &chip_.dies[chip_.die_count - 1] : nullptr;
  switch (field) {
    case SpecField::kName:
      chip_.name = text;
      chip_.has_name = true;
      return true;
    case SpecField::kVendor:
    case SpecField::kDieName:
      return true;
    case SpecField::kKind: {
      FastValue& kind = chip_.fields[expr::kKind];
      if (!ReadSymbol<kKindNames>(text, kind)) return false;
      const auto is = [&](ChipKind k) { return kind.symbol == static_cast<int32_t>(k) ? Truth::kTrue : Truth::kFalse; };
      chip_.fields[expr::kIsSystem].truth = is(ChipKind::kSystem);
      chip_.fields[expr::kIsHbmStack].truth = is(ChipKind::kHbmStack);
      return true;
    }
    case SpecField::kMarketedFor:
      return ReadSymbol<kMarketNames>(text, chip_.fields[expr::kMarketedFor]);
    case SpecField::kReleased:
      return IsValidReleaseDate(text);
    case SpecField::kMemoryType:
      chip_.fields[expr::kMemoryHbm].truth = MemoryIsHbm(text);
      return true;
    case SpecField::kMemoryCapacity:
      return Quantity(text, kBytes, false, chip_.fields[expr::kMemoryCapacity]);
    case SpecField::kMemoryBandwidth:
      return Quantity(text, kBandwidth, false, chip_.fields[expr::kMemoryBandwidth]);
    case SpecField::kInterconnectBidirectional:
      return Quantity(text, kBandwidth, false, chip_.fields[expr::kInterconnectBidirectional]);
    case SpecField::kPackageArea:
      return Quantity(text, kArea, true, chip_.fields[expr::kPackageArea]);
    case SpecField::kDieArea:
      return Quantity(text, kArea, true, die->fields[expr::kDieArea]);
    case SpecField::kDieTransistors:
      return ReadSymbol<kArchitectureNames>(text, die->fields[expr::kDieTransistors]);
    case SpecField::kDieRole:
      return ReadSymbol<kRoleNames>(text, die->fields[expr::kDieRole]);
    case SpecField::kDieCount: {
      const std::optional<FastDecimal> count = ParseFastDecimal(text);
      if (!count || count->value < 1 || count->value > 1000000 || std::floor(count->value) != count->value) {
        return false;
      }
      die->fields[expr::kDieCount] = FastValue::Known(count->value, 0, count->bits);
      return true;
    }
    case SpecField::kDieTransistorCount: {
      if (IsUnknownWord(text)) return true;
      const std::optional<FastDecimal> count = ParseFastDecimal(text);
      // Below 2^53 an integral double is the exact integer; above, a decimal
      // of at most 15 significant digits is a whole number anyway.
      if (!count || count->value < 0 || std::floor(count->value) != count->value) return false;
      die->fields[expr::kDieTransistorCount] =
          FastValue::Known(count->value, count->value * kInputRelativeError, count->bits);
      return true;
    }
  }
  return false;
}

bool FastRecordBuilder::SetRate(const OperandFormat& format, std::string_view text, const char* /*at*/) {
  if (chip_.format_count == kFastMaxItems) return false;
  FastItem& item = chip_.formats[chip_.format_count++];
  item.fields[expr::kFormatName].symbol = static_cast<int32_t>(&format - formats_.formats.data());
  item.fields[expr::kFormatBits] = FastValue::Known(format.bits, 0, 8);
  return Quantity(text, kRate, false, item.fields[expr::kFormatRate]);
}

bool FastRecordBuilder::StartThroughput() {
  chip_.has_formats = true;
  return true;
}

bool FastRecordBuilder::StartDies() {
  chip_.has_dies = true;
  return true;
}

bool FastRecordBuilder::AddDie(const char* /*at*/) {
  if (chip_.die_count == kFastMaxItems) return false;
  FastItem& die = chip_.dies[chip_.die_count++];
  die.fields[expr::kDieArea] = FastValue::UnknownQuantity();
  die.fields[expr::kDieCount] = FastValue::Known(1, 0, 2);
  die.fields[expr::kDieRole] = FastValue{};
  die.fields[expr::kDieTransistors] = FastValue{};
  die.fields[expr::kDieTransistorCount] = FastValue::UnknownQuantity();
  return true;
}

bool FastRecordBuilder::StartDescribedIn() {
  chip_.has_described_in = true;
  return true;
}

bool FastRecordBuilder::AddDescribedIn(std::string_view paragraph, const char* /*at*/) {
  if (chip_.described_in_count == kFastMaxDescribedIn) return false;
  chip_.described_in[chip_.described_in_count++] = paragraph;
  return true;
}

}  // namespace eccn::bulk
