/* fields.c - bench/fields: the field extractor (fields_extract) over every variant of
 * the corpus documents that have a NAME.meta.json, scored against it: exact-match accuracy
 * per variant (of all fields, and of the fields whose value the OCR text really holds),
 * wrong values where the OCR text was right, per-field precision and recall, and the time
 * per page against a baseline measured in the same run (NFC-normalising the same text).
 *
 *   fields [--corpus DIR] [--ocr DIR] [--iters N] [--check]   score the cached OCR texts
 *   fields --regen [--hoso PATH]                               OCR the images again
 *   fields --show FILE                                         print one text's (or hOCR's) fields
 *   fields --forms DIR [--forms-ocr DIR] [--forms-hocr DIR] [-v] [--calib FILE]
 *                                              score a corpus of exhaustive ground truth
 *                                              (shared/corpus/forms)
 *
 * --forms scores NAME.txt (the exact text) and every OCR text NAME.VARIANT.txt of the
 * --forms-ocr folder against NAME.meta.json, the way the corpus README compares (NFC,
 * trimmed, lower case, blanks collapsed, lists as sets): per field, recall (stated fields
 * given exactly) and the wrong-value rate (given values that are wrong, a value for a field
 * the page does not state included), for the exact texts, the clean renders and the
 * degraded renders apart; with --forms-hocr, also NAME.VARIANT.hocr read with its layout
 * (fields_extract_layout). --calib appends one tab-separated line per value found, given or
 * held for review (document, path text/ocr/hocr, field, confidence, given, true, stated,
 * reason), for studying where a confidence threshold would fall. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <utf8proc.h>

#include "hs_common.h"
#include "fields.h"

#ifndef HS_SOURCE_DIR
#define HS_SOURCE_DIR "."
#endif
#ifndef HS_HOSO
#define HS_HOSO "hoso"
#endif

#define MAX_FILES 512

static const char *corpus = HS_SOURCE_DIR "/../shared/corpus/vi";
static const char *ocrdir = HS_SOURCE_DIR "/bench/fields-ocr";
static const char *forms_ocr = HS_SOURCE_DIR "/bench/fields-ocr/forms";
static const char *forms_hocr = NULL;
static FILE *calib; /* --calib FILE: every value found, with its confidence and verdict */

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Image files NAME.VARIANT.EXT of the corpus whose NAME.meta.json exists, sorted. */
static size_t list_images(char **out, size_t cap)
{
    DIR *d = opendir(corpus);
    if (!d) {
        fprintf(stderr, "fields: cannot open corpus '%s'\n", corpus);
        return 0;
    }
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < cap) {
        const char *dot = strrchr(e->d_name, '.');
        if (!dot || (strcmp(dot, ".png") && strcmp(dot, ".jpg") && strcmp(dot, ".tif")))
            continue;
        char meta[1024];
        const char *first = strchr(e->d_name, '.');
        snprintf(meta, sizeof meta, "%s/%.*s.meta.json", corpus, (int)(first - e->d_name),
                 e->d_name);
        if (access(meta, R_OK) == 0)
            out[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(out, n, sizeof *out, cmp_str);
    return n;
}

/* Runs `exe ocr in` with stdout to out; returns 0 on success. */
static int ocr_one(const char *exe, const char *in, const char *out)
{
    pid_t pid = fork();
    if (pid == 0) {
        int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0 || dup2(fd, 1) < 0)
            _exit(127);
        execl(exe, "hoso", "ocr", in, (char *)NULL);
        _exit(127);
    }
    int st = 0;
    return pid < 0 || waitpid(pid, &st, 0) < 0 || !WIFEXITED(st) || WEXITSTATUS(st);
}

