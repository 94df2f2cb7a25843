#ifndef GLINT_APP_HUGE_PAGES_H
#define GLINT_APP_HUGE_PAGES_H

/* On Linux with glibc, where transparent huge pages are given on request,
 * start this program again (same pid, same arguments) with glibc asked to
 * request them for large blocks; returns only where it did not (already
 * asked, not Linux/glibc, a sanitizer's or valgrind's allocator,
 * GLINT_NO_HUGE_PAGES set, or the exec failed). Call first thing in main. */
void app_huge_pages_restart(char **argv);

/* For the debug output: the GLIBC_TUNABLES this process started with when
 * it names glibc.malloc.hugetlb, else NULL. */
const char *app_huge_pages_tunables(void);

#endif
