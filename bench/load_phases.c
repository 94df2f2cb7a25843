/* glint_load_phases: where `glint info FILE`'s load time and memory go, phase by phase.
 *
 *   glint_load_phases [-n RUNS] FILE        (RUNS: 5)
 *
 * Each run is a fresh forked process, as `glint info` is one, so that page faults on new
 * memory count as they do there. A run does what `glint info` does before printing:
 *   io     io_model_load: read (or stream) the file, detect the format, parse, weld
 *   scene  scene_mesh_from_model: drop degenerate triangles, normals, bounds
 * For an OBJ a second process per run times tinyobjloader alone on the same file
 * (io_tinyobj_parse_file: tinyobj::LoadObj streaming from the file, as io_model_load does
 * for any OBJ over a few KiB, plus glint's view of its shapes), so the part of `io` that is
 * tinyobjloader's own parsing shows. Prints the median of each phase in milliseconds, its
 * share of io + scene, and the process's peak RSS (high-water mark, ru_maxrss) when the phase
 * ends. Exit codes: 0, 1 a load failed, 2 usage. */
#define _POSIX_C_SOURCE 200809L

#include "core/core_log.h"
#include "core/core_result.h"
#include "io/io_model.h"
#include "io/io_tinyobj.h"
#include "scene/scene_mesh.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_RUNS 101

enum { PHASE_IO, PHASE_SCENE, PHASE_TINYOBJ, PHASE_COUNT };
static const char *const phase_names[PHASE_COUNT] = {"io", "scene", "  of io: tinyobjloader"};

typedef struct sample {
    double ms[PHASE_COUNT];
    double peak_mib[PHASE_COUNT]; /* high-water RSS when the phase ended */
    io_format format;
    unsigned vertices, triangles;
} sample;

static double peak_rss_mib(void)
{
    struct rusage usage;
    return getrusage(RUSAGE_SELF, &usage) == 0 ? (double)usage.ru_maxrss / 1024.0 : 0.0;
}

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int send_sample(int fd, const sample *s)
{
    return write(fd, s, sizeof *s) == (ssize_t)sizeof *s ? 0 : 1;
}

/* The child's part: times its phases and writes them to `fd`. */
static int time_load(const char *path, int fd)
{
    sample s = {{0}, {0}, IO_FORMAT_UNKNOWN, 0, 0};
    double t0 = now_ms();
    io_model model;
    if (io_model_load(path, NULL, &model) != CORE_OK) {
        fprintf(stderr, "glint_load_phases: %s\n", core_last_error());
        return 1;
    }
    double t1 = now_ms();
    s.peak_mib[PHASE_IO] = peak_rss_mib();
    scene_mesh mesh;
    if (scene_mesh_from_model(&model, NULL, &mesh) != CORE_OK) {
        fprintf(stderr, "glint_load_phases: %s\n", core_last_error());
        return 1;
    }
    double t2 = now_ms();
    s.peak_mib[PHASE_SCENE] = peak_rss_mib();
    s.ms[PHASE_IO] = t1 - t0;
    s.ms[PHASE_SCENE] = t2 - t1;
    s.format = model.format;
    s.vertices = mesh.vertex_count;
    s.triangles = mesh.index_count / 3;
    scene_mesh_unload(&mesh);
    io_model_unload(&model);
    return send_sample(fd, &s);
}

static int time_tinyobj(const char *path, int fd)
{
    sample s = {{0}, {0}, IO_FORMAT_OBJ, 0, 0};
    io_tinyobj_data data;
    io_tinyobj_error error;
    double t0 = now_ms();
    int file = open(path, O_RDONLY | O_CLOEXEC);
    int ok = file >= 0 && io_tinyobj_parse_fd(file, NULL, NULL, &data, &error);
    if (file >= 0)
        close(file);
    s.ms[PHASE_TINYOBJ] = now_ms() - t0;
    s.peak_mib[PHASE_TINYOBJ] = peak_rss_mib();
    if (!ok) {
        fprintf(stderr, "glint_load_phases: %s: %s\n", path,
                file >= 0 ? error.message : "cannot open");
        return 1;
    }
    io_tinyobj_free(&data);
    return send_sample(fd, &s);
}

