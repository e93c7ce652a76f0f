/* arc_bag.c - building a BagIt bag and writing it as a zip with libzip. The tag files
 * (bagit.txt, bag-info.txt, manifest-sha256.txt, tagmanifest-sha256.txt) are generated
 * here from the payload so they cannot disagree with it. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <zip.h>

#include "archive.h"
#include "archive_int.h"
#include "hs_vec.h"

typedef struct bag_file {
    char *path; /* relative to the bag folder: "data/..." or a tag file */
    char *data;
    char *src; /* or the file the bytes are in */
    size_t len;
    int store;
    char sha[HS_SHA256_HEX];
} bag_file;

struct arc_bag {
    char *name;
    bag_file *files;
    size_t nfiles, cap;
    hs_buf info; /* bag-info.txt lines supplied by the caller */
};

int arc_bag_new(const char *name, arc_bag **out, hs_err *err)
{
    *out = NULL;
    if (!arc_path_safe(name) || strchr(name, '/'))
        return hs_err_set(err, HS_EINVAL, 0, "archive: bad bag name '%s'", name);
    arc_bag *b = calloc(1, sizeof *b);
    if (!b || !(b->name = strdup(name))) {
        free(b);
        return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    }
    hs_buf_init(&b->info);
    *out = b;
    return HS_OK;
}

void arc_bag_free(arc_bag *b)
{
    if (!b)
        return;
    for (size_t i = 0; i < b->nfiles; i++) {
        free(b->files[i].path);
        free(b->files[i].data);
        free(b->files[i].src);
    }
    free(b->files);
    hs_buf_release(&b->info);
    free(b->name);
    free(b);
}

int arc_bag_info_add(arc_bag *b, const char *key, const char *value, hs_err *err)
{
    /* A line break inside a value would forge another tag line. */
    if (strpbrk(key, ":\r\n") || strpbrk(value, "\r\n"))
        return hs_err_set(err, HS_EINVAL, 0, "archive: bad bag-info entry '%s'", key);
    if (hs_buf_printf(&b->info, "%s: %s\n", key, value))
        return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    return HS_OK;
}

/* Takes path, data and src (either data or src is NULL), also on failure. */
static int add_file(arc_bag *b, char *path, char *data, char *src, size_t len, int store,
                    hs_err *err)
{
    if (HS_VEC_RESERVE(b->files, b->cap, b->nfiles + 1)) {
        free(path);
        free(data);
        free(src);
        return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    }
    bag_file *f = &b->files[b->nfiles];
    f->path = path;
    f->data = data;
    f->src = src;
    f->len = len;
    f->store = store;
    b->nfiles++;
    if (!src)
        return hs_sha256_hex(data ? data : "", len, f->sha, err);
    /* a spool file: its checksum read in pieces, its length what was read */
    FILE *in = fopen(src, "rb");
    hs_sha256 *h = hs_sha256_new();
    int rc = HS_OK;
    if (!in || !h)
        rc = in ? hs_err_set(err, HS_ENOMEM, 0, "out of memory")
                : hs_err_set(err, HS_EIO, errno, "archive: cannot read '%s'", src);
    char buf[1 << 16];
    size_t n, total = 0;
    while (rc == HS_OK && (n = fread(buf, 1, sizeof buf, in)) > 0) {
        hs_sha256_update(h, buf, n);
        total += n;
    }
    if (rc == HS_OK && ferror(in))
        rc = hs_err_set(err, HS_EIO, errno, "archive: cannot read '%s'", src);
    if (rc == HS_OK) {
        hs_sha256_final(h, f->sha);
        f->len = total;
    }
    hs_sha256_free(h);
    if (in)
        fclose(in);
    return rc;
}

/* "data/" + path, checked to be safe and new in the bag, or NULL with err set. */
static char *payload_path(arc_bag *b, const char *path, hs_err *err)
{
    if (!arc_path_safe(path) || !hs_utf8_valid(path, strlen(path))) {
        hs_err_set(err, HS_EINVAL, 0, "archive: unsafe payload path '%s'", path);
        return NULL;
    }
    hs_buf p;
    hs_buf_init(&p);
    if (hs_buf_printf(&p, "data/%s", path)) {
        hs_err_set(err, HS_ENOMEM, 0, "out of memory");
        return NULL;
    }
    for (size_t i = 0; i < b->nfiles; i++)
        if (strcmp(b->files[i].path, p.data) == 0) {
            hs_buf_release(&p);
            hs_err_set(err, HS_EEXIST, 0, "archive: '%s' added twice", path);
            return NULL;
        }
    return hs_buf_detach(&p, NULL);
}

int arc_bag_add(arc_bag *b, const char *path, char *data, size_t len, int store, hs_err *err)
{
    char *p = payload_path(b, path, err);
    if (!p) {
        free(data);
        return err ? err->code : HS_EINVAL;
    }
    return add_file(b, p, data, NULL, len, store, err);
}

int arc_bag_add_file(arc_bag *b, const char *path, const char *src, int store, hs_err *err)
{
    char *p = payload_path(b, path, err), *s = p ? strdup(src) : NULL;
    if (!p || !s) {
        free(p);
        return p ? hs_err_set(err, HS_ENOMEM, 0, "out of memory") : err ? err->code : HS_EINVAL;
    }
    return add_file(b, p, NULL, s, 0, store, err);
}

const char *arc_bag_sha256(const arc_bag *b, const char *path)
{
    for (size_t i = 0; i < b->nfiles; i++)
        if (strncmp(b->files[i].path, "data/", 5) == 0 && strcmp(b->files[i].path + 5, path) == 0)
            return b->files[i].sha;
    return NULL;
}

