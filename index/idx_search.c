/* idx_search.c - search over page text: the user's query language turned into FTS5
 * expressions that cannot fail (every term becomes an FTS5 string), filters on the
 * dossier, exact-diacritic matches ranked before folded ones, then bm25; snippets are
 * made only for the hits returned. */
#define _POSIX_C_SOURCE 200809L
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "index.h"
#include "index_int.h"
#include "hs_vec.h"

#define Q_MAX_BYTES (64 * 1024) /* longer queries are refused, not truncated */
#define Q_MAX_TERMS 64

typedef enum { T_WORD, T_PHRASE } term_kind;

typedef struct term {
    char *text; /* NFC, as typed (without -, * or quotes) */
    term_kind kind;
    int neg, prefix, or_next;
} term;

static int has_word_char(const char *s)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    utf8proc_int32_t cp;
    utf8proc_ssize_t n;
    while (*p && (n = utf8proc_iterate(p, -1, &cp)) > 0) {
        int32_t f, l;
        if (hs_fold_cp(cp, &f, &l) == HS_FOLD_WORD)
            return 1;
        p += n;
    }
    return 0;
}

/* "0905.118.274", "079 085 001 234": digit groups joined by single separators, 9 to 15
 * digits in all, become the number the tokenizer also indexes joined. */
static char *join_digits(const char *s)
{
    char out[32];
    int n = 0, groups = 0, in_digits = 0;
    for (const char *p = s; *p; p++) {
        if (*p >= '0' && *p <= '9') {
            if (n >= 15)
                return NULL;
            out[n++] = *p;
            if (!in_digits)
                groups++;
            in_digits = 1;
        } else if ((*p == ' ' || *p == '.' || *p == '-') && in_digits && p[1] >= '0' &&
                   p[1] <= '9') {
            in_digits = 0;
        } else {
            return NULL;
        }
    }
    if (groups < 2 || n < 9)
        return NULL;
    out[n] = '\0';
    return strdup(out);
}

static int all_digits(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return 0;
    return 1;
}

static void terms_free(term *t, int n)
{
    for (int i = 0; i < n; i++)
        free(t[i].text);
}

/* Splits the query into terms. Never fails on content, only on memory or size. */
static int parse(const char *q, term *t, int *nt, hs_err *err)
{
    *nt = 0;
    const char *p = q;
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f' || *p == '\v')
            p++;
        if (!*p)
            break;
        if (*nt >= Q_MAX_TERMS)
            return hs_err_set(err, HS_EINVAL, 0, "search: more than %d terms in the query",
                              Q_MAX_TERMS);
        term cur = {0};
        const char *s = p, *e;
        if (*p == '-' && p[1] && p[1] != ' ' && p[1] != '"') {
            cur.neg = 1;
            s = ++p;
        } else if (*p == '-' && p[1] == '"') {
            cur.neg = 1;
            s = ++p;
        }
        if (*p == '"' && strchr(p + 1, '"')) {
            s = p + 1;
            e = strchr(s, '"');
            cur.kind = T_PHRASE;
            p = e + 1;
        } else {
            if (*p == '"') /* a quote left open is nothing */
                s = ++p;
            while (*p && !(*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f' ||
                           *p == '\v' || *p == '"'))
                p++;
            e = p;
            if (*p == '"' && !strchr(p + 1, '"'))
                p++;
        }
        size_t len = (size_t)(e - s);
        /* OR between two terms is the operator; anywhere else it is the word "or" */
        if (cur.kind == T_WORD && len == 2 && strncmp(s, "OR", 2) == 0 && !cur.neg && *nt > 0 &&
            !t[*nt - 1].neg && !t[*nt - 1].or_next) {
            t[*nt - 1].or_next = 1;
            continue;
        }
        if (cur.kind == T_WORD) {
            while (len > 0 && s[len - 1] == '*') {
                cur.prefix = 1;
                len--;
            }
        }
        cur.text = strndup(s, len);
        if (!cur.text)
            return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
        if (!has_word_char(cur.text)) {
            free(cur.text);
            continue;
        }
        char *j = cur.kind == T_WORD && !cur.prefix ? join_digits(cur.text) : NULL;
        if (j) {
            free(cur.text);
            cur.text = j;
        }
        t[(*nt)++] = cur;
    }
    /* an OR with nothing after it joins nothing: it is dropped ("khai OR" is "khai"), and
     * so is one before an excluded word, which cannot be an alternative ("khai OR -sinh"
     * is "khai -sinh"; FTS5 would read "khai" OR NOT "sinh" as a syntax error) */
    for (int i = 0; i < *nt; i++)
        if (t[i].or_next && (i + 1 == *nt || t[i + 1].neg))
            t[i].or_next = 0;
    /* consecutive plain numbers that together look like a phone or ID number: join */
    for (int i = 0; i + 1 < *nt; i++) {
        if (t[i].kind != T_WORD || t[i].neg || t[i].prefix || t[i].or_next || !all_digits(t[i].text))
            continue;
        int k = i;
        size_t total = 0;
        while (k < *nt && t[k].kind == T_WORD && !t[k].neg && !t[k].prefix &&
               (k == i || !t[k - 1].or_next) && all_digits(t[k].text) &&
               total + strlen(t[k].text) <= 15)
            total += strlen(t[k++].text);
        if (k - i >= 2 && total >= 9) {
            char *joined = malloc(total + 1);
            if (!joined)
                return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
            joined[0] = '\0';
            for (int m = i; m < k; m++)
                strcat(joined, t[m].text);
            t[i].or_next = t[k - 1].or_next;
            for (int m = i; m < k; m++)
                free(t[m].text);
            t[i].text = joined;
            memmove(&t[i + 1], &t[k], (size_t)(*nt - k) * sizeof *t);
            *nt -= k - i - 1;
        }
    }
    return HS_OK;
}

