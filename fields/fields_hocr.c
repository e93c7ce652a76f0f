/* fields_hocr.c - a page of the field extractor read from Tesseract's hOCR: its lines with
 * their boxes, ordered into rows by position, a line split where a wide gap between two
 * words parts two columns, and each part placed left or right by where it starts. The
 * rules then see the same lines as from text, plus where each one is on the page. Only
 * the hOCR that Tesseract writes is understood (spans with class and title attributes);
 * anything else gives no line. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fields_int.h"
#include "hs_vec.h"

typedef struct hword {
    int box[4];
    char *text;
} hword;

typedef struct hline {
    int box[4];
    size_t first, n; /* its words in the word array */
} hline;

typedef struct hdoc {
    hword *w;
    size_t nw, cw;
    hline *l;
    size_t nl, cl;
} hdoc;

/* needle in [s, e), or NULL: searches stay inside one tag or one word, so that a large
 * hOCR without the closing parts is not searched to its end once per tag. */
static const char *find_in(const char *s, const char *e, const char *needle)
{
    size_t n = strlen(needle);
    for (const char *p = s; p + n <= e; p++)
        if (*p == *needle && !memcmp(p, needle, n))
            return p;
    return NULL;
}

/* "bbox x0 y0 x1 y1" in a title attribute that starts at s (up to its closing quote). */
static int parse_bbox(const char *s, const char *e, int box[4])
{
    /* the title's value ends at the quote that closes it */
    const char *q = s;
    while (q < e && *q != '\'' && *q != '"')
        q++;
    const char *b = find_in(s, q, "bbox ");
    if (!b)
        return -1;
    char nums[64];
    snprintf(nums, sizeof nums, "%.*s", (int)(q - b - 5 < 63 ? q - b - 5 : 63), b + 5);
    return sscanf(nums, "%d %d %d %d", &box[0], &box[1], &box[2], &box[3]) == 4 ? 0 : -1;
}

/* The text of an element whose content starts at s: tags dropped, entities decoded, up to
 * the "</span>" that closes it. Returns a malloc'd string or NULL. */
static char *element_text(const char *s, const char **end)
{
    /* a word is short: its closing tag is near, or this is no word */
    size_t avail = strnlen(s, 4096);
    const char *e = find_in(s, s + avail, "</span>");
    if (!e)
        return NULL;
    *end = e + 7;
    char *out = malloc((size_t)(e - s) + 1);
    if (!out)
        return NULL;
    size_t w = 0;
    for (const char *p = s; p < e;) {
        if (*p == '<') {
            const char *c = memchr(p, '>', (size_t)(e - p));
            p = c ? c + 1 : e;
            continue;
        }
        if (*p == '&') {
            static const struct {
                const char *name;
                char c;
            } ents[] = {{"&amp;", '&'},  {"&lt;", '<'},   {"&gt;", '>'},
                        {"&quot;", '"'}, {"&#39;", '\''}, {"&apos;", '\''}};
            int done = 0;
            for (size_t k = 0; k < sizeof ents / sizeof ents[0] && !done; k++) {
                size_t n = strlen(ents[k].name);
                if (!strncmp(p, ents[k].name, n)) {
                    out[w++] = ents[k].c;
                    p += n;
                    done = 1;
                }
            }
            if (done)
                continue;
        }
        out[w++] = *p++;
    }
    out[w] = '\0';
    return out;
}

static int has_class(const char *tag_start, const char *tag_end, const char *cls)
{
    char a[64], b[64];
    snprintf(a, sizeof a, "class='%s'", cls);
    snprintf(b, sizeof b, "class=\"%s\"", cls);
    return find_in(tag_start, tag_end, a) || find_in(tag_start, tag_end, b);
}

static void hdoc_release(hdoc *d)
{
    for (size_t i = 0; i < d->nw; i++)
        free(d->w[i].text);
    free(d->w);
    free(d->l);
}

/* Collects the lines (ocr_line, ocr_header, ocr_caption, ocr_textfloat) and their words. */
static int hdoc_parse(hdoc *d, const char *hocr)
{
    static const char *const line_classes[] = {"ocr_line", "ocr_header", "ocr_caption",
                                               "ocr_textfloat", NULL};
    for (const char *p = strstr(hocr, "<span"); p; p = strstr(p, "<span")) {
        const char *te = find_in(p, p + strnlen(p, 1024), ">");
        if (!te) {
            p += 5;
            continue;
        }
        int is_line = 0;
        for (const char *const *c = line_classes; *c && !is_line; c++)
            is_line = has_class(p, te, *c);
        const char *title = find_in(p, te, "title=");
        if (is_line && title) {
            if (HS_VEC_RESERVE(d->l, d->cl, d->nl + 1))
                return HS_ENOMEM;
            hline *l = &d->l[d->nl];
            if (parse_bbox(title + 6 + (title[6] != 0), te, l->box) == 0) {
                l->first = d->nw;
                l->n = 0;
                d->nl++;
            }
        } else if (has_class(p, te, "ocrx_word") && title && d->nl) {
            int box[4];
            const char *end = te + 1;
            if (parse_bbox(title + 6 + (title[6] != 0), te, box) == 0) {
                char *t = element_text(te + 1, &end);
                /* a rule under a heading read as a word of underscores is no word */
                if (t && *t && !t[strspn(t, "_")]) {
                    free(t);
                    t = NULL;
                }
                if (t && *t) {
                    if (HS_VEC_RESERVE(d->w, d->cw, d->nw + 1)) {
                        free(t);
                        return HS_ENOMEM;
                    }
                    memcpy(d->w[d->nw].box, box, sizeof box);
                    d->w[d->nw++].text = t;
                    d->l[d->nl - 1].n++;
                } else {
                    free(t);
                }
            }
            p = end;
            continue;
        }
        p = te + 1;
    }
    return HS_OK;
}

