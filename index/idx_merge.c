/* idx_merge.c - the rows of another index copied into this one, for `hoso merge`: an index
 * of the same schema and tokenizer is attached, the dossiers picked are copied with one
 * INSERT ... SELECT a table (page text as stored, deflated; duplicate signatures as
 * computed), so the only per-page work left is FTS5 tokenizing the text. Row ids are moved
 * past this index's own by a constant, which keeps the source's filing order. */
#define _POSIX_C_SOURCE 200809L
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "index_int.h"

#define SRC "hs_src"

static int one_text(idx_db *db, const char *sql, char **out, hs_err *err)
{
    *out = NULL;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->db, sql, -1, &st, NULL) != SQLITE_OK)
        return idx_fail(db, err, "source index");
    int rc = HS_OK, s = sqlite3_step(st);
    if (s == SQLITE_ROW && sqlite3_column_text(st, 0)) {
        if (!(*out = strdup((const char *)sqlite3_column_text(st, 0))))
            rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    } else if (s != SQLITE_ROW && s != SQLITE_DONE) {
        rc = idx_fail(db, err, "source index");
    }
    sqlite3_finalize(st);
    return rc;
}

static int one_int(idx_db *db, const char *sql, long long *out, hs_err *err)
{
    *out = 0;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->db, sql, -1, &st, NULL) != SQLITE_OK)
        return idx_fail(db, err, "merge");
    int rc = HS_OK, s = sqlite3_step(st);
    if (s == SQLITE_ROW)
        *out = sqlite3_column_int64(st, 0);
    else if (s != SQLITE_DONE)
        rc = idx_fail(db, err, "merge");
    sqlite3_finalize(st);
    return rc;
}

int idx_source_attach(idx_db *db, const char *path, int *compatible, hs_err *err)
{
    *compatible = 0;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->db, "ATTACH DATABASE ? AS " SRC, -1, &st, NULL) != SQLITE_OK)
        return idx_fail(db, err, "cannot attach");
    sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
    int s = sqlite3_step(st);
    sqlite3_finalize(st);
    if (s != SQLITE_DONE)
        return hs_err_set(err, HS_EDB, 0, "index: cannot attach '%s': %s", path,
                          sqlite3_errmsg(db->db));
    /* a bulk copy inserts into indexes keyed by hashes (page_bands, pages_image) all over
     * their b-trees: with SQLite's 2 MB page cache most of those inserts read and write
     * pages (a third of the copy's time at 20 000 pages); a fixed 64 MiB keeps them */
    int rc = idx_exec(db, "PRAGMA main.cache_size = -65536", err);
    /* every row copied has its parent copied in the same statement chain (pages of the
     * picked dossiers, bands and signatures of those pages), so the foreign keys hold by
     * construction; checking them looked up a parent for each of the 16 band rows of a
     * page (a fifth of the copy's band inserts). Off only while a source is attached (the
     * pragma cannot change inside a transaction): merge only adds new codes then, so no
     * cascade is needed. */
    if (rc == HS_OK)
        rc = idx_exec(db, "PRAGMA foreign_keys = OFF", err);
    /* the picks live in the connection's temporary schema: nothing of them reaches the
     * index file */
    if (rc == HS_OK)
        rc = idx_exec(db,
                      "CREATE TEMP TABLE IF NOT EXISTS hs_pick(code TEXT PRIMARY KEY, "
                      "archive TEXT NOT NULL); DELETE FROM temp.hs_pick;",
                      err);
    char *ver = NULL, *tok = NULL;
    /* a foreign or older file (no meta table) is not an error: its archives are read */
    if (rc == HS_OK &&
        sqlite3_exec(db->db, "SELECT 1 FROM " SRC ".meta, " SRC ".page_sigs, " SRC ".jobs LIMIT 0",
                     NULL, NULL, NULL) == SQLITE_OK &&
        (rc = one_text(db, "SELECT value FROM " SRC ".meta WHERE key = 'schema_version'", &ver,
                       err)) == HS_OK &&
        (rc = one_text(db, "SELECT value FROM " SRC ".meta WHERE key = 'tokenizer'", &tok,
                       err)) == HS_OK) {
        char *mine_ver = NULL, *mine_tok = NULL;
        if ((rc = one_text(db, "SELECT value FROM main.meta WHERE key = 'schema_version'",
                           &mine_ver, err)) == HS_OK &&
            (rc = one_text(db, "SELECT value FROM main.meta WHERE key = 'tokenizer'", &mine_tok,
                           err)) == HS_OK)
            *compatible = ver && tok && mine_ver && mine_tok && strcmp(ver, mine_ver) == 0 &&
                          strcmp(tok, mine_tok) == 0;
        free(mine_ver);
        free(mine_tok);
    }
    free(ver);
    free(tok);
    if (rc)
        idx_source_detach(db);
    return rc;
}

