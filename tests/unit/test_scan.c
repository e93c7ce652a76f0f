/* test_scan.c - image files: formats, multi-page TIFF, resolution, safety limits, bad
 * input, and lossless archival encoding; the cleanup stage: orientation, skew, seals,
 * blank pages, specks against diacritics, odd inputs, and the archival image it keeps. */
#define _POSIX_C_SOURCE 200809L
#include <leptonica/allheaders.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <tiffio.h>
#include <unistd.h>

#include "scan.h"
#include "scan_int.h"
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
        {"letter_top.png", "png", 8},     {"letter_top_rgb.png", "png", 32},
        {"letter_top.jpg", "jpeg", 8},    {"letter_top.pgm", "pnm", 8},
        {"letter_top.ppm", "pnm", 32},    {"letter_top_lzw.tif", "tiff", 8},
        {"letter_top_g4.tif", "tiff", 1}, {"letter_top_jpeg.tif", "tiff", 32},
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
    /* A truncated TIFF has a readable header; its strips run past the end of the file,
     * which is seen before any decoding. */
    scan_source *s = NULL;
    hs_err e;
    T_ASSERT(open_data("truncated.tif", &s, &e) == HS_EFORMAT && s == NULL);
    T_CONTAINS(e.msg, "truncated.tif");
    T_CONTAINS(e.msg, "truncated file");
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
    /* colour: hoso's own PNG writer, RGB rows from 32-bit pixels */
    T_OK(roundtrip("letter_top_rgb.png", "png"));
    T_OK(roundtrip("letter_top.ppm", "png"));
    /* a page too large to deflate in one piece goes row by row: the same pixels */
    PIX *pix = pixRead(HS_TEST_DATA "/letter_top.png");
    T_ASSERT(pix);
    char *one = NULL, *rows = NULL;
    size_t n1 = 0, n2 = 0;
    hs_err e;
    T_OK(scan_png_encode(pix, 300, &one, &n1, &e));
    scan_png_one_piece_max(1000);
    T_OK(scan_png_encode(pix, 300, &rows, &n2, &e));
    T_ASSERT(n1 != n2 || memcmp(one, rows, n1)); /* the other writer's bytes */
    PIX *back = pixReadMem((const l_uint8 *)rows, n2);
    l_int32 same = 0;
    T_ASSERT(back && pixEqual(pix, back, &same) == 0 && same && pixGetXRes(back) == 300);
    pixDestroy(&back);
    free(one);
    free(rows);
    pixDestroy(&pix);
    T_OK(roundtrip("letter_top.png", "png"));
    T_OK(roundtrip("letter_top_rgb.png", "png"));
    scan_png_one_piece_max((size_t)64 << 20);
    return 0;
}

/* ---- hostile and damaged files, made at test time ---- */

/* Writes a TIFF of n pages of w x h 8-bit grey at 300 dpi; page i is all (i * 7) % 256
 * and w + i % 3 wide, so pages can be told apart. */
