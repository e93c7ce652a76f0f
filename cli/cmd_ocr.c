/* cmd_ocr.c - `hoso ocr [--lang L] [--no-clean] [--drop-blank] [--debug-dir DIR] [--timings]
 * FILE...`: the recognised text of every page of every file on stdout, pages separated by
 * a form-feed line. Blank pages are not OCR'd (an empty page, or none with --drop-blank).
 * A born-digital PDF page is not OCR'd either: its own text is printed, as `scan` files it.
 * Nothing is filed. */
#define _GNU_SOURCE
#include <getopt.h>
#include <leptonica/allheaders.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "cli_i18n.h"
#include "cli_help.h"
#include "ocr.h"
#include "scan.h"

/* the synopsis and options are in the help table, cli/cli_help.c */
static const char usage[] = "ocr";

static double clock_s(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

int cmd_ocr(pl_home *home, int argc, char **argv)
{
    (void)home;
    static const struct option opts[] = {
        {"lang", required_argument, NULL, 'l'},
        {"no-clean", no_argument, NULL, 'n'},
        {"drop-blank", no_argument, NULL, 'b'},
        {"debug-dir", required_argument, NULL, 'd'},
        {"timings", no_argument, NULL, 't'},
        {"help", no_argument, NULL, 'h'},
        {0, 0, 0, 0},
    };
    const char *lang = "vie";
    const char *debug_dir = NULL;
    int no_clean = 0, drop_blank = 0, timings = 0, c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "l:h", opts, NULL)) != -1) {
        switch (c) {
        case 'l':
            lang = optarg;
            break;
        case 'n':
            no_clean = 1;
            break;
        case 'b':
            drop_blank = 1;
            break;
        case 'd':
            debug_dir = optarg;
            break;
        case 't':
            timings = 1;
            break;
        case 'h':
            return cli_help_print(stdout, "ocr");
        default:
            return cli_usage(usage, _("ocr: unknown or incomplete option '%s'"), argv[optind - 1]);
        }
    }
    if (optind >= argc)
        return cli_usage(usage, _("ocr: no input files"));
    hs_err err;
    hs_err_clear(&err);
    if (debug_dir && hs_mkdir_p(debug_dir, &err)) {
        cli_err(&err);
        return EXIT_FAIL;
    }
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
            scan_clean_report rep;
            memset(&rep, 0, sizeof rep);
            ocr_result res = {0};
            char name[256];
            snprintf(name, sizeof name, "%s-p%d", hs_path_base(argv[f]), i + 1);
            scan_clean_opts copt = {.debug_dir = debug_dir, .debug_name = name};
            /* processor time as well as wall time: other work on the machine inflates
             * the wall time of the memory-bound cleanup more than that of the OCR */
            double t_ocr = 0, c_ocr = 0, c_clean = 0;
            if (scan_page_kind(src, i) == SCAN_PDF_TEXT) {
                /* born digital: its text as scan and batch keep it (pdf_text_page in
                 * pipeline/pl_file.c), not an OCR of its render */
                char *text = NULL;
                double c0 = clock_s(CLOCK_PROCESS_CPUTIME_ID);
                if (scan_page_text(src, i, &text, &err)) {
                    hs_err_prefix(&err, "'%s': page %d", argv[f], i + 1);
                    cli_err(&err);
                    failed = 1;
                    continue;
                }
                if (printed++)
                    fputs("\f\n", stdout);
                fputs(text ? text : "", stdout);
                fflush(stdout);
                if (timings)
                    fprintf(stderr, "hoso: timings: '%s' page %d: text of the pdf page %.3f s, "
                            "not OCR'd\n", argv[f], i + 1, clock_s(CLOCK_PROCESS_CPUTIME_ID) - c0);
                free(text);
                continue;
            }
            int rc = scan_page_load(src, i, &pix, &info, &err), dpi = info.dpi;
            if (rc == HS_OK) {
                if (no_clean) {
                    clean = pixClone(pix);
                } else {
                    double c0 = clock_s(CLOCK_PROCESS_CPUTIME_ID);
                    rc = scan_page_prepare(pix, &info, &copt, &clean, NULL, &rep, &err);
                    c_clean = clock_s(CLOCK_PROCESS_CPUTIME_ID) - c0;
                    dpi = rep.dpi;
                    if (rc)
                        hs_err_prefix(&err, "'%s': page %d", argv[f], i + 1);
                }
            }
            if (rc == HS_OK && rep.blank && drop_blank) {
                /* nothing printed, not even the page separator */
            } else if (rc == HS_OK && rep.blank) {
                if (printed++)
                    fputs("\f\n", stdout);
            } else if (rc == HS_OK) {
                double t0 = clock_s(CLOCK_MONOTONIC), c0 = clock_s(CLOCK_PROCESS_CPUTIME_ID);
                rc = ocr_engine_page(eng, clean, dpi, &res, &err);
                t_ocr = clock_s(CLOCK_MONOTONIC) - t0;
                c_ocr = clock_s(CLOCK_PROCESS_CPUTIME_ID) - c0;
                if (rc)
                    hs_err_prefix(&err, "'%s': page %d", argv[f], i + 1);
            }
            if (rc) {
                cli_err(&err);
                failed = 1;
            } else if (res.text) {
                if (printed++)
                    fputs("\f\n", stdout);
                fputs(res.text, stdout);
                fflush(stdout);
            }
            if (timings && rc == HS_OK)
                fprintf(stderr,
                        "hoso: timings: '%s' page %d: cleanup %.3f s, ocr %.3f s; cpu: cleanup "
                        "%.3f s, ocr %.3f s; read at %d dpi, glyphs %d px%s\n",
                        argv[f], i + 1, rep.seconds, t_ocr, c_clean, c_ocr, dpi, rep.glyph_height,
                        rep.blank ? " (blank, not OCR'd)" : "");
            ocr_result_release(&res);
            pixDestroy(&clean);
            pixDestroy(&pix);
        }
        scan_source_close(src);
    }
    ocr_engine_free(eng);
    return failed ? EXIT_FAIL : EXIT_OK;
}
