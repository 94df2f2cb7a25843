#ifndef GLINT_APP_VIDEO_H
#define GLINT_APP_VIDEO_H

/* `glint turntable --video OUT.mp4`: frames piped to ffmpeg, when it is
 * installed. The video is written to a temporary name beside OUT and moved
 * into place only when ffmpeg has exited 0, reported no error and left a
 * complete MP4, so a failed or interrupted run leaves no half-written file
 * and the previous video, if any, stays. Without --overwrite the move never
 * replaces a file, even one that appeared while rendering. */

#include "app/app.h"

#include <stdio.h>
#include <sys/types.h>

typedef struct app_video {
    FILE *pipe;                     /* the frames, to ffmpeg's stdin */
    FILE *messages;                 /* ffmpeg's stderr, an unlinked temporary file */
    pid_t pid;                      /* 0 once ffmpeg has been waited for */
    int child_slot, temporary_slot; /* core_cleanup's, for a signal */
    bool started;
    core_write_mode mode;
    char temporary[4096];
    char output[4096];
    int width, height;
} app_video;

/* The ffmpeg on PATH into `path`; CORE_ERR_NOT_FOUND with a line that says
 * how to get it when there is none. */
core_result app_video_find_ffmpeg(char *path, size_t size);
/* Starts ffmpeg for frames of width x height at `fps`; refuses an existing
 * output unless `overwrite`, and anything but a regular file always. */
core_result app_video_open(app_video *video, const char *output, int width, int height, float fps,
                           bool overwrite);
/* One RGBA8 frame, rows top to bottom, of the size given to open. */
core_result app_video_write(app_video *video, const struct io_image *frame);
/* Waits for ffmpeg; with `keep` the checked video takes its name, else (or
 * when ffmpeg failed) it is removed. */
core_result app_video_close(app_video *video, bool keep);

#endif
