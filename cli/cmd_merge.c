/* cmd_merge.c - `hoso [--home DIR] merge HOME...`: folds the archives of other homes (the
 * shards of a batch run on several machines) into this one. Each archive is copied in
 * pieces under a temporary name (memory does not grow with its size), checked against its
 * manifests and indexed from the copy, then renamed into place. A code filed in both homes
 * with different content is a conflict: it is reported, never overwritten; an identical
 * copy is skipped, so a merge that stopped half-way is simply run again.
 *
 * Archives are committed in groups (MERGE_GROUP dossiers or MERGE_GROUP_BYTES of zips,
 * one transaction, two file-system syncs and one index sync a group) instead of three syncs
 * a dossier, which bounded a merge at ~100 dossiers a second. Order within a group: copies
 * written, rows inserted, copies synced, renamed into place, folders synced, rows
 * committed. A crash before the commit leaves complete archives in place that the index
 * lacks; the next merge (or any command that files) indexes them first (pl_home_mend). */
#define _GNU_SOURCE /* syncfs */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "cli_help.h"

/* the synopsis and options are in the help table, cli/cli_help.c */
static const char usage[] = "merge";

/* Pieces copied and compared at a time. */
#define MERGE_CHUNK ((size_t)1 << 20)
/* A group is committed when it holds this many dossiers or bytes of zips. */
#define MERGE_GROUP 256
#define MERGE_GROUP_BYTES ((long long)512 << 20)

typedef struct mstats {
    int merged, same, conflicts, damaged;
} mstats;

/* An archive copied, indexed in the open transaction, waiting for its group's commit. */
typedef struct pending {
    char *src, *rel, *final, *tmp, *code;
    int renamed;
} pending;

