#!/usr/bin/env python3
"""Detector acceptance tests on the ground-truth corpus (docs/detector.md).

Generates the corpus with glint_gen_corpus, runs `glint check` on each model
headless and checks the flags the detector spec expects. Prints the measured
table that docs/detector.md records.

usage: test_corpus.py GLINT GEN_CORPUS WORK_DIR [MODEL ...]
"""
import json
import math
import os
import subprocess
import sys

glint, generator, work = sys.argv[1:4]
only = set(sys.argv[4:])
corpus = os.path.join(work, "corpus")
os.makedirs(corpus, exist_ok=True)
subprocess.run([generator, corpus], check=True, stdout=subprocess.DEVNULL)

# As in the spec's prototype, the lamp is bright enough that glossy
# highlights clip at display white: a pinpoint is only harsh when it does.
LIGHTING = ("--light-intensity", "8", "--light-radius", "2")
failures = []
rows = []


def check(name, model, size=256, sweep=10.0, step=0.5, start=0.0, extra=()):
    """Runs glint check and returns (exit code, report)."""
    report = os.path.join(work, f"{name}.json")
    args = [glint, "check", os.path.join(corpus, model), "--size", f"{size}x{size}",
            "--sweep", str(sweep), "--step", str(step), "--angle", str(start),
            "--report", report, "--overwrite", "-q", *LIGHTING, *extra]
    done = subprocess.run(args, capture_output=True, text=True)
    if done.returncode not in (0, 1):
        failures.append(f"{name}: glint check exited {done.returncode}: {done.stderr.strip()}")
        return None
    with open(report) as f:
        r = json.load(f)
    frames = r["frames"]
    n = len(frames)
    share = {flag: sum(flag in f["flags"] for f in frames) / n for flag in
             ("PIN", "HAIR", "JIT", "NOISE", "FACET")}
    s = r["scores"]
    rows.append((name, size, r["check"]["step_deg"], s["rhat_px"], s["J_mean"],
                 s["T2_p99_max"], sum(f["pins"] for f in frames) / n, s["pin_per_10k"],
                 s["pin_persistence"], s["CAE_max"], s["wobble_max"], share, r["verdict"]))
    return r, share


def expect(name, condition, detail):
    if not condition:
        failures.append(f"{name}: {detail}")


pending = []


def not_yet(name, condition, detail):
    """An acceptance point glint does not meet yet (docs/detector.md, "Open"):
    measured and printed, but not failed on, so that the day it holds shows."""
    if not condition:
        pending.append(f"{name}: {detail}")


def flagged_angles(report, flags):
    return [f["angle_deg"] for f in report["frames"] if set(flags) & set(f["flags"])]


def run(name):
    return not only or name in only


if run("A"):
    r, share = check("A", "A_smooth.obj")
    expect("A", r["verdict"] == "pass" and not any(share.values()), f"not clean: {share}")
if run("B"):
    r, share = check("B", "B_matte.obj")
    expect("B", r["verdict"] == "pass" and not any(share.values()), f"not clean: {share}")
if run("C"):
    r, share = check("C", "C_very_glossy.obj")
    expect("C", r["verdict"] == "pass" and share["JIT"] == 0, f"not clean: {share}")
if run("D"):
    for size in (256, 512):
        name = f"D@{size}"
        r, share = check(name, "D_micro_noise.obj", size=size, sweep=5.0)
        expect(name, share["JIT"] >= 0.9, f"JIT in {share['JIT']:.0%} of steps, want >= 90 %")
        not_yet(name, share["NOISE"] >= 0.9, f"NOISE in {share['NOISE']:.0%} of steps, want >= 90 %")
if run("E"):
    r, share = check("E@256", "E_hammered.obj")
    expect("E@256", share["JIT"] == 0, f"JIT in {share['JIT']:.0%} of steps")
    expect("E@256", share["PIN"] > 0, "no pinpoints at 256 px")
    r2, share2 = check("E@512", "E_hammered.obj", size=512)
    expect("E@512", share2["JIT"] == 0, f"JIT in {share2['JIT']:.0%} of steps")
    expect("E@512", share2["PIN"] < share["PIN"] / 2,
           f"pinpoints in {share2['PIN']:.0%} of steps at 512 px, {share['PIN']:.0%} at 256")
if run("F"):
    r, share = check("F", "F_faceted.obj", sweep=30.0, step=1.0)
    expect("F", "FACET" in r["fails"] and share["FACET"] >= 0.5,
           f"FACET in {share['FACET']:.0%} of steps, fails {r['fails']}")
    expect("F", share["JIT"] == 0, f"JIT in {share['JIT']:.0%} of steps")


def edge_window():
    """The turntable angles at which a top edge of the box lights up: its
    bevel's normals run from straight up to a side face's normal, so the edge
    shines when that face turns to the half vector's azimuth. The camera and
    lamp are glint's defaults (camera azimuth 0, elevation 12; lamp azimuth
    40, elevation 45); the lobe and the bevel's reach give about +-10 degrees."""
    def direction(azimuth, elevation):
        a, e = math.radians(azimuth), math.radians(elevation)
        return (math.cos(e) * math.sin(a), math.sin(e), math.cos(e) * math.cos(a))
    eye, lamp = direction(0, 12), direction(40, 45)
    half = [e + l for e, l in zip(eye, lamp)]
    centre = math.degrees(math.atan2(half[0], half[2])) % 90.0
    return centre - 10.0, centre + 10.0


for name, model, least in (("G", "G_bevel_thin.obj", 5), ("H", "H_bevel_wide.obj", 2)):
    if not run(name):
        continue
    low, high = edge_window()
    r, share = check(name, model, sweep=90.0, step=1.0)
    lit = flagged_angles(r, ("PIN", "HAIR"))
    inside = [a for a in lit if low <= a <= high]
    outside = [a for a in lit if not low <= a <= high]
    expect(name, len(inside) >= least,
           f"PIN/HAIR in {len(inside)} steps inside {low:.1f}-{high:.1f} deg, want >= {least}")
    not_yet(name, not outside, f"PIN/HAIR also at {outside}, outside {low:.1f}-{high:.1f} deg")
beads = {}
for radius in (4, 8, 16, 32):
    name = f"I{radius}"
    if run(name):
        beads[radius] = check(name, f"I{radius:02d}_beads.obj")
if len(beads) == 4:
    (_, s4), (_, s8), (_, s16), (_, s32) = (beads[k] for k in (4, 8, 16, 32))
    not_yet("I4", s4["JIT"] >= 0.5 and s4["PIN"] >= 0.5, f"4 px beads: {s4}")
    for radius, s in ((8, s8), (16, s16)):
        not_yet(f"I{radius}", s["JIT"] == 0 and s["PIN"] >= 0.5, f"{radius} px beads: {s}")
    not_yet("I32", s32["JIT"] == 0, f"32 px beads: {s32}")

print("| model | px | step | rhat px | J mean | T2 p99 | pins/step | pins/10k | pers. | CAE max "
      "| wobble | steps flagged | verdict |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for (name, size, step, rhat, j, t2, pins, density, pers, cae, wobble, share, verdict) in rows:
    flagged = ", ".join(f"{k} {v:.0%}" for k, v in share.items() if v) or "none"
    print(f"| {name} | {size} | {step:g} | {rhat:.2f} | {j:.3f} | {t2:.2f} | {pins:.1f} | "
          f"{density:.1f} | {pers:.2f} | {cae:.2f} | {wobble:.2f} | {flagged} | {verdict} |")
for point in pending:
    print("NOT YET:", point)
for failure in failures:
    print("FAIL:", failure)
sys.exit(1 if failures else 0)
