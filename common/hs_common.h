/* hs_common.h - shared foundation of every hoso module: the error record, a growable
 * byte buffer, UTF-8 normalisation (NFC via utf8proc), SHA-256 (libcrypto) and small
 * file-system helpers. Nothing here prints or exits; callers decide what to do. */
#ifndef HS_COMMON_H
#define HS_COMMON_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define HS_VERSION "0.1.0"

/* Error codes: 0 is success, every failure is negative. */
enum {
    HS_OK = 0,
    HS_EINVAL = -1,  /* bad argument or bad input data */
    HS_EIO = -2,     /* file or device I/O */
    HS_ENOMEM = -3,  /* allocation failed */
    HS_EFORMAT = -4, /* unsupported or corrupt file format */
    HS_EEXIST = -5,  /* already exists (e.g. a dossier code) */
    HS_ENOTFOUND = -6,
    HS_EDB = -7,     /* index database */
    HS_EOCR = -8,    /* OCR engine */
    HS_EFIXITY = -9, /* checksum or consistency mismatch */
    HS_ELIMIT = -10  /* input exceeds a safety limit */
};

/* One error, said once where it is detected: a code, an errno (0 if none) and a
 * one-line lower-case message naming the file or code and the cause. */
typedef struct hs_err {
    int code;
    int sys_errno;
    char msg[512];
} hs_err;

/* Messages people read are English in the sources and translated from the "hoso"
 * catalogue (po/LANG.po) in the language of LC_MESSAGES, once cli/ has bound it (main.c);
 * unbound, or with no translation, a message stays as written. hs_tr(msgid) is the
 * translation (msgid itself for ""); N_("text") marks a message translated where it is
 * used. hs_err_set and hs_err_prefix translate their format before formatting, so a
 * library passes its English format as is: po/xgettext.sh extracts them (and hs_tr's). */
#define HS_TEXTDOMAIN "hoso"
const char *hs_tr(const char *msgid) __attribute__((format_arg(1)));
#ifndef N_
#define N_(s) s
#endif

void hs_err_clear(hs_err *err);
/* Sets *err (if err is not NULL) and returns code, so callers can `return hs_err_set(...)`.
 * fmt is translated first (hs_tr). When sys_errno is not 0, ": strerror(sys_errno)" is
 * appended. Control characters and bytes that are not UTF-8 in the message are written as
 * \xNN (hs_str_escape). */
int hs_err_set(hs_err *err, int code, int sys_errno, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Copies src into dst (size bytes, always terminated) with control characters and bytes
 * that are not valid UTF-8 written as \xNN, cut at a whole character: a crafted name
 * cannot break a one-line message or drive a terminal. */
void hs_str_escape(char *dst, size_t size, const char *src);
/* Prefixes the existing message with "context: " (keeps code and errno; fmt translated). */
int hs_err_prefix(hs_err *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A growable byte buffer, always NUL-terminated so it can be used as a string. */
typedef struct hs_buf {
    char *data;
    size_t len;
    size_t cap;
} hs_buf;

void hs_buf_init(hs_buf *b);
void hs_buf_release(hs_buf *b);
int hs_buf_append(hs_buf *b, const void *data, size_t len);
int hs_buf_puts(hs_buf *b, const char *s);
int hs_buf_printf(hs_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Hands the bytes to the caller (free() them) and leaves b empty. */
char *hs_buf_detach(hs_buf *b, size_t *len);

/* UTF-8. hs_utf8_nfc returns a malloc'd NFC copy of s (len bytes), or NULL when s is not
 * valid UTF-8 or memory runs out. Invalid bytes in OCR output are never expected, but
 * hs_utf8_nfc_lossy replaces them with U+FFFD instead of failing. */
char *hs_utf8_nfc(const char *s, size_t len);
char *hs_utf8_nfc_lossy(const char *s, size_t len);
int hs_utf8_valid(const char *s, size_t len);

/* Folding for loose comparison and search: lower case, all diacritics removed (both marks
 * of ầ, ợ ...), đ/Đ -> d. hs_fold_cp returns the class of cp (HS_FOLD_WORD for letters and
 * digits, HS_FOLD_MARK for combining marks, which fold to nothing, HS_FOLD_SEP otherwise)
 * and sets *folded and *lower (lower case, marks kept). Thread-safe. */
enum { HS_FOLD_SEP = 0, HS_FOLD_WORD = 1, HS_FOLD_MARK = 2 };
int hs_fold_cp(int32_t cp, int32_t *folded, int32_t *lower);
/* The folded copy of a UTF-8 string (malloc'd), or NULL if it is not valid UTF-8. */
char *hs_utf8_fold(const char *s, size_t len);

/* SHA-256 of a buffer as 64 lower-case hex digits plus NUL. */
#define HS_SHA256_HEX 65
int hs_sha256_hex(const void *data, size_t len, char out[HS_SHA256_HEX], hs_err *err);

/* Streaming SHA-256 for data that does not fit in memory at once. */
typedef struct hs_sha256 hs_sha256;
hs_sha256 *hs_sha256_new(void);
int hs_sha256_update(hs_sha256 *h, const void *data, size_t len);
int hs_sha256_final(hs_sha256 *h, char out[HS_SHA256_HEX]);
void hs_sha256_free(hs_sha256 *h);

/* Files. */
int hs_mkdir_p(const char *path, hs_err *err);
/* Reads a whole file (at most max bytes, else HS_ELIMIT) into *data (malloc'd, NUL-terminated). */
int hs_file_read(const char *path, size_t max, char **data, size_t *len, hs_err *err);
/* Writes data to path atomically: a temporary file in the same folder, fsync, rename. */
int hs_file_write_atomic(const char *path, const void *data, size_t len, hs_err *err);
/* Renames from to to only if to does not exist (renameat2 RENAME_NOREPLACE, else link and
 * unlink): HS_EEXIST, and nothing changed, when it does. Never replaces a file. */
int hs_rename_noreplace(const char *from, const char *to, hs_err *err);
/* fsync a file or a directory by path. */
int hs_fsync_path(const char *path, hs_err *err);
/* Last path component (a pointer into path). */
const char *hs_path_base(const char *path);
/* Joins a and b with one '/' into a malloc'd string. */
char *hs_path_join(const char *a, const char *b);

/* Time as "YYYY-MM-DDTHH:MM:SSZ" (UTC) into out[32]. */
void hs_time_iso(long long t, char out[32]);
/* Seconds on the monotonic clock: for durations only. */
double hs_now(void);
/* The user and system CPU seconds a struct rusage holds (getrusage, wait4). */
struct rusage;
double hs_cpu_seconds(const struct rusage *ru);

#endif
