/* test_archive.c - BagIt bags in zip files: writing, reading back, fixity checks that
 * catch tampering, safe paths, broken zips. */
#define _GNU_SOURCE
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include "archive.h"
#include "testhelp.h"

static char dir[64];

static void mkdir_tmp(void)
{
    snprintf(dir, sizeof dir, "/tmp/hs_arc_XXXXXX");
    if (!mkdtemp(dir))
        abort();
}

static void rm_tmp(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "cannot remove %s\n", dir);
}

static int make_bag(const char *zip, hs_err *e)
{
    arc_bag *b = NULL;
    T_OK(arc_bag_new("DOSSIER-1", &b, e));
    T_OK(arc_bag_info_add(b, "External-Identifier", "DOSSIER-1", e));
    T_OK(arc_bag_add(b, "images/0001.png", strdup("not really a png"), 16, 1, e));
    T_OK(arc_bag_add(b, "text/0001.txt", strdup("Hồ sơ đất đai\n"), strlen("Hồ sơ đất đai\n"), 0, e));
    T_ASSERT(arc_bag_add(b, "text/0001.txt", strdup("x"), 1, 0, e) == HS_EEXIST);
    T_ASSERT(arc_bag_add(b, "../evil", strdup("x"), 1, 0, e) == HS_EINVAL);
    T_ASSERT(arc_bag_add(b, "/abs", strdup("x"), 1, 0, e) == HS_EINVAL);
    T_ASSERT(arc_bag_add(b, "a//b", strdup("x"), 1, 0, e) == HS_EINVAL);
    T_STREQ(arc_bag_sha256(b, "text/0001.txt"),
            "023b5fe633fcd651a79176e36f72047b07e32478548faaf0a625ad90d5c9de7d");
    char tmp[256];
    snprintf(tmp, sizeof tmp, "%s.tmp-1", zip);
    T_OK(arc_bag_write(b, tmp, e));
    T_OK(arc_commit(tmp, zip, e));
    T_ASSERT(access(tmp, F_OK) != 0);
    arc_bag_free(b);
    return 0;
}

static int t_roundtrip(void)
{
    mkdir_tmp();
    char zip[128];
    snprintf(zip, sizeof zip, "%s/d.zip", dir);
    hs_err e;
    T_OK(make_bag(zip, &e));
    arc_reader *r = NULL;
    T_OK(arc_open(zip, &r, &e));
    T_STREQ(arc_name(r), "DOSSIER-1");
    char *data;
    size_t len;
    T_OK(arc_read(r, "data/text/0001.txt", &data, &len, &e));
    T_STREQ(data, "Hồ sơ đất đai\n");
    free(data);
    T_OK(arc_read(r, "bag-info.txt", &data, &len, &e));
    T_CONTAINS(data, "External-Identifier: DOSSIER-1\n");
    T_CONTAINS(data, "Payload-Oxum: 37.2\n");
    T_CONTAINS(data, "Bagging-Date: ");
    free(data);
    T_OK(arc_read(r, "bagit.txt", &data, &len, &e));
    T_STREQ(data, "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n");
    free(data);
    T_OK(arc_read(r, "manifest-sha256.txt", &data, &len, &e));
    T_CONTAINS(data, "  data/images/0001.png\n");
    T_CONTAINS(data, "  data/text/0001.txt\n");
    free(data);
    T_OK(arc_read(r, "tagmanifest-sha256.txt", &data, &len, &e));
    T_CONTAINS(data, "  manifest-sha256.txt\n");
    T_CONTAINS(data, "  bag-info.txt\n");
    free(data);
    T_ASSERT(arc_read(r, "data/none", &data, &len, &e) == HS_ENOTFOUND);
    T_ASSERT(arc_verify(r, NULL, NULL) == 0);
    char out[128];
    snprintf(out, sizeof out, "%s/out", dir);
    T_OK(arc_extract(r, out, &e));
    char check[256];
    snprintf(check, sizeof check, "%s/DOSSIER-1/data/text/0001.txt", out);
    T_OK(hs_file_read(check, 100, &data, &len, &e));
    T_STREQ(data, "Hồ sơ đất đai\n");
    free(data);
    arc_close(r);
    rm_tmp();
    return 0;
}

