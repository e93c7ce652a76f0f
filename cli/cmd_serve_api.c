/* cmd_serve_api.c - the JSON API of `hoso serve` under /api: search (the same document as
 * `hoso search --json`), dossier records, page images, texts and hOCR, the PDF, the bag and
 * fixity. Read-only: every handler reads the index and the zips, nothing else. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <leptonica/allheaders.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli_i18n.h"
#include "cmd_serve.h"

const char *srv_param_get(const srv_req *r, const char *key)
{
    for (int i = 0; i < r->nparam; i++)
        if (strcmp(r->param[i].key, key) == 0)
            return r->param[i].value;
    return NULL;
}

void srv_error(srv_reply *out, int status, const char *fmt, ...)
{
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, srv_text(out->vi, fmt), ap);
    va_end(ap);
    free(out->body);
    out->body = NULL;
    out->status = status;
    /* messages may quote user input: jansson escapes it, and bad UTF-8 was refused before */
    json_t *j = json_pack("{s:s}", "error", msg);
    char *s = j ? json_dumps(j, JSON_PRESERVE_ORDER) : NULL;
    json_decref(j);
    out->type = "application/json; charset=utf-8";
    if (s) {
        out->len = strlen(s);
        out->body = s;
    } else {
        out->body = strdup("{\"error\": \"out of memory\"}");
        out->len = out->body ? strlen(out->body) : 0;
    }
}

void srv_json(srv_reply *out, json_t *v)
{
    char *s = v ? cli_json_text(v) : NULL;
    json_decref(v);
    size_t n = s ? strlen(s) : 0;
    char *b = s ? realloc(s, n + 2) : NULL;
    if (!b) {
        free(s);
        srv_error(out, 500, N_("out of memory"));
        return;
    }
    /* a final newline, as the CLI prints it: the bytes are the same */
    b[n] = '\n';
    b[n + 1] = '\0';
    out->status = 200;
    out->type = "application/json; charset=utf-8";
    out->body = b;
    out->len = n + 1;
}

/* "1", "true", "yes", "on": set; absent, "" or "0": not set. */
static int flag(const char *v)
{
    return v && (!strcmp(v, "1") || !strcmp(v, "true") || !strcmp(v, "yes") || !strcmp(v, "on"));
}

static void api_search(const srv_req *r, srv_reply *out)
{
    idx_query q = {.limit = 20};
    const char *fields[16];
    q.text = srv_param_get(r, "q");
    const char *v = srv_param_get(r, "limit");
    if (v && *v && cli_parse_int(v, 1, 100000, &q.limit)) {
        srv_error(out, 400, N_("search: bad limit '%s'"), v);
        return;
    }
    if ((v = srv_param_get(r, "from")) && *v)
        q.from = v;
    if ((v = srv_param_get(r, "to")) && *v)
        q.to = v;
    if ((v = srv_param_get(r, "code")) && *v)
        q.code_prefix = v;
    q.by_dossier = flag(srv_param_get(r, "dossiers"));
    if (flag(srv_param_get(r, "needs_review")))
        q.review_below = r->home->review;
    for (int i = 0; i < r->nparam; i++) {
        if (strcmp(r->param[i].key, "field") != 0 || !*r->param[i].value)
            continue;
        if (q.nfields == 16) {
            srv_error(out, 400, N_("search: at most 16 field filters"));
            return;
        }
        char bad[600];
        if (cli_field_unknown(r->param[i].value, bad, sizeof bad)) {
            srv_error(out, 400, "%s", bad);
            return;
        }
        fields[q.nfields++] = r->param[i].value;
    }
    q.fields = fields;
    /* Without words, as `hoso search` without a query: the filters alone select
     * (needs_review alone: every page to check). An empty q, as a form sends it, is no
     * query. */
    if (!q.text && !(q.from || q.to || q.code_prefix || q.nfields || q.review_below > 0)) {
        srv_error(out, 400, N_("search: no query (q=...)"));
        return;
    }
    if (!q.text)
        q.text = "";
    hs_err err;
    hs_err_clear(&err);
    idx_results res = {0};
    int rc = idx_search(r->db, &q, &res, &err);
    if (rc) {
        srv_error(out, rc == HS_EINVAL ? 400 : 500, "%s", err.msg);
        return;
    }
    srv_json(out, search_json(&q, &res));
    idx_results_release(&res);
}

