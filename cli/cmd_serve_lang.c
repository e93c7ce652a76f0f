/* cmd_serve_lang.c - the language of what `hoso serve` says to people: the API's error
 * texts and the HTML error pages, in the language each request asks for (Accept-Language),
 * else in the server's. gettext has one language per process, so the Vietnamese catalogue
 * (the .mo file gettext itself reads) is loaded once at start and looked up here, by any
 * pool thread: read-only after srv_lang_load. */
#define _GNU_SOURCE
#include <libintl.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_serve.h"

static struct {
    char *data; /* the whole .mo file, or NULL: English only */
    size_t len;
    uint32_t n, orig, trans; /* strings, offsets of the two tables */
    int swap;                /* written on a machine of the other byte order */
    int vi_default;          /* the process's messages are Vietnamese */
} cat;

static uint32_t u32(size_t off)
{
    uint32_t v;
    memcpy(&v, cat.data + off, 4);
    return cat.swap ? __builtin_bswap32(v) : v;
}

/* The string of entry i of the table at tab, NULL when it lies outside the file. */
static const char *entry(uint32_t tab, uint32_t i)
{
    size_t at = (size_t)tab + 8 * (size_t)i;
    if (at + 8 > cat.len)
        return NULL;
    uint32_t len = u32(at), off = u32(at + 4);
    if ((size_t)off + len >= cat.len || cat.data[off + len] != '\0')
        return NULL;
    return cat.data + off;
}

/* Whether the process speaks Vietnamese: LANGUAGE, as gettext reads it, unless the
 * messages locale is C; else that locale's name. */
static int locale_vi(void)
{
    const char *m = setlocale(LC_MESSAGES, NULL), *l = getenv("LANGUAGE");
    int c = !m || !strcmp(m, "C") || !strcmp(m, "POSIX");
    const char *name = !c && l && *l ? l : m;
    return !c && name && !strncmp(name, "vi", 2);
}

void srv_lang_load(void)
{
    cat.vi_default = locale_vi();
    const char *dir = bindtextdomain("hoso", NULL);
    char path[4096];
    if (!dir || snprintf(path, sizeof path, "%s/vi/LC_MESSAGES/hoso.mo", dir) >= (int)sizeof path)
        return;
    hs_err err;
    if (hs_file_read(path, 16 << 20, &cat.data, &cat.len, &err))
        return; /* no catalogue (gettext not installed at build time): English */
    uint32_t magic = 0;
    if (cat.len >= 28)
        memcpy(&magic, cat.data, 4);
    cat.swap = magic == 0xde120495u;
    if (cat.len < 28 || (magic != 0x950412deu && !cat.swap)) {
        free(cat.data);
        cat.data = NULL;
        return;
    }
    cat.n = u32(8);
    cat.orig = u32(12);
    cat.trans = u32(16);
}

int srv_lang_default_vi(void)
{
    return cat.vi_default;
}

const char *srv_text(int vi, const char *msgid)
{
    if (!vi || !cat.data)
        return msgid;
    /* msgfmt writes the original strings sorted by their bytes */
    uint32_t lo = 0, hi = cat.n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        const char *o = entry(cat.orig, mid);
        if (!o)
            return msgid;
        int d = strcmp(msgid, o);
        if (d == 0) {
            const char *t = entry(cat.trans, mid);
            return t && *t ? t : msgid;
        }
        if (d < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return msgid;
}

int srv_lang_accept(const char *al)
{
    double en = -1, vi = -1;
    while (al && *al) {
        const char *end = strchr(al, ',');
        size_t n = end ? (size_t)(end - al) : strlen(al);
        char item[64];
        if (n < sizeof item) {
            memcpy(item, al, n);
            item[n] = '\0';
            char *t = item;
            while (*t == ' ' || *t == '\t')
                t++;
            double q = 1;
            char *semi = strchr(t, ';');
            if (semi) {
                char *qs = strstr(semi, "q=");
                q = qs ? strtod(qs + 2, NULL) : 1;
                *semi = '\0';
            }
            if (!strncasecmp(t, "en", 2) && (t[2] == '\0' || t[2] == '-' || t[2] == ' '))
                en = q > en ? q : en;
            if (!strncasecmp(t, "vi", 2) && (t[2] == '\0' || t[2] == '-' || t[2] == ' '))
                vi = q > vi ? q : vi;
        }
        al = end ? end + 1 : NULL;
    }
    if (en > 0 && en > vi)
        return 'e';
    if (vi > 0)
        return 'v';
    return 0;
}
