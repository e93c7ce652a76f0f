/* scan_prep.c - the cleanup stage as one call (scan_page_prepare): grey with seals
 * dropped, resolution normalised, page analysed at low resolution (borders, orientation,
 * skew, blank), then the full-size OCR image made white-backgrounded, upright, deskewed,
 * binarised, despeckled and its hard edges softened, and the archival image turned the
 * same way. */
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
/* More components than this per million pixels of the analysis image, and no text lines:
 * a page of noise (text pages: under ~800; noise: 30 000 and more). */
#define PREP_NOISE_COMPONENTS_PER_MPX 10000
/* Background map: the half-resolution page reduced PREP_TILE times (to about 37 dpi) and
 * closed with a PREP_CLOSE brick, which wipes out text of any contrast, leaving the paper
 * (a threshold between ink and paper would fail on faint print). The background becomes
 * white (PREP_BG: the OCR image must not outline letters in grey), and ink is what is
 * darker than PREP_THRESH after that (scaled to the paper's level when left as it is). */
#define PREP_TILE 4
#define PREP_CLOSE 7
#define PREP_BG 255
#define PREP_THRESH 180
/* A background map within PREP_FLAT_MIN..+PREP_FLAT_RANGE is even enough as it is. */
#define PREP_FLAT_MIN 225
#define PREP_FLAT_RANGE 24
/* An ink threshold closer than this to the paper's grey would pick up its grain. */
#define PREP_PAPER_MARGIN 20
/* A scanner border is darker than this (an edge shadow of grey paper is not). */
#define PREP_BORDER_DARK 60
/* Ink whose mean level is lighter than this is faint: the threshold moves towards it. */
#define PREP_LOW_CONTRAST 80
/* Ink is hard-edged, and gets softened for the recogniser, unless its mid-grey fringe
 * (levels PREP_CORE..PREP_FRINGE-1) is this many times its dark core (under PREP_CORE):
 * clean renders and thresholded scans ~0.25, noisy ~0.9, 200-dpi JPEGs ~1.2, a blurred
 * photo of a page thousands. */
#define PREP_CORE 64
#define PREP_FRINGE 192
#define PREP_SOFT_RATIO 2

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

/* Whether the ink of grey (8 bpp, white away from the ink) is already soft: its
 * mid-grey fringe large against its dark core. Every other pixel of every other row. */
static int ink_is_soft(PIX *grey)
{
    long core = 0, fringe = 0;
    int w = pixGetWidth(grey), h = pixGetHeight(grey), wpl = pixGetWpl(grey);
    const l_uint32 *d = pixGetData(grey);
    for (int y = 0; y < h; y += 2) {
        const l_uint32 *l = d + (size_t)y * wpl;
        for (int x = 0; x < w; x += 2) {
            int v = GET_DATA_BYTE(l, x);
            core += v < PREP_CORE;
            fringe += v >= PREP_CORE && v < PREP_FRINGE;
        }
    }
    return fringe > PREP_SOFT_RATIO * core;
}

/* The OCR image: grey where mask (the cleaned ink grown by a pixel, for the anti-aliased
 * edges the recogniser reads) is set, white elsewhere. One pass, a mask word (32 pixels)
 * at a time: most words are all background. */
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

/* The cleanup's working state, from one stage to the next. */
typedef struct prep {
    PIX *pix; /* the caller's page (borrowed) */
    const scan_clean_opts *opt;
    scan_clean_report *rep;
    int binary; /* a 1-bit page near 300 dpi: cleaned as it is */
    PIX *sized; /* grey at about 300 dpi (not for a binary page) */
    PIX *border; /* the scanner border found, at half resolution (or all clear) */
    PIX *inv;    /* the inverse background map, or NULL: the paper is even */
    int thresh, fg, bg; /* ink threshold; Otsu's ink and paper levels */
    scan_geom geo;
    PIX *out; /* the OCR image */
} prep;

static void prep_release(prep *p)
{
    pixDestroy(&p->sized);
    pixDestroy(&p->border);
    pixDestroy(&p->inv);
    pixDestroy(&p->out);
}

/* 1. Grey, seals dropped. 2. Resolution: about 300 dpi, square pixels. Far from it,
 * Tesseract's character models fit worse (small text) or it spends time for nothing
 * (600 dpi). */
