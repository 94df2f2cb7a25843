/* Closed parts drawn without their back faces (docs/PERFORMANCE.md, "Closed
 * parts"): on a closed, outward-wound solid the pictures are those of the
 * same part drawn whole, frame by frame and view by view, the analysis
 * buffers too, but for the odd silhouette sample that a back face owned on
 * its edge; the passes do leave the faces out where the flag says so; and a
 * viewpoint inside the part, or a near plane that cuts it, leaves them in. The flag is turned on
 * the uploaded model's own copy of the parts, which is what the passes read. */
#include "../check.h"
#include "gpu_fixture.h"
#include "render/render_internal.h"

#include <stdint.h>

enum { W = 320, H = 240 };
static uint8_t culled[W * H * 4], whole[W * H * 4];

/* A bumpy torus (tube 7 mm around a 20 mm ring, Y up), wound outwards. */
static char *torus_obj(size_t *size)
{
    enum { U = 96, V = 48 };
    size_t capacity = (size_t)U * V * 80 + 64;
    char *text = malloc(capacity);
    if (!text)
        return NULL;
    size_t n = 0;
    for (int i = 0; i < U; ++i) {
        for (int j = 0; j < V; ++j) {
            double u = 6.283185307179586 * i / U, v = 6.283185307179586 * j / V;
            double r = 7.0 + 0.6 * sin(5.0 * u) * cos(3.0 * v);
            n += (size_t)snprintf(text + n, capacity - n, "v %.5f %.5f %.5f\n",
                                  (20.0 + r * cos(v)) * cos(u), 10.0 + r * sin(v),
                                  (20.0 + r * cos(v)) * sin(u));
        }
    }
    for (int i = 0; i < U; ++i) {
        for (int j = 0; j < V; ++j) {
            int a = i * V + j + 1, b = ((i + 1) % U) * V + j + 1;
            int c = ((i + 1) % U) * V + (j + 1) % V + 1, d = i * V + (j + 1) % V + 1;
            n += (size_t)snprintf(text + n, capacity - n, "f %d %d %d\nf %d %d %d\n", a, c, b, a, d,
                                  c);
        }
    }
    *size = n;
    return text;
}

/* A cube 40 mm across on the origin, wound outwards or (inverted) inwards;
 * `open`: without its bottom (the two faces on y = 0), a box upside down. */
static char *cube_obj(bool inverted, bool open, size_t *size)
{
    static const int faces[12][3] = {{1, 3, 4}, {1, 4, 2}, {5, 6, 8}, {5, 8, 7},
                                     {1, 2, 6}, {1, 6, 5}, {3, 7, 8}, {3, 8, 4},
                                     {1, 5, 7}, {1, 7, 3}, {2, 4, 8}, {2, 8, 6}};
    char *text = malloc(1024);
    if (!text)
        return NULL;
    size_t n = 0;
    for (int c = 0; c < 8; ++c)
        n += (size_t)snprintf(text + n, 1024 - n, "v %d %d %d\n", (c & 1) ? 20 : -20,
                              (c & 2) ? 40 : 0, (c & 4) ? 20 : -20);
    for (int f = open ? 2 : 0; f < 12; ++f)
        n += (size_t)snprintf(text + n, 1024 - n, "f %d %d %d\n", faces[f][0],
                              faces[f][inverted ? 2 : 1], faces[f][inverted ? 1 : 2]);
    *size = n;
    return text;
}

/* How many pixels of two RGBA frames differ by more than `by` in some
 * channel, and (in *largest) by how much at most. */
static int differing(const uint8_t *a, const uint8_t *b, int by, int *largest)
{
    int differ = 0;
    *largest = 0;
    for (int p = 0; p < W * H; ++p) {
        int most = 0;
        for (int c = 0; c < 4; ++c) {
            int d = abs((int)a[4 * p + c] - (int)b[4 * p + c]);
            most = d > most ? d : most;
        }
        differ += most > by;
        *largest = most > *largest ? most : *largest;
    }
    return differ;
}

/* The frame with the part's flag as given, then drawn whole; returns how
 * many pixels differ and (in *largest) by how much at most. */
static int compare(gpu_fixture *f, render_model *model, bool closed, const render_frame_desc *frame,
                   int *largest)
{
    model->parts[0].closed = closed;
    CHECK(render_offscreen(&f->render, model, frame, W, H, culled) == CORE_OK);
    model->parts[0].closed = false;
    CHECK(render_offscreen(&f->render, model, frame, W, H, whole) == CORE_OK);
    return differing(culled, whole, 0, largest);
}

