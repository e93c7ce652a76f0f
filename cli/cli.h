/* cli.h - what the hoso subcommands share: which home, messages, output helpers. The
 * pipeline itself is in pipeline/ (pipeline.h). Only cli/ prints or exits. */
#ifndef HS_CLI_H
#define HS_CLI_H

#include <jansson.h>
#include <stdio.h>

#include "archive.h"
#include "hs_common.h"
#include "index.h"
#include "pipeline.h"

/* Exit codes. */
enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

/* The home chosen by --home, else $HOSO_HOME, else ./hoso-data (pl_home_open). */
extern const char *cli_home_arg;
int cli_home_open(pl_home *h, int create, hs_err *err);
/* A pl_warn_fn printing "hoso: <ud><msg>" on stderr (ud: a const char * prefix or NULL). */
void cli_warn(void *ud, const char *msg);
/* One-line messages on stderr: "hoso: <msg>". */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void cli_err(const hs_err *err);
/* Usage error: prints the message and the command's usage, returns EXIT_USAGE. usage is
 * the synopsis, or a command's bare name to print the synopsis of the help table. */
int cli_usage(const char *usage, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Parses a positive int option; returns 0 on success. */
int cli_parse_int(const char *s, int min, int max, int *out);
/* Prints a JSON value followed by a newline, keeping UTF-8 as is. */
void cli_json_print(FILE *f, json_t *v);
/* The same text as cli_json_print, without the newline (malloc'd; NULL: out of memory). */
char *cli_json_text(json_t *v);
/* The document `hoso search --json` prints for the results r of q (cli_json.c); NULL when
 * memory runs out. Shared with `hoso serve` so both give the same bytes. */
json_t *search_json(const idx_query *q, const idx_results *r);

/* Prints what `hoso scan` prints for a filed dossier: its code, or with json
 * {"code", "archive", "pages"}. */
void cli_result_print(const pl_result *r, int json);

/* What `scan --split` prints of a plan (cmd_scan.c): with json the plan's document (each
 * filed dossier's code and archive, or its error); else, planned (dry_run), a line per
 * dossier and per page left out; filed, the codes, and the pages left out on stderr. A
 * dossier not filed is one line on stderr either way. */
void cli_split_print(const pl_plan *plan, int json, int dry_run);

/* Subcommands. */
int cmd_ocr(pl_home *home, int argc, char **argv);
int cmd_scan(pl_home *home, int argc, char **argv);
int cmd_search(pl_home *home, int argc, char **argv);
int cmd_show(pl_home *home, int argc, char **argv);
int cmd_export(pl_home *home, int argc, char **argv);
int cmd_verify(pl_home *home, int argc, char **argv);
int cmd_reindex(pl_home *home, int argc, char **argv);
int cmd_batch(pl_home *home, int argc, char **argv);
int cmd_merge(pl_home *home, int argc, char **argv);
int cmd_devices(pl_home *home, int argc, char **argv);
int cmd_pending(pl_home *home, int argc, char **argv);
int cmd_serve(pl_home *home, int argc, char **argv);
int cmd_user(pl_home *home, int argc, char **argv);
int cmd_sheet(pl_home *home, int argc, char **argv);
int cmd_dupes(pl_home *home, int argc, char **argv);
int cmd_doctor(pl_home *home, int argc, char **argv);
/* the dossier's life (cmd_status.c) */
int cmd_status(pl_home *home, int argc, char **argv);
int cmd_return(pl_home *home, int argc, char **argv);
int cmd_due(pl_home *home, int argc, char **argv);
int cmd_stats(pl_home *home, int argc, char **argv);
/* `hoso stats` pieces shared with `hoso serve` (cmd_status.c): a period bound (YYYY-MM-DD
 * or YYYY-MM; end: the first minute after it) 0 or -1; a --by name (IDX_BY_*, -1); the
 * document `hoso stats --json` prints (NULL: out of memory). */
int stats_period_parse(const char *s, int end, long long *t);
int stats_by_parse(const char *s);
/* The open dossiers past their deadline at now, longest overdue first (at most limit, 0:
 * all), as `hoso status --overdue --json` prints them; NULL with err set on failure. */
json_t *overdue_json(idx_db *db, long long now, int limit, hs_err *err);
json_t *stats_json(const idx_stats *s, long long from, long long to, int by);

/* hoso scan --device: acquisition through SANE (cmd_device.c). */
/* scan --device: the session of pipeline/pl_session.c, printed; timings: where the time
 * went, after filing (stderr). */
int scan_from_device(pl_home *home, const pl_options *o, const pl_scan_request *req, int timings,
                     int json);

/* 1 if the KEY of a --field "KEY=VALUE" is none of the extracted fields' keys; msg gets
 * the one-line error naming them. */
int cli_field_unknown(const char *kv, char *msg, size_t cap);

#endif
