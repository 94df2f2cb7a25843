#ifndef GLINT_TESTS_CHECK_H
#define GLINT_TESTS_CHECK_H

/* A minimal test harness: CHECK records a failure with file and line and goes
 * on, so one run reports every broken expectation; main returns check_done(). */

#include <math.h>
#include <stdio.h>

static int check_failures;
static int check_count;

#define CHECK(condition)                                                                     \
    do {                                                                                     \
        ++check_count;                                                                       \
        if (!(condition)) {                                                                  \
            ++check_failures;                                                                \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #condition);    \
        }                                                                                    \
    } while (0)

#define CHECK_NEAR(actual, expected, tolerance)                                              \
    do {                                                                                     \
        ++check_count;                                                                       \
        double check_a_ = (double)(actual), check_e_ = (double)(expected);                   \
        if (!(fabs(check_a_ - check_e_) <= (double)(tolerance))) {                           \
            ++check_failures;                                                                \
            fprintf(stderr, "%s:%d: %s = %g, expected %g within %g\n", __FILE__, __LINE__,  \
                    #actual, check_a_, check_e_, (double)(tolerance));                       \
        }                                                                                    \
    } while (0)

static inline int check_done(const char *name)
{
    printf("%s: %d checks, %d failed\n", name, check_count, check_failures);
    return check_failures ? 1 : 0;
}

#endif
