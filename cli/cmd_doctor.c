/* cmd_doctor.c - `hoso doctor`: can this machine run hoso, and is the data home sound?
 * Tesseract's language data, the scanners SANE sees, free space and inodes, write
 * permission, the index's integrity and the locale, one line per check: "ok", "warn" or
 * "FAIL" with what to do. Exit 1 when a check failed. Nothing in the home is changed but a
 * probe file made and removed. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "cli_help.h"
#include "cli_i18n.h"
#include "ocr.h"
#include "scan.h"

/* below these the home is about to fill: a 300 dpi dossier takes a few MB, and every page
 * is a few files in the bag being written */
#define DOCTOR_MIN_FREE_MB 1024
#define DOCTOR_MIN_INODES 10000

typedef struct doctor {
    int failed;
} doctor;

static void line(doctor *d, const char *tag, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* one line on stdout: "ok   what", "warn what: advice", "FAIL what: what to do" */
static void line(doctor *d, const char *tag, const char *fmt, ...)
{
    char raw[1024], msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(raw, sizeof raw, fmt, ap);
    va_end(ap);
    hs_str_escape(msg, sizeof msg, raw); /* names from paths and the environment */
    printf("%-4s %s\n", tag, msg);
    fflush(stdout);
    if (strcmp(tag, "FAIL") == 0)
        d->failed = 1;
}

static void check_tesseract(doctor *d)
{
    static const char *const langs[][2] = {{"vie", "tesseract-ocr-vie"},
                                           {"eng", "tesseract-ocr-eng"}};
    for (size_t i = 0; i < sizeof langs / sizeof langs[0]; i++) {
        hs_err err;
        hs_err_clear(&err);
        ocr_engine *e = NULL;
        /* Tesseract prints its own lines on stderr when data is missing: the check's one
         * line says it all */
        fflush(stderr);
        int saved = dup(2), null = open("/dev/null", O_WRONLY | O_CLOEXEC);
        if (saved >= 0 && null >= 0)
            dup2(null, 2);
        int bad = ocr_engine_new(langs[i][0], &e, &err);
        if (saved >= 0 && null >= 0)
            dup2(saved, 2);
        if (saved >= 0)
            close(saved);
        if (null >= 0)
            close(null);
        if (bad)
            line(d, "FAIL",
                 _("tesseract: no '%s' language data (%s): install the package %s, or "
                   "set TESSDATA_PREFIX to the folder holding %s.traineddata"),
                 langs[i][0], err.msg, langs[i][1], langs[i][0]);
        else
            line(d, "ok", _("tesseract %s: '%s' language data"), ocr_version(), langs[i][0]);
        ocr_engine_free(e);
    }
}

/* SANE backends may wait on the network or a hung USB device: list the devices in a
 * child that is killed after timeout seconds */
static void check_sane(doctor *d, int timeout)
{
    int fd[2];
    if (pipe(fd)) {
        line(d, "FAIL", _("sane: cannot make a pipe: %s"), strerror(errno));
        return;
    }
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        line(d, "FAIL", _("sane: cannot start a process: %s"), strerror(errno));
        close(fd[0]);
        close(fd[1]);
        return;
    }
    if (pid == 0) {
        close(fd[0]);
        hs_err err;
        hs_err_clear(&err);
        scan_device_info *v = NULL;
        int n = 0;
        char out[600];
        int len = scan_devices_list(&v, &n, &err)
                      ? snprintf(out, sizeof out, "E%s", err.msg)
                      : snprintf(out, sizeof out, "N%d %s", n, n > 0 ? v[0].name : "");
        if (write(fd[1], out, (size_t)len) < 0)
            _exit(1);
        _exit(0);
    }
    close(fd[1]);
    char buf[600];
    size_t got = 0;
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int timed_out = 0;
    for (;;) {
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        long left = timeout * 1000L -
                    ((now.tv_sec - t0.tv_sec) * 1000L + (now.tv_nsec - t0.tv_nsec) / 1000000L);
        if (left <= 0) {
            timed_out = 1;
            break;
        }
        struct pollfd p = {.fd = fd[0], .events = POLLIN};
        int r = poll(&p, 1, (int)(left > INT_MAX ? INT_MAX : left));
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            timed_out = r == 0;
            break;
        }
        ssize_t k = read(fd[0], buf + got, sizeof buf - 1 - got);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            break;
        got += (size_t)k;
        if (got == sizeof buf - 1)
            break;
    }
    close(fd[0]);
    buf[got] = '\0';
    if (timed_out)
        kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    if (timed_out) {
        line(d, "FAIL",
             _("sane: no answer within %d s: a backend is waiting on a scanner or the "
               "network; disable unused backends in /etc/sane.d/dll.conf, check 'scanimage -L'"),
             timeout);
    } else if (buf[0] == 'N') {
        int n = atoi(buf + 1);
        const char *first = strchr(buf, ' ');
        if (n > 0)
            line(d, "ok", ngettext("sane: %d scanner (%s%s)", "sane: %d scanners (%s%s)", n), n,
                 first ? first + 1 : "", n > 1 ? ", ..." : "");
        else
            line(d, "warn",
                 _("sane: no scanner found: connect one and check 'scanimage -L' (image "
                   "files can still be filed)"));
    } else if (buf[0] == 'E') {
        line(d, "FAIL",
             _("sane: %s: install libsane1 and the scanner's backend, check "
               "'scanimage -L'"),
             buf + 1);
    } else {
        line(d, "FAIL",
             _("sane: the scanner check stopped without an answer: run 'scanimage -L' "
               "to see why"));
    }
}

