/* scan_ink.c - the ink operations of the cleanup: grey from any page with coloured seals
 * dropped, scanner borders found, specks removed without touching Vietnamese diacritics,
 * adaptive binarisation, and counting what looks like text (for blank pages).
 * Sizes are given at 300 dpi and scaled to the image's dpi. */
#include <leptonica/allheaders.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "scan_int.h"

/* A pixel is colour ink when its channels differ by this much and one is dark. */
#define INK_SAT 80
#define INK_DARK 170
/* Below this saturation a pixel is left at its luminance; above INK_SAT it is the value
 * seen through a filter of its own colour (its brightest channel); between, a blend. */
#define NEUTRAL_SAT 40

static int px_scale(int dpi, double at300)
{
    int v = (int)scan_round(at300 * dpi / 300.0);
    return v < 1 ? 1 : v;
}

static PIX *grey_from_rgb(PIX *p, int *seal)
{
    int w = pixGetWidth(p), h = pixGetHeight(p);
    int wpls = pixGetWpl(p);
    l_uint32 *ds = pixGetData(p);
    long colour = 0, neutral = 0, tinted = 0;
    /* First pass, on every fourth row and column: how much colour ink against black. */
    for (int y = 0; y < h; y += 4) {
        const l_uint32 *ls = ds + (size_t)y * wpls;
        for (int x = 0; x < w; x += 4) {
            int r = (int)(ls[x] >> L_RED_SHIFT) & 0xff, g = (int)(ls[x] >> L_GREEN_SHIFT) & 0xff,
                b = (int)(ls[x] >> L_BLUE_SHIFT) & 0xff;
            int mx = r > g ? (r > b ? r : b) : (g > b ? g : b);
            int mn = r < g ? (r < b ? r : b) : (g < b ? g : b);
            if (mx - mn > NEUTRAL_SAT / 2)
                tinted++;
            if (mx - mn >= INK_SAT && mn < INK_DARK)
                colour++;
            else if (mx < 110)
                neutral++;
        }
    }
    /* a grey page stored as colour: one channel is the grey */
    if (tinted == 0)
        return pixGetRGBComponent(p, COLOR_GREEN);
    /* A page printed in colour (blue text, a colour form) keeps its ink: its text is it. */
    if (colour > 2 * neutral)
        return pixConvertRGBToLuminance(p);
    /* a seal ring of 14 px at 300 dpi is some 30000 pixels; ask for a fifth of a percent
     * of the page at least, counted on a sixteenth of the pixels */
    *seal = colour * 16 >= 500 && colour * 16 >= (long)w * h / 500;
    PIX *g8 = pixCreateNoInit(w, h, 8);
    if (!g8)
        return NULL;
    pixCopyResolution(g8, p);
    int wpld = pixGetWpl(g8);
    l_uint32 *dd = pixGetData(g8);
    for (int y = 0; y < h; y++) {
        const l_uint32 *ls = ds + (size_t)y * wpls;
        l_uint32 *ld = dd + (size_t)y * wpld;
        for (int x = 0; x < w; x++) {
            l_uint32 px = ls[x];
            int r = (int)(px >> L_RED_SHIFT) & 0xff, g = (int)(px >> L_GREEN_SHIFT) & 0xff,
                b = (int)(px >> L_BLUE_SHIFT) & 0xff;
            int lum = (77 * r + 150 * g + 29 * b) >> 8, v = lum;
            int dr = r - g, db = b - g;
            /* grey pixels (nearly all) need no more */
            if (dr > NEUTRAL_SAT / 2 || dr < -NEUTRAL_SAT / 2 || db > NEUTRAL_SAT / 2 ||
                db < -NEUTRAL_SAT / 2) {
                int mx = r > g ? (r > b ? r : b) : (g > b ? g : b);
                int mn = r < g ? (r < b ? r : b) : (g < b ? g : b);
                int sat = mx - mn;
                if (sat >= INK_SAT)
                    v = mx;
                else if (sat > NEUTRAL_SAT)
                    v = lum + (mx - lum) * (sat - NEUTRAL_SAT) / (INK_SAT - NEUTRAL_SAT);
            }
            SET_DATA_BYTE(ld, x, v);
        }
    }
    return g8;
}

PIX *scan_grey_from(PIX *pix, int *seal)
{
    *seal = 0;
    PIX *p = NULL, *q = NULL, *g = NULL;
    if (pixGetColormap(pix))
        p = pixRemoveColormap(pix, REMOVE_CMAP_BASED_ON_SRC);
    else if (pixGetDepth(pix) == 16)
        p = pixConvert16To8(pix, L_MS_BYTE);
    else
        p = pixClone(pix);
    if (!p)
        return NULL;
    /* Transparent areas would be black after a plain conversion: blend over white. */
    if (pixGetDepth(p) == 32 && pixGetSpp(p) == 4)
        q = pixRemoveAlpha(p);
    else
        q = pixClone(p);
    pixDestroy(&p);
    if (!q)
        return NULL;
    switch (pixGetDepth(q)) {
    case 32:
        g = grey_from_rgb(q, seal);
        break;
    case 8:
        g = pixClone(q); /* the caller copies before it paints on it */
        break;
    default:
        g = pixConvertTo8(q, 0);
        break;
    }
    pixDestroy(&q);
    return g;
}

