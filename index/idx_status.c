/* idx_status.c - the dossier's life: when it was received, when it is due, when it was
 * returned (or withdrawn), its status, agency and procedure; working-day deadlines from a
 * holiday calendar; and the counts of the one-stop report (early, on time, late, open,
 * overdue). The rows live in a table of their own beside the catalogue: reindex keeps
 * them, filing seeds them from the record. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "index_int.h"
#include "hs_vec.h"

/* Agency and procedure are kept once each in status_names and referred to by id, so a
 * row is a few integers and the report's scan of a million rows reads little. */
static const char status_sql[] =
    "CREATE TABLE IF NOT EXISTS status_names("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL UNIQUE);"
    "CREATE TABLE IF NOT EXISTS status("
    "  id INTEGER PRIMARY KEY,"
    "  received_at INTEGER NOT NULL,"
    "  due_at INTEGER,"
    "  returned_at INTEGER,"
    "  status INTEGER NOT NULL,"
    "  agency INTEGER NOT NULL DEFAULT 0,"
    "  procedure INTEGER NOT NULL DEFAULT 0,"
    "  given INTEGER NOT NULL DEFAULT 0,"
    "  code TEXT NOT NULL UNIQUE);"
    /* the rows of ids [id * 4096, id * 4096 + 4096) as fixed records for the report: a
     * cache, dropped by any write to those rows and made again by idx_status_pack */
    /* the overdue list: open dossiers by deadline */
    "CREATE INDEX IF NOT EXISTS status_open_due ON status(due_at) WHERE returned_at IS NULL;"
    "CREATE TABLE IF NOT EXISTS status_packs("
    "  id INTEGER PRIMARY KEY,"
    "  data BLOB NOT NULL);";

#define PACK_ROWS 4096

static const char *const status_names[] = {"received", "processing", "returned", "withdrawn"};

const char *idx_status_name(int status)
{
    return status >= 0 && status <= IDX_STATUS_WITHDRAWN ? status_names[status] : "?";
}

int idx_status_parse(const char *name)
{
    for (int i = 0; name && i <= IDX_STATUS_WITHDRAWN; i++)
        if (strcmp(name, status_names[i]) == 0)
            return i;
    return -1;
}

/* ---- time: minutes since 1970-01-01T00:00, local, proleptic Gregorian ---- */

/* Days since 1970-01-01 of a civil date (H. Hinnant's days_from_civil). */
static long long days_from_civil(long long y, int m, int d)
{
    y -= m <= 2;
    long long era = (y >= 0 ? y : y - 399) / 400;
    long long yoe = y - era * 400;
    long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long long z, int *y, int *m, int *d)
{
    z += 719468;
    long long era = (z >= 0 ? z : z - 146096) / 146097;
    long long doe = z - era * 146097;
    long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

static int days_in_month(int y, int m)
{
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) ? 29 : dm[m - 1];
}

static int digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

#define DAY_MIN (24LL * 60)
#define END_OF_DAY (DAY_MIN - 1)

int idx_time_parse(const char *s, int end_of_day, long long *out)
{
    *out = IDX_TIME_NONE;
    int y, mo, d, h = 0, mi = 0, sec = 0, timed = 0;
    if (!s || digits(s, 4, &y) || s[4] != '-' || digits(s + 5, 2, &mo) || s[7] != '-' ||
        digits(s + 8, 2, &d))
        return HS_EINVAL;
    const char *p = s + 10;
    if (*p == 'T' || *p == ' ') {
        if (digits(p + 1, 2, &h) || p[3] != ':' || digits(p + 4, 2, &mi))
            return HS_EINVAL;
        p += 6;
        if (*p == ':') {
            if (digits(p + 1, 2, &sec))
                return HS_EINVAL;
            p += 3;
        }
        timed = 1;
    }
    int utc = *p == 'Z';
    p += utc;
    if (*p || y < 1970 || mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) || h > 23 ||
        mi > 59 || sec > 60)
        return HS_EINVAL;
    long long t = days_from_civil(y, mo, d) * DAY_MIN + h * 60 + mi;
    if (utc) {
        /* the filing time is kept in UTC: the centre counts in its own time */
        time_t tt = (time_t)(t * 60 + sec);
        struct tm tm;
        if (!localtime_r(&tt, &tm))
            return HS_EINVAL;
        t = days_from_civil(tm.tm_year + 1900LL, tm.tm_mon + 1, tm.tm_mday) * DAY_MIN +
            tm.tm_hour * 60 + tm.tm_min;
    } else if (!timed && end_of_day) {
        t += END_OF_DAY;
    }
    *out = t;
    return HS_OK;
}

void idx_time_format(long long t, char out[24])
{
    if (t < 0) {
        out[0] = '\0';
        return;
    }
    int y, m, d;
    civil_from_days(t / DAY_MIN, &y, &m, &d);
    int mod = (int)(t % DAY_MIN);
    if (mod == 0 || mod == END_OF_DAY)
        snprintf(out, 24, "%04d-%02d-%02d", y, m, d);
    else
        snprintf(out, 24, "%04d-%02d-%02dT%02d:%02d", y, m, d, mod / 60, mod % 60);
}

long long idx_time_now(void)
{
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    return days_from_civil(tm.tm_year + 1900LL, tm.tm_mon + 1, tm.tm_mday) * DAY_MIN +
           tm.tm_hour * 60 + tm.tm_min;
}