static int put_string(hs_buf *b, const char *text, int exact, int prefix)
{
    int rc = hs_buf_puts(b, "\"");
    if (exact)
        rc |= hs_buf_puts(b, "\x01");
    for (const char *p = text; *p; p++)
        rc |= *p == '"' ? hs_buf_puts(b, "\"\"") : hs_buf_append(b, p, 1);
    rc |= hs_buf_puts(b, "\"");
    if (prefix)
        rc |= hs_buf_puts(b, " *");
    return rc;
}

static int build(const term *t, int nt, int exact, hs_buf *b)
{
    int rc = 0, first = 1;
    for (int i = 0; i < nt; i++) {
        if (t[i].neg)
            continue;
        int group = t[i].or_next || (i > 0 && t[i - 1].or_next && !t[i - 1].neg);
        int opens = t[i].or_next && !(i > 0 && t[i - 1].or_next);
        if (!first && !(i > 0 && t[i - 1].or_next))
            rc |= hs_buf_puts(b, " AND ");
        if (opens)
            rc |= hs_buf_puts(b, "(");
        rc |= put_string(b, t[i].text, exact, t[i].prefix);
        if (t[i].or_next)
            rc |= hs_buf_puts(b, " OR ");
        else if (group)
            rc |= hs_buf_puts(b, ")");
        first = 0;
    }
    for (int i = 0; i < nt; i++) {
        if (!t[i].neg)
            continue;
        rc |= hs_buf_puts(b, " NOT ");
        rc |= put_string(b, t[i].text, 0, t[i].prefix);
    }
    return rc;
}

