/* idx_db.c - the SQLite catalogue: schema, transactions, dossiers and pages, code
 * sequences. Every SQLite message is copied into the hs_err at once, since the next call
 * overwrites it. */
#define _POSIX_C_SOURCE 200809L
#include <libdeflate.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "index.h"
#include "index_int.h"

#define IDX_SCHEMA_VERSION "4"

/* The operating system's reason behind an I/O error ("No space left on device"). */
static int sys_errno(idx_db *db)
{
    int primary = sqlite3_errcode(db->db);
    return primary == SQLITE_IOERR || primary == SQLITE_FULL || primary == SQLITE_CANTOPEN
               ? sqlite3_system_errno(db->db)
               : 0;
}

/* Damage found while working (not at open): the archives can rebuild the index. */
static int damaged(const idx_db *db)
{
    int ec = sqlite3_errcode(db->db) & 0xff;
    return ec == SQLITE_CORRUPT || ec == SQLITE_NOTADB;
}

#define IDX_REBUILD_HINT                                                                           \
    N_("; the index is damaged: run 'hoso reindex' to rebuild it from the archives")

/* The error for a file found damaged when it is opened. */
static int damaged_at_open(idx_db *db, const char *path, hs_err *err)
{
    return hs_err_set(err, HS_EDB, 0,
                      "index: '%s' is damaged (%s); run 'hoso reindex' to rebuild it from the "
                      "archives",
                      path, sqlite3_errmsg(db->db));
}

int idx_fail(idx_db *db, hs_err *err, const char *what)
{
    return hs_err_set(err, HS_EDB, sys_errno(db), "index: %s: %s%s", what, sqlite3_errmsg(db->db),
                      damaged(db) ? hs_tr(IDX_REBUILD_HINT) : "");
}

int idx_exec(idx_db *db, const char *sql, hs_err *err)
{
    char *msg = NULL;
    if (sqlite3_exec(db->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        int rc = hs_err_set(err, HS_EDB, sys_errno(db), "index: %s%s",
                            msg ? msg : sqlite3_errmsg(db->db),
                            damaged(db) ? hs_tr(IDX_REBUILD_HINT) : "");
        sqlite3_free(msg);
        return rc;
    }
    return HS_OK;
}

/* Page text is stored deflated: 4 bytes of length (little-endian), then a zlib stream. */
#define IDX_MAX_TEXT (16u << 20)

int idx_deflate(idx_db *db, const char *text, size_t len, const void **out, size_t *outlen,
                hs_err *err)
{
    *out = NULL;
    *outlen = 0;
    if (len > IDX_MAX_TEXT)
        return hs_err_set(err, HS_ELIMIT, 0, "index: page text longer than 16 MB");
    /* one compressor per connection (libdeflate's level 1: on ~2 KB pages about as small
     * as zlib's fastest level, in less time; zlib's default 6 took a third of an index
     * build for 4% fewer bytes, bench/search) */
    if (!db->zs && !(db->zs = libdeflate_alloc_compressor(1)))
        return hs_err_set(err, HS_ENOMEM, 0, "index: cannot set up compression");
    size_t bound = libdeflate_zlib_compress_bound(db->zs, len);
    if (bound + 4 > db->zcap) {
        size_t cap = bound + 4 > 65536 ? bound + 4 : 65536;
        unsigned char *z = realloc(db->zbuf, cap);
        if (!z)
            return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
        db->zbuf = z;
        db->zcap = cap;
    }
    unsigned char *z = db->zbuf;
    for (int i = 0; i < 4; i++)
        z[i] = (unsigned char)(len >> (8 * i));
    size_t n = libdeflate_zlib_compress(db->zs, text, len, z + 4, bound);
    if (n == 0)
        return hs_err_set(err, HS_ENOMEM, 0, "index: cannot compress page text");
    *out = z;
    *outlen = n + 4;
    return HS_OK;
}

static void hs_inflate_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    idx_db *db = sqlite3_user_data(ctx);
    const unsigned char *z = sqlite3_value_blob(argv[0]);
    int zlen = sqlite3_value_bytes(argv[0]);
    if (!z || zlen < 4) {
        sqlite3_result_text(ctx, "", 0, SQLITE_STATIC);
        return;
    }
    size_t len = (size_t)z[0] | (size_t)z[1] << 8 | (size_t)z[2] << 16 | (size_t)z[3] << 24;
    if (len > IDX_MAX_TEXT) {
        sqlite3_result_error(ctx, "hs_inflate: corrupt page text", -1);
        return;
    }
    /* one decompressor per connection (a connection runs on one thread at a time); the
     * length is known, so libdeflate inflates the whole stream at once, ~1.6x zlib's speed
     * on these pages (docs/BENCHMARKS.md, "Slurm and merge at scale"); zlib streams of any
     * level, older indexes' included, read the same */
    if (!db->zi && !(db->zi = libdeflate_alloc_decompressor())) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    char *text = sqlite3_malloc((int)len + 1);
    if (!text) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    size_t got = 0;
    /* a stream that inflates to more or less than its header says is corrupt */
    if (libdeflate_zlib_decompress(db->zi, z + 4, (size_t)zlen - 4, text, len, &got) !=
            LIBDEFLATE_SUCCESS ||
        got != len) {
        sqlite3_free(text);
        sqlite3_result_error(ctx, "hs_inflate: corrupt page text", -1);
        return;
    }
    sqlite3_result_text(ctx, text, (int)len, sqlite3_free);
}

