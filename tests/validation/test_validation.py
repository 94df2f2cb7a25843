#!/usr/bin/env python3
"""The detector on its held-out validation set (docs/detector.md, "Validation
beyond the corpus"; tools/validation_set).

Generates the set, runs `glint check` on every case under each lamp colour
and analysis size asked for, and prints the confusion table: the painter's
label and the flags it implies against the flags the check failed on. Fails on
any false alarm on a clean case (the check fails at all) and on any miss on a
clearly labelled one (a flag the label implies is not among the check's
fails). Ambiguous cases are measured and printed, never judged.

usage: test_validation.py GLINT GENERATOR WORK_DIR [--temps K,K..] [--sizes N,N..]
                          [--cases NAME,NAME..] [--jobs N] [--brief] [--reuse]
Defaults: --temps 6500 --sizes 256 (the CI run). The full table:
  --temps 2700,4000,6500 --sizes 256,512
"""
import argparse
import concurrent.futures
import csv
import json
import os
import subprocess
import sys
import time

FLAGS = ("PIN", "HAIR", "JIT", "NOISE", "FACET")

parser = argparse.ArgumentParser()
parser.add_argument("glint")
parser.add_argument("generator")
parser.add_argument("work")
parser.add_argument("--temps", default="6500")
parser.add_argument("--sizes", default="256")
parser.add_argument("--cases", default="")
parser.add_argument("--jobs", type=int, default=1)
parser.add_argument("--sweep", default="4")
parser.add_argument("--step", default="0.5")
parser.add_argument("--reuse", action="store_true",
                    help="read the reports a former run left in WORK_DIR instead of checking again")
parser.add_argument("--brief", action="store_true",
                    help="cells without each flag's share of steps (docs/detector.md's table)")
args = parser.parse_args()
temps = [int(t) for t in args.temps.split(",")]
sizes = [int(s) for s in args.sizes.split(",")]

started = time.time()
models = os.path.join(args.work, "validation-set")
os.makedirs(models, exist_ok=True)
subprocess.run([args.generator, models], check=True, stdout=subprocess.DEVNULL)
with open(os.path.join(models, "cases.tsv")) as f:
    cases = list(csv.DictReader(f, delimiter="\t"))
if args.cases:
    wanted = set(args.cases.split(","))
    cases = [c for c in cases if c["case"] in wanted]
    if len(cases) != len(wanted):
        sys.exit(f"test_validation: no such case among {sorted(wanted)}")


def flag_set(text):
    return set() if text == "-" else set(text.split(","))


def shares(report):
    frames = report["frames"]
    return {flag: sum(flag in x["flags"] for x in frames) / len(frames) for flag in FLAGS}


def check(case, temp, size):
    """glint check under glint's default lamp at colour `temp`: returns the
    flags the check failed on and each flag's share of steps."""
    name = f"{case}-{temp}K-{size}"
    report = os.path.join(args.work, f"{name}.json")
    command = [args.glint, "check", os.path.join(models, case + ".obj"),
               "--size", f"{size}x{size}", "--sweep", args.sweep, "--step", args.step,
               "--light-temp", str(temp), "--report", report, "--overwrite", "-q"]
    if args.reuse and os.path.exists(report):
        with open(report) as f:
            r = json.load(f)
        return (set(r["fails"]), shares(r)), None
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode not in (0, 1):
        return None, f"glint check exited {done.returncode}: {done.stderr.strip()}"
    with open(report) as f:
        r = json.load(f)
    if (done.returncode == 1) != (r["verdict"] == "fail"):
        return None, f"exit {done.returncode} but verdict {r['verdict']}"
    return (set(r["fails"]), shares(r)), None


combos = [(t, s) for s in sizes for t in temps]
jobs = [(c["case"], t, s) for c in cases for (t, s) in combos]
with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
    results = dict(zip(jobs, pool.map(lambda j: check(*j), jobs)))

failures = []
known = []
counts = {combo: {flag: [0, 0, 0, 0] for flag in FLAGS} for combo in combos}  # hit miss alarm quiet


def judge(case, combo, found):
    """The cell's words, and whether it fails the test."""
    expect, allow = flag_set(case["expect"]), flag_set(case["allow"])
    kind = case["type"]
    if kind == "ambiguous":
        return "ambiguous", False
    for flag in FLAGS:
        tally = counts[combo][flag]
        if flag in expect:
            tally[0 if flag in found else 1] += 1
        elif flag not in allow:
            tally[2 if flag in found else 3] += 1
    if kind == "clean":
        return ("ok" if not found else "FALSE ALARM"), bool(found)
    missed = expect - found
    extra = found - expect - allow
    words = []
    if missed:
        words.append("MISS " + "+".join(sorted(missed)))
    if extra:
        words.append("extra " + "+".join(sorted(extra)))
    return (", ".join(words) or "ok"), bool(missed)


header = "| case | label | implies | " + " | ".join(f"{t} K, {s} px" for t, s in combos) + " |"
print(header)
print("|" + "---|" * (3 + len(combos)))
for case in cases:
    cells = []
    for combo in combos:
        result, error = results[(case["case"], *combo)]
        if error:
            failures.append(f"{case['case']} {combo}: {error}")
            cells.append("error")
            continue
        found, share = result
        words, failed = judge(case, combo, found)
        shares = ", ".join(f"{f} {share[f]:.0%}" for f in FLAGS if share[f])
        cells.append(f"{'+'.join(sorted(found)) or 'pass'}: {words}" +
                     (f" ({shares})" if shares and not args.brief else ""))
        if failed:
            failures.append(f"{case['case']} at {combo[0]} K, {combo[1]} px: {words}: "
                            f"found {sorted(found) or 'nothing'}, label '{case['label']}'")
    implies = case["expect"] if case["expect"] != "-" else "none"
    print(f"| {case['case']} | {case['label']} | {implies} | " + " | ".join(cells) + " |")

print()
# Per flag over the clean and clearly labelled cases: hits / misses / false
# alarms (found though neither implied nor allowed) / quiet.
print("| flag: hit / miss / false alarm / quiet | " +
      " | ".join(f"{t} K, {s} px" for t, s in combos) + " |")
print("|" + "---|" * (1 + len(combos)))
for flag in FLAGS:
    print(f"| {flag} | " + " | ".join(" / ".join(str(n) for n in counts[combo][flag])
                                      for combo in combos) + " |")
print(f"\n{len(jobs)} checks in {time.time() - started:.0f} s")
for failure in failures:
    print("FAIL:", failure)
sys.exit(1 if failures else 0)
