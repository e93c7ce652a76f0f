/* pl_session.c - scanning at the counter: a scanner session from a SANE device to a
 * filed dossier. Pages are written to HOME/pending/<device>/ as they arrive, next to the
 * device name, code and --append the scan was started with; a jam, an open cover, a lost
 * device or SIGINT stops the scan and leaves them there as a pending dossier, which a
 * resumed session continues. A recogniser thread reads each kept page (cleanup and OCR,
 * the same stages as image files) while the scanner feeds the next; when the feeder is
 * empty the pages are filed as one dossier (or cut into several), then the pending folder
 * is removed. */
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

#include "hs_vec.h"
#include "ocr.h"
#include "pipeline.h"
#include "scan.h"

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
    int n;
    size_t cap;
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
    /* a name of its own (inherited by threads OCR starts), so that the scanner code can
     * tell the backend's reader threads from it */
    pthread_setname_np(pthread_self(), "hoso-ocr");
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
    if (HS_VEC_RESERVE(q->files, q->cap, (size_t)q->n + 1)) {
        pthread_mutex_unlock(&q->lock);
        free(copy);
        return -1;
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

/* The pages of the pending folder dir in *files (names NNNN.png, in order). */
static int pending_pages(const char *dir, char ***files, int *n)
{
    return page_files(dir, files, n);
}

int pl_pending_list(const pl_home *home, pl_pending **out, int *n, hs_err *err)
{
    *out = NULL;
    *n = 0;
    char *root = hs_path_join(home->dir, "pending");
    if (!root)
        return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    DIR *d = opendir(root);
    struct dirent *e;
    int rc = HS_OK;
    while (d && (e = readdir(d)) && rc == HS_OK) {
        if (e->d_name[0] == '.')
            continue;
        pl_pending *v = realloc(*out, (size_t)(*n + 1) * sizeof *v);
        char *dir = hs_path_join(root, e->d_name), **files = NULL;
        if (!v || !dir) {
            free(dir);
            rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
            break;
        }
        *out = v;
        pl_pending *p = &v[(*n)++];
        memset(p, 0, sizeof *p);
        int nf = 0;
        pending_pages(dir, &files, &nf);
        free_files(files, nf);
        p->pages = nf;
        p->folder = dir;
        p->code = meta_read(dir, "code");
        /* folders left by older versions have no "device" file: their name is all there is */
        p->device = meta_read(dir, "device");
        if (!p->device && !(p->device = strdup(e->d_name)))
            rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
        p->append = meta_has(dir, "append");
    }
    if (d)
        closedir(d);
    free(root);
    if (rc) {
        pl_pending_free(*out, *n);
        *out = NULL;
        *n = 0;
    }
    return rc;
}

void pl_pending_free(pl_pending *v, int n)
{
    for (int i = 0; i < n; i++) {
        free(v[i].device);
        free(v[i].code);
        free(v[i].folder);
    }
    free(v);
}

void pl_scan_outcome_release(pl_scan_outcome *o)
{
    pl_result_release(&o->res);
    pl_plan_free(o->plan);
    memset(o, 0, sizeof *o);
}

/* The request itself is wrong: the caller's usage error (a one-line message, err). */
static int usage(pl_scan_outcome *out, int rc)
{
    out->usage = 1;
    return rc;
}

/* Sets the scanner's options from the request: hoso's names first, then the backend's
 * own. A name or value the scanner does not take is a usage error. */
static int set_options(scan_device *d, const pl_scan_request *req, pl_scan_outcome *out,
                       hs_err *err)
{
    static const char *const adf[] = {"Automatic Document Feeder", "ADF", "Feeder", NULL};
    static const char *const adf_duplex[] = {"Duplex", NULL};
    static const char *const flatbed[] = {"Flatbed", NULL};
    if (req->source || req->duplex) {
        const char *s = pick_choice(d, "source",
                                    req->duplex                       ? adf_duplex
                                    : strcmp(req->source, "adf") == 0 ? adf
                                                                      : flatbed);
        if (!s)
            return usage(out, hs_err_set(err, HS_EINVAL, 0, "scanner '%s' has no %s source",
                                         req->device, req->duplex ? "duplex" : req->source));
        if (scan_device_option(d, "source", s, err)) {
            out->usage = 1;
            return HS_EINVAL;
        }
    }
    if (req->mode) {
        static const char *const color[] = {"Color", "Colour", NULL};
        static const char *const gray[] = {"Gray", "Grey", NULL};
        static const char *const lineart[] = {"Lineart", "Line art", "Binary", "Black", NULL};
        const char *m = pick_choice(d, "mode",
                                    !strcmp(req->mode, "color")  ? color
                                    : !strcmp(req->mode, "gray") ? gray
                                                                 : lineart);
        int depth1 = 0;
        if (!m && !strcmp(req->mode, "lineart") && (m = pick_choice(d, "mode", gray)))
            depth1 = 1; /* no line-art mode: grey at 1 bit */
        if (!m)
            return usage(out, hs_err_set(err, HS_EINVAL, 0, "scanner '%s' has no %s mode",
                                         req->device, req->mode));
        if (scan_device_option(d, "mode", m, err) ||
            (depth1 && scan_device_option(d, "depth", "1", err))) {
            out->usage = 1;
            return HS_EINVAL;
        }
    }
    if (req->resolution) {
        char r[16];
        snprintf(r, sizeof r, "%d", req->resolution);
        if (scan_device_option(d, "resolution", r, err)) {
            out->usage = 1;
            return HS_EINVAL;
        }
    }
    for (int i = 0; i < req->nopts; i++) {
        char *eq = strchr(req->opts[i], '=');
        if (!eq)
            return usage(out, hs_err_set(err, HS_EINVAL, 0,
                                         "--sane-option takes NAME=VALUE, not '%s'", req->opts[i]));
        *eq = '\0';
        int bad = scan_device_option(d, req->opts[i], eq + 1, err);
        *eq = '=';
        if (bad) {
            out->usage = 1;
            return HS_EINVAL;
        }
    }
    return HS_OK;
}

int pl_scan_device(pl_home *home, const pl_options *o, const pl_scan_request *req,
                   pl_scan_page_fn on_page, void *ud, pl_scan_outcome *out, hs_err *err)
{
    memset(out, 0, sizeof *out);
    scan_device *d = NULL;
    char *dir = pending_dir(home, req->device), **files = NULL, *saved = NULL, *saved_dev = NULL;
    int nfiles = 0, rc = HS_OK, have_rec = 0;
    recogniser rec;
    memset(&rec, 0, sizeof rec);
    if (!dir || page_files(dir, &files, &nfiles)) {
        rc = hs_err_set(err, HS_EIO, errno, "cannot read the pending pages of '%s'", req->device);
        goto out;
    }
    /* two device names can share a folder name ("a:0" and "a_0") */
    saved_dev = nfiles > 0 ? meta_read(dir, "device") : NULL;
    if (saved_dev && strcmp(saved_dev, req->device) != 0) {
        out->usage = 1;
        rc = hs_err_set(err, HS_EINVAL, 0,
                        "the %d pending page%s in '%s' %s scanned on '%s', "
                        "not '%s'",
                        nfiles, nfiles == 1 ? "" : "s", dir, nfiles == 1 ? "was" : "were",
                        saved_dev, req->device);
        goto out;
    }
    if (nfiles > 0 && !req->resume) {
        rc = hs_err_set(err, HS_EEXIST, 0,
                        "%d page%s of an interrupted scan on '%s' are "
                        "pending; add --resume to continue that dossier (see 'hoso pending')",
                        nfiles, nfiles == 1 ? "" : "s", req->device);
        goto out;
    }
    if (nfiles == 0 && req->resume) {
        rc = usage(out,
                   hs_err_set(err, HS_EINVAL, 0, "nothing pending on '%s' to resume", req->device));
        goto out;
    }
    pl_options opt = *o;
    /* a split leaves blank pages out itself, and says so */
    if (req->split)
        opt.drop_blank = 0;
    /* the code and --append given when the scan started are kept with the pending pages;
     * --append holds for the dossier it was given with */
    if (req->resume && (saved = meta_read(dir, "code")) && !pl_code_valid(saved)) {
        rc = hs_err_set(err, HS_EFORMAT, 0, "bad dossier code '%s' saved in '%s'", saved, dir);
        goto out;
    }
    if (req->resume && !opt.code)
        opt.code = saved;
    if (req->resume && saved && !strcmp(opt.code, saved) && meta_has(dir, "append"))
        opt.append = 1;
    if (opt.append && !opt.code) {
        rc = usage(out, hs_err_set(err, HS_EINVAL, 0,
                                   "--append needs --code (none was saved with the pending "
                                   "pages)"));
        goto out;
    }
    if ((rc = scan_device_open(req->device, &d, err)) || (rc = set_options(d, req, out, err)))
        goto out;
    /* ADF mode: asked for, or the source the options left set names a feeder (as
     * --sane-option "source=Automatic Document Feeder" does) */
    int adf_mode = req->duplex || (req->source && strcmp(req->source, "adf") == 0);
    char source[128];
    hs_err ignore;
    if (!adf_mode && scan_device_value(d, "source", source, sizeof source, &ignore) == HS_OK)
        adf_mode = source_is_feeder(source);
    if ((rc = hs_mkdir_p(dir, err)) || (rc = meta_write(dir, "device", req->device, err)) ||
        (opt.code && (rc = meta_write(dir, "code", opt.code, err))) ||
        (opt.append && (rc = meta_write(dir, "append", "1", err))))
        goto out;
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
            rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
            goto out;
        }
    active = d;
    struct sigaction sa = {0}, old;
    sa.sa_handler = on_sigint;
    sa.sa_flags = SA_RESTART; /* a driver's read is not cut short: the flag is seen after it */
    sigaction(SIGINT, &sa, &old);
    int failed = 0;
    double t_read = 0; /* when the last page was read */
    for (;;) {
        PIX *pix = NULL;
        int dpi = 0, page = nfiles + 1;
        hs_err e;
        hs_err_clear(&e);
        if (scan_device_page(d, &pix, &dpi, &e)) {
            if (!e.code)
                e.code = HS_EIO;
            if (nfiles == 0)
                rc = hs_err_set(err, e.code, 0, "page %d: %s; nothing was scanned, nothing filed",
                                page, e.msg);
            else
                rc = hs_err_set(err, e.code, 0,
                                "page %d: %s; %d page%s kept as a pending "
                                "dossier: continue with 'hoso scan --device %s --resume'",
                                page, e.msg, nfiles, nfiles == 1 ? "" : "s", req->device);
            failed = 1;
            break;
        }
        if (!pix)
            break; /* feeder empty */
        t_read = hs_now();
        char name[32];
        snprintf(name, sizeof name, "%04d.png", page);
        char *path = hs_path_join(dir, name), *png = NULL;
        size_t plen = 0;
        int bad = !path || scan_png_encode(pix, dpi, &png, &plen, &e) ||
                  hs_file_write_atomic(path, png, plen, &e);
        free(png);
        pixDestroy(&pix);
        if (bad) {
            rc = hs_err_set(err, HS_EIO, 0, "page %d: cannot keep it: %s", page,
                            !path      ? "out of memory"
                            : e.msg[0] ? e.msg
                                       : "cannot encode it");
            free(path);
            failed = 1;
            break;
        }
        char **f = realloc(files, (size_t)(nfiles + 1) * sizeof *f);
        if (!f) {
            free(path);
            rc = hs_err_set(err, HS_ENOMEM, 0, "page %d: out of memory", page);
            failed = 1;
            break;
        }
        files = f;
        files[nfiles++] = path;
        if (recogniser_push(&rec, path)) {
            rc = hs_err_set(err, HS_ENOMEM, 0, "page %d: out of memory", page);
            failed = 1;
            break;
        }
        if (on_page)
            on_page(ud, page);
        if (!adf_mode)
            break; /* a flatbed gives one page per scan */
    }
    sigaction(SIGINT, &old, NULL);
    active = NULL;
    scan_device_close(d);
    d = NULL;
    scan_sane_exit();
    out->pages = nfiles;
    /* a failed scan is not filed: its recognition is dropped, its pages stay pending */
    pl_pages *pages = NULL;
    hs_err rerr;
    int prc = recogniser_finish(&rec, failed || nfiles == 0, &pages, &out->busy, &rerr);
    have_rec = 0;
    double t_recognised = hs_now();
    if (failed) {
        if (nfiles == 0) /* nothing kept: no pending dossier */
            pending_remove(dir);
        goto out;
    }
    if (nfiles == 0) {
        rc = hs_err_set(err, HS_EINVAL, 0, "scanner '%s' gave no pages (is the feeder empty?)",
                        req->device);
        pending_remove(dir);
        goto out;
    }
    if (prc)
        *err = rerr;
    /* file them as pl_file_dossier does for image files */
    idx_db *db = NULL;
    if (prc == HS_OK)
        prc = pl_home_index(home, 0, &db, err);
    if (prc == HS_OK)
        prc = pl_home_mend(home, db, o->warn, o->warn_ud, err);
    if (prc == HS_OK && req->split) {
        /* every part filed, or the scanned pages stay pending */
        prc = pl_split_plan(pages, o->drop_blank, &out->plan, err);
        int nfailed = prc == HS_OK ? pl_file_parts(home, db, o, pages, out->plan, err) : prc;
        if (nfailed > 0)
            prc = hs_err_set(err, HS_EEXIST, 0, "%d of the %d dossiers of the stack not filed",
                             nfailed, pl_plan_count(out->plan));
        else if (nfailed < 0)
            prc = nfailed;
    } else if (prc == HS_OK) {
        prc = pl_file(home, db, &opt, pages, NULL, NULL, &out->res, err);
    }
    idx_db_close(db);
    pl_pages_free(pages);
    if (prc) {
        char why[sizeof err->msg];
        snprintf(why, sizeof why, "%s", err->msg);
        rc = hs_err_set(err, prc, 0, "%s; the %d scanned page%s stay pending in '%s'", why, nfiles,
                        nfiles == 1 ? "" : "s", dir);
        goto out;
    }
    out->filed = 1;
    out->read_to_recognised = t_read > 0 ? t_recognised - t_read : 0;
    out->recognised_to_filed = hs_now() - t_recognised;
    for (int i = 0; i < nfiles; i++)
        unlink(files[i]);
    pending_remove(dir);
out:
    if (have_rec) {
        pl_pages *drop = NULL;
        hs_err ignore2;
        recogniser_finish(&rec, 1, &drop, NULL, &ignore2);
    }
    free(saved);
    free(saved_dev);
    scan_device_close(d);
    free_files(files, nfiles);
    free(dir);
    return rc;
}