typedef struct probs {
    int n;
    char last[600];
} probs;

/* keeps the last message: each case below expects exactly the damage it made */
static void collect(void *ud, const char *msg)
{
    probs *p = ud;
    p->n++;
    snprintf(p->last, sizeof p->last, "%s", msg);
}

/* Replaces a member with other bytes through libzip, so the zip itself stays valid and
 * only the BagIt manifest can tell. */
static int tamper(const char *zip, const char *member, const char *bytes)
{
    int ze = 0;
    zip_t *za = zip_open(zip, 0, &ze);
    T_ASSERT(za);
    zip_int64_t idx = zip_name_locate(za, member, 0);
    T_ASSERT(idx >= 0);
    zip_source_t *src = zip_source_buffer(za, bytes, strlen(bytes), 0);
    T_ASSERT(zip_file_replace(za, (zip_uint64_t)idx, src, 0) == 0);
    T_ASSERT(zip_close(za) == 0);
    return 0;
}

static int t_tamper(void)
{
    mkdir_tmp();
    char zip[128];
    snprintf(zip, sizeof zip, "%s/d.zip", dir);
    hs_err e;
    T_OK(make_bag(zip, &e));
    T_OK(tamper(zip, "DOSSIER-1/data/text/0001.txt", "Hồ sơ đất đaj\n"));
    arc_reader *r = NULL;
    T_OK(arc_open(zip, &r, &e));
    probs p = {0};
    T_ASSERT(arc_verify(r, collect, &p) == 1);
    T_CONTAINS(p.last, "checksum mismatch for 'data/text/0001.txt'");
    arc_close(r);

    /* a payload file the manifest does not list */
    int ze = 0;
    zip_t *za = zip_open(zip, 0, &ze);
    zip_file_add(za, "DOSSIER-1/data/extra.txt", zip_source_buffer(za, "x", 1, 0), 0);
    T_ASSERT(zip_close(za) == 0);
    T_OK(arc_open(zip, &r, &e));
    p.n = 0;
    T_ASSERT(arc_verify(r, collect, &p) == 2);
    T_CONTAINS(p.last, "'data/extra.txt' is not in the manifest");
    arc_close(r);

    /* a manifest that was edited to match is caught by the tag manifest */
    unlink(zip); /* arc_commit never replaces a zip */
    T_OK(make_bag(zip, &e));
    T_OK(tamper(zip, "DOSSIER-1/bag-info.txt", "External-Identifier: OTHER\n"));
    T_OK(arc_open(zip, &r, &e));
    p.n = 0;
    T_ASSERT(arc_verify(r, collect, &p) >= 1);
    arc_close(r);
    rm_tmp();
    return 0;
}

