/* scan_geom.c - which way is up and how much the page is skewed, found on a small binary
 * image, and the turn and rotation applied to a full page. Landscape against portrait
 * comes from the skew search itself (text lines give a strong signal only when they run
 * across); up against down from where the ink of each text line lies around its x-height
 * band: Latin capitals, ascenders and, in Vietnamese, most diacritics stand above it, and
 * far less hangs below. */
#include <leptonica/allheaders.h>
#include <stdlib.h>
#include <string.h>

#include "scan_int.h"

/* Text lines give a skew confidence well above this (15-25 on a page of text). */
#define GEOM_MIN_SKEW_CONF SCAN_SKEW_CONF_LINES
/* A first skew sweep covers +-GEOM_NARROW degrees; it is trusted above GEOM_SURE_CONF. */
#define GEOM_NARROW 7.0f
#define GEOM_SURE_CONF 5.0f
/* Across must beat along by this factor to turn a page by 90 degrees. */
#define GEOM_TURN_RATIO 2.0f

/* One run of ink rows y0..y1 of a strip cw wide: it may hold several text lines when
 * descenders of one touch the ascenders of the next in the projection. Each line's core
 * is a band of rows at least half as dense as the densest; the rows between two cores are
 * split at their emptiest row, the upper part hanging below the upper line, the lower
 * part standing above the lower line. A line votes for the side with clearly more ink. */
static void runs_vote(const float *p, int y0, int y1, int cw, int dpi, int *up, int *down)
{
    float mx = 0, sum = 0;
    for (int k = y0; k <= y1; k++) {
        sum += p[k];
        if (p[k] > mx)
            mx = p[k];
    }
    if (sum < 4 * cw / 100.0f) /* a few specks, not a line */
        return;
    int maxcore = dpi * 3 / 10, mincore = dpi / 75 + 1;
    int bt[64], bb[64], nb = 0;
    for (int k = y0; k <= y1;) {
        if (p[k] < mx * 0.5f) {
            k++;
            continue;
        }
        int t = k;
        while (k <= y1 && p[k] >= mx * 0.5f)
            k++;
        if (nb > 0 && t - bb[nb - 1] <= 3) { /* a thin dip inside the x-height band */
            bb[nb - 1] = k - 1;
        } else if (nb < 64) {
            bt[nb] = t;
            bb[nb] = k - 1;
            nb++;
        }
    }
    int prev = y0;
    for (int i = 0; i < nb; i++) {
        int top = prev, bottom = y1;
        if (i + 1 < nb) {
            bottom = bb[i] + 1;
            for (int k = bb[i] + 1; k < bt[i + 1]; k++)
                if (p[k] < p[bottom])
                    bottom = k;
        }
        prev = bottom + 1;
        /* A core much thinner than its line is no x-height band: capitals in a serif face
         * are densest at their serifs, top or bottom, and would vote at random. */
        int hgt = bb[i] - bt[i] + 1;
        if (hgt < mincore || hgt > maxcore || 10 * hgt < 3 * (bottom - top + 1))
            continue;
        float above = 0, below = 0;
        for (int k = top; k < bt[i]; k++)
            above += p[k];
        for (int k = bb[i] + 1; k <= bottom; k++)
            below += p[k];
        if (above > 1.5f * below + 2)
            (*up)++;
        else if (below > 1.5f * above + 2)
            (*down)++;
    }
}

/* Votes of the text lines in bin (horizontal, deskewed, at dpi): *up lines
 * with more ink above their core band than below, *down the reverse. The page is cut in
 * vertical strips so that side-by-side columns are read as separate lines. */
