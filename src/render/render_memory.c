#include "render/render.h"
#include "render/render_internal.h"

/* What a render costs in memory, before any GL object exists, so that a
 * machine (or a ulimit) too small for it gets an error or fewer samples
 * instead of a driver that aborts half-way (llvmpipe: "LLVM ERROR: Unable to
 * allocate section memory", or a segfault while binning). The driver's own
 * costs were measured on llvmpipe (Mesa 22.3, docs/cli.md) with the smallest
 * `ulimit -v` each render needed; they are rounded up, as the estimate is
 * only useful while it errs on the safe side. */

#define MIB ((uint64_t)1 << 20)
/* Shader JIT code and state the driver allocates at the first draw, above
 * what a made context already holds (measured: under 10 MiB for a small
 * model at 1280x960; kept generous). */
#define DRIVER_ALLOWANCE (32 * MIB)
#define SHADOW_MAP_BYTES ((uint64_t)2048 * 2048 * 4)
/* Per pixel and sample: RGBA16F colour and 24-bit depth (stored in 4). */
#define SAMPLE_BYTES 12u
/* Per pixel once: the resolved RGBA16F, the RGBA8 target and its depth, the
 * readback and the PNG's rows. */
#define PIXEL_BYTES 32u
/* The detector's MRT (4 x RGBA16F, 2 x RGBA32F, depth) and its CPU copies,
 * and the deferred analysis render's G-buffer (4 x RGBA32F, RGBA16F, depth). */
#define ANALYSIS_PIXEL_BYTES (150u + RENDER_ANALYSIS_GBUFFER_BYTES)
/* llvmpipe bins every triangle per draw. Measured beyond the mesh (1M and
 * 2M triangles at 1280x960, the smallest ulimit -v that rendered): about
 * 130 bytes a triangle at 1 sample, 350 at 2 and at 4 (not linear in the
 * samples: multisampled rasterisation keeps more per triangle). Modelled
 * as 140 single-sampled and 360 + 16 per sample multisampled. */
#define TRIANGLE_SINGLE_BYTES 140u
#define TRIANGLE_MULTI_BYTES 360u
#define TRIANGLE_SAMPLE_BYTES 16u

uint64_t render_memory_estimate(const render_memory_desc *desc)
{
    uint64_t pixels = (uint64_t)desc->width * (uint64_t)desc->height;
    uint64_t samples = desc->samples > 1 ? (uint64_t)desc->samples : 1;
    uint64_t triangles = desc->index_count / 3;
    uint64_t bytes = DRIVER_ALLOWANCE + SHADOW_MAP_BYTES;
    bytes += pixels * (samples * SAMPLE_BYTES + PIXEL_BYTES);
    /* Deferred lighting's G-buffer, for the frames that take it. */
    if (samples > 1 && pixels * samples * RENDER_DEFERRED_SAMPLE_BYTES <= RENDER_DEFERRED_MAX_BYTES)
        bytes += pixels * samples * RENDER_DEFERRED_SAMPLE_BYTES;
    if (desc->analysis)
        bytes += pixels * ANALYSIS_PIXEL_BYTES;
    /* The mesh's buffers in the driver (the CPU copy is already counted by
     * the caller's measure of what is in use). */
    bytes += (uint64_t)desc->vertex_count * SCENE_VERTEX_FLOATS * sizeof(float) +
             (uint64_t)desc->index_count * 4;
    bytes += triangles * (samples > 1 ? TRIANGLE_MULTI_BYTES + TRIANGLE_SAMPLE_BYTES * samples
                                      : TRIANGLE_SINGLE_BYTES);
    return bytes;
}

int render_memory_fit_samples(const render_memory_desc *desc, uint64_t available)
{
    render_memory_desc fewer = *desc;
    if (fewer.samples < 1)
        fewer.samples = 1;
    for (; fewer.samples >= 1; fewer.samples /= 2)
        if (render_memory_estimate(&fewer) <= available)
            return fewer.samples;
    return 0;
}
