/* idx_users.c - the people who may write through `hoso serve` (reviewers, archivists,
 * admins) and their sign-in sessions, kept in the index beside the catalogue. Passwords are
 * kept as PBKDF2-HMAC-SHA256 digests with a random salt; sessions by the SHA-256 of their
 * id, so that a copy of the index gives no way in. Both tables survive reindex: they are not
 * derived from the archives. */
#define _POSIX_C_SOURCE 200809L
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "index_int.h"

static const char users_sql[] =
    "CREATE TABLE IF NOT EXISTS users("
    "  name TEXT PRIMARY KEY,"
    "  role TEXT NOT NULL,"
    "  hash TEXT NOT NULL," /* pbkdf2-sha256$ITER$SALT$DIGEST, hex */
    "  created TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS sessions("
    "  id_sha256 TEXT PRIMARY KEY,"
    "  user TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,"
    "  csrf TEXT NOT NULL,"
    "  expires INTEGER NOT NULL);"
    "CREATE INDEX IF NOT EXISTS sessions_user ON sessions(user);";

int idx_users_init(idx_db *db, hs_err *err)
{
    int rc = idx_exec(db, users_sql, err);
    return rc ? rc : idx_corrections_init(db, err);
}

static const char *const role_names[] = {NULL, "reviewer", "archivist", "admin"};

int idx_role_parse(const char *name)
{
    for (int i = IDX_ROLE_REVIEWER; name && i <= IDX_ROLE_ADMIN; i++)
        if (strcmp(name, role_names[i]) == 0)
            return i;
    return 0;
}

const char *idx_role_name(int role)
{
    return role >= IDX_ROLE_REVIEWER && role <= IDX_ROLE_ADMIN ? role_names[role] : "none";
}

int idx_user_name_valid(const char *name)
{
    size_t n = name ? strlen(name) : 0;
    if (n == 0 || n > 64 || name[0] == '.' || name[0] == '-')
        return 0;
    for (const char *p = name; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              *p == '.' || *p == '_' || *p == '-'))
            return 0;
    return 1;
}

static void to_hex(const unsigned char *b, size_t n, char *out)
{
    static const char hx[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = hx[b[i] >> 4];
        out[2 * i + 1] = hx[b[i] & 15];
    }
    out[2 * n] = '\0';
}

static int from_hex(const char *s, unsigned char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned v = 0;
        for (int k = 0; k < 2; k++) {
            char c = s[2 * i + k];
            v <<= 4;
            if (c >= '0' && c <= '9')
                v |= (unsigned)(c - '0');
            else if (c >= 'a' && c <= 'f')
                v |= (unsigned)(c - 'a' + 10);
            else
                return -1;
        }
        b[i] = (unsigned char)v;
    }
    return s[2 * n] == '\0' || s[2 * n] == '$' ? 0 : -1;
}

int idx_random_hex(size_t bytes, char *out, hs_err *err)
{
    unsigned char b[64];
    if (bytes > sizeof b || RAND_bytes(b, (int)bytes) != 1)
        return hs_err_set(err, HS_EIO, 0, "index: no random bytes from the system");
    to_hex(b, bytes, out);
    OPENSSL_cleanse(b, sizeof b);
    return HS_OK;
}

static int pbkdf2(const char *password, const unsigned char *salt, int iter,
                  unsigned char out[IDX_HASH_BYTES], hs_err *err)
{
    if (PKCS5_PBKDF2_HMAC(password, (int)strlen(password), salt, IDX_SALT_BYTES, iter,
                          EVP_sha256(), IDX_HASH_BYTES, out) != 1)
        return hs_err_set(err, HS_ENOMEM, 0, "index: cannot derive the password digest");
    return HS_OK;
}

int idx_password_hash(const char *password, int iter, char **out, hs_err *err)
{
    *out = NULL;
    unsigned char salt[IDX_SALT_BYTES], dk[IDX_HASH_BYTES];
    char salt_hex[2 * IDX_SALT_BYTES + 1], dk_hex[2 * IDX_HASH_BYTES + 1];
    if (RAND_bytes(salt, sizeof salt) != 1)
        return hs_err_set(err, HS_EIO, 0, "index: no random bytes from the system");
    int rc = pbkdf2(password, salt, iter, dk, err);
    if (rc)
        return rc;
    to_hex(salt, sizeof salt, salt_hex);
    to_hex(dk, sizeof dk, dk_hex);
    OPENSSL_cleanse(dk, sizeof dk);
    size_t n = strlen(salt_hex) + strlen(dk_hex) + 40;
    if (!(*out = malloc(n)))
        return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    snprintf(*out, n, "pbkdf2-sha256$%d$%s$%s", iter, salt_hex, dk_hex);
    return HS_OK;
}

