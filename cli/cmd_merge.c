/* cmd_merge.c - `hoso [--home DIR] merge HOME...`: folds the archives of other homes (the
 * shards of a batch run on several machines) into this one. Each archive is hard-linked
 * (same file system) or copied in pieces (memory does not grow with its size) under a
 * temporary name, checked against its manifests, then renamed into place; worker threads
 * link or copy and check, one thread writes the index. A code filed in both homes with
 * different content is a conflict: it is reported, never overwritten; an identical copy is
 * skipped, so a merge that stopped half-way is simply run again.
 *
 * Indexing: when the source home's index has this schema, it is attached and the rows of
 * each archive whose rows there match it (its dossier.json, every page's files, sums and
 * text against the checked manifest, done by the workers) are copied with one INSERT ...
 * SELECT a table at the group's commit (idx_source_copy): the writer then only tokenizes
 * page text. Any other archive is read from its zip (pl_index_archive), as reindex does.
 *
 * Archives are committed in groups (MERGE_GROUP dossiers, MERGE_GROUP_COPIED when rows are
 * copied, or MERGE_GROUP_BYTES of zips: one transaction and one index sync a group) instead
 * of three syncs a dossier, which bounded a merge at ~100 dossiers a second. Order within a
 * group: copies written, rows inserted, copies synced (syncfs, only when the group holds a
 * copy: a link's bytes are synced by its worker with fdatasync, which costs nothing for a
 * filed zip), renamed into place, their folders synced, rows committed. A crash before the commit
 * leaves complete archives in place that the index lacks; the next merge (or any command that
 * files) indexes them first (pl_home_mend). */
#define _GNU_SOURCE /* syncfs */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "cli_help.h"
#include "cli_i18n.h"
#include "hs_vec.h"

/* the synopsis and options are in the help table, cli/cli_help.c */
static const char usage[] = "merge";

/* Pieces copied and compared at a time. */
#define MERGE_CHUNK ((size_t)1 << 20)
/* A group is committed when it holds this many dossiers or bytes of zips. */
#define MERGE_GROUP 256
/* ... or this many dossiers whose rows are copied from their home's index: filing one
 * costs the writer a tenth of reading it from its zip, so the two syncs a group would
 * otherwise be a large part of it */
#define MERGE_GROUP_COPIED 2048
#define MERGE_GROUP_BYTES ((long long)512 << 20)

typedef struct mstats {
    int merged, same, conflicts, damaged;
    int copied;         /* of merged: rows copied from the source's index */
    long long segpages; /* pages whose full text came in their source's FTS5 segments */
} mstats;

/* An archive copied, indexed in the open transaction, waiting for its group's commit. */
typedef struct pending {
    char *src, *rel, *final, *tmp, *code;
    int renamed;
    int linked; /* tmp is a hard link to src: its bytes are on disk already */
} pending;

typedef struct merger {
    pl_home *home;
    idx_db *db;
    int in_txn;
    pending *group;
    size_t n, cap;
    size_t picked;   /* of the group, rows to copy from the source index (idx_source_pick) */
    int attached;    /* a source index is attached */
    long long bytes; /* of the group's copies */
    int tokenize;    /* --tokenize: no full-text segments copied */
    char *buf;       /* MERGE_CHUNK bytes, or two halves of it for comparing */
    mstats st;
    int failed;
} merger;

static void count_problem(void *ud, const char *msg)
{
    (void)msg;
    (*(int *)ud)++;
}

