/* bench/merge.c - a backlog's last step at scale: S shard homes of synthetic dossiers
 * merged into one home by the real `hoso merge`, then searched.
 *
 * Shard homes are made without OCR: bags written with the archive API (page text made of
 * runs of corpus lines, as bench/search does, a stand-in page image of --image-bytes
 * random bytes, dossier.json, manifests) and indexed by pl_index_archive, as batch does.
 * Prints: shard build rate, merge pages/s (wall and CPU, peak RSS of the merge), index
 * bytes per page, search latency p50/p95/p99 of a query mix on the merged index (as merged,
 * then after the FTS5 segments are merged as reindex does), and the per-page costs a
 * projection needs.
 *
 * With --baseline PATH, the same shards are first merged by that hoso binary (an older
 * build) into a target of its own, and the ratio of the two merges is printed;
 * --baseline tokenize merges them first with this binary's `merge --tokenize` (page text
 * tokenized again instead of the shards' full-text segments copied whole).
 * With --search INDEX, only the query mix is run on an existing index (e.g. the 1M-page
 * one bench_search keeps with HS_BENCH_KEEP), as merged and without building anything.
 *
 * usage: bench_merge [--pages N] [--shards S] [--per P] [--image-bytes B] [--jobs J]
 *                    [--hoso PATH] [--baseline PATH] [--keep DIR] [CORPUS_DIR]
 *        bench_merge --search INDEX [CORPUS_DIR]
 *   defaults: 100000 pages, 8 shards, 10 pages a dossier, 1024-byte images, 4 builders
 *   (their time goes mostly to syncing each new zip),
 *   hoso beside this program's folder (../hoso), corpus $HS_CORPUS or ../shared/corpus */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "archive.h"
#include "hs_common.h"
#include "index.h"
#include "pipeline.h"

static unsigned long long rng_state = 88172645463325252ULL;
static unsigned long long rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static double cpu_of(int who)
{
    struct rusage ru;
    getrusage(who, &ru);
    return hs_cpu_seconds(&ru);
}

static void die(const char *what, const hs_err *e)
{
    fprintf(stderr, "bench_merge: %s: %s\n", what, e ? e->msg : strerror(errno));
    exit(2);
}

/* ---- corpus: lines of Vietnamese text ---- */
static char **lines;
static size_t nlines, caplines;