static int add_tag(arc_bag *b, const char *name, hs_buf *content, hs_err *err)
{
    char *path = strdup(name);
    size_t len = 0;
    char *data = hs_buf_detach(content, &len);
    if (!path || !data) {
        free(path);
        free(data);
        return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    }
    return add_file(b, path, data, NULL, len, 0, err);
}

/* Generates the tag files; called once, just before writing. */
static int make_tags(arc_bag *b, hs_err *err)
{
    hs_buf bagit, info, manifest, tagmanifest;
    hs_buf_init(&bagit);
    hs_buf_init(&info);
    hs_buf_init(&manifest);
    hs_buf_init(&tagmanifest);
    int rc = HS_ENOMEM;
    size_t npayload = b->nfiles;
    unsigned long long octets = 0;
    for (size_t i = 0; i < npayload; i++) {
        octets += b->files[i].len;
        if (hs_buf_printf(&manifest, "%s  %s\n", b->files[i].sha, b->files[i].path))
            goto nomem;
    }
    char date[32];
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(date, sizeof date, "%Y-%m-%d", &tm);
    if (hs_buf_puts(&bagit, "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n") ||
        hs_buf_append(&info, b->info.data ? b->info.data : "", b->info.len) ||
        hs_buf_printf(&info, "Bagging-Date: %s\nPayload-Oxum: %llu.%zu\n", date, octets,
                      npayload))
        goto nomem;
    if ((rc = add_tag(b, "bagit.txt", &bagit, err)) || (rc = add_tag(b, "bag-info.txt", &info, err)) ||
        (rc = add_tag(b, "manifest-sha256.txt", &manifest, err)))
        goto out;
    for (size_t i = npayload; i < b->nfiles; i++)
        if (hs_buf_printf(&tagmanifest, "%s  %s\n", b->files[i].sha, b->files[i].path))
            goto nomem;
    rc = add_tag(b, "tagmanifest-sha256.txt", &tagmanifest, err);
    goto out;
nomem:
    rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
out:
    hs_buf_release(&bagit);
    hs_buf_release(&info);
    hs_buf_release(&manifest);
    hs_buf_release(&tagmanifest);
    return rc;
}

int arc_bag_write(arc_bag *b, const char *tmp_path, hs_err *err)
{
    int rc = make_tags(b, err);
    if (rc)
        return rc;
    int zerr = 0;
    unlink(tmp_path); /* a leftover from a crashed run */
    zip_t *za = zip_open(tmp_path, ZIP_CREATE | ZIP_EXCL, &zerr);
    if (!za) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, zerr);
        rc = hs_err_set(err, HS_EIO, 0, "archive: cannot create '%s': %s", tmp_path,
                        zip_error_strerror(&ze));
        zip_error_fini(&ze);
        return rc;
    }
    hs_buf name;
    hs_buf_init(&name);
    for (size_t i = 0; i < b->nfiles; i++) {
        bag_file *f = &b->files[i];
        name.len = 0;
        if (hs_buf_printf(&name, "%s/%s", b->name, f->path)) {
            rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
            goto fail;
        }
        /* The bag keeps ownership of the bytes until zip_close has read them. */
        zip_source_t *src = f->src ? zip_source_file(za, f->src, 0, -1)
                                   : zip_source_buffer(za, f->data ? f->data : "", f->len, 0);
        zip_int64_t idx = src ? zip_file_add(za, name.data, src, ZIP_FL_ENC_UTF_8) : -1;
        if (idx < 0) {
            zip_source_free(src);
            rc = hs_err_set(err, HS_EIO, 0, "archive: cannot add '%s': %s", name.data,
                            zip_strerror(za));
            goto fail;
        }
        if (zip_set_file_compression(za, (zip_uint64_t)idx, f->store ? ZIP_CM_STORE : ZIP_CM_DEFLATE,
                                     0) != 0) {
            rc = hs_err_set(err, HS_EIO, 0, "archive: '%s': %s", name.data, zip_strerror(za));
            goto fail;
        }
    }
    hs_buf_release(&name);
    if (zip_close(za) != 0) {
        rc = hs_err_set(err, HS_EIO, 0, "archive: cannot write '%s': %s", tmp_path,
                        zip_strerror(za));
        zip_discard(za);
        unlink(tmp_path);
        return rc;
    }
    if ((rc = hs_fsync_path(tmp_path, err))) {
        unlink(tmp_path);
        return rc;
    }
    return HS_OK;
fail:
    hs_buf_release(&name);
    zip_discard(za);
    unlink(tmp_path);
    return rc;
}

/* Syncs the folder of path, so a rename into it survives a crash. */
static int sync_dir_of(const char *path, hs_err *err)
{
    char *dir = strdup(path);
    if (!dir)
        return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = '\0';
    int rc = hs_fsync_path(slash ? dir : ".", err);
    free(dir);
    return rc;
}

int arc_commit(const char *tmp_path, const char *final_path, hs_err *err)
{
    int rc = hs_rename_noreplace(tmp_path, final_path, err);
    if (rc == HS_EEXIST)
        return hs_err_set(err, HS_EEXIST, 0,
                          "archive: '%s' already exists and was not replaced (run 'hoso "
                          "reindex' if the index does not know it)",
                          final_path);
    return rc ? rc : sync_dir_of(final_path, err);
}

int arc_commit_replace(const char *tmp_path, const char *final_path, hs_err *err)
{
    if (rename(tmp_path, final_path) != 0)
        return hs_err_set(err, HS_EIO, errno, "archive: cannot rename '%s' to '%s'", tmp_path,
                          final_path);
    return sync_dir_of(final_path, err);
}