static int read_full(int fd, char *buf, size_t cap, size_t *got)
{
    *got = 0;
    while (*got < cap) {
        ssize_t n = read(fd, buf + *got, cap - *got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        if (n == 0)
            break;
        *got += (size_t)n;
    }
    return 0;
}

/* 1 if the files a and b hold the same bytes, compared a piece at a time. */
static int same_file(merger *m, const char *a, const char *b)
{
    struct stat sa, sb;
    if (stat(a, &sa) != 0 || stat(b, &sb) != 0 || sa.st_size != sb.st_size)
        return 0;
    int fa = open(a, O_RDONLY | O_CLOEXEC), fb = open(b, O_RDONLY | O_CLOEXEC), same = 1;
    size_t half = MERGE_CHUNK / 2;
    while (same && fa >= 0 && fb >= 0) {
        size_t na = 0, nb = 0;
        if (read_full(fa, m->buf, half, &na) || read_full(fb, m->buf + half, half, &nb) ||
            na != nb || memcmp(m->buf, m->buf + half, na) != 0)
            same = 0;
        if (na < half)
            break;
    }
    if (fa < 0 || fb < 0)
        same = 0;
    if (fa >= 0)
        close(fa);
    if (fb >= 0)
        close(fb);
    return same;
}

/* Copies src to the new file dst a piece at a time, without syncing it (the group is
 * synced at once before its renames). dst must not exist; a failed copy removes it. */
static int copy_file(char *buf, const char *src, const char *dst, long long *bytes, hs_err *err)
{
    *bytes = 0;
    int in = open(src, O_RDONLY | O_CLOEXEC), out = -1, rc = HS_OK;
    if (in < 0)
        return hs_err_set(err, HS_EIO, errno, "merge: cannot read '%s'", src);
    out = open(dst, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (out < 0) {
        rc = hs_err_set(err, HS_EIO, errno, "merge: cannot create '%s'", dst);
        goto out;
    }
    for (;;) {
        size_t got = 0;
        if (read_full(in, buf, MERGE_CHUNK, &got)) {
            rc = hs_err_set(err, HS_EIO, errno, "merge: cannot read '%s'", src);
            goto out;
        }
        for (size_t done = 0; done < got;) {
            ssize_t w = write(out, buf + done, got - done);
            if (w < 0 && errno == EINTR)
                continue;
            if (w < 0) {
                rc = hs_err_set(err, HS_EIO, errno, "merge: cannot write '%s'", dst);
                goto out;
            }
            done += (size_t)w;
        }
        *bytes += (long long)got;
        if (got < MERGE_CHUNK)
            break;
    }
    if (close(out) != 0) {
        out = -1;
        rc = hs_err_set(err, HS_EIO, errno, "merge: cannot write '%s'", dst);
        goto out;
    }
    out = -1;
out:
    close(in);
    if (out >= 0)
        close(out);
    if (rc)
        unlink(dst);
    return rc;
}

static void pending_release(pending *p)
{
    free(p->src);
    free(p->rel);
    free(p->final);
    free(p->tmp);
    free(p->code);
    memset(p, 0, sizeof *p);
}

/* The copy of code waiting in the open group, if any. */
static const pending *group_find(const merger *m, const char *code)
{
    for (size_t i = 0; i < m->n; i++)
        if (strcmp(m->group[i].code, code) == 0)
            return &m->group[i];
    return NULL;
}

/* Is code in this home: in the index, or in the open group? */
static int known(merger *m, const char *code, int *exists, hs_err *err)
{
    *exists = 0;
    if (!*code)
        return HS_OK;
    int rc = idx_code_exists(m->db, code, exists, err);
    if (rc == HS_OK && !*exists)
        *exists = group_find(m, code) != NULL;
    return rc;
}

/* Syncs the file system holding path: every copy of a group in one call instead of one
 * journal commit per file. */
static int sync_fs_of(const char *path, hs_err *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return hs_err_set(err, HS_EIO, errno, "merge: cannot open '%s'", path);
    int rc =
        syncfs(fd) == 0 ? HS_OK : hs_err_set(err, HS_EIO, errno, "merge: cannot sync '%s'", path);
    close(fd);
    return rc;
}

/* Syncs the folders the group's archives were renamed into, and each folder above them up
 * to the archive folder (a year folder made by this merge must be found after a crash):
 * the renames are then durable without syncing the whole file system, which on a shared
 * machine or cluster file system also waits for everyone else's writes. */
static int sync_dirs_of(merger *m, hs_err *err)
{
    char **done = NULL;
    size_t ndone = 0;
    int rc = HS_OK;
    size_t top = strlen(m->home->archive);
    for (size_t i = 0; i < m->n && rc == HS_OK; i++) {
        char *d = strdup(m->group[i].final);
        if (!d) {
            rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
            break;
        }
        char *slash;
        while (rc == HS_OK && (slash = strrchr(d, '/')) && (size_t)(slash - d) >= top) {
            *slash = '\0';
            size_t k = 0;
            while (k < ndone && strcmp(done[k], d) != 0)
                k++;
            if (k < ndone)
                break; /* it and the folders above it are synced */
            char **nd = realloc(done, (ndone + 1) * sizeof *done);
            char *copy = nd ? strdup(d) : NULL;
            if (nd)
                done = nd;
            if (!copy) {
                rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
                break;
            }
            done[ndone++] = copy;
            rc = hs_fsync_path(d, err);
        }
        free(d);
    }
    for (size_t k = 0; k < ndone; k++)
        free(done[k]);
    free(done);
    return rc;
}

static int record_merge(merger *m, const pending *p, hs_err *err)
{
    return pl_event_record(m->db, p->code,
                           pl_event_new("merge", "success", "'%s' merged into '%s' as '%s'", p->src,
                                        m->home->dir, p->rel),
                           err);
}

/* Renames p into place. HS_EEXIST (reported as a conflict, the copy removed) when a zip
 * the index does not know took the name meanwhile: it is never replaced. */
static int place(merger *m, pending *p, hs_err *err)
{
    int rc = hs_rename_noreplace(p->tmp, p->final, err);
    if (rc == HS_EEXIST) {
        m->st.conflicts++;
        cli_error(_("merge: conflict: '%s' already exists in this home and was not replaced "
                    "(its archive cannot be indexed; see 'hoso verify'); '%s' not merged"),
                  p->final, p->src);
        unlink(p->tmp);
    } else if (rc == HS_OK) {
        p->renamed = 1;
    }
    return rc;
}

/* Files one pending archive in a transaction of its own: the way back when its group
 * failed. A failure is reported; the copy is removed unless it is already in place (then
 * the next merge indexes it). */
static void file_alone(merger *m, pending *p)
{
    hs_err err;
    hs_err_clear(&err);
    char *code = NULL;
    int rc = idx_begin(m->db, &err);
    if (rc == HS_OK) {
        rc = pl_index_archive(m->db, p->renamed ? p->final : p->tmp, p->rel, &code, &err);
        free(code);
        if (rc == HS_OK)
            rc = record_merge(m, p, &err);
        if (rc == HS_OK && !p->renamed) {
            if ((rc = place(m, p, &err)) == HS_OK) {
                char *slash = strrchr(p->final, '/');
                *slash = '\0';
                rc = hs_fsync_path(p->final, &err);
                *slash = '/';
            }
        }
        if (rc == HS_OK)
            rc = idx_commit(m->db, &err);
        if (rc)
            idx_rollback(m->db);
    }
    if (rc == HS_OK) {
        m->st.merged++;
    } else if (rc != HS_EEXIST) {
        cli_err(&err);
        m->failed = 1;
        if (!p->renamed)
            unlink(p->tmp);
    }
}

/* Files a group whose transaction failed: rolled back, then each archive alone. */
static void group_retry(merger *m)
{
    if (m->in_txn)
        idx_rollback(m->db);
    m->in_txn = 0;
    /* filed one by one from their zips: the source's pages copied so far are tokenized
     * and its later ones copied with new ids */
    hs_err err;
    if (idx_source_segments_off(m->db, &err))
        cli_err(&err);
    for (size_t i = 0; i < m->n; i++) {
        file_alone(m, &m->group[i]);
        pending_release(&m->group[i]);
    }
    m->n = 0;
    m->bytes = 0;
    m->picked = 0;
}

/* Commits the open group: copies synced, renamed into place, folders synced, rows
 * committed. */
static int group_flush(merger *m)
{
    hs_err err;
    hs_err_clear(&err);
    int rc = HS_OK, copied = 0;
    if (!m->in_txn)
        return HS_OK;
    /* the rows picked from the source's index, copied in one statement a table; should
     * that fail, each archive of the group is indexed from its zip instead */
    if (m->picked > 0 && (rc = idx_source_copy(m->db, &copied, &err))) {
        cli_error(_("merge: %s; the group's archives are indexed from their zips instead"),
                  err.msg);
        group_retry(m);
        return HS_OK;
    }
    m->picked = 0;
    /* a hard link's bytes were synced by its worker: the file system is synced only when
     * the group holds a copy */
    int copies = 0;
    for (size_t i = 0; i < m->n; i++)
        copies += !m->group[i].linked;
    if (copies > 0 && (rc = sync_fs_of(m->home->archive, &err))) {
        cli_err(&err);
        m->failed = 1;
        idx_rollback(m->db);
        m->in_txn = 0;
        for (size_t i = 0; i < m->n; i++) {
            unlink(m->group[i].tmp);
            pending_release(&m->group[i]);
        }
        m->n = 0;
        m->bytes = 0;
        return rc;
    }
    for (size_t i = 0; i < m->n && rc == HS_OK; i++) {
        if ((rc = place(m, &m->group[i], &err)) == HS_EEXIST) {
            /* its rows are in the transaction: the others are filed again one by one */
            pending_release(&m->group[i]);
            memmove(&m->group[i], &m->group[i + 1], (m->n - i - 1) * sizeof *m->group);
            m->n--;
            group_retry(m);
            return HS_OK;
        }
    }
    if (rc == HS_OK && m->n > 0)
        rc = sync_dirs_of(m, &err);
    if (rc == HS_OK)
        rc = idx_commit(m->db, &err);
    if (rc) {
        cli_err(&err);
        group_retry(m);
        return HS_OK;
    }
    m->in_txn = 0;
    m->st.merged += (int)m->n;
    m->st.copied += copied;
    for (size_t i = 0; i < m->n; i++)
        pending_release(&m->group[i]);
    m->n = 0;
    m->bytes = 0;
    return HS_OK;
}

/* An archive already here under the code of the one at src_abs: the same bytes are
 * skipped, different ones are a conflict. */
static int already_here(merger *m, const char *code, const char *src_abs, hs_err *err)
{
    char *old_rel = NULL, *rec = NULL, *have = NULL;
    const pending *p = group_find(m, code);
    int rc = HS_OK;
    if (p) {
        have = strdup(p->renamed ? p->final : p->tmp);
    } else {
        if ((rc = idx_dossier_get(m->db, code, &old_rel, &rec, err)))
            return rc;
        have = pl_home_abs(m->home, old_rel);
    }
    arc_reader *r = NULL;
    int bad = 0;
    if (have && same_file(m, have, src_abs)) {
        m->st.same++;
    } else if (arc_open(src_abs, &r, err) == HS_OK && (arc_verify(r, count_problem, &bad), bad)) {
        /* a damaged copy is not a second version of the dossier */
        m->st.damaged++;
        cli_error(_("'%s': fails its own manifests (%d %s)"), src_abs, bad,
                  ngettext("problem", "problems", (unsigned long)bad));
    } else {
        m->st.conflicts++;
        cli_error(_("merge: conflict: dossier '%s' is in both homes with different content "
                    "('%s' and '%s'); kept this home's"),
                  code, have ? have : old_rel, src_abs);
    }
    arc_close(r);
    hs_err_clear(err);
    free(have);
    free(old_rel);
    free(rec);
    return rc;
}

/* An archive of a source home on its way: prepared (looked up, copied, checked) by a
 * worker, then filed in order by the one index writer. */
enum { ITEM_WAITING, ITEM_HERE, ITEM_READY, ITEM_DAMAGED, ITEM_FAILED };
typedef struct item {
    char *src, *rel;
    int state;
    char guess[256]; /* the code from the file name */
    char *name;      /* the bag's name (ITEM_READY) */
    char *final, *tmp;
    long long bytes;
    int linked; /* tmp is a hard link to src */
    int copy;   /* its rows in the source index match the checked archive: copied from there */
    hs_err err;
} item;

/* ---- are the source index's rows those of the archive? ---- */

typedef struct sum {
    char *path, sha[HS_SHA256_HEX];
} sum;

typedef struct rowcheck {
    sum *v;
    size_t n, cap;
    json_t *pages; /* of the record */
    int bad;
} rowcheck;

static int sum_add(void *ud, const char *path, const char *sha256)
{
    rowcheck *c = ud;
    if (HS_VEC_RESERVE(c->v, c->cap, c->n + 1) || !(c->v[c->n].path = strdup(path)))
        return HS_ENOMEM;
    snprintf(c->v[c->n].sha, sizeof c->v[c->n].sha, "%s", sha256);
    c->n++;
    return HS_OK;
}

static const char *sum_get(const rowcheck *c, const char *path)
{
    for (size_t i = 0; path && i < c->n; i++)
        if (strcmp(c->v[i].path, path) == 0)
            return c->v[i].sha;
    return NULL;
}

/* A page row against the record and the manifest: same files, same sums, and the text
 * stored in the index hashes to the manifest's sum of the text file. */
static int page_check(void *ud, const idx_page *p, size_t text_len)
{
    rowcheck *c = ud;
    json_t *pg = json_array_get(c->pages, (size_t)p->page - 1);
    const char *image = json_string_value(json_object_get(pg, "image"));
    const char *text = json_string_value(json_object_get(pg, "text"));
    const char *si = sum_get(c, image), *st = sum_get(c, text);
    char got[HS_SHA256_HEX];
    hs_err e;
    if (!image || !text || !p->image || !p->text_path || strcmp(image, p->image) != 0 ||
        strcmp(text, p->text_path) != 0 || !si || !st || !p->image_sha256 || !p->text_sha256 ||
        strcmp(si, p->image_sha256) != 0 || strcmp(st, p->text_sha256) != 0 ||
        hs_sha256_hex(p->text ? p->text : "", text_len, got, &e) || strcmp(got, st) != 0) {
        c->bad = 1;
        return HS_EFORMAT; /* stops the walk */
    }
    return HS_OK;
}

/* 1 when the rows of the dossier named in the checked archive r, in the source index sro,
 * are what indexing r would write: its dossier.json, and every page's files, sums and
 * text, checked against r's manifest. Anything else (a dossier the index lacks or holds
 * in another version, corrected fields): 0, and the archive is indexed from its zip. */
static int rows_match(idx_db *sro, arc_reader *r)
{
    rowcheck c = {0};
    char *archive = NULL, *record = NULL, sha[HS_SHA256_HEX];
    const char *want;
    int np = 0, ok = 0;
    hs_err e;
    json_t *rec = NULL;
    if (arc_manifest_each(r, sum_add, &c, &e) ||
        idx_dossier_get(sro, arc_name(r), &archive, &record, &e) ||
        !(want = sum_get(&c, "data/dossier.json")) ||
        hs_sha256_hex(record, strlen(record), sha, &e) || strcmp(sha, want) != 0 ||
        !(rec = json_loads(record, 0, NULL)) ||
        !json_is_array(c.pages = json_object_get(rec, "pages")))
        goto out;
    ok = idx_dossier_texts(sro, arc_name(r), &np, page_check, &c, &e) == HS_OK && !c.bad &&
         (size_t)np == json_array_size(c.pages);
out:
    json_decref(rec);
    free(archive);
    free(record);
    for (size_t i = 0; i < c.n; i++)
        free(c.v[i].path);
    free(c.v);
    return ok;
}

/* Prepares it: a code the index already has (committed) is left to the writer to compare
 * (ITEM_HERE); any other archive is copied in pieces under a temporary name and the copy
 * is checked against its manifests (ITEM_READY, ITEM_DAMAGED) - the copy is what is
 * indexed, so what lands here is what was verified. Returns the item's new state (the
 * caller sets it, under the pool's lock when others may look). Runs on a worker thread
 * with its own read-only index connection ro (NULL: no lookup) and buffer; with sro, a
 * read-only connection to the source home's index, an archive whose rows there match it
 * is marked to have them copied. */
static int item_prepare(const pl_home *home, idx_db *ro, idx_db *sro, char *buf, item *it)
{
    int state;
    hs_err_clear(&it->err);
    /* the code from the file name (CODE.zip, as homes name them) spares opening a new
     * archive twice; the bag's own name is checked on the copy */
    pl_archive_code(it->rel, it->guess, sizeof it->guess);
    int exists = 0, bad = 0, rc;
    if (ro && it->guess[0] && idx_code_exists(ro, it->guess, &exists, &it->err) == HS_OK &&
        exists) {
        return ITEM_HERE;
    }
    it->final = pl_home_abs(home, it->rel);
    hs_buf t;
    hs_buf_init(&t);
    /* a name of its own: the same code in the next home may be prepared while this one
     * waits for its group's commit (".mNNNNN" has the six characters pl_home's sweep
     * knows of libzip's temporary files, so a copy left by a killed merge is swept) */
    static unsigned long seq;
    unsigned long k = __atomic_fetch_add(&seq, 1, __ATOMIC_RELAXED) % 100000;
    if (!it->final || hs_buf_printf(&t, "%s.tmp-%ld.m%05lu", it->final, (long)getpid(), k)) {
        hs_buf_release(&t);
        hs_err_set(&it->err, HS_ENOMEM, 0, "out of memory");
        return ITEM_FAILED;
    }
    it->tmp = hs_buf_detach(&t, NULL);
    char *slash = strrchr(it->final, '/');
    *slash = '\0';
    rc = hs_mkdir_p(it->final, &it->err);
    *slash = '/';
    /* on the same file system the archive is linked, not copied: a zip is never written
     * again once in place (an append renames a new one over it), so both homes keep the
     * bytes that were checked, and terabytes of a cluster's shards are not copied */
    struct stat st;
    /* the source's bytes are made durable here, on this thread (cheap when they are
     * already, as a filed zip's are; a shard copied back from a node's disk may not be),
     * so its group needs no syncfs for them. Synced before the link, not after: the link
     * changes the inode's link count, and fdatasync after it wrote the inode out again for
     * every archive (a disk write each, most of a worker's wall time); the new name is
     * made durable by the sync of its folder, with the rename. */
    int sfd = rc == HS_OK ? open(it->src, O_RDONLY | O_CLOEXEC) : -1;
    int synced = sfd >= 0 && fdatasync(sfd) == 0;
    if (sfd >= 0)
        close(sfd);
    if (rc == HS_OK && link(it->src, it->tmp) == 0) {
        it->linked = synced;
        it->bytes = stat(it->tmp, &st) == 0 ? (long long)st.st_size : 0;
    } else if (rc || (rc = copy_file(buf, it->src, it->tmp, &it->bytes, &it->err))) {
        free(it->tmp);
        it->tmp = NULL;
        return ITEM_FAILED;
    }
    arc_reader *r = NULL;
    if ((rc = arc_open(it->tmp, &r, &it->err))) {
        state = ITEM_FAILED;
    } else if (arc_verify(r, count_problem, &bad), bad) {
        hs_err_set(&it->err, HS_EFIXITY, 0, "'%s': fails its own manifests (%d problem%s)", it->src,
                   bad, bad == 1 ? "" : "s");
        state = ITEM_DAMAGED;
    } else if (!(it->name = strdup(arc_name(r)))) {
        hs_err_set(&it->err, HS_ENOMEM, 0, "out of memory");
        state = ITEM_FAILED;
    } else {
        state = ITEM_READY;
        it->copy = sro && rows_match(sro, r);
    }
    arc_close(r);
    if (state != ITEM_READY) {
        unlink(it->tmp);
        free(it->tmp);
        it->tmp = NULL;
    }
    return state;
}

static void item_release(item *it)
{
    if (it->tmp)
        unlink(it->tmp);
    free(it->src);
    free(it->rel);
    free(it->name);
    free(it->final);
    free(it->tmp);
    memset(it, 0, sizeof *it);
}

/* Files a prepared archive into the open group. Returns non-zero when the merge must stop
 * (the index cannot be written); an archive that cannot be merged is reported and
 * counted. Takes the item's copy. */
static int merge_one(merger *m, item *it)
{
    hs_err err;
    hs_err_clear(&err);
    arc_reader *r = NULL;
    char *code = NULL;
    int rc = HS_OK, exists = 0, fatal = 0;
    if (it->state == ITEM_FAILED || it->state == ITEM_DAMAGED) {
        err = it->err;
        rc = it->state == ITEM_DAMAGED ? HS_EFIXITY : HS_EIO;
        goto out;
    }
    if (!m->in_txn) {
        if ((rc = idx_begin(m->db, &err))) {
            fatal = 1;
            goto out;
        }
        m->in_txn = 1;
    }
    if (it->state == ITEM_HERE) {
        /* the file's name is a code of this home: the bag's own name decides */
        if ((rc = arc_open(it->src, &r, &err)))
            goto out;
        if ((rc = known(m, arc_name(r), &exists, &err)) ||
            (exists && (rc = already_here(m, arc_name(r), it->src, &err)))) {
            fatal = 1;
            goto out;
        }
        arc_close(r);
        r = NULL;
        if (exists)
            goto out;
        /* a zip named after another code than its bag's: prepared now, on this thread */
        it->state = item_prepare(m->home, NULL, NULL, m->buf, it);
        if (it->state != ITEM_READY)
            return merge_one(m, it);
    }
    /* known since the worker looked (filed earlier in this run, or in the open group) */
    if ((rc = known(m, it->name, &exists, &err))) {
        fatal = 1;
        goto out;
    }
    if (exists) {
        unlink(it->tmp);
        if ((rc = already_here(m, it->name, it->src, &err)))
            fatal = 1;
        goto out;
    }
    if (it->copy && m->attached) {
        /* its rows are copied at the group's commit */
        if ((rc = idx_source_pick(m->db, it->name, it->rel, &err)))
            goto out_group;
        if (!(code = strdup(it->name))) {
            rc = hs_err_set(&err, HS_ENOMEM, 0, "out of memory");
            goto out_group;
        }
        m->picked++;
    } else if ((m->attached && (rc = idx_source_segments_off(m->db, &err))) ||
               (rc = pl_index_archive(m->db, it->tmp, it->rel, &code, &err))) {
        goto out_group;
    }
    if (HS_VEC_RESERVE(m->group, m->cap, m->n + 1)) {
        rc = hs_err_set(&err, HS_ENOMEM, 0, "out of memory");
        goto out_group;
    }
    pending *p = &m->group[m->n];
    *p = (pending){.src = it->src,
                   .rel = strdup(it->rel),
                   .final = it->final,
                   .tmp = it->tmp,
                   .code = code,
                   .linked = it->linked};
    it->src = it->final = it->tmp = code = NULL;
    if (!p->rel) {
        unlink(p->tmp);
        pending_release(p);
        rc = hs_err_set(&err, HS_ENOMEM, 0, "out of memory");
        goto out_group;
    }
    m->n++;
    if ((rc = record_merge(m, p, &err)))
        goto out_group;
    m->bytes += it->bytes;
    if (m->n >= (m->picked ? MERGE_GROUP_COPIED : MERGE_GROUP) || m->bytes >= MERGE_GROUP_BYTES)
        fatal = group_flush(m) != HS_OK;
    goto out;
out_group:
    /* rows of this archive may be half written: the group is rolled back and filed again
     * without it */
    if (it->tmp)
        unlink(it->tmp);
    group_retry(m);
out:
    if (rc == HS_EFIXITY)
        m->st.damaged++;
    if (rc) {
        cli_err(&err);
        m->failed = 1;
    }
    arc_close(r);
    free(code);
    return fatal;
}

/* Workers prepare the archives of one source home ahead of the writer: at most
 * MERGE_AHEAD copies (a copy takes room on disk until it is filed), and MERGE_AHEAD_LINKS
 * archives in all (a hard link takes none), so that workers go on checking while the writer
 * commits a group of 2 048. */
#define MERGE_AHEAD 64
#define MERGE_AHEAD_LINKS 4096
#define MERGE_WORKERS_MAX 16

typedef struct pool {
    pthread_mutex_t mu;
    pthread_cond_t done, room;
    const pl_home *home;
    char *src_index; /* the source home's index, whose rows may be copied (NULL: none) */
    item *items;
    size_t n, next, taken; /* next to prepare; handed to the writer */
    size_t copies;         /* prepared copies not yet handed to the writer */
    int stop;
    pthread_t th[MERGE_WORKERS_MAX];
    int started;
} pool;

static void *worker(void *arg)
{
    pool *pl = arg;
    hs_err err;
    idx_db *ro = NULL, *sro = NULL;
    char *buf = malloc(MERGE_CHUNK);
    if (idx_db_open_readonly(pl->home->index_path, &ro, &err))
        ro = NULL; /* every code is then looked up by the writer */
    if (pl->src_index && idx_db_open_readonly(pl->src_index, &sro, &err))
        sro = NULL; /* every archive is then indexed from its zip */
    for (;;) {
        pthread_mutex_lock(&pl->mu);
        while (!pl->stop && pl->next < pl->n &&
               (pl->copies >= MERGE_AHEAD || pl->next >= pl->taken + MERGE_AHEAD_LINKS))
            pthread_cond_wait(&pl->room, &pl->mu);
        if (pl->stop || pl->next >= pl->n) {
            pthread_mutex_unlock(&pl->mu);
            break;
        }
        item *it = &pl->items[pl->next++];
        pthread_mutex_unlock(&pl->mu);
        int state = ITEM_FAILED;
        if (buf)
            state = item_prepare(pl->home, ro, sro, buf, it);
        else
            hs_err_set(&it->err, HS_ENOMEM, 0, "out of memory");
        pthread_mutex_lock(&pl->mu);
        it->state = state;
        if (state == ITEM_READY && !it->linked)
            pl->copies++;
        pthread_cond_broadcast(&pl->done);
        pthread_mutex_unlock(&pl->mu);
    }
    idx_db_close(ro);
    idx_db_close(sro);
    free(buf);
    return NULL;
}

/* Starts the workers on the n archives of the source home src (list: relative to it).
 * They may run while the writer still commits the home before: they read this home's
 * index only through their own read-only connections. NULL when out of memory. */
static pool *pool_start(merger *m, const char *src, char **list, size_t n, int nworkers)
{
    pool *pl = calloc(1, sizeof *pl);
    if (!pl || !(pl->items = calloc(n + 1, sizeof *pl->items))) {
        free(pl);
        cli_error(_("out of memory"));
        return NULL;
    }
    pl->home = m->home;
    pl->n = n;
    for (size_t k = 0; k < n; k++) {
        pl->items[k].src = hs_path_join(src, list[k]);
        pl->items[k].rel = strdup(list[k]);
        if (!pl->items[k].src || !pl->items[k].rel) {
            pl->items[k].state = ITEM_FAILED;
            hs_err_set(&pl->items[k].err, HS_ENOMEM, 0, "out of memory");
        }
    }
    /* the workers check the source index's rows against each archive; whether they are
     * copied is decided when the writer attaches it (idx_source_attach: same schema) */
    pl->src_index = hs_path_join(src, "index.sqlite");
    struct stat sst;
    if (pl->src_index && (stat(pl->src_index, &sst) != 0 || !S_ISREG(sst.st_mode))) {
        free(pl->src_index);
        pl->src_index = NULL;
    }
    pthread_mutex_init(&pl->mu, NULL);
    pthread_cond_init(&pl->done, NULL);
    pthread_cond_init(&pl->room, NULL);
    for (int w = 0; w < nworkers && w < MERGE_WORKERS_MAX; w++)
        if (pthread_create(&pl->th[pl->started], NULL, worker, pl) == 0)
            pl->started++;
    return pl;
}

/* Files the archives of pl in order on this thread, the one index writer. Returns non-zero
 * when the merge must stop. */
static int pool_drain(merger *m, pool *pl)
{
    /* the source's index, when it shares this schema, gives its rows to copy: attached
     * outside any transaction (SQLite's rule), so the open group is committed first */
    if (pl->src_index && group_flush(m) == HS_OK) {
        hs_err err;
        int compatible = 0;
        if (idx_source_attach(m->db, pl->src_index, &compatible, &err) == HS_OK) {
            if (compatible)
                m->attached = 1;
            else
                idx_source_detach(m->db);
            int usable = 0;
            if (m->attached && !m->tokenize && idx_source_segments(m->db, &usable, &err))
                cli_err(&err);
        }
    }
    int stop = 0;
    for (size_t k = 0; k < pl->n && !stop; k++) {
        item *it = &pl->items[k];
        pthread_mutex_lock(&pl->mu);
        if (!pl->started && it->state == ITEM_WAITING && pl->next == k) {
            /* no worker could be started: prepared here */
            pl->next++;
            pthread_mutex_unlock(&pl->mu);
            int state = item_prepare(m->home, NULL, NULL, m->buf, it);
            pthread_mutex_lock(&pl->mu);
            it->state = state;
        }
        while (it->state == ITEM_WAITING)
            pthread_cond_wait(&pl->done, &pl->mu);
        if (it->state == ITEM_READY && !it->linked && pl->started)
            pl->copies--;
        pl->taken = k + 1;
        pthread_cond_broadcast(&pl->room);
        pthread_mutex_unlock(&pl->mu);
        stop = merge_one(m, it);
        item_release(it);
    }
    return stop;
}

/* Stops and joins pl's workers, removes what they prepared past a stop, and commits (or,
 * after a stop, files one by one) the rows picked from its source index, which then goes. */
static void pool_finish(merger *m, pool *pl, int stop)
{
    if (!pl)
        return;
    pthread_mutex_lock(&pl->mu);
    pl->stop = 1;
    pthread_cond_broadcast(&pl->room);
    pthread_mutex_unlock(&pl->mu);
    for (int w = 0; w < pl->started; w++)
        pthread_join(pl->th[w], NULL);
    for (size_t k = 0; k < pl->n; k++)
        item_release(&pl->items[k]); /* copies prepared past a stop are removed */
    free(pl->items);
    if (m->attached) {
        /* the picked rows are copied before the source goes */
        if (stop)
            group_retry(m);
        else
            group_flush(m);
        /* the full-text segments, now that every picked page is committed */
        hs_err err;
        long long pages = 0;
        if (idx_source_finish(m->db, pl->src_index, &pages, &err))
            cli_err(&err);
        m->st.segpages += pages;
        idx_source_detach(m->db);
        m->attached = 0;
    }
    free(pl->src_index);
    pthread_mutex_destroy(&pl->mu);
    pthread_cond_destroy(&pl->done);
    pthread_cond_destroy(&pl->room);
    free(pl);
}

/* Starts the workers of the next home of argv from *i on (a home that is no home, or this
 * one, is reported and passed); NULL when there is none left, or *stop set when out of
 * memory. */
static pool *pool_next(merger *m, int argc, char **argv, int *i, int nworkers, int *stop)
{
    for (; *i < argc; (*i)++) {
        char real[PATH_MAX];
        if (!realpath(argv[*i], real)) {
            cli_error(_("merge: '%s': no such home"), argv[*i]);
            m->failed = 1;
            continue;
        }
        if (strcmp(real, m->home->dir) == 0) {
            cli_error(_("merge: '%s' is this home"), argv[*i]);
            m->failed = 1;
            continue;
        }
        hs_err err;
        pl_home src = {0};
        src.dir = real;
        src.archive = hs_path_join(real, "archive");
        char **list = NULL;
        size_t n = 0;
        if (pl_home_archives(&src, &list, &n, &err)) {
            cli_err(&err);
            m->failed = 1;
        }
        pool *pl = n ? pool_start(m, real, list, n, nworkers) : NULL;
        pl_home_archives_free(list, n);
        free(src.archive);
        if (n && !pl) {
            *stop = 1;
            return NULL;
        }
        if (pl) {
            (*i)++;
            return pl;
        }
    }
    return NULL;
}

int cmd_merge(pl_home *home, int argc, char **argv)
{
    if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        return cli_help_print(stdout, "merge");
    }
    if (argc < 2)
        return cli_usage(usage, _("merge: name the homes to merge into '%s'"), home->dir);
    int tokenize = 0, nhomes = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--tokenize") == 0)
            tokenize = 1;
        else if (argv[i][0] == '-')
            return cli_usage(usage, _("merge: unknown option '%s'"), argv[i]);
        else
            argv[++nhomes] = argv[i];
    }
    argc = nhomes + 1;
    if (argc < 2)
        return cli_usage(usage, _("merge: name the homes to merge into '%s'"), home->dir);
    hs_err err;
    hs_err_clear(&err);
    double t0 = hs_now();
    /* libzip turns every member's DOS time into a time_t with mktime, and glibc re-reads
     * /etc/localtime at each call when TZ is not set: 12% of a merge's CPU. The same zone,
     * named, is read once. */
    if (!getenv("TZ"))
        setenv("TZ", ":/etc/localtime", 1);
    /* workers copy and check archives while this thread indexes them: the index writer
     * is the one part that cannot be shared */
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    int nworkers = ncpu < 1 ? 1 : ncpu > MERGE_WORKERS_MAX ? MERGE_WORKERS_MAX : (int)ncpu;
    merger m = {.home = home, .tokenize = tokenize};
    if (!(m.buf = malloc(MERGE_CHUNK))) {
        cli_error(_("out of memory"));
        return EXIT_FAIL;
    }
    if (pl_home_index(home, 0, &m.db, &err)) {
        cli_err(&err);
        free(m.buf);
        return EXIT_FAIL;
    }
    /* archives this home holds but its index lacks are indexed first: a code is then
     * known to be here, and a conflict is reported instead of a zip replaced */
    if (pl_home_mend(home, m.db, cli_warn, (void *)"merge: ", &err)) {
        cli_err(&err);
        idx_db_close(m.db);
        free(m.buf);
        return EXIT_FAIL;
    }
    /* a bulk merge (the sources hold at least as many duplicate-signature bands as this
     * home) builds the bands' hash index once at the end instead of inserting into it */
    long long incoming = 0;
    for (int i = 1; i < argc; i++) {
        char *path = hs_path_join(argv[i], "index.sqlite");
        idx_db *sdb = NULL;
        long long rows = 0;
        hs_err e;
        if (path && access(path, R_OK) == 0 && idx_db_open_readonly(path, &sdb, &e) == HS_OK &&
            idx_band_rows(sdb, &rows, &e) == HS_OK)
            incoming += rows;
        idx_db_close(sdb);
        free(path);
    }
    int deferred = 0;
    if (idx_bands_defer(m.db, incoming, &deferred, &err))
        cli_err(&err);
    int stop = 0, next = 1;
    /* the workers of each home start while the writer files the home before it and
     * commits the one before that, so checking archives and copying rows go on side by
     * side, and the workers never wait for the writer to reach their home */
    pool *prev = NULL, *cur = pool_next(&m, argc, argv, &next, nworkers, &stop);
    while (cur && !stop) {
        pool *ahead = pool_next(&m, argc, argv, &next, nworkers, &stop);
        pool_finish(&m, prev, 0);
        prev = cur;
        cur = ahead;
        if (!stop)
            stop = pool_drain(&m, prev);
    }
    /* a home started but not filed (the merge stopped): its workers are stopped and their
     * copies removed, after the home before it is finished (it holds the attached index) */
    pool_finish(&m, prev, stop);
    pool_finish(&m, cur, 1);
    if (stop) {
        m.failed = 1;
        group_retry(&m);
    } else {
        group_flush(&m);
    }
    if (idx_bands_restore(m.db, &err)) {
        cli_err(&err);
        m.failed = 1;
    }
    idx_db_close(m.db);
    free(m.group);
    free(m.buf);
    printf(_("merged %d %s; %d already here; %d %s; %d damaged\n"), m.st.merged,
           ngettext("dossier", "dossiers", (unsigned long)m.st.merged), m.st.same, m.st.conflicts,
           ngettext("conflict", "conflicts", (unsigned long)m.st.conflicts), m.st.damaged);
    if (m.st.merged > 0) {
        printf(_("indexed: %d from their homes' indexes (rows copied), %d from their zips\n"),
               m.st.copied, m.st.merged - m.st.copied);
        printf(_("full text: %lld %s in their homes' segments (copied whole)\n"), m.st.segpages,
               ngettext("page", "pages", (unsigned long)m.st.segpages));
        /* this thread is the one index writer; the workers (joined) check the archives:
         * while the writer's CPU is well under the wall time, more cores would speed the
         * merge up, and the writer's rate is the merge's on a machine with cores enough */
        struct rusage self, writer;
        getrusage(RUSAGE_SELF, &self);
        getrusage(RUSAGE_THREAD, &writer);
        double cw = hs_cpu_seconds(&writer), cs = hs_cpu_seconds(&self);
        printf(_("time: %.1f s; CPU: %.2f s writing the index (one thread), %.2f s checking "
                 "archives\n"),
               hs_now() - t0, cw, cs > cw ? cs - cw : 0);
    }
    return m.failed || m.st.conflicts || m.st.damaged ? EXIT_FAIL : EXIT_OK;
}
