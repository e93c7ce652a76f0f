/* idx_rank.c - ranking and snippets that cost little per matching page.
 *
 * FTS5's bm25() counts, for every query, how many pages hold each phrase by scanning the
 * phrase's whole doclist, and its snippet() re-runs the query per page. For common words
 * in a large archive both dominate the search time. Here the inverse document frequency
 * comes from a bounded count of each token's newest pages (token_pages) and is passed to
 * hs_rank() as weights; snippets are cut from the page text with the same folding as the tokenizer. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "index_int.h"

#define BM25_K1 1.2

/* hs_rank(page_text, w0, w1, ...): BM25 with weight wi (the IDF) for phrase i, and no
 * document length normalisation (b = 0): a page is a page, and reading each page's length
 * would cost a table lookup per matching page. Negative like bm25(), so that ORDER BY
 * ascending puts the best first. */
static void hs_rank(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int nval,
                    sqlite3_value **val)
{
    int nphrase = api->xPhraseCount(fts);
    int tf[64] = {0};
    int ninst = 0;
    if (api->xInstCount(fts, &ninst) != SQLITE_OK) {
        sqlite3_result_error(ctx, "hs_rank: cannot read the match", -1);
        return;
    }
    for (int i = 0; i < ninst; i++) {
        int ph, col, off;
        if (api->xInst(fts, i, &ph, &col, &off) == SQLITE_OK && ph >= 0 && ph < 64)
            tf[ph]++;
    }
    double score = 0;
    for (int p = 0; p < nphrase && p < 64 && p < nval; p++)
        if (tf[p])
            score += sqlite3_value_double(val[p]) * tf[p] * (BM25_K1 + 1) / (tf[p] + BM25_K1);
    sqlite3_result_double(ctx, -score);
}

int idx_rank_register(idx_db *db, fts5_api *api, hs_err *err)
{
    if (api->xCreateFunction(api, "hs_rank", NULL, hs_rank, NULL) != SQLITE_OK)
        return idx_fail(db, err, "cannot register hs_rank");
    return HS_OK;
}

/* Splits text into folded tokens as the tokenizer does; calls fn for each with its byte
 * offsets in text. */
typedef int (*tok_fn)(void *ud, const char *tok, int len, int start, int end);

/* ASCII as idx_fold_next folds it, looked up without a call: most bytes of Vietnamese
 * text, and snippets fold every page they show */
typedef struct ascii_fold {
    int cls, flen;
    char f[4];
} ascii_fold;
static ascii_fold ascii[128];
static pthread_once_t ascii_once = PTHREAD_ONCE_INIT;

static void ascii_init(void)
{
    for (int c = 0; c < 128; c++) {
        char ch = (char)c, fbuf[4];
        const char *f = NULL;
        idx_fold_next(&ch, 1, &ascii[c].cls, &f, &ascii[c].flen, fbuf);
        if (ascii[c].flen > 4)
            ascii[c].flen = 4;
        if (f && ascii[c].flen > 0)
            memcpy(ascii[c].f, f, (size_t)ascii[c].flen);
    }
}

static int fold_tokens(const char *text, int ntext, tok_fn fn, void *ud)
{
    char buf[256];
    int blen = 0, start = -1, i = 0;
    pthread_once(&ascii_once, ascii_init);
    while (i <= ntext) {
        int n = 1, cls = HS_FOLD_SEP, flen = 0;
        const char *f = NULL;
        char fbuf[4];
        unsigned char ch = i < ntext ? (unsigned char)text[i] : 0;
        if (i < ntext && ch < 0x80) {
            cls = ascii[ch].cls;
            f = ascii[ch].f;
            flen = ascii[ch].flen;
        } else if (i < ntext) {
            n = idx_fold_next(text + i, ntext - i, &cls, &f, &flen, fbuf);
        }
        if (cls == HS_FOLD_MARK && start < 0)
            cls = HS_FOLD_SEP;
        if (cls == HS_FOLD_SEP) {
            if (start >= 0 && blen > 0) {
                int rc = fn(ud, buf, blen, start, i);
                if (rc)
                    return rc;
            }
            start = -1;
            blen = 0;
        } else {
            if (start < 0)
                start = i;
            if (cls == HS_FOLD_WORD && blen + 4 <= (int)sizeof buf) {
                memcpy(buf + blen, f, (size_t)flen);
                blen += flen;
            }
        }
        i += n;
    }
    return 0;
}

typedef struct qtok {
    char *tok;
    int len, prefix;
} qtok;

