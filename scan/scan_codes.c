/* scan_codes.c - barcodes and QR codes on a page (zbar): the dossier code of a one-stop
 * receipt's QR, hoso's own cover and separator sheets. Read on the archival image before
 * OCR. A page of 250 dpi or more is halved first and every other line is scanned: a QR
 * module of a printed receipt is still 5 pixels or more, a Code 128 narrow bar of 0.33 mm
 * 2, and zbar's time grows with the pixels it scans (bench/codes: 2.6% of the OCR time;
 * a second, full-resolution pass for denser barcodes doubled that). */
#define _POSIX_C_SOURCE 200809L
#include <leptonica/allheaders.h>
#include <stdlib.h>
#include <string.h>
#include <zbar.h>

#include "scan.h"

/* Lines scanned: every SCAN_CODES_DENSITY-th across and down (zbar's default is every
 * one). A QR module of a printed receipt is 4 pixels or more at 150 dpi. */
#ifndef SCAN_CODES_DENSITY
#define SCAN_CODES_DENSITY 2
#endif

void scan_codes_free(scan_code *codes, int n)
{
    for (int i = 0; codes && i < n; i++)
        free(codes[i].data);
    free(codes);
}

/* Runs zbar over an 8-bit grey pix; appends what it finds to *codes, coordinates scaled
 * by scale back to the page's. */
static int read_codes(PIX *g, int scale, int qr, int xdensity, int ydensity, scan_code **codes,
                      int *n, hs_err *err)
{
    int w = pixGetWidth(g), h = pixGetHeight(g), wpl = pixGetWpl(g), rc = HS_OK;
    unsigned char *buf = malloc((size_t)w * (size_t)h);
    zbar_image_scanner_t *sc = zbar_image_scanner_create();
    zbar_image_t *img = zbar_image_create();
    if (!buf || !sc || !img) {
        rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
        goto out;
    }
    l_uint32 *data = pixGetData(g);
    for (int y = 0; y < h; y++) {
        l_uint32 *line = data + (size_t)y * (size_t)wpl;
        for (int x = 0; x < w; x++)
            buf[(size_t)y * (size_t)w + (size_t)x] = (unsigned char)GET_DATA_BYTE(line, x);
    }
    /* QR codes and the linear codes receipts and forms print; the others only cost time
     * and find codes in noise */
    zbar_image_scanner_set_config(sc, ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
    zbar_image_scanner_set_config(sc, ZBAR_QRCODE, ZBAR_CFG_ENABLE, qr);
    /* scan every density-th line across and down: a code is many lines tall */
    zbar_image_scanner_set_config(sc, ZBAR_NONE, ZBAR_CFG_X_DENSITY, xdensity);
    zbar_image_scanner_set_config(sc, ZBAR_NONE, ZBAR_CFG_Y_DENSITY, ydensity);
    zbar_image_scanner_set_config(sc, ZBAR_CODE128, ZBAR_CFG_ENABLE, 1);
    zbar_image_scanner_set_config(sc, ZBAR_CODE39, ZBAR_CFG_ENABLE, 1);
    zbar_image_set_format(img, zbar_fourcc('Y', '8', '0', '0'));
    zbar_image_set_size(img, (unsigned)w, (unsigned)h);
    zbar_image_set_data(img, buf, (unsigned long)w * (unsigned long)h, NULL);
    if (zbar_scan_image(sc, img) < 0) {
        rc = hs_err_set(err, HS_EFORMAT, 0, "barcodes: the page could not be scanned");
        goto out;
    }
    for (const zbar_symbol_t *s = zbar_image_first_symbol(img); s; s = zbar_symbol_next(s)) {
        const char *d = zbar_symbol_get_data(s);
        unsigned len = zbar_symbol_get_data_length(s);
        /* a code's text goes into dossier.json: valid UTF-8 only, and not too long */
        if (!d || len == 0 || len > 4096 || !hs_utf8_valid(d, len))
            continue;
        scan_code *v = realloc(*codes, (size_t)(*n + 1) * sizeof *v);
        if (!v) {
            rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
            goto out;
        }
        *codes = v;
        scan_code *c = &v[*n];
        memset(c, 0, sizeof *c);
        snprintf(c->type, sizeof c->type, "%s", zbar_get_symbol_name(zbar_symbol_get_type(s)));
        if (!(c->data = malloc(len + 1))) {
            rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
            goto out;
        }
        memcpy(c->data, d, len);
        c->data[len] = '\0';
        c->x0 = c->y0 = 1 << 30;
        unsigned np = zbar_symbol_get_loc_size(s);
        for (unsigned i = 0; i < np; i++) {
            int x = zbar_symbol_get_loc_x(s, i) * scale, y = zbar_symbol_get_loc_y(s, i) * scale;
            c->x0 = x < c->x0 ? x : c->x0;
            c->y0 = y < c->y0 ? y : c->y0;
            c->x1 = x > c->x1 ? x : c->x1;
            c->y1 = y > c->y1 ? y : c->y1;
        }
        if (np == 0)
            c->x0 = c->y0 = 0;
        (*n)++;
    }
out:
    if (img) {
        zbar_image_set_data(img, NULL, 0, NULL);
        zbar_image_destroy(img);
    }
    if (sc)
        zbar_image_scanner_destroy(sc);
    free(buf);
    return rc;
}

int scan_page_codes(struct Pix *pix, int dpi, scan_code **codes, int *n, hs_err *err)
{
    *codes = NULL;
    *n = 0;
    PIX *g = pixGetDepth(pix) == 8 && !pixGetColormap(pix) ? pixClone(pix) : pixConvertTo8(pix, 0);
    if (!g)
        return hs_err_set(err, HS_ENOMEM, 0, "barcodes: cannot convert the page");
    int scale = 1;
    if (dpi >= 250) {
        PIX *half = pixScaleAreaMap2(g);
        if (half) {
            pixDestroy(&g);
            g = half;
            scale = 2;
        }
    }
    int rc = read_codes(g, scale, 1, SCAN_CODES_DENSITY, SCAN_CODES_DENSITY, codes, n, err);
    pixDestroy(&g);
    if (rc) {
        scan_codes_free(*codes, *n);
        *codes = NULL;
        *n = 0;
    }
    return rc;
}
