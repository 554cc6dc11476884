#!/usr/bin/env python3
"""Writes a deterministic catalog of N chip records for benchmarks and tests.

  bench/gen_catalog.py N [--format jsonl|csv] [--seed S] > catalog.jsonl

Records have the structure of a YAML spec file (docs/spec-format.md). The
figures are synthetic, spread around the 3A090 thresholds (TPP 1600/2400/4800,
PD 1.6/3.2/5.92), with about 1 in 500 exactly at a threshold (in figures a
double holds exactly, so that engines computing in doubles can agree), 1 in 20
without dies (so PD is unknown) and some not marketed for datacenters.
"""
import argparse
import random
import sys
from fractions import Fraction

MARKETS = ["datacenter", "datacenter", "datacenter", "consumer", "workstation", "unknown"]
TPP_AT_THRESHOLD = [1600, 2400, 4800]
PD_AT_THRESHOLD = [Fraction("1.6"), Fraction("3.2"), Fraction("5.92")]


def on_threshold(fp8, area, count):
    """True if the figures put TPP or PD exactly on a 3A090 threshold."""
    tpp = 8 * Fraction(str(fp8))
    pd = tpp / (Fraction(str(area)) * count)
    return tpp in TPP_AT_THRESHOLD or pd in PD_AT_THRESHOLD


def record(rng, i):
    market = MARKETS[rng.randrange(len(MARKETS))]
    # fp8 dense rate in TFLOPS: TPP = 8 x rate. Random figures that happen to
    # land exactly on a threshold (78.6 TFLOPS on 196.5 mm2 is PD 3.2) are
    # drawn again: in doubles their PD is 3.1999999999999997, and ties are
    # left to the branch below, in figures a double holds exactly.
    while True:
        fp8 = round(rng.uniform(50, 1000), 2)
        count = 1 + rng.randrange(2)
        area = round(rng.uniform(100, 900), 1)
        if not on_threshold(fp8, area, count):
            break
    at_threshold = rng.randrange(1000)
    if at_threshold == 0:
        fp8 = TPP_AT_THRESHOLD[rng.randrange(3)] / 8  # TPP exactly 1600, 2400 or 4800
    elif at_threshold == 1:
        # PD exactly 5.92 (TPP 148 m over 25 m mm2) or 3.2 (16 m over 5 m), in
        # figures a double holds exactly, so float peers can agree too.
        m = 4 + rng.randrange(33)
        fp8, area, count = (18.5 * m, 25 * m, 1) if rng.randrange(2) else (2 * m, 5 * m, 1)
    fp16 = fp8 / 2
    dies = None
    if rng.randrange(20) != 0:
        dies = [{"name": f"D{i % 97}", "area": area, "transistors": "finfet", "role": "logic", "count": count}]
    return {
        "name": f"Chip {i}",
        "vendor": f"Vendor {i % 7}",
        "kind": "accelerator",
        "marketed_for": market,
        "released": f"{2020 + i % 6}-{1 + i % 12:02d}",
        "throughput": {"fp16": fp16, "fp8": fp8, "int8": fp8},
        "dies": dies,
        "memory": {"type": "HBM3", "capacity": 80, "bandwidth": 3.35},
        "interconnect": {"bidirectional": 900},
    }


def number(x):
    text = repr(x)
    return text[:-2] if text.endswith(".0") else text


def write_jsonl(rng, n, out):
    for i in range(n):
        r = record(rng, i)
        t = r["throughput"]
        parts = [
            f'"name": "{r["name"]}"', f'"vendor": "{r["vendor"]}"', f'"kind": "{r["kind"]}"',
            f'"marketed_for": "{r["marketed_for"]}"', f'"released": "{r["released"]}"',
            f'"throughput": {{"fp16": "{number(t["fp16"])} TFLOPS", "fp8": "{number(t["fp8"])} TFLOPS", '
            f'"int8": "{number(t["int8"])} TOPS"}}',
        ]
        if r["dies"] is not None:
            d = r["dies"][0]
            parts.append(f'"dies": [{{"name": "{d["name"]}", "area": "{number(d["area"])} mm2", '
                         f'"transistors": "{d["transistors"]}", "role": "{d["role"]}", "count": {d["count"]}}}]')
        m = r["memory"]
        parts.append(f'"memory": {{"type": "{m["type"]}", "capacity": "{m["capacity"]} GB", '
                     f'"bandwidth": "{number(m["bandwidth"])} TB/s"}}')
        parts.append(f'"interconnect": {{"bidirectional": "{r["interconnect"]["bidirectional"]} GB/s"}}')
        out.write("{" + ", ".join(parts) + "}\n")


def write_csv(rng, n, out):
    out.write("name,vendor,kind,marketed_for,released,throughput.fp16 [TFLOPS],throughput.fp8 [TFLOPS],"
              "throughput.int8 [TOPS],dies.0.name,dies.0.area [mm2],dies.0.transistors,dies.0.role,dies.0.count,"
              "memory.type,memory.capacity [GB],memory.bandwidth [TB/s],interconnect.bidirectional [GB/s]\n")
    for i in range(n):
        r = record(rng, i)
        t = r["throughput"]
        d = r["dies"][0] if r["dies"] is not None else {"name": "", "area": "", "transistors": "", "role": "",
                                                          "count": ""}
        m = r["memory"]
        cells = [r["name"], r["vendor"], r["kind"], r["marketed_for"], r["released"], number(t["fp16"]),
                 number(t["fp8"]), number(t["int8"]), d["name"], number(d["area"]) if d["area"] != "" else "",
                 d["transistors"], d["role"], str(d["count"]), m["type"], str(m["capacity"]), number(m["bandwidth"]),
                 str(r["interconnect"]["bidirectional"])]
        out.write(",".join(cells) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int)
    parser.add_argument("--format", choices=["jsonl", "csv"], default="jsonl")
    parser.add_argument("--seed", type=int, default=3090)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    out = sys.stdout
    (write_jsonl if args.format == "jsonl" else write_csv)(rng, args.n, out)


if __name__ == "__main__":
    main()
