/* scan_sane.c - acquisition from scanners through SANE: listing devices, setting backend
 * options by their SANE names, and reading pages (grey or colour, 1, 8 or 16 bits, one or
 * three frames, known or unknown height, blocking or non-blocking reads) into leptonica
 * images. A feeder that runs out ends a scan; a jam, an open cover or an I/O error fails
 * the page with a clear message. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <leptonica/allheaders.h>
#include <poll.h>
#include <pthread.h>
#include <sane/sane.h>
#include <sane/saneopts.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "scan.h"

/* threads of the process listed at most (hoso runs a handful; a backend one or two) */
#define SANE_MAX_THREADS 64

struct scan_device {
    SANE_Handle h;
    char *name;
    volatile sig_atomic_t cancel;
    int waits; /* reads of the last page that found no data yet and waited */
    /* the process's threads before the last sane_start (-1: not known), and the name of
     * the thread that called it, to tell the backend's reader thread (settle_reader) */
    long before[SANE_MAX_THREADS];
    int nbefore;
    int fd; /* the select fd of the frame being read, or -1 */
    char comm[32];
};

static int sane_ready;
/* set once a backend's reader was stopped in the middle of a frame (a fault, a cancel) */
static int sane_tainted;

int scan_sane_tainted(void)
{
    return sane_tainted;
}

int scan_sane_init(hs_err *err)
{
    if (sane_ready)
        return HS_OK;
    SANE_Int version = 0;
    SANE_Status st = sane_init(&version, NULL);
    if (st != SANE_STATUS_GOOD)
        return hs_err_set(err, HS_EIO, 0, "scanner: cannot start SANE: %s", sane_strstatus(st));
    sane_ready = 1;
    return HS_OK;
}

void scan_sane_exit(void)
{
    /* after a reader was stopped mid-frame, sane_exit's dlclose can wait forever on a lock
     * that reader died holding (scan_sane_tainted); the process is about to end anyway */
    if (sane_ready && !sane_tainted)
        sane_exit();
    sane_ready = 0;
}

int scan_devices_list(scan_device_info **out, int *n, hs_err *err)
{
    *out = NULL;
    *n = 0;
    int rc = scan_sane_init(err);
    if (rc)
        return rc;
    const SANE_Device **list = NULL;
    SANE_Status st = sane_get_devices(&list, SANE_FALSE);
    if (st != SANE_STATUS_GOOD)
        return hs_err_set(err, HS_EIO, 0, "scanner: cannot list devices: %s", sane_strstatus(st));
    int count = 0;
    while (list && list[count])
        count++;
    scan_device_info *v = calloc((size_t)count + 1, sizeof *v);
    if (!v)
        return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    for (int i = 0; i < count; i++) {
        snprintf(v[i].name, sizeof v[i].name, "%s", list[i]->name ? list[i]->name : "");
        snprintf(v[i].vendor, sizeof v[i].vendor, "%s", list[i]->vendor ? list[i]->vendor : "");
        snprintf(v[i].model, sizeof v[i].model, "%s", list[i]->model ? list[i]->model : "");
        snprintf(v[i].type, sizeof v[i].type, "%s", list[i]->type ? list[i]->type : "");
    }
    *out = v;
    *n = count;
    return HS_OK;
}

int scan_device_open(const char *name, scan_device **out, hs_err *err)
{
    *out = NULL;
    int rc = scan_sane_init(err);
    if (rc)
        return rc;
    scan_device *d = calloc(1, sizeof *d);
    if (!d || !(d->name = strdup(name))) {
        free(d);
        return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    }
    d->fd = -1;
    SANE_Status st = sane_open(name, &d->h);
    if (st != SANE_STATUS_GOOD) {
        free(d->name);
        free(d);
        return hs_err_set(err, HS_EIO, 0, "scanner '%s': cannot open: %s", name,
                          sane_strstatus(st));
    }
    *out = d;
    return HS_OK;
}

void scan_device_close(scan_device *d)
{
    if (!d)
        return;
    sane_cancel(d->h);
    sane_close(d->h);
    free(d->name);
    free(d);
}

