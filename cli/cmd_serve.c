/* cmd_serve.c - `hoso serve`: the archive in a browser. An HTTP server (libmicrohttpd,
 * a pool of threads, one index connection per thread) serving the web interface compiled
 * from web/, the read-only JSON API of cmd_serve_api.c and the review station's writes
 * (cmd_serve_write.c, through one writable connection). This file owns what reaches the
 * handlers: methods, sizes, the time a request may take to arrive, connections per
 * address, strict decoding of the path, query and body, the access token, the session
 * cookie and CSRF header, and the security headers on every response. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli_help.h"
#include "cli_i18n.h"
#include "cmd_serve.h"

/* the synopsis and options are in the help table, cli/cli_help.c */
static const char usage[] = "serve";

/* Scripts only from the server itself, no inline script or style, no framing. */
static const char csp[] = "default-src 'self'; img-src 'self' blob:; object-src 'none'; "
                          "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/* A connection, as the request deadline sees it. MHD's --timeout counts idle time only:
 * a client sending a byte a second would keep its connection, and its share of the pool's
 * memory and connection slots, for ever. So the whole of a request's headers must be in
 * within the timeout of the connection being accepted or of its previous response. */
typedef struct conn {
    struct conn *prev, *next;
    int fd;
    unsigned char ip[16]; /* the client's address (4 or 16 bytes), for the per-address limit */
    int iplen;
    long long since; /* ms on the monotonic clock: when the connection became ready */
    int busy;        /* the request's headers are in: being answered */
    int dropped;
} conn;

typedef struct server {
    pl_home *home;
    int has_token;
    char token_sha[HS_SHA256_HEX]; /* compared by digest: same time for every guess */
    srv_writer w;                  /* the one writable connection (sign-in, corrections) */
    const char *tz;                /* the time zone the page shows dates in (--time-zone) */
    pthread_key_t db_key;          /* each pool thread's idx_db */
    /* the request deadline: the reaper thread drops connections past it */
    pthread_mutex_t lock;
    pthread_cond_t wake;
    conn *conns;
    long long deadline_ms;
    int stopping;
    /* connections by pool thread (descriptor number modulo the pool size: see steer) */
    int nthreads;
    int per_thread[SRV_MAX_THREADS];
} server;

static long long now_ms(void)
{
    return (long long)(hs_now() * 1000);
}

static void on_connection(void *cls, struct MHD_Connection *c, void **ctx,
                          enum MHD_ConnectionNotificationCode code)
{
    server *s = cls;
    conn *k = *ctx;
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        const union MHD_ConnectionInfo *fd =
            MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
        if (!fd || !(k = calloc(1, sizeof *k)))
            return; /* not watched: MHD's idle timeout still applies */
        k->fd = fd->connect_fd;
        k->since = now_ms();
        const union MHD_ConnectionInfo *a =
            MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
        const struct sockaddr *sa = a ? a->client_addr : NULL;
        if (sa && sa->sa_family == AF_INET) {
            memcpy(k->ip, &((const struct sockaddr_in *)sa)->sin_addr, 4);
            k->iplen = 4;
        } else if (sa && sa->sa_family == AF_INET6) {
            memcpy(k->ip, &((const struct sockaddr_in6 *)sa)->sin6_addr, 16);
            k->iplen = 16;
        }
        pthread_mutex_lock(&s->lock);
        /* one address may hold SRV_MAX_PER_IP connections and leave the rest to others.
         * (Counted here rather than by libmicrohttpd's own per-address limit, which
         * spread connections unevenly over the pool threads: under load some clients
         * waited for many others' requests, p95 60-74 ms against 35-50 ms.) */
        int same = 0;
        for (const conn *o = s->conns; o && k->iplen; o = o->next)
            same += o->iplen == k->iplen && !memcmp(o->ip, k->ip, (size_t)k->iplen);
        k->next = s->conns;
        if (s->conns)
            s->conns->prev = k;
        s->conns = k;
        if (same >= SRV_MAX_PER_IP) {
            k->dropped = 1;
            shutdown(k->fd, SHUT_RDWR); /* libmicrohttpd sees the end and closes it */
        }
        pthread_mutex_unlock(&s->lock);
        *ctx = k;
    } else if (k) {
        /* MHD closes the socket after this: once k is unlinked the reaper cannot touch a
         * descriptor that may be reused */
        pthread_mutex_lock(&s->lock);
        if (k->prev)
            k->prev->next = k->next;
        else
            s->conns = k->next;
        if (k->next)
            k->next->prev = k->prev;
        s->per_thread[k->fd % s->nthreads]--;
        pthread_mutex_unlock(&s->lock);
        free(k);
        *ctx = NULL;
    }
}

/* A request's headers are in (busy 1), or its response has gone (busy 0: the clock for
 * the next request on the connection starts). */
static void conn_busy(server *s, struct MHD_Connection *c, int busy)
{
    const union MHD_ConnectionInfo *i =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    conn *k = i ? i->socket_context : NULL;
    if (!k)
        return;
    pthread_mutex_lock(&s->lock);
    k->busy = busy;
    k->since = now_ms();
    pthread_mutex_unlock(&s->lock);
}