static int write_tiff(const char *path, int n, int w, int h)
{
    TIFF *t = TIFFOpen(path, "w");
    unsigned char *row = malloc((size_t)w + 2);
    int rc = t && row ? 0 : -1;
    for (int i = 0; i < n && rc == 0; i++) {
        int pw = w + i % 3;
        TIFFSetField(t, TIFFTAG_IMAGEWIDTH, (uint32_t)pw);
        TIFFSetField(t, TIFFTAG_IMAGELENGTH, (uint32_t)h);
        TIFFSetField(t, TIFFTAG_BITSPERSAMPLE, 8);
        TIFFSetField(t, TIFFTAG_SAMPLESPERPIXEL, 1);
        TIFFSetField(t, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISBLACK);
        TIFFSetField(t, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
        TIFFSetField(t, TIFFTAG_ROWSPERSTRIP, (uint32_t)h);
        TIFFSetField(t, TIFFTAG_XRESOLUTION, 300.0);
        TIFFSetField(t, TIFFTAG_YRESOLUTION, 300.0);
        TIFFSetField(t, TIFFTAG_RESOLUTIONUNIT, RESUNIT_INCH);
        memset(row, (i * 7) % 256, (size_t)pw);
        for (int y = 0; y < h && rc == 0; y++)
            if (TIFFWriteScanline(t, row, (uint32_t)y, 0) < 0)
                rc = -1;
        if (rc == 0 && !TIFFWriteDirectory(t))
            rc = -1;
    }
    free(row);
    if (t)
        TIFFClose(t);
    return rc;
}

/* Copies the first len bytes of a data file to path, then appends tail (tail_len bytes). */
static int write_part(const char *name, long len, const char *path, const char *tail,
                      size_t tail_len)
{
    char src[512];
    snprintf(src, sizeof src, "%s/%s", HS_TEST_DATA, name);
    FILE *in = fopen(src, "rb"), *out = fopen(path, "wb");
    int rc = in && out ? 0 : -1;
    for (long i = 0; rc == 0 && (len < 0 || i < len); i++) {
        int c = getc(in);
        if (c == EOF)
            break;
        putc(c, out);
    }
    if (rc == 0 && tail_len && fwrite(tail, 1, tail_len, out) != tail_len)
        rc = -1;
    if (in)
        fclose(in);
    if (out && fclose(out) != 0)
        rc = -1;
    return rc;
}

static long file_size(const char *name)
{
    char src[512];
    snprintf(src, sizeof src, "%s/%s", HS_TEST_DATA, name);
    struct stat st;
    return stat(src, &st) == 0 ? (long)st.st_size : -1;
}

static int page_limit(const char *dir)
{
    char many[300], most[300], three[300];
    snprintf(many, sizeof many, "%s/many.tif", dir);
    snprintf(most, sizeof most, "%s/most.tif", dir);
    snprintf(three, sizeof three, "%s/three.tif", dir);
    /* 5000 pages of 1x1: over the page limit, refused before their size is looked at,
     * in one pass over the directories (it was a walk from the first page for each page,
     * minutes of CPU) */
    T_OK(write_tiff(many, 5000, 1, 1));
    scan_source *s = NULL;
    hs_err e;
    hs_err_clear(&e);
    double t = hs_now();
    T_ASSERT(scan_source_open(many, &s, &e) == HS_ELIMIT && s == NULL);
    t = hs_now() - t;
    T_CONTAINS(e.msg, many);
    T_CONTAINS(e.msg, "more than 2000 pages");
    T_ASSERT(strchr(e.msg, '\n') == NULL);
    if (t > 2)
        fprintf(stderr, "refusing 5000 pages took %.2f s\n", t);
    T_ASSERT(t < 2);
    /* at the limit a file is taken, and its last page is decoded without a walk */
    T_OK(write_tiff(most, SCAN_MAX_PAGES, 16, 16));
    T_OK(scan_source_open(most, &s, &e));
    T_ASSERT(scan_source_page_count(s) == SCAN_MAX_PAGES);
    PIX *pix = NULL;
    scan_page_info info;
    l_uint32 v = 0;
    t = hs_now();
    T_OK(scan_page_load(s, SCAN_MAX_PAGES - 1, &pix, &info, &e));
    t = hs_now() - t;
    T_ASSERT(info.width == 16 + (SCAN_MAX_PAGES - 1) % 3 && info.height == 16);
    pixGetPixel(pix, 5, 5, &v);
    T_ASSERT(v == (l_uint32)((SCAN_MAX_PAGES - 1) * 7 % 256));
    T_ASSERT(t < 0.5);
    pixDestroy(&pix);
    scan_source_close(s);
    /* three pages still load, in any order, the same as leptonica reads them by number */
    T_OK(write_tiff(three, 3, 40, 30));
    T_OK(scan_source_open(three, &s, &e));
    T_ASSERT(scan_source_page_count(s) == 3);
    static const int order[] = {2, 0, 1, 2};
    for (int k = 0; k < 4; k++) {
        int i = order[k];
        T_OK(scan_page_load(s, i, &pix, &info, &e));
        T_ASSERT(info.width == 40 + i % 3 && info.height == 30 && info.depth == 8);
        T_ASSERT(info.dpi == 300 && !info.dpi_assumed);
        pixGetPixel(pix, 39, 29, &v);
        T_ASSERT(v == (l_uint32)(i * 7));
        PIX *ref = pixReadTiff(three, i);
        l_int32 same = 0;
        T_ASSERT(ref && pixEqual(pix, ref, &same) == 0 && same);
        pixDestroy(&ref);
        pixDestroy(&pix);
    }
    T_ASSERT(scan_page_load(s, 3, &pix, &info, &e) == HS_EINVAL && pix == NULL);
    scan_source_close(s);
    /* the pages of a real multi-page file (1-bit G4, grey, colour) as leptonica reads them */
    char path[512];
    snprintf(path, sizeof path, "%s/dossier4.tif", HS_TEST_DATA);
    T_OK(open_data("dossier4.tif", &s, &e));
    for (int i = 3; i >= 0; i--) {
        T_OK(scan_page_load(s, i, &pix, &info, &e));
        PIX *ref = pixReadTiff(path, i);
        l_int32 same = 0;
        T_ASSERT(ref && pixEqual(pix, ref, &same) == 0 && same);
        pixDestroy(&ref);
        pixDestroy(&pix);
    }
    scan_source_close(s);
    return 0;
}

static int t_page_limit(void)
{
    char dir[] = "/tmp/hs_scan_XXXXXX";
    T_ASSERT(mkdtemp(dir));
    int rc = page_limit(dir);
    static const char *const names[] = {"many.tif", "most.tif", "three.tif"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char p[300];
        snprintf(p, sizeof p, "%s/%s", dir, names[i]);
        unlink(p);
    }
    rmdir(dir);
    return rc;
}

static int truncated(const char *dir)
{
    static const struct {
        const char *from;
        int percent;      /* of the bytes kept; -1: all */
        long flip;        /* a byte whose low bit is flipped, or -1 */
        const char *tail; /* appended */
        int code;
        const char *msg;
    } f[] = {
        {"letter_top.png", 25, -1, "", HS_EFORMAT, "truncated file"},
        {"letter_top.png", 99, -1, "", HS_EFORMAT, "truncated file"},
        {"letter_top.png", -1, 200, "", HS_EFORMAT, "fails its checksum"},
        {"letter_top.jpg", 60, -1, "", HS_EFORMAT, "truncated file"},
        /* data after the end (a phone's motion photo) is no damage */
        {"letter_top.jpg", -1, -1, "\xff\xd8 appended, not a jpeg", HS_OK, ""},
        {"letter_top.png", -1, -1, "appended", HS_OK, ""},
        {"letter_top_g4.tif", 50, -1, "", HS_EFORMAT, "truncated file"},
    };
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
        char path[300];
        snprintf(path, sizeof path, "%s/cut%zu%s", dir, i, strrchr(f[i].from, '.'));
        long len = f[i].percent < 0 ? -1 : file_size(f[i].from) * f[i].percent / 100;
        T_OK(write_part(f[i].from, len, path, f[i].tail, strlen(f[i].tail)));
        if (f[i].flip >= 0) {
            FILE *fp = fopen(path, "r+b");
            T_ASSERT(fp && fseek(fp, f[i].flip, SEEK_SET) == 0);
            int c = getc(fp);
            T_ASSERT(fseek(fp, f[i].flip, SEEK_SET) == 0 && putc(c ^ 1, fp) != EOF);
            T_ASSERT(fclose(fp) == 0);
        }
        scan_source *s = NULL;
        hs_err e;
        hs_err_clear(&e);
        int rc = scan_source_open(path, &s, &e);
        if (rc != f[i].code)
            fprintf(stderr, "case %zu: %d %s\n", i, rc, e.msg);
        T_ASSERT(rc == f[i].code);
        if (rc == HS_OK) {
            PIX *pix = NULL;
            scan_page_info info;
            T_OK(scan_page_load(s, 0, &pix, &info, &e));
            pixDestroy(&pix);
            scan_source_close(s);
        } else {
            T_ASSERT(s == NULL);
            T_CONTAINS(e.msg, path);
            T_CONTAINS(e.msg, f[i].msg);
        }
        unlink(path);
    }
    /* a multi-page TIFF cut inside its third page's directory (written after its data) */
    char path[300];
    snprintf(path, sizeof path, "%s/three.tif", dir);
    T_OK(write_tiff(path, 3, 40, 30));
    struct stat st;
    T_ASSERT(stat(path, &st) == 0);
    T_ASSERT(truncate(path, st.st_size - 100) == 0); /* into its third directory */
    scan_source *s = NULL;
    hs_err e;
    int rc = scan_source_open(path, &s, &e);
    if (rc != HS_EFORMAT)
        fprintf(stderr, "cut after two pages: %d %s\n", rc, e.msg);
    T_ASSERT(rc == HS_EFORMAT && s == NULL);
    T_CONTAINS(e.msg, "page 3: truncated file");
    unlink(path);
    return 0;
}