static void updown_votes(PIX *bin, int dpi, int *up, int *down)
{
    *up = *down = 0;
    int w = pixGetWidth(bin), h = pixGetHeight(bin);
    int sw = 2 * dpi;       /* 2-inch strips */
    int gap = dpi / 50 + 1; /* rows of white that still join a line */
    int minl = dpi / 20;    /* a line is taller than 0.05 inch */
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
            if (y1 - y0 + 1 < minl)
                continue;
            runs_vote(p, y0, y1, cw, dpi, up, down);
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
    /* Sweep at half the analysis resolution, refine at full; first over the usual
     * +-7 degrees, over the whole range only when that found no clear answer. */
    pixFindSkewSweepAndSearch(bin, &a0, &c0, 2, 1, GEOM_NARROW, 1.0f, 0.01f);
    if (!(r90 = pixRotate90(bin, 1)))
        return -1;
    pixFindSkewSweepAndSearch(r90, &a90, &c90, 2, 1, GEOM_NARROW, 1.0f, 0.01f);
    float best = c0 > c90 ? c0 : c90, at = c0 > c90 ? a0 : a90;
    if (best < GEOM_SURE_CONF || scan_absf(at) > GEOM_NARROW - 1.0f) {
        pixFindSkewSweepAndSearch(bin, &a0, &c0, 2, 1, SCAN_SKEW_RANGE, 1.0f, 0.01f);
        pixFindSkewSweepAndSearch(r90, &a90, &c90, 2, 1, SCAN_SKEW_RANGE, 1.0f, 0.01f);
    }
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
        work = pixRotate(turned, g->skew * SCAN_PI / 180.0f, L_ROTATE_SAMPLING, L_BRING_IN_WHITE, 0,
                         0);
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
    if (fast == 1 && !pixGetColormap(p) && (d == 1 || d == 8 || d == 32))
        type = L_ROTATE_SHEAR;
    else if (fast && type == L_ROTATE_AREA_MAP)
        type = L_ROTATE_SAMPLING;
    PIX *r = pixRotate(p, g->skew * SCAN_PI / 180.0f, type, L_BRING_IN_WHITE, pixGetWidth(p),
                       pixGetHeight(p));
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
    /* Coordinates in 16.16 fixed point, stepped along rows. */
    const double one = 65536.0;
    long long fc = (long long)(c * one), fs = (long long)(s * one);
    /* Forward: every masked source pixel marks the 2x2 destination pixels around where
     * its centre lands, which covers the rotated mask without holes. */
    for (int y = 0; y < h; y++) {
        const l_uint32 *lm = dm + (size_t)y * wplm;
        double dy = y + 0.5 - cy, dx0 = 0.5 - cx;
        long long X0 = (long long)((c * dx0 - s * dy + cX - 0.5) * one);
        long long Y0 = (long long)((s * dx0 + c * dy + cY - 0.5) * one);
        for (int j = 0; j < wplm; j++) {
            if (!lm[j])
                continue;
            for (int x = 32 * j; x < 32 * j + 32 && x < w; x++) {
                if (!GET_DATA_BIT(lm, x))
                    continue;
                long long fX = X0 + fc * x, fY = Y0 + fs * x;
                if (fX < 0 || fY < 0)
                    continue;
                int X = (int)(fX >> 16), Y = (int)(fY >> 16);
                if (X + 1 >= W || Y + 1 >= H)
                    continue;
                l_uint32 *l0 = dd + (size_t)Y * wpld, *l1 = l0 + wpld;
                SET_DATA_BIT(l0, X);
                SET_DATA_BIT(l0, X + 1);
                SET_DATA_BIT(l1, X);
                SET_DATA_BIT(l1, X + 1);
            }
        }
    }
    /* Inverse: each marked destination pixel samples the source bilinearly. */
    for (int Y = 0; Y < H; Y++) {
        const l_uint32 *ld = dd + (size_t)Y * wpld;
        l_uint32 *lo = dout + (size_t)Y * wplo;
        double dY = Y + 0.5 - cY, dX0 = 0.5 - cX;
        long long U0 = (long long)((c * dX0 + s * dY + cx - 0.5) * one);
        long long V0 = (long long)((-s * dX0 + c * dY + cy - 0.5) * one);
        for (int j = 0; j < wpld; j++) {
            if (!ld[j])
                continue;
            for (int X = 32 * j; X < 32 * j + 32 && X < W; X++) {
                if (!GET_DATA_BIT(ld, X))
                    continue;
                long long u = U0 + fc * X, v = V0 - fs * X;
                if (u < 0 || v < 0)
                    continue;
                int x0 = (int)(u >> 16), y0 = (int)(v >> 16);
                if (x0 + 1 >= w || y0 + 1 >= h)
                    continue;
                int fx = (int)((u >> 8) & 0xff), fy = (int)((v >> 8) & 0xff);
                const l_uint32 *l0 = dg + (size_t)y0 * wplg, *l1 = l0 + wplg;
                int top = GET_DATA_BYTE(l0, x0) * (256 - fx) + GET_DATA_BYTE(l0, x0 + 1) * fx;
                int bot = GET_DATA_BYTE(l1, x0) * (256 - fx) + GET_DATA_BYTE(l1, x0 + 1) * fx;
                SET_DATA_BYTE(lo, X, (top * (256 - fy) + bot * fy + 32768) >> 16);
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

PIX *scan_scale_up(PIX *grey, float sx, float sy)
{
    int w = pixGetWidth(grey), h = pixGetHeight(grey);
    int W = (int)(w * sx + 0.5f), H = (int)(h * sy + 0.5f);
    if (W < 1 || H < 1)
        return NULL;
    PIX *out = pixCreateNoInit(W, H, 8);
    int *x0 = malloc(sizeof *x0 * (size_t)W), *fx = malloc(sizeof *fx * (size_t)W);
    if (!out || !x0 || !fx) {
        pixDestroy(&out);
        free(x0);
        free(fx);
        return NULL;
    }
    pixCopyResolution(out, grey);
    /* Source column and weight of every output column, once; pixel centres aligned. */
    for (int X = 0; X < W; X++) {
        float u = (X + 0.5f) / sx - 0.5f;
        if (u < 0)
            u = 0;
        int xi = (int)u;
        if (xi >= w - 1) {
            xi = w > 1 ? w - 2 : 0;
            u = (float)(w > 1 ? w - 1 : 0);
        }
        x0[X] = xi;
        fx[X] = w > 1 ? (int)((u - xi) * 256 + 0.5f) : 0;
    }
    int wpls = pixGetWpl(grey), wpld = pixGetWpl(out);
    l_uint32 *ds = pixGetData(grey), *dd = pixGetData(out);
    for (int Y = 0; Y < H; Y++) {
        float v = (Y + 0.5f) / sy - 0.5f;
        if (v < 0)
            v = 0;
        int yi = (int)v, fy;
        if (yi >= h - 1) {
            yi = h > 1 ? h - 2 : 0;
            fy = h > 1 ? 256 : 0;
        } else {
            fy = (int)((v - yi) * 256 + 0.5f);
        }
        const l_uint32 *l0 = ds + (size_t)yi * wpls, *l1 = h > 1 ? l0 + wpls : l0;
        l_uint32 *ld = dd + (size_t)Y * wpld;
        for (int X = 0; X < W; X++) {
            int xi = x0[X], f = fx[X], xj = w > 1 ? xi + 1 : xi;
            int top = GET_DATA_BYTE(l0, xi) * (256 - f) + GET_DATA_BYTE(l0, xj) * f;
            int bot = GET_DATA_BYTE(l1, xi) * (256 - f) + GET_DATA_BYTE(l1, xj) * f;
            SET_DATA_BYTE(ld, X, (top * (256 - fy) + bot * fy + 32768) >> 16);
        }
    }
    free(x0);
    free(fx);
    return out;
}

/* Where each output pixel of a reduction by s (0.5 <= s < 1) falls on an axis of n input
 * pixels: the first input pixel a[i] and the weights of a[i], a[i] + 1 and a[i] + 2 (they
 * sum to 256), from how much of each the output pixel covers. */
static void reduce_axis(int n, int N, float s, int *a, uint16_t (*wt)[3])
{
    float inv = 1.0f / s;
    for (int i = 0; i < N; i++) {
        float lo = i * inv, hi = (i + 1) * inv;
        if (hi > n)
            hi = (float)n;
        int first = (int)lo, sum = 0;
        if (first > n - 1)
            first = n - 1;
        a[i] = first;
        for (int k = 0; k < 3; k++) {
            float c0 = (float)(first + k), c1 = c0 + 1;
            float o = (c1 < hi ? c1 : hi) - (c0 > lo ? c0 : lo);
            int v = o > 0 && hi > lo ? (int)(o / (hi - lo) * 256 + 0.5f) : 0;
            int last = k == 2 || c1 >= hi || first + k + 1 >= n;
            wt[i][k] = (uint16_t)(last ? 256 - sum : v);
            sum += wt[i][k];
            if (last) {
                for (k++; k < 3; k++)
                    wt[i][k] = 0;
            }
        }
    }
}

PIX *scan_scale_down(PIX *grey, float s)
{
    int w = pixGetWidth(grey), h = pixGetHeight(grey);
    int W = (int)(w * s + 0.5f), H = (int)(h * s + 0.5f);
    if (s < 0.5f || s >= 1.0f || pixGetDepth(grey) != 8 || pixGetColormap(grey) || W < 1 || H < 1)
        return NULL;
    PIX *out = pixCreateNoInit(W, H, 8);
    int *ax = malloc(sizeof *ax * (size_t)W), *ay = malloc(sizeof *ay * (size_t)H);
    uint16_t(*wx)[3] = malloc(sizeof *wx * (size_t)W), (*wy)[3] = malloc(sizeof *wy * (size_t)H);
    uint8_t *white = malloc((size_t)h);
    uint32_t *acc = malloc(sizeof *acc * (size_t)W);
    if (!out || !ax || !ay || !wx || !wy || !white || !acc) {
        pixDestroy(&out);
        out = NULL;
        goto done;
    }
    reduce_axis(w, W, s, ax, wx);
    reduce_axis(h, H, s, ay, wy);
    int wpls = pixGetWpl(grey), wpld = pixGetWpl(out);
    l_uint32 *ds = pixGetData(grey), *dd = pixGetData(out);
    /* Rows of white (most of a page of text) cost a word compare each, and make white. */
    for (int y = 0; y < h; y++)
        white[y] = (uint8_t)scan_row_white(ds + (size_t)y * wpls, w, 8);
    for (int Y = 0; Y < H; Y++) {
        l_uint32 *ld = dd + (size_t)Y * wpld;
        int allwhite = 1;
        for (int k = 0; k < 3; k++)
            if (wy[Y][k] && !white[ay[Y] + k])
                allwhite = 0;
        if (allwhite) {
            memset(ld, 255, sizeof *ld * (size_t)wpld);
            continue;
        }
        memset(acc, 0, sizeof *acc * (size_t)W);
        for (int k = 0; k < 3; k++) {
            uint32_t f = wy[Y][k];
            if (!f)
                continue;
            const l_uint32 *l = ds + (size_t)(ay[Y] + k) * wpls;
            if (white[ay[Y] + k]) {
                for (int X = 0; X < W; X++)
                    acc[X] += f * 255 * 256;
                continue;
            }
            for (int X = 0; X < W; X++) {
                int x = ax[X];
                uint32_t v = GET_DATA_BYTE(l, x) * wx[X][0];
                if (wx[X][1])
                    v += GET_DATA_BYTE(l, x + 1) * wx[X][1];
                if (wx[X][2])
                    v += GET_DATA_BYTE(l, x + 2) * wx[X][2];
                acc[X] += f * v;
            }
        }
        for (int X = 0; X < W; X++)
            SET_DATA_BYTE(ld, X, (acc[X] + 32768) >> 16);
    }
    pixCopyResolution(out, grey);
    pixScaleResolution(out, s, s);
done:
    free(ax);
    free(ay);
    free(wx);
    free(wy);
    free(white);
    free(acc);
    return out;
}
