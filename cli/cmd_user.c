/* cmd_user.c - `hoso user add|list|del`: the people who may sign in to `hoso serve` and
 * write (review fields, mark dossiers, manage users), kept in the home's index. A password is
 * read from standard input, or asked for twice without echo at a terminal; it never appears
 * on the command line, where other users of the machine could read it. */
#define _GNU_SOURCE
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cli.h"
#include "cli_i18n.h"

static const char usage[] = "hoso user add NAME --role reviewer|archivist|admin\n"
                            "       hoso user list [--json]\n"
                            "       hoso user del NAME";

/* One line of f without its newline into buf; -1 at the end of input or for a line that
 * does not fit. */
static int read_line(FILE *f, char *buf, size_t cap)
{
    if (!fgets(buf, (int)cap, f))
        return -1;
    size_t n = strlen(buf);
    if (n && buf[n - 1] == '\n')
        buf[--n] = '\0';
    else if (!feof(f))
        return -1;
    if (n && buf[n - 1] == '\r')
        buf[--n] = '\0';
    return 0;
}

/* At a terminal: asked without echo (prompt on stderr). */
static int ask(const char *prompt, char *buf, size_t cap)
{
    struct termios old, quiet;
    fputs(prompt, stderr);
    fflush(stderr);
    int tty = tcgetattr(STDIN_FILENO, &old) == 0;
    if (tty) {
        quiet = old;
        quiet.c_lflag &= (tcflag_t) ~(ECHO | ECHONL);
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    int rc = read_line(stdin, buf, cap);
    if (tty)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
    fputc('\n', stderr);
    return rc;
}

static int read_password(const char *name, char *pw, size_t cap)
{
    if (!isatty(STDIN_FILENO)) {
        if (read_line(stdin, pw, cap)) {
            cli_error(_("user: no password on standard input (one line)"));
            return -1;
        }
        return 0;
    }
    char again[1100], prompt[128];
    snprintf(prompt, sizeof prompt, _("Password for %s: "), name);
    int rc = ask(prompt, pw, cap) || ask(_("Again: "), again, sizeof again) ? -1 : 0;
    if (rc)
        cli_error(_("user: no password given"));
    else if (strcmp(pw, again) != 0)
        cli_error(_("user: the two passwords differ")), rc = -1;
    memset(again, 0, sizeof again);
    return rc;
}

static int print_user(void *ud, const char *name, int role, const char *created)
{
    json_t *list = ud;
    if (list)
        return json_array_append_new(list, json_pack("{s:s, s:s, s:s}", "name", name, "role",
                                                     idx_role_name(role), "created", created))
                   ? HS_ENOMEM
                   : HS_OK;
    printf("%-24s %-10s %s\n", name, idx_role_name(role), created);
    return HS_OK;
}

int cmd_user(pl_home *home, int argc, char **argv)
{
    static const struct option opts[] = {
        {"role", required_argument, NULL, 'r'},
        {"json", no_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},
        {0, 0, 0, 0},
    };
    const char *role_name = NULL;
    int json = 0, c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'r':
            role_name = optarg;
            break;
        case 'j':
            json = 1;
            break;
        case 'h':
            printf("%s %s\n", _("usage:"), usage);
            return EXIT_OK;
        default:
            return cli_usage(usage, _("user: unknown or incomplete option '%s'"), argv[optind - 1]);
        }
    }
    if (optind >= argc)
        return cli_usage(usage, _("user: give add, list or del"));
    const char *verb = argv[optind++];
    int nargs = argc - optind;
    const char *name = nargs ? argv[optind] : NULL;
    int role = 0;
    if (!strcmp(verb, "add")) {
        if (nargs != 1)
            return cli_usage(usage, _("user: add takes one name"));
        if (!role_name)
            return cli_usage(usage, _("user: add needs --role reviewer, archivist or admin"));
        if (!(role = idx_role_parse(role_name)))
            return cli_usage(usage, _("user: no role '%s' (reviewer, archivist or admin)"),
                             role_name);
        if (!idx_user_name_valid(name))
            return cli_usage(usage,
                             _("user: '%s' is not a user name (letters, digits, '.', '_', '-', at "
                               "most 64)"),
                             name);
    } else if (!strcmp(verb, "del")) {
        if (nargs != 1)
            return cli_usage(usage, _("user: del takes one name"));
    } else if (!strcmp(verb, "list")) {
        if (nargs)
            return cli_usage(usage, _("user: list takes no argument"));
    } else {
        return cli_usage(usage, _("user: no action '%s' (add, list or del)"), verb);
    }
    if ((role_name && strcmp(verb, "add")) || (json && strcmp(verb, "list")))
        return cli_usage(usage, _("user: --role goes with add, --json with list"));
    char pw[1100] = "";
    if (role && read_password(name, pw, sizeof pw))
        return EXIT_FAIL;
    hs_err err;
    hs_err_clear(&err);
    idx_db *db = NULL;
    json_t *list = json && !strcmp(verb, "list") ? json_array() : NULL;
    int rc = pl_home_index(home, 0, &db, &err);
    if (rc == HS_OK && role)
        rc = idx_user_add(db, name, role, pw, &err);
    else if (rc == HS_OK && !strcmp(verb, "del"))
        rc = idx_user_del(db, name, &err);
    else if (rc == HS_OK)
        rc = idx_user_each(db, print_user, list, &err);
    memset(pw, 0, sizeof pw);
    idx_db_close(db);
    if (rc) {
        json_decref(list);
        cli_err(&err);
        return EXIT_FAIL;
    }
    if (list)
        cli_json_print(stdout, list);
    json_decref(list);
    return EXIT_OK;
}
