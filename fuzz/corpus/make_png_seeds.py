#!/usr/bin/env python3
"""Writes the seed corpus for fuzz/fuzz_png_text.c into fuzz/corpus/png_text/
(or the folder given as the first argument): small PNGs with and without a
glint-preset text chunk, in each layout the reader knows or refuses.
Deterministic: only the standard library (struct, zlib), fixed content."""
import os
import struct
import sys
import zlib

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "png_text")

PRESET = (
    '{\n\t"schema":\t"glint-preset",\n\t"version":\t1,\n\t"model":\t"bust.obj",\n'
    '\t"image":\t{"width": 160, "height": 120, "msaa": 4},\n\t"turntable_deg":\t30,\n'
    '\t"lamp":\t{"azimuth_deg": 40, "elevation_deg": 45, "kelvin": 3200},\n'
    '\t"look":\t{"finish": "satin", "parts": {"eyes": "gloss"}, "background": "#203040"}\n}\n'
)


def chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def png(width, height, extra=(), split_idat=False):
    """An RGBA PNG of a small gradient, with `extra` chunks right after IHDR."""
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    rows = b"".join(
        b"\x00" + bytes((x * 40 + y * 7) & 255 for x in range(width) for _ in range(4))
        for y in range(height)
    )
    pixels = zlib.compress(rows, 9)
    idat = [pixels[: len(pixels) // 2], pixels[len(pixels) // 2 :]] if split_idat else [pixels]
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + b"".join(extra)
        + b"".join(chunk(b"IDAT", part) for part in idat)
        + chunk(b"IEND", b"")
    )


def itxt(keyword, text, compressed=False, language=b"", translated=b""):
    body = zlib.compress(text, 9) if compressed else text
    flag = b"\x01" if compressed else b"\x00"
    return chunk(b"iTXt", keyword + b"\0" + flag + b"\0" + language + b"\0" + translated + b"\0" + body)


def main():
    os.makedirs(OUT, exist_ok=True)
    preset = PRESET.encode("utf-8")
    seeds = {
        "plain.png": png(2, 2),
        "preset-itxt.png": png(3, 2, [itxt(b"glint-preset", preset)]),
        "preset-text-latin1.png": png(
            2, 2, [chunk(b"tEXt", b"glint-preset\0" + '{"note": "40\xb0"}'.encode("latin-1"))]
        ),
        "preset-translated.png": png(
            2, 1, [itxt(b"glint-preset", b"{}", language=b"de", translated="Voreinstellung".encode())]
        ),
        "preset-compressed-itxt.png": png(2, 2, [itxt(b"glint-preset", preset, compressed=True)]),
        "preset-ztxt.png": png(
            2, 2, [chunk(b"zTXt", b"glint-preset\0\0" + zlib.compress(preset, 9))]
        ),
        "other-keywords.png": png(
            2, 2, [itxt(b"Comment", "grey \u00b0".encode()), chunk(b"tEXt", b"Software\0paint")]
        ),
        "two-idat.png": png(4, 3, [itxt(b"glint-preset", preset)], split_idat=True),
    }
    whole = seeds["preset-itxt.png"]
    seeds["truncated.png"] = whole[: len(whole) - 20]
    for name, data in seeds.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
