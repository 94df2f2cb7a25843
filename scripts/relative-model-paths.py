#!/usr/bin/env python3
"""relative-model-paths.py PNG...: rewrites the "model" of glint's settings
inside each PNG (the iTXt chunk "glint-preset") as a path relative to the
PNG's folder, so that pictures committed to the repository re-render from
any checkout (`glint render --preset docs/images/x.png`): glint writes the
model's absolute path, which names the machine that made the picture, and
reads a relative one against the picture's folder. Pixels are untouched;
the chunk's CRC is recomputed. Used by docs/images/make.sh and
scripts/bless-baselines.sh."""
import json
import os
import struct
import sys
import zlib

KEYWORD = b"glint-preset"


def rewrite(path):
    data = open(path, "rb").read()
    out, pos, changed = [data[:8]], 8, False
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        chunk = data[pos:pos + 12 + length]
        head = KEYWORD + b"\0\0\0\0\0"  # keyword, flag 0, method 0, no language, no translation
        if kind == b"iTXt" and body.startswith(head):
            text = body[len(head):].decode("utf-8")
            settings = json.loads(text)
            model = settings.get("model")
            if isinstance(model, str) and os.path.isabs(model):
                folder = os.path.dirname(os.path.abspath(path))
                # the model as it is in this checkout: the same path below the repository
                relative = model
                for marker in ("/assets/", "/tests/", "/docs/"):
                    if marker in model:
                        here = os.path.join(os.getcwd(), model[model.index(marker) + 1:])
                        relative = os.path.relpath(here, folder)
                        break
                # keep glint's own layout of the text: only the value changes
                new_text = text.replace(json.dumps(model), json.dumps(relative), 1)
                body = head + new_text.encode("utf-8")
                crc = zlib.crc32(b"iTXt" + body) & 0xFFFFFFFF
                chunk = struct.pack(">I4s", len(body), b"iTXt") + body + struct.pack(">I", crc)
                changed = True
        out.append(chunk)
        pos += 12 + length
    if changed:
        open(path, "wb").write(b"".join(out))
    return changed


if __name__ == "__main__":
    count = sum(rewrite(p) for p in sys.argv[1:])
    print(f"relative-model-paths: {count} of {len(sys.argv) - 1} pictures rewritten")
