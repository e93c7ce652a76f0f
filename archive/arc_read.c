/* arc_read.c - opening a dossier zip, reading its files, verifying its fixity against
 * the BagIt manifests, and unpacking it safely. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <libdeflate.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include "archive.h"
#include "archive_int.h"

#define ARC_MAX_MEMBER (1024UL * 1024 * 1024) /* refuse to inflate more than 1 GiB */

#define ARC_TAG_CACHE 4
#define ARC_TAG_CACHE_MAX ((zip_uint64_t)1 << 20)

struct arc_reader {
    zip_t *za;
    char *path;
    char *name;
    void *map; /* the zip's bytes when mapped (NULL: read into libzip's buffer, or by name) */
    size_t map_len;
    struct libdeflate_decompressor *inflater; /* read_raw's, made on first use */
    /* tag files as read: verify reads each twice (for itself, then to hash it for the tag
     * manifest) and a merge reads the manifest a third time */
    struct {
        zip_int64_t idx;
        char *data;
        size_t len;
    } tag[ARC_TAG_CACHE];
    int ntag;
};

int arc_path_safe(const char *path)
{
    if (!*path || path[0] == '/' || strchr(path, '\\'))
        return 0;
    const char *p = path;
    while (*p) {
        const char *e = strchr(p, '/');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (n == 0 || (n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.'))
            return 0;
        if (!e)
            break;
        p = e + 1;
        if (!*p)
            return 0;
    }
    return 1;
}

/* Zips up to this size are read whole into memory, bigger ones mapped: unmapping costs a
 * TLB flush on every core the process runs on, more than reading a small file. */
#define ARC_READ_WHOLE (256 * 1024)

/* The zip at path opened over its bytes in memory: libzip reading a file seeks before
 * every read of its stdio stream, an lseek system call each (11 a page when a merge checks
 * a dossier, a tenth of its CPU); bytes in memory are read without any. A big zip is
 * mapped read-only, which takes no memory of its own however big it is (*map, *len: the
 * mapping to remove after the zip); a small one is read into a buffer libzip frees. NULL
 * when the file cannot be read or is not a zip: the caller then opens it by name, which
 * names the error. A zip is never rewritten in place (a new one is renamed over it), so
 * the bytes stay those opened. */
static zip_t *open_in_memory(const char *path, void **map, size_t *len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    struct stat st;
    void *m = NULL;
    int mapped = 0;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
        size_t size = (size_t)st.st_size;
        if (size <= ARC_READ_WHOLE) {
            m = malloc(size);
            size_t got = 0;
            while (m && got < size) {
                ssize_t n = pread(fd, (char *)m + got, size - got, (off_t)got);
                if (n <= 0)
                    break;
                got += (size_t)n;
            }
            if (m && got < size) {
                free(m);
                m = NULL;
            }
        } else if ((m = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0)) == MAP_FAILED) {
            m = NULL;
        } else {
            mapped = 1;
        }
    }
    close(fd);
    if (!m)
        return NULL;
    zip_error_t ze;
    zip_error_init(&ze);
    zip_t *za = NULL;
    zip_source_t *src = zip_source_buffer_create(m, (zip_uint64_t)st.st_size, !mapped, &ze);
    if (src && !(za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze)))
        zip_source_free(src); /* frees a buffer read */
    zip_error_fini(&ze);
    if (!src && !mapped)
        free(m);
    if (mapped) {
        if (!za)
            munmap(m, (size_t)st.st_size);
        else {
            *map = m;
            *len = (size_t)st.st_size;
        }
    }
    return za;
}