static void add_lines(const char *path)
{
    char *data;
    size_t len;
    hs_err e;
    if (hs_file_read(path, 64 << 20, &data, &len, &e))
        die("corpus", &e);
    char *save = NULL;
    for (char *l = strtok_r(data, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
        if (strlen(l) < 20)
            continue;
        if (nlines == caplines) {
            caplines = caplines ? caplines * 2 : 4096;
            lines = realloc(lines, caplines * sizeof *lines);
        }
        lines[nlines++] = hs_utf8_nfc(l, strlen(l));
    }
    free(data);
}

/* ~1.7 KB of text: runs of 1-4 consecutive corpus lines, and a number of its own so no
 * two pages are the same */
static char *make_page(long serial)
{
    hs_buf b;
    hs_buf_init(&b);
    while (b.len < 1500) {
        size_t l = rnd() % nlines;
        int run = 1 + (int)(rnd() % 4);
        for (int k = 0; k < run && b.len < 1700; k++) {
            hs_buf_puts(&b, lines[(l + (size_t)k) % nlines]);
            hs_buf_puts(&b, "\n");
        }
    }
    hs_buf_printf(&b, "Số: %ld/QĐ-UBND\n", serial);
    return hs_buf_detach(&b, NULL);
}

/* ---- shard homes ---- */
typedef struct opts {
    long pages;
    int shards, per, image_bytes, jobs;
} opts;

static void make_dossier(arc_bag **out, const char *code, int npages, long serial, int image_bytes)
{
    hs_err e;
    arc_bag *b = NULL;
    if (arc_bag_new(code, &b, &e) ||
        arc_bag_info_add(b, "Source-Organization", "000.27.30.H34", &e))
        die("bag", &e);
    pl_dossier *rec = NULL;
    if (pl_dossier_new(code, "2026-01-15T08:00:00Z", &rec, &e))
        die("record", &e);
    for (int p = 1; p <= npages; p++) {
        char img[64], txt[64];
        pl_bag_page_path(img, sizeof img, PL_BAG_IMAGE, p, "png");
        pl_bag_page_path(txt, sizeof txt, PL_BAG_TEXT, p, NULL);
        char *image = malloc((size_t)image_bytes);
        for (int i = 0; i < image_bytes; i++)
            image[i] = (char)rnd();
        char *text = make_page(serial + p);
        size_t tl = strlen(text);
        if (arc_bag_add(b, PL_BAG_IN_DATA(img), image, (size_t)image_bytes, 1, &e) ||
            arc_bag_add(b, PL_BAG_IN_DATA(txt), text, tl, 0, &e))
            die("bag", &e);
        json_t *m = json_pack("{s:f}", "ocr_confidence", 90.0);
        if (!m || pl_dossier_page_place(m, p, "png") || pl_dossier_page_add(rec, m))
            die("record", NULL);
        json_decref(m);
    }
    size_t jlen = 0;
    char *js = pl_dossier_dump(rec, &jlen);
    pl_dossier_free(rec);
    if (!js || arc_bag_add(b, PL_BAG_IN_DATA(PL_BAG_RECORD), js, jlen, 0, &e))
        die("bag", &e);
    *out = b;
}

/* Builds shard s (1-based) of o: its dossiers written and indexed. */
static void build_shard(const char *dir, int s, const opts *o)
{
    hs_err e;
    char path[2100];
    snprintf(path, sizeof path, "%s/shard-%d", dir, s);
    pl_home h = {0};
    idx_db *db = NULL;
    /* numbered as `batch --shard s/S` numbers its pages */
    if (pl_home_open(&h, path, 1, &e) || pl_home_index(&h, 0, &db, &e) ||
        idx_page_base_set(db, (long long)s << 40, &e))
        die("shard home", &e);
    char *year = hs_path_join(h.archive, "2026");
    if (!year || hs_mkdir_p(year, &e))
        die("mkdir", &e);
    free(year);
    long share = o->pages / o->shards + (s <= o->pages % o->shards);
    rng_state ^= 0x9E3779B97F4A7C15ULL * (unsigned long long)s;
    int in_txn = 0;
    long done = 0;
    for (long d = 0; done < share; d++) {
        int np = share - done < o->per ? (int)(share - done) : o->per;
        char code[64], rel[128], *zc = NULL;
        snprintf(code, sizeof code, "000.27.30.H34-260115-%d-%07ld", s, d + 1);
        snprintf(rel, sizeof rel, "archive/2026/%s.zip", code);
        char *final = pl_home_abs(&h, rel);
        hs_buf tb;
        hs_buf_init(&tb);
        if (!final || hs_buf_printf(&tb, "%s.tmp-%ld", final, (long)getpid()))
            die("out of memory", NULL);
        char *tmp = hs_buf_detach(&tb, NULL);
        arc_bag *b = NULL;
        make_dossier(&b, code, np, (long)s * 100000000L + done, o->image_bytes);
        if (arc_bag_write(b, tmp, &e) || arc_commit(tmp, final, &e))
            die("write bag", &e);
        arc_bag_free(b);
        if (!in_txn && idx_begin(db, &e))
            die("begin", &e);
        in_txn = 1;
        if (pl_index_archive(db, final, rel, &zc, &e))
            die("index", &e);
        free(zc);
        free(final);
        free(tmp);
        done += np;
        if (d % 1000 == 999) {
            if (idx_commit(db, &e))
                die("commit", &e);
            in_txn = 0;
        }
    }
    if (in_txn && idx_commit(db, &e))
        die("commit", &e);
    /* as `batch --shard` leaves its index: the full text in one segment */
    if (idx_optimize(db, &e))
        die("optimize", &e);
    idx_db_close(db);
    pl_home_release(&h);
}

/* ---- sizes ---- */
static long long tree_bytes;
static int add_size(const char *p, const struct stat *st, int flag, struct FTW *f)
{
    (void)p;
    (void)f;
    if (flag == FTW_F)
        tree_bytes += (long long)st->st_size;
    return 0;
}

static long long du(const char *path)
{
    tree_bytes = 0;
    nftw(path, add_size, 32, FTW_PHYS);
    return tree_bytes;
}

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *f)
{
    (void)st;
    (void)flag;
    (void)f;
    remove(p);
    return 0;
}

static long long file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (long long)st.st_size : 0;
}

/* ---- the merge: a real hoso binary ---- */
typedef struct run {
    double wall, cpu, rss_mb;
    double writer; /* CPU of its one index writer, as the merge prints it (0: not printed) */
} run;

