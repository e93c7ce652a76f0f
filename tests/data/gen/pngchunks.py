#!/usr/bin/env python3
"""List the chunks of PNG files and check their CRCs (stdlib only).
usage: pngchunks.py FILE.png...   -> one line per file: name, IHDR fields, chunk names
Exits 1 if a file is not a PNG or a CRC is wrong."""
import struct
import sys
import zlib

bad = 0
for f in sys.argv[1:]:
    d = open(f, "rb").read()
    if d[:8] != b"\x89PNG\r\n\x1a\n":
        print(f"{f}: not a PNG")
        bad = 1
        continue
    pos, names, info = 8, [], ""
    while pos + 12 <= len(d):
        n, kind = struct.unpack(">I4s", d[pos:pos + 8])
        body = d[pos + 8:pos + 8 + n]
        crc = struct.unpack(">I", d[pos + 8 + n:pos + 12 + n])[0]
        ok = zlib.crc32(kind + body) == crc
        bad |= not ok
        name = kind.decode("latin-1")
        names.append(name if ok else name + "(BAD CRC)")
        if kind == b"IHDR":
            w, h, bits, ctype = struct.unpack(">IIBB", body[:10])
            info = f"{w}x{h} bits={bits} colortype={ctype}"
        if kind == b"pHYs":
            x, y, unit = struct.unpack(">IIB", body)
            names[-1] += f"({x}x{y}/{'m' if unit else '?'})"
        pos += 12 + n
        if kind == b"IEND":
            break
    print(f"{f}: {info} chunks: {' '.join(names)}")
sys.exit(bad)