int idx_password_check(const char *password, const char *stored)
{
    unsigned char salt[IDX_SALT_BYTES], want[IDX_HASH_BYTES], got[IDX_HASH_BYTES];
    const char *p = stored && !strncmp(stored, "pbkdf2-sha256$", 14) ? stored + 14 : NULL;
    char *end = NULL;
    long iter = p ? strtol(p, &end, 10) : 0;
    /* a digest this hoso did not write (or a damaged one) never matches */
    if (!p || iter < 1 || iter > 100000000L || *end != '$' ||
        from_hex(end + 1, salt, sizeof salt) || end[1 + 2 * IDX_SALT_BYTES] != '$' ||
        from_hex(end + 2 + 2 * IDX_SALT_BYTES, want, sizeof want))
        return 0;
    if (pbkdf2(password, salt, (int)iter, got, NULL))
        return 0;
    int same = CRYPTO_memcmp(got, want, sizeof got) == 0;
    OPENSSL_cleanse(got, sizeof got);
    return same;
}

int idx_user_add(idx_db *db, const char *name, int role, const char *password, hs_err *err)
{
    if (!idx_user_name_valid(name))
        return hs_err_set(err, HS_EINVAL, 0,
                          "user: '%s' is not a user name (letters, digits, '.', '_', '-', at "
                          "most 64)",
                          name ? name : "");
    if (!idx_role_parse(idx_role_name(role)))
        return hs_err_set(err, HS_EINVAL, 0, "user: no role %d", role);
    if (!password || strlen(password) < IDX_PASSWORD_MIN || strlen(password) > 1024)
        return hs_err_set(err, HS_EINVAL, 0, "user: a password has %d to 1024 bytes",
                          IDX_PASSWORD_MIN);
    char *hash = NULL, when[32];
    int rc = idx_password_hash(password, IDX_PBKDF2_ITER, &hash, err);
    if (rc)
        return rc;
    hs_time_iso((long long)time(NULL), when);
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->db,
                           "INSERT INTO users(name, role, hash, created) VALUES (?, ?, ?, ?)", -1,
                           &st, NULL)) {
        rc = idx_fail(db, err, "users");
        goto out;
    }
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, idx_role_name(role), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, hash, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, when, -1, SQLITE_STATIC);
    int s = sqlite3_step(st);
    if (s == SQLITE_CONSTRAINT)
        rc = hs_err_set(err, HS_EEXIST, 0, "user: '%s' exists already", name);
    else if (s != SQLITE_DONE)
        rc = idx_fail(db, err, "users");
out:
    sqlite3_finalize(st);
    free(hash);
    return rc;
}

int idx_user_del(idx_db *db, const char *name, hs_err *err)
{
    sqlite3_stmt *st = NULL;
    int rc = HS_OK;
    /* the sessions first: foreign keys may be off on a connection opened elsewhere */
    if (sqlite3_prepare_v2(db->db, "DELETE FROM sessions WHERE user = ?", -1, &st, NULL))
        return idx_fail(db, err, "users");
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = idx_fail(db, err, "users");
    sqlite3_finalize(st);
    if (rc)
        return rc;
    if (sqlite3_prepare_v2(db->db, "DELETE FROM users WHERE name = ?", -1, &st, NULL))
        return idx_fail(db, err, "users");
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = idx_fail(db, err, "users");
    else if (sqlite3_changes(db->db) == 0)
        rc = hs_err_set(err, HS_ENOTFOUND, 0, "user: no user '%s'", name);
    sqlite3_finalize(st);
    return rc;
}

int idx_user_each(idx_db *db, idx_user_fn fn, void *ud, hs_err *err)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->db, "SELECT name, role, created FROM users ORDER BY name", -1,
                           &st, NULL))
        return idx_fail(db, err, "users");
    int rc = HS_OK, s;
    while ((s = sqlite3_step(st)) == SQLITE_ROW)
        if ((rc = fn(ud, (const char *)sqlite3_column_text(st, 0),
                     idx_role_parse((const char *)sqlite3_column_text(st, 1)),
                     (const char *)sqlite3_column_text(st, 2))))
            break;
    if (rc == HS_OK && s != SQLITE_DONE)
        rc = idx_fail(db, err, "users");
    sqlite3_finalize(st);
    return rc;
}

/* A digest that matches no password, checked when the name is unknown so that a wrong name
 * takes as long as a wrong password: the time of an answer does not tell who exists. */
static const char no_user_hash[] =
    "pbkdf2-sha256$600000$00000000000000000000000000000000$"
    "0000000000000000000000000000000000000000000000000000000000000000";

