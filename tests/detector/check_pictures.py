#!/usr/bin/env python3
"""check_pictures.py HEIGHT PNG...: each `glint check --frames` picture is the
HEIGHT-pixel render with a strip under it that holds a caption and a legend:
light text, and rings in the marks' colours. Exits 1 when one does not.
Python 3 standard library only (an 8-bit RGB/RGBA PNG reader)."""
import struct
import sys
import zlib


def read_png(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path}: not a PNG"
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour = header[:4]
    assert depth == 8 and colour in (2, 6), f"{path}: depth {depth}, colour type {colour}"
    channels = 3 if colour == 2 else 4
    raw, stride, rows, prev = zlib.decompress(idat), width * channels, [], bytearray(width * channels)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b, c = prev[i], prev[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    return width, height, channels, rows


failures = 0
render_height = int(sys.argv[1])
for path in sys.argv[2:]:
    width, height, channels, rows = read_png(path)
    ink = rings = 0
    for row in rows[render_height:]:
        for x in range(width):
            r, g, b = row[x * channels:x * channels + 3]
            ink += min(r, g, b) >= 200
            rings += max(r, g, b) - min(r, g, b) >= 150
    if height <= render_height or ink < 50 or rings < 5:
        print(f"FAIL: {path}: {width}x{height}, {ink} text pixels and {rings} ring pixels "
              f"under the {render_height}-pixel render")
        failures += 1
sys.exit(1 if failures or len(sys.argv) < 3 else 0)