static void post_free(void *p);

static void on_completed(void *cls, struct MHD_Connection *c, void **req_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)toe;
    post_free(*req_cls);
    *req_cls = NULL;
    conn_busy(cls, c, 0);
}

/* Drops the connections whose request is late: shutdown() makes the socket read as ended,
 * and MHD then closes the connection as if the client had gone. */
static void *reaper(void *arg)
{
    server *s = arg;
    pthread_mutex_lock(&s->lock);
    while (!s->stopping) {
        long long now = now_ms();
        for (conn *k = s->conns; k; k = k->next)
            if (!k->busy && !k->dropped && now - k->since >= s->deadline_ms) {
                shutdown(k->fd, SHUT_RDWR);
                k->dropped = 1;
            }
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        ts.tv_nsec += 200 * 1000000L;
        if (ts.tv_nsec >= 1000000000L) {
            ts.tv_sec++;
            ts.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&s->wake, &s->lock, &ts);
    }
    pthread_mutex_unlock(&s->lock);
    return NULL;
}

static void db_free(void *db)
{
    idx_db_close(db);
}

/* The calling thread's index connection, opened on its first request and closed when
 * the thread ends: SQLite connections are not shared, and WAL lets them all read while
 * a batch writes. */
static idx_db *thread_db(server *s, hs_err *err)
{
    idx_db *db = pthread_getspecific(s->db_key);
    if (!db && idx_db_open_readonly(s->home->index_path, &db, err) == HS_OK &&
        pthread_setspecific(s->db_key, db) != 0) {
        idx_db_close(db);
        db = NULL;
        hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    }
    return db;
}

idx_db *srv_writer_db(srv_writer *w, hs_err *err)
{
    /* opening also makes the review station's tables in an index made before them */
    if (!w->db && idx_db_open(w->path, 0, &w->db, err))
        w->db = NULL;
    return w->db;
}

static int token_ok(const server *s, const char *given)
{
    char sha[HS_SHA256_HEX];
    if (!given || hs_sha256_hex(given, strlen(given), sha, NULL))
        return 0;
    unsigned char d = 0;
    for (int i = 0; i < HS_SHA256_HEX - 1; i++)
        d |= (unsigned char)(sha[i] ^ s->token_sha[i]);
    return d == 0;
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Percent-decodes s (plus: '+' is a space, as in query strings) into a malloc'd string.
 * NULL for a broken escape, a control character (NUL included) or bytes that are not
 * UTF-8: the request is refused rather than guessed at. */
static char *decode(const char *s, int plus)
{
    size_t n = strlen(s), k = 0;
    char *d = malloc(n + 1);
    if (!d)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        int c = (unsigned char)s[i];
        if (c == '%') {
            int hi = i + 2 < n + 1 ? hexval((unsigned char)s[i + 1]) : -1;
            int lo = hi >= 0 ? hexval((unsigned char)s[i + 2]) : -1;
            if (hi < 0 || lo < 0)
                goto bad;
            c = hi * 16 + lo;
            i += 2;
        } else if (c == '+' && plus) {
            c = ' ';
        }
        if (c < 0x20 || c == 0x7f)
            goto bad;
        d[k++] = (char)c;
    }
    d[k] = '\0';
    if (hs_utf8_valid(d, k))
        return d;
bad:
    free(d);
    return NULL;
}

/* MHD would decode the path and the arguments leniently (a bad escape kept as is); keep
 * them raw and decode them strictly in the handler. */
static size_t no_unescape(void *cls, struct MHD_Connection *c, char *s)
{
    (void)cls;
    (void)c;
    return strlen(s);
}

typedef struct args_ctx {
    srv_req *r;
    size_t bytes;
    int status; /* 0, or the refusal */
} args_ctx;

static enum MHD_Result collect_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                                   const char *value)
{
    args_ctx *a = cls;
    (void)kind;
    a->bytes += strlen(key) + (value ? strlen(value) : 0) + 2;
    if (a->bytes > SRV_MAX_URI) {
        a->status = 414;
        return MHD_NO;
    }
    if (a->r->nparam == SRV_MAX_PARAMS) {
        a->status = 400;
        return MHD_NO;
    }
    srv_param *p = &a->r->param[a->r->nparam];
    p->key = decode(key, 1);
    p->value = decode(value ? value : "", 1);
    a->r->nparam++;
    if (!p->key || !p->value) {
        a->status = 400;
        return MHD_NO;
    }
    return MHD_YES;
}

/* Splits the raw path into decoded segments; empty segments (a trailing slash) are
 * skipped. A segment "." or ".." or one that decodes to a '/' is refused, so no path
 * built from a request can leave the place it names. Returns 0 or an HTTP status. */
static int split_path(const char *url, srv_req *r)
{
    if (url[0] != '/')
        return 400;
    const char *p = url + 1;
    while (*p) {
        const char *e = strchr(p, '/');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (n) {
            if (r->nseg == SRV_MAX_SEGS)
                return 404;
            char *raw = strndup(p, n);
            char *seg = raw ? decode(raw, 0) : NULL;
            free(raw);
            if (!seg)
                return 400;
            r->seg[r->nseg++] = seg;
            if (!strcmp(seg, ".") || !strcmp(seg, "..") || strchr(seg, '/') || strchr(seg, '\\'))
                return 400;
        }
        p += n + (e ? 1 : 0);
    }
    return 0;
}