int idx_functions_register(idx_db *db, hs_err *err)
{
    if (sqlite3_create_function(db->db, "hs_inflate", 1,
                                SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, db,
                                hs_inflate_fn, NULL, NULL) != SQLITE_OK)
        return idx_fail(db, err, "cannot register hs_inflate");
    return HS_OK;
}

int idx_meta_get(idx_db *db, const char *key, char **value, hs_err *err)
{
    *value = NULL;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->db, "SELECT value FROM meta WHERE key = ?", -1, &st, NULL))
        return idx_fail(db, err, "meta");
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    int rc = HS_OK;
    int s = sqlite3_step(st);
    if (s == SQLITE_ROW)
        *value = strdup((const char *)sqlite3_column_text(st, 0));
    else if (s != SQLITE_DONE)
        rc = idx_fail(db, err, "meta");
    sqlite3_finalize(st);
    return rc;
}

int idx_meta_set(idx_db *db, const char *key, const char *value, hs_err *err)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->db, "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", -1,
                           &st, NULL))
        return idx_fail(db, err, "meta");
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st) == SQLITE_DONE ? HS_OK : idx_fail(db, err, "meta");
    sqlite3_finalize(st);
    return rc;
}

static const char schema_sql[] =
    "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS dossiers("
    "  id INTEGER PRIMARY KEY,"
    "  code TEXT NOT NULL UNIQUE,"
    "  archive TEXT NOT NULL,"
    "  created TEXT NOT NULL,"
    "  date TEXT NOT NULL,"
    "  pages INTEGER NOT NULL,"
    "  record TEXT NOT NULL);"
    "CREATE INDEX IF NOT EXISTS dossiers_date ON dossiers(date);"
    "CREATE TABLE IF NOT EXISTS fields("
    "  dossier_id INTEGER NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,"
    "  key TEXT NOT NULL,"
    "  value TEXT NOT NULL,"
    "  folded TEXT NOT NULL);"
    "CREATE INDEX IF NOT EXISTS fields_key ON fields(key, folded);"
    "CREATE INDEX IF NOT EXISTS fields_dossier ON fields(dossier_id);"
    "CREATE TABLE IF NOT EXISTS pages("
    "  id INTEGER PRIMARY KEY,"
    "  dossier_id INTEGER NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,"
    "  page INTEGER NOT NULL,"
    "  image TEXT NOT NULL,"
    "  image_sha256 TEXT NOT NULL,"
    "  text_path TEXT NOT NULL,"
    "  text_sha256 TEXT NOT NULL,"
    "  confidence REAL,"
    "  ztext BLOB NOT NULL,"
    "  needs_review INTEGER NOT NULL DEFAULT 0,"
    "  UNIQUE(dossier_id, page));"
    "CREATE TABLE IF NOT EXISTS code_seq(prefix TEXT PRIMARY KEY, n INTEGER NOT NULL);";

/* Database page size of a new index. 16 KiB instead of SQLite's 4 KiB: FTS5 keeps its
 * doclists in leaves of about a page (pgsz below), and bigger leaves mean fewer rows and
 * b-tree pages to write and merge (bench/search, docs/BENCHMARKS.md). An index made with
 * another page size keeps it: SQLite fixes the size when the file is created. */
#define IDX_PAGE_SIZE 16384
/* Pending tokens FTS5 keeps in memory before writing a segment (its default: 1 MiB).
 * Fewer, larger segments in a long transaction (reindex, a batch) leave less to merge. */
#define IDX_FTS_HASHSIZE (16 << 20)

