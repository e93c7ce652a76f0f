/* main.c - the hoso command: global options, the subcommand table, process-wide set-up
 * (quiet libraries, one OpenMP thread per Tesseract engine). */
#define _POSIX_C_SOURCE 200809L
#include <limits.h>
#include <locale.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cli_help.h"
#include "cli_i18n.h"
#include "ocr.h"
#include "scan.h"

struct command {
    const char *name;
    int (*fn)(pl_home *home, int argc, char **argv);
    /* 1: open the data home, made if missing (commands that file); 2: open it only if it
     * exists, so that a mistyped --home is an error instead of an empty archive */
    int needs_home;
    /* runs Tesseract, whose OpenMP needs OMP_THREAD_LIMIT before start-up: 1 sets it to 1
     * unless the user set it; 2 (one engine per core already) always sets it to 1 */
    int reads;
    /* one-line summary for a command the help table (cli_help.c) lacks; NULL otherwise */
    const char *help;
};

static const struct command commands[] = {
    {"ocr", cmd_ocr, 0, 1, NULL},
    {"scan", cmd_scan, 1, 1, NULL},
    {"search", cmd_search, 2, 0, NULL},
    {"show", cmd_show, 2, 0, NULL},
    {"export", cmd_export, 2, 0, NULL},
    {"verify", cmd_verify, 2, 0, NULL},
    {"reindex", cmd_reindex, 2, 0, NULL},
    {"batch", cmd_batch, 1, 2, NULL},
    {"merge", cmd_merge, 1, 0, NULL},
    {"devices", cmd_devices, 0, 0, NULL},
    {"pending", cmd_pending, 1, 0, NULL},
    {"serve", cmd_serve, 2, 0, NULL},
    {"user", cmd_user, 2, 0, N_("the people who may sign in to hoso serve and correct fields")},
    {"sheet", cmd_sheet, 0, 0, N_("print cover and separator sheets for splitting stacks")},
    {"dupes", cmd_dupes, 2, 0, N_("pages and dossiers filed twice")},
    {"doctor", cmd_doctor, 0, 1, NULL},
    {"status", cmd_status, 2, 0, NULL},
    {"return", cmd_return, 2, 0, NULL},
    {"due", cmd_due, 2, 0, NULL},
    {"stats", cmd_stats, 2, 0, NULL},
};

static const char usage_line[] = "hoso [--home DIR] COMMAND [ARGS...]";

/* 1 if the command's first argument asks for its help, which is given even when the home
 * does not exist (later arguments may be a query: `search x --help` searches). */
static int wants_help(int argc, char **argv)
{
    return argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0);
}

static void usage(FILE *f)
{
    fprintf(f, "%s %s\n       hoso help [COMMAND]\n       hoso --version\n\n%s\n", _("usage:"),
            usage_line, _("commands:"));
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        const cli_help *h = cli_help_find(commands[i].name);
        fprintf(f, "  %-8s %s\n", commands[i].name,
                h                  ? _(h->summary)
                : commands[i].help ? _(commands[i].help)
                                   : "");
    }
    fprintf(f, "\n%s\n%s\n", _("The data home is --home, else $HOSO_HOME, else ./hoso-data."),
            _("hoso help COMMAND (or hoso COMMAND --help) describes a command."));
}

static const struct command *command_find(const char *name)
{
    for (size_t c = 0; c < sizeof commands / sizeof commands[0]; c++)
        if (strcmp(name, commands[c].name) == 0)
            return &commands[c];
    return NULL;
}

/* hoso help [COMMAND]; hoso help --man [COMMAND] writes a man page (man/, cmake target
 * "man"); hoso help --commands lists the command names (bash completion) */
static int help(int argc, char **argv)
{
    static const char help_usage[] = "hoso help [COMMAND]";
    if (argc < 2) {
        usage(stdout);
        return EXIT_OK;
    }
    if (strcmp(argv[1], "--man") == 0) {
        if (argc > 3)
            return cli_usage(help_usage, _("help: --man takes one command"));
        const char *names[sizeof commands / sizeof commands[0] + 1];
        for (size_t c = 0; c < sizeof commands / sizeof commands[0]; c++)
            names[c] = commands[c].name;
        names[sizeof commands / sizeof commands[0]] = NULL;
        return cli_help_man(stdout, argc > 2 ? argv[2] : NULL, names);
    }
    if (strcmp(argv[1], "--commands") == 0) {
        for (size_t c = 0; c < sizeof commands / sizeof commands[0]; c++)
            printf("%s\n", commands[c].name);
        printf("help\n");
        return EXIT_OK;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        printf("%s %s\n", _("usage:"), help_usage);
        return EXIT_OK;
    }
    if (argc > 2)
        return cli_usage(help_usage, _("help: one command at a time"));
    if (strcmp(argv[1], "help") == 0) {
        printf("%s %s\n\n%s\n", _("usage:"), help_usage, _("the help of hoso, or of COMMAND"));
        return EXIT_OK;
    }
    if (!command_find(argv[1])) {
        cli_error(_("help: no command '%s'"), argv[1]);
        usage(stderr);
        return EXIT_USAGE;
    }
    return cli_help_print(stdout, argv[1]); /* (one the table lacks: see main) */
}