int idx_query_build(const char *query, char **match, char **exact, hs_err *err)
{
    *match = *exact = NULL;
    term t[Q_MAX_TERMS];
    int nt = 0, pos = 0, marked = 0;
    if (strlen(query) > Q_MAX_BYTES)
        return hs_err_set(err, HS_EINVAL, 0, "search: the query is longer than %d bytes",
                          Q_MAX_BYTES);
    char *nfc = hs_utf8_nfc(query, strlen(query));
    if (!nfc)
        return hs_err_set(err, HS_EINVAL, 0, "search: the query is not valid UTF-8");
    int rc = parse(nfc, t, &nt, err);
    free(nfc);
    if (rc) {
        terms_free(t, nt);
        return rc;
    }
    for (int i = 0; i < nt; i++) {
        if (t[i].neg)
            continue;
        pos++;
        char *f = hs_utf8_fold(t[i].text, strlen(t[i].text));
        char *l = NULL;
        /* a term typed with diacritics (or đ) asks for them */
        if (f) {
            size_t n = strlen(t[i].text);
            l = malloc(n + 1);
            if (l) {
                for (size_t k = 0; k <= n; k++)
                    l[k] = (char)(t[i].text[k] >= 'A' && t[i].text[k] <= 'Z' ? t[i].text[k] + 32
                                                                             : t[i].text[k]);
                if (strcmp(f, l) != 0 && strchr(t[i].text, '\x01') == NULL)
                    marked = 1;
            }
        }
        free(f);
        free(l);
    }
    if (nt == 0 || pos == 0) {
        terms_free(t, nt);
        return hs_err_set(err, HS_EINVAL, 0,
                          nt == 0
                              ? N_("search: the query has no words to search for")
                              : N_("search: the query only excludes words; add a word to find"));
    }
    hs_buf m, x;
    hs_buf_init(&m);
    hs_buf_init(&x);
    rc = build(t, nt, 0, &m);
    if (marked)
        rc |= build(t, nt, 1, &x);
    terms_free(t, nt);
    if (rc) {
        hs_buf_release(&m);
        hs_buf_release(&x);
        return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    }
    *match = hs_buf_detach(&m, NULL);
    *exact = marked ? hs_buf_detach(&x, NULL) : NULL;
    return HS_OK;
}

/* Appends the filters of q as SQL, binding from parameter ?3 on; returns the next free
 * parameter number through *next. */
static int filters_sql(const idx_query *q, hs_buf *sql, hs_err *err)
{
    int rc = 0;
    if (q->from)
        rc |= hs_buf_puts(sql, " AND d.date >= ?3");
    if (q->to)
        rc |= hs_buf_puts(sql, " AND d.date <= ?4");
    if (q->code_prefix)
        rc |= hs_buf_puts(sql, " AND substr(d.code, 1, length(?5)) = ?5");
    if (q->review_below > 0)
        rc |= hs_buf_printf(sql, " AND (p.confidence < %.3f OR p.needs_review)", q->review_below);
    for (int i = 0; i < q->nfields; i++)
        rc |= hs_buf_printf(sql,
                            " AND EXISTS (SELECT 1 FROM fields f WHERE f.dossier_id = d.id AND "
                            "f.key = ?%d AND instr(f.folded, ?%d) > 0)",
                            10 + 2 * i, 11 + 2 * i);
    if (rc)
        return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    return HS_OK;
}

static int valid_date(const char *s)
{
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return 0;
    int y = atoi(s), m = (s[5] - '0') * 10 + s[6] - '0', d = (s[8] - '0') * 10 + s[9] - '0';
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m >= 1 && m <= 12 && d >= 1 && d <= mdays[m - 1] && (m != 2 || d < 29 || leap);
}

static int bind_all(sqlite3_stmt *st, const idx_query *q, const char *match, const char *exact,
                    char **fk, char **fv)
{
    sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
    if (exact)
        sqlite3_bind_text(st, 2, exact, -1, SQLITE_STATIC);
    if (q->from)
        sqlite3_bind_text(st, 3, q->from, -1, SQLITE_STATIC);
    if (q->to)
        sqlite3_bind_text(st, 4, q->to, -1, SQLITE_STATIC);
    if (q->code_prefix)
        sqlite3_bind_text(st, 5, q->code_prefix, -1, SQLITE_STATIC);
    for (int i = 0; i < q->nfields; i++) {
        sqlite3_bind_text(st, 10 + 2 * i, fk[i], -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 11 + 2 * i, fv[i], -1, SQLITE_STATIC);
    }
    return SQLITE_OK;
}

/* Fills in the code and page of hits found by page id, then orders them as the ranked
 * query would with codes: exact first, best score, code, page. */
