#!/usr/bin/env python3
"""glint against Cycles (issue 16 item 4): renders each scene of scenes.py
with glint to an EXR and compares it with the committed path-traced
reference (tests/fidelity/references, made by make_references.py).

Per scene, over the model's pixels (covered in either image), in linear
luminance (Rec. 709 weights):
- the shaded error in dB, 20 log10(RMS(glint - reference) / mean(reference));
- highlight scenes: the peak ratio (glint's brightest pixel over the
  reference's) and the area ratio (pixels above half the peak, each image
  against its own peak);
- shadow scenes: the penumbra ratio, the pixels where the lamp's visibility
  (the shaded image over the same with no shadows) is between 10 and 90 %.

Prints the table that docs/lighting.md shows, and fails if any scene is worse
than it is locked at in thresholds.json: the error more than 1 dB above its
lock, or a ratio more than 10 % further from 1 than its lock (|log ratio|),
either side (for the area, at least one pixel of the reference's count: a
small lamp's gloss highlight is a few pixels). Better is never a failure: it is printed, so the lock can be
tightened. -22 dB is the target beside it.

A scene that names another (`same_as`: the dark room's) shares its reference
and must render the same pixels as it, exactly.

usage: test_fidelity.py GLINT EXRTOOL [--write-locks] [--glint-arg ARG ...]
                        [--only NAME ...]
(--write-locks records today's values into thresholds.json, for after a
change that makes glint closer, keeping each old lock that was better; --glint-arg adds arguments to every glint
command, e.g. to check that a wrong roughness fails; --only runs the named
scenes (and the scenes they are the same as), and --write-locks then
touches only their locks.)"""

import array
import json
import math
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import scenes  # noqa: E402

REFERENCES = os.path.join(HERE, "references")
LOCKS = os.path.join(HERE, "thresholds.json")
TARGET_DB = -22.0
DB_MARGIN = 1.0
RATIO_MARGIN = 0.10


def read_exr(exrtool, path, work):
    """Luminance and alpha per pixel, rows top to bottom."""
    raw = os.path.join(work, "raw.bin")
    subprocess.run([exrtool, "raw", path, raw], check=True)
    with open(raw, "rb") as f:
        size = array.array("i")
        size.fromfile(f, 2)
        values = array.array("f")
        values.fromfile(f, size[0] * size[1] * 4)
    luminance = [0.2126 * values[i] + 0.7152 * values[i + 1] + 0.0722 * values[i + 2]
                 for i in range(0, len(values), 4)]
    alpha = values[3::4]
    return size[0], size[1], luminance, list(alpha)


def shaded_db(glint, ref):
    _, _, y_g, a_g = glint
    _, _, y_r, a_r = ref
    model = [i for i in range(len(y_r)) if a_r[i] > 0.5 or a_g[i] > 0.5]
    mean = sum(y_r[i] for i in model) / len(model)
    rms = math.sqrt(sum((y_g[i] - y_r[i]) ** 2 for i in model) / len(model))
    return 20.0 * math.log10(max(rms, 1e-12) / mean)


def highlight(image):
    _, _, y, a = image
    peak = max(y[i] for i in range(len(y)) if a[i] > 0.5)
    area = sum(1 for i in range(len(y)) if a[i] > 0.5 and y[i] > 0.5 * peak)
    return peak, area