static int prep_grey_sized(prep *p, int xdpi, int ydpi, hs_err *err)
{
    int w = pixGetWidth(p->pix), h = pixGetHeight(p->pix);
    PIX *grey = scan_grey_from(p->pix, &p->rep->seal_removed);
    if (!grey)
        return hs_err_set(err, HS_EFORMAT, 0, "cleanup: cannot convert %d-bit page to grey",
                          pixGetDepth(p->pix));
    debug_write(p->opt, "1-grey", grey);
    float sx = 1.0f, sy = 1.0f;
    if (xdpi < SCAN_OCR_DPI_MIN || xdpi > SCAN_OCR_DPI_MAX)
        sx = (float)SCAN_OCR_DPI / xdpi;
    sy = sx * (float)xdpi / ydpi;
    if ((double)w * sx * h * sy > (double)SCAN_MAX_PIXELS || w * sx > SCAN_MAX_SIDE ||
        h * sy > SCAN_MAX_SIDE)
        sx = sy = 1.0f; /* would be too large: keep it as it is */
    p->rep->dpi = (int)scan_round(xdpi * sx);
    if (scan_absf(sx - 1.0f) > 0.01f || scan_absf(sy - 1.0f) > 0.01f) {
        /* linear interpolation up (pixScale's extra sharpening costs more than the
         * recogniser gains from it), area mapping down */
        if (sx >= 1.0f && sy >= 1.0f)
            p->sized = scan_scale_up(grey, sx, sy);
        else
            p->sized = pixScale(grey, sx, sy);
        p->rep->scaled = 1;
    } else {
        p->sized = pixClone(grey);
    }
    pixDestroy(&grey);
    if (!p->sized || pixGetWidth(p->sized) < SCAN_MIN_SIDE ||
        pixGetHeight(p->sized) < SCAN_MIN_SIDE)
        return hs_err_set(err, HS_ENOMEM, 0, "cleanup: cannot scale page to %d dpi",
                          p->rep->dpi);
    debug_write(p->opt, "2-sized", p->sized);
    return HS_OK;
}

/* 3. Analysis at half resolution: borders, the background map (shadows, grey paper),
 * specks, then geometry and blank. Borders go first, painted white, so that neither the
 * map nor the threshold nor the skew search sees them. */
