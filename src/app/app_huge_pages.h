#ifndef GLINT_APP_HUGE_PAGES_H
#define GLINT_APP_HUGE_PAGES_H

/* On Linux with glibc, where transparent huge pages are given on request,
 * start this program again (same pid, same arguments) with glibc asked to
 * request them for large blocks; returns only where it did not (already
 * asked, not Linux/glibc, a sanitizer's or valgrind's allocator,
 * GLINT_NO_HUGE_PAGES set, or the exec failed). In the restarted process it
 * puts GLIBC_TUNABLES back as it was and returns. Call first thing in main. */
void app_huge_pages_restart(char **argv);

/* For the debug output: the GLIBC_TUNABLES this process was restarted with,
 * or NULL where it was not. (The variable itself holds the user's value
 * again by then, for the programs glint starts.) */
const char *app_huge_pages_tunables(void);

#endif
