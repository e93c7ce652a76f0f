/* pl_home.c - the data home: its folder, hoso.conf, the index and the archives in it; and
 * mending it before anything is filed: temporary zips of writers that are gone are
 * removed, and archives the index does not know (an index restored from a backup, a zip
 * restored from one, a crash between the rename of a zip and the commit of its rows) are
 * indexed. Every command that files mends first, so a code whose zip exists is never
 * handed out again and no archive is replaced unknowingly. */
#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hs_vec.h"
#include "pipeline.h"

/* hoso.conf in the home: "key = value" lines, '#' comments. Only agency for now. */
static int read_config(pl_home *h, hs_err *err)
{
    char *path = hs_path_join(h->dir, "hoso.conf");
    if (!path)
        return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    FILE *f = fopen(path, "r");
    int rc = HS_OK;
    if (!f) {
        if (errno != ENOENT)
            rc = hs_err_set(err, HS_EIO, errno, "cannot read '%s'", path);
        free(path);
        return rc;
    }
    char line[1024];
    int n = 0;
    while (fgets(line, sizeof line, f)) {
        n++;
        char *p = line;
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p == '#' || *p == '\n' || *p == '\0')
            continue;
        char *eq = strchr(p, '=');
        if (!eq) {
            rc = hs_err_set(err, HS_EINVAL, 0, "'%s' line %d: expected 'key = value'", path, n);
            break;
        }
        char *k = p, *v = eq + 1, *e = eq;
        while (e > k && (e[-1] == ' ' || e[-1] == '\t'))
            e--;
        *e = '\0';
        while (*v == ' ' || *v == '\t')
            v++;
        v[strcspn(v, "\r\n")] = '\0';
        for (e = v + strlen(v); e > v && (e[-1] == ' ' || e[-1] == '\t'); e--)
            e[-1] = '\0';
        if (strcmp(k, "review_confidence") == 0) {
            char *end = NULL;
            double val = strtod(v[0] ? v : "x", &end);
            if (*end || val <= 0 || val > 100) {
                rc = hs_err_set(err, HS_EINVAL, 0,
                                "'%s' line %d: review_confidence is a number from 1 to 100", path,
                                n);
                break;
            }
            h->review = val;
        } else if (strcmp(k, "agency") == 0) {
            if (!pl_code_valid(v)) {
                rc = hs_err_set(err, HS_EINVAL, 0, "'%s' line %d: bad agency '%s'", path, n, v);
                break;
            }
            free(h->agency);
            h->agency = strdup(v);
        }
    }
    fclose(f);
    free(path);
    return rc;
}

int pl_home_open(pl_home *h, const char *dir, int create, hs_err *err)
{
    memset(h, 0, sizeof *h);
    /* an empty name is a mistake, never a reason to use another home */
    if (!*dir)
        return hs_err_set(err, HS_EINVAL, 0, "the data home's name is empty");
    struct stat st;
    int rc = HS_OK;
    if (create)
        rc = hs_mkdir_p(dir, err);
    else if (stat(dir, &st) != 0)
        rc = errno == ENOENT || errno == ENOTDIR
                 ? hs_err_set(err, HS_ENOTFOUND, 0,
                              "no data home at '%s' (give --home, or file a dossier first)", dir)
                 : hs_err_set(err, HS_EIO, errno, "cannot open the data home '%s'", dir);
    else if (!S_ISDIR(st.st_mode))
        rc = hs_err_set(err, HS_ENOTFOUND, 0, "no data home at '%s': it is not a folder", dir);
    if (rc)
        return rc;
    char abs[PATH_MAX];
    if (!realpath(dir, abs))
        return hs_err_set(err, HS_EIO, errno, "cannot resolve '%s'", dir);
    h->review = HS_REVIEW_CONFIDENCE;
    h->dir = strdup(abs);
    h->archive = hs_path_join(abs, "archive");
    h->index_path = hs_path_join(abs, "index.sqlite");
    if (!h->dir || !h->archive || !h->index_path) {
        pl_home_release(h);
        return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    }
    if ((create && (rc = hs_mkdir_p(h->archive, err))) || (rc = read_config(h, err)))
        pl_home_release(h);
    return rc;
}

void pl_home_release(pl_home *h)
{
    free(h->dir);
    free(h->archive);
    free(h->index_path);
    free(h->agency);
    memset(h, 0, sizeof *h);
}

