/* Rooms on screen: specular occlusion keeps a cavity from glowing. A block
 * with a deep slot (6 mm wide, 15 mm deep) faces the camera in --room desk,
 * the lamp 100 m away so that the room is all the light: the slot's floor
 * and the block's front face have the same normal and see the same room
 * reflected, so without occlusion their specular radiance would be the
 * same; with the baked occlusion and Lagarde's specular occlusion the floor
 * reflects much less. Also: the room's light reaches the model (the desk's
 * window side is brighter than the other side). Reads the analysis buffers. */
#define _POSIX_C_SOURCE 200809L
#include "../check.h"
#include "gpu_fixture.h"

#include <string.h>

/* Appends an axis-aligned box as OBJ text, each face a grid of `cells` x
 * `cells` quads (per-vertex occlusion needs vertices inside a face), wound
 * outwards. */
static char *add_box(char *at, int *vertices, const float lo[3], const float hi[3], int cells)
{
    for (int axis = 0; axis < 3; ++axis)
        for (int side = 0; side < 2; ++side) {
            int u = (axis + 1) % 3, v = (axis + 2) % 3;
            int first = *vertices + 1;
            for (int j = 0; j <= cells; ++j)
                for (int i = 0; i <= cells; ++i) {
                    float p[3];
                    p[axis] = side ? hi[axis] : lo[axis];
                    p[u] = lo[u] + (hi[u] - lo[u]) * (float)i / (float)cells;
                    p[v] = lo[v] + (hi[v] - lo[v]) * (float)j / (float)cells;
                    at += sprintf(at, "v %.4f %.4f %.4f\n", p[0], p[1], p[2]);
                    ++*vertices;
                }
            for (int j = 0; j < cells; ++j)
                for (int i = 0; i < cells; ++i) {
                    int a = first + j * (cells + 1) + i, b = a + 1, c = a + cells + 1, d = c + 1;
                    /* u x v is +axis: counter-clockwise seen from outside on the + side. */
                    if (side)
                        at += sprintf(at, "f %d %d %d\nf %d %d %d\n", a, b, d, a, d, c);
                    else
                        at += sprintf(at, "f %d %d %d\nf %d %d %d\n", a, d, b, a, c, d);
                }
        }
    return at;
}

/* A 40 x 40 x 20 mm block, its front face at z = 10, with a slot 6 mm wide
 * and 15 mm deep down its whole height: two side blocks and a back one. */
static char *slotted_block(size_t *size)
{
    char *text = malloc(4u << 20), *at = text;
    int vertices = 0;
    const float left_lo[3] = {-20, -20, -10}, left_hi[3] = {-3, 20, 10};
    const float right_lo[3] = {3, -20, -10}, right_hi[3] = {20, 20, 10};
    const float back_lo[3] = {-3, -20, -10}, back_hi[3] = {3, 20, -5};
    at = add_box(at, &vertices, left_lo, left_hi, 24);
    at = add_box(at, &vertices, right_lo, right_hi, 24);
    at = add_box(at, &vertices, back_lo, back_hi, 24);
    *size = (size_t)(at - text);
    return text;
}

enum { W = 320, H = 320 };

typedef struct region {
    double sum[3];
    int count;
} region;

static void add_pixel(region *r, const float *rgb)
{
    for (int c = 0; c < 3; ++c)
        r->sum[c] += rgb[c];
    r->count++;
}

static double green(const region *r)
{
    return r->count ? r->sum[1] / r->count : 0.0;
}

static render_frame_desc room_frame(scene_room room, scene_finish_kind finish)
{
    render_frame_desc frame = render_frame_desc_defaults();
    frame.room = room;
    frame.finish = finish;
    frame.shot.camera.elevation_deg = 0.0f;
    frame.shot.lamp.distance_mm = 100000.0f; /* the room is all the light */
    frame.no_shadows = true;
    return frame;
}

