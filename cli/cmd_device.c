/* cmd_device.c - scanning at the counter: `hoso devices`, `hoso scan --device NAME ...`
 * and `hoso pending`. Pages are written to HOME/pending/<device>/ as they arrive; a jam,
 * an open cover, a lost device or Ctrl-C stops the scan and leaves them there as a
 * pending dossier, which `--resume` continues. When the feeder is empty the pages are
 * filed as one dossier through the same pipeline as image files, then the pending folder
 * is removed. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <leptonica/allheaders.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "scan.h"

int cmd_devices(hs_home *home, int argc, char **argv)
{
    (void)home;
    int json = argc > 1 && strcmp(argv[1], "--json") == 0;
    if (argc > 1 + json)
        return cli_usage("hoso devices [--json]", "devices: unknown argument '%s'", argv[1 + json]);
    hs_err err;
    hs_err_clear(&err);
    scan_device_info *v = NULL;
    int n = 0;
    if (scan_devices_list(&v, &n, &err)) {
        cli_err(&err);
        return EXIT_FAIL;
    }
    json_t *a = json_array();
    for (int i = 0; i < n; i++) {
        if (json)
            json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:s}", "name", v[i].name,
                                               "vendor", v[i].vendor, "model", v[i].model, "type",
                                               v[i].type));
        else
            printf("%-24s %s %s (%s)\n", v[i].name, v[i].vendor, v[i].model, v[i].type);
    }
    if (json)
        cli_json_print(stdout, a);
    else if (!n)
        printf("no scanners found\n");
    json_decref(a);
    free(v);
    scan_sane_exit();
    return EXIT_OK;
}

/* HOME/pending/<device name with unsafe characters replaced> */
static char *pending_dir(const hs_home *home, const char *device)
{
    char name[160];
    size_t k = 0;
    for (const char *p = device; *p && k + 1 < sizeof name; p++)
        name[k++] = (char)((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                                   (*p >= '0' && *p <= '9') || *p == '-' || *p == '.'
                               ? *p
                               : '_');
    name[k] = '\0';
    hs_buf b;
    hs_buf_init(&b);
    hs_buf_printf(&b, "%s/pending/%s", home->dir, name);
    return hs_buf_detach(&b, NULL);
}

static int page_files(const char *dir, char ***files, int *n)
{
    *files = NULL;
    *n = 0;
    DIR *d = opendir(dir);
    if (!d)
        return errno == ENOENT ? HS_OK : HS_EIO;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t l = strlen(e->d_name);
        if (l < 5 || strcmp(e->d_name + l - 4, ".png") != 0)
            continue;
        char **f = realloc(*files, (size_t)(*n + 1) * sizeof *f);
        if (!f)
            break;
        *files = f;
        f[(*n)++] = hs_path_join(dir, e->d_name);
    }
    closedir(d);
    for (int i = 1; i < *n; i++) /* names are NNNN.png: sort them */
        for (int j = i; j > 0 && strcmp((*files)[j - 1], (*files)[j]) > 0; j--) {
            char *t = (*files)[j];
            (*files)[j] = (*files)[j - 1];
            (*files)[j - 1] = t;
        }
    return HS_OK;
}

static void free_files(char **files, int n)
{
    for (int i = 0; i < n; i++)
        free(files[i]);
    free(files);
}

static scan_device *active;
static void on_sigint(int sig)
{
    (void)sig;
    if (active)
        scan_device_cancel(active);
}

/* Maps hoso's --source and --mode words to what this backend calls them. */
static const char *pick_choice(scan_device *d, const char *option, const char *const *words)
{
    const char **list = NULL;
    if (!scan_device_choices(d, option, &list))
        return NULL;
    for (const char *const *w = words; *w; w++)
        for (const char **c = list; *c; c++)
            if (strcasestr(*c, *w))
                return *c;
    return NULL;
}