/* The page: index.html with its lang attribute set to the reader's language and data-tz
 * to the time zone dates are shown in; app.js reads them. */
static void send_index(struct MHD_Connection *c, const server *s, const srv_req *r, srv_reply *out)
{
    const struct hs_web_asset *a = NULL;
    for (const struct hs_web_asset *w = hs_web_assets; w->path; w++)
        if (!strcmp(w->path, "/index.html"))
            a = w;
    if (!a) {
        srv_error(out, 500, N_("no index.html in this build"));
        return;
    }
    const char *lang = srv_param_get(r, "lang");
    int en = lang ? !strcmp(lang, "en")
                  : srv_lang_accept(
                        MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Accept-Language")) == 'e';
    size_t tzlen = strlen(s->tz);
    char *b = malloc(a->len + tzlen + 1);
    if (!b) {
        srv_error(out, 500, N_("out of memory"));
        return;
    }
    /* the zone goes between the quotes of data-tz="" (checked at start: no quote in it) */
    const char *src = (const char *)a->data, *tz = memmem(src, a->len, "data-tz=\"\"", 10);
    size_t at = tz ? (size_t)(tz - src) + 9 : a->len;
    memcpy(b, src, at);
    memcpy(b + at, s->tz, tz ? tzlen : 0);
    memcpy(b + at + (tz ? tzlen : 0), src + at, a->len - at);
    out->len = a->len + (tz ? tzlen : 0);
    b[out->len] = '\0';
    char *l = strstr(b, "<html lang=\"vi\"");
    if (en && l)
        memcpy(l + 12, "en", 2);
    out->status = 200;
    out->type = a->type;
    out->body = b;
}

/* Appends s to the buffer, HTML-escaped. */
static int html_put(hs_buf *b, const char *s)
{
    int rc = 0;
    for (; *s; s++) {
        const char *e = *s == '<'    ? "&lt;"
                        : *s == '>'  ? "&gt;"
                        : *s == '&'  ? "&amp;"
                        : *s == '"'  ? "&quot;"
                        : *s == '\'' ? "&#39;"
                                     : NULL;
        rc |= e ? hs_buf_puts(b, e) : hs_buf_append(b, s, 1);
    }
    return rc;
}

/* A refusal of a page a browser asked for (not /api): the JSON error becomes a page in the
 * reader's language that says what happened and leads back to the search. url is the
 * path as sent (shown escaped). */
static void html_error(srv_reply *out, int vi, const char *url)
{
    const char *title = out->status == 404  ? N_("Page not found")
                        : out->status < 500 ? N_("Request refused")
                                            : N_("Server error");
    char what[256];
    if (out->status == 404)
        snprintf(what, sizeof what, "%s", srv_text(vi, N_("There is no page at this address:")));
    else
        snprintf(what, sizeof what, srv_text(vi, N_("The server cannot answer (error %d):")),
                 out->status);
    hs_buf b;
    hs_buf_init(&b);
    int bad = 0;
    bad |=
        hs_buf_printf(&b,
                      "<!doctype html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
                      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                      "<title>",
                      vi ? "vi" : "en");
    bad |= html_put(&b, srv_text(vi, title));
    bad |= hs_buf_puts(&b, " · ");
    bad |= html_put(&b, srv_text(vi, N_("Dossier archive")));
    bad |=
        hs_buf_puts(&b, "</title>\n<link rel=\"stylesheet\" href=\"/app.css\">\n</head>\n<body>\n"
                        "<header><a id=\"home\" href=\"/\">");
    bad |= html_put(&b, srv_text(vi, N_("Dossier archive")));
    bad |= hs_buf_puts(
        &b, "</a></header>\n<main id=\"main\" class=\"notfound\">\n<h2 id=\"error-title\">");
    bad |= html_put(&b, srv_text(vi, title));
    bad |= hs_buf_puts(&b, "</h2>\n<p class=\"msg\">");
    bad |= html_put(&b, what);
    bad |= hs_buf_puts(&b, " <code>");
    bad |= html_put(&b, url);
    bad |= hs_buf_puts(&b, "</code></p>\n<p class=\"nav\"><a id=\"home-link\" href=\"/\">");
    bad |= html_put(&b, srv_text(vi, N_("Back to the search")));
    bad |= hs_buf_puts(&b, "</a></p>\n</main>\n</body>\n</html>\n");
    if (bad) {
        hs_buf_release(&b);
        return; /* out of memory: the JSON error stays */
    }
    free(out->body);
    out->body = hs_buf_detach(&b, &out->len);
    out->type = "text/html; charset=utf-8";
}

static enum MHD_Result respond(struct MHD_Connection *c, srv_reply *out, int is_static)
{
    struct MHD_Response *resp;
    if (out->fd >= 0) {
        resp = MHD_create_response_from_fd(out->fd_len, out->fd);
        if (!resp)
            close(out->fd);
    } else if (is_static) {
        resp = MHD_create_response_from_buffer(out->len, out->body, MHD_RESPMEM_PERSISTENT);
    } else {
        resp = MHD_create_response_from_buffer(out->len, out->body, MHD_RESPMEM_MUST_FREE);
        if (!resp)
            free(out->body);
    }
    out->body = NULL;
    out->fd = -1;
    if (!resp)
        return MHD_NO;
    MHD_add_response_header(resp, "Content-Type", out->type);
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "Content-Security-Policy", csp);
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(resp, "Cache-Control", is_static ? "no-cache" : "no-store");
    if (out->status == 405)
        MHD_add_response_header(resp, "Allow", "GET, HEAD");
    if (out->cookie[0])
        MHD_add_response_header(resp, "Set-Cookie", out->cookie);
    if (out->status == 401)
        MHD_add_response_header(resp, "WWW-Authenticate", "Bearer");
    if (out->filename[0]) {
        char cd[128];
        /* names are built from checked dossier codes: no quoting needed */
        snprintf(cd, sizeof cd, "attachment; filename=\"%s\"", out->filename);
        MHD_add_response_header(resp, "Content-Disposition", cd);
    }
    enum MHD_Result ret = MHD_queue_response(c, (unsigned)out->status, resp);
    MHD_destroy_response(resp);
    return ret;
}

