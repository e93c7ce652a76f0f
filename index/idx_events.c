/* idx_events.c - events of a dossier that happened after its bag was written (a fixity
 * check, an export, a merge): kept beside the bag in the index, because the bag is never
 * rewritten for them. The next bag write of the dossier (an append) takes them into its
 * data/events.jsonl and they leave this table. reindex keeps them, like the journal. */
#define _POSIX_C_SOURCE 200809L
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "index_int.h"

static const char events_sql[] =
    "CREATE TABLE IF NOT EXISTS events("
    "  id INTEGER PRIMARY KEY,"
    "  code TEXT NOT NULL,"
    "  event TEXT NOT NULL);"
    "CREATE INDEX IF NOT EXISTS events_code ON events(code, id);";

int idx_events_init(idx_db *db, hs_err *err)
{
    return idx_exec(db, events_sql, err);
}

int idx_event_add(idx_db *db, const char *code, const char *event, hs_err *err)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->db, "INSERT INTO events(code, event) VALUES (?, ?)", -1, &st,
                           NULL))
        return idx_fail(db, err, "events");
    sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, event, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st) == SQLITE_DONE ? HS_OK : idx_fail(db, err, "events");
    sqlite3_finalize(st);
    return rc;
}

int idx_event_each(idx_db *db, const char *code, idx_event_fn fn, void *ud, hs_err *err)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->db, "SELECT event FROM events WHERE code = ? ORDER BY id", -1,
                           &st, NULL))
        return idx_fail(db, err, "events");
    sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
    int rc = HS_OK, s;
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        const char *ev = (const char *)sqlite3_column_text(st, 0);
        if (ev && (rc = fn(ud, ev)))
            break;
    }
    if (rc == HS_OK && s != SQLITE_DONE)
        rc = idx_fail(db, err, "events");
    sqlite3_finalize(st);
    return rc;
}

int idx_event_clear(idx_db *db, const char *code, hs_err *err)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->db, "DELETE FROM events WHERE code = ?", -1, &st, NULL))
        return idx_fail(db, err, "events");
    sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st) == SQLITE_DONE ? HS_OK : idx_fail(db, err, "events");
    sqlite3_finalize(st);
    return rc;
}