static int regen(const char *hoso)
{
    char *files[MAX_FILES];
    size_t n = list_images(files, MAX_FILES);
    hs_err err;
    int failed = 0;
    char *bin = NULL, snap[] = "/tmp/hoso-fields-XXXXXX";
    size_t blen = 0;
    char sha[HS_SHA256_HEX];
    int fd = -1;
    /* others rebuild hoso while we run: OCR every page with one snapshot of it */
    if (hs_file_read(hoso, 256u << 20, &bin, &blen, &err) || hs_mkdir_p(ocrdir, &err) ||
        hs_sha256_hex(bin, blen, sha, &err)) {
        fprintf(stderr, "fields: %s\n", err.msg);
        failed = 1;
        goto out;
    }
    fd = mkstemp(snap);
    if (fd < 0 || write(fd, bin, blen) != (ssize_t)blen || fchmod(fd, 0700) || close(fd)) {
        fprintf(stderr, "fields: cannot copy '%s' to '%s'\n", hoso, snap);
        failed = 1;
        goto out;
    }
    setenv("OMP_THREAD_LIMIT", "1", 1);
    for (size_t i = 0; i < n; i++) {
        char in[1024], out[1024];
        snprintf(in, sizeof in, "%s/%s", corpus, files[i]);
        snprintf(out, sizeof out, "%s/%.*s.txt", ocrdir, (int)(strrchr(files[i], '.') - files[i]),
                 files[i]);
        fprintf(stderr, "ocr %s\n", files[i]);
        if (ocr_one(snap, in, out)) {
            fprintf(stderr, "fields: '%s ocr %s' failed\n", hoso, in);
            failed = 1;
        }
    }
    /* say where the texts came from, so a later run can tell what changed */
    char src[1024], cmd[1200], ver[256] = "hoso (version unknown)\n";
    snprintf(src, sizeof src, "%s/SOURCE.txt", ocrdir);
    snprintf(cmd, sizeof cmd, "'%s' --version", snap);
    FILE *v = popen(cmd, "r");
    if (v) {
        if (!fgets(ver, sizeof ver, v))
            snprintf(ver, sizeof ver, "hoso (version unknown)\n");
        pclose(v);
    }
    char when[32];
    hs_time_iso((long long)time(NULL), when);
    FILE *f = fopen(src, "w");
    if (f) {
        fprintf(f,
                "OCR text of every image in ../shared/corpus/vi that has a NAME.meta.json, one\n"
                "file per image, as bench/fields reads them. Made by: fields --regen --hoso %s\n"
                "(runs 'hoso ocr FILE' with OMP_THREAD_LIMIT=1) on %s.\n"
                "hoso binary sha256 %s: %s",
                hoso, when, sha, ver);
        fclose(f);
    }
    printf("%zu texts in %s (hoso sha256 %.12s)\n", n, ocrdir, sha);
out:
    if (fd >= 0)
        unlink(snap);
    free(bin);
    for (size_t i = 0; i < n; i++)
        free(files[i]);
    return failed;
}

/* Whitespace removed, case folded, NFC: "0905 118 274" and "0905118274" compare equal. */
static char *squash(const char *s)
{
    utf8proc_uint8_t *f = NULL;
    if (utf8proc_map((const utf8proc_uint8_t *)s, 0, &f,
                     UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD) <
        0)
        return strdup("");
    char *w = (char *)f;
    for (char *r = (char *)f; *r; r++)
        if (*r != ' ' && *r != '\n' && *r != '\t' && *r != '\r' && *r != '\f')
            *w++ = *r;
    *w = '\0';
    return (char *)f;
}

static int has(const char *sq_text, const char *form)
{
    char *f = squash(form);
    int r = strstr(sq_text, f) != NULL;
    free(f);
    return r;
}

/* Does the OCR text hold this value (in some written form)? Then extracting it is
 * attainable, and a different value is a real error of the extractor. */
static int present(const char *sq_text, const char *value)
{
    /* a document type is there when its name is (or, for a letter, its "V/v") */
    static const char *const types[][2] = {
        {"quyet_dinh", "quyết định"},
        {"to_khai", "tờ khai"},
        {"giay_tiep_nhan", "giấy tiếp nhận"},
        {"cong_van", "v/v"},
    };
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (!strcmp(value, types[i][0]))
            return has(sq_text, types[i][1]);
    int y, m, d, hh, mm;
    char form[128];
    if (sscanf(value, "%4d-%2d-%2dT%2d:%2d", &y, &m, &d, &hh, &mm) == 5 ||
        sscanf(value, "%4d-%2d-%2d", &y, &m, &d) == 3) {
        int dated = 0;
        for (int f = 0; f < 6 && !dated; f++) {
            switch (f) {
            case 0:
                snprintf(form, sizeof form, "%02d/%02d/%04d", d, m, y);
                break;
            case 1:
                snprintf(form, sizeof form, "%d/%d/%04d", d, m, y);
                break;
            case 2:
                snprintf(form, sizeof form, "ngày %02d tháng %02d năm %04d", d, m, y);
                break;
            case 3:
                snprintf(form, sizeof form, "ngày %d tháng %d năm %04d", d, m, y);
                break;
            case 4:
                snprintf(form, sizeof form, "ngày %02d tháng %d năm %04d", d, m, y);
                break;
            default:
                snprintf(form, sizeof form, "ngày %d tháng %02d năm %04d", d, m, y);
                break;
            }
            dated = has(sq_text, form);
        }
        if (!dated || !strchr(value, 'T'))
            return dated;
        snprintf(form, sizeof form, "%02d giờ %02d", hh, mm);
        return has(sq_text, form);
    }
    return has(sq_text, value);
}