static int create_text_table(idx_db *db, hs_err *err)
{
    char sql[1024];
    int page_size = 0;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->db, "PRAGMA page_size", -1, &st, NULL) != SQLITE_OK)
        return idx_fail(db, err, "page size");
    if (sqlite3_step(st) == SQLITE_ROW)
        page_size = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    /* FTS5's leaf size, as its default 4050 is to 4096: a leaf fills one database page
     * without spilling into an overflow page */
    int pgsz = page_size >= 4096 ? page_size - 46 : 4050;
    /* rowid = pages.id */
    snprintf(sql, sizeof sql,
             /* the text is kept once, compressed, in pages; FTS5 reads it through a view */
             "CREATE VIEW IF NOT EXISTS page_content AS "
             "  SELECT id, hs_inflate(ztext) AS text FROM pages;"
             "CREATE VIRTUAL TABLE IF NOT EXISTS page_text USING fts5(text, "
             "  content = 'page_content', content_rowid = 'id', tokenize = '%s');"
             "CREATE VIRTUAL TABLE IF NOT EXISTS page_vocab USING fts5vocab(page_text, 'row');"
             /* kept in page_text_config, so every connection writes with them */
             "INSERT INTO page_text(page_text, rank) VALUES ('pgsz', %d);"
             "INSERT INTO page_text(page_text, rank) VALUES ('hashsize', %d);",
             IDX_TOKENIZER, pgsz, IDX_FTS_HASHSIZE);
    int rc = idx_exec(db, sql, err);
    if (rc == HS_OK)
        rc = idx_meta_set(db, "tokenizer", IDX_TOKENIZER_VERSION, err);
    /* no page has been taken out of the full-text index yet: its segments hold no delete
     * markers (idx_source_segments copies segments only then) */
    if (rc == HS_OK)
        rc = idx_meta_set(db, "fts_deletes", "0", err);
    return rc;
}

/* An index made by an older hoso: refused (with the cure named) before its tables are
 * touched, or, for reindex, dropped so that the current schema can be made. The code
 * sequences and the batch journal keep their shape and are kept. */
static int old_schema(idx_db *db, const char *path, const char *ver, int rebuild, hs_err *err)
{
    if (!ver || strcmp(ver, IDX_SCHEMA_VERSION) == 0)
        return HS_OK;
    if (!rebuild)
        return hs_err_set(err, HS_EDB, 0,
                          "index: '%s' was built by another version of hoso (schema %s); run "
                          "'hoso reindex' to rebuild it from the archives",
                          path, ver);
    return idx_exec(db,
                    "DROP TABLE IF EXISTS page_vocab; DROP TABLE IF EXISTS page_text;"
                    "DROP VIEW IF EXISTS page_content; DROP TABLE IF EXISTS fields;"
                    "DROP TABLE IF EXISTS pages; DROP TABLE IF EXISTS dossiers;"
                    "DELETE FROM meta WHERE key IN ('schema_version', 'tokenizer');",
                    err);
}

/* Process-wide SQLite settings, before its first use: no memory statistics (SQLite
 * otherwise counts every allocation under one global mutex, which the threads of `hoso
 * serve` then take turns at: 4% of its CPU in pthread_mutex_lock/unlock under load). */
static pthread_once_t sqlite_once = PTHREAD_ONCE_INIT;

static void sqlite_setup(void)
{
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); /* SQLITE_MISUSE if already in use: harmless */
}

/* An index made before pages had needs_review gets the column (0 until the dossier is
 * indexed again, e.g. by 'hoso reindex'); a current one is left unwritten. */
static int pages_review_column(idx_db *db, hs_err *err)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->db,
                           "SELECT 1 FROM pragma_table_info('pages') WHERE name = 'needs_review'",
                           -1, &st, NULL) != SQLITE_OK)
        return idx_fail(db, err, "open");
    int have = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    return have ? HS_OK
                : idx_exec(db, "ALTER TABLE pages ADD COLUMN needs_review INTEGER NOT NULL DEFAULT 0",
                           err);
}

