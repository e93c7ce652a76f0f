/* test_users.c - the review station's index tables: password digests, users, sessions and
 * corrections with their version check, against a real SQLite file. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "index.h"
#include "testhelp.h"

#define KNOWN_DK "1fefe125ab13dd2c06db86711ec448e9490e6c73024d7d8d659126c6f9fadd68"

/* A fresh index in a temporary folder; *dir to remove after. */
static int open_tmp(char dir[64], idx_db **db)
{
    snprintf(dir, 64, "/tmp/hs-users-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    char path[128];
    snprintf(path, sizeof path, "%s/index.sqlite", dir);
    return idx_db_open(path, 0, db, NULL);
}

static void close_tmp(const char *dir, idx_db *db)
{
    idx_db_close(db);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd)) {
        /* a leftover temporary folder is no test failure */
    }
}

static int test_hashing(void)
{
    char *a = NULL, *b = NULL;
    T_OK(idx_password_hash("correct horse", 1000, &a, NULL));
    T_OK(idx_password_hash("correct horse", 1000, &b, NULL));
    T_ASSERT(!strncmp(a, "pbkdf2-sha256$1000$", 19));
    /* 16-byte salt, 32-byte digest, as hex */
    T_ASSERT(strlen(a) == 19 + 32 + 1 + 64);
    T_ASSERT(strcmp(a, b) != 0); /* salted: the same password gives another digest */
    T_ASSERT(idx_password_check("correct horse", a));
    T_ASSERT(idx_password_check("correct horse", b));
    T_ASSERT(!idx_password_check("correct horsE", a));
    T_ASSERT(!idx_password_check("", a));
    /* damaged or foreign digests never match */
    T_ASSERT(!idx_password_check("correct horse", "plain"));
    T_ASSERT(!idx_password_check("correct horse", NULL));
    a[strlen(a) - 1] ^= 1;
    T_ASSERT(!idx_password_check("correct horse", a));
    a[25] = 'z';
    T_ASSERT(!idx_password_check("correct horse", a));
    free(a);
    free(b);
    /* a known answer: PBKDF2-HMAC-SHA256 of "password", salt of 16 zero bytes, 1 iteration
     * (Python's hashlib.pbkdf2_hmac gives the same) */
    T_ASSERT(idx_password_check("password", "pbkdf2-sha256$1$00000000000000000000000000000000$"
                                            KNOWN_DK));
    T_ASSERT(IDX_PBKDF2_ITER >= 600000 && IDX_SALT_BYTES == 16);
    return 0;
}

static int test_users(void)
{
    char dir[64];
    idx_db *db = NULL;
    hs_err err;
    hs_err_clear(&err);
    T_OK(open_tmp(dir, &db));
    T_OK(idx_user_add(db, "lan", IDX_ROLE_REVIEWER, "mat-khau-1", &err));
    T_ASSERT(idx_user_add(db, "lan", IDX_ROLE_ADMIN, "mat-khau-2", &err) == HS_EEXIST);
    T_CONTAINS(err.msg, "exists");
    T_ASSERT(idx_user_add(db, "bad name", IDX_ROLE_ADMIN, "mat-khau-2", &err) == HS_EINVAL);
    T_ASSERT(idx_user_add(db, "-x", IDX_ROLE_ADMIN, "mat-khau-2", &err) == HS_EINVAL);
    T_ASSERT(idx_user_add(db, "short", IDX_ROLE_ADMIN, "1234567", &err) == HS_EINVAL);
    T_ASSERT(idx_user_add(db, "norole", 9, "mat-khau-2", &err) == HS_EINVAL);
    int role = -1;
    T_OK(idx_user_verify(db, "lan", "mat-khau-1", &role, &err));
    T_ASSERT(role == IDX_ROLE_REVIEWER);
    T_OK(idx_user_verify(db, "lan", "mat-khau-2", &role, &err));
    T_ASSERT(role == 0);
    T_OK(idx_user_verify(db, "nobody", "mat-khau-1", &role, &err));
    T_ASSERT(role == 0);
    T_ASSERT(idx_role_parse("archivist") == IDX_ROLE_ARCHIVIST);
    T_ASSERT(idx_role_parse("root") == 0);
    T_STREQ(idx_role_name(IDX_ROLE_ADMIN), "admin");
    T_OK(idx_user_del(db, "lan", &err));
    T_ASSERT(idx_user_del(db, "lan", &err) == HS_ENOTFOUND);
    T_OK(idx_user_verify(db, "lan", "mat-khau-1", &role, &err));
    T_ASSERT(role == 0);
    close_tmp(dir, db);
    return 0;
}

