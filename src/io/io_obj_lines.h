#ifndef GLINT_IO_OBJ_LINES_H
#define GLINT_IO_OBJ_LINES_H

/* glint's own look at each OBJ line before tinyobjloader reads it. Its
 * number parser reads "nan", "a" or a missing coordinate as 0 and its
 * indices overflow int, so what it would misread is refused here with the
 * line; what editors write that it drops (a BOM, backslashes in mtllib) is
 * rewritten in place; and polygons whose triangulation would take minutes
 * (its ear clipping is quadratic in the corners) are refused. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* At most this many corners in one face: tinyobjloader triangulates a
 * 10,000-gon in about 0.3 s, a 200,000-gon in minutes. */
#define IO_OBJ_FACE_MAX 10000
/* The sum of corners squared over all faces of more than four corners:
 * about 3 s of triangulation, and far beyond any sculpted or painted model. */
#define IO_OBJ_POLYGON_WORK_MAX 1000000000ull

typedef struct io_obj_lines {
    size_t line;           /* the line last checked, from 1 */
    uint64_t polygon_work; /* so far, against IO_OBJ_POLYGON_WORK_MAX */
    char error[256];       /* why the line was refused, without file or line */
} io_obj_lines;

/* Checks one line (`length` bytes, without its terminator; line numbers
 * count every call) and rewrites it in place where needed, never changing
 * its length. Returns false, with the reason in lines->error, for a line
 * that must refuse the file. */
bool io_obj_check_line(io_obj_lines *lines, char *text, size_t length);

#ifdef __cplusplus
}
#endif

#endif
