#!/usr/bin/env python3
"""Ratio tables from one criterion run of `benches/codec.rs` (and `schema_parse.rs`).

Reads target/criterion/*/*/new/{benchmark,estimates}.json and prints Markdown: for each
input, grammers-tl-types' time over tgconf's (above 1: tgconf is faster) and the dynamic
codec's time over the typed codec's (for decoding also the dynamic codec's arena decode), each with the interval that follows from criterion's
95% confidence intervals (the low end of one over the high end of the other, and back).
The times are criterion's typical estimate: the slope when it has one, else the mean.
"""

import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent / "target" / "criterion"


def load():
    times = {}
    for bench in ROOT.glob("*/*/new/benchmark.json"):
        meta = json.loads(bench.read_text())
        est = json.loads((bench.parent / "estimates.json").read_text())
        typical = est.get("slope") or est["mean"]
        ci = typical["confidence_interval"]
        times[(meta["group_id"], meta["function_id"])] = (
            typical["point_estimate"],
            ci["lower_bound"],
            ci["upper_bound"],
        )
    return times


def ratio(num, den):
    """num / den with its interval: (point, low, high)."""
    return num[0] / den[0], num[1] / den[2], num[2] / den[1]


def fmt_ratio(r):
    return f"{r[0]:.2f}× [{r[1]:.2f}, {r[2]:.2f}]"


def fmt_time(t):
    unit, scale = ("ms", 1e6) if t[0] >= 1e6 else ("µs", 1e3)
    point, low, high = (x / scale for x in t)  # from ns
    return f"{point:.3g} {unit} [{low:.3g}, {high:.3g}]"


def main():
    times = load()
    if not times:
        sys.exit(f"no criterion results under {ROOT}")
    groups = sorted({g for g, _ in times})
    for what in ("decode", "encode"):
        print(f"\n### {what}\n")
        arena = what == "decode"
        print(
            "| input | typed | dynamic | "
            + ("dynamic (arena) | " if arena else "")
            + "grammers | memcpy | grammers / typed | grammers / dynamic | dynamic / typed |"
            + (" arena / typed |" if arena else "")
        )
        print("|---" * (10 if arena else 8) + "|")
        for g in groups:
            if not g.startswith(what + "/"):
                continue
            name = g.split("/", 1)[1]
            t = times[(g, "tgconf typed")]
            d = times[(g, "tgconf dynamic")]
            gr = times[(g, "grammers-tl-types")]
            copy = times.get(("decode/" + name, "memcpy"))
            a = times.get((g, "tgconf dynamic (arena)")) if arena else None
            print(
                f"| {name} | {fmt_time(t)} | {fmt_time(d)} | "
                + (f"{fmt_time(a)} | " if arena else "")
                + f"{fmt_time(gr)} | {fmt_time(copy) if copy else '–'} | "
                f"{fmt_ratio(ratio(gr, t))} | {fmt_ratio(ratio(gr, d))} | {fmt_ratio(ratio(d, t))} |"
                + (f" {fmt_ratio(ratio(a, t))} |" if arena else "")
            )
    parse = [k for k in times if k[0] == "parse layer-230 api.tl"]
    if parse:
        g = "parse layer-230 api.tl"
        gr = times[(g, "grammers-tl-parser")]
        print("\n### schema parse\n")
        print("| parser | time | grammers-tl-parser / it |")
        print("|---|---|---|")
        for f in ("tl-parser", "tl-parser + id check", "grammers-tl-parser"):
            print(f"| {f} | {fmt_time(times[(g, f)])} | {fmt_ratio(ratio(gr, times[(g, f)]))} |")


if __name__ == "__main__":
    main()
