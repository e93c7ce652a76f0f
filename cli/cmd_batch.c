/* cmd_batch.c - `hoso batch [-j N] [--json] [--shard K/N] [--page-timeout SEC] SRC...` and
 * `hoso batch --report`: digitises a backlog unattended. Each folder holding image files
 * is one dossier (or each multi-page TIFF of a folder holding several); a list file gives
 * "code<TAB>file[,file...]" lines. N workers each keep their own Tesseract engine; one
 * connection writes the index, and a dossier's journal row is written in the transaction
 * that files it, so the same command after a crash files every dossier exactly once. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "cli_help.h"
#include "ocr.h"
#include "scan.h"

/* the synopsis and options are in the help table, cli/cli_help.c */
static const char usage[] = "batch";

typedef struct job {
    char *key;   /* the input: a folder, a TIFF, or "LIST#code" */
    char *code;  /* from a list file, else NULL */
    char **files;
    int nfiles;
    long long size, mtime;
    int line;    /* of the list file, else 0 */
    char *error; /* found bad while listing inputs */
} job;

typedef struct batch {
    pl_home *home;
    pl_options opt;
    job *jobs;
    size_t njobs, cap;
    struct stat *dirs; /* folders walked, by device and inode: symbolic-link loops end */
    size_t ndirs;
    size_t next; /* next job to hand out */
    int json, tty, timeout_ms;
    int split; /* --split: an input is a stack, cut into dossiers (pl_split_plan) */
    idx_db *db; /* the one writer */
    pthread_mutex_t lock;
    /* progress */
    size_t done, filed, failed, skipped, todo;
    long pages;              /* filed */
    long pages_read, pages_todo;
    double t0;
} batch;

static int is_image_name(const char *name)
{
    const char *dot = strrchr(name, '.');
    if (!dot || name[0] == '.')
        return 0;
    static const char *ext[] = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".pnm",
                                ".pgm", ".ppm", ".pbm", ".pdf"};
    for (size_t i = 0; i < sizeof ext / sizeof ext[0]; i++)
        if (strcasecmp(dot, ext[i]) == 0)
            return 1;
    return 0;
}

static int is_tiff_name(const char *name)
{
    const char *dot = strrchr(name, '.');
    return dot && (strcasecmp(dot, ".tif") == 0 || strcasecmp(dot, ".tiff") == 0);
}

static job *job_add(batch *b, const char *key)
{
    if (b->njobs == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 64;
        job *j = realloc(b->jobs, cap * sizeof *j);
        if (!j)
            return NULL;
        b->jobs = j;
        b->cap = cap;
    }
    job *j = &b->jobs[b->njobs];
    memset(j, 0, sizeof *j);
    if (!(j->key = strdup(key)))
        return NULL;
    b->njobs++;
    return j;
}

static int job_file(job *j, const char *path)
{
    char **f = realloc(j->files, (size_t)(j->nfiles + 1) * sizeof *f);
    if (!f)
        return HS_ENOMEM;
    j->files = f;
    if (!(f[j->nfiles] = strdup(path)))
        return HS_ENOMEM;
    j->nfiles++;
    return HS_OK;
}

static void job_free(job *j)
{
    for (int k = 0; k < j->nfiles; k++)
        free(j->files[k]);
    free(j->files);
    free(j->key);
    free(j->code);
    free(j->error);
}

static void jobs_free(batch *b)
{
    for (size_t i = 0; i < b->njobs; i++)
        job_free(&b->jobs[i]);
    free(b->jobs);
    free(b->dirs);
}

