#ifndef GLINT_CORE_FILE_H
#define GLINT_CORE_FILE_H

#include "core/core_result.h"

#include <stdbool.h>
#include <stddef.h>

/* Default cap on a file read into memory; callers may pass their own. */
#define CORE_FILE_DEFAULT_MAX_BYTES ((size_t)2 << 30)

/* Reads a whole regular file into a NUL-terminated buffer (the NUL is not
 * counted in *size). Directories, unreadable files and files over max_bytes
 * fail with a message naming the path. Free the data with core_file_free. */
core_result core_file_read(const char *path, size_t max_bytes, char **data, size_t *size);
void core_file_free(char *data);

/* The same checks as core_file_read, but reads only the first `prefix_bytes`
 * (fewer if the file is shorter) and reports the whole file's size: enough to
 * decide a format before choosing how to read the rest. */
core_result core_file_read_prefix(const char *path, size_t max_bytes, size_t prefix_bytes,
                                  char **data, size_t *size, size_t *file_size);
/* Opens a file for reading after the same checks, without ever waiting: a
 * FIFO or device is refused ("not a regular file (a FIFO)"), not opened.
 * The caller closes *fd. */
core_result core_file_open_read(const char *path, size_t max_bytes, int *fd, size_t *file_size);

typedef enum core_write_mode {
    CORE_WRITE_NO_CLOBBER = 0, /* fail with CORE_ERR_EXISTS if the path exists */
    CORE_WRITE_REPLACE         /* replace an existing file atomically */
} core_write_mode;

/* Streams the file's bytes: called as often as needed, returns false to abort. */
typedef bool (*core_write_fn)(void *user, const void *bytes, size_t count);
typedef bool (*core_produce_fn)(void *user, core_write_fn write, void *write_user);

/* Writes to a hidden temporary file in the target's folder, flushes it and only
 * then moves it into place, so readers never see a half-written file and an
 * interrupted run leaves the target untouched. `produce` is called once with a
 * writer to stream the content through. */
core_result core_file_write_atomic(const char *path, core_write_mode mode,
                                   core_produce_fn produce, void *user);
/* Whether `path` can be written in `mode`, checked without touching it and
 * before any work: an empty name (CORE_ERR_ARGUMENT), a directory, a FIFO, a
 * device or socket (even behind a symbolic link, whatever the mode), an
 * existing file under NO_CLOBBER (CORE_ERR_EXISTS), a missing or unwritable
 * folder, a name too long. core_file_write_atomic runs the same checks. */
core_result core_file_check_target(const char *path, core_write_mode mode);
/* The hidden temporary beside `path` that core_file_write_atomic writes to,
 * for callers whose content comes from elsewhere (ffmpeg): created with mode
 * 0666 less the umask and registered for removal on a signal; release the
 * slot with core_cleanup_remove_file once the file is moved or removed. */
core_result core_file_make_temporary(const char *path, char *tmp, size_t tmp_size, int *fd,
                                     int *cleanup_slot);
/* Moves a finished temporary to `path`: link() under NO_CLOBBER (atomic; a
 * file that appeared meanwhile is never replaced), rename() under REPLACE
 * after checking the target is still a regular file. */
core_result core_file_move_into_place(const char *tmp, const char *path, core_write_mode mode);
/* Convenience for content already in memory. */
core_result core_file_write_bytes(const char *path, core_write_mode mode,
                                  const void *bytes, size_t size);

bool core_file_exists(const char *path);

/* Copies the folder part of `path` ("." when it has none) into out. */
void core_path_dirname(const char *path, char *out, size_t out_size);
/* The last component of the path, without the folder (points into `path`). */
const char *core_path_basename(const char *path);
/* The file name without folder and extension, copied into out. */
void core_path_stem(const char *path, char *out, size_t out_size);
/* Joins folder and name with one '/'; fails when out is too small. */
core_result core_path_join(const char *folder, const char *name, char *out, size_t out_size);

#endif