/* the home, or the folder that would hold it when it does not exist yet */
static void check_space(doctor *d, const char *dir)
{
    struct statvfs s;
    if (statvfs(dir, &s)) {
        line(d, "FAIL", _("disk: cannot read the free space of '%s': %s"), dir, strerror(errno));
        return;
    }
    unsigned long long mb = (unsigned long long)s.f_bavail * s.f_frsize / (1024 * 1024);
    if (mb < DOCTOR_MIN_FREE_MB)
        line(d, "FAIL",
             _("disk: %llu MB free in '%s': free some space or move the home (--home) "
               "to a larger disk (at least %d MB)"),
             mb, dir, DOCTOR_MIN_FREE_MB);
    else
        line(d, "ok", _("disk: %.1f GB free in '%s'"), mb / 1024.0, dir);
    if (s.f_files == 0)
        line(d, "ok", _("inodes: not counted by this file system"));
    else if (s.f_favail < DOCTOR_MIN_INODES)
        line(d, "FAIL",
             _("inodes: %llu free in '%s': remove small files (old exports, pending "
               "scans) or move the home"),
             (unsigned long long)s.f_favail, dir);
    else
        line(d, "ok", _("inodes: %llu free"), (unsigned long long)s.f_favail);
}

static void check_write(doctor *d, const char *dir)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/.hoso-doctor-%ld", dir, (long)getpid());
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    int e = errno;
    if (fd >= 0) {
        int bad = write(fd, "ok\n", 3) != 3 || fsync(fd);
        e = errno;
        close(fd);
        unlink(path);
        if (!bad) {
            line(d, "ok", _("write: '%s' is writable"), dir);
            return;
        }
    }
    line(d, "FAIL",
         _("write: cannot write in '%s' (%s): make the folder this user's "
           "(chown) or writable (chmod u+w)"),
         dir, strerror(e));
}

static void index_problem(void *ud, const char *msg)
{
    doctor *d = ud;
    line(d, "FAIL", _("%s: run 'hoso reindex' (it rebuilds the index from the archives)"), msg);
}

static void check_index(doctor *d, pl_home *home)
{
    struct stat st;
    if (stat(home->index_path, &st) != 0) {
        hs_err err;
        hs_err_clear(&err);
        char **list = NULL;
        size_t n = 0;
        if (pl_home_archives(home, &list, &n, &err) == 0 && n > 0)
            line(d, "FAIL",
                 _("index: '%s' is missing but %zu archives are there: run 'hoso "
                   "reindex'"),
                 home->index_path, n);
        else
            line(d, "ok", _("index: none yet (made by the first scan)"));
        pl_home_archives_free(list, n);
        return;
    }
    hs_err err;
    hs_err_clear(&err);
    idx_db *db = NULL;
    if (pl_home_index(home, 0, &db, &err)) {
        line(d, "FAIL", "%s", err.msg);
        return;
    }
    int bad = idx_db_check(db, index_problem, d, &err);
    if (bad < 0)
        line(d, "FAIL", _("%s: run 'hoso reindex'"), err.msg);
    else if (bad == 0)
        line(d, "ok", _("index: '%s' passes the integrity checks"), home->index_path);
    idx_db_close(db);
}