/* The marker of a GET whose headers are in (see on_request). */
static int headers_seen;

/* A POST's body as it arrives. */
typedef struct post_ctx {
    hs_buf body;
    int too_big;
} post_ctx;

static void post_free(void *p)
{
    if (!p || p == &headers_seen)
        return;
    post_ctx *x = p;
    hs_buf_release(&x->body);
    free(x);
}

/* The body of a POST as a JSON object: JSON as is, an urlencoded form as an object of
 * strings (decoded as strictly as a query string). NULL when it is neither. */
static json_t *parse_body(const char *type, const char *body, size_t len)
{
    if (type && !strncasecmp(type, "application/json", 16)) {
        json_t *j = json_loadb(body, len, JSON_REJECT_DUPLICATES, NULL);
        if (json_is_object(j))
            return j;
        json_decref(j);
        return NULL;
    }
    if (type && strncasecmp(type, "application/x-www-form-urlencoded", 33))
        return NULL;
    json_t *o = json_object();
    const char *p = body, *end = body + len;
    while (o && p < end) {
        const char *amp = memchr(p, '&', (size_t)(end - p));
        size_t n = amp ? (size_t)(amp - p) : (size_t)(end - p);
        char *pair = strndup(p, n), *eq = pair ? strchr(pair, '=') : NULL;
        char *k = NULL, *v = NULL;
        if (pair && n) {
            if (eq)
                *eq = '\0';
            k = decode(pair, 1);
            v = decode(eq ? eq + 1 : "", 1);
        }
        if (pair && n && (!k || !v || json_object_set_new(o, k, json_string(v)))) {
            json_decref(o);
            o = NULL;
        }
        free(k);
        free(v);
        free(pair);
        p += n + 1;
    }
    return o;
}

/* The host of an Origin header ("http://host:port" -> "host:port"); a browser sends one
 * with every POST. A page of another site is refused even before its CSRF token is checked. */
