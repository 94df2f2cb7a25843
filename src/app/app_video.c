#define _POSIX_C_SOURCE 200809L
#include "app/app_video.h"

#include "core/core_file.h"
#include "core/core_log.h"
#include "io/io_image.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

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

/* A path as one shell word: inside single quotes, each ' as '\''. */
static bool shell_quote(const char *text, char *out, size_t size)
{
    size_t used = 0;
    if (size < 3)
        return false;
    out[used++] = '\'';
    for (const char *c = text; *c; ++c) {
        const char *piece = *c == '\'' ? "'\\''" : NULL;
        size_t n = piece ? 4 : 1;
        if (used + n + 2 > size)
            return false;
        if (piece)
            memcpy(out + used, piece, n);
        else
            out[used] = *c;
        used += n;
    }
    out[used++] = '\'';
    out[used] = '\0';
    return true;
}

core_result app_video_open(app_video *video, const char *output, int width, int height, float fps,
                           bool overwrite)
{
    memset(video, 0, sizeof *video);
    char ffmpeg[4096];
    core_result r = app_video_find_ffmpeg(ffmpeg, sizeof ffmpeg);
    if (r != CORE_OK)
        return r;
    if (!overwrite && core_file_exists(output))
        return core_fail(CORE_ERR_EXISTS, "%s: already exists; pass --overwrite to replace it",
                         output);
    char folder[4096], name[512];
    core_path_dirname(output, folder, sizeof folder);
    snprintf(name, sizeof name, ".%s.glint-XXXXXX", core_path_basename(output));
    if (core_path_join(folder, name, video->temporary, sizeof video->temporary) != CORE_OK)
        return core_fail(CORE_ERR_IO, "%s: path too long", output);
    int fd = mkstemp(video->temporary);
    if (fd < 0)
        return core_fail(CORE_ERR_IO, "%s: cannot write in %s: %s", output, folder,
                         strerror(errno));
    close(fd);
    snprintf(video->output, sizeof video->output, "%s", output);
    video->width = width;
    video->height = height;
    char quoted_ffmpeg[8200], quoted_temporary[8200], command[17000];
    if (!shell_quote(ffmpeg, quoted_ffmpeg, sizeof quoted_ffmpeg) ||
        !shell_quote(video->temporary, quoted_temporary, sizeof quoted_temporary)) {
        unlink(video->temporary);
        return core_fail(CORE_ERR_IO, "%s: path too long", output);
    }
    /* H.264 in yuv420p plays everywhere; it needs even sizes, hence the pad.
     * The container is named because the temporary name has no extension. */
    snprintf(command, sizeof command,
             "%s -hide_banner -loglevel error -y -f rawvideo -pix_fmt rgba -s %dx%d "
             "-framerate %g -i - -an -vf 'pad=ceil(iw/2)*2:ceil(ih/2)*2' -c:v libx264 "
             "-pix_fmt yuv420p -movflags +faststart -f mp4 %s",
             quoted_ffmpeg, width, height, (double)fps, quoted_temporary);
    core_log(CORE_LOG_DEBUG, "video: %s", command);
    /* A dying ffmpeg must give an error here, not kill glint with SIGPIPE. */
    signal(SIGPIPE, SIG_IGN);
    video->pipe = popen(command, "w");
    if (!video->pipe) {
        unlink(video->temporary);
        return core_fail(CORE_ERR_IO, "%s: cannot start ffmpeg: %s", output, strerror(errno));
    }
    return CORE_OK;
}

core_result app_video_write(app_video *video, const io_image *frame)
{
    if (frame->width != video->width || frame->height != video->height)
        return core_fail(CORE_ERR_ARGUMENT, "%s: a frame of another size", video->output);
    size_t bytes = (size_t)frame->width * (size_t)frame->height * 4;
    if (fwrite(frame->pixels, 1, bytes, video->pipe) != bytes)
        return core_fail(CORE_ERR_IO, "%s: ffmpeg stopped reading frames (its error is above)",
                         video->output);
    return CORE_OK;
}

core_result app_video_close(app_video *video, bool keep)
{
    if (!video->pipe)
        return CORE_OK;
    int status = pclose(video->pipe);
    video->pipe = NULL;
    bool ok = status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (keep && !ok) {
        unlink(video->temporary);
        return core_fail(CORE_ERR_IO, "%s: ffmpeg failed (exit status %d; its error is above)",
                         video->output, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    }
    if (!keep) {
        unlink(video->temporary);
        return CORE_OK;
    }
    /* mkstemp made it private; a video is as readable as any file the user makes. */
    mode_t mask = umask(0);
    umask(mask);
    chmod(video->temporary, 0666 & ~mask);
    if (rename(video->temporary, video->output) != 0) {
        core_result r = core_fail(CORE_ERR_IO, "%s: cannot move the video into place: %s",
                                  video->output, strerror(errno));
        unlink(video->temporary);
        return r;
    }
    return CORE_OK;
}
