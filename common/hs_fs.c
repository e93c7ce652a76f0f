/* hs_fs.c - file-system helpers: recursive mkdir, bounded whole-file reads, atomic
 * writes (temporary file, fsync, rename, fsync of the folder) and path joins. */
/* renameat2 (RENAME_NOREPLACE) is a GNU extension of glibc 2.28 */
#define _GNU_SOURCE
#include "hs_common.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

int hs_mkdir_p(const char *path, hs_err *err)
{
    /* most calls find the folder made (a merge or batch asks once an archive): one stat
     * instead of a mkdir a component */
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return HS_OK;
    char *p = strdup(path);
    if (!p)
        return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    int rc = HS_OK;
    for (char *s = p + 1;; s++) {
        if (*s == '/' || *s == '\0') {
            char c = *s;
            *s = '\0';
            if (mkdir(p, 0777) != 0 && errno != EEXIST) {
                rc = hs_err_set(err, HS_EIO, errno, "cannot create folder '%s'", p);
                break;
            }
            *s = c;
            if (c == '\0')
                break;
        }
    }
    if (rc == HS_OK && (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)))
        rc = hs_err_set(err, HS_EIO, 0, "'%s' is not a folder", path);
    free(p);
    return rc;
}

int hs_file_read(const char *path, size_t max, char **data, size_t *len, hs_err *err)
{
    *data = NULL;
    *len = 0;
    int rc = HS_OK;
    char *buf = NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return hs_err_set(err, HS_EIO, errno, "cannot open '%s'", path);
    struct stat st;
    if (fstat(fileno(f), &st) != 0) {
        rc = hs_err_set(err, HS_EIO, errno, "cannot stat '%s'", path);
        goto out;
    }
    if ((size_t)st.st_size > max) {
        rc = hs_err_set(err, HS_ELIMIT, 0, "'%s' is larger than %zu bytes", path, max);
        goto out;
    }
    buf = malloc((size_t)st.st_size + 1);
    if (!buf) {
        rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory reading '%s'", path);
        goto out;
    }
    size_t n = fread(buf, 1, (size_t)st.st_size, f);
    if (ferror(f)) {
        rc = hs_err_set(err, HS_EIO, errno, "cannot read '%s'", path);
        goto out;
    }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    buf = NULL;
out:
    free(buf);
    fclose(f);
    return rc;
}

int hs_fsync_path(const char *path, hs_err *err)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return hs_err_set(err, HS_EIO, errno, "cannot open '%s'", path);
    int rc = HS_OK;
    if (fsync(fd) != 0 && errno != EINVAL)
        rc = hs_err_set(err, HS_EIO, errno, "cannot sync '%s'", path);
    close(fd);
    return rc;
}

static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return strdup(".");
    if (slash == path)
        return strdup("/");
    return strndup(path, (size_t)(slash - path));
}

int hs_file_write_atomic(const char *path, const void *data, size_t len, hs_err *err)
{
    hs_buf tmp;
    hs_buf_init(&tmp);
    int rc = HS_OK, fd = -1;
    char *dir = NULL;
    if (hs_buf_printf(&tmp, "%s.tmp-%ld", path, (long)getpid())) {
        rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
        goto out;
    }
    fd = open(tmp.data, O_WRONLY | O_CREAT | O_TRUNC, 0666);
    if (fd < 0) {
        rc = hs_err_set(err, HS_EIO, errno, "cannot create '%s'", tmp.data);
        goto out;
    }
    const char *p = data;
    size_t left = len;
    while (left) {
        ssize_t n = write(fd, p, left);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            rc = hs_err_set(err, HS_EIO, errno, "cannot write '%s'", tmp.data);
            goto out;
        }
        p += n;
        left -= (size_t)n;
    }
    if (fsync(fd) != 0) {
        rc = hs_err_set(err, HS_EIO, errno, "cannot sync '%s'", tmp.data);
        goto out;
    }
    close(fd);
    fd = -1;
    if (rename(tmp.data, path) != 0) {
        rc = hs_err_set(err, HS_EIO, errno, "cannot rename '%s' to '%s'", tmp.data, path);
        goto out;
    }
    dir = dir_of(path);
    if (dir)
        rc = hs_fsync_path(dir, err);
out:
    if (fd >= 0)
        close(fd);
    if (rc && tmp.data)
        unlink(tmp.data);
    free(dir);
    hs_buf_release(&tmp);
    return rc;
}

int hs_rename_noreplace(const char *from, const char *to, hs_err *err)
{
    if (renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0)
        return HS_OK;
    if (errno == EEXIST)
        return hs_err_set(err, HS_EEXIST, 0, "'%s' already exists; it was not replaced", to);
    if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
        return hs_err_set(err, HS_EIO, errno, "cannot rename '%s' to '%s'", from, to);
    /* a file system without RENAME_NOREPLACE: link() refuses an existing name just as
     * atomically; the temporary name is then dropped */
    if (link(from, to) != 0) {
        if (errno == EEXIST)
            return hs_err_set(err, HS_EEXIST, 0, "'%s' already exists; it was not replaced", to);
        return hs_err_set(err, HS_EIO, errno, "cannot rename '%s' to '%s'", from, to);
    }
    if (unlink(from) != 0)
        return hs_err_set(err, HS_EIO, errno, "cannot remove '%s'", from);
    return HS_OK;
}

const char *hs_path_base(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

char *hs_path_join(const char *a, const char *b)
{
    size_t la = strlen(a);
    while (la > 1 && a[la - 1] == '/')
        la--;
    size_t lb = strlen(b);
    char *r = malloc(la + lb + 2);
    if (!r)
        return NULL;
    memcpy(r, a, la);
    r[la] = '/';
    memcpy(r + la + 1, b, lb + 1);
    return r;
}

void hs_time_iso(long long t, char out[32])
{
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

double hs_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

double hs_cpu_seconds(const struct rusage *ru)
{
    return (double)(ru->ru_utime.tv_sec + ru->ru_stime.tv_sec) +
           (ru->ru_utime.tv_usec + ru->ru_stime.tv_usec) / 1e6;
}
