/* cli_util.c - what the subcommands share: which data home, messages, small parsers. */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "cli_i18n.h"
#include "cli_help.h"
#include "fields.h"

const char *cli_home_arg;

int cli_home_open(pl_home *h, int create, hs_err *err)
{
    const char *dir = cli_home_arg;
    if (!dir)
        dir = getenv("HOSO_HOME");
    if (!dir)
        dir = "hoso-data";
    return pl_home_open(h, dir, create, err);
}

void cli_warn(void *ud, const char *msg)
{
    cli_error("%s%s", ud ? (const char *)ud : "", msg);
}

void cli_error(const char *fmt, ...)
{
    /* names in messages come from paths and archives: escaped, so one line stays one */
    char raw[2048], msg[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(raw, sizeof raw, fmt, ap);
    va_end(ap);
    hs_str_escape(msg, sizeof msg, raw);
    fprintf(stderr, "hoso: %s\n", msg);
}

void cli_err(const hs_err *err)
{
    cli_error("%s", err->msg[0] ? err->msg : _("unknown error"));
}

int cli_usage(const char *usage, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("hoso: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    /* a bare command name: its synopsis from the help table, written once */
    if (!strchr(usage, ' '))
        cli_help_usage(stderr, usage);
    else
        fprintf(stderr, "%s %s\n", _("usage:"), usage);
    return EXIT_USAGE;
}

int cli_parse_int(const char *s, int min, int max, int *out)
{
    char *end = NULL;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || !*s || *end || v < min || v > max)
        return -1;
    *out = (int)v;
    return 0;
}

void cli_json_print(FILE *f, json_t *v)
{
    json_dumpf(v, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
    fputc('\n', f);
}

int cli_field_unknown(const char *kv, char *msg, size_t cap)
{
    const char *eq = strchr(kv, '=');
    if (!eq)
        return 0; /* "KEY=VALUE" is checked where the filter is used */
    size_t n = (size_t)(eq - kv);
    for (size_t i = 0; fields_key(i); i++)
        if (strlen(fields_key(i)) == n && !strncmp(fields_key(i), kv, n))
            return 0;
    int len = snprintf(msg, cap, _("search: no field '%.*s'; fields are"), (int)(n > 64 ? 64 : n),
                       kv);
    for (size_t i = 0; fields_key(i) && len > 0 && (size_t)len < cap; i++)
        len += snprintf(msg + len, cap - (size_t)len, "%s %s", i ? "," : "", fields_key(i));
    return 1;
}

void cli_result_print(const pl_result *r, int json)
{
    if (json) {
        json_t *j = json_pack("{s:s, s:s, s:i}", "code", r->code, "archive", r->archive, "pages",
                              r->pages);
        if (j && r->duplicates)
            json_object_set(j, "duplicates", r->duplicates);
        cli_json_print(stdout, j);
        json_decref(j);
    } else {
        printf("%s\n", r->code);
    }
}
