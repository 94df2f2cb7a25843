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