static void test_closed_solid(gpu_fixture *f)
{
    size_t size = 0;
    char *text = torus_obj(&size);
    render_model model;
    CHECK(text && gpu_fixture_model("torus.obj", text, size, &model));
    free(text);
    CHECK(model.part_count == 1 && model.parts[0].closed);
    static const render_view views[] = {RENDER_VIEW_SHADED, RENDER_VIEW_SPECULAR, RENDER_VIEW_CLAY,
                                        RENDER_VIEW_NORMALS, RENDER_VIEW_SILHOUETTE};
    static const float angles[] = {0.0f, 33.0f, 150.0f};
    for (size_t a = 0; a < sizeof angles / sizeof *angles; ++a) {
        for (size_t v = 0; v < sizeof views / sizeof *views; ++v) {
            render_frame_desc frame = render_frame_desc_defaults();
            frame.shot.turntable_deg = angles[a];
            frame.view = views[v];
            /* Steeper, so the ring's hole and far side show. */
            frame.shot.camera.elevation_deg = 35.0f;
            int largest = 0;
            int differ = compare(f, &model, true, &frame, &largest);
            printf("%s at %.0f degrees: %d of %d pixels differ, at most %d/255\n",
                   render_view_name(views[v]), (double)angles[a], differ, W * H, largest);
            CHECK(differ <= W * H / 5000); /* a silhouette sample here and there */
        }
    }
    /* The analysis buffers `glint check` reads. */
    render_frame_desc frame = render_frame_desc_defaults();
    frame.shot.turntable_deg = 20.0f;
    render_analysis a, b;
    model.parts[0].closed = true;
    CHECK(render_read_analysis(&f->render, &model, &frame, W, H, &a) == CORE_OK);
    model.parts[0].closed = false;
    CHECK(render_read_analysis(&f->render, &model, &frame, W, H, &b) == CORE_OK);
    int parts_differ = 0, covered = 0;
    for (int p = 0; p < W * H; ++p) {
        parts_differ += a.part[p] != b.part[p];
        covered += a.part[p] >= 0;
    }
    printf("analysis: %d of %d covered pixels differ in part\n", parts_differ, covered);
    CHECK(covered > W * H / 20);
    CHECK(parts_differ <= W * H / 5000);
    render_analysis_free(&a);
    render_analysis_free(&b);
    render_model_unload(&model);
}

/* An inside-out box (open at the bottom, so scene leaves it as it is:
 * test_closed) taken for closed: the faces turned from the camera go, and
 * the far walls show through, so the flag is honoured. */
static void test_flag_honoured(gpu_fixture *f)
{
    size_t size = 0;
    char *text = cube_obj(true, true, &size);
    render_model model;
    CHECK(text && gpu_fixture_model("inverted.obj", text, size, &model));
    free(text);
    CHECK(model.part_count == 1 && !model.parts[0].closed && !model.parts[0].turned_out);
    render_frame_desc frame = render_frame_desc_defaults();
    frame.view = RENDER_VIEW_NORMALS;
    int largest = 0;
    int differ = compare(f, &model, true, &frame, &largest);
    printf("inverted cube, taken for closed: %d pixels differ, at most %d/255\n", differ, largest);
    CHECK(differ > W * H / 20);
    render_model_unload(&model);

    text = cube_obj(false, false, &size);
    CHECK(text && gpu_fixture_model("cube.obj", text, size, &model));
    free(text);
    CHECK(model.part_count == 1 && model.parts[0].closed);
    /* As close as the camera comes (scene_shot keeps the eye outside the
     * model's sphere): the same picture. */
    frame.shot.camera.viewing_distance_mm = 5.0f;
    differ = compare(f, &model, true, &frame, &largest);
    printf("the closest camera: %d pixels differ\n", differ);
    CHECK(differ == 0);
    render_model_unload(&model);
}

/* A face seen from behind is shaded as a sheet's other side: the box
 * wound inwards (open, so not turned) looks as the box wound outwards, in
 * the forward (clay, specular) and the deferred (shaded) passes and the
 * analysis buffers; interpolated as they are, its normals would face away
 * and leave the walls black. */
