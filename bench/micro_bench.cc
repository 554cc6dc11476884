// Micro-benchmarks: expression evaluation (exact and fast), spec parsing
// (YAML, JSON Lines exact and fast) and the whole classify path per record.
//   cmake -B build/bench -DECCN_BUILD_BENCH=ON -DCMAKE_BUILD_TYPE=Release && build/bench/bench/eccn_micro_bench
#include <benchmark/benchmark.h>

#include <fstream>
#include <memory>
#include <span>
#include <sstream>
#include <string>
#include <vector>

#include <eccn/eccn.h>
#include "bulk/exact_record.h"
#include "bulk/fast_classifier.h"
#include "bulk/jsonl_record.h"
#include "cli/render_csv.h"

namespace eccn {
namespace {

const RuleSet& Rules() {
  static const RuleSet rules = *LoadRules(ECCN_SOURCE_DIR "/rules").value;
  return rules;
}

const Context& Today() {
  static const Context context(*Date::Parse("2026-11-28"));
  return context;
}

std::string ReadText(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The H20 as one JSON Lines record, padded for simdjson.
const std::string& H20Record() {
  static const std::string record = [] {
    std::ifstream in(ECCN_SOURCE_DIR "/tests/data/bulk/chips.jsonl");
    std::string line;
    std::getline(in, line);
    return line + std::string(bulk::kJsonPadding, ' ');
  }();
  return record;
}

std::string_view H20Line() {
  const std::string& padded = H20Record();
  return {padded.data(), padded.size() - bulk::kJsonPadding};
}

void ParseYamlSpec(benchmark::State& state) {
  const std::string yaml = ReadText(ECCN_SOURCE_DIR "/catalog/nvidia-h20.yaml");
  for (auto _ : state) benchmark::DoNotOptimize(ParseChipSpec(yaml, "h20.yaml", Rules().formats()));
}
BENCHMARK(ParseYamlSpec);

void ParseJsonlSpecExact(benchmark::State& state) {
  bulk::JsonlDecoder decoder;
  for (auto _ : state) {
    std::vector<Diagnostic> diagnostics;
    bulk::ExactRecordBuilder builder(Rules().formats(), {"h20.jsonl", 1, H20Line().data()}, diagnostics);
    decoder.Decode(H20Line(), builder);
    benchmark::DoNotOptimize(builder.Finish());
  }
}
BENCHMARK(ParseJsonlSpecExact);

void ParseJsonlSpecFast(benchmark::State& state) {
  bulk::JsonlDecoder decoder;
  bulk::FastRecordBuilder builder(Rules().formats());
  for (auto _ : state) {
    builder.Reset();
    benchmark::DoNotOptimize(decoder.Decode(H20Line(), builder));
  }
}
BENCHMARK(ParseJsonlSpecFast);

void EvaluateExact(benchmark::State& state) {
  const ChipSpec spec = *LoadChipSpec(ECCN_SOURCE_DIR "/catalog/nvidia-h20.yaml", Rules().formats()).value;
  for (auto _ : state) benchmark::DoNotOptimize(Rules().Classify(spec, Today()));
}
BENCHMARK(EvaluateExact);

void EvaluateFast(benchmark::State& state) {
  bulk::JsonlDecoder decoder;
  bulk::FastRecordBuilder builder(Rules().formats());
  builder.Reset();
  decoder.Decode(H20Line(), builder);
  const bulk::FastClassifier classifier(Rules(), Today());
  bulk::FastClassifier::Worker worker(classifier);
  bulk::FastOutcome outcome;
  for (auto _ : state) benchmark::DoNotOptimize(worker.Classify(builder.chip(), outcome));
}
BENCHMARK(EvaluateFast);

// Decode, classify and write the CSV row of one record: the per-record cost of `classify --format csv`.
void ClassifyRecord(benchmark::State& state) {
  bulk::JsonlDecoder decoder;
  bulk::FastRecordBuilder builder(Rules().formats());
  const bulk::FastClassifier classifier(Rules(), Today());
  bulk::FastClassifier::Worker worker(classifier);
  const cli::CsvResultWriter writer(classifier);
  bulk::FastOutcome outcome;
  cli::CsvRowScratch scratch;
  std::string out;
  for (auto _ : state) {
    out.clear();
    builder.Reset();
    if (decoder.Decode(H20Line(), builder) && worker.Classify(builder.chip(), outcome)) {
      writer.FastRow(out, 1, builder.chip().name, outcome, scratch);
    }
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(ClassifyRecord);

// 4,096 records of the benchmark catalog (bench/gen_catalog.py), each padded
// for simdjson, for the stages below run over varied records.
const std::vector<std::string>& CatalogRecords() {
  static const std::vector<std::string> records = [] {
    std::vector<std::string> out;
    std::ifstream in(ECCN_BENCH_CATALOG);
    for (std::string line; std::getline(in, line);) out.push_back(line + std::string(bulk::kJsonPadding, ' '));
    return out;
  }();
  return records;
}

std::string_view Unpadded(const std::string& record) { return {record.data(), record.size() - bulk::kJsonPadding}; }

// Decoding alone, over varied records.
void DecodeCatalogFast(benchmark::State& state) {
  bulk::JsonlDecoder decoder;
  bulk::FastRecordBuilder builder(Rules().formats());
  const auto& records = CatalogRecords();
  size_t i = 0;
  for (auto _ : state) {
    builder.Reset();
    benchmark::DoNotOptimize(decoder.Decode(Unpadded(records[i++ % records.size()]), builder));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(DecodeCatalogFast);

// Evaluation alone: the records are decoded before timing.
void EvaluateCatalogFast(benchmark::State& state) {
  bulk::JsonlDecoder decoder;
  std::vector<std::unique_ptr<bulk::FastRecordBuilder>> chips;
  // A few hundred records, each its own chip: unlike a worker's one chip (16 KB), they do not all stay in
  // cache. DecodeEvaluateCatalogFast runs records as a worker does.
  for (const std::string& record : std::span(CatalogRecords()).first(256)) {
    chips.push_back(std::make_unique<bulk::FastRecordBuilder>(Rules().formats()));
    chips.back()->Reset();
    if (!decoder.Decode(Unpadded(record), *chips.back())) chips.pop_back();
  }
  const bulk::FastClassifier classifier(Rules(), Today());
  bulk::FastClassifier::Worker worker(classifier);
  bulk::FastOutcome outcome;
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(worker.Classify(chips[i++ % chips.size()]->chip(), outcome));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(EvaluateCatalogFast);

// Decoding then evaluation, each record decoded into the one chip, as a
// worker does: EvaluateCatalogFast's chips, each apart, miss the cache.
void DecodeEvaluateCatalogFast(benchmark::State& state) {
  bulk::JsonlDecoder decoder;
  bulk::FastRecordBuilder builder(Rules().formats());
  const bulk::FastClassifier classifier(Rules(), Today());
  bulk::FastClassifier::Worker worker(classifier);
  bulk::FastOutcome outcome;
  const auto& records = CatalogRecords();
  size_t i = 0;
  for (auto _ : state) {
    builder.Reset();
    if (decoder.Decode(Unpadded(records[i++ % records.size()]), builder)) {
      benchmark::DoNotOptimize(worker.Classify(builder.chip(), outcome));
    }
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(DecodeEvaluateCatalogFast);

// The CSV row alone, from outcomes computed before timing.
void CsvRowCatalog(benchmark::State& state) {
  bulk::JsonlDecoder decoder;
  bulk::FastRecordBuilder builder(Rules().formats());
  const bulk::FastClassifier classifier(Rules(), Today());
  bulk::FastClassifier::Worker worker(classifier);
  std::vector<std::pair<std::string, bulk::FastOutcome>> outcomes;
  for (const std::string& record : CatalogRecords()) {
    builder.Reset();
    bulk::FastOutcome outcome;
    if (decoder.Decode(Unpadded(record), builder) && worker.Classify(builder.chip(), outcome)) {
      outcomes.emplace_back(std::string(builder.chip().name), std::move(outcome));
    }
  }
  const cli::CsvResultWriter writer(classifier);
  cli::CsvRowScratch scratch;
  std::string out;
  size_t i = 0;
  for (auto _ : state) {
    if (out.size() > (1 << 20)) out.clear();
    const auto& [name, outcome] = outcomes[i++ % outcomes.size()];
    benchmark::DoNotOptimize(writer.FastRow(out, static_cast<int64_t>(i), name, outcome, scratch));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(CsvRowCatalog);

}  // namespace
}  // namespace eccn

BENCHMARK_MAIN();