static int hits_locate(idx_db *db, idx_results *out, sqlite3_int64 *ids, hs_err *err)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->db,
                           "SELECT d.code, p.page FROM pages p JOIN dossiers d ON d.id = "
                           "p.dossier_id WHERE p.id = ?1",
                           -1, &st, NULL))
        return idx_fail(db, err, "search");
    int rc = HS_OK;
    for (int i = 0; i < out->n && rc == HS_OK; i++) {
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, ids[i]);
        if (sqlite3_step(st) != SQLITE_ROW) {
            rc = hs_err_set(err, HS_EDB, 0, "index: page %lld has no dossier; run 'hoso reindex'",
                            (long long)ids[i]);
            break;
        }
        free(out->hits[i].code);
        out->hits[i].code = strdup((const char *)sqlite3_column_text(st, 0));
        out->hits[i].page = sqlite3_column_int(st, 1);
        if (!out->hits[i].code)
            rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    }
    sqlite3_finalize(st);
    /* insertion sort: a page of hits */
    for (int i = 1; i < out->n && rc == HS_OK; i++) {
        idx_hit h = out->hits[i];
        sqlite3_int64 id = ids[i];
        int j = i - 1;
        while (j >= 0) {
            idx_hit *o = &out->hits[j];
            int c = o->exact != h.exact ? (o->exact ? -1 : 1)
                    : o->score != h.score ? (o->score > h.score ? -1 : 1)
                                          : strcmp(o->code, h.code) ? strcmp(o->code, h.code)
                                                                   : o->page - h.page;
            if (c <= 0)
                break;
            out->hits[j + 1] = *o;
            ids[j + 1] = ids[j];
            j--;
        }
        out->hits[j + 1] = h;
        ids[j + 1] = id;
    }
    return rc;
}

/* "hs_rank(page_text, w0, w1, ...)" with one IDF weight per phrase of the MATCH
 * expression, in its order (positive terms, then excluded ones, weighted 0), and the
 * folded tokens of the positive terms for snippets. */
static int rank_sql(idx_db *db, const char *query, hs_buf *rank, idx_terms **qterms, hs_err *err)
{
    term t[Q_MAX_TERMS];
    int nt = 0, rc;
    long npages = 0;
    char *nfc = hs_utf8_nfc(query, strlen(query));
    if (!nfc)
        return hs_err_set(err, HS_EINVAL, 0, "search: the query is not valid UTF-8");
    rc = parse(nfc, t, &nt, err);
    free(nfc);
    if (rc == HS_OK)
        rc = idx_page_count(db, &npages, err);
    if (rc == HS_OK && !(*qterms = idx_terms_new()))
        rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    if (rc == HS_OK)
        rc = hs_buf_puts(rank, "hs_rank(page_text");
    for (int neg = 0; neg < 2 && rc == HS_OK; neg++)
        for (int i = 0; i < nt && rc == HS_OK; i++) {
            if (t[i].neg != neg)
                continue;
            double w = 0;
            if (!neg) {
                if ((rc = idx_term_weight(db, t[i].text, t[i].prefix, npages, &w, err)))
                    break;
                idx_terms_add(*qterms, t[i].text, t[i].prefix);
            }
            rc = hs_buf_printf(rank, ", %.6f", w);
        }
    if (rc == HS_OK)
        rc = hs_buf_puts(rank, ")");
    terms_free(t, nt);
    return rc;
}

typedef struct cand {
    sqlite3_int64 id;
    double r; /* hs_rank: lower is better */
    int ex;
} cand;

/* exact matches first, then the best score, then filing order */
static int cand_cmp(const void *a, const void *b)
{
    const cand *x = a, *y = b;
    if (x->ex != y->ex)
        return x->ex ? -1 : 1;
    if (x->r != y->r)
        return x->r < y->r ? -1 : 1;
    return (x->id > y->id) - (x->id < y->id);
}

/* Without filters: one walk back from the newest match counts up to count_cap (past it,
 * out->more) and ranks the newest `cap` matches on the way (pages are numbered in filing
 * order), so the cost of a search stays bounded however common its words; a query with
 * diacritics then walks its exact form back over the same span to put exact matches
 * first. The best q->limit go to out (codes still to find), their page ids to *ids. */
