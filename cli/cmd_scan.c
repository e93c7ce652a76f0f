/* cmd_scan.c - `hoso scan [--code CODE] [--agency A] [--lang L] [--append] [--json]
 * FILE...`: files one dossier made of all pages of the files, in order. */
#define _GNU_SOURCE
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_help.h"

/* the synopsis and options are in the help table, cli/cli_help.c */
static const char usage[] = "scan";

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
        {"help", no_argument, NULL, 'h'},
        {0, 0, 0, 0},
    };
    pl_options o = {.lang = "vie", .warn = cli_warn, .warn_ud = (void *)"scan: "};
    scan_request req = {0};
    char *sopts[64];
    int json = 0, c;
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
                return cli_usage(usage, "scan: --source is flatbed or adf, not '%s'", optarg);
            req.source = optarg;
            break;
        case 'X':
            req.duplex = 1;
            break;
        case 'r':
            if (cli_parse_int(optarg, 50, 4800, &req.resolution))
                return cli_usage(usage, "scan: bad --resolution '%s'", optarg);
            break;
        case 'm':
            if (strcmp(optarg, "color") && strcmp(optarg, "gray") && strcmp(optarg, "lineart"))
                return cli_usage(usage, "scan: --mode is color, gray or lineart, not '%s'",
                                 optarg);
            req.mode = optarg;
            break;
        case 'O':
            if (req.nopts == 64)
                return cli_usage(usage, "scan: too many --sane-option");
            sopts[req.nopts++] = optarg;
            break;
        case 'R':
            req.resume = 1;
            break;
        case 'T':
            req.timings = 1;
            break;
        case 'h':
            return cli_help_print(stdout, "scan");
        default:
            return cli_usage(usage, "scan: unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    req.opts = sopts;
    int scanner_opts = req.source || req.duplex || req.resolution || req.mode || req.nopts ||
                       req.resume || req.timings;
    if (scanner_opts && !req.device)
        return cli_usage(usage, "scan: scanner options need --device NAME");
    if (req.device && optind < argc)
        return cli_usage(usage, "scan: give either --device or files, not both");
    if (!req.device && optind >= argc)
        return cli_usage(usage, "scan: no input files");
    if (o.code && !pl_code_valid(o.code))
        return cli_usage(usage,
                         "scan: bad dossier code '%s' (letters, digits, '.', '_' and '-' only)",
                         o.code);
    if (o.agency && !pl_code_valid(o.agency))
        return cli_usage(usage, "scan: bad agency '%s'", o.agency);
    /* a resumed scan may take its code from the pending pages: checked there */
    if (o.append && !o.code && !req.resume)
        return cli_usage(usage, "scan: --append needs --code");
    if (req.device)
        return scan_from_device(home, &o, &req, json);
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
