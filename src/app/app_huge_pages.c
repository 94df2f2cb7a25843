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
#define GLINT_RESTARTS 1
#endif

#ifdef GLINT_RESTARTS
#include <sys/auxv.h>
#include <unistd.h>

/* Why: a render's images are some 80 MiB that the driver (llvmpipe) zeroes
 * as it makes them, one page fault per 4 KiB page: 42,000 faults, nearly half a
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
 * behind) and a GLIBC_TUNABLES that already names either setting (the
 * user's choice). */
static const char *const setting_names[] = {"glibc.malloc.hugetlb", "glibc.malloc.arena_max"};
enum { SETTING_COUNT = sizeof setting_names / sizeof setting_names[0] };

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
    for (int i = 0; i < SETTING_COUNT; ++i)
        if (strstr(tunables, setting_names[i]))
            return true;
    return false;
}

/* The restart carries what GLIBC_TUNABLES held before it ("=VALUE", or "-"
 * for unset) in this variable, so that it can put that back: glibc has read
 * the settings by then, and what glint starts (ffmpeg) gets the user's
 * environment, not glint's settings. */
static const char restart_mark[] = "GLINT_HUGE_PAGES_FROM";
static char started_with[1024]; /* GLIBC_TUNABLES as this restart began, or "" */

static void put_back(const char *before)
{
    if (before)
        setenv("GLIBC_TUNABLES", before, 1);
    else
        unsetenv("GLIBC_TUNABLES");
}

void app_huge_pages_restart(char **argv)
{
    const char *mark = getenv(restart_mark);
    if (mark) {
        const char *now = getenv("GLIBC_TUNABLES");
        snprintf(started_with, sizeof started_with, "%s", now ? now : "");
        put_back(mark[0] == '=' ? mark + 1 : NULL);
        unsetenv(restart_mark);
        return;
    }
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
    char value[1024], before[1024 + 1];
    _Static_assert(SETTING_COUNT == 2, "both settings are written below");
    int length = snprintf(value, sizeof value, "%s%s%s=1:%s=1", tunables ? tunables : "",
                          tunables ? ":" : "", setting_names[0], setting_names[1]);
    if (length < 0 || (size_t)length >= sizeof value)
        return;
    snprintf(before, sizeof before, "%s%s", tunables ? "=" : "-", tunables ? tunables : "");
    if (setenv(restart_mark, before, 1) == 0 && setenv("GLIBC_TUNABLES", value, 1) == 0) {
        /* The binary by its own path where it still has one: the kernel
         * names the process after the file it runs, and /proc/self/exe
         * would call it "exe" in top, ps -C and killall. */
        char self[4096];
        ssize_t length_read = readlink("/proc/self/exe", self, sizeof self - 1);
        if (length_read > 0) { /* "PATH (deleted)" when the file went: execv fails */
            self[length_read] = '\0';
            execv(self, argv);
        }
        execv("/proc/self/exe", argv);
    }
    /* No /proc, or the file went: go on as started, with what was set before. */
    put_back(before[0] == '=' ? before + 1 : NULL);
    unsetenv(restart_mark);
}
#else
void app_huge_pages_restart(char **argv)
{
    (void)argv;
}
#endif

const char *app_huge_pages_tunables(void)
{
#ifdef GLINT_RESTARTS
    return started_with[0] ? started_with : NULL;
#else
    return NULL;
#endif
}