void cli_i18n_init(void)
{
    setlocale(LC_CTYPE, "");
    setlocale(LC_MESSAGES, "");
    const char *dir = getenv("HOSO_LOCALEDIR");
    static char found[PATH_MAX + 32];
    if (!dir || !*dir) {
#ifdef HOSO_LOCALEDIR
        dir = HOSO_LOCALEDIR;
#else
        dir = "/usr/local/share/locale";
#endif
        /* beside the binary first: an installed hoso wherever its prefix, or a build folder */
        char exe[PATH_MAX];
        ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
        char *slash = n > 0 ? (exe[n] = '\0', strrchr(exe, '/')) : NULL;
        if (slash) {
            *slash = '\0';
            static const char *const rel[] = {"/../share/locale", "/locale"};
            for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
                char probe[PATH_MAX + 64];
                snprintf(found, sizeof found, "%s%s", exe, rel[i]);
                snprintf(probe, sizeof probe, "%s/vi/LC_MESSAGES/hoso.mo", found);
                if (access(probe, R_OK) == 0) {
                    dir = found;
                    break;
                }
            }
        }
    }
    bindtextdomain(HS_TEXTDOMAIN, dir);
    textdomain(HS_TEXTDOMAIN);
}

int main(int argc, char **argv)
{
    /* A page at 300 dpi takes 9-35 MB and Tesseract allocates many large buffers per page;
     * by default glibc maps and unmaps each one, and the kernel zeroes fresh pages every
     * time (about a tenth of a batch's processor time). Keep them in the heap instead. */
    mallopt(M_MMAP_THRESHOLD, 64 << 20);
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
    cli_i18n_init();
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "--home") == 0 && i + 1 < argc) {
            cli_home_arg = argv[++i];
        } else if (strncmp(argv[i], "--home=", 7) == 0) {
            cli_home_arg = argv[i] + 7;
        } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return EXIT_OK;
        } else if (strcmp(argv[i], "--version") == 0) {
            printf("hoso %s (tesseract %s)\n", HS_VERSION, ocr_version());
            return EXIT_OK;
        } else {
            cli_error(_("unknown option '%s'"), argv[i]);
            usage(stderr);
            return EXIT_USAGE;
        }
    }
    if (i >= argc) {
        usage(stderr);
        return EXIT_USAGE;
    }
    /* an empty --home would otherwise fall back to $HOSO_HOME or ./hoso-data: another home */
    if (cli_home_arg && !*cli_home_arg)
        return cli_usage(usage_line, _("--home is empty; give the data home's folder"));
    if (strcmp(argv[i], "help") == 0) {
        /* a command the help table lacks yet gives its own help: run as `COMMAND --help` */
        static char help_arg[] = "--help";
        if (argc - i == 2 && command_find(argv[i + 1]) && !cli_help_find(argv[i + 1])) {
            argv[i] = argv[i + 1];
            argv[i + 1] = help_arg;
        } else {
            return help(argc - i, argv + i);
        }
    }
    scan_quiet();
    for (size_t c = 0; c < sizeof commands / sizeof commands[0]; c++) {
        if (strcmp(argv[i], commands[c].name) != 0)
            continue;
        /* the help of the table, the same for every command, before any set-up */
        if (wants_help(argc - i, argv + i) && cli_help_find(commands[c].name))
            return cli_help_print(stdout, commands[c].name);
        /* Tesseract's OpenMP would otherwise start a thread per core for every engine.
         * libgomp reads the variable when it is loaded, before main, so set it and start
         * again once; a value the user set is kept, except by batch, whose workers are
         * already one per core. Only for commands that read pages: starting again costs
         * the others (search, show...) a second start-up, ~0.1 s. */
        const char *omp = getenv("OMP_THREAD_LIMIT");
        if (commands[c].reads && (!omp || (commands[c].reads == 2 && strcmp(omp, "1") != 0))) {
            setenv("OMP_THREAD_LIMIT", "1", 1);
            execv("/proc/self/exe", argv);
            /* no /proc: carry on, only slower */
        }
        pl_home home = {0};
        /* help (from the table) needs no home, and must not make one */
        int helping = wants_help(argc - i, argv + i);
        if (commands[c].needs_home && !(helping && cli_help_find(commands[c].name))) {
            const char *env = getenv("HOSO_HOME");
            if (!cli_home_arg && env && !*env)
                return cli_usage(usage_line, _("HOSO_HOME is empty; set it to the data home's "
                                               "folder, or unset it"));
            hs_err err;
            hs_err_clear(&err);
            /* 2: a reader only, which must not make a home where there is none */
            int rc = cli_home_open(&home, commands[c].needs_home != 2, &err);
            if (rc == HS_ENOTFOUND && commands[c].needs_home == 2 && helping)
                rc = HS_OK;
            if (rc) {
                cli_err(&err);
                return EXIT_FAIL;
            }
        }
        int rc = commands[c].fn(&home, argc - i, argv + i);
        pl_home_release(&home);
        if (scan_sane_tainted()) {
            /* a scanner backend's cancelled thread may hold a lock the exit handlers
             * need (scan_sane_tainted); everything hoso wrote is synced and closed */
            fflush(NULL);
            _exit(rc);
        }
        return rc;
    }
    cli_error(_("unknown command '%s'"), argv[i]);
    usage(stderr);
    return EXIT_USAGE;
}
