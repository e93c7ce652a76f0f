/* idx_corrections.c - corrections of extracted fields made by people (the review station):
 * every correction kept in order, never rewritten, with the corrected field rows that search
 * filters on. The archives are not changed by a correction, so the corrected rows are kept
 * apart too (review_fields) and put back over the rows derived from the archives whenever
 * those were rebuilt (reindex, an append): both tables survive reindex. */
#define _POSIX_C_SOURCE 200809L
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "index_int.h"

static const char corrections_sql[] =
    "CREATE TABLE IF NOT EXISTS corrections("
    "  id INTEGER PRIMARY KEY,"
    "  code TEXT NOT NULL,"
    "  field TEXT NOT NULL,"
    "  page INTEGER NOT NULL,"
    "  old TEXT NOT NULL,"
    "  new TEXT NOT NULL,"
    "  user TEXT NOT NULL,"
    "  time TEXT NOT NULL);"
    "CREATE INDEX IF NOT EXISTS corrections_code ON corrections(code, id);"
    /* the rows of a corrected field as search should see them; value '' alone: no value */
    "CREATE TABLE IF NOT EXISTS review_fields("
    "  code TEXT NOT NULL,"
    "  key TEXT NOT NULL,"
    "  value TEXT NOT NULL,"
    "  folded TEXT NOT NULL);"
    "CREATE INDEX IF NOT EXISTS review_fields_code ON review_fields(code, key);";

/* Is any corrected field's rows in the catalogue other than review_fields says (a dossier
 * re-put by reindex or an append from its dossier.json)? */
static const char stale_sql[] =
    "SELECT 1 FROM review_fields r JOIN dossiers d ON d.code = r.code WHERE r.value <> '' AND "
    "NOT EXISTS (SELECT 1 FROM fields f WHERE f.dossier_id = d.id AND f.key = r.key AND "
    "f.value = r.value) "
    "UNION ALL "
    /* driven from the few corrected fields, never a scan of every field row */
    "SELECT 1 FROM (SELECT DISTINCT code, key FROM review_fields) k JOIN dossiers d ON d.code "
    "= k.code JOIN fields f ON f.dossier_id = d.id AND f.key = k.key WHERE NOT EXISTS (SELECT "
    "1 FROM review_fields r WHERE r.code = k.code AND r.key = k.key AND r.value = f.value) "
    "LIMIT 1";

static const char restore_sql[] =
    "SAVEPOINT review_restore;"
    "DELETE FROM fields WHERE rowid IN (SELECT f.rowid FROM (SELECT DISTINCT code, key FROM "
    "review_fields) k JOIN dossiers d ON d.code = k.code JOIN fields f ON f.dossier_id = d.id "
    "AND f.key = k.key);"
    "INSERT INTO fields(dossier_id, key, value, folded) SELECT d.id, r.key, r.value, r.folded "
    "FROM review_fields r JOIN dossiers d ON d.code = r.code WHERE r.value <> '';"
    "RELEASE review_restore;";

int idx_review_restore(idx_db *db, hs_err *err)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->db, stale_sql, -1, &st, NULL))
        return idx_fail(db, err, "corrections");
    int s = sqlite3_step(st);
    sqlite3_finalize(st);
    if (s == SQLITE_DONE)
        return HS_OK;
    if (s != SQLITE_ROW)
        return idx_fail(db, err, "corrections");
    int rc = idx_exec(db, restore_sql, err);
    if (rc)
        sqlite3_exec(db->db, "ROLLBACK TO review_restore; RELEASE review_restore", NULL, NULL,
                     NULL);
    return rc;
}

int idx_corrections_init(idx_db *db, hs_err *err)
{
    int rc = idx_exec(db, corrections_sql, err);
    /* Done at every opening for writing rather than by a trigger on fields or pages: a
     * trigger makes each insert a statement transaction, and FTS5 writes its pending
     * tokens out at each one (a segment per page during reindex). The check is one
     * indexed query on a table that holds only corrected fields. */
    return rc ? rc : idx_review_restore(db, err);
}

int idx_correction_count(idx_db *db, const char *code, int *n, hs_err *err)
{
    *n = 0;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->db, "SELECT count(*) FROM corrections WHERE code = ?", -1, &st,
                           NULL))
        return idx_fail(db, err, "corrections");
    sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
    int rc = HS_OK;
    if (sqlite3_step(st) == SQLITE_ROW)
        *n = sqlite3_column_int(st, 0);
    else
        rc = idx_fail(db, err, "corrections");
    sqlite3_finalize(st);
    return rc;
}

