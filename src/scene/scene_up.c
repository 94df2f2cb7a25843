#include "scene/scene_mesh.h"

#include <stdio.h>
#include <string.h>

static const char *const up_names[SCENE_UP_COUNT] = {
    [SCENE_UP_AUTO] = "auto", [SCENE_UP_POS_Y] = "y",  [SCENE_UP_POS_Z] = "z",
    [SCENE_UP_NEG_Y] = "-y",  [SCENE_UP_NEG_Z] = "-z", [SCENE_UP_POS_X] = "x",
    [SCENE_UP_NEG_X] = "-x"};

const char *scene_up_name(scene_up up)
{
    return up >= 0 && up < SCENE_UP_COUNT ? up_names[up] : "auto";
}

bool scene_up_parse(const char *text, scene_up *up)
{
    for (int u = 0; u < SCENE_UP_COUNT; ++u) {
        /* "+z" is how people write an axis too */
        const char *name = text[0] == '+' && u != SCENE_UP_AUTO ? text + 1 : text;
        if (strcmp(name, up_names[u]) == 0) {
            *up = (scene_up)u;
            return true;
        }
    }
    return false;
}

scene_up scene_up_next(scene_up up)
{
    /* y, z, -y, -z, x, -x and round again: the two usual answers first */
    return up + 1 < SCENE_UP_COUNT && up != SCENE_UP_AUTO ? up + 1 : SCENE_UP_POS_Y;
}

void scene_up_rotate(scene_up up, const float in[3], float out[3])
{
    float x = in[0], y = in[1], z = in[2];
    switch (up) {
    /* Quarter turns about X, so y, z, -y, -z in the viewer's cycle each turn
     * the model a further quarter: Z-up files face -Y (Blender's and the
     * slicers' front view looks along +Y), which ends at +Z. */
    case SCENE_UP_POS_Z: out[0] = x, out[1] = z, out[2] = -y; break;
    case SCENE_UP_NEG_Y: out[0] = x, out[1] = -y, out[2] = -z; break;
    case SCENE_UP_NEG_Z: out[0] = x, out[1] = -z, out[2] = y; break;
    /* Quarter turns about Z: the file's +Z stays the front. */
    case SCENE_UP_POS_X: out[0] = -y, out[1] = x, out[2] = z; break;
    case SCENE_UP_NEG_X: out[0] = y, out[1] = -x, out[2] = z; break;
    default: out[0] = x, out[1] = y, out[2] = z; break;
    }
}

static scene_up from_axis(io_axis axis)
{
    switch (axis) {
    case IO_AXIS_POS_X: return SCENE_UP_POS_X;
    case IO_AXIS_NEG_X: return SCENE_UP_NEG_X;
    case IO_AXIS_POS_Y: return SCENE_UP_POS_Y;
    case IO_AXIS_NEG_Y: return SCENE_UP_NEG_Y;
    case IO_AXIS_POS_Z: return SCENE_UP_POS_Z;
    case IO_AXIS_NEG_Z: return SCENE_UP_NEG_Z;
    default: return SCENE_UP_AUTO;
    }
}

scene_up scene_up_resolve(const io_model *model, scene_up requested, char *reason,
                          size_t reason_size)
{
    if (requested != SCENE_UP_AUTO) {
        snprintf(reason, reason_size, "--up %s", scene_up_name(requested));
        return requested;
    }
    scene_up stated = from_axis(model->stated_up);
    if (stated != SCENE_UP_AUTO) {
        snprintf(reason, reason_size, "%s", model->up_stated_by[0] ? model->up_stated_by
                                                                      : "the file says so");
        return stated;
    }
    switch (model->format) {
    case IO_FORMAT_STL_BINARY:
    case IO_FORMAT_STL_ASCII:
        /* Files made for printing (almost every miniature sold as STL) stand on
         * the build plate: Z is up. */
        snprintf(reason, reason_size, "STL files are Z-up (the 3D-printing convention)");
        return SCENE_UP_POS_Z;
    case IO_FORMAT_3MF:
        snprintf(reason, reason_size, "3MF is Z-up (its spec)");
        return SCENE_UP_POS_Z;
    case IO_FORMAT_GLTF:
    case IO_FORMAT_GLB: snprintf(reason, reason_size, "glTF is Y-up (its spec)"); return SCENE_UP_POS_Y;
    case IO_FORMAT_PLY:
        snprintf(reason, reason_size, "PLY files are usually Y-up (scanners' convention)");
        return SCENE_UP_POS_Y;
    default:
        snprintf(reason, reason_size, "OBJ files are Y-up (the modelling convention)");
        return SCENE_UP_POS_Y;
    }
}

const char *scene_split_name(scene_split split)
{
    switch (split) {
    case SCENE_SPLIT_NONE: return "none";
    case SCENE_SPLIT_SHELLS: return "shells";
    default: return "auto";
    }
}

bool scene_split_parse(const char *text, scene_split *split)
{
    static const scene_split all[] = {SCENE_SPLIT_AUTO, SCENE_SPLIT_NONE, SCENE_SPLIT_SHELLS};
    for (size_t i = 0; i < sizeof all / sizeof *all; ++i) {
        if (strcmp(text, scene_split_name(all[i])) == 0) {
            *split = all[i];
            return true;
        }
    }
    return false;
}
