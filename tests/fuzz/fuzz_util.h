/* fuzz_util.h - what the libFuzzer targets share: a scratch folder of their own (made
 * once, removed at exit), writing an input to a file in it, removing a tree. The APIs
 * under test take paths, so inputs go through files; the folder is per process so
 * parallel or forked fuzzers never share one. Header-only: each target is one file. */
#ifndef HS_FUZZ_UTIL_H
#define HS_FUZZ_UTIL_H

#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char fuzz_dir[256];

static int fuzz_rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    remove(path);
    return 0;
}

/* Removes path and everything under it (not following symbolic links). */
static inline void fuzz_rm_tree(const char *path)
{
    nftw(path, fuzz_rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static void fuzz_dir_remove(void)
{
    if (fuzz_dir[0])
        fuzz_rm_tree(fuzz_dir);
}

/* The process's scratch folder, made on first call under $TMPDIR (else /tmp). A fuzzer
 * cannot run without it, so failing to make it ends the process. */
static inline const char *fuzz_scratch(void)
{
    if (fuzz_dir[0])
        return fuzz_dir;
    const char *tmp = getenv("TMPDIR");
    snprintf(fuzz_dir, sizeof fuzz_dir, "%s/hoso-fuzz-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(fuzz_dir)) {
        perror("fuzz: cannot make a scratch folder");
        exit(1);
    }
    atexit(fuzz_dir_remove);
    return fuzz_dir;
}

/* Writes data to path; ends the process when it cannot (a full disk is not a finding). */
static inline void fuzz_write(const char *path, const uint8_t *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f || (len && fwrite(data, 1, len, f) != len) || fclose(f) != 0) {
        perror(path);
        exit(1);
    }
}

/* A NUL-terminated copy of the input (malloc'd). */
static inline char *fuzz_str(const uint8_t *data, size_t len)
{
    char *s = malloc(len + 1);
    if (!s)
        abort();
    memcpy(s, data, len);
    s[len] = '\0';
    return s;
}

#endif
