#ifndef GLINT_CORE_CLEANUP_H
#define GLINT_CORE_CLEANUP_H

/* What an interrupted run must undo: the temporary files being written and
 * the child processes (ffmpeg) feeding them. They are kept where a signal
 * handler can reach them, and core_cleanup_run uses only async-signal-safe
 * calls, so app's SIGINT/SIGTERM handlers can call it before the process dies.
 * core_file_write_atomic registers its temporaries itself. */

#include <signal.h>
#include <sys/types.h>

/* Returns a slot to pass to the matching remove, or -1 when all slots are in
 * use (the file is then simply not cleaned up on a signal). */
int core_cleanup_add_file(const char *path);
void core_cleanup_remove_file(int slot);
int core_cleanup_add_child(pid_t pid);
void core_cleanup_remove_child(int slot);

/* Async-signal-safe: removes every registered file, then kills and reaps
 * every registered child. Idempotent. */
void core_cleanup_run(void);

/* Blocks SIGINT, SIGTERM and SIGHUP in this thread (so a handler cannot run
 * here between creating a temporary and registering it) and restores the
 * previous mask; a handler on another thread meanwhile waits for the restore
 * before it removes the files. */
void core_cleanup_block_signals(sigset_t *saved);
void core_cleanup_restore_signals(const sigset_t *saved);

#endif
