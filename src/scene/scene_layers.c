#include "scene/scene_layers.h"

#include <math.h>

#define PI_F 3.14159265f
/* Grid points per side of each lobe's quadrature: importance sampling by the
 * lobe itself keeps even gloss (alpha 0.01) smooth at 256 x 256. */
#define GRID 256

void scene_layers_env(float n_dot_v, float roughness, float *scale, float *bias)
{
    /* Karis's polynomial fit to the split-sum lookup table. */
    const float c0[4] = {-1.0f, -0.0275f, -0.572f, 0.022f};
    const float c1[4] = {1.0f, 0.0425f, 1.04f, -0.04f};
    float r[4];
    for (int k = 0; k < 4; ++k)
        r[k] = roughness * c0[k] + c1[k];
    float a004 = fminf(r[0] * r[0], exp2f(-9.28f * n_dot_v)) * r[0] + r[1];
    *scale = -1.04f * a004 + r[2];
    *bias = 1.04f * a004 + r[3];
}

static float env_albedo(float f0, float n_dot_v, float roughness)
{
    float scale, bias;
    scene_layers_env(n_dot_v, roughness, &scale, &bias);
    return f0 * scale + bias;
}

static float schlick(float f0, float v_dot_h);

float scene_layers_coat_albedo(float f0, float n_dot_v, float roughness)
{
    /* The fit runs a little low for smooth coats seen obliquely, where the
     * albedo is the smooth interface's Fresnel: never less than that. */
    return fmaxf(env_albedo(f0, n_dot_v, roughness), schlick(f0, n_dot_v));
}

static float smith(float n_dot_v, float n_dot_l, float alpha)
{
    float a2 = alpha * alpha;
    float from_view = n_dot_l * sqrtf(n_dot_v * n_dot_v * (1.0f - a2) + a2);
    float from_light = n_dot_v * sqrtf(n_dot_l * n_dot_l * (1.0f - a2) + a2);
    return 0.5f / fmaxf(from_view + from_light, 1e-6f);
}

static float schlick(float f0, float v_dot_h)
{
    return f0 + (1.0f - f0) * powf(1.0f - v_dot_h, 5.0f);
}

/* The lobes' alphas and reflectances, as lit.frag derives them. */
typedef struct lobes {
    float coat_alpha, base_alpha, base_f0, base_lobe, coat_transmit;
} lobes;

static lobes lobes_of(const scene_layers *layers, float base, float n_dot_v)
{
    lobes out;
    out.coat_alpha = fmaxf(layers->coat_roughness * layers->coat_roughness, 1e-3f);
    float paint_alpha = fmaxf(layers->paint_roughness * layers->paint_roughness, 1e-3f);
    /* The coat blurs what the paint reflects: slopes' variances add. */
    out.base_alpha =
        sqrtf(paint_alpha * paint_alpha + layers->coat * out.coat_alpha * out.coat_alpha);
    /* Under a coat a dielectric paint has no interface of its own (binder
     * and varnish share an index near 1.5): diffuse only. */
    float dielectric_f0 = 0.04f * (1.0f - layers->coat);
    out.base_f0 = dielectric_f0 + (base - dielectric_f0) * layers->metallic;
    out.base_lobe = 1.0f + (layers->metallic - 1.0f) * layers->coat;
    out.coat_transmit = 1.0f - layers->coat * scene_layers_coat_albedo(layers->coat_f0, n_dot_v,
                                                                       layers->coat_roughness);
    return out;
}

/* A unit vector from polar angle's cosine and azimuth, about z. */
static void direction(float cos_theta, float phi, float out[3])
{
    float sin_theta = sqrtf(fmaxf(1.0f - cos_theta * cos_theta, 0.0f));
    out[0] = sin_theta * cosf(phi);
    out[1] = sin_theta * sinf(phi);
    out[2] = cos_theta;
}

/* The integral of D V F cos(l) over l, sampling h by the GGX distribution
 * on a stratified grid: each point's weight is 1 / pdf(l), pdf(l) =
 * D cos(h) / (4 v.h). */
static float lobe_albedo(const float v[3], float alpha, float f0)
{
    double sum = 0.0;
    for (int i = 0; i < GRID; ++i) {
        float xi = ((float)i + 0.5f) / GRID;
        float cos_h = sqrtf((1.0f - xi) / (1.0f + (alpha * alpha - 1.0f) * xi));
        for (int j = 0; j < GRID; ++j) {
            float h[3];
            direction(cos_h, 2.0f * PI_F * ((float)j + 0.5f) / GRID, h);
            float v_dot_h = v[0] * h[0] + v[1] * h[1] + v[2] * h[2];
            if (v_dot_h <= 0.0f)
                continue;
            float l_z = 2.0f * v_dot_h * h[2] - v[2];
            if (l_z <= 0.0f)
                continue;
            sum += 4.0f * smith(v[2], l_z, alpha) * schlick(f0, v_dot_h) * l_z * v_dot_h / cos_h;
        }
    }
    return (float)(sum / ((double)GRID * GRID));
}

/* The table's quadrature: smaller than GRID (a thousand entries made at the
 * first frame in a room, about 11 ms), still within 0.4 % of the 256 x 256
 * integral (test_layers). */
#define TABLE_GRID 40

/* The exact Fresnel of a dielectric of this index for light at cos_i from
 * the normal (unpolarised), what Cycles takes for a varnish of F0 0.04. */