static int prep_analyse(prep *p, hs_err *err)
{
    scan_clean_report *rep = p->rep;
    int adpi = rep->dpi / 2, rc = HS_OK;
    PIX *small = NULL, *abin = NULL, *map = NULL, *norm = NULL, *aclean = NULL;
    if (!(small = p->binary ? pixScaleToGray2(p->pix) : pixScaleAreaMap2(p->sized)) ||
        !(abin = pixThresholdToBinary(small, PREP_BORDER_DARK)) ||
        !(p->border = scan_border_mask(abin, adpi))) {
        rc = hs_err_set(err, HS_ENOMEM, 0, "cleanup: page analysis failed");
        goto out;
    }
    pixDestroy(&abin);
    l_int32 no_border = 1;
    pixZero(p->border, &no_border);
    if (!no_border) {
        rep->border_removed = 1;
        pixDilateBrick(p->border, p->border, 5, 5);
        pixPaintThroughMask(small, p->border, 0, 0, 255);
    }
    /* A page with no background at all (all black) has no map: it is left as it is. So
     * is a page whose background is already even and near white (most are): flattening
     * it would cost a pass over the full image for nothing; the threshold follows its
     * background level instead. */
    p->thresh = PREP_THRESH;
    if (pixGetBackgroundGrayMapMorph(small, NULL, PREP_TILE, PREP_CLOSE, &map) == 0) {
        l_int32 lo = 0, hi = 255;
        pixGetRangeValues(map, 1, L_SELECT_RED, &lo, &hi);
        if (lo >= PREP_FLAT_MIN && hi - lo <= PREP_FLAT_RANGE)
            p->thresh = PREP_THRESH * lo / 255;
        else
            p->inv = pixGetInvBackgroundMap(map, PREP_BG, 2, 2);
    }
    norm = p->inv ? pixApplyInvBackgroundGrayMap(small, p->inv, PREP_TILE, PREP_TILE)
                  : pixClone(small);
    /* Faint print (light toner, carbon copies) sits above that threshold: when the ink's
     * mean level (from the Otsu split of the page's histogram) is light, the threshold
     * moves up to the split, or halfway between ink and paper, clear of the paper itself.
     * Not otherwise: the light grey left of a seal must stay paper. */
    l_int32 split = 0, fg = 0, bg = 255;
    if (norm && pixSplitDistributionFgBg(norm, 0.1f, 2, &split, &fg, &bg, NULL) == 0) {
        if (fg > PREP_LOW_CONTRAST) {
            if ((fg + bg) / 2 > split)
                split = (fg + bg) / 2; /* halfway between the ink and the paper */
            if (split > p->thresh && split < bg - PREP_PAPER_MARGIN / 2)
                p->thresh = split;
        }
    } else {
        bg = 255;
    }
    p->fg = fg;
    p->bg = bg;
    if (!norm || !(abin = pixThresholdToBinary(norm, p->thresh)) ||
        !(aclean = scan_speck_remove(abin, adpi, NULL))) {
        rc = hs_err_set(err, HS_ENOMEM, 0, "cleanup: page analysis failed");
        goto out;
    }
    debug_write(p->opt, "3-analysis", aclean);
    if (scan_geom_find(aclean, adpi, &p->geo)) {
        rc = hs_err_set(err, HS_ENOMEM, 0, "cleanup: orientation analysis failed");
        goto out;
    }
    rep->orientation = p->geo.quads * 90;
    rep->orientation_conf = p->geo.orient_conf;
    rep->skew_conf = p->geo.skew_conf;
    rep->skew = scan_absf(p->geo.skew) >= SCAN_SKEW_MIN ? p->geo.skew : 0.0;
    rep->text_components = scan_text_count(aclean, adpi, &rep->glyph_height, p->geo.quads & 1);
    rep->glyph_height *= 2; /* at the OCR image's resolution */
    rep->blank = rep->text_components < PREP_BLANK_MAX_GLYPHS;
    /* A page of noise (a dirty platen, a noisy sensor, a photo gone to dots) can hold
     * thousands of letter-sized specks by chance, and Tesseract may spend minutes on them.
     * Text makes lines (a skew confidence, not found here) and few shapes for its area:
     * the corpus pages have at most ~800 components per million pixels at this stage,
     * noise tens of thousands. */
    if (!rep->blank && p->geo.skew_conf < SCAN_SKEW_CONF_LINES) {
        l_int32 ncomp = 0;
        double mpx = (double)pixGetWidth(abin) * pixGetHeight(abin) / 1e6;
        if (pixCountConnComp(abin, 8, &ncomp) == 0 && mpx > 0 &&
            ncomp / mpx > PREP_NOISE_COMPONENTS_PER_MPX)
            rep->blank = rep->noise = 1;
    }
out:
    pixDestroy(&small);
    pixDestroy(&abin);
    pixDestroy(&map);
    pixDestroy(&norm);
    pixDestroy(&aclean);
    return rc;
}

/* 5. Binary, despeckled; the OCR image keeps the grey of the ink left (white: the page
 * with its background flattened), and is turned with only that ink interpolated. On a
 * page of faint print the mask grows from the kept ink into every pixel darker than the
 * paper that touches it (hysteresis), so light strokes come whole; elsewhere the ink's
 * own grey edge, a pixel wide, is enough. */