static int t_broken(void)
{
    mkdir_tmp();
    char path[128];
    hs_err e;
    arc_reader *r = NULL;
    snprintf(path, sizeof path, "%s/junk.zip", dir);
    static const char junk[] = "PK\x03\x04 this is not a zip";
    T_OK(hs_file_write_atomic(path, junk, sizeof junk - 1, &e));
    T_ASSERT(arc_open(path, &r, &e) == HS_EFORMAT && !r);
    T_CONTAINS(e.msg, "junk.zip");
    T_ASSERT(arc_open("/nonexistent.zip", &r, &e) < 0 && !r);
    /* a byte flipped inside a stored member: the zip CRC catches it */
    snprintf(path, sizeof path, "%s/d.zip", dir);
    T_OK(make_bag(path, &e));
    char *data;
    size_t len;
    T_OK(hs_file_read(path, 1 << 20, &data, &len, &e));
    char *hit = memmem(data, len, "not really", 10);
    T_ASSERT(hit);
    hit[0] = 'N';
    T_OK(hs_file_write_atomic(path, data, len, &e));
    free(data);
    T_OK(arc_open(path, &r, &e));
    probs p = {0};
    T_ASSERT(arc_verify(r, collect, &p) == 1);
    T_CONTAINS(p.last, "data/images/0001.png");
    arc_close(r);
    /* a byte flipped inside a deflated member's compressed data: inflating or its CRC
     * catches it, and arc_read refuses it (the local header's name, then its data) */
    unlink(path);
    arc_bag *tb = NULL;
    hs_buf t;
    hs_buf_init(&t);
    for (int i = 0; i < 400; i++)
        hs_buf_printf(&t, "Dòng %d: hồ sơ đất đai của ông Nguyễn Văn An\n", i * 7919 % 1000);
    size_t tlen = t.len;
    T_OK(arc_bag_new("DOSSIER-2", &tb, &e));
    T_OK(arc_bag_add(tb, "text/0001.txt", hs_buf_detach(&t, NULL), tlen, 0, &e));
    char tmp[256];
    snprintf(tmp, sizeof tmp, "%s.tmp-2", path);
    T_OK(arc_bag_write(tb, tmp, &e));
    T_OK(arc_commit(tmp, path, &e));
    arc_bag_free(tb);
    T_OK(arc_open(path, &r, &e));
    char *good = NULL;
    size_t glen = 0;
    T_OK(arc_read(r, "data/text/0001.txt", &good, &glen, &e));
    T_ASSERT(glen == tlen && !strncmp(good, "Dòng 0: ", 8));
    free(good);
    arc_close(r);
    T_OK(hs_file_read(path, 1 << 20, &data, &len, &e));
    const char *member = "DOSSIER-2/data/text/0001.txt";
    char *name = memmem(data, len, member, strlen(member));
    T_ASSERT(name && name - data >= 30);
    unsigned char *lh = (unsigned char *)name - 30;
    size_t extra = (size_t)lh[28] | (size_t)lh[29] << 8,
           clen = (size_t)lh[18] | (size_t)lh[19] << 8;
    T_ASSERT(lh[8] == 8 && clen > 64 && clen < tlen); /* deflated, and smaller */
    name[strlen(member) + extra + clen / 2] ^= 0x5a;
    T_OK(hs_file_write_atomic(path, data, len, &e));
    free(data);
    T_OK(arc_open(path, &r, &e));
    good = NULL;
    T_ASSERT(arc_read(r, "data/text/0001.txt", &good, &glen, &e) == HS_EFIXITY && !good);
    T_CONTAINS(e.msg, "data/text/0001.txt");
    p.n = 0;
    T_ASSERT(arc_verify(r, collect, &p) >= 1);
    T_CONTAINS(p.last, "data/text/0001.txt");
    arc_close(r);
    /* bag names are codes: no folders, no parents */
    arc_bag *b = NULL;
    T_ASSERT(arc_bag_new("../x", &b, &e) == HS_EINVAL && !b);
    T_ASSERT(arc_bag_new("a/b", &b, &e) == HS_EINVAL && !b);
    rm_tmp();
    return 0;
}

/* a payload file taken from a spool file on disk: same checksum, same bytes, counted in
 * the Payload-Oxum; a spool file that is missing is an error, not an empty member */