static int same_origin(const char *origin, const char *host)
{
    if (!origin)
        return 1;
    const char *p = strstr(origin, "://");
    return p && host && strcmp(p + 3, host) == 0;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version, const char *upload,
                                  size_t *upload_size, void **req_cls)
{
    server *s = cls;
    (void)version;
    srv_req r = {.home = s->home, .w = &s->w, .needs_token = s->has_token};
    srv_reply out = {.fd = -1};
    int is_static = 0, st;
    hs_err err;
    hs_err_clear(&err);
    /* errors in the reader's language: the one Accept-Language names, else the server's */
    int al = srv_lang_accept(MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Accept-Language"));
    out.vi = al ? al == 'v' : srv_lang_default_vi();
    if (!*req_cls)
        conn_busy(s, c, 1); /* the headers are in: the request beat its deadline */
    const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
    r.post = !strcmp(method, "POST");
    if (r.post) {
        /* writes (cmd_serve_write.c) come with a small body, read here in full first */
        post_ctx *x = *req_cls;
        if (!x) {
            char *end = NULL;
            unsigned long long n = cl ? strtoull(cl, &end, 10) : 0;
            if (!cl || !*cl || *end) {
                srv_error(&out, 411, N_("a POST needs a Content-Length"));
                goto send;
            }
            if (n > SRV_MAX_BODY) {
                srv_error(&out, 413, N_("request body over %d bytes"), SRV_MAX_BODY);
                goto send;
            }
            if (!(x = calloc(1, sizeof *x))) {
                srv_error(&out, 500, N_("out of memory"));
                goto send;
            }
            hs_buf_init(&x->body);
            *req_cls = x;
            return MHD_YES;
        }
        if (*upload_size) {
            if (x->body.len + *upload_size > SRV_MAX_BODY ||
                hs_buf_append(&x->body, upload, *upload_size))
                x->too_big = 1;
            *upload_size = 0;
            return MHD_YES;
        }
        if (x->too_big) {
            srv_error(&out, 413, N_("request body over %d bytes"), SRV_MAX_BODY);
            goto send;
        }
        r.form = parse_body(MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type"),
                            x->body.data ? x->body.data : "", x->body.len);
    } else if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0) {
        srv_error(&out, 405, N_("method '%.16s' not allowed"), method);
        goto send;
    } else if (*upload_size || (cl && strcmp(cl, "0") != 0) ||
               MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Transfer-Encoding")) {
        /* a body on a GET is refused before it is read */
        srv_error(&out, 413, N_("request bodies are not accepted"));
        goto send;
    }
    /* MHD calls twice for a request: with the headers, then once the (empty) body is in.
     * A response queued on the first call goes out with "Connection: close" (MHD 0.9.75
     * has not read the request to its end), which suits the refusals above; the rest is
     * answered on the second call so that keep-alive connections stay open (browsers,
     * and bench/serve's clients, send many requests on one). */
    if (!*req_cls) {
        *req_cls = &headers_seen;
        return MHD_YES;
    }
    if (strlen(url) > SRV_MAX_URI) {
        srv_error(&out, 414, N_("request URI too long"));
        goto send;
    }
    args_ctx a = {.r = &r};
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, collect_arg, &a);
    if (a.bytes + strlen(url) > SRV_MAX_URI)
        a.status = 414;
    if (a.status) {
        srv_error(&out, a.status,
                  a.status == 414 ? N_("request URI too long")
                                  : N_("malformed query string (bad escape, control character, "
                                       "not UTF-8 or too many parameters)"));
        goto send;
    }
    if ((st = split_path(url, &r))) {
        srv_error(&out, st, st == 404 ? N_("no such resource") : N_("malformed path"));
        goto send;
    }
    if (r.post && (r.nseg == 0 || strcmp(r.seg[0], "api") != 0)) {
        srv_error(&out, 405, N_("method 'POST' not allowed here: the interface is read-only"));
        goto send;
    }
    if (r.nseg == 0 || (r.nseg == 1 && !strcmp(r.seg[0], "index.html"))) {
        send_index(c, s, &r, &out);
        goto send;
    }
    if (strcmp(r.seg[0], "api") != 0) {
        for (const struct hs_web_asset *w = hs_web_assets; w->path && r.nseg == 1; w++)
            if (!strcmp(w->path + 1, r.seg[0])) {
                out.status = 200;
                out.type = w->type;
                out.body = (char *)(uintptr_t)w->data; /* persistent, never freed */
                out.len = w->len;
                is_static = 1;
            }
        if (!is_static)
            srv_error(&out, 404, N_("no such resource"));
        goto send;
    }
    /* The interface itself is public (it holds no data); the API needs the token or a
     * signed-in session. Writes need the session and its CSRF token (cmd_serve_write.c). */
    if (s->has_token) {
        const char *auth = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization");
        const char *given = srv_param_get(&r, "token");
        if (auth && !strncasecmp(auth, "Bearer ", 7))
            given = auth + 7;
        r.by_token = token_ok(s, given);
    }
    if (!(r.db = thread_db(s, &err))) {
        srv_error(&out, 500, "%s", err.msg);
        goto send;
    }
    /* a session is looked up only when its cookie comes: searches pay nothing for it */
    r.sid = MHD_lookup_connection_value(c, MHD_COOKIE_KIND, SRV_COOKIE);
    if (r.sid && idx_session_get(r.db, r.sid, &r.session, NULL) == HS_OK) {
        r.has_session = 1;
        r.csrf_ok = idx_csrf_ok(&r.session,
                                MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-CSRF-Token"));
    }
    if (r.post && !same_origin(MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Origin"),
                               MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Host"))) {
        srv_error(&out, 403, N_("a request from another site is refused"));
        goto send;
    }
    if (srv_review_route(&r)) {
        srv_review(&r, &out);
        goto send;
    }
    if (r.post) {
        srv_error(&out, 405, N_("method 'POST' not allowed here: this resource is read-only"));
        goto send;
    }
    if (s->has_token && !r.by_token && !r.has_session) {
        srv_error(&out, 401, N_("a valid access token is required"));
        goto send;
    }
    srv_api(&r, &out);
send:;
    /* a browser asking for a page (not the API) gets a page: Vietnamese unless English is
     * preferred, as index.html */
    const char *accept = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Accept");
    if (out.status >= 400 && strncmp(url, "/api/", 5) != 0 && strcmp(url, "/api") != 0 && accept &&
        strstr(accept, "text/html"))
        html_error(&out, al != 'e', url);
    enum MHD_Result ret = respond(c, &out, is_static);
    json_decref(r.form);
    for (int i = 0; i < r.nseg; i++)
        free(r.seg[i]);
    for (int i = 0; i < r.nparam; i++) {
        free(r.param[i].key);
        free(r.param[i].value);
    }
    return ret;
}

/* ADDR:PORT, [V6ADDR]:PORT or :PORT; "localhost" is 127.0.0.1. */
static int parse_listen(const char *spec, struct sockaddr_storage *ss, int *v6, int *loopback)
{
    const char *colon = strrchr(spec, ':');
    int port;
    if (!colon || cli_parse_int(colon + 1, 0, 65535, &port))
        return -1;
    char host[128];
    size_t n = (size_t)(colon - spec);
    if (n >= sizeof host)
        return -1;
    memcpy(host, spec, n);
    host[n] = '\0';
    memset(ss, 0, sizeof *ss);
    if (n >= 2 && host[0] == '[' && host[n - 1] == ']') {
        struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)ss;
        host[n - 1] = '\0';
        if (inet_pton(AF_INET6, host + 1, &s6->sin6_addr) != 1)
            return -1;
        s6->sin6_family = AF_INET6;
        s6->sin6_port = htons((uint16_t)port);
        *v6 = 1;
        *loopback = IN6_IS_ADDR_LOOPBACK(&s6->sin6_addr);
        return 0;
    }
    struct sockaddr_in *s4 = (struct sockaddr_in *)ss;
    if (!strcmp(host, "localhost"))
        strcpy(host, "127.0.0.1");
    if (!*host)
        strcpy(host, "0.0.0.0");
    if (inet_pton(AF_INET, host, &s4->sin_addr) != 1)
        return -1;
    s4->sin_family = AF_INET;
    s4->sin_port = htons((uint16_t)port);
    *v6 = 0;
    *loopback = (ntohl(s4->sin_addr.s_addr) >> 24) == 127;
    return 0;
}

