// The schema of a chip spec, independent of the file format: which keys a
// spec has, and how each value's text becomes a ChipSpec field. YAML files,
// JSON Lines records and CSV rows all go through SpecBuilder, so a value is
// accepted or rejected with the same message whatever format it came in.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <eccn/classification.h>
#include <eccn/spec.h>
#include "short_key.h"
#include "units.h"

namespace eccn {

struct FormatTable;

inline constexpr std::array<std::string_view, 13> kSpecKeys{
    "name",   "vendor",       "kind",    "marketed_for", "released", "throughput", "dies",
    "memory", "interconnect", "package", "described_in", "sources",  "notes"};
// Positions in kSpecKeys of the keys after the scalars (kSpecScalarFields),
// for the JSON walkers' switches; a reordering of kSpecKeys fails to compile.
inline constexpr size_t kThroughputKey = 5;
inline constexpr size_t kDiesKey = 6;
inline constexpr size_t kMemoryKey = 7;
inline constexpr size_t kInterconnectKey = 8;
inline constexpr size_t kPackageKey = 9;
inline constexpr size_t kDescribedInKey = 10;
inline constexpr size_t kSourcesKey = 11;
static_assert(kSpecKeys[kThroughputKey] == "throughput" && kSpecKeys[kDiesKey] == "dies" &&
              kSpecKeys[kMemoryKey] == "memory" && kSpecKeys[kInterconnectKey] == "interconnect" &&
              kSpecKeys[kPackageKey] == "package" && kSpecKeys[kDescribedInKey] == "described_in" &&
              kSpecKeys[kSourcesKey] == "sources");
inline constexpr std::array<std::string_view, 6> kDieKeys{"name", "area",  "transistors",
                                                          "role", "count", "transistor_count"};
inline constexpr std::array<std::string_view, 3> kMemoryKeys{"type", "capacity", "bandwidth"};
inline constexpr std::array<std::string_view, 1> kInterconnectKeys{"bidirectional"};
inline constexpr std::array<std::string_view, 1> kPackageKeys{"area"};

// What each part of a spec is called in messages ("expected <what>").
inline constexpr std::string_view kSpecWhat = "a chip spec";
inline constexpr std::string_view kThroughputWhat = "'throughput' as a map of operand format to dense rate";
inline constexpr std::string_view kThroughputKeysWhat = "'throughput' (operand formats from rules/formats.yaml)";
inline constexpr std::string_view kDiesWhat = "'dies' as a list of dies";
inline constexpr std::string_view kDieWhat = "a die";
inline constexpr std::string_view kDescribedInWhat = "'described_in' as a list of CCL paragraphs such as 5A992.c";
inline constexpr std::string_view kParagraphWhat = "a CCL paragraph";
inline constexpr std::string_view kSourcesWhat = "'sources' as a list of URLs or citations";
inline constexpr std::string_view kSourceWhat = "a source";

inline constexpr std::array<std::string_view, 4> kKindNames{"accelerator", "cpu", "hbm-stack", "system"};
inline constexpr std::array<std::string_view, 4> kMarketNames{"datacenter", "consumer", "workstation", "embedded"};
inline constexpr std::array<std::string_view, 3> kArchitectureNames{"planar", "finfet", "gaa"};
inline constexpr std::array<std::string_view, 3> kRoleNames{"logic", "memory", "io"};

// A value a spec holds as one piece of text.
enum class SpecField {
  kName,
  kVendor,
  kKind,
  kMarketedFor,
  kReleased,
  kMemoryType,
  kMemoryCapacity,
  kMemoryBandwidth,
  kInterconnectBidirectional,
  kPackageArea,
  kDieName,  // the die fields apply to the die last added
  kDieArea,
  kDieTransistors,
  kDieRole,
  kDieCount,
  kDieTransistorCount,
};

// The position of `key` in a key list (kSpecKeys, kDieKeys...), or the list's
// size when it is none of them.
template <const auto& kKeys>
size_t KeyIndex(std::string_view key) {
  static constexpr auto kCodes = ShortKeysOf(kKeys);
  return FindShortKey(kCodes, key);
}

// The fields of the keys of a section, in the order of its key list (kDieKeys...);
// kSpecScalarFields are those of the first keys of kSpecKeys, the top level's scalars.
inline constexpr std::array<SpecField, 5> kSpecScalarFields{SpecField::kName, SpecField::kVendor, SpecField::kKind,
                                                            SpecField::kMarketedFor, SpecField::kReleased};
static_assert(kSpecScalarFields.size() == kThroughputKey);
inline constexpr std::array<SpecField, kDieKeys.size()> kDieFields{
    SpecField::kDieName, SpecField::kDieArea,  SpecField::kDieTransistors,
    SpecField::kDieRole, SpecField::kDieCount, SpecField::kDieTransistorCount};
inline constexpr std::array<SpecField, kMemoryKeys.size()> kMemoryFields{
    SpecField::kMemoryType, SpecField::kMemoryCapacity, SpecField::kMemoryBandwidth};
inline constexpr std::array<SpecField, kInterconnectKeys.size()> kInterconnectFields{
    SpecField::kInterconnectBidirectional};
inline constexpr std::array<SpecField, kPackageKeys.size()> kPackageFields{SpecField::kPackageArea};

// The dimension of a quantity field (kDieArea: area), nullptr for the rest.
const Dimension* DimensionOf(SpecField field);

// The key a field has in its map ("area" for kDieArea), for messages.
std::string_view KeyOf(SpecField field);

// Free text (name, vendor, memory type, die name): one line of printable
// text, without control characters (printable_text.h).
bool IsOneLineText(SpecField field);

// "unknown" or "?": a value the spec states it does not know.
bool IsUnknownWord(std::string_view text);

// YYYY, YYYY-MM or YYYY-MM-DD naming a real month or day.
bool IsValidReleaseDate(std::string_view text);

// "HBM3e" is HBM; another type is not; no type is unknown.
Truth MemoryIsHbm(std::string_view memory_type);

// "unknown key 'fp7' in 'throughput' (operand formats ...); did you mean 'fp8'?"
std::string UnknownFormatMessage(const FormatTable& formats, std::string_view format);

// Builds one ChipSpec from values given as text. Each setter returns the
// error message for a bad value (the caller knows where the value is), or
// nullopt when the value was accepted.
class SpecBuilder {
 public:
  explicit SpecBuilder(const FormatTable& formats) : formats_(formats) {}

