// Hypothetical chips for exploring a design space (eccn plot, eccn sweep):
// a spec that is complete, so every verdict is decided, and neutral in every
// field nobody varies, so only the varied knobs can trigger an entry.
//
// The neutral chip is a datacenter accelerator with one logic die (FinFET,
// area 1 mm2, transistor count unknown), no memory (type "none", zero
// capacity and bandwidth), no interconnect, a package as large as its dies,
// described in no other CCL paragraph, and a zero rate in each given format.
//
//   eccn::HypotheticalChip chip(rules.formats(), {"fp8"});
//   chip.SetTppAndDensity(eccn::Number(2400), eccn::Number(2));  // fp8 at 300 TOPS, die 1200 mm2
//   evaluator.Evaluate(chip.spec());
#pragma once

#include <eccn/number.h>
#include <eccn/rules.h>
#include <eccn/spec.h>

#include <optional>
#include <string>
#include <vector>

namespace eccn {

class HypotheticalChip {
 public:
  // `formats` are names from the table; a name not in it is an error
  // reported by Create. The first is the format TPP is set through.
  static std::optional<HypotheticalChip> Create(const FormatTable& table, const std::vector<std::string>& formats,
                                                std::string* error);

  // The first format's dense rate so that rate (TOPS) x bit length = `tpp`.
  void SetTpp(const Number& tpp);
  // SetTpp, and a die area of tpp / density mm2, so that TPP / area = density.
  void SetTppAndDensity(const Number& tpp, const Number& density);
  void SetRate(size_t format, const Number& ops_per_second);
  void SetDieArea(const Number& mm2);
  void SetMemoryBandwidth(const Number& bytes_per_second);
  void SetInterconnect(const Number& bytes_per_second);
  void SetMarket(Market market) { spec_.marketed_for = market; }

  const ChipSpec& spec() const { return spec_; }
  int bits_of_first_format() const { return bits_; }

 private:
  HypotheticalChip() = default;
  ChipSpec spec_;
  int bits_ = 0;
};

}  // namespace eccn
