/* hs_utf8.c - UTF-8 validation and NFC normalisation through utf8proc. All text that
 * enters an archive or the index goes through here, so it is NFC everywhere. */
#include "hs_common.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

int hs_utf8_valid(const char *s, size_t len)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    utf8proc_ssize_t left = (utf8proc_ssize_t)len;
    while (left > 0) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
        if (n <= 0 || cp < 0)
            return 0;
        p += n;
        left -= n;
    }
    return 1;
}

static char *nfc(const char *s, size_t len)
{
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &out,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (n < 0)
        return NULL;
    return (char *)out;
}

char *hs_utf8_nfc(const char *s, size_t len)
{
    if (!hs_utf8_valid(s, len))
        return NULL;
    return nfc(s, len);
}

char *hs_utf8_nfc_lossy(const char *s, size_t len)
{
    if (hs_utf8_valid(s, len))
        return nfc(s, len);
    hs_buf b;
    hs_buf_init(&b);
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    utf8proc_ssize_t left = (utf8proc_ssize_t)len;
    while (left > 0) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
        int rc;
        if (n <= 0 || cp < 0) {
            rc = hs_buf_append(&b, "\xEF\xBF\xBD", 3);
            n = 1;
        } else {
            rc = hs_buf_append(&b, p, (size_t)n);
        }
        if (rc) {
            hs_buf_release(&b);
            return NULL;
        }
        p += n;
        left -= n;
    }
    char *r = nfc(b.data ? b.data : "", b.len);
    hs_buf_release(&b);
    return r;
}