int scan_from_device(hs_home *home, const pl_options *o, const scan_request *req, int json)
{
    hs_err err;
    hs_err_clear(&err);
    scan_device *d = NULL;
    char *dir = pending_dir(home, req->device), **files = NULL, *meta = NULL, *saved = NULL;
    int nfiles = 0, rc = EXIT_FAIL;
    if (!dir || page_files(dir, &files, &nfiles)) {
        cli_error("scan: cannot read the pending pages of '%s'", req->device);
        goto out;
    }
    if (nfiles > 0 && !req->resume) {
        cli_error("scan: %d page%s of an interrupted scan on '%s' are pending; add --resume to "
                  "continue that dossier (see 'hoso pending')",
                  nfiles, nfiles == 1 ? "" : "s", req->device);
        goto out;
    }
    if (nfiles == 0 && req->resume) {
        cli_error("scan: nothing pending on '%s' to resume", req->device);
        rc = EXIT_USAGE;
        goto out;
    }
    pl_options opt = *o;
    /* the code given when the scan started is kept with the pending pages */
    meta = hs_path_join(dir, "code");
    size_t slen = 0;
    if (req->resume && !opt.code && hs_file_read(meta, 256, &saved, &slen, NULL) == HS_OK &&
        slen > 0)
        opt.code = saved;
    if (scan_device_open(req->device, &d, &err)) {
        cli_err(&err);
        goto out;
    }
    /* options: hoso's names first, then the backend's own */
    static const char *const adf[] = {"Automatic Document Feeder", "ADF", "Feeder", NULL};
    static const char *const adf_duplex[] = {"Duplex", NULL};
    static const char *const flatbed[] = {"Flatbed", NULL};
    if (req->source || req->duplex) {
        const char *s = pick_choice(d, "source",
                                    req->duplex ? adf_duplex
                                    : strcmp(req->source, "adf") == 0 ? adf
                                                                      : flatbed);
        if (!s) {
            cli_error("scan: scanner '%s' has no %s source", req->device,
                      req->duplex ? "duplex" : req->source);
            rc = EXIT_USAGE;
            goto out;
        }
        if (scan_device_option(d, "source", s, &err)) {
            cli_err(&err);
            rc = EXIT_USAGE;
            goto out;
        }
    }
    if (req->mode) {
        static const char *const color[] = {"Color", "Colour", NULL};
        static const char *const gray[] = {"Gray", "Grey", NULL};
        static const char *const lineart[] = {"Lineart", "Line art", "Binary", "Black", NULL};
        const char *m = pick_choice(d, "mode",
                                    !strcmp(req->mode, "color") ? color
                                    : !strcmp(req->mode, "gray") ? gray
                                                                 : lineart);
        int depth1 = 0;
        if (!m && !strcmp(req->mode, "lineart") && (m = pick_choice(d, "mode", gray)))
            depth1 = 1; /* no line-art mode: grey at 1 bit */
        if (!m || scan_device_option(d, "mode", m, &err) ||
            (depth1 && scan_device_option(d, "depth", "1", &err))) {
            if (!m)
                cli_error("scan: scanner '%s' has no %s mode", req->device, req->mode);
            else
                cli_err(&err);
            rc = EXIT_USAGE;
            goto out;
        }
    }
    if (req->resolution) {
        char r[16];
        snprintf(r, sizeof r, "%d", req->resolution);
        if (scan_device_option(d, "resolution", r, &err)) {
            cli_err(&err);
            rc = EXIT_USAGE;
            goto out;
        }
    }
    for (int i = 0; i < req->nopts; i++) {
        char *eq = strchr(req->opts[i], '=');
        if (!eq) {
            cli_error("scan: --sane-option takes NAME=VALUE, not '%s'", req->opts[i]);
            rc = EXIT_USAGE;
            goto out;
        }
        *eq = '\0';
        int bad = scan_device_option(d, req->opts[i], eq + 1, &err);
        *eq = '=';
        if (bad) {
            cli_err(&err);
            rc = EXIT_USAGE;
            goto out;
        }
    }
    if (hs_mkdir_p(dir, &err)) {
        cli_err(&err);
        goto out;
    }
    if (opt.code && hs_file_write_atomic(meta, opt.code, strlen(opt.code), &err)) {
        cli_err(&err);
        goto out;
    }
    /* acquire: every page is on disk before the next is asked for */
    active = d;
    struct sigaction sa = {0}, old;
    sa.sa_handler = on_sigint;
    sigaction(SIGINT, &sa, &old);
    int adf_mode = req->duplex || (req->source && strcmp(req->source, "adf") == 0);
    int scanned = 0, failed = 0;
    for (;;) {
        PIX *pix = NULL;
        int dpi = 0, page = nfiles + 1;
        if (scan_device_page(d, &pix, &dpi, &err)) {
            if (nfiles == 0)
                cli_error("scan: page %d: %s; nothing was scanned, nothing filed", page,
                          err.msg);
            else
                cli_error("scan: page %d: %s; %d page%s kept as a pending dossier: continue "
                          "with 'hoso scan --device %s --resume'",
                          page, err.msg, nfiles, nfiles == 1 ? "" : "s", req->device);
            failed = 1;
            break;
        }
        if (!pix)
            break; /* feeder empty */
        char name[32];
        snprintf(name, sizeof name, "%04d.png", page);
        char *path = hs_path_join(dir, name), *tmp = NULL;
        l_uint8 *png = NULL;
        size_t plen = 0;
        int bad = !path || pixWriteMemPng(&png, &plen, pix, 0.0) ||
                  hs_file_write_atomic(path, png, plen, &err);
        lept_free(png);
        pixDestroy(&pix);
        free(tmp);
        if (bad) {
            cli_error("scan: page %d: cannot keep it: %s", page, err.msg);
            free(path);
            failed = 1;
            break;
        }
        char **f = realloc(files, (size_t)(nfiles + 1) * sizeof *f);
        if (!f) {
            free(path);
            failed = 1;
            break;
        }
        files = f;
        files[nfiles++] = path;
        scanned++;
        if (!json)
            fprintf(stderr, "hoso: scan: page %d scanned\n", page);
        if (!adf_mode)
            break; /* a flatbed gives one page per scan */
    }
    sigaction(SIGINT, &old, NULL);
    active = NULL;
    scan_device_close(d);
    d = NULL;
    scan_sane_exit();
    if (failed) {
        if (nfiles == 0) { /* nothing kept: no pending dossier */
            unlink(meta);
            rmdir(dir);
        }
        goto out;
    }
    if (nfiles == 0) {
        cli_error("scan: scanner '%s' gave no pages (is the feeder empty?)", req->device);
        rmdir(dir);
        goto out;
    }
    /* file them: the same stages as image files */
    pl_result res;
    if (pl_file_dossier(home, &opt, files, nfiles, &res, &err)) {
        cli_error("%s; the %d scanned page%s stay pending in '%s'", err.msg, nfiles,
                  nfiles == 1 ? "" : "s", dir);
        goto out;
    }
    for (int i = 0; i < nfiles; i++)
        unlink(files[i]);
    unlink(meta);
    rmdir(dir);
    pl_result_print(&res, json);
    pl_result_release(&res);
    rc = EXIT_OK;
out:
    free(saved);
    scan_device_close(d);
    free_files(files, nfiles);
    free(meta);
    free(dir);
    return rc;
}

