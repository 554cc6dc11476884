#!/usr/bin/env bash
# Builds the libFuzzer targets (preset `fuzz`: clang, ASan+UBSan) and runs
# each for SECONDS (default 30), with seeds from catalog/, rules/ and
# fuzz/seeds/. A crash stops with a non-zero exit; the crasher is left in
# build/fuzz/artifacts/ and belongs in tests/fuzz_regressions/<target>/.
#   [FUZZ_SEED=N] fuzz/run.sh [SECONDS] [TARGET...]   (seed 0: random)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(spec rules expression quantity date jsonl csv rulecache)

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz

for target in "${targets[@]}"; do
  corpus=build/fuzz/corpus/${target}
  artifacts=build/fuzz/artifacts/${target}/
  mkdir -p "$corpus" "$artifacts"
  case "$target" in
    spec) cp catalog/*.yaml tests/data/specs/*.yaml "$corpus"/ ;;
    rules) find rules tests/data -name '*.yaml' ! -name formats.yaml -exec cp {} "$corpus"/ \; ;;
    *) cp fuzz/seeds/"$target"/* "$corpus"/ ;;
  esac
  if [ -d tests/fuzz_regressions/"$target" ]; then cp tests/fuzz_regressions/"$target"/* "$corpus"/ 2>/dev/null || true; fi
  dict=fuzz/dict/${target}.dict
  echo "== ${target}_fuzzer for ${seconds}s"
  log=build/fuzz/${target}.log
  status=0
  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 ASAN_OPTIONS=detect_leaks=1 \
    build/fuzz/fuzz/${target}_fuzzer "$corpus" -dict="$dict" -max_total_time="$seconds" -max_len=65536 \
      -rss_limit_mb=2048 -timeout=10 -seed="${FUZZ_SEED:-0}" -artifact_prefix="$artifacts" -print_final_stats=1 \
      >"$log" 2>&1 || status=$?
  grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+==ERROR|SUMMARY|Test unit written)' "$log" || true
  if [ "$status" -ne 0 ] || [ -n "$(ls -A "$artifacts")" ]; then
    echo "fuzz: ${target}_fuzzer failed (exit $status): $(ls "$artifacts") -- see $log" >&2
    exit 1
  fi
done
