// Classifies one chip with the installed library and rules; exits 0 only if the
// H100-like spec comes out as 3A090.a (first; the AT-only 3A991.p follows it).
#include <eccn/eccn.h>

#include <iostream>

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  eccn::Loaded<eccn::RuleSet> rules = eccn::LoadRules(argv[1]);
  if (!rules.ok()) return 3;
  constexpr const char* kSpec = R"yaml(
name: Consumer test chip
marketed_for: datacenter
throughput:
  fp8: 1979 TFLOPS
)yaml";
  eccn::Loaded<eccn::ChipSpec> spec = eccn::ParseChipSpec(kSpec, "consumer.yaml", rules.value->formats());
  if (!spec.ok()) return 4;
  eccn::Classification c = rules.value->Classify(*spec.value, eccn::Date{2025, 1, 1});
  const auto controls = c.EntriesWith(eccn::Verdict::kControlled);
  std::cout << "eccn " << eccn::Version() << ": " << (controls.empty() ? "-" : controls.front()) << '\n';
  return !controls.empty() && controls.front() == "3A090.a" ? 0 : 1;
}
