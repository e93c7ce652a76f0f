/* cli_util.c - the data home, the config file, messages and small parsers shared by the
 * subcommands. */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "fields.h"

const char *cli_home_arg;

/* hoso.conf in the home: "key = value" lines, '#' comments. Only agency for now. */
static int read_config(hs_home *h, hs_err *err)
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
            if (!cli_code_valid(v)) {
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

int home_open(hs_home *h, hs_err *err)
{
    return home_open_as(h, 1, err);
}

int home_open_as(hs_home *h, int create, hs_err *err)
{
    memset(h, 0, sizeof *h);
    const char *dir = cli_home_arg;
    if (!dir)
        dir = getenv("HOSO_HOME");
    if (!dir)
        dir = "hoso-data";
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
        home_release(h);
        return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    }
    if ((create && (rc = hs_mkdir_p(h->archive, err))) || (rc = read_config(h, err)))
        home_release(h);
    return rc;
}

void home_release(hs_home *h)
{
    free(h->dir);
    free(h->archive);
    free(h->index_path);
    free(h->agency);
    memset(h, 0, sizeof *h);
}

int home_index(hs_home *h, int rebuild, idx_db **db, hs_err *err)
{
    *db = NULL;
    /* A missing index over existing archives would silently find nothing. (A home opened
     * read-only may have no archive folder at all: then there is nothing to miss.) */
    struct stat st;
    if (!rebuild && stat(h->index_path, &st) != 0 && errno == ENOENT &&
        lstat(h->archive, &st) == 0) {
        char **list = NULL;
        size_t n = 0;
        int rc = home_archives(h, &list, &n, err);
        home_archives_free(list, n);
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

char *home_abs(const hs_home *h, const char *rel)
{
    return hs_path_join(h->dir, rel);
}

void cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("hoso: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

void cli_err(const hs_err *err)
{
    cli_error("%s", err->msg[0] ? err->msg : "unknown error");
}

int cli_usage(const char *usage, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("hoso: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    fprintf(stderr, "usage: %s\n", usage);
    return EXIT_USAGE;
}

int cli_parse_int(const char *s, int min, int max, int *out)
{
    char *end = NULL;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || !*s || *end || v < min || v > max)
        return -1;
    *out = (int)v;
    return 0;
}

int cli_code_valid(const char *code)
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

void cli_json_print(FILE *f, json_t *v)
{
    json_dumpf(v, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
    fputc('\n', f);
}

/* nftw has no user pointer: the walk below is the only user, from one thread. */
static hs_home const *walk_home;
static char **walk_list;
static size_t walk_n, walk_cap;
static int walk_failed;

static int walk_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    size_t len = strlen(path);
    if (type != FTW_F || len < 4 || strcmp(path + len - 4, ".zip") != 0)
        return 0;
    if (walk_n == walk_cap) {
        size_t cap = walk_cap ? walk_cap * 2 : 64;
        char **l = realloc(walk_list, cap * sizeof *l);
        if (!l) {
            walk_failed = 1;
            return 1;
        }
        walk_list = l;
        walk_cap = cap;
    }
    size_t dl = strlen(walk_home->dir);
    if (!(walk_list[walk_n++] = strdup(path + dl + 1))) {
        walk_failed = 1;
        return 1;
    }
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int home_archives(const hs_home *h, char ***list, size_t *n, hs_err *err)
{
    walk_home = h;
    walk_list = NULL;
    walk_n = walk_cap = 0;
    walk_failed = 0;
    int r = nftw(h->archive, walk_one, 16, FTW_PHYS);
    if (r != 0 || walk_failed) {
        int e = errno;
        for (size_t i = 0; i < walk_n; i++)
            free(walk_list[i]);
        free(walk_list);
        return hs_err_set(err, HS_EIO, walk_failed ? 0 : e, "cannot list '%s'", h->archive);
    }
    if (walk_n > 1)
        qsort(walk_list, walk_n, sizeof *walk_list, cmp_str);
    *list = walk_list;
    *n = walk_n;
    return HS_OK;
}

void home_archives_free(char **list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(list[i]);
    free(list);
}

int cli_field_unknown(const char *kv, char *msg, size_t cap)
{
    const char *eq = strchr(kv, '=');
    if (!eq)
        return 0; /* "KEY=VALUE" is checked where the filter is used */
    size_t n = (size_t)(eq - kv);
    for (size_t i = 0; fields_key(i); i++)
        if (strlen(fields_key(i)) == n && !strncmp(fields_key(i), kv, n))
            return 0;
    int len = snprintf(msg, cap, "search: no field '%.*s'; fields are", (int)(n > 64 ? 64 : n), kv);
    for (size_t i = 0; fields_key(i) && len > 0 && (size_t)len < cap; i++)
        len += snprintf(msg + len, cap - (size_t)len, "%s %s", i ? "," : "", fields_key(i));
    return 1;
}
