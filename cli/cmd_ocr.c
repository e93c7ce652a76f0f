/* cmd_ocr.c - `hoso ocr [--lang L] [--no-clean] FILE...`: the recognised text of every
 * page of every file on stdout, pages separated by a form-feed line. Nothing is filed. */
#define _GNU_SOURCE
#include <getopt.h>
#include <leptonica/allheaders.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "ocr.h"
#include "scan.h"

static const char usage[] = "hoso ocr [--lang L] [--no-clean] FILE...";

int cmd_ocr(hs_home *home, int argc, char **argv)
{
    (void)home;
    static const struct option opts[] = {
        {"lang", required_argument, NULL, 'l'},
        {"no-clean", no_argument, NULL, 'n'},
        {"help", no_argument, NULL, 'h'},
        {0, 0, 0, 0},
    };
    const char *lang = "vie";
    int no_clean = 0, c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "l:", opts, NULL)) != -1) {
        switch (c) {
        case 'l':
            lang = optarg;
            break;
        case 'n':
            no_clean = 1;
            break;
        case 'h':
            printf("usage: %s\n", usage);
            return EXIT_OK;
        default:
            return cli_usage(usage, "ocr: unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    if (optind >= argc)
        return cli_usage(usage, "ocr: no input files");
    hs_err err;
    hs_err_clear(&err);
    ocr_engine *eng = NULL;
    if (ocr_engine_new(lang, &eng, &err)) {
        cli_err(&err);
        return EXIT_FAIL;
    }
    int failed = 0, printed = 0;
    for (int f = optind; f < argc; f++) {
        scan_source *src = NULL;
        if (scan_source_open(argv[f], &src, &err)) {
            cli_err(&err);
            failed = 1;
            continue;
        }
        for (int i = 0; i < scan_source_page_count(src); i++) {
            PIX *pix = NULL, *clean = NULL;
            scan_page_info info;
            ocr_result res = {0};
            int rc = scan_page_load(src, i, &pix, &info, &err);
            if (rc == HS_OK) {
                if (no_clean)
                    clean = pixClone(pix);
                else
                    rc = scan_page_clean(pix, &info, &clean, &err);
            }
            if (rc == HS_OK)
                rc = ocr_engine_page(eng, clean, info.dpi, &res, &err);
            if (rc) {
                cli_err(&err);
                failed = 1;
            } else {
                if (printed++)
                    fputs("\f\n", stdout);
                fputs(res.text, stdout);
                fflush(stdout);
            }
            ocr_result_release(&res);
            pixDestroy(&clean);
            pixDestroy(&pix);
        }
        scan_source_close(src);
    }
    ocr_engine_free(eng);
    return failed ? EXIT_FAIL : EXIT_OK;
}
