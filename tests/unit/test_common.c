/* test_common.c - the common module: errors, buffers, NFC, SHA-256, files. */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <stdint.h>

#include "hs_common.h"
#include "hs_vec.h"
#include "testhelp.h"

static int t_err(void)
{
    hs_err e;
    hs_err_clear(&e);
    T_ASSERT(hs_err_set(&e, HS_EIO, 2, "cannot open '%s'", "x.tif") == HS_EIO);
    T_STREQ(e.msg, "cannot open 'x.tif': No such file or directory");
    hs_err_prefix(&e, "page %d", 3);
    T_STREQ(e.msg, "page 3: cannot open 'x.tif': No such file or directory");
    T_ASSERT(e.code == HS_EIO);
    T_ASSERT(hs_err_set(NULL, HS_EINVAL, 0, "x") == HS_EINVAL);
    return 0;
}

/* Control characters and bytes that are not UTF-8 in a name (a crafted archive, a path)
 * come out as \xNN, so the message stays one printable line; valid UTF-8 stays. */
static int t_err_escape(void)
{
    hs_err e;
    hs_err_clear(&e);
    T_ASSERT(hs_err_set(&e, HS_EFORMAT, 0, "'%s': empty file", "a\nb\tc\x1b[31md\x7f.png") ==
             HS_EFORMAT);
    T_STREQ(e.msg, "'a\\x0ab\\x09c\\x1b[31md\\x7f.png': empty file");
    hs_err_set(&e, HS_EIO, 2, "'%s'", "h\xe1\xbb\x93 s\xc6\xa1\r.png");
    T_STREQ(e.msg, "'h\xe1\xbb\x93 s\xc6\xa1\\x0d.png': No such file or directory");
    /* invalid UTF-8: a lone byte, a cut sequence, an overlong '/', a C1 control (CSI) */
    hs_err_set(&e, HS_EIO, 0, "%s", "\xff|\xe1\xbb|\xc0\xaf|\xc2\x9b");
    T_STREQ(e.msg, "\\xff|\\xe1\\xbb|\\xc0\\xaf|\\xc2\\x9b");
    hs_err_prefix(&e, "page %d of '%s'", 2, "x\ny");
    T_STREQ(e.msg, "page 2 of 'x\\x0ay': \\xff|\\xe1\\xbb|\\xc0\\xaf|\\xc2\\x9b");
    T_ASSERT(e.code == HS_EIO);
    /* escaping again changes nothing; an argument may be the message itself */
    char before[sizeof e.msg];
    memcpy(before, e.msg, sizeof before);
    hs_err_set(&e, HS_EIO, 0, "%s", e.msg);
    T_STREQ(e.msg, before);
    /* a long message is cut whole: no half escape, no half character */
    char name[600];
    for (size_t i = 0; i < sizeof name - 1; i++)
        name[i] = i % 3 == 0 ? '\n' : 'a';
    name[sizeof name - 1] = '\0';
    hs_err_set(&e, HS_EIO, 0, "'%s'", name);
    size_t n = strlen(e.msg);
    T_ASSERT(n < sizeof e.msg && n > sizeof e.msg - 6);
    for (size_t i = 0; i < n; i++)
        T_ASSERT((unsigned char)e.msg[i] >= 0x20 && e.msg[i] != 0x7f);
    const char *last = strrchr(e.msg, '\\');
    T_ASSERT(last && strlen(last) >= 4);
    for (int i = 0; i < 198; i++)
        name[i] = "\xe1\xbb\x93"[i % 3];
    name[198] = '\0';
    hs_err_set(&e, HS_EIO, 0, "%s%s%s", name, name, name);
    T_ASSERT(hs_utf8_valid(e.msg, strlen(e.msg)) && strlen(e.msg) % 3 == 0);
    return 0;
}

static int t_buf(void)
{
    hs_buf b;
    hs_buf_init(&b);
    for (int i = 0; i < 1000; i++)
        T_OK(hs_buf_printf(&b, "%d,", i));
    T_ASSERT(b.len == strlen(b.data));
    T_ASSERT(strncmp(b.data, "0,1,2,", 6) == 0);
    T_CONTAINS(b.data, "999,");
    size_t len;
    char *s = hs_buf_detach(&b, &len);
    T_ASSERT(s && len > 3000 && b.data == NULL);
    free(s);
    return 0;
}

/* hs_vec: growth keeps what was there, doubles, and refuses a size that would overflow
 * without touching the array. */