/* ---- the table ---- */

/* Made on first use rather than at open: a read-only connection cannot make it, and one
 * that finds it missing has no rows to report. */
static int status_init(idx_db *db, hs_err *err)
{
    return idx_exec(db, status_sql, err);
}

static int status_table_exists(idx_db *db, int *exists, hs_err *err)
{
    *exists = 0;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->db,
                           "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'status'",
                           -1, &st, NULL))
        return idx_fail(db, err, "status");
    int s = sqlite3_step(st);
    *exists = s == SQLITE_ROW;
    sqlite3_finalize(st);
    return s == SQLITE_ROW || s == SQLITE_DONE ? HS_OK : idx_fail(db, err, "status");
}

/* Copies src into dst[cap], cut before a UTF-8 character that does not fit. */
static void copy_cut(char *dst, size_t cap, const char *src)
{
    size_t n = src ? strlen(src) : 0;
    if (n >= cap) {
        n = cap - 1;
        while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
            n--;
    }
    if (n)
        memcpy(dst, src, n);
    dst[n] = '\0';
}

struct idx_status_writer {
    idx_db *db;
    sqlite3_stmt *put, *name_add, *name_get, *stale, *get;
    long long stale_pack; /* the pack last dropped, -1: none */
    /* imports and benchmarks repeat the same few names: the last ids are kept */
    char last[2][IDX_PROCEDURE_MAX];
    long long last_id[2];
};

void idx_status_writer_free(idx_status_writer *w)
{
    if (!w)
        return;
    sqlite3_finalize(w->put);
    sqlite3_finalize(w->name_add);
    sqlite3_finalize(w->name_get);
    sqlite3_finalize(w->stale);
    sqlite3_finalize(w->get);
    free(w);
}

#define STATUS_GET_SQL                                                                     \
    "SELECT received_at, due_at, returned_at, status, given, "                             \
    "(SELECT name FROM status_names WHERE id = agency), "                                  \
    "(SELECT name FROM status_names WHERE id = procedure) "                                \
    "FROM status WHERE code = ?"

int idx_status_writer_new(idx_db *db, idx_status_writer **out, hs_err *err)
{
    *out = NULL;
    int rc = status_init(db, err);
    if (rc)
        return rc;
    idx_status_writer *w = calloc(1, sizeof *w);
    if (!w)
        return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    w->db = db;
    w->last_id[0] = w->last_id[1] = -1;
    w->stale_pack = -1;
    if (sqlite3_prepare_v2(db->db,
                           "INSERT INTO status(code, received_at, due_at, returned_at, status, "
                           "agency, procedure, given) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                           "ON CONFLICT(code) DO UPDATE SET received_at = excluded.received_at, "
                           "due_at = excluded.due_at, returned_at = excluded.returned_at, "
                           "status = excluded.status, agency = excluded.agency, "
                           "procedure = excluded.procedure, given = excluded.given "
                           "RETURNING id",
                           -1, &w->put, NULL) ||
        sqlite3_prepare_v2(db->db, "DELETE FROM status_packs WHERE id = ?", -1, &w->stale,
                           NULL) ||
        sqlite3_prepare_v2(db->db, "INSERT OR IGNORE INTO status_names(name) VALUES (?)", -1,
                           &w->name_add, NULL) ||
        sqlite3_prepare_v2(db->db, "SELECT id FROM status_names WHERE name = ?", -1,
                           &w->name_get, NULL) ||
        sqlite3_prepare_v2(db->db, STATUS_GET_SQL, -1, &w->get, NULL)) {
        rc = idx_fail(db, err, "status");
        idx_status_writer_free(w);
        return rc;
    }
    *out = w;
    return HS_OK;
}

/* The id of name in status_names (0 for ""), added if new. */
static int name_id(idx_status_writer *w, int slot, const char *name, long long *id, hs_err *err)
{
    *id = 0;
    if (!*name)
        return HS_OK;
    if (w->last_id[slot] >= 0 && strcmp(w->last[slot], name) == 0) {
        *id = w->last_id[slot];
        return HS_OK;
    }
    sqlite3_reset(w->name_add);
    sqlite3_bind_text(w->name_add, 1, name, -1, SQLITE_STATIC);
    if (sqlite3_step(w->name_add) != SQLITE_DONE)
        return idx_fail(w->db, err, "status names");
    sqlite3_reset(w->name_get);
    sqlite3_bind_text(w->name_get, 1, name, -1, SQLITE_STATIC);
    if (sqlite3_step(w->name_get) != SQLITE_ROW)
        return idx_fail(w->db, err, "status names");
    *id = sqlite3_column_int64(w->name_get, 0);
    sqlite3_reset(w->name_get);
    copy_cut(w->last[slot], sizeof w->last[slot], name);
    w->last_id[slot] = *id;
    return HS_OK;
}

static void bind_time(sqlite3_stmt *st, int i, long long t)
{
    if (t < 0)
        sqlite3_bind_null(st, i);
    else
        sqlite3_bind_int64(st, i, t);
}