int pl_home_index(pl_home *h, int rebuild, idx_db **db, hs_err *err)
{
    *db = NULL;
    /* A missing index over existing archives would silently find nothing. (A home opened
     * read-only may have no archive folder at all: then there is nothing to miss.) */
    struct stat st;
    if (!rebuild && stat(h->index_path, &st) != 0 && errno == ENOENT &&
        lstat(h->archive, &st) == 0) {
        char **list = NULL;
        size_t n = 0;
        int rc = pl_home_archives(h, &list, &n, err);
        pl_home_archives_free(list, n);
        if (rc)
            return rc;
        if (n > 0)
            return hs_err_set(err, HS_EDB, 0,
                              "index: '%s' is missing but the archive holds %zu dossier%s; run "
                              "'hoso reindex' to rebuild it",
                              h->index_path, n, n == 1 ? "" : "s");
    }
    return idx_db_open(h->index_path, rebuild, db, err);
}

char *pl_home_abs(const pl_home *h, const char *rel)
{
    return hs_path_join(h->dir, rel);
}

int pl_code_valid(const char *code)
{
    size_t n = strlen(code);
    if (n == 0 || n > 64 || code[0] == '.' || code[0] == '-')
        return 0;
    for (const char *p = code; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              *p == '.' || *p == '_' || *p == '-'))
            return 0;
    return strstr(code, "..") == NULL;
}

/* Appends the dossier zips under dir (relative to the home: skip bytes cut) to *list;
 * links are not followed, so the walk stays inside the archive folder. */
static int walk(const char *dir, size_t skip, int depth, char ***list, size_t *n, size_t *cap)
{
    DIR *d = opendir(dir);
    if (!d)
        return HS_EIO;
    int rc = HS_OK;
    struct dirent *e;
    while (rc == HS_OK && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char *p = hs_path_join(dir, e->d_name);
        struct stat st;
        size_t len = strlen(e->d_name);
        if (!p) {
            rc = HS_ENOMEM;
        } else if (lstat(p, &st) != 0) {
            rc = HS_EIO;
        } else if (S_ISDIR(st.st_mode)) {
            if (depth < 8)
                rc = walk(p, skip, depth + 1, list, n, cap);
        } else if (S_ISREG(st.st_mode) && len > 4 && strcmp(e->d_name + len - 4, ".zip") == 0) {
            if (HS_VEC_RESERVE(*list, *cap, *n + 1) || !((*list)[*n] = strdup(p + skip)))
                rc = HS_ENOMEM;
            else
                (*n)++;
        }
        free(p);
    }
    closedir(d);
    return rc;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int pl_home_archives(const pl_home *h, char ***list, size_t *n, hs_err *err)
{
    *list = NULL;
    *n = 0;
    size_t cap = 0;
    int rc = walk(h->archive, strlen(h->dir) + 1, 0, list, n, &cap);
    if (rc) {
        int e = errno;
        pl_home_archives_free(*list, *n);
        *list = NULL;
        *n = 0;
        return rc == HS_ENOMEM ? hs_err_set(err, HS_ENOMEM, 0, "out of memory")
                               : hs_err_set(err, HS_EIO, e, "cannot list '%s'", h->archive);
    }
    if (*n > 1)
        qsort(*list, *n, sizeof **list, cmp_str);
    return HS_OK;
}

void pl_home_archives_free(char **list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(list[i]);
    free(list);
}

/* When this machine started (0 if unknown): a file older than that has no live writer. */
static long long boot_time(void)
{
    FILE *f = fopen("/proc/stat", "r");
    char line[256];
    long long t = 0;
    while (f && fgets(line, sizeof line, f))
        if (sscanf(line, "btime %lld", &t) == 1)
            break;
    if (f)
        fclose(f);
    return t;
}

/* libzip's own temporary file, "PATH.XXXXXX" (mkstemp's six characters), which zip_close
 * writes and renames to PATH: left behind by a writer killed while it wrote. */
static int libzip_suffix(const char *s)
{
    if (*s++ != '.' || strlen(s) != 6)
        return 0;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s))
            return 0;
    return 1;
}

/* A temporary zip ("CODE.zip.tmp-PID", its ".prev" copy of an appended dossier's old
 * archive, libzip's "CODE.zip.tmp-PID.XXXXXX" of it, or a merge's "CODE.zip.tmp-PID.mNNNNN")
 * whose writer is gone: its PID is
 * not running, or the file is older than the machine's start, when its PID may have been
 * given out again. */
static int stale(const char *name, const struct stat *st, long long boot)
{
    const char *t = strstr(name, ".zip.tmp-");
    if (!t)
        return 0;
    char *end = NULL;
    long pid = strtol(t + 9, &end, 10);
    if (pid <= 0 || (*end && strcmp(end, ".prev") != 0 && !libzip_suffix(end)))
        return 0;
    return (kill((pid_t)pid, 0) != 0 && errno == ESRCH) ||
           (boot > 0 && (long long)st->st_mtime < boot);
}

