#include "scene/scene_room.h"

#include "core/core_text.h"
#include "scene/scene_light.h"

#include <math.h>
#include <string.h>

static const char *const room_names[SCENE_ROOM_COUNT] = {"dark", "desk", "studio", "uniform"};

const char *scene_room_name(scene_room room)
{
    return room < SCENE_ROOM_COUNT ? room_names[room] : "unknown";
}

bool scene_room_parse(const char *text, scene_room *room)
{
    for (int r = 0; r < SCENE_ROOM_NAMED; ++r)
        if (core_text_same_name(text, room_names[r])) {
            *room = (scene_room)r;
            return true;
        }
    return false;
}

/* A flat rectangle in the room: its centre's azimuth (from +z towards +x,
 * as the lamp's) and elevation, its half-width and half-height as angles
 * seen from the model, and a soft edge (a fraction of its half-size over
 * which it fades, as a soft box's diffuser does; 0: a hard edge). */
typedef struct panel {
    float azimuth_deg, elevation_deg;
    float half_width_deg, half_height_deg;
    float soft;
} panel;

static const float degrees = 3.14159265f / 180.0f;

/* How much of the panel covers direction d: 1 inside, 0 outside. */
static float panel_cover(const panel *p, const float d[3])
{
    float az = p->azimuth_deg * degrees, el = p->elevation_deg * degrees;
    float c[3] = {cosf(el) * sinf(az), sinf(el), cosf(el) * cosf(az)};
    float forward = d[0] * c[0] + d[1] * c[1] + d[2] * c[2];
    if (forward <= 0.0f)
        return 0.0f;
    /* The panel's right (horizontal) and up axes, and the gnomonic
     * projection of d onto its plane: a rectangle stays a rectangle. */
    float right[3] = {cosf(az), 0.0f, -sinf(az)};
    float up[3] = {-sinf(el) * sinf(az), cosf(el), -sinf(el) * cosf(az)};
    float x = (d[0] * right[0] + d[2] * right[2]) / forward;
    float y = (d[0] * up[0] + d[1] * up[1] + d[2] * up[2]) / forward;
    float sx = fabsf(x) / tanf(p->half_width_deg * degrees);
    float sy = fabsf(y) / tanf(p->half_height_deg * degrees);
    if (p->soft <= 0.0f)
        return sx <= 1.0f && sy <= 1.0f ? 1.0f : 0.0f;
    float edge = fmaxf(sx, sy);
    return fminf(fmaxf((1.0f - edge) / p->soft + 0.5f, 0.0f), 1.0f);
}

static void add(float rgb[3], const float colour[3], float amount)
{
    for (int c = 0; c < 3; ++c)
        rgb[c] += colour[c] * amount;
}

/* A smooth step from 0 at a to 1 at b. */
static float ramp(float x, float a, float b)
{
    float t = fminf(fmaxf((x - a) / (b - a), 0.0f), 1.0f);
    return t * t * (3.0f - 2.0f * t);
}

/* The desk: a plain room lit by a window to the model's left (the camera's
 * left at the default azimuth; the default lamp stands front right). The
 * window is daylight, two panes split by a mullion; the ceiling is lit by
 * the window's bounce; walls of warm off-white; a wooden desk below. */
/* The rooms' colours, by temperature: computed once (each is an integral
 * over the spectrum, too slow for every direction of a cube map). */
typedef struct palette {
    float daylight[3], ceiling[3], wall[3], wood[3], studio[3];
} palette;

static const palette *colours(void)
{
    static palette p;
    static bool ready;
    if (!ready) {
        scene_kelvin_to_linear_srgb(6500.0f, p.daylight);
        scene_kelvin_to_linear_srgb(5000.0f, p.ceiling);
        scene_kelvin_to_linear_srgb(4000.0f, p.wall);
        scene_kelvin_to_linear_srgb(3000.0f, p.wood);
        scene_kelvin_to_linear_srgb(5600.0f, p.studio);
        ready = true;
    }
    return &p;
}