static int prep_ink(prep *p, PIX *white, PIX *bigborder, hs_err *err)
{
    scan_clean_report *rep = p->rep;
    int rc = HS_OK;
    int weak = p->bg - PREP_PAPER_MARGIN > p->thresh ? p->bg - PREP_PAPER_MARGIN : p->thresh;
    PIX *bin = NULL, *clean = NULL, *faint = NULL, *grown = NULL, *mask = NULL, *masked = NULL;
    if (!(bin = pixThresholdToBinary(white, p->thresh)) ||
        (bigborder && !pixSubtract(bin, bin, bigborder)) ||
        !(clean = scan_speck_remove(bin, rep->dpi, &rep->specks_removed))) {
        rc = hs_err_set(err, HS_ENOMEM, 0, "cleanup: binarisation failed");
        goto out;
    }
    if (p->fg > PREP_LOW_CONTRAST) {
        if (!(faint = pixThresholdToBinary(white, weak)) ||
            !(grown = pixSeedfillBinary(NULL, clean, faint, 8))) {
            rc = hs_err_set(err, HS_ENOMEM, 0, "cleanup: binarisation failed");
            goto out;
        }
    } else {
        grown = pixClone(clean);
    }
    if (!(mask = pixDilateBrick(NULL, grown, 3, 3)) ||
        (bigborder && !pixSubtract(mask, mask, bigborder)) || !(masked = masked_grey(white, mask))) {
        rc = hs_err_set(err, HS_ENOMEM, 0, "cleanup: binarisation failed");
        goto out;
    }
    debug_write(p->opt, "5-binary", bin);
    debug_write(p->opt, "6-clean", clean);
    if (p->geo.quads) {
        PIX *m2 = pixRotateOrth(mask, p->geo.quads), *g2 = pixRotateOrth(masked, p->geo.quads);
        pixDestroy(&mask);
        pixDestroy(&masked);
        mask = m2;
        masked = g2;
    }
    if (masked && mask && rep->skew != 0.0)
        p->out = scan_rotate_sparse(masked, mask, p->geo.skew);
    else if (masked)
        p->out = pixClone(masked);
    if (!p->out)
        rc = hs_err_set(err, HS_ENOMEM, 0, "cleanup: rotation failed");
out:
    pixDestroy(&bin);
    pixDestroy(&clean);
    pixDestroy(&faint);
    pixDestroy(&grown);
    pixDestroy(&mask);
    pixDestroy(&masked);
    return rc;
}

/* 4. Full size: background flattened with the map found above (which makes the one
 * threshold adaptive: it is applied to ink measured against its local paper). The
 * borders are taken out of the ink masks, not painted: no copy of the page. Then the
 * OCR image: a blank page turned as it is, a 1-bit page's own ink (5b), else prep_ink. */
static int prep_ocr_image(prep *p, hs_err *err)
{
    scan_clean_report *rep = p->rep;
    int rc = HS_OK;
    PIX *white = NULL, *bigborder = NULL, *bin = NULL, *clean = NULL;
    if (!p->binary)
        white = p->inv ? pixApplyInvBackgroundGrayMap(p->sized, p->inv, 2 * PREP_TILE,
                                                      2 * PREP_TILE)
                       : pixClone(p->sized);
    if ((!p->binary && !white) ||
        (rep->border_removed && !(bigborder = pixExpandBinaryPower2(p->border, 2)))) {
        rc = hs_err_set(err, HS_ENOMEM, 0, "cleanup: background normalisation failed");
        goto out;
    }
    debug_write(p->opt, "4-white", white);
    if (p->binary) {
        /* 5b. A 1-bit page: its own ink, borders and specks taken out, turned (shear
         * rotation keeps it 1-bit and exact in its pixel values). */
        if (!(bin = pixCopy(NULL, p->pix)) || (bigborder && !pixSubtract(bin, bin, bigborder)) ||
            !(clean = scan_speck_remove(bin, rep->dpi, &rep->specks_removed)) ||
            !(p->out = scan_geom_apply(rep->blank ? p->pix : clean, &p->geo, 1))) {
            rc = hs_err_set(err, HS_ENOMEM, 0, "cleanup: despeckling failed");
            goto out;
        }
        debug_write(p->opt, "6-clean", clean);
    } else if (rep->blank) {
        if (!(p->out = scan_geom_apply(white, &p->geo, 1))) {
            rc = hs_err_set(err, HS_ENOMEM, 0, "cleanup: rotation failed");
            goto out;
        }
    } else if ((rc = prep_ink(p, white, bigborder, err))) {
        goto out;
    }
    if (p->out == p->pix) { /* an untouched blank page: the caller's pix is not ours */
        PIX *own = pixCopy(NULL, p->out);
        pixDestroy(&p->out);
        if (!(p->out = own))
            rc = hs_err_set(err, HS_ENOMEM, 0, "cleanup: out of memory");
    }
out:
    pixDestroy(&white);
    pixDestroy(&bigborder);
    pixDestroy(&bin);
    pixDestroy(&clean);
    return rc;
}

/* 7. Hard edges softened by a Gaussian of about a pixel at 300 dpi (two passes, 1.4
 * pixels, above 360 dpi): Tesseract's models were trained on anti-aliased renders, and
 * the hard edges of thresholded ink and of bilevel scans cost it a character or two a
 * page ("VT." read "VF", a stray "_" in a wide gap). Measured on the corpus and on
 * held-out pages: half the errors, tone marks read as well as before. Ink that is soft
 * already (a blurred page) is left as it is: more blur merges its letters. */
