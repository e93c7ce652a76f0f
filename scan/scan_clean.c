/* scan_clean.c - the minimal grey conversion of a decoded page, and the lossless encoding
 * of the archival image. The archival image is what the scanner gave (turned upright and
 * deskewed by scan_page_prepare at most); only the OCR image is altered. */
#include <leptonica/allheaders.h>
#include <png.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

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
 * Written with libpng directly rather than leptonica's pixWriteMemPng, whose libpng
 * default tries all five row filters on every row: on scans, whose grain defeats the
 * filters, no filter at all gives files 0-20% smaller in half the time (bench/pngenc;
 * docs/BENCHMARKS.md "Batch throughput"). */

typedef struct png_out {
    char *data;
    size_t len, cap;
    int oom;
} png_out;

static void png_put(png_structp png, png_bytep bytes, png_size_t n)
{
    png_out *o = png_get_io_ptr(png);
    if (o->oom)
        return;
    if (o->len + n > o->cap) {
        size_t cap = o->cap ? o->cap : 1 << 20;
        while (cap < o->len + n)
            cap *= 2;
        char *d = realloc(o->data, cap);
        if (!d) {
            o->oom = 1;
            return;
        }
        o->data = d;
        o->cap = cap;
    }
    memcpy(o->data + o->len, bytes, n);
    o->len += n;
}

static void png_flush_none(png_structp png)
{
    (void)png;
}

/* An 8-bit grey (no colour map) or 32-bit RGB pix as PNG, unfiltered, zlib level 4, with
 * its resolution; malloc'd into *data. Returns 0, or -1 (other depths: the caller uses
 * leptonica) or HS_ENOMEM / HS_EFORMAT. */
static int png_encode(PIX *pix, int dpi, char **data, size_t *len)
{
    int d = pixGetDepth(pix), w = pixGetWidth(pix), h = pixGetHeight(pix);
    if ((d != 8 && d != 32) || pixGetColormap(pix) || (d == 32 && pixGetSpp(pix) == 4))
        return -1;
    png_out out = {0};
    unsigned char *volatile row = malloc((size_t)w * (d == 32 ? 3 : 1));
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (!row || !png || !info) {
        png_destroy_write_struct(&png, &info);
        free(row);
        return HS_ENOMEM;
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        free(row);
        free(out.data);
        return HS_EFORMAT;
    }
    png_set_write_fn(png, &out, png_put, png_flush_none);
    png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8,
                 d == 32 ? PNG_COLOR_TYPE_RGB : PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    if (dpi > 0) {
        png_uint_32 ppm = (png_uint_32)(dpi / 0.0254 + 0.5);
        png_set_pHYs(png, info, ppm, ppm, PNG_RESOLUTION_METER);
    }
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
    png_set_compression_level(png, 4);
    png_write_info(png, info);
    l_uint32 *base = pixGetData(pix);
    int wpl = pixGetWpl(pix);
    for (int y = 0; y < h; y++) {
        l_uint32 *line = base + (size_t)y * wpl;
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
        png_write_row(png, row);
    }
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    free(row);
    if (out.oom) {
        free(out.data);
        return HS_ENOMEM;
    }
    *data = out.data;
    *len = out.len;
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