int arc_open(const char *zip_path, arc_reader **out, hs_err *err)
{
    *out = NULL;
    int zerr = 0, rc = HS_OK;
    void *map = NULL;
    size_t map_len = 0;
    zip_t *za = open_in_memory(zip_path, &map, &map_len);
    if (!za)
        za = zip_open(zip_path, ZIP_RDONLY | ZIP_CHECKCONS, &zerr);
    if (!za) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, zerr);
        rc = hs_err_set(err, zerr == ZIP_ER_OPEN || zerr == ZIP_ER_NOENT ? HS_EIO : HS_EFORMAT, 0,
                        "'%s': cannot open zip: %s", zip_path, zip_error_strerror(&ze));
        zip_error_fini(&ze);
        return rc;
    }
    arc_reader *r = calloc(1, sizeof *r);
    if (!r) {
        zip_discard(za);
        if (map)
            munmap(map, map_len);
        return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    }
    r->za = za;
    r->map = map;
    r->map_len = map_len;
    r->path = strdup(zip_path);
    /* The bag folder is the first component of the member names; all must share it. */
    zip_int64_t n = zip_get_num_entries(za, 0);
    for (zip_int64_t i = 0; i < n; i++) {
        const char *name = zip_get_name(za, (zip_uint64_t)i, ZIP_FL_ENC_GUESS);
        const char *slash = name ? strchr(name, '/') : NULL;
        if (!slash) {
            rc = hs_err_set(err, HS_EFORMAT, 0, "'%s': member '%s' is outside the bag folder",
                            zip_path, name ? name : "?");
            goto fail;
        }
        size_t len = (size_t)(slash - name);
        if (!r->name) {
            r->name = strndup(name, len);
        } else if (strlen(r->name) != len || strncmp(r->name, name, len) != 0) {
            rc = hs_err_set(err, HS_EFORMAT, 0, "'%s': more than one top-level folder", zip_path);
            goto fail;
        }
    }
    if (!r->name) {
        rc = hs_err_set(err, HS_EFORMAT, 0, "'%s': empty archive", zip_path);
        goto fail;
    }
    *out = r;
    return HS_OK;
fail:
    arc_close(r);
    return rc;
}

void arc_close(arc_reader *r)
{
    if (!r)
        return;
    if (r->za)
        zip_discard(r->za);
    if (r->map)
        munmap(r->map, r->map_len);
    for (int i = 0; i < r->ntag; i++)
        free(r->tag[i].data);
    free(r->path);
    free(r->name);
    libdeflate_free_decompressor(r->inflater);
    free(r);
}

const char *arc_name(const arc_reader *r)
{
    return r->name;
}

static int read_member(arc_reader *r, zip_int64_t idx, const char *what, char **data,
                       size_t *len, hs_err *err);

/* Member idx, whole, checked against its CRC (malloc'd, NUL-terminated); a tag file (a
 * member outside data/) is read once and then copied. */
static int read_index(arc_reader *r, zip_int64_t idx, const char *what, char **data, size_t *len,
                      hs_err *err)
{
    for (int i = 0; i < r->ntag; i++)
        if (r->tag[i].idx == idx) {
            if (!(*data = malloc(r->tag[i].len + 1)))
                return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
            memcpy(*data, r->tag[i].data, r->tag[i].len + 1);
            *len = r->tag[i].len;
            return HS_OK;
        }
    int rc = read_member(r, idx, what, data, len, err);
    const char *name = rc == HS_OK ? zip_get_name(r->za, (zip_uint64_t)idx, ZIP_FL_ENC_GUESS) : NULL;
    size_t plen = r->name ? strlen(r->name) : 0;
    if (name && r->ntag < ARC_TAG_CACHE && *len <= ARC_TAG_CACHE_MAX && plen &&
        strncmp(name, r->name, plen) == 0 && name[plen] == '/' && !strchr(name + plen + 1, '/')) {
        char *copy = malloc(*len + 1);
        if (copy) {
            memcpy(copy, *data, *len + 1);
            r->tag[r->ntag].idx = idx;
            r->tag[r->ntag].data = copy;
            r->tag[r->ntag].len = *len;
            r->ntag++;
        }
    }
    return rc;
}

/* A stored or deflated member read as its raw bytes and inflated by libdeflate, its CRC
 * computed by libdeflate too: ~2x zlib's inflate and many times its CRC-32 (the archives'
 * readers, verify and merge above all, read every member). 1: read into buf; 0: not such a
 * member (another method, encrypted, no sizes), the caller reads it through libzip;
 * HS_E*: damaged. */