int cmd_pending(hs_home *home, int argc, char **argv)
{
    int json = argc > 1 && strcmp(argv[1], "--json") == 0;
    char *root = hs_path_join(home->dir, "pending");
    DIR *d = root ? opendir(root) : NULL;
    json_t *a = json_array();
    int n = 0;
    struct dirent *e;
    while (d && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char *dir = hs_path_join(root, e->d_name), **files = NULL, *code = NULL;
        int nf = 0;
        size_t cl = 0;
        page_files(dir, &files, &nf);
        char *meta = hs_path_join(dir, "code");
        hs_file_read(meta, 256, &code, &cl, NULL);
        if (json)
            json_array_append_new(a, json_pack("{s:s, s:i, s:s?, s:s}", "device", e->d_name,
                                               "pages", nf, "code", code, "folder", dir));
        else
            printf("%-24s %3d page%s  %s%s\n", e->d_name, nf, nf == 1 ? " " : "s",
                   code ? "code " : "", code ? code : "");
        n++;
        free(code);
        free(meta);
        free_files(files, nf);
        free(dir);
    }
    if (d)
        closedir(d);
    if (json)
        cli_json_print(stdout, a);
    else if (!n)
        printf("nothing pending\n");
    json_decref(a);
    free(root);
    return EXIT_OK;
}
