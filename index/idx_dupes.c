/* idx_dupes.c - pages filed twice: the same archival image (its SHA-256), or nearly the
 * same text. Text is compared by MinHash over 3-word shingles of the folded text (marks
 * and đ folded, as search does): IDX_SIG_K minimum hashes per page estimate the Jaccard
 * similarity of two pages' shingle sets; locality-sensitive hashing (IDX_SIG_BANDS bands
 * of IDX_SIG_ROWS hashes, one row each in page_bands) finds the candidate pairs without
 * comparing every page with every other. A re-scan of a page differs only by OCR noise
 * (a few words: similarity 0.8-1); another filled copy of the same form differs in every
 * name, number and date (0.3-0.7 on the corpus forms). */
#define _POSIX_C_SOURCE 200809L
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hs_vec.h"
#include "index_int.h"

#define IDX_SIG_K 64
#define IDX_SIG_BANDS 16
#define IDX_SIG_ROWS 4
/* pages with fewer words are too short to tell copies from look-alikes */
#define IDX_SIG_MIN_WORDS 12

static const char dupes_sql[] =
    "CREATE TABLE IF NOT EXISTS page_sigs("
    "  page_id INTEGER PRIMARY KEY REFERENCES pages(id) ON DELETE CASCADE,"
    "  sig BLOB NOT NULL);"
    "CREATE TABLE IF NOT EXISTS page_bands("
    "  hash INTEGER NOT NULL,"
    "  page_id INTEGER NOT NULL REFERENCES pages(id) ON DELETE CASCADE);"
    "CREATE INDEX IF NOT EXISTS page_bands_hash ON page_bands(hash);"
    "CREATE INDEX IF NOT EXISTS page_bands_page ON page_bands(page_id);"
    "CREATE INDEX IF NOT EXISTS pages_image ON pages(image_sha256);";

int idx_dupes_init(idx_db *db, hs_err *err)
{
    return idx_exec(db, dupes_sql, err);
}

/* Band rows below which an index is never dropped: rebuilding it is then too cheap to
 * matter either way. */
#define BANDS_DEFER_MIN 100000

int idx_band_rows(idx_db *db, long long *rows, hs_err *err)
{
    *rows = 0;
    sqlite3_stmt *st = NULL;
    /* an insert-only rowid table: its largest rowid is about its row count, found in one
     * b-tree descent (count(*) would read every leaf) */
    if (sqlite3_prepare_v2(db->db, "SELECT coalesce(max(rowid), 0) FROM page_bands", -1, &st,
                           NULL) != SQLITE_OK)
        return idx_fail(db, err, "bands");
    int rc = sqlite3_step(st) == SQLITE_ROW ? HS_OK : idx_fail(db, err, "bands");
    if (rc == HS_OK)
        *rows = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc;
}

int idx_bands_defer(idx_db *db, long long incoming, int *deferred, hs_err *err)
{
    *deferred = 0;
    long long have = 0;
    int rc = idx_band_rows(db, &have, err);
    if (rc || incoming < BANDS_DEFER_MIN || incoming < have)
        return rc;
    if ((rc = idx_exec(db, "DROP INDEX IF EXISTS page_bands_hash", err)) == HS_OK)
        *deferred = db->bands_deferred = 1;
    return rc;
}

int idx_bands_restore(idx_db *db, hs_err *err)
{
    if (!db->bands_deferred)
        return HS_OK;
    int rc = idx_exec(db, "CREATE INDEX IF NOT EXISTS page_bands_hash ON page_bands(hash)", err);
    if (rc == HS_OK)
        db->bands_deferred = 0;
    return rc;
}

