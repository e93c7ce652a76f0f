/* cmd_device.c - scanning at the counter: `hoso devices`, `hoso scan --device NAME ...`
 * and `hoso pending`. Pages are written to HOME/pending/<device>/ as they arrive, next to
 * the device name, code and --append the scan was started with; a jam, an open cover, a
 * lost device or Ctrl-C stops the scan and leaves them there as a pending dossier, which
 * `--resume` continues. A recogniser thread reads each kept page (cleanup and OCR, the
 * same stages as image files) while the scanner feeds the next; when the feeder is empty
 * the pages are filed as one dossier, then the pending folder is removed. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <leptonica/allheaders.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "cli_help.h"
#include "ocr.h"
#include "scan.h"

int cmd_devices(pl_home *home, int argc, char **argv)
{
    (void)home;
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return cli_help_print(stdout, "devices");
    int json = argc > 1 && strcmp(argv[1], "--json") == 0;
    if (argc > 1 + json)
        return cli_usage("devices", "devices: unknown argument '%s'", argv[1 + json]);
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
static char *pending_dir(const pl_home *home, const char *device)
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

/* What a scan was started with is kept next to its pending pages, one small file each:
 * "device" (the SANE name, which the folder name has with unsafe characters replaced),
 * "code" (the dossier code) and "append" (present when --append was given). */
static const char *const pending_meta[] = {"device", "code", "append", NULL};

/* The text of the file name in a pending folder (malloc'd), or NULL if missing or empty. */
static char *meta_read(const char *dir, const char *name)
{
    char *path = hs_path_join(dir, name), *text = NULL;
    size_t len = 0;
    if (!path || hs_file_read(path, 256, &text, &len, NULL) != HS_OK || len == 0) {
        free(text);
        text = NULL;
    }
    free(path);
    return text;
}

static int meta_has(const char *dir, const char *name)
{
    char *path = hs_path_join(dir, name);
    int has = path && access(path, F_OK) == 0;
    free(path);
    return has;
}

static int meta_write(const char *dir, const char *name, const char *text, hs_err *err)
{
    char *path = hs_path_join(dir, name);
    int rc = path ? hs_file_write_atomic(path, text, strlen(text), err)
                  : hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    free(path);
    return rc;
}

static void meta_remove(const char *dir, const char *name)
{
    char *path = hs_path_join(dir, name);
    if (path)
        unlink(path);
    free(path);
}

/* Removes a pending folder that holds no pages any more: its saved settings, then it. */
static void pending_remove(const char *dir)
{
    for (const char *const *m = pending_meta; *m; m++)
        meta_remove(dir, *m);
    rmdir(dir);
}