static int read_raw(arc_reader *r, zip_int64_t idx, const zip_stat_t *st, const char *what,
                    char *buf, hs_err *err)
{
    const zip_uint64_t need = ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD |
                              ZIP_STAT_CRC | ZIP_STAT_ENCRYPTION_METHOD;
    if ((st->valid & need) != need || st->encryption_method != ZIP_EM_NONE ||
        (st->comp_method != ZIP_CM_STORE && st->comp_method != ZIP_CM_DEFLATE) ||
        st->comp_size > ARC_MAX_MEMBER ||
        (st->comp_method == ZIP_CM_STORE && st->comp_size != st->size))
        return 0;
    int deflated = st->comp_method == ZIP_CM_DEFLATE;
    char *raw = deflated ? malloc((size_t)st->comp_size + 1) : buf;
    if (!raw)
        return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    zip_file_t *zf = zip_fopen_index(r->za, (zip_uint64_t)idx, ZIP_FL_COMPRESSED);
    if (!zf) {
        if (deflated)
            free(raw);
        return 0;
    }
    zip_uint64_t got = 0;
    while (got < st->comp_size) {
        zip_int64_t n = zip_fread(zf, raw + got, st->comp_size - got);
        if (n <= 0)
            break;
        got += (zip_uint64_t)n;
    }
    zip_fclose(zf);
    int rc = 1;
    if (got != st->comp_size) {
        rc = hs_err_set(err, HS_EFIXITY, 0, "'%s': %s is truncated", r->path, what);
    } else if (deflated) {
        size_t out = 0;
        if (!r->inflater && !(r->inflater = libdeflate_alloc_decompressor()))
            rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
        else if (libdeflate_deflate_decompress(r->inflater, raw, (size_t)got, buf, (size_t)st->size,
                                               &out) != LIBDEFLATE_SUCCESS ||
                 out != st->size)
            rc = hs_err_set(err, HS_EFIXITY, 0, "'%s': %s: Compression error", r->path, what);
    }
    if (deflated)
        free(raw);
    if (rc == 1 && libdeflate_crc32(0, buf, (size_t)st->size) != st->crc)
        rc = hs_err_set(err, HS_EFIXITY, 0, "'%s': %s: CRC error", r->path, what);
    return rc;
}

static int read_member(arc_reader *r, zip_int64_t idx, const char *what, char **data,
                       size_t *len, hs_err *err)
{
    zip_stat_t st;
    if (zip_stat_index(r->za, (zip_uint64_t)idx, 0, &st) != 0)
        return hs_err_set(err, HS_EFORMAT, 0, "'%s': %s: %s", r->path, what, zip_strerror(r->za));
    if (st.size > ARC_MAX_MEMBER)
        return hs_err_set(err, HS_ELIMIT, 0, "'%s': %s is larger than 1 GiB", r->path, what);
    char *buf = malloc((size_t)st.size + 1);
    if (!buf)
        return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    int raw = read_raw(r, idx, &st, what, buf, err);
    if (raw) {
        if (raw != 1) {
            free(buf);
            return raw;
        }
        buf[st.size] = '\0';
        *data = buf;
        *len = (size_t)st.size;
        return HS_OK;
    }
    zip_file_t *zf = zip_fopen_index(r->za, (zip_uint64_t)idx, 0);
    if (!zf) {
        free(buf);
        return hs_err_set(err, HS_EFORMAT, 0, "'%s': %s: %s", r->path, what, zip_strerror(r->za));
    }
    zip_uint64_t got = 0;
    int rc = HS_OK;
    while (got < st.size) {
        zip_int64_t n = zip_fread(zf, buf + got, st.size - got);
        if (n < 0) {
            rc = hs_err_set(err, HS_EFIXITY, 0, "'%s': %s: %s", r->path, what,
                            zip_file_strerror(zf));
            break;
        }
        if (n == 0)
            break;
        got += (zip_uint64_t)n;
    }
    /* libzip checks the CRC when the member has been read to its end. */
    if (rc == HS_OK) {
        char extra;
        if (zip_fread(zf, &extra, 1) < 0)
            rc = hs_err_set(err, HS_EFIXITY, 0, "'%s': %s: %s", r->path, what,
                            zip_file_strerror(zf));
        else if (got != st.size)
            rc = hs_err_set(err, HS_EFIXITY, 0, "'%s': %s is truncated", r->path, what);
    }
    zip_fclose(zf);
    if (rc) {
        free(buf);
        return rc;
    }
    buf[got] = '\0';
    *data = buf;
    *len = (size_t)got;
    return HS_OK;
}

