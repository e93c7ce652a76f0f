/* pl_batch.c - the batch engine: a backlog of inputs digitised unattended.
 *
 * Each folder holding image files is one dossier (or each multi-page TIFF or PDF of a
 * folder holding several); a list file gives "code<TAB>file[,file...]" lines. The work is
 * cut into files, not dossiers: N worker threads, each with its own Tesseract engine, read
 * the files in input order (the files of one dossier side by side), and the calling thread
 * is the one index writer, filing each dossier as soon as its last file is read. Filing
 * (archival image, fields, bag, index) thus overlaps recognition, and no worker waits
 * for another's dossier at the end of a run. A dossier's journal row is written in the
 * transaction that files it, so the same run after a crash files every input exactly
 * once. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "hs_vec.h"
#include "ocr.h"
#include "pipeline.h"
#include "scan.h"

typedef struct job {
    char *key;  /* the input: a folder, a file, or "LIST#code" */
    char *code; /* from a list file, else NULL */
    char **files;
    int nfiles;
    size_t files_cap;
    long long size, mtime; /* size -2: already filed, skipped */
    int line;              /* of the list file, else 0 */
    char *error;           /* found bad while listing inputs */
    /* while it runs */
    pl_pages **parts; /* per file; split: parts[0] is the whole stack */
    int left;         /* units not yet read */
    int failed;       /* a unit failed: the rest are not read */
    hs_err err;
    double t0;
} job;

typedef struct unit {
    size_t job;
    int file; /* -1: every file at once (a stack to split) */
} unit;

struct pl_batch {
    pl_home *home;
    pl_batch_opts o;
    idx_db *db; /* the one writer, used by the calling thread only */
    int lock_fd;
    job *jobs;
    size_t njobs, cap;
    struct stat *dirs; /* folders walked, by device and inode: symbolic-link loops end */
    size_t ndirs, dirs_cap;
    /* the run */
    unit *units;
    size_t nunits, next;
    size_t *ready; /* jobs read and waiting to be filed, in the order they were finished */
    size_t nready, rhead;
    int inline_worker; /* no thread could start: the calling thread reads too */
    int sync;          /* lock and conditions made */
    pthread_mutex_t lock;
    pthread_cond_t cond_ready, cond_room;
    pl_batch_progress p;
    double t0;
};

/* ---- inputs ---- */

static int is_image_name(const char *name)
{
    const char *dot = strrchr(name, '.');
    if (!dot || name[0] == '.')
        return 0;
    static const char *ext[] = {".png", ".jpg", ".jpeg", ".tif", ".tiff",
                                ".pnm", ".pgm", ".ppm",  ".pbm", ".pdf"};
    for (size_t i = 0; i < sizeof ext / sizeof ext[0]; i++)
        if (strcasecmp(dot, ext[i]) == 0)
            return 1;
    return 0;
}

/* Files that can hold many pages: TIFF and PDF. */
static int is_document_name(const char *name)
{
    const char *dot = strrchr(name, '.');
    return dot && (strcasecmp(dot, ".tif") == 0 || strcasecmp(dot, ".tiff") == 0 ||
                   strcasecmp(dot, ".pdf") == 0);
}

static job *job_add(pl_batch *b, const char *key)
{
    if (HS_VEC_RESERVE(b->jobs, b->cap, b->njobs + 1))
        return NULL;
    job *j = &b->jobs[b->njobs];
    memset(j, 0, sizeof *j);
    if (!(j->key = strdup(key)))
        return NULL;
    b->njobs++;
    return j;
}

static int job_file(job *j, const char *path)
{
    if (HS_VEC_RESERVE(j->files, j->files_cap, (size_t)j->nfiles + 1) ||
        !(j->files[j->nfiles] = strdup(path)))
        return HS_ENOMEM;
    j->nfiles++;
    return HS_OK;
}

static void job_free(job *j)
{
    for (int k = 0; k < j->nfiles; k++) {
        free(j->files[k]);
        if (j->parts)
            pl_pages_free(j->parts[k]);
    }
    free(j->parts);
    free(j->files);
    free(j->key);
    free(j->code);
    free(j->error);
}

static int job_fail(job *j, const char *msg)
{
    free(j->error);
    return (j->error = strdup(msg)) ? HS_OK : HS_ENOMEM;
}

