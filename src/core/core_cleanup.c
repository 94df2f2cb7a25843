#define _POSIX_C_SOURCE 200809L
#include "core/core_cleanup.h"

#include <errno.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* A handful of slots is plenty: glint writes one file at a time, plus a video. */
#define FILE_SLOTS 8
#define CHILD_SLOTS 4

enum { SLOT_FREE, SLOT_FILLING, SLOT_LIVE };

/* A slot is claimed (FREE -> FILLING) with a lock-free compare-exchange, filled,
 * then published (LIVE); a handler only ever reads LIVE slots. */
static struct {
    atomic_int state;
    char path[4096];
} files[FILE_SLOTS];

static struct {
    atomic_int state;
    pid_t pid;
} children[CHILD_SLOTS];

static int claim(atomic_int *state)
{
    int expected = SLOT_FREE;
    return atomic_compare_exchange_strong(state, &expected, SLOT_FILLING);
}

int core_cleanup_add_file(const char *path)
{
    size_t length = strlen(path);
    if (length >= sizeof files[0].path)
        return -1;
    for (int i = 0; i < FILE_SLOTS; ++i) {
        if (!claim(&files[i].state))
            continue;
        memcpy(files[i].path, path, length + 1);
        atomic_store(&files[i].state, SLOT_LIVE);
        return i;
    }
    return -1;
}

void core_cleanup_remove_file(int slot)
{
    if (slot >= 0 && slot < FILE_SLOTS)
        atomic_store(&files[slot].state, SLOT_FREE);
}

int core_cleanup_add_child(pid_t pid)
{
    for (int i = 0; i < CHILD_SLOTS; ++i) {
        if (!claim(&children[i].state))
            continue;
        children[i].pid = pid;
        atomic_store(&children[i].state, SLOT_LIVE);
        return i;
    }
    return -1;
}

void core_cleanup_remove_child(int slot)
{
    if (slot >= 0 && slot < CHILD_SLOTS)
        atomic_store(&children[slot].state, SLOT_FREE);
}

/* Threads inside core_cleanup_block_signals: turntable's PNG thread makes
 * its temporaries while the main thread, which may take the signal, renders. */
static atomic_int registering;

void core_cleanup_run(void)
{
    int saved_errno = errno;
    /* Another thread between creating a temporary and registering it: let it
     * finish (a few microseconds; bounded, so a handler never hangs). */
    for (long spins = 0; atomic_load(&registering) > 0 && spins < 100000000L; ++spins) {
    }
    /* Children first: a live ffmpeg could create its output again after it
     * was removed. SIGKILL, not SIGTERM: what it writes is thrown away. */
    for (int i = 0; i < CHILD_SLOTS; ++i) {
        if (atomic_load(&children[i].state) != SLOT_LIVE)
            continue;
        kill(children[i].pid, SIGKILL);
        while (waitpid(children[i].pid, NULL, 0) < 0 && errno == EINTR) {
        }
        atomic_store(&children[i].state, SLOT_FREE);
    }
    for (int i = 0; i < FILE_SLOTS; ++i) {
        if (atomic_load(&files[i].state) == SLOT_LIVE)
            unlink(files[i].path);
    }
    errno = saved_errno;
}

void core_cleanup_block_signals(sigset_t *saved)
{
    sigset_t block;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGTERM);
    sigaddset(&block, SIGHUP);
    /* This thread's mask: Mesa's driver threads start with every signal
     * blocked, but another glint thread (turntable's PNG writer) may take the
     * signal meanwhile, and core_cleanup_run then waits for `registering`. */
    sigprocmask(SIG_BLOCK, &block, saved);
    atomic_fetch_add(&registering, 1);
}

void core_cleanup_restore_signals(const sigset_t *saved)
{
    atomic_fetch_sub(&registering, 1);
    sigprocmask(SIG_SETMASK, saved, NULL);
}
