// Fuzz entry points for catalog records (JSON Lines and CSV): every line
// goes through the exact and the fast decoders. Invariants: positions inside
// the record, a spec if and only if there is no error; a record the fast
// decoder takes, the exact one takes, with the same name; when the fast path
// answers, it gives the exact verdicts, and the CSV digits of a metric, when
// the fast path decides them, are the exact ones.
#include <cmath>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <eccn/eccn.h>
#include "bulk/csv_record.h"
#include "bulk/exact_record.h"
#include "bulk/fast_classifier.h"
#include "bulk/jsonl_record.h"
#include "cli/significant_digits.h"
#include "fuzz_targets.h"

namespace eccn::fuzz {
namespace {

void Check(bool condition) {
  if (!condition) std::abort();
}

// The shipped rules when run from the source tree (as fuzz/run.sh and the
// replay test do); without them only the decoders are checked.
const RuleSet* Rules() {
  static const std::optional<RuleSet> rules = [] {
    Loaded<RuleSet> loaded = LoadRules("rules");
    return loaded.value;
  }();
  return rules ? &*rules : nullptr;
}

template <class Decode>
void CheckRecord(std::string_view line, int64_t number, Decode decode) {
  const RuleSet* rules = Rules();
  if (rules == nullptr) return;
  // A copy with the padding simdjson reads past the end.
  const std::string padded = std::string(line) + std::string(bulk::kJsonPadding, ' ');
  const std::string_view record(padded.data(), line.size());
  std::vector<Diagnostic> diagnostics;
  bulk::ExactRecordBuilder exact(rules->formats(), {"fuzz", number, record.data()}, diagnostics);
  decode(record, exact);
  const std::optional<ChipSpec> spec = exact.Finish();
  Check(spec.has_value() == !HasErrors(diagnostics));
  for (const Diagnostic& d : diagnostics) {
    Check(d.location.line == number && d.location.column >= 1 &&
          static_cast<size_t>(d.location.column) <= line.size() + 1 && !d.message.empty());
  }
  static const Context context(*Date::Parse("2026-11-28"));
  static const bulk::FastClassifier classifier(*rules, context);
  bulk::FastRecordBuilder fast(rules->formats());
  fast.Reset();
  bulk::FastClassifier::Worker worker(classifier);
  bulk::FastOutcome outcome;
  if (!decode(record, fast) || !fast.chip().has_name) return;
  Check(spec.has_value());  // the fast readers take nothing the exact ones refuse
  Check(fast.chip().name == spec->name);
  if (worker.Classify(fast.chip(), outcome)) {
    const Classification c = rules->Classify(*spec, context);
    Check(c.results.size() == outcome.verdicts.size());
    for (size_t i = 0; i < c.results.size(); ++i) Check(c.results[i].verdict == outcome.verdicts[i]);
    // The same record was read: the metrics the fast path knows, within rounding.
    Check(c.metrics.size() == outcome.metrics.size());
    for (size_t i = 0; i < c.metrics.size(); ++i) {
      if (!outcome.metrics[i]) continue;
      Check(c.metrics[i].value.IsExact());
      const double value = ToDouble(c.metrics[i].value.lo);
      Check(std::fabs(value - outcome.metrics[i]->value) <= 1e-9 * std::fabs(value));
      const std::optional<cli::MetricDigits> digits =
          cli::DecidedDigits(outcome.metrics[i]->value, outcome.metrics[i]->error);
      Check(!digits || *digits == cli::ExactDigits(c.metrics[i].value.lo));
    }
  }
}

// Calls `each(line, number)` for every line of the input.
template <class Each>
void ForEachLine(std::string_view text, Each each) {
  int64_t number = 1;
  while (!text.empty()) {
    const size_t newline = text.find('\n');
    each(text.substr(0, newline), number++);
    if (newline == std::string_view::npos) break;
    text.remove_prefix(newline + 1);
  }
}

}  // namespace

int FuzzJsonl(const uint8_t* data, size_t size) {
  if (size > kMaxFuzzInput) return 0;
  bulk::JsonlDecoder decoder;
  ForEachLine({reinterpret_cast<const char*>(data), size}, [&decoder](std::string_view line, int64_t number) {
    CheckRecord(line, number,
                [&decoder](std::string_view record, auto& builder) { return decoder.Decode(record, builder); });
  });
  return 0;
}

int FuzzCsv(const uint8_t* data, size_t size) {
  if (size > kMaxFuzzInput || Rules() == nullptr) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const size_t newline = text.find('\n');
  std::vector<Diagnostic> diagnostics;
  bulk::CsvDecoder decoder(text.substr(0, newline), "fuzz", Rules()->formats(), diagnostics);
  for (const Diagnostic& d : diagnostics) Check(d.location.line == 1 && !d.message.empty());
  if (HasErrors(diagnostics) || newline == std::string_view::npos) return 0;
  ForEachLine(text.substr(newline + 1), [&decoder](std::string_view line, int64_t number) {
    CheckRecord(line, number + 1,
                [&decoder](std::string_view record, auto& builder) { return decoder.Decode(record, builder); });
  });
  return 0;
}

}  // namespace eccn::fuzz