static void desk(const float d[3], float rgb[3])
{
    const palette *p = colours();
    const float *daylight = p->daylight, *ceiling = p->ceiling, *wall = p->wall, *wood = p->wood;
    float elevation = asinf(fminf(fmaxf(d[1], -1.0f), 1.0f)) / degrees;
    /* Walls all round; towards the ceiling above 30 degrees, the desk below
     * -10; the side the window is on is a little brighter (its light on the
     * sill and the jambs). */
    float window_side = 0.5f - 0.5f * d[0];
    add(rgb, wall, 0.08f + 0.06f * window_side);
    float up = ramp(elevation, 25.0f, 40.0f);
    float down = ramp(-elevation, 5.0f, 15.0f);
    for (int c = 0; c < 3; ++c)
        rgb[c] *= 1.0f - up - down;
    add(rgb, ceiling, up * (0.30f + 0.10f * window_side));
    add(rgb, wood, down * 0.04f);
    /* The window: two panes split by a 1-degree mullion, 65 x 44 degrees in
     * all, to the model's left and behind it (a desk set side-on to the
     * window, the painter facing along it), its sill just above the desk.
     * Daylight through it is ten times the lamp's white: an overcast sky is
     * a few thousand cd/m^2, white paper under a desk lamp a few hundred. */
    const panel left_pane = {-103.5f, 16.0f, 16.0f, 22.0f, 0.0f};
    const panel right_pane = {-136.5f, 16.0f, 16.0f, 22.0f, 0.0f};
    float window = fmaxf(panel_cover(&left_pane, d), panel_cover(&right_pane, d));
    if (window > 0.0f) {
        for (int c = 0; c < 3; ++c)
            rgb[c] *= 1.0f - window;
        add(rgb, daylight, window * 10.0f);
    }
}

/* The studio: a large key soft box front left and above, a narrower strip
 * box behind to the right as a rim light, the rest near black (a dark
 * backdrop and floor), as miniatures are photographed. */
static void studio(const float d[3], float rgb[3])
{
    const float *white = colours()->studio;
    add(rgb, white, 0.006f);
    const panel key = {-45.0f, 30.0f, 25.0f, 30.0f, 0.15f};
    const panel rim = {140.0f, 20.0f, 12.0f, 30.0f, 0.15f};
    add(rgb, white, 3.0f * panel_cover(&key, d) + 2.0f * panel_cover(&rim, d));
}

void scene_room_radiance(scene_room room, const float dir[3], float rgb[3])
{
    rgb[0] = rgb[1] = rgb[2] = 0.0f;
    float length = sqrtf(dir[0] * dir[0] + dir[1] * dir[1] + dir[2] * dir[2]);
    if (length <= 0.0f)
        return;
    float d[3] = {dir[0] / length, dir[1] / length, dir[2] / length};
    if (room == SCENE_ROOM_DESK)
        desk(d, rgb);
    else if (room == SCENE_ROOM_STUDIO)
        studio(d, rgb);
    else if (room == SCENE_ROOM_UNIFORM)
        rgb[0] = rgb[1] = rgb[2] = 1.0f;
}

void scene_room_cube_direction(int face, float u, float v, float dir[3])
{
    /* OpenGL's table (the 3.3 spec, 3.8.10): for each face the major axis
     * and which of s, t runs along -z, -y, ... */
    switch (face) {
    case 0: dir[0] = 1.0f, dir[1] = -v, dir[2] = -u; break;
    case 1: dir[0] = -1.0f, dir[1] = -v, dir[2] = u; break;
    case 2: dir[0] = u, dir[1] = 1.0f, dir[2] = v; break;
    case 3: dir[0] = u, dir[1] = -1.0f, dir[2] = -v; break;
    case 4: dir[0] = u, dir[1] = -v, dir[2] = 1.0f; break;
    default: dir[0] = -u, dir[1] = -v, dir[2] = -1.0f; break;
    }
}

