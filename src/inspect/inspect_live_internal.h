#ifndef GLINT_INSPECT_LIVE_INTERNAL_H
#define GLINT_INSPECT_LIVE_INTERNAL_H

/* inspect_live's state, shared by its scheduling (inspect_live.c) and its
 * worker thread (inspect_live_worker.c). */

#include "inspect/inspect.h"
#include "inspect/inspect_live.h"

#include <pthread.h>

enum { LIVE_MAX_PUSHES = 4 };

/* One push of a rendered step onto the sweep, run by the worker: the step's
 * slot (its buffers stay untouched until the job is collected), the shown
 * angle of the step its record would be of, and what came back. */
typedef struct live_push {
    int slot;
    float record_angle;
    detect_frame frame;
    bool ready;
} live_push;

/* What one update draws with. */
typedef struct live_source {
    render_context *render;
    const render_model *model;
} live_source;

/* Everything the steps of one sweep share: the frame but its turntable. */
typedef struct live_look {
    render_frame_desc frame; /* turntable, view and samples zero; part_finishes: ours */
    render_part_finish *finishes;
    int viewport_width, viewport_height;
    render_model model; /* only to tell another model from this one */
} live_look;

struct inspect_live {
    inspect_live_desc desc;
    float screen_ppd;
    live_look seen; /* the latest frame's look */
    bool seen_valid;
    float seen_angle;
    bool active; /* a sweep of seen's look is running */
    bool still;  /* the detector holds the standing step alone: idle until it turns */
    int width, height;
    float ppd;
    detect_sweep *sweep;
    /* The latest analysed step (to push it again) is bufs[cur]; the other
     * slot holds the one before, which a queued push may still read. */
    inspect_step_buffers bufs[2];
    detect_step steps[2]; /* filled by the worker (prepare_slot) before its pushes */
    float step_angle[2];  /* each slot's angle as the detector counts it (unwrapped) */
    int cur;
    bool has_kept;
    float last_angle;      /* the kept step's angle as shown */
    float pushed_shown[2]; /* the shown angles of the last two pushes */
    int direction;
    int frames_waiting;
    int jumps_in_a_row; /* every frame a jump: the viewer turns too fast to follow */
    float frame_turn;
    detect_frame record;
    bool has_record;
    uint8_t *raw_overlay, *overlay;
    inspect_live_summary summary;
    /* Each whole degree's latest record (where summary.judged_at says one
     * was judged): the check's advice is made from them. */
    detect_frame frames_at[360];
    long renders; /* ever, unlike the summary's */
    /* The analysis off the frame: the main thread renders the step (GL) and
     * queues its pushes; a worker runs them (the pure-C detector) while the
     * viewer goes on drawing. One job at a time: while it runs, the main
     * thread touches neither the sweep, the step buffers, the queue nor
     * raw_overlay, and decides nothing (it comes back next frame). */
    live_push queue[LIVE_MAX_PUSHES];
    int queued;
    /* The slot rendered this update, whose display transform (pure C, the
     * luminances the detector reads) the worker does first; -1: none. */
    int prepare_slot;
    bool busy;         /* main thread: a job handed over and not yet collected */
    double job_render_ms;
    pthread_t thread;
    bool thread_started;
    pthread_mutex_t mutex;
    pthread_cond_t wake, done;
    /* The step's render on the worker's own GL context (desc.worker_gl):
     * the slot and angle it draws (render_slot -1: none this job), the
     * model as it stood at the update (its parts copied: the viewer may
     * repaint them meanwhile), and the worker's own GL state, made on its
     * context at its first render and freed there when it stops. */
    bool off_thread;
    long frame_renders;
    int render_slot;
    float render_angle;
    render_model job_model;
    scene_part *job_parts;
    uint32_t job_parts_capacity;
    render_context worker_render;
    render_model worker_model; /* its vertex arrays over the model's buffers */
    bool worker_current, worker_ready;
    bool gl_failed;                     /* the worker could not render on its context: fall back */
    bool pending, finished, quit, hold; /* under the mutex */
    core_result job_result;
    char job_error[1024];
    double job_ms;
};

/* inspect_live.c */
void live_drop_sweep(inspect_live *live, bool keep_summary);
void live_take_record(inspect_live *live, detect_frame *frame, float angle, bool paint);

/* inspect_live_worker.c: the worker's lock and signals (init at create,
 * stop at destroy, after waiting), and the job's hand-over. */
core_result live_worker_init(inspect_live *live);
void live_worker_stop(inspect_live *live);
core_result live_worker_start(inspect_live *live);
core_result live_submit(inspect_live *live, double render_ms);
core_result live_collect(inspect_live *live, bool *updated);
bool live_job_finished(const inspect_live *live);
void live_wait_finished(inspect_live *live);

#endif