void idx_source_detach(idx_db *db)
{
    if (!db)
        return;
    sqlite3_exec(db->db, "DETACH DATABASE " SRC, NULL, NULL, NULL);
    sqlite3_exec(db->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
}

int idx_source_pick(idx_db *db, const char *code, const char *archive, hs_err *err)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->db, "INSERT INTO temp.hs_pick(code, archive) VALUES (?, ?)", -1,
                           &st, NULL) != SQLITE_OK)
        return idx_fail(db, err, "merge");
    sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, archive, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st) == SQLITE_DONE ? HS_OK : idx_fail(db, err, "merge");
    sqlite3_finalize(st);
    return rc;
}

/* Runs sql with the offsets bound as :doff (dossier ids) and :poff (page ids); *changes is
 * the number of rows written (may be NULL). */
static int copy_step(idx_db *db, const char *sql, long long doff, long long poff,
                     long long *changes, const char *what, hs_err *err)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->db, sql, -1, &st, NULL) != SQLITE_OK)
        return idx_fail(db, err, what);
    int i = sqlite3_bind_parameter_index(st, ":doff");
    if (i)
        sqlite3_bind_int64(st, i, doff);
    if ((i = sqlite3_bind_parameter_index(st, ":poff")))
        sqlite3_bind_int64(st, i, poff);
    int rc = sqlite3_step(st) == SQLITE_DONE ? HS_OK : idx_fail(db, err, what);
    if (changes)
        *changes = sqlite3_changes64(db->db);
    sqlite3_finalize(st);
    return rc;
}

/* The status rows of the dossiers copied (ids above dmax), seeded from their indexed
 * fields as filing seeds them: a row this index already has (an imported register) is
 * kept the way idx_status_seed keeps it. */
static int seed_status(idx_db *db, long long dmax, hs_err *err)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->db,
                           "SELECT d.id, d.code, d.created, f.key, f.value FROM main.dossiers d "
                           "LEFT JOIN main.fields f ON f.dossier_id = d.id WHERE d.id > ?1 "
                           "ORDER BY d.id, f.rowid",
                           -1, &st, NULL) != SQLITE_OK)
        return idx_fail(db, err, "merge status");
    sqlite3_bind_int64(st, 1, dmax);
    idx_status_writer *w = NULL;
    int rc = idx_status_writer_new(db, &w, err), s;
    if (rc) {
        sqlite3_finalize(st);
        return rc;
    }
    long long cur = -1;
    char *code = NULL, *created = NULL;
    idx_field *f = NULL;
    char **strs = NULL; /* the keys and values of f, 2 a field */
    int nf = 0, cap = 0;
    for (;;) {
        s = sqlite3_step(st);
        long long id = s == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
        if (id != cur && code) {
            rc = idx_status_writer_seed(w, code, created, f, nf, err);
            for (int i = 0; i < 2 * nf; i++)
                free(strs[i]);
            nf = 0;
            free(code);
            free(created);
            code = created = NULL;
            if (rc)
                break;
        }
        if (s != SQLITE_ROW)
            break;
        if (id != cur) {
            cur = id;
            code = strdup((const char *)sqlite3_column_text(st, 1));
            created = strdup((const char *)sqlite3_column_text(st, 2));
            if (!code || !created) {
                rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
                break;
            }
        }
        if (sqlite3_column_type(st, 3) == SQLITE_NULL)
            continue;
        if (nf == cap) {
            int c = cap ? cap * 2 : 16;
            idx_field *nfv = realloc(f, (size_t)c * sizeof *f);
            if (nfv)
                f = nfv;
            char **ns = nfv ? realloc(strs, 2 * (size_t)c * sizeof *strs) : NULL;
            if (!ns) {
                rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
                break;
            }
            strs = ns;
            cap = c;
        }
        strs[2 * nf] = strdup((const char *)sqlite3_column_text(st, 3));
        strs[2 * nf + 1] = strdup((const char *)sqlite3_column_text(st, 4));
        f[nf] = (idx_field){.key = strs[2 * nf], .value = strs[2 * nf + 1]};
        nf++;
        if (!strs[2 * nf - 2] || !strs[2 * nf - 1]) {
            rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
            break;
        }
    }
    if (rc == HS_OK && s != SQLITE_DONE)
        rc = idx_fail(db, err, "merge status");
    for (int i = 0; i < 2 * nf; i++)
        free(strs[i]);
    free(strs);
    free(f);
    free(code);
    free(created);
    sqlite3_finalize(st);
    idx_status_writer_free(w);
    return rc;
}

