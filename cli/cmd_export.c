/* cmd_export.c - `hoso export CODE (--text | --dir DIR)`: the dossier's OCR text on stdout
 * (pages separated by form-feed lines, as `hoso ocr` prints them), or its bag unpacked. */
#define _GNU_SOURCE
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage[] = "hoso export CODE (--text | --dir DIR)";

static int export_text(arc_reader *r, hs_err *err)
{
    char *json = NULL;
    size_t len = 0;
    int rc = arc_read(r, "data/dossier.json", &json, &len, err);
    if (rc)
        return rc;
    json_error_t je;
    json_t *rec = json_loadb(json, len, 0, &je);
    free(json);
    if (!rec)
        return hs_err_set(err, HS_EFORMAT, 0, "'%s': bad dossier.json: %s", arc_name(r), je.text);
    size_t i;
    json_t *pg;
    json_array_foreach(json_object_get(rec, "pages"), i, pg)
    {
        const char *path = json_string_value(json_object_get(pg, "text"));
        char *text = NULL;
        if (!path) {
            rc = hs_err_set(err, HS_EFORMAT, 0, "'%s': page %zu has no text", arc_name(r), i + 1);
            break;
        }
        if ((rc = arc_read(r, path, &text, &len, err)))
            break;
        if (i)
            fputs("\f\n", stdout);
        fwrite(text, 1, len, stdout);
        free(text);
    }
    json_decref(rec);
    return rc;
}

int cmd_export(hs_home *home, int argc, char **argv)
{
    static const struct option opts[] = {
        {"text", no_argument, NULL, 't'},
        {"dir", required_argument, NULL, 'd'},
        {"help", no_argument, NULL, 'h'},
        {0, 0, 0, 0},
    };
    int text = 0, c;
    const char *dir = NULL;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 't':
            text = 1;
            break;
        case 'd':
            dir = optarg;
            break;
        case 'h':
            printf("usage: %s\n", usage);
            return EXIT_OK;
        default:
            return cli_usage(usage, "export: unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    if (optind != argc - 1)
        return cli_usage(usage, "export: give exactly one dossier code");
    if (text == (dir != NULL))
        return cli_usage(usage, "export: give one of --text or --dir");
    hs_err err;
    hs_err_clear(&err);
    idx_db *db = NULL;
    arc_reader *r = NULL;
    char *rel = NULL, *record = NULL, *abs = NULL;
    int rc = home_index(home, 0, &db, &err);
    if (rc == HS_OK)
        rc = idx_dossier_get(db, argv[optind], &rel, &record, &err);
    idx_db_close(db);
    if (rc == HS_OK && !(abs = home_abs(home, rel)))
        rc = hs_err_set(&err, HS_ENOMEM, 0, "out of memory");
    if (rc == HS_OK)
        rc = arc_open(abs, &r, &err);
    if (rc == HS_OK)
        rc = text ? export_text(r, &err) : (hs_mkdir_p(dir, &err) || arc_extract(r, dir, &err));
    if (rc)
        cli_err(&err);
    else if (dir)
        printf("%s/%s\n", dir, arc_name(r));
    arc_close(r);
    free(abs);
    free(rel);
    free(record);
    return rc ? EXIT_FAIL : EXIT_OK;
}