static int test_sessions(void)
{
    char dir[64], id[IDX_TOKEN_HEX], csrf[IDX_TOKEN_HEX], id2[IDX_TOKEN_HEX],
        csrf2[IDX_TOKEN_HEX];
    idx_db *db = NULL;
    hs_err err;
    hs_err_clear(&err);
    T_OK(open_tmp(dir, &db));
    T_OK(idx_user_add(db, "minh", IDX_ROLE_ARCHIVIST, "mat-khau-1", &err));
    T_OK(idx_session_new(db, "minh", 3600, id, csrf, &err));
    T_OK(idx_session_new(db, "minh", 3600, id2, csrf2, &err));
    T_ASSERT(strlen(id) == 64 && strlen(csrf) == 64);
    T_ASSERT(strcmp(id, id2) != 0 && strcmp(csrf, csrf2) != 0 && strcmp(id, csrf) != 0);
    idx_session s;
    T_OK(idx_session_get(db, id, &s, &err));
    T_STREQ(s.user, "minh");
    T_ASSERT(s.role == IDX_ROLE_ARCHIVIST);
    T_ASSERT(idx_csrf_ok(&s, csrf));
    T_ASSERT(!idx_csrf_ok(&s, csrf2));
    T_ASSERT(!idx_csrf_ok(&s, NULL));
    T_ASSERT(!idx_csrf_ok(&s, ""));
    /* an id is one of ours or nothing: another, a prefix, the CSRF token */
    T_ASSERT(idx_session_get(db, csrf, &s, &err) == HS_ENOTFOUND);
    char cut[IDX_TOKEN_HEX];
    snprintf(cut, sizeof cut, "%.63s", id);
    T_ASSERT(idx_session_get(db, cut, &s, &err) == HS_ENOTFOUND);
    T_ASSERT(idx_session_get(db, NULL, &s, &err) == HS_ENOTFOUND);
    /* signed out: that session only */
    T_OK(idx_session_del(db, id, &err));
    T_ASSERT(idx_session_get(db, id, &s, &err) == HS_ENOTFOUND);
    T_OK(idx_session_get(db, id2, &s, &err));
    /* expired */
    T_OK(idx_session_new(db, "minh", -1, id, csrf, &err));
    T_ASSERT(idx_session_get(db, id, &s, &err) == HS_ENOTFOUND);
    /* a user removed: their sessions end */
    T_OK(idx_user_del(db, "minh", &err));
    T_ASSERT(idx_session_get(db, id2, &s, &err) == HS_ENOTFOUND);
    close_tmp(dir, db);
    return 0;
}

static int count_each(void *ud, const idx_correction *c)
{
    (*(int *)ud)++;
    return c->field ? HS_OK : HS_EINVAL;
}

static int test_corrections(void)
{
    char dir[64];
    idx_db *db = NULL;
    hs_err err;
    hs_err_clear(&err);
    T_OK(open_tmp(dir, &db));
    idx_correction c = {.field = "applicant", .page = 1, .old_value = "Pham Minh Tuan",
                        .new_value = "Phạm Minh Tuấn", .user = "lan",
                        .time = "2026-01-01T00:00:00Z"};
    int n = -1;
    T_OK(idx_correction_count(db, "X-1", &n, &err));
    T_ASSERT(n == 0);
    T_OK(idx_begin(db, &err));
    T_OK(idx_correction_add(db, "X-1", &c, 0, &err));
    T_OK(idx_commit(db, &err));
    /* a second reviewer who loaded version 0 is refused, and nothing is added */
    T_OK(idx_begin(db, &err));
    T_ASSERT(idx_correction_add(db, "X-1", &c, 0, &err) == HS_EEXIST);
    idx_rollback(db);
    T_CONTAINS(err.msg, "version 1");
    T_OK(idx_correction_count(db, "X-1", &n, &err));
    T_ASSERT(n == 1);
    T_OK(idx_correction_add(db, "X-1", &c, 1, &err));
    n = 0;
    T_OK(idx_correction_each(db, "X-1", count_each, &n, &err));
    T_ASSERT(n == 2);
    /* the corrected rows are kept for a dossier not (yet) in the catalogue too */
    const char *vals[] = {"Phạm Minh Tuấn"};
    T_OK(idx_fields_set(db, "X-1", "applicant", vals, 1, &err));
    T_OK(idx_review_restore(db, &err));
    close_tmp(dir, db);
    return 0;
}

static const t_case cases[] = {
    {"hashing", test_hashing},
    {"users", test_users},
    {"sessions", test_sessions},
    {"corrections", test_corrections},
};

T_MAIN(cases)
