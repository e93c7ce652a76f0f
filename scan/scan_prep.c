/* scan_prep.c - the cleanup stage as one call (scan_page_prepare): grey with seals
 * dropped, resolution normalised, page analysed at low resolution (borders, orientation,
 * skew, blank), then the full-size OCR image made white-backgrounded, upright, deskewed,
 * binarised and despeckled, and the archival image turned the same way. */
#define _POSIX_C_SOURCE 200809L
#include <leptonica/allheaders.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "scan.h"
#include "scan_int.h"

/* Fewer glyph-sized components than this after cleaning: a blank or noise-only page. */
#define PREP_BLANK_MAX_GLYPHS 6
/* Background map: tiles of PREP_TILE pixels at half resolution (1/15 inch at 300 dpi);
 * pixels darker than PREP_FG_MAX are ink, not background; a tile needs PREP_TILE_MIN
 * background pixels, else it takes its neighbours' value. The background becomes white
 * (PREP_BG: the OCR image must not outline letters in grey), and ink is what is darker
 * than PREP_THRESH after that. */
#define PREP_TILE 10
#define PREP_FG_MAX 60
#define PREP_TILE_MIN 30
#define PREP_BG 255
#define PREP_THRESH 180

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int dpi_plausible(int dpi)
{
    return dpi >= 70 && dpi <= 2400;
}

/* Debug images are best effort: a failed write must not fail the page. */
static void debug_write(const scan_clean_opts *o, const char *stage, PIX *p)
{
    if (!o || !o->debug_dir || !p)
        return;
    char path[4096];
    snprintf(path, sizeof path, "%s/%s-%s.png", o->debug_dir,
             o->debug_name ? o->debug_name : "page", stage);
    pixWrite(path, p, IFF_PNG);
}

/* The OCR image: grey where mask (the cleaned ink grown by a pixel, for the anti-aliased
 * edges the recogniser reads) is set, white everywhere else. One pass, a mask word
 * (32 pixels) at a time: most words are all background. */
static PIX *masked_grey(PIX *grey, PIX *mask)
{
    PIX *out = pixCreateNoInit(pixGetWidth(grey), pixGetHeight(grey), 8);
    if (!out)
        return NULL;
    pixCopyResolution(out, grey);
    int w = pixGetWidth(grey), h = pixGetHeight(grey);
    int wplm = pixGetWpl(mask), wplg = pixGetWpl(grey), wplo = pixGetWpl(out);
    l_uint32 *dm = pixGetData(mask), *dg = pixGetData(grey), *dout = pixGetData(out);
    for (int y = 0; y < h; y++) {
        const l_uint32 *lm = dm + (size_t)y * wplm, *lg = dg + (size_t)y * wplg;
        l_uint32 *lo = dout + (size_t)y * wplo;
        for (int j = 0; 32 * j < w; j++) {
            int x0 = 32 * j, n = w - x0 < 32 ? w - x0 : 32;
            l_uint32 m = lm[j];
            if (m == 0 && n == 32) {
                memset(lo + 8 * j, 255, 32); /* 32 bytes are 8 whole words: order is moot */
            } else if (m == 0xffffffffu && n == 32) {
                memcpy(lo + 8 * j, lg + 8 * j, 32);
            } else {
                for (int x = x0; x < x0 + n; x++)
                    SET_DATA_BYTE(lo, x, GET_DATA_BIT(lm, x) ? GET_DATA_BYTE(lg, x) : 255);
            }
        }
    }
    return out;
}

