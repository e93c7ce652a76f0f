/* idx_segments.c - a source index's full-text segments copied whole, for `hoso merge`.
 *
 * Merging rows (idx_merge.c) leaves one cost a page: FTS5 tokenizing text another index
 * has already tokenized. When the source's page ids are disjoint from this index's (a
 * shard of `batch --shard K/N` numbers its pages from K << 40: idx_page_base_set), its
 * pages are copied with their ids unchanged and its FTS5 segments can be copied as they
 * are: the %_data rows of each segment under a segment id this index does not use, its
 * %_idx rows, the per-row sizes, then this index's structure record lists them and its
 * averages record adds their counts. Doclists hold absolute row ids, which is why the ids
 * must not move.
 *
 * The formats are FTS5's (SQLite 3.40, fts5_index.c): a %_data row id is
 * segid << 37 | dlidx << 36 | height << 31 | page; the structure record (row 10) is a
 * 4-byte configuration cookie, then varints: levels, segments, write counter, and for
 * each level the segments in an ongoing merge, its segment count, and each segment's id,
 * first and last leaf page; the averages record (row 1) is varints: rows, then tokens per
 * column. Anything else (a V2 structure of a newer SQLite, an ongoing incremental merge,
 * delete markers in either index, too many segments) and the text is tokenized instead.
 *
 * Safety: the pages are committed group by group before the segments are copied, so
 * until then meta 'fts_pending' ("LO HI PID") names the pages the full-text index lacks;
 * the copy (or, failing it, tokenizing those pages) removes it in the same transaction,
 * and idx_fts_mend tokenizes them after a crash. The copy is written through a second
 * connection: FTS5 keeps the structure record cached per connection and re-reads it when
 * another connection has changed the file (PRAGMA data_version), not after its own
 * connection wrote the table directly. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "index_int.h"

#define SRC "hs_src"
#define FTS_AVERAGES_ROWID 1
#define FTS_STRUCTURE_ROWID 10
#define FTS_SEGID_SHIFT 37
#define FTS_MAX_SEGMENT 2000 /* FTS5's limit on segments and on segment ids */
#define FTS_MAX_LEVEL 64
/* segments after a copy: room is left for FTS5's own new ones until it merges */
#define SEG_LIMIT 1000

typedef struct fts_seg {
    int level, id, first, last;
} fts_seg;

typedef struct fts_struct {
    unsigned char cookie[4];
    unsigned long long writes;
    int nlevel, nseg, merging;
    fts_seg seg[FTS_MAX_SEGMENT]; /* level by level, oldest first within a level */
} fts_struct;

/* SQLite's varint: 7 bits a byte, most significant first, the ninth byte whole. */
static int vget(const unsigned char *p, const unsigned char *end, unsigned long long *v)
{
    unsigned long long x = 0;
    for (int i = 0; i < 9; i++) {
        if (p + i >= end)
            return -1;
        if (i == 8) {
            *v = (x << 8) | p[i];
            return 9;
        }
        x = (x << 7) | (p[i] & 0x7f);
        if (!(p[i] & 0x80)) {
            *v = x;
            return i + 1;
        }
    }
    return -1;
}

static int vput(unsigned char *p, unsigned long long v)
{
    if (v >> 56) {
        p[8] = (unsigned char)v;
        v >>= 8;
        for (int i = 7; i >= 0; i--) {
            p[i] = (unsigned char)((v & 0x7f) | 0x80);
            v >>= 7;
        }
        return 9;
    }
    unsigned char b[9];
    int n = 0;
    do {
        b[n++] = (unsigned char)((v & 0x7f) | 0x80);
        v >>= 7;
    } while (v);
    b[0] &= 0x7f;
    for (int i = 0; i < n; i++)
        p[i] = b[n - 1 - i];
    return n;
}