struct idx_terms {
    qtok v[256];
    int n;
};

static int add_qtok(void *ud, const char *tok, int len, int start, int end)
{
    (void)start;
    (void)end;
    idx_terms *t = ud;
    if (t->n >= 256)
        return 0;
    t->v[t->n].tok = strndup(tok, (size_t)len);
    t->v[t->n].len = len;
    t->v[t->n].prefix = 0;
    t->n++;
    return t->v[t->n - 1].tok ? 0 : HS_ENOMEM;
}

idx_terms *idx_terms_new(void)
{
    return calloc(1, sizeof(idx_terms));
}

int idx_terms_add(idx_terms *t, const char *text, int prefix)
{
    int first = t->n;
    int rc = fold_tokens(text, (int)strlen(text), add_qtok, t);
    if (prefix && t->n > first)
        t->v[t->n - 1].prefix = 1;
    return rc;
}

void idx_terms_free(idx_terms *t)
{
    if (!t)
        return;
    for (int i = 0; i < t->n; i++)
        free(t->v[i].tok);
    free(t);
}

/* The counts of recent queries' tokens, per connection: an archivist's next query often
 * shares words with the last, and in `hoso serve` every pool thread answers many. They
 * hold while the index is unchanged: the same page count, no commit by another connection
 * (PRAGMA data_version) and no change by this one (sqlite3_total_changes). */
#define DF_SLOTS 128
#define DF_TOK 48

typedef struct df_ent {
    char tok[DF_TOK];
    int len, prefix;
    long df;
} df_ent;

/* Page ids are dense from a base in each slot of 2^40 ids: slot 0 holds a home's own
 * pages, slot K those of shard K of `batch --shard K/N`, which merge keeps (their full-text
 * segments are copied whole, idx_segments.c). A slot's pages are then its top id less its
 * base, which gives the page count, and how many pages are as new as a page or newer,
 * with two b-tree lookups a slot instead of counting rows. */
#define ID_SLOT_BITS 40
#define ID_SLOTS_MAX 4096

typedef struct id_slot {
    long long base, top;
} id_slot;

struct idx_dfcache {
    sqlite3_stmt *count, *version;
    long long stamp[3];
    df_ent e[DF_SLOTS];
    int n, next;
    id_slot *slots; /* ascending; filled with the stamp */
    int nslots;
    long long pages;
};

void idx_dfcache_free(struct idx_dfcache *c)
{
    if (!c)
        return;
    sqlite3_finalize(c->count);
    sqlite3_finalize(c->version);
    free(c->slots);
    free(c);
}

/* The slots in use and their tops; c->pages their pages. */
static int fill_slots(idx_db *db, struct idx_dfcache *c, hs_err *err)
{
    c->nslots = 0;
    c->pages = 0;
    if (!c->slots && !(c->slots = malloc(ID_SLOTS_MAX * sizeof *c->slots)))
        return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    long long next = 0;
    while (c->nslots < ID_SLOTS_MAX) {
        long long lo =
            idx_one_int(db->db, "SELECT coalesce(min(id), -1) FROM pages WHERE id >= ?1", next, 0);
        if (lo < 0)
            break;
        long long slot = lo >> ID_SLOT_BITS, base = slot << ID_SLOT_BITS;
        long long top =
            slot >= (1LL << (62 - ID_SLOT_BITS))
                ? idx_one_int(db->db, "SELECT coalesce(max(id), -1) FROM pages", 0, 0)
                : idx_one_int(db->db, "SELECT coalesce(max(id), -1) FROM pages WHERE id < ?1",
                              base + (1LL << ID_SLOT_BITS), 0);
        c->slots[c->nslots++] = (id_slot){base, top};
        c->pages += top - base;
        if (slot >= (1LL << (62 - ID_SLOT_BITS)))
            break;
        next = base + (1LL << ID_SLOT_BITS);
    }
    return HS_OK;
}

/* Pages with an id of oldest or above. */
static long long pages_from(const struct idx_dfcache *c, long long oldest)
{
    long long n = 0;
    for (int i = c->nslots - 1; i >= 0; i--) {
        const id_slot *s = &c->slots[i];
        if (s->top < oldest)
            break;
        n += oldest > s->base ? s->top - oldest + 1 : s->top - s->base;
    }
    return n;
}