void scene_room_sh_basis(const float d[3], float basis[9])
{
    float x = d[0], y = d[1], z = d[2];
    basis[0] = 0.28209479f; /* 1 / (2 sqrt(pi)) */
    basis[1] = 0.48860251f * y;
    basis[2] = 0.48860251f * z;
    basis[3] = 0.48860251f * x;
    basis[4] = 1.09254843f * x * y;
    basis[5] = 1.09254843f * y * z;
    basis[6] = 0.31539157f * (3.0f * z * z - 1.0f);
    basis[7] = 1.09254843f * x * z;
    basis[8] = 0.54627422f * (x * x - y * y);
}

/* Integrates over a cube's texels, each weighted by its solid angle
 * (4 / n^2 / (1 + u^2 + v^2)^1.5), the weights scaled to sum to 4 pi. */
enum { SH_GRID = 96 };

typedef void (*direction_visit)(const float d[3], float weight, const float rgb[3], void *user);

static void integrate(scene_room room, direction_visit visit, void *user)
{
    double total = 0.0;
    for (int pass = 0; pass < 2; ++pass) {
        double scale = pass ? 4.0 * 3.14159265358979 / total : 0.0;
        for (int face = 0; face < 6; ++face)
            for (int j = 0; j < SH_GRID; ++j)
                for (int i = 0; i < SH_GRID; ++i) {
                    float u = 2.0f * ((float)i + 0.5f) / SH_GRID - 1.0f;
                    float v = 2.0f * ((float)j + 0.5f) / SH_GRID - 1.0f;
                    float s = 1.0f + u * u + v * v;
                    double weight = 1.0 / ((double)s * sqrt((double)s));
                    if (!pass) {
                        total += weight;
                        continue;
                    }
                    float d[3], rgb[3];
                    scene_room_cube_direction(face, u, v, d);
                    float n = sqrtf(s);
                    for (int c = 0; c < 3; ++c)
                        d[c] /= n;
                    scene_room_radiance(room, d, rgb);
                    visit(d, (float)(weight * scale), rgb, user);
                }
    }
}

typedef struct sh_sum {
    double c[9][3];
} sh_sum;

static void add_sh(const float d[3], float weight, const float rgb[3], void *user)
{
    sh_sum *sum = user;
    float basis[9];
    scene_room_sh_basis(d, basis);
    for (int i = 0; i < 9; ++i)
        for (int c = 0; c < 3; ++c)
            sum->c[i][c] += (double)(rgb[c] * basis[i] * weight);
}

void scene_room_irradiance_sh(scene_room room, float sh[9][3])
{
    sh_sum sum;
    memset(&sum, 0, sizeof sum);
    integrate(room, add_sh, &sum);
    /* Irradiance / pi: each band times A_l / pi, A = (pi, 2 pi / 3, pi / 4). */
    static const float band[9] = {1.0f,        2.0f / 3.0f, 2.0f / 3.0f, 2.0f / 3.0f, 0.25f,
                                  0.25f,       0.25f,       0.25f,       0.25f};
    for (int i = 0; i < 9; ++i)
        for (int c = 0; c < 3; ++c)
            sh[i][c] = (float)sum.c[i][c] * band[i];
}

static void add_mean(const float d[3], float weight, const float rgb[3], void *user)
{
    (void)d;
    double *sum = user;
    for (int c = 0; c < 3; ++c)
        sum[c] += (double)(rgb[c] * weight);
}

void scene_room_mean(scene_room room, float rgb[3])
{
    double sum[3] = {0.0, 0.0, 0.0};
    integrate(room, add_mean, sum);
    for (int c = 0; c < 3; ++c)
        rgb[c] = (float)(sum[c] / (4.0 * 3.14159265358979));
}
