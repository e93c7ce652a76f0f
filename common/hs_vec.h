/* hs_vec.h - growing an array of any element type: the one helper for the "when full,
 * double the capacity" arrays of every module. The array stays a plain pointer plus a
 * count and a size_t capacity in the caller's struct; only the growth lives here, with the
 * multiplication checked so that a count near SIZE_MAX fails instead of wrapping. */
#ifndef HS_VEC_H
#define HS_VEC_H

#include <stddef.h>

/* Makes room for at least need elements of size elem in the array *(T **)pv, whose room
 * is *cap: the capacity doubles (from at least 8) until it suffices, or is need when
 * doubling would overflow. 0 (HS_OK), or HS_ENOMEM with the array and *cap unchanged
 * when memory runs out or need * elem does not fit in a size_t. New elements are not
 * initialised. pv points at the caller's pointer variable (any object pointer type). */
int hs_vec_reserve_(void *pv, size_t *cap, size_t need, size_t elem);

/* HS_VEC_RESERVE(p->v, p->cap, p->n + 1): v a T * lvalue, cap a size_t lvalue. */
#define HS_VEC_RESERVE(v, cap, need) hs_vec_reserve_(&(v), &(cap), (need), sizeof *(v))

#endif