int arc_read(arc_reader *r, const char *path, char **data, size_t *len, hs_err *err)
{
    *data = NULL;
    *len = 0;
    hs_buf name;
    hs_buf_init(&name);
    if (hs_buf_printf(&name, "%s/%s", r->name, path))
        return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    zip_int64_t idx = zip_name_locate(r->za, name.data, ZIP_FL_ENC_GUESS);
    hs_buf_release(&name);
    if (idx < 0)
        return hs_err_set(err, HS_ENOTFOUND, 0, "'%s': no '%s' in the bag", r->path, path);
    return read_index(r, idx, path, data, len, err);
}

/* Parses "<sha256>  <path>" lines, calling fn for each. */
static int each_line(arc_reader *r, const char *file, char *text, arc_manifest_fn fn, void *ud,
                     hs_err *err)
{
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        size_t l = strlen(line);
        if (l && line[l - 1] == '\r')
            line[--l] = '\0';
        if (!l)
            continue;
        char *sp = strchr(line, ' ');
        if (!sp || sp - line != 64)
            return hs_err_set(err, HS_EFORMAT, 0, "'%s': %s: malformed line '%.80s'", r->path,
                              file, line);
        *sp = '\0';
        char *p = sp + 1;
        while (*p == ' ' || *p == '\t')
            p++;
        int rc = fn(ud, p, line);
        if (rc)
            return rc;
    }
    return HS_OK;
}

int arc_manifest_each(arc_reader *r, arc_manifest_fn fn, void *ud, hs_err *err)
{
    char *text = NULL;
    size_t len = 0;
    int rc = arc_read(r, "manifest-sha256.txt", &text, &len, err);
    if (rc == HS_OK)
        rc = each_line(r, "manifest-sha256.txt", text, fn, ud, err);
    free(text);
    return rc;
}

typedef struct verify_ctx {
    arc_reader *r;
    arc_problem_fn fn;
    void *ud;
    int problems;
    /* which zip members a manifest line named */
    unsigned char *listed;
    unsigned long long octets;
    size_t streams;
    int payload;
} verify_ctx;

static void problem(verify_ctx *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void problem(verify_ctx *v, const char *fmt, ...)
{
    char msg[600];
    /* the bag name comes from the zip and may be longer than msg: cut it, or the offset
     * below would point past the end */
    int n = snprintf(msg, sizeof msg, "%.256s: ", v->r->name);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg + n, sizeof msg - (size_t)n, hs_tr(fmt), ap);
    va_end(ap);
    v->problems++;
    if (v->fn)
        v->fn(v->ud, msg);
}

static int check_line(void *ud, const char *path, const char *sha)
{
    verify_ctx *v = ud;
    hs_err err;
    hs_err_clear(&err);
    if (!arc_path_safe(path) || (v->payload && strncmp(path, "data/", 5) != 0)) {
        problem(v, "manifest names an unsafe path '%s'", path);
        return HS_OK;
    }
    hs_buf name;
    hs_buf_init(&name);
    if (hs_buf_printf(&name, "%s/%s", v->r->name, path))
        return HS_ENOMEM;
    zip_int64_t idx = zip_name_locate(v->r->za, name.data, ZIP_FL_ENC_GUESS);
    hs_buf_release(&name);
    if (idx < 0) {
        problem(v, "'%s' is listed in the manifest but missing", path);
        return HS_OK;
    }
    v->listed[idx] = 1;
    char *data = NULL;
    size_t len = 0;
    if (read_index(v->r, idx, path, &data, &len, &err)) {
        problem(v, "'%s' cannot be read: %s", path, err.msg);
        /* count it anyway, so Payload-Oxum does not report the same damage twice */
        zip_stat_t st;
        if (zip_stat_index(v->r->za, (zip_uint64_t)idx, 0, &st) == 0)
            v->octets += st.size;
        v->streams++;
        return HS_OK;
    }
    char got[HS_SHA256_HEX];
    int rc = hs_sha256_hex(data, len, got, &err);
    free(data);
    if (rc)
        return rc;
    if (strcmp(got, sha) != 0)
        problem(v, "checksum mismatch for '%s'", path);
    v->octets += len;
    v->streams++;
    return HS_OK;
}

