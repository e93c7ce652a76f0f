/* index_int.h - what the index module's files share: the connection and helpers. */
#ifndef HS_INDEX_INT_H
#define HS_INDEX_INT_H

#include <sqlite3.h>

#include "index.h"

/* The one place the text tokenizer is chosen. Changing it makes existing indexes ask for
 * 'hoso reindex'. */
#define IDX_TOKENIZER "unicode61 remove_diacritics 0"

struct idx_db {
    sqlite3 *db;
};

int idx_fail(idx_db *db, hs_err *err, const char *what);
int idx_exec(idx_db *db, const char *sql, hs_err *err);
/* Registers custom tokenizers on a new connection (none yet). */
int idx_register(idx_db *db, hs_err *err);

#endif