typedef struct score {
    int tp, fp, fn;
} score;

typedef struct tally {
    int gt, exact, attainable, exact_att, extra, wrong_valid;
} tally;

static int json_eq_list(const json_t *a, const json_t *b)
{
    if (json_array_size(a) != json_array_size(b))
        return 0;
    for (size_t i = 0; i < json_array_size(a); i++) {
        int found = 0;
        for (size_t j = 0; j < json_array_size(b) && !found; j++)
            found = json_equal(json_array_get(a, i), json_array_get(b, j));
        if (!found)
            return 0;
    }
    return 1;
}

static int in_list(const json_t *l, const json_t *v)
{
    for (size_t j = 0; j < json_array_size(l); j++)
        if (json_equal(json_array_get(l, j), v))
            return 1;
    return 0;
}

/* Scores flat prediction pred against ground truth gt. */
static void compare(const json_t *gt, const json_t *pred, const char *sq_text, score *per_key,
                    tally *t, int verbose)
{
    for (size_t k = 0; fields_key(k); k++) {
        const char *key = fields_key(k);
        const json_t *g = json_object_get(gt, key), *p = json_object_get(pred, key);
        score *s = &per_key[k];
        if (!g && !p)
            continue;
        if (!g) {
            t->extra++;
            s->fp += json_is_array(p) ? (int)json_array_size(p) : 1;
            if (verbose) {
                char *d = json_dumps(p, JSON_COMPACT | JSON_ENCODE_ANY);
                printf("    extra %s = %s\n", key, d);
                free(d);
            }
            continue;
        }
        t->gt++;
        int exact, att = 1, wrong_valid = 0;
        if (json_is_array(g)) {
            exact = p && json_eq_list(g, p);
            for (size_t i = 0; i < json_array_size(g); i++) {
                const json_t *gi = json_array_get(g, i);
                int ok = p && in_list(p, gi);
                int pr = present(sq_text, json_string_value(gi));
                att &= pr;
                s->tp += ok;
                s->fn += !ok;
            }
            for (size_t i = 0; p && i < json_array_size(p); i++)
                if (!in_list(g, json_array_get(p, i))) {
                    s->fp++;
                    /* a wrong item while the text has every true one */
                    wrong_valid |= att;
                }
        } else {
            exact = p && json_equal(g, p);
            att = present(sq_text, json_string_value(g));
            if (exact) {
                s->tp++;
            } else {
                s->fn++;
                if (p) {
                    s->fp++;
                    wrong_valid = att;
                }
            }
        }
        t->exact += exact;
        t->attainable += att;
        t->exact_att += att && exact;
        t->wrong_valid += wrong_valid;
        if (verbose && !exact) {
            char *gd = json_dumps(g, JSON_COMPACT | JSON_ENCODE_ANY);
            char *pd = p ? json_dumps(p, JSON_COMPACT | JSON_ENCODE_ANY) : strdup("-");
            printf("    %s %s: want %s got %s\n", att ? "MISS" : "miss", key, gd, pd);
            free(gd);
            free(pd);
        }
    }
}