/* The connection's cache, emptied when the index has changed since it was filled. */
static struct idx_dfcache *dfcache(idx_db *db, hs_err *err)
{
    struct idx_dfcache *c = db->df;
    if (!c) {
        if (!(c = db->df = calloc(1, sizeof *c))) {
            hs_err_set(err, HS_ENOMEM, 0, "out of memory");
            return NULL;
        }
        if (sqlite3_prepare_v3(db->db,
                               "SELECT count(*), min(rowid) FROM (SELECT rowid FROM page_text "
                               "WHERE page_text MATCH ?1 ORDER BY rowid DESC LIMIT ?2)",
                               -1, SQLITE_PREPARE_PERSISTENT, &c->count, NULL) ||
            sqlite3_prepare_v3(db->db, "PRAGMA data_version", -1, SQLITE_PREPARE_PERSISTENT,
                               &c->version, NULL)) {
            idx_fail(db, err, "term weight");
            idx_dfcache_free(c);
            db->df = NULL;
            return NULL;
        }
    }
    long long stamp[3] = {idx_one_int(db->db, "SELECT coalesce(max(id), -1) FROM pages", 0, 0), -1,
                          sqlite3_total_changes64(db->db)};
    sqlite3_reset(c->version);
    if (sqlite3_step(c->version) == SQLITE_ROW)
        stamp[1] = sqlite3_column_int64(c->version, 0);
    sqlite3_reset(c->version);
    if (memcmp(stamp, c->stamp, sizeof stamp) != 0 || !c->slots) {
        c->n = c->next = 0;
        if (fill_slots(db, c, err))
            return NULL;
        memcpy(c->stamp, stamp, sizeof stamp);
    }
    return c;
}

int idx_page_count(idx_db *db, long *npages, hs_err *err)
{
    struct idx_dfcache *c = dfcache(db, err);
    if (!c)
        return err->code;
    *npages = (long)c->pages;
    return HS_OK;
}

/* How many pages hold the token (a prefix: any token it begins), counted exactly up to
 * IDX_DF_SAMPLE and estimated beyond. fts5vocab's counts would be exact, but it finds
 * them by reading the token's whole doclist, at every query: 80-90% of the time of a
 * search for common words at 100 000 pages (docs/BENCHMARKS.md). Here FTS5 walks back
 * from the newest page and stops at the IDX_DF_SAMPLE-th match; the span of page numbers
 * those cover gives the token's density, and so its count over the whole index, to a few
 * per cent, which is all an IDF needs. Small archives and rare tokens get exact counts. */
#define IDX_DF_SAMPLE 1000

static int token_pages(idx_db *db, struct idx_dfcache *c, const char *tok, int len, int prefix,
                       long npages, long *df, hs_err *err)
{
    for (int i = 0; i < c->n; i++)
        if (c->e[i].len == len && c->e[i].prefix == prefix &&
            memcmp(c->e[i].tok, tok, (size_t)len) == 0) {
            *df = c->e[i].df;
            return HS_OK;
        }
    char expr[600];
    /* tokens are folded letters and digits: quoted, they are one FTS5 string */
    snprintf(expr, sizeof expr, "\"%.*s\"%s", len > 512 ? 512 : len, tok, prefix ? "*" : "");
    sqlite3_stmt *st = c->count;
    sqlite3_reset(st);
    sqlite3_bind_text(st, 1, expr, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 2, IDX_DF_SAMPLE);
    *df = 0;
    if (sqlite3_step(st) != SQLITE_ROW)
        return idx_fail(db, err, "term weight");
    long n = (long)sqlite3_column_int64(st, 0);
    sqlite3_int64 oldest = sqlite3_column_int64(st, 1);
    sqlite3_reset(st);
    if (n < IDX_DF_SAMPLE || npages <= 0 || oldest <= 0) {
        *df = n;
    } else {
        double span = (double)pages_from(c, oldest);
        double est = span > 0 ? (double)n * (double)npages / span : (double)n;
        *df = est > (double)npages ? npages : (long)est;
    }
    if (len < DF_TOK) {
        df_ent *e = &c->e[c->next];
        memcpy(e->tok, tok, (size_t)len);
        e->len = len;
        e->prefix = prefix;
        e->df = *df;
        c->next = (c->next + 1) % DF_SLOTS;
        if (c->n < DF_SLOTS)
            c->n++;
    }
    return HS_OK;
}

