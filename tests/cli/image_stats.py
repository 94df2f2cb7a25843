#!/usr/bin/env python3
"""image_stats.py IMG.png [--mask MASK.png] [--rows F0,F1]: what a render shows, as JSON.

The background is the colour of the top-left corner; a pixel is the model's ("foreground")
when any channel differs from it by more than 8/255. With --mask, the foreground is that of
MASK.png instead (a `--view silhouette` render of the same shot), so that dark parts of IMG
count too. With --rows, only the foreground rows from fraction F0 to F1 of its bbox's height
(0 = top) count: a region of the model, such as the top of a sphere standing on a slab.
Printed:
  width, height, background [r, g, b]
  coverage     the foreground's share of the frame
  bbox         [x0, y0, x1, y1] of the foreground, inclusive (null when there is none)
  aspect       the bbox's height / width
  bbox_width, bbox_height in pixels
  mean_rgb     the foreground's mean colour, 0-255 per channel
  brightness   the foreground's mean of (r + g + b) / 3, 0-255
  peak         the foreground's brightest pixel's (r + g + b) / 3
  left_rgb, right_rgb   mean colour of the foreground in the left and right thirds of its bbox
Standard library only: 8-bit RGB or RGBA PNGs (what glint writes), filters undone."""
import json
import struct
import sys
import zlib


def read_png(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise SystemExit("image_stats.py: %s is not a PNG" % path)
    pos, idat, width = 8, b"", None
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or colour not in (2, 6) or interlace:
                raise SystemExit("image_stats.py: %s: only 8-bit RGB/RGBA, not interlaced" % path)
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = channels * width
    rows, previous = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        if kind == 1:
            for i in range(channels, stride):
                line[i] = (line[i] + line[i - channels]) & 255
        elif kind == 2:
            for i in range(stride):
                line[i] = (line[i] + previous[i]) & 255
        elif kind == 3:
            for i in range(stride):
                a = line[i - channels] if i >= channels else 0
                line[i] = (line[i] + (a + previous[i]) // 2) & 255
        elif kind == 4:
            for i in range(stride):
                a = line[i - channels] if i >= channels else 0
                b = previous[i]
                c = previous[i - channels] if i >= channels else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        previous = line
    return width, height, channels, rows


def mean(colours):
    n = len(colours)
    return [round(sum(c[k] for c in colours) / n, 2) for k in range(3)] if n else None


def foreground(path):
    """(width, height, channels, rows, background, {(x, y)} of the foreground)."""
    width, height, channels, rows = read_png(path)
    bg = tuple(rows[0][0:3])
    fg = set()
    for y, line in enumerate(rows):
        for x in range(width):
            px = line[channels * x:channels * x + 3]
            if max(abs(px[0] - bg[0]), abs(px[1] - bg[1]), abs(px[2] - bg[2])) > 8:
                fg.add((x, y))
    return width, height, channels, rows, bg, fg


def stats(path, mask=None, row_range=None):
    width, height, channels, rows, bg, fg = foreground(path)
    if mask:
        mw, mh, _, _, _, fg = foreground(mask)
        if (mw, mh) != (width, height):
            raise SystemExit("image_stats.py: %s and %s differ in size" % (path, mask))
    if fg and row_range:
        y0, y1 = min(p[1] for p in fg), max(p[1] for p in fg)
        lo, hi = (y0 + f * (y1 - y0 + 1) for f in row_range)
        fg = {p for p in fg if lo <= p[1] < hi}
    fg = sorted((x, y, tuple(rows[y][channels * x:channels * x + 3])) for x, y in fg)
    out = {"width": width, "height": height, "background": list(bg),
           "coverage": round(len(fg) / float(width * height), 5), "bbox": None, "aspect": None,
           "bbox_width": 0, "bbox_height": 0, "mean_rgb": None, "brightness": None, "peak": None,
           "left_rgb": None, "right_rgb": None}
    if not fg:
        return out
    x0, x1 = min(p[0] for p in fg), max(p[0] for p in fg)
    y0, y1 = min(p[1] for p in fg), max(p[1] for p in fg)
    w, h = x1 - x0 + 1, y1 - y0 + 1
    colours = [p[2] for p in fg]
    m = mean(colours)
    out.update({"bbox": [x0, y0, x1, y1], "bbox_width": w, "bbox_height": h,
                "aspect": round(h / float(w), 4), "mean_rgb": m,
                "brightness": round(sum(m) / 3.0, 2),
                "peak": round(max(sum(c) for c in colours) / 3.0, 2),
                "left_rgb": mean([p[2] for p in fg if p[0] < x0 + w / 3.0]),
                "right_rgb": mean([p[2] for p in fg if p[0] > x1 - w / 3.0])})
    return out


def main(argv):
    args, mask, row_range = argv[1:], None, None
    path = None
    while args:
        if args[0] == "--mask" and len(args) > 1:
            mask, args = args[1], args[2:]
        elif args[0] == "--rows" and len(args) > 1:
            row_range, args = [float(f) for f in args[1].split(",")], args[2:]
        elif path is None and not args[0].startswith("--"):
            path, args = args[0], args[1:]
        else:
            raise SystemExit("usage: image_stats.py IMG.png [--mask MASK.png] [--rows F0,F1]")
    if path is None:
        raise SystemExit("usage: image_stats.py IMG.png [--mask MASK.png] [--rows F0,F1]")
    print(json.dumps(stats(path, mask, row_range)))


if __name__ == "__main__":
    main(sys.argv)
