#ifndef GLINT_DETECT_SUMMARY_H
#define GLINT_DETECT_SUMMARY_H

/* A sweep's verdict from its per-step records (docs/detector.md, "Verdict"):
 * flagged angle ranges per flag, the worst step of each and where on the
 * model it is, summary scores, and pass or fail. Pure C. */

#include "detect/detect_sweep.h"

typedef struct detect_range {
    detect_flag flag;
    int first, last;       /* frame indices, inclusive */
    float from_deg, to_deg;
    int flagged_steps;     /* steps inside the range that carry the flag */
    int worst;             /* the frame where the flag is strongest */
    float worst_angle_deg;
    detect_where where;    /* that frame's flagged pixels */
} detect_range;

/* Zero fields mean the spec's rules. */
typedef struct detect_verdict_desc {
    float max_pin_share;   /* PIN or HAIR in more than this share of steps fails; 0: 0.10 */
    int min_jitter_steps;  /* a JIT range with this many flagged steps fails; 0: 2 */
} detect_verdict_desc;

typedef struct detect_summary {
    int steps;
    int flagged_steps[DETECT_FLAG_COUNT];
    detect_range *ranges; /* by flag, then angle */
    int range_count;
    float jitter_mean;
    float pin_density_mean;   /* PINs per 10k object pixels, over all steps */
    float persistence_mean;   /* over the steps that have PINs; 1 when none do */
    float t2_p99_max;
    float cae_max;
    float wobble_max;
    float rhat_median;        /* median over the steps that show a highlight */
    bool fail[DETECT_FLAG_COUNT];
    bool flagged;             /* any fail */
} detect_summary;

/* Consecutive flagged steps form a range; ranges one unflagged step apart
 * merge. `frames` are in turning order. */
core_result detect_summarize(const detect_frame *frames, int count,
                             const detect_verdict_desc *rules, detect_summary *summary);
void detect_summary_free(detect_summary *summary);

/* How strongly a frame carries a flag (PIN/HAIR: count, JIT: J, NOISE: PIN
 * density, FACET: CAE); picks a range's worst step. */
float detect_flag_strength(const detect_frame *frame, detect_flag flag);

#endif