/* A token: 16 to 256 printable ASCII characters without spaces (it travels in a header
 * and a URL). */
static int token_valid(const char *t)
{
    size_t n = strlen(t);
    if (n < 16 || n > 256)
        return 0;
    for (; *t; t++)
        if (*t <= ' ' || *t > '~' || *t == '&' || *t == '#' || *t == '%' || *t == '+')
            return 0;
    return 1;
}

/* An IANA time zone name the browser can be given: letters, digits, '_', '+', '-' and '/'
 * between names, and a file of the system's zone database when it has one. */
static int tz_valid(const char *tz)
{
    size_t n = strlen(tz);
    if (n == 0 || n > 64 || tz[0] == '/' || tz[n - 1] == '/' || strstr(tz, "//") ||
        strstr(tz, ".."))
        return 0;
    for (const char *p = tz; *p; p++)
        if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
              *p == '_' || *p == '+' || *p == '-' || *p == '/'))
            return 0;
    char path[128];
    struct stat st;
    snprintf(path, sizeof path, "/usr/share/zoneinfo/%s", tz);
    return stat("/usr/share/zoneinfo", &st) != 0 || (stat(path, &st) == 0 && S_ISREG(st.st_mode));
}

/* The listening socket, bound and listening; -1 with errno on failure. */
static int open_listener(const struct sockaddr_storage *ss, int v6)
{
    int fd = socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    int on = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    if (v6)
        setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &on, sizeof on);
    if (bind(fd, (const struct sockaddr *)ss,
             v6 ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in)) != 0 ||
        listen(fd, SOMAXCONN) != 0) {
        int e = errno;
        close(fd);
        errno = e;
        return -1;
    }
    return fd;
}

typedef struct acceptor {
    int fd;
    struct MHD_Daemon *d;
    server *s;
} acceptor;

/* MHD_add_connection puts a connection on the pool thread its descriptor number selects
 * (modulo the pool size). Descriptors are numbered as they come, interleaved with the
 * index files each thread opens: a new connection is moved to a number that selects the
 * thread with the fewest connections (the lowest free number that does, by dup). */
static int steer(server *s, int fd)
{
    int n = s->nthreads, best = 0;
    if (n < 2)
        return fd;
    pthread_mutex_lock(&s->lock);
    for (int r = 1; r < n; r++)
        if (s->per_thread[r] < s->per_thread[best])
            best = r;
    int move = s->per_thread[fd % n] > s->per_thread[best];
    /* counted here, not when libmicrohttpd reports the connection started: clients that
     * connect together would all be steered by the same stale counts */
    s->per_thread[move ? best : fd % n]++;
    pthread_mutex_unlock(&s->lock);
    if (!move)
        return fd;
    int held[SRV_MAX_THREADS], nheld = 0, got = -1;
    while (nheld < SRV_MAX_THREADS) {
        int d = fcntl(fd, F_DUPFD_CLOEXEC, 0);
        if (d < 0)
            break;
        if (d % n == best) {
            got = d;
            break;
        }
        held[nheld++] = d;
    }
    for (int i = 0; i < nheld; i++)
        close(held[i]);
    if (got < 0) {
        pthread_mutex_lock(&s->lock); /* out of descriptors: left where it is */
        s->per_thread[best]--;
        s->per_thread[fd % n]++;
        pthread_mutex_unlock(&s->lock);
        return fd;
    }
    close(fd);
    return got;
}

/* Accepts connections and gives them to the pool. libmicrohttpd's own listening socket
 * lets whichever pool thread wakes first take a new connection: 16 clients arriving
 * together were split 13 to 3 (12/4, 10/6) over 2 threads, and the clients of the busy
 * thread waited for all its others while the other thread idled (p95 30, 28 and 24 ms in
 * those three runs). MHD_add_connection puts a connection on the pool thread its
 * descriptor number selects, and descriptors are numbered in turn: an even split.
 * Ends when the socket is shut down. */