/* Has the folder been walked already (under this or another name)? Records it if not. */
static int dir_seen(pl_batch *b, const char *dir)
{
    struct stat self;
    if (stat(dir, &self) != 0)
        return 0;
    for (size_t i = 0; i < b->ndirs; i++)
        if (b->dirs[i].st_dev == self.st_dev && b->dirs[i].st_ino == self.st_ino)
            return 1;
    if (HS_VEC_RESERVE(b->dirs, b->dirs_cap, b->ndirs + 1) == HS_OK)
        b->dirs[b->ndirs++] = self;
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The pages of a TIFF or PDF from its headers; 0 if it cannot be read. */
static int document_pages(const char *path)
{
    scan_source *s = NULL;
    if (scan_source_open(path, &s, NULL))
        return 0;
    int n = scan_source_page_count(s);
    scan_source_close(s);
    return n;
}

/* One folder: its image files make one dossier, unless they are all multi-page TIFFs or
 * PDFs (at least two), which are a dossier each. Subfolders are walked in name order. */
static int walk_dir(pl_batch *b, const char *dir, int *found)
{
    DIR *d = opendir(dir);
    if (!d) {
        job *j = job_add(b, dir);
        char msg[600];
        snprintf(msg, sizeof msg, hs_tr("cannot read folder: %s"), strerror(errno));
        return j ? job_fail(j, msg) : HS_ENOMEM;
    }
    char **imgs = NULL, **subs = NULL;
    size_t ni = 0, ns = 0, ci = 0, cs = 0;
    struct dirent *e;
    int rc = HS_OK;
    while ((e = readdir(d)) && rc == HS_OK) {
        if (e->d_name[0] == '.')
            continue;
        char *p = hs_path_join(dir, e->d_name);
        struct stat st;
        if (!p) {
            rc = HS_ENOMEM;
            break;
        }
        int is_dir = stat(p, &st) == 0 && S_ISDIR(st.st_mode);
        char ***list = is_dir ? &subs : is_image_name(e->d_name) ? &imgs : NULL;
        size_t *n = is_dir ? &ns : &ni, *cap = is_dir ? &cs : &ci;
        if (!list || hs_vec_reserve_(list, cap, *n + 1, sizeof **list)) {
            free(p);
            if (list)
                rc = HS_ENOMEM;
            continue;
        }
        (*list)[(*n)++] = p;
    }
    closedir(d);
    if (ni) {
        qsort(imgs, ni, sizeof *imgs, cmp_str);
        int per_file = ni >= 2;
        for (size_t i = 0; i < ni && per_file; i++)
            per_file = is_document_name(imgs[i]) && document_pages(imgs[i]) > 1;
        *found += (int)ni;
        if (per_file) {
            for (size_t i = 0; i < ni && rc == HS_OK; i++) {
                job *j = job_add(b, imgs[i]);
                rc = j ? job_file(j, imgs[i]) : HS_ENOMEM;
            }
        } else {
            job *j = job_add(b, dir);
            for (size_t i = 0; i < ni && rc == HS_OK; i++)
                rc = j ? job_file(j, imgs[i]) : HS_ENOMEM;
        }
    }
    if (ns > 1)
        qsort(subs, ns, sizeof *subs, cmp_str);
    /* a folder reached again (a symbolic link back up, or two links to one folder) is
     * walked once */
    for (size_t i = 0; i < ns && rc == HS_OK; i++)
        if (!dir_seen(b, subs[i]))
            rc = walk_dir(b, subs[i], found);
    for (size_t i = 0; i < ni; i++)
        free(imgs[i]);
    for (size_t i = 0; i < ns; i++)
        free(subs[i]);
    free(imgs);
    free(subs);
    return rc;
}

/* A list file: "code<TAB>file[,file...]" per line; '#' comments and blank lines skipped;
 * relative paths are relative to the list's folder. A bad line is a failed input. */
static int read_list(pl_batch *b, const char *list)
{
    FILE *f = fopen(list, "r");
    if (!f) {
        job *j = job_add(b, list);
        char msg[300];
        snprintf(msg, sizeof msg, hs_tr("cannot read list: %s"), strerror(errno));
        return j ? job_fail(j, msg) : HS_ENOMEM;
    }
    char *dir = strdup(list), *slash = dir ? strrchr(dir, '/') : NULL;
    if (slash)
        *slash = '\0';
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int no = 0, rc = dir ? HS_OK : HS_ENOMEM;
    while (rc == HS_OK && (n = getline(&line, &cap, f)) >= 0) {
        no++;
        line[strcspn(line, "\r\n")] = '\0';
        if (!line[0] || line[0] == '#')
            continue;
        char key[8400];
        char *tab = strchr(line, '\t');
        if (tab)
            *tab = '\0';
        if (tab)
            snprintf(key, sizeof key, "%s#%s", list, line);
        else
            snprintf(key, sizeof key, "%s:%d", list, no);
        job *j = job_add(b, key);
        if (!j) {
            rc = HS_ENOMEM;
            break;
        }
        j->line = no;
        char msg[300];
        if (!tab || !tab[1]) {
            snprintf(msg, sizeof msg, hs_tr("line %d: expected 'code<TAB>file[,file...]'"), no);
            rc = job_fail(j, msg);
            continue;
        }
        if (!pl_code_valid(line)) {
            snprintf(msg, sizeof msg, hs_tr("line %d: bad dossier code '%.64s'"), no, line);
            rc = job_fail(j, msg);
            continue;
        }
        if (!(j->code = strdup(line)))
            rc = HS_ENOMEM;
        char *save = NULL;
        for (char *p = strtok_r(tab + 1, ",", &save); p && rc == HS_OK;
             p = strtok_r(NULL, ",", &save)) {
            while (*p == ' ')
                p++;
            char *full = p[0] == '/' || !slash ? strdup(p) : hs_path_join(dir, p);
            rc = full ? job_file(j, full) : HS_ENOMEM;
            free(full);
        }
    }
    free(line);
    free(dir);
    fclose(f);
    return rc;
}

int pl_batch_add(pl_batch *b, const char *path, hs_err *err)
{
    char real[4096];
    struct stat st;
    int rc = HS_OK;
    if (!realpath(path, real) || stat(real, &st) != 0) {
        job *j = job_add(b, path);
        rc = j ? job_fail(j, strerror(errno)) : HS_ENOMEM;
    } else if (S_ISDIR(st.st_mode)) {
        if (dir_seen(b, real))
            return HS_OK; /* given twice */
        int found = 0;
        size_t before = b->njobs;
        rc = walk_dir(b, real, &found);
        if (rc == HS_OK && !found && b->njobs == before) {
            job *j = job_add(b, real);
            rc = j ? job_fail(j, "no image files in this folder or below") : HS_ENOMEM;
        }
    } else {
        rc = read_list(b, real);
    }
    return rc ? hs_err_set(err, HS_ENOMEM, 0, "out of memory listing the inputs") : HS_OK;
}

/* The input's size (all files) and newest mtime: unchanged inputs are not done again. */
static void job_stat(job *j)
{
    j->size = 0;
    j->mtime = 0;
    for (int i = 0; i < j->nfiles; i++) {
        struct stat st;
        if (stat(j->files[i], &st) == 0) {
            j->size += st.st_size;
            if (st.st_mtime > j->mtime)
                j->mtime = st.st_mtime;
        } else {
            j->size = -1;
        }
    }
}

static int job_hash(const job *j, char out[HS_SHA256_HEX], hs_err *err)
{
    hs_sha256 *h = hs_sha256_new();
    char buf[1 << 16];
    int rc = h ? HS_OK : hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    for (int i = 0; i < j->nfiles && rc == HS_OK; i++) {
        FILE *f = fopen(j->files[i], "rb");
        if (!f) {
            rc = hs_err_set(err, HS_EIO, errno, "'%s'", j->files[i]);
            break;
        }
        size_t n;
        while ((n = fread(buf, 1, sizeof buf, f)) > 0)
            hs_sha256_update(h, buf, n);
        if (ferror(f))
            rc = hs_err_set(err, HS_EIO, errno, "cannot read '%s'", j->files[i]);
        fclose(f);
    }
    if (rc == HS_OK)
        hs_sha256_final(h, out);
    hs_sha256_free(h);
    return rc;
}

/* Inputs named twice. Two lines of one list with the same code are two inputs claiming
 * one code: the first is filed, the later ones fail under their own line's name ("LIST:N")
 * and are reported. A folder or file given twice is one input. */
static int cmp_key(const void *a, const void *b, void *ud)
{
    const job *jobs = ud;
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    int c = strcmp(jobs[x].key, jobs[y].key);
    return c ? c : (x > y) - (x < y);
}

static int dedupe(pl_batch *b)
{
    if (b->njobs < 2)
        return HS_OK;
    size_t *ix = malloc(b->njobs * sizeof *ix);
    char *drop = calloc(b->njobs, 1);
    if (!ix || !drop) {
        free(ix);
        free(drop);
        return HS_ENOMEM;
    }
    for (size_t i = 0; i < b->njobs; i++)
        ix[i] = i;
    qsort_r(ix, b->njobs, sizeof *ix, cmp_key, b->jobs);
    int rc = HS_OK;
    for (size_t k = 1, first = ix[0]; k < b->njobs && rc == HS_OK; k++) {
        job *j = &b->jobs[ix[k]];
        if (strcmp(j->key, b->jobs[first].key) != 0) {
            first = ix[k];
            continue;
        }
        if (!j->line) {
            drop[ix[k]] = 1;
            continue;
        }
        char *hash = strrchr(j->key, '#'), key[8400], msg[400];
        snprintf(key, sizeof key, "%.*s:%d", hash ? (int)(hash - j->key) : 0, j->key, j->line);
        snprintf(msg, sizeof msg, hs_tr("line %d: code '%.64s' is listed twice (first on line %d)"),
                 j->line, j->code ? j->code : "", b->jobs[first].line);
        char *nk = strdup(key);
        if (!nk || job_fail(j, msg)) {
            free(nk);
            rc = HS_ENOMEM;
            break;
        }
        free(j->key);
        j->key = nk;
    }
    size_t n = 0;
    for (size_t i = 0; i < b->njobs; i++) {
        if (drop[i])
            job_free(&b->jobs[i]);
        else
            b->jobs[n++] = b->jobs[i];
    }
    b->njobs = n;
    free(ix);
    free(drop);
    return rc;
}

/* Pages the job will read, for the progress line: a TIFF's or PDF's pages from its
 * headers, else one page a file (an unreadable file fails when it is read, and counts
 * one). */
static int job_pages(const job *j)
{
    int n = 0;
    for (int i = 0; i < j->nfiles; i++) {
        int k = is_document_name(j->files[i]) ? document_pages(j->files[i]) : 1;
        n += k > 0 ? k : 1;
    }
    return n;
}

static unsigned long fnv1a(const char *s)
{
    unsigned long h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* ---- open and close ---- */

int pl_batch_open(pl_home *home, const pl_batch_opts *o, pl_batch **out, hs_err *err)
{
    *out = NULL;
    pl_batch *b = calloc(1, sizeof *b);
    if (!b)
        return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    b->home = home;
    b->o = *o;
    b->lock_fd = -1;
    if (b->o.workers < 1)
        b->o.workers = 1;
    int rc = pl_home_index(home, 0, &b->db, err);
    if (rc) {
        free(b);
        return rc;
    }
    /* one batch at a time in a home: two would take the same inputs */
    char *lock_path = hs_path_join(home->dir, "batch.lock");
    b->lock_fd = lock_path ? open(lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0644) : -1;
    free(lock_path);
    if (b->lock_fd >= 0 && flock(b->lock_fd, LOCK_EX | LOCK_NB) != 0) {
        rc = hs_err_set(err, HS_EEXIST, 0, "another batch is running on the home '%s'", home->dir);
        pl_batch_close(b);
        return rc;
    }
    pthread_mutex_init(&b->lock, NULL);
    pthread_cond_init(&b->cond_ready, NULL);
    pthread_cond_init(&b->cond_room, NULL);
    b->sync = 1;
    *out = b;
    return HS_OK;
}

void pl_batch_close(pl_batch *b)
{
    if (!b)
        return;
    for (size_t i = 0; i < b->njobs; i++)
        job_free(&b->jobs[i]);
    free(b->jobs);
    free(b->dirs);
    free(b->units);
    free(b->ready);
    idx_db_close(b->db);
    if (b->lock_fd >= 0)
        close(b->lock_fd);
    if (b->sync) {
        pthread_mutex_destroy(&b->lock);
        pthread_cond_destroy(&b->cond_ready);
        pthread_cond_destroy(&b->cond_room);
    }
    free(b);
}

void pl_batch_progress_get(pl_batch *b, pl_batch_progress *p)
{
    pthread_mutex_lock(&b->lock);
    *p = b->p;
    pthread_mutex_unlock(&b->lock);
    p->seconds = b->t0 > 0 ? hs_now() - b->t0 : 0;
}

/* ---- filing: the calling thread, the one index writer ---- */

static void emit(pl_batch *b, const job *j, const char *status, const char *code, int pages,
                 const char *error, double secs)
{
    if (!b->o.on_event)
        return;
    pl_batch_event e = {j->key, status, code, pages, error, secs};
    b->o.on_event(b->o.ud, &e);
}

static void record_failure(pl_batch *b, const job *j, const char *why)
{
    hs_err err;
    idx_job old, row = {.size = j->size, .mtime = j->mtime, .state = IDX_JOB_FAILED};
    /* an input filed before stays "done": a failure now (it changed since) must not make
     * the next run file it again */
    if (idx_job_get(b->db, j->key, &old, &err) == HS_OK && old.state == IDX_JOB_DONE)
        return;
    if (idx_job_set(b->db, j->key, &row, why, &err) && b->o.opt.warn)
        b->o.opt.warn(b->o.opt.warn_ud, err.msg);
}

static void count(pl_batch *b, int filed, long pages)
{
    pthread_mutex_lock(&b->lock);
    b->p.done++;
    if (filed)
        b->p.filed++;
    else
        b->p.failed++;
    b->p.pages += pages;
    pthread_mutex_unlock(&b->lock);
}

static void job_failed(pl_batch *b, job *j, const char *why)
{
    record_failure(b, j, why);
    count(b, 0, 0);
    emit(b, j, "failed", NULL, -1, why, j->t0 > 0 ? hs_now() - j->t0 : 0);
}

/* batch --split: the stack of one input cut into dossiers, each filed with a journal row
 * of its own ("INPUT#K", from its dossier.json), so that a run stopped between two parts
 * files only the parts still missing; the input's own row is written when every part is
 * filed. */
static void file_stack(pl_batch *b, job *j, const pl_options *o, pl_pages *stack, const char *hash)
{
    hs_err err;
    hs_err_clear(&err);
    pl_plan *plan = NULL;
    int rc = pl_split_plan(stack, o->drop_blank, &plan, &err), failed = 0;
    for (int k = 0; rc == HS_OK && k < pl_plan_count(plan); k++) {
        char key[4200];
        snprintf(key, sizeof key, "%s#%d", j->key, k + 1);
        idx_job row;
        hs_err e;
        hs_err_clear(&e);
        if (idx_job_get(b->db, key, &row, &e) == HS_OK && row.state == IDX_JOB_DONE &&
            !strcmp(row.hash, hash))
            continue; /* filed by a run that stopped before the input was done */
        pl_batch_input in = {key, j->size, j->mtime, hash};
        pl_options po = *o;
        po.batch = &in;
        po.code = pl_plan_code(plan, k);
        pl_pages *part = NULL;
        pl_result res = {0};
        int r = pl_split_take(stack, plan, k, &part, &e);
        if (r == HS_OK)
            r = pl_file(b->home, b->db, &po, part, NULL, NULL, &res, &e);
        if (r == HS_OK) {
            pthread_mutex_lock(&b->lock);
            b->p.filed++;
            b->p.pages += res.added;
            pthread_mutex_unlock(&b->lock);
            emit(b, j, "filed", res.code, res.pages, NULL, hs_now() - j->t0);
        } else {
            failed++;
            char msg[700];
            snprintf(msg, sizeof msg, hs_tr("dossier %d of the stack: %s"), k + 1, e.msg);
            emit(b, j, "failed", NULL, -1, msg, hs_now() - j->t0);
            if (!err.msg[0])
                hs_err_set(&err, r, 0, "%s", msg);
        }
        pl_result_release(&res);
        pl_pages_free(part);
    }
    pthread_mutex_lock(&b->lock);
    b->p.done++;
    if (rc != HS_OK || failed)
        b->p.failed++;
    pthread_mutex_unlock(&b->lock);
    if (rc == HS_OK && !failed) {
        idx_job row = {.size = j->size, .mtime = j->mtime, .state = IDX_JOB_DONE};
        snprintf(row.hash, sizeof row.hash, "%s", hash);
        hs_err e;
        if (idx_job_set(b->db, j->key, &row, NULL, &e) && b->o.opt.warn)
            b->o.opt.warn(b->o.opt.warn_ud, e.msg);
    } else {
        record_failure(b, j, err.msg[0] ? err.msg : "the stack could not be split");
        if (rc)
            emit(b, j, "failed", NULL, -1, err.msg, hs_now() - j->t0);
    }
    pl_plan_free(plan);
}

/* Files one input whose every file is read (or failed). */
static void file_one(pl_batch *b, job *j)
{
    hs_err err = j->err;
    char hash[HS_SHA256_HEX] = "";
    int rc = j->failed ? HS_EINVAL : job_hash(j, hash, &err);
    if (rc) {
        job_failed(b, j, err.msg);
        return;
    }
    pl_batch_input in = {j->key, j->size, j->mtime, hash};
    pl_options o = b->o.opt;
    o.code = j->code;
    o.batch = &in;
    if (b->o.split && !j->code) {
        file_stack(b, j, &o, j->parts[0], hash);
        return;
    }
    pl_pages *pages = NULL;
    pl_result res = {0};
    /* the journal row is written from dossier.json's "batch" by the indexing, inside the
     * transaction that files the dossier */
    rc = pl_pages_join(j->parts, j->nfiles, &pages, &err);
    if (rc == HS_OK)
        rc = pl_file(b->home, b->db, &o, pages, NULL, NULL, &res, &err);
    if (rc == HS_OK) {
        count(b, 1, res.added);
        emit(b, j, "filed", res.code, res.pages, NULL, hs_now() - j->t0);
    } else {
        job_failed(b, j, err.msg);
    }
    pl_result_release(&res);
    pl_pages_free(pages);
}

static void file_job(pl_batch *b, job *j)
{
    file_one(b, j);
    /* what is left of its pages (a failure's, a stack's) */
    for (int k = 0; j->parts && k < j->nfiles; k++) {
        pl_pages_free(j->parts[k]);
        j->parts[k] = NULL;
    }
}

/* ---- reading: the workers ---- */

static void page_read(void *ud)
{
    pl_batch *b = ud;
    pthread_mutex_lock(&b->lock);
    b->p.pages_read++;
    pthread_mutex_unlock(&b->lock);
}

/* Every file of the job can be opened: checked once, by the worker that takes its first
 * file, before OCR is spent on any. */
static int job_check(const job *j, hs_err *err)
{
    for (int i = 0; i < j->nfiles; i++) {
        scan_source *s = NULL;
        int rc = scan_source_open(j->files[i], &s, err);
        scan_source_close(s);
        if (rc)
            return rc;
    }
    return HS_OK;
}

/* Reads one unit with eng (NULL: no engine, *eng_err says why). Called without the lock. */
static void read_unit(pl_batch *b, ocr_engine *eng, const hs_err *eng_err, unit u)
{
    job *j = &b->jobs[u.job];
    hs_err err;
    hs_err_clear(&err);
    pl_pages *part = NULL;
    pl_options o = b->o.opt;
    o.code = j->code;
    o.on_page = page_read;
    o.on_page_ud = b;
    int rc = HS_OK;
    if (!eng)
        rc = hs_err_set(&err, HS_EOCR, 0, "no OCR engine: %s", eng_err->msg);
    else if (u.file <= 0)
        rc = job_check(j, &err);
    if (rc == HS_OK && u.file < 0) {
        /* a stack: blank pages are left out by the plan, which says so */
        o.drop_blank = 0;
        rc = pl_recognise(eng, &o, j->files, j->nfiles, &part, &err);
    } else if (rc == HS_OK) {
        rc = pl_recognise_part(eng, &o, j->files[u.file], &part, &err);
    }
    pthread_mutex_lock(&b->lock);
    if (rc) {
        if (!j->failed) {
            j->failed = 1;
            j->err = err;
        }
        pl_pages_free(part);
    } else {
        j->parts[u.file < 0 ? 0 : u.file] = part;
    }
    if (--j->left == 0) {
        b->ready[(b->rhead + b->nready++) % b->njobs] = u.job;
        pthread_cond_signal(&b->cond_ready);
    }
    pthread_mutex_unlock(&b->lock);
}

/* Takes the next unit whose dossier has not failed; 0 when none is left. With wait, holds
 * back while too many read dossiers wait to be filed (their text is in memory). */
static int take_unit(pl_batch *b, int wait, unit *u)
{
    pthread_mutex_lock(&b->lock);
    size_t room = 2 * (size_t)b->o.workers + 2;
    while (wait && b->nready >= room && b->next < b->nunits)
        pthread_cond_wait(&b->cond_room, &b->lock);
    int got = 0;
    while (!got && b->next < b->nunits) {
        *u = b->units[b->next++];
        job *j = &b->jobs[u->job];
        if (j->t0 == 0)
            j->t0 = hs_now();
        if (!j->failed) {
            got = 1;
        } else if (--j->left == 0) {
            /* its other files need not be read: to the filer as it is */
            b->ready[(b->rhead + b->nready++) % b->njobs] = u->job;
            pthread_cond_signal(&b->cond_ready);
        }
    }
    pthread_mutex_unlock(&b->lock);
    return got;
}

static void *worker(void *arg)
{
    pl_batch *b = arg;
    ocr_engine *eng = NULL;
    hs_err err;
    hs_err_clear(&err);
    if (ocr_engine_new(b->o.opt.lang, &eng, &err) == HS_OK)
        ocr_engine_set_timeout_ms(eng, b->o.timeout_ms);
    unit u;
    while (take_unit(b, !b->inline_worker, &u))
        read_unit(b, eng, &err, u);
    ocr_engine_free(eng);
    return NULL;
}

/* ---- the run ---- */

/* Inputs already filed are skipped; an input changed since it was filed fails. */
static void mark_done(pl_batch *b)
{
    hs_err err;
    for (size_t i = 0; i < b->njobs; i++) {
        job *j = &b->jobs[i];
        job_stat(j);
        idx_job row;
        int done = 0;
        if (!j->error && idx_job_get(b->db, j->key, &row, &err) == HS_OK &&
            row.state == IDX_JOB_DONE) {
            done = row.size == j->size && row.mtime == j->mtime;
            /* touched or copied again: the same bytes are the same dossier */
            char h[HS_SHA256_HEX];
            if (!done && row.hash[0] && job_hash(j, h, &err) == HS_OK) {
                if (strcmp(h, row.hash) == 0) {
                    done = 1;
                } else {
                    char msg[400];
                    snprintf(msg, sizeof msg,
                             hs_tr("changed since it was filed as '%s'; file the new pages with "
                                   "'hoso scan --code %s --append'"),
                             row.code, row.code);
                    job_fail(j, msg);
                }
            }
        }
        if (done) {
            j->size = -2;
            b->p.skipped++;
            emit(b, j, "skipped", row.code, -1, NULL, 0);
        }
    }
}

int pl_batch_run(pl_batch *b, hs_err *err)
{
    int rc = dedupe(b);
    if (rc)
        return hs_err_set(err, HS_ENOMEM, 0, "out of memory listing the inputs");
    /* this machine's share */
    b->o.opt.shard_k = b->o.shard_k;
    b->o.opt.shard_n = b->o.shard_n;
    if (b->o.shard_n > 1) {
        size_t k = 0;
        for (size_t i = 0; i < b->njobs; i++) {
            if (fnv1a(b->jobs[i].key) % (unsigned long)b->o.shard_n ==
                (unsigned long)(b->o.shard_k - 1))
                b->jobs[k++] = b->jobs[i];
            else
                job_free(&b->jobs[i]);
        }
        b->njobs = k;
        /* shard K numbers its pages from K << 40: merged, they keep their ids, and the
         * shard's full-text segments are copied whole (idx_segments.c) */
        if ((rc = idx_page_base_set(b->db, (long long)b->o.shard_k << 40, err)))
            return rc;
    }
    /* leftovers of a crash, then what is already done */
    if ((rc = pl_home_mend(b->home, b->db, b->o.opt.warn, b->o.opt.warn_ud, err)))
        return rc;
    b->p.dossiers = b->njobs;
    mark_done(b);
    b->p.todo = b->njobs - b->p.skipped;
    /* the units: every file of every input to read, in input order */
    size_t nunits = 0;
    for (size_t i = 0; i < b->njobs; i++) {
        job *j = &b->jobs[i];
        if (j->size == -2 || j->error)
            continue;
        if (j->nfiles == 0) {
            job_fail(j, "no image files");
            continue;
        }
        nunits += b->o.split && !j->code ? 1 : (size_t)j->nfiles;
        b->p.pages_todo += job_pages(j);
    }
    b->units = calloc(nunits + 1, sizeof *b->units);
    b->ready = calloc(b->njobs + 1, sizeof *b->ready);
    if (!b->units || !b->ready)
        return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    for (size_t i = 0; i < b->njobs; i++) {
        job *j = &b->jobs[i];
        if (j->size == -2 || j->error)
            continue;
        if (!(j->parts = calloc((size_t)j->nfiles, sizeof *j->parts)))
            return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
        if (b->o.split && !j->code) {
            b->units[b->nunits++] = (unit){i, -1};
            j->left = 1;
        } else {
            for (int f = 0; f < j->nfiles; f++)
                b->units[b->nunits++] = (unit){i, f};
            j->left = j->nfiles;
        }
    }
    b->t0 = hs_now();
    /* inputs found bad while listing */
    for (size_t i = 0; i < b->njobs; i++)
        if (b->jobs[i].size != -2 && b->jobs[i].error)
            job_failed(b, &b->jobs[i], b->jobs[i].error);
    int nworkers = b->o.workers;
    if ((size_t)nworkers > b->nunits)
        nworkers = b->nunits ? (int)b->nunits : 1;
    pthread_t *th = calloc((size_t)nworkers, sizeof *th);
    int started = 0;
    for (int i = 0; th && i < nworkers && b->nunits; i++)
        if (pthread_create(&th[i], NULL, worker, b) == 0)
            started++;
    if (!started && b->nunits) {
        b->inline_worker = 1;
        worker(b);
    }
    /* file each input as soon as it is read; tell the progress about every 200 ms */
    double last = 0;
    for (;;) {
        pthread_mutex_lock(&b->lock);
        int finished = b->p.done >= b->p.todo;
        size_t jx = (size_t)-1;
        if (!finished && b->nready == 0) {
            struct timespec ts;
            clock_gettime(CLOCK_REALTIME, &ts);
            ts.tv_nsec += 200 * 1000 * 1000;
            if (ts.tv_nsec >= 1000000000) {
                ts.tv_sec++;
                ts.tv_nsec -= 1000000000;
            }
            pthread_cond_timedwait(&b->cond_ready, &b->lock, &ts);
        }
        if (b->nready) {
            jx = b->ready[b->rhead];
            b->rhead = (b->rhead + 1) % b->njobs;
            b->nready--;
            pthread_cond_broadcast(&b->cond_room);
        }
        pthread_mutex_unlock(&b->lock);
        if (jx != (size_t)-1)
            file_job(b, &b->jobs[jx]);
        if (b->o.on_tick && (finished || hs_now() - last >= 0.2)) {
            pl_batch_progress p;
            pl_batch_progress_get(b, &p);
            b->o.on_tick(b->o.ud, &p);
            last = hs_now();
        }
        if (finished)
            break;
    }
    for (int i = 0; i < started; i++)
        pthread_join(th[i], NULL);
    free(th);
    /* a shard's full-text index in one segment: merge copies its segments whole, and a
     * search of the merged index then reads one a shard, not the dozens filing leaves
     * (docs/BENCHMARKS.md); done here, on the shard's machine, in parallel with the others */
    if (b->o.shard_n > 1 && b->p.filed > 0) {
        hs_err e;
        if (idx_optimize(b->db, &e) && b->o.opt.warn) {
            char msg[600];
            snprintf(msg, sizeof msg, hs_tr("the full-text index was not compacted: %s"), e.msg);
            b->o.opt.warn(b->o.opt.warn_ud, msg);
        }
    }
    return HS_OK;
}