static int t_truncated(void)
{
    char dir[] = "/tmp/hs_scan_XXXXXX";
    T_ASSERT(mkdtemp(dir));
    int rc = truncated(dir);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        rc = 1;
    return rc;
}

/* ---- cleanup (scan_page_prepare) ---- */

static int load_page(const char *name, int index, PIX **pix, scan_page_info *info)
{
    scan_source *s = NULL;
    hs_err e;
    T_OK(open_data(name, &s, &e));
    T_OK(scan_page_load(s, index, pix, info, &e));
    scan_source_close(s);
    return 0;
}

static scan_page_info info_of(PIX *pix, int dpi)
{
    scan_page_info info = {pixGetWidth(pix), pixGetHeight(pix), pixGetDepth(pix), dpi, 0};
    return info;
}

static int ink_of(PIX *grey8)
{
    PIX *b = pixThresholdToBinary(grey8, 128);
    l_int32 n = 0;
    pixCountPixels(b, &n, NULL);
    pixDestroy(&b);
    return n;
}

/* The cleanup's own checks look at the OCR image at 300 dpi, however large its text. */
static const scan_clean_opts full_res = {.full_res = 1};

/* Every encoding of the same 3 lines, and the odd inputs: read as text, upright, nothing
 * taken away from a clean page. */

static int t_clean_formats(void)
{
    static const struct {
        const char *file;
        int clean; /* lossless render of the page: nothing is a speck */
    } f[] = {
        {"letter_top.png", 1},
        {"letter_top_rgb.png", 1},
        {"letter_top.jpg", 0},
        {"letter_top.pgm", 1},
        {"letter_top.ppm", 1},
        {"letter_top_lzw.tif", 1},
        {"letter_top_g4.tif", 1},
        {"letter_top_jpeg.tif", 0},
        {"letter_top_nodpi.png", 1},
        {"clean/letter_top_cmyk.jpg", 0},
        {"clean/letter_top_16.tif", 1},
        {"clean/letter_top_300x150.tif", 0},
        {"clean/vietsample2_top.png", 0},
    };
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
        PIX *pix = NULL, *ocr = NULL, *up = NULL;
        scan_page_info info;
        scan_clean_report rep;
        hs_err e;
        hs_err_clear(&e);
        T_OK(load_page(f[i].file, 0, &pix, &info));
        int rc = scan_page_prepare(pix, &info, &full_res, &ocr, &up, &rep, &e);
        if (rc || rep.blank || rep.orientation || (f[i].clean && rep.specks_removed))
            fprintf(stderr, "%s: rc %d blank %d orientation %d specks %d: %s\n", f[i].file, rc,
                    rep.blank, rep.orientation, rep.specks_removed, e.msg);
        T_OK(rc);
        /* grey for OCR, a 1-bit page too (its edges softened) */
        T_ASSERT(pixGetDepth(ocr) == 8 && !pixGetColormap(ocr));
        T_ASSERT(!rep.blank && rep.orientation == 0 && rep.skew > -0.5 && rep.skew < 0.5);
        T_ASSERT(rep.dpi == 300 && rep.seconds > 0);
        T_ASSERT(!f[i].clean || rep.specks_removed == 0);
        /* nothing to turn: the archival image is the page itself */
        l_int32 same = 0;
        pixEqual(up, pix, &same);
        T_ASSERT(same);
        T_ASSERT(pixGetDepth(up) == pixGetDepth(pix));
        if (strstr(f[i].file, "300x150")) {
            /* square pixels for OCR: the squashed page is stretched back to full height */
            T_ASSERT(pixGetWidth(ocr) == info.width);
            T_ASSERT(pixGetHeight(ocr) >= 2 * info.height - 2 &&
                     pixGetHeight(ocr) <= 2 * info.height + 2);
        } else if (!strstr(f[i].file, "vietsample2")) {
            T_ASSERT(pixGetWidth(ocr) == info.width && pixGetHeight(ocr) == info.height);
        }
        pixDestroy(&up);
        pixDestroy(&ocr);
        pixDestroy(&pix);
    }
    return 0;
}

