/* idx_tokenizer.c - "hoso_vi", the FTS5 tokenizer for Vietnamese. Every word is indexed
 * folded (lower case, no diacritics, đ -> d) so "ho so" finds "hồ sơ"; a word whose
 * accented form differs is also indexed, at the same position, as "\x01" + its lower-case
 * accented form, so that queries can rank exact matches first. Runs of digit groups
 * ("0905 118 274", "079.085.001.234") also yield the joined number, so phone and ID
 * numbers are found however they were spaced. Offsets are those of the original text,
 * so snippets show it unchanged. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "index_int.h"

#define TOK_MAX 256     /* bytes of a folded token kept; longer words are cut */
#define JOIN_MIN 9      /* joined digit runs: CMND 9, phone 10-11, CCCD 12 digits */
#define JOIN_MAX 15

typedef struct tok_state {
    void *ctx;
    int (*emit)(void *, int, const char *, int, int, int);
    int mode; /* FTS5_TOKENIZE_* flags */
    int exact_query;
    /* the digit run being joined */
    char joined[JOIN_MAX + 1];
    int jlen, groups, last_end;
} tok_state;

/* Folding of the code points below FOLD_TAB, already encoded: the inner loop then
 * copies bytes instead of calling hs_fold_cp and encoding twice per character. Filled once
 * from hs_fold_cp, so the tokens are exactly those of the code-point path. */
#define FOLD_TAB 0x2000 /* Latin, combining marks, Latin Extended Additional (Vietnamese) */
typedef struct fold_ent {
    unsigned char cls, flen, llen;
    char f[4], l[4];
} fold_ent;
static fold_ent fold_tab[FOLD_TAB];
static pthread_once_t fold_once = PTHREAD_ONCE_INIT;

static void fold_tab_init(void)
{
    for (int32_t cp = 0; cp < FOLD_TAB; cp++) {
        int32_t f = 0, l = 0;
        fold_ent *e = &fold_tab[cp];
        e->cls = (unsigned char)hs_fold_cp(cp, &f, &l);
        e->flen = (unsigned char)utf8proc_encode_char(f, (utf8proc_uint8_t *)e->f);
        e->llen = (unsigned char)utf8proc_encode_char(l, (utf8proc_uint8_t *)e->l);
    }
}

/* Appends the n bytes of one character while the token has room for any character
 * (TOK_MAX - 4): a long word is cut at the same place whatever its letters. */
static inline void put_bytes(char *buf, int *len, const char *b, int n)
{
    if (*len + 4 > TOK_MAX)
        return;
    memcpy(buf + *len, b, (size_t)n);
    *len += n;
}

/* One code point of UTF-8 at s (left > 0 bytes): its length, or -1 when the bytes are not
 * UTF-8. Accepts and refuses exactly what utf8proc_iterate does (no overlong forms, no
 * surrogates, nothing past U+10FFFF). */
static inline int utf8_next(const unsigned char *s, int left, int32_t *cp)
{
    unsigned c = s[0];
    if (c < 0x80) {
        *cp = (int32_t)c;
        return 1;
    }
    if (c < 0xc2 || c > 0xf4)
        return -1;
    if (c < 0xe0) {
        if (left < 2 || (s[1] & 0xc0) != 0x80)
            return -1;
        *cp = (int32_t)((c & 0x1f) << 6 | (s[1] & 0x3f));
        return 2;
    }
    if (c < 0xf0) {
        if (left < 3 || (s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80 ||
            (c == 0xed && s[1] > 0x9f))
            return -1;
        int32_t v = (int32_t)((c & 0x0f) << 12 | (s[1] & 0x3f) << 6 | (s[2] & 0x3f));
        if (v < 0x800)
            return -1;
        *cp = v;
        return 3;
    }
    if (left < 4 || (s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80 || (s[3] & 0xc0) != 0x80 ||
        (c == 0xf0 && s[1] < 0x90) || (c == 0xf4 && s[1] > 0x8f))
        return -1;
    *cp = (int32_t)((c & 0x07) << 18 | (s[1] & 0x3f) << 12 | (s[2] & 0x3f) << 6 | (s[3] & 0x3f));
    return 4;
}

int idx_fold_next(const char *text, int left, int *cls, const char **f, int *flen, char fbuf[4])
{
    pthread_once(&fold_once, fold_tab_init);
    int32_t cp = -1;
    int n = utf8_next((const unsigned char *)text, left, &cp);
    if (n < 0) {
        *cls = HS_FOLD_SEP; /* invalid byte: a separator */
        *flen = 0;
        return 1;
    }
    if (cp < FOLD_TAB) {
        const fold_ent *e = &fold_tab[cp];
        *cls = e->cls;
        *f = e->f;
        *flen = e->flen;
        return n;
    }
    int32_t fc = 0, lc = 0;
    *cls = hs_fold_cp(cp, &fc, &lc);
    *flen = (int)utf8proc_encode_char(fc, (utf8proc_uint8_t *)fbuf);
    *f = fbuf;
    return n;
}

/* Emits one word: text[start, end) of the original, folded and lower forms built. */
static int emit_word(tok_state *st, const char *text, int start, int end, const char *folded,
                     int flen, const char *lower, int llen, int has_mark, int all_digits)
{
    char exact[TOK_MAX + 8];
    int elen = 0;
    int differs = flen != llen || memcmp(folded, lower, (size_t)flen) != 0;
    if (differs) {
        exact[0] = '\x01';
        if (has_mark) {
            /* decomposed input (NFD): compose so that it equals the NFC form */
            utf8proc_uint8_t *c = NULL;
            utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)text + start, end - start,
                                              &c, UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                                                      UTF8PROC_CASEFOLD);
            if (n > 0 && n <= TOK_MAX) {
                memcpy(exact + 1, c, (size_t)n);
                elen = (int)n + 1;
            }
            free(c);
        }
        if (!elen) {
            memcpy(exact + 1, lower, (size_t)llen);
            elen = llen + 1;
        }
    }
    int rc;
    if (st->mode & FTS5_TOKENIZE_QUERY) {
        if (st->exact_query && differs)
            return st->emit(st->ctx, 0, exact, elen, start, end);
        return st->emit(st->ctx, 0, folded, flen, start, end);
    }
    if ((rc = st->emit(st->ctx, 0, folded, flen, start, end)) != SQLITE_OK)
        return rc;
    if (differs && (rc = st->emit(st->ctx, FTS5_TOKEN_COLOCATED, exact, elen, start, end)))
        return rc;
    /* digit runs separated by one space, dot or hyphen */
    if (all_digits) {
        int joinable = st->jlen > 0 && start - st->last_end == 1 &&
                       strchr(" .-", text[st->last_end]) != NULL;
        if (!joinable) {
            st->jlen = 0;
            st->groups = 0;
        }
        if (st->jlen + flen <= JOIN_MAX) {
            memcpy(st->joined + st->jlen, folded, (size_t)flen);
            st->jlen += flen;
            st->groups++;
            if (st->groups >= 2 && st->jlen >= JOIN_MIN &&
                (rc = st->emit(st->ctx, FTS5_TOKEN_COLOCATED, st->joined, st->jlen, start, end)))
                return rc;
        } else {
            st->jlen = 0;
            st->groups = 0;
        }
        st->last_end = end;
    } else {
        st->jlen = 0;
        st->groups = 0;
    }
    return SQLITE_OK;
}