static uint64_t mix64(uint64_t x)
{
    /* splitmix64's finaliser: a good spread from a cheap, fixed function */
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

/* The folded words of text as 64-bit hashes; returns how many (malloc'd in *out). */
static int words_of(const char *text, uint64_t **out)
{
    int len = (int)strlen(text), n = 0, in = 0;
    size_t cap = 0;
    uint64_t h = 0;
    *out = NULL;
    for (int i = 0; i <= len;) {
        int cls = HS_FOLD_SEP, flen = 0, step = 1;
        const char *f = NULL;
        char fbuf[4];
        if (i < len)
            step = idx_fold_next(text + i, len - i, &cls, &f, &flen, fbuf);
        if (cls == HS_FOLD_WORD) {
            if (!in)
                h = 1469598103934665603ULL;
            for (int k = 0; k < flen; k++)
                h = (h ^ (unsigned char)f[k]) * 1099511628211ULL;
            in = 1;
        } else if (cls == HS_FOLD_SEP && in) {
            if (HS_VEC_RESERVE(*out, cap, (size_t)n + 1)) {
                free(*out);
                *out = NULL;
                return -1;
            }
            (*out)[n++] = h;
            in = 0;
        }
        i += step;
    }
    return n;
}

/* sig[k] = min over the 3-word shingles s of hash_k(s); 0 if the page is too short. */
static int signature(const char *text, uint32_t sig[IDX_SIG_K])
{
    uint64_t *w = NULL;
    int n = words_of(text, &w);
    if (n < IDX_SIG_MIN_WORDS) {
        free(w);
        return n < 0 ? -1 : 0;
    }
    for (int k = 0; k < IDX_SIG_K; k++)
        sig[k] = UINT32_MAX;
    for (int i = 0; i + 2 < n; i++) {
        uint64_t s = mix64(w[i] ^ mix64(w[i + 1] ^ mix64(w[i + 2])));
        for (int k = 0; k < IDX_SIG_K; k++) {
            uint32_t v = (uint32_t)(mix64(s + 0x9e3779b97f4a7c15ULL * (uint64_t)(k + 1)) >> 32);
            if (v < sig[k])
                sig[k] = v;
        }
    }
    free(w);
    return 1;
}

static double similarity(const uint32_t *a, const uint32_t *b)
{
    int same = 0;
    for (int k = 0; k < IDX_SIG_K; k++)
        same += a[k] == b[k];
    return (double)same / IDX_SIG_K;
}

static int64_t band_hash(const uint32_t *sig, int band)
{
    uint64_t h = mix64((uint64_t)band + 1);
    for (int r = 0; r < IDX_SIG_ROWS; r++)
        h = mix64(h ^ sig[band * IDX_SIG_ROWS + r]);
    return (int64_t)h;
}

int idx_page_sig_put(idx_db *db, int64_t page_id, const char *text, hs_err *err)
{
    uint32_t sig[IDX_SIG_K];
    int r = signature(text, sig);
    if (r < 0)
        return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    if (r == 0)
        return HS_OK;
    sqlite3_stmt *st = NULL;
    int rc = HS_OK;
    if (sqlite3_prepare_v2(db->db, "INSERT OR REPLACE INTO page_sigs(page_id, sig) VALUES (?, ?)",
                           -1, &st, NULL))
        return idx_fail(db, err, "page signature");
    sqlite3_bind_int64(st, 1, page_id);
    sqlite3_bind_blob(st, 2, sig, sizeof sig, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = idx_fail(db, err, "page signature");
    sqlite3_finalize(st);
    if (rc)
        return rc;
    if (sqlite3_prepare_v2(db->db, "INSERT INTO page_bands(hash, page_id) VALUES (?, ?)", -1, &st,
                           NULL))
        return idx_fail(db, err, "page signature");
    for (int b = 0; b < IDX_SIG_BANDS && rc == HS_OK; b++) {
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, band_hash(sig, b));
        sqlite3_bind_int64(st, 2, page_id);
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = idx_fail(db, err, "page signature");
    }
    sqlite3_finalize(st);
    return rc;
}

/* Reports one pair: the page of the dossier asked about first. */
static int report(sqlite3_stmt *who, int64_t a, int64_t b, const char *kind, double sim,
                  idx_dupe_fn fn, void *ud)
{
    idx_dupe d = {.kind = kind, .similarity = sim};
    char code_a[128] = "", code_b[128] = "";
    int64_t ids[2] = {a, b};
    for (int i = 0; i < 2; i++) {
        sqlite3_reset(who);
        sqlite3_bind_int64(who, 1, ids[i]);
        if (sqlite3_step(who) != SQLITE_ROW)
            return HS_OK; /* gone meanwhile */
        snprintf(i ? code_b : code_a, sizeof code_a, "%s", sqlite3_column_text(who, 0));
        if (i)
            d.other_page = sqlite3_column_int(who, 1);
        else
            d.page = sqlite3_column_int(who, 1);
    }
    d.code = code_a;
    d.other_code = code_b;
    return fn(ud, &d);
}

/* Every duplicate pair with a page of dossier code (all dossiers: code NULL), each pair
 * once, pages of one dossier against each other included. */
int idx_dupes(idx_db *db, const char *code, double min_sim, idx_dupe_fn fn, void *ud, hs_err *err)
{
    sqlite3_stmt *img = NULL, *txt = NULL, *sig = NULL, *who = NULL;
    int rc = HS_OK;
    const char *scope = code ? "JOIN dossiers d ON d.id = a.dossier_id AND d.code = ?1 " : "";
    char sql[800];
    /* the same archival image */
    snprintf(sql, sizeof sql,
             "SELECT a.id, b.id FROM pages a %s"
             "JOIN pages b ON b.image_sha256 = a.image_sha256 AND b.id != a.id "
             "WHERE CASE WHEN ?1 IS NOT NULL THEN b.dossier_id != a.dossier_id "
             "ELSE a.id < b.id END "
             "ORDER BY a.id, b.id",
             scope);
    if (sqlite3_prepare_v2(db->db, sql, -1, &img, NULL) ||
        sqlite3_prepare_v2(db->db,
                           "SELECT d.code, p.page FROM pages p JOIN dossiers d ON d.id = "
                           "p.dossier_id WHERE p.id = ?",
                           -1, &who, NULL) ||
        sqlite3_prepare_v2(db->db, "SELECT sig FROM page_sigs WHERE page_id = ?", -1, &sig, NULL)) {
        rc = idx_fail(db, err, "duplicates");
        goto out;
    }
    if (code)
        sqlite3_bind_text(img, 1, code, -1, SQLITE_STATIC);
    while (rc == HS_OK && sqlite3_step(img) == SQLITE_ROW)
        rc = report(who, sqlite3_column_int64(img, 0), sqlite3_column_int64(img, 1), "image", 1.0,
                    fn, ud);
    /* nearly the same text: pairs that share a band, then their signatures compared; a
     * pair with the same image was reported already */
    snprintf(sql, sizeof sql,
             "SELECT DISTINCT a.page_id, b.page_id FROM page_bands a "
             "JOIN pages pa ON pa.id = a.page_id %s"
             "JOIN page_bands b ON b.hash = a.hash AND b.page_id != a.page_id "
             "JOIN pages pb ON pb.id = b.page_id "
             "WHERE pa.image_sha256 != pb.image_sha256 AND "
             "CASE WHEN ?1 IS NOT NULL THEN pb.dossier_id != pa.dossier_id "
             "ELSE a.page_id < b.page_id END "
             "ORDER BY a.page_id, b.page_id",
             code ? "JOIN dossiers d ON d.id = pa.dossier_id AND d.code = ?1 " : "");
    if (rc == HS_OK && sqlite3_prepare_v2(db->db, sql, -1, &txt, NULL)) {
        rc = idx_fail(db, err, "duplicates");
        goto out;
    }
    if (code)
        sqlite3_bind_text(txt, 1, code, -1, SQLITE_STATIC);
    while (rc == HS_OK && sqlite3_step(txt) == SQLITE_ROW) {
        int64_t a = sqlite3_column_int64(txt, 0), b = sqlite3_column_int64(txt, 1);
        uint32_t sa[IDX_SIG_K], sb[IDX_SIG_K];
        int ok = 1;
        for (int i = 0; i < 2 && ok; i++) {
            sqlite3_reset(sig);
            sqlite3_bind_int64(sig, 1, i ? b : a);
            ok = sqlite3_step(sig) == SQLITE_ROW && sqlite3_column_bytes(sig, 0) == (int)sizeof sa;
            if (ok)
                memcpy(i ? sb : sa, sqlite3_column_blob(sig, 0), sizeof sa);
        }
        double s = ok ? similarity(sa, sb) : 0;
        if (ok && s >= min_sim)
            rc = report(who, a, b, "text", s, fn, ud);
    }
out:
    sqlite3_finalize(img);
    sqlite3_finalize(txt);
    sqlite3_finalize(sig);
    sqlite3_finalize(who);
    return rc;
}
