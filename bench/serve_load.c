/* bench/serve_load.c - a small HTTP/1.1 load client for `hoso serve` (bench/serve).
 *
 * CLIENTS threads, each with its own keep-alive connection, send REQUESTS GET requests in
 * all over a fixed mix of queries (one per line of QUERY_FILE, UTF-8, percent-encoded
 * here), one request at a time per client, and record each request's latency: from just
 * before the request is written to the last byte of the response body, a reconnect
 * included. Prints requests per second and p50/p95/p99/max, per query and overall, and
 * the errors: a status other than 200, a socket error or timeout, a broken response.
 * A connection the server closes (Connection: close, or EOF on a kept-alive connection
 * before any byte of the response) is reopened and the request sent again; reconnects
 * are counted, not errors.
 *
 * usage: bench_serve_load [options] HOST:PORT QUERY_FILE
 *   -n REQUESTS  measured requests, all clients together (default 2000)
 *   -c CLIENTS   concurrent connections, one thread each (default 16)
 *   -w WARMUP    requests sent before the measurement, not counted (default: one pass
 *                of the mix per client)
 *   -p PREFIX    path before the encoded query (default "/api/search?q=")
 *   -s SUFFIX    appended after it, e.g. "&limit=20" (default "")
 *   -H HEADER    an extra request header, e.g. "Authorization: Bearer TOKEN"
 *   -r FILE      also write "query_index status latency_ms" per measured request
 *   -t SECONDS   socket timeout (default 30)
 * Exit status: 0 no errors, 1 errors, 2 usage or setup failure.
 */
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

enum { ST_SOCKET = -1, ST_PARSE = -2 };

typedef struct query {
    char *text;    /* as given, for the report */
    char *request; /* the whole HTTP request */
    size_t len;
} query;

typedef struct sample {
    int query;
    int status; /* HTTP status, or ST_* */
    double ms;
} sample;

static struct {
    struct sockaddr_storage addr;
    socklen_t addrlen;
    query *q;
    int nq;
    long warmup, total;
    int timeout;
    atomic_long next_warm, next; /* next request number of each phase */
    pthread_barrier_t phase;     /* the clients and main, between warm-up and measurement */
    sample *samples;             /* total of them, by request number */
    atomic_long reconnects, connects;
} g;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* The p-th percentile of n sorted values, nearest rank. */
static double pct(const double *v, long n, double p)
{
    double x = p * (double)n;
    long k = (long)x;
    if ((double)k < x - 1e-9) /* ceil, without 0.95 * 200 = 190.00000000000003 -> 191 */
        k++;
    k--;
    return v[k < 0 ? 0 : k >= n ? n - 1 : k];
}