/* The dossier's archive path (malloc'd, absolute) and record (parsed, and as filed); replies
 * 404/500 itself. */
static int dossier_get(const srv_req *r, const char *code, char **abs, pl_dossier **rec,
                       char **raw, srv_reply *out)
{
    *abs = NULL;
    if (rec)
        *rec = NULL;
    if (raw)
        *raw = NULL;
    if (!pl_code_valid(code)) {
        srv_error(out, 400, N_("'%s' is not a dossier code"), code);
        return -1;
    }
    hs_err err;
    hs_err_clear(&err);
    char *rel = NULL, *record = NULL;
    pl_dossier *d = NULL;
    /* the record is parsed only for callers that read it: the raw text and the bag are
     * served even when it does not parse */
    int rc = rec ? pl_dossier_load(r->db, code, &d, &rel, raw, &err)
                 : idx_dossier_get(r->db, code, &rel, &record, &err);
    if (raw && !rec)
        *raw = record;
    else
        free(record);
    if (rc == HS_ENOTFOUND) {
        srv_error(out, 404, N_("no dossier '%s'"), code); /* idx's words, translated */
        free(rel);
        if (raw) {
            free(*raw);
            *raw = NULL;
        }
        return -1;
    }
    if (rc) {
        srv_error(out, 500, "%s", err.msg);
        return -1;
    }
    *abs = pl_home_abs(r->home, rel);
    free(rel);
    if (!*abs) {
        srv_error(out, 500, N_("out of memory"));
        pl_dossier_free(d);
        if (raw) {
            free(*raw);
            *raw = NULL;
        }
        return -1;
    }
    if (rec)
        *rec = d;
    else
        pl_dossier_free(d);
    return 0;
}

static void api_dossier(const srv_req *r, const char *code, srv_reply *out)
{
    char *abs = NULL, *record = NULL;
    if (dossier_get(r, code, &abs, NULL, &record, out))
        return;
    free(abs);
    /* the dossier.json as filed, byte for byte as `hoso show --json` prints it */
    size_t n = strlen(record);
    if (!n || record[n - 1] != '\n') {
        char *b = realloc(record, n + 2);
        if (!b) {
            free(record);
            {
                srv_error(out, 500, N_("out of memory"));
                return;
            }
        }
        record = b;
        record[n++] = '\n';
        record[n] = '\0';
    }
    out->status = 200;
    out->type = "application/json; charset=utf-8";
    out->body = record;
    out->len = n;
}

/* Reads path from the dossier's bag into out (status 200) with the given type. */
static void send_member(const char *abs, const char *path, const char *type, srv_reply *out)
{
    hs_err err;
    hs_err_clear(&err);
    arc_reader *ar = NULL;
    char *data = NULL;
    size_t len = 0;
    int rc = arc_open(abs, &ar, &err);
    if (rc == HS_OK)
        rc = arc_read(ar, path, &data, &len, &err);
    arc_close(ar);
    if (rc) {
        srv_error(out, rc == HS_ENOTFOUND ? 404 : 500, "%s", err.msg);
        return;
    }
    out->status = 200;
    out->type = type;
    out->body = data;
    out->len = len;
}

/* Archival images are PNG or G4 TIFF; browsers show PNG only, so image.png re-encodes
 * (scaled down to max pixels wide when asked, 1-bit pages through grey so they stay
 * legible). */
static void to_png(srv_reply *out, int max)
{
    PIX *pix = pixReadMem((const l_uint8 *)out->body, out->len), *p2 = NULL;
    l_uint8 *png = NULL;
    size_t n = 0;
    if (!pix) {
        srv_error(out, 500, N_("cannot decode the page image"));
        return;
    }
    if (max > 0 && pixGetWidth(pix) > max) {
        PIX *g = pixGetDepth(pix) < 8 ? pixConvertTo8(pix, 0) : pixClone(pix);
        p2 = g ? pixScaleToSize(g, max, 0) : NULL;
        pixDestroy(&g);
        pixDestroy(&pix);
        pix = p2;
    }
    if (!pix || pixWriteMem(&png, &n, pix, IFF_PNG) || !png) {
        pixDestroy(&pix);
        {
            srv_error(out, 500, N_("cannot encode the page image"));
            return;
        }
    }
    pixDestroy(&pix);
    char *b = malloc(n);
    if (b)
        memcpy(b, png, n);
    lept_free(png);
    if (!b) {
        srv_error(out, 500, N_("out of memory"));
        return;
    }
    free(out->body);
    out->body = b;
    out->len = n;
    out->type = "image/png";
}

