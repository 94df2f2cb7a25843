#define _POSIX_C_SOURCE 200809L
#include "app/app_video.h"

#include "core/core_cleanup.h"
#include "core/core_file.h"
#include "core/core_log.h"
#include "core/core_text.h"
#include "io/io_image.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

core_result app_video_find_ffmpeg(char *path, size_t size)
{
    const char *search = getenv("PATH");
    while (search && *search) {
        size_t length = strcspn(search, ":");
        if (length > 0 && length < 3900) {
            char candidate[4096];
            snprintf(candidate, sizeof candidate, "%.*s/ffmpeg", (int)length, search);
            if (access(candidate, X_OK) == 0) {
                snprintf(path, size, "%s", candidate);
                return CORE_OK;
            }
        }
        search += length + (search[length] == ':');
    }
    return core_fail(CORE_ERR_NOT_FOUND,
                     "--video needs ffmpeg, which is not installed (Debian: apt-get install "
                     "ffmpeg); -o FOLDER writes the frames as PNGs instead");
}

/* ffmpeg reads frames from a pipe and writes its messages to an unlinked
 * temporary file: glint knows its pid (to stop it when interrupted) and reads
 * what it said, because ffmpeg reports some failures (a trailer it could not
 * write on a full disk) and still exits 0. */
static core_result start_ffmpeg(app_video *video, const char *ffmpeg, float fps)
{
    char size[32], rate[32];
    snprintf(size, sizeof size, "%dx%d", video->width, video->height);
    snprintf(rate, sizeof rate, "%g", (double)fps);
    /* H.264 in yuv420p plays everywhere; it needs even sizes, hence the pad.
     * The container is named because the temporary name has no extension. */
    /* clang-format off */
    const char *argv[] = {ffmpeg, "-hide_banner", "-loglevel", "error", "-y",
                          "-f", "rawvideo", "-pix_fmt", "rgba", "-s", size, "-framerate", rate,
                          "-i", "-", "-an", "-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2",
                          "-c:v", "libx264", "-pix_fmt", "yuv420p", "-movflags", "+faststart",
                          "-f", "mp4", video->temporary, NULL};
    /* clang-format on */
    video->messages = tmpfile();
    int frames[2] = {-1, -1};
    if (!video->messages || pipe(frames) != 0)
        return core_fail(CORE_ERR_IO, "%s: cannot start ffmpeg: %s", video->output,
                         strerror(errno));
    /* Only the child's copy of the read end stays open in it, or ffmpeg would
     * never see the end of the frames. */
    fcntl(frames[1], F_SETFD, FD_CLOEXEC);
    fcntl(frames[0], F_SETFD, FD_CLOEXEC);
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attributes;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, frames[0], STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&actions, fileno(video->messages), STDERR_FILENO);
    posix_spawnattr_init(&attributes);
    sigset_t saved, defaults;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGPIPE); /* glint ignores it; ffmpeg gets the usual one */
    /* No signal between starting ffmpeg and registering it; ffmpeg itself
     * starts with glint's usual mask. */
    core_cleanup_block_signals(&saved);
    posix_spawnattr_setsigmask(&attributes, &saved);
    posix_spawnattr_setsigdefault(&attributes, &defaults);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    pid_t pid = 0;
    int error = posix_spawn(&pid, ffmpeg, &actions, &attributes, (char *const *)argv, environ);
    if (error == 0) {
        video->pid = pid;
        video->child_slot = core_cleanup_add_child(pid);
    }
    core_cleanup_restore_signals(&saved);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    close(frames[0]);
    if (error != 0) {
        close(frames[1]);
        return core_fail(CORE_ERR_IO, "%s: cannot start %s: %s", video->output, ffmpeg,
                         strerror(error));
    }
    video->pipe = fdopen(frames[1], "w");
    if (!video->pipe) {
        close(frames[1]);
        return core_fail(CORE_ERR_IO, "%s: cannot write to ffmpeg: %s", video->output,
                         strerror(errno));
    }
    return CORE_OK;
}

core_result app_video_open(app_video *video, const char *output, int width, int height, float fps,
                           bool overwrite)
{
    memset(video, 0, sizeof *video);
    video->temporary_slot = video->child_slot = -1;
    char ffmpeg[4096];
    core_result r = app_video_find_ffmpeg(ffmpeg, sizeof ffmpeg);
    if (r != CORE_OK)
        return r;
    video->mode = overwrite ? CORE_WRITE_REPLACE : CORE_WRITE_NO_CLOBBER;
    r = core_file_check_target(output, video->mode);
    if (r == CORE_ERR_EXISTS)
        core_fail(r, "%s: already exists; pass --overwrite to replace it", output);
    if (r != CORE_OK)
        return r;
    int fd;
    r = core_file_make_temporary(output, video->temporary, sizeof video->temporary, &fd,
                                 &video->temporary_slot);
    if (r != CORE_OK)
        return r;
    close(fd);
    video->started = true;
    snprintf(video->output, sizeof video->output, "%s", output);
    video->width = width;
    video->height = height;
    /* A dying ffmpeg must give an error here, not kill glint with SIGPIPE. */
    signal(SIGPIPE, SIG_IGN);
    r = start_ffmpeg(video, ffmpeg, fps);
    if (r != CORE_OK)
        app_video_close(video, false);
    return r;
}