static int conn_open(void)
{
    int fd = socket(g.addr.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    int one = 1;
    struct timeval tv = {.tv_sec = g.timeout};
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    if (connect(fd, (struct sockaddr *)&g.addr, g.addrlen) != 0) {
        close(fd);
        return -1;
    }
    atomic_fetch_add(&g.connects, 1);
    return fd;
}

static int send_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* A connection's receive buffer: bytes read but not yet consumed stay for the next
 * response (there are none with one request in flight, but a server may send early). */
typedef struct conn {
    int fd;
    char *buf;
    size_t len, cap, pos;
    long got; /* bytes received since the request was sent */
} conn;

/* Reads more bytes into c->buf. 1 read, 0 EOF, -1 error. */
static int fill(conn *c)
{
    if (c->pos > 0 && c->pos == c->len)
        c->pos = c->len = 0;
    if (c->len == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 65536;
        char *b = realloc(c->buf, cap);
        if (!b)
            return -1;
        c->buf = b;
        c->cap = cap;
    }
    for (;;) {
        ssize_t r = recv(c->fd, c->buf + c->len, c->cap - c->len, 0);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return -1;
        if (r == 0)
            return 0;
        c->len += (size_t)r;
        c->got += r;
        return 1;
    }
}

/* A line ending in CRLF starting at c->pos, read as needed; *line points into c->buf
 * (valid until the next fill) and c->pos moves past it. 1 ok, 0 EOF, -1 error. */
static int get_line(conn *c, size_t *start, size_t *n)
{
    for (;;) {
        char *e = c->len > c->pos ? memchr(c->buf + c->pos, '\n', c->len - c->pos) : NULL;
        if (e) {
            *start = c->pos;
            *n = (size_t)(e - (c->buf + c->pos));
            if (*n && c->buf[c->pos + *n - 1] == '\r')
                (*n)--;
            c->pos = (size_t)(e - c->buf) + 1;
            return 1;
        }
        if (c->pos > 0) { /* keep the partial line at the start */
            memmove(c->buf, c->buf + c->pos, c->len - c->pos);
            c->len -= c->pos;
            c->pos = 0;
        }
        int r = fill(c);
        if (r <= 0)
            return r;
    }
}

/* Skips n body bytes. 1 ok, 0 EOF, -1 error. */
static int skip(conn *c, size_t n)
{
    while (n) {
        size_t have = c->len - c->pos;
        if (have) {
            size_t k = have < n ? have : n;
            c->pos += k;
            n -= k;
            continue;
        }
        int r = fill(c);
        if (r <= 0)
            return r;
    }
    return 1;
}

/* Whether the header value v (n bytes) holds the word w, matched case-insensitively. */
static int value_has(const char *v, size_t n, const char *w)
{
    size_t k = strlen(w);
    for (size_t i = 0; i + k <= n; i++)
        if (!strncasecmp(v + i, w, k))
            return 1;
    return 0;
}

/* Reads one response. Returns the status (> 0), ST_SOCKET or ST_PARSE; *close is set when
 * the connection cannot be reused. */
static int read_response(conn *c, int *close_after)
{
    size_t s, n;
    int r = get_line(c, &s, &n), status = 0;
    *close_after = 1;
    if (r <= 0)
        return ST_SOCKET;
    if (n < 12 || strncmp(c->buf + s, "HTTP/1.", 7) != 0)
        return ST_PARSE;
    status = atoi(c->buf + s + 9);
    int keep = c->buf[s + 7] == '1'; /* HTTP/1.1 keeps the connection by default */
    long long clen = -1;
    int chunked = 0;
    for (;;) {
        if ((r = get_line(c, &s, &n)) <= 0)
            return ST_SOCKET;
        if (n == 0)
            break;
        const char *h = c->buf + s;
        if (n >= 15 && !strncasecmp(h, "Content-Length:", 15)) {
            char tmp[32];
            size_t m = n - 15 < sizeof tmp - 1 ? n - 15 : sizeof tmp - 1;
            memcpy(tmp, h + 15, m);
            tmp[m] = '\0';
            clen = atoll(tmp);
        } else if (n >= 18 && !strncasecmp(h, "Transfer-Encoding:", 18))
            chunked = value_has(h + 18, n - 18, "chunked");
        else if (n >= 11 && !strncasecmp(h, "Connection:", 11))
            keep = value_has(h + 11, n - 11, "close")        ? 0
                   : value_has(h + 11, n - 11, "keep-alive") ? 1
                                                              : keep;
    }
    if (chunked) {
        for (;;) {
            if ((r = get_line(c, &s, &n)) <= 0)
                return ST_SOCKET;
            char tmp[32];
            if (n == 0 || n >= sizeof tmp)
                return ST_PARSE;
            memcpy(tmp, c->buf + s, n);
            tmp[n] = '\0';
            unsigned long long k = strtoull(tmp, NULL, 16);
            if (k == 0) { /* trailers, then the empty line */
                do {
                    if ((r = get_line(c, &s, &n)) <= 0)
                        return ST_SOCKET;
                } while (n);
                break;
            }
            if ((r = skip(c, (size_t)k)) <= 0 || (r = get_line(c, &s, &n)) <= 0)
                return ST_SOCKET;
        }
    } else if (clen >= 0) {
        if (skip(c, (size_t)clen) <= 0)
            return ST_SOCKET;
    } else { /* no length: the body runs to the end of the connection */
        while ((r = fill(c)) > 0)
            c->pos = c->len;
        if (r < 0)
            return ST_SOCKET;
        keep = 0;
    }
    *close_after = !keep;
    return status;
}

static void conn_close(conn *c)
{
    if (c->fd >= 0)
        close(c->fd);
    c->fd = -1;
    c->len = c->pos = 0;
}

/* One request on c, reconnecting when needed. Returns the status or ST_*. */
static int do_request(conn *c, const query *q)
{
    for (int attempt = 0; attempt < 2; attempt++) {
        int reused = c->fd >= 0;
        if (!reused && (c->fd = conn_open()) < 0)
            return ST_SOCKET;
        c->got = 0;
        int close_after = 1, st;
        if (send_all(c->fd, q->request, q->len) != 0)
            st = ST_SOCKET;
        else
            st = read_response(c, &close_after);
        if (st == ST_SOCKET && reused && c->got == 0) {
            /* the server closed the idle connection: not an error, reopen and resend */
            conn_close(c);
            atomic_fetch_add(&g.reconnects, 1);
            continue;
        }
        if (close_after || st < 0) {
            conn_close(c);
            if (st > 0)
                atomic_fetch_add(&g.reconnects, 1);
        }
        return st;
    }
    return ST_SOCKET;
}

static void *client(void *arg)
{
    conn c = {.fd = -1};
    (void)arg;
    long i;
    /* warm-up on the same connection, so the server has seen it before the clock starts */
    while ((i = atomic_fetch_add(&g.next_warm, 1)) < g.warmup)
        do_request(&c, &g.q[i % g.nq]);
    pthread_barrier_wait(&g.phase); /* warm-up done */
    pthread_barrier_wait(&g.phase); /* main has started the clock */
    while ((i = atomic_fetch_add(&g.next, 1)) < g.total) {
        int qi = (int)(i % g.nq);
        double t = now();
        int st = do_request(&c, &g.q[qi]);
        g.samples[i] = (sample){qi, st, (now() - t) * 1000};
    }
    conn_close(&c);
    free(c.buf);
    return NULL;
}

/* Percent-encodes everything but unreserved characters (RFC 3986). */
static char *encode(const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    char *d = malloc(strlen(s) * 3 + 1), *p = d;
    if (!d)
        return NULL;
    for (const unsigned char *u = (const unsigned char *)s; *u; u++) {
        if ((*u >= 'a' && *u <= 'z') || (*u >= 'A' && *u <= 'Z') || (*u >= '0' && *u <= '9') ||
            strchr("-._~", *u)) {
            *p++ = (char)*u;
        } else {
            *p++ = '%';
            *p++ = hex[*u >> 4];
            *p++ = hex[*u & 15];
        }
    }
    *p = '\0';
    return d;
}

static int resolve(const char *hostport, char *host, size_t hostsz)
{
    const char *colon = strrchr(hostport, ':');
    if (!colon || colon == hostport || (size_t)(colon - hostport) >= hostsz)
        return -1;
    size_t n = (size_t)(colon - hostport);
    if (hostport[0] == '[' && hostport[n - 1] == ']') {
        memcpy(host, hostport + 1, n - 2);
        host[n - 2] = '\0';
    } else {
        memcpy(host, hostport, n);
        host[n] = '\0';
    }
    struct addrinfo hints = {.ai_socktype = SOCK_STREAM}, *ai = NULL;
    if (getaddrinfo(host, colon + 1, &hints, &ai) != 0 || !ai)
        return -1;
    memcpy(&g.addr, ai->ai_addr, ai->ai_addrlen);
    g.addrlen = ai->ai_addrlen;
    freeaddrinfo(ai);
    return 0;
}

/* Prints name in a column of 28 characters (not bytes: the queries are UTF-8), cut to
 * whole characters. */
static void put_name(const char *name)
{
    int w = 0;
    const char *p = name;
    for (; *p && w < 28; w++)
        for (p++; (*p & 0xC0) == 0x80; p++)
            ;
    printf("%.*s%*s", (int)(p - name), name, 28 - w, "");
}

static void report(const char *name, double *v, long n, long errs)
{
    put_name(name);
    if (!n) {
        printf(" %6d\n", 0);
        return;
    }
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    printf(" %6ld %8.2f %8.2f %8.2f %8.2f %6ld\n", n, pct(v, n, .5), pct(v, n, .95),
           pct(v, n, .99), v[n - 1], errs);
}

static int usage(void)
{
    fprintf(stderr, "usage: bench_serve_load [-n REQUESTS] [-c CLIENTS] [-w WARMUP] [-p PREFIX] "
                    "[-s SUFFIX] [-H HEADER] [-r FILE] [-t SECONDS] HOST:PORT QUERY_FILE\n");
    return 2;
}

int main(int argc, char **argv)
{
    long total = 2000, warmup = -1;
    int clients = 16, opt;
    const char *prefix = "/api/search?q=", *suffix = "", *header = NULL, *raw = NULL;
    g.timeout = 30;
    while ((opt = getopt(argc, argv, "n:c:w:p:s:H:r:t:")) != -1) {
        switch (opt) {
        case 'n':
            total = atol(optarg);
            break;
        case 'c':
            clients = atoi(optarg);
            break;
        case 'w':
            warmup = atol(optarg);
            break;
        case 'p':
            prefix = optarg;
            break;
        case 's':
            suffix = optarg;
            break;
        case 'H':
            header = optarg;
            break;
        case 'r':
            raw = optarg;
            break;
        case 't':
            g.timeout = atoi(optarg);
            break;
        default:
            return usage();
        }
    }
    if (argc - optind != 2 || total < 1 || clients < 1 || clients > 1024 || g.timeout < 1)
        return usage();
    char host[256];
    if (resolve(argv[optind], host, sizeof host)) {
        fprintf(stderr, "bench_serve_load: cannot resolve '%s' (HOST:PORT)\n", argv[optind]);
        return 2;
    }
    FILE *f = fopen(argv[optind + 1], "r");
    if (!f) {
        fprintf(stderr, "bench_serve_load: cannot read '%s': %s\n", argv[optind + 1],
                strerror(errno));
        return 2;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int qcap = 0;
    while ((len = getline(&line, &cap, f)) >= 0) {
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (!len)
            continue;
        if (g.nq == qcap) {
            qcap = qcap ? qcap * 2 : 16;
            g.q = realloc(g.q, (size_t)qcap * sizeof *g.q);
            if (!g.q)
                return 2;
        }
        char *enc = encode(line);
        size_t n = strlen(prefix) + strlen(enc) + strlen(suffix) + strlen(host) +
                   (header ? strlen(header) : 0) + 128;
        query *q = &g.q[g.nq++];
        q->text = strdup(line);
        q->request = malloc(n);
        if (!enc || !q->text || !q->request)
            return 2;
        q->len = (size_t)snprintf(q->request, n, "GET %s%s%s HTTP/1.1\r\nHost: %s\r\n%s%s"
                                  "User-Agent: hoso-bench\r\n\r\n", prefix, enc, suffix,
                                  argv[optind], header ? header : "", header ? "\r\n" : "");
        free(enc);
    }
    free(line);
    fclose(f);
    if (!g.nq) {
        fprintf(stderr, "bench_serve_load: no queries in '%s'\n", argv[optind + 1]);
        return 2;
    }
    g.total = total;
    g.warmup = warmup >= 0 ? warmup : (long)g.nq * clients;
    g.samples = calloc((size_t)total, sizeof *g.samples);
    pthread_t *th = calloc((size_t)clients, sizeof *th);
    if (!g.samples || !th)
        return 2;

    /* warm-up first (every connection opened, every server thread's index connection
     * too), then the measured requests over the same connections */
    if (pthread_barrier_init(&g.phase, NULL, (unsigned)clients + 1))
        return 2;
    for (int i = 0; i < clients; i++)
        if (pthread_create(&th[i], NULL, client, NULL)) {
            fprintf(stderr, "bench_serve_load: cannot start a thread\n");
            return 2;
        }
    pthread_barrier_wait(&g.phase);
    atomic_store(&g.reconnects, 0);
    long warm_connects = atomic_exchange(&g.connects, 0);
    double t0 = now();
    pthread_barrier_wait(&g.phase);
    for (int i = 0; i < clients; i++)
        pthread_join(th[i], NULL);
    double wall = now() - t0;
    pthread_barrier_destroy(&g.phase);

    double *v = malloc(sizeof(double) * (size_t)total);
    long errs = 0, non200 = 0, sock = 0, parse = 0;
    FILE *rf = raw ? fopen(raw, "w") : NULL;
    if (raw && !rf)
        fprintf(stderr, "bench_serve_load: cannot write '%s': %s\n", raw, strerror(errno));
    printf("%-28s %6s %8s %8s %8s %8s %6s\n", "query (latency in ms)", "n", "p50", "p95", "p99",
           "max", "errors");
    for (int qi = 0; qi < g.nq; qi++) {
        long n = 0, e = 0;
        for (long i = 0; i < total; i++)
            if (g.samples[i].query == qi) {
                v[n++] = g.samples[i].ms;
                e += g.samples[i].status != 200;
            }
        report(g.q[qi].text, v, n, e);
    }
    for (long i = 0; i < total; i++) {
        const sample *s = &g.samples[i];
        v[i] = s->ms;
        if (s->status != 200) {
            errs++;
            if (s->status == ST_SOCKET)
                sock++;
            else if (s->status == ST_PARSE)
                parse++;
            else
                non200++;
        }
        if (rf)
            fprintf(rf, "%d %d %.3f\n", s->query, s->status, s->ms);
    }
    if (rf)
        fclose(rf);
    report("all", v, total, errs);
    /* one line for scripts: key=value */
    printf("summary: clients=%d requests=%ld warmup=%ld wall_s=%.3f rps=%.1f p50_ms=%.2f "
           "p95_ms=%.2f p99_ms=%.2f max_ms=%.2f errors=%ld non200=%ld socket=%ld parse=%ld "
           "connections=%ld new_connections=%ld reconnects=%ld\n",
           clients, total, g.warmup, wall, (double)total / wall, pct(v, total, .5),
           pct(v, total, .95), pct(v, total, .99), v[total - 1], errs, non200, sock, parse,
           warm_connects, atomic_load(&g.connects), atomic_load(&g.reconnects));
    for (int i = 0; i < g.nq; i++) {
        free(g.q[i].text);
        free(g.q[i].request);
    }
    free(g.q);
    free(g.samples);
    free(th);
    free(v);
    return errs ? 1 : 0;
}