static int tokenize(Fts5Tokenizer *self, void *ctx, int flags, const char *text, int ntext,
                    int (*emit)(void *, int, const char *, int, int, int))
{
    (void)self;
    tok_state st = {.ctx = ctx, .emit = emit, .mode = flags};
    int i = 0;
    /* A query string that starts with \x01 asks for accented (exact) tokens. */
    if ((flags & FTS5_TOKENIZE_QUERY) && ntext > 0 && text[0] == '\x01') {
        st.exact_query = 1;
        i = 1;
    }
    pthread_once(&fold_once, fold_tab_init);
    const unsigned char *u = (const unsigned char *)text;
    char folded[TOK_MAX], lower[TOK_MAX];
    int flen = 0, llen = 0, start = -1, has_mark = 0, all_digits = 1;
    while (i <= ntext) {
        int32_t cp = -1;
        int n = 1, cls = HS_FOLD_SEP;
        const char *fb = NULL, *lb = NULL;
        int fn = 0, ln = 0;
        char fbuf[4], lbuf[4];
        if (i < ntext) {
            n = utf8_next(u + i, ntext - i, &cp);
            if (n < 0) {
                n = 1;
                cp = -1; /* invalid byte: a separator */
            } else if (cp < FOLD_TAB) {
                const fold_ent *e = &fold_tab[cp];
                cls = e->cls;
                fb = e->f;
                fn = e->flen;
                lb = e->l;
                ln = e->llen;
            } else {
                int32_t f = 0, l = 0;
                cls = hs_fold_cp(cp, &f, &l);
                fn = (int)utf8proc_encode_char(f, (utf8proc_uint8_t *)fbuf);
                ln = (int)utf8proc_encode_char(l, (utf8proc_uint8_t *)lbuf);
                fb = fbuf;
                lb = lbuf;
            }
        }
        if (cls == HS_FOLD_MARK && start < 0)
            cls = HS_FOLD_SEP; /* a mark with no base letter */
        if (cls == HS_FOLD_SEP) {
            if (start >= 0 && flen > 0) {
                int rc = emit_word(&st, text, start, i, folded, flen, lower, llen, has_mark,
                                   all_digits);
                if (rc != SQLITE_OK)
                    return rc;
            }
            start = -1;
            flen = llen = has_mark = 0;
            all_digits = 1;
        } else {
            if (start < 0)
                start = i;
            if (cls == HS_FOLD_MARK) {
                /* kept as written (its own bytes) in the accented form */
                has_mark = 1;
                put_bytes(lower, &llen, text + i, n);
            } else {
                put_bytes(folded, &flen, fb, fn);
                put_bytes(lower, &llen, lb, ln);
                if (cp < '0' || cp > '9')
                    all_digits = 0;
            }
        }
        i += n;
    }
    return SQLITE_OK;
}

static int tok_create(void *ud, const char **argv, int argc, Fts5Tokenizer **out)
{
    (void)ud;
    (void)argv;
    if (argc > 0)
        return SQLITE_ERROR;
    /* stateless: any non-NULL handle will do */
    static int handle;
    *out = (Fts5Tokenizer *)&handle;
    return SQLITE_OK;
}

static void tok_delete(Fts5Tokenizer *t)
{
    (void)t;
}

static fts5_api *fts5_api_get(sqlite3 *db)
{
    fts5_api *api = NULL;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
        sqlite3_step(st);
    }
    sqlite3_finalize(st);
    return api;
}

int idx_register(idx_db *db, hs_err *err)
{
    fts5_api *api = fts5_api_get(db->db);
    if (!api || api->iVersion < 2)
        return hs_err_set(err, HS_EDB, 0, "index: this SQLite has no FTS5");
    static fts5_tokenizer tok = {tok_create, tok_delete, tokenize};
    if (api->xCreateTokenizer(api, "hoso_vi", NULL, &tok, NULL) != SQLITE_OK)
        return idx_fail(db, err, "cannot register the hoso_vi tokenizer");
    int rc = idx_rank_register(db, api, err);
    return rc ? rc : idx_functions_register(db, err);
}