/* The picked dossiers of the source, joined. */
#define PICKED                                                                             \
    SRC ".dossiers d JOIN temp.hs_pick k ON k.code = d.code "

int idx_source_copy(idx_db *db, int *copied, hs_err *err)
{
    *copied = 0;
    long long npick = 0, dmax = 0, dmin = 0, pmax = 0, pmin = 0, n = 0;
    int rc;
    if ((rc = one_int(db, "SELECT count(*) FROM temp.hs_pick", &npick, err)) || npick == 0)
        return rc;
    /* ids above every id this index has or had: FTS5 rows are keyed by page id */
    if ((rc = one_int(db, "SELECT coalesce(max(id), 0) FROM main.dossiers", &dmax, err)) ||
        (rc = one_int(db, "SELECT coalesce(min(d.id), 1) FROM " PICKED, &dmin, err)) ||
        (rc = one_int(db, "SELECT coalesce(max(id), 0) FROM main.pages", &pmax, err)) ||
        (rc = one_int(db,
                      "SELECT coalesce(min(p.id), 1) FROM " PICKED "JOIN " SRC
                      ".pages p ON p.dossier_id = d.id",
                      &pmin, err)))
        return rc;
    long long doff = dmax - dmin + 1, poff = pmax - pmin + 1;
    /* the source's full-text segments are to be copied (idx_segments.c): page ids kept,
     * and the pages named as lacking their full text until then. Only while none of this
     * index's pages (another process's, filed since the attach) took an id among them. */
    if (db->seg_mode && !db->seg_started) {
        long long clash = 0;
        char sql[160];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM main.pages WHERE id BETWEEN %lld AND %lld",
                 db->seg_lo, db->seg_hi);
        if ((rc = one_int(db, sql, &clash, err)))
            return rc;
        if (clash)
            db->seg_mode = 0;
        else if ((rc = idx_source_pending(db, err)))
            return rc;
        else
            db->seg_started = 1;
    }
    if (db->seg_mode)
        poff = 0;
    if ((rc = copy_step(db,
                        "INSERT INTO main.dossiers(id, code, archive, created, date, pages, "
                        "record) SELECT d.id + :doff, d.code, k.archive, d.created, d.date, "
                        "d.pages, d.record FROM " PICKED "ORDER BY d.id",
                        doff, poff, &n, "merge dossiers", err)))
        return rc;
    if (n != npick)
        return hs_err_set(err, HS_EDB, 0,
                          "index: %lld of %lld dossiers found in the source index", n, npick);
    if ((rc = copy_step(db,
                        "INSERT INTO main.fields(dossier_id, key, value, folded) SELECT "
                        "f.dossier_id + :doff, f.key, f.value, f.folded FROM " PICKED "JOIN " SRC
                        ".fields f ON f.dossier_id = d.id ORDER BY f.rowid",
                        doff, poff, NULL, "merge fields", err)) ||
        (rc = copy_step(db,
                        "INSERT INTO main.pages(id, dossier_id, page, image, image_sha256, "
                        "text_path, text_sha256, confidence, ztext) SELECT p.id + :poff, "
                        "p.dossier_id + :doff, p.page, p.image, p.image_sha256, p.text_path, "
                        "p.text_sha256, p.confidence, p.ztext FROM " PICKED "JOIN " SRC
                        ".pages p ON p.dossier_id = d.id ORDER BY p.id",
                        doff, poff, NULL, "merge pages", err)) ||
        /* the one per-page cost left: the text tokenized into the full-text index, in
         * one statement (FTS5 writes its pending tokens at the statement's end), unless
         * the source's segments are copied whole when its last dossier is here */
        (!db->seg_mode && (rc = copy_step(db,
                        "INSERT INTO main.page_text(rowid, text) SELECT id, hs_inflate(ztext) "
                        "FROM main.pages WHERE id > :poff ORDER BY id",
                        0, pmax, NULL, "merge text", err))) ||
        (rc = copy_step(db,
                        "INSERT INTO main.page_sigs(page_id, sig) SELECT s.page_id + :poff, s.sig "
                        "FROM " PICKED "JOIN " SRC ".pages p ON p.dossier_id = d.id JOIN " SRC
                        ".page_sigs s ON s.page_id = p.id ORDER BY s.page_id",
                        doff, poff, NULL, "merge signatures", err)) ||
        /* in hash order: 16 rows a page land in page_bands_hash at random places, and
         * sorted they walk its leaves once instead of reading one per row (unless that
         * index is built at the end, idx_bands_defer: then in page order) */
        (rc = copy_step(db,
                        db->bands_deferred
                            ? "INSERT INTO main.page_bands(hash, page_id) SELECT b.hash, "
                              "b.page_id + :poff FROM " PICKED "JOIN " SRC ".pages p ON "
                              "p.dossier_id = d.id JOIN " SRC ".page_bands b ON b.page_id = "
                              "p.id ORDER BY p.id"
                            : "INSERT INTO main.page_bands(hash, page_id) SELECT b.hash, "
                              "b.page_id + :poff FROM " PICKED "JOIN " SRC ".pages p ON "
                              "p.dossier_id = d.id JOIN " SRC ".page_bands b ON b.page_id = "
                              "p.id ORDER BY +b.hash",
                        doff, poff, NULL, "merge signatures", err)) ||
        /* a batch's journal rows follow their dossiers, as pl_index_archive writes them
         * from the record: the input is not filed twice */
        (rc = copy_step(db,
                        "INSERT OR REPLACE INTO main.jobs(path, size, mtime, hash, state, code, "
                        "pages, error) SELECT j.path, j.size, j.mtime, j.hash, j.state, j.code, "
                        "j.pages, NULL FROM " SRC ".jobs j JOIN temp.hs_pick k ON k.code = "
                        "j.code WHERE j.state = 'done'",
                        doff, poff, NULL, "merge journal", err)) ||
        (rc = seed_status(db, dmax, err)) ||
        (rc = idx_exec(db, "DELETE FROM temp.hs_pick", err)))
        return rc;
    *copied = (int)npick;
    return HS_OK;
}

