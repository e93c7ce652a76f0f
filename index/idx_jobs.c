/* idx_jobs.c - the batch journal: one row per input dossier (its path, size, mtime and
 * content hash) with its state. A dossier's row is written in the same transaction that
 * files it, so after a crash the journal and the archive agree. */
#define _POSIX_C_SOURCE 200809L
#include <sqlite3.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "index_int.h"

static const char jobs_sql[] =
    "CREATE TABLE IF NOT EXISTS jobs("
    "  path TEXT PRIMARY KEY,"
    "  size INTEGER NOT NULL,"
    "  mtime INTEGER NOT NULL,"
    "  hash TEXT,"
    "  state TEXT NOT NULL,"
    "  code TEXT,"
    "  pages INTEGER,"
    "  error TEXT,"
    "  updated TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')));";

int idx_jobs_init(idx_db *db, hs_err *err)
{
    return idx_exec(db, jobs_sql, err);
}

int idx_job_get(idx_db *db, const char *path, idx_job *job, hs_err *err)
{
    memset(job, 0, sizeof *job);
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->db,
                           "SELECT size, mtime, hash, state, code, error FROM jobs WHERE path = ?",
                           -1, &st, NULL))
        return idx_fail(db, err, "journal");
    sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
    int rc = HS_OK, s = sqlite3_step(st);
    if (s == SQLITE_ROW) {
        job->size = sqlite3_column_int64(st, 0);
        job->mtime = sqlite3_column_int64(st, 1);
        const char *h = (const char *)sqlite3_column_text(st, 2);
        snprintf(job->hash, sizeof job->hash, "%s", h ? h : "");
        const char *state = (const char *)sqlite3_column_text(st, 3);
        job->state = state && strcmp(state, "done") == 0 ? IDX_JOB_DONE : IDX_JOB_FAILED;
        const char *c = (const char *)sqlite3_column_text(st, 4);
        snprintf(job->code, sizeof job->code, "%s", c ? c : "");
    } else if (s != SQLITE_DONE) {
        rc = idx_fail(db, err, "journal");
    }
    sqlite3_finalize(st);
    return rc;
}

int idx_job_set(idx_db *db, const char *path, const idx_job *job, const char *error, hs_err *err)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->db,
                           "INSERT OR REPLACE INTO jobs(path, size, mtime, hash, state, code, "
                           "pages, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                           -1, &st, NULL))
        return idx_fail(db, err, "journal");
    sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, job->size);
    sqlite3_bind_int64(st, 3, job->mtime);
    sqlite3_bind_text(st, 4, job->hash, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, job->state == IDX_JOB_DONE ? "done" : "failed", -1, SQLITE_STATIC);
    if (job->code[0])
        sqlite3_bind_text(st, 6, job->code, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 7, job->pages);
    if (error)
        sqlite3_bind_text(st, 8, error, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st) == SQLITE_DONE ? HS_OK : idx_fail(db, err, "journal");
    sqlite3_finalize(st);
    return rc;
}

int idx_job_failures(idx_db *db, idx_job_fn fn, void *ud, hs_err *err)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->db,
                           "SELECT path, error, updated FROM jobs WHERE state = 'failed' ORDER BY "
                           "path",
                           -1, &st, NULL))
        return idx_fail(db, err, "journal");
    int rc = HS_OK, s;
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        const char *e = (const char *)sqlite3_column_text(st, 1);
        if ((rc = fn(ud, (const char *)sqlite3_column_text(st, 0), e ? e : "",
                     (const char *)sqlite3_column_text(st, 2))))
            break;
    }
    if (rc == HS_OK && s != SQLITE_DONE)
        rc = idx_fail(db, err, "journal");
    sqlite3_finalize(st);
    return rc;
}