static int status_check(const char *code, const idx_status *st, hs_err *err)
{
    int closed = st->status == IDX_STATUS_RETURNED || st->status == IDX_STATUS_WITHDRAWN;
    if (st->status < 0 || st->status > IDX_STATUS_WITHDRAWN)
        return hs_err_set(err, HS_EINVAL, 0, "status: '%s': unknown status %d", code,
                          st->status);
    if (st->received_at < 0)
        return hs_err_set(err, HS_EINVAL, 0, "status: '%s' has no received time", code);
    if (closed && st->returned_at < 0)
        return hs_err_set(err, HS_EINVAL, 0, "status: '%s' is %s without a time", code,
                          idx_status_name(st->status));
    if (!closed && st->returned_at >= 0)
        return hs_err_set(err, HS_EINVAL, 0, "status: '%s' is %s but has a return time", code,
                          idx_status_name(st->status));
    /* a return given as a date alone (00:00) on the day of receipt is not before it */
    if (closed && st->returned_at / DAY_MIN < st->received_at / DAY_MIN)
        return hs_err_set(err, HS_EINVAL, 0, "status: '%s' is returned before it was received",
                          code);
    if (st->due_at >= 0 && st->due_at / DAY_MIN < st->received_at / DAY_MIN)
        return hs_err_set(err, HS_EINVAL, 0, "status: '%s' is due before it was received",
                          code);
    return HS_OK;
}

int idx_status_writer_put(idx_status_writer *w, const char *code, const idx_status *st,
                          hs_err *err)
{
    long long agency, proc;
    int rc = status_check(code, st, err);
    if (rc || (rc = name_id(w, 0, st->agency, &agency, err)) ||
        (rc = name_id(w, 1, st->procedure, &proc, err)))
        return rc;
    sqlite3_stmt *p = w->put;
    sqlite3_reset(p);
    sqlite3_bind_text(p, 1, code, -1, SQLITE_STATIC);
    sqlite3_bind_int64(p, 2, st->received_at);
    bind_time(p, 3, st->due_at);
    bind_time(p, 4, st->returned_at);
    sqlite3_bind_int(p, 5, st->status);
    sqlite3_bind_int64(p, 6, agency);
    sqlite3_bind_int64(p, 7, proc);
    sqlite3_bind_int(p, 8, st->given != 0);
    if (sqlite3_step(p) != SQLITE_ROW) {
        rc = idx_fail(w->db, err, "status");
        sqlite3_reset(p);
        return rc;
    }
    long long pack = sqlite3_column_int64(p, 0) / PACK_ROWS;
    rc = sqlite3_step(p) == SQLITE_DONE ? HS_OK : idx_fail(w->db, err, "status");
    sqlite3_reset(p);
    /* the row's pack no longer tells the truth */
    if (rc == HS_OK && pack != w->stale_pack) {
        sqlite3_reset(w->stale);
        sqlite3_bind_int64(w->stale, 1, pack);
        rc = sqlite3_step(w->stale) == SQLITE_DONE ? HS_OK : idx_fail(w->db, err, "status");
        sqlite3_reset(w->stale);
        w->stale_pack = rc == HS_OK ? pack : -1;
    }
    return rc;
}

int idx_status_put(idx_db *db, const char *code, const idx_status *st, hs_err *err)
{
    idx_status_writer *w = NULL;
    int rc = idx_status_writer_new(db, &w, err);
    if (rc == HS_OK)
        rc = idx_status_writer_put(w, code, st, err);
    idx_status_writer_free(w);
    return rc;
}

static long long column_time(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL ? IDX_TIME_NONE
                                                     : sqlite3_column_int64(st, i);
}

/* The row of code through st (STATUS_GET_SQL), which is reset after. */
static int status_row(idx_db *db, sqlite3_stmt *st, const char *code, idx_status *out,
                      hs_err *err)
{
    int rc;
    memset(out, 0, sizeof *out);
    out->received_at = out->due_at = out->returned_at = IDX_TIME_NONE;
    sqlite3_reset(st);
    sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
    int s = sqlite3_step(st);
    if (s == SQLITE_ROW) {
        out->received_at = column_time(st, 0);
        out->due_at = column_time(st, 1);
        out->returned_at = column_time(st, 2);
        out->status = sqlite3_column_int(st, 3);
        out->given = sqlite3_column_int(st, 4);
        copy_cut(out->agency, sizeof out->agency, (const char *)sqlite3_column_text(st, 5));
        copy_cut(out->procedure, sizeof out->procedure,
                 (const char *)sqlite3_column_text(st, 6));
        rc = HS_OK;
    } else if (s == SQLITE_DONE) {
        rc = hs_err_set(err, HS_ENOTFOUND, 0, "status: no dossier '%s'", code);
    } else {
        rc = idx_fail(db, err, "status");
    }
    sqlite3_reset(st);
    return rc;
}

int idx_status_get(idx_db *db, const char *code, idx_status *out, hs_err *err)
{
    memset(out, 0, sizeof *out);
    out->received_at = out->due_at = out->returned_at = IDX_TIME_NONE;
    int exists, rc = status_table_exists(db, &exists, err);
    if (rc)
        return rc;
    if (!exists)
        return hs_err_set(err, HS_ENOTFOUND, 0, "status: no dossier '%s'", code);
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->db, STATUS_GET_SQL, -1, &st, NULL))
        return idx_fail(db, err, "status");
    rc = status_row(db, st, code, out, err);
    sqlite3_finalize(st);
    return rc;
}

