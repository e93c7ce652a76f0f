#!/usr/bin/env python3
"""croppng.py IN.png ROWS OUT.png - keeps the first ROWS rows of a non-interlaced PNG, every
chunk but IDAT copied as is (so odd ICC profiles and palettes stay). PNG row filters look
only at rows above, so the filtered rows are cut without decoding them."""
import struct, sys, zlib

src, rows, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
data = open(src, "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n"
chunks, pos = [], 8
while pos < len(data):
    n, = struct.unpack(">I", data[pos:pos + 4])
    chunks.append((data[pos + 4:pos + 8], data[pos + 8:pos + 8 + n]))
    pos += 12 + n
ihdr = chunks[0][1]
w, h, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", ihdr)
assert interlace == 0 and rows <= h
spp = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[ctype]
stride = 1 + (w * spp * depth + 7) // 8
raw = zlib.decompress(b"".join(d for t, d in chunks if t == b"IDAT"))[: rows * stride]

def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)

res, done = [b"\x89PNG\r\n\x1a\n"], False
for t, d in chunks:
    if t == b"IHDR":
        d = struct.pack(">II", w, rows) + d[8:]
    if t == b"IDAT":
        if not done:
            res.append(chunk(b"IDAT", zlib.compress(raw, 9)))
            done = True
        continue
    if t in (b"tIME", b"tEXt"):
        continue
    res.append(chunk(t, d))
open(out, "wb").write(b"".join(res))