/* Parses a structure record: 0, or -1 when it is not one this code knows. */
static int struct_parse(const unsigned char *b, int n, fts_struct *s)
{
    const unsigned char *p = b + 4, *end = b + n;
    unsigned long long nlevel, nseg, v;
    int k;
#define GET(x)                                                                             \
    do {                                                                                   \
        if ((k = vget(p, end, &v)) < 0)                                                    \
            return -1;                                                                     \
        p += k;                                                                            \
        (x) = v;                                                                           \
    } while (0)
    if (n < 7 || (n >= 8 && memcmp(p, "\xff\x00\x00\x01", 4) == 0))
        return -1; /* a V2 record */
    memcpy(s->cookie, b, 4);
    GET(nlevel);
    GET(nseg);
    GET(s->writes);
    if (nlevel > FTS_MAX_LEVEL || nseg > FTS_MAX_SEGMENT)
        return -1;
    s->nlevel = (int)nlevel;
    s->nseg = 0;
    s->merging = 0;
    for (int l = 0; l < s->nlevel; l++) {
        unsigned long long nmerge, nin;
        GET(nmerge);
        GET(nin);
        if (nmerge)
            s->merging = 1;
        for (unsigned long long i = 0; i < nin; i++) {
            if (s->nseg >= FTS_MAX_SEGMENT)
                return -1;
            fts_seg *g = &s->seg[s->nseg++];
            g->level = l;
            GET(g->id);
            GET(g->first);
            GET(g->last);
            if (g->id < 1 || g->id > FTS_MAX_SEGMENT || g->last < g->first)
                return -1;
        }
    }
#undef GET
    return p == end && (unsigned long long)s->nseg == nseg ? 0 : -1;
}

/* The record of s, in buf (at least 4 + 27 + 18 a level + 27 a segment bytes). */
static int struct_write(const fts_struct *s, unsigned char *buf)
{
    int n = 4;
    memcpy(buf, s->cookie, 4);
    n += vput(buf + n, (unsigned long long)s->nlevel);
    n += vput(buf + n, (unsigned long long)s->nseg);
    n += vput(buf + n, s->writes);
    int i = 0;
    for (int l = 0; l < s->nlevel; l++) {
        int j = i;
        while (j < s->nseg && s->seg[j].level == l)
            j++;
        n += vput(buf + n, 0);
        n += vput(buf + n, (unsigned long long)(j - i));
        for (; i < j; i++) {
            n += vput(buf + n, (unsigned long long)s->seg[i].id);
            n += vput(buf + n, (unsigned long long)s->seg[i].first);
            n += vput(buf + n, (unsigned long long)s->seg[i].last);
        }
    }
    return n;
}

/* The block of row id of schema's page_text_data, read into s (structure) or into
 * avg[0..1] (averages: rows, tokens; an empty record is zeros). 1 when it is no record
 * this code knows, -1 on an SQLite error. */
static int read_block(sqlite3 *db, const char *schema, int id, fts_struct *s,
                      unsigned long long avg[2])
{
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT block FROM %s.page_text_data WHERE id = %d", schema, id);
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return -1;
    int rc = 1, r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
        const unsigned char *b = sqlite3_column_blob(st, 0);
        int n = sqlite3_column_bytes(st, 0);
        if (s) {
            rc = b && struct_parse(b, n, s) == 0 ? 0 : 1;
        } else {
            const unsigned char *p = b, *end = b + n;
            avg[0] = avg[1] = 0;
            rc = 0;
            for (int i = 0; i < 2 && p && p < end && rc == 0; i++) {
                int k = vget(p, end, &avg[i]);
                if (k < 0)
                    rc = 1;
                else
                    p += k;
            }
            if (rc == 0 && p != end)
                rc = 1; /* more than one column */
        }
    } else if (r != SQLITE_DONE) {
        rc = -1;
    }
    sqlite3_finalize(st);
    return rc;
}

