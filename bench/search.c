/* bench/search.c - the search stage measured against its baselines in one run.
 *
 * Builds an index of N synthetic pages (default 100 000) made from Vietnamese text
 * (corpus/real/vi-text and corpus/texts, runs of lines mixed into pages of ~250 words,
 * with dossier codes, document numbers, phone and ID numbers injected), through hoso's
 * own index API, and the same pages into a stock FTS5 unicode61 table and a plain table.
 * Prints: build rate, size over text size, recall of folded queries (hoso vs stock
 * unicode61), latency percentiles of a query mix (hoso vs LIKE scan), hostile queries.
 *
 * usage: bench_search [N] [CORPUS_DIR]     (corpus default: $HS_CORPUS or ../shared/corpus)
 */
#define _POSIX_C_SOURCE 200809L
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <utf8proc.h>

#include "hs_common.h"
#include "index.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* CPU seconds of this process: the build's cost even when other jobs share the machine */
static double cpu_now(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return hs_cpu_seconds(&ru);
}

static unsigned long long rng = 88172645463325252ULL;
static unsigned long long next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* ---- corpus ---- */
static char **lines;
static size_t nlines, caplines;

static void add_lines(const char *path)
{
    char *data;
    size_t len;
    hs_err e;
    if (hs_file_read(path, 64 << 20, &data, &len, &e)) {
        fprintf(stderr, "bench: %s\n", e.msg);
        exit(2);
    }
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

/* ---- pages ---- */
typedef struct ident {
    char text[64];   /* as in the page */
    char query[64];  /* as the user types it */
    int page;
} ident;

static char **pages, **lowpages;
static ident idents[400];
static int nidents;

static char *make_page(int i)
{
    hs_buf b;
    hs_buf_init(&b);
    while (b.len < 1500) {
        size_t l = next() % nlines;
        int run = 1 + (int)(next() % 4);
        for (int k = 0; k < run && b.len < 1700; k++) {
            hs_buf_puts(&b, lines[(l + (size_t)k) % nlines]);
            hs_buf_puts(&b, "\n");
        }
    }
    /* identifiers in every 250th page, each typed differently from how it is printed */
    if (i % 250 == 7 && nidents + 4 <= (int)(sizeof idents / sizeof idents[0])) {
        ident *d = &idents[nidents];
        int n = 100 + i % 900, day = 1 + i % 28;
        snprintf(d[0].text, 64, "000.27.%02d.H34-2003%02d-%04d", i % 90, day, i % 9999);
        memcpy(d[0].query, d[0].text, sizeof d[0].query);
        snprintf(d[1].text, 64, "%d/QĐ-UBND", n * 10 + i % 7);
        snprintf(d[1].query, 64, "qd-ubnd %d", n * 10 + i % 7);
        unsigned long long ph = 900000000ULL + (unsigned long long)i * 7919ULL % 99999999ULL;
        snprintf(d[2].text, 64, "0%llu %03llu %03llu", ph / 1000000, ph / 1000 % 1000, ph % 1000);
        snprintf(d[2].query, 64, "0%llu", ph);
        unsigned long long id = 79000000000ULL + (unsigned long long)i * 104729ULL;
        snprintf(d[3].text, 64, "0%011llu", id);
        snprintf(d[3].query, 64, "0%03llu %04llu %04llu", id / 100000000ULL, id / 10000 % 10000,
                 id % 10000);
        hs_buf_printf(&b, "Mã hồ sơ: %s. Số: %s. Điện thoại: %s. CCCD: %s.\n", d[0].text,
                      d[1].text, d[2].text, d[3].text);
        for (int k = 0; k < 4; k++)
            d[k].page = i;
        nidents += 4;
    }
    return hs_buf_detach(&b, NULL);
}

/* ---- ground truth: does page contain every word (lower case, accents kept)? ---- */
static int lower_word_in(const char *page, const char *word)
{
    /* both NFC; compare case-insensitively on whole words via the fold table's lower forms */
    size_t wl = strlen(word);
    for (const char *p = page; (p = strstr(p, word)); p++) {
        int left = p == page || strchr(" \n,.;:()\"'-/", p[-1]);
        int right = !p[wl] || strchr(" \n,.;:()\"'-/", p[wl]);
        if (left && right)
            return 1;
    }
    return 0;
}

static char *lower_copy(const char *s)
{
    /* lower case keeping marks, via utf8proc through hs_fold_cp's lower output */
    hs_buf b;
    hs_buf_init(&b);
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        int32_t cp;
        int n;
        if (*p < 0x80) {
            cp = *p;
            n = 1;
        } else if ((*p & 0xE0) == 0xC0) {
            cp = ((p[0] & 0x1F) << 6) | (p[1] & 0x3F);
            n = 2;
        } else if ((*p & 0xF0) == 0xE0) {
            cp = ((p[0] & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
            n = 3;
        } else {
            cp = ((p[0] & 0x07) << 18) | ((p[1] & 0x3F) << 12) | ((p[2] & 0x3F) << 6) | (p[3] & 0x3F);
            n = 4;
        }
        int32_t f, l;
        hs_fold_cp(cp, &f, &l);
        char out[4];
        int m;
        if (l < 0x80) {
            out[0] = (char)l;
            m = 1;
        } else if (l < 0x800) {
            out[0] = (char)(0xC0 | (l >> 6));
            out[1] = (char)(0x80 | (l & 0x3F));
            m = 2;
        } else {
            out[0] = (char)(0xE0 | (l >> 12));
            out[1] = (char)(0x80 | ((l >> 6) & 0x3F));
            out[2] = (char)(0x80 | (l & 0x3F));
            m = 3;
        }
        hs_buf_append(&b, out, (size_t)m);
        p += n;
    }
    return hs_buf_detach(&b, NULL);
}

typedef struct query {
    char *text;      /* as typed */
    char *words[4];  /* ground truth: lower-case accented words that must all be there */
    int nwords;
    const char *kind;
} query;

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double pct(double *v, int n, double p)
{
    return v[(int)(p * (n - 1) + 0.5)];
}

static long long file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (long long)st.st_size : 0;
}

/* a word of the corpus, lower case, letters only, at least 2 letters, with marks */
static char *pick_word(int want_marks)
{
    for (;;) {
        const char *l = lines[next() % nlines];
        char *low = lower_copy(l);
        char *save = NULL, *w, *r = NULL;
        int k = (int)(next() % 8);
        for (w = strtok_r(low, " \n,.;:()\"'-/", &save); w; w = strtok_r(NULL, " \n,.;:()\"'-/", &save))
            if (k-- <= 0)
                break;
        if (w && strlen(w) >= 2) {
            int ok = 1, marks = 0;
            for (const unsigned char *p = (const unsigned char *)w; *p; p++) {
                if (*p >= 0x80)
                    marks = 1;
                else if (!((*p >= 'a' && *p <= 'z')))
                    ok = 0;
            }
            if (ok && marks == want_marks)
                r = strdup(w);
        }
        free(low);
        if (r)
            return r;
    }
}

/* bench_search --query INDEX QUERY...: times single queries on an existing index */
static int query_mode(int argc, char **argv)
{
    idx_db *db = NULL;
    hs_err e;
    if (idx_db_open(argv[2], 0, &db, &e)) {
        fprintf(stderr, "%s\n", e.msg);
        return 2;
    }
    for (int i = 3; i < argc; i++) {
        double best[3] = {1e9, 1e9, 1e9};
        long total = 0;
        for (int rep = 0; rep < 5; rep++)
            for (int m = 0; m < 3; m++) {
                idx_query q = {.text = argv[i], .limit = m == 0 ? 0 : 20, .no_snippet = m == 1};
                idx_results r;
                double t = now();
                if (idx_search(db, &q, &r, &e)) {
                    fprintf(stderr, "%s\n", e.msg);
                    return 2;
                }
                t = (now() - t) * 1000;
                total = r.total;
                idx_results_release(&r);
                if (t < best[m])
                    best[m] = t;
            }
        printf("%-24s %7ld pages  count %6.2f ms  ranked %6.2f ms  with snippets %6.2f ms\n",
               argv[i], total, best[0], best[1], best[2]);
    }
    idx_db_close(db);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 3 && strcmp(argv[1], "--query") == 0)
        return query_mode(argc, argv);
    if (argc > 2 && strcmp(argv[1], "--optimize") == 0) {
        idx_db *db = NULL;
        hs_err e;
        double t = now();
        if (idx_db_open(argv[2], 0, &db, &e) || idx_optimize(db, &e)) {
            fprintf(stderr, "%s\n", e.msg);
            return 2;
        }
        printf("optimized in %.1f s\n", now() - t);
        idx_db_close(db);
        return 0;
    }
    int n = argc > 1 ? atoi(argv[1]) : 100000;
    const char *corpus = argc > 2 ? argv[2] : getenv("HS_CORPUS") ? getenv("HS_CORPUS") : "../shared/corpus";
    char path[1024];
    const char *files[] = {"real/vi-text/Luat-Thu-vien-2019.txt", "real/vi-text/Luat-luu-tru-2011.txt",
                           "real/vi-text/hien-phap.txt", "real/vi-text/vie.training_text",
                           "texts/receipt_xaydung.txt", "texts/decision_ubnd.txt",
                           "texts/form_khaisinh.txt", "texts/letter_stttt.txt"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", corpus, files[i]);
        add_lines(path);
    }
    printf("corpus: %zu lines from %s\n", nlines, corpus);
    pages = calloc((size_t)n, sizeof *pages);
    lowpages = calloc((size_t)n, sizeof *lowpages);
    long long text_bytes = 0;
    for (int i = 0; i < n; i++) {
        pages[i] = make_page(i);
        lowpages[i] = lower_copy(pages[i]);
        text_bytes += (long long)strlen(pages[i]);
    }
    printf("pages: %d, text %.1f MB\n", n, text_bytes / 1e6);

    char dir[] = "/tmp/hoso-bench-XXXXXX";
    if (!mkdtemp(dir))
        return 2;
    char hoso_db[256], stock_db[256];
    snprintf(hoso_db, sizeof hoso_db, "%s/hoso.sqlite", dir);
    snprintf(stock_db, sizeof stock_db, "%s/stock.sqlite", dir);
    hs_err e;

    /* ---- build: hoso ---- */
    idx_db *db = NULL;
    if (idx_db_open(hoso_db, 0, &db, &e)) {
        fprintf(stderr, "%s\n", e.msg);
        return 2;
    }
    double t0 = now(), c0 = cpu_now();
    int per = 10;
    idx_page *pp = calloc((size_t)per, sizeof *pp);
    char code[64];
    idx_begin(db, &e);
    for (int i = 0; i < n; i += per) {
        int k = i + per <= n ? per : n - i;
        for (int j = 0; j < k; j++) {
            pp[j] = (idx_page){j + 1, "data/images/x.png", "0", "data/text/x.txt", "0", 90.0,
                               pages[i + j], 0};
        }
        snprintf(code, sizeof code, "B-%07d", i / per);
        idx_dossier d = {.code = code, .archive = "a", .created = "2026-01-01T00:00:00Z",
                         .record = "{}", .npages = k, .pages = pp};
        if (idx_dossier_put(db, &d, &e)) {
            fprintf(stderr, "%s\n", e.msg);
            return 2;
        }
        if ((i / per) % 1000 == 999) {
            idx_commit(db, &e);
            idx_begin(db, &e);
        }
    }
    idx_commit(db, &e);
    double t_hoso = now() - t0, c_hoso = cpu_now() - c0;
    t0 = now();
    idx_optimize(db, &e);
    double t_opt = now() - t0;
    /* ---- build: stock unicode61 and plain table ---- */
    sqlite3 *s = NULL;
    sqlite3_open(stock_db, &s);
    sqlite3_exec(s, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                    "CREATE VIRTUAL TABLE stock USING fts5(text, tokenize='unicode61 remove_diacritics 2');"
                    "CREATE TABLE plain(id INTEGER PRIMARY KEY, text TEXT);",
                 0, 0, 0);
    sqlite3_stmt *ins = NULL, *insp = NULL;
    sqlite3_prepare_v2(s, "INSERT INTO stock(rowid, text) VALUES (?, ?)", -1, &ins, 0);
    sqlite3_prepare_v2(s, "INSERT INTO plain(id, text) VALUES (?, ?)", -1, &insp, 0);
    t0 = now();
    sqlite3_exec(s, "BEGIN", 0, 0, 0);
    for (int i = 0; i < n; i++) {
        sqlite3_reset(ins);
        sqlite3_bind_int(ins, 1, i + 1);
        sqlite3_bind_text(ins, 2, pages[i], -1, SQLITE_STATIC);
        sqlite3_step(ins);
        if (i % 10000 == 9999) {
            sqlite3_exec(s, "COMMIT; BEGIN", 0, 0, 0);
        }
    }
    sqlite3_exec(s, "COMMIT", 0, 0, 0);
    double t_stock = now() - t0;
    sqlite3_exec(s, "BEGIN", 0, 0, 0);
    for (int i = 0; i < n; i++) {
        sqlite3_reset(insp);
        sqlite3_bind_int(insp, 1, i + 1);
        sqlite3_bind_text(insp, 2, pages[i], -1, SQLITE_STATIC);
        sqlite3_step(insp);
    }
    sqlite3_exec(s, "COMMIT; PRAGMA wal_checkpoint(TRUNCATE)", 0, 0, 0);
    sqlite3_finalize(ins);
    sqlite3_finalize(insp);
    idx_db_close(db);
    db = NULL;
    idx_db_open(hoso_db, 0, &db, &e); /* reopen: checkpointed on close */
    long long hoso_size = file_size(hoso_db);

    printf("\n== build\n");
    printf("hoso index:     %8.0f pages/s  (%.1f s, %.1f s of CPU; then %.1f s to merge segments as "
           "reindex does)\n",
           n / t_hoso, t_hoso, c_hoso, t_opt);
    printf("stock unicode61:%8.0f pages/s  (%.1f s)   hoso/stock speed %.2fx\n", n / t_stock, t_stock,
           t_stock / t_hoso);
    printf("hoso index size %.1f MB = %.2fx the text (%.1f MB); whole database incl. stored text\n",
           hoso_size / 1e6, (double)hoso_size / text_bytes, text_bytes / 1e6);

    /* HS_BENCH_KEEP=DIR: keep the index as DIR/index.sqlite (a hoso home) and stop */
    const char *keep = getenv("HS_BENCH_KEEP");
    if (keep) {
        idx_db_close(db);
        char cmd[1024];
        snprintf(cmd, sizeof cmd, "mkdir -p '%s' && mv %s '%s/index.sqlite'", keep, hoso_db, keep);
        return system(cmd) == 0 ? 0 : 2;
    }

    /* ---- queries ---- */
    enum { NQ = 160 };
    query q[NQ + 400];
    int nq = 0;
    for (int i = 0; i < 30; i++) { /* accented single words */
        char *w = pick_word(1);
        q[nq++] = (query){strdup(w), {w}, 1, "word"};
    }
    for (int i = 0; i < 30; i++) { /* the same kind, typed without marks */
        char *w = pick_word(1);
        q[nq++] = (query){hs_utf8_fold(w, strlen(w)), {w}, 1, "folded"};
    }
    for (int i = 0; i < 15; i++) { /* upper case, no marks */
        char *w = pick_word(1);
        char *f = hs_utf8_fold(w, strlen(w));
        for (char *p = f; *p; p++)
            if (*p >= 'a' && *p <= 'z')
                *p -= 32;
        q[nq++] = (query){f, {w}, 1, "upper"};
    }
    for (int i = 0; i < 15; i++) { /* decomposed (NFD) */
        char *w = pick_word(1);
        unsigned char *d = NULL;
        utf8proc_map((const unsigned char *)w, 0, &d, UTF8PROC_NULLTERM | UTF8PROC_DECOMPOSE);
        q[nq++] = (query){(char *)d, {w}, 1, "nfd"};
    }
    for (int i = 0; i < 20; i++) { /* two-word AND, one folded */
        char *a = pick_word(1), *b = pick_word(0);
        char t[256];
        char *fa = hs_utf8_fold(a, strlen(a));
        snprintf(t, sizeof t, "%s %s", fa, b);
        free(fa);
        q[nq++] = (query){strdup(t), {a, b}, 2, "two words"};
    }
    for (int i = 0; i < 10; i++) { /* common words with đ typed as d */
        static const char *dw[] = {"đất", "điều", "được", "đối", "định", "đồng", "đầu", "đề", "đơn", "đã"};
        char *f = hs_utf8_fold(dw[i], strlen(dw[i]));
        q[nq++] = (query){f, {strdup(dw[i])}, 1, "d for đ"};
    }
    for (int i = 0; i < 20; i++) { /* phrases of two consecutive words, typed folded */
        char *ph = NULL;
        while (!ph) {
            char *low = lower_copy(lines[next() % nlines]);
            char *a = strtok(low, " ,.;:()\"'-/"), *b = a ? strtok(NULL, " ,.;:()\"'-/") : NULL;
            if (a && b && strlen(a) > 1 && strlen(b) > 1 && (unsigned char)a[0] >= 'a' &&
                (unsigned char)b[0] >= 'a') {
                char t[256];
                snprintf(t, sizeof t, "%s %s", a, b);
                /* only if the pair stands that way in the text (ground truth is a substring) */
                ph = strdup(t);
            }
            free(low);
        }
        char t[300];
        char *f = hs_utf8_fold(ph, strlen(ph));
        snprintf(t, sizeof t, "\"%s\"", f);
        free(f);
        q[nq++] = (query){strdup(t), {ph}, 1, "phrase"};
    }
    static const char *rare[] = {"Elateridae", "Nauchnij", "Wikipedia", "accuracy", "USD"};
    for (int i = 0; i < 5; i++)
        q[nq++] = (query){strdup(rare[i]), {lower_copy(rare[i])}, 1, "rare"};
    int first_ident = nq;
    for (int i = 0; i < nidents && nq < NQ + 100; i++) {
        q[nq++] = (query){strdup(idents[i].query), {NULL}, 0, "identifier"};
    }
    /* ground truth and recall */
    long exp_total = 0, hoso_found = 0, stock_found = 0;
    int q_fail = 0;
    sqlite3_stmt *sq = NULL;
    sqlite3_prepare_v2(s, "SELECT rowid FROM stock WHERE stock MATCH ?", -1, &sq, 0);
    char *hit = malloc((size_t)n);
    double *lat = malloc(sizeof(double) * (size_t)(nq + 1));
    for (int i = 0; i < nq; i++) {
        memset(hit, 0, (size_t)n);
        long expected = 0;
        if (i < first_ident) {
            for (int p = 0; p < n; p++) {
                int all = 1;
                for (int w = 0; w < q[i].nwords && all; w++)
                    all = lower_word_in(lowpages[p], q[i].words[w]);
                if (all) {
                    hit[p] = 1;
                    expected++;
                }
            }
        } else {
            hit[idents[i - first_ident].page] = 1;
            expected = 1;
        }
        /* hoso: all matching pages */
        idx_query iq = {.text = q[i].text, .limit = n, .rank_cap = -1, .no_snippet = 1};
        idx_results r;
        double t1 = now();
        if (idx_search(db, &iq, &r, &e)) {
            q_fail++;
            fprintf(stderr, "query '%s': %s\n", q[i].text, e.msg);
            continue;
        }
        long found = 0;
        for (int k = 0; k < r.n; k++) {
            int pno = atoi(r.hits[k].code + 2) * per + r.hits[k].page - 1;
            if (pno >= 0 && pno < n && hit[pno] == 1) {
                hit[pno] = 2;
                found++;
            }
        }
        idx_results_release(&r);
        (void)t1;
        /* stock: the same text as an FTS5 string per word */
        char *m = NULL, *x = NULL;
        long sfound = 0;
        if (idx_query_build(q[i].text, &m, &x, &e) == HS_OK) {
            sqlite3_reset(sq);
            sqlite3_bind_text(sq, 1, m, -1, SQLITE_STATIC);
            while (sqlite3_step(sq) == SQLITE_ROW) {
                int pno = sqlite3_column_int(sq, 0) - 1;
                if (pno >= 0 && pno < n && hit[pno])
                    sfound++;
            }
        }
        free(m);
        free(x);
        exp_total += expected;
        hoso_found += found;
        stock_found += sfound;
        if (found < expected)
            printf("  recall miss: [%s] (%s) %ld of %ld\n", q[i].text, q[i].kind, found, expected);
    }
    printf("\n== recall of %d folded/variant/identifier queries (%ld expected page hits)\n", nq,
           exp_total);
    printf("hoso:            %.2f%%\n", 100.0 * hoso_found / (exp_total ? exp_total : 1));
    printf("stock unicode61: %.2f%%  (remove_diacritics 2)\n",
           100.0 * stock_found / (exp_total ? exp_total : 1));
    printf("query errors: %d\n", q_fail);

    /* ---- latency: the same mix as a user runs it (limit 20, snippets), hoso's ranking
     * cap against full ranking (cap off) as the baseline ---- */
    double *full = malloc(sizeof(double) * (size_t)(nq + 1));
    for (int mode = 0; mode < 2; mode++) {
        int nl = 0;
        for (int rep = 0; rep < 2; rep++)
            for (int i = 0; i < nq; i++) {
                idx_query iq = {.text = q[i].text, .limit = 20, .rank_cap = mode ? -1 : 0};
                idx_results r;
                double t1 = now();
                if (idx_search(db, &iq, &r, &e) == HS_OK)
                    idx_results_release(&r);
                double dt = (now() - t1) * 1000;
                if (rep == 1)
                    (mode ? full : lat)[nl++] = dt;
            }
    }
    static const char *kinds[] = {"word", "folded", "upper", "nfd", "two words", "d for đ",
                                  "phrase", "rare", "identifier"};
    printf("\n== latency, %d queries, limit 20 with snippets, warm (ms)\n", nq);
    printf("%-12s %5s %8s %8s %8s   %s\n", "kind", "n", "p50", "p95", "max", "p95 full ranking");
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        double a[400], b[400];
        int m = 0;
        for (int i = 0; i < nq; i++)
            if (strcmp(q[i].kind, kinds[k]) == 0) {
                a[m] = lat[i];
                b[m++] = full[i];
            }
        if (!m)
            continue;
        qsort(a, (size_t)m, sizeof *a, cmp_double);
        qsort(b, (size_t)m, sizeof *b, cmp_double);
        printf("%-12s %5d %8.2f %8.2f %8.2f   %8.2f\n", kinds[k], m, pct(a, m, .5), pct(a, m, .95),
               a[m - 1], pct(b, m, .95));
    }
    qsort(lat, (size_t)nq, sizeof *lat, cmp_double);
    qsort(full, (size_t)nq, sizeof *full, cmp_double);
    printf("all          %5d %8.2f %8.2f %8.2f   %8.2f   p99 %.2f (full ranking p99 %.2f)\n", nq,
           pct(lat, nq, .5), pct(lat, nq, .95), lat[nq - 1], pct(full, nq, .95), pct(lat, nq, .99),
           pct(full, nq, .99));
    /* LIKE scan baseline on the plain table, for 10 of the queries */
    sqlite3_stmt *sl = NULL;
    /* LIKE cannot rank; like hoso it must visit every page to count the matches */
    sqlite3_prepare_v2(s, "SELECT count(*) FROM plain WHERE text LIKE ?", -1, &sl, 0);
    double like[10];
    for (int i = 0; i < 10; i++) {
        char pat[256];
        snprintf(pat, sizeof pat, "%%%s%%", q[i].words[0]);
        double t1 = now();
        sqlite3_reset(sl);
        sqlite3_bind_text(sl, 1, pat, -1, SQLITE_STATIC);
        while (sqlite3_step(sl) == SQLITE_ROW)
            ;
        like[i] = (now() - t1) * 1000;
    }
    qsort(like, 10, sizeof *like, cmp_double);
    double hoso10[10];
    for (int i = 0; i < 10; i++) {
        idx_query iq = {.text = q[i].text, .limit = 20};
        idx_results r;
        double t1 = now();
        if (idx_search(db, &iq, &r, &e) == HS_OK)
            idx_results_release(&r);
        hoso10[i] = (now() - t1) * 1000;
    }
    qsort(hoso10, 10, sizeof *hoso10, cmp_double);
    printf("LIKE scan counting the matches of the same 10 words: median %.2f ms vs hoso %.2f ms: hoso %.0fx faster\n",
           like[5], hoso10[5], like[5] / (hoso10[5] > 0 ? hoso10[5] : 1e-6));

    /* ---- hostile queries ---- */
    static const char *parts[] = {"\"", "(", ")", "*", "^", ":", "-", "+", "/", ".", "AND", "OR",
                                  "NOT", "NEAR", "NEAR(", "'", ";", "--", "DROP TABLE pages",
                                  "đất", "ho so", "{a b}", "col:x", "\\", "%", "_", "\x01", "\t",
                                  "0905 118", "412/QĐ-UBND"};
    int hostile_err = 0, hostile_refused = 0;
    for (int i = 0; i < 200; i++) {
        char t[256] = "";
        int k = 1 + (int)(next() % 5);
        for (int j = 0; j < k; j++) {
            strcat(t, parts[next() % (sizeof parts / sizeof parts[0])]);
            if (next() % 2)
                strcat(t, " ");
        }
        idx_query iq = {.text = t, .limit = 20};
        idx_results r;
        int rc = idx_search(db, &iq, &r, &e);
        if (rc == HS_OK)
            idx_results_release(&r);
        else if (rc == HS_EINVAL &&
                 (strstr(e.msg, "has no words") || strstr(e.msg, "only excludes words")))
            hostile_refused++; /* nothing to search for: exit 2 with a message */
        else {
            hostile_err++;
            fprintf(stderr, "hostile '%s': %s\n", t, e.msg);
        }
    }
    printf("\n== 200 hostile queries: %d errors, %d refused as having no words\n", hostile_err,
           hostile_refused);
    idx_db_close(db);
    sqlite3_finalize(sq);
    sqlite3_finalize(sl);
    sqlite3_close(s);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        return 2;
    return 0;
}
