#ifndef GLINT_SCENE_MESH_H
#define GLINT_SCENE_MESH_H

/* The model as glint draws it: GPU-ready interleaved vertices in millimetres,
 * parts with their paint, and bounds. Built from io's file data; no GL here. */

#include "core/core_result.h"
#include "io/io_model.h"
#include "scene/scene_finish.h"

#include <stdbool.h>
#include <stdint.h>

/* Interleaved vertex layout: position xyz (mm), normal xyz, uv, colour rgb
 * (linear; 1,1,1 where the file has none, so it multiplies to the identity).
 * 44 bytes a vertex: the colour costs 12 of them even on files without any,
 * which keeps one vertex format and one shader for every model. */
#define SCENE_VERTEX_FLOATS 11
#define SCENE_VERTEX_COLOR 8 /* offset of the colour in floats */
#define SCENE_WARNINGS_MAX 4

typedef enum scene_units {
    SCENE_UNITS_DEFAULT = 0, /* millimetres: STL's convention, and the sample's */
    SCENE_UNITS_MM,
    SCENE_UNITS_CM,
    SCENE_UNITS_M,
    SCENE_UNITS_IN
} scene_units;

/* Which file axis points up. The mesh is turned so that it is +Y (glint's
 * vertical, the turntable's axis) and the model faces +Z. */
typedef enum scene_up {
    SCENE_UP_AUTO = 0, /* the file's own statement, else the format's convention:
                          +Z for STL and 3MF (printing), +Y for OBJ, glTF and PLY */
    SCENE_UP_POS_Y,
    SCENE_UP_POS_Z,
    SCENE_UP_NEG_Y,
    SCENE_UP_NEG_Z,
    SCENE_UP_POS_X,
    SCENE_UP_NEG_X,
    SCENE_UP_COUNT
} scene_up;

/* Whether a part made of several disconnected shells becomes one part per shell. */
typedef enum scene_split {
    SCENE_SPLIT_AUTO = 0, /* shells, when an STL, 3MF or PLY file has one part */
    SCENE_SPLIT_NONE,
    SCENE_SPLIT_SHELLS
} scene_split;

/* Zero fields mean "default". */
typedef struct scene_mesh_desc {
    scene_units units;      /* default: what the file states (glTF, 3MF), else mm */
    float crease_angle_deg; /* default 40; faces meeting at a sharper angle get split normals */
    scene_up up;
    scene_split split;
} scene_mesh_desc;

/* Where a part's colour comes from. Paint is kept apart from the finish
 * (the varnish over it): a part has both. */
typedef enum scene_paint_source {
    SCENE_PAINT_FILE = 0,   /* the material's colour (Kd / base colour) */
    SCENE_PAINT_VERTEX,     /* the file's vertex colours */
    SCENE_PAINT_TEXTURE,    /* the material's base-colour texture (times its colour) */
    SCENE_PAINT_CHOSEN      /* --paint: a named paint or #rrggbb; replaces the file's */
} scene_paint_source;

typedef struct scene_paint {
    scene_paint_source source;
    float color[3]; /* linear RGB; multiplies the texture or vertex colours when used */
    float metallic; /* 1 for metallic paints (silver, gold...): the colour tints the
                       reflection and there is no diffuse */
    float roughness;    /* the paint's own perceptual roughness; < 0: the file's (a
                           #rrggbb paint changes only the colour) */
    float translucency; /* 0..1: wrap lighting and thin-edge back light (skin, wax) */
    char name[32];  /* "gold", "#a03020"; empty for the file's own */
} scene_paint;

typedef struct scene_part {
    char name[IO_NAME_MAX];
    float base_color[3]; /* linear RGB: paint.color, kept for the code that reads it */
    scene_paint paint;      /* what the part is drawn with (scene_part_set_paint) */
    scene_paint file_paint; /* what the file gave it: the viewer's "undo paint" */
    uint32_t material;   /* index into the io_model's materials */
    scene_finish finish; /* the file's first guess: no varnish, its roughness and metallic
                            (also the file paint's); a frame's varnish goes over the paint */
    uint32_t first_index;
    uint32_t index_count;
    /* Where a part split from shells sits and how big it is, as seen from
     * the front ("top, left, 12 mm tall"); empty for the file's own parts. */
    char description[48];
    /* The sphere around the part's vertices: centre xyz and radius (mm, in
     * the upright frame, as scene_bounds), for framing one part (--focus). */
    float sphere[4];
    /* Closed and wound outwards (scene_closed_mark): a pass whose viewpoint
     * is outside the part may leave its back faces out. */
    bool closed;
    /* Closed but wound inwards, every shell (scene_closed_mark), until
     * scene_closed_turn_out turns it; `turned_out` once it has. */
    bool inside_out;
    bool turned_out;
} scene_part;

typedef struct scene_bounds {
    float min[3];
    float max[3];
    float center[3];
    float radius; /* of the sphere around center that holds every vertex */
} scene_bounds;

typedef struct scene_mesh {
    float *vertices;
    uint32_t vertex_count;
    uint32_t *indices;
    uint32_t index_count;
    scene_part *parts;
    uint32_t part_count;
    scene_bounds bounds;     /* millimetres */
    float mm_per_unit;       /* the file's units */
    char units_reason[96];   /* "--units cm", "glTF's spec (metres)", "default (mm)" */
    scene_up up;             /* the axis used: never SCENE_UP_AUTO */
    char up_reason[96];      /* "--up z", "STL is Z-up (printing convention)", "glTF's spec" */
    uint32_t shells_split;   /* parts added by splitting shells (0: none) */
    uint32_t dropped_triangles;   /* degenerate or zero-area */
    uint32_t computed_normals;    /* vertices whose normal glint computed */
    char warnings[SCENE_WARNINGS_MAX][256];
    uint32_t warning_count;
} scene_mesh;

const char *scene_units_name(scene_units units);
/* "y", "z", "-y", "-z", "x", "-x", "auto". */
const char *scene_up_name(scene_up up);
bool scene_up_parse(const char *text, scene_up *up);
/* The axis AUTO stands for with this model, and why (for info and the HUD). */
scene_up scene_up_resolve(const io_model *model, scene_up requested, char *reason,
                          size_t reason_size);
/* Turns a file vector (position or normal) into glint's upright frame: the
 * chosen axis becomes +Y, always by a rotation (never a mirror). docs/models.md
 * ("Up axis") lists where each axis puts the front. */
void scene_up_rotate(scene_up up, const float in[3], float out[3]);
/* The next axis in the viewer's cycle: y, z, -y, -z, x, -x. */
scene_up scene_up_next(scene_up up);
const char *scene_split_name(scene_split split);
bool scene_split_parse(const char *text, scene_split *split);
/* Parses "mm", "cm", "m", "in"; false otherwise. */
bool scene_units_parse(const char *text, scene_units *units);

core_result scene_mesh_from_model(const io_model *model, const scene_mesh_desc *desc,
                                  scene_mesh *mesh);
void scene_mesh_unload(scene_mesh *mesh);

#endif
