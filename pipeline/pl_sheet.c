/* pl_sheet.c - printed sheets that split a stack of pages into dossiers: a cover sheet per
 * dossier (its code as a QR code, "HOSO:CODE", and in large type) and a separator sheet
 * (a QR code "PATCHT", after Paperless-ngx's PATCH-T sheet). The PDF is written by hand:
 * vector squares for the QR modules (sharp at any printer resolution) and the standard
 * Helvetica font for the ASCII text, so nothing needs embedding. Also how a code read on
 * a page is told apart: a cover sheet, a separator, or a receipt's dossier code. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pipeline.h"

#define A4_W 595
#define A4_H 842

/* The QR code of text as PDF squares, side mm wide, centred at (cx, top) downwards. */
static int qr_draw(hs_buf *c, const char *text, double side_pt, double cx, double top)
{
    QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_H, QR_MODE_8, 1);
    if (!q)
        return HS_ENOMEM;
    double m = side_pt / q->width, x0 = cx - side_pt / 2;
    int rc = hs_buf_puts(c, "0 g\n");
    for (int y = 0; y < q->width && rc == HS_OK; y++)
        for (int x = 0; x < q->width && rc == HS_OK; x++)
            if (q->data[y * q->width + x] & 1)
                rc = hs_buf_printf(c, "%.2f %.2f %.2f %.2f re\n", x0 + x * m,
                                   top - (y + 1) * m, m + 0.01, m + 0.01);
    if (rc == HS_OK)
        rc = hs_buf_puts(c, "f\n");
    QRcode_free(q);
    return rc;
}

/* Helvetica-Bold's advance widths (thousandths of an em) of what codes and the sheets'
 * words are made of; other characters count as a capital. */
static double glyph_width(char ch)
{
    if (ch >= '0' && ch <= '9')
        return 556;
    if (ch >= 'a' && ch <= 'z')
        return strchr("ijl", ch) ? 278 : strchr("mw", ch) ? 889 : strchr("frt", ch) ? 389 : 590;
    switch (ch) {
    case '.':
    case ' ':
    case '\'':
        return 278;
    case '-':
        return 333;
    case '_':
        return 556;
    default:
        return 722;
    }
}

/* One line of ASCII text centred at cx. */
static int text_centred(hs_buf *c, const char *s, double size, double cx, double y)
{
    double w = 0;
    for (const char *p = s; *p; p++)
        w += glyph_width(*p) * size / 1000;
    int rc = hs_buf_printf(c, "BT /F1 %.1f Tf %.2f %.2f Td (", size, cx - w / 2, y);
    for (const char *p = s; *p && rc == HS_OK; p++) {
        char ch = *p;
        if (ch == '(' || ch == ')' || ch == '\\')
            rc = hs_buf_printf(c, "\\%c", ch);
        else
            rc = hs_buf_printf(c, "%c", (ch >= 32 && ch < 127) ? ch : '?');
    }
    return rc ? rc : hs_buf_puts(c, ") Tj ET\n");
}

/* The drawing of one sheet: code NULL is a separator. */
static int sheet_content(hs_buf *c, const char *code)
{
    char qr[128];
    int rc;
    double cx = A4_W / 2.0;
    if (code) {
        snprintf(qr, sizeof qr, "HOSO:%s", code);
        double em = 0;
        for (const char *p = code; *p; p++)
            em += glyph_width(*p) / 1000;
        double size = 500.0 / em; /* the code as large as the width allows, up to 60 pt */
        if (size > 60)
            size = 60;
        if ((rc = text_centred(c, "HO SO - COVER SHEET", 22, cx, 770)) ||
            (rc = qr_draw(c, qr, 200, cx, 720)) || (rc = text_centred(c, code, size, cx, 470)) ||
            (rc = text_centred(c, "Place this sheet on top of the dossier's pages.", 11, cx, 420)) ||
            (rc = qr_draw(c, qr, 90, cx, 200)))
            return rc;
        return text_centred(c, code, 12, cx, 90);
    }
    /* a separator: the code twice (either end up), and the bars of a patch sheet */
    if ((rc = text_centred(c, "SEPARATOR - PATCH T", 26, cx, 770)) ||
        (rc = qr_draw(c, "PATCHT", 180, cx, 720)) ||
        (rc = text_centred(c, "A new dossier starts after this sheet.", 11, cx, 505)) ||
        (rc = hs_buf_puts(c, "0 g 150 300 50 180 re 230 300 50 180 re 310 300 18 180 re "
                             "350 300 18 180 re f\n")) ||
        (rc = qr_draw(c, "PATCHT", 120, cx, 250)))
        return rc;
    return HS_OK;
}