void scan_device_cancel(scan_device *d)
{
    /* only a flag: safe from a signal handler in any thread. Calling sane_cancel here
     * hung scans (CI, e2e.sane): a Ctrl-C delivered to the backend's reader thread made
     * that thread cancel and wait for itself, and one landing in malloc deadlocked on its
     * lock. The reading loop sees the flag within 100 ms and cancels the device itself. */
    d->cancel = 1;
}

/* sane_start with SIGINT blocked, so that threads the backend starts there (sanei_thread's
 * reader) inherit the mask and a Ctrl-C reaches the scanning thread, whose poll it wakes. */
static int thread_ids(long *ids, int cap)
{
    DIR *dir = opendir("/proc/self/task");
    if (!dir)
        return -1;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(dir))) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            n = -1;
            break;
        }
        ids[n++] = strtol(e->d_name, NULL, 10);
    }
    closedir(dir);
    return n;
}

static void read_line(const char *path, char *buf, size_t size)
{
    buf[0] = 0;
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    if (!fgets(buf, (int)size, f))
        buf[0] = 0;
    fclose(f);
}

static SANE_Status start_frame(scan_device *d)
{
    d->nbefore = thread_ids(d->before, SANE_MAX_THREADS);
    read_line("/proc/thread-self/comm", d->comm, sizeof d->comm);
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    pthread_sigmask(SIG_BLOCK, &block, &old);
    SANE_Status st = sane_start(d->h);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return st;
}

static int find_option(scan_device *d, const char *name, const SANE_Option_Descriptor **od)
{
    SANE_Int count = 0;
    if (sane_control_option(d->h, 0, SANE_ACTION_GET_VALUE, &count, NULL) != SANE_STATUS_GOOD)
        return -1;
    for (SANE_Int i = 1; i < count; i++) {
        const SANE_Option_Descriptor *o = sane_get_option_descriptor(d->h, i);
        if (o && o->name && strcmp(o->name, name) == 0) {
            *od = o;
            return i;
        }
    }
    return -1;
}

/* The values an option accepts, for the error message. */
static void describe(const SANE_Option_Descriptor *o, char *buf, size_t len)
{
    buf[0] = '\0';
    size_t n = 0;
    if (o->constraint_type == SANE_CONSTRAINT_STRING_LIST) {
        for (const SANE_String_Const *s = o->constraint.string_list; *s && n < len; s++)
            n += (size_t)snprintf(buf + n, len - n, "%s'%s'", n ? ", " : "", *s);
    } else if (o->constraint_type == SANE_CONSTRAINT_WORD_LIST) {
        /* the first word is the count */
        const SANE_Word *w = o->constraint.word_list;
        for (SANE_Word i = 1; i <= w[0] && n < len; i++) {
            if (o->type == SANE_TYPE_FIXED)
                n += (size_t)snprintf(buf + n, len - n, "%s%g", n ? ", " : "", SANE_UNFIX(w[i]));
            else
                n += (size_t)snprintf(buf + n, len - n, "%s%d", n ? ", " : "", w[i]);
        }
    } else if (o->constraint_type == SANE_CONSTRAINT_RANGE) {
        const SANE_Range *r = o->constraint.range;
        if (o->type == SANE_TYPE_FIXED)
            n = (size_t)snprintf(buf, len, "%g..%g", SANE_UNFIX(r->min), SANE_UNFIX(r->max));
        else
            n = (size_t)snprintf(buf, len, "%d..%d", r->min, r->max);
        if (r->quant > (o->type == SANE_TYPE_FIXED ? 0 : 1) && n < len) {
            if (o->type == SANE_TYPE_FIXED)
                snprintf(buf + n, len - n, " in steps of %g", SANE_UNFIX(r->quant));
            else
                snprintf(buf + n, len - n, " in steps of %d", r->quant);
        }
    } else if (o->type == SANE_TYPE_BOOL) {
        snprintf(buf, len, "yes or no");
    }
}

/* Whether w is one of the values a numeric option's constraint allows exactly: SANE's
 * own constraint check (sanei_constrain_value) would round a value off a word list or
 * between two range steps to the nearest allowed one, and scanimage refuses those. */
