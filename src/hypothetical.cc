// The neutral hypothetical chip shared by plot and sweep. Setters write into
// the existing optionals, so varying a knob allocates nothing.
#include <eccn/hypothetical.h>

#include <fmt/format.h>

namespace eccn {

std::optional<HypotheticalChip> HypotheticalChip::Create(const FormatTable& table,
                                                         const std::vector<std::string>& formats, std::string* error) {
  if (formats.empty()) {
    if (error != nullptr) *error = "a hypothetical chip needs at least one operand format";
    return std::nullopt;
  }
  HypotheticalChip chip;
  ChipSpec& spec = chip.spec_;
  spec.name = "hypothetical";
  spec.vendor = "hypothetical";
  spec.kind = ChipKind::kAccelerator;
  spec.marketed_for = Market::kDatacenter;
  spec.throughput.emplace();
  for (const std::string& name : formats) {
    const OperandFormat* format = table.Find(name);
    if (format == nullptr) {
      if (error != nullptr) *error = fmt::format("unknown operand format '{}' (see rules/formats.yaml)", name);
      return std::nullopt;
    }
    if (spec.throughput->empty()) chip.bits_ = format->bits;
    spec.throughput->push_back({name, Number(0)});
  }
  spec.dies.emplace();
  Die die;
  die.name = "logic";
  die.area_mm2 = Number(1);
  die.transistors = TransistorArchitecture::kFinfet;
  die.role = DieRole::kLogic;
  spec.dies->push_back(die);
  spec.memory = {"none", Number(0), Number(0)};
  spec.interconnect_bidirectional_bytes_per_second = Number(0);
  spec.package_area_mm2 = Number(1);
  spec.described_in.emplace();
  return chip;
}

void HypotheticalChip::SetTpp(const Number& tpp) {
  // TPP = rate / 1 TOPS x bits.
  SetRate(0, tpp * Number(1000000000000) / Number(bits_));
}

void HypotheticalChip::SetTppAndDensity(const Number& tpp, const Number& density) {
  SetTpp(tpp);
  SetDieArea(tpp / density);
}

void HypotheticalChip::SetRate(size_t format, const Number& ops_per_second) {
  (*spec_.throughput)[format].ops_per_second = ops_per_second;
}

void HypotheticalChip::SetDieArea(const Number& mm2) {
  spec_.dies->front().area_mm2 = mm2;
  spec_.package_area_mm2 = mm2;
}

void HypotheticalChip::SetMemoryBandwidth(const Number& bytes_per_second) {
  spec_.memory.bandwidth_bytes_per_second = bytes_per_second;
}

void HypotheticalChip::SetInterconnect(const Number& bytes_per_second) {
  spec_.interconnect_bidirectional_bytes_per_second = bytes_per_second;
}

}  // namespace eccn