static void *accept_loop(void *arg)
{
    acceptor *a = arg;
    for (;;) {
        struct sockaddr_storage ca;
        socklen_t len = sizeof ca;
        int fd = accept4(a->fd, (struct sockaddr *)&ca, &len, SOCK_CLOEXEC);
        if (fd >= 0) {
            fd = steer(a->s, fd);
            /* a refused connection is closed by MHD_add_connection and never reported */
            if (MHD_add_connection(a->d, fd, (struct sockaddr *)&ca, len) != MHD_YES &&
                a->s->nthreads > 1) {
                pthread_mutex_lock(&a->s->lock);
                a->s->per_thread[fd % a->s->nthreads]--;
                pthread_mutex_unlock(&a->s->lock);
            }
        } else if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
            struct timespec pause = {0, 20 * 1000000L}; /* out of descriptors: a moment */
            nanosleep(&pause, NULL);
        } else if (errno != EINTR && errno != ECONNABORTED && errno != EPROTO) {
            return NULL; /* shut down: stopping */
        }
    }
}

/* Says where it listens, then waits for SIGINT, SIGTERM or SIGHUP. */
static void serve_until_signal(int lfd, const server *s, const struct sockaddr_storage *ss, int v6,
                               const sigset_t *set)
{
    struct sockaddr_storage bound;
    socklen_t blen = sizeof bound;
    unsigned port = 0;
    if (getsockname(lfd, (struct sockaddr *)&bound, &blen) == 0)
        port = ntohs(v6 ? ((struct sockaddr_in6 *)&bound)->sin6_port
                        : ((struct sockaddr_in *)&bound)->sin_port);
    char host[INET6_ADDRSTRLEN] = "";
    if (v6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)ss)->sin6_addr, host, sizeof host);
    else
        inet_ntop(AF_INET, &((const struct sockaddr_in *)ss)->sin_addr, host, sizeof host);
    printf(_("hoso serve: http://%s%s%s:%u/ (home %s%s)\n"), v6 ? "[" : "", host, v6 ? "]" : "",
           port, s->home->dir, s->has_token ? _(", token required for /api") : "");
    fflush(stdout);
    int sig = 0;
    sigwait(set, &sig);
}