/* `hoso --home target merge DIR/shard-1 ...`, timed; exits on failure */
static run merge_with(const char *hoso, const char *opt, const char *target, const char *dir,
                      int shards)
{
    char **av = calloc((size_t)shards + 7, sizeof *av);
    int ac = 0, st;
    av[ac++] = (char *)hoso;
    av[ac++] = "--home";
    av[ac++] = (char *)target;
    av[ac++] = "merge";
    if (opt)
        av[ac++] = (char *)opt;
    int first = ac;
    for (int s = 1; s <= shards; s++) {
        av[ac] = malloc(1100);
        snprintf(av[ac++], 1100, "%s/shard-%d", dir, s);
    }
    char out[1200];
    snprintf(out, sizeof out, "%s/merge.out", dir);
    double t0 = hs_now();
    pid_t pid = fork();
    if (pid == 0) {
        /* its report, in English, read back for the writer's CPU */
        int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0 || dup2(fd, 1) < 0)
            _exit(127);
        setenv("LANGUAGE", "en", 1);
        execv(hoso, av);
        _exit(127);
    }
    struct rusage ru;
    if (pid < 0 || wait4(pid, &st, 0, &ru) < 0)
        die("merge", NULL);
    run r = {.wall = hs_now() - t0, .cpu = hs_cpu_seconds(&ru), .rss_mb = ru.ru_maxrss / 1024.0};
    FILE *f = fopen(out, "r");
    char line[512];
    while (f && fgets(line, sizeof line, f)) {
        if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
            fputs(line, stderr);
        else
            sscanf(line, "time: %*f s; CPU: %lf s writing", &r.writer);
    }
    if (f)
        fclose(f);
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
        fprintf(stderr, "bench_merge: '%s' merge failed (status %d)\n", hoso, st);
        exit(2);
    }
    for (int s = first; s < ac; s++)
        free(av[s]);
    free(av);
    return r;
}

