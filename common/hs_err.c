/* hs_err.c - the one-line error record and the growable buffer. */
#define _POSIX_C_SOURCE 200809L
#include "hs_common.h"

#include <libintl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *hs_tr(const char *msgid)
{
    /* dgettext("") is the catalogue's header, not a message */
    return msgid && *msgid ? dgettext(HS_TEXTDOMAIN, msgid) : msgid;
}

void hs_err_clear(hs_err *err)
{
    if (!err)
        return;
    err->code = 0;
    err->sys_errno = 0;
    err->msg[0] = '\0';
}

/* Length of the UTF-8 character at s if it is valid and printable, else 0. C1 controls
 * (U+0080-U+009F) count as controls: some terminals obey them as escape sequences. */
static size_t err_char_len(const unsigned char *s)
{
    if (s[0] >= 0x20 && s[0] < 0x7f)
        return 1;
    if (s[0] >= 0xc2 && s[0] <= 0xdf)
        return (s[1] & 0xc0) == 0x80 && !(s[0] == 0xc2 && s[1] < 0xa0) ? 2 : 0;
    unsigned lo = 0x80, hi = 0xbf;
    if (s[0] >= 0xe0 && s[0] <= 0xef) {
        if (s[0] == 0xe0)
            lo = 0xa0;
        else if (s[0] == 0xed) /* UTF-16 surrogates */
            hi = 0x9f;
        return s[1] >= lo && s[1] <= hi && (s[2] & 0xc0) == 0x80 ? 3 : 0;
    }
    if (s[0] >= 0xf0 && s[0] <= 0xf4) {
        if (s[0] == 0xf0)
            lo = 0x90;
        else if (s[0] == 0xf4) /* above U+10FFFF */
            hi = 0x8f;
        return s[1] >= lo && s[1] <= hi && (s[2] & 0xc0) == 0x80 && (s[3] & 0xc0) == 0x80 ? 4 : 0;
    }
    return 0;
}

/* Copies src into dst (size bytes, always terminated) with every control character and
 * every byte that is not part of valid UTF-8 written as \xNN: a name from a crafted
 * archive or a path cannot break the message's one line, drive a terminal or make the
 * message invalid UTF-8. What does not fit is cut at a character, never inside one or
 * inside an escape. Escaping an escaped message changes nothing. */
void hs_str_escape(char *dst, size_t size, const char *src)
{
    const unsigned char *s = (const unsigned char *)src;
    size_t o = 0;
    while (*s) {
        size_t n = err_char_len(s);
        if (n) {
            if (o + n >= size)
                break;
            memcpy(dst + o, s, n);
            s += n;
            o += n;
        } else {
            if (o + 4 >= size)
                break;
            snprintf(dst + o, 5, "\\x%02x", *s);
            s++;
            o += 4;
        }
    }
    dst[o] = '\0';
}

int hs_err_set(hs_err *err, int code, int sys_errno, const char *fmt, ...)
{
    if (!err)
        return code;
    /* formatted apart first: an argument may be err->msg itself */
    char raw[sizeof err->msg];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(raw, sizeof raw, hs_tr(fmt), ap);
    va_end(ap);
    hs_str_escape(err->msg, sizeof err->msg, raw);
    if (sys_errno) {
        size_t n = strlen(err->msg);
        snprintf(err->msg + n, sizeof err->msg - n, ": %s", strerror(sys_errno));
    }
    err->code = code;
    err->sys_errno = sys_errno;
    return code;
}

int hs_err_prefix(hs_err *err, const char *fmt, ...)
{
    if (!err)
        return HS_EINVAL;
    char prefix[256], raw[sizeof prefix + 2 + sizeof err->msg];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(prefix, sizeof prefix, hs_tr(fmt), ap);
    va_end(ap);
    snprintf(raw, sizeof raw, "%s: %s", prefix, err->msg);
    hs_str_escape(err->msg, sizeof err->msg, raw);
    return err->code;
}

void hs_buf_init(hs_buf *b)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
}

void hs_buf_release(hs_buf *b)
{
    if (!b)
        return;
    free(b->data);
    hs_buf_init(b);
}

static int buf_reserve(hs_buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return HS_OK;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1)
        cap *= 2;
    char *p = realloc(b->data, cap);
    if (!p)
        return HS_ENOMEM;
    b->data = p;
    b->cap = cap;
    return HS_OK;
}

int hs_buf_append(hs_buf *b, const void *data, size_t len)
{
    if (buf_reserve(b, len))
        return HS_ENOMEM;
    if (len)
        memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
    return HS_OK;
}

int hs_buf_puts(hs_buf *b, const char *s)
{
    return hs_buf_append(b, s, strlen(s));
}

int hs_buf_printf(hs_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || buf_reserve(b, (size_t)n))
        return HS_ENOMEM;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return HS_OK;
}

char *hs_buf_detach(hs_buf *b, size_t *len)
{
    if (!b->data && hs_buf_append(b, "", 0))
        return NULL;
    char *p = b->data;
    if (len)
        *len = b->len;
    hs_buf_init(b);
    return p;
}
