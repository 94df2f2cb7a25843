#ifndef GLINT_INSPECT_LIVE_H
#define GLINT_INSPECT_LIVE_H

/* The specular-noise detector live in the viewer: as the turntable turns,
 * the frame the viewer shows is rendered again, smaller, into the analysis
 * buffers (as `glint check` does) and fed to the three-step detector, so
 * the flags and the overlay follow the model round. One per viewport. */

#include "core/core_result.h"
#include "detect/detect_display.h"
#include "detect/detect_sweep.h"
#include "inspect/inspect_advice.h"
#include "render/render.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A second GL context, sharing objects with the caller's, for the analysis
 * render off the frame: make_current(user, true) makes it current on the
 * calling thread (the worker's), false releases it there; each says whether
 * it worked. The caller makes it (plat_context_create_shared), keeps it
 * until inspect_live_destroy returns, and destroys it after. */
typedef struct inspect_live_gl {
    bool (*make_current)(void *user, bool current);
    void *user;
} inspect_live_gl;

/* Zero fields mean "default". */
typedef struct inspect_live_desc {
    /* The analysis size: the viewport scaled down so that its longer side is
     * at most this (never up); 0: 512, the size of a default `glint check`,
     * so that a pinpoint reads as one there too. */
    int max_side;
    /* 0: analyse whenever the turntable has turned by at least min_step_deg
     * since the last analysed step; N: every Nth frame that turned at all. */
    int every_nth_frame;
    float min_step_deg; /* 0: 1 degree, about the step of a default check */
    /* A bigger turn between analysed steps (a turn by hand, Home, or frames
     * too slow to follow the turntable) starts the sweep again; 0: 5. */
    float max_step_deg;
    /* The screen the viewport is shown on, as inspect_plan_desc: its pixels
     * per degree of the eye (ppd > 0 overrides the display model). The
     * viewport is shown 1:1, so this is the viewport's ppd; the analysis
     * image, smaller, gets it scaled by analysis width / viewport width. */
    detect_display_desc display;
    float ppd;
    /* make_current NULL: the analysis render runs on the caller's thread,
     * inside inspect_live_update (headless, or no shared context); else on
     * the worker, on this context (if it cannot be made current or drawn
     * with there, one line is logged and the renders come back to the
     * caller's thread). */
    inspect_live_gl worker_gl;
} inspect_live_desc;

typedef struct inspect_live inspect_live;

/* How much nicer (Linux's nice, per thread) the detector's worker runs than
 * the thread that made it: the frame first. */
#define INSPECT_LIVE_WORKER_NICE 5

core_result inspect_live_create(const inspect_live_desc *desc, inspect_live **live);
void inspect_live_destroy(inspect_live *live);

/* Call once per shown frame with the frame exactly as the viewer draws it
 * (frame->shot.turntable_deg is the angle; its view and samples do not
 * matter, the detector always reads the shaded frame) and the viewport's
 * size in pixels. It decides whether to analyse now:
 * - when anything but the turntable angle changes (camera, lamp, finishes,
 *   tone, viewport size, model), the sweep, its record and its summary are
 *   dropped, and a new sweep starts once the frame has held for one call (a
 *   camera drag costs no analysis);
 * - turning, a step is analysed when due (see inspect_live_desc); a turn back,
 *   or by more than max_step_deg, starts the sweep again;
 * - standing (the same frame twice), the shown step is judged on its own
 *   (pushed three times: no jitter, pinpoints and facets measured), once,
 *   and then nothing is analysed until something changes; the summary goes
 *   on, and so does the sweep when the turntable turns again.
 * A record is of the step before the latest (jitter needs the step after),
 * so the overlay lags the shown frame by one step; its record's angle_deg
 * says which. *updated is true when a new record and overlay are ready.
 * The analysis runs off the frame: this call hands the step's render (GL,
 * on desc->worker_gl's context) and the detector's work (pure C) to a worker
 * thread and never waits for them; without worker_gl it renders the step
 * here (GL, this thread) and hands over only the detector's work. Its
 * records are taken by the first call after it finishes (that call then
 * decides the next step), and a call that finds it still running does
 * nothing else (summary.frames_during_analysis counts those), so records
 * come a frame or more after the step was drawn.
 * The worker's render draws the model through its own vertex arrays over
 * `model`'s buffers and textures, with a copy of its parts: keep the model's
 * GPU objects until the next update or inspect_live_restart (which wait).
 * Needs the render context's GL context current. Analysis here draws into
 * its own targets and leaves GL's framebuffer binding at 0 (draw and read), the
 * viewport at the analysis size, depth test on and another program bound:
 * call it before drawing the frame, or set the viewport again after it
 * (render_frame and gfx_target_present set what they need). */
core_result inspect_live_update(inspect_live *live, render_context *render,
                                const render_model *model, const render_frame_desc *frame,
                                int viewport_width, int viewport_height, bool *updated);
/* Waits for the analysis in flight, if any, and takes its records as the
 * next update would (*updated likewise): for tests and anything that needs
 * the detector's answer for the frame just shown. */
core_result inspect_live_finish(inspect_live *live, bool *updated);
/* Analysis renders since it was made (restarts do not reset it). */
long inspect_live_renders(const inspect_live *live);
/* Of those, the ones drawn on the caller's thread inside an update (the
 * frame waited for them): all of them without worker_gl, none with it. */
long inspect_live_frame_renders(const inspect_live *live);
/* Whether an analysis is running on the worker now. */
bool inspect_live_busy(const inspect_live *live);
/* Tests: holds the worker before its next analysis (true) or lets it go;
 * inspect_live_finish lets it go too. */
void inspect_live_hold(inspect_live *live, bool hold);
/* Drops the sweep, as a change of look would; for what update cannot see,
 * such as a model reloaded into the same GPU handles. Waits for the
 * analysis in flight. */
void inspect_live_restart(inspect_live *live);

/* The latest record (NULL before the first since the last restart). */
const detect_frame *inspect_live_record(const inspect_live *live);
/* The latest record's overlay, display-ready (NULL before the first): RGBA8
 * at the analysis size, rows top to bottom, straight alpha; each group of
 * marks ringed (inspect_overlay_paint_rings): a dark line, a band in the
 * kind's tint (jitter red, pinpoints and hairlines green, a FACET step's
 * crease-aligned highlight edges blue, mixed where they meet), a dark line,
 * sized for the viewport (about a 4-pixel hole, 2-pixel lines and a 3-pixel
 * band on screen at 720 pixels high, more on a taller one); everything else
 * transparent (the detector's predicted-risk class is not shown). Stretch it
 * over the viewport at the opacity wanted. */
const uint8_t *inspect_live_overlay(const inspect_live *live, int *width, int *height);

/* One line for the HUD: "detector 512x320, every 1.0 deg of turn, 11 px/deg,
 * last 38 ms" and what it is waiting for, if anything. */
void inspect_live_describe(const inspect_live *live, char *text, size_t size);

/* Since the last restart. */
typedef struct inspect_live_summary {
    int steps;    /* judged */
    int analyses; /* renders for analysis */
    int flagged_steps[DETECT_FLAG_COUNT];
    int any_flagged_steps;
    /* The share of judged steps with any flag, 0..1 (0 with none judged):
     * how often, so far, this look reads badly. */
    float score;
    /* The latest record's flags in the words `glint check` prints
     * (inspect_flag_word), "pinpoints, hairlines"; "clean" without any;
     * "" before the first record. */
    char flags_text[64];
    float last_ms; /* the latest analysis: render, display transform, detector */
    /* Per whole degree of the turntable (0-359): whether a step there was
     * judged since the last restart, and the latest such step's flags; the
     * viewer plots them and lists the flagged stretches. */
    uint8_t judged_at[360];
    uint32_t flags_at[360];
    int frames_during_analysis; /* updates that found the analysis running and went on */
} inspect_live_summary;

void inspect_live_summary_get(const inspect_live *live, inspect_live_summary *summary);

/* `glint check`'s verdict, places and suggestions (inspect_advise) on the
 * steps judged since the last restart, each whole degree's latest in
 * turntable order, as if a check had stepped a degree at a time over them.
 * `model` and `frame` are the look the detector watches (the part names,
 * the finishes). Free the advice with inspect_advice_free, also on failure. */
core_result inspect_live_advise(const inspect_live *live, const render_model *model,
                                const render_frame_desc *frame, inspect_advice *advice);

/* The flagged stretches of the turn so far: runs of flagged degrees, from the
 * first to the last (a run goes on over up to 3 degrees not judged, and ends
 * at a judged clean one or a longer gap), each with its flags ORed. Returns how many (at most
 * `capacity`, in turntable order). Pure. */
typedef struct inspect_live_stretch {
    int from_deg, to_deg;
    uint32_t flags;
} inspect_live_stretch;
int inspect_live_stretches(const inspect_live_summary *summary, inspect_live_stretch *stretches,
                           int capacity);

#endif