static int rank_newest(idx_db *db, const idx_query *q, const char *match, const char *exact,
                       const char *rank, int cap, int count_cap, idx_results *out,
                       sqlite3_int64 **ids, hs_err *err)
{
    int upto = (cap > count_cap ? cap : count_cap) + 1, want = q->limit > 0, s;
    long n = 0, nc = 0;
    size_t ccap = 0;
    cand *c = NULL;
    sqlite3_stmt *st = NULL;
    hs_buf sql;
    hs_buf_init(&sql);
    int rc = hs_buf_printf(&sql,
                           "SELECT rowid, %s FROM page_text WHERE page_text MATCH ?1 ORDER BY "
                           "rowid DESC LIMIT ?2",
                           want ? rank : "0");
    if (rc) {
        rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
        goto out;
    }
    if (sqlite3_prepare_v2(db->db, sql.data, -1, &st, NULL)) {
        rc = idx_fail(db, err, "search");
        goto out;
    }
    sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, upto);
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        n++;
        if (!want || nc >= cap)
            continue;
        if (HS_VEC_RESERVE(c, ccap, (size_t)nc + 1)) {
            rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
            goto out;
        }
        c[nc].id = sqlite3_column_int64(st, 0);
        c[nc].r = sqlite3_column_double(st, 1);
        c[nc++].ex = 0;
    }
    if (s != SQLITE_DONE) {
        rc = idx_fail(db, err, "search");
        goto out;
    }
    sqlite3_finalize(st);
    st = NULL;
    out->total = n;
    if (n > count_cap) {
        out->total = count_cap;
        out->more = 1;
    }
    if (nc == 0)
        goto out;
    if (exact) {
        /* a merge marks the candidates that match exactly: this walk goes oldest first
         * (FTS5 reads forward faster), the candidates from their end */
        if (sqlite3_prepare_v2(db->db,
                               "SELECT rowid FROM page_text WHERE page_text MATCH ?1 AND rowid >= "
                               "?2 ORDER BY rowid",
                               -1, &st, NULL)) {
            rc = idx_fail(db, err, "search");
            goto out;
        }
        sqlite3_bind_text(st, 1, exact, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 2, c[nc - 1].id);
        long k = nc - 1;
        while ((s = sqlite3_step(st)) == SQLITE_ROW) {
            sqlite3_int64 id = sqlite3_column_int64(st, 0);
            while (k >= 0 && c[k].id < id)
                k--;
            if (k >= 0 && c[k].id == id)
                c[k].ex = 1;
        }
        if (s != SQLITE_DONE) {
            rc = idx_fail(db, err, "search");
            goto out;
        }
    }
    long nhits = nc < q->limit ? nc : q->limit;
    if (nhits > 64) {
        qsort(c, (size_t)nc, sizeof *c, cand_cmp);
    } else {
        /* the best few, in order, by insertion into a short list at the front: most
         * candidates are compared once (a full sort was 2.5% of the server's CPU) */
        long nt = 0;
        for (long i = 0; i < nc; i++) {
            if (nt == nhits && cand_cmp(&c[i], &c[nhits - 1]) >= 0)
                continue;
            cand x = c[i];
            long j = nt < nhits ? nt++ : nhits - 1;
            while (j > 0 && cand_cmp(&x, &c[j - 1]) < 0) {
                c[j] = c[j - 1];
                j--;
            }
            c[j] = x;
        }
    }
    out->hits = calloc((size_t)nhits, sizeof *out->hits);
    *ids = calloc((size_t)nhits, sizeof **ids);
    if (!out->hits || !*ids) {
        rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
        goto out;
    }
    for (long i = 0; i < nhits; i++) {
        (*ids)[i] = c[i].id;
        out->hits[i].score = -c[i].r;
        out->hits[i].exact = c[i].ex;
        out->hits[i].pages = 1;
    }
    out->n = (int)nhits;
out:
    sqlite3_finalize(st);
    hs_buf_release(&sql);
    free(c);
    return rc;
}

/* What one search's SQL steps share: its FTS5 expressions, --field filters (folded), the
 * WHERE of the other filters, the rank expression and the FROM clause. */
typedef struct search_sql {
    const char *match, *exact;
    char **fk, **fv;
    int filtered, browse;
    const char *where; /* "" for none */
    const char *rank, *ex, *from;
} search_sql;

/* The --field KEY=VALUE filters as keys and folded values (*fk, *fv: q->nfields + 1 each,
 * freed by fields_free also after a failure). */