/* Has the folder been walked already (under this or another name)? Records it if not. */
static int dir_seen(batch *b, const char *dir)
{
    struct stat self;
    if (stat(dir, &self) != 0)
        return 0;
    for (size_t i = 0; i < b->ndirs; i++)
        if (b->dirs[i].st_dev == self.st_dev && b->dirs[i].st_ino == self.st_ino)
            return 1;
    struct stat *v = realloc(b->dirs, (b->ndirs + 1) * sizeof *v);
    if (v) {
        b->dirs = v;
        b->dirs[b->ndirs++] = self;
    }
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int tiff_pages(const char *path)
{
    scan_source *s = NULL;
    if (scan_source_open(path, &s, NULL))
        return 0;
    int n = scan_source_page_count(s);
    scan_source_close(s);
    return n;
}

/* One folder: its image files make one dossier, unless they are all multi-page TIFFs
 * (at least two), which are a dossier each. Subfolders are walked in name order. */
static int walk_dir(batch *b, const char *dir, int *found)
{
    DIR *d = opendir(dir);
    if (!d) {
        job *j = job_add(b, dir);
        if (!j)
            return HS_ENOMEM;
        char msg[600];
        snprintf(msg, sizeof msg, "cannot read folder: %s", strerror(errno));
        j->error = strdup(msg);
        return HS_OK;
    }
    char **imgs = NULL, **subs = NULL;
    size_t ni = 0, ns = 0;
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
        size_t *n = is_dir ? &ns : &ni;
        char **grown = list ? realloc(*list, (*n + 1) * sizeof **list) : NULL;
        if (!grown) {
            free(p);
            if (list)
                rc = HS_ENOMEM;
            continue;
        }
        *list = grown;
        grown[(*n)++] = p;
    }
    closedir(d);
    if (ni) {
        qsort(imgs, ni, sizeof *imgs, cmp_str);
        int per_file = ni >= 2;
        for (size_t i = 0; i < ni && per_file; i++)
            per_file = is_tiff_name(imgs[i]) && tiff_pages(imgs[i]) > 1;
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
static int read_list(batch *b, const char *list)
{
    FILE *f = fopen(list, "r");
    if (!f)
        return HS_EIO;
    char *dir = strdup(list), *slash = strrchr(dir, '/');
    if (slash)
        *slash = '\0';
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int no = 0, rc = HS_OK;
    while (rc == HS_OK && (n = getline(&line, &cap, f)) >= 0) {
        no++;
        line[strcspn(line, "\r\n")] = '\0';
        if (!line[0] || line[0] == '#')
            continue;
        char key[8400];
        char *tab = strchr(line, '\t');
        if (tab)
            *tab = '\0';
        snprintf(key, sizeof key, "%s#%s", list, tab ? line : "");
        if (!tab) {
            snprintf(key, sizeof key, "%s:%d", list, no);
        }
        job *j = job_add(b, key);
        if (!j) {
            rc = HS_ENOMEM;
            break;
        }
        j->line = no;
        char msg[300];
        if (!tab || !tab[1]) {
            snprintf(msg, sizeof msg, "line %d: expected 'code<TAB>file[,file...]'", no);
            j->error = strdup(msg);
            continue;
        }
        if (!pl_code_valid(line)) {
            snprintf(msg, sizeof msg, "line %d: bad dossier code '%.64s'", no, line);
            j->error = strdup(msg);
            continue;
        }
        j->code = strdup(line);
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

static int job_hash(job *j, char out[HS_SHA256_HEX], hs_err *err)
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

static int dedupe(batch *b)
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
        snprintf(msg, sizeof msg, "line %d: code '%.64s' is listed twice (first on line %d)",
                 j->line, j->code ? j->code : "", b->jobs[first].line);
        char *nk = strdup(key), *nm = strdup(msg);
        if (!nk || !nm) {
            free(nk);
            free(nm);
            rc = HS_ENOMEM;
            break;
        }
        free(j->key);
        free(j->error);
        j->key = nk;
        j->error = nm;
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

/* Pages the job will read, for the progress line: a TIFF's pages from its headers, else one
 * page a file (an unreadable file fails when it is read, and counts one). */
static int job_pages(const job *j)
{
    int n = 0;
    for (int i = 0; i < j->nfiles; i++) {
        int k = is_tiff_name(j->files[i]) ? tiff_pages(j->files[i]) : 1;
        n += k > 0 ? k : 1;
    }
    return n;
}

/* ---- progress ---- */

static void event(batch *b, const job *j, const char *status, const char *code, int pages,
                  const char *error, double secs)
{
    if (b->json) {
        json_t *e = json_pack("{s:s, s:s, s:s}", "event", "dossier", "input", j->key, "status",
                              status);
        if (code)
            json_object_set_new(e, "code", json_string(code));
        if (pages >= 0)
            json_object_set_new(e, "pages", json_integer(pages));
        if (error)
            json_object_set_new(e, "error", json_string(error));
        json_object_set_new(e, "seconds", json_real((double)(long)(secs * 100) / 100));
        char *s = json_dumps(e, JSON_COMPACT | JSON_REAL_PRECISION(6));
        printf("%s\n", s);
        fflush(stdout);
        free(s);
        json_decref(e);
    }
    if (error) {
        if (b->tty)
            fputs("\r\033[K", stderr);
        cli_error("batch: '%s': %s", j->key, error);
    }
}

static void progress_line(batch *b, int final)
{
    double el = hs_now() - b->t0;
    double ppm = el > 0 ? b->pages_read * 60.0 / el : 0;
    size_t left = b->todo > b->done ? b->todo - b->done : 0;
    /* the estimate goes by pages read when their total is known, else by dossiers */
    double eta = b->pages_read && b->pages_todo >= b->pages_read
                     ? el / (double)b->pages_read * (double)(b->pages_todo - b->pages_read)
                 : b->done ? el / (double)b->done * (double)left
                           : 0;
    char line[256];
    snprintf(line, sizeof line,
             "dossiers %zu/%zu  pages %ld/%ld  %.1f pages/min  ETA %dm%02ds  failures %zu",
             b->done, b->todo, b->pages_read, b->pages_todo, ppm, (int)eta / 60, (int)eta % 60,
             b->failed);
    if (b->tty)
        fprintf(stderr, "\r\033[K%s%s", line, final ? "\n" : "");
    else
        fprintf(stderr, "hoso: batch: %s\n", line);
    fflush(stderr);
}

/* ---- workers ---- */

static void record_failure(batch *b, job *j, const char *why)
{
    hs_err err;
    idx_job old, row = {.size = j->size, .mtime = j->mtime, .state = IDX_JOB_FAILED};
    /* an input filed before stays "done": a failure now (it changed since) must not make
     * the next run file it again */
    if (idx_job_get(b->db, j->key, &old, &err) == HS_OK && old.state == IDX_JOB_DONE)
        return;
    if (idx_job_set(b->db, j->key, &row, why, &err))
        cli_err(&err);
}

static void page_read(void *ud)
{
    batch *b = ud;
    pthread_mutex_lock(&b->lock);
    b->pages_read++;
    pthread_mutex_unlock(&b->lock);
}

/* batch --split: the stack of one input cut into dossiers, each filed with a journal row
 * of its own ("INPUT#K", from its dossier.json), so that a run stopped between two parts
 * files only the parts still missing; the input's own row is written when every part is
 * filed. Called without the lock, takes it to file. */
static void file_stack(batch *b, job *j, const pl_options *o, pl_pages *stack,
                       const char *hash, double t)
{
    hs_err err;
    hs_err_clear(&err);
    pl_plan *plan = NULL;
    int rc = pl_split_plan(stack, o->drop_blank, &plan, &err), failed = 0;
    pthread_mutex_lock(&b->lock);
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
            b->filed++;
            b->pages += res.added;
            event(b, j, "filed", res.code, res.pages, NULL, hs_now() - t);
        } else {
            failed++;
            char msg[700];
            snprintf(msg, sizeof msg, "dossier %d of the stack: %s", k + 1, e.msg);
            event(b, j, "failed", NULL, -1, msg, hs_now() - t);
            if (!err.msg[0])
                hs_err_set(&err, r, 0, "%s", msg);
        }
        pl_result_release(&res);
        pl_pages_free(part);
    }
    b->done++;
    if (rc == HS_OK && !failed) {
        idx_job row = {.size = j->size, .mtime = j->mtime, .state = IDX_JOB_DONE};
        snprintf(row.hash, sizeof row.hash, "%s", hash);
        hs_err e;
        if (idx_job_set(b->db, j->key, &row, NULL, &e))
            cli_err(&e);
    } else {
        b->failed++;
        record_failure(b, j, err.msg[0] ? err.msg : "the stack could not be split");
        if (rc)
            event(b, j, "failed", NULL, -1, err.msg, hs_now() - t);
    }
    pthread_mutex_unlock(&b->lock);
    pl_plan_free(plan);
}

static void *worker(void *arg)
{
    batch *b = arg;
    ocr_engine *eng = NULL;
    hs_err err;
    hs_err_clear(&err);
    int eng_rc = ocr_engine_new(b->opt.lang, &eng, &err);
    if (eng)
        ocr_engine_set_timeout_ms(eng, b->timeout_ms);
    for (;;) {
        pthread_mutex_lock(&b->lock);
        if (b->next >= b->njobs) {
            pthread_mutex_unlock(&b->lock);
            break;
        }
        job *j = &b->jobs[b->next++];
        pthread_mutex_unlock(&b->lock);
        if (j->size == -2) /* skipped: already filed */
            continue;
        double t = hs_now();
        char hash[HS_SHA256_HEX] = "";
        pl_pages *pages = NULL;
        pl_result res = {0};
        hs_err_clear(&err);
        int rc = HS_OK;
        if (j->error)
            rc = hs_err_set(&err, HS_EINVAL, 0, "%s", j->error);
        else if (eng_rc)
            rc = hs_err_set(&err, HS_EOCR, 0, "no OCR engine");
        else if (j->nfiles == 0)
            rc = hs_err_set(&err, HS_EINVAL, 0, "no image files");
        if (rc == HS_OK)
            rc = job_hash(j, hash, &err);
        pl_options o = b->opt;
        pl_batch_input in = {j->key, j->size, j->mtime, hash};
        o.code = j->code;
        o.batch = &in;
        o.on_page = page_read;
        o.on_page_ud = b;
        if (b->split && !j->code && rc == HS_OK) {
            /* blank pages are left out by the plan, which says so */
            o.drop_blank = 0;
            rc = pl_recognise(eng, &o, j->files, j->nfiles, &pages, &err);
            o.drop_blank = b->opt.drop_blank;
            if (rc == HS_OK) {
                file_stack(b, j, &o, pages, hash, t);
                pl_pages_free(pages);
                continue;
            }
        } else if (rc == HS_OK)
            rc = pl_recognise(eng, &o, j->files, j->nfiles, &pages, &err);
        pthread_mutex_lock(&b->lock);
        /* the journal row is written from dossier.json's "batch" by the indexing, inside
         * the transaction that files the dossier */
        if (rc == HS_OK)
            rc = pl_file(b->home, b->db, &o, pages, NULL, NULL, &res, &err);
        b->done++;
        if (rc == HS_OK) {
            b->filed++;
            b->pages += res.added;
            event(b, j, "filed", res.code, res.pages, NULL, hs_now() - t);
        } else {
            b->failed++;
            record_failure(b, j, err.msg);
            event(b, j, "failed", NULL, -1, err.msg, hs_now() - t);
        }
        pthread_mutex_unlock(&b->lock);
        pl_result_release(&res);
        pl_pages_free(pages);
    }
    ocr_engine_free(eng);
    return NULL;
}

static unsigned long fnv1a(const char *s)
{
    unsigned long h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

typedef struct report_ctx {
    int n;
    json_t *json; /* an array with --json, else NULL */
} report_ctx;

/* One failed input: a JSON object, or a TSV row whose fields have their tabs, newlines and
 * other control characters written as \t, \n and \xNN, so that a crafted file name or
 * message can neither add a column or a row nor drive the terminal. */
static int report_row(void *ud, const char *path, const char *error, const char *when)
{
    report_ctx *r = ud;
    r->n++;
    if (r->json) {
        json_array_append_new(r->json, json_pack("{s:s, s:s, s:s}", "input", path, "error", error,
                                                 "when", when));
        return 0;
    }
    const char *field[3] = {when, path, error};
    for (int f = 0; f < 3; f++) {
        for (const unsigned char *p = (const unsigned char *)field[f]; p && *p; p++) {
            if (*p == '\t')
                fputs("\\t", stdout);
            else if (*p == '\n')
                fputs("\\n", stdout);
            else if (*p < 0x20 || *p == 0x7f)
                printf("\\x%02x", *p);
            else
                putchar(*p);
        }
        putchar(f < 2 ? '\t' : '\n');
    }
    return 0;
}

int cmd_batch(pl_home *home, int argc, char **argv)
{
    static const struct option opts[] = {
        {"jobs", required_argument, NULL, 'j'},
        {"json", no_argument, NULL, 'J'},
        {"shard", required_argument, NULL, 's'},
        {"lang", required_argument, NULL, 'l'},
        {"agency", required_argument, NULL, 'a'},
        {"page-timeout", required_argument, NULL, 't'},
        {"report", no_argument, NULL, 'r'},
        {"split", no_argument, NULL, 'P'},
        {"drop-blank", no_argument, NULL, 'B'},
        {"help", no_argument, NULL, 'h'},
        {0, 0, 0, 0},
    };
    batch b = {.home = home, .opt = {.lang = "vie"}, .timeout_ms = 300 * 1000};
    int c, nworkers = (int)sysconf(_SC_NPROCESSORS_ONLN), shard_k = 0, shard_n = 0, report = 0;
    if (nworkers < 1)
        nworkers = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "j:h", opts, NULL)) != -1) {
        switch (c) {
        case 'j':
            if (cli_parse_int(optarg, 1, 256, &nworkers))
                return cli_usage(usage, "batch: bad -j '%s'", optarg);
            break;
        case 'J':
            b.json = 1;
            break;
        case 's':
            if (sscanf(optarg, "%d/%d", &shard_k, &shard_n) != 2 || shard_n < 1 || shard_k < 1 ||
                shard_k > shard_n)
                return cli_usage(usage, "batch: --shard takes K/N with 1 <= K <= N, not '%s'",
                                 optarg);
            break;
        case 'l':
            b.opt.lang = optarg;
            break;
        case 'a':
            if (!pl_code_valid(optarg))
                return cli_usage(usage, "batch: bad agency '%s'", optarg);
            b.opt.agency = optarg;
            break;
        case 't': {
            /* seconds, fractions allowed: 0.5 */
            char *end = NULL;
            double sec = strtod(optarg, &end);
            if (!end || end == optarg || *end || !(sec >= 0.001 && sec <= 86400))
                return cli_usage(usage, "batch: bad --page-timeout '%s' (seconds, 0.001 to 86400)",
                                 optarg);
            b.timeout_ms = (int)(sec * 1000 + 0.5);
            break;
        }
        case 'r':
            report = 1;
            break;
        case 'P':
            b.split = 1;
            break;
        case 'B':
            b.opt.drop_blank = 1;
            break;
        case 'h':
            return cli_help_print(stdout, "batch");
        default:
            return cli_usage(usage, "batch: unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    hs_err err;
    hs_err_clear(&err);
    if (pl_home_index(home, 0, &b.db, &err)) {
        cli_err(&err);
        return EXIT_FAIL;
    }
    if (report) {
        report_ctx r = {0, b.json ? json_array() : NULL};
        int rc = idx_job_failures(b.db, report_row, &r, &err);
        idx_db_close(b.db);
        if (rc) {
            json_decref(r.json);
            cli_err(&err);
            return EXIT_FAIL;
        }
        if (r.json)
            cli_json_print(stdout, r.json);
        json_decref(r.json);
        fprintf(stderr, "%d failed input%s\n", r.n, r.n == 1 ? "" : "s");
        return r.n ? EXIT_FAIL : EXIT_OK;
    }
    if (optind >= argc) {
        idx_db_close(b.db);
        return cli_usage(usage, "batch: no input folders or list files");
    }
    /* one batch at a time in a home: two would take the same inputs */
    char *lock_path = hs_path_join(home->dir, "batch.lock");
    int lock_fd = lock_path ? open(lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0644) : -1;
    free(lock_path);
    if (lock_fd >= 0 && flock(lock_fd, LOCK_EX | LOCK_NB) != 0) {
        cli_error("batch: another batch is running on the home '%s'", home->dir);
        close(lock_fd);
        idx_db_close(b.db);
        return EXIT_FAIL;
    }
    /* 1. inputs */
    int rc = HS_OK;
    for (int i = optind; i < argc && rc == HS_OK; i++) {
        char real[4096];
        struct stat st;
        if (!realpath(argv[i], real) || stat(real, &st) != 0) {
            job *j = job_add(&b, argv[i]);
            char msg[300];
            snprintf(msg, sizeof msg, "%s", strerror(errno));
            if (j)
                j->error = strdup(msg);
            continue;
        }
        if (S_ISDIR(st.st_mode)) {
            if (dir_seen(&b, real))
                continue; /* given twice */
            int found = 0;
            size_t before = b.njobs;
            rc = walk_dir(&b, real, &found);
            if (rc == HS_OK && !found && b.njobs == before) {
                job *j = job_add(&b, real);
                if (j)
                    j->error = strdup("no image files in this folder or below");
            }
        } else {
            rc = read_list(&b, real);
        }
    }
    if (rc == HS_OK)
        rc = dedupe(&b);
    if (rc) {
        cli_error("batch: out of memory listing the inputs");
        jobs_free(&b);
        idx_db_close(b.db);
        if (lock_fd >= 0)
            close(lock_fd);
        return EXIT_FAIL;
    }
    /* 2. this machine's share */
    b.opt.shard_k = shard_k;
    b.opt.shard_n = shard_n;
    b.opt.warn = cli_warn;
    b.opt.warn_ud = (void *)"batch: ";
    if (shard_n > 1) {
        size_t k = 0;
        for (size_t i = 0; i < b.njobs; i++) {
            if (fnv1a(b.jobs[i].key) % (unsigned long)shard_n == (unsigned long)(shard_k - 1))
                b.jobs[k++] = b.jobs[i];
            else
                job_free(&b.jobs[i]);
        }
        b.njobs = k;
    }
    /* 3. leftovers of a crash, then what is already done */
    if (pl_home_mend(home, b.db, b.opt.warn, b.opt.warn_ud, &err)) {
        cli_err(&err);
        jobs_free(&b);
        idx_db_close(b.db);
        if (lock_fd >= 0)
            close(lock_fd);
        return EXIT_FAIL;
    }
    for (size_t i = 0; i < b.njobs; i++) {
        job *j = &b.jobs[i];
        job_stat(j);
        idx_job row;
        int done = 0;
        if (!j->error && idx_job_get(b.db, j->key, &row, &err) == HS_OK &&
            row.state == IDX_JOB_DONE) {
            done = row.size == j->size && row.mtime == j->mtime;
            /* touched or copied again: the same bytes are the same dossier */
            char h[HS_SHA256_HEX];
            if (!done && row.hash[0] && job_hash(j, h, &err) == HS_OK) {
                if (strcmp(h, row.hash) == 0)
                    done = 1;
                else if (!j->error) {
                    char msg[400];
                    snprintf(msg, sizeof msg,
                             "changed since it was filed as '%s'; file the new pages with "
                             "'hoso scan --code %s --append'",
                             row.code, row.code);
                    j->error = strdup(msg);
                }
            }
        }
        if (done) {
            j->size = -2; /* marks it skipped */
            b.skipped++;
            if (b.json)
                event(&b, j, "skipped", row.code, -1, NULL, 0);
        }
    }
    b.todo = b.njobs - b.skipped;
    for (size_t i = 0; i < b.njobs; i++)
        if (b.jobs[i].size != -2 && !b.jobs[i].error)
            b.pages_todo += job_pages(&b.jobs[i]);
    /* 4. work */
    pthread_mutex_init(&b.lock, NULL);
    b.tty = isatty(2) && !b.json;
    b.t0 = hs_now();
    if ((size_t)nworkers > b.todo)
        nworkers = b.todo ? (int)b.todo : 1;
    pthread_t *th = calloc((size_t)nworkers, sizeof *th);
    int started = 0;
    for (int i = 0; th && i < nworkers; i++)
        if (pthread_create(&th[i], NULL, worker, &b) == 0)
            started++;
    if (!started)
        worker(&b);
    /* progress while the workers run: live on a terminal, a line every 5 s otherwise */
    double last = hs_now();
    for (;;) {
        pthread_mutex_lock(&b.lock);
        int finished = b.done >= b.todo;
        if (!b.json && (b.tty || hs_now() - last >= 5)) {
            progress_line(&b, 0);
            last = hs_now();
        }
        pthread_mutex_unlock(&b.lock);
        if (finished)
            break;
        struct timespec ts = {0, 200 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    for (int i = 0; i < started; i++)
        pthread_join(th[i], NULL);
    free(th);
    double el = hs_now() - b.t0;
    if (b.tty)
        progress_line(&b, 1);
    if (b.json) {
        json_t *s = json_pack("{s:s, s:I, s:I, s:I, s:I, s:I, s:f, s:f}", "event", "summary",
                              "dossiers", (json_int_t)b.njobs, "filed", (json_int_t)b.filed,
                              "skipped", (json_int_t)b.skipped, "failed", (json_int_t)b.failed,
                              "pages", (json_int_t)b.pages, "seconds",
                              (double)(long)(el * 10) / 10, "pages_per_minute",
                              el > 0 ? (double)(long)(b.pages * 600.0 / el) / 10 : 0.0);
        char *t = json_dumps(s, JSON_COMPACT | JSON_REAL_PRECISION(6));
        printf("%s\n", t);
        free(t);
        json_decref(s);
    } else {
        printf("batch: %zu dossier%s: %zu filed, %zu already filed, %zu failed; %ld pages in "
               "%dm%02ds (%.1f pages/min)\n",
               b.njobs, b.njobs == 1 ? "" : "s", b.filed, b.skipped, b.failed, b.pages,
               (int)el / 60, (int)el % 60, el > 0 ? b.pages * 60.0 / el : 0.0);
        if (b.failed)
            printf("see 'hoso batch --report' for what failed and why\n");
    }
    pthread_mutex_destroy(&b.lock);
    jobs_free(&b);
    idx_db_close(b.db);
    if (lock_fd >= 0)
        close(lock_fd);
    return b.failed ? EXIT_FAIL : EXIT_OK;
}