static int word_allowed(const SANE_Option_Descriptor *o, SANE_Word w)
{
    if (o->constraint_type == SANE_CONSTRAINT_WORD_LIST) {
        const SANE_Word *list = o->constraint.word_list;
        for (SANE_Word i = 1; i <= list[0]; i++)
            if (list[i] == w)
                return 1;
        return 0;
    }
    if (o->constraint_type == SANE_CONSTRAINT_RANGE) {
        const SANE_Range *r = o->constraint.range;
        if (w < r->min || w > r->max)
            return 0;
        /* a fixed-point step is a fraction: leave its rounding to SANE_INFO_INEXACT */
        if (o->type == SANE_TYPE_INT && r->quant > 1 && (w - r->min) % r->quant != 0)
            return 0;
    }
    return 1;
}

/* Parses value for a numeric option; 0 if it is not a number the option allows. */
static int parse_word(const SANE_Option_Descriptor *o, const char *value, SANE_Word *w)
{
    char *end = NULL;
    double v = strtod(value, &end);
    if (end == value || *end)
        return 0;
    if (o->type == SANE_TYPE_INT) {
        /* an integer option given a fraction would silently lose it */
        if (v != (double)(SANE_Word)v)
            return 0;
        *w = (SANE_Word)v;
    } else {
        if (v < -32768.0 || v > 32767.0)
            return 0;
        *w = SANE_FIX(v);
    }
    return word_allowed(o, *w);
}

/* The option's value as text (for messages): numbers and strings, else "". */
static void value_text(scan_device *d, int idx, const SANE_Option_Descriptor *o, char *buf,
                       size_t len)
{
    buf[0] = '\0';
    if (o->size < 1 || !(o->cap & SANE_CAP_SOFT_DETECT))
        return;
    void *v = calloc(1, (size_t)o->size + 1);
    if (!v)
        return;
    if (sane_control_option(d->h, idx, SANE_ACTION_GET_VALUE, v, NULL) == SANE_STATUS_GOOD) {
        SANE_Word w;
        memcpy(&w, v, sizeof w < (size_t)o->size ? sizeof w : (size_t)o->size);
        if (o->type == SANE_TYPE_STRING)
            snprintf(buf, len, "%s", (const char *)v);
        else if (o->type == SANE_TYPE_FIXED)
            snprintf(buf, len, "%g", SANE_UNFIX(w));
        else if (o->type == SANE_TYPE_INT)
            snprintf(buf, len, "%d", w);
        else if (o->type == SANE_TYPE_BOOL)
            snprintf(buf, len, "%s", w ? "yes" : "no");
    }
    free(v);
}

/* Sets option idx to v (o->size bytes). A value the backend took only after rounding it
 * (SANE_INFO_INEXACT) is undone (the previous value put back) and refused: *rounded says
 * what the backend would have used. */
static SANE_Status set_exact(scan_device *d, int idx, const SANE_Option_Descriptor *o, void *v,
                             char *rounded, size_t len)
{
    rounded[0] = '\0';
    void *old = NULL;
    if (o->size > 0 && (o->cap & SANE_CAP_SOFT_DETECT) && (old = calloc(1, (size_t)o->size)) &&
        sane_control_option(d->h, idx, SANE_ACTION_GET_VALUE, old, NULL) != SANE_STATUS_GOOD) {
        free(old);
        old = NULL;
    }
    SANE_Int info = 0;
    SANE_Status st = sane_control_option(d->h, idx, SANE_ACTION_SET_VALUE, v, &info);
    if (st == SANE_STATUS_GOOD && (info & SANE_INFO_INEXACT)) {
        value_text(d, idx, o, rounded, len);
        if (!rounded[0])
            snprintf(rounded, len, "another value");
        if (old)
            sane_control_option(d->h, idx, SANE_ACTION_SET_VALUE, old, NULL);
        st = SANE_STATUS_INVAL;
    }
    free(old);
    return st;
}

