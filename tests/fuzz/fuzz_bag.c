/* fuzz_bag.c - bag reading: any bytes as a dossier zip given to arc_open, then
 * arc_verify, arc_read of the files hoso reads, arc_manifest_each and arc_extract.
 * Checks the counts they report and that extraction writes nothing outside its folder. */
#include "fuzz_util.h"

#include "archive.h"

static void count_problem(void *ud, const char *msg)
{
    (void)msg;
    (*(int *)ud)++;
}

static int count_line(void *ud, const char *path, const char *sha256)
{
    if (!path || !sha256 || strlen(sha256) != 64)
        abort();
    (*(int *)ud)++;
    return 0;
}

/* Extraction goes six folders down in jail/: a path that climbs out of its folder lands
 * in one of them and is seen, up to seven levels up. */
#define FUZZ_OUT "a/b/c/d/e/f/out"
static char jail[300];
static size_t jail_len;
static int stray;

static int check_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    if (flag != FTW_D && flag != FTW_DP &&
        strncmp(path + jail_len, "/" FUZZ_OUT "/", sizeof FUZZ_OUT + 1) != 0)
        stray = 1;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
    char zip[320], out[320];
    snprintf(zip, sizeof zip, "%s/input", fuzz_scratch());
    snprintf(jail, sizeof jail, "%s/jail", fuzz_scratch());
    jail_len = strlen(jail);
    snprintf(out, sizeof out, "%s/" FUZZ_OUT, jail);
    fuzz_write(zip, data, len);
    arc_reader *r = NULL;
    hs_err err;
    if (arc_open(zip, &r, &err) != HS_OK) {
        if (r)
            abort();
        return 0;
    }
    if (!arc_name(r) || !*arc_name(r))
        abort();
    int problems = 0;
    if (arc_verify(r, count_problem, &problems) != problems)
        abort();
    static const char *const files[] = {"data/dossier.json", "bagit.txt", "bag-info.txt",
                                        "data/text/0001.txt"};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        char *text = NULL;
        size_t n = 0;
        if (arc_read(r, files[i], &text, &n, &err) == HS_OK && (!text || text[n] != '\0'))
            abort();
        free(text);
    }
    int lines = 0;
    arc_manifest_each(r, count_line, &lines, &err);
    /* the folder need not exist: arc_extract makes what it needs */
    arc_extract(r, out, &err);
    arc_close(r);
    stray = 0;
    nftw(jail, check_one, 16, FTW_PHYS);
    if (stray)
        abort(); /* a member was written outside the extraction folder */
    fuzz_rm_tree(jail);
    return 0;
}