static int field_filters(const idx_query *q, char ***fk, char ***fv, hs_err *err)
{
    *fk = calloc((size_t)q->nfields + 1, sizeof **fk);
    *fv = calloc((size_t)q->nfields + 1, sizeof **fv);
    if (!*fk || !*fv)
        return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    for (int i = 0; i < q->nfields; i++) {
        const char *eq = strchr(q->fields[i], '=');
        if (!eq || eq == q->fields[i])
            return hs_err_set(err, HS_EINVAL, 0, "search: --field takes KEY=VALUE, not '%s'",
                              q->fields[i]);
        (*fk)[i] = strndup(q->fields[i], (size_t)(eq - q->fields[i]));
        /* a number typed in groups ("0905 118 274") is stored as its digits */
        char *digits = join_digits(eq + 1);
        (*fv)[i] = digits ? digits : hs_utf8_fold(eq + 1, strlen(eq + 1));
        if (!(*fk)[i] || !(*fv)[i])
            return hs_err_set(err, HS_EINVAL, 0, "search: bad --field '%s'", q->fields[i]);
    }
    return HS_OK;
}

static void fields_free(char **fk, char **fv, int n)
{
    for (int i = 0; fk && fv && i < n; i++) {
        free(fk[i]);
        free(fv[i]);
    }
    free(fk);
    free(fv);
}

/* 1. how many: pages, or dossiers with by_dossier, into out->total. */
static int count_hits(idx_db *db, const idx_query *q, const search_sql *x, idx_results *out,
                      hs_err *err)
{
    sqlite3_stmt *st = NULL;
    hs_buf sql;
    hs_buf_init(&sql);
    int rc = HS_OK;
    if (!x->filtered && !q->by_dossier)
        hs_buf_puts(&sql, "SELECT count(*) FROM page_text WHERE page_text MATCH ?1");
    else if (q->by_dossier)
        hs_buf_printf(&sql, "SELECT count(DISTINCT d.id)%s%s", x->from, x->where);
    else
        hs_buf_printf(&sql, "SELECT count(*)%s%s", x->from, x->where);
    if (!sql.data || sqlite3_prepare_v2(db->db, sql.data, -1, &st, NULL)) {
        rc = sql.data ? idx_fail(db, err, "search") : hs_err_set(err, HS_ENOMEM, 0, "out of memory");
        goto out;
    }
    bind_all(st, q, x->match, x->exact, x->fk, x->fv);
    if (sqlite3_step(st) != SQLITE_ROW) {
        rc = idx_fail(db, err, "search");
        goto out;
    }
    out->total = (long)sqlite3_column_int64(st, 0);
out:
    sqlite3_finalize(st);
    hs_buf_release(&sql);
    return rc;
}

/* 2. the best q->limit hits, without snippets, into out; their page ids into *ids. */
static int best_hits(idx_db *db, const idx_query *q, const search_sql *x, idx_results *out,
                     sqlite3_int64 **ids, hs_err *err)
{
    sqlite3_stmt *st = NULL;
    hs_buf sql;
    hs_buf_init(&sql);
    int rc = HS_OK;
    if (q->by_dossier)
        /* bm25() is not allowed inside a window: rank in a materialised step first */
        hs_buf_printf(&sql,
                      "WITH m AS MATERIALIZED (SELECT p.id AS id, d.id AS did, d.code AS code, "
                      "p.page AS page, %s AS r, %s AS ex%s%s) "
                      "SELECT id, code, page, r, ex, n FROM (SELECT *, count(*) OVER (PARTITION "
                      "BY did) AS n, row_number() OVER (PARTITION BY did ORDER BY ex DESC, r, "
                      "page) AS rn FROM m) WHERE rn = 1 ORDER BY ex DESC, r, code LIMIT %d",
                      x->rank, x->ex, x->from, x->where, q->limit);
    else if (x->filtered)
        hs_buf_printf(&sql,
                      "SELECT p.id, d.code, p.page, %s AS r, %s AS ex, 1%s%s "
                      "ORDER BY ex DESC, r, d.code, p.page LIMIT %d",
                      x->rank, x->ex, x->from, x->where, q->limit);
    else
        hs_buf_printf(&sql,
                      "SELECT rowid, NULL, NULL, %s AS r, %s AS ex, 1 FROM page_text WHERE "
                      "page_text MATCH ?1 ORDER BY ex DESC, r, rowid LIMIT %d",
                      x->rank, x->ex, q->limit);
    if (!sql.data || sqlite3_prepare_v2(db->db, sql.data, -1, &st, NULL)) {
        rc = sql.data ? idx_fail(db, err, "search") : hs_err_set(err, HS_ENOMEM, 0, "out of memory");
        goto out;
    }
    bind_all(st, q, x->match, x->exact, x->fk, x->fv);
    long nhits = out->total < q->limit ? out->total : q->limit;
    out->hits = calloc((size_t)nhits, sizeof *out->hits);
    *ids = calloc((size_t)nhits, sizeof **ids);
    if (!out->hits || !*ids) {
        rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
        goto out;
    }
    int s = SQLITE_DONE;
    while (out->n < nhits && (s = sqlite3_step(st)) == SQLITE_ROW) {
        idx_hit *h = &out->hits[out->n];
        (*ids)[out->n] = sqlite3_column_int64(st, 0);
        const char *c = (const char *)sqlite3_column_text(st, 1);
        h->code = strdup(c ? c : "");
        h->page = sqlite3_column_int(st, 2);
        h->score = x->browse ? 0 : -sqlite3_column_double(st, 3);
        h->exact = sqlite3_column_int(st, 4);
        h->pages = sqlite3_column_int(st, 5);
        out->n++;
        if (!h->code) {
            rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
            goto out;
        }
    }
    if (out->n < nhits && s != SQLITE_DONE)
        rc = idx_fail(db, err, "search");
out:
    sqlite3_finalize(st);
    hs_buf_release(&sql);
    return rc;
}

