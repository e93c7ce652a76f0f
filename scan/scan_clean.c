/* scan_clean.c - the minimal grey conversion of a decoded page, and the lossless encoding
 * of the archival image. The archival image is what the scanner gave (turned upright and
 * deskewed by scan_page_prepare at most); only the OCR image is altered. */
#include <leptonica/allheaders.h>
#include <libdeflate.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "scan.h"

int scan_page_clean(PIX *pix, const scan_page_info *info, PIX **out, hs_err *err)
{
    *out = NULL;
    PIX *p = NULL, *g = NULL;
    /* Transparent areas would be black after a plain conversion: blend over white. */
    if (pixGetDepth(pix) == 32 && pixGetSpp(pix) == 4)
        p = pixRemoveAlpha(pix);
    else
        p = pixClone(pix);
    if (!p)
        return hs_err_set(err, HS_ENOMEM, 0, "cleanup: cannot copy page");
    if (pixGetDepth(p) == 8 && !pixGetColormap(p))
        g = pixClone(p);
    else
        g = pixConvertTo8(p, 0);
    pixDestroy(&p);
    if (!g)
        return hs_err_set(err, HS_EFORMAT, 0, "cleanup: cannot convert %d-bit page to grey",
                          pixGetDepth(pix));
    pixSetResolution(g, info->dpi, info->dpi);
    *out = g;
    return HS_OK;
}

/* ---- the archival PNG ----
 * Written here rather than by leptonica's pixWriteMemPng, whose libpng default tries all
 * five row filters on every row: on scans, whose grain defeats the filters, no filter at
 * all gives files 0-20% smaller in half the time. The rows are compressed in one piece by
 * libdeflate at its level 4, ~1.8x faster than zlib's level 4 (used before) on 300-dpi
 * scans, for files 1-2% smaller; its levels 1-2 are faster still on noisy scans but make
 * clean pages twice the size (bench/pngenc, docs/BENCHMARKS.md "Batch throughput"); a
 * page too large to hold its raw rows beside the file goes row by row through zlib. The
 * file: signature, IHDR, pHYs, one IDAT, IEND. */

enum { PNG_DEFLATE_LEVEL = 4 };

/* Appends a chunk: length, type, data, CRC-32 of type and data. */
static void png_chunk(unsigned char **at, const char type[4], const unsigned char *data, size_t n)
{
    unsigned char *p = *at;
    p[0] = (unsigned char)(n >> 24);
    p[1] = (unsigned char)(n >> 16);
    p[2] = (unsigned char)(n >> 8);
    p[3] = (unsigned char)n;
    memcpy(p + 4, type, 4);
    if (data && p + 8 != data)
        memmove(p + 8, data, n);
    uint32_t crc = libdeflate_crc32(0, p + 4, n + 4);
    p[8 + n] = (unsigned char)(crc >> 24);
    p[9 + n] = (unsigned char)(crc >> 16);
    p[10 + n] = (unsigned char)(crc >> 8);
    p[11 + n] = (unsigned char)crc;
    *at = p + 12 + n;
}

static void be32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

/* One row of the pix as PNG's raw row: the filter byte (none), then grey or RGB bytes. */
static void png_row(PIX *pix, int y, unsigned char *row)
{
    int d = pixGetDepth(pix), w = pixGetWidth(pix);
    const l_uint32 *line = pixGetData(pix) + (size_t)y * pixGetWpl(pix);
    *row++ = 0;
    if (d == 8) {
        for (int x = 0; x < w; x++)
            row[x] = (unsigned char)GET_DATA_BYTE(line, x);
    } else {
        for (int x = 0; x < w; x++) {
            l_int32 r, g, b;
            extractRGBValues(line[x], &r, &g, &b);
            row[3 * x] = (unsigned char)r;
            row[3 * x + 1] = (unsigned char)g;
            row[3 * x + 2] = (unsigned char)b;
        }
    }
}

/* The signature, IHDR and pHYs at p (at most PNG_HEAD bytes); returns the end. */
enum { PNG_HEAD = 8 + 25 + 21 };