static void check_locale(doctor *d)
{
    const char *name = getenv("LC_ALL");
    if (!name || !*name)
        name = getenv("LC_CTYPE");
    if (!name || !*name)
        name = getenv("LANG");
    if (!name || !*name)
        name = "C";
    if (!setlocale(LC_CTYPE, "")) {
        line(d, "FAIL",
             _("locale: '%s' is not installed: run 'dpkg-reconfigure locales' (choose "
               "vi_VN.UTF-8) or set LANG=C.UTF-8"),
             name);
        return;
    }
    const char *cs = nl_langinfo(CODESET);
    if (strcmp(cs, "UTF-8") != 0)
        line(d, "FAIL",
             _("locale: '%s' is %s, not UTF-8: Vietnamese names and messages need "
               "LANG=vi_VN.UTF-8 (or C.UTF-8)"),
             name, cs);
    else
        line(d, "ok", _("locale: %s"), name);
}

int cmd_doctor(pl_home *home, int argc, char **argv)
{
    (void)home;
    static const struct option opts[] = {
        {"no-sane", no_argument, NULL, 'S'},
        {"sane-timeout", required_argument, NULL, 't'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c, sane = 1, timeout = 10;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'S':
            sane = 0;
            break;
        case 't':
            if (cli_parse_int(optarg, 1, 600, &timeout))
                return cli_usage("doctor", _("doctor: bad --sane-timeout '%s' (1 to 600 seconds)"),
                                 optarg);
            break;
        case 'h':
            return cli_help_print(stdout, "doctor");
        default:
            return cli_usage("doctor", _("doctor: unknown or incomplete option '%s'"),
                             argv[optind - 1]);
        }
    }
    if (optind < argc)
        return cli_usage("doctor", _("doctor: unexpected argument '%s'"), argv[optind]);
    const char *env = getenv("HOSO_HOME");
    if (!cli_home_arg && env && !*env)
        return cli_usage("doctor", _("HOSO_HOME is empty; set it to the data home's folder, or "
                                     "unset it"));

    doctor d = {0};
    check_locale(&d);
    /* SANE before Tesseract: the child of fork() should not inherit OpenMP's threads */
    if (sane)
        check_sane(&d, timeout);
    check_tesseract(&d);

    hs_err err;
    hs_err_clear(&err);
    pl_home h = {0};
    int rc = cli_home_open(&h, 0, &err);
    const char *dir = cli_home_arg ? cli_home_arg : env ? env : "hoso-data";
    struct stat st;
    if (rc == HS_ENOTFOUND && stat(dir, &st) == 0) {
        line(&d, "FAIL",
             _("home: '%s' is not a folder: give the data home's folder (--home or "
               "HOSO_HOME)"),
             dir);
    } else if (rc == HS_ENOTFOUND) {
        /* a new installation: the home is made by the first scan, in a folder that must
         * then be writable */
        char *parent = strdup(dir);
        char *slash = parent ? strrchr(parent, '/') : NULL;
        const char *pdir = !parent ? "." : !slash ? "." : slash == parent ? "/" : parent;
        if (slash && slash != parent)
            *slash = '\0';
        line(&d, "ok", _("home: '%s' does not exist yet (the first scan makes it)"), dir);
        check_space(&d, pdir);
        check_write(&d, pdir);
        free(parent);
    } else if (rc) {
        line(&d, "FAIL", _("home: %s: fix hoso.conf or give another home (--home)"), err.msg);
    } else {
        line(&d, "ok", _("home: '%s'"), h.dir);
        check_space(&d, h.dir);
        check_write(&d, h.dir);
        check_index(&d, &h);
    }
    pl_home_release(&h);
    return d.failed ? EXIT_FAIL : EXIT_OK;
}
