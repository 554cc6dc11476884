#!/usr/bin/env bash
# End-to-end benchmark: one deterministic catalog of N records, classified by
# eccn, a plain Python script and two Node.js rules engines, next to `wc -l`
# and a parse-only pass with simdjson (bench/peers/simdjson_walk.cc), in one
# run. Checks that every engine's counts per entry agree with eccn's and
# prints a table of records/s, ratios and peak RSS (docs/benchmarks.md).
#   bench/e2e.sh [N]         (default 1000000; ECCN=path/to/eccn, default build/release/src/cli/eccn)
# The Node.js peers are installed from npm into a temporary directory.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
eccn=${ECCN:-build/release/src/cli/eccn}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 bench/gen_catalog.py "$n" > "$work/catalog.jsonl"
npm install --prefix "$work/node" --silent --no-audit --no-fund --no-save json-rules-engine json-logic-js >/dev/null
export NODE_PATH="$work/node/node_modules"
cp bench/peers/*.js "$work/"
# The parse-only yardstick, against Debian's libsimdjson (flags as in bench/peers/simdjson_walk.cc).
g++ -O3 -std=c++17 -DSIMDJSON_THREADS_ENABLED=1 bench/peers/simdjson_walk.cc -lsimdjson -pthread -o "$work/simdjson_walk"

echo "catalog: $n records, $(du -m "$work/catalog.jsonl" | cut -f1) MB; $(nproc) cores; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
sync  # the catalog's writeback must not overlap the timed runs
cat "$work/catalog.jsonl" > /dev/null  # warm the page cache for everyone alike

# run NAME RUNS COMMAND...: runs it RUNS times with stdout to $work/NAME.out; records the
# median seconds and the largest peak RSS (KB). The quick engines run three times: a
# run of under a second moves by a tenth from one to the next on this machine.
declare -A seconds rss
run() {
  local name=$1 runs=$2
  shift 2
  local times=() peak=0 secs kb
  for ((i = 0; i < runs; i++)); do
    /usr/bin/time -f "%e %M" -o "$work/$name.time" "$@" > "$work/$name.out" || [ $? -le 2 ]  # eccn exits 1/2 for verdicts
    read -r secs kb < <(tail -n 1 "$work/$name.time")
    times+=("$secs")
    ((kb > peak)) && peak=$kb
  done
  seconds[$name]=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p")
  rss[$name]=$peak
}

run wc 3 wc -l "$work/catalog.jsonl"
run simdjson 3 "$work/simdjson_walk" "$work/catalog.jsonl"
run eccn 3 "$eccn" classify "$work/catalog.jsonl" --format csv --as-of 2026-11-28
run python 1 python3 bench/baseline_classify.py "$work/catalog.jsonl"
run json_logic 1 node "$work/json_logic.js" "$work/catalog.jsonl"
run json_rules_engine 1 node "$work/json_rules_engine.js" "$work/catalog.jsonl"

# eccn's counts for 3A090.a and .b, as the peers count them, from its CSV rows: the controls
# ($4) and indeterminate ($5) columns hold ';'-separated entry ids (every pack in force is
# evaluated; the peers encode 3A090 only, so the other entries are not compared).
awk -F, 'function has(list, id) { return list ~ ("(^|;)" id "(;|$)") }
         NR > 1 { ca = has($4, "3A090\\.a"); cb = has($4, "3A090\\.b"); a += ca; b += cb
                  if (!ca && !cb) { if (has($5, "3A090\\.[ab]")) i++; else c++ } }
         END { printf "{\"3A090.a\": %d, \"3A090.b\": %d, \"indeterminate\": %d, \"not_controlled\": %d}\n", a, b, i, c }' \
  "$work/eccn.out" > "$work/eccn.counts"
expected=$(python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1])), sort_keys=True))' "$work/eccn.counts")
echo "eccn counts: $expected"
[ "$(awk '{print $1}' "$work/wc.out")" = "$n" ] || { echo "wc -l counted $(cat "$work/wc.out")" >&2; exit 1; }
[ "$(awk '{print $1}' "$work/simdjson.out")" = "$n" ] || { echo "simdjson_walk read $(cat "$work/simdjson.out")" >&2; exit 1; }

status=0
printf '\n| engine | seconds | records/s | vs wc -l | vs parse only | vs eccn | peak RSS (MB) | counts agree |\n|---|---:|---:|---:|---:|---:|---:|---|\n'
for name in wc simdjson eccn python json_logic json_rules_engine; do
  agree="-"
  if [ "$name" != wc ] && [ "$name" != simdjson ]; then  # the yardsticks classify nothing
    got=$(python3 -c 'import json,sys; print(json.dumps(json.loads(open(sys.argv[1]).read().splitlines()[-1] if sys.argv[2] != "eccn" else open(sys.argv[3]).read()), sort_keys=True))' \
      "$work/$name.out" "$name" "$work/eccn.counts")
    if [ "$got" = "$expected" ]; then agree=yes; else agree="NO: $got"; status=1; fi
  fi
  python3 - "$name" "${seconds[$name]}" "${rss[$name]}" "${seconds[wc]}" "${seconds[simdjson]}" "${seconds[eccn]}" "$n" "$agree" <<'PY'
import sys
name, secs, rss, wc, parse, eccn, n, agree = sys.argv[1:]
secs, wc, parse, eccn = float(secs), float(wc), float(parse), float(eccn)
rate = lambda s: int(n) / max(s, 0.01)
labels = {"wc": "`wc -l`", "simdjson": "simdjson DOM walk (parse only)", "eccn": "eccn (csv output)",
          "python": "Python script (fractions)", "json_logic": "json-logic-js (Node.js)",
          "json_rules_engine": "json-rules-engine (Node.js)"}
print(f"| {labels[name]} | {secs:.2f} | {rate(secs):,.0f} | {rate(secs) / rate(wc):.3f} | "
      f"{rate(secs) / rate(parse):.3f} | {rate(secs) / rate(eccn):.3f} | {int(rss) / 1024:.1f} | {agree} |")
PY
done
echo
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
exit $status