static unsigned char *png_head(unsigned char *p, PIX *pix, int dpi)
{
    memcpy(p, "\x89PNG\r\n\x1a\n", 8);
    p += 8;
    unsigned char ihdr[13];
    be32(ihdr, (uint32_t)pixGetWidth(pix));
    be32(ihdr + 4, (uint32_t)pixGetHeight(pix));
    ihdr[8] = 8;                              /* bits a sample */
    ihdr[9] = pixGetDepth(pix) == 32 ? 2 : 0; /* colour type: RGB or grey */
    ihdr[10] = ihdr[11] = ihdr[12] = 0;       /* deflate, adaptive filtering, no interlace */
    png_chunk(&p, "IHDR", ihdr, sizeof ihdr);
    if (dpi > 0) {
        unsigned char phys[9];
        uint32_t ppm = (uint32_t)(dpi / 0.0254 + 0.5);
        be32(phys, ppm);
        be32(phys + 4, ppm);
        phys[8] = 1; /* metres */
        png_chunk(&p, "pHYs", phys, sizeof phys);
    }
    return p;
}

/* Pages whose raw rows are larger than this are deflated row by row by zlib (level 4, as
 * before libdeflate) instead of in one piece: one piece holds the raw rows beside the file,
 * ~0.75 GB for the largest colour page scan_page_load accepts. */
static size_t png_one_piece_max = (size_t)64 << 20;

void scan_png_one_piece_max(size_t bytes)
{
    png_one_piece_max = bytes;
}

/* Ends the file whose IDAT chunk starts at idat (its n bytes of data written after the 8
 * of its length and type): the IDAT's length, type and CRC, IEND; what the buffer held
 * beyond the file is given back. */
static void png_end(unsigned char *out, unsigned char *idat, size_t n, char **data, size_t *len)
{
    unsigned char *p = idat;
    png_chunk(&p, "IDAT", idat + 8, n);
    png_chunk(&p, "IEND", NULL, 0);
    *len = (size_t)(p - out);
    char *shrunk = realloc(out, *len);
    *data = shrunk ? shrunk : (char *)out;
}

/* The rows deflated as they are made, into a file grown as needed. */
static int png_encode_stream(PIX *pix, int dpi, size_t stride, char **data, size_t *len)
{
    int h = pixGetHeight(pix), rc = HS_OK;
    size_t cap = (size_t)1 << 20, at = 0;
    unsigned char *out = malloc(cap), *row = malloc(stride);
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    if (!out || !row || deflateInit(&zs, 4) != Z_OK) {
        free(out);
        free(row);
        return HS_ENOMEM;
    }
    at = (size_t)(png_head(out, pix, dpi) - out);
    size_t idat = at;
    at += 8; /* the IDAT chunk's length and type, written when its length is known */
    for (int y = 0; y <= h && rc == HS_OK; y++) {
        int flush = y == h ? Z_FINISH : Z_NO_FLUSH;
        if (y < h) {
            png_row(pix, y, row);
            zs.next_in = row;
            zs.avail_in = (uInt)stride;
        }
        int z;
        do {
            if (cap - at < 65536 + 24) {
                unsigned char *more = realloc(out, cap * 2);
                if (!more) {
                    rc = HS_ENOMEM;
                    break;
                }
                out = more;
                cap *= 2;
            }
            zs.next_out = out + at;
            zs.avail_out = (uInt)(cap - at - 24); /* room kept for the CRC and IEND */
            z = deflate(&zs, flush);
            at = (size_t)(zs.next_out - out);
        } while (z == Z_OK && (zs.avail_in > 0 || (flush == Z_FINISH && z != Z_STREAM_END)));
        if (rc == HS_OK && z != Z_OK && z != Z_STREAM_END && z != Z_BUF_ERROR)
            rc = HS_ENOMEM;
    }
    deflateEnd(&zs);
    free(row);
    if (rc) {
        free(out);
        return rc;
    }
    png_end(out, out + idat, at - idat - 8, data, len);
    return HS_OK;
}

/* An 8-bit grey (no colour map) or 32-bit RGB pix as PNG, unfiltered, with its resolution;
 * malloc'd into *data. Returns 0, or -1 (other depths: the caller uses leptonica) or
 * HS_ENOMEM. */