int idx_user_verify(idx_db *db, const char *name, const char *password, int *role, hs_err *err)
{
    *role = 0;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->db, "SELECT role, hash FROM users WHERE name = ?", -1, &st,
                           NULL))
        return idx_fail(db, err, "users");
    sqlite3_bind_text(st, 1, name ? name : "", -1, SQLITE_STATIC);
    int rc = HS_OK, s = sqlite3_step(st), r = 0;
    char *hash = NULL;
    if (s == SQLITE_ROW) {
        r = idx_role_parse((const char *)sqlite3_column_text(st, 0));
        const char *h = (const char *)sqlite3_column_text(st, 1);
        if (!(hash = strdup(h ? h : "")))
            rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    } else if (s != SQLITE_DONE) {
        rc = idx_fail(db, err, "users");
    }
    /* the statement is done before the slow part: no read lock held while hashing */
    sqlite3_finalize(st);
    if (rc == HS_OK && idx_password_check(password ? password : "", hash ? hash : no_user_hash) &&
        hash)
        *role = r;
    free(hash);
    return rc;
}

int idx_session_new(idx_db *db, const char *user, int seconds, char id[IDX_TOKEN_HEX],
                    char csrf[IDX_TOKEN_HEX], hs_err *err)
{
    char sha[HS_SHA256_HEX];
    int rc;
    if ((rc = idx_random_hex(IDX_TOKEN_BYTES, id, err)) ||
        (rc = idx_random_hex(IDX_TOKEN_BYTES, csrf, err)) ||
        (rc = hs_sha256_hex(id, strlen(id), sha, err)))
        return rc;
    long long now = (long long)time(NULL);
    sqlite3_stmt *st = NULL;
    /* sessions past their time are of no use to anyone: cleared as new ones come */
    if (sqlite3_prepare_v2(db->db, "DELETE FROM sessions WHERE expires <= ?", -1, &st, NULL))
        return idx_fail(db, err, "sessions");
    sqlite3_bind_int64(st, 1, now);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = idx_fail(db, err, "sessions");
    sqlite3_finalize(st);
    if (rc)
        return rc;
    if (sqlite3_prepare_v2(db->db,
                           "INSERT INTO sessions(id_sha256, user, csrf, expires) VALUES (?, ?, "
                           "?, ?)",
                           -1, &st, NULL))
        return idx_fail(db, err, "sessions");
    sqlite3_bind_text(st, 1, sha, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, user, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, csrf, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, now + seconds);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = idx_fail(db, err, "sessions");
    sqlite3_finalize(st);
    return rc;
}

int idx_session_get(idx_db *db, const char *id, idx_session *s, hs_err *err)
{
    memset(s, 0, sizeof *s);
    char sha[HS_SHA256_HEX];
    if (!id || strlen(id) != IDX_TOKEN_HEX - 1 || hs_sha256_hex(id, strlen(id), sha, NULL))
        return hs_err_set(err, HS_ENOTFOUND, 0, "no such session");
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->db,
                           "SELECT s.user, u.role, s.csrf, s.expires FROM sessions s JOIN users u "
                           "ON u.name = s.user WHERE s.id_sha256 = ? AND s.expires > ?",
                           -1, &st, NULL))
        return idx_fail(db, err, "sessions");
    sqlite3_bind_text(st, 1, sha, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, (long long)time(NULL));
    int rc = HS_OK, r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
        snprintf(s->user, sizeof s->user, "%s", (const char *)sqlite3_column_text(st, 0));
        s->role = idx_role_parse((const char *)sqlite3_column_text(st, 1));
        snprintf(s->csrf, sizeof s->csrf, "%s", (const char *)sqlite3_column_text(st, 2));
        s->expires = sqlite3_column_int64(st, 3);
    } else if (r == SQLITE_DONE) {
        rc = hs_err_set(err, HS_ENOTFOUND, 0, "no such session");
    } else {
        rc = idx_fail(db, err, "sessions");
    }
    sqlite3_finalize(st);
    return rc;
}

int idx_session_del(idx_db *db, const char *id, hs_err *err)
{
    char sha[HS_SHA256_HEX];
    if (!id || hs_sha256_hex(id, strlen(id), sha, NULL))
        return HS_OK;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->db, "DELETE FROM sessions WHERE id_sha256 = ?", -1, &st, NULL))
        return idx_fail(db, err, "sessions");
    sqlite3_bind_text(st, 1, sha, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st) == SQLITE_DONE ? HS_OK : idx_fail(db, err, "sessions");
    sqlite3_finalize(st);
    return rc;
}

int idx_csrf_ok(const idx_session *s, const char *given)
{
    size_t n = strlen(s->csrf);
    return given && n == IDX_TOKEN_HEX - 1 && strlen(given) == n &&
           CRYPTO_memcmp(s->csrf, given, n) == 0;
}
