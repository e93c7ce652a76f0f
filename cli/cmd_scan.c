/* cmd_scan.c - `hoso scan [--code CODE] [--agency A] [--lang L] [--append] [--json]
 * FILE...`: files one dossier made of all pages of the files, in order. */
#define _GNU_SOURCE
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_help.h"
#include "cli_i18n.h"

/* the synopsis and options are in the help table, cli/cli_help.c */
static const char usage[] = "scan";

/* "2-4, 7" from 1-based page numbers in order. */
static void print_pages(const json_t *pages)
{
    size_t n = json_array_size(pages);
    for (size_t i = 0; i < n;) {
        json_int_t a = json_integer_value(json_array_get(pages, i)), b = a;
        size_t j = i + 1;
        while (j < n && json_integer_value(json_array_get(pages, j)) == b + 1)
            b = json_integer_value(json_array_get(pages, j++));
        if (a == b)
            printf("%s%lld", i ? ", " : "", (long long)a);
        else
            printf("%s%lld-%lld", i ? ", " : "", (long long)a, (long long)b);
        i = j;
    }
}

void cli_split_print(const pl_plan *plan, int json, int dry_run)
{
    json_t *doc = pl_plan_json(plan), *d;
    json_t *dossiers = json_object_get(doc, "dossiers"), *dropped = json_object_get(doc, "dropped");
    size_t i;
    json_array_foreach(dossiers, i, d)
    {
        const char *error = json_string_value(json_object_get(d, "error"));
        const char *code = json_string_value(json_object_get(d, "code"));
        if (error)
            cli_error(_("scan: dossier %zu of the stack not filed: %s"), i + 1, error);
        if (json)
            continue;
        if (dry_run) {
            size_t np = json_array_size(json_object_get(d, "pages"));
            const char *why = json_string_value(json_object_get(d, "why"));
            printf(ngettext("dossier %zu: page ", "dossier %zu: pages ", np), i + 1);
            print_pages(json_object_get(d, "pages"));
            if (code)
                printf(_(", code %s (%s)\n"), code, why);
            else
                printf(_(", a new code (%s)\n"), why);
        } else if (json_object_get(d, "archive")) {
            printf("%s\n", code);
        }
    }
    /* a plan says what it leaves out; once filed, that is a note beside the codes */
    if (json && doc)
        cli_json_print(stdout, doc);
    else
        json_array_foreach(dropped, i, d)
        {
            FILE *f = dry_run ? stdout : stderr;
            fputs(dry_run ? "" : "hoso: scan: ", f);
            fprintf(f, _("page %lld: %s, left out\n"),
                    (long long)json_integer_value(json_object_get(d, "page")),
                    json_string_value(json_object_get(d, "why")));
        }
    json_decref(doc);
}

/* scan --split [--dry-run]: the stack cut into dossiers, each filed (or only planned). */
static int scan_split(pl_home *home, const pl_options *o, char **files, int n, int dry_run,
                      int json)
{
    hs_err err;
    hs_err_clear(&err);
    pl_plan *plan = NULL;
    int rc = pl_file_stack(home, o, files, n, dry_run, &plan, &err);
    if (rc < 0) {
        cli_err(&err);
        pl_plan_free(plan);
        return EXIT_FAIL;
    }
    cli_split_print(plan, json, dry_run);
    pl_plan_free(plan);
    return rc > 0 ? EXIT_FAIL : EXIT_OK;
}