static int cmp_line_y(const void *a, const void *b)
{
    const hline *x = a, *y = b;
    int cx = x->box[1] + x->box[3], cy = y->box[1] + y->box[3];
    return cx != cy ? (cx < cy ? -1 : 1) : (x->box[0] < y->box[0] ? -1 : x->box[0] > y->box[0]);
}

static int cmp_line_x(const void *a, const void *b)
{
    const hline *x = a, *y = b;
    return x->box[0] < y->box[0] ? -1 : x->box[0] > y->box[0];
}

/* Adds words [from, to) of line l as one segment of the page. */
static int add_words(fx_page *pg, const hdoc *d, size_t from, size_t to, int row, int col)
{
    size_t len = 0;
    for (size_t k = from; k < to; k++)
        len += strlen(d->w[k].text) + 1;
    char *t = malloc(len + 1);
    if (!t)
        return HS_ENOMEM;
    size_t w = 0;
    int box[4] = {d->w[from].box[0], d->w[from].box[1], d->w[from].box[2], d->w[from].box[3]};
    for (size_t k = from; k < to; k++) {
        size_t n = strlen(d->w[k].text);
        if (w)
            t[w++] = ' ';
        memcpy(t + w, d->w[k].text, n);
        w += n;
        const int *b = d->w[k].box;
        box[0] = b[0] < box[0] ? b[0] : box[0];
        box[1] = b[1] < box[1] ? b[1] : box[1];
        box[2] = b[2] > box[2] ? b[2] : box[2];
        box[3] = b[3] > box[3] ? b[3] : box[3];
    }
    t[w] = '\0';
    /* hOCR text is NFC when Tesseract wrote it; a hand-made file may not be */
    char *nfc = hs_utf8_nfc_lossy(t, w);
    free(t);
    if (!nfc)
        return HS_ENOMEM;
    int rc = fx_page_add(pg, nfc, strlen(nfc), row, col, box[0]);
    free(nfc);
    if (rc == HS_OK)
        memcpy(pg->lines[pg->n - 1].box, box, sizeof box);
    return rc;
}

/* Do words [w, end) start a place-date: up to four capitalised words, the last with a
 * comma, then "ngày" ("… của bà    Vũng Tàu, ngày 18 tháng 02 năm 2025")? */
static int place_date_at(const hdoc *d, size_t w, size_t end)
{
    for (size_t k = w; k < end && k < w + 4; k++) {
        const char *t = d->w[k].text;
        size_t n = t ? strlen(t) : 0;
        if (!n || !((unsigned char)t[0] >= 0x80 || (t[0] >= 'A' && t[0] <= 'Z')))
            return 0;
        if (t[n - 1] == ',')
            return k + 1 < end && d->w[k + 1].text &&
                   (!strncmp(d->w[k + 1].text, "ngày", strlen("ngày")) ||
                    !strncmp(d->w[k + 1].text, "ngay", 4));
    }
    return 0;
}

/* Do words [w, end) start the national motto's column ("CỘNG HÒA XÃ HỘI …", "Độc lập -
 * …"), which stands right of the issuer's block however near OCR puts the two? */
static int motto_at(const hdoc *d, size_t w, size_t end)
{
    static const char *const first[] = {"CỘNG", "Độc", "ĐỘC", NULL};
    static const char *const second[] = {"HÒA", "HOÀ", "lập", "LẬP", NULL};
    if (w + 1 >= end || !d->w[w].text || !d->w[w + 1].text)
        return 0;
    int a = 0, b = 0;
    for (size_t k = 0; first[k]; k++)
        a |= !strcmp(d->w[w].text, first[k]);
    for (size_t k = 0; second[k]; k++)
        b |= !strcmp(d->w[w + 1].text, second[k]);
    return a && b;
}

