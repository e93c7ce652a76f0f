/* hs_err.c - the one-line error record and the growable buffer. */
#define _POSIX_C_SOURCE 200809L
#include "hs_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void hs_err_clear(hs_err *err)
{
    if (!err)
        return;
    err->code = 0;
    err->sys_errno = 0;
    err->msg[0] = '\0';
}

int hs_err_set(hs_err *err, int code, int sys_errno, const char *fmt, ...)
{
    if (!err)
        return code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
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
    char prefix[256], old[sizeof err->msg];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(prefix, sizeof prefix, fmt, ap);
    va_end(ap);
    memcpy(old, err->msg, sizeof old);
    size_t n = strlen(prefix);
    if (n > sizeof err->msg - 3)
        n = sizeof err->msg - 3;
    memcpy(err->msg, prefix, n);
    memcpy(err->msg + n, ": ", 2);
    size_t left = sizeof err->msg - n - 2;
    size_t ol = strnlen(old, left - 1);
    memcpy(err->msg + n + 2, old, ol);
    err->msg[n + 2 + ol] = '\0';
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
