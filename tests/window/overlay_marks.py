#!/usr/bin/env python3
"""overlay_marks.py ON.png OFF.png: the live detector's markers in a screenshot.

ON is the picture with the live detector's overlay, OFF the same frame without it. Among the
pixels that differ, counts the dark ones (every channel <= 70: the markers' outline) that lie
next to (within 3 pixels of) a light tinted one (a channel >= 150 and the pixel changed): a
marker drawn as a tinted ring between dark lines reads on white highlights and black paint
alike; a tint alone does not. Prints "MARKS dark=N tinted=M outlined=K" and exits 1 when
K < 8 or nothing changed. Standard library only."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cli"))
from image_stats import read_png  # noqa: E402

w, h, ch, a = read_png(sys.argv[1])
w2, h2, _, b = read_png(sys.argv[2])
if (w, h) != (w2, h2):
    raise SystemExit("overlay_marks.py: the pictures' sizes differ")


def px(rows, x, y):
    return tuple(rows[y][x * ch:x * ch + 3])


changed = [[px(a, x, y) != px(b, x, y) for x in range(w)] for y in range(h)]
dark, tinted = set(), set()
for y in range(h):
    for x in range(w):
        if not changed[y][x]:
            continue
        p = px(a, x, y)
        if max(p) <= 70:
            dark.add((x, y))
        elif max(p) >= 150 and max(p) - min(p) >= 80:
            tinted.add((x, y))
outlined = sum(1 for (x, y) in dark
               if any((x + dx, y + dy) in tinted for dx in range(-3, 4) for dy in range(-3, 4)))
print("MARKS dark=%d tinted=%d outlined=%d" % (len(dark), len(tinted), outlined))
sys.exit(0 if outlined >= 8 else 1)
