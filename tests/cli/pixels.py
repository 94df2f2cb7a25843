#!/usr/bin/env python3
"""pixels.py A.png B.png: exit 0 when the two PNGs hold the same pixels
(their text chunks, such as glint's settings, may differ), 1 when not.
Standard library only: the IDAT stream inflated and compared."""
import struct
import sys
import zlib


def pixels(path):
    data = open(path, "rb").read()
    pos, idat = 8, b""
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if kind == b"IDAT":
            idat += data[pos + 8:pos + 8 + length]
        pos += 12 + length
    return zlib.decompress(idat)


sys.exit(0 if pixels(sys.argv[1]) == pixels(sys.argv[2]) else 1)
