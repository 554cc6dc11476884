// Shared by both Node.js peers: reads a JSON Lines catalog and turns each
// record into the facts the 3A090 rules test (docs/benchmarks.md):
//   tpp        max over formats of dense rate in TOPS x bit length (a number)
//   pd         tpp / applicable die area in mm2, or null when the record has no dies
//   datacenter true, false, or null when marketed_for is "unknown"
'use strict';
const fs = require('fs');
const readline = require('readline');

const BITS = {fp64: 64, fp32: 32, tf32: 32, bf16: 16, fp16: 16, fp8: 8, fp6: 6, fp4: 4, int32: 32, int16: 16,
              int8: 8, int4: 4};
const RATE = {TFLOPS: 1e12, TOPS: 1e12, GFLOPS: 1e9, GOPS: 1e9, PFLOPS: 1e15, POPS: 1e15};
const AREA = {mm2: 1, cm2: 100};

function quantity(text, units) {
  const [number, unit] = text.split(' ');
  return Number(number) * units[unit];
}

function facts(chip) {
  let tpp = 0;
  for (const [format, rate] of Object.entries(chip.throughput || {})) {
    tpp = Math.max(tpp, quantity(rate, RATE) / 1e12 * BITS[format]);
  }
  let pd = null;
  if (Array.isArray(chip.dies)) {
    let area = 0;
    for (const d of chip.dies) {
      if (d.role === 'logic' && d.transistors !== 'planar') area += quantity(d.area, AREA) * (d.count || 1);
    }
    pd = area > 0 ? tpp / area : null;
  }
  const market = chip.marketed_for || 'unknown';
  const datacenter = market === 'unknown' ? null : market === 'datacenter';
  return {tpp, pd, datacenter};
}

// Calls `each(facts)` (which may return a promise) for every record, in order, then `done()`.
async function forEachRecord(path, each) {
  const lines = readline.createInterface({input: fs.createReadStream(path), crlfDelay: Infinity});
  for await (const line of lines) {
    if (line.trim() !== '') await each(facts(JSON.parse(line)));
  }
}

// Counts as eccn reports them: an entry when it is surely met; a chip with
// neither entry met is indeterminate when either is unknown.
function tally(counts, a, b) {
  if (a === true) counts['3A090.a']++;
  if (b === true) counts['3A090.b']++;
  if (a !== true && b !== true) counts[a === null || b === null ? 'indeterminate' : 'not_controlled']++;
}

function newCounts() {
  return {'3A090.a': 0, '3A090.b': 0, indeterminate: 0, not_controlled: 0};
}

function print(counts) {
  const sorted = {};
  for (const key of Object.keys(counts).sort()) sorted[key] = counts[key];
  console.log(JSON.stringify(sorted));
}

module.exports = {forEachRecord, tally, newCounts, print};