static int cmp_int(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

/* Does word start with a capital? */
static int starts_upper(const char *word)
{
    size_t i = 0, n = word ? strlen(word) : 0;
    return n && fx_cp_upper(fx_cp_next(word, n, &i));
}

/* Does word hold a small letter? A label's cell ends in one ("Nơi thường trú", "Ông
 * (bà)"); between two words in capitals a wide gap is OCR's box of a name ("VÀNG [gap] MÍ
 * SÍNH" on a low-resolution scan), not two cells. */
static int has_lower(const char *word)
{
    size_t n = word ? strlen(word) : 0;
    for (size_t i = 0; i < n;)
        if (fx_cp_lower(fx_cp_next(word, n, &i)))
            return 1;
    return 0;
}

/* The usual gap between two words of line l: the median of its gaps, 0 when it has fewer
 * than four words. */
static int usual_gap(const hdoc *d, const hline *l)
{
    int g[64];
    size_t n = 0;
    for (size_t w = l->first; w + 1 < l->first + l->n && n < 64; w++)
        g[n++] = d->w[w + 1].box[0] - d->w[w].box[2];
    if (n < 3)
        return 0;
    qsort(g, n, sizeof *g, cmp_int);
    return g[n / 2];
}

int fx_page_from_hocr(fx_page *pg, const char *hocr)
{
    pg->lines = NULL;
    pg->n = pg->cap = 0;
    hdoc d = {0};
    int rc = hdoc_parse(&d, hocr);
    if (rc || !d.nl)
        goto out;
    /* the text block: where lines start and end, and a line's usual height */
    int left = d.l[0].box[0], right = d.l[0].box[2];
    long hsum = 0;
    for (size_t i = 0; i < d.nl; i++) {
        left = d.l[i].box[0] < left ? d.l[i].box[0] : left;
        right = d.l[i].box[2] > right ? d.l[i].box[2] : right;
        hsum += d.l[i].box[3] - d.l[i].box[1];
    }
    int lh = (int)(hsum / (long)d.nl);
    if (lh < 1)
        lh = 1;
    int width = right - left > 1 ? right - left : 1;
    qsort(d.l, d.nl, sizeof *d.l, cmp_line_y);
    /* rows: lines whose middles are within half a line height, left to right */
    int row = 0, prev_bottom = -1;
    for (size_t i = 0; i < d.nl;) {
        size_t j = i + 1;
        int mid = (d.l[i].box[1] + d.l[i].box[3]) / 2, top = d.l[i].box[1], bottom = d.l[i].box[3];
        while (j < d.nl && abs((d.l[j].box[1] + d.l[j].box[3]) / 2 - mid) < lh / 2)
            j++;
        for (size_t k = i; k < j; k++) {
            top = d.l[k].box[1] < top ? d.l[k].box[1] : top;
            bottom = d.l[k].box[3] > bottom ? d.l[k].box[3] : bottom;
        }
        /* an empty line's worth of space is a blank line, as in OCR text */
        if (prev_bottom >= 0 && top - prev_bottom > lh &&
            (rc = fx_page_add(pg, "", 0, row++, 0, 0)))
            goto out;
        prev_bottom = bottom;
        /* the row's lines in x order */
        qsort(d.l + i, j - i, sizeof *d.l, cmp_line_x);
        for (size_t k = i; k < j; k++) {
            const hline *l = &d.l[k];
            size_t from = l->first, end = l->first + l->n;
            int usual = usual_gap(&d, l);
            for (size_t w = from; w < end; w++) {
                /* a gap of more than two line heights parts two columns; one of more
                 * than a line height a place-date, half of one the motto; one of nearly a
                 * line height and three usual gaps after a word in small letters two cells
                 * of a row ("Nơi thường trú [gap] tổ 7, khu 3, …", as three blanks part
                 * them in text) */
                int gap = w + 1 < end ? d.w[w + 1].box[0] - d.w[w].box[2] : 0;
                int cut =
                    w + 1 == end || gap > 2 * lh || (gap > lh && place_date_at(&d, w + 1, end)) ||
                    (gap > lh / 2 && motto_at(&d, w + 1, end)) ||
                    (usual > 0 && gap * 10 >= lh * 9 && gap >= 3 * usual && has_lower(d.w[w].text));
                /* ... and so does such a gap after a leader that closes a value another
                 * leader opened ("Người nộp hồ sơ........ NGÔ TRÍ HỮU KHANG......... [gap]
                 * Sinh ngày …"), as in text */
                if (!cut && usual > 0 && gap >= 2 * usual && d.w[w].text &&
                    fx_leader_before(d.w[w].text, strlen(d.w[w].text)))
                    for (size_t q = from; q < w && !cut; q++)
                        cut = d.w[q].text && fx_leader_before(d.w[q].text, strlen(d.w[q].text));
                /* ... and a little narrower one before a capital after a word in small
                 * letters ("Văn bằng đề nghị chỉnh sửa [gap] Bằng tốt nghiệp …": a label's cell,
                 * then its value's) */
                if (!cut && usual > 0 && gap * 10 >= lh * 8 && gap * 2 >= 5 * usual &&
                    has_lower(d.w[w].text) && starts_upper(d.w[w + 1].text))
                    cut = 1;
                if (!cut)
                    continue;
                int x0 = d.w[from].box[0];
                int col = k > i || from > l->first || (x0 - left) * 100 / width >= 27;
                if ((rc = add_words(pg, &d, from, w + 1, row, col)))
                    goto out;
                from = w + 1;
            }
        }
        row++;
        i = j;
    }
out:
    hdoc_release(&d);
    if (rc)
        fx_page_release(pg);
    return rc;
}