def penumbra(shadowed, unshadowed):
    """Pixels in the 10-90 % penumbra: visibility = shadowed / unshadowed where
    the lamp reaches a lit level worth measuring (a fifth of the median lit)."""
    _, _, y_s, a_s = shadowed
    _, _, y_u, a_u = unshadowed
    lit = sorted(y_u[i] for i in range(len(y_u)) if a_u[i] > 0.99)
    floor = 0.2 * lit[len(lit) // 2]
    count = 0
    for i in range(len(y_u)):
        if a_u[i] > 0.99 and a_s[i] > 0.99 and y_u[i] > floor:
            v = y_s[i] / y_u[i]
            count += 0.1 < v < 0.9
    return count


def glint_render(glint, scene, model, out, extra, shadows=True):
    args = scenes.glint_args(scene, model, out, shadows) + extra
    subprocess.run([glint] + args, check=True)


def same_pixels(exrtool, path_a, path_b, work):
    """Whether two EXRs hold exactly the same RGBA values."""
    values = []
    for path in (path_a, path_b):
        raw = os.path.join(work, "same.bin")
        subprocess.run([exrtool, "raw", path, raw], check=True)
        with open(raw, "rb") as f:
            values.append(f.read())
    return values[0] == values[1]


def measure(glint, exrtool, scene, models, work, extra):
    name = scene["name"]
    reference = scene.get("same_as", name)
    mine = os.path.join(work, name + ".exr")
    glint_render(glint, scene, models[scene["model"]], mine, extra)
    g = read_exr(exrtool, mine, work)
    r = read_exr(exrtool, os.path.join(REFERENCES, reference + ".exr"), work)
    row = {"db": shaded_db(g, r)}
    if "same_as" in scene:
        row["same"] = same_pixels(exrtool, mine, os.path.join(work, reference + ".exr"), work)
    if scene["highlight"]:
        (gp, ga), (rp, ra) = highlight(g), highlight(r)
        row["peak"] = gp / rp
        row["area"] = ga / max(ra, 1)
        row["area_pixels"] = ra
    if scene["penumbra"]:
        mine_u = os.path.join(work, name + "-noshadow.exr")
        glint_render(glint, scene, models[scene["model"]], mine_u, extra, shadows=False)
        gu = read_exr(exrtool, mine_u, work)
        ru = read_exr(exrtool, os.path.join(REFERENCES, reference + "-noshadow.exr"), work)
        row["penumbra"] = penumbra(g, gu) / max(penumbra(r, ru), 1)
    return row


def ratio_text(row, key):
    return "%.2f" % row[key] if key in row else "-"


def check(name, row, lock):
    """What is worse than the lock, as messages; and what is better than it by
    more than the margin, as notes (the lock can then be tightened)."""
    failures, notes = [], []
    if row.get("same") is False:
        failures.append("%s: not the same pixels as the scene it shares a reference with" % name)
    if lock is None:
        return failures + ["%s: no locked values in %s" % (name, LOCKS)], notes
    if row["db"] > lock["db"] + DB_MARGIN:
        failures.append("%s: %.1f dB, locked at %.1f dB (%g dB worse allowed)"
                        % (name, row["db"], lock["db"], DB_MARGIN))
    elif row["db"] < lock["db"] - DB_MARGIN:
        notes.append("%s: %.1f dB, better than its lock %.1f dB" % (name, row["db"], lock["db"]))
    # A ratio is as good as it is close to 1: worse is further from 1 than the
    # lock by more than the margin, whichever side.
    for key in ("peak", "area", "penumbra"):
        if key in lock and key not in row:
            failures.append("%s: no %s ratio measured" % (name, key))
        elif key in lock:
            off, locked = abs(math.log(row[key])), abs(math.log(lock[key]))
            margin = math.log(1 + RATIO_MARGIN)
            if key == "area":
                # A small lamp's gloss highlight is a few pixels: one pixel
                # more or less is the count's resolution, not a change.
                margin = max(margin, math.log(1 + 1 / max(row["area_pixels"], 1)))
            if off > locked + margin:
                failures.append("%s: %s ratio %.3f, further from 1 than its lock %.3f by more "
                                "than %g %%" % (name, key, row[key], lock[key], 100 * RATIO_MARGIN))
            elif off < locked - margin:
                notes.append("%s: %s ratio %.3f, closer to 1 than its lock %.3f"
                             % (name, key, row[key], lock[key]))
    return failures, notes


def tightened(row, lock):
    """The lock to write: today's values, but never looser than the old lock's
    (the lower dB, the ratio nearer 1), so re-locking cannot loosen a scene."""
    new = {m: round(v, 3) for m, v in row.items() if m not in ("area_pixels", "same")}
    for key, old in (lock or {}).items():
        if key not in new:
            continue
        if key == "db":
            new[key] = min(new[key], old)
        elif abs(math.log(old)) < abs(math.log(new[key])):
            new[key] = old
    return new


def main():
    argv = sys.argv[1:]
    if len(argv) < 2:
        sys.exit(__doc__)
    glint, exrtool = argv[0], argv[1]
    write_locks = "--write-locks" in argv
    extra = [argv[i + 1] for i in range(2, len(argv) - 1) if argv[i] == "--glint-arg"]
    only = []
    if "--only" in argv:
        for a in argv[argv.index("--only") + 1:]:
            if a.startswith("--"):
                break
            only.append(a)
    known = {scene["name"]: scene for scene in scenes.SCENES}
    unknown = [n for n in only if n not in known]
    if unknown:
        sys.exit("test_fidelity.py: no scene called %s" % ", ".join(unknown))
    wanted = set(only) | {known[n]["same_as"] for n in only if "same_as" in known[n]}
    locks = {}
    if os.path.exists(LOCKS):
        with open(LOCKS) as f:
            locks = json.load(f)["scenes"]
    rows = {}
    failures, notes = [], []
    with tempfile.TemporaryDirectory() as work:
        models = scenes.write_models(os.path.join(work, "models"),
                                     os.path.join(ROOT, "assets", "sample", "bust.obj"))
        print("| scene | finish | paint | dB (target %d) | locked dB | peak ratio | area ratio "
              "| penumbra ratio |" % TARGET_DB)
        print("|---|---|---|---|---|---|---|---|")
        for scene in scenes.SCENES:
            if only and scene["name"] not in wanted:
                continue
            row = measure(glint, exrtool, scene, models, work, extra)
            rows[scene["name"]] = row
            lock = locks.get(scene["name"])
            print("| %s | %s | %s | %.1f%s | %s | %s | %s | %s |" % (
                scene["name"], scene["finish"], scene["paint"], row["db"],
                "" if row["db"] <= TARGET_DB else " (above)",
                "%.1f" % lock["db"] if lock else "-", ratio_text(row, "peak"),
                ratio_text(row, "area"), ratio_text(row, "penumbra")), flush=True)
            failed, noted = check(scene["name"], row, lock)
            failures += failed
            notes += noted
    if write_locks:
        with open(LOCKS, "w") as f:
            json.dump({"note": "each scene's best values as measured when locked: the test allows "
                               "%g dB worse and ratios %g %% further from 1 (test_fidelity.py)"
                               % (DB_MARGIN, 100 * RATIO_MARGIN),
                       "scenes": dict(locks, **{k: tightened(r, locks.get(k))
                                                for k, r in rows.items()
                                                if not only or k in only})},
                      f, indent=1, sort_keys=True)
            f.write("\n")
        print("fidelity: wrote %s" % LOCKS)
        return 0
    above = [n for n, r in rows.items() if r["db"] > TARGET_DB]
    print("fidelity: %d of %d scenes at or below %d dB; above: %s"
          % (len(rows) - len(above), len(rows), TARGET_DB, ", ".join(above) or "none"))
    for message in notes:
        print("better: " + message + " (tighten: --write-locks)")
    for message in failures:
        print("FAIL: " + message)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
