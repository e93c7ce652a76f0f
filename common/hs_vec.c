/* hs_vec.c - the growth of hs_vec.h's arrays: doubling, overflow-checked. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hs_common.h"
#include "hs_vec.h"

int hs_vec_reserve_(void *pv, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return HS_OK;
    if (elem == 0 || need > SIZE_MAX / elem)
        return HS_ENOMEM;
    size_t c = *cap < 8 ? 8 : *cap;
    while (c < need)
        c = c > SIZE_MAX / 2 / elem ? need : c * 2;
    if (c > SIZE_MAX / elem)
        c = need;
    /* the caller's pointer is read and written through memcpy: it may be any object
     * pointer type, which has void *'s representation on every platform hoso builds on */
    void *old;
    memcpy(&old, pv, sizeof old);
    void *v = realloc(old, c * elem);
    if (!v)
        return HS_ENOMEM;
    memcpy(pv, &v, sizeof v);
    *cap = c;
    return HS_OK;
}
