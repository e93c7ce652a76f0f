/* bench/pngenc - the archival PNG writer (scan_png_encode: libdeflate, level 1, no row
 * filter) against the writer it replaced (libpng with zlib level 4, no row filter), on the
 * same pages in the same process: CPU time and bytes of each, and their ratios. Each
 * page is decoded as hoso decodes it (scan_page_load) and cleaned up as a batch does
 * (scan_page_prepare: the archival image is the upright, deskewed page), then encoded by
 * both writers ROUNDS times (the fastest time is kept); both files are decoded again and
 * must give the same pixels.
 *
 * usage: pngenc [--rounds N] IMAGE... */
#define _POSIX_C_SOURCE 200809L
#include <leptonica/allheaders.h>
#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "scan.h"

static double cpu_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* ---- the baseline: the writer of scan_clean.c before libdeflate ---- */

typedef struct out_buf {
    char *data;
    size_t len, cap;
} out_buf;

static void put(png_structp png, png_bytep bytes, png_size_t n)
{
    out_buf *o = png_get_io_ptr(png);
    if (o->len + n > o->cap) {
        size_t cap = o->cap ? o->cap : 1 << 20;
        while (cap < o->len + n)
            cap *= 2;
        char *d = realloc(o->data, cap);
        if (!d)
            png_error(png, "out of memory");
        o->data = d;
        o->cap = cap;
    }
    memcpy(o->data + o->len, bytes, n);
    o->len += n;
}

static void flush_none(png_structp png)
{
    (void)png;
}

static int libpng_encode(PIX *pix, int dpi, char **data, size_t *len)
{
    int d = pixGetDepth(pix), w = pixGetWidth(pix), h = pixGetHeight(pix);
    if (d != 8 && d != 32)
        return -1;
    out_buf out = {0};
    unsigned char *volatile row = malloc((size_t)w * (d == 32 ? 3 : 1));
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (!row || !png || !info || setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        free(row);
        free(out.data);
        return -1;
    }
    png_set_write_fn(png, &out, put, flush_none);
    png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8,
                 d == 32 ? PNG_COLOR_TYPE_RGB : PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_uint_32 ppm = (png_uint_32)(dpi / 0.0254 + 0.5);
    png_set_pHYs(png, info, ppm, ppm, PNG_RESOLUTION_METER);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
    png_set_compression_level(png, 4);
    png_write_info(png, info);
    for (int y = 0; y < h; y++) {
        l_uint32 *line = pixGetData(pix) + (size_t)y * pixGetWpl(pix);
        for (int x = 0; x < w; x++) {
            if (d == 8) {
                row[x] = (unsigned char)GET_DATA_BYTE(line, x);
            } else {
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
    *data = out.data;
    *len = out.len;
    return 0;
}

/* ---- the run ---- */

static int same_pixels(PIX *pix, const char *data, size_t len)
{
    PIX *back = pixReadMem((const l_uint8 *)data, len);
    l_int32 same = 0;
    if (back)
        pixEqual(pix, back, &same);
    pixDestroy(&back);
    return same;
}

int main(int argc, char **argv)
{
    setMsgSeverity(L_SEVERITY_ERROR);
    int rounds = 3, first = 1;
    if (argc > 2 && !strcmp(argv[1], "--rounds")) {
        rounds = atoi(argv[2]);
        first = 3;
    }
    if (first >= argc || rounds < 1) {
        fprintf(stderr, "usage: pngenc [--rounds N] IMAGE...\n");
        return 2;
    }
    double t_old = 0, t_new = 0;
    size_t b_old = 0, b_new = 0;
    int pages = 0, bad = 0;
    printf("%-40s %9s %9s %11s %11s\n", "page (archival image)", "old ms", "new ms", "old bytes",
           "new bytes");
    for (int a = first; a < argc; a++) {
        scan_source *src = NULL;
        hs_err err;
        if (scan_source_open(argv[a], &src, &err)) {
            fprintf(stderr, "pngenc: %s\n", err.msg);
            bad = 1;
            continue;
        }
        PIX *pix = NULL, *clean = NULL, *upright = NULL;
        scan_page_info info;
        scan_clean_report rep;
        if (scan_page_load(src, 0, &pix, &info, &err) ||
            scan_page_prepare(pix, &info, NULL, &clean, &upright, &rep, &err)) {
            fprintf(stderr, "pngenc: %s: %s\n", argv[a], err.msg);
            bad = 1;
        } else if (pixGetDepth(upright) == 1) {
            printf("%-40s (1-bit: G4, not PNG)\n", argv[a]);
        } else {
            double best_old = 1e9, best_new = 1e9;
            char *d_old = NULL, *d_new = NULL;
            size_t l_old = 0, l_new = 0;
            for (int r = 0; r < rounds; r++) {
                free(d_old);
                free(d_new);
                double t0 = cpu_now();
                int rc = libpng_encode(upright, info.dpi, &d_old, &l_old);
                double t1 = cpu_now();
                rc |= scan_png_encode(upright, info.dpi, &d_new, &l_new, &err);
                double t2 = cpu_now();
                if (rc) {
                    fprintf(stderr, "pngenc: %s: cannot encode\n", argv[a]);
                    return 1;
                }
                best_old = t1 - t0 < best_old ? t1 - t0 : best_old;
                best_new = t2 - t1 < best_new ? t2 - t1 : best_new;
            }
            if (!same_pixels(upright, d_old, l_old) || !same_pixels(upright, d_new, l_new)) {
                fprintf(stderr, "pngenc: %s: a PNG does not decode to the page\n", argv[a]);
                return 1;
            }
            const char *base = strrchr(argv[a], '/');
            printf("%-40s %9.1f %9.1f %11zu %11zu\n", base ? base + 1 : argv[a], best_old * 1e3,
                   best_new * 1e3, l_old, l_new);
            t_old += best_old;
            t_new += best_new;
            b_old += l_old;
            b_new += l_new;
            pages++;
            free(d_old);
            free(d_new);
        }
        pixDestroy(&pix);
        pixDestroy(&clean);
        pixDestroy(&upright);
        scan_source_close(src);
    }
    if (pages) {
        printf("%d pages: old %.1f ms/page, %zu bytes/page; new %.1f ms/page, %zu bytes/page\n",
               pages, t_old * 1e3 / pages, b_old / pages, t_new * 1e3 / pages, b_new / pages);
        printf("speed new/old: %.2fx; bytes new/old: %.3f\n", t_old / t_new,
               (double)b_new / (double)b_old);
    }
    return bad;
}