/* The value of meta key in schema (malloc'd), NULL when absent or on an error. */
static char *meta_of(sqlite3 *db, const char *schema, const char *key)
{
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT value FROM %s.meta WHERE key = ?", schema);
    sqlite3_stmt *st = NULL;
    char *v = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
        if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
            v = strdup((const char *)sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
    return v;
}

static int meta_is(sqlite3 *db, const char *schema, const char *key, const char *want)
{
    char *v = meta_of(db, schema, key);
    int same = v && strcmp(v, want) == 0;
    free(v);
    return same;
}

static int same_config(sqlite3 *db)
{
    sqlite3_stmt *st = NULL;
    int same = 0;
    if (sqlite3_prepare_v2(db,
                           "SELECT (SELECT v FROM main.page_text_config WHERE k = 'version') IS "
                           "(SELECT v FROM " SRC ".page_text_config WHERE k = 'version')",
                           -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        same = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return same;
}

int idx_source_segments(idx_db *db, int *usable, hs_err *err)
{
    *usable = 0;
    db->seg_mode = db->seg_started = 0;
    fts_struct *a = calloc(2, sizeof *a);
    if (!a)
        return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    int rc = HS_OK;
    long long lo = 0, hi = 0, n = 0, clash = 0;
    char *pending = meta_of(db->db, "main", "fts_pending");
    /* neither index has delete markers in its segments, which would hide the other's
     * rows of the same id; both are FTS5 of one version; the structures are ones this
     * code knows, with no merge under way */
    if (!pending && meta_is(db->db, "main", "fts_deletes", "0") &&
        meta_is(db->db, SRC, "fts_deletes", "0") && same_config(db->db) &&
        read_block(db->db, "main", FTS_STRUCTURE_ROWID, &a[0], NULL) == 0 &&
        read_block(db->db, SRC, FTS_STRUCTURE_ROWID, &a[1], NULL) == 0 && !a[0].merging &&
        !a[1].merging && a[0].nseg + a[1].nseg <= SEG_LIMIT) {
        /* the source's page ids, none of them (nor any between) in use here */
        if ((lo = idx_one_int(db->db, "SELECT min(id) FROM " SRC ".pages", 0, 0)) < 0 ||
            (hi = idx_one_int(db->db, "SELECT max(id) FROM " SRC ".pages", 0, 0)) < 0 ||
            (n = idx_one_int(db->db, "SELECT count(*) FROM " SRC ".pages", 0, 0)) < 0 ||
            (clash =
                 idx_one_int(db->db, "SELECT 1 FROM main.pages WHERE id BETWEEN ?1 AND ?2 LIMIT 1",
                             lo, hi)) < 0)
            rc = idx_fail(db, err, "merge");
        else if (n > 0 && lo > 0 && !clash) {
            db->seg_mode = 1;
            db->seg_lo = lo;
            db->seg_hi = hi;
            *usable = 1;
        }
    }
    free(pending);
    free(a);
    return rc;
}

/* meta 'fts_pending' for the pages lo..hi of this process. */
static void pending_value(char *buf, size_t cap, long long lo, long long hi)
{
    snprintf(buf, cap, "%lld %lld %ld", lo, hi, (long)getpid());
}

int idx_source_pending(idx_db *db, hs_err *err)
{
    char v[96];
    pending_value(v, sizeof v, db->seg_lo, db->seg_hi);
    return idx_meta_set(db, "fts_pending", v, err);
}

/* Tokenizes the pages lo..hi into the full-text index and drops meta 'fts_pending' when
 * it is value (any value when NULL), in the open transaction. */
static int tokenize_pending(idx_db *db, long long lo, long long hi, const char *value,
                            hs_err *err)
{
    char *cur = meta_of(db->db, "main", "fts_pending");
    int ours = cur && (!value || strcmp(cur, value) == 0);
    free(cur);
    if (!ours)
        return HS_OK;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->db,
                           "INSERT INTO main.page_text(rowid, text) SELECT id, hs_inflate(ztext) "
                           "FROM main.pages WHERE id BETWEEN ?1 AND ?2 ORDER BY id",
                           -1, &st, NULL) != SQLITE_OK)
        return idx_fail(db, err, "merge text");
    sqlite3_bind_int64(st, 1, lo);
    sqlite3_bind_int64(st, 2, hi);
    int rc = sqlite3_step(st) == SQLITE_DONE ? HS_OK : idx_fail(db, err, "merge text");
    sqlite3_finalize(st);
    if (rc == HS_OK)
        rc = idx_exec(db, "DELETE FROM main.meta WHERE key = 'fts_pending'", err);
    return rc;
}

/* tokenize_pending in the open transaction, or in one of its own */
static int tokenize_now(idx_db *db, long long lo, long long hi, const char *value, hs_err *err)
{
    int own = sqlite3_get_autocommit(db->db);
    int rc = own ? idx_begin(db, err) : HS_OK;
    if (rc == HS_OK)
        rc = tokenize_pending(db, lo, hi, value, err);
    if (own) {
        if (rc == HS_OK)
            rc = idx_commit(db, err);
        if (rc)
            idx_rollback(db);
    }
    return rc;
}

/* Ends the source's segment mode: 1, with v its meta 'fts_pending' value, when pages were
 * copied in it. */
static int seg_end(idx_db *db, char *v, size_t cap)
{
    int started = db->seg_mode && db->seg_started;
    db->seg_mode = db->seg_started = 0;
    if (started)
        pending_value(v, cap, db->seg_lo, db->seg_hi);
    return started;
}

int idx_source_segments_off(idx_db *db, hs_err *err)
{
    char v[96];
    return seg_end(db, v, sizeof v) ? tokenize_now(db, db->seg_lo, db->seg_hi, v, err) : HS_OK;
}

/* Copies segment old of the source as segment new. */
static int copy_segment(sqlite3 *c, int old, int new)
{
    sqlite3_stmt *st = NULL;
    int ok = sqlite3_prepare_v2(c,
                                "INSERT INTO main.page_text_data(id, block) SELECT id - ?1 + ?2, "
                                "block FROM " SRC ".page_text_data WHERE id >= ?1 AND id < ?3",
                                -1, &st, NULL) == SQLITE_OK;
    if (ok) {
        sqlite3_bind_int64(st, 1, (sqlite3_int64)old << FTS_SEGID_SHIFT);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)new << FTS_SEGID_SHIFT);
        sqlite3_bind_int64(st, 3, (sqlite3_int64)(old + 1) << FTS_SEGID_SHIFT);
        ok = sqlite3_step(st) == SQLITE_DONE;
    }
    sqlite3_finalize(st);
    st = NULL;
    if (ok)
        ok = sqlite3_prepare_v2(c,
                                "INSERT INTO main.page_text_idx(segid, term, pgno) SELECT ?2, "
                                "term, pgno FROM " SRC ".page_text_idx WHERE segid = ?1",
                                -1, &st, NULL) == SQLITE_OK;
    if (ok) {
        sqlite3_bind_int(st, 1, old);
        sqlite3_bind_int(st, 2, new);
        ok = sqlite3_step(st) == SQLITE_DONE;
    }
    sqlite3_finalize(st);
    return ok ? 0 : -1;
}