int idx_db_open(const char *path, int rebuild, idx_db **out, hs_err *err)
{
    *out = NULL;
    pthread_once(&sqlite_once, sqlite_setup);
    idx_db *db = calloc(1, sizeof *db);
    if (!db)
        return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    int rc = HS_OK;
    char *tok = NULL, *ver = NULL;
    if (sqlite3_open_v2(path, &db->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
        SQLITE_OK) {
        rc = hs_err_set(err, HS_EDB, 0, "index: cannot open '%s': %s", path,
                        db->db ? sqlite3_errmsg(db->db) : "out of memory");
        goto fail;
    }
    /* A batch writer and searchers share the file: wait for the lock, do not fail. */
    sqlite3_busy_timeout(db->db, 30000);
    /* A new index is made, and an old one rebuilt, in one transaction: a crash meanwhile
     * leaves the file as it was, never half made. Opening a current index writes nothing. */
    int txn = 0;
    char pragmas[160];
    /* page_size first: it only takes effect on a file not yet written */
    snprintf(pragmas, sizeof pragmas, "PRAGMA page_size = %d;", IDX_PAGE_SIZE);
    if ((rc = idx_exec(db, pragmas, err)) ||
        (rc = idx_exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
                           "PRAGMA foreign_keys = ON;"
                           "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);",
                       err)) ||
        (rc = idx_register(db, err)) || (rc = idx_meta_get(db, "schema_version", &ver, err)) ||
        ((txn = rebuild || !ver || strcmp(ver, IDX_SCHEMA_VERSION) != 0) &&
         ((rc = idx_exec(db, "BEGIN IMMEDIATE", err)) ||
          (free(ver), ver = NULL, rc = idx_meta_get(db, "schema_version", &ver, err)))) ||
        (rc = old_schema(db, path, ver, rebuild, err)) || (rc = idx_exec(db, schema_sql, err)) ||
        (rc = pages_review_column(db, err)) || (rc = idx_jobs_init(db, err)) || (rc = idx_events_init(db, err)) ||
        (rc = idx_dupes_init(db, err)) ||
        (rc = idx_users_init(db, err))) {
        /* a damaged or foreign file: the archives can always rebuild it */
        if (damaged(db))
            rc = damaged_at_open(db, path, err);
        goto fail;
    }
    free(ver);
    ver = NULL;
    if ((rc = idx_meta_get(db, "schema_version", &ver, err)) || (rc = idx_meta_get(db, "tokenizer", &tok, err)))
        goto fail;
    if (!ver) {
        if ((rc = idx_meta_set(db, "schema_version", IDX_SCHEMA_VERSION, err)) ||
            (rc = create_text_table(db, err)))
            goto fail;
        if (txn && (rc = idx_exec(db, "COMMIT", err)))
            goto fail;
        txn = 0;
    } else if (!rebuild && (strcmp(ver, IDX_SCHEMA_VERSION) != 0 || !tok ||
                            strcmp(tok, IDX_TOKENIZER_VERSION) != 0)) {
        rc = hs_err_set(err, HS_EDB, 0,
                        "index: '%s' was built by another version of hoso (schema %s, tokenizer "
                        "'%s'); run 'hoso reindex' to rebuild it from the archives",
                        path, ver, tok ? tok : "?");
        goto fail;
    }
    if (txn && (rc = idx_exec(db, "COMMIT", err)))
        goto fail;
    char *base = NULL;
    if ((rc = idx_meta_get(db, "page_id_base", &base, err)))
        goto fail;
    db->page_base = base ? strtoll(base, NULL, 10) : 0;
    free(base);
    free(tok);
    free(ver);
    *out = db;
    return HS_OK;
fail:
    if (db->db && !sqlite3_get_autocommit(db->db))
        sqlite3_exec(db->db, "ROLLBACK", NULL, NULL, NULL);
    free(tok);
    free(ver);
    idx_db_close(db);
    return rc;
}

int idx_db_open_readonly(const char *path, idx_db **out, hs_err *err)
{
    *out = NULL;
    idx_db *db = calloc(1, sizeof *db);
    if (!db)
        return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    int rc = HS_OK, foreign = 0;
    char *tok = NULL, *ver = NULL;
    pthread_once(&sqlite_once, sqlite_setup);
    /* NOMUTEX: a read-only connection is used by one thread at a time (`hoso serve` gives
     * each pool thread its own), so SQLite need not lock it around every call */
    if (sqlite3_open_v2(path, &db->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) !=
        SQLITE_OK) {
        rc = hs_err_set(err, HS_EDB, 0, "index: cannot open '%s': %s", path,
                        db->db ? sqlite3_errmsg(db->db) : "out of memory");
        goto out;
    }
    sqlite3_busy_timeout(db->db, 30000);
    /* index pages read in place from the file's mapping rather than copied by pread()
     * into every connection's cache (6% of the server's CPU under load) */
    sqlite3_exec(db->db, IDX_MMAP_PRAGMA, NULL, NULL, NULL);
    /* no schema or pragma that would write: the file is taken as it is, or refused */
    if ((rc = idx_exec(db, "SELECT 1 FROM meta LIMIT 1", err)))
        foreign = sqlite3_errcode(db->db) == SQLITE_ERROR; /* no meta table */
    else if ((rc = idx_register(db, err)) == HS_OK &&
             (rc = idx_meta_get(db, "schema_version", &ver, err)) == HS_OK &&
             (rc = idx_meta_get(db, "tokenizer", &tok, err)) == HS_OK)
        foreign = !ver || strcmp(ver, IDX_SCHEMA_VERSION) != 0 || !tok ||
                  strcmp(tok, IDX_TOKENIZER_VERSION) != 0;
    if (rc && damaged(db))
        rc = damaged_at_open(db, path, err);
    else if (foreign)
        rc = hs_err_set(err, HS_EDB, 0,
                        "index: '%s' is not an index of this version of hoso (schema %s, "
                        "tokenizer '%s'); run 'hoso reindex' to rebuild it from the archives",
                        path, ver ? ver : "?", tok ? tok : "?");
out:
    free(tok);
    free(ver);
    if (rc) {
        idx_db_close(db);
        db = NULL;
    }
    *out = db;
    return rc;
}