/* Whether a source option's value names a document feeder (any backend's spelling). */
static int source_is_feeder(const char *source)
{
    static const char *const words[] = {"ADF", "Feeder", "Duplex", NULL};
    for (const char *const *w = words; *w; w++)
        if (strcasestr(source, *w))
            return 1;
    return 0;
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

/* The recogniser: a thread that owns the OCR engine (loading it while the first page is
 * scanned) and recognises the page files in the order the scanning loop hands them over,
 * so Tesseract reads page k while SANE scans page k+1. */
typedef struct recogniser {
    pthread_mutex_t lock;
    pthread_cond_t more;
    pthread_t th;
    int running;           /* th was started; if not, the reading happens in finish */
    const pl_options *opt; /* borrowed */
    char **files;          /* copies of the paths handed over, in page order */
    int n, cap;
    int closed; /* no more pages will come */
    int stop;   /* the scan failed: stop after the page being read */
    /* written by the recogniser, read once it is joined */
    pl_pages *pages;
    int rc;
    hs_err err;
    double busy; /* seconds spent decoding, cleaning and recognising pages */
} recogniser;

static void *recogniser_run(void *ud)
{
    recogniser *q = ud;
    ocr_engine *eng = NULL;
    pl_recog *r = NULL;
    pl_pages *pages = NULL;
    hs_err err;
    hs_err_clear(&err);
    int rc = ocr_engine_new(q->opt->lang, &eng, &err), stop = 0;
    if (rc == HS_OK)
        rc = pl_recognise_begin(eng, q->opt, &r, &err);
    for (int i = 0; rc == HS_OK; i++) {
        pthread_mutex_lock(&q->lock);
        while (i == q->n && !q->closed && !q->stop)
            pthread_cond_wait(&q->more, &q->lock);
        stop = q->stop;
        /* the array may be reallocated by the next push; the string stays */
        const char *file = i < q->n ? q->files[i] : NULL;
        pthread_mutex_unlock(&q->lock);
        if (stop || !file)
            break;
        double t = hs_now();
        rc = pl_recognise_add(r, file, &err);
        q->busy += hs_now() - t;
    }
    double t = hs_now();
    if (rc == HS_OK && !stop)
        rc = pl_recognise_end(r, &pages, &err);
    q->busy += hs_now() - t;
    pl_recognise_free(r);
    /* the models are big: free them before the archive is built */
    ocr_engine_free(eng);
    q->pages = pages;
    q->rc = rc;
    q->err = err;
    return NULL;
}

/* Starts the recogniser on a zeroed q. SIGINT stays with the scanning thread, whose
 * handler cancels the device. If no thread can be started the pages are read in
 * recogniser_finish instead, after the scan. */
static void recogniser_start(recogniser *q, const pl_options *opt)
{
    pthread_mutex_init(&q->lock, NULL);
    pthread_cond_init(&q->more, NULL);
    q->opt = opt;
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    pthread_sigmask(SIG_BLOCK, &block, &old);
    q->running = pthread_create(&q->th, NULL, recogniser_run, q) == 0;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
}

/* Hands a kept page file to the recogniser (copied). -1: out of memory. */
static int recogniser_push(recogniser *q, const char *file)
{
    char *copy = strdup(file);
    if (!copy)
        return -1;
    pthread_mutex_lock(&q->lock);
    if (q->n == q->cap) {
        int cap = q->cap ? q->cap * 2 : 16;
        char **v = realloc(q->files, (size_t)cap * sizeof *v);
        if (!v) {
            pthread_mutex_unlock(&q->lock);
            free(copy);
            return -1;
        }
        q->files = v;
        q->cap = cap;
    }
    q->files[q->n++] = copy;
    pthread_cond_signal(&q->more);
    pthread_mutex_unlock(&q->lock);
    return 0;
}

/* No more pages. With discard the recognition is dropped (the recogniser stops after the
 * page it is reading); else it reads the rest and *pages gets every page (pl_pages_free),
 * or the recognition's error is returned in err. Releases q. */
static int recogniser_finish(recogniser *q, int discard, pl_pages **pages, double *busy,
                             hs_err *err)
{
    *pages = NULL;
    pthread_mutex_lock(&q->lock);
    q->closed = 1;
    q->stop = discard;
    pthread_cond_signal(&q->more);
    pthread_mutex_unlock(&q->lock);
    if (q->running)
        pthread_join(q->th, NULL);
    else if (!discard)
        recogniser_run(q);
    int rc = discard ? HS_OK : q->rc;
    if (busy)
        *busy = q->busy;
    if (discard)
        pl_pages_free(q->pages);
    else if (rc)
        *err = q->err;
    else
        *pages = q->pages;
    pthread_mutex_destroy(&q->lock);
    pthread_cond_destroy(&q->more);
    for (int i = 0; i < q->n; i++)
        free(q->files[i]);
    free(q->files);
    memset(q, 0, sizeof *q);
    return rc;
}

/* --device --split: the scanned pages cut into dossiers and each filed; the codes printed
 * (with --json, the plan with each dossier's code and archive). Every part filed: 0; some
 * not: HS_EEXIST with err saying how many, and the scanned pages stay pending. */
static int split_device_pages(pl_home *home, idx_db *db, const pl_options *o, pl_pages *pages,
                              int json, hs_err *err)
{
    pl_plan *plan = NULL;
    int rc = pl_split_plan(pages, o->drop_blank, &plan, err);
    int failed = rc == HS_OK ? pl_file_parts(home, db, o, pages, plan, err) : rc;
    if (failed >= 0)
        cli_split_print(plan, json, 0);
    if (failed > 0)
        rc = hs_err_set(err, HS_EEXIST, 0, "%d of the %d dossiers of the stack not filed", failed,
                        pl_plan_count(plan));
    else if (failed < 0)
        rc = failed;
    pl_plan_free(plan);
    return rc;
}

int scan_from_device(pl_home *home, const pl_options *o, const scan_request *req, int json)
{
    hs_err err;
    hs_err_clear(&err);
    scan_device *d = NULL;
    char *dir = pending_dir(home, req->device), **files = NULL, *saved = NULL, *saved_dev = NULL;
    int nfiles = 0, rc = EXIT_FAIL, have_rec = 0;
    recogniser rec;
    memset(&rec, 0, sizeof rec);
    if (!dir || page_files(dir, &files, &nfiles)) {
        cli_error("scan: cannot read the pending pages of '%s'", req->device);
        goto out;
    }
    /* two device names can share a folder name ("a:0" and "a_0") */
    saved_dev = nfiles > 0 ? meta_read(dir, "device") : NULL;
    if (saved_dev && strcmp(saved_dev, req->device) != 0) {
        cli_error("scan: the %d pending page%s in '%s' %s scanned on '%s', not '%s'", nfiles,
                  nfiles == 1 ? "" : "s", dir, nfiles == 1 ? "was" : "were", saved_dev,
                  req->device);
        rc = EXIT_USAGE;
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
    /* a split leaves blank pages out itself, and says so */
    if (req->split)
        opt.drop_blank = 0;
    /* the code and --append given when the scan started are kept with the pending pages;
     * --append holds for the dossier it was given with */
    if (req->resume && (saved = meta_read(dir, "code")) && !pl_code_valid(saved)) {
        cli_error("scan: bad dossier code '%s' saved in '%s'", saved, dir);
        goto out;
    }
    if (req->resume && !opt.code)
        opt.code = saved;
    if (req->resume && saved && !strcmp(opt.code, saved) && meta_has(dir, "append"))
        opt.append = 1;
    if (opt.append && !opt.code) {
        cli_error("scan: --append needs --code (none was saved with the pending pages)");
        rc = EXIT_USAGE;
        goto out;
    }
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
    /* ADF mode: asked for, or the source the options left set names a feeder (as
     * --sane-option "source=Automatic Document Feeder" does) */
    int adf_mode = req->duplex || (req->source && strcmp(req->source, "adf") == 0);
    char source[128];
    hs_err ignore;
    if (!adf_mode && scan_device_value(d, "source", source, sizeof source, &ignore) == HS_OK)
        adf_mode = source_is_feeder(source);
    if (hs_mkdir_p(dir, &err) || meta_write(dir, "device", req->device, &err) ||
        (opt.code && meta_write(dir, "code", opt.code, &err)) ||
        (opt.append && meta_write(dir, "append", "1", &err))) {
        cli_err(&err);
        goto out;
    }
    /* none left over from an earlier scan that stopped before its first page */
    if (!opt.code)
        meta_remove(dir, "code");
    if (!opt.append)
        meta_remove(dir, "append");
    /* acquire: every page is on disk before the next is asked for, and handed to the
     * recogniser (the pending pages of a resumed scan first) */
    recogniser_start(&rec, &opt);
    have_rec = 1;
    for (int i = 0; i < nfiles; i++)
        if (recogniser_push(&rec, files[i])) {
            cli_error("out of memory");
            goto out;
        }
    active = d;
    struct sigaction sa = {0}, old;
    sa.sa_handler = on_sigint;
    sigaction(SIGINT, &sa, &old);
    int scanned = 0, failed = 0;
    double t_read = 0; /* when the last page was read */
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
        t_read = hs_now();
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
        if (recogniser_push(&rec, path)) {
            cli_error("scan: page %d: out of memory", page);
            failed = 1;
            break;
        }
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
    /* a failed scan is not filed: its recognition is dropped, its pages stay pending */
    pl_pages *pages = NULL;
    double rec_busy = 0;
    int prc = recogniser_finish(&rec, failed || nfiles == 0, &pages, &rec_busy, &err);
    have_rec = 0;
    double t_recognised = hs_now();
    if (failed) {
        if (nfiles == 0) /* nothing kept: no pending dossier */
            pending_remove(dir);
        goto out;
    }
    if (nfiles == 0) {
        cli_error("scan: scanner '%s' gave no pages (is the feeder empty?)", req->device);
        pending_remove(dir);
        goto out;
    }
    /* file them as pl_file_dossier does for image files */
    pl_result res;
    idx_db *db = NULL;
    if (prc == HS_OK)
        prc = pl_home_index(home, 0, &db, &err);
    if (prc == HS_OK)
        prc = pl_home_mend(home, db, cli_warn, (void *)"scan: ", &err);
    memset(&res, 0, sizeof res);
    if (prc == HS_OK && req->split) {
        prc = split_device_pages(home, db, o, pages, json, &err);
        idx_db_close(db);
        pl_pages_free(pages);
        if (prc) {
            cli_error("%s; the %d scanned page%s stay pending in '%s'", err.msg, nfiles,
                      nfiles == 1 ? "" : "s", dir);
            goto out;
        }
        for (int i = 0; i < nfiles; i++)
            unlink(files[i]);
        pending_remove(dir);
        rc = EXIT_OK;
        goto out;
    }
    if (prc == HS_OK)
        prc = pl_file(home, db, &opt, pages, NULL, NULL, &res, &err);
    idx_db_close(db);
    double t_filed = hs_now();
    pl_pages_free(pages);
    if (prc) {
        cli_error("%s; the %d scanned page%s stay pending in '%s'", err.msg, nfiles,
                  nfiles == 1 ? "" : "s", dir);
        goto out;
    }
    if (req->timings && t_read > 0)
        fprintf(stderr,
                "hoso: scan: timings: %d page%s; recognition (decoding, cleanup, OCR) %.3f s; "
                "last page read -> recognised %.3f s -> filed and searchable %.3f s; last page "
                "read -> searchable %.3f s\n",
                nfiles, nfiles == 1 ? "" : "s", rec_busy, t_recognised - t_read,
                t_filed - t_recognised, t_filed - t_read);
    for (int i = 0; i < nfiles; i++)
        unlink(files[i]);
    pending_remove(dir);
    cli_result_print(&res, json);
    pl_result_release(&res);
    rc = EXIT_OK;
out:
    if (have_rec) {
        pl_pages *drop = NULL;
        recogniser_finish(&rec, 1, &drop, NULL, &err);
    }
    free(saved);
    free(saved_dev);
    scan_device_close(d);
    free_files(files, nfiles);
    free(dir);
    return rc;
}

int cmd_pending(pl_home *home, int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return cli_help_print(stdout, "pending");
    int json = argc > 1 && strcmp(argv[1], "--json") == 0;
    if (argc > 1 + json)
        return cli_usage("pending", "pending: unknown argument '%s'", argv[1 + json]);
    char *root = hs_path_join(home->dir, "pending");
    DIR *d = root ? opendir(root) : NULL;
    json_t *a = json_array();
    int n = 0;
    struct dirent *e;
    while (d && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char *dir = hs_path_join(root, e->d_name), **files = NULL;
        int nf = 0;
        page_files(dir, &files, &nf);
        /* folders left by older versions have no "device" file: their name is all there is */
        char *code = meta_read(dir, "code"), *device = meta_read(dir, "device");
        const char *dev = device ? device : e->d_name;
        int append = meta_has(dir, "append");
        if (json)
            json_array_append_new(a, json_pack("{s:s, s:i, s:s?, s:b, s:s}", "device", dev,
                                               "pages", nf, "code", code, "append", append,
                                               "folder", dir));
        else
            printf("%-24s %3d page%s  %s%s%s\n", dev, nf, nf == 1 ? " " : "s",
                   code ? "code " : "", code ? code : "", append ? " (append)" : "");
        n++;
        free(code);
        free(device);
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