int cmd_serve(pl_home *home, int argc, char **argv)
{
    static const struct option opts[] = {
        {"listen", required_argument, NULL, 'l'},
        {"token", required_argument, NULL, 't'},
        {"token-file", required_argument, NULL, 'T'},
        {"threads", required_argument, NULL, 'n'},
        {"timeout", required_argument, NULL, 'o'},
        {"time-zone", required_argument, NULL, 'z'},
        {"help", no_argument, NULL, 'h'},
        {0, 0, 0, 0},
    };
    const char *listen = "127.0.0.1:8080", *token = NULL, *token_file = NULL,
               *tz = "Asia/Ho_Chi_Minh";
    /* One pool thread per core: a search is CPU work, and with more threads than cores
     * concurrent searches share the cores, so that each takes longer (an expensive one many
     * times its cost) instead of waiting its turn and running at full speed: at 16 clients
     * on 2 cores, p95 30 ms with 2 threads against 64 ms with 8 (docs/BENCHMARKS.md). */
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    int threads = ncpu < 2 ? 2 : ncpu > 64 ? 64 : (int)ncpu, timeout = 30, c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'l':
            listen = optarg;
            break;
        case 't':
            token = optarg;
            break;
        case 'T':
            token_file = optarg;
            break;
        case 'n':
            if (cli_parse_int(optarg, 1, SRV_MAX_THREADS, &threads))
                return cli_usage(usage, _("serve: bad --threads '%s'"), optarg);
            break;
        case 'o':
            if (cli_parse_int(optarg, 1, 3600, &timeout))
                return cli_usage(usage, _("serve: bad --timeout '%s'"), optarg);
            break;
        case 'z':
            tz = optarg;
            if (!tz_valid(tz))
                return cli_usage(usage,
                                 _("serve: unknown time zone '%s' (an IANA name such as "
                                   "Asia/Ho_Chi_Minh)"),
                                 optarg);
            break;
        case 'h':
            return cli_help_print(stdout, "serve");
        default:
            return cli_usage(usage, _("serve: unknown or incomplete option '%s'"),
                             argv[optind - 1]);
        }
    }
    if (optind != argc)
        return cli_usage(usage, _("serve: unexpected argument '%s'"), argv[optind]);
    if (token && token_file)
        return cli_usage(usage, _("serve: give --token or --token-file, not both"));
    server s = {.home = home, .tz = tz};
    hs_err err;
    hs_err_clear(&err);
    char *file_token = NULL;
    if (token_file) {
        size_t len = 0;
        if (hs_file_read(token_file, 4096, &file_token, &len, &err)) {
            cli_err(&err);
            return EXIT_USAGE;
        }
        while (len && (file_token[len - 1] == '\n' || file_token[len - 1] == '\r' ||
                       file_token[len - 1] == ' '))
            file_token[--len] = '\0';
        token = file_token;
    }
    if (token && !token_valid(token)) {
        free(file_token);
        return cli_usage(usage, _("serve: a token is 16 to 256 printable characters without "
                                  "spaces, '%%', '&', '+' or '#'"));
    }
    if (token) {
        s.has_token = 1;
        hs_sha256_hex(token, strlen(token), s.token_sha, NULL);
    }
    free(file_token);
    struct sockaddr_storage ss;
    int v6 = 0, loopback = 0;
    if (parse_listen(listen, &ss, &v6, &loopback))
        return cli_usage(usage, _("serve: bad --listen '%s' (ADDR:PORT)"), listen);
    if (!loopback && !s.has_token)
        return cli_usage(usage,
                         _("serve: listening on '%s' (not loopback) needs an access token "
                           "(--token or --token-file)"),
                         listen);
    /* Read-only: the index must be there already (serving an empty one would hide a wrong
     * --home), and it is opened once here so that a foreign or damaged one stops the start. */
    struct stat st;
    if (stat(home->index_path, &st) != 0) {
        cli_error(_("serve: no index in '%s': file dossiers first ('hoso scan', 'hoso batch') "
                    "or rebuild it from the archives ('hoso reindex')"),
                  home->dir);
        return EXIT_FAIL;
    }
    idx_db *db = NULL;
    if (idx_db_open_readonly(home->index_path, &db, &err)) {
        cli_err(&err);
        return EXIT_FAIL;
    }
    idx_db_close(db);
    /* the review station's writes: one connection, opened by the first of them */
    s.w.path = home->index_path;
    if (pthread_mutex_init(&s.w.lock, NULL)) {
        cli_error(_("serve: out of memory"));
        return EXIT_FAIL;
    }
    s.deadline_ms = timeout * 1000LL;
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    int ok = !pthread_mutex_init(&s.lock, NULL);
    ok = !pthread_cond_init(&s.wake, &ca) && ok;
    pthread_condattr_destroy(&ca);
    if (!ok || pthread_key_create(&s.db_key, db_free)) {
        cli_error(_("serve: out of memory"));
        idx_db_close(s.w.db);
        return EXIT_FAIL;
    }
    /* the pool threads inherit this mask: the signals reach sigwait below only */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);
    srv_lang_load(); /* before the threads: they only read it */
    pthread_t reaper_thread;
    if (pthread_create(&reaper_thread, NULL, reaper, &s)) {
        cli_error(_("serve: cannot start a thread"));
        pthread_key_delete(s.db_key);
        idx_db_close(s.w.db);
        return EXIT_FAIL;
    }
    /* room for a few addresses at SRV_MAX_PER_IP (counted in on_connection) */
    unsigned limit =
        64 * (unsigned)threads < 4 * SRV_MAX_PER_IP ? 4 * SRV_MAX_PER_IP : 64 * (unsigned)threads;
    acceptor acc = {.fd = open_listener(&ss, v6), .s = &s};
    s.nthreads = threads;
    int listen_errno = errno;
    struct MHD_Daemon *d = NULL;
    pthread_t accept_thread;
    int accepting = 0;
    if (acc.fd >= 0)
        d = MHD_start_daemon(
            MHD_USE_AUTO_INTERNAL_THREAD | MHD_USE_NO_LISTEN_SOCKET | MHD_USE_ITC |
                MHD_USE_ERROR_LOG | (v6 ? MHD_USE_IPv6 : 0),
            0, NULL, NULL, on_request, &s, MHD_OPTION_THREAD_POOL_SIZE, (unsigned)threads,
            MHD_OPTION_CONNECTION_LIMIT, limit, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)timeout,
            MHD_OPTION_NOTIFY_CONNECTION, on_connection, &s, MHD_OPTION_NOTIFY_COMPLETED,
            on_completed, &s, MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(32 * 1024),
            MHD_OPTION_UNESCAPE_CALLBACK, no_unescape, NULL, MHD_OPTION_END);
    if (acc.fd < 0)
        cli_error(_("serve: cannot listen on '%s': %s"), listen, strerror(listen_errno));
    else if (!d)
        cli_error(_("serve: cannot start the server on '%s'"), listen);
    else if (!(acc.d = d, accepting = !pthread_create(&accept_thread, NULL, accept_loop, &acc)))
        cli_error(_("serve: cannot start a thread"));
    else
        serve_until_signal(acc.fd, &s, &ss, v6, &set);
    if (accepting) {
        shutdown(acc.fd, SHUT_RDWR); /* accept() returns: the loop ends */
        pthread_join(accept_thread, NULL);
    }
    if (acc.fd >= 0)
        close(acc.fd);
    pthread_mutex_lock(&s.lock);
    s.stopping = 1;
    pthread_cond_signal(&s.wake);
    pthread_mutex_unlock(&s.lock);
    pthread_join(reaper_thread, NULL);
    /* after the reaper: stopping closes every connection, through on_connection */
    if (d)
        MHD_stop_daemon(d);
    pthread_key_delete(s.db_key);
    pthread_cond_destroy(&s.wake);
    pthread_mutex_destroy(&s.lock);
    idx_db_close(s.w.db);
    pthread_mutex_destroy(&s.w.lock);
    return accepting ? EXIT_OK : EXIT_FAIL;
}