/* The rows of code to check against its archive (see index.h). */
int idx_dossier_texts(idx_db *db, const char *code, int *npages, idx_text_fn fn, void *ud,
                      hs_err *err)
{
    *npages = 0;
    sqlite3_stmt *st = idx_cached(db, IDX_ST_NPAGES);
    int rc = HS_OK, s, rows = 0;
    if (!st)
        return idx_fail(db, err, "lookup");
    sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
    s = sqlite3_step(st);
    if (s == SQLITE_ROW) {
        *npages = sqlite3_column_int(st, 0);
    } else {
        rc = s == SQLITE_DONE ? hs_err_set(err, HS_ENOTFOUND, 0, "no dossier '%s'", code)
                              : idx_fail(db, err, "lookup");
    }
    sqlite3_reset(st);
    st = NULL;
    if (rc)
        goto out;
    /* fields people corrected are in its field rows, not in its archive */
    if (!(st = idx_cached(db, IDX_ST_CORRECTED))) {
        rc = idx_fail(db, err, "lookup");
        goto out;
    }
    sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
    s = sqlite3_step(st);
    sqlite3_reset(st);
    st = NULL;
    if (s != SQLITE_DONE) {
        rc = s == SQLITE_ROW ? hs_err_set(err, HS_EEXIST, 0, "'%s' has corrected fields", code)
                             : idx_fail(db, err, "lookup");
        goto out;
    }
    if (!(st = idx_cached(db, IDX_ST_PAGES_OF))) {
        rc = idx_fail(db, err, "pages");
        goto out;
    }
    sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        rows++;
        idx_page p = {.page = sqlite3_column_int(st, 0),
                      .image = (const char *)sqlite3_column_text(st, 1),
                      .image_sha256 = (const char *)sqlite3_column_text(st, 2),
                      .text_path = (const char *)sqlite3_column_text(st, 3),
                      .text_sha256 = (const char *)sqlite3_column_text(st, 4),
                      .text = (const char *)sqlite3_column_text(st, 5)};
        if ((rc = fn(ud, &p, (size_t)sqlite3_column_bytes(st, 5))))
            break;
    }
    if (rc == HS_OK && s != SQLITE_DONE)
        rc = idx_fail(db, err, "pages");
    if (rc == HS_OK && rows != *npages)
        rc = hs_err_set(err, HS_EDB, 0, "index: '%s' has %d page rows for %d pages", code, rows,
                        *npages);
out:
    if (st)
        sqlite3_reset(st);
    return rc;
}