  // A quantity may also be a range, "146..148 TFLOPS" (the unit on both ends
  // or on the upper one only): it goes to ChipSpec::uncertain and the point
  // value stays unknown.
  std::optional<std::string> Set(SpecField field, std::string_view text);
  // A dense rate for an operand format; the format must be in the table.
  std::optional<std::string> SetRate(std::string_view format, std::string_view text);
  std::optional<std::string> CheckFormat(std::string_view format) const;

  // Alternatives from different sources for one quantity ({values: [...],
  // sources: [...]} in a YAML spec): start them for a quantity field or a
  // format's rate, add each value (checked as a point value is), then finish,
  // which needs two or more good values.
  void StartAlternatives(SpecField field);
  std::optional<std::string> StartRateAlternatives(std::string_view format);
  std::optional<std::string> AddAlternative(std::string_view text);
  std::optional<std::string> FinishAlternatives(std::vector<std::string> sources);

  void StartThroughput() { spec_.throughput.emplace(); }
  void StartDies() { spec_.dies.emplace(); }
  void AddDie() { spec_.dies->emplace_back(); }
  void StartDescribedIn() { spec_.described_in.emplace(); }
  void AddDescribedIn(std::string_view paragraph) { spec_.described_in->emplace_back(paragraph); }
  void AddSource(std::string_view source) { spec_.sources.emplace_back(source); }

  ChipSpec& spec() { return spec_; }
  const FormatTable& formats() const { return formats_; }

 private:
  // Where a quantity goes, and how it is checked and named.
  struct Slot {
    std::optional<Number>* out = nullptr;
    std::string_view key;  // as messages name it: "area", "fp16"
    const Dimension* dimension = nullptr;
    bool must_be_positive = false;
    std::string path;  // as rules name it: "dies[0].area", "throughput.fp16"
  };
  Slot SlotOf(SpecField field);
  Slot RateSlot();
  std::optional<std::string> SetQuantity(const Slot& slot, std::string_view text);

  const FormatTable& formats_;
  ChipSpec spec_;
  Slot alternatives_slot_;
  std::vector<Number> alternatives_;
};

}  // namespace eccn
