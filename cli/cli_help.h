/* cli_help.h - the help text of every command in one table (cli_help.c): what `hoso help
 * CMD`, `hoso CMD --help`, usage errors and the man pages (`hoso help --man CMD`) print. */
#ifndef HS_CLI_HELP_H
#define HS_CLI_HELP_H

#include <stdio.h>

typedef struct cli_help_opt {
    const char *flags; /* "-j, --jobs N" */
    const char *text;  /* one line */
} cli_help_opt;

typedef struct cli_help_example {
    const char *cmd;  /* a shell line */
    const char *text; /* what it does */
} cli_help_example;

typedef struct cli_help {
    const char *name;
    const char *summary;              /* one line, lower case, no final period */
    const char *synopsis;             /* lines starting "hoso ...", separated by '\n' */
    const cli_help_opt *opts;         /* ends with {NULL, NULL} */
    const char *description;          /* paragraphs separated by "\n\n" (man page only) */
    const cli_help_example *examples; /* ends with {NULL, NULL} */
} cli_help;

/* The entry of a command, or NULL. */
const cli_help *cli_help_find(const char *name);
/* The i-th entry of the table, NULL past its end. */
const cli_help *cli_help_at(size_t i);
/* Prints "usage: SYNOPSIS", the summary and one line per option; EXIT_OK, or EXIT_USAGE
 * (with a message on stderr) when the table has no such command. */
int cli_help_print(FILE *f, const char *name);
/* Prints "usage: SYNOPSIS" of the command (its name when the table lacks it). */
void cli_help_usage(FILE *f, const char *name);
/* Writes the roff man page of the command, or of hoso(1) when name is NULL, which lists
 * those of commands (NULL-terminated names: the commands hoso has) the table describes;
 * EXIT_OK, or EXIT_USAGE when the table has no such command. */
int cli_help_man(FILE *f, const char *name, const char *const *commands);

#endif
