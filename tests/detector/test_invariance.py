#!/usr/bin/env python3
"""The detector's verdict does not depend on the lamp's colour (issue 21).

Runs `glint check` on a short sweep of each corpus model that raises a flag
(and two clean ones) under a 2700 K, a 4000 K and a 6500 K lamp of the same
luminance, and compares the verdict tables: verdict, failed flags, the share
of steps with each flag and the flagged angle ranges must be identical.
Before the fix the display-white threshold was grey's, so a warm or cool
lamp hid highlights: the hammered bumps E were pinpoints on every step under
6500 K and on none under 4000 K. Sweeps are short (3-11 steps) to keep it
to about a minute; docs/detector.md has the table.

usage: test_invariance.py GLINT GEN_CORPUS WORK_DIR
"""
import json
import os
import subprocess
import sys

glint, generator, work = sys.argv[1:4]
corpus = os.path.join(work, "corpus")
os.makedirs(corpus, exist_ok=True)
subprocess.run([generator, corpus], check=True, stdout=subprocess.DEVNULL)

# The corpus's lighting (test_corpus.py) but for the temperature.
LIGHTING = ("--light-intensity", "1", "--light-radius", "2")
FLAGS = ("PIN", "HAIR", "JIT", "NOISE", "FACET")
# (name, model, start, sweep, step, extra): windows where each model shows
# what the corpus test measures on it (docs/detector.md).
CASES = (
    ("A", "A_smooth.obj", 0, 2, 1, ()),
    ("C", "C_very_glossy.obj", 0, 2, 1, ()),
    ("D", "D_micro_noise.obj", 0, 2, 0.5, ()),
    ("E", "E_hammered.obj", 0, 5, 0.5, ()),
    ("F", "F_faceted.obj", 0, 10, 1, ()),
    ("H edges", "H_bevel_wide.obj", 12, 10, 1, ("--part", "corners=matte")),
    ("I4", "I04_beads.obj", 0, 5, 0.5, ()),
    ("I8", "I08_beads.obj", 0, 3, 0.5, ()),
)


def row(name, model, start, sweep, step, extra, kelvin):
    report = os.path.join(work, f"{name.replace(' ', '_')}-{kelvin}.json")
    args = [glint, "check", os.path.join(corpus, model), "--size", "256x256",
            "--angle", str(start), "--sweep", str(sweep), "--step", str(step),
            "--light-temp", str(kelvin), "--report", report, "--overwrite", "-q",
            *LIGHTING, *extra]
    done = subprocess.run(args, capture_output=True, text=True)
    if done.returncode not in (0, 1):
        sys.exit(f"FAIL: {name} at {kelvin} K: glint check exited {done.returncode}: "
                 f"{done.stderr.strip()}")
    with open(report) as f:
        r = json.load(f)
    frames = r["frames"]
    share = {flag: sum(flag in x["flags"] for x in frames) for flag in FLAGS}
    ranges = {flag: [(x["from_deg"], x["to_deg"]) for x in r["ranges"][flag]] for flag in FLAGS}
    pins = sum(x["pins"] for x in frames) / len(frames)
    return (r["verdict"], tuple(sorted(r["fails"])), tuple(share.values()),
            tuple(tuple(v) for v in ranges.values())), pins, len(frames)


failures = []
print("| model | steps | K | verdict | steps flagged | pins/step |")
print("|---|---|---|---|---|---|")
for name, model, start, sweep, step, extra in CASES:
    table = {}
    for kelvin in (2700, 4000, 6500):
        table[kelvin], pins, steps = row(name, model, start, sweep, step, extra, kelvin)
        verdict, _, share, _ = table[kelvin]
        flagged = ", ".join(f"{f} {n}" for f, n in zip(FLAGS, share) if n) or "none"
        print(f"| {name} | {steps} | {kelvin} | {verdict} | {flagged} | {pins:.1f} |")
    if len(set(table.values())) != 1:
        failures.append(f"{name}: the verdict table differs with the lamp's colour: {table}")
for failure in failures:
    print("FAIL:", failure)
sys.exit(1 if failures else 0)