static void test_two_sided(gpu_fixture *f)
{
    static uint8_t inside[W * H * 4], outside[W * H * 4];
    render_model in, out;
    size_t size = 0;
    char *text = cube_obj(true, true, &size);
    CHECK(text && gpu_fixture_model("inward.obj", text, size, &in));
    free(text);
    text = cube_obj(false, true, &size);
    CHECK(text && gpu_fixture_model("outward.obj", text, size, &out));
    free(text);
    CHECK(!in.parts[0].closed && !out.parts[0].closed);
    static const render_view views[] = {RENDER_VIEW_SHADED, RENDER_VIEW_SPECULAR, RENDER_VIEW_CLAY,
                                        RENDER_VIEW_NORMALS};
    for (size_t v = 0; v < sizeof views / sizeof *views; ++v) {
        render_frame_desc frame = render_frame_desc_defaults();
        frame.view = views[v];
        frame.shot.turntable_deg = 30.0f;
        CHECK(render_offscreen(&f->render, &in, &frame, W, H, inside) == CORE_OK);
        CHECK(render_offscreen(&f->render, &out, &frame, W, H, outside) == CORE_OK);
        int largest = 0;
        int differ = differing(inside, outside, 2, &largest);
        printf("a box wound inwards, %s: %d pixels differ from it wound outwards, at most %d/255\n",
               render_view_name(views[v]), differ, largest);
        CHECK(differ <= W * H / 5000);
    }
    render_frame_desc frame = render_frame_desc_defaults();
    render_analysis a, b;
    CHECK(render_read_analysis(&f->render, &in, &frame, W, H, &a) == CORE_OK);
    CHECK(render_read_analysis(&f->render, &out, &frame, W, H, &b) == CORE_OK);
    int lit = 0, dark = 0;
    for (int p = 0; p < W * H; ++p) {
        if (b.part[p] < 0 || b.diffuse[3 * p + 1] <= 0.0f)
            continue;
        ++lit;
        dark += !(a.diffuse[3 * p + 1] > 0.5f * b.diffuse[3 * p + 1]);
    }
    printf("analysis: %d of %d lit pixels darker wound inwards\n", dark, lit);
    CHECK(lit > W * H / 50 && dark <= lit / 1000);
    render_analysis_free(&a);
    render_analysis_free(&b);
    render_model_unload(&in);
    render_model_unload(&out);
}

/* The rule itself, on views made by hand (the shots scene_shot makes never
 * put the eye inside the model): a viewpoint inside a closed part's sphere,
 * or a near plane that cuts it, leaves its back faces in; so does a part
 * that is not closed. A mirroring model matrix turns which faces are front. */
static void test_rule(void)
{
    scene_part part = {.closed = true, .sphere = {0.0f, 20.0f, 0.0f, 35.0f}};
    scene_view view = {0};
    for (int i = 0; i < 4; ++i)
        view.model[5 * i] = view.view[5 * i] = 1.0f;
    view.near_plane = 1.0f;
    view.light_near = 1.0f;
    /* The eye looks down -z from (0, 20, eye_z); the lamp likewise from lamp_z
     * (clip w = lamp_z - z). */
    view.view[13] = -20.0f;
    view.light_view_projection[11] = -1.0f;
    view.view[14] = -100.0f;
    view.light_view_projection[15] = 100.0f;
    CHECK(render_part_culls_for_camera(&part, &view));
    CHECK(render_part_culls_for_lamp(&part, &view));
    view.view[14] = -10.0f; /* the eye inside the sphere */
    view.light_view_projection[15] = 10.0f;
    CHECK(!render_part_culls_for_camera(&part, &view));
    CHECK(!render_part_culls_for_lamp(&part, &view));
    view.view[14] = -40.0f; /* outside, but the near plane cuts the sphere */
    view.near_plane = 6.0f;
    view.light_view_projection[15] = 40.0f;
    view.light_near = 6.0f;
    CHECK(!render_part_culls_for_camera(&part, &view));
    CHECK(!render_part_culls_for_lamp(&part, &view));
    view.near_plane = 4.0f;
    view.light_near = 4.0f;
    CHECK(render_part_culls_for_camera(&part, &view));
    CHECK(render_part_culls_for_lamp(&part, &view));
    view.model[0] = 2.0f; /* scaled: the sphere grows with it */
    CHECK(!render_part_culls_for_camera(&part, &view));
    view.model[0] = 1.0f;
    part.closed = false;
    CHECK(!render_part_culls_for_camera(&part, &view));
    CHECK(!render_part_culls_for_lamp(&part, &view));
    CHECK(!render_view_mirrored(&view));
    view.model[0] = -1.0f;
    CHECK(render_view_mirrored(&view));
}

int main(void)
{
    test_rule();
    gpu_fixture f;
    if (!gpu_fixture_open(&f))
        return 1;
    test_closed_solid(&f);
    test_flag_honoured(&f);
    test_two_sided(&f);
    gpu_fixture_close(&f);
    return check_done("test_cull");
}