static int put_block(sqlite3 *c, int id, const unsigned char *b, int n)
{
    sqlite3_stmt *st = NULL;
    int ok = sqlite3_prepare_v2(c,
                                "INSERT OR REPLACE INTO main.page_text_data(id, block) VALUES "
                                "(?1, ?2)",
                                -1, &st, NULL) == SQLITE_OK;
    if (ok) {
        sqlite3_bind_int(st, 1, id);
        sqlite3_bind_blob(st, 2, b, n, SQLITE_STATIC);
        ok = sqlite3_step(st) == SQLITE_DONE;
    }
    sqlite3_finalize(st);
    return ok ? 0 : -1;
}

/* In c's open transaction: the source's segments added to this index. 1 when done, 0
 * when the indexes are no longer fit for it, -1 on an SQLite error. */
static int copy_all(sqlite3 *c, long long lo, long long hi, const char *value, long long *pages)
{
    fts_struct *a = calloc(2, sizeof *a);
    if (!a)
        return -1;
    fts_struct *t = &a[0], *s = &a[1];
    unsigned long long ta[2], sa[2];
    unsigned char *buf = NULL;
    int rc = 0;
    /* still ours (no other process mended it), every source page copied here, and no
     * page between them that is not the source's */
    long long npages = meta_is(c, "main", "fts_pending", value)
                           ? idx_one_int(c, "SELECT count(*) FROM " SRC ".pages", 0, 0)
                           : -1;
    *pages = npages;
    if (npages < 0 ||
        idx_one_int(c, "SELECT count(*) FROM main.pages WHERE id BETWEEN ?1 AND ?2", lo, hi) !=
            npages ||
        idx_one_int(c, "SELECT count(*) FROM " SRC ".pages WHERE id BETWEEN ?1 AND ?2", lo, hi) !=
            npages ||
        read_block(c, "main", FTS_STRUCTURE_ROWID, t, NULL) != 0 ||
        read_block(c, SRC, FTS_STRUCTURE_ROWID, s, NULL) != 0 || t->merging || s->merging ||
        t->nseg + s->nseg > SEG_LIMIT || read_block(c, "main", FTS_AVERAGES_ROWID, NULL, ta) != 0 ||
        read_block(c, SRC, FTS_AVERAGES_ROWID, NULL, sa) != 0)
        goto out;
    /* new segment ids: the lowest this index does not use, as FTS5 allocates them */
    unsigned char used[FTS_MAX_SEGMENT + 1] = {0};
    for (int i = 0; i < t->nseg; i++)
        used[t->seg[i].id] = 1;
    int next = 1;
    for (int i = 0; i < s->nseg; i++) {
        while (next <= FTS_MAX_SEGMENT && used[next])
            next++;
        if (next > FTS_MAX_SEGMENT)
            goto out;
        used[next] = 1;
        /* every leaf the structure names is there (a damaged source is tokenized instead) */
        long long base = (long long)s->seg[i].id << FTS_SEGID_SHIFT;
        if (idx_one_int(c, "SELECT count(*) FROM " SRC ".page_text_data WHERE id BETWEEN ?1 AND ?2",
                        base + s->seg[i].first,
                        base + s->seg[i].last) != (long long)s->seg[i].last - s->seg[i].first + 1)
            goto out;
        if (copy_segment(c, s->seg[i].id, next)) {
            rc = -1;
            goto out;
        }
        s->seg[i].id = next;
    }
    /* each level: this index's segments, then the source's (their ids do not overlap, so
     * the order between the two does not matter; the source's own order is kept) */
    fts_seg *merged = malloc(sizeof t->seg);
    if (!merged) {
        rc = -1;
        goto out;
    }
    int nlevel = t->nlevel > s->nlevel ? t->nlevel : s->nlevel, n = 0;
    for (int l = 0; l < nlevel; l++) {
        for (int i = 0; i < t->nseg; i++)
            if (t->seg[i].level == l)
                merged[n++] = t->seg[i];
        for (int i = 0; i < s->nseg; i++)
            if (s->seg[i].level == l)
                merged[n++] = s->seg[i];
    }
    memcpy(t->seg, merged, (size_t)n * sizeof *merged);
    free(merged);
    t->nseg = n;
    t->nlevel = nlevel;
    t->writes += s->writes;
    if (!(buf = malloc(4 + 27 + 18 * (size_t)nlevel + 27 * (size_t)n))) {
        rc = -1;
        goto out;
    }
    int len = struct_write(t, buf);
    unsigned char avg[18];
    int alen = vput(avg, ta[0] + sa[0]);
    alen += vput(avg + alen, ta[1] + sa[1]);
    if (put_block(c, FTS_STRUCTURE_ROWID, buf, len) || put_block(c, FTS_AVERAGES_ROWID, avg, alen) ||
        sqlite3_exec(c,
                     "INSERT INTO main.page_text_docsize(id, sz) SELECT id, sz FROM " SRC
                     ".page_text_docsize;"
                     "DELETE FROM main.meta WHERE key = 'fts_pending'",
                     NULL, NULL, NULL) != SQLITE_OK) {
        rc = -1;
        goto out;
    }
    rc = 1;
out:
    free(buf);
    free(a);
    return rc;
}

