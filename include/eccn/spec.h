// Chip specifications: what eccn knows about a part.
//
// A spec is read from YAML (see docs/spec-format.md). Every physical value is
// stored exactly in base units (operations per second, bytes per second,
// square millimetres, bytes). A field the file leaves out is std::nullopt:
// unknown, never zero, so a rule that needs it comes out indeterminate.
//
//   eccn::Loaded<eccn::ChipSpec> spec = eccn::LoadChipSpec("catalog/nvidia-h20.yaml", rules.formats());
#pragma once

#include <eccn/diagnostic.h>
#include <eccn/number.h>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace eccn {

struct FormatTable;

enum class ChipKind { kAccelerator, kCpu, kHbmStack, kSystem };
enum class Market { kDatacenter, kConsumer, kWorkstation, kEmbedded };
enum class TransistorArchitecture { kPlanar, kFinfet, kGaa };
enum class DieRole { kLogic, kMemory, kIo };

// Peak dense rate of the whole package for one operand format ("fp8").
struct FormatRate {
  std::string format;
  std::optional<Number> ops_per_second;  // nullopt: listed as unknown
};

struct Die {
  std::string name;
  std::optional<Number> area_mm2;
  std::optional<TransistorArchitecture> transistors;
  std::optional<DieRole> role;
  Number count = 1;
  std::optional<Number> transistor_count;  // transistors on one such die
};

struct Memory {
  std::string type;
  std::optional<Number> capacity_bytes;
  std::optional<Number> bandwidth_bytes_per_second;
};

// A value the sources do not pin down: a range ("146..148 TFLOPS") or
// alternatives from different sources ({values: [148 TFLOPS, 296 TFLOPS]}).
// The field's point value (e.g. FormatRate::ops_per_second) is then left
// unknown, so code that ignores this list stays sound (fail closed); the
// classifier evaluates with the range or each alternative instead.
struct UncertainValue {
  // The field as rules and diagnostics name it: "throughput.fp16",
  // "memory.bandwidth", "memory.capacity", "interconnect.bidirectional",
  // "package.area", "dies[0].area".
  std::string field;
  Interval range;                    // every value it may take, in base units
  std::vector<Number> alternatives;  // empty for a range: any value in `range`
  std::vector<std::string> sources;  // where the figures come from
};

struct ChipSpec {
  std::string name;
  std::string vendor;
  std::optional<ChipKind> kind;
  std::optional<Market> marketed_for;  // nullopt also for "unknown"
  std::string released;                // "", "YYYY", "YYYY-MM" or "YYYY-MM-DD"
  // nullopt: the file has no `throughput` section. A format missing from a
  // present section is taken as not supported by the chip.
  std::optional<std::vector<FormatRate>> throughput;
  std::optional<std::vector<Die>> dies;  // nullopt: no `dies` section
  Memory memory;
  std::optional<Number> interconnect_bidirectional_bytes_per_second;
  std::optional<Number> package_area_mm2;  // of the package, or of a bare stack
  // Other Commerce Control List paragraphs the item is described in
  // ("5A992.c"), for the .z paragraphs; nullopt: the spec does not say.
  std::optional<std::vector<std::string>> described_in;
  std::vector<std::string> sources;
  std::vector<UncertainValue> uncertain;  // fields known only within a range or as alternatives
  std::string file;                       // where it was read from, for reports
};

// Parses one spec document. `file` names it in diagnostics. Format names are
// checked against `formats` (the table shipped in rules/formats.yaml).
Loaded<ChipSpec> ParseChipSpec(std::string_view yaml, std::string_view file, const FormatTable& formats);

// Reads and parses one spec file.
Loaded<ChipSpec> LoadChipSpec(const std::filesystem::path& file, const FormatTable& formats);

// Lower-case names as written in spec files ("datacenter", "hbm-stack").
std::string_view Name(ChipKind kind);
std::string_view Name(Market market);
std::string_view Name(TransistorArchitecture architecture);
std::string_view Name(DieRole role);

}  // namespace eccn