/* The page is found upright whichever way it was fed, and the archival image is the
 * scanned page turned back exactly (a 90-degree turn loses nothing). */
static int t_clean_orientation(void)
{
    static const struct {
        int page, depth;
    } pg[] = {{1, 8}, {0, 1}};
    for (size_t k = 0; k < sizeof pg / sizeof pg[0]; k++) {
        PIX *page = NULL;
        scan_page_info info;
        T_OK(load_page("dossier4.tif", pg[k].page, &page, &info));
        T_ASSERT(pixGetDepth(page) == pg[k].depth);
        for (int q = 0; q < 4; q++) {
            PIX *fed = pixRotateOrth(page, q), *ocr = NULL, *up = NULL;
            scan_page_info fi = info_of(fed, 300);
            scan_clean_report rep;
            hs_err e;
            T_OK(scan_page_prepare(fed, &fi, &full_res, &ocr, &up, &rep, &e));
            int want = (4 - q) % 4 * 90;
            if (rep.orientation != want)
                fprintf(stderr, "page %d turned %d: orientation %d (conf %.2f), want %d\n",
                        pg[k].page + 1, 90 * q, rep.orientation, rep.orientation_conf, want);
            T_ASSERT(rep.orientation == want);
            T_ASSERT(rep.orientation_conf >= 0.5);
            T_ASSERT(rep.skew == 0.0);
            l_int32 same = 0;
            pixEqual(up, page, &same);
            T_ASSERT(same);
            T_ASSERT(pixGetWidth(ocr) == pixGetWidth(page) &&
                     pixGetHeight(ocr) == pixGetHeight(page));
            pixDestroy(&up);
            pixDestroy(&ocr);
            pixDestroy(&fed);
        }
        pixDestroy(&page);
    }
    return 0;
}

/* Skews both ways, up to 15 degrees and with a quarter turn, are measured to a fraction
 * of a degree; the archival image is deskewed and keeps its depth. */
static int t_clean_skew(void)
{
    static const struct {
        int page, quads;
        float deg;
    } c[] = {{1, 0, 7.0f}, {1, 0, -12.0f}, {1, 0, 15.0f}, {1, 1, -4.0f},
             {1, 2, 2.5f}, {0, 0, -3.0f},  {2, 0, 1.5f}};
    for (size_t k = 0; k < sizeof c / sizeof c[0]; k++) {
        PIX *page = NULL, *turned = NULL, *fed = NULL, *ocr = NULL, *up = NULL;
        scan_page_info info;
        T_OK(load_page("dossier4.tif", c[k].page, &page, &info));
        turned = pixRotateOrth(page, c[k].quads);
        int d = pixGetDepth(page);
        fed = pixRotate(turned, c[k].deg * 3.14159265f / 180,
                        d == 1 ? L_ROTATE_SAMPLING : L_ROTATE_AREA_MAP, L_BRING_IN_WHITE,
                        pixGetWidth(turned), pixGetHeight(turned));
        T_ASSERT(fed && pixGetDepth(fed) == d);
        scan_page_info fi = info_of(fed, 300);
        scan_clean_report rep;
        hs_err e;
        T_OK(scan_page_prepare(fed, &fi, NULL, &ocr, &up, &rep, &e));
        float err = (float)rep.skew + c[k].deg;
        if (err < -0.3f || err > 0.3f || rep.orientation != (4 - c[k].quads) % 4 * 90)
            fprintf(stderr, "page %d turned %d, skewed %.1f: found skew %.2f orientation %d\n",
                    c[k].page + 1, 90 * c[k].quads, c[k].deg, rep.skew, rep.orientation);
        T_ASSERT(err > -0.3f && err < 0.3f);
        T_ASSERT(rep.orientation == (4 - c[k].quads) % 4 * 90);
        T_ASSERT(up != fed && pixGetDepth(up) == d);
        /* deskewing keeps every pixel: the image can only grow */
        T_ASSERT(pixGetWidth(up) >= pixGetWidth(page) && pixGetHeight(up) >= pixGetHeight(page));
        pixDestroy(&up);
        pixDestroy(&ocr);
        pixDestroy(&fed);
        pixDestroy(&turned);
        pixDestroy(&page);
    }
    return 0;
}

/* A red seal over the text is dropped from the OCR image (its ink count is that of the
 * page without it) and kept in the archival image. */
