#ifndef GLINT_BENCH_GEN_BIG_MESH_H
#define GLINT_BENCH_GEN_BIG_MESH_H

/* What gen_big_mesh.c (the surface, OBJ, STL, main) shares with gen_big_formats.c (PLY and
 * GLB of the same surface): one tool, two files. */

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define PART_COUNT 4
#define PATH_MAX_BYTES 4096

typedef struct grid {
    uint32_t u, v; /* segments around the ring and around the tube */
} grid;

typedef struct out_file {
    FILE *file;
    char path[PATH_MAX_BYTES];
    char temp[PATH_MAX_BYTES];
} out_file;

extern const char *const part_materials[PART_COUNT];
extern const float kd[PART_COUNT][3]; /* the parts' diffuse colours (MTL Kd) */
extern const float ns[PART_COUNT];    /* and specular exponents (MTL Ns) */

/* Surface point and outward unit normal at ring angle a, tube angle b (radians), in mm. */
void surface_point(double a, double b, double p[3]);
void surface_normal(double a, double b, double n[3]);
/* 2 pi step / steps. */
double angle(uint32_t step, uint32_t steps);
/* The two triangles of quad (i, j), counter-clockwise from outside, as vertex i * v + j. */
void quad_triangles(const grid *g, uint32_t i, uint32_t j, uint32_t tri[2][3]);
/* The rings of the grid part `part` covers: [first, last). */
void part_rings(const grid *g, uint32_t part, uint32_t *first, uint32_t *last);

/* FOLDER/NAME written as NAME.tmp, renamed into place by close_out when ok. */
bool open_out(out_file *out, const char *folder, const char *name, const char *mode);
bool close_out(out_file *out, bool ok);
void put_u32(unsigned char *b, uint32_t x); /* little-endian */
void put_f32(unsigned char *b, float f);

/* gen_big_formats.c */
bool write_ply(const char *folder, const char *name, const grid *g);
bool write_glb(const char *folder, const char *name, const grid *g);

#endif
