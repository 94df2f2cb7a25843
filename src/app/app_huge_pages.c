#define _GNU_SOURCE
#include "app/app_huge_pages.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
#define GLINT_OWN_ALLOCATOR 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define GLINT_OWN_ALLOCATOR 1
#endif

#if defined(__linux__) && defined(__GLIBC__) && !defined(GLINT_OWN_ALLOCATOR)
#include <sys/auxv.h>
#include <unistd.h>

/* Why: a render's images are some 250 MiB that the driver (llvmpipe) zeroes
 * as it makes them, one page fault per 4 KiB page: 40,000 faults, half a
 * 1024x1024 render's time on a virtual machine where a fault is dear. glibc
 * puts large blocks in transparent huge pages (2 MiB, one fault each) only
 * when GLIBC_TUNABLES asks for it at the process's start, and the driver's
 * memory cannot be reached otherwise; so glint starts itself once more with
 * it set (docs/PERFORMANCE.md, "Huge pages"). Two settings, each measured:
 * hugetlb=1 asks the kernel for huge pages on the blocks glibc maps and the
 * heap it grows; arena_max=1 keeps every thread's blocks in that heap (a
 * thread's own arena grows without the request, and the driver makes its
 * images on the context's thread). Kernels whose huge pages are `always`
 * (already huge) or `never` (none to get) are left alone, as is a run under
 * valgrind (its allocator ignores the settings; an exec would leave valgrind
 * behind) and a GLIBC_TUNABLES that names either setting (the user's
 * choice, or this restart's). */
static const char *const settings[] = {"glibc.malloc.hugetlb=1", "glibc.malloc.arena_max=1"};
enum { SETTING_COUNT = sizeof settings / sizeof settings[0] };

static bool huge_pages_only_on_request(void)
{
    FILE *file = fopen("/sys/kernel/mm/transparent_hugepage/enabled", "r");
    if (!file)
        return false;
    char line[128] = "";
    bool madvise = fgets(line, sizeof line, file) && strstr(line, "[madvise]");
    fclose(file);
    return madvise;
}

static bool names_a_setting(const char *tunables)
{
    for (int i = 0; i < SETTING_COUNT; ++i) {
        int key = (int)(strchr(settings[i], '=') - settings[i]);
        char name[64];
        snprintf(name, sizeof name, "%.*s", key, settings[i]);
        if (strstr(tunables, name))
            return true;
    }
    return false;
}

void app_huge_pages_restart(char **argv)
{
    const char *off = getenv("GLINT_NO_HUGE_PAGES");
    if (getauxval(AT_SECURE) || (off && off[0] && strcmp(off, "0") != 0))
        return;
    const char *tunables = getenv("GLIBC_TUNABLES");
    if (tunables && names_a_setting(tunables))
        return;
    const char *preload = getenv("LD_PRELOAD");
    if (preload && strstr(preload, "vgpreload"))
        return;
    if (!huge_pages_only_on_request())
        return;
    char value[1024];
    int length = snprintf(value, sizeof value, "%s%s%s:%s", tunables ? tunables : "",
                          tunables ? ":" : "", settings[0], settings[1]);
    if (length < 0 || (size_t)length >= sizeof value)
        return;
    char *previous = tunables ? strdup(tunables) : NULL;
    if (tunables && !previous)
        return;
    if (setenv("GLIBC_TUNABLES", value, 1) == 0)
        execv("/proc/self/exe", argv);
    /* No /proc, or the file went: go on as started, with what was set before. */
    if (previous)
        setenv("GLIBC_TUNABLES", previous, 1);
    else
        unsetenv("GLIBC_TUNABLES");
    free(previous);
}
#else
void app_huge_pages_restart(char **argv)
{
    (void)argv;
}
#endif

const char *app_huge_pages_tunables(void)
{
    const char *tunables = getenv("GLIBC_TUNABLES");
    return tunables && strstr(tunables, "glibc.malloc.hugetlb") ? tunables : NULL;
}