static float fresnel_dielectric(float cos_i, float eta)
{
    float g2 = eta * eta - 1.0f + cos_i * cos_i;
    if (g2 <= 0.0f)
        return 1.0f;
    float g = sqrtf(g2);
    float a = (g - cos_i) / (g + cos_i);
    float b = (cos_i * (g + cos_i) - 1.0f) / (cos_i * (g - cos_i) + 1.0f);
    return 0.5f * a * a * (1.0f + b * b);
}

/* The lobe's albedo split three ways: Schlick's f0 (1 - s) + s as scale and
 * bias, and with the exact Fresnel of the varnish (index 1.5: F0 0.04). */
static void env_integral(float n_dot_v, float roughness, float out[3])
{
    float alpha = fmaxf(roughness * roughness, 1e-3f);
    float v[3];
    direction(fminf(fmaxf(n_dot_v, 1e-4f), 1.0f), 0.0f, v);
    float cos_phi[TABLE_GRID];
    for (int j = 0; j < TABLE_GRID; ++j)
        cos_phi[j] = cosf(2.0f * PI_F * ((float)j + 0.5f) / TABLE_GRID);
    double sum[3] = {0.0, 0.0, 0.0};
    for (int i = 0; i < TABLE_GRID; ++i) {
        float xi = ((float)i + 0.5f) / TABLE_GRID;
        float cos_h = sqrtf((1.0f - xi) / (1.0f + (alpha * alpha - 1.0f) * xi));
        float sin_h = sqrtf(fmaxf(1.0f - cos_h * cos_h, 0.0f));
        for (int j = 0; j < TABLE_GRID; ++j) {
            /* v lies in the x-z plane: only h's x and z matter. */
            float v_dot_h = v[0] * sin_h * cos_phi[j] + v[2] * cos_h;
            if (v_dot_h <= 0.0f)
                continue;
            float l_z = 2.0f * v_dot_h * cos_h - v[2];
            if (l_z <= 0.0f)
                continue;
            float w = 4.0f * smith(v[2], l_z, alpha) * l_z * v_dot_h / cos_h;
            float m = 1.0f - v_dot_h, s = m * m * m * m * m;
            sum[0] += w * (1.0f - s);
            sum[1] += w * s;
            sum[2] += w * fresnel_dielectric(v_dot_h, 1.5f);
        }
    }
    for (int k = 0; k < 3; ++k)
        out[k] = (float)(sum[k] / ((double)TABLE_GRID * TABLE_GRID));
}

void scene_layers_env_exact(float n_dot_v, float roughness, float *scale, float *bias)
{
    float e[3];
    env_integral(n_dot_v, roughness, e);
    *scale = e[0];
    *bias = e[1];
}

float scene_layers_coat_exact(float n_dot_v, float roughness)
{
    float e[3];
    env_integral(n_dot_v, roughness, e);
    return e[2];
}

void scene_layers_env_table(float table[SCENE_LAYERS_ENV_TABLE * SCENE_LAYERS_ENV_TABLE * 3])
{
    for (int j = 0; j < SCENE_LAYERS_ENV_TABLE; ++j)
        for (int i = 0; i < SCENE_LAYERS_ENV_TABLE; ++i)
            env_integral(((float)i + 0.5f) / SCENE_LAYERS_ENV_TABLE,
                         ((float)j + 0.5f) / SCENE_LAYERS_ENV_TABLE,
                         table + 3 * (j * SCENE_LAYERS_ENV_TABLE + i));
}

float scene_layers_albedo(const scene_layers *layers, float base, float n_dot_v)
{
    lobes lb = lobes_of(layers, base, n_dot_v);
    float v[3];
    direction(n_dot_v, 0.0f, v);
    float coat = layers->coat > 0.0f ? lobe_albedo(v, lb.coat_alpha, layers->coat_f0) : 0.0f;
    float specular =
        lb.base_lobe > 0.0f ? lb.base_lobe * lobe_albedo(v, lb.base_alpha, lb.base_f0) : 0.0f;
    /* Lambert, weighted by what the paint's own interface lets through:
     * cosine-weighted grid, so each point weighs 1 / (cos / pi). */
    double diffuse = 0.0;
    for (int i = 0; i < GRID; ++i) {
        float cos_l = sqrtf(((float)i + 0.5f) / GRID);
        for (int j = 0; j < GRID; ++j) {
            float l[3];
            direction(cos_l, 2.0f * PI_F * ((float)j + 0.5f) / GRID, l);
            float h[3] = {v[0] + l[0], v[1] + l[1], v[2] + l[2]};
            float length = sqrtf(h[0] * h[0] + h[1] * h[1] + h[2] * h[2]);
            float v_dot_h =
                length > 0.0f ? (v[0] * h[0] + v[1] * h[1] + v[2] * h[2]) / length : 1.0f;
            diffuse += 1.0f - lb.base_lobe * schlick(lb.base_f0, fmaxf(v_dot_h, 0.0f));
        }
    }
    diffuse *= (double)base * (1.0f - layers->metallic) / ((double)GRID * GRID);
    return coat + lb.coat_transmit * (specular + (float)diffuse);
}

float scene_layers_fill_albedo(const scene_layers *layers, float base, float n_dot_v)
{
    lobes lb = lobes_of(layers, base, n_dot_v);
    float base_roughness = sqrtf(lb.base_alpha);
    float specular = lb.base_lobe * env_albedo(lb.base_f0, n_dot_v, base_roughness);
    float dielectric = lb.base_lobe * env_albedo(0.04f, n_dot_v, base_roughness);
    float paint = specular + base * (1.0f - layers->metallic) * (1.0f - dielectric);
    return (1.0f - lb.coat_transmit) + lb.coat_transmit * paint;
}