static void api_page(const srv_req *r, const char *code, const char *num, const char *what,
                     srv_reply *out)
{
    int n = 0;
    if (cli_parse_int(num, 1, 100000, &n)) {
        srv_error(out, 400, N_("bad page number '%s'"), num);
        return;
    }
    char *abs = NULL;
    pl_dossier *rec = NULL;
    if (dossier_get(r, code, &abs, &rec, NULL, out))
        return;
    pl_dossier_page pg;
    int found = pl_dossier_page_find(rec, n, &pg) == HS_OK;
    const char *image = pg.image;
    const char *text = pg.text;
    char hocr[32];
    pl_bag_page_path(hocr, sizeof hocr, PL_BAG_HOCR, n, NULL);
    if (!found) {
        srv_error(out, 404, N_("%s: no page %d"), code, n);
    } else if (!strcmp(what, "image") || !strcmp(what, "image.png")) {
        size_t l = image ? strlen(image) : 0;
        int max = 0;
        const char *m = srv_param_get(r, "max");
        if (!image)
            srv_error(out, 404, N_("%s: page %d has no image"), code, n);
        else if (!strcmp(what, "image.png") && m && *m && cli_parse_int(m, 16, 10000, &max))
            srv_error(out, 400, N_("bad max '%s'"), m);
        else
            send_member(abs, image,
                        l > 4 && !strcmp(image + l - 4, ".png") ? "image/png" : "image/tiff", out);
        if (out->status == 200 && !strcmp(what, "image.png") &&
            (max || strcmp(out->type, "image/png")))
            to_png(out, max);
    } else if (!strcmp(what, "text")) {
        if (!text)
            srv_error(out, 404, N_("%s: page %d has no text"), code, n);
        else
            send_member(abs, text, "text/plain; charset=utf-8", out);
    } else if (!strcmp(what, "hocr")) {
        /* text/plain: hOCR is XHTML, and OCR output is not ours to run in a browser */
        send_member(abs, hocr, "text/plain; charset=utf-8", out);
    } else {
        srv_error(out, 404, N_("no such page resource '%s'"), what);
    }
    if (out->status == 200 && !strcmp(what, "image"))
        snprintf(out->filename, sizeof out->filename, "%s-p%d.%s", code, n,
                 strcmp(out->type, "image/png") ? "tif" : "png");
    pl_dossier_free(rec);
    free(abs);
}

static void api_pdf(const srv_req *r, const char *code, srv_reply *out)
{
    char *abs = NULL;
    pl_dossier *rec = NULL;
    if (dossier_get(r, code, &abs, &rec, NULL, out))
        return;
    /* pages added by --append are in dossier-2.pdf ...: ?n=2 */
    size_t k = 1;
    int n = 1;
    const char *v = srv_param_get(r, "n");
    if (v && *v && cli_parse_int(v, 1, 1000, &n)) {
        srv_error(out, 400, N_("bad pdf number '%s'"), v);
    } else {
        k = (size_t)n;
        const char *path = pl_dossier_pdf(rec, k - 1);
        if (!path)
            srv_error(out, 404, N_("%s: no pdf %zu"), code, k);
        else
            send_member(abs, path, "application/pdf", out);
        if (out->status == 200)
            snprintf(out->filename, sizeof out->filename, k > 1 ? "%s-%zu.pdf" : "%s.pdf", code, k);
    }
    pl_dossier_free(rec);
    free(abs);
}

