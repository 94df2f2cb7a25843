#ifndef GLINT_SCENE_ROOM_H
#define GLINT_SCENE_ROOM_H

/* The room around the lamp (--room): what the model sees in every direction
 * besides the lamp. Procedural, a function of the direction alone (no image
 * files), fixed to the world like a real room: the turntable turns the model
 * in it, and the lamp moves on its own. docs/lighting.md, "Rooms", has the
 * numbers.
 *
 * Radiance is relative to the lamp: 1 is what a white matte surface facing
 * the lamp at the reference distance returns at lamp intensity 1, so a room
 * keeps its share of the light whatever --light-intensity says. */

#include <stdbool.h>

typedef enum scene_room {
    SCENE_ROOM_DARK = 0, /* no room: the lamp and the dim uniform fill (--ambient) */
    SCENE_ROOM_DESK,     /* a window to the left, a ceiling, walls, a desk */
    SCENE_ROOM_STUDIO,   /* two soft boxes and a dark surround */
    SCENE_ROOM_NAMED,    /* the rooms --room names */
    /* Tests: radiance 1 everywhere, neutral (the furnace). Not a --room choice. */
    SCENE_ROOM_UNIFORM = SCENE_ROOM_NAMED,
    SCENE_ROOM_COUNT
} scene_room;

/* "dark", "desk", "studio" ("uniform" for the test room). */
const char *scene_room_name(scene_room room);
/* The named rooms, whatever the case; false for anything else. */
bool scene_room_parse(const char *text, scene_room *room);

/* The room's radiance towards the model from world direction `dir` (unit;
 * y up, the camera's default side +z), linear sRGB, relative to the lamp.
 * Dark: 0 (its fill is the frame's uniform ambient, not a room). */
void scene_room_radiance(scene_room room, const float dir[3], float rgb[3]);

/* The diffuse light the room gives: irradiance / pi as nine spherical-
 * harmonic coefficients per channel (bands 0-2, the cosine lobe already
 * convolved in: Ramamoorthi and Hanrahan 2001), so that a white matte
 * surface with normal n returns sum_i sh[i] * scene_room_sh_basis(n)[i].
 * A uniform room of radiance L gives exactly L. */
void scene_room_irradiance_sh(scene_room room, float sh[9][3]);
/* The nine real SH basis functions at a unit direction, in the order above. */
void scene_room_sh_basis(const float dir[3], float basis[9]);

/* The room's mean radiance over all directions, per channel (what the docs
 * call its brightness, as a fraction of the lamp's). */
void scene_room_mean(scene_room room, float rgb[3]);

/* A direction through texel (u, v) of a cube map's face (u, v in -1..1 from
 * the texel's centre), in OpenGL's cube-map layout: faces +x, -x, +y, -y,
 * +z, -z; u along the face's rows, v down its rows (first row v = -1).
 * Not normalised. The shaders' prefilter uses the same layout. */
void scene_room_cube_direction(int face, float u, float v, float dir[3]);

#endif