static int t_clean_seal(void)
{
    PIX *page = NULL, *stamped = NULL, *ocr0 = NULL, *ocr1 = NULL, *up = NULL;
    scan_page_info info;
    scan_clean_report rep0, rep1;
    hs_err e;
    T_OK(load_page("letter_top_rgb.png", 0, &page, &info));
    T_OK(scan_page_prepare(page, &info, &full_res, &ocr0, NULL, &rep0, &e));
    T_ASSERT(!rep0.seal_removed);
    stamped = pixCopy(NULL, page);
    int w = pixGetWidth(page), h = pixGetHeight(page);
    /* a ring of thick red strokes and a solid star-like block across the three lines */
    BOX *b = boxCreate(w / 2 - 150, 20, 300, h - 40);
    pixRenderBoxArb(stamped, b, 12, 210, 30, 40);
    boxDestroy(&b);
    pixRenderLineArb(stamped, w / 2 - 150, 20, w / 2 + 150, h - 20, 10, 200, 35, 45);
    pixRenderLineArb(stamped, 100, h / 2, w - 100, h / 2 + 20, 8, 30, 60, 190); /* blue */
    T_OK(scan_page_prepare(stamped, &info, &full_res, &ocr1, &up, &rep1, &e));
    T_ASSERT(rep1.seal_removed && !rep1.blank);
    int ink0 = ink_of(ocr0), ink1 = ink_of(ocr1);
    /* text under the strokes is lost (they were opaque), but none of the seal is read */
    if (ink1 > ink0 * 102 / 100 || ink1 < ink0 * 80 / 100)
        fprintf(stderr, "ink without seal %d, with %d\n", ink0, ink1);
    T_ASSERT(ink1 <= ink0 * 102 / 100 && ink1 >= ink0 * 80 / 100);
    l_int32 same = 0;
    pixEqual(up, stamped, &same);
    if (!same)
        fprintf(stderr, "stamped page: orientation %d skew %.2f (conf %.1f)\n", rep1.orientation,
                rep1.skew, rep1.skew_conf);
    T_ASSERT(same);
    pixDestroy(&up);
    pixDestroy(&ocr1);
    pixDestroy(&ocr0);
    pixDestroy(&stamped);
    pixDestroy(&page);
    return 0;
}

/* Specks are scattered where no text is: one-pixel noise and small clumps. */
static void add_specks(PIX *pix, int n, int size, int seed)
{
    srand((unsigned)seed);
    int w = pixGetWidth(pix), h = pixGetHeight(pix), d = pixGetDepth(pix);
    for (int i = 0; i < n; i++) {
        int x = rand() % (w - size), y = rand() % (h - size);
        pixRasterop(pix, x, y, size, size, d == 1 ? PIX_SET : PIX_CLR, NULL, 0, 0);
    }
}

/* Blank, noise-only, black and transparent pages are found blank without failing; a
 * page of three lines is not. Pages of dense noise (which kept bare Tesseract busy for
 * minutes) are blank too, marked as noise. */
static int t_clean_blank(void)
{
    enum { N = 8 };
    PIX *p[N] = {0};
    p[0] = pixCreate(2480, 3508, 8);
    pixSetAll(p[0]); /* white A4 */
    p[1] = pixCopy(NULL, p[0]);
    add_specks(p[1], 20000, 1, 1); /* scanner noise on a blank back side */
    add_specks(p[1], 3000, 2, 2);
    add_specks(p[1], 200, 4, 3);
    p[2] = pixCreate(2480, 3508, 1); /* a 1-bit blank page with noise */
    add_specks(p[2], 5000, 1, 4);
    p[3] = pixCreate(1000, 1400, 8); /* all black: the lid was open */
    p[4] = pixCreate(800, 600, 32);  /* RGBA, fully transparent */
    pixSetSpp(p[4], 4);
    pixSetAllArbitrary(p[4], 0x00000000);
    p[5] = pixCreate(2480, 3508, 1); /* 1-bit, a tenth of its pixels black at random */
    add_specks(p[5], 870000, 1, 5);
    p[6] = pixCopy(NULL, p[0]); /* grey, noise of 1- and 2-pixel dots everywhere */
    add_specks(p[6], 500000, 1, 6);
    add_specks(p[6], 100000, 2, 7);
    T_OK(load_page("letter_top.png", 0, &p[7], &(scan_page_info){0}));
    for (int i = 0; i < N; i++) {
        PIX *ocr = NULL, *up = NULL;
        scan_page_info info = info_of(p[i], 300);
        scan_clean_report rep;
        hs_err e;
        hs_err_clear(&e);
        int rc = scan_page_prepare(p[i], &info, NULL, &ocr, &up, &rep, &e);
        if (rc)
            fprintf(stderr, "page %d: %s\n", i, e.msg);
        T_OK(rc);
        if (rep.blank != (i < 7) || rep.noise != (i == 5 || i == 6))
            fprintf(stderr, "page %d: blank %d, noise %d, %d glyphs\n", i, rep.blank, rep.noise,
                    rep.text_components);
        T_ASSERT(rep.blank == (i < 7));
        T_ASSERT(rep.noise == (i == 5 || i == 6));
        T_ASSERT(ocr && up && pixGetDepth(up) == pixGetDepth(p[i]));
        pixDestroy(&ocr);
        pixDestroy(&up);
        pixDestroy(&p[i]);
    }
    return 0;
}

/* Vietnamese marks and dots survive at every resolution: nothing is taken from clean
 * text at 150, 200 or 300 dpi, while added specks away from it all go. */
