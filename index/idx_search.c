/* idx_search.c - full-text search over page text: user queries turned into FTS5
 * expressions that cannot fail, bm25 ranking and snippets. */
#define _POSIX_C_SOURCE 200809L
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "index.h"
#include "index_int.h"

int idx_register(idx_db *db, hs_err *err)
{
    (void)db;
    (void)err;
    return HS_OK;
}

/* Every whitespace-separated word becomes an FTS5 string ("..." with quotes doubled), so
 * nothing the user types is FTS5 syntax: all words must match. */
char *idx_query_build(const char *query)
{
    hs_buf b;
    hs_buf_init(&b);
    const char *p = query;
    int rc = HS_OK;
    while (*p && rc == HS_OK) {
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
            p++;
        if (!*p)
            break;
        if (b.len)
            rc |= hs_buf_puts(&b, " ");
        rc |= hs_buf_puts(&b, "\"");
        while (*p && !(*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')) {
            if (*p == '"')
                rc |= hs_buf_puts(&b, "\"\"");
            else
                rc |= hs_buf_append(&b, p, 1);
            p++;
        }
        rc |= hs_buf_puts(&b, "\"");
    }
    if (rc) {
        hs_buf_release(&b);
        return NULL;
    }
    return hs_buf_detach(&b, NULL);
}

int idx_search(idx_db *db, const char *query, int limit, idx_results *out, hs_err *err)
{
    memset(out, 0, sizeof *out);
    char *nfc = hs_utf8_nfc(query, strlen(query));
    if (!nfc)
        return hs_err_set(err, HS_EINVAL, 0, "search: the query is not valid UTF-8");
    char *expr = idx_query_build(nfc);
    free(nfc);
    if (!expr)
        return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    if (!*expr) {
        free(expr);
        return hs_err_set(err, HS_EINVAL, 0, "search: empty query");
    }
    sqlite3_stmt *st = NULL;
    int rc = HS_OK, s;
    if (sqlite3_prepare_v2(db->db, "SELECT count(*) FROM page_text WHERE page_text MATCH ?", -1,
                           &st, NULL)) {
        rc = idx_fail(db, err, "search");
        goto out;
    }
    sqlite3_bind_text(st, 1, expr, -1, SQLITE_STATIC);
    if ((s = sqlite3_step(st)) != SQLITE_ROW) {
        rc = idx_fail(db, err, "search");
        goto out;
    }
    out->total = (long)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    st = NULL;
    if (out->total == 0 || limit <= 0)
        goto out;
    if (sqlite3_prepare_v2(db->db,
                           "SELECT d.code, p.page, -bm25(page_text), "
                           "snippet(page_text, 0, '[', ']', '…', 16) "
                           "FROM page_text JOIN pages p ON p.id = page_text.rowid "
                           "JOIN dossiers d ON d.id = p.dossier_id "
                           "WHERE page_text MATCH ?1 ORDER BY bm25(page_text), d.code, p.page "
                           "LIMIT ?2",
                           -1, &st, NULL)) {
        rc = idx_fail(db, err, "search");
        goto out;
    }
    sqlite3_bind_text(st, 1, expr, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, limit);
    out->hits = calloc((size_t)(out->total < limit ? out->total : limit), sizeof *out->hits);
    if (!out->hits) {
        rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
        goto out;
    }
    while ((s = sqlite3_step(st)) == SQLITE_ROW && out->n < limit) {
        idx_hit *h = &out->hits[out->n];
        h->code = strdup((const char *)sqlite3_column_text(st, 0));
        h->page = sqlite3_column_int(st, 1);
        h->score = sqlite3_column_double(st, 2);
        h->snippet = strdup((const char *)sqlite3_column_text(st, 3));
        out->n++;
        if (!h->code || !h->snippet) {
            rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
            goto out;
        }
    }
    if (s != SQLITE_DONE && s != SQLITE_ROW)
        rc = idx_fail(db, err, "search");
out:
    sqlite3_finalize(st);
    free(expr);
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