/* 3. snippets for the hits returned only ("" each with no_snippet). */
static int hit_snippets(idx_db *db, idx_results *out, const sqlite3_int64 *ids,
                        const idx_terms *qterms, int no_snippet, hs_err *err)
{
    int rc = HS_OK;
    if (no_snippet) {
        for (int i = 0; i < out->n && rc == HS_OK; i++)
            if (!(out->hits[i].snippet = strdup("")))
                rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
        return rc;
    }
    /* the page text by rowid is a direct lookup, not a new full-text query */
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->db, "SELECT hs_inflate(ztext) FROM pages WHERE id = ?1", -1, &st,
                           NULL))
        return idx_fail(db, err, "search");
    for (int i = 0; i < out->n; i++) {
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, ids[i]);
        const char *text = sqlite3_step(st) == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0)
                                                          : NULL;
        out->hits[i].snippet = idx_snippet(text ? text : "", qterms, 16);
        if (!out->hits[i].snippet) {
            rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
            break;
        }
    }
    sqlite3_finalize(st);
    return rc;
}

int idx_search(idx_db *db, const idx_query *q, idx_results *out, hs_err *err)
{
    memset(out, 0, sizeof *out);
    char *match = NULL, *exact = NULL;
    char **fk = NULL, **fv = NULL;
    hs_buf where, rank;
    hs_buf_init(&where);
    hs_buf_init(&rank);
    idx_terms *qterms = NULL;
    sqlite3_int64 *ids = NULL; /* page ids of the hits, in their order */
    int rc = HS_OK;
    if ((q->from && !valid_date(q->from)) || (q->to && !valid_date(q->to)))
        return hs_err_set(err, HS_EINVAL, 0, "search: dates are written YYYY-MM-DD");
    if (q->nfields > 16)
        return hs_err_set(err, HS_EINVAL, 0, "search: at most 16 --field filters");
    int others = q->from || q->to || q->code_prefix || q->nfields;
    /* The review list alone (no query, no other filter): every page to check, least sure
     * first. */
    if (q->review_below > 0 && !*q->text && !others)
        return idx_review_pages(db, q->review_below, q->limit, out, err);
    int filtered = others || q->review_below > 0;
    /* Filters without words: the pages (or dossiers) they select, newest dossier first. */
    int browse = filtered && !has_word_char(q->text);
    if (!browse && (rc = idx_query_build(q->text, &match, &exact, err)))
        return rc;
    if ((rc = field_filters(q, &fk, &fv, err)) || (rc = filters_sql(q, &where, err)))
        goto out;
    if (browse) {
        /* "rank" by the dossier's date, newest first (scores are reported as 0) */
        if (hs_buf_puts(&rank, "-CAST(replace(d.date, '-', '') AS INTEGER)") ||
            !(qterms = idx_terms_new())) {
            rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
            goto out;
        }
    } else if ((rc = rank_sql(db, q->text, &rank, &qterms, err))) {
        goto out;
    }
    search_sql x = {
        .match = match,
        .exact = exact,
        .fk = fk,
        .fv = fv,
        .filtered = filtered,
        .browse = browse,
        .where = where.data ? where.data : "",
        .rank = rank.data,
        .ex = exact ? "page_text.rowid IN (SELECT rowid FROM page_text WHERE page_text "
                      "MATCH ?2)"
                    : "0",
        .from = browse ? " FROM pages p JOIN dossiers d ON d.id = p.dossier_id WHERE 1"
                       : " FROM page_text JOIN pages p ON p.id = page_text.rowid"
                         " JOIN dossiers d ON d.id = p.dossier_id WHERE page_text MATCH ?1",
    };
    int count_cap = q->rank_cap < 0 ? 0 : IDX_COUNT_CAP;
    int cap = q->rank_cap ? q->rank_cap : IDX_RANK_CAP;
    if (!filtered && !q->by_dossier && count_cap) {
        /* counted, ranked and chosen in one walk back from the newest match */
        if ((rc = rank_newest(db, q, match, exact, rank.data, cap, count_cap, out, &ids, err)) ||
            out->total == 0 || q->limit <= 0)
            goto out;
    } else if ((rc = count_hits(db, q, &x, out, err)) || out->total == 0 || q->limit <= 0 ||
               (rc = best_hits(db, q, &x, out, &ids, err))) {
        goto out;
    }
    if (!filtered && !q->by_dossier && (rc = hits_locate(db, out, ids, err)))
        goto out;
    rc = hit_snippets(db, out, ids, qterms, q->no_snippet, err);
out:
    free(ids);
    fields_free(fk, fv, q->nfields);
    free(match);
    free(exact);
    hs_buf_release(&where);
    hs_buf_release(&rank);
    idx_terms_free(qterms);
    if (rc)
        idx_results_release(out);
    return rc;
}

