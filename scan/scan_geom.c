/* scan_geom.c - which way is up and how much the page is skewed, found on a small binary
 * image, and the turn and rotation applied to a full page. Landscape against portrait
 * comes from the skew search itself (text lines give a strong signal only when they run
 * across); up against down from where the ink of each text line lies around its x-height
 * band: Latin capitals, ascenders and, in Vietnamese, most diacritics stand above it, and
 * far less hangs below. */
#include <leptonica/allheaders.h>
#include <stdlib.h>

#include "scan_int.h"

/* Text lines give a skew confidence well above this (15-25 on a page of text). */
#define GEOM_MIN_SKEW_CONF 3.0f
/* Across must beat along by this factor to turn a page by 90 degrees. */
#define GEOM_TURN_RATIO 2.0f

/* Votes of the text lines in bin (horizontal, deskewed, at dpi): *up lines
 * with more ink above their core band than below, *down the reverse. The page is cut in
 * vertical strips so that side-by-side columns are read as separate lines. */
static void updown_votes(PIX *bin, int dpi, int *up, int *down)
{
    *up = *down = 0;
    int w = pixGetWidth(bin), h = pixGetHeight(bin);
    int sw = 2 * dpi;         /* 2-inch strips */
    int gap = dpi / 50 + 1;   /* rows of white that still join a line */
    int minl = dpi / 20;      /* a line is taller than 0.05 inch */
    int maxl = dpi * 6 / 10;  /* and shorter than 0.6 inch */
    l_int32 *tab = makePixelSumTab8();
    float *p = malloc(sizeof *p * (size_t)(h > 0 ? h : 1));
    if (!tab || !p)
        goto out;
    for (int x0 = 0; x0 < w; x0 += sw) {
        int cw = (x0 + sw > w) ? w - x0 : sw;
        if (cw < sw / 3)
            break;
        BOX *box = boxCreate(x0, 0, cw, h);
        PIX *strip = box ? pixClipRectangle(bin, box, NULL) : NULL;
        boxDestroy(&box);
        NUMA *na = strip ? pixCountPixelsByRow(strip, tab) : NULL;
        pixDestroy(&strip);
        if (!na)
            continue;
        for (int y = 0; y < h; y++) {
            l_float32 v = 0;
            numaGetFValue(na, y, &v);
            p[y] = v;
        }
        numaDestroy(&na);
        int y = 0;
        while (y < h) {
            while (y < h && p[y] == 0)
                y++;
            int y0 = y, last = y;
            while (y < h && y - last <= gap) {
                if (p[y] > 0)
                    last = y;
                y++;
            }
            int y1 = last;
            y = last + 1;
            if (y1 - y0 + 1 < minl || y1 - y0 + 1 > maxl)
                continue;
            float mx = 0, sum = 0;
            for (int k = y0; k <= y1; k++) {
                sum += p[k];
                if (p[k] > mx)
                    mx = p[k];
            }
            if (sum < 4 * cw / 100.0f) /* a few specks, not a line */
                continue;
            int ct = y0, cb = y1;
            while (ct < y1 && p[ct] < mx * 0.5f)
                ct++;
            while (cb > y0 && p[cb] < mx * 0.5f)
                cb--;
            float above = 0, below = 0;
            for (int k = y0; k < ct; k++)
                above += p[k];
            for (int k = cb + 1; k <= y1; k++)
                below += p[k];
            if (above > 1.5f * below + 2)
                (*up)++;
            else if (below > 1.5f * above + 2)
                (*down)++;
        }
    }
out:
    free(p);
    free(tab);
}

int scan_geom_find(PIX *bin, int dpi, scan_geom *g)
{
    g->quads = 0;
    g->orient_conf = 0;
    g->skew = 0;
    g->skew_conf = 0;
    g->lines = 0;
    l_float32 a0 = 0, c0 = 0, a90 = 0, c90 = 0;
    PIX *r90 = NULL, *work = NULL;
    if (pixGetWidth(bin) < 32 || pixGetHeight(bin) < 32)
        return 0;
    /* sweep at half the analysis resolution, refine at full */
    pixFindSkewSweepAndSearch(bin, &a0, &c0, 2, 1, SCAN_SKEW_RANGE, 1.0f, 0.01f);
    if (!(r90 = pixRotate90(bin, 1)))
        return -1;
    pixFindSkewSweepAndSearch(r90, &a90, &c90, 2, 1, SCAN_SKEW_RANGE, 1.0f, 0.01f);
    PIX *turned = bin;
    if (c90 >= GEOM_MIN_SKEW_CONF && c90 > GEOM_TURN_RATIO * c0) {
        g->quads = 1;
        g->skew = a90;
        g->skew_conf = c90;
        turned = r90;
    } else {
        g->skew = a0;
        g->skew_conf = c0;
    }
    if (g->skew_conf < GEOM_MIN_SKEW_CONF) {
        /* no text lines: leave the page as it is */
        g->quads = 0;
        g->skew = 0;
        pixDestroy(&r90);
        return 0;
    }
    if (scan_absf(g->skew) >= SCAN_SKEW_MIN)
        work = pixRotate(turned, g->skew * SCAN_PI / 180.0f, L_ROTATE_SAMPLING,
                         L_BRING_IN_WHITE, 0, 0);
    else
        work = pixClone(turned);
    pixDestroy(&r90);
    if (!work)
        return -1;
    int up = 0, down = 0;
    updown_votes(work, dpi, &up, &down);
    pixDestroy(&work);
    g->lines = up + down;
    if (g->lines > 0)
        g->orient_conf = (float)abs(up - down) / (float)g->lines;
    /* Turn a page over only on a clear majority of several lines. */
    if (down > up && down - up >= 3 && g->orient_conf >= 0.3f)
        g->quads = (g->quads + 2) % 4;
    else if (up <= down)
        g->orient_conf = 0;
    return 0;
}

