#ifndef GLINT_SCENE_SHOT_H
#define GLINT_SCENE_SHOT_H

/* A lighting test as settings: where the turntable stands, where the camera
 * and the one lamp are. Start from scene_shot_defaults(): angles and the fill
 * light are taken as they are, since zero is a real angle and zero fill is
 * none; fields where zero is no real value (distances, sizes, temperatures,
 * intensity, the frame's fill) still read zero as "the default", and the
 * lamp's distance is left to resolving (it depends on the model's size).
 * Lengths are millimetres at the model's real size. Resolving a shot against
 * a mesh gives the matrices and the lamp. */

#include "scene/scene_mesh.h"

typedef struct scene_camera_desc {
    float azimuth_deg;   /* around the vertical axis; 0 looks at the model's front (+Z) */
    float elevation_deg; /* 12 in the defaults: slightly from above, as on a desk */
    /* Physical mode (the default): the eye's distance from the model's centre,
     * default 300 mm (the craft's 20-50 cm); the field of view follows, so the
     * perspective is the eye's. A negative value turns it off: the camera
     * then stands as far as a fov_y_deg lens needs. */
    float viewing_distance_mm;
    float fov_y_deg; /* only without physical mode; default 30 */
    float fill;      /* fraction of the frame's height the model's sphere fills; default 0.9 */
    /* Slides camera and aim together across the view (mm right, mm up), so a
     * detail can be centred without turning; default 0 (the model's centre). */
    float pan_mm[2];
    /* A detail to frame (--focus PART): the part's bounding sphere, its
     * centre in millimetres in the model's own upright frame (as the mesh's
     * vertices are, before the turntable turns it) and its radius; radius 0
     * frames the whole model. As a macro lens would: the eye stands the same
     * viewing distance from the detail as it would from the whole model, in
     * the same direction, and the field of view narrows until the detail's
     * sphere fills `fill` of the frame. The turntable turns the model and the
     * detail with it, so the aim follows the detail to where this frame's
     * angle puts it. */
    float focus_center[3];
    float focus_radius;
} scene_camera_desc;

typedef struct scene_lamp_desc {
    float azimuth_deg;   /* 40 in the defaults: to the right of the camera, seen from the front */
    float elevation_deg; /* 45 in the defaults */
    float distance_mm;   /* from the model's centre; default 250, or 3 radii for big models */
    float radius_mm;     /* the bulb's radius; default 10 (a small LED lamp's diffuser) */
    float intensity;     /* 1 gives a white matte surface facing the lamp at 250 mm a
                            radiance of 1 (display white at 0 EV); default 1. For a
                            model over ~167 mm across, whose default lamp stands 3
                            radii away, that holds at that default distance */
    float kelvin;        /* colour temperature, 1500-12000; default 4000 (a desk LED) */
    float ambient;       /* dim fill radiance on white; 0.03 in the defaults; 0: none */
    float ambient_kelvin; /* the fill's tint; default 8000 (cool, against a warm lamp) */
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
    float lamp_radius;       /* mm */
    float lamp_intensity[3]; /* radiant intensity per channel (linear sRGB) */
    float ambient[3];        /* fill radiance on white, per channel */
    float near_plane;
    float far_plane;
    int framed_from_afar; /* the model is over SCENE_PHYSICAL_MAX_MM: the camera backed off */
    /* The lamp's view for shadows: a perspective from the lamp's centre that
     * just holds the model's bounding sphere (the turntable never changes it). */
    int shadows;                     /* 0 when the lamp is inside the bounds */
    float light_view_projection[16];
    float light_near, light_far;     /* mm along the lamp's axis */
    float light_tan_half_fov;
} scene_view;

/* Models whose bounding sphere is at most this wide (mm) are seen from the
 * physical viewing distance (the craft's 20-50 cm); larger ones (a statue, a
 * terrain board, a file in the wrong units) are seen as a model this wide is:
 * from the viewing distance times diameter / SCENE_PHYSICAL_MAX_MM, through
 * the same lens, and scene_view.framed_from_afar says so. */
#define SCENE_PHYSICAL_MAX_MM 250.0f

/* The lamp distance at which intensity 1 gives a facing white matte surface
 * radiance 1 (for models whose default lamp is further, that default). */
#define SCENE_LAMP_REFERENCE_MM 250.0f

/* The standard shot: every default spelt out. */
scene_shot scene_shot_defaults(void);
/* Fills in the zero fields that mean "default" (see above) and the lamp's
 * distance, which depends on the model's size. */
scene_shot scene_shot_resolve(const scene_shot *shot, const scene_bounds *bounds);
/* The matrices and lamp for a shot of the mesh at an aspect ratio (width / height). */
void scene_shot_view(const scene_shot *shot, const scene_bounds *bounds, float aspect,
                     scene_view *view);

#endif
