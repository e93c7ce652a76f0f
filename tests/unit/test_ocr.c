/* test_ocr.c - the Tesseract engine: language checks, recognition of a real page (CER
 * against ground truth), NFC output, one engine reused for many pages. */
#define _POSIX_C_SOURCE 200809L
#include <leptonica/allheaders.h>
#include <stdlib.h>
#include <utf8proc.h>

#include "hs_common.h"
#include "ocr.h"
#include "ocr_int.h"
#include "testhelp.h"

/* Character error rate over code points after collapsing whitespace, as tests/tools/cer.py. */
static int *codepoints(const char *s, size_t *n)
{
    size_t len = strlen(s);
    int *cp = malloc((len + 1) * sizeof *cp);
    size_t k = 0;
    int space = 1;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    while (*p) {
        utf8proc_int32_t c;
        utf8proc_ssize_t m = utf8proc_iterate(p, -1, &c);
        if (m <= 0)
            break;
        p += m;
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
            if (!space)
                cp[k++] = ' ';
            space = 1;
        } else {
            cp[k++] = c;
            space = 0;
        }
    }
    while (k && cp[k - 1] == ' ')
        k--;
    *n = k;
    return cp;
}

static double cer(const char *truth, const char *got)
{
    size_t n, m;
    int *a = codepoints(truth, &n), *b = codepoints(got, &m);
    size_t *prev = malloc((m + 1) * sizeof *prev), *cur = malloc((m + 1) * sizeof *cur);
    for (size_t j = 0; j <= m; j++)
        prev[j] = j;
    for (size_t i = 1; i <= n; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= m; j++) {
            size_t d = prev[j - 1] + (a[i - 1] != b[j - 1]);
            size_t x = prev[j] + 1 < cur[j - 1] + 1 ? prev[j] + 1 : cur[j - 1] + 1;
            cur[j] = d < x ? d : x;
        }
        size_t *t = prev;
        prev = cur;
        cur = t;
    }
    double r = n ? (double)prev[m] / (double)n : 0;
    free(a);
    free(b);
    free(prev);
    free(cur);
    return r;
}

static int t_lang(void)
{
    ocr_engine *e = NULL;
    hs_err err;
    T_ASSERT(ocr_engine_new("../etc", &e, &err) == HS_EINVAL && !e);
    T_ASSERT(ocr_engine_new("xyz", &e, &err) == HS_EOCR && !e);
    T_CONTAINS(err.msg, "tesseract-ocr-xyz");
    T_OK(ocr_engine_new("vie+eng", &e, &err));
    T_STREQ(ocr_engine_lang(e), "vie+eng");
    ocr_engine_free(e);
    ocr_engine_free(NULL);
    return 0;
}

static int t_recognise(void)
{
    ocr_engine *e = NULL;
    hs_err err;
    T_OK(ocr_engine_new("vie", &e, &err));
    PIX *pix = pixRead(HS_TEST_DATA "/letter_top.png");
    T_ASSERT(pix);
    char *truth = NULL;
    size_t len;
    T_OK(hs_file_read(HS_TEST_DATA "/letter_top.gt.txt", 1 << 20, &truth, &len, &err));
    /* the same engine twice: the second page must not inherit the first's state */
    for (int round = 0; round < 2; round++) {
        ocr_result r;
        T_OK(ocr_engine_page(e, pix, 300, &r, &err));
        double c = cer(truth, r.text);
        printf("round %d: cer %.4f, confidence %.1f, %d words\n", round, c, r.confidence, r.words);
        T_ASSERT(c < 0.02);
        T_ASSERT(r.confidence > 70 && r.words > 10);
        char *n = hs_utf8_nfc(r.text, strlen(r.text));
        T_STREQ(n, r.text);
        free(n);
        T_CONTAINS(r.text, "THÔNG TIN VÀ TRUYỀN THÔNG");
        ocr_result_release(&r);
    }
    /* a blank page gives no text, not an error */
    PIX *blank = pixCreate(800, 600, 8);
    pixSetAll(blank);
    ocr_result r;
    T_OK(ocr_engine_page(e, blank, 300, &r, &err));
    T_ASSERT(r.words == 0);
    ocr_result_release(&r);
    pixDestroy(&blank);
    free(truth);
    pixDestroy(&pix);
    ocr_engine_free(e);
    return 0;
}

/* Tesseract's line images kept raw (ocr_lept.c) instead of its PNG round trip: the same
 * page read both ways gives the same text, hOCR and confidences, and the raw way was taken
 * (a line image each: the count grows by at least the page's lines). */
static int t_raw_lines(void)
{
    ocr_engine *e = NULL;
    hs_err err;
    T_OK(ocr_engine_new("vie", &e, &err));
    ocr_engine_set_layout(e, 1);
    PIX *pix = pixRead(HS_TEST_DATA "/letter_top.png");
    T_ASSERT(pix);
    ocr_result png, raw;
    ocr_lept_raw(0);
    long before = ocr_lept_raw_count();
    T_OK(ocr_engine_page(e, pix, 300, &png, &err));
    T_ASSERT(ocr_lept_raw_count() == before);
    /* a fresh engine: hOCR numbers an engine's pages */
    ocr_engine_free(e);
    T_OK(ocr_engine_new("vie", &e, &err));
    ocr_engine_set_layout(e, 1);
    ocr_lept_raw(1);
    T_OK(ocr_engine_page(e, pix, 300, &raw, &err));
    long lines = ocr_lept_raw_count() - before;
    int nl = 0;
    for (const char *p = png.text; *p; p++)
        nl += *p == '\n';
    printf("%ld line images kept raw; %d text lines; %d words\n", lines, nl, raw.words);
    T_ASSERT(lines > 0 && lines >= nl / 2);
    T_ASSERT(png.hocr && raw.hocr);
    T_STREQ(raw.text, png.text);
    T_STREQ(raw.hocr, png.hocr);
    T_ASSERT(raw.words == png.words && raw.confidence == png.confidence);
    /* leptonica's other callers still get the format they ask for */
    l_uint8 *data = NULL;
    size_t n = 0;
    T_ASSERT(pixWriteMem(&data, &n, pix, IFF_PNG) == 0 && n > 8);
    T_ASSERT(!memcmp(data, "\x89PNG", 4));
    lept_free(data);
    ocr_result_release(&png);
    ocr_result_release(&raw);
    pixDestroy(&pix);
    ocr_engine_free(e);
    return 0;
}

static const t_case cases[] = {
    {"lang", t_lang}, {"recognise", t_recognise}, {"raw_lines", t_raw_lines}};

int main(int argc, char **argv)
{
    setMsgSeverity(L_SEVERITY_NONE);
    return t_run(cases, sizeof cases / sizeof cases[0], argc, argv);
}
