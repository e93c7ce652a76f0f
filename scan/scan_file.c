/* scan_file.c - image files as page sources: format detection, header checks against
 * the safety limits before any decoding, multi-page TIFF, resolution. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <leptonica/allheaders.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <tiffio.h>

#include "scan.h"

struct scan_source {
    char *path;
    int format; /* leptonica IFF_* */
    int npages;
    long long size;
};

static const char *format_name(int format)
{
    if (L_FORMAT_IS_TIFF(format))
        return "tiff";
    switch (format) {
    case IFF_PNG:
        return "png";
    case IFF_JFIF_JPEG:
        return "jpeg";
    case IFF_PNM:
        return "pnm";
    default:
        return NULL;
    }
}

static int check_size(const char *path, int page, int w, int h, hs_err *err)
{
    if (w <= 0 || h <= 0)
        return hs_err_set(err, HS_EFORMAT, 0, "'%s': page %d: bad image size %dx%d", path,
                          page, w, h);
    if (w > SCAN_MAX_SIDE || h > SCAN_MAX_SIDE || (long long)w * h > SCAN_MAX_PIXELS)
        return hs_err_set(err, HS_ELIMIT, 0,
                          "'%s': page %d: image of %dx%d pixels is too large (limit %d pixels a "
                          "side, %lld megapixels)",
                          path, page, w, h, SCAN_MAX_SIDE, SCAN_MAX_PIXELS / 1000000);
    if (w < SCAN_MIN_SIDE || h < SCAN_MIN_SIDE)
        return hs_err_set(err, HS_EINVAL, 0,
                          "'%s': page %d: image of %dx%d pixels is too small to read", path, page,
                          w, h);
    return HS_OK;
}

int scan_source_open(const char *path, scan_source **out, hs_err *err)
{
    *out = NULL;
    struct stat st;
    if (stat(path, &st) != 0)
        return hs_err_set(err, HS_EIO, errno, "'%s'", path);
    if (!S_ISREG(st.st_mode))
        return hs_err_set(err, HS_EINVAL, 0, "'%s': not a regular file", path);
    if (st.st_size == 0)
        return hs_err_set(err, HS_EFORMAT, 0, "'%s': empty file", path);

    FILE *fp = fopen(path, "rb");
    if (!fp)
        return hs_err_set(err, HS_EIO, errno, "'%s'", path);
    int format = IFF_UNKNOWN, rc = HS_OK, npages = 1;
    findFileFormatStream(fp, &format);
    if (!format_name(format)) {
        rc = hs_err_set(err, HS_EFORMAT, 0,
                        "'%s': not a supported image (PNG, JPEG, PNM or TIFF expected)", path);
        goto out;
    }
    if (L_FORMAT_IS_TIFF(format)) {
        rewind(fp);
        if (tiffGetCount(fp, &npages) != 0 || npages < 1) {
            rc = hs_err_set(err, HS_EFORMAT, 0, "'%s': corrupt TIFF (no readable page)", path);
            goto out;
        }
        for (int i = 0; i < npages; i++) {
            int w = 0, h = 0, bps = 0, spp = 0, res = 0, cmap = 0, fmt = 0;
            if (readHeaderTiff(path, i, &w, &h, &bps, &spp, &res, &cmap, &fmt) != 0) {
                rc = hs_err_set(err, HS_EFORMAT, 0, "'%s': page %d: corrupt TIFF header", path,
                                i + 1);
                goto out;
            }
            if ((rc = check_size(path, i + 1, w, h, err)))
                goto out;
        }
    } else {
        int w = 0, h = 0, bps = 0, spp = 0, cmap = 0, fmt = 0;
        if (pixReadHeader(path, &fmt, &w, &h, &bps, &spp, &cmap) != 0) {
            rc = hs_err_set(err, HS_EFORMAT, 0, "'%s': corrupt %s header", path,
                            format_name(format));
            goto out;
        }
        if ((rc = check_size(path, 1, w, h, err)))
            goto out;
    }
    scan_source *s = calloc(1, sizeof *s);
    if (!s || !(s->path = strdup(path))) {
        free(s);
        rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
        goto out;
    }
    s->format = format;
    s->npages = npages;
    s->size = (long long)st.st_size;
    *out = s;
out:
    fclose(fp);
    return rc;
}

void scan_source_close(scan_source *s)
{
    if (!s)
        return;
    free(s->path);
    free(s);
}

int scan_source_page_count(const scan_source *s)
{
    return s->npages;
}

const char *scan_source_format(const scan_source *s)
{
    return format_name(s->format);
}

long long scan_source_size(const scan_source *s)
{
    return s->size;
}

const char *scan_source_path(const scan_source *s)
{
    return s->path;
}

int scan_page_load(scan_source *s, int index, PIX **out, scan_page_info *info, hs_err *err)
{
    *out = NULL;
    memset(info, 0, sizeof *info);
    if (index < 0 || index >= s->npages)
        return hs_err_set(err, HS_EINVAL, 0, "'%s': no page %d", s->path, index + 1);
    PIX *pix = L_FORMAT_IS_TIFF(s->format) ? pixReadTiff(s->path, index) : pixRead(s->path);
    if (!pix)
        return hs_err_set(err, HS_EFORMAT, 0, "'%s': page %d: cannot decode %s image data",
                          s->path, index + 1, format_name(s->format));
    info->width = pixGetWidth(pix);
    info->height = pixGetHeight(pix);
    info->depth = pixGetDepth(pix);
    int dpi = pixGetXRes(pix);
    /* Files without a resolution, or with a nonsense one (72 from screen tools, 1 from
     * some scanners' "no unit"), are taken as scanned at the usual office 300 dpi. */
    if (dpi <= 72 || dpi > 2400) {
        dpi = SCAN_DEFAULT_DPI;
        info->dpi_assumed = 1;
    }
    info->dpi = dpi;
    *out = pix;
    return HS_OK;
}

static void tiff_silent(const char *module, const char *fmt, va_list ap)
{
    (void)module;
    (void)fmt;
    (void)ap;
}

void scan_quiet(void)
{
    setMsgSeverity(L_SEVERITY_NONE);
    TIFFSetErrorHandler(tiff_silent);
    TIFFSetWarningHandler(tiff_silent);
}