int idx_status_overdue(idx_db *db, long long now, int limit, idx_overdue_fn fn, void *ud,
                       hs_err *err)
{
    int exists, rc = status_table_exists(db, &exists, err);
    if (rc || !exists)
        return rc;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->db,
                           "SELECT code, received_at, due_at, status, "
                           "(SELECT name FROM status_names WHERE id = agency), "
                           "(SELECT name FROM status_names WHERE id = procedure) "
                           "FROM status WHERE returned_at IS NULL AND due_at < ? "
                           "ORDER BY due_at, code LIMIT ?",
                           -1, &st, NULL))
        return idx_fail(db, err, "status");
    sqlite3_bind_int64(st, 1, now);
    sqlite3_bind_int(st, 2, limit > 0 ? limit : -1);
    int s;
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        idx_status row = {.received_at = sqlite3_column_int64(st, 1),
                          .due_at = sqlite3_column_int64(st, 2),
                          .returned_at = IDX_TIME_NONE,
                          .status = sqlite3_column_int(st, 3)};
        copy_cut(row.agency, sizeof row.agency, (const char *)sqlite3_column_text(st, 4));
        copy_cut(row.procedure, sizeof row.procedure, (const char *)sqlite3_column_text(st, 5));
        if ((rc = fn(ud, (const char *)sqlite3_column_text(st, 0), &row)))
            break;
    }
    if (rc == HS_OK && s != SQLITE_DONE)
        rc = idx_fail(db, err, "status");
    sqlite3_finalize(st);
    return rc;
}

/* The agency of a generated code "AGENCY-YYMMDD-NNNN"; "" for any other shape. */
static void code_agency(const char *code, char *out, size_t cap)
{
    out[0] = '\0';
    const char *last = strrchr(code, '-');
    if (!last || last == code)
        return;
    const char *day = last - 1;
    while (day > code && *day != '-')
        day--;
    if (*day != '-' || day == code || last - day != 7)
        return;
    for (const char *p = day + 1; p < last; p++)
        if (*p < '0' || *p > '9')
            return;
    if (!last[1])
        return;
    for (const char *p = last + 1; *p; p++)
        if (*p < '0' || *p > '9')
            return;
    size_t n = (size_t)(day - code);
    if (n >= cap)
        return;
    memcpy(out, code, n);
    out[n] = '\0';
}

static const char *field_get(const idx_field *f, int n, const char *key)
{
    for (int i = 0; i < n; i++)
        if (strcmp(f[i].key, key) == 0)
            return f[i].value;
    return NULL;
}

int idx_status_seed(idx_db *db, const char *code, const char *created, const idx_field *fields,
                    int nfields, hs_err *err)
{
    idx_status_writer *w = NULL;
    int rc = idx_status_writer_new(db, &w, err);
    if (rc == HS_OK)
        rc = idx_status_writer_seed(w, code, created, fields, nfields, err);
    idx_status_writer_free(w);
    return rc;
}

int idx_status_writer_seed(idx_status_writer *w, const char *code, const char *created,
                           const idx_field *fields, int nfields, hs_err *err)
{
    idx_status rec, old;
    memset(&rec, 0, sizeof rec);
    rec.due_at = rec.returned_at = IDX_TIME_NONE;
    rec.status = IDX_STATUS_RECEIVED;
    /* a value the extractor read badly must not stop the dossier from being indexed: it
     * falls back to the filing time, or no deadline; a record without either (written by
     * hand) gets no row, and the report does not count it */
    if (idx_time_parse(field_get(fields, nfields, "received_at"), 0, &rec.received_at) &&
        idx_time_parse(created, 0, &rec.received_at))
        return HS_OK;
    const char *due = field_get(fields, nfields, "due_at");
    if (!due)
        due = field_get(fields, nfields, "appointment");
    if (idx_time_parse(due, 1, &rec.due_at) || rec.due_at / DAY_MIN < rec.received_at / DAY_MIN)
        rec.due_at = IDX_TIME_NONE;
    code_agency(code, rec.agency, sizeof rec.agency);
    copy_cut(rec.procedure, sizeof rec.procedure, field_get(fields, nfields, "procedure"));
    int rc = status_row(w->db, w->get, code, &old, err);
    if (rc == HS_ENOTFOUND)
        return idx_status_writer_put(w, code, &rec, err);
    if (rc)
        return rc;
    /* what happened since filing stays; dates from the record follow the record unless a
     * person gave them */
    idx_status row = old;
    if (!old.given) {
        row.received_at = rec.received_at;
        row.due_at = rec.due_at;
    } else if (old.due_at < 0) {
        row.due_at = rec.due_at;
    }
    if (!old.given || !old.agency[0])
        memcpy(row.agency, rec.agency, sizeof row.agency);
    if (!old.given || !old.procedure[0])
        memcpy(row.procedure, rec.procedure, sizeof row.procedure);
    /* a return recorded before a receipt read later that moves the receipt past it: keep
     * the row writable rather than fail the indexing */
    if (row.returned_at >= 0 && row.returned_at / DAY_MIN < row.received_at / DAY_MIN)
        row.received_at = old.received_at;
    if (row.due_at >= 0 && row.due_at / DAY_MIN < row.received_at / DAY_MIN)
        row.due_at = IDX_TIME_NONE;
    /* reindex finds most rows as they were: writing them would only drop their packs */
    if (row.received_at == old.received_at && row.due_at == old.due_at &&
        strcmp(row.agency, old.agency) == 0 && strcmp(row.procedure, old.procedure) == 0)
        return HS_OK;
    return idx_status_writer_put(w, code, &row, err);
}

