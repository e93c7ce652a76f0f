/* idx_tokenizer.c - "hoso_vi", the FTS5 tokenizer for Vietnamese. Every word is indexed
 * folded (lower case, no diacritics, đ -> d) so "ho so" finds "hồ sơ"; a word whose
 * accented form differs is also indexed, at the same position, as "\x01" + its lower-case
 * accented form, so that queries can rank exact matches first. Runs of digit groups
 * ("0905 118 274", "079.085.001.234") also yield the joined number, so phone and ID
 * numbers are found however they were spaced. Offsets are those of the original text,
 * so snippets show it unchanged. */
#define _POSIX_C_SOURCE 200809L
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

static int put_cp(char *buf, int *len, int32_t cp)
{
    if (*len + 4 > TOK_MAX)
        return 0;
    *len += (int)utf8proc_encode_char(cp, (utf8proc_uint8_t *)buf + *len);
    return 1;
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
    char folded[TOK_MAX], lower[TOK_MAX];
    int flen = 0, llen = 0, start = -1, has_mark = 0, all_digits = 1;
    while (i <= ntext) {
        utf8proc_int32_t cp = -1;
        int n = 1;
        if (i < ntext) {
            n = (int)utf8proc_iterate((const utf8proc_uint8_t *)text + i, ntext - i, &cp);
            if (n <= 0) {
                n = 1;
                cp = -1; /* invalid byte: a separator */
            }
        }
        int32_t f = 0, l = 0;
        int cls = cp >= 0 ? hs_fold_cp(cp, &f, &l) : HS_FOLD_SEP;
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
                has_mark = 1;
                put_cp(lower, &llen, cp);
            } else {
                put_cp(folded, &flen, f);
                put_cp(lower, &llen, l);
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