int scan_page_prepare(PIX *pix, const scan_page_info *info, const scan_clean_opts *opt,
                      PIX **ocr, PIX **upright, scan_clean_report *rep, hs_err *err)
{
    *ocr = NULL;
    if (upright)
        *upright = NULL;
    memset(rep, 0, sizeof *rep);
    double t0 = now();
    int rc = HS_OK;
    PIX *grey = NULL, *sized = NULL, *small = NULL, *map = NULL, *inv = NULL, *norm = NULL,
        *abin = NULL, *border = NULL, *aclean = NULL, *white = NULL, *bin = NULL, *clean = NULL,
        *mask = NULL, *masked = NULL, *out = NULL, *arch = NULL;
    if (!pix)
        return hs_err_set(err, HS_EINVAL, 0, "cleanup: no page");
    int w = pixGetWidth(pix), h = pixGetHeight(pix), d = pixGetDepth(pix);
    if (w < SCAN_MIN_SIDE || h < SCAN_MIN_SIDE)
        return hs_err_set(err, HS_EINVAL, 0, "cleanup: page of %dx%d pixels is too small to read",
                          w, h);
    if (w > SCAN_MAX_SIDE || h > SCAN_MAX_SIDE || (long long)w * h > SCAN_MAX_PIXELS)
        return hs_err_set(err, HS_ELIMIT, 0, "cleanup: page of %dx%d pixels is too large", w, h);
    int xdpi = info && dpi_plausible(info->dpi) ? info->dpi : SCAN_DEFAULT_DPI;
    int ydpi = pixGetYRes(pix);
    if (!info || info->dpi_assumed || !dpi_plausible(ydpi))
        ydpi = xdpi;

    /* 1. Grey, seals dropped. */
    if (!(grey = scan_grey_from(pix, &rep->seal_removed))) {
        rc = hs_err_set(err, HS_EFORMAT, 0, "cleanup: cannot convert %d-bit page to grey", d);
        goto out;
    }
    debug_write(opt, "1-grey", grey);

    /* 2. Resolution: about 300 dpi, square pixels. Far from it, Tesseract's character
     * models fit worse (small text) or it spends time for nothing (600 dpi). */
    float sx = 1.0f, sy = 1.0f;
    if (xdpi < SCAN_OCR_DPI_MIN || xdpi > SCAN_OCR_DPI_MAX)
        sx = (float)SCAN_OCR_DPI / xdpi;
    sy = sx * (float)xdpi / ydpi;
    if ((double)w * sx * h * sy > (double)SCAN_MAX_PIXELS || w * sx > SCAN_MAX_SIDE ||
        h * sy > SCAN_MAX_SIDE)
        sx = sy = 1.0f; /* would be too large: keep it as it is */
    rep->dpi = (int)scan_round(xdpi * sx);
    if (scan_absf(sx - 1.0f) > 0.01f || scan_absf(sy - 1.0f) > 0.01f) {
        /* linear interpolation with sharpening up, area mapping down */
        sized = pixScale(grey, sx, sy);
        rep->scaled = 1;
    } else {
        sized = pixClone(grey);
    }
    pixDestroy(&grey);
    if (!sized || pixGetWidth(sized) < SCAN_MIN_SIDE || pixGetHeight(sized) < SCAN_MIN_SIDE) {
        rc = hs_err_set(err, HS_ENOMEM, 0, "cleanup: cannot scale page to %d dpi", rep->dpi);
        goto out;
    }
    pixSetResolution(sized, rep->dpi, rep->dpi);
    debug_write(opt, "2-sized", sized);

    /* 3. Analysis at half resolution: the background map (shadows, grey paper), borders,
     * specks, then geometry and blank. */
    int adpi = rep->dpi / 2;
    if (!(small = pixScaleAreaMap2(sized))) {
        rc = hs_err_set(err, HS_ENOMEM, 0, "cleanup: page analysis failed");
        goto out;
    }
    /* A page with no background at all (all black) has no map: it is left as it is. */
    if (pixGetBackgroundGrayMap(small, NULL, PREP_TILE, PREP_TILE, PREP_FG_MAX, PREP_TILE_MIN,
                                &map) == 0)
        inv = pixGetInvBackgroundMap(map, PREP_BG, 2, 2);
    norm = inv ? pixApplyInvBackgroundGrayMap(small, inv, PREP_TILE, PREP_TILE) : pixClone(small);
    if (!norm || !(abin = pixThresholdToBinary(norm, PREP_THRESH)) ||
        !(border = scan_border_mask(abin, adpi))) {
        rc = hs_err_set(err, HS_ENOMEM, 0, "cleanup: page analysis failed");
        goto out;
    }
    l_int32 no_border = 1;
    pixZero(border, &no_border);
    rep->border_removed = !no_border;
    if (rep->border_removed)
        pixSubtract(abin, abin, border);
    if (!(aclean = scan_speck_remove(abin, adpi, NULL))) {
        rc = hs_err_set(err, HS_ENOMEM, 0, "cleanup: page analysis failed");
        goto out;
    }
    debug_write(opt, "3-analysis", aclean);
    scan_geom geo;
    if (scan_geom_find(aclean, adpi, &geo)) {
        rc = hs_err_set(err, HS_ENOMEM, 0, "cleanup: orientation analysis failed");
        goto out;
    }
    rep->orientation = geo.quads * 90;
    rep->orientation_conf = geo.orient_conf;
    rep->skew_conf = geo.skew_conf;
    rep->skew = scan_absf(geo.skew) >= SCAN_SKEW_MIN ? geo.skew : 0.0;
    rep->text_components = scan_text_count(aclean, adpi, NULL);
    rep->blank = rep->text_components < PREP_BLANK_MAX_GLYPHS;

    /* 4. Full size: background flattened with the map found above, borders painted white,
     * thresholded (the local background map makes the global threshold adaptive). */
    white = inv ? pixApplyInvBackgroundGrayMap(sized, inv, 2 * PREP_TILE, 2 * PREP_TILE)
                : pixCopy(NULL, sized);
    if (!white) {
        rc = hs_err_set(err, HS_ENOMEM, 0, "cleanup: background normalisation failed");
        goto out;
    }
    if (rep->border_removed) {
        PIX *big = pixExpandBinaryPower2(border, 2);
        if (big) {
            PIX *grown = pixDilateBrick(NULL, big, 5, 5);
            pixPaintThroughMask(white, grown ? grown : big, 0, 0, 255);
            pixDestroy(&grown);
        }
        pixDestroy(&big);
    }
    debug_write(opt, "4-white", white);
    if (rep->blank) {
        if (!(out = scan_geom_apply(white, &geo, 1))) {
            rc = hs_err_set(err, HS_ENOMEM, 0, "cleanup: rotation failed");
            goto out;
        }
    } else {
        /* 5. Binary, despeckled; the OCR image keeps the grey of the ink left, and is
         * turned with only that ink interpolated. */
        if (!(bin = pixThresholdToBinary(white, PREP_THRESH)) ||
            !(clean = scan_speck_remove(bin, rep->dpi, &rep->specks_removed)) ||
            !(mask = pixDilateBrick(NULL, clean, 3, 3)) || !(masked = masked_grey(white, mask))) {
            rc = hs_err_set(err, HS_ENOMEM, 0, "cleanup: binarisation failed");
            goto out;
        }
        debug_write(opt, "5-binary", bin);
        debug_write(opt, "6-clean", clean);
        if (geo.quads) {
            PIX *m2 = pixRotateOrth(mask, geo.quads), *g2 = pixRotateOrth(masked, geo.quads);
            pixDestroy(&mask);
            pixDestroy(&mask);
    pixDestroy(&masked);
            mask = m2;
            masked = g2;
        }
        if (masked && mask && rep->skew != 0.0)
            out = scan_rotate_sparse(masked, mask, geo.skew);
        else if (masked)
            out = pixClone(masked);
        if (!out) {
            rc = hs_err_set(err, HS_ENOMEM, 0, "cleanup: rotation failed");
            goto out;
        }
    }
    pixSetResolution(out, rep->dpi, rep->dpi);
    debug_write(opt, "7-ocr", out);

    /* 6. Archival image: the page as given, turned the same way. */
    if (upright) {
        if (!(arch = scan_geom_apply(pix, &geo, 0))) {
            rc = hs_err_set(err, HS_EFORMAT, 0, "cleanup: cannot rotate the %d-bit page", d);
            goto out;
        }
        pixCopyResolution(arch, pix);
        *upright = arch;
        arch = NULL;
    }
    *ocr = out;
    out = NULL;
out:
    pixDestroy(&grey);
    pixDestroy(&sized);
    pixDestroy(&small);
    pixDestroy(&map);
    pixDestroy(&inv);
    pixDestroy(&norm);
    pixDestroy(&abin);
    pixDestroy(&border);
    pixDestroy(&aclean);
    pixDestroy(&white);
    pixDestroy(&mask);
    pixDestroy(&masked);
    pixDestroy(&bin);
    pixDestroy(&clean);
    pixDestroy(&out);
    pixDestroy(&arch);
    rep->seconds = now() - t0;
    return rc;
}