/* Runs `job` in a forked child and returns what it reports in `got`. */
static int in_child(int (*job)(const char *, int), const char *path, sample *got)
{
    int pipe_fd[2];
    if (pipe(pipe_fd) != 0)
        return 1;
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0)
        return 1;
    if (pid == 0) {
        close(pipe_fd[0]);
        _exit(job(path, pipe_fd[1]));
    }
    close(pipe_fd[1]);
    ssize_t n = read(pipe_fd[0], got, sizeof *got);
    close(pipe_fd[0]);
    int status;
    if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0 ||
        n != (ssize_t)sizeof *got)
        return 1;
    return 0;
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *values, int count)
{
    qsort(values, (size_t)count, sizeof *values, compare_doubles);
    return count % 2 ? values[count / 2] : 0.5 * (values[count / 2 - 1] + values[count / 2]);
}

int main(int argc, char **argv)
{
    int runs = 5;
    const char *path = NULL;
    for (int i = 1; i < argc; ++i) {
        if (strcmp(argv[i], "-n") == 0 && i + 1 < argc) {
            runs = atoi(argv[++i]);
        } else if (argv[i][0] == '-' || path) {
            path = NULL;
            break;
        } else {
            path = argv[i];
        }
    }
    if (!path || runs < 1 || runs > MAX_RUNS) {
        fprintf(stderr, "Usage: glint_load_phases [-n RUNS (1..%d)] FILE\n", MAX_RUNS);
        return 2;
    }
    core_log_set_level(CORE_LOG_ERROR);

    static double ms[PHASE_COUNT + 1][MAX_RUNS], peaks[PHASE_COUNT][MAX_RUNS];
    sample load = {{0}, {0}, IO_FORMAT_UNKNOWN, 0, 0};
    /* One unmeasured run first, as bench/measure.py does, to warm the page cache. */
    for (int run = -1; run < runs; ++run) {
        sample tiny = {{0}, {0}, IO_FORMAT_OBJ, 0, 0};
        if (in_child(time_load, path, &load) != 0 ||
            (load.format == IO_FORMAT_OBJ && in_child(time_tinyobj, path, &tiny) != 0)) {
            fprintf(stderr, "glint_load_phases: %s: loading failed\n", path);
            return 1;
        }
        if (run < 0)
            continue;
        load.ms[PHASE_TINYOBJ] = tiny.ms[PHASE_TINYOBJ];
        load.peak_mib[PHASE_TINYOBJ] = tiny.peak_mib[PHASE_TINYOBJ];
        for (int p = 0; p < PHASE_COUNT; ++p) {
            ms[p][run] = load.ms[p];
            peaks[p][run] = load.peak_mib[p];
        }
        ms[PHASE_COUNT][run] = load.ms[PHASE_IO] + load.ms[PHASE_SCENE];
    }
    double total = median(ms[PHASE_COUNT], runs);
    printf("%s (%s, %u triangles, %u vertices), median of %d runs, each a fresh process:\n", path,
           io_format_name(load.format), load.triangles, load.vertices, runs);
    printf("  %-24s %9s %7s %14s\n", "phase", "ms", "share", "peak RSS MiB");
    for (int p = 0; p < PHASE_COUNT; ++p) {
        if (p == PHASE_TINYOBJ && load.format != IO_FORMAT_OBJ)
            continue;
        double m = median(ms[p], runs);
        printf("  %-24s %9.1f %6.1f%% %14.1f\n", phase_names[p], m, 100.0 * m / total,
               median(peaks[p], runs));
    }
    printf("  %-24s %9.1f %6.1f%%\n", "io + scene", total, 100.0);
    return 0;
}
