// A chip record decoded for the fast path: values laid out by evaluator slot
// in fixed-size storage, so decoding a record allocates nothing.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bulk/fast_value.h"
#include "expr/schema.h"
#include "short_key.h"
#include "spec_fields.h"
#include "units.h"

namespace eccn {
struct FormatTable;
struct OperandFormat;
}  // namespace eccn

namespace eccn::bulk {

inline constexpr size_t kFastMaxItems = 32;
inline constexpr size_t kFastMaxTopLevelFields = 16;
inline constexpr size_t kFastMaxDescribedIn = 8;

struct FastItem {
  std::array<FastValue, expr::kMaxItemFields> fields;
};

struct FastChip {
  std::string_view name;
  bool has_name = false;
  std::array<FastValue, kFastMaxTopLevelFields> fields;
  bool has_formats = false;
  size_t format_count = 0;
  std::array<FastItem, kFastMaxItems> formats;
  bool has_dies = false;
  size_t die_count = 0;
  std::array<FastItem, kFastMaxItems> dies;
  bool has_described_in = false;
  size_t described_in_count = 0;
  std::array<std::string_view, kFastMaxDescribedIn> described_in;

  void Reset();
};

// A unit as the fast path uses it, from ParseUnit.
struct FastUnit {
  double scale = 1;
  double bits = 0;  // size of the exact scale (see FastValue::bits)
  Dimension dimension;
};

// Fills a FastChip from value text, accepting only what the exact SpecBuilder
// accepts and what a double represents closely enough; anything else (a bad
// value, a compound unit not seen before, more than kFastMaxItems dies...)
// makes it give up, and the record goes to the exact path, which also
// produces the diagnostics. Same interface as ExactRecordBuilder; every
// method returns false to stop.
class FastRecordBuilder {
 public:
  explicit FastRecordBuilder(const FormatTable& formats);

  void Reset() { chip_.Reset(); }
  bool Set(SpecField field, std::string_view text, const char* at);
  // `format` is an entry of formats().
  bool SetRate(const OperandFormat& format, std::string_view text, const char* at);
  const FormatTable& formats() const { return formats_; }
  // The names of formats(), in order, as a JSON record writes them as keys.
  const std::vector<QuotedKey>& quoted_formats() const { return quoted_formats_; }
  bool StartThroughput();
  bool StartDies();
  bool AddDie(const char* at);
  bool StartDescribedIn();
  bool AddDescribedIn(std::string_view paragraph, const char* at);
  bool AddSource(std::string_view) { return true; }
  // Alternatives are for the exact path, which tries each.
  bool StartAlternatives(SpecField /*field*/, const char* /*at*/) { return false; }
  bool StartRateAlternatives(std::string_view /*format*/, const char* /*at*/) { return false; }
  bool AddAlternative(std::string_view /*text*/, const char* /*at*/) { return false; }
  bool FinishAlternatives(const std::vector<std::string>& /*sources*/, const char* /*at*/) { return false; }
  template <class Message>
  bool Fail(const char* /*at*/, Message&& /*message*/) {
    return false;
  }

  FastChip& chip() { return chip_; }

 private:
  // The value of a quantity text in base units, or false.
  bool Quantity(std::string_view text, const Dimension& dimension, bool must_be_positive, FastValue& out);
  const FastUnit* Unit(std::string_view symbol);

  struct KnownUnit {
    ShortKey code;
    std::string symbol;
    FastUnit unit;
  };

  const FormatTable& formats_;
  std::vector<QuotedKey> quoted_formats_;
  FastChip chip_;
  // Units met so far (a catalog uses a handful), so ParseUnit runs once per unit.
  std::vector<KnownUnit> units_;
};

// A plain decimal with at most 15 significant digits, read to the nearest
// double, with the size of the exact rational; nullopt for anything else
// (the exact parser decides those).
struct FastDecimal {
  double value = 0;
  double bits = 0;
};
std::optional<FastDecimal> ParseFastDecimal(std::string_view text);
// The same for the longest leading decimal of `text`, whose length goes to `used`.
std::optional<FastDecimal> ParseFastDecimalPrefix(std::string_view text, size_t& used);

}  // namespace eccn::bulk
