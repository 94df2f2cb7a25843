#ifndef GLINT_SCENE_SHOT_H
#define GLINT_SCENE_SHOT_H

/* A lighting test as settings: where the turntable stands, where the camera
 * and the one lamp are. Zero fields mean "default", so `scene_shot shot = {0}`
 * is the standard shot. Resolving it against a mesh gives the matrices. */

#include "scene/scene_mesh.h"

typedef struct scene_camera_desc {
    float azimuth_deg;   /* around the vertical axis; 0 looks at the model's front (+Z) */
    float elevation_deg; /* default 12: slightly from above, as on a desk */
    float fov_y_deg;     /* default 30 */
    float fill;          /* fraction of the frame's height the model's sphere fills; default 0.9 */
} scene_camera_desc;

typedef struct scene_lamp_desc {
    float azimuth_deg;   /* default 40: front left of the camera */
    float elevation_deg; /* default 45 */
    float distance;      /* from the model's centre in model units; default 4 radii */
    float intensity;     /* irradiance at the model's centre; default 1 */
    float ambient;       /* dim fill; default 0.06; negative turns it off */
} scene_lamp_desc;

typedef struct scene_shot {
    float turntable_deg; /* the model turns; camera and lamp stay */
    scene_camera_desc camera;
    scene_lamp_desc lamp;
} scene_shot;

typedef struct scene_view {
    float model[16]; /* column-major, as GL wants */
    float view[16];
    float projection[16];
    float eye[3];
    float lamp_position[3];
    float lamp_intensity; /* radiant intensity: irradiance at the centre times distance^2 */
    float ambient;
    float near_plane;
    float far_plane;
} scene_view;

/* Fills in every zero field of the shot with its default. */
scene_shot scene_shot_resolve(const scene_shot *shot, const scene_bounds *bounds);
/* The matrices and lamp for a shot of the mesh at an aspect ratio (width / height). */
void scene_shot_view(const scene_shot *shot, const scene_bounds *bounds, float aspect,
                     scene_view *view);

#endif
