/* testhelp.h - the assertion helpers of hoso's unit tests. Each test program holds a
 * table of cases; `prog NAME` runs one (CTest registers one entry per case), `prog` all. */
#ifndef HS_TESTHELP_H
#define HS_TESTHELP_H

#include <stdio.h>
#include <string.h>

#define T_ASSERT(c)                                                                            \
    do {                                                                                       \
        if (!(c)) {                                                                            \
            fprintf(stderr, "%s:%d: assertion failed: %s\n", __FILE__, __LINE__, #c);          \
            return 1;                                                                          \
        }                                                                                      \
    } while (0)

#define T_OK(expr)                                                                             \
    do {                                                                                       \
        int t_rc_ = (expr);                                                                    \
        if (t_rc_ != 0) {                                                                      \
            fprintf(stderr, "%s:%d: %s returned %d\n", __FILE__, __LINE__, #expr, t_rc_);      \
            return 1;                                                                          \
        }                                                                                      \
    } while (0)

#define T_STREQ(a, b)                                                                          \
    do {                                                                                       \
        const char *t_a_ = (a), *t_b_ = (b);                                                   \
        if (!t_a_ || !t_b_ || strcmp(t_a_, t_b_) != 0) {                                       \
            fprintf(stderr, "%s:%d: '%s' != '%s'\n", __FILE__, __LINE__, t_a_ ? t_a_ : "(null)", \
                    t_b_ ? t_b_ : "(null)");                                                   \
            return 1;                                                                          \
        }                                                                                      \
    } while (0)

#define T_CONTAINS(hay, needle)                                                                \
    do {                                                                                       \
        const char *t_h_ = (hay), *t_n_ = (needle);                                            \
        if (!t_h_ || !strstr(t_h_, t_n_)) {                                                    \
            fprintf(stderr, "%s:%d: '%s' does not contain '%s'\n", __FILE__, __LINE__,         \
                    t_h_ ? t_h_ : "(null)", t_n_);                                             \
            return 1;                                                                          \
        }                                                                                      \
    } while (0)

typedef struct t_case {
    const char *name;
    int (*fn)(void);
} t_case;

static inline int t_run(const t_case *cases, size_t n, int argc, char **argv)
{
    int failed = 0, ran = 0;
    for (size_t i = 0; i < n; i++) {
        if (argc > 1 && strcmp(argv[1], cases[i].name) != 0)
            continue;
        ran++;
        int r = cases[i].fn();
        printf("%s %s\n", r ? "FAIL" : "ok  ", cases[i].name);
        failed += r != 0;
    }
    if (!ran) {
        fprintf(stderr, "no test case '%s'\n", argc > 1 ? argv[1] : "");
        return 2;
    }
    return failed ? 1 : 0;
}

#define T_MAIN(cases)                                                                          \
    int main(int argc, char **argv)                                                            \
    {                                                                                          \
        return t_run(cases, sizeof cases / sizeof cases[0], argc, argv);                       \
    }

/* Test data folder, set by CMake. */
#ifndef HS_TEST_DATA
#define HS_TEST_DATA "tests/data"
#endif

#endif