int scan_device_option(scan_device *d, const char *name, const char *value, hs_err *err)
{
    const SANE_Option_Descriptor *o = NULL;
    int idx = find_option(d, name, &o);
    if (idx < 0)
        return hs_err_set(err, HS_EINVAL, 0, "scanner '%s' has no option '%s'", d->name, name);
    if (!SANE_OPTION_IS_SETTABLE(o->cap))
        return hs_err_set(err, HS_EINVAL, 0, "scanner '%s': option '%s' cannot be set", d->name,
                          name);
    if (!SANE_OPTION_IS_ACTIVE(o->cap))
        return hs_err_set(err, HS_EINVAL, 0,
                          "scanner '%s': option '%s' is not active with the current settings",
                          d->name, name);
    char allowed[512], rounded[128] = "";
    describe(o, allowed, sizeof allowed);
    SANE_Status st = SANE_STATUS_INVAL;
    switch (o->type) {
    case SANE_TYPE_BOOL: {
        SANE_Bool b;
        if (!strcasecmp(value, "yes") || !strcasecmp(value, "true") || !strcmp(value, "1"))
            b = SANE_TRUE;
        else if (!strcasecmp(value, "no") || !strcasecmp(value, "false") || !strcmp(value, "0"))
            b = SANE_FALSE;
        else
            break;
        st = set_exact(d, idx, o, &b, rounded, sizeof rounded);
        break;
    }
    case SANE_TYPE_INT:
    case SANE_TYPE_FIXED: {
        SANE_Word w;
        if (!parse_word(o, value, &w))
            break;
        /* an array option (gamma tables ...) gets the value in every element */
        size_t n = (size_t)o->size / sizeof(SANE_Word);
        SANE_Word *a = calloc(n ? n : 1, sizeof *a);
        if (!a)
            return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
        for (size_t i = 0; i < (n ? n : 1); i++)
            a[i] = w;
        st = set_exact(d, idx, o, a, rounded, sizeof rounded);
        free(a);
        break;
    }
    case SANE_TYPE_STRING: {
        const char *pick = value;
        if (o->constraint_type == SANE_CONSTRAINT_STRING_LIST) {
            pick = NULL;
            for (const SANE_String_Const *s = o->constraint.string_list; *s; s++)
                if (strcasecmp(*s, value) == 0)
                    pick = *s;
            if (!pick)
                break;
        }
        if (strlen(pick) >= (size_t)o->size)
            break; /* the backend would cut it */
        char *buf = calloc(1, (size_t)o->size + 1);
        if (!buf)
            return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
        snprintf(buf, (size_t)o->size, "%s", pick);
        st = set_exact(d, idx, o, buf, rounded, sizeof rounded);
        free(buf);
        break;
    }
    case SANE_TYPE_BUTTON:
        st = sane_control_option(d->h, idx, SANE_ACTION_SET_VALUE, NULL, NULL);
        break;
    default:
        break;
    }
    if (st == SANE_STATUS_GOOD)
        return HS_OK;
    if (rounded[0])
        return hs_err_set(err, HS_EINVAL, 0,
                          "scanner '%s': option '%s' cannot be '%s' exactly, the scanner would "
                          "use %s%s%s%s",
                          d->name, name, value, rounded, allowed[0] ? hs_tr(" (allowed: ") : "",
                          allowed, allowed[0] ? ")" : "");
    return hs_err_set(err, HS_EINVAL, 0, "scanner '%s': bad value '%s' for option '%s'%s%s%s",
                      d->name, value, name, allowed[0] ? hs_tr(" (allowed: ") : "", allowed,
                      allowed[0] ? ")" : "");
}

int scan_device_value(scan_device *d, const char *name, char *buf, size_t len, hs_err *err)
{
    buf[0] = '\0';
    const SANE_Option_Descriptor *o = NULL;
    int idx = find_option(d, name, &o);
    if (idx < 0)
        return hs_err_set(err, HS_EINVAL, 0, "scanner '%s' has no option '%s'", d->name, name);
    if (!SANE_OPTION_IS_ACTIVE(o->cap) || !(o->cap & SANE_CAP_SOFT_DETECT))
        return hs_err_set(err, HS_EINVAL, 0, "scanner '%s': option '%s' cannot be read now",
                          d->name, name);
    value_text(d, idx, o, buf, len);
    return HS_OK;
}

