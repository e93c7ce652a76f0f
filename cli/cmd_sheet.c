/* cmd_sheet.c - `hoso sheet [--separator] -o FILE [CODE...]`: prints the cover sheets of
 * dossiers (their code as a QR code and in large type) and a separator sheet, to put
 * between dossiers in a stack before it is scanned with --split. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cli_i18n.h"

static const char usage[] = "hoso sheet [--separator] -o FILE.pdf [CODE...]";

int cmd_sheet(pl_home *home, int argc, char **argv)
{
    (void)home;
    static const struct option opts[] = {
        {"output", required_argument, NULL, 'o'},
        {"separator", no_argument, NULL, 's'},
        {"help", no_argument, NULL, 'h'},
        {0, 0, 0, 0},
    };
    const char *out = NULL;
    int separator = 0, c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
        switch (c) {
        case 'o':
            out = optarg;
            break;
        case 's':
            separator = 1;
            break;
        case 'h':
            printf("%s %s\n", _("usage:"), usage);
            return EXIT_OK;
        default:
            return cli_usage(usage, _("sheet: unknown or incomplete option '%s'"),
                             argv[optind - 1]);
        }
    }
    if (!out || !*out)
        return cli_usage(usage, _("sheet: name the PDF to write with -o FILE"));
    int n = argc - optind;
    if (n == 0)
        separator = 1; /* no code: a separator sheet is what is wanted */
    for (int i = optind; i < argc; i++)
        if (!pl_code_valid(argv[i]))
            return cli_usage(usage, _("sheet: bad dossier code '%s'"), argv[i]);
    hs_err err;
    hs_err_clear(&err);
    char *pdf = NULL;
    size_t len = 0;
    if (pl_sheets_pdf((const char *const *)argv + optind, n, separator, &pdf, &len, &err)) {
        cli_err(&err);
        return EXIT_FAIL;
    }
    /* never over an existing file, never through a link */
    int fd = open(out, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    int rc = EXIT_OK;
    if (fd < 0) {
        cli_error(_("sheet: cannot create '%s': %s"), out,
                  errno == EEXIST ? _("it already exists") : strerror(errno));
        rc = EXIT_FAIL;
    } else {
        size_t done = 0;
        while (done < len) {
            ssize_t w = write(fd, pdf + done, len - done);
            if (w < 0 && errno == EINTR)
                continue;
            if (w <= 0)
                break;
            done += (size_t)w;
        }
        if (done < len || close(fd) != 0) {
            cli_error(_("sheet: cannot write '%s': %s"), out, strerror(errno));
            unlink(out);
            rc = EXIT_FAIL;
        }
    }
    if (rc == EXIT_OK) {
        printf(ngettext("%s: %d cover sheet", "%s: %d cover sheets", (unsigned long)n), out, n);
        printf("%s\n", separator ? _(" and a separator sheet") : "");
    }
    free(pdf);
    return rc;
}