int pl_sheets_pdf(const char *const *codes, int n, int separator, char **out, size_t *outlen,
                  hs_err *err)
{
    *out = NULL;
    *outlen = 0;
    int pages = n + (separator ? 1 : 0), rc = HS_OK;
    if (pages == 0)
        return hs_err_set(err, HS_EINVAL, 0, "sheet: no sheet to print");
    for (int i = 0; i < n; i++)
        if (!pl_code_valid(codes[i]))
            return hs_err_set(err, HS_EINVAL, 0, "sheet: bad dossier code '%s'", codes[i]);
    /* objects: 1 catalog, 2 pages, 3 font, then per page: page, content */
    long *off = calloc((size_t)(3 + 2 * pages + 1), sizeof *off);
    hs_buf b, c;
    hs_buf_init(&b);
    hs_buf_init(&c);
    if (!off) {
        rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
        goto out;
    }
    rc = hs_buf_puts(&b, "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n");
    off[1] = (long)b.len;
    rc = rc ? rc : hs_buf_puts(&b, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
    off[2] = (long)b.len;
    rc = rc ? rc : hs_buf_printf(&b, "2 0 obj\n<< /Type /Pages /Count %d /Kids [", pages);
    for (int p = 0; p < pages && rc == HS_OK; p++)
        rc = hs_buf_printf(&b, " %d 0 R", 4 + 2 * p);
    rc = rc ? rc : hs_buf_puts(&b, " ] >>\nendobj\n");
    off[3] = (long)b.len;
    rc = rc ? rc
            : hs_buf_puts(&b, "3 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont "
                              "/Helvetica-Bold /Encoding /WinAnsiEncoding >>\nendobj\n");
    for (int p = 0; p < pages && rc == HS_OK; p++) {
        c.len = 0;
        if (c.data)
            c.data[0] = '\0';
        if ((rc = sheet_content(&c, p < n ? codes[p] : NULL)))
            break;
        off[4 + 2 * p] = (long)b.len;
        rc = hs_buf_printf(&b,
                           "%d 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] "
                           "/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>\nendobj\n",
                           4 + 2 * p, A4_W, A4_H, 5 + 2 * p);
        off[5 + 2 * p] = (long)b.len;
        rc = rc ? rc
                : hs_buf_printf(&b, "%d 0 obj\n<< /Length %zu >>\nstream\n", 5 + 2 * p, c.len);
        rc = rc ? rc : hs_buf_append(&b, c.data, c.len);
        rc = rc ? rc : hs_buf_puts(&b, "\nendstream\nendobj\n");
    }
    if (rc == HS_OK) {
        long xref = (long)b.len;
        int nobj = 3 + 2 * pages + 1;
        rc = hs_buf_printf(&b, "xref\n0 %d\n0000000000 65535 f \n", nobj);
        for (int i = 1; i < nobj && rc == HS_OK; i++)
            rc = hs_buf_printf(&b, "%010ld 00000 n \n", off[i]);
        rc = rc ? rc
                : hs_buf_printf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%ld\n%%%%EOF\n",
                                nobj, xref);
    }
    if (rc) {
        rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
        goto out;
    }
    *out = hs_buf_detach(&b, outlen);
out:
    hs_buf_release(&b);
    hs_buf_release(&c);
    free(off);
    return rc;
}

/* A dossier code inside text: the national one-stop shape, digits and dots then "-H" ...,
 * e.g. "000.27.30.H34-200311-0015"; the longest run of code characters holding one. */
static int find_code(const char *s, char code[PL_CODE_MAX])
{
    for (const char *p = s; *p; p++) {
        size_t n = 0;
        while ((p[n] >= '0' && p[n] <= '9') || (p[n] >= 'A' && p[n] <= 'Z') ||
               (p[n] >= 'a' && p[n] <= 'z') || p[n] == '.' || p[n] == '-' || p[n] == '_')
            n++;
        if (n >= 12 && n < PL_CODE_MAX) {
            /* digits.digits ... -YYMMDD-NNNN */
            const char *dash = memchr(p, '-', n);
            int dots = 0;
            for (size_t i = 0; i < n; i++)
                dots += p[i] == '.';
            if (dash && dots >= 2 && p[n - 5] == '-' && p[n - 4] >= '0' && p[n - 4] <= '9') {
                memcpy(code, p, n);
                code[n] = '\0';
                if (pl_code_valid(code))
                    return 1;
            }
        }
        if (n)
            p += n - 1;
    }
    return 0;
}

int pl_sheet_kind(const char *data, char code[PL_CODE_MAX])
{
    code[0] = '\0';
    if (!data)
        return PL_SHEET_NONE;
    if (!strcmp(data, "PATCHT") || !strcmp(data, "PATCH T") || !strcmp(data, "PATCH-T"))
        return PL_SHEET_SEPARATOR;
    if (!strncmp(data, "HOSO:", 5) && strlen(data + 5) < PL_CODE_MAX && pl_code_valid(data + 5)) {
        strcpy(code, data + 5);
        return PL_SHEET_COVER;
    }
    return find_code(data, code) ? PL_SHEET_RECEIPT : PL_SHEET_NONE;
}