int cmd_scan(pl_home *home, int argc, char **argv)
{
    static const struct option opts[] = {
        {"code", required_argument, NULL, 'c'},
        {"agency", required_argument, NULL, 'a'},
        {"lang", required_argument, NULL, 'l'},
        {"append", no_argument, NULL, 'A'},
        {"no-clean", no_argument, NULL, 'n'},
        {"drop-blank", no_argument, NULL, 'B'},
        {"debug-dir", required_argument, NULL, 'G'},
        {"json", no_argument, NULL, 'j'},
        {"device", required_argument, NULL, 'D'},
        {"source", required_argument, NULL, 'S'},
        {"duplex", no_argument, NULL, 'X'},
        {"resolution", required_argument, NULL, 'r'},
        {"mode", required_argument, NULL, 'm'},
        {"sane-option", required_argument, NULL, 'O'},
        {"resume", no_argument, NULL, 'R'},
        {"timings", no_argument, NULL, 'T'},
        {"split", no_argument, NULL, 'P'},
        {"dry-run", no_argument, NULL, 'Y'},
        {"help", no_argument, NULL, 'h'},
        {0, 0, 0, 0},
    };
    pl_options o = {.lang = "vie", .warn = cli_warn, .warn_ud = (void *)"scan: "};
    pl_scan_request req = {0};
    int timings = 0;
    char *sopts[64];
    int json = 0, split = 0, dry_run = 0, c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'c':
            o.code = optarg;
            break;
        case 'a':
            o.agency = optarg;
            break;
        case 'l':
            o.lang = optarg;
            break;
        case 'A':
            o.append = 1;
            break;
        case 'n':
            o.no_clean = 1;
            break;
        case 'B':
            o.drop_blank = 1;
            break;
        case 'G':
            o.debug_dir = optarg;
            break;
        case 'j':
            json = 1;
            break;
        case 'D':
            req.device = optarg;
            break;
        case 'S':
            if (strcmp(optarg, "flatbed") && strcmp(optarg, "adf"))
                return cli_usage(usage, _("scan: --source is flatbed or adf, not '%s'"), optarg);
            req.source = optarg;
            break;
        case 'X':
            req.duplex = 1;
            break;
        case 'r':
            if (cli_parse_int(optarg, 50, 4800, &req.resolution))
                return cli_usage(usage, _("scan: bad --resolution '%s'"), optarg);
            break;
        case 'm':
            if (strcmp(optarg, "color") && strcmp(optarg, "gray") && strcmp(optarg, "lineart"))
                return cli_usage(usage, _("scan: --mode is color, gray or lineart, not '%s'"),
                                 optarg);
            req.mode = optarg;
            break;
        case 'O':
            if (req.nopts == 64)
                return cli_usage(usage, _("scan: too many --sane-option"));
            sopts[req.nopts++] = optarg;
            break;
        case 'R':
            req.resume = 1;
            break;
        case 'T':
            timings = 1;
            break;
        case 'P':
            split = 1;
            break;
        case 'Y':
            dry_run = 1;
            break;
        case 'h':
            return cli_help_print(stdout, "scan");
        default:
            return cli_usage(usage, _("scan: unknown or incomplete option '%s'"), argv[optind - 1]);
        }
    }
    req.opts = sopts;
    int scanner_opts = req.source || req.duplex || req.resolution || req.mode || req.nopts ||
                       req.resume || timings;
    if (scanner_opts && !req.device)
        return cli_usage(usage, _("scan: scanner options need --device NAME"));
    if (req.device && optind < argc)
        return cli_usage(usage, _("scan: give either --device or files, not both"));
    if (!req.device && optind >= argc)
        return cli_usage(usage, _("scan: no input files"));
    if (o.code && !pl_code_valid(o.code))
        return cli_usage(usage,
                         _("scan: bad dossier code '%s' (letters, digits, '.', '_' and '-' only)"),
                         o.code);
    if (o.agency && !pl_code_valid(o.agency))
        return cli_usage(usage, _("scan: bad agency '%s'"), o.agency);
    /* a resumed scan may take its code from the pending pages: checked there */
    if (o.append && !o.code && !req.resume)
        return cli_usage(usage, _("scan: --append needs --code"));
    if (dry_run && !split)
        return cli_usage(usage, _("scan: --dry-run goes with --split"));
    if (split && (o.code || o.append))
        return cli_usage(usage, _("scan: --split takes each dossier's code from its cover sheet "
                                  "or receipt; it does not go with --code or --append"));
    if (split && req.device && dry_run)
        return cli_usage(usage, _("scan: --dry-run of a scanner's pages: scan them to files "
                                  "first, then 'hoso scan --split --dry-run FILE...'"));
    req.split = split;
    if (req.device)
        return scan_from_device(home, &o, &req, timings, json);
    if (split)
        return scan_split(home, &o, argv + optind, argc - optind, dry_run, json);
    hs_err err;
    hs_err_clear(&err);
    pl_result res;
    if (pl_file_dossier(home, &o, argv + optind, argc - optind, &res, &err)) {
        cli_err(&err);
        return EXIT_FAIL;
    }
    cli_result_print(&res, json);
    pl_result_release(&res);
    return EXIT_OK;
}