PIX *scan_geom_apply(PIX *pix, const scan_geom *g, int fast)
{
    PIX *p = g->quads ? pixRotateOrth(pix, g->quads) : pixClone(pix);
    if (!p || scan_absf(g->skew) < SCAN_SKEW_MIN || g->skew_conf < GEOM_MIN_SKEW_CONF)
        return p;
    int d = pixGetDepth(p);
    /* Sampling keeps a binary page binary and a colour map valid; area mapping is the
     * better resampling for grey and colour. The image is enlarged to keep the corners. */
    int type = (d < 8 || d == 16 || pixGetColormap(p)) ? L_ROTATE_SAMPLING : L_ROTATE_AREA_MAP;
    if (fast && type == L_ROTATE_AREA_MAP)
        type = fast == 1 ? L_ROTATE_SHEAR : L_ROTATE_SAMPLING;
    PIX *r = pixRotate(p, g->skew * SCAN_PI / 180.0f, type, L_BRING_IN_WHITE,
                       pixGetWidth(p), pixGetHeight(p));
    pixDestroy(&p);
    return r;
}

/* sin and cos of a small angle (|x| <= 0.8 rad) by their series, to leave libm out. */
static double sin_small(double x)
{
    double x2 = x * x;
    return x * (1 - x2 / 6 * (1 - x2 / 20 * (1 - x2 / 42 * (1 - x2 / 72 * (1 - x2 / 110)))));
}

static double cos_small(double x)
{
    double x2 = x * x;
    return 1 - x2 / 2 * (1 - x2 / 12 * (1 - x2 / 30 * (1 - x2 / 56 * (1 - x2 / 90))));
}

PIX *scan_rotate_sparse(PIX *grey, PIX *mask, float deg)
{
    int w = pixGetWidth(grey), h = pixGetHeight(grey);
    double a = deg * (double)SCAN_PI / 180.0, c = cos_small(a), s = sin_small(a);
    double ac = c < 0 ? -c : c, as = s < 0 ? -s : s;
    int W = (int)(w * ac + h * as + 1.0), H = (int)(w * as + h * ac + 1.0);
    double cx = w / 2.0, cy = h / 2.0, cX = W / 2.0, cY = H / 2.0;
    PIX *out = pixCreate(W, H, 8), *dmask = pixCreate(W, H, 1);
    if (!out || !dmask || pixGetWidth(mask) != w || pixGetHeight(mask) != h)
        goto fail;
    pixSetAll(out);
    pixCopyResolution(out, grey);
    int wplm = pixGetWpl(mask), wpld = pixGetWpl(dmask), wplg = pixGetWpl(grey),
        wplo = pixGetWpl(out);
    l_uint32 *dm = pixGetData(mask), *dd = pixGetData(dmask), *dg = pixGetData(grey),
             *dout = pixGetData(out);
    /* Forward: every masked source pixel marks the 2x2 destination pixels around where
     * its centre lands, which covers the rotated mask without holes. */
    for (int y = 0; y < h; y++) {
        const l_uint32 *lm = dm + (size_t)y * wplm;
        for (int j = 0; j < wplm; j++) {
            if (!lm[j])
                continue;
            for (int x = 32 * j; x < 32 * j + 32 && x < w; x++) {
                if (!GET_DATA_BIT(lm, x))
                    continue;
                double dx = x + 0.5 - cx, dy = y + 0.5 - cy;
                int X = (int)(c * dx - s * dy + cX - 0.5), Y = (int)(s * dx + c * dy + cY - 0.5);
                for (int k = 0; k < 4; k++) {
                    int xx = X + (k & 1), yy = Y + (k >> 1);
                    if (xx >= 0 && xx < W && yy >= 0 && yy < H)
                        SET_DATA_BIT(dd + (size_t)yy * wpld, xx);
                }
            }
        }
    }
    /* Inverse: each marked destination pixel samples the source bilinearly. */
    for (int Y = 0; Y < H; Y++) {
        const l_uint32 *ld = dd + (size_t)Y * wpld;
        l_uint32 *lo = dout + (size_t)Y * wplo;
        for (int j = 0; j < wpld; j++) {
            if (!ld[j])
                continue;
            for (int X = 32 * j; X < 32 * j + 32 && X < W; X++) {
                if (!GET_DATA_BIT(ld, X))
                    continue;
                double dX = X + 0.5 - cX, dY = Y + 0.5 - cY;
                double u = c * dX + s * dY + cx - 0.5, v = -s * dX + c * dY + cy - 0.5;
                if (u < 0 || v < 0 || u > w - 1 || v > h - 1)
                    continue;
                int x0 = (int)u, y0 = (int)v;
                int x1 = x0 + 1 < w ? x0 + 1 : x0, y1 = y0 + 1 < h ? y0 + 1 : y0;
                double fx = u - x0, fy = v - y0;
                const l_uint32 *l0 = dg + (size_t)y0 * wplg, *l1 = dg + (size_t)y1 * wplg;
                double top = GET_DATA_BYTE(l0, x0) * (1 - fx) + GET_DATA_BYTE(l0, x1) * fx;
                double bot = GET_DATA_BYTE(l1, x0) * (1 - fx) + GET_DATA_BYTE(l1, x1) * fx;
                SET_DATA_BYTE(lo, X, (int)(top * (1 - fy) + bot * fy + 0.5));
            }
        }
    }
    pixDestroy(&dmask);
    return out;
fail:
    pixDestroy(&out);
    pixDestroy(&dmask);
    return NULL;
}