int idx_source_finish(idx_db *db, const char *src_path, long long *pages, hs_err *err)
{
    *pages = 0;
    char v[96];
    if (!seg_end(db, v, sizeof v))
        return HS_OK;
    long long lo = db->seg_lo, hi = db->seg_hi;
    /* nothing copied from the source (e.g. every dossier already here): nothing pending */
    char *cur = meta_of(db->db, "main", "fts_pending");
    int ours = cur && strcmp(cur, v) == 0;
    free(cur);
    if (!ours)
        return HS_OK;
    sqlite3 *c = NULL;
    int done = -1;
    long long copied = 0;
    const char *path = sqlite3_db_filename(db->db, "main");
    if (path && sqlite3_open_v2(path, &c, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK) {
        sqlite3_busy_timeout(c, 30000);
        sqlite3_stmt *st = NULL;
        /* read through the map, as the readers' connections do (idx_db_open_readonly) */
        if (sqlite3_exec(c, "PRAGMA synchronous = FULL; " IDX_MMAP_PRAGMA, NULL, NULL, NULL) ==
                SQLITE_OK &&
            sqlite3_prepare_v2(c, "ATTACH DATABASE ? AS " SRC, -1, &st, NULL) == SQLITE_OK) {
            sqlite3_bind_text(st, 1, src_path, -1, SQLITE_STATIC);
            if (sqlite3_step(st) == SQLITE_DONE &&
                sqlite3_exec(c, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK) {
                done = copy_all(c, lo, hi, v, &copied);
                if (done != 1 || sqlite3_exec(c, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
                    sqlite3_exec(c, "ROLLBACK", NULL, NULL, NULL);
                    if (done == 1)
                        done = -1;
                }
            }
        }
        sqlite3_finalize(st);
    }
    char why[256];
    snprintf(why, sizeof why, "%s", c ? sqlite3_errmsg(c) : "out of memory");
    sqlite3_close_v2(c);
    if (done == 1) {
        *pages = copied; /* every page lo..hi is the source's: counted in copy_all */
        return HS_OK;
    }
    /* the pages are tokenized instead; an SQLite error is reported after */
    int rc = tokenize_now(db, lo, hi, v, err);
    if (rc == HS_OK && done < 0)
        rc = hs_err_set(err, HS_EDB, 0,
                        "index: the full-text segments of '%s' could not be copied (%s); its "
                        "pages were tokenized instead",
                        src_path, why);
    return rc;
}

int idx_fts_mend(idx_db *db, long long *pages, hs_err *err)
{
    *pages = 0;
    char *v = meta_of(db->db, "main", "fts_pending");
    if (!v)
        return HS_OK;
    long long lo = 0, hi = 0;
    long pid = 0;
    int rc = HS_OK;
    /* left by a merge that is still running (its process alive): it is that merge's */
    if (sscanf(v, "%lld %lld %ld", &lo, &hi, &pid) == 3 &&
        (pid == (long)getpid() || kill((pid_t)pid, 0) == 0 || errno != ESRCH)) {
        free(v);
        return HS_OK;
    }
    if ((rc = tokenize_now(db, lo, hi, v, err)) == HS_OK)
        *pages = idx_one_int(db->db, "SELECT count(*) FROM main.pages WHERE id BETWEEN ?1 AND ?2",
                             lo, hi);
    free(v);
    return rc;
}