static int show(const char *path)
{
    hs_err err;
    char *text = NULL;
    size_t len;
    json_t *f = NULL;
    size_t pl = strlen(path);
    int hocr = pl > 5 && !strcmp(path + pl - 5, ".hocr"); /* read with its layout */
    if (hs_file_read(path, 16 << 20, &text, &len, &err) ||
        (hocr ? fields_extract_layout(NULL, text, 1, &f, &err)
              : fields_extract(text, 1, &f, &err))) {
        fprintf(stderr, "fields: %s\n", err.msg);
        free(text);
        return 1;
    }
    char *d = json_dumps(f, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    puts(d);
    free(d);
    json_decref(f);
    free(text);
    return 0;
}

static double pct(int a, int b)
{
    return b ? 100.0 * a / b : 100.0;
}

/* ---- --forms: a corpus with exhaustive ground truth ---- */

/* NFC, case folded, trimmed, runs of blanks collapsed to one space (the README's compare). */
static char *norm(const char *s)
{
    utf8proc_uint8_t *f = NULL;
    if (utf8proc_map((const utf8proc_uint8_t *)s, 0, &f,
                     UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD) <
        0)
        return strdup("");
    char *w = (char *)f;
    int sp = 1;
    for (char *r = (char *)f; *r; r++) {
        int blank = *r == ' ' || *r == '\n' || *r == '\t' || *r == '\r' || *r == '\f';
        if (blank) {
            if (!sp)
                *w++ = ' ';
            sp = 1;
        } else {
            *w++ = *r;
            sp = 0;
        }
    }
    while (w > (char *)f && w[-1] == ' ')
        w--;
    *w = '\0';
    return (char *)f;
}

static int norm_eq(const json_t *a, const json_t *b)
{
    if (!json_is_string(a) || !json_is_string(b))
        return 0;
    char *x = norm(json_string_value(a)), *y = norm(json_string_value(b));
    int r = !strcmp(x, y);
    free(x);
    free(y);
    return r;
}

/* Lists as sets: every item of a in b and every item of b in a. */
static int field_eq(const json_t *g, const json_t *p)
{
    if (!json_is_array(g) || !json_is_array(p))
        return norm_eq(g, p);
    for (int pass = 0; pass < 2; pass++) {
        const json_t *x = pass ? p : g, *y = pass ? g : p;
        for (size_t i = 0; i < json_array_size(x); i++) {
            int found = 0;
            for (size_t j = 0; j < json_array_size(y) && !found; j++)
                found = norm_eq(json_array_get(x, i), json_array_get(y, j));
            if (!found)
                return 0;
        }
    }
    return 1;
}

/* wrong counts a field whose value is not the truth, a list short of a true item included;
 * items and false_items count values one by one (each item of a list; a scalar is one
 * item): an item given that the truth does not hold is false, a true item left out is
 * only a miss. */
typedef struct fscore {
    int stated, exact, given, wrong, items, false_items;
} fscore;

/* Whether the truth g (a value, a list, or NULL: none) holds the value v. */
static int truth_holds(const json_t *g, const json_t *v)
{
    if (json_is_array(g)) {
        for (size_t j = 0; j < json_array_size(g); j++)
            if (norm_eq(json_array_get(g, j), v))
                return 1;
        return 0;
    }
    return g && norm_eq(g, v);
}

/* Items of p (a value or a list) that g (NULL: none) does not hold. */
static int items_false(const json_t *g, const json_t *p, int *items)
{
    size_t n = json_is_array(p) ? json_array_size(p) : 1;
    int bad = 0;
    for (size_t i = 0; i < n; i++)
        bad += !truth_holds(g, json_is_array(p) ? json_array_get(p, i) : p);
    *items += (int)n;
    return bad;
}

enum { SET_TEXT, SET_CLEAN, SET_DEGRADED, SET_LAYOUT, SET_COUNT };
static const char *const set_names[SET_COUNT] = {"text", "ocr clean", "ocr degraded",
                                                 "hocr layout"};

static void forms_score(const char *name, const json_t *gt, const json_t *flat, fscore *per_key,
                        int verbose)
{
    for (size_t k = 0; fields_key(k); k++) {
        const json_t *g = json_object_get(gt, fields_key(k)), *p = json_object_get(flat, fields_key(k));
        fscore *s = &per_key[k];
        int ok = g && p && field_eq(g, p);
        s->stated += g != NULL;
        s->exact += ok;
        s->given += p != NULL;
        s->wrong += p && !ok;
        if (p)
            s->false_items += items_false(g, p, &s->items);
        if (verbose && (g || p) && !ok) {
            char *gd = g ? json_dumps(g, JSON_COMPACT | JSON_ENCODE_ANY) : strdup("-");
            char *pd = p ? json_dumps(p, JSON_COMPACT | JSON_ENCODE_ANY) : strdup("-");
            printf("  %-28s %-13s %s %s\n      want %s\n", name, fields_key(k),
                   p ? (g ? "WRONG" : "EXTRA") : "miss ", "", gd);
            printf("      got  %s\n", pd);
            free(gd);
            free(pd);
        }
    }
}

/* --calib: one line a value found, given or held for review (a list item each):
 * name, path (text/ocr/hocr), field, confidence, given (1/0), true (1/0: the truth holds
 * the value), stated (1/0: the truth states the field), reason (review entries), the box
 * of the line it was read from (x0,y0,x1,y1; 0,0,0,0 without hOCR), the value. */
static void calib_item(const char *name, const char *path, const char *key, const json_t *item,
                       int given, const json_t *g)
{
    const json_t *v = json_object_get(item, "value");
    if (!v)
        return;
    int ok = truth_holds(g, v);
    const char *reason = json_string_value(json_object_get(item, "reason"));
    const json_t *box = json_object_get(item, "box");
    fprintf(calib, "%s\t%s\t%s\t%.3f\t%d\t%d\t%d\t%s\t%d,%d,%d,%d\t%s\n", name, path, key,
            json_number_value(json_object_get(item, "confidence")), given, ok, g != NULL,
            reason ? reason : "", (int)json_integer_value(json_array_get(box, 0)),
            (int)json_integer_value(json_array_get(box, 1)),
            (int)json_integer_value(json_array_get(box, 2)),
            (int)json_integer_value(json_array_get(box, 3)),
            json_string_value(v) ? json_string_value(v) : "");
}

static void calib_dump(const char *name, const char *path, const json_t *gt, const json_t *f)
{
    for (size_t k = 0; fields_key(k); k++) {
        const char *key = fields_key(k);
        const json_t *p = json_object_get(f, key), *g = json_object_get(gt, key);
        if (json_is_array(p)) {
            for (size_t i = 0; i < json_array_size(p); i++)
                calib_item(name, path, key, json_array_get(p, i), 1, g);
        } else if (p) {
            calib_item(name, path, key, p, 1, g);
        }
    }
    const json_t *r = json_object_get(f, "review");
    for (size_t i = 0; i < json_array_size(r); i++) {
        const json_t *e = json_array_get(r, i);
        const char *key = json_string_value(json_object_get(e, "field"));
        if (key)
            calib_item(name, path, key, e, 0, json_object_get(gt, key));
    }
}

/* Extracts one text's fields and scores them into per_key; returns 0 or 1 on failure. */
static int forms_one(const char *name, const char *text_path, const json_t *gt, fscore *per_key,
                     int verbose)
{
    hs_err err;
    char *text = NULL;
    size_t len;
    json_t *f = NULL, *flat = NULL;
    size_t pl = strlen(text_path);
    int hocr = pl > 5 && !strcmp(text_path + pl - 5, ".hocr");
    if (hs_file_read(text_path, 64 << 20, &text, &len, &err) ||
        (hocr ? fields_extract_layout(NULL, text, 1, &f, &err) : fields_extract(text, 1, &f, &err)) ||
        fields_flatten(f, FIELDS_MIN_CONFIDENCE, &flat, &err)) {
        fprintf(stderr, "fields: %s: %s\n", name, err.msg);
        free(text);
        json_decref(f);
        return 1;
    }
    forms_score(name, gt, flat, per_key, verbose);
    if (calib)
        calib_dump(name, hocr ? "hocr" : strstr(text_path, "/ocr/") ? "ocr" : "text", gt, f);
    json_decref(f);
    json_decref(flat);
    free(text);
    return 0;
}

static int forms(const char *dir, int verbose)
{
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "fields: cannot open '%s'\n", dir);
        return 1;
    }
    char *names[MAX_FILES];
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < MAX_FILES) {
        size_t l = strlen(e->d_name);
        if (l > 10 && !strcmp(e->d_name + l - 10, ".meta.json"))
            names[n++] = strndup(e->d_name, l - 10);
    }
    closedir(d);
    qsort(names, n, sizeof *names, cmp_str);
    /* the OCR texts: NAME.VARIANT.txt */
    char *ocr[MAX_FILES];
    size_t no = 0;
    d = opendir(forms_ocr);
    while (d && (e = readdir(d)) && no < MAX_FILES) {
        size_t l = strlen(e->d_name);
        if (l > 4 && !strcmp(e->d_name + l - 4, ".txt") && strchr(e->d_name, '.') != e->d_name + l - 4)
            ocr[no++] = strdup(e->d_name);
    }
    if (d)
        closedir(d);
    qsort(ocr, no, sizeof *ocr, cmp_str);
    /* --forms-hocr: NAME.VARIANT.hocr, read with their layout (fields_extract_layout) */
    char *hocr[MAX_FILES];
    size_t nh = 0;
    d = forms_hocr ? opendir(forms_hocr) : NULL;
    while (d && (e = readdir(d)) && nh < MAX_FILES) {
        size_t l = strlen(e->d_name);
        if (l > 5 && !strcmp(e->d_name + l - 5, ".hocr"))
            hocr[nh++] = strdup(e->d_name);
    }
    if (d)
        closedir(d);
    qsort(hocr, nh, sizeof *hocr, cmp_str);
    static fscore per[SET_COUNT][FIELDS_COUNT];
    memset(per, 0, sizeof per);
    int docs[SET_COUNT] = {0}, failed = 0;
    for (size_t i = 0; i < n; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s.meta.json", dir, names[i]);
        json_error_t jerr;
        json_t *gt = json_load_file(path, 0, &jerr);
        if (!gt) {
            fprintf(stderr, "fields: %s: %s\n", path, jerr.text);
            failed = 1;
            continue;
        }
        snprintf(path, sizeof path, "%s/%s.txt", dir, names[i]);
        if (verbose)
            printf("%s (text)\n", names[i]);
        failed |= forms_one(names[i], path, gt, per[SET_TEXT], verbose);
        docs[SET_TEXT]++;
        size_t nl = strlen(names[i]);
        for (size_t j = 0; j < no; j++) {
            if (strncmp(ocr[j], names[i], nl) || ocr[j][nl] != '.')
                continue;
            const char *variant = ocr[j] + nl + 1;
            int set = !strcmp(variant, "clean.txt") ? SET_CLEAN : SET_DEGRADED;
            char label[300];
            snprintf(label, sizeof label, "%.*s", (int)(strlen(ocr[j]) - 4), ocr[j]);
            snprintf(path, sizeof path, "%s/%s", forms_ocr, ocr[j]);
            if (verbose)
                printf("%s\n", label);
            failed |= forms_one(label, path, gt, per[set], verbose);
            docs[set]++;
        }
        for (size_t j = 0; j < nh; j++) {
            if (strncmp(hocr[j], names[i], nl) || hocr[j][nl] != '.')
                continue;
            char label[300];
            snprintf(label, sizeof label, "%.*s (hocr)", (int)(strlen(hocr[j]) - 5), hocr[j]);
            snprintf(path, sizeof path, "%s/%s", forms_hocr, hocr[j]);
            if (verbose)
                printf("%s\n", label);
            failed |= forms_one(label, path, gt, per[SET_LAYOUT], verbose);
            docs[SET_LAYOUT]++;
        }
        json_decref(gt);
    }
    int nsets = docs[SET_LAYOUT] ? SET_COUNT : SET_LAYOUT;
    printf("%-14s", "field");
    for (int s = 0; s < nsets; s++)
        printf(" | %-12.12s %6s %6s", set_names[s], "recall", "wrong");
    printf("\n");
    fscore tot[SET_COUNT] = {{0}};
    for (size_t k = 0; k < FIELDS_COUNT; k++) {
        int any = 0;
        for (int s = 0; s < nsets; s++)
            any |= per[s][k].stated || per[s][k].given;
        if (!any)
            continue;
        printf("%-14s", fields_key(k));
        for (int s = 0; s < nsets; s++) {
            const fscore *c = &per[s][k];
            char r[16] = "-", w[16] = "-";
            if (c->stated)
                snprintf(r, sizeof r, "%.1f", pct(c->exact, c->stated));
            if (c->given)
                snprintf(w, sizeof w, "%.1f", pct(c->wrong, c->given));
            printf(" | %5d/%-6d %6s %6s", c->exact, c->stated, r, w);
            tot[s].stated += c->stated;
            tot[s].exact += c->exact;
            tot[s].given += c->given;
            tot[s].wrong += c->wrong;
            tot[s].items += c->items;
            tot[s].false_items += c->false_items;
        }
        printf("\n");
    }
    printf("\n");
    for (int s = 0; s < nsets; s++)
        printf("%-13s %3d pages: %4d/%-4d stated fields exact (%.1f%%), %3d/%-4d given values "
               "wrong (%.1f%%)\n",
               set_names[s], docs[s], tot[s].exact, tot[s].stated, pct(tot[s].exact, tot[s].stated),
               tot[s].wrong, tot[s].given, tot[s].given ? 100.0 * tot[s].wrong / tot[s].given : 0.0);
    printf("values one by one (each item of a list; an item left out of a list is a miss, not "
           "false):\n");
    for (int s = 0; s < nsets; s++)
        printf("%-13s %3d pages: %4d/%-4d given values false (%.1f%%)\n", set_names[s], docs[s],
               tot[s].false_items, tot[s].items,
               tot[s].items ? 100.0 * tot[s].false_items / tot[s].items : 0.0);
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    for (size_t i = 0; i < no; i++)
        free(ocr[i]);
    for (size_t i = 0; i < nh; i++)
        free(hocr[i]);
    return failed;
}