int scan_device_choices(scan_device *d, const char *name, const char ***list)
{
    const SANE_Option_Descriptor *o = NULL;
    *list = NULL;
    if (find_option(d, name, &o) < 0 || o->constraint_type != SANE_CONSTRAINT_STRING_LIST ||
        !SANE_OPTION_IS_ACTIVE(o->cap))
        return 0;
    *list = (const char **)o->constraint.string_list;
    return 1;
}

static int status_error(scan_device *d, SANE_Status st, hs_err *err)
{
    const char *what;
    /* Ctrl-C while a read was blocked: sane_cancel makes backends fail the read with
     * whatever status they have at hand (the test backend: an I/O error); the clerk asked
     * for a cancel, and that is what to report */
    if (d->cancel)
        st = SANE_STATUS_CANCELLED;
    switch (st) {
    case SANE_STATUS_JAMMED:
        what = "the paper jammed in the feeder";
        break;
    case SANE_STATUS_COVER_OPEN:
        what = "the scanner cover is open";
        break;
    case SANE_STATUS_IO_ERROR:
        what = "I/O error talking to the scanner (is it still connected?)";
        break;
    case SANE_STATUS_NO_DOCS:
        what = "the feeder ran out of paper in the middle of a page";
        break;
    case SANE_STATUS_CANCELLED:
        what = "cancelled";
        break;
    case SANE_STATUS_DEVICE_BUSY:
        what = "the scanner is busy";
        break;
    case SANE_STATUS_NO_MEM:
        what = "the scanner driver ran out of memory";
        break;
    case SANE_STATUS_ACCESS_DENIED:
        what = "access to the scanner was denied";
        break;
    default:
        what = sane_strstatus(st);
    }
    return hs_err_set(err, st == SANE_STATUS_CANCELLED ? HS_EINVAL : HS_EIO, 0, "scanner '%s': %s",
                      d->name, what);
}

/* Whether thread tid is blocked in a system call that is a cancellation point (a reader
 * writing to a full pipe, or waiting): cancelled there, it holds no lock. Asleep in a futex
 * is not enough: that may be a lock it waits for while holding another (seen: the locale
 * lock, which then hung the process's exit). */
static int blocked_safely(long tid)
{
    static const long safe[] = {SYS_read,   SYS_write,    SYS_poll,      SYS_ppoll,
                                SYS_select, SYS_pselect6, SYS_nanosleep, SYS_clock_nanosleep};
    char path[64], line[512];
    snprintf(path, sizeof path, "/proc/self/task/%ld/syscall", tid);
    read_line(path, line, sizeof line);
    char *end;
    long nr = strtol(line, &end, 10);
    if (end == line)
        return 0; /* "running", or not readable */
    for (size_t i = 0; i < sizeof safe / sizeof safe[0]; i++)
        if (nr == safe[i])
            return 1;
    return 0;
}

/* The backend's threads: those started since the last sane_start by the thread that
 * called it (same name; hoso's own threads that start meanwhile carry other names). With
 * busy, only those running or runnable (not asleep in a system call such as a write to a
 * full pipe). -1 when /proc cannot tell. */
static int backend_threads(const scan_device *d, int busy)
{
    long now[SANE_MAX_THREADS];
    int n = d->nbefore < 0 ? -1 : thread_ids(now, SANE_MAX_THREADS), count = 0;
    if (n < 0 || !d->comm[0])
        return -1;
    for (int i = 0; i < n; i++) {
        int seen = 0;
        for (int j = 0; j < d->nbefore && !seen; j++)
            seen = now[i] == d->before[j];
        if (seen)
            continue;
        char path[64], line[512];
        snprintf(path, sizeof path, "/proc/self/task/%ld/comm", now[i]);
        read_line(path, line, sizeof line);
        if (strcmp(line, d->comm) != 0)
            continue; /* gone since the listing, or not the backend's */
        if (busy && blocked_safely(now[i]))
            continue;
        count++;
    }
    return count;
}

