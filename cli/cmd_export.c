/* cmd_export.c - `hoso export CODE (--text | --dir DIR)`: the dossier's OCR text on stdout
 * (pages separated by form-feed lines, as `hoso ocr` prints them), or its bag unpacked into
 * DIR/<code>/. The bag is unpacked in a private folder inside DIR and renamed into place
 * whole; nothing is ever written through a symbolic link or over an existing bag. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "cli_help.h"
#include "cli_i18n.h"
#include "ocr.h"

/* the synopsis and options are in the help table, cli/cli_help.c */
static const char usage[] = "export";

static int export_text(arc_reader *r, hs_err *err)
{
    pl_dossier *rec = NULL;
    size_t len = 0;
    int rc = pl_dossier_read(r, arc_name(r), &rec, err);
    if (rc)
        return rc;
    for (size_t i = 0, n = pl_dossier_page_count(rec); i < n; i++) {
        pl_dossier_page pg;
        pl_dossier_page_get(rec, i, &pg);
        const char *path = pg.text;
        char *text = NULL;
        if (!path) {
            rc = hs_err_set(err, HS_EFORMAT, 0, "'%s': page %zu has no text", arc_name(r), i + 1);
            break;
        }
        if ((rc = arc_read(r, path, &text, &len, err)))
            break;
        if (i)
            fputs("\f\n", stdout);
        fwrite(text, 1, len, stdout);
        free(text);
    }
    pl_dossier_free(rec);
    return rc;
}

/* The folders of DIR as walked, each opened with O_NOFOLLOW from the one before, so that a
 * component swapped for a link afterwards changes nothing: fd[n - 1] is DIR. made[k] when
 * this run created folder k, which goes again if the export fails. */
typedef struct dest {
    int *fd;
    char **name;
    unsigned char *made;
    int n;
} dest;

static void dest_close(dest *d, int undo)
{
    for (int k = d->n - 1; k >= 0; k--) {
        if (d->fd[k] >= 0)
            close(d->fd[k]);
        /* only empty folders go: rmdir cannot take anything else with it */
        if (undo && d->made[k] && k > 0)
            unlinkat(d->fd[k - 1], d->name[k], AT_REMOVEDIR);
        free(d->name[k]);
    }
    free(d->fd);
    free(d->name);
    free(d->made);
    memset(d, 0, sizeof *d);
}

static int dest_push(dest *d, int fd, const char *name, int made)
{
    int *f = realloc(d->fd, (size_t)(d->n + 1) * sizeof *f);
    if (f)
        d->fd = f;
    char **nm = f ? realloc(d->name, (size_t)(d->n + 1) * sizeof *nm) : NULL;
    if (nm)
        d->name = nm;
    unsigned char *m = nm ? realloc(d->made, (size_t)(d->n + 1)) : NULL;
    if (m)
        d->made = m;
    char *copy = m ? strdup(name) : NULL;
    if (!copy) {
        close(fd);
        return -1;
    }
    d->fd[d->n] = fd;
    d->name[d->n] = copy;
    d->made[d->n] = (unsigned char)made;
    d->n++;
    return 0;
}

/* Opens DIR component by component, making the missing ones; refuses a symbolic link
 * anywhere on the way (the path as given, from / or the working folder). */