int main(int argc, char **argv)
{
    const char *hoso = HS_HOSO;
    int do_regen = 0, iters = 200, check = 0, verbose = 0;
    const char *forms_dir = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--regen"))
            do_regen = 1;
        else if (!strcmp(argv[i], "--check"))
            check = 1;
        else if (!strcmp(argv[i], "-v") || !strcmp(argv[i], "--verbose"))
            verbose = 1;
        else if (!strcmp(argv[i], "--show") && i + 1 < argc)
            return show(argv[++i]);
        else if (!strcmp(argv[i], "--forms") && i + 1 < argc)
            forms_dir = argv[++i];
        else if (!strcmp(argv[i], "--forms-ocr") && i + 1 < argc)
            forms_ocr = argv[++i];
        else if (!strcmp(argv[i], "--forms-hocr") && i + 1 < argc)
            forms_hocr = argv[++i];
        else if (!strcmp(argv[i], "--calib") && i + 1 < argc && !calib) {
            if (!(calib = fopen(argv[++i], "a"))) {
                perror(argv[i]);
                return 2;
            }
        }
        else if (!strcmp(argv[i], "--hoso") && i + 1 < argc)
            hoso = argv[++i];
        else if (!strcmp(argv[i], "--corpus") && i + 1 < argc)
            corpus = argv[++i];
        else if (!strcmp(argv[i], "--ocr") && i + 1 < argc)
            ocrdir = argv[++i];
        else if (!strcmp(argv[i], "--iters") && i + 1 < argc)
            iters = atoi(argv[++i]) > 0 ? atoi(argv[i]) : 1;
        else {
            fprintf(stderr, "usage: fields [--corpus DIR] [--ocr DIR] [--iters N] [--check] [-v]\n"
                            "       fields --regen [--hoso PATH]\n       fields --show FILE\n"
                            "       fields --forms DIR [--forms-ocr DIR] [--forms-hocr DIR] [-v]\n"
                            "                     [--calib FILE]\n");
            return 2;
        }
    }
    if (do_regen)
        return regen(hoso);
    if (forms_dir)
        return forms(forms_dir, verbose);

    char *files[MAX_FILES];
    size_t n = list_images(files, MAX_FILES);
    if (!n)
        return 1;
    score per_key[FIELDS_COUNT] = {{0}};
    /* the same per variant (clean, bitonal_g4, ...): the part of the name after the document */
    enum { MAX_VARIANTS = 16 };
    static score per_var[MAX_VARIANTS][FIELDS_COUNT];
    char variants[MAX_VARIANTS][32];
    int nvar = 0;
    tally clean = {0}, degraded = {0};
    double t_ext = 0, t_base = 0, worst_ms = 0;
    int pages = 0, failed = 0;
    printf("%-32s %4s %5s %7s %5s %9s %5s %5s %8s %6s\n", "variant", "gt", "exact", "exact%", "att",
           "exact/att", "extra", "wrong", "ms/page", "ratio");
    for (size_t i = 0; i < n; i++) {
        char base[512], path[1024];
        snprintf(base, sizeof base, "%.*s", (int)(strrchr(files[i], '.') - files[i]), files[i]);
        snprintf(path, sizeof path, "%s/%s.txt", ocrdir, base);
        hs_err err;
        char *text = NULL;
        size_t len;
        if (hs_file_read(path, 16 << 20, &text, &len, &err)) {
            fprintf(stderr, "fields: %s (run 'fields --regen' first)\n", err.msg);
            return 1;
        }
        snprintf(path, sizeof path, "%s/%.*s.meta.json", corpus, (int)strcspn(base, "."), base);
        json_error_t jerr;
        json_t *gt = json_load_file(path, 0, &jerr);
        json_t *fields = NULL, *flat = NULL;
        if (!gt || fields_extract(text, 1, &fields, &err) ||
            fields_flatten(fields, FIELDS_MIN_CONFIDENCE, &flat, &err)) {
            fprintf(stderr, "fields: %s: %s\n", base, gt ? err.msg : jerr.text);
            return 1;
        }
        /* time: the extractor against merely normalising the same text, same count */
        double t0 = now();
        for (int k = 0; k < iters; k++) {
            json_t *f = NULL;
            fields_extract(text, 1, &f, NULL);
            json_decref(f);
        }
        double t1 = now();
        for (int k = 0; k < iters; k++) {
            char *c = hs_utf8_nfc_lossy(text, len);
            free(c);
        }
        double t2 = now();
        double ms = (t1 - t0) * 1000 / iters;
        t_ext += t1 - t0;
        t_base += t2 - t1;
        pages++;
        if (ms > worst_ms)
            worst_ms = ms;

        char *sq = squash(text);
        tally t = {0};
        int is_clean = strstr(base, ".clean") != NULL;
        compare(gt, flat, sq, per_key, &t, 0);
        const char *vname = strchr(base, '.') ? strchr(base, '.') + 1 : base;
        int vi = 0;
        while (vi < nvar && strcmp(variants[vi], vname) != 0)
            vi++;
        if (vi == nvar && nvar < MAX_VARIANTS)
            snprintf(variants[nvar++], sizeof variants[0], "%.31s", vname);
        if (vi < nvar) {
            tally ignored = {0};
            compare(gt, flat, sq, per_var[vi], &ignored, 0);
        }
        printf("%-32s %4d %5d %6.1f%% %5d %8.1f%% %5d %5d %8.3f %6.1f\n", base, t.gt, t.exact,
               pct(t.exact, t.gt), t.attainable, pct(t.exact_att, t.attainable), t.extra,
               t.wrong_valid, ms, (t1 - t0) / (t2 - t1));
        if (verbose) {
            tally dummy = {0};
            score sk[FIELDS_COUNT] = {{0}};
            compare(gt, flat, sq, sk, &dummy, 1);
        }
        tally *acc = is_clean ? &clean : &degraded;
        acc->gt += t.gt;
        acc->exact += t.exact;
        acc->attainable += t.attainable;
        acc->exact_att += t.exact_att;
        acc->extra += t.extra;
        acc->wrong_valid += t.wrong_valid;
        free(sq);
        json_decref(gt);
        json_decref(fields);
        json_decref(flat);
        free(text);
        free(files[i]);
    }

    printf("\n%-14s %9s %9s %7s\n", "field", "precision", "recall", "n");
    for (size_t k = 0; k < FIELDS_COUNT; k++) {
        score *s = &per_key[k];
        if (!s->tp && !s->fp && !s->fn)
            continue;
        printf("%-14s %8.1f%% %8.1f%% %7d\n", fields_key(k), pct(s->tp, s->tp + s->fp),
               pct(s->tp, s->tp + s->fn), s->tp + s->fn);
    }
    /* per field and variant: recall, then precision (%, "-" where the field never occurs) */
    for (int table = 0; table < 2; table++) {
        printf("\n%s by field and variant (%%)\n%-14s", table ? "precision" : "recall", "field");
        for (int v = 0; v < nvar; v++)
            printf(" %7.7s", variants[v]);
        printf("\n");
        for (size_t k = 0; k < FIELDS_COUNT; k++) {
            if (!per_key[k].tp && !per_key[k].fp && !per_key[k].fn)
                continue;
            printf("%-14s", fields_key(k));
            for (int v = 0; v < nvar; v++) {
                const score *c = &per_var[v][k];
                int den = table ? c->tp + c->fp : c->tp + c->fn;
                if (den)
                    printf(" %7.0f", pct(c->tp, den));
                else
                    printf(" %7s", "-");
            }
            printf("\n");
        }
    }
    double per_page = t_ext * 1000 / ((double)pages * iters);
    printf("\nclean:    %d/%d fields exact (%.1f%%), %d extra, %d wrong where the text was right\n",
           clean.exact, clean.gt, pct(clean.exact, clean.gt), clean.extra, clean.wrong_valid);
    printf("degraded: %d/%d fields exact (%.1f%%); where the OCR text has the value %d/%d "
           "(%.1f%%); %d extra, %d wrong where the text was right\n",
           degraded.exact, degraded.gt, pct(degraded.exact, degraded.gt), degraded.exact_att,
           degraded.attainable, pct(degraded.exact_att, degraded.attainable), degraded.extra,
           degraded.wrong_valid);
    printf("time: %.3f ms/page (worst %.3f), baseline NFC copy %.4f ms/page, ratio %.1fx, "
           "%d pages x %d runs\n",
           per_page, worst_ms, t_base * 1000 / ((double)pages * iters), t_ext / t_base, pages,
           iters);
    if (check) {
        int t1 = clean.exact == clean.gt;
        /* the figure: of all the degraded variants' fields; and, stricter about
         * the extractor, of those whose value the OCR text holds */
        int t2 = pct(degraded.exact, degraded.gt) >= 95.0 &&
                 pct(degraded.exact_att, degraded.attainable) >= 95.0;
        int t3 = clean.wrong_valid + degraded.wrong_valid == 0;
        int t4 = per_page < 5.0;
        printf("target clean renders 100%% exact: %s (%d/%d; %d/%d where the OCR text has the "
               "value)\n",
               t1 ? "met" : "NOT MET", clean.exact, clean.gt, clean.exact_att, clean.attainable);
        printf("target degraded >= 95%% exact, of all fields and of those the OCR text has: %s "
               "(%.1f%%, %.1f%%)\n",
               t2 ? "met" : "NOT MET", pct(degraded.exact, degraded.gt),
               pct(degraded.exact_att, degraded.attainable));
        printf("target no wrong value where the OCR text is right: %s (%d)\n",
               t3 ? "met" : "NOT MET", clean.wrong_valid + degraded.wrong_valid);
        printf("target < 5 ms per page: %s (%.3f ms)\n", t4 ? "met" : "NOT MET", per_page);
        failed = !(t1 && t2 && t3 && t4);
    }
    return failed;
}