/* Backends built on sanei_thread (the test backend among them) stop their reader thread
 * with an asynchronous pthread_cancel, from the sane_read that hands over a frame's last
 * bytes and from sane_cancel. A thread caught while it exits can die holding the loader's
 * TLS lock (the next sane_start, which starts a thread, then waits forever: e2e.sane, 1 ADF
 * run in 300 under load); one caught in malloc dies holding its arena's lock (its exit
 * then waits forever: test_sane.faults). A fixed 50 ms wait before those calls was not
 * enough on a loaded CI machine. So wait until the backend's threads are gone (before the
 * read that ends a frame: the rest of the frame fits in the pipe, so the reader can finish)
 * or, with gone 0, blocked in a system call that is a cancellation point (before a cancel:
 * a reader writing to a full pipe; blocked_safely), seen twice 2 ms apart; at most 2 s.
 * Where /proc cannot tell, 50 ms. */
static void settle_reader(const scan_device *d, int gone)
{
    struct timespec tick = {0, 2 * 1000 * 1000};
    int quiet = 0;
    for (int i = 0; i < 1000; i++) {
        int n = backend_threads(d, !gone);
        if (n < 0) {
            struct timespec t = {0, 50 * 1000 * 1000};
            nanosleep(&t, NULL);
            return;
        }
        if (n == 0 && ++quiet == 2)
            return;
        if (n)
            quiet = 0;
        nanosleep(&tick, NULL);
    }
}

/* After a fault or a cancel in non-blocking mode: reads and drops what the backend's reader
 * still writes to the select fd, so that it finishes its frame and exits instead of being
 * cancelled in the middle of it (e2e.sane: a "jammed" scan hung now and then in
 * sane_cancel); at most 2 s, then settle_reader and sane_cancel as before. */
static void drain_reader(const scan_device *d)
{
    static char sink[65536];
    for (int i = 0; d->fd >= 0 && i < 200; i++) {
        if (backend_threads(d, 0) <= 0)
            return;
        struct pollfd pfd = {.fd = d->fd, .events = POLLIN};
        if (poll(&pfd, 1, 10) > 0 && (pfd.revents & POLLIN))
            if (read(d->fd, sink, sizeof sink) < 0 && errno != EAGAIN && errno != EINTR)
                return;
    }
}

/* In non-blocking mode, waits until the backend's select fd says data (or the end) is
 * there, waking every 100 ms to see a cancel. Reading only then is what the fd is for,
 * and some backends need it: SANE's test backend ends the frame early, handing back a
 * length of -1, on a read that finds its pipe empty.
 * 0 when data is ready, 1 after the wait timed out (the caller checks cancel and its
 * deadline, then calls again). */
/* A frame whose data stops coming for this long is an I/O error (seconds). */
#define SCAN_STALL_S 60.0

static int wait_data(scan_device *d, int fd)
{
    struct pollfd pfd = {.fd = fd, .events = POLLIN};
    if (poll(&pfd, 1, 0) > 0)
        return 0;
    d->waits++;
    return poll(&pfd, 1, 100) > 0 ? 0 : 1;
}

/* Reads one frame into *data; the height comes from the data when the backend did not
 * know it (hand scanners report -1 lines). fd is the backend's select fd in non-blocking
 * mode, or -1. */