/* Closes the pipe and waits for ffmpeg; its exit status, -1 if it was not running. */
static int wait_for_ffmpeg(app_video *video)
{
    if (video->pipe)
        fclose(video->pipe);
    video->pipe = NULL;
    if (!video->pid)
        return -1;
    int status = -1;
    while (waitpid(video->pid, &status, 0) < 0 && errno == EINTR) {
    }
    core_cleanup_remove_child(video->child_slot);
    video->child_slot = -1;
    video->pid = 0;
    return status;
}

static bool says_error(const char *line)
{
    for (const char *c = line; *c; ++c) {
        if (strncasecmp(c, "error", 5) == 0)
            return true;
    }
    return false;
}

/* The last line ffmpeg printed into `last` (sanitised: it goes to a terminal);
 * true when any line reports an error. */
static bool read_messages(app_video *video, char *last, size_t size)
{
    last[0] = '\0';
    if (!video->messages)
        return false;
    rewind(video->messages);
    bool error = false;
    char line[1024];
    while (fgets(line, sizeof line, video->messages)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (!line[0])
            continue;
        error = error || says_error(line);
        core_utf8_copy(last, size, line);
    }
    core_utf8_sanitize(last);
    return error;
}

static uint64_t big_endian(const unsigned char *bytes, int count)
{
    uint64_t value = 0;
    for (int i = 0; i < count; ++i)
        value = value << 8 | bytes[i];
    return value;
}

/* A finished MP4: top-level boxes that tile the file exactly, one of them the
 * index ('moov'). ffmpeg writes the index last (faststart moves it to the
 * front), so a disk that filled up mid-way leaves a file without one. */
static bool complete_mp4(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat info;
    if (fd < 0 || fstat(fd, &info) != 0 || info.st_size <= 0) {
        if (fd >= 0)
            close(fd);
        return false;
    }
    uint64_t size = (uint64_t)info.st_size, at = 0;
    bool index = false;
    while (at + 8 <= size) {
        unsigned char header[16];
        if (pread(fd, header, 16, (off_t)at) < 8)
            break;
        uint64_t box = big_endian(header, 4), header_size = 8;
        if (box == 1) {
            if (at + 16 > size)
                break;
            box = big_endian(header + 8, 8);
            header_size = 16;
        } else if (box == 0) {
            box = size - at; /* to the end of the file */
        }
        if (box < header_size || box > size - at)
            break;
        index = index || memcmp(header + 4, "moov", 4) == 0;
        at += box;
    }
    close(fd);
    return index && at == size;
}

core_result app_video_write(app_video *video, const io_image *frame)
{
    if (frame->width != video->width || frame->height != video->height)
        return core_fail(CORE_ERR_ARGUMENT, "%s: a frame of another size", video->output);
    size_t bytes = (size_t)frame->width * (size_t)frame->height * 4;
    if (video->pipe && fwrite(frame->pixels, 1, bytes, video->pipe) == bytes)
        return CORE_OK;
    wait_for_ffmpeg(video);
    char said[512];
    read_messages(video, said, sizeof said);
    return core_fail(CORE_ERR_IO, "%s: ffmpeg stopped reading frames: %s", video->output,
                     said[0] ? said : "it said nothing");
}

core_result app_video_close(app_video *video, bool keep)
{
    if (!video->started)
        return CORE_OK;
    int status = wait_for_ffmpeg(video);
    char said[512];
    bool error_said = read_messages(video, said, sizeof said);
    core_result r = CORE_OK;
    if (!keep) {
        /* the caller has its own error */
    } else if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        char how[64];
        if (status != -1 && WIFSIGNALED(status))
            snprintf(how, sizeof how, "killed by signal %d", WTERMSIG(status));
        else
            snprintf(how, sizeof how, "exit status %d",
                     status != -1 && WIFEXITED(status) ? WEXITSTATUS(status) : -1);
        r = core_fail(CORE_ERR_IO, "%s: ffmpeg failed (%s): %s", video->output, how,
                      said[0] ? said : "it said nothing");
    } else if (error_said) {
        r = core_fail(CORE_ERR_IO, "%s: ffmpeg could not finish the video: %s", video->output,
                      said);
    } else if (!complete_mp4(video->temporary)) {
        r = core_fail(CORE_ERR_IO,
                      "%s: ffmpeg's video is empty or has no index ('moov' box); is the disk "
                      "full?",
                      video->output);
    } else {
        r = core_file_move_into_place(video->temporary, video->output, video->mode);
        if (r == CORE_OK)
            core_log(CORE_LOG_DEBUG, "video: %s is complete", video->output);
    }
    /* After a move the name is gone; otherwise the old video stays as it was. */
    unlink(video->temporary);
    core_cleanup_remove_file(video->temporary_slot);
    video->temporary_slot = -1;
    if (video->messages)
        fclose(video->messages);
    video->messages = NULL;
    video->started = false;
    return r;
}
