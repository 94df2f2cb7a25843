#ifndef GLINT_INSPECT_ADVICE_H
#define GLINT_INSPECT_ADVICE_H

/* A check's verdict in a painter's words (docs/detector.md, "Glossary"):
 * what reads badly, on which part and where on it, when in the turn, and
 * what to try, all derived from the run (the flags, the parts' finishes,
 * the lamp). Used by `glint check` (printed and in its report) and its
 * pictures' captions. */

#include "inspect/inspect.h"

#include <stdbool.h>
#include <stddef.h>

/* One problem: a flag on one part, its ranges taken together. */
typedef struct inspect_problem {
    detect_flag flag;
    int32_t part;
    float from_deg, to_deg; /* from the first range's start to the last one's end */
    int ranges;             /* how many of the summary's ranges it gathers */
    int flagged_steps;
    int worst_range; /* the summary's range with the strongest step */
    float worst_deg;
    bool fails;        /* it fails by the verdict's rules on its own, or its flag
                          fails only with its parts together */
    char place[96];    /* "top front left, 46 mm up" (upright model, seen from the front) */
    char severity[48]; /* "severe", "fails", "slight (within the limits)" */
    char line[320];    /* the problem in one line, for people */
    float size_mm;     /* the flag's feature size on the model (inspect_life.h); 0: none */
    char life[256];    /* it at life size, in words (inspect_advice_at_scale); "": none */
} inspect_problem;

typedef struct inspect_advice {
    bool flagged;
    /* 1 line on a PASS, 2-4 on a FAIL ('\n' between, none at the end):
     * the verdict with the flags' angle ranges, then what to try. */
    char summary[1024];
    inspect_problem *problems; /* failing flags first, then by flag, then angle */
    int problem_count;
    /* On a FAIL checked in steps coarser than the glossiest part asks for:
     * what a finer check would add, in one sentence; else empty. */
    char step_note[320];
    float scale_n; /* the scale `life` is read at; 0: not yet (inspect_advice_at_scale) */
} inspect_advice;

/* The painter's word for a flag: "pinpoints", "hairlines", "jitter",
 * "sparkle", "facets". */
const char *inspect_flag_word(detect_flag flag);

/* Where an object-space point (upright, millimetres) sits on the model:
 * height as a word ("top", "upper", "middle", "lower", "bottom") and
 * side as seen from the front at turntable 0 (left/right: -X/+X,
 * front/back: +Z/-Z; nothing when near the middle), then mm up from the
 * model's base. */
void inspect_place(const scene_bounds *bounds, const float point[3], char *text, size_t size);

/* The advice on `run`, a sweep of `frame`'s look of `model`. Free it with
 * inspect_advice_free, also on failure. */
core_result inspect_advise(const render_model *model, const render_frame_desc *frame,
                           const inspect_run *run, inspect_advice *advice);
void inspect_advice_free(inspect_advice *advice);

#endif