void idx_db_close(idx_db *db)
{
    if (!db)
        return;
    /* sqlite3_close_v2 also takes a handle whose open failed. */
    for (int i = 0; i < IDX_ST_N; i++)
        sqlite3_finalize(db->st[i]);
    idx_dfcache_free(db->df);
    sqlite3_close_v2(db->db);
    libdeflate_free_compressor(db->zs);
    free(db->zbuf);
    libdeflate_free_decompressor(db->zi);
    free(db);
}

int idx_begin(idx_db *db, hs_err *err)
{
    return idx_exec(db, "BEGIN IMMEDIATE", err);
}

int idx_commit(idx_db *db, hs_err *err)
{
    return idx_exec(db, "COMMIT", err);
}

void idx_rollback(idx_db *db)
{
    if (!sqlite3_get_autocommit(db->db))
        sqlite3_exec(db->db, "ROLLBACK", NULL, NULL, NULL);
}

int idx_code_next(idx_db *db, const char *prefix, int stride, int offset, char **code,
                  hs_err *err)
{
    if (stride < 1)
        stride = 1;
    *code = NULL;
    sqlite3_stmt *st = NULL;
    int rc = HS_OK;
    long n = 0;
    if (sqlite3_prepare_v2(db->db,
                           "INSERT INTO code_seq(prefix, n) VALUES (?, 1) "
                           "ON CONFLICT(prefix) DO UPDATE SET n = n + 1 RETURNING n",
                           -1, &st, NULL))
        return idx_fail(db, err, "code sequence");
    /* Skip numbers already taken by codes filed explicitly or restored by reindex. */
    for (int tries = 0; tries < 100000; tries++) {
        sqlite3_reset(st);
        sqlite3_bind_text(st, 1, prefix, -1, SQLITE_STATIC);
        if (sqlite3_step(st) != SQLITE_ROW) {
            rc = idx_fail(db, err, "code sequence");
            break;
        }
        n = sqlite3_column_int64(st, 0);
        while (sqlite3_step(st) == SQLITE_ROW)
            ;
        if (n > 9999) {
            rc = hs_err_set(err, HS_ELIMIT, 0, "index: more than 9999 dossiers for '%s'", prefix);
            break;
        }
        if ((n - 1) % stride != offset % stride)
            continue;
        char buf[256];
        snprintf(buf, sizeof buf, "%s-%04ld", prefix, n);
        int exists = 0;
        if ((rc = idx_code_exists(db, buf, &exists, err)))
            break;
        if (!exists) {
            *code = strdup(buf);
            if (!*code)
                rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
            break;
        }
    }
    sqlite3_finalize(st);
    return rc;
}

/* The connection's prepared statement i (IDX_ST_*), reset and ready for binding. */
static sqlite3_stmt *cached(idx_db *db, int i)
{
    static const char *const sql[IDX_ST_N] = {
        [IDX_ST_EXISTS] = "SELECT 1 FROM dossiers WHERE code = ?",
        [IDX_ST_DOSSIER] = "INSERT INTO dossiers(code, archive, created, pages, record, date) "
                           "VALUES (?, ?, ?, ?, ?, ?)",
        /* the next id, but not below the index's page id base (idx_page_base_set), nor
         * among the ids a merge is copying ("LO HI PID" of meta 'fts_pending') */
        [IDX_ST_PAGE] = "INSERT INTO pages(dossier_id, page, image, image_sha256, text_path, "
                        "text_sha256, confidence, ztext, needs_review, id) VALUES (?, ?, ?, ?, "
                        "?, ?, ?, ?, ?, (SELECT max(coalesce(max(id), 0), ?10, coalesce((SELECT "
                        "CAST(substr(value, instr(value, ' ') + 1) AS INTEGER) FROM meta WHERE "
                        "key = 'fts_pending'), 0)) + 1 FROM pages))",
        [IDX_ST_TEXT] = "INSERT INTO page_text(rowid, text) VALUES (?, ?)",
        [IDX_ST_FIELD] = "INSERT INTO fields(dossier_id, key, value, folded) VALUES (?, ?, ?, ?)",
        [IDX_ST_GET] = "SELECT archive, record FROM dossiers WHERE code = ?",
        [IDX_ST_NPAGES] = "SELECT pages FROM dossiers WHERE code = ?",
        [IDX_ST_CORRECTED] = "SELECT 1 FROM review_fields WHERE code = ? LIMIT 1",
        [IDX_ST_PAGES_OF] = "SELECT p.page, p.image, p.image_sha256, p.text_path, "
                            "p.text_sha256, hs_inflate(p.ztext) FROM pages p JOIN dossiers d "
                            "ON d.id = p.dossier_id WHERE d.code = ? ORDER BY p.page",
    };
    if (!db->st[i] && sqlite3_prepare_v3(db->db, sql[i], -1, SQLITE_PREPARE_PERSISTENT,
                                         &db->st[i], NULL) != SQLITE_OK)
        return NULL;
    sqlite3_reset(db->st[i]);
    return db->st[i];
}