int idx_review_pages(idx_db *db, double below, int limit, idx_results *out, hs_err *err)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = NULL;
    int rc = HS_OK;
    idx_terms *none = idx_terms_new();
    if (!none)
        return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    if (sqlite3_prepare_v2(db->db,
                           "SELECT count(*) FROM pages WHERE confidence < ?1 OR needs_review", -1, &st, NULL)) {
        rc = idx_fail(db, err, "review");
        goto out;
    }
    sqlite3_bind_double(st, 1, below);
    if (sqlite3_step(st) == SQLITE_ROW)
        out->total = (long)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    st = NULL;
    if (out->total == 0 || limit <= 0)
        goto out;
    /* the least sure first */
    if (sqlite3_prepare_v2(db->db,
                           "SELECT d.code, p.page, p.confidence, hs_inflate(p.ztext) FROM pages p "
                           "JOIN dossiers d ON d.id = p.dossier_id WHERE p.confidence < ?1 OR p.needs_review "
                           "ORDER BY p.confidence, d.code, p.page LIMIT ?2",
                           -1, &st, NULL)) {
        rc = idx_fail(db, err, "review");
        goto out;
    }
    sqlite3_bind_double(st, 1, below);
    sqlite3_bind_int(st, 2, limit);
    out->hits = calloc((size_t)(out->total < limit ? out->total : limit), sizeof *out->hits);
    if (!out->hits) {
        rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
        goto out;
    }
    while (out->n < limit && out->n < out->total && sqlite3_step(st) == SQLITE_ROW) {
        idx_hit *h = &out->hits[out->n++];
        h->code = strdup((const char *)sqlite3_column_text(st, 0));
        h->page = sqlite3_column_int(st, 1);
        h->score = sqlite3_column_double(st, 2);
        h->pages = 1;
        const char *text = (const char *)sqlite3_column_text(st, 3);
        h->snippet = idx_snippet(text ? text : "", none, 16);
        if (!h->code || !h->snippet) {
            rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
            break;
        }
    }
out:
    sqlite3_finalize(st);
    idx_terms_free(none);
    if (rc)
        idx_results_release(out);
    return rc;
}

void idx_results_release(idx_results *r)
{
    if (!r)
        return;
    for (int i = 0; i < r->n; i++) {
        free(r->hits[i].code);
        free(r->hits[i].snippet);
    }
    free(r->hits);
    memset(r, 0, sizeof *r);
}
