/* hs_sha256.c - SHA-256 through OpenSSL's EVP interface (libcrypto), hex-encoded as in
 * BagIt manifests. */
#include "hs_common.h"

#include <openssl/evp.h>
#include <stdlib.h>

struct hs_sha256 {
    EVP_MD_CTX *ctx;
};

hs_sha256 *hs_sha256_new(void)
{
    hs_sha256 *h = calloc(1, sizeof *h);
    if (!h)
        return NULL;
    h->ctx = EVP_MD_CTX_new();
    if (!h->ctx || EVP_DigestInit_ex(h->ctx, EVP_sha256(), NULL) != 1) {
        hs_sha256_free(h);
        return NULL;
    }
    return h;
}

int hs_sha256_update(hs_sha256 *h, const void *data, size_t len)
{
    return EVP_DigestUpdate(h->ctx, data, len) == 1 ? HS_OK : HS_EINVAL;
}

int hs_sha256_final(hs_sha256 *h, char out[HS_SHA256_HEX])
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    static const char hex[] = "0123456789abcdef";
    if (EVP_DigestFinal_ex(h->ctx, md, &n) != 1 || n != 32)
        return HS_EINVAL;
    for (unsigned int i = 0; i < n; i++) {
        out[2 * i] = hex[md[i] >> 4];
        out[2 * i + 1] = hex[md[i] & 15];
    }
    out[64] = '\0';
    return HS_OK;
}

void hs_sha256_free(hs_sha256 *h)
{
    if (!h)
        return;
    EVP_MD_CTX_free(h->ctx);
    free(h);
}

int hs_sha256_hex(const void *data, size_t len, char out[HS_SHA256_HEX], hs_err *err)
{
    hs_sha256 *h = hs_sha256_new();
    int rc = HS_ENOMEM;
    if (h && hs_sha256_update(h, data, len) == HS_OK && hs_sha256_final(h, out) == HS_OK)
        rc = HS_OK;
    hs_sha256_free(h);
    if (rc)
        return hs_err_set(err, HS_ENOMEM, 0, "sha256: digest failed");
    return HS_OK;
}