static int t_clean_diacritics(void)
{
    PIX *page = NULL;
    scan_page_info info;
    T_OK(load_page("letter_top.png", 0, &page, &info));
    static const int dpis[] = {300, 200, 150};
    for (size_t k = 0; k < sizeof dpis / sizeof dpis[0]; k++) {
        float f = dpis[k] / 300.0f;
        PIX *scaled = f < 1 ? pixScaleAreaMap(page, f, f) : pixClone(page), *ocr = NULL;
        scan_page_info si = info_of(scaled, dpis[k]);
        scan_clean_report rep;
        hs_err e;
        T_OK(scan_page_prepare(scaled, &si, &full_res, &ocr, NULL, &rep, &e));
        if (rep.specks_removed)
            fprintf(stderr, "%d dpi: %d specks removed from clean text\n", dpis[k],
                    rep.specks_removed);
        T_ASSERT(rep.specks_removed == 0 && rep.dpi == 300);
        pixDestroy(&ocr);
        pixDestroy(&scaled);
    }
    /* noise in the margins (the 60-pixel white frame) */
    PIX *noisy = pixCopy(NULL, page), *ocr0 = NULL, *ocr1 = NULL;
    int w = pixGetWidth(page), h = pixGetHeight(page);
    srand(7);
    for (int i = 0; i < 300; i++) {
        int sz = 1 + i % 2, x = rand() % (w - 4), y = rand() % 30;
        pixRasterop(noisy, x, i % 3 ? y : h - 4 - y, sz, sz, PIX_CLR, NULL, 0, 0);
    }
    scan_clean_report rep0, rep1;
    hs_err e;
    T_OK(scan_page_prepare(page, &info, &full_res, &ocr0, NULL, &rep0, &e));
    T_OK(scan_page_prepare(noisy, &info, &full_res, &ocr1, NULL, &rep1, &e));
    T_ASSERT(rep1.specks_removed >= 250);
    /* and what OCR sees is the clean page again */
    T_ASSERT(ink_of(ocr1) == ink_of(ocr0));
    pixDestroy(&ocr0);
    pixDestroy(&ocr1);
    pixDestroy(&noisy);
    pixDestroy(&page);
    return 0;
}

/* Odd pixels and sizes: a result or a clear error, never a crash. */
static int t_clean_bad_input(void)
{
    PIX *ocr = NULL, *up = NULL;
    scan_clean_report rep;
    hs_err e;
    hs_err_clear(&e);
    PIX *one = pixCreate(1, 1, 8);
    scan_page_info info = info_of(one, 300);
    T_ASSERT(scan_page_prepare(one, &info, NULL, &ocr, &up, &rep, &e) == HS_EINVAL);
    T_ASSERT(ocr == NULL && up == NULL);
    T_CONTAINS(e.msg, "1x1 pixels is too small");
    pixDestroy(&one);

    PIX *page = NULL;
    T_OK(load_page("letter_top.png", 0, &page, &info));
    PIX *in[5];
    in[0] = pixConvert8To16(page, 8);       /* 16-bit grey */
    in[1] = pixThresholdTo2bpp(page, 4, 1); /* 2-bit with a colour map */
    in[2] = pixConvertTo32(page);           /* RGB */
    in[3] = pixCopy(NULL, page);            /* 8-bit, dpi nonsense */
    in[4] = pixCreate(20, 4000, 8);         /* thin strip, black */
    for (int i = 0; i < 5; i++) {
        T_ASSERT(in[i] != NULL);
        scan_page_info ii = info_of(in[i], i == 3 ? 5 : 300);
        int rc = scan_page_prepare(in[i], &ii, NULL, &ocr, &up, &rep, &e);
        if (rc)
            fprintf(stderr, "input %d: %s\n", i, e.msg);
        T_OK(rc);
        T_ASSERT(pixGetDepth(ocr) == 8 && pixGetDepth(up) == pixGetDepth(in[i]));
        T_ASSERT(i == 4 || !rep.blank);
        pixDestroy(&ocr);
        pixDestroy(&up);
        pixDestroy(&in[i]);
    }
    pixDestroy(&page);
    return 0;
}

/* --debug-dir: one image per stage. */
static int t_clean_debug(void)
{
    char dir[] = "/tmp/hoso-test-debug.XXXXXX";
    T_ASSERT(mkdtemp(dir) != NULL);
    PIX *page = NULL, *ocr = NULL;
    scan_page_info info;
    scan_clean_report rep;
    hs_err e;
    T_OK(load_page("letter_top.png", 0, &page, &info));
    scan_clean_opts o = {.debug_dir = dir, .debug_name = "p1"};
    T_OK(scan_page_prepare(page, &info, &o, &ocr, NULL, &rep, &e));
    static const char *stage[] = {"1-grey",   "2-sized", "3-analysis", "4-white",
                                  "5-binary", "6-clean", "7-ocr"};
    for (size_t i = 0; i < sizeof stage / sizeof stage[0]; i++) {
        char path[600];
        snprintf(path, sizeof path, "%s/p1-%s.png", dir, stage[i]);
        PIX *p = pixRead(path);
        T_ASSERT(p != NULL);
        pixDestroy(&p);
        unlink(path);
    }
    rmdir(dir);
    pixDestroy(&ocr);
    pixDestroy(&page);
    return 0;
}

/* A white 8-bit page at 300 dpi with random grey in rows y0..y1-1 (about one pixel in
 * every), from a linear congruential sequence started at seed. */
static PIX *ink_band(int w, int h, int y0, int y1, unsigned seed, unsigned every)
{
    PIX *g = pixCreate(w, h, 8);
    if (!g)
        return NULL;
    pixSetAll(g);
    pixSetResolution(g, 300, 300);
    for (int y = y0; y < y1; y++)
        for (int x = 0; x < w; x++) {
            seed = seed * 1103515245u + 12345u;
            if ((seed >> 16) % every == 0)
                pixSetPixel(g, x, y, (seed >> 8) & 0xff);
        }
    return g;
}

/* The OCR image's softening: the binomial 1 4 6 4 1 across and down, checked against
 * leptonica's own separable convolution with that kernel away from the edges (within
 * one level of rounding); white rows stay exactly white, a 1-bit page reads as its
 * black-on-white grey, and the edge rows and columns repeat outwards. */
