#!/usr/bin/env python3
"""Write huge.png and huge.tif: tiny, syntactically valid files whose headers declare a
100000 x 100000 pixel, 8-bit grey image (10^10 pixels). A reader must refuse them from the
header instead of trying to allocate the image.

usage: mkhuge.py OUTDIR      (writes OUTDIR/huge.png and OUTDIR/huge.tif; stdlib only)
"""
import struct
import sys
import zlib

W = H = 100_000


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png():
    # IHDR: width, height, bit depth 8, colour type 0 (grey), deflate, filter 0, no interlace
    ihdr = struct.pack(">IIBBBBB", W, H, 8, 0, 0, 0, 0)
    rows = (b"\0" + b"\xff" * W) * 4  # four white rows, filter type 0: the rest is missing
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
            + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def tif():
    # little-endian classic TIFF, one IFD right after the header, one uncompressed strip
    # declared to hold the whole image (RowsPerStrip = ImageLength) but only 16 bytes long
    data = b"\xff" * 16
    SHORT, LONG, RATIONAL = 3, 4, 5
    tags = [  # (tag, type, count, value or offset), sorted by tag
        (256, LONG, 1, W),          # ImageWidth
        (257, LONG, 1, H),          # ImageLength
        (258, SHORT, 1, 8),         # BitsPerSample
        (259, SHORT, 1, 1),         # Compression: none
        (262, SHORT, 1, 1),         # PhotometricInterpretation: min-is-black
        (273, LONG, 1, None),       # StripOffsets (filled below)
        (277, SHORT, 1, 1),         # SamplesPerPixel
        (278, LONG, 1, H),          # RowsPerStrip
        (279, LONG, 1, len(data)),  # StripByteCounts
        (282, RATIONAL, 1, None),   # XResolution (filled below)
        (283, RATIONAL, 1, None),   # YResolution
        (296, SHORT, 1, 2),         # ResolutionUnit: inch
    ]
    ifd_at = 8
    res_at = ifd_at + 2 + 12 * len(tags) + 4   # two rationals 300/1
    data_at = res_at + 16
    fill = {273: data_at, 282: res_at, 283: res_at + 8}
    out = struct.pack("<2sHI", b"II", 42, ifd_at) + struct.pack("<H", len(tags))
    for tag, typ, cnt, val in tags:
        val = fill.get(tag, val)
        field = struct.pack("<HH", val, 0) if typ == SHORT else struct.pack("<I", val)
        out += struct.pack("<HHI", tag, typ, cnt) + field
    out += struct.pack("<I", 0)  # no next IFD
    out += struct.pack("<IIII", 300, 1, 300, 1) + data
    assert len(out) == data_at + len(data)
    return out


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    d = sys.argv[1]
    open(f"{d}/huge.png", "wb").write(png())
    open(f"{d}/huge.tif", "wb").write(tif())
