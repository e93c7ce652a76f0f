/* cmd_serve.h - what the files of `hoso serve` share: a parsed request, a reply to fill,
 * and the web interface compiled into the binary (web/embed.cmake writes the table). */
#ifndef HS_CMD_SERVE_H
#define HS_CMD_SERVE_H

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
/* Pool threads (--threads) at most. */
#define SRV_MAX_THREADS 256

typedef struct srv_param {
    char *key, *value; /* percent-decoded, valid UTF-8 */
} srv_param;

/* One request, decoded and checked by cmd_serve.c: no "." or ".." segment, no control
 * characters, every byte sequence valid UTF-8. */
typedef struct srv_req {
    const pl_home *home;
    idx_db *db; /* the connection of the thread serving the request */
    char *seg[SRV_MAX_SEGS];
    int nseg;
    srv_param param[SRV_MAX_PARAMS];
    int nparam;
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
} srv_reply;

/* The first value of key, or NULL. */
const char *srv_param_get(const srv_req *r, const char *key);
/* Fills out with {"error": msg} and status. */
void srv_error(srv_reply *out, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Fills out with the text of v (as cli_json_print writes it) and decrefs v. */
void srv_json(srv_reply *out, json_t *v);

/* GET /api/...: search, dossiers, pages, downloads, verify (cmd_serve_api.c). */
void srv_api(const srv_req *r, srv_reply *out);

#endif