long long idx_one_int(sqlite3 *db, const char *sql, long long a, long long b)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return -1;
    if (sqlite3_bind_parameter_count(st) >= 1)
        sqlite3_bind_int64(st, 1, a);
    if (sqlite3_bind_parameter_count(st) >= 2)
        sqlite3_bind_int64(st, 2, b);
    int r = sqlite3_step(st);
    long long v = r == SQLITE_ROW ? sqlite3_column_int64(st, 0) : r == SQLITE_DONE ? 0 : -1;
    sqlite3_finalize(st);
    return v;
}

sqlite3_stmt *idx_cached(idx_db *db, int i)
{
    return cached(db, i);
}

/* Runs a cached insert to its end; it is reset (and so lets go of its bindings' memory
 * and of any lock) whatever happened. */
static int step_done(sqlite3_stmt *st)
{
    int s = sqlite3_step(st);
    if (s != SQLITE_DONE) {
        /* the reset leaves the statement's error on the connection for idx_fail */
        sqlite3_reset(st);
        return -1;
    }
    sqlite3_reset(st);
    return 0;
}

int idx_code_exists(idx_db *db, const char *code, int *exists, hs_err *err)
{
    *exists = 0;
    sqlite3_stmt *st = cached(db, IDX_ST_EXISTS);
    if (!st)
        return idx_fail(db, err, "lookup");
    sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
    int s = sqlite3_step(st);
    sqlite3_reset(st);
    if (s == SQLITE_ROW)
        *exists = 1;
    else if (s != SQLITE_DONE)
        return idx_fail(db, err, "lookup");
    return HS_OK;
}

static int delete_code(idx_db *db, const char *code, hs_err *err)
{
    /* Most dossiers are new: look before deleting. Besides saving the work, this keeps
     * FTS5's pending tokens in memory: a multi-row statement opens a savepoint, and FTS5
     * writes its pending tokens out as a new segment at every savepoint. Done once per
     * dossier inside a long transaction (reindex), that made a segment per dossier. */
    int exists = 0;
    int rc = idx_code_exists(db, code, &exists, err);
    if (rc || !exists)
        return rc;
    sqlite3_stmt *st = NULL;
    /* external content: FTS5 must be told the old text to remove its tokens */
    if (sqlite3_prepare_v2(db->db,
                           "INSERT INTO page_text(page_text, rowid, text) SELECT 'delete', p.id, "
                           "hs_inflate(p.ztext) FROM pages p JOIN dossiers d ON d.id = "
                           "p.dossier_id WHERE d.code = ?1",
                           -1, &st, NULL))
        return idx_fail(db, err, "delete");
    sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
    rc = sqlite3_step(st) == SQLITE_DONE ? HS_OK : idx_fail(db, err, "delete");
    sqlite3_finalize(st);
    /* counted: the delete markers left in the segments (an index that lacks the count,
     * made by an older hoso, is taken to have some) */
    if (rc == HS_OK)
        rc = idx_exec(db,
                      "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = "
                      "'fts_deletes'",
                      err);
    if (rc)
        return rc;
    if (sqlite3_prepare_v2(db->db, "DELETE FROM dossiers WHERE code = ?1", -1, &st, NULL))
        return idx_fail(db, err, "delete");
    sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
    rc = sqlite3_step(st) == SQLITE_DONE ? HS_OK : idx_fail(db, err, "delete");
    sqlite3_finalize(st);
    return rc;
}

