#define _POSIX_C_SOURCE 200809L
#include "core/core_file.h"

#include "core/core_cleanup.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

core_result core_file_read(const char *path, size_t max_bytes, char **data, size_t *size)
{
    size_t file_size;
    return core_file_read_prefix(path, max_bytes, SIZE_MAX, data, size, &file_size);
}

/* What a path that is no regular file is, for one-line errors. */
static const char *file_kind(mode_t mode)
{
    if (S_ISFIFO(mode))
        return "a FIFO";
    if (S_ISCHR(mode))
        return "a character device";
    if (S_ISBLK(mode))
        return "a block device";
    if (S_ISSOCK(mode))
        return "a socket";
    return "not a regular file";
}

core_result core_file_open_read(const char *path, size_t max_bytes, int *fd_out,
                                size_t *file_size)
{
    *fd_out = -1;
    *file_size = 0;
    /* O_NONBLOCK: opening a FIFO for reading would otherwise wait for a
     * writer forever, before fstat could refuse it. */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        if (errno == ENOENT)
            return core_fail(CORE_ERR_NOT_FOUND, "%s: no such file", path);
        return core_fail(CORE_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
    }
    struct stat info;
    if (fstat(fd, &info) != 0) {
        core_result r = core_fail(CORE_ERR_IO, "%s: cannot stat: %s", path, strerror(errno));
        close(fd);
        return r;
    }
    if (S_ISDIR(info.st_mode)) {
        close(fd);
        return core_fail(CORE_ERR_ARGUMENT, "%s: is a directory, not a file", path);
    }
    if (!S_ISREG(info.st_mode)) {
        close(fd);
        return core_fail(CORE_ERR_ARGUMENT, "%s: not a regular file (%s)", path,
                         file_kind(info.st_mode));
    }
    if ((unsigned long long)info.st_size > (unsigned long long)max_bytes) {
        close(fd);
        return core_fail(CORE_ERR_TOO_LARGE, "%s: file is %lld bytes, over the limit of %zu bytes",
                         path, (long long)info.st_size, max_bytes);
    }
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) != 0) {
        core_result r = core_fail(CORE_ERR_IO, "%s: cannot read: %s", path, strerror(errno));
        close(fd);
        return r;
    }
    *fd_out = fd;
    *file_size = (size_t)info.st_size;
    return CORE_OK;
}

core_result core_file_read_prefix(const char *path, size_t max_bytes, size_t prefix_bytes,
                                  char **data, size_t *size, size_t *file_size)
{
    *data = NULL;
    *size = 0;
    int fd;
    core_result opened = core_file_open_read(path, max_bytes, &fd, file_size);
    if (opened != CORE_OK)
        return opened;
    size_t expected = *file_size < prefix_bytes ? *file_size : prefix_bytes;
    char *buffer = malloc(expected + 1);
    if (!buffer) {
        close(fd);
        return core_fail(CORE_ERR_NO_MEMORY, "%s: out of memory reading %zu bytes", path, expected);
    }
    size_t total = 0;
    while (total < expected) {
        ssize_t got = read(fd, buffer + total, expected - total);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            core_result r = core_fail(CORE_ERR_IO, "%s: read failed: %s", path, strerror(errno));
            free(buffer);
            close(fd);
            return r;
        }
        if (got == 0)
            break; /* the file shrank while we read it: keep what is there */
        total += (size_t)got;
    }
    close(fd);
    buffer[total] = '\0';
    *data = buffer;
    *size = total;
    return CORE_OK;
}

void core_file_free(char *data)
{
    free(data);
}

bool core_file_exists(const char *path)
{
    struct stat info;
    return stat(path, &info) == 0;
}

typedef struct fd_writer {
    int fd;
    int error;
} fd_writer;

static bool write_to_fd(void *user, const void *bytes, size_t count)
{
    fd_writer *writer = user;
    const char *cursor = bytes;
    while (count > 0) {
        ssize_t wrote = write(writer->fd, cursor, count);
        if (wrote < 0 && errno == EINTR)
            continue;
        if (wrote <= 0) {
            writer->error = wrote < 0 ? errno : EIO;
            return false;
        }
        cursor += wrote;
        count -= (size_t)wrote;
    }
    return true;
}

