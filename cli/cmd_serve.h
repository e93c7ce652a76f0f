/* cmd_serve.h - what the files of `hoso serve` share: a parsed request, a reply to fill,
 * and the web interface compiled into the binary (web/embed.cmake writes the table). */
#ifndef HS_CMD_SERVE_H
#define HS_CMD_SERVE_H

#include <pthread.h>
#include <stddef.h>

#include "cli.h"

struct hs_web_asset {
    const char *path, *type; /* "/app.js", "text/javascript; charset=utf-8" */
    const unsigned char *data;
    size_t len;
};
/* Ends with an entry whose path is NULL. */
extern const struct hs_web_asset hs_web_assets[];

/* Limits on what a client may send. */
#define SRV_MAX_URI 4096  /* path and query string, bytes (414 beyond) */
#define SRV_MAX_SEGS 8    /* path segments */
#define SRV_MAX_PARAMS 32 /* query parameters */
/* Connections open at once from one address. Above the 64 concurrent searches of
 * tests/e2e/serve.sh, with room for connections MHD has not yet cleaned up. */
#define SRV_MAX_PER_IP 96
/* A request body (POST) at most, bytes (413 beyond). */
#define SRV_MAX_BODY 16384
/* The session cookie's name. */
#define SRV_COOKIE "hoso_session"
/* Pool threads (--threads) at most. */
#define SRV_MAX_THREADS 256

typedef struct srv_param {
    char *key, *value; /* percent-decoded, valid UTF-8 */
} srv_param;

/* The server's one writable index connection, used under its lock: writes (sign-in,
 * corrections, users) are rare, and SQLite lets one writer at a time anyway. It is opened
 * by the first request that writes (srv_writer_db), so that a server nobody signs in to
 * never holds the index open for writing. */
typedef struct srv_writer {
    pthread_mutex_t lock;
    const char *path; /* the index */
    idx_db *db;       /* NULL until opened */
} srv_writer;
/* With w->lock held: the connection, opened if need be; NULL (err set) when the index
 * cannot be written (sign-in and corrections are then refused, 503). */
idx_db *srv_writer_db(srv_writer *w, hs_err *err);

/* One request, decoded and checked by cmd_serve.c: no "." or ".." segment, no control
 * characters, every byte sequence valid UTF-8. */
typedef struct srv_req {
    const pl_home *home;
    idx_db *db; /* the connection of the thread serving the request */
    char *seg[SRV_MAX_SEGS];
    int nseg;
    srv_param param[SRV_MAX_PARAMS];
    int nparam;
    int post;           /* 1: POST (the body is in form), 0: GET or HEAD */
    json_t *form;       /* POST: the body, a JSON object or a form as an object of strings */
    const char *sid;    /* the session cookie as sent, or NULL */
    int has_session;    /* 1: sid names a live session (session is filled) */
    idx_session session;
    int csrf_ok;        /* 1: X-CSRF-Token is the session's */
    int by_token;       /* 1: let in by the read-only access token */
    int needs_token;    /* 1: the server was started with a token */
    srv_writer *w;
} srv_req;

/* What to send back. body is malloc'd; when fd >= 0 the file is sent instead (and closed). */
typedef struct srv_reply {
    int status;
    const char *type;
    char *body;
    size_t len;
    int fd;
    size_t fd_len;
    char filename[96]; /* not empty: sent as an attachment under this name */
    char cookie[192];  /* not empty: sent as Set-Cookie */
    int vi;            /* error texts in Vietnamese (else English): the request's language */
} srv_reply;

/* The first value of key, or NULL. */
const char *srv_param_get(const srv_req *r, const char *key);
/* Fills out with {"error": msg} and status; fmt (marked N_ where it is written) is said in
 * out->vi's language. */
void srv_error(srv_reply *out, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Fills out with the text of v (as cli_json_print writes it) and decrefs v. */
void srv_json(srv_reply *out, json_t *v);

/* The language of what people read (cmd_serve_lang.c). srv_lang_load, once before the
 * threads start, reads the Vietnamese catalogue and notes the process's language;
 * srv_text is msgid in Vietnamese when vi is set and the catalogue has it, else msgid;
 * srv_lang_accept is what an Accept-Language header prefers: 'v' (Vietnamese), 'e'
 * (English) or 0 (neither named). Thread-safe after srv_lang_load. */
void srv_lang_load(void);
int srv_lang_default_vi(void);
const char *srv_text(int vi, const char *msgid) __attribute__((format_arg(2)));
int srv_lang_accept(const char *al);

/* GET /api/...: search, dossiers, pages, downloads, verify (cmd_serve_api.c). */
void srv_api(const srv_req *r, srv_reply *out);

/* The review station (cmd_serve_write.c): sign-in, sessions, users, field corrections.
 * srv_review_route says whether the request's path is one of them; srv_review answers it
 * (GET or POST), checking who may do what itself. */
int srv_review_route(const srv_req *r);
void srv_review(srv_req *r, srv_reply *out);

#endif