static int read_frame(scan_device *d, const SANE_Parameters *p, int fd, unsigned char **data,
                      size_t *len, hs_err *err)
{
    size_t cap = p->lines > 0 ? (size_t)p->lines * (size_t)p->bytes_per_line : 1 << 20;
    unsigned char *buf = malloc(cap ? cap : 1);
    size_t n = 0;
    if (!buf)
        return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    double last_data = hs_now();
    /* the frame's size when the backend knows it, for the settle before its last read */
    size_t total = p->lines > 0 ? (size_t)p->lines * (size_t)p->bytes_per_line : 0;
    int settled = 0;
    for (;;) {
        if (d->cancel) {
            free(buf);
            return status_error(d, SANE_STATUS_CANCELLED, err);
        }
        if (n + 65536 > cap) {
            size_t nc = cap * 2 + 65536;
            if (nc > (size_t)SCAN_MAX_PIXELS * 6) {
                free(buf);
                return hs_err_set(err, HS_ELIMIT, 0, "scanner '%s': page too large", d->name);
            }
            unsigned char *nb = realloc(buf, nc);
            if (!nb) {
                free(buf);
                return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
            }
            buf = nb;
            cap = nc;
        }
        if (fd < 0 || !wait_data(d, fd)) {
            SANE_Int got = 0;
            SANE_Int want = (SANE_Int)(cap - n > 65536 ? 65536 : cap - n);
            /* before the read that may end the frame (the rest fits in the pipe the
             * backend's reader writes to), let that reader finish and exit */
            if (total && !settled && n + (size_t)want >= total) {
                settled = 1;
                settle_reader(d, 1);
            }
            SANE_Status st = sane_read(d->h, buf + n, want, &got);
            if (d->cancel)
                continue; /* whatever a read cut short by Ctrl-C returned: cancelled */
            if (st == SANE_STATUS_EOF)
                break;
            if (st != SANE_STATUS_GOOD) {
                free(buf);
                return status_error(d, st, err);
            }
            if (got < 0 || got > want) {
                free(buf);
                return hs_err_set(err, HS_EIO, 0,
                                  "scanner '%s': the driver returned a bad read length "
                                  "(%d bytes)",
                                  d->name, (int)got);
            }
            n += (size_t)got;
            if (got > 0) {
                last_data = hs_now();
                continue;
            }
            if (fd < 0) { /* a blocking backend's short read of nothing: not there yet */
                struct timespec ts = {0, 1000000};
                nanosleep(&ts, NULL);
            }
        }
        /* no data yet: the select fd's wait timed out, or a read found nothing */
        if (hs_now() - last_data > SCAN_STALL_S) {
            free(buf);
            return hs_err_set(err, HS_EIO, 0, "scanner '%s': no data for a minute", d->name);
        }
    }
    *data = buf;
    *len = n;
    return HS_OK;
}

/* After sane_start (SANE refuses it before): non-blocking reads where the backend offers
 * them together with a select fd to wait on, so a read never hangs past a Ctrl-C; returns
 * that fd, or -1 for blocking reads (SANE's default: without an fd, non-blocking reads
 * would only spin). */
static int io_mode_set(scan_device *d)
{
    SANE_Int fd = -1;
    if (sane_set_io_mode(d->h, SANE_TRUE) != SANE_STATUS_GOOD)
        return -1;
    if (sane_get_select_fd(d->h, &fd) != SANE_STATUS_GOOD || fd < 0) {
        sane_set_io_mode(d->h, SANE_FALSE);
        return -1;
    }
    return fd;
}

int scan_device_waits(const scan_device *d)
{
    return d ? d->waits : 0;
}

static int get_dpi(scan_device *d)
{
    const SANE_Option_Descriptor *o = NULL;
    int idx = find_option(d, SANE_NAME_SCAN_RESOLUTION, &o);
    SANE_Word w = 0;
    if (idx < 0 ||
        sane_control_option(d->h, idx, SANE_ACTION_GET_VALUE, &w, NULL) != SANE_STATUS_GOOD)
        return 0;
    return o->type == SANE_TYPE_FIXED ? (int)(SANE_UNFIX(w) + 0.5) : w;
}

static unsigned sample(const unsigned char *row, int depth, int x)
{
    if (depth == 16) {
        /* SANE's 16-bit samples are in the host's byte order; keep the high 8 bits */
        unsigned short v;
        memcpy(&v, row + 2 * x, 2);
        return v >> 8;
    }
    return row[x];
}