static int check_manifest(verify_ctx *v, const char *file, int payload)
{
    hs_err err;
    hs_err_clear(&err);
    char *text = NULL;
    size_t len = 0;
    if (arc_read(v->r, file, &text, &len, &err)) {
        problem(v, "%s", err.msg);
        return HS_OK;
    }
    v->payload = payload;
    int rc = each_line(v->r, file, text, check_line, v, &err);
    free(text);
    if (rc == HS_ENOMEM)
        return rc;
    if (rc)
        problem(v, "%s", err.msg);
    return HS_OK;
}

static void check_oxum(verify_ctx *v)
{
    hs_err err;
    char *info = NULL;
    size_t len = 0;
    if (arc_read(v->r, "bag-info.txt", &info, &len, &err)) {
        problem(v, "%s", err.msg);
        return;
    }
    const char *p = strstr(info, "Payload-Oxum:");
    unsigned long long octets = 0;
    size_t streams = 0;
    if (!p || sscanf(p + 13, " %llu.%zu", &octets, &streams) != 2)
        problem(v, "bag-info.txt has no Payload-Oxum");
    else if (octets != v->octets || streams != v->streams)
        problem(v, "Payload-Oxum does not match the payload");
    free(info);
}

int arc_verify(arc_reader *r, arc_problem_fn fn, void *ud)
{
    verify_ctx v = {.r = r, .fn = fn, .ud = ud};
    zip_int64_t n = zip_get_num_entries(r->za, 0);
    v.listed = calloc((size_t)n + 1, 1);
    if (!v.listed) {
        problem(&v, "out of memory");
        return v.problems;
    }
    char *bagit = NULL;
    size_t len = 0;
    hs_err err;
    if (arc_read(r, "bagit.txt", &bagit, &len, &err))
        problem(&v, "%s", err.msg);
    else if (!strstr(bagit, "BagIt-Version: 1.0"))
        problem(&v, "bagit.txt does not declare BagIt-Version 1.0");
    free(bagit);
    check_manifest(&v, "manifest-sha256.txt", 1);
    check_oxum(&v);
    check_manifest(&v, "tagmanifest-sha256.txt", 0);
    /* Every payload file must be covered by the manifest. */
    size_t plen = strlen(r->name);
    for (zip_int64_t i = 0; i < n; i++) {
        const char *name = zip_get_name(r->za, (zip_uint64_t)i, ZIP_FL_ENC_GUESS);
        if (!v.listed[i] && name && strncmp(name + plen + 1, "data/", 5) == 0 &&
            name[strlen(name) - 1] != '/')
            problem(&v, "'%s' is not in the manifest", name + plen + 1);
    }
    free(v.listed);
    return v.problems;
}

int arc_extract(arc_reader *r, const char *dir, hs_err *err)
{
    zip_int64_t n = zip_get_num_entries(r->za, 0);
    int rc = HS_OK;
    for (zip_int64_t i = 0; i < n && rc == HS_OK; i++) {
        const char *name = zip_get_name(r->za, (zip_uint64_t)i, ZIP_FL_ENC_GUESS);
        if (!name || !arc_path_safe(name))
            return hs_err_set(err, HS_EFORMAT, 0, "'%s': unsafe member path '%s'", r->path,
                              name ? name : "?");
        if (name[strlen(name) - 1] == '/')
            continue;
        char *out = hs_path_join(dir, name);
        char *data = NULL;
        size_t len = 0;
        if (!out)
            return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
        char *slash = strrchr(out, '/');
        *slash = '\0';
        rc = hs_mkdir_p(out, err);
        *slash = '/';
        if (rc == HS_OK)
            rc = read_index(r, i, name, &data, &len, err);
        if (rc == HS_OK) {
            FILE *f = fopen(out, "wb");
            if (!f)
                rc = hs_err_set(err, HS_EIO, errno, "cannot create '%s'", out);
            else {
                if (fwrite(data, 1, len, f) != len)
                    rc = hs_err_set(err, HS_EIO, errno, "cannot write '%s'", out);
                if (fclose(f) != 0 && rc == HS_OK)
                    rc = hs_err_set(err, HS_EIO, errno, "cannot write '%s'", out);
            }
        }
        free(data);
        free(out);
    }
    return rc;
}