int idx_dossier_put(idx_db *db, const idx_dossier *d, hs_err *err)
{
    int rc = delete_code(db, d->code, err);
    if (rc)
        return rc;
    sqlite3_stmt *sd = cached(db, IDX_ST_DOSSIER);
    if (!sd)
        return idx_fail(db, err, "insert");
    sqlite3_bind_text(sd, 1, d->code, -1, SQLITE_STATIC);
    sqlite3_bind_text(sd, 2, d->archive, -1, SQLITE_STATIC);
    sqlite3_bind_text(sd, 3, d->created, -1, SQLITE_STATIC);
    sqlite3_bind_int(sd, 4, d->npages);
    sqlite3_bind_text(sd, 5, d->record, -1, SQLITE_STATIC);
    /* the dossier's date for --from/--to: given (e.g. received_at), else the filing day */
    char date[11];
    snprintf(date, sizeof date, "%.10s", d->date && *d->date ? d->date : d->created);
    sqlite3_bind_text(sd, 6, date, -1, SQLITE_STATIC);
    if (step_done(sd))
        return idx_fail(db, err, "insert dossier");
    sqlite3_int64 did = sqlite3_last_insert_rowid(db->db);
    for (int i = 0; i < d->nfields; i++) {
        char *folded = hs_utf8_fold(d->fields[i].value, strlen(d->fields[i].value));
        if (!folded)
            return hs_err_set(err, HS_EINVAL, 0, "index: field '%s' is not valid UTF-8",
                              d->fields[i].key);
        sqlite3_stmt *sf = cached(db, IDX_ST_FIELD);
        if (!sf) {
            free(folded);
            return idx_fail(db, err, "insert");
        }
        sqlite3_bind_int64(sf, 1, did);
        sqlite3_bind_text(sf, 2, d->fields[i].key, -1, SQLITE_STATIC);
        sqlite3_bind_text(sf, 3, d->fields[i].value, -1, SQLITE_STATIC);
        sqlite3_bind_text(sf, 4, folded, -1, SQLITE_STATIC);
        rc = step_done(sf) ? idx_fail(db, err, "insert field") : HS_OK;
        free(folded);
        if (rc)
            return rc;
    }
    for (int i = 0; i < d->npages; i++) {
        const idx_page *p = &d->pages[i];
        const char *text = p->text ? p->text : "";
        size_t tlen = strlen(text);
        const void *z = NULL;
        size_t zlen = 0;
        if ((rc = idx_deflate(db, text, tlen, &z, &zlen, err)))
            return rc;
        sqlite3_stmt *sp = cached(db, IDX_ST_PAGE);
        if (!sp)
            return idx_fail(db, err, "insert");
        sqlite3_bind_int64(sp, 1, did);
        sqlite3_bind_int(sp, 2, p->page);
        sqlite3_bind_text(sp, 3, p->image, -1, SQLITE_STATIC);
        sqlite3_bind_text(sp, 4, p->image_sha256, -1, SQLITE_STATIC);
        sqlite3_bind_text(sp, 5, p->text_path, -1, SQLITE_STATIC);
        sqlite3_bind_text(sp, 6, p->text_sha256, -1, SQLITE_STATIC);
        if (p->confidence < 0)
            sqlite3_bind_null(sp, 7);
        else
            sqlite3_bind_double(sp, 7, p->confidence);
        sqlite3_bind_blob(sp, 8, z, (int)zlen, SQLITE_STATIC);
        sqlite3_bind_int(sp, 9, p->needs_review != 0);
        sqlite3_bind_int64(sp, 10, db->page_base);
        if (step_done(sp))
            return idx_fail(db, err, "insert page");
        sqlite3_stmt *st = cached(db, IDX_ST_TEXT);
        if (!st)
            return idx_fail(db, err, "insert");
        sqlite3_int64 pid = sqlite3_last_insert_rowid(db->db);
        sqlite3_bind_int64(st, 1, pid);
        sqlite3_bind_text(st, 2, text, (int)tlen, SQLITE_STATIC);
        if (step_done(st))
            return idx_fail(db, err, "insert text");
        if ((rc = idx_page_sig_put(db, pid, text, err)))
            return rc;
    }
    return HS_OK;
}

int idx_dossier_get(idx_db *db, const char *code, char **archive, char **record, hs_err *err)
{
    *archive = NULL;
    *record = NULL;
    sqlite3_stmt *st = cached(db, IDX_ST_GET);
    if (!st)
        return idx_fail(db, err, "lookup");
    sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
    int rc = HS_OK, s = sqlite3_step(st);
    if (s == SQLITE_ROW) {
        *archive = strdup((const char *)sqlite3_column_text(st, 0));
        *record = strdup((const char *)sqlite3_column_text(st, 1));
        if (!*archive || !*record) {
            free(*archive);
            free(*record);
            *archive = *record = NULL;
            rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
        }
    } else if (s == SQLITE_DONE) {
        rc = hs_err_set(err, HS_ENOTFOUND, 0, "no dossier '%s'", code);
    } else {
        rc = idx_fail(db, err, "lookup");
    }
    sqlite3_reset(st);
    return rc;
}