/* What is at `path` now: absent and regular files are fine (an existing one
 * only when replacing), anything else is refused whatever the mode, so that
 * --overwrite can never turn /dev/null or a FIFO into a regular file. A
 * symbolic link is judged by what it points to; replacing it replaces the
 * link itself (rename() never writes through it), and a dangling link counts
 * as an existing file. */
static core_result check_kind(const char *path, core_write_mode mode)
{
    struct stat info;
    if (lstat(path, &info) != 0) {
        if (errno == ENOENT || errno == ENOTDIR)
            return CORE_OK; /* absent; the folder check says what is wrong */
        return core_fail(CORE_ERR_IO, "%s: %s", path, strerror(errno));
    }
    struct stat target;
    if (S_ISLNK(info.st_mode) && stat(path, &target) == 0)
        info = target;
    if (S_ISDIR(info.st_mode))
        return core_fail(CORE_ERR_IO, "%s: is a directory", path);
    if (!S_ISREG(info.st_mode) && !S_ISLNK(info.st_mode))
        return core_fail(CORE_ERR_IO,
                         "%s: is %s, not a regular file; glint only writes regular files", path,
                         file_kind(info.st_mode));
    if (mode == CORE_WRITE_NO_CLOBBER)
        return core_fail(CORE_ERR_EXISTS, "%s: already exists; not overwriting it", path);
    return CORE_OK;
}

core_result core_file_check_target(const char *path, core_write_mode mode)
{
    if (!path[0])
        return core_fail(CORE_ERR_ARGUMENT, "empty file name");
    core_result r = check_kind(path, mode);
    if (r != CORE_OK)
        return r;
    char folder[4096];
    if (strlen(path) >= sizeof folder)
        return core_fail(CORE_ERR_IO, "%s: path is too long", path);
    core_path_dirname(path, folder, sizeof folder);
    struct stat info;
    if (stat(folder, &info) != 0)
        return errno == ENOENT || errno == ENOTDIR
                   ? core_fail(CORE_ERR_IO, "%s: the folder %s does not exist", path, folder)
                   : core_fail(CORE_ERR_IO, "%s: cannot reach the folder %s: %s", path, folder,
                               strerror(errno));
    if (!S_ISDIR(info.st_mode))
        return core_fail(CORE_ERR_IO, "%s: %s is not a folder", path, folder);
    if (access(folder, W_OK | X_OK) != 0)
        return core_fail(CORE_ERR_IO, "%s: cannot write in the folder %s: %s", path, folder,
                         strerror(errno));
    return CORE_OK;
}

/* NO_CLOBBER uses link(), which fails atomically with EEXIST, so two writers
 * can never both think they created the file. */
core_result core_file_move_into_place(const char *tmp, const char *path, core_write_mode mode)
{
    if (mode == CORE_WRITE_REPLACE) {
        core_result r = check_kind(path, mode); /* it may have changed since the start */
        if (r != CORE_OK)
            return r;
        if (rename(tmp, path) != 0)
            return core_fail(CORE_ERR_IO, "%s: cannot move the finished file into place: %s", path,
                             strerror(errno));
        return CORE_OK;
    }
    if (link(tmp, path) == 0) {
        unlink(tmp);
        return CORE_OK;
    }
    if (errno == EEXIST)
        return core_fail(CORE_ERR_EXISTS, "%s: already exists; not overwriting it", path);
    /* Some file systems have no hard links: check, then rename. */
    if (core_file_exists(path))
        return core_fail(CORE_ERR_EXISTS, "%s: already exists; not overwriting it", path);
    if (rename(tmp, path) != 0)
        return core_fail(CORE_ERR_IO, "%s: cannot move the finished file into place: %s", path,
                         strerror(errno));
    return CORE_OK;
}