/* ---- working days ---- */

struct idx_calendar {
    long long *off, *work; /* day numbers, sorted */
    size_t noff, nwork;
};

static int day_cmp(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return (x > y) - (x < y);
}

static int day_in(const long long *v, size_t n, long long day)
{
    return n && bsearch(&day, v, n, sizeof *v, day_cmp) != NULL;
}

static int day_push(long long **v, size_t *n, size_t *cap, long long day)
{
    if (HS_VEC_RESERVE(*v, *cap, *n + 1))
        return HS_ENOMEM;
    (*v)[(*n)++] = day;
    return HS_OK;
}

void idx_calendar_free(idx_calendar *cal)
{
    if (!cal)
        return;
    free(cal->off);
    free(cal->work);
    free(cal);
}

int idx_calendar_load(const char *path, idx_calendar **out, hs_err *err)
{
    *out = NULL;
    int rc = HS_OK, lineno = 0;
    size_t cap_off = 0, cap_work = 0;
    char line[512];
    idx_calendar *cal = calloc(1, sizeof *cal);
    FILE *f = cal ? fopen(path, "r") : NULL;
    if (!cal) {
        rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
        goto out;
    }
    if (!f) {
        rc = hs_err_set(err, errno == ENOENT ? HS_ENOTFOUND : HS_EIO, errno,
                        "calendar: cannot read '%s'", path);
        goto out;
    }
    while (fgets(line, sizeof line, f)) {
        lineno++;
        char *p = line, *hash = strchr(line, '#');
        if (hash)
            *hash = '\0';
        while (*p == ' ' || *p == '\t')
            p++;
        size_t n = strlen(p);
        while (n && (p[n - 1] == '\n' || p[n - 1] == '\r' || p[n - 1] == ' ' || p[n - 1] == '\t'))
            p[--n] = '\0';
        if (!*p)
            continue;
        char date[11] = {0};
        long long t;
        const char *rest = p + 10;
        while (*rest == ' ' || *rest == '\t')
            rest++;
        if (n >= 10)
            memcpy(date, p, 10);
        int work = strcmp(rest, "work") == 0;
        if (n < 10 || (p[10] && p[10] != ' ' && p[10] != '\t') || (*rest && !work) ||
            idx_time_parse(date, 0, &t)) {
            rc = hs_err_set(err, HS_EFORMAT, 0,
                            "calendar: '%s' line %d: expected 'YYYY-MM-DD [work] # comment'",
                            path, lineno);
            goto out;
        }
        if ((rc = work ? day_push(&cal->work, &cal->nwork, &cap_work, t / DAY_MIN)
                       : day_push(&cal->off, &cal->noff, &cap_off, t / DAY_MIN))) {
            rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
            goto out;
        }
    }
    if (ferror(f)) {
        rc = hs_err_set(err, HS_EIO, errno, "calendar: cannot read '%s'", path);
        goto out;
    }
    qsort(cal->off, cal->noff, sizeof *cal->off, day_cmp);
    qsort(cal->work, cal->nwork, sizeof *cal->work, day_cmp);
    *out = cal;
    cal = NULL;
out:
    if (f)
        fclose(f);
    idx_calendar_free(cal);
    return rc;
}

static int workday(const idx_calendar *cal, long long day)
{
    int wd = (int)(((day % 7) + 11) % 7); /* 1970-01-01 was a Thursday: 0 = Sunday */
    if (cal && day_in(cal->work, cal->nwork, day))
        return 1;
    if (wd == 0 || wd == 6)
        return 0;
    return !(cal && day_in(cal->off, cal->noff, day));
}

int idx_calendar_workday(const idx_calendar *cal, long long t)
{
    return workday(cal, t / DAY_MIN);
}

long long idx_calendar_due(const idx_calendar *cal, long long t, int n)
{
    long long day = t / DAY_MIN;
    for (int i = 0; i < n; i++)
        do
            day++;
        while (!workday(cal, day));
    return day * DAY_MIN + END_OF_DAY;
}

/* ---- packs: the rows as fixed records, read by the report without SQL per row ---- */

typedef struct pack_rec {
    int32_t rcv, due, left; /* minutes; -1: none (rcv -1: no row with this id) */
    int32_t agency, proc, status;
} pack_rec;

#define PACK_MAGIC 0x31505348u /* "HSP1" in this machine's byte order */
#define PACK_BYTES (sizeof(uint32_t) + PACK_ROWS * sizeof(pack_rec))

/* The records of pack id from the rows themselves. */
static int pack_from_rows(idx_db *db, sqlite3_stmt **st, long long id, pack_rec *recs,
                          hs_err *err)
{
    for (int i = 0; i < PACK_ROWS; i++)
        recs[i] = (pack_rec){-1, -1, -1, 0, 0, 0};
    if (!*st && sqlite3_prepare_v2(db->db,
                                   "SELECT id, received_at, coalesce(due_at, -1), "
                                   "coalesce(returned_at, -1), status, agency, procedure "
                                   "FROM status WHERE id >= ?1 AND id < ?1 + ?2",
                                   -1, st, NULL))
        return idx_fail(db, err, "status packs");
    sqlite3_reset(*st);
    sqlite3_bind_int64(*st, 1, id * PACK_ROWS);
    sqlite3_bind_int(*st, 2, PACK_ROWS);
    int s;
    while ((s = sqlite3_step(*st)) == SQLITE_ROW) {
        pack_rec *r = &recs[sqlite3_column_int64(*st, 0) - id * PACK_ROWS];
        r->rcv = (int32_t)sqlite3_column_int64(*st, 1);
        r->due = (int32_t)sqlite3_column_int64(*st, 2);
        r->left = (int32_t)sqlite3_column_int64(*st, 3);
        r->status = sqlite3_column_int(*st, 4);
        r->agency = (int32_t)sqlite3_column_int64(*st, 5);
        r->proc = (int32_t)sqlite3_column_int64(*st, 6);
    }
    int rc = s == SQLITE_DONE ? HS_OK : idx_fail(db, err, "status packs");
    sqlite3_reset(*st);
    return rc;
}