int idx_term_weight(idx_db *db, const char *text, int prefix, long npages, double *w, hs_err *err)
{
    *w = 0;
    struct idx_dfcache *c = dfcache(db, err);
    if (!c)
        return err->code;
    idx_terms *t = idx_terms_new();
    if (!t || idx_terms_add(t, text, prefix)) {
        idx_terms_free(t);
        return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    }
    int rc = HS_OK;
    long df = -1;
    /* a phrase is as rare as its rarest word */
    for (int i = 0; i < t->n && rc == HS_OK; i++) {
        long d = 0;
        rc = token_pages(db, c, t->v[i].tok, t->v[i].len, t->v[i].prefix, npages, &d, err);
        if (rc == HS_OK && (df < 0 || d < df))
            df = d;
    }
    idx_terms_free(t);
    if (rc)
        return rc;
    if (df < 0)
        df = 0;
    double idf = log((npages - df + 0.5) / (df + 0.5));
    *w = idf > 1e-6 ? idf : 1e-6; /* as FTS5's bm25: very common words still count a little */
    return HS_OK;
}

typedef struct snip_ctx {
    const idx_terms *q;
    int *start, *end, *match;
    int n, cap;
} snip_ctx;

static int collect_tok(void *ud, const char *tok, int len, int start, int end)
{
    snip_ctx *s = ud;
    if (s->n == s->cap) {
        int cap = s->cap ? s->cap * 2 : 512;
        int *a = realloc(s->start, (size_t)cap * sizeof *a), *b, *c;
        if (!a)
            return HS_ENOMEM;
        s->start = a;
        if (!(b = realloc(s->end, (size_t)cap * sizeof *b)))
            return HS_ENOMEM;
        s->end = b;
        if (!(c = realloc(s->match, (size_t)cap * sizeof *c)))
            return HS_ENOMEM;
        s->match = c;
        s->cap = cap;
    }
    int m = -1;
    for (int i = 0; i < s->q->n && m < 0; i++) {
        const qtok *qt = &s->q->v[i];
        if (qt->prefix ? len >= qt->len && memcmp(tok, qt->tok, (size_t)qt->len) == 0
                       : len == qt->len && memcmp(tok, qt->tok, (size_t)len) == 0)
            m = i;
    }
    s->start[s->n] = start;
    s->end[s->n] = end;
    s->match[s->n] = m;
    s->n++;
    return 0;
}

char *idx_snippet(const char *text, const idx_terms *q, int width)
{
    snip_ctx s = {.q = q};
    hs_buf b;
    hs_buf_init(&b);
    int ntext = (int)strlen(text);
    if (fold_tokens(text, ntext, collect_tok, &s))
        goto fail;
    /* the window of `width` tokens with the most distinct query tokens, then the most hits:
     * windows start 3 tokens before a hit (for context), or as late as the page allows */
    int best = 0, best_distinct = -1, best_hits = -1;
    unsigned char seen[256];
    int last_start = s.n > width ? s.n - width : 0;
    for (int k = 0; k < s.n; k++) {
        if (s.match[k] < 0 && !(k == 0 && best_distinct < 0))
            continue;
        int w = s.match[k] < 0 ? 0 : k > 3 ? k - 3 : 0;
        if (w > last_start)
            w = last_start;
        memset(seen, 0, sizeof seen);
        int distinct = 0, hits = 0;
        for (int i = w; i < w + width && i < s.n; i++)
            if (s.match[i] >= 0) {
                hits++;
                if (!seen[s.match[i]]++)
                    distinct++;
            }
        if (distinct > best_distinct || (distinct == best_distinct && hits > best_hits)) {
            best = w;
            best_distinct = distinct;
            best_hits = hits;
        }
    }
    if (s.n == 0) {
        free(s.start);
        free(s.end);
        free(s.match);
        return strdup("");
    }
    int last = best + width < s.n ? best + width : s.n;
    int pos = s.start[best];
    if (best > 0)
        hs_buf_puts(&b, "…");
    for (int k = best; k < last; k++) {
        hs_buf_append(&b, text + pos, (size_t)(s.start[k] - pos));
        if (s.match[k] >= 0)
            hs_buf_puts(&b, "[");
        hs_buf_append(&b, text + s.start[k], (size_t)(s.end[k] - s.start[k]));
        if (s.match[k] >= 0)
            hs_buf_puts(&b, "]");
        pos = s.end[k];
    }
    if (last < s.n)
        hs_buf_puts(&b, "…");
    free(s.start);
    free(s.end);
    free(s.match);
    return hs_buf_detach(&b, NULL);
fail:
    free(s.start);
    free(s.end);
    free(s.match);
    hs_buf_release(&b);
    return NULL;
}