static int png_encode(PIX *pix, int dpi, char **data, size_t *len)
{
    int d = pixGetDepth(pix), w = pixGetWidth(pix), h = pixGetHeight(pix);
    if ((d != 8 && d != 32) || pixGetColormap(pix) || (d == 32 && pixGetSpp(pix) == 4))
        return -1;
    size_t stride = (size_t)w * (d == 32 ? 3 : 1) + 1, raw_len = stride * (size_t)h;
    if (raw_len > png_one_piece_max)
        return png_encode_stream(pix, dpi, stride, data, len);
    unsigned char *raw = malloc(raw_len);
    struct libdeflate_compressor *c = libdeflate_alloc_compressor(PNG_DEFLATE_LEVEL);
    size_t bound = c ? libdeflate_zlib_compress_bound(c, raw_len) : 0;
    /* the head, IDAT 12 + data, IEND 12 */
    unsigned char *out = bound ? malloc(PNG_HEAD + 12 + bound + 12) : NULL;
    if (!raw || !c || !out) {
        free(raw);
        free(out);
        libdeflate_free_compressor(c);
        return HS_ENOMEM;
    }
    for (int y = 0; y < h; y++)
        png_row(pix, y, raw + (size_t)y * stride);
    unsigned char *p = png_head(out, pix, dpi);
    size_t n = libdeflate_zlib_compress(c, raw, raw_len, p + 8, bound);
    free(raw);
    libdeflate_free_compressor(c);
    if (n == 0) { /* cannot happen with the bound's room */
        free(out);
        return HS_ENOMEM;
    }
    png_end(out, p, n, data, len);
    return HS_OK;
}

int scan_png_encode(PIX *pix, int dpi, char **data, size_t *len, hs_err *err)
{
    *data = NULL;
    *len = 0;
    int rc = png_encode(pix, dpi, data, len);
    if (rc == HS_OK)
        return HS_OK;
    if (rc == HS_ENOMEM)
        return hs_err_set(err, HS_ENOMEM, 0, "png: out of memory");
    /* other depths, colour maps, alpha: leptonica's writer */
    l_uint8 *bytes = NULL;
    size_t n = 0;
    PIX *p = pixClone(pix);
    if (dpi > 0)
        pixSetResolution(p, dpi, dpi);
    int bad = !p || pixWriteMemPng(&bytes, &n, p, 0.0) || !bytes;
    pixDestroy(&p);
    if (!bad && (*data = malloc(n))) {
        memcpy(*data, bytes, n);
        *len = n;
    }
    lept_free(bytes);
    if (bad)
        return hs_err_set(err, HS_EFORMAT, 0, "png: cannot encode the page");
    return *data ? HS_OK : hs_err_set(err, HS_ENOMEM, 0, "png: out of memory");
}

int scan_page_encode(PIX *pix, const scan_page_info *info, char **data, size_t *len,
                     const char **ext, hs_err *err)
{
    *data = NULL;
    *len = 0;
    *ext = NULL;
    l_uint8 *bytes = NULL;
    size_t n = 0;
    int bad;
    PIX *p = pixClone(pix);
    if (!p)
        return hs_err_set(err, HS_ENOMEM, 0, "archive image: out of memory");
    pixSetResolution(p, info->dpi, info->dpi);
    if (pixGetDepth(p) != 1) {
        int rc = png_encode(p, info->dpi, data, len);
        if (rc == HS_OK) {
            pixDestroy(&p);
            *ext = "png";
            return HS_OK;
        }
        if (rc == HS_ENOMEM) {
            pixDestroy(&p);
            return hs_err_set(err, HS_ENOMEM, 0, "archive image: out of memory");
        }
    }
    if (pixGetDepth(p) == 1) {
        bad = pixWriteMemTiff(&bytes, &n, p, IFF_TIFF_G4);
        *ext = "tif";
    } else {
        pixSetZlibCompression(p, 4);
        bad = pixWriteMemPng(&bytes, &n, p, 0.0);
        *ext = "png";
    }
    pixDestroy(&p);
    if (bad || !bytes) {
        lept_free(bytes);
        *ext = NULL;
        return hs_err_set(err, HS_EFORMAT, 0, "archive image: cannot encode page");
    }
    /* Hand back plain malloc memory so callers need not know leptonica's allocator. */
    char *copy = malloc(n);
    if (!copy) {
        lept_free(bytes);
        *ext = NULL;
        return hs_err_set(err, HS_ENOMEM, 0, "archive image: out of memory");
    }
    memcpy(copy, bytes, n);
    lept_free(bytes);
    *data = copy;
    *len = n;
    return HS_OK;
}
