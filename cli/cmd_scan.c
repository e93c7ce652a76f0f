/* cmd_scan.c - `hoso scan [--code CODE] [--agency A] [--lang L] [--append] [--json]
 * FILE...`: files one dossier made of all pages of the files, in order. */
#define _GNU_SOURCE
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
    "hoso scan [--code CODE] [--agency AGENCY] [--lang L] [--append] [--no-clean] [--json] FILE...";

int cmd_scan(hs_home *home, int argc, char **argv)
{
    static const struct option opts[] = {
        {"code", required_argument, NULL, 'c'},
        {"agency", required_argument, NULL, 'a'},
        {"lang", required_argument, NULL, 'l'},
        {"append", no_argument, NULL, 'A'},
        {"no-clean", no_argument, NULL, 'n'},
        {"json", no_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},
        {0, 0, 0, 0},
    };
    pl_options o = {.lang = "vie"};
    int json = 0, c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
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
        case 'j':
            json = 1;
            break;
        case 'h':
            printf("usage: %s\n", usage);
            return EXIT_OK;
        default:
            return cli_usage(usage, "scan: unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    if (optind >= argc)
        return cli_usage(usage, "scan: no input files");
    if (o.code && !cli_code_valid(o.code))
        return cli_usage(usage,
                         "scan: bad dossier code '%s' (letters, digits, '.', '_' and '-' only)",
                         o.code);
    if (o.agency && !cli_code_valid(o.agency))
        return cli_usage(usage, "scan: bad agency '%s'", o.agency);
    if (o.append && !o.code)
        return cli_usage(usage, "scan: --append needs --code");
    hs_err err;
    hs_err_clear(&err);
    pl_result res;
    if (pl_file_dossier(home, &o, argv + optind, argc - optind, &res, &err)) {
        cli_err(&err);
        return EXIT_FAIL;
    }
    if (json) {
        json_t *j = json_pack("{s:s, s:s, s:i}", "code", res.code, "archive", res.archive, "pages",
                              res.pages);
        cli_json_print(stdout, j);
        json_decref(j);
    } else {
        printf("%s\n", res.code);
    }
    pl_result_release(&res);
    return EXIT_OK;
}
