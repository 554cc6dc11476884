#!/usr/bin/env python3
"""The baseline a user could write in an afternoon: eccn's whole job for ECCN
3A090 on a JSON Lines catalog, in plain Python.

  bench/baseline_classify.py catalog.jsonl > counts.json

For every record: parse the quantities with their units, compute TPP (max over
formats of dense rate in TOPS x bit length), the applicable die area (logic,
non-planar dies x count) and PD = TPP / area, and decide 3A090.a and .b with
the datacenter note and .b only when .a does not apply, in three-valued logic
(no dies: PD unknown; market unknown: the note may apply), exactly
(fractions.Fraction, as eccn), and print the counts per entry.
"""
import json
import sys
from fractions import Fraction

BITS = {"fp64": 64, "fp32": 32, "tf32": 32, "bf16": 16, "fp16": 16, "fp8": 8, "fp6": 6, "fp4": 4,
        "int32": 32, "int16": 16, "int8": 8, "int4": 4}
RATE = {"TFLOPS": 10**12, "TOPS": 10**12, "GFLOPS": 10**9, "GOPS": 10**9, "PFLOPS": 10**15, "POPS": 10**15}
AREA = {"mm2": 1, "cm2": 100}
TRUE, FALSE, UNKNOWN = "T", "F", "?"


def quantity(text, units):
    number, unit = text.split()
    return Fraction(number) * units[unit]


def t_and(*xs):
    return FALSE if FALSE in xs else (TRUE if all(x == TRUE for x in xs) else UNKNOWN)


def t_or(*xs):
    return TRUE if TRUE in xs else (FALSE if all(x == FALSE for x in xs) else UNKNOWN)


def t_not(x):
    return {TRUE: FALSE, FALSE: TRUE, UNKNOWN: UNKNOWN}[x]


def ge(value, threshold):
    return UNKNOWN if value is None else (TRUE if value >= threshold else FALSE)


def lt(value, threshold):
    return UNKNOWN if value is None else (TRUE if value < threshold else FALSE)


def classify(chip):
    rates = chip.get("throughput") or {}
    tpp = max((quantity(rate, RATE) / 10**12 * BITS[fmt] for fmt, rate in rates.items()), default=Fraction(0))
    dies = chip.get("dies")
    pd = None
    if dies is not None:
        area = sum((quantity(d["area"], AREA) * int(d.get("count", 1)) for d in dies
                    if d.get("role") == "logic" and d.get("transistors") != "planar"), Fraction(0))
        pd = tpp / area if area != 0 else None
    market = chip.get("marketed_for", "unknown")
    not_datacenter = UNKNOWN if market == "unknown" else (TRUE if market != "datacenter" else FALSE)
    note = t_and(not_datacenter, lt(tpp, 4800))
    a = t_and(t_or(ge(tpp, 4800), t_and(ge(tpp, 1600), ge(pd, Fraction("5.92")))), t_not(note))
    b = t_and(t_or(t_and(ge(tpp, 2400), lt(tpp, 4800), ge(pd, Fraction("1.6")), lt(pd, Fraction("5.92"))),
                   t_and(ge(tpp, 1600), ge(pd, Fraction("3.2")), lt(pd, Fraction("5.92")))),
              t_not(note), t_not(a))
    return a, b


def main():
    counts = {"3A090.a": 0, "3A090.b": 0, "indeterminate": 0, "not_controlled": 0}
    with open(sys.argv[1], encoding="utf-8") as catalog:
        for line in catalog:
            a, b = classify(json.loads(line))
            counts["3A090.a"] += a == TRUE
            counts["3A090.b"] += b == TRUE
            if a != TRUE and b != TRUE:
                counts["indeterminate" if UNKNOWN in (a, b) else "not_controlled"] += 1
    print(json.dumps(counts, sort_keys=True))


if __name__ == "__main__":
    main()
