/* index_int.h - what the index module's files share: the connection and helpers. */
#ifndef HS_INDEX_INT_H
#define HS_INDEX_INT_H

#include <sqlite3.h>

#include "index.h"

/* The one place the text tokenizer is chosen (see idx_tokenizer.c). The version is
 * recorded in the index: change it whenever tokens change, and existing indexes ask for
 * 'hoso reindex' instead of giving wrong results. */
#define IDX_TOKENIZER "hoso_vi"
#define IDX_TOKENIZER_VERSION "hoso_vi/1"

struct idx_db {
    sqlite3 *db;
};

int idx_fail(idx_db *db, hs_err *err, const char *what);
int idx_exec(idx_db *db, const char *sql, hs_err *err);
/* Registers the hoso_vi tokenizer on a new connection. */
int idx_register(idx_db *db, hs_err *err);

#endif