static void api_bag(const srv_req *r, const char *code, srv_reply *out)
{
    char *abs = NULL;
    if (dossier_get(r, code, &abs, NULL, NULL, out))
        return;
    struct stat st;
    int fd = open(abs, O_RDONLY | O_CLOEXEC);
    if (fd < 0 || fstat(fd, &st) || !S_ISREG(st.st_mode)) {
        srv_error(out, 500, N_("%s: cannot read '%s': %s"), code, abs, strerror(errno));
        if (fd >= 0)
            close(fd);
    } else {
        out->status = 200;
        out->type = "application/zip";
        out->fd = fd;
        out->fd_len = (size_t)st.st_size;
        snprintf(out->filename, sizeof out->filename, "%s.zip", code);
    }
    free(abs);
}

/* Fixity, as `hoso verify CODE` checks it, with the problems collected instead of printed. */
static void v_problem(void *ud, const char *msg)
{
    json_array_append_new(ud, json_string(msg));
}

static void api_verify(const srv_req *r, const char *code, srv_reply *out)
{
    char *abs = NULL;
    if (dossier_get(r, code, &abs, NULL, NULL, out))
        return;
    json_t *problems = json_array();
    pl_verify_archive(r->db, code, abs, v_problem, problems);
    free(abs);
    srv_json(out, json_pack("{s:s, s:b, s:o}", "code", code, "ok", json_array_size(problems) == 0,
                            "problems", problems));
}

/* GET /api/stats?from=&to=[&by=agency|procedure|month]: what `hoso stats --json` prints. */
static void api_stats(const srv_req *r, srv_reply *out)
{
    const char *f = srv_param_get(r, "from"), *t = srv_param_get(r, "to"),
               *b = srv_param_get(r, "by");
    long long from, to;
    int by = b && *b ? stats_by_parse(b) : IDX_BY_NONE;
    idx_stats st;
    hs_err err;
    hs_err_clear(&err);
    if (!f || !t || stats_period_parse(f, 0, &from) || stats_period_parse(t, 1, &to) || to <= from)
        srv_error(out, 400, N_("stats: give from and to (YYYY-MM-DD or YYYY-MM), from first"));
    else if (by < 0)
        srv_error(out, 400, N_("stats: by is agency, procedure or month"));
    else if (idx_status_stats(r->db, from, to, idx_time_now(), by, &st, &err))
        srv_error(out, 500, "%s", err.msg);
    else {
        srv_json(out, stats_json(&st, from, to, by));
        idx_stats_release(&st);
    }
}

/* GET /api/overdue[?limit=N]: what `hoso status --overdue --json` prints (100 by default). */
static void api_overdue(const srv_req *r, srv_reply *out)
{
    const char *v = srv_param_get(r, "limit");
    int limit = 100;
    hs_err err;
    hs_err_clear(&err);
    json_t *list = NULL;
    if (v && *v && cli_parse_int(v, 1, 10000, &limit))
        srv_error(out, 400, N_("bad limit '%s'"), v);
    else if (!(list = overdue_json(r->db, idx_time_now(), limit, &err)))
        srv_error(out, 500, "%s", err.msg);
    else
        srv_json(out, list);
}

void srv_api(const srv_req *r, srv_reply *out)
{
    const char *const *s = (const char *const *)r->seg;
    int n = r->nseg;
    if (n == 2 && !strcmp(s[1], "search")) {
        api_search(r, out);
        return;
    }
    if (n == 2 && !strcmp(s[1], "stats")) {
        api_stats(r, out);
        return;
    }
    if (n == 2 && !strcmp(s[1], "overdue")) {
        api_overdue(r, out);
        return;
    }
    if (n < 3 || strcmp(s[1], "dossiers") != 0) {
        srv_error(out, 404, N_("no such resource"));
        return;
    }
    if (n == 3) {
        api_dossier(r, s[2], out);
        return;
    }
    if (n == 4 && !strcmp(s[3], "verify")) {
        api_verify(r, s[2], out);
        return;
    }
    if (n == 4 && !strcmp(s[3], "pdf")) {
        api_pdf(r, s[2], out);
        return;
    }
    if (n == 4 && !strcmp(s[3], "bag")) {
        api_bag(r, s[2], out);
        return;
    }
    if (n == 6 && !strcmp(s[3], "pages")) {
        api_page(r, s[2], s[4], s[5], out);
        return;
    }
    srv_error(out, 404, N_("no such resource"));
}