static int dest_open(const char *dir, dest *d, hs_err *err)
{
    memset(d, 0, sizeof *d);
    int rc = HS_OK;
    const char *from = dir[0] == '/' ? "/" : ".";
    char *path = strdup(dir);
    int start = open(from, O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (start < 0) {
        rc = hs_err_set(err, HS_EIO, errno, "export: cannot open '%s'", from);
        goto out;
    }
    if (!path || dest_push(d, start, from, 0)) {
        rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
        goto out;
    }
    for (char *p = path; *p;) {
        char *e = strchr(p, '/');
        if (e == p) {
            p++;
            continue;
        }
        if (e)
            *e = '\0';
        int parent = d->fd[d->n - 1], made = 0;
        int fd = openat(parent, p, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0 && errno == ENOENT) {
            if (mkdirat(parent, p, 0777) == 0)
                made = 1;
            else if (errno != EEXIST) {
                rc = hs_err_set(err, HS_EIO, errno, "export: cannot create folder '%s'", path);
                goto out;
            }
            fd = openat(parent, p, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        }
        struct stat st;
        if (fd < 0) {
            int e0 = errno;
            if (fstatat(parent, p, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode))
                rc = hs_err_set(err, HS_EINVAL, 0,
                                "export: '%s' is a symbolic link; give the folder it points to",
                                path);
            else if (e0 == ENOTDIR)
                rc = hs_err_set(err, HS_EINVAL, 0, "export: '%s' is not a folder", path);
            else
                rc = hs_err_set(err, HS_EIO, e0, "export: cannot open folder '%s'", path);
            goto out;
        }
        if (fstat(fd, &st) != 0 || !S_ISDIR(st.st_mode)) {
            close(fd);
            rc = hs_err_set(err, HS_EINVAL, 0, "export: '%s' is not a folder", path);
            goto out;
        }
        if (dest_push(d, fd, p, made)) {
            rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
            goto out;
        }
        if (!e)
            break;
        *e = '/';
        p = e + 1;
    }
out:
    if (rc)
        dest_close(d, 1);
    free(path);
    return rc;
}

/* Removes the folder name in parent and everything in it, following no link. */
static void remove_tree(int parent, const char *name)
{
    int fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    DIR *dir = fd >= 0 ? fdopendir(fd) : NULL;
    if (dir) {
        struct dirent *e;
        while ((e = readdir(dir))) {
            struct stat st;
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            if (fstatat(fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode))
                remove_tree(fd, e->d_name);
            else
                unlinkat(fd, e->d_name, 0);
        }
        closedir(dir);
    } else if (fd >= 0) {
        close(fd);
    }
    unlinkat(parent, name, AT_REMOVEDIR);
}

/* 0 when name in parent does not exist or is an empty folder (which the bag may replace);
 * otherwise the one-line reason, naming shown. */
static int target_free(int parent, const char *name, const char *shown, hs_err *err)
{
    struct stat st;
    if (fstatat(parent, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
        return errno == ENOENT
                   ? HS_OK
                   : hs_err_set(err, HS_EIO, errno, "export: cannot look at '%s'", shown);
    if (S_ISLNK(st.st_mode))
        return hs_err_set(err, HS_EEXIST, 0, "export: '%s' is a symbolic link; nothing written",
                          shown);
    if (!S_ISDIR(st.st_mode))
        return hs_err_set(err, HS_EEXIST, 0,
                          "export: '%s' already exists and is not a folder; nothing written",
                          shown);
    int fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    DIR *dir = fd >= 0 ? fdopendir(fd) : NULL;
    if (!dir) {
        int e0 = errno;
        if (fd >= 0)
            close(fd);
        return hs_err_set(err, HS_EIO, e0, "export: cannot open '%s'", shown);
    }
    int rc = HS_OK;
    struct dirent *e;
    while (rc == HS_OK && (e = readdir(dir)))
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            rc = hs_err_set(err, HS_EEXIST, 0,
                            "export: '%s' already exists and is not empty; nothing written", shown);
    closedir(dir);
    return rc;
}

/* Unpacks the bag of r (read from zip) into dir/<name>/. The bag goes first into a new
 * folder inside dir that only this user can enter, so that no one can put a link in the way
 * of the files arc_extract creates, and is then renamed into place: dir/<name> appears
 * whole or not at all. */
static int export_dir(arc_reader *r, const char *zip, const char *dir, hs_err *err)
{
    const char *name = arc_name(r);
    dest d = {0};
    char stage[64], *shown = NULL;
    int rc = HS_OK, staged = 0, sfd = -1, cwd = -1, dfd = -1;
    /* the bag folder becomes one name in dir: never "..", "." or a path */
    if (!*name || strcmp(name, ".") == 0 || strcmp(name, "..") == 0 || strchr(name, '\\'))
        return hs_err_set(err, HS_EFORMAT, 0, "export: '%s': unsafe bag folder name '%s'", zip,
                          name);
    if (!(shown = hs_path_join(dir, name)))
        return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    if ((rc = dest_open(dir, &d, err)))
        goto out;
    dfd = d.fd[d.n - 1];
    if ((rc = target_free(dfd, name, shown, err)))
        goto out;
    for (int i = 0; !staged; i++) {
        snprintf(stage, sizeof stage, ".hoso-export-%ld-%d", (long)getpid(), i);
        if (mkdirat(dfd, stage, 0700) == 0)
            staged = 1;
        else if (errno != EEXIST || i == 99) {
            rc = hs_err_set(err, HS_EIO, errno, "export: cannot create a folder in '%s'", dir);
            goto out;
        }
    }
    sfd = openat(dfd, stage, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    cwd = open(".", O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (sfd < 0 || cwd < 0 || fchdir(sfd) != 0) {
        rc = hs_err_set(err, HS_EIO, errno, "export: cannot enter a new folder in '%s'", dir);
        goto out;
    }
    /* one thread: the working folder is the staging folder only for this call */
    rc = arc_extract(r, ".", err);
    if (fchdir(cwd) != 0 && rc == HS_OK)
        rc = hs_err_set(err, HS_EIO, errno, "export: cannot return to the working folder");
    if (rc) {
        hs_err_prefix(err, "export: '%s' not written", shown);
        goto out;
    }
    /* rename, not a check and a copy: a bag that appeared meanwhile is still not replaced
     * (only an empty folder can be) */
    if (renameat(sfd, name, dfd, name) != 0) {
        if (errno == ENOTEMPTY || errno == EEXIST)
            rc = hs_err_set(err, HS_EEXIST, 0,
                            "export: '%s' already exists and is not empty; nothing written", shown);
        else if (errno == ENOTDIR)
            rc = hs_err_set(err, HS_EEXIST, 0,
                            "export: '%s' already exists and is not a folder; nothing written",
                            shown);
        else
            rc = hs_err_set(err, HS_EIO, errno, "export: cannot move the bag to '%s'", shown);
    }
out:
    if (sfd >= 0)
        close(sfd);
    if (cwd >= 0)
        close(cwd);
    if (staged)
        remove_tree(dfd, stage);
    dest_close(&d, rc != HS_OK);
    free(shown);
    return rc;
}

/* ---- --pdf FILE: the dossier's PDF/A ---- */

/* The dossier's searchable PDF as one PDF/A-2b file in the folder tmp (*path, malloc'd):
 * dossier.pdf as filed when it is the only one and PDF/A already (byte for byte what the
 * manifest lists), else its parts (the record's "pdf", in order) joined and made PDF/A. */
static int pdf_make(arc_reader *r, const char *tmp, char **path, hs_err *err)
{
    *path = NULL;
    char *data = NULL, *parts[16] = {0};
    size_t len = 0;
    pl_dossier *rec = NULL;
    int n = 0, rc = pl_dossier_read(r, arc_name(r), &rec, err);
    if (rc)
        return rc;
    size_t count = pl_dossier_pdf_count(rec);
    if (count == 0) {
        rc = hs_err_set(err, HS_ENOTFOUND, 0, "export: dossier '%s' has no PDF", arc_name(r));
        goto out;
    }
    if (count > sizeof parts / sizeof parts[0]) {
        rc = hs_err_set(err, HS_ELIMIT, 0, "export: dossier '%s' has %zu PDFs (at most %zu)",
                        arc_name(r), count, sizeof parts / sizeof parts[0]);
        goto out;
    }
    for (size_t i = 0; i < count && rc == HS_OK; i++) {
        const char *p = pl_dossier_pdf(rec, i);
        char name[32];
        snprintf(name, sizeof name, "part-%zu.pdf", i + 1);
        if (!p) {
            rc = hs_err_set(err, HS_EFORMAT, 0, "'%s': bad pdf list in dossier.json", arc_name(r));
            break;
        }
        free(data);
        data = NULL;
        if ((rc = arc_read(r, p, &data, &len, err)))
            break;
        if (!(parts[n] = hs_path_join(tmp, name))) {
            rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
            break;
        }
        rc = hs_file_write_atomic(parts[n++], data, len, err);
    }
    if (rc)
        goto out;
    /* the XMP stream is not compressed (PDF/A): its pdfaid part is found in the bytes */
    if (count == 1 && memmem(data, len, "<pdfaid:part>2</pdfaid:part>", 28)) {
        *path = parts[0];
        parts[0] = NULL;
        goto out;
    }
    char *joined = hs_path_join(tmp, "joined.pdf"), *made = hs_path_join(tmp, "out.pdf");
    const char *title = pl_dossier_field_value(rec, "title");
    hs_buf t;
    hs_buf_init(&t);
    if (!joined || !made ||
        hs_buf_printf(&t, "%s%s%s", arc_name(r), title ? " - " : "", title ? title : ""))
        rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    if (rc == HS_OK && count > 1)
        rc = ocr_pdf_join((const char *const *)parts, n, joined, err);
    if (rc == HS_OK)
        rc = ocr_pdf_archival(count > 1 ? joined : parts[0], made, t.data, err);
    if (rc == HS_OK) {
        *path = made;
        made = NULL;
    }
    if (joined)
        unlink(joined);
    free(joined);
    free(made);
    hs_buf_release(&t);
out:
    for (int i = 0; i < n; i++) {
        if (parts[i])
            unlink(parts[i]);
        free(parts[i]);
    }
    free(data);
    pl_dossier_free(rec);
    return rc;
}

/* Writes the dossier's PDF/A to file: a new file, never over an existing one nor through
 * a symbolic link (its folder is opened as --dir's is, the file with O_EXCL and
 * O_NOFOLLOW); a failed export leaves no file. */
static int export_pdf(arc_reader *r, const char *file, hs_err *err)
{
    char *copy = strdup(file), *made = NULL, *data = NULL;
    const char *base = NULL, *dir = ".", *tmpdir = getenv("TMPDIR");
    hs_buf tb;
    hs_buf_init(&tb);
    dest d = {0};
    int rc = HS_OK, fd = -1, staged = 0;
    size_t len = 0;
    if (!copy) {
        rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
        goto out;
    }
    char *slash = strrchr(copy, '/');
    base = slash ? slash + 1 : copy;
    if (slash == copy)
        dir = "/";
    else if (slash) {
        *slash = '\0';
        dir = copy;
    }
    if (!*base || !strcmp(base, ".") || !strcmp(base, "..")) {
        rc = hs_err_set(err, HS_EINVAL, 0, "export: '%s' is not a file name", file);
        goto out;
    }
    if (hs_buf_printf(&tb, "%s/hoso-export-%ld-XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp",
                      (long)getpid()) ||
        !mkdtemp(tb.data)) {
        rc = hs_err_set(err, HS_EIO, errno, "export: cannot make a temporary folder");
        goto out;
    }
    staged = 1;
    if ((rc = pdf_make(r, tb.data, &made, err)) ||
        (rc = hs_file_read(made, (size_t)1 << 34, &data, &len, err)) ||
        (rc = dest_open(dir, &d, err)))
        goto out;
    fd = openat(d.fd[d.n - 1], base, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (fd < 0) {
        struct stat st;
        if (errno == EEXIST && fstatat(d.fd[d.n - 1], base, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
            S_ISLNK(st.st_mode))
            rc = hs_err_set(err, HS_EEXIST, 0, "export: '%s' is a symbolic link; nothing written",
                            file);
        else if (errno == EEXIST)
            rc = hs_err_set(err, HS_EEXIST, 0, "export: '%s' already exists; nothing written", file);
        else
            rc = hs_err_set(err, HS_EIO, errno, "export: cannot create '%s'", file);
        goto out;
    }
    for (size_t off = 0; off < len && rc == HS_OK;) {
        ssize_t w = write(fd, data + off, len - off);
        if (w <= 0)
            rc = hs_err_set(err, HS_EIO, errno, "export: cannot write '%s'", file);
        else
            off += (size_t)w;
    }
    if (rc == HS_OK && fsync(fd) != 0)
        rc = hs_err_set(err, HS_EIO, errno, "export: cannot write '%s'", file);
    if (close(fd) != 0 && rc == HS_OK)
        rc = hs_err_set(err, HS_EIO, errno, "export: cannot write '%s'", file);
    if (rc)
        unlinkat(d.fd[d.n - 1], base, 0);
out:
    if (made)
        unlink(made);
    if (staged)
        rmdir(tb.data);
    hs_buf_release(&tb);
    if (d.n)
        dest_close(&d, rc != HS_OK);
    free(made);
    free(data);
    free(copy);
    return rc;
}

int cmd_export(pl_home *home, int argc, char **argv)
{
    static const struct option opts[] = {
        {"text", no_argument, NULL, 't'},
        {"dir", required_argument, NULL, 'd'},
        {"pdf", required_argument, NULL, 'p'},
        {"help", no_argument, NULL, 'h'},
        {0, 0, 0, 0},
    };
    int text = 0, c;
    const char *dir = NULL, *pdf = NULL;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 't':
            text = 1;
            break;
        case 'd':
            dir = optarg;
            break;
        case 'p':
            pdf = optarg;
            break;
        case 'h':
            return cli_help_print(stdout, "export");
        default:
            return cli_usage(usage, _("export: unknown or incomplete option '%s'"),
                             argv[optind - 1]);
        }
    }
    if (optind != argc - 1)
        return cli_usage(usage, _("export: give exactly one dossier code"));
    if (text + (dir != NULL) + (pdf != NULL) != 1)
        return cli_usage(usage, _("export: give one of --text, --dir or --pdf"));
    if (dir && !*dir)
        return cli_usage(usage, _("export: --dir is empty"));
    if (pdf && !*pdf)
        return cli_usage(usage, _("export: --pdf is empty"));
    hs_err err;
    hs_err_clear(&err);
    idx_db *db = NULL;
    arc_reader *r = NULL;
    char *rel = NULL, *record = NULL, *abs = NULL;
    int rc = pl_home_index(home, 0, &db, &err);
    if (rc == HS_OK)
        rc = idx_dossier_get(db, argv[optind], &rel, &record, &err);
    if (rc == HS_OK && !(abs = pl_home_abs(home, rel)))
        rc = hs_err_set(&err, HS_ENOMEM, 0, "out of memory");
    if (rc == HS_OK)
        rc = arc_open(abs, &r, &err);
    if (rc == HS_OK)
        rc = text ? export_text(r, &err)
             : pdf ? export_pdf(r, pdf, &err)
                   : export_dir(r, abs, dir, &err);
    if (rc)
        cli_err(&err);
    else if (dir)
        printf("%s/%s\n", dir, arc_name(r));
    else if (pdf)
        printf("%s\n", pdf);
    if (rc == HS_OK && pdf) {
        char *where = realpath(pdf, NULL);
        hs_err e;
        if (pl_event_record(db, arc_name(r),
                            pl_event_new("export", "success", "PDF/A copied to '%s'",
                                         where ? where : pdf),
                            &e))
            cli_error(_("export: the export could not be logged: %s"), e.msg);
        free(where);
    }
    /* a copy of the bag left the archive: the dossier's log says where to */
    if (rc == HS_OK && dir) {
        char *where = realpath(dir, NULL);
        hs_err e;
        if (pl_event_record(db, arc_name(r),
                            pl_event_new("export", "success", "bag copied to '%s/%s'",
                                         where ? where : dir, arc_name(r)),
                            &e))
            cli_error(_("export: the export could not be logged: %s"), e.msg);
        free(where);
    }
    idx_db_close(db);
    arc_close(r);
    free(abs);
    free(rel);
    free(record);
    return rc ? EXIT_FAIL : EXIT_OK;
}
