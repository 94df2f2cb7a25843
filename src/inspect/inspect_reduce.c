#include "inspect/inspect_reduce.h"

#include "detect/detect_risk.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The analysis pixels [first, last] that display pixel `i` of `shown`
 * covers out of `size`, and how much of each (the ends may be partial). */
typedef struct span {
    int first, last;
    float first_weight, last_weight;
} span;

static span span_of(int i, int size, int shown)
{
    float scale = (float)size / (float)shown;
    float from = (float)i * scale, to = (float)(i + 1) * scale;
    span s = {(int)floorf(from), (int)ceilf(to) - 1, 0.0f, 0.0f};
    s.last = s.last >= size ? size - 1 : s.last;
    s.first_weight = fminf((float)(s.first + 1), to) - from;
    s.last_weight = to - fmaxf((float)s.last, from);
    return s;
}

static float weight_in(const span *s, int k)
{
    return k == s->first ? s->first_weight : k == s->last ? s->last_weight : 1.0f;
}

static float luminance(const float *rgb)
{
    return 0.2126f * rgb[0] + 0.7152f * rgb[1] + 0.0722f * rgb[2];
}

static core_result allocate(render_analysis *out, int width, int height)
{
    size_t n = (size_t)width * (size_t)height;
    memset(out, 0, sizeof *out);
    out->width = width;
    out->height = height;
    out->specular = malloc(3 * n * sizeof(float));
    out->diffuse = malloc(3 * n * sizeof(float));
    out->normal = malloc(3 * n * sizeof(float));
    out->position = malloc(3 * n * sizeof(float));
    out->geometric = malloc(3 * n * sizeof(float));
    out->depth = malloc(n * sizeof(float));
    out->part = malloc(n * sizeof(int32_t));
    out->alpha = malloc(n * sizeof(float));
    out->footprint = malloc(n * sizeof(float));
    if (out->specular && out->diffuse && out->normal && out->position && out->geometric &&
        out->depth && out->part && out->alpha && out->footprint)
        return CORE_OK;
    render_analysis_free(out);
    return core_fail(CORE_ERR_NO_MEMORY, "out of memory for a %dx%d shown analysis", width, height);
}

/* Copies analysis pixel `from`'s surface into display pixel `to`. */
static void take_surface(const render_analysis *in, size_t from, render_analysis *out, size_t to,
                         float scale)
{
    memcpy(&out->normal[3 * to], &in->normal[3 * from], 3 * sizeof(float));
    memcpy(&out->position[3 * to], &in->position[3 * from], 3 * sizeof(float));
    memcpy(&out->geometric[3 * to], &in->geometric[3 * from], 3 * sizeof(float));
    out->depth[to] = in->depth[from];
    out->part[to] = in->part[from];
    out->alpha[to] = in->alpha[from];
    out->footprint[to] = in->footprint[from] * scale;
}

core_result inspect_reduce_analysis(const render_analysis *in, int width, int height,
                                    render_analysis *out, float *analysis_rhat)
{
    core_result r = allocate(out, width, height);
    if (r != CORE_OK)
        return r;
    out->view = in->view;
    size_t n_in = (size_t)in->width * (size_t)in->height;
    float *rhat = analysis_rhat ? malloc(n_in * sizeof(float)) : NULL;
    if (analysis_rhat && !rhat) {
        render_analysis_free(out);
        return core_fail(CORE_ERR_NO_MEMORY, "out of memory for a %dx%d analysis", in->width,
                         in->height);
    }
    if (rhat) {
        /* M1 on the analysis's own pixels: how finely it samples the lobe */
        detect_risk_desc risk = {in->width,     in->height, in->normal, in->position,
                                 in->footprint, in->alpha,  in->part,   0.0f};
        detect_risk_summary ignored;
        r = detect_predict_risk(&risk, NULL, rhat, &ignored);
        if (r != CORE_OK) {
            free(rhat);
            render_analysis_free(out);
            return r;
        }
    }
    float scale = (float)in->width / (float)width;
    for (int y = 0; y < height; ++y) {
        span sy = span_of(y, in->height, height);
        int cy = (int)floorf(((float)y + 0.5f) * (float)in->height / (float)height);
        cy = cy >= in->height ? in->height - 1 : cy;
        for (int x = 0; x < width; ++x) {
            span sx = span_of(x, in->width, width);
            int cx = (int)floorf(((float)x + 0.5f) * scale);
            cx = cx >= in->width ? in->width - 1 : cx;
            size_t to = (size_t)y * (size_t)width + (size_t)x;
            size_t centre = (size_t)cy * (size_t)in->width + (size_t)cx;
            /* The radiance the display pixel shows: the mean over its area
             * of the samples on the centre's part, as a supersampled screen
             * shows a pixel the part fills (the background is no surface). */
            int32_t part = in->part[centre];
            double spec[3] = {0, 0, 0}, diff[3] = {0, 0, 0}, weights = 0.0;
            float brightest = -1.0f;
            size_t lit = centre;
            for (int ky = sy.first; ky <= sy.last; ++ky) {
                for (int kx = sx.first; kx <= sx.last; ++kx) {
                    size_t from = (size_t)ky * (size_t)in->width + (size_t)kx;
                    if (part < 0 || in->part[from] != part)
                        continue;
                    double w = (double)weight_in(&sy, ky) * (double)weight_in(&sx, kx);
                    for (int c = 0; c < 3; ++c) {
                        spec[c] += w * in->specular[3 * from + c];
                        diff[c] += w * in->diffuse[3 * from + c];
                    }
                    weights += w;
                    float shine = luminance(&in->specular[3 * from]);
                    if (shine > brightest) {
                        brightest = shine;
                        lit = from;
                    }
                }
            }
            for (int c = 0; c < 3; ++c) {
                out->specular[3 * to + c] = weights > 0.0 ? (float)(spec[c] / weights) : 0.0f;
                out->diffuse[3 * to + c] = weights > 0.0 ? (float)(diff[c] / weights) : 0.0f;
            }
            /* It stands for the surface that lights it: the brightest
             * sample's. A pixel across a facet's edge then has the lit
             * facet's normal, as a pixel the edge does not cross has; the
             * centre's, with no sample at the centre when the scale is even,
             * gave the dark facet's normal to a half-lit pixel, and the
             * faceted sphere F's FACET steps went from 11 of 11 to 1 at
             * 512 px shown at 256. */
            take_surface(in, lit, out, to, scale);
            if (analysis_rhat)
                analysis_rhat[to] = rhat ? rhat[lit] : INFINITY;
        }
    }
    free(rhat);
    return CORE_OK;
}
