#!/usr/bin/env python3
"""glint_exrtool room (tests/tools/exrtool.c): the equirectangular map of a
room that the fidelity references light Cycles with (make_references.py).
Checks the layout the Blender script relies on (Blender's for an environment
texture, on glint's world axes): each room's landmarks, placed by
docs/lighting.md's angles in glint's convention (azimuth from +z towards +x,
elevation up +y), are found where the layout puts them, at the radiance the
docs give; the solid-angle-weighted mean luminance is the docs' (0.77 of the
lamp's white for the desk, 0.27 for the studio); the dark room is black; a
bad room or width is exit 2 with one line.

usage: test_room_map.py EXRTOOL"""

import array
import math
import os
import subprocess
import sys
import tempfile

WIDTH = 512  # 0.7 degrees a texel, glint's own cube map's


def read_map(exrtool, room, work):
    path = os.path.join(work, room + ".exr")
    subprocess.run([exrtool, "room", room, str(WIDTH), path], check=True)
    raw = os.path.join(work, room + ".bin")
    subprocess.run([exrtool, "raw", path, raw], check=True)
    with open(raw, "rb") as f:
        size = array.array("i")
        size.fromfile(f, 2)
        values = array.array("f")
        values.fromfile(f, size[0] * size[1] * 4)
    return size[0], size[1], values


def luminance(values, i):
    return 0.2126 * values[4 * i] + 0.7152 * values[4 * i + 1] + 0.0722 * values[4 * i + 2]


def at(image, azimuth_deg, elevation_deg):
    """The luminance the map holds towards a direction given in glint's
    convention, found through Blender's equirectangular layout."""
    w, h, values = image
    az, el = math.radians(azimuth_deg), math.radians(elevation_deg)
    x, y, z = math.cos(el) * math.sin(az), math.sin(el), math.cos(el) * math.cos(az)
    u = (0.5 - math.atan2(y, x) / (2 * math.pi)) % 1.0
    row_from_top = 0.5 - math.asin(max(-1.0, min(1.0, z))) / math.pi
    col, row = min(int(u * w), w - 1), min(int(row_from_top * h), h - 1)
    return luminance(values, row * w + col)


def mean_luminance(image):
    w, h, values = image
    total = weight_sum = 0.0
    for row in range(h):
        weight = math.cos((0.5 - (row + 0.5) / h) * math.pi)  # a texel's solid angle
        total += weight * sum(luminance(values, row * w + col) for col in range(w))
        weight_sum += weight * w
    return total / weight_sum


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    exrtool = sys.argv[1]
    failures = []

    def expect(what, got, low, high):
        ok = low <= got <= high
        print("%s %s: %.4f (expected %g to %g)" % ("ok  " if ok else "FAIL", what, got, low, high))
        if not ok:
            failures.append(what)

    with tempfile.TemporaryDirectory() as work:
        desk = read_map(exrtool, "desk", work)
        # The window's panes centred at azimuth -103.5 and -136.5, elevation
        # 16, daylight ten times the lamp's white; the mullion between them
        # (seen at the horizon: the panes' gnomonic edges close it above).
        expect("desk: the window's left pane", at(desk, -103.5, 16.0), 9.9, 10.1)
        expect("desk: the window's right pane", at(desk, -136.5, 16.0), 9.9, 10.1)
        expect("desk: the mullion", at(desk, -120.0, 0.0), 0.05, 0.2)
        expect("desk: the window's opposite side (a wall)", at(desk, 76.5, 16.0), 0.05, 0.2)
        expect("desk: the ceiling overhead", at(desk, 0.0, 89.0), 0.29, 0.41)
        expect("desk: the desk below", at(desk, 0.0, -89.0), 0.035, 0.045)
        expect("desk: mean luminance", mean_luminance(desk), 0.76, 0.78)
        studio = read_map(exrtool, "studio", work)
        expect("studio: the key box, front left", at(studio, -45.0, 30.0), 2.95, 3.05)
        expect("studio: the rim box, behind right", at(studio, 140.0, 20.0), 1.95, 2.05)
        expect("studio: the surround", at(studio, 45.0, 0.0), 0.005, 0.007)
        expect("studio: mean luminance", mean_luminance(studio), 0.26, 0.28)
        dark = read_map(exrtool, "dark", work)
        expect("dark: brightest", max(dark[2][i] for i in range(len(dark[2])) if i % 4 != 3),
               0.0, 0.0)
        for args, what in ((["room", "attic", "64"], "a room that is not one"),
                           (["room", "desk", "63"], "an odd width")):
            run = subprocess.run([exrtool] + args + [os.path.join(work, "bad.exr")],
                                 capture_output=True, text=True)
            lines = run.stderr.strip().splitlines()
            ok = run.returncode == 2 and len(lines) == 1 and not os.path.exists(
                os.path.join(work, "bad.exr"))
            print("%s %s: exit %d, %r" % ("ok  " if ok else "FAIL", what, run.returncode,
                                          run.stderr.strip()))
            if not ok:
                failures.append(what)
    print("room map: %d failures" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
