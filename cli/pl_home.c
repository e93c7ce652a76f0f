/* pl_home.c - mending a data home before anything is filed into it: temporary zips of
 * writers that are gone are removed, and archives the index does not know (an index
 * restored from a backup, a zip restored from one, a crash between the rename of a zip and
 * the commit of its rows) are indexed. Every command that files calls it first, so a code
 * whose zip exists is never handed out again and no archive is replaced unknowingly. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

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

/* A temporary zip ("CODE.zip.tmp-PID", or its ".prev" copy of an appended dossier's old
 * archive) whose writer is gone: its PID is not running, or the file is older than the
 * machine's start, when its PID may have been given out again. */
static int stale(const char *name, const struct stat *st, long long boot)
{
    const char *t = strstr(name, ".zip.tmp-");
    if (!t)
        return 0;
    char *end = NULL;
    long pid = strtol(t + 9, &end, 10);
    if (pid <= 0 || (*end && strcmp(end, ".prev") != 0))
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

int pl_home_sweep(const hs_home *home)
{
    pl_spool_sweep();
    return sweep_dir(home->archive, boot_time(), 0);
}

/* "archive/2026/CODE.zip" -> "CODE" in out, or 0 if the name is not a dossier's. */
static int code_of(const char *rel, char *out, size_t cap)
{
    const char *base = hs_path_base(rel);
    size_t n = strlen(base);
    if (n <= 4 || strcmp(base + n - 4, ".zip") != 0 || n - 4 >= cap)
        return 0;
    memcpy(out, base, n - 4);
    out[n - 4] = '\0';
    return 1;
}

int pl_home_adopt(const hs_home *home, idx_db *db, pl_warn_fn warn, void *ud, int *adopted,
                  hs_err *err)
{
    if (adopted)
        *adopted = 0;
    char **list = NULL;
    size_t n = 0;
    int rc = home_archives(home, &list, &n, err);
    if (rc)
        return rc;
    for (size_t i = 0; i < n && rc == HS_OK; i++) {
        char code[256];
        int exists = 0;
        /* the file name names the code: an index that has it needs no zip opened */
        if (code_of(list[i], code, sizeof code) &&
            (rc = idx_code_exists(db, code, &exists, err)))
            break;
        if (exists)
            continue;
        char *abs = home_abs(home, list[i]), *got = NULL;
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
            snprintf(msg, sizeof msg, "'%s' is not in the index and cannot be indexed: %s",
                     list[i], e.msg);
            warn(ud, msg);
        }
        free(abs);
    }
    home_archives_free(list, n);
    return rc;
}

int pl_home_mend(const hs_home *home, idx_db *db, pl_warn_fn warn, void *ud, hs_err *err)
{
    pl_home_sweep(home);
    return pl_home_adopt(home, db, warn, ud, NULL, err);
}

int pl_code_on_disk(const hs_home *home, const char *code)
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
        if (year && hs_buf_printf(&p, "%s/%s.zip", year, code) == HS_OK &&
            lstat(p.data, &st) == 0)
            found = 1;
        hs_buf_release(&p);
        free(year);
    }
    closedir(d);
    return found;
}

void pl_warn_stderr(void *ud, const char *msg)
{
    cli_error("%s%s", ud ? (const char *)ud : "", msg);
}