static int t_soften(void)
{
    int w = 203, h = 97; /* not a multiple of the 32 pixels of a word */
    PIX *g = ink_band(w, h, 20, 60, 7, 3);
    T_ASSERT(g != NULL);
    pixSetPixel(g, w - 1, 0, 0); /* ink in the corners: last column of the first row */
    pixSetPixel(g, 0, h - 1, 0); /* and first column of the last row */
    PIX *s = scan_soften(g);
    T_ASSERT(s != NULL && pixGetDepth(s) == 8 && pixGetWidth(s) == w && pixGetHeight(s) == h);
    T_ASSERT(pixGetXRes(s) == 300);
    L_KERNEL *k = kernelCreateFromString(1, 5, 0, 2, "1 4 6 4 1"),
             *kv = kernelCreateFromString(5, 1, 2, 0, "1 4 6 4 1");
    T_ASSERT(k != NULL && kv != NULL);
    PIX *ref = pixConvolveSep(g, k, kv, 8, 1);
    T_ASSERT(ref != NULL);
    int worst = 0;
    for (int y = 2; y < h - 2; y++)
        for (int x = 2; x < w - 2; x++) {
            l_uint32 a, b;
            pixGetPixel(s, x, y, &a);
            pixGetPixel(ref, x, y, &b);
            int diff = (int)a - (int)b;
            if (diff < 0)
                diff = -diff;
            worst = diff > worst ? diff : worst;
        }
    T_ASSERT(worst <= 1);
    l_uint32 v;
    for (int x = 0; x < w; x++) { /* rows 3..17 and 62..96 have only white within reach */
        pixGetPixel(s, x, 10, &v);
        T_ASSERT(v == 255);
        pixGetPixel(s, x, 80, &v);
        T_ASSERT(v == 255);
    }
    /* the corner: (1+4+6) of 16 across, and (6+4+1) of 16 down, are the ink's row and
     * column repeated: 255 - 255 * 11/16 * 11/16 */
    pixGetPixel(s, w - 1, 0, &v);
    T_ASSERT(v == (l_uint32)((255 * 256 - 255 * 121 + 128) >> 8));
    pixGetPixel(s, 0, h - 1, &v);
    T_ASSERT(v == (l_uint32)((255 * 256 - 255 * 121 + 128) >> 8));
    /* a 1-bit page: set pixels are ink */
    PIX *b1 = pixThresholdToBinary(g, 128), *b8 = pixConvertTo8(b1, 0);
    T_ASSERT(b1 && b8);
    PIX *s1 = scan_soften(b1), *s8 = scan_soften(b8);
    T_ASSERT(s1 && s8);
    l_int32 same = 0;
    pixEqual(s1, s8, &same);
    T_ASSERT(same);
    /* colour is not for it */
    PIX *c = pixConvertTo32(g);
    T_ASSERT(scan_soften(c) == NULL);
    pixDestroy(&c);
    pixDestroy(&b1);
    pixDestroy(&b8);
    pixDestroy(&s1);
    pixDestroy(&s8);
    kernelDestroy(&k);
    kernelDestroy(&kv);
    pixDestroy(&ref);
    pixDestroy(&s);
    pixDestroy(&g);
    return 0;
}

/* The cleanup softens hard-edged ink (a clean render, a bilevel scan) and leaves ink that
 * is soft already (a blurred photo of a page) as it is. */
static int t_clean_soften(void)
{
    static const struct {
        const char *file;
        int softened;
    } f[] = {{"letter_top.png", 1}, {"letter_top_g4.tif", 1}, {"blurred_top.jpg", 0}};
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
        PIX *pix = NULL, *ocr = NULL;
        scan_page_info info;
        scan_clean_report rep;
        hs_err e;
        T_OK(load_page(f[i].file, 0, &pix, &info));
        T_OK(scan_page_prepare(pix, &info, NULL, &ocr, NULL, &rep, &e));
        if (rep.softened != f[i].softened)
            fprintf(stderr, "%s: softened %d\n", f[i].file, rep.softened);
        T_ASSERT(rep.softened == f[i].softened && !rep.blank);
        /* softened ink has no hard step: no black pixel right next to a white one */
        if (rep.softened) {
            int steps = 0;
            for (int y = 0; y < pixGetHeight(ocr); y++)
                for (int x = 1; x < pixGetWidth(ocr); x++) {
                    l_uint32 a, b;
                    pixGetPixel(ocr, x - 1, y, &a);
                    pixGetPixel(ocr, x, y, &b);
                    steps += (a < 40 && b > 215) || (a > 215 && b < 40);
                }
            T_ASSERT(steps == 0);
        }
        pixDestroy(&ocr);
        pixDestroy(&pix);
    }
    return 0;
}

/* The reduction of the OCR image for large text: every output pixel the mean of the input
 * area it covers, checked against that area integrated exactly (within one level of
 * rounding), at 2/3, 0.7 and 1/2; rows of white stay exactly white; the resolution
 * follows the scale; other factors and depths are refused. */
static double area_mean(PIX *g, double x0, double x1, double y0, double y1)
{
    int w = pixGetWidth(g), h = pixGetHeight(g);
    x1 = x1 > w ? w : x1;
    y1 = y1 > h ? h : y1;
    double sum = 0, area = 0;
    for (int y = (int)y0; y < h && y < y1; y++)
        for (int x = (int)x0; x < w && x < x1; x++) {
            double ox = (x + 1 < x1 ? x + 1 : x1) - (x > x0 ? x : x0);
            double oy = (y + 1 < y1 ? y + 1 : y1) - (y > y0 ? y : y0);
            l_uint32 v;
            pixGetPixel(g, x, y, &v);
            sum += v * ox * oy;
            area += ox * oy;
        }
    return area > 0 ? sum / area : 255;
}