PIX *scan_border_mask(PIX *bin, int dpi)
{
    /* Opening with a brick wider than any stroke of text leaves only solid ink; what of it
     * touches the edge is border. Its fringe (the part the opening shaved off) is taken
     * back from the binary image, but only near the solid part, so text that happens to
     * touch a border is not eaten with it. */
    int k = px_scale(dpi, 13);
    PIX *solid = NULL, *edge = NULL, *near = NULL, *mask = NULL;
    if (!(solid = pixOpenBrick(NULL, bin, k, k)) || !(edge = pixExtractBorderConnComps(solid, 8)))
        goto out;
    l_int32 empty = 1;
    pixZero(edge, &empty);
    if (empty) {
        mask = pixCreateTemplate(bin);
        goto out;
    }
    if (!(near = pixDilateBrick(NULL, edge, 2 * k + 1, 2 * k + 1)))
        goto out;
    pixAnd(near, near, bin);
    mask = pixSeedfillBinary(NULL, edge, near, 8);
out:
    pixDestroy(&solid);
    pixDestroy(&edge);
    pixDestroy(&near);
    return mask;
}

PIX *scan_speck_remove(PIX *bin, int dpi, int *removed)
{
    if (removed)
        *removed = 0;
    /* At 300 dpi the dot of "ạ" or "ị" in 8-point type is some 3x3 pixels and a tone mark
     * 5x7 or more; noise is mostly single pixels and 2x2 clumps. So: components within a
     * 2x2 box always go; up to 6x6 (dots, marks, specks alike) they stay only near a
     * larger component (a letter, within 18 pixels), which a mark or a dot always is.
     * Nearness is looked up in a grid of r-sized cells marked around the larger
     * components' boxes: one labelling pass, no image-size morphology. */
    int tiny = px_scale(dpi, 2), small = px_scale(dpi, 6), r = px_scale(dpi, 18);
    if (small <= tiny)
        small = tiny + 1;
    int w = pixGetWidth(bin), h = pixGetHeight(bin);
    int gw = w / r + 1, gh = h / r + 1, n = 0, gone = 0;
    unsigned char *grid = NULL;
    PIX *out = NULL;
    BOXA *boxa = pixConnCompBB(bin, 8);
    if (!boxa || !(grid = calloc((size_t)gw * gh, 1)) || !(out = pixCopy(NULL, bin)))
        goto fail;
    n = boxaGetCount(boxa);
    for (int i = 0; i < n; i++) {
        l_int32 x, y, bw, bh;
        boxaGetBoxGeometry(boxa, i, &x, &y, &bw, &bh);
        if (bw <= small && bh <= small)
            continue;
        int cx0 = (x - r) / r, cy0 = (y - r) / r, cx1 = (x + bw + r) / r, cy1 = (y + bh + r) / r;
        cx0 = cx0 < 0 ? 0 : cx0;
        cy0 = cy0 < 0 ? 0 : cy0;
        cx1 = cx1 >= gw ? gw - 1 : cx1;
        cy1 = cy1 >= gh ? gh - 1 : cy1;
        for (int cy = cy0; cy <= cy1; cy++)
            memset(grid + (size_t)cy * gw + cx0, 1, (size_t)(cx1 - cx0 + 1));
    }
    for (int i = 0; i < n; i++) {
        l_int32 x, y, bw, bh;
        boxaGetBoxGeometry(boxa, i, &x, &y, &bw, &bh);
        if (bw > small || bh > small)
            continue;
        int keep = 0;
        if (bw > tiny || bh > tiny) {
            /* the marks reach r beyond a letter's box, so the speck's own cells decide */
            for (int cy = y / r; cy <= (y + bh - 1) / r && !keep; cy++)
                for (int cx = x / r; cx <= (x + bw - 1) / r && !keep; cx++)
                    keep = grid[(size_t)cy * gw + cx];
        }
        if (!keep) {
            /* within a speck's box every ink pixel is the speck's own (8-connected) */
            pixRasterop(out, x, y, bw, bh, PIX_CLR, NULL, 0, 0);
            gone++;
        }
    }
    if (removed)
        *removed = gone;
    free(grid);
    boxaDestroy(&boxa);
    return out;
fail:
    free(grid);
    boxaDestroy(&boxa);
    pixDestroy(&out);
    return NULL;
}

