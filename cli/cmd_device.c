/* cmd_device.c - scanning at the counter: `hoso devices`, `hoso scan --device NAME ...`
 * and `hoso pending`, the commands around the scanner session of pipeline/pl_session.c
 * (pending pages, the recogniser thread, filing): here are the output and exit codes. */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_help.h"
#include "cli_i18n.h"
#include "scan.h"

int cmd_devices(pl_home *home, int argc, char **argv)
{
    (void)home;
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return cli_help_print(stdout, "devices");
    int json = argc > 1 && strcmp(argv[1], "--json") == 0;
    if (argc > 1 + json)
        return cli_usage("devices", "devices: unknown argument '%s'", argv[1 + json]);
    hs_err err;
    hs_err_clear(&err);
    scan_device_info *v = NULL;
    int n = 0;
    if (scan_devices_list(&v, &n, &err)) {
        cli_err(&err);
        return EXIT_FAIL;
    }
    json_t *a = json_array();
    for (int i = 0; i < n; i++) {
        if (json)
            json_array_append_new(a,
                                  json_pack("{s:s, s:s, s:s, s:s}", "name", v[i].name, "vendor",
                                            v[i].vendor, "model", v[i].model, "type", v[i].type));
        else
            printf("%-24s %s %s (%s)\n", v[i].name, v[i].vendor, v[i].model, v[i].type);
    }
    if (json)
        cli_json_print(stdout, a);
    else if (!n)
        printf("%s\n", _("no scanners found"));
    json_decref(a);
    free(v);
    scan_sane_exit();
    return EXIT_OK;
}

static void page_scanned(void *ud, int page)
{
    if (!*(const int *)ud)
        fprintf(stderr, _("hoso: scan: page %d scanned\n"), page);
}

int scan_from_device(pl_home *home, const pl_options *o, const pl_scan_request *req, int timings,
                     int json)
{
    pl_scan_outcome out;
    hs_err err;
    hs_err_clear(&err);
    pl_options opt = *o;
    opt.warn = cli_warn;
    opt.warn_ud = (void *)"scan: ";
    int rc = pl_scan_device(home, &opt, req, page_scanned, &json, &out, &err);
    if (out.plan)
        cli_split_print(out.plan, json, 0);
    if (rc) {
        int bad_request = out.usage;
        cli_error(_("scan: %s"), err.msg);
        pl_scan_outcome_release(&out);
        return bad_request ? EXIT_USAGE : EXIT_FAIL;
    }
    if (timings)
        fprintf(stderr,
                "hoso: scan: timings: %d page%s; recognition (decoding, cleanup, OCR) %.3f s; "
                "last page read -> recognised %.3f s -> filed and searchable %.3f s; last page "
                "read -> searchable %.3f s\n",
                out.pages, out.pages == 1 ? "" : "s", out.busy, out.read_to_recognised,
                out.recognised_to_filed, out.read_to_recognised + out.recognised_to_filed);
    if (!out.plan)
        cli_result_print(&out.res, json);
    pl_scan_outcome_release(&out);
    return EXIT_OK;
}

int cmd_pending(pl_home *home, int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return cli_help_print(stdout, "pending");
    int json = argc > 1 && strcmp(argv[1], "--json") == 0;
    if (argc > 1 + json)
        return cli_usage("pending", "pending: unknown argument '%s'", argv[1 + json]);
    hs_err err;
    pl_pending *v = NULL;
    int n = 0;
    if (pl_pending_list(home, &v, &n, &err)) {
        cli_err(&err);
        return EXIT_FAIL;
    }
    json_t *a = json_array();
    for (int i = 0; i < n; i++) {
        const pl_pending *p = &v[i];
        if (json)
            json_array_append_new(a, json_pack("{s:s, s:i, s:s?, s:b, s:s}", "device", p->device,
                                               "pages", p->pages, "code", p->code, "append",
                                               p->append, "folder", p->folder));
        else
            printf(ngettext("%-24s %3d page   %s%s%s\n", "%-24s %3d pages  %s%s%s\n",
                            (unsigned long)p->pages),
                   p->device, p->pages, p->code ? _("code ") : "", p->code ? p->code : "",
                   p->append ? _(" (append)") : "");
    }
    if (json)
        cli_json_print(stdout, a);
    else if (!n)
        printf("%s\n", _("nothing pending"));
    json_decref(a);
    pl_pending_free(v, n);
    return EXIT_OK;
}