static int t_vec(void)
{
    struct pair {
        int a;
        double b;
    } *v = NULL;
    size_t cap = 0, n = 0;
    T_OK(HS_VEC_RESERVE(v, cap, 1));
    T_ASSERT(v && cap == 8);
    for (int i = 0; i < 1000; i++) {
        T_OK(HS_VEC_RESERVE(v, cap, n + 1));
        T_ASSERT(cap >= n + 1);
        v[n].a = i;
        v[n++].b = i / 2.0;
    }
    T_ASSERT(cap == 1024);
    for (size_t i = 0; i < n; i++)
        T_ASSERT(v[i].a == (int)i && v[i].b == (double)i / 2.0);
    /* room enough already: nothing moves */
    struct pair *same = v;
    T_OK(HS_VEC_RESERVE(v, cap, 10));
    T_ASSERT(v == same && cap == 1024);
    /* need * elem past SIZE_MAX, and a doubling that would wrap: refused, array kept */
    T_ASSERT(HS_VEC_RESERVE(v, cap, SIZE_MAX / sizeof *v + 1) == HS_ENOMEM);
    T_ASSERT(HS_VEC_RESERVE(v, cap, SIZE_MAX) == HS_ENOMEM);
    T_ASSERT(v == same && cap == 1024 && v[999].a == 999);
    free(v);
    return 0;
}

static int t_nfc(void)
{
    /* "hồ sơ" typed decomposed (o + U+0302 + U+0300, o + U+031B) as UniKey's "Unicode to hop". */
    const char *nfd = "ho\xcc\x82\xcc\x80 so\xcc\x9b";
    char *n = hs_utf8_nfc(nfd, strlen(nfd));
    T_STREQ(n, "hồ sơ");
    free(n);
    T_ASSERT(hs_utf8_nfc("a\xff", 2) == NULL);
    char *l = hs_utf8_nfc_lossy("a\xff" "b", 3);
    T_STREQ(l, "a\xef\xbf\xbd" "b");
    free(l);
    T_ASSERT(hs_utf8_valid("Đất đai", strlen("Đất đai")));
    T_ASSERT(!hs_utf8_valid("\xc3", 1));
    return 0;
}

static int t_fold(void)
{
    /* all 30 double-marked vowels lose both marks; đ/Đ become d */
    const char *v = "ẦẤẨẪẬầấẩẫậẰẮẲẴẶằắẳẵặỀẾỂỄỆềếểễệỒỐỔỖỘồốổỗộỜỚỞỠỢờớởỡợỪỨỬỮỰừứửữự";
    char *f = hs_utf8_fold(v, strlen(v));
    T_STREQ(f, "aaaaaaaaaaaaaaaaaaaaeeeeeeeeeeoooooooooooooooooooouuuuuuuuuu");
    free(f);
    f = hs_utf8_fold("ĐẤT ĐAI Đồng Nai, đường", strlen("ĐẤT ĐAI Đồng Nai, đường"));
    T_STREQ(f, "dat dai dong nai, duong");
    free(f);
    const char *nfd = "ho\xcc\x82\xcc\x80 so\xcc\x9b";
    f = hs_utf8_fold(nfd, strlen(nfd));
    T_STREQ(f, "ho so");
    free(f);
    int32_t fo, lo;
    T_ASSERT(hs_fold_cp(0x1EA0, &fo, &lo) == HS_FOLD_WORD && fo == 'a' && lo == 0x1EA1);
    T_ASSERT(hs_fold_cp(0x0300, &fo, &lo) == HS_FOLD_MARK);
    T_ASSERT(hs_fold_cp('/', &fo, &lo) == HS_FOLD_SEP);
    T_ASSERT(hs_utf8_fold("\xff", 1) == NULL);
    return 0;
}

static int t_sha256(void)
{
    char hex[HS_SHA256_HEX];
    T_OK(hs_sha256_hex("abc", 3, hex, NULL));
    T_STREQ(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    T_OK(hs_sha256_hex("", 0, hex, NULL));
    T_STREQ(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    return 0;
}

static int t_files(void)
{
    char dir[] = "/tmp/hs_test_XXXXXX";
    T_ASSERT(mkdtemp(dir));
    char *deep = hs_path_join(dir, "a/b/c");
    hs_err e;
    T_OK(hs_mkdir_p(deep, &e));
    struct stat st;
    T_ASSERT(stat(deep, &st) == 0 && S_ISDIR(st.st_mode));
    char *f = hs_path_join(deep, "f.txt");
    T_OK(hs_file_write_atomic(f, "xin chào", strlen("xin chào"), &e));
    char *data;
    size_t len;
    T_OK(hs_file_read(f, 100, &data, &len, &e));
    T_STREQ(data, "xin chào");
    free(data);
    T_ASSERT(hs_file_read(f, 3, &data, &len, &e) == HS_ELIMIT);
    T_ASSERT(hs_file_read("/nonexistent/x", 3, &data, &len, &e) == HS_EIO);
    T_CONTAINS(e.msg, "/nonexistent/x");
    T_STREQ(hs_path_base("/a/b/c.png"), "c.png");
    char *j = hs_path_join("/a/", "b");
    T_STREQ(j, "/a/b");
    free(j);
    unlink(f);
    free(f);
    free(deep);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    T_ASSERT(system(cmd) == 0);
    return 0;
}

static const t_case cases[] = {
    {"err", t_err},   {"err_escape", t_err_escape}, {"buf", t_buf},     {"nfc", t_nfc},
    {"fold", t_fold}, {"sha256", t_sha256},         {"files", t_files}, {"vec", t_vec},
};
T_MAIN(cases)