static int max_row_id(idx_db *db, long long *max, hs_err *err)
{
    sqlite3_stmt *st = NULL;
    *max = -1;
    if (sqlite3_prepare_v2(db->db, "SELECT coalesce(max(id), -1) FROM status", -1, &st, NULL) ||
        sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_finalize(st);
        return idx_fail(db, err, "status");
    }
    *max = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return HS_OK;
}

int idx_status_pack(idx_db *db, hs_err *err)
{
    sqlite3_stmt *have = NULL, *rows = NULL, *put = NULL;
    unsigned char *blob = malloc(PACK_BYTES);
    long long max;
    int rc = blob ? status_init(db, err) : hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    if (rc || (rc = max_row_id(db, &max, err)))
        goto out;
    if (sqlite3_prepare_v2(db->db, "SELECT length(data) FROM status_packs WHERE id = ?", -1,
                           &have, NULL) ||
        sqlite3_prepare_v2(db->db, "INSERT OR REPLACE INTO status_packs(id, data) VALUES (?, ?)",
                           -1, &put, NULL)) {
        rc = idx_fail(db, err, "status packs");
        goto out;
    }
    for (long long id = 0; id <= max / PACK_ROWS && max >= 0; id++) {
        sqlite3_reset(have);
        sqlite3_bind_int64(have, 1, id);
        int s = sqlite3_step(have);
        if (s == SQLITE_ROW && (size_t)sqlite3_column_int64(have, 0) == PACK_BYTES)
            continue;
        if (s != SQLITE_ROW && s != SQLITE_DONE) {
            rc = idx_fail(db, err, "status packs");
            goto out;
        }
        uint32_t magic = PACK_MAGIC;
        memcpy(blob, &magic, sizeof magic);
        if ((rc = pack_from_rows(db, &rows, id, (pack_rec *)(void *)(blob + sizeof magic), err)))
            goto out;
        sqlite3_reset(put);
        sqlite3_bind_int64(put, 1, id);
        sqlite3_bind_blob(put, 2, blob, (int)PACK_BYTES, SQLITE_STATIC);
        if (sqlite3_step(put) != SQLITE_DONE) {
            rc = idx_fail(db, err, "status packs");
            goto out;
        }
    }
out:
    sqlite3_finalize(have);
    sqlite3_finalize(rows);
    sqlite3_finalize(put);
    free(blob);
    return rc;
}

/* ---- the report ---- */

typedef struct months {
    long long *start; /* n + 1 bounds: start[i] .. start[i + 1] is month i, clipped */
    int n;
} months;

/* The months of [from, to), each clipped to it. */
static int months_make(long long from, long long to, months *m)
{
    int y, mo, d;
    civil_from_days(from / DAY_MIN, &y, &mo, &d);
    int cap = 16;
    m->n = 0;
    m->start = malloc((size_t)cap * sizeof *m->start);
    if (!m->start)
        return HS_ENOMEM;
    m->start[0] = from;
    for (;;) {
        if (++mo > 12) {
            mo = 1;
            y++;
        }
        long long next = days_from_civil(y, mo, 1) * DAY_MIN;
        if (m->n + 2 > cap) {
            cap *= 2;
            long long *p = realloc(m->start, (size_t)cap * sizeof *p);
            if (!p)
                return HS_ENOMEM;
            m->start = p;
        }
        m->n++;
        m->start[m->n] = next < to ? next : to;
        if (next >= to)
            return HS_OK;
    }
}

