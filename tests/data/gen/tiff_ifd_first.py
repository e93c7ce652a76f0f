#!/usr/bin/env python3
"""Rewrite a classic (non-Big) TIFF so that its image file directories come first.

usage: tiff_ifd_first.py IN.tif OUT.tif

libtiff (and so ImageMagick and tiffcp) writes each directory after the image data, so a
file cut short loses its directory and a reader fails already at TIFFOpen. Scanners often
write the directory first; a file laid out like that and then cut short still opens, and
the reader fails only while decoding strips. This script lays a file out that way:
header, every IFD with its out-of-line tag values, then the strips (or tiles) in order.
Pixel data and tag values are copied byte for byte; only offsets change (StripOffsets /
TileOffsets are written as LONG). Both byte orders are handled; SubIFD/EXIF/GPS pointers
are refused. Stdlib only.
"""
import struct
import sys

SIZES = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4}
OFFSETS, COUNTS = {273: 279, 324: 325}, (279, 325)  # StripOffsets->StripByteCounts, Tile...
REFUSED = {330, 34665, 34853, 40965}  # SubIFDs, ExifIFD, GPSIFD, InteropIFD


def main(src, dst):
    d = open(src, "rb").read()
    bo = {b"II": "<", b"MM": ">"}.get(d[:2])
    if bo is None or struct.unpack(bo + "H", d[2:4])[0] != 42:
        sys.exit(f"{src}: not a classic TIFF")
    u = lambda fmt, off: struct.unpack_from(bo + fmt, d, off)
    ifds, off = [], u("I", 4)[0]
    while off:
        n = u("H", off)[0]
        entries = {}
        for i in range(n):
            tag, typ, cnt, val = u("HHI4s", off + 2 + 12 * i)
            if tag in REFUSED:
                sys.exit(f"{src}: tag {tag} points to other data; not handled")
            size = SIZES[typ] * cnt
            raw = val[:size] if size <= 4 else d[u("I", off + 2 + 12 * i + 8)[0]:][:size]
            entries[tag] = [typ, cnt, raw]
        ifds.append(entries)
        off = u("I", off + 2 + 12 * n)[0]

    def values(e):
        typ, cnt, raw = e
        f = {3: "H", 4: "I"}[typ]
        return list(struct.unpack(bo + f * cnt, raw))

    # chunks of pixel data per IFD, and the entries rewritten as LONG offsets (filled in later)
    chunks = []
    for e in ifds:
        ot = next((t for t in OFFSETS if t in e), None)
        if ot is None:
            sys.exit(f"{src}: IFD without StripOffsets/TileOffsets")
        offs, cnts = values(e[ot]), values(e[OFFSETS[ot]])
        chunks.append((ot, [d[o:o + c] for o, c in zip(offs, cnts)]))
        e[ot] = [4, len(offs), b"\0" * 4 * len(offs)]

    def layout(base):
        """Place IFDs and their out-of-line values from base; return (bytes, data_start, fixups)."""
        pos, places = base, []
        for e in ifds:
            ifd_at = pos
            pos += 2 + 12 * len(e) + 4
            ool = {}
            for tag in sorted(e):
                raw = e[tag][2]
                if len(raw) > 4:
                    pos += pos & 1
                    ool[tag] = pos
                    pos += len(raw)
            pos += pos & 1
            places.append((ifd_at, ool))
        return places, pos

    places, data_at = layout(8)
    # strip offsets now known: data follows the directories, in order
    pos = data_at
    for e, (ot, parts) in zip(ifds, chunks):
        offs = []
        for p in parts:
            offs.append(pos)
            pos += len(p)
        e[ot][2] = struct.pack(bo + "I" * len(offs), *offs)

    out = bytearray(struct.pack(bo + "2sHI", d[:2], 42, places[0][0]))
    for k, (e, (ifd_at, ool)) in enumerate(zip(ifds, places)):
        assert len(out) == ifd_at
        nxt = places[k + 1][0] if k + 1 < len(places) else 0
        out += struct.pack(bo + "H", len(e))
        for tag in sorted(e):
            typ, cnt, raw = e[tag]
            field = struct.pack(bo + "I", ool[tag]) if tag in ool else raw.ljust(4, b"\0")
            out += struct.pack(bo + "HHI", tag, typ, cnt) + field
        out += struct.pack(bo + "I", nxt)
        for tag in sorted(ool):
            out += b"\0" * (ool[tag] - len(out))
            out += e[tag][2]
    out += b"\0" * (data_at - len(out))
    for _, parts in chunks:
        for p in parts:
            out += p
    open(dst, "wb").write(out)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