/* ---- search ---- */
static int same_hits(const idx_results *a, const idx_results *b)
{
    if (a->n != b->n || a->total != b->total || a->more != b->more)
        return 0;
    for (int i = 0; i < a->n; i++)
        if (strcmp(a->hits[i].code, b->hits[i].code) != 0 || a->hits[i].page != b->hits[i].page ||
            a->hits[i].score != b->hits[i].score || a->hits[i].exact != b->hits[i].exact ||
            strcmp(a->hits[i].snippet ? a->hits[i].snippet : "",
                   b->hits[i].snippet ? b->hits[i].snippet : "") != 0)
            return 0;
    return 1;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static int letters_only(const char *w)
{
    for (const unsigned char *p = (const unsigned char *)w; *p; p++)
        if (*p < 0x80 && !((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z'))
            return 0;
    return 1;
}

/* a word of the corpus line l: the k-th from k on, at least 2 bytes, letters only */
static char *word_of(const char *l, int k)
{
    static const char sep[] = " \n,.;:()\"'-/";
    char *copy = strdup(l), *save = NULL, *w, *r = NULL;
    for (w = strtok_r(copy, sep, &save); w; w = strtok_r(NULL, sep, &save))
        if (k-- <= 0 && strlen(w) >= 2 && letters_only(w)) {
            r = strdup(w);
            break;
        }
    free(copy);
    return r;
}

#define NQ 200
static char *queries[NQ];
static const char *kinds[NQ];

static void make_queries(void)
{
    for (int i = 0; i < NQ;) {
        const char *l = lines[rnd() % nlines];
        int k = (int)(rnd() % 6);
        char *a = word_of(l, k), *b = word_of(l, k + 1);
        hs_buf q;
        hs_buf_init(&q);
        int kind = i % 4;
        if (a && kind == 0) {
            hs_buf_puts(&q, a);
            kinds[i] = "word";
        } else if (a && kind == 1) {
            char *f = hs_utf8_fold(a, strlen(a));
            hs_buf_puts(&q, f ? f : a);
            free(f);
            kinds[i] = "folded";
        } else if (a && b && kind == 2) {
            hs_buf_printf(&q, "%s %s", a, b);
            kinds[i] = "two words";
        } else if (a && b && kind == 3) {
            hs_buf_printf(&q, "\"%s %s\"", a, b);
            kinds[i] = "phrase";
        }
        free(a);
        free(b);
        if (q.len) {
            queries[i++] = hs_buf_detach(&q, NULL);
        } else {
            hs_buf_release(&q);
        }
    }
}

/* Queries of the mix whose results (codes, pages, scores, snippets, totals) differ
 * between the indexes a and b. */
static int differing(const char *a, const char *b, long *hits)
{
    idx_db *da = NULL, *dbb = NULL;
    hs_err e;
    if (idx_db_open_readonly(a, &da, &e) || idx_db_open_readonly(b, &dbb, &e))
        die("open index", &e);
    int diff = 0;
    *hits = 0;
    for (int i = 0; i < NQ; i++) {
        idx_query q = {.text = queries[i], .limit = 20};
        idx_results ra, rb;
        if (idx_search(da, &q, &ra, &e) || idx_search(dbb, &q, &rb, &e))
            die(queries[i], &e);
        diff += !same_hits(&ra, &rb);
        *hits += ra.n;
        idx_results_release(&ra);
        idx_results_release(&rb);
    }
    idx_db_close(da);
    idx_db_close(dbb);
    return diff;
}

/* p50, p95, p99, max of the query mix in ms: limit 20 with snippets, as `hoso search`
 * asks; two passes, the second timed (warm) */
static double thread_cpu(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void pcts(double *t, double out[4])
{
    qsort(t, NQ, sizeof t[0], cmp_double);
    out[0] = t[NQ / 2];
    out[1] = t[(int)(0.95 * (NQ - 1) + 0.5)];
    out[2] = t[(int)(0.99 * (NQ - 1) + 0.5)];
    out[3] = t[NQ - 1];
}

/* ... and cpu[4] the same of the CPU time each query took: on a machine shared with other
 * jobs the wall time says as much about them as about the search */
static void search_mix(const char *index, double out[4], double cpu[4], long *hits)
{
    idx_db *db = NULL;
    hs_err e;
    if (idx_db_open_readonly(index, &db, &e))
        die("open index", &e);
    double t[NQ], c[NQ];
    *hits = 0;
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < NQ; i++) {
            idx_query q = {.text = queries[i], .limit = 20};
            idx_results r;
            double t0 = hs_now(), c0 = thread_cpu();
            if (idx_search(db, &q, &r, &e))
                die(queries[i], &e);
            t[i] = (hs_now() - t0) * 1000;
            c[i] = (thread_cpu() - c0) * 1000;
            if (pass)
                *hits += r.n;
            idx_results_release(&r);
        }
    idx_db_close(db);
    pcts(t, out);
    pcts(c, cpu);
}

int main(int argc, char **argv)
{
    opts o = {.pages = 100000, .shards = 8, .per = 10, .image_bytes = 1024, .jobs = 4};
    const char *keep = NULL, *search_only = NULL;
    char hoso[2100] = "", baseline[2100] = "";
    static const struct option lo[] = {{"pages", 1, 0, 'n'}, {"shards", 1, 0, 's'},
                                       {"per", 1, 0, 'p'},   {"image-bytes", 1, 0, 'i'},
                                       {"jobs", 1, 0, 'j'},  {"hoso", 1, 0, 'H'},
                                       {"keep", 1, 0, 'k'},  {"baseline", 1, 0, 'B'},
                                       {"search", 1, 0, 'S'}, {0, 0, 0, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
        switch (c) {
        case 'n': o.pages = atol(optarg); break;
        case 's': o.shards = atoi(optarg); break;
        case 'p': o.per = atoi(optarg); break;
        case 'i': o.image_bytes = atoi(optarg); break;
        case 'j': o.jobs = atoi(optarg); break;
        case 'H': snprintf(hoso, sizeof hoso, "%s", optarg); break;
        case 'k': keep = optarg; break;
        case 'B': snprintf(baseline, sizeof baseline, "%s", optarg); break;
        case 'S': search_only = optarg; break;
        default:
            fprintf(stderr, "usage: bench_merge [--pages N] [--shards S] [--per P] "
                            "[--image-bytes B] [--jobs J] [--hoso PATH] [--baseline PATH] [--keep DIR] "
                            "[CORPUS]\n       bench_merge --search INDEX [CORPUS]\n");
            return 2;
        }
    }
    if (o.pages < 1 || o.shards < 1 || o.per < 1 || o.image_bytes < 1 || o.jobs < 1) {
        fprintf(stderr, "bench_merge: counts must be positive\n");
        return 2;
    }
    if (!*hoso) {
        char self[2048];
        ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
        self[n > 0 ? n : 0] = '\0';
        char *slash = strrchr(self, '/');
        if (slash)
            *slash = '\0';
        snprintf(hoso, sizeof hoso, "%s/../hoso", self);
    }
    const char *corpus = optind < argc ? argv[optind]
                         : getenv("HS_CORPUS") ? getenv("HS_CORPUS") : "../shared/corpus";
    const char *files[] = {"real/vi-text/Luat-Thu-vien-2019.txt",
                           "real/vi-text/Luat-luu-tru-2011.txt",
                           "real/vi-text/hien-phap.txt", "real/vi-text/vie.training_text",
                           "texts/receipt_xaydung.txt", "texts/decision_ubnd.txt",
                           "texts/form_khaisinh.txt", "texts/letter_stttt.txt"};
    char path[2200];
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", corpus, files[i]);
        add_lines(path);
    }
    if (search_only) {
        /* the mix on an index already built, e.g. bench_search's 1M pages */
        double la[3] = {0}, p[4], pc[4];
        long hits = 0;
        getloadavg(la, 3);
        printf("load average at the start: %.2f %.2f %.2f\n", la[0], la[1], la[2]);
        make_queries();
        double t0 = hs_now();
        search_mix(search_only, p, pc, &hits);
        getloadavg(la, 3);
        printf("search %s (%.1f MB), %d queries (word, folded, two words, phrase), limit 20 "
               "with snippets, second of two passes: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, "
               "max %.2f ms (%ld hits); CPU p50 %.2f, p95 %.2f, p99 %.2f ms; both passes %.1f "
               "s; load average at the end: %.2f %.2f %.2f\n",
               search_only, file_size(search_only) / 1e6, NQ, p[0], p[1], p[2], p[3], hits,
               pc[0], pc[1], pc[2], hs_now() - t0, la[0], la[1], la[2]);
        return 0;
    }
    char dir[1024];
    if (keep) {
        snprintf(dir, sizeof dir, "%s", keep);
        if (mkdir(dir, 0777) != 0 && errno != EEXIST)
            die(dir, NULL);
    } else {
        snprintf(dir, sizeof dir, "/tmp/hoso-bmerge-XXXXXX");
        if (!mkdtemp(dir))
            die("mkdtemp", NULL);
    }
    double la0[3] = {0};
    getloadavg(la0, 3);
    printf("load average at the start: %.2f %.2f %.2f\n", la0[0], la0[1], la0[2]);
    printf("bench_merge: %ld pages in %d shards, %d pages a dossier, %d-byte page images, "
           "corpus %zu lines, in %s\n",
           o.pages, o.shards, o.per, o.image_bytes, nlines, dir);
    fflush(stdout);

    /* ---- shard homes, built by o.jobs processes ---- */
    double t0 = hs_now(), c0 = cpu_of(RUSAGE_CHILDREN);
    for (int j = 0; j < o.jobs; j++) {
        pid_t pid = fork();
        if (pid < 0)
            die("fork", NULL);
        if (pid == 0) {
            for (int s = 1 + j; s <= o.shards; s += o.jobs)
                build_shard(dir, s, &o);
            _exit(0);
        }
    }
    int st, bad = 0;
    while (wait(&st) > 0)
        bad |= !WIFEXITED(st) || WEXITSTATUS(st) != 0;
    if (bad) {
        fprintf(stderr, "bench_merge: a shard builder failed\n");
        return 2;
    }
    double t_build = hs_now() - t0, c_build = cpu_of(RUSAGE_CHILDREN) - c0;
    long long shard_zip = 0, shard_idx = 0;
    for (int s = 1; s <= o.shards; s++) {
        snprintf(path, sizeof path, "%s/shard-%d/archive", dir, s);
        shard_zip += du(path);
        snprintf(path, sizeof path, "%s/shard-%d/index.sqlite", dir, s);
        shard_idx += file_size(path);
    }
    printf("shards: built in %.1f s (%.1f s of CPU, %.0f pages/s of CPU): archives %.1f MB "
           "(%.0f bytes/page), indexes %.1f MB\n",
           t_build, c_build, o.pages / c_build, shard_zip / 1e6, (double)shard_zip / o.pages,
           shard_idx / 1e6);
    fflush(stdout);

    /* ---- the merge: the baseline binary first, when given, then this one ---- */
    char target[1100];
    run base = {0};
    if (*baseline) {
        snprintf(target, sizeof target, "%s/target-baseline", dir);
        /* --baseline tokenize: this binary, page text tokenized again (merge --tokenize) */
        int same = strcmp(baseline, "tokenize") == 0;
        if (same)
            snprintf(baseline, sizeof baseline, "%s --tokenize", hoso);
        base = merge_with(same ? hoso : baseline, same ? "--tokenize" : NULL, target, dir,
                          o.shards);
        printf("baseline merge (%s): %.1f s, %.0f pages/s (%.1f s of CPU: %.0f pages/s of CPU, "
               "%.1f us/page); peak RSS %.1f MB\n",
               baseline, base.wall, o.pages / base.wall, base.cpu, o.pages / base.cpu,
               base.cpu / o.pages * 1e6, base.rss_mb);
        fflush(stdout);
    }
    snprintf(target, sizeof target, "%s/target", dir);
    run now = merge_with(hoso, NULL, target, dir, o.shards);
    double t_merge = now.wall, c_merge = now.cpu;
    snprintf(path, sizeof path, "%s/index.sqlite", target);
    long long idx_bytes = file_size(path);
    char wal[2300];
    snprintf(wal, sizeof wal, "%s-wal", path);
    idx_bytes += file_size(wal);
    printf("merge: %.1f s, %.0f pages/s (%.1f s of CPU: %.0f pages/s of CPU, %.1f us/page); "
           "peak RSS %.1f MB\n",
           t_merge, o.pages / t_merge, c_merge, o.pages / c_merge, c_merge / o.pages * 1e6,
           now.rss_mb);
    if (now.writer > 0)
        printf("merge's index writer (one thread): %.1f s of CPU, %.1f us/page: with cores "
               "enough for its checking workers, the merge would run at up to %.0f pages/s\n",
               now.writer, now.writer / o.pages * 1e6, o.pages / now.writer);
    if (*baseline)
        printf("merge against the baseline: %.2fx the pages/s of wall time, %.2fx less CPU a "
               "page\n",
               base.wall / t_merge, base.cpu / c_merge);
    printf("index: %.1f MB = %.0f bytes/page\n", idx_bytes / 1e6, (double)idx_bytes / o.pages);
    fflush(stdout);

    /* ---- search on the merged index, then after optimize (reindex's last step) ---- */
    make_queries();
    double p[4], pc[4];
    long hits = 0;
    if (*baseline) {
        char bpath[2300];
        snprintf(bpath, sizeof bpath, "%s/target-baseline/index.sqlite", dir);
        int d = differing(path, bpath, &hits);
        printf("search results against the baseline's merged index: %d of %d queries differ "
               "(%ld hits compared: codes, pages, scores, snippets, totals)\n",
               d, NQ, hits);
    }
    search_mix(path, p, pc, &hits);
    printf("search, %d queries (word, folded, two words, phrase), limit 20 with snippets: "
           "p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms (%ld hits); CPU p50 %.2f, "
           "p95 %.2f, p99 %.2f ms\n",
           NQ, p[0], p[1], p[2], p[3], hits, pc[0], pc[1], pc[2]);
    fflush(stdout);
    idx_db *db = NULL;
    hs_err e;
    t0 = hs_now();
    if (idx_db_open(path, 0, &db, &e) || idx_optimize(db, &e))
        die("optimize", &e);
    idx_db_close(db);
    double t_opt = hs_now() - t0;
    search_mix(path, p, pc, &hits);
    printf("after optimize (%.1f s, %.0f bytes/page): p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, "
           "max %.2f ms; CPU p50 %.2f, p95 %.2f, p99 %.2f ms\n",
           t_opt, (double)(file_size(path) + file_size(wal)) / o.pages, p[0], p[1], p[2], p[3],
           pc[0], pc[1], pc[2]);
    double la[3] = {0};
    getloadavg(la, 3);
    printf("load average at the end: %.2f %.2f %.2f\n", la[0], la[1], la[2]);
    printf("per page: shard build %.1f us of CPU, merge %.1f us of CPU, %.1f us of wall\n",
           c_build / o.pages * 1e6, c_merge / o.pages * 1e6, t_merge / o.pages * 1e6);
    if (!keep)
        nftw(dir, rm_one, 32, FTW_DEPTH | FTW_PHYS);
    return 0;
}