static int t_spool(void)
{
    mkdir_tmp();
    hs_err e;
    char src[128], zip[128], tmp[160];
    snprintf(src, sizeof src, "%s/page.png", dir);
    snprintf(zip, sizeof zip, "%s/s.zip", dir);
    snprintf(tmp, sizeof tmp, "%s.tmp-1", zip);
    /* 200 000 bytes: more than one read of the checksum loop */
    size_t n = 200000;
    char *big = malloc(n);
    T_ASSERT(big);
    for (size_t i = 0; i < n; i++)
        big[i] = (char)(i * 7 + i / 1000);
    T_OK(hs_file_write_atomic(src, big, n, &e));
    char want[HS_SHA256_HEX];
    T_OK(hs_sha256_hex(big, n, want, &e));
    arc_bag *b = NULL;
    T_OK(arc_bag_new("S-1", &b, &e));
    T_OK(arc_bag_add_file(b, "images/0001.png", src, 1, &e));
    T_OK(arc_bag_add(b, "text/0001.txt", strdup("một"), strlen("một"), 0, &e));
    T_ASSERT(arc_bag_add_file(b, "images/0001.png", src, 1, &e) == HS_EEXIST);
    T_ASSERT(arc_bag_add_file(b, "../x", src, 1, &e) == HS_EINVAL);
    char missing[160];
    snprintf(missing, sizeof missing, "%s/none.png", dir);
    T_ASSERT(arc_bag_add_file(b, "images/0002.png", missing, 1, &e) == HS_EIO);
    arc_bag_free(b);
    b = NULL;
    T_OK(arc_bag_new("S-1", &b, &e));
    T_OK(arc_bag_add_file(b, "images/0001.png", src, 1, &e));
    T_STREQ(arc_bag_sha256(b, "images/0001.png"), want);
    T_OK(arc_bag_write(b, tmp, &e));
    T_OK(arc_commit(tmp, zip, &e));
    arc_bag_free(b);
    arc_reader *r = NULL;
    T_OK(arc_open(zip, &r, &e));
    char *data;
    size_t len;
    T_OK(arc_read(r, "data/images/0001.png", &data, &len, &e));
    T_ASSERT(len == n && memcmp(data, big, n) == 0);
    free(data);
    T_OK(arc_read(r, "bag-info.txt", &data, &len, &e));
    T_CONTAINS(data, "Payload-Oxum: 200000.1\n");
    free(data);
    T_ASSERT(arc_verify(r, NULL, NULL) == 0);
    arc_close(r);
    free(big);
    rm_tmp();
    return 0;
}

/* A new archive never replaces one already there, whatever the index says; only
 * arc_commit_replace (an append's new version) does. */
static int t_noreplace(void)
{
    mkdir_tmp();
    hs_err e;
    char zip[128], tmp[160], *first = NULL, *again = NULL;
    size_t n1 = 0, n2 = 0;
    snprintf(zip, sizeof zip, "%s/D.zip", dir);
    T_OK(make_bag(zip, &e));
    T_OK(hs_file_read(zip, 1 << 20, &first, &n1, &e));
    arc_bag *b = NULL;
    T_OK(arc_bag_new("DOSSIER-1", &b, &e));
    T_OK(arc_bag_add(b, "text/0001.txt", strdup("other"), 5, 0, &e));
    snprintf(tmp, sizeof tmp, "%s.tmp-2", zip);
    T_OK(arc_bag_write(b, tmp, &e));
    arc_bag_free(b);
    T_ASSERT(arc_commit(tmp, zip, &e) == HS_EEXIST);
    T_CONTAINS(e.msg, "already exists");
    T_OK(hs_file_read(zip, 1 << 20, &again, &n2, &e));
    T_ASSERT(n1 == n2 && memcmp(first, again, n1) == 0);
    T_ASSERT(access(tmp, F_OK) == 0);
    free(again);
    /* the intended replacement */
    T_OK(arc_commit_replace(tmp, zip, &e));
    T_OK(hs_file_read(zip, 1 << 20, &again, &n2, &e));
    T_ASSERT(n1 != n2 || memcmp(first, again, n1) != 0);
    T_ASSERT(access(tmp, F_OK) != 0);
    /* the bare helper as well */
    char a[160], c[160];
    snprintf(a, sizeof a, "%s/a", dir);
    snprintf(c, sizeof c, "%s/c", dir);
    T_OK(hs_file_write_atomic(a, "a", 1, &e));
    T_OK(hs_file_write_atomic(c, "c", 1, &e));
    T_ASSERT(hs_rename_noreplace(a, c, &e) == HS_EEXIST);
    T_ASSERT(access(a, F_OK) == 0);
    T_OK(hs_rename_noreplace(a, zip, &e) == HS_EEXIST ? 0 : 1);
    snprintf(c, sizeof c, "%s/d", dir);
    T_OK(hs_rename_noreplace(a, c, &e));
    T_ASSERT(access(a, F_OK) != 0 && access(c, F_OK) == 0);
    free(first);
    free(again);
    rm_tmp();
    return 0;
}

static const t_case cases[] = {{"roundtrip", t_roundtrip}, {"tamper", t_tamper}, {"broken", t_broken},
                               {"spool", t_spool}, {"noreplace", t_noreplace}};
T_MAIN(cases)