core_result core_file_make_temporary(const char *path, char *tmp, size_t tmp_size, int *fd,
                                     int *cleanup_slot)
{
    char folder[4096];
    core_path_dirname(path, folder, sizeof folder);
    int n = snprintf(tmp, tmp_size, "%s/.%s.glint-XXXXXX", folder, core_path_basename(path));
    if (strlen(path) >= sizeof folder || n < 0 || (size_t)n >= tmp_size)
        return core_fail(CORE_ERR_IO, "%s: path is too long", path);
    /* No signal between creating it and registering it: either the handler
     * knows the file or there is none. */
    sigset_t saved;
    core_cleanup_block_signals(&saved);
    *fd = mkstemp(tmp);
    int error = errno;
    *cleanup_slot = *fd >= 0 ? core_cleanup_add_file(tmp) : -1;
    core_cleanup_restore_signals(&saved);
    if (*fd < 0)
        return core_fail(CORE_ERR_IO, "%s: cannot create a file in %s: %s", path, folder,
                         strerror(error));
    /* mkstemp makes 0600 files; a finished file should have normal permissions. */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(*fd, 0666 & ~mask);
    return CORE_OK;
}

core_result core_file_write_atomic(const char *path, core_write_mode mode, core_produce_fn produce,
                                   void *user)
{
    core_result result = core_file_check_target(path, mode);
    if (result != CORE_OK)
        return result;
    char tmp[4096 + 64];
    int fd, slot;
    result = core_file_make_temporary(path, tmp, sizeof tmp, &fd, &slot);
    if (result != CORE_OK)
        return result;

    fd_writer writer = {fd, 0};
    bool produced = produce(user, write_to_fd, &writer);
    bool synced = produced && fsync(fd) == 0;
    int sync_error = errno;
    bool closed = close(fd) == 0;
    if (!produced) {
        result = writer.error
                     ? core_fail(CORE_ERR_IO, "%s: write failed: %s", path, strerror(writer.error))
                     : core_fail(CORE_ERR_IO, "%s: could not produce the content", path);
    } else if (!synced || !closed) {
        result = core_fail(CORE_ERR_IO, "%s: write failed: %s", path, strerror(sync_error));
    } else {
        result = core_file_move_into_place(tmp, path, mode);
    }
    if (result != CORE_OK || mode == CORE_WRITE_REPLACE)
        unlink(tmp); /* harmless after a successful rename: the name is gone */
    core_cleanup_remove_file(slot);
    return result;
}

typedef struct byte_span {
    const void *bytes;
    size_t size;
} byte_span;

static bool produce_span(void *user, core_write_fn write, void *write_user)
{
    const byte_span *span = user;
    return write(write_user, span->bytes, span->size);
}

core_result core_file_write_bytes(const char *path, core_write_mode mode, const void *bytes,
                                  size_t size)
{
    byte_span span = {bytes, size};
    return core_file_write_atomic(path, mode, produce_span, &span);
}

void core_path_dirname(const char *path, char *out, size_t out_size)
{
    const char *slash = strrchr(path, '/');
    if (!slash) {
        snprintf(out, out_size, ".");
        return;
    }
    size_t length = (size_t)(slash - path);
    if (length == 0)
        length = 1; /* "/file" lives in "/" */
    if (length >= out_size)
        length = out_size - 1;
    memcpy(out, path, length);
    out[length] = '\0';
}

const char *core_path_basename(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

void core_path_stem(const char *path, char *out, size_t out_size)
{
    snprintf(out, out_size, "%s", core_path_basename(path));
    char *dot = strrchr(out, '.');
    if (dot && dot != out)
        *dot = '\0';
}

core_result core_path_join(const char *folder, const char *name, char *out, size_t out_size)
{
    size_t folder_length = strlen(folder);
    bool has_slash = folder_length > 0 && folder[folder_length - 1] == '/';
    int n =
        snprintf(out, out_size, "%s%s%s", folder, has_slash || folder_length == 0 ? "" : "/", name);
    if (n < 0 || (size_t)n >= out_size)
        return core_fail(CORE_ERR_ARGUMENT, "%s/%s: path is too long", folder, name);
    return CORE_OK;
}