static int sweep_dir(const char *dir, long long boot, int depth)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    int removed = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char *p = hs_path_join(dir, e->d_name);
        struct stat st;
        /* lstat: a link is never followed out of the archive */
        if (p && lstat(p, &st) == 0) {
            if (S_ISDIR(st.st_mode) && depth < 4)
                removed += sweep_dir(p, boot, depth + 1);
            else if (S_ISREG(st.st_mode) && stale(e->d_name, &st, boot) && unlink(p) == 0)
                removed++;
        }
        free(p);
    }
    closedir(d);
    return removed;
}

int pl_home_sweep(const pl_home *home)
{
    pl_spool_sweep();
    return sweep_dir(home->archive, boot_time(), 0);
}

int pl_archive_code(const char *rel, char *out, size_t cap)
{
    if (cap)
        out[0] = '\0';
    const char *base = hs_path_base(rel);
    size_t n = strlen(base);
    if (n <= 4 || strcmp(base + n - 4, ".zip") != 0 || n - 4 >= cap)
        return 0;
    memcpy(out, base, n - 4);
    out[n - 4] = '\0';
    return 1;
}

int pl_home_adopt(const pl_home *home, idx_db *db, pl_warn_fn warn, void *ud, int *adopted,
                  hs_err *err)
{
    if (adopted)
        *adopted = 0;
    char **list = NULL;
    size_t n = 0;
    int rc = pl_home_archives(home, &list, &n, err);
    if (rc)
        return rc;
    for (size_t i = 0; i < n && rc == HS_OK; i++) {
        char code[256];
        int exists = 0;
        /* the file name names the code: an index that has it needs no zip opened */
        if (pl_archive_code(list[i], code, sizeof code) &&
            (rc = idx_code_exists(db, code, &exists, err)))
            break;
        if (exists)
            continue;
        char *abs = pl_home_abs(home, list[i]), *got = NULL;
        arc_reader *r = NULL;
        hs_err e;
        hs_err_clear(&e);
        exists = 1;
        int r1 = abs ? arc_open(abs, &r, &e) : hs_err_set(&e, HS_ENOMEM, 0, "out of memory");
        if (r1 == HS_OK)
            r1 = idx_code_exists(db, arc_name(r), &exists, &e);
        arc_close(r);
        if (r1 == HS_OK && !exists && (rc = idx_begin(db, err)) == HS_OK) {
            /* indexing restores the batch journal row from the record's "batch" */
            r1 = pl_index_archive(db, abs, list[i], &got, &e);
            if (r1 == HS_OK) {
                rc = idx_commit(db, err);
                if (rc == HS_OK && adopted)
                    (*adopted)++;
            } else {
                idx_rollback(db);
            }
            free(got);
        }
        if (r1 != HS_OK && warn) {
            char msg[700];
            snprintf(msg, sizeof msg, hs_tr("'%s' is not in the index and cannot be indexed: %s"),
                     list[i], e.msg);
            warn(ud, msg);
        }
        free(abs);
    }
    pl_home_archives_free(list, n);
    return rc;
}

int pl_home_mend(const pl_home *home, idx_db *db, pl_warn_fn warn, void *ud, hs_err *err)
{
    pl_home_sweep(home);
    /* pages a merge that stopped copied without their full text (idx_segments.c) */
    long long pages = 0;
    int rc = idx_fts_mend(db, &pages, err);
    if (rc)
        return rc;
    if (pages > 0 && warn) {
        char msg[200];
        snprintf(msg, sizeof msg,
                 hs_tr("%lld pages a stopped merge left out of the full-text index were indexed"),
                 pages);
        warn(ud, msg);
    }
    return pl_home_adopt(home, db, warn, ud, NULL, err);
}

int pl_code_on_disk(const pl_home *home, const char *code)
{
    DIR *d = opendir(home->archive);
    if (!d)
        return 0;
    int found = 0;
    struct dirent *e;
    while (!found && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char *year = hs_path_join(home->archive, e->d_name);
        hs_buf p;
        hs_buf_init(&p);
        struct stat st;
        if (year && hs_buf_printf(&p, "%s/%s.zip", year, code) == HS_OK && lstat(p.data, &st) == 0)
            found = 1;
        hs_buf_release(&p);
        free(year);
    }
    closedir(d);
    return found;
}