static int prep_soften(prep *p, hs_err *err)
{
    scan_clean_report *rep = p->rep;
    if (rep->blank || (!p->binary && ink_is_soft(p->out)))
        return HS_OK;
    rep->softened = 1;
    for (int pass = 0; pass < (rep->dpi > 360 ? 2 : 1); pass++) {
        PIX *s = scan_soften(p->out);
        if (!s)
            return hs_err_set(err, HS_ENOMEM, 0, "cleanup: out of memory");
        pixDestroy(&p->out);
        p->out = s;
    }
    return HS_OK;
}

/* 8. Large text read at less resolution: Tesseract's layout analysis costs in proportion
 * to the pixels, while its recogniser scales every line to a fixed height anyway. When the
 * x-height of the page's smallest text (rep->glyph_height: small print that makes a tenth
 * of the letters counts, a footnote may not) is more than needed, the OCR image is reduced
 * (area mapping) so that it stays at least SCAN_OCR_GLYPH pixels, never under
 * SCAN_OCR_DPI_LOW. */
static void prep_reduce(prep *p)
{
    scan_clean_report *rep = p->rep;
    if (rep->blank || rep->glyph_height <= 0 || (p->opt && p->opt->full_res))
        return;
    /* a whole number of dots per inch, so that the PDF page keeps its size */
    int dpi = (rep->dpi * SCAN_OCR_GLYPH + rep->glyph_height - 1) / rep->glyph_height;
    if (dpi < SCAN_OCR_DPI_LOW)
        dpi = SCAN_OCR_DPI_LOW;
    if (dpi * 2 < rep->dpi)
        dpi = (rep->dpi + 1) / 2;
    float s = (float)dpi / rep->dpi;
    if (s > SCAN_OCR_REDUCE_MAX)
        return;
    PIX *r = pixGetDepth(p->out) == 8 ? scan_scale_down(p->out, s) : NULL;
    if (!r)
        return; /* out of memory: read at full resolution */
    pixDestroy(&p->out);
    p->out = r;
    rep->dpi = dpi;
    rep->glyph_height = scan_round(rep->glyph_height * s);
    rep->scaled = 1;
}

int scan_page_prepare(PIX *pix, const scan_page_info *info, const scan_clean_opts *opt, PIX **ocr,
                      PIX **upright, scan_clean_report *rep, hs_err *err)
{
    *ocr = NULL;
    if (upright)
        *upright = NULL;
    memset(rep, 0, sizeof *rep);
    double t0 = hs_now();
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
    prep p = {.pix = pix, .opt = opt, .rep = rep};
    /* A 1-bit page near 300 dpi needs no resampling: it is analysed from a grey reduction
     * and cleaned as it is, 1-bit, and becomes grey only when its edges are softened. */
    p.binary = d == 1 && !pixGetColormap(pix) && xdpi >= SCAN_OCR_DPI_MIN &&
               xdpi <= SCAN_OCR_DPI_MAX && ydpi == xdpi;
    if (p.binary)
        rep->dpi = xdpi;
    int rc = p.binary ? HS_OK : prep_grey_sized(&p, xdpi, ydpi, err);
    if (rc == HS_OK)
        rc = prep_analyse(&p, err);
    if (rc == HS_OK)
        rc = prep_ocr_image(&p, err);
    if (rc == HS_OK)
        rc = prep_soften(&p, err);
    if (rc == HS_OK) {
        prep_reduce(&p);
        pixSetResolution(p.out, rep->dpi, rep->dpi);
        debug_write(opt, "7-ocr", p.out);
    }
    /* 6. Archival image: the page as given, turned the same way. */
    if (rc == HS_OK && upright) {
        PIX *arch = scan_geom_apply(pix, &p.geo, 0);
        if (!arch) {
            rc = hs_err_set(err, HS_EFORMAT, 0, "cleanup: cannot rotate the %d-bit page", d);
        } else {
            pixCopyResolution(arch, pix);
            *upright = arch;
        }
    }
    if (rc == HS_OK) {
        *ocr = p.out;
        p.out = NULL;
    }
    prep_release(&p);
    rep->seconds = hs_now() - t0;
    return rc;
}