int idx_correction_add(idx_db *db, const char *code, const idx_correction *c, int version,
                       hs_err *err)
{
    int n = 0, rc = idx_correction_count(db, code, &n, err);
    if (rc)
        return rc;
    if (n != version)
        return hs_err_set(err, HS_EEXIST, 0,
                          "'%s' was corrected meanwhile (version %d, not %d): reload it and "
                          "correct again",
                          code, n, version);
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->db,
                           "INSERT INTO corrections(code, field, page, old, new, user, time) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?)",
                           -1, &st, NULL))
        return idx_fail(db, err, "corrections");
    sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, c->field, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, c->page);
    sqlite3_bind_text(st, 4, c->old_value ? c->old_value : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, c->new_value ? c->new_value : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, c->user, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 7, c->time, -1, SQLITE_STATIC);
    rc = sqlite3_step(st) == SQLITE_DONE ? HS_OK : idx_fail(db, err, "corrections");
    sqlite3_finalize(st);
    return rc;
}

int idx_correction_each(idx_db *db, const char *code, idx_correction_fn fn, void *ud,
                        hs_err *err)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->db,
                           "SELECT field, page, old, new, user, time FROM corrections WHERE code "
                           "= ? ORDER BY id",
                           -1, &st, NULL))
        return idx_fail(db, err, "corrections");
    sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
    int rc = HS_OK, s;
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        idx_correction c = {
            .field = (const char *)sqlite3_column_text(st, 0),
            .page = sqlite3_column_int(st, 1),
            .old_value = (const char *)sqlite3_column_text(st, 2),
            .new_value = (const char *)sqlite3_column_text(st, 3),
            .user = (const char *)sqlite3_column_text(st, 4),
            .time = (const char *)sqlite3_column_text(st, 5),
        };
        if ((rc = fn(ud, &c)))
            break;
    }
    if (rc == HS_OK && s != SQLITE_DONE)
        rc = idx_fail(db, err, "corrections");
    sqlite3_finalize(st);
    return rc;
}

/* Runs sql with code, key and optionally a value and its folded form bound (?1..?4). */
static int run4(idx_db *db, const char *sql, const char *code, const char *key,
                const char *value, const char *folded, hs_err *err)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->db, sql, -1, &st, NULL))
        return idx_fail(db, err, "corrected fields");
    sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
    if (value) {
        sqlite3_bind_text(st, 3, value, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, folded, -1, SQLITE_STATIC);
    }
    int rc = sqlite3_step(st) == SQLITE_DONE ? HS_OK : idx_fail(db, err, "corrected fields");
    sqlite3_finalize(st);
    return rc;
}

int idx_fields_set(idx_db *db, const char *code, const char *key, const char *const *values,
                   int n, hs_err *err)
{
    int rc = run4(db, "DELETE FROM review_fields WHERE code = ?1 AND key = ?2", code, key, NULL,
                  NULL, err);
    if (rc == HS_OK)
        rc = run4(db,
                  "DELETE FROM fields WHERE key = ?2 AND dossier_id = (SELECT id FROM dossiers "
                  "WHERE code = ?1)",
                  code, key, NULL, NULL, err);
    /* a field left without a value keeps one empty row, so that its old rows stay away */
    if (rc == HS_OK && n == 0)
        rc = run4(db, "INSERT INTO review_fields(code, key, value, folded) VALUES (?1, ?2, ?3, ?4)",
                  code, key, "", "", err);
    for (int i = 0; rc == HS_OK && i < n; i++) {
        char *folded = hs_utf8_fold(values[i], strlen(values[i]));
        if (!folded)
            return hs_err_set(err, HS_EINVAL, 0, "index: field '%s' is not valid UTF-8", key);
        rc = run4(db,
                  "INSERT INTO review_fields(code, key, value, folded) VALUES (?1, ?2, ?3, ?4)",
                  code, key, values[i], folded, err);
        if (rc == HS_OK)
            rc = run4(db,
                      "INSERT INTO fields(dossier_id, key, value, folded) SELECT id, ?2, ?3, ?4 "
                      "FROM dossiers WHERE code = ?1",
                      code, key, values[i], folded, err);
        free(folded);
    }
    return rc;
}
