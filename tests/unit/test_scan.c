/* test_scan.c - image files: formats, multi-page TIFF, resolution, safety limits, bad
 * input, and lossless archival encoding. */
#define _POSIX_C_SOURCE 200809L
#include <leptonica/allheaders.h>
#include <stdlib.h>

#include "scan.h"
#include "testhelp.h"

static int open_data(const char *name, scan_source **s, hs_err *e)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", HS_TEST_DATA, name);
    hs_err_clear(e);
    return scan_source_open(path, s, e);
}

static int t_formats(void)
{
    static const struct {
        const char *file, *format;
        int depth;
    } f[] = {
        {"letter_top.png", "png", 8},      {"letter_top_rgb.png", "png", 32},
        {"letter_top.jpg", "jpeg", 8},     {"letter_top.pgm", "pnm", 8},
        {"letter_top.ppm", "pnm", 32},     {"letter_top_lzw.tif", "tiff", 8},
        {"letter_top_g4.tif", "tiff", 1},  {"letter_top_jpeg.tif", "tiff", 32},
    };
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
        scan_source *s = NULL;
        hs_err e;
        T_OK(open_data(f[i].file, &s, &e));
        T_STREQ(scan_source_format(s), f[i].format);
        T_ASSERT(scan_source_page_count(s) == 1);
        PIX *pix = NULL, *g = NULL;
        scan_page_info info;
        T_OK(scan_page_load(s, 0, &pix, &info, &e));
        if (info.depth != f[i].depth)
            fprintf(stderr, "%s: depth %d\n", f[i].file, info.depth);
        T_ASSERT(info.depth == f[i].depth);
        T_ASSERT(info.width > 500 && info.height > 200);
        T_OK(scan_page_clean(pix, &info, &g, &e));
        T_ASSERT(pixGetDepth(g) == 8 && !pixGetColormap(g));
        T_ASSERT(pixGetWidth(g) == info.width);
        pixDestroy(&g);
        pixDestroy(&pix);
        scan_source_close(s);
    }
    return 0;
}

static int t_multipage(void)
{
    scan_source *s = NULL;
    hs_err e;
    T_OK(open_data("dossier4.tif", &s, &e));
    T_ASSERT(scan_source_page_count(s) == 4);
    static const int depth[4] = {1, 8, 32, 8};
    for (int i = 0; i < 4; i++) {
        PIX *pix = NULL;
        scan_page_info info;
        T_OK(scan_page_load(s, i, &pix, &info, &e));
        T_ASSERT(info.depth == depth[i]);
        T_ASSERT(info.dpi == 300 && !info.dpi_assumed);
        pixDestroy(&pix);
    }
    PIX *pix = NULL;
    scan_page_info info;
    T_ASSERT(scan_page_load(s, 4, &pix, &info, &e) == HS_EINVAL);
    scan_source_close(s);
    return 0;
}

static int t_dpi_missing(void)
{
    scan_source *s = NULL;
    hs_err e;
    T_OK(open_data("letter_top_nodpi.png", &s, &e));
    PIX *pix = NULL;
    scan_page_info info;
    T_OK(scan_page_load(s, 0, &pix, &info, &e));
    T_ASSERT(info.dpi == SCAN_DEFAULT_DPI && info.dpi_assumed == 1);
    pixDestroy(&pix);
    scan_source_close(s);
    return 0;
}

static int t_bad_input(void)
{
    static const struct {
        const char *file;
        int code;
        const char *msg;
    } f[] = {
        {"empty.png", HS_EFORMAT, "empty file"},
        {"notimage.png", HS_EFORMAT, "not a supported image"},
        {"huge.png", HS_ELIMIT, "100000x100000 pixels is too large"},
        {"huge.tif", HS_ELIMIT, "100000x100000 pixels is too large"},
        {"no-such-file.png", HS_EIO, "No such file"},
    };
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
        scan_source *s = NULL;
        hs_err e;
        T_ASSERT(open_data(f[i].file, &s, &e) == f[i].code);
        T_ASSERT(s == NULL);
        T_CONTAINS(e.msg, f[i].file);
        T_CONTAINS(e.msg, f[i].msg);
        T_ASSERT(strchr(e.msg, '\n') == NULL);
    }
    /* A truncated TIFF has a readable header; decoding its pixels must fail cleanly. */
    scan_source *s = NULL;
    hs_err e;
    PIX *pix = NULL;
    scan_page_info info;
    int rc = open_data("truncated.tif", &s, &e);
    if (rc == HS_OK) {
        rc = scan_page_load(s, 0, &pix, &info, &e);
        scan_source_close(s);
    }
    T_ASSERT(rc == HS_EFORMAT && pix == NULL);
    T_CONTAINS(e.msg, "truncated.tif");
    return 0;
}

static int roundtrip(const char *file, const char *ext)
{
    scan_source *s = NULL;
    hs_err e;
    T_OK(open_data(file, &s, &e));
    PIX *pix = NULL, *back = NULL;
    scan_page_info info;
    T_OK(scan_page_load(s, 0, &pix, &info, &e));
    char *data = NULL;
    size_t len = 0;
    const char *got = NULL;
    T_OK(scan_page_encode(pix, &info, &data, &len, &got, &e));
    T_STREQ(got, ext);
    back = pixReadMem((const l_uint8 *)data, len);
    T_ASSERT(back != NULL);
    l_int32 same = 0;
    /* lossless: every pixel identical, resolution kept */
    pixEqual(pix, back, &same);
    T_ASSERT(same);
    T_ASSERT(pixGetXRes(back) == info.dpi);
    free(data);
    pixDestroy(&back);
    pixDestroy(&pix);
    scan_source_close(s);
    return 0;
}

static int t_encode(void)
{
    T_OK(roundtrip("letter_top_g4.tif", "tif"));
    T_OK(roundtrip("letter_top.png", "png"));
    T_OK(roundtrip("letter_top.jpg", "png"));
    return 0;
}

static const t_case cases[] = {
    {"formats", t_formats},   {"multipage", t_multipage}, {"dpi_missing", t_dpi_missing},
    {"bad_input", t_bad_input}, {"encode", t_encode},
};

int main(int argc, char **argv)
{
    scan_quiet();
    return t_run(cases, sizeof cases / sizeof cases[0], argc, argv);
}