static void test_cavity(gpu_fixture *f, const render_model *model, scene_finish_kind finish)
{
    render_frame_desc frame = room_frame(SCENE_ROOM_DESK, finish);
    render_analysis a;
    CHECK(render_read_analysis(&f->render, model, &frame, W, H, &a) == CORE_OK);
    region floor = {0}, face = {0};
    for (int i = 0; i < W * H; ++i) {
        if (a.part[i] < 0 || a.normal[3 * i + 2] < 0.99f)
            continue;
        const float *p = &a.position[3 * i];
        if (fabsf(p[1]) > 14.0f)
            continue; /* away from the slot's open ends */
        if (fabsf(p[2] + 5.0f) < 0.1f && fabsf(p[0]) < 2.0f)
            add_pixel(&floor, &a.specular[3 * i]);
        else if (fabsf(p[2] - 10.0f) < 0.1f && fabsf(p[0]) > 8.0f && fabsf(p[0]) < 17.0f)
            add_pixel(&face, &a.specular[3 * i]);
    }
    printf("%s in the desk room: specular on the slot's floor %.5f (%d px), on the front face "
           "%.5f (%d px): %.2f\n",
           scene_finish_name(finish), green(&floor), floor.count, green(&face), face.count,
           green(&floor) / (green(&face) + 1e-12));
    CHECK(floor.count > 200 && face.count > 2000);
    CHECK(green(&face) > 1e-4);          /* the room is reflected at all */
    CHECK(green(&floor) < 0.6 * green(&face)); /* and the cavity does not glow */
    render_analysis_free(&a);
}

/* The desk's window is on the model's left (-x): a face turned to it
 * gathers more of the room's diffuse light than one turned away. */
static void test_window_side(gpu_fixture *f, const render_model *model)
{
    render_frame_desc frame = room_frame(SCENE_ROOM_DESK, SCENE_FINISH_MATTE);
    render_analysis a;
    region left = {0}, right = {0};
    /* The outer sides are seen edge on from the front: turn the block to
     * see each (the room stays: it is fixed to the world). */
    for (int side = 0; side < 2; ++side) {
        render_frame_desc turned = frame;
        turned.shot.turntable_deg = side ? -60.0f : 60.0f;
        CHECK(render_read_analysis(&f->render, model, &turned, W, H, &a) == CORE_OK);
        for (int i = 0; i < W * H; ++i) {
            if (a.part[i] < 0 || fabsf(a.position[3 * i + 1]) > 14.0f)
                continue;
            /* the outer side faces, in the model's own frame */
            if (fabsf(a.position[3 * i] + 20.0f) < 0.1f && side == 0)
                add_pixel(&left, &a.diffuse[3 * i]);
            else if (fabsf(a.position[3 * i] - 20.0f) < 0.1f && side == 1)
                add_pixel(&right, &a.diffuse[3 * i]);
        }
        render_analysis_free(&a);
    }
    printf("desk room, diffuse on the side facing the window %.4f (%d px), on the other %.4f "
           "(%d px)\n",
           green(&left), left.count, green(&right), right.count);
    CHECK(left.count > 500 && right.count > 500);
    CHECK(green(&left) > 3.0 * green(&right));
}

int main(void)
{
    gpu_fixture f;
    if (!gpu_fixture_open(&f))
        return 1;
    size_t size;
    char *obj = slotted_block(&size);
    render_model model;
    CHECK(gpu_fixture_model("slot.obj", obj, size, &model));
    free(obj);
    test_cavity(&f, &model, SCENE_FINISH_GLOSS);
    test_cavity(&f, &model, SCENE_FINISH_MATTE);
    test_window_side(&f, &model);
    printf("occlusion baked in %.0f ms, the desk room made in %.0f ms\n",
           1000.0 * f.render.occlusion_seconds, 1000.0 * f.render.room_seconds[SCENE_ROOM_DESK]);
    render_model_unload(&model);
    gpu_fixture_close(&f);
    return check_done("test_room");
}