typedef struct merger {
    pl_home *home;
    idx_db *db;
    int in_txn;
    pending *group;
    size_t n, cap;
    long long bytes; /* of the group's copies */
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
static int copy_file(merger *m, const char *src, const char *dst, long long *bytes, hs_err *err)
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
        if (read_full(in, m->buf, MERGE_CHUNK, &got)) {
            rc = hs_err_set(err, HS_EIO, errno, "merge: cannot read '%s'", src);
            goto out;
        }
        for (size_t done = 0; done < got;) {
            ssize_t w = write(out, m->buf + done, got - done);
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
    int rc = syncfs(fd) == 0 ? HS_OK : hs_err_set(err, HS_EIO, errno, "merge: cannot sync '%s'", path);
    close(fd);
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
        cli_error("merge: conflict: '%s' already exists in this home and was not replaced "
                  "(its archive cannot be indexed; see 'hoso verify'); '%s' not merged",
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
    for (size_t i = 0; i < m->n; i++) {
        file_alone(m, &m->group[i]);
        pending_release(&m->group[i]);
    }
    m->n = 0;
    m->bytes = 0;
}

/* Commits the open group: copies synced, renamed into place, folders synced, rows
 * committed. */
static int group_flush(merger *m)
{
    hs_err err;
    hs_err_clear(&err);
    int rc = HS_OK;
    if (!m->in_txn)
        return HS_OK;
    if (m->n > 0 && (rc = sync_fs_of(m->home->archive, &err))) {
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
        rc = sync_fs_of(m->home->archive, &err);
    if (rc == HS_OK)
        rc = idx_commit(m->db, &err);
    if (rc) {
        cli_err(&err);
        group_retry(m);
        return HS_OK;
    }
    m->in_txn = 0;
    m->st.merged += (int)m->n;
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
        cli_error("'%s': fails its own manifests (%d problem%s)", src_abs, bad,
                  bad == 1 ? "" : "s");
    } else {
        m->st.conflicts++;
        cli_error("merge: conflict: dossier '%s' is in both homes with different content "
                  "('%s' and '%s'); kept this home's",
                  code, have ? have : old_rel, src_abs);
    }
    arc_close(r);
    hs_err_clear(err);
    free(have);
    free(old_rel);
    free(rec);
    return rc;
}

/* Merges one archive into the open group. Returns non-zero when the merge must stop (the
 * index cannot be written); an archive that cannot be merged is reported and counted. */
static int merge_one(merger *m, const char *src_abs, const char *rel)
{
    hs_err err;
    hs_err_clear(&err);
    arc_reader *r = NULL;
    char *code = NULL, *final = NULL, *tmp = NULL;
    int rc = HS_OK, bad = 0, exists = 0, fatal = 0;
    long long bytes = 0;
    if (!m->in_txn) {
        if ((rc = idx_begin(m->db, &err))) {
            fatal = 1;
            goto out;
        }
        m->in_txn = 1;
    }
    /* the code from the file name (CODE.zip, as homes name them) spares opening a new
     * archive twice; the bag's own name is checked on the copy */
    const char *base = hs_path_base(rel);
    size_t bl = strlen(base);
    char guess[256];
    snprintf(guess, sizeof guess, "%.*s", bl > 4 && bl - 4 < sizeof guess ? (int)(bl - 4) : 0,
             base);
    if ((rc = known(m, guess, &exists, &err))) {
        fatal = 1;
        goto out;
    }
    if (exists) {
        if ((rc = arc_open(src_abs, &r, &err)))
            goto out;
        if (strcmp(arc_name(r), guess) == 0 || (rc = known(m, arc_name(r), &exists, &err)) ||
            exists) {
            if (rc || (rc = already_here(m, arc_name(r), src_abs, &err)))
                fatal = 1;
            goto out;
        }
        arc_close(r);
        r = NULL;
    }
    final = pl_home_abs(m->home, rel);
    hs_buf t;
    hs_buf_init(&t);
    if (!final || hs_buf_printf(&t, "%s.tmp-%ld", final, (long)getpid())) {
        rc = hs_err_set(&err, HS_ENOMEM, 0, "out of memory");
        fatal = 1;
        goto out;
    }
    tmp = hs_buf_detach(&t, NULL);
    char *slash = strrchr(final, '/');
    *slash = '\0';
    rc = hs_mkdir_p(final, &err);
    *slash = '/';
    if (rc || (rc = copy_file(m, src_abs, tmp, &bytes, &err)))
        goto out;
    /* the copy is what is checked and indexed: what lands here is what was verified */
    if ((rc = arc_open(tmp, &r, &err)))
        goto out;
    if (arc_verify(r, count_problem, &bad), bad) {
        rc = hs_err_set(&err, HS_EFIXITY, 0, "'%s': fails its own manifests (%d problem%s)",
                        src_abs, bad, bad == 1 ? "" : "s");
        goto out;
    }
    if (strcmp(arc_name(r), guess) != 0) {
        /* a zip named after another code than its bag's */
        if ((rc = known(m, arc_name(r), &exists, &err))) {
            fatal = 1;
            goto out;
        }
        if (exists) {
            unlink(tmp);
            if ((rc = already_here(m, arc_name(r), src_abs, &err)))
                fatal = 1;
            goto out;
        }
    }
    arc_close(r);
    r = NULL;
    if ((rc = pl_index_archive(m->db, tmp, rel, &code, &err)))
        goto out_group;
    if (m->n == m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 64;
        pending *g = realloc(m->group, cap * sizeof *g);
        if (!g) {
            rc = hs_err_set(&err, HS_ENOMEM, 0, "out of memory");
            goto out_group;
        }
        m->group = g;
        m->cap = cap;
    }
    pending *p = &m->group[m->n];
    *p = (pending){.src = strdup(src_abs), .rel = strdup(rel), .final = final, .tmp = tmp,
                   .code = code};
    final = tmp = code = NULL;
    if (!p->src || !p->rel) {
        unlink(p->tmp);
        pending_release(p);
        rc = hs_err_set(&err, HS_ENOMEM, 0, "out of memory");
        goto out_group;
    }
    m->n++;
    if ((rc = record_merge(m, p, &err)))
        goto out_group;
    m->bytes += bytes;
    if (m->n >= MERGE_GROUP || m->bytes >= MERGE_GROUP_BYTES)
        fatal = group_flush(m) != HS_OK;
    goto out;
out_group:
    /* rows of this archive may be half written: the group is rolled back and filed again
     * without it */
    if (tmp)
        unlink(tmp);
    group_retry(m);
out:
    if (rc == HS_EFIXITY)
        m->st.damaged++;
    if (rc) {
        cli_err(&err);
        m->failed = 1;
    }
    if (rc && tmp && !fatal)
        unlink(tmp);
    arc_close(r);
    free(code);
    free(final);
    free(tmp);
    return fatal;
}

int cmd_merge(pl_home *home, int argc, char **argv)
{
    if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        return cli_help_print(stdout, "merge");
    }
    if (argc < 2)
        return cli_usage(usage, "merge: name the homes to merge into '%s'", home->dir);
    for (int i = 1; i < argc; i++)
        if (argv[i][0] == '-')
            return cli_usage(usage, "merge: unknown option '%s'", argv[i]);
    hs_err err;
    hs_err_clear(&err);
    /* libzip turns every member's DOS time into a time_t with mktime, and glibc re-reads
     * /etc/localtime at each call when TZ is not set: 12% of a merge's CPU. The same zone,
     * named, is read once. */
    if (!getenv("TZ"))
        setenv("TZ", ":/etc/localtime", 1);
    merger m = {.home = home};
    if (!(m.buf = malloc(MERGE_CHUNK))) {
        cli_error("out of memory");
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
    int stop = 0;
    for (int i = 1; i < argc && !stop; i++) {
        char real[PATH_MAX];
        if (!realpath(argv[i], real)) {
            cli_error("merge: '%s': no such home", argv[i]);
            m.failed = 1;
            continue;
        }
        if (strcmp(real, home->dir) == 0) {
            cli_error("merge: '%s' is this home", argv[i]);
            m.failed = 1;
            continue;
        }
        pl_home src = {0};
        src.dir = real;
        src.archive = hs_path_join(real, "archive");
        char **list = NULL;
        size_t n = 0;
        if (pl_home_archives(&src, &list, &n, &err)) {
            cli_err(&err);
            m.failed = 1;
        }
        for (size_t k = 0; k < n && !stop; k++) {
            char *abs = hs_path_join(real, list[k]);
            if (!abs) {
                cli_error("out of memory");
                stop = 1;
            } else {
                stop = merge_one(&m, abs, list[k]);
            }
            free(abs);
        }
        pl_home_archives_free(list, n);
        free(src.archive);
    }
    if (stop) {
        m.failed = 1;
        group_retry(&m);
    } else {
        group_flush(&m);
    }
    idx_db_close(m.db);
    free(m.group);
    free(m.buf);
    printf("merged %d dossier%s; %d already here; %d conflict%s; %d damaged\n", m.st.merged,
           m.st.merged == 1 ? "" : "s", m.st.same, m.st.conflicts,
           m.st.conflicts == 1 ? "" : "s", m.st.damaged);
    return m.failed || m.st.conflicts || m.st.damaged ? EXIT_FAIL : EXIT_OK;
}
