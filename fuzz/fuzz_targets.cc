#include "fuzz_targets.h"

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include <eccn/eccn.h>
#include "expr/compiler.h"
#include "expr/evaluator.h"
#include "expr/parser.h"
#include "rule_cache/rule_cache.h"
#include "units.h"

namespace eccn::fuzz {
namespace {

// A broken invariant: abort so the fuzzer records the input.
void Check(bool condition) {
  if (!condition) std::abort();
}

std::string_view AsText(const uint8_t* data, size_t size) { return {reinterpret_cast<const char*>(data), size}; }

FormatTable Formats() {
  FormatTable table;
  for (const auto& [name, bits] : std::initializer_list<std::pair<const char*, int>>{
           {"fp64", 64}, {"fp32", 32}, {"tf32", 32}, {"bf16", 16}, {"fp16", 16}, {"fp8", 8}, {"fp4", 4}, {"int8", 8}}) {
    table.formats.push_back({name, bits, ""});
  }
  return table;
}

constexpr const char* kFormatsYaml =
    "kind: formats\nformats:\n  - {name: fp16, bits: 16}\n  - {name: fp8, bits: 8}\n  - {name: int8, bits: 8}\n";

constexpr const char* kSpecYaml =
    "name: Fuzz chip\nmarketed_for: datacenter\nthroughput:\n  fp16: 148 TFLOPS\n  fp8: 296 TFLOPS\n"
    "dies:\n  - {area: 814 mm2, role: logic, transistors: finfet}\n  - {role: memory}\n"
    "memory: {bandwidth: 4 TB/s}\n";

// Every position must lie inside the text (line 0 means "no position").
void CheckPositions(const std::vector<Diagnostic>& diagnostics, std::string_view text, std::string_view file) {
  const int lines = static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 1;
  for (const Diagnostic& d : diagnostics) {
    if (d.location.file != file) continue;
    Check(d.location.line >= 0 && d.location.line <= lines);
    Check(d.location.line == 0 || d.location.column >= 1);
    Check(!d.message.empty());
  }
}

}  // namespace

int FuzzSpec(const uint8_t* data, size_t size) {
  if (size > kMaxFuzzInput) return 0;
  static const FormatTable formats = Formats();
  const std::string_view text = AsText(data, size);
  Loaded<ChipSpec> spec = ParseChipSpec(text, "fuzz.yaml", formats);
  CheckPositions(spec.diagnostics, text, "fuzz.yaml");
  Check(spec.ok() == !HasErrors(spec.diagnostics));
  if (spec.ok()) {
    static const std::vector<RuleSource> sources{
        {"formats.yaml", kFormatsYaml},
        {"pack.yaml",
         "kind: pack\nid: p\ntitle: t\njurisdiction: US\nregulation: EAR\nstatus: in_force\ncitation: {text: t}\n"
         "effective: 2023-11-17\nmetrics:\n  - id: tpp\n    title: t\n    expr: 'max(f in formats: f.rate / 1 TOPS * "
         "f.bits)'\n"
         "entries:\n  - id: a\n    title: a\n    when: tpp >= 4800\n"}};
    static const Loaded<RuleSet> rules = ParseRules(sources);
    Check(rules.ok());
    (void)rules.value->Classify(*spec.value, Date{2025, 1, 1});
  }
  return 0;
}

int FuzzRules(const uint8_t* data, size_t size) {
  if (size > kMaxFuzzInput) return 0;
  const std::string text(AsText(data, size));
  const std::vector<RuleSource> sources{{"formats.yaml", kFormatsYaml}, {"pack.yaml", text}};
  Loaded<RuleSet> rules = ParseRules(sources);
  CheckPositions(rules.diagnostics, text, "pack.yaml");
  Check(rules.ok() == !HasErrors(rules.diagnostics));
  // The same text read as license data, next to minimal countries and groups.
  const std::vector<RuleSource> license_sources{
      {"countries.yaml", "kind: countries\ncountries:\n  - {code: CN, name: China}\n"},
      {"groups.yaml", "kind: country-groups\ncitation: {text: t}\ngroups:\n  - {id: D:5, title: t, members: [CN]}\n"},
      {"pack.yaml", text}};
  Loaded<LicenseRules> license = ParseLicenseRules(license_sources);
  CheckPositions(license.diagnostics, text, "pack.yaml");
  Check(license.ok() == !HasErrors(license.diagnostics));
  if (rules.ok()) {
    Loaded<ChipSpec> spec = ParseChipSpec(kSpecYaml, "spec.yaml", rules.value->formats());
    Check(spec.ok());
    const Classification c = rules.value->Classify(*spec.value, Date{2025, 1, 1});
    (void)c.Overall();
  }
  return 0;
}

int FuzzExpression(const uint8_t* data, size_t size) {
  if (size > kMaxFuzzInput) return 0;
  const std::string_view text = AsText(data, size);
  auto ast = expr::Parse(text);
  if (!ast) {
    Check(ast.error().offset <= text.size());
    return 0;
  }
  static const FormatTable formats = Formats();
  expr::Program program;
  expr::Compiler compiler(program, formats);
  std::vector<uint32_t> comparisons;
  const std::function<SourceLocation(size_t)> locate = [](size_t offset) {
    return SourceLocation{"fuzz", 1, static_cast<int>(offset) + 1};
  };
  auto compiled = compiler.Compile(*ast, text, locate, comparisons);
  if (!compiled) {
    Check(compiled.error().offset <= text.size());
    return 0;
  }
  // A chip with some values known and some not, to reach every path.
  expr::ChipValues chip;
  for (const expr::FieldInfo& field : expr::TopLevelFields()) chip.field_paths.emplace_back(field.name);
  chip.fields.resize(chip.field_paths.size());
  chip.fields[expr::kMarketedFor].symbol = 0;
  chip.fields[expr::kMemoryBandwidth].number = Interval::Exact(4000000000000LL);
  chip.fields[expr::kMemoryCapacity].number = Interval::AtLeast(0);
  chip.has_formats = true;
  expr::Item fp8;
  fp8.path = "throughput.fp8";
  fp8.fields[expr::kFormatName].symbol = 5;
  fp8.fields[expr::kFormatRate].number = Interval::Exact(Number(296) * 1000000000000LL);
  fp8.fields[expr::kFormatBits].number = Interval::Exact(8);
  chip.formats.push_back(fp8);
  chip.has_dies = true;
  expr::Item die;
  die.path = "dies[0]";
  die.fields[expr::kDieArea].number = Interval::Exact(814);
  die.fields[expr::kDieCount].number = Interval::Exact(1);
  chip.dies.push_back(die);
  expr::Evaluator evaluator(program);
  evaluator.Run(chip);
  evaluator.Run(chip);  // running twice must be harmless
  for (uint32_t index : comparisons) (void)evaluator.MissingAmong(program.comparisons[index].reads);
  return 0;
}

int FuzzQuantity(const uint8_t* data, size_t size) {
  if (size > 256) return 0;
  const std::string_view text = AsText(data, size);
  if (auto number = ParseDecimal(text)) {
    Check(boost::multiprecision::abs(*number) <= Number(1000000000000000LL) * 1000000000000000LL);
    (void)FormatNumber(*number, 6);
  }
  if (auto unit = ParseUnit(text)) Check(unit->scale > 0);
  if (auto quantity = ParseQuantity(text)) (void)FormatNumber(quantity->value, 2);
  return 0;
}

int FuzzDate(const uint8_t* data, size_t size) {
  if (size > 64) return 0;
  if (auto date = Date::Parse(AsText(data, size))) {
    Check(date->month >= 1 && date->month <= 12 && date->day >= 1 && date->day <= 31);
    Check(Date::Parse(date->ToString()) == date);  // round trip
  }
  return 0;
}

int FuzzRuleCache(const uint8_t* data, size_t size) {
  if (size > kMaxFuzzInput) return 0;
  // The cache checks a file's checksum first; this feeds the decoder directly,
  // which must refuse damage without reading out of bounds or allocating wildly.
  // Paths travel relative to a rules directory, here "rules".
  if (const std::optional<RuleSet> rules = rule_cache::Codec::Decode(AsText(data, size), "rules")) {
    const std::string bytes = rule_cache::Codec::Encode(*rules, "rules");
    const std::optional<RuleSet> again = rule_cache::Codec::Decode(bytes, "rules");
    Check(again.has_value() && rule_cache::Codec::Encode(*again, "rules") == bytes);
  }
  return 0;
}

}  // namespace eccn::fuzz