int scan_device_page(scan_device *d, PIX **out, int *dpi, hs_err *err)
{
    *out = NULL;
    *dpi = 0;
    PIX *pix = NULL;
    unsigned char *frames[3] = {NULL, NULL, NULL};
    int rc = HS_OK, first = 1;
    SANE_Parameters p = {0};
    d->waits = 0;
    for (;;) {
        if (d->cancel) {
            rc = status_error(d, SANE_STATUS_CANCELLED, err);
            goto out;
        }
        SANE_Status st = start_frame(d);
        if (st == SANE_STATUS_NO_DOCS && first) {
            sane_cancel(d->h);
            return HS_OK; /* the feeder is empty: no more pages */
        }
        if (st != SANE_STATUS_GOOD) {
            rc = status_error(d, st, err);
            goto out;
        }
        first = 0;
        int fd = io_mode_set(d);
        d->fd = fd;
        if ((st = sane_get_parameters(d->h, &p)) != SANE_STATUS_GOOD) {
            rc = status_error(d, st, err);
            goto out;
        }
        if (p.depth != 1 && p.depth != 8 && p.depth != 16) {
            rc = hs_err_set(err, HS_EFORMAT, 0, "scanner '%s': %d-bit samples are not supported",
                            d->name, p.depth);
            goto out;
        }
        unsigned char *data = NULL;
        size_t len = 0;
        if ((rc = read_frame(d, &p, fd, &data, &len, err)))
            goto out;
        int lines = p.bytes_per_line > 0 ? (int)(len / (size_t)p.bytes_per_line) : 0;
        if (p.lines > 0 && lines > p.lines)
            lines = p.lines;
        if (lines < 1 || p.pixels_per_line < 1) {
            free(data);
            rc =
                hs_err_set(err, HS_EFORMAT, 0, "scanner '%s': the page has no image data", d->name);
            goto out;
        }
        int w = p.pixels_per_line, h = lines;
        if (!pix) {
            int color = p.format != SANE_FRAME_GRAY;
            pix = pixCreate(w, h, color ? 32 : p.depth == 1 ? 1 : 8);
            if (!pix) {
                free(data);
                rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
                goto out;
            }
            if (color)
                pixSetAll(pix);
        }
        int pw = pixGetWidth(pix), ph = pixGetHeight(pix);
        l_uint32 *bits = pixGetData(pix);
        int wpl = pixGetWpl(pix);
        for (int y = 0; y < h && y < ph; y++) {
            const unsigned char *row = data + (size_t)y * (size_t)p.bytes_per_line;
            l_uint32 *line = bits + (size_t)y * (size_t)wpl;
            for (int x = 0; x < w && x < pw; x++) {
                if (p.format == SANE_FRAME_GRAY) {
                    if (p.depth == 1) {
                        /* SANE line art: a set bit is black, as in leptonica */
                        if (row[x >> 3] & (0x80 >> (x & 7)))
                            SET_DATA_BIT(line, x);
                    } else {
                        SET_DATA_BYTE(line, x, sample(row, p.depth, x));
                    }
                } else if (p.format == SANE_FRAME_RGB) {
                    unsigned r, g, b;
                    if (p.depth == 1) {
                        r = (row[(3 * x) >> 3] & (0x80 >> ((3 * x) & 7))) ? 255 : 0;
                        g = (row[(3 * x + 1) >> 3] & (0x80 >> ((3 * x + 1) & 7))) ? 255 : 0;
                        b = (row[(3 * x + 2) >> 3] & (0x80 >> ((3 * x + 2) & 7))) ? 255 : 0;
                    } else {
                        r = sample(row, p.depth, 3 * x);
                        g = sample(row, p.depth, 3 * x + 1);
                        b = sample(row, p.depth, 3 * x + 2);
                    }
                    l_uint32 v;
                    composeRGBPixel((l_int32)r, (l_int32)g, (l_int32)b, &v);
                    line[x] = v;
                } else {
                    /* one band of a three-pass scan */
                    unsigned v = p.depth == 1 ? ((row[x >> 3] & (0x80 >> (x & 7))) ? 255 : 0)
                                              : sample(row, p.depth, x);
                    int r, g, b;
                    extractRGBValues(line[x], &r, &g, &b);
                    if (p.format == SANE_FRAME_RED)
                        r = (int)v;
                    else if (p.format == SANE_FRAME_GREEN)
                        g = (int)v;
                    else
                        b = (int)v;
                    l_uint32 c;
                    composeRGBPixel(r, g, b, &c);
                    line[x] = c;
                }
            }
        }
        free(data);
        if (p.last_frame)
            break;
    }
    *dpi = get_dpi(d);
    if (*dpi > 0)
        pixSetResolution(pix, *dpi, *dpi);
    *out = pix;
    pix = NULL;
out:
    for (int i = 0; i < 3; i++)
        free(frames[i]);
    pixDestroy(&pix);
    if (rc) {
        /* a fault or a cancel stops the scan anyway: let the backend's reader reach a
         * safe point before sane_cancel cancels it (settle_reader) */
        drain_reader(d);
        settle_reader(d, 0);
        sane_tainted = 1;
        d->fd = -1;
        sane_cancel(d->h);
    }
    return rc;
}
