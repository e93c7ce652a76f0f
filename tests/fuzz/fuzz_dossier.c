/* fuzz_dossier.c - the dossier.json reader: the input is put in a real bag as
 * data/dossier.json (with two page images and texts, manifests made by arc_bag_write) and
 * the bag is indexed by pl_index_archive, as filing and reindex do, inside a transaction
 * that is rolled back so the index stays small.
 * Input: the dossier.json text; after a NUL byte, the text of page 2 (so the tokenizer
 * sees arbitrary text too). Bag folder and code: FUZZ-0001. */
#include "fuzz_util.h"

#include "pipeline.h"

#define FUZZ_CODE "FUZZ-0001"

static idx_db *db;

static void close_db(void)
{
    idx_db_close(db);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    char path[300];
    snprintf(path, sizeof path, "%s/index.sqlite", fuzz_scratch());
    hs_err err;
    if (idx_db_open(path, 0, &db, &err)) {
        fprintf(stderr, "fuzz_dossier: %s\n", err.msg);
        exit(1);
    }
    atexit(close_db); /* runs before the scratch folder's removal, registered earlier */
    return 0;
}

static char *dup_bytes(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (!d)
        abort();
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

static void add(arc_bag *b, const char *path, const char *s, size_t n)
{
    hs_err err;
    if (arc_bag_add(b, path, dup_bytes(s, n), n, 1, &err)) { /* stored: deflate costs most */
        fprintf(stderr, "fuzz_dossier: %s\n", err.msg);
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
    static const char text1[] = "GIẤY TIẾP NHẬN HỒ SƠ\nMã hồ sơ: FUZZ-0001\n"
                                "Tiếp nhận hồ sơ của: Ông Phạm Minh Tuấn\n";
    const char *nul = memchr(data, 0, len);
    size_t jlen = nul ? (size_t)(nul - (const char *)data) : len;
    const char *text2 = nul ? nul + 1 : "";
    size_t t2len = nul ? len - jlen - 1 : 0;

    char zip[300];
    snprintf(zip, sizeof zip, "%s/" FUZZ_CODE ".zip", fuzz_scratch());
    arc_bag *b = NULL;
    hs_err err;
    if (arc_bag_new(FUZZ_CODE, &b, &err) ||
        arc_bag_info_add(b, "External-Identifier", FUZZ_CODE, &err))
        abort();
    add(b, "images/0001.png", "png", 3);
    add(b, "images/0002.tif", "tif", 3);
    add(b, "text/0001.txt", text1, sizeof text1 - 1);
    add(b, "text/0002.txt", text2, t2len);
    add(b, "dossier.json", (const char *)data, jlen);
    if (arc_bag_write(b, zip, &err)) {
        fprintf(stderr, "fuzz_dossier: %s\n", err.msg);
        abort();
    }
    arc_bag_free(b);

    char *code = NULL;
    if (idx_begin(db, &err))
        abort();
    int rc = pl_index_archive(db, zip, "archive/2026/" FUZZ_CODE ".zip", &code, &err);
    if (rc == HS_OK && (!code || strcmp(code, FUZZ_CODE) != 0))
        abort();
    if (rc != HS_OK && code)
        abort();
    idx_rollback(db);
    free(code);
    return 0;
}