int scan_text_count(PIX *bin, int dpi, int *height, int sideways)
{
    if (height)
        *height = 0;
    BOXA *boxa = pixConnCompBB(bin, 8);
    if (!boxa)
        return 0;
    /* glyph-sized: from a 5-point letter's x-height to a 48-point capital */
    int minh = px_scale(dpi, 10), maxh = px_scale(dpi, 200), maxw = px_scale(dpi, 400);
    int n = boxaGetCount(boxa), count = 0, measured = 0;
    int *hist = height ? calloc((size_t)maxh + 1, sizeof *hist) : NULL;
    for (int i = 0; i < n; i++) {
        l_int32 x, y, w, h;
        boxaGetBoxGeometry(boxa, i, &x, &y, &w, &h);
        if (h >= minh && h <= maxh && w <= maxw && w >= 2) {
            count++;
            /* lines of text running down the image: a letter's height is across */
            int along = sideways ? (w > maxh ? maxh : w) : h;
            if (hist && along >= minh) {
                hist[along]++;
                measured++;
            }
        }
    }
    boxaDestroy(&boxa);
    if (hist && measured) {
        /* The median is the x-height of the body text (letters with ascenders and capitals
         * are taller, tone marks and dots smaller and fewer). Of the shapes at least half
         * of it, the 10th percentile: the x-height of the smallest text the page holds in
         * any quantity (a paragraph of small print beside the body text), or the median. */
        int seen = 0, h = minh;
        while (h < maxh && (seen += hist[h]) * 2 < measured)
            h++;
        int letters = 0;
        for (int k = h / 2; k <= maxh; k++)
            letters += hist[k];
        int p10 = h / 2;
        for (seen = hist[p10]; p10 < h && seen * 10 < letters; seen += hist[++p10])
            ;
        *height = p10;
    }
    free(hist);
    return count;
}

/* One row of pix (8 bpp, or 1 bpp with ink set) smoothed along x with the binomial
 * 1 4 6 4 1 (edges repeated), into h (values 0..16*255); returns 1 when the row is all
 * white, then h is left as it was and must be taken as 16*255 everywhere. */
int scan_row_white(const l_uint32 *line, int w, int d)
{
    int nw = d == 1 ? (w + 31) / 32 : (w + 3) / 4, white = 1;
    for (int j = 0; j < nw && white; j++) {
        l_uint32 v = line[j];
        int last = j == nw - 1, rem = d == 1 ? w - 32 * j : 8 * (w - 4 * j); /* bits */
        l_uint32 m = !last || rem >= 32 ? 0xffffffffu : ~(0xffffffffu >> rem);
        white = d == 1 ? (v & m) == 0 : (v & m) == m;
    }
    return white;
}

static int soften_row(const l_uint32 *line, int w, int d, uint8_t *row, uint16_t *h)
{
    if (scan_row_white(line, w, d))
        return 1;
    for (int x = 0; x < w; x++)
        row[x + 2] = d == 1 ? (GET_DATA_BIT(line, x) ? 0 : 255) : GET_DATA_BYTE(line, x);
    row[0] = row[1] = row[2];
    row[w + 2] = row[w + 3] = row[w + 1];
    for (int x = 0; x < w; x++)
        h[x] = (uint16_t)(row[x] + 4 * row[x + 1] + 6 * row[x + 2] + 4 * row[x + 3] + row[x + 4]);
    return 0;
}

PIX *scan_soften(PIX *pix)
{
    int w = pixGetWidth(pix), h = pixGetHeight(pix), d = pixGetDepth(pix);
    if ((d != 1 && d != 8) || pixGetColormap(pix) || w < 1 || h < 1)
        return NULL;
    PIX *out = pixCreateNoInit(w, h, 8);
    uint8_t *row = malloc((size_t)w + 4);
    uint16_t *ring = malloc(sizeof *ring * (size_t)w * 6); /* 5 rows, then all white */
    if (!out || !row || !ring) {
        pixDestroy(&out);
        free(row);
        free(ring);
        return NULL;
    }
    pixCopyResolution(out, pix);
    uint16_t *blank = ring + (size_t)5 * w;
    for (int x = 0; x < w; x++)
        blank[x] = 16 * 255;
    int wpls = pixGetWpl(pix), wpld = pixGetWpl(out);
    l_uint32 *ds = pixGetData(pix), *dd = pixGetData(out);
    /* Ring of the 5 smoothed rows around y (row k of the image in slot k % 5); the
     * image's first and last rows repeat beyond its edges. */
    int white[5], have = -1; /* last image row smoothed into the ring */
    for (int y = 0; y < h; y++) {
        for (; have < y + 2 && have < h - 1; have++) {
            int k = have + 1;
            white[k % 5] = soften_row(ds + (size_t)k * wpls, w, d, row, ring + (size_t)(k % 5) * w);
        }
        const uint16_t *r[5];
        int allwhite = 1;
        for (int i = 0; i < 5; i++) {
            int k = y + i - 2;
            k = k < 0 ? 0 : k > h - 1 ? h - 1 : k;
            r[i] = white[k % 5] ? blank : ring + (size_t)(k % 5) * w;
            allwhite &= white[k % 5];
        }
        l_uint32 *ld = dd + (size_t)y * wpld;
        if (allwhite) {
            memset(ld, 255, (size_t)wpld * 4);
            continue;
        }
        for (int x = 0; x < w; x++) {
            int s = r[0][x] + 4 * r[1][x] + 6 * r[2][x] + 4 * r[3][x] + r[4][x] + 128;
            SET_DATA_BYTE(ld, x, s >> 8);
        }
    }
    free(row);
    free(ring);
    return out;
}