int idx_dossier_each(idx_db *db, idx_dossier_fn fn, void *ud, hs_err *err)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->db, "SELECT code, archive FROM dossiers ORDER BY code", -1, &st,
                           NULL))
        return idx_fail(db, err, "list");
    int rc = HS_OK, s;
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        if ((rc = fn(ud, (const char *)sqlite3_column_text(st, 0),
                     (const char *)sqlite3_column_text(st, 1))))
            break;
    }
    if (rc == HS_OK && s != SQLITE_DONE)
        rc = idx_fail(db, err, "list");
    sqlite3_finalize(st);
    return rc;
}

int idx_dossier_files(idx_db *db, const char *code, idx_file_fn fn, void *ud, hs_err *err)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->db,
                           "SELECT p.image, p.image_sha256, p.text_path, p.text_sha256 FROM pages "
                           "p JOIN dossiers d ON d.id = p.dossier_id WHERE d.code = ? ORDER BY "
                           "p.page",
                           -1, &st, NULL))
        return idx_fail(db, err, "pages");
    sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
    int rc = HS_OK, s;
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        for (int c = 0; c < 4 && rc == HS_OK; c += 2)
            rc = fn(ud, (const char *)sqlite3_column_text(st, c),
                    (const char *)sqlite3_column_text(st, c + 1));
        if (rc)
            break;
    }
    if (rc == HS_OK && s != SQLITE_DONE)
        rc = idx_fail(db, err, "pages");
    sqlite3_finalize(st);
    return rc;
}

int idx_clear(idx_db *db, hs_err *err)
{
    int rc = idx_exec(db,
                      "DROP TABLE IF EXISTS page_vocab; DROP TABLE IF EXISTS page_text;"
                      "DROP VIEW IF EXISTS page_content;"
                      "DELETE FROM fields; DELETE FROM pages; DELETE FROM dossiers;",
                      err);
    if (rc == HS_OK)
        rc = idx_meta_set(db, "schema_version", IDX_SCHEMA_VERSION, err);
    if (rc == HS_OK)
        rc = create_text_table(db, err);
    return rc;
}

int idx_page_base_set(idx_db *db, long long base, hs_err *err)
{
    char v[32];
    snprintf(v, sizeof v, "%lld", base);
    int rc = idx_meta_set(db, "page_id_base", v, err);
    if (rc == HS_OK)
        db->page_base = base;
    return rc;
}

int idx_optimize(idx_db *db, hs_err *err)
{
    return idx_exec(db, "INSERT INTO page_text(page_text) VALUES ('optimize')", err);
}

int idx_db_check(idx_db *db, idx_problem_fn fn, void *ud, hs_err *err)
{
    sqlite3_stmt *st = NULL;
    int problems = 0;
    char msg[600];
    /* the b-trees, the free list, every index against its table */
    if (sqlite3_prepare_v2(db->db, "PRAGMA integrity_check(20)", -1, &st, NULL) != SQLITE_OK)
        return idx_fail(db, err, "integrity check");
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        const char *t = (const char *)sqlite3_column_text(st, 0);
        if (t && strcmp(t, "ok") == 0)
            continue;
        problems++;
        snprintf(msg, sizeof msg, "index: %s", t ? t : hs_tr("damaged"));
        if (fn)
            fn(ud, msg);
    }
    if (r != SQLITE_DONE) {
        /* a file damaged past reading reports here, not as a row */
        problems++;
        snprintf(msg, sizeof msg, hs_tr("index: integrity check failed: %s"),
                 sqlite3_errmsg(db->db));
        if (fn)
            fn(ud, msg);
    }
    sqlite3_finalize(st);
    /* the full-text index against the page text it was built from (rank 1: the content
     * table too) */
    if (sqlite3_exec(db->db,
                     "INSERT INTO page_text(page_text, rank) VALUES ('integrity-check', 1)",
                     NULL, NULL, NULL) != SQLITE_OK) {
        problems++;
        snprintf(msg, sizeof msg, hs_tr("index: full-text index: %s"), sqlite3_errmsg(db->db));
        if (fn)
            fn(ud, msg);
    }
    return problems;
}

int idx_file_damaged(const char *path)
{
    sqlite3 *db = NULL;
    int bad = 0;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        bad = 1;
    } else {
        sqlite3_stmt *st = NULL;
        if (sqlite3_prepare_v2(db, "PRAGMA quick_check(1)", -1, &st, NULL) != SQLITE_OK ||
            sqlite3_step(st) != SQLITE_ROW)
            bad = 1;
        else
            bad = strcmp((const char *)sqlite3_column_text(st, 0), "ok") != 0;
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return bad;
}