/* Index of the month holding t (start[i] <= t < start[i + 1]); -1 before, n after. */
static int month_of(const months *m, long long t)
{
    if (t < m->start[0])
        return -1;
    int lo = 0, hi = m->n; /* answer in [lo, hi] */
    while (lo < hi) {
        int mid = (lo + hi + 1) / 2;
        if (m->start[mid] <= t)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}

enum { OUT_EARLY, OUT_ON_TIME, OUT_LATE };

static int outcome(long long due, long long ret)
{
    if (due < 0)
        return OUT_ON_TIME; /* no deadline: nothing to be late for */
    if (ret / DAY_MIN < due / DAY_MIN)
        return OUT_EARLY;
    return ret <= due ? OUT_ON_TIME : OUT_LATE;
}

/* Adds a row (received rcv, due, left: returned or withdrawn, or NONE) to r for the
 * period [from, to) whose end is counted at end (min(to, now)). */
static void count_row(idx_stats_row *r, long long from, long long to, long long end,
                      long long rcv, long long due, long long left, int st)
{
    if (rcv >= to)
        return;
    if (rcv >= from)
        r->received++;
    else if (left < 0 || left >= from)
        r->carried++;
    if (left >= from && left < to) {
        if (st == IDX_STATUS_WITHDRAWN)
            r->withdrawn++;
        else
            switch (outcome(due, left)) {
            case OUT_EARLY: r->early++; break;
            case OUT_ON_TIME: r->on_time++; break;
            default: r->late++; break;
            }
    }
    if (rcv < end && (left < 0 || left >= end)) {
        r->open++;
        if (due >= 0 && due < end)
            r->overdue++;
    }
}

void idx_stats_release(idx_stats *s)
{
    for (int i = 0; s && i < s->n; i++)
        free(s->rows[i].key);
    if (s) {
        free(s->rows);
        s->rows = NULL;
        s->n = 0;
    }
}

static int row_key_cmp(const void *a, const void *b)
{
    const idx_stats_row *x = a, *y = b;
    return strcmp(x->key, y->key);
}

typedef struct tally {
    long long from, to, end, now;
    int by;
    const months *m;
    idx_stats_row *g, *total;
    long long ngroups;
    /* by month: each month's end as counted (min(its end, now), not before its start), and
     * the changes at each month of the counts that hold over a run of months (carried, open,
     * overdue), summed up at the end: a dossier open for two years costs one step, not 24 */
    long long *mend;
    long *d_carried, *d_open, *d_overdue;
} tally;

/* The first i in [0, n) with v[i] > x, n when none. */
static int first_after(const long long *v, int n, long long x)
{
    int lo = 0, hi = n;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (v[mid] > x)
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

static void range_add(long *d, int lo, int hi)
{
    if (lo <= hi) {
        d[lo]++;
        d[hi + 1]--;
    }
}

/* One row into the months, as count_row would count it in each month's own period. */
static void tally_months(const tally *t, const pack_rec *r)
{
    const months *m = t->m;
    int n = m->n;
    if (r->rcv >= t->from)
        t->g[month_of(m, r->rcv)].received++;
    /* carried into month i: received before it starts, not gone by then */
    range_add(t->d_carried, first_after(m->start, n, r->rcv),
              r->left < 0 ? n - 1 : first_after(m->start, n, r->left) - 1);
    if (r->left >= t->from && r->left < t->to) {
        idx_stats_row *g = &t->g[month_of(m, r->left)];
        if (r->status == IDX_STATUS_WITHDRAWN)
            g->withdrawn++;
        else
            switch (outcome(r->due, r->left)) {
            case OUT_EARLY: g->early++; break;
            case OUT_ON_TIME: g->on_time++; break;
            default: g->late++; break;
            }
    }
    /* open at the end of month i: received before it, not gone by then; overdue: also due
     * before it. The ends never go down, so each is a run of months. */
    int lo = first_after(t->mend, n, r->rcv);
    int hi = r->left < 0 ? n - 1 : first_after(t->mend, n, r->left) - 1;
    range_add(t->d_open, lo, hi);
    if (r->due >= 0) {
        int d = first_after(t->mend, n, r->due);
        range_add(t->d_overdue, d > lo ? d : lo, hi);
    }
}

static void tally_recs(const tally *t, const pack_rec *recs, int n)
{
    for (int k = 0; k < n; k++) {
        const pack_rec *r = &recs[k];
        /* rows that do not touch the period: no row, received after it, gone before it */
        if (r->rcv < 0 || r->rcv >= t->to || (r->left >= 0 && r->left < t->from))
            continue;
        count_row(t->total, t->from, t->to, t->end, r->rcv, r->due, r->left, r->status);
        if (t->by == IDX_BY_MONTH) {
            tally_months(t, r);
        } else if (t->g) {
            long long id = t->by == IDX_BY_AGENCY ? r->agency : r->proc;
            if (id >= 0 && id < t->ngroups)
                count_row(&t->g[id], t->from, t->to, t->end, r->rcv, r->due, r->left,
                          r->status);
        }
    }
}

int idx_status_stats(idx_db *db, long long from, long long to, long long now, int by,
                     idx_stats *out, hs_err *err)
{
    memset(out, 0, sizeof *out);
    if (from < 0 || to <= from)
        return hs_err_set(err, HS_EINVAL, 0, "stats: the period is empty");
    tally t = {0};
    long long end = now < to ? (now > from ? now : from) : to;
    months m = {0};
    idx_stats_row *g = NULL;
    long long ngroups = 0, max;
    sqlite3_stmt *st = NULL, *rows = NULL;
    pack_rec *recs = NULL;
    int exists, txn = 0, rc = status_table_exists(db, &exists, err);
    if (rc || !exists)
        goto out;
    /* the packs and the rows they stand for, read as of one moment */
    if (sqlite3_get_autocommit(db->db)) {
        if ((rc = idx_exec(db, "BEGIN", err)))
            goto out;
        txn = 1;
    }
    if ((rc = max_row_id(db, &max, err)))
        goto out;
    if (by == IDX_BY_MONTH) {
        if (months_make(from, to, &m)) {
            rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
            goto out;
        }
        ngroups = m.n;
    } else if (by == IDX_BY_AGENCY || by == IDX_BY_PROCEDURE) {
        if (sqlite3_prepare_v2(db->db, "SELECT coalesce(max(id), 0) FROM status_names", -1, &st,
                               NULL) ||
            sqlite3_step(st) != SQLITE_ROW) {
            rc = idx_fail(db, err, "stats");
            goto out;
        }
        ngroups = sqlite3_column_int64(st, 0) + 1; /* id 0: unknown */
        sqlite3_finalize(st);
        st = NULL;
    }
    if (ngroups > 0 && !(g = calloc((size_t)ngroups, sizeof *g))) {
        rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
        goto out;
    }
    t = (tally){from, to, end, now, by, &m, g, &out->total, ngroups, NULL, NULL, NULL, NULL};
    if (by == IDX_BY_MONTH) {
        t.mend = malloc((size_t)m.n * sizeof *t.mend);
        t.d_carried = calloc((size_t)m.n + 1, sizeof(long));
        t.d_open = calloc((size_t)m.n + 1, sizeof(long));
        t.d_overdue = calloc((size_t)m.n + 1, sizeof(long));
        if (!t.mend || !t.d_carried || !t.d_open || !t.d_overdue) {
            rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
            goto out;
        }
        for (int i = 0; i < m.n; i++) {
            long long ms = m.start[i], me = m.start[i + 1];
            t.mend[i] = now < me ? (now > ms ? now : ms) : me;
        }
    }
    /* pack by pack: a pack's records are read in place; a pack dropped by a write since
     * (or made elsewhere, another byte order) is read from its rows */
    int packed = 0;
    if (sqlite3_prepare_v2(db->db, "SELECT 1 FROM sqlite_master WHERE name = 'status_packs'", -1,
                           &st, NULL)) {
        rc = idx_fail(db, err, "stats");
        goto out;
    }
    packed = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    st = NULL;
    if (packed && sqlite3_prepare_v2(db->db, "SELECT data FROM status_packs WHERE id = ?", -1,
                                     &st, NULL)) {
        rc = idx_fail(db, err, "stats");
        goto out;
    }
    for (long long id = 0; max >= 0 && id <= max / PACK_ROWS; id++) {
        const void *data = NULL;
        uint32_t magic = 0;
        if (st) {
            sqlite3_reset(st);
            sqlite3_bind_int64(st, 1, id);
            int s = sqlite3_step(st);
            if (s == SQLITE_ROW && (size_t)sqlite3_column_bytes(st, 0) == PACK_BYTES)
                data = sqlite3_column_blob(st, 0);
            else if (s != SQLITE_ROW && s != SQLITE_DONE) {
                rc = idx_fail(db, err, "stats");
                goto out;
            }
            if (data)
                memcpy(&magic, data, sizeof magic);
        }
        if (data && magic == PACK_MAGIC) {
            /* the blob's records may not be aligned for pack_rec: copied once */
            if (!recs && !(recs = malloc(PACK_ROWS * sizeof *recs))) {
                rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
                goto out;
            }
            memcpy(recs, (const unsigned char *)data + sizeof magic, PACK_ROWS * sizeof *recs);
        } else {
            if (!recs && !(recs = malloc(PACK_ROWS * sizeof *recs))) {
                rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
                goto out;
            }
            if ((rc = pack_from_rows(db, &rows, id, recs, err)))
                goto out;
        }
        tally_recs(&t, recs, PACK_ROWS);
    }
    sqlite3_finalize(st);
    st = NULL;
    if (by == IDX_BY_MONTH) {
        long c = 0, o = 0, od = 0;
        for (int i = 0; i < m.n; i++) {
            g[i].carried = c += t.d_carried[i];
            g[i].open = o += t.d_open[i];
            g[i].overdue = od += t.d_overdue[i];
        }
    }
    /* the groups with something to show, named */
    if (g) {
        if (!(out->rows = calloc((size_t)ngroups, sizeof *out->rows))) {
            rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
            goto out;
        }
        if (by != IDX_BY_MONTH &&
            sqlite3_prepare_v2(db->db, "SELECT name FROM status_names WHERE id = ?", -1, &st,
                               NULL)) {
            rc = idx_fail(db, err, "stats");
            goto out;
        }
        for (long long i = 0; i < ngroups; i++) {
            idx_stats_row *r = &g[i];
            if (by != IDX_BY_MONTH && !(r->received || r->carried || r->early || r->on_time ||
                                        r->late || r->withdrawn || r->open))
                continue;
            char name[32];
            const char *key = "";
            if (by == IDX_BY_MONTH) {
                int y, mo, d;
                civil_from_days(m.start[i] / DAY_MIN, &y, &mo, &d);
                snprintf(name, sizeof name, "%04d-%02d", y, mo);
                key = name;
            } else if (i > 0) {
                sqlite3_reset(st);
                sqlite3_bind_int64(st, 1, i);
                if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
                    key = (const char *)sqlite3_column_text(st, 0);
            }
            out->rows[out->n] = *r;
            if (!(out->rows[out->n].key = strdup(key))) {
                rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
                goto out;
            }
            out->n++;
        }
        if (by != IDX_BY_MONTH)
            qsort(out->rows, (size_t)out->n, sizeof *out->rows, row_key_cmp);
    }
out:
    sqlite3_finalize(st);
    sqlite3_finalize(rows);
    if (txn)
        sqlite3_exec(db->db, "COMMIT", NULL, NULL, NULL);
    free(t.mend);
    free(t.d_carried);
    free(t.d_open);
    free(t.d_overdue);
    free(recs);
    free(g);
    free(m.start);
    if (rc)
        idx_stats_release(out);
    return rc;
}
