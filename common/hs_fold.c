/* hs_fold.c - Vietnamese-aware folding: lower case, every diacritic removed (both marks
 * of double-marked vowels such as ầ or ợ), đ/Đ mapped to d, which Unicode does not
 * decompose. Used by the search tokenizer and wherever text is compared loosely. A
 * table built once from utf8proc covers Latin, Vietnamese and combining marks; other
 * code points are folded through utf8proc directly. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "hs_common.h"

#define FOLD_TABLE 0x2000 /* Latin, Latin Extended Additional (Vietnamese), marks */

static int32_t fold_tab[FOLD_TABLE], lower_tab[FOLD_TABLE];
static unsigned char class_tab[FOLD_TABLE];
static pthread_once_t fold_once = PTHREAD_ONCE_INIT;

static int char_class(int32_t cp)
{
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
        return HS_FOLD_WORD;
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
        return HS_FOLD_MARK;
    default:
        return HS_FOLD_SEP;
    }
}

static int32_t fold_slow(int32_t cp)
{
    if (cp == 0x0110 || cp == 0x0111) /* Đ đ */
        return 'd';
    utf8proc_int32_t buf[8];
    int last = 0;
    utf8proc_ssize_t n = utf8proc_decompose_char(
        cp, buf, 8, UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK, &last);
    if (n < 1 || n > 8)
        return cp;
    /* a letter that folds to several (ß -> ss) keeps its first; good enough for matching */
    return buf[0] == 0x0111 ? 'd' : buf[0];
}

static void fold_init(void)
{
    for (int32_t cp = 0; cp < FOLD_TABLE; cp++) {
        class_tab[cp] = (unsigned char)char_class(cp);
        fold_tab[cp] = fold_slow(cp);
        lower_tab[cp] = utf8proc_tolower(cp);
    }
}

int hs_fold_cp(int32_t cp, int32_t *folded, int32_t *lower)
{
    pthread_once(&fold_once, fold_init);
    if (cp >= 0 && cp < FOLD_TABLE) {
        *folded = fold_tab[cp];
        *lower = lower_tab[cp];
        return class_tab[cp];
    }
    *folded = fold_slow(cp);
    *lower = utf8proc_tolower(cp);
    return char_class(cp);
}

char *hs_utf8_fold(const char *s, size_t len)
{
    hs_buf b;
    hs_buf_init(&b);
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    utf8proc_ssize_t left = (utf8proc_ssize_t)len;
    while (left > 0) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
        if (n <= 0) {
            hs_buf_release(&b);
            return NULL;
        }
        p += n;
        left -= n;
        int32_t f, l;
        if (hs_fold_cp(cp, &f, &l) == HS_FOLD_MARK)
            continue;
        utf8proc_uint8_t out[4];
        utf8proc_ssize_t m = utf8proc_encode_char(f, out);
        if (hs_buf_append(&b, out, (size_t)m)) {
            hs_buf_release(&b);
            return NULL;
        }
    }
    return hs_buf_detach(&b, NULL);
}