static int t_scale_down(void)
{
    int w = 211, h = 131;
    PIX *g = ink_band(w, h, 30, 90, 11, 2);
    T_ASSERT(g != NULL);
    const float scales[] = {2.0f / 3, 0.7f, 0.5f};
    for (size_t i = 0; i < sizeof scales / sizeof scales[0]; i++) {
        float s = scales[i];
        PIX *r = scan_scale_down(g, s);
        T_ASSERT(r != NULL && pixGetDepth(r) == 8);
        T_ASSERT(pixGetWidth(r) == (int)(w * s + 0.5f) && pixGetHeight(r) == (int)(h * s + 0.5f));
        T_ASSERT(pixGetXRes(r) == (int)(300 * s + 0.5f));
        int worst = 0;
        for (int Y = 0; Y < pixGetHeight(r); Y++)
            for (int X = 0; X < pixGetWidth(r); X++) {
                l_uint32 v;
                pixGetPixel(r, X, Y, &v);
                double m = area_mean(g, X / s, (X + 1) / s, Y / s, (Y + 1) / s);
                int d = (int)(v > m ? v - m + 0.5 : m - v + 0.5);
                worst = d > worst ? d : worst;
                if (Y < (int)(28 * s) || Y > (int)(92 * s) + 1)
                    T_ASSERT(v == 255); /* white rows */
            }
        T_ASSERT(worst <= 1);
        pixDestroy(&r);
    }
    T_ASSERT(scan_scale_down(g, 0.4f) == NULL && scan_scale_down(g, 1.0f) == NULL);
    PIX *b = pixThresholdToBinary(g, 128);
    T_ASSERT(b != NULL && scan_scale_down(b, 0.7f) == NULL);
    pixDestroy(&b);
    pixDestroy(&g);
    return 0;
}

/* Large text is read at less resolution and small text at full: the letter's 12-point
 * text goes to the OCR at 200-299 dpi with its glyph height reported, and the same page
 * reduced to half size (as if its text were 6-point) stays at 300 dpi, and so does a page
 * with both; turned a quarter, the letter is read as upright. */
static int t_clean_reduce(void)
{
    PIX *pix = NULL, *ocr = NULL, *half = NULL;
    scan_page_info info;
    scan_clean_report rep;
    hs_err e;
    T_OK(load_page("letter_top.png", 0, &pix, &info));
    T_OK(scan_page_prepare(pix, &info, NULL, &ocr, NULL, &rep, &e));
    T_ASSERT(rep.glyph_height > 0 && rep.dpi >= 200 && rep.dpi < 300 && rep.scaled);
    T_ASSERT(pixGetXRes(ocr) == rep.dpi);
    T_ASSERT(abs(pixGetWidth(ocr) - pixGetWidth(pix) * rep.dpi / 300) <= 2);
    pixDestroy(&ocr);
    /* turned a quarter, its letters are measured across: the same resolution */
    int upright_dpi = rep.dpi;
    PIX *turned = pixRotateOrth(pix, 1);
    T_ASSERT(turned != NULL);
    T_OK(scan_page_prepare(turned, &info, NULL, &ocr, NULL, &rep, &e));
    if (rep.orientation % 180 != 90 || abs(rep.dpi - upright_dpi) > 10)
        fprintf(stderr, "turned: orientation %d, %d dpi (upright %d)\n", rep.orientation, rep.dpi,
                upright_dpi);
    T_ASSERT(rep.orientation % 180 == 90 && abs(rep.dpi - upright_dpi) <= 10);
    pixDestroy(&ocr);
    pixDestroy(&turned);
    T_ASSERT((half = pixScale(pix, 0.5f, 0.5f)) != NULL);
    pixSetResolution(half, 300, 300);
    T_OK(scan_page_prepare(half, &info, NULL, &ocr, NULL, &rep, &e));
    T_ASSERT(rep.dpi == 300 && !rep.scaled && rep.glyph_height > 0);
    pixDestroy(&ocr);
    /* the letter with the same lines at half size under it (small print, half the
     * letters): read at full resolution for the small print's sake */
    int w = pixGetWidth(pix), h = pixGetHeight(pix);
    PIX *both = pixCreate(w, h + pixGetHeight(half) + 20, 8);
    T_ASSERT(both != NULL);
    pixSetAll(both);
    pixRasterop(both, 0, 0, w, h, PIX_SRC, pix, 0, 0);
    pixRasterop(both, 0, h + 20, pixGetWidth(half), pixGetHeight(half), PIX_SRC, half, 0, 0);
    pixSetResolution(both, 300, 300);
    T_OK(scan_page_prepare(both, &info, NULL, &ocr, NULL, &rep, &e));
    T_ASSERT(rep.dpi == 300 && !rep.scaled);
    pixDestroy(&ocr);
    pixDestroy(&both);
    pixDestroy(&half);
    pixDestroy(&pix);
    return 0;
}

static const t_case cases[] = {
    {"formats", t_formats},
    {"multipage", t_multipage},
    {"dpi_missing", t_dpi_missing},
    {"bad_input", t_bad_input},
    {"encode", t_encode},
    {"page_limit", t_page_limit},
    {"truncated", t_truncated},
    {"clean_formats", t_clean_formats},
    {"clean_orientation", t_clean_orientation},
    {"clean_skew", t_clean_skew},
    {"clean_seal", t_clean_seal},
    {"clean_blank", t_clean_blank},
    {"clean_diacritics", t_clean_diacritics},
    {"clean_bad_input", t_clean_bad_input},
    {"clean_debug", t_clean_debug},
    {"soften", t_soften},
    {"clean_soften", t_clean_soften},
    {"scale_down", t_scale_down},
    {"clean_reduce", t_clean_reduce},
};

int main(int argc, char **argv)
{
    scan_quiet();
    return t_run(cases, sizeof cases / sizeof cases[0], argc, argv);
}
