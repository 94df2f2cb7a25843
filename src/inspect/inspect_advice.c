#include "inspect/inspect_advice.h"

#include "inspect/inspect_life.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The order flags are told in: what a painter sees first. */
static const detect_flag told[] = {DETECT_FLAG_PIN, DETECT_FLAG_HAIR, DETECT_FLAG_JIT,
                                   DETECT_FLAG_NOISE, DETECT_FLAG_FACET};
enum { FLAGS_TOLD = sizeof told / sizeof *told, MAX_SUMMARY_LINES = 4 };

const char *inspect_flag_word(detect_flag flag)
{
    switch (flag) {
    case DETECT_FLAG_PIN: return "pinpoints";
    case DETECT_FLAG_HAIR: return "hairlines";
    case DETECT_FLAG_JIT: return "jitter";
    case DETECT_FLAG_NOISE: return "sparkle";
    case DETECT_FLAG_FACET: return "facets";
    default: return "?";
    }
}

/* Appends to a '\0'-terminated buffer, cutting what does not fit. */
static void add(char *text, size_t size, const char *format, ...)
{
    size_t used = strlen(text);
    if (used + 1 >= size)
        return;
    va_list args;
    va_start(args, format);
    vsnprintf(text + used, size - used, format, args);
    va_end(args);
}

void inspect_place(const scene_bounds *bounds, const float point[3], char *text, size_t size)
{
    float height = bounds->max[1] - bounds->min[1];
    float up = point[1] - bounds->min[1];
    float share = height > 0.0f ? up / height : 0.5f;
    const char *level = share >= 0.8f   ? "top"
                        : share >= 0.6f ? "upper"
                        : share >= 0.4f ? "middle"
                        : share >= 0.2f ? "lower"
                                        : "bottom";
    /* Off the middle by a fifth of the half width: a side a painter names. */
    float across[3];
    for (int k = 0; k < 3; k += 2) {
        float half = 0.5f * (bounds->max[k] - bounds->min[k]);
        float centre = 0.5f * (bounds->max[k] + bounds->min[k]);
        across[k] = half > 0.0f ? (point[k] - centre) / half : 0.0f;
    }
    const char *depth = across[2] > 0.2f ? " front" : across[2] < -0.2f ? " back" : "";
    const char *side = across[0] > 0.2f ? " right" : across[0] < -0.2f ? " left" : "";
    snprintf(text, size, "%s%s%s, %.0f mm up", level, depth, side, (double)fmaxf(up, 0.0f));
}

/* The sharpest lobe of a part as drawn: its varnish's, or its paint's when bare. */
static float part_roughness(const render_model *model, const render_frame_desc *frame, int32_t part)
{
    if (part < 0 || (uint32_t)part >= model->part_count)
        return 1.0f;
    scene_layers layers = render_part_layers_for(frame, &model->parts[part]);
    return layers.coat > 0.0f ? layers.coat_roughness : layers.paint_roughness;
}

/* Glossy: nearer gloss varnish than satin. */
static bool is_glossy(float roughness)
{
    float gloss = scene_finish_preset(SCENE_FINISH_GLOSS).roughness;
    float satin = scene_finish_preset(SCENE_FINISH_SATIN).roughness;
    return roughness < 0.5f * (gloss + satin);
}

/* The next varnish rough enough to widen the part's lobe, or NONE when
 * even matte would not be rougher. */
static scene_finish_kind rougher_finish(float roughness)
{
    if (roughness < 0.9f * scene_finish_preset(SCENE_FINISH_SATIN).roughness)
        return SCENE_FINISH_SATIN;
    if (roughness < 0.9f * scene_finish_preset(SCENE_FINISH_MATTE).roughness)
        return SCENE_FINISH_MATTE;
    return SCENE_FINISH_NONE;
}

/* What a problem asks for: a rougher varnish (its name) or, for the
 * geometry's own flags and parts already rough, smoother geometry. */
static scene_finish_kind wants_varnish(const inspect_problem *p, float roughness)
{
    if (p->flag == DETECT_FLAG_FACET)
        return SCENE_FINISH_NONE;
    /* A hairline on a rough part is an edge the lobe cannot hide. */
    if (p->flag == DETECT_FLAG_HAIR && !is_glossy(roughness))
        return SCENE_FINISH_NONE;
    return rougher_finish(roughness);
}

static int compare_problems(const void *a, const void *b)
{
    const inspect_problem *x = a, *y = b;
    if (x->fails != y->fails)
        return x->fails ? -1 : 1;
    int fx = 0, fy = 0;
    for (int k = 0; k < FLAGS_TOLD; ++k) {
        fx = told[k] == x->flag ? k : fx;
        fy = told[k] == y->flag ? k : fy;
    }
    if (fx != fy)
        return fx - fy;
    return (x->from_deg > y->from_deg) - (x->from_deg < y->from_deg);
}

static void add_angles(char *text, size_t size, float from, float to)
{
    if (fabsf(to - from) < 0.05f)
        add(text, size, "%.3g°", (double)from);
    else
        add(text, size, "%.3g-%.3g°", (double)from, (double)to);
}

/* Gathers the summary's ranges by flag and part. */
static core_result gather(const render_model *model, const inspect_run *run, inspect_advice *a)
{
    const detect_summary *s = &run->summary;
    a->problems = calloc((size_t)(s->range_count > 0 ? s->range_count : 1), sizeof *a->problems);
    if (!a->problems)
        return core_fail(CORE_ERR_NO_MEMORY, "out of memory for the check's advice");
    for (int i = 0; i < s->range_count; ++i) {
        const detect_range *r = &s->ranges[i];
        inspect_problem *p = NULL;
        for (int k = 0; k < a->problem_count && !p; ++k)
            p = a->problems[k].flag == r->flag && a->problems[k].part == r->where.part
                    ? &a->problems[k]
                    : NULL;
        float strength = detect_flag_strength(&run->frames[r->worst], r->flag);
        if (!p) {
            p = &a->problems[a->problem_count++];
            *p = (inspect_problem){.flag = r->flag,
                                   .part = r->where.part,
                                   .from_deg = r->from_deg,
                                   .to_deg = r->to_deg,
                                   .worst_range = i,
                                   .fails = s->fail[r->flag]};
        } else if (strength >
                   detect_flag_strength(&run->frames[s->ranges[p->worst_range].worst], r->flag)) {
            p->worst_range = i;
        }
        p->from_deg = fminf(p->from_deg, r->from_deg);
        p->to_deg = fmaxf(p->to_deg, r->to_deg);
        p->ranges++;
        p->flagged_steps += r->flagged_steps;
    }
    /* Which problems fail on their own, by the verdict's rules (detect_summary.h,
     * its defaults): a lone popping step on one part is slight even where
     * another part's jitter fails. A flag that fails only with its parts
     * together fails on each of them. */
    for (int k = 0; k < a->problem_count; ++k) {
        inspect_problem *p = &a->problems[k];
        if (!p->fails)
            continue;
        if (p->flag == DETECT_FLAG_PIN || p->flag == DETECT_FLAG_HAIR) {
            p->fails = (float)p->flagged_steps > 0.10f * (float)s->steps;
        } else if (p->flag == DETECT_FLAG_JIT) {
            p->fails = false;
            for (int i = 0; i < s->range_count; ++i)
                p->fails = p->fails ||
                           (s->ranges[i].flag == p->flag && s->ranges[i].where.part == p->part &&
                            s->ranges[i].flagged_steps >= 2);
        }
    }
    for (int f = 0; f < DETECT_FLAG_COUNT; ++f) {
        bool told_fail = false;
        for (int k = 0; k < a->problem_count; ++k)
            told_fail =
                told_fail || (a->problems[k].flag == (detect_flag)f && a->problems[k].fails);
        for (int k = 0; k < a->problem_count && s->fail[f] && !told_fail; ++k)
            a->problems[k].fails = a->problems[k].fails || a->problems[k].flag == (detect_flag)f;
    }
    for (int k = 0; k < a->problem_count; ++k) {
        inspect_problem *p = &a->problems[k];
        const detect_range *worst = &s->ranges[p->worst_range];
        p->worst_deg = worst->worst_angle_deg;
        p->size_mm = inspect_problem_size_mm(run, p);
        inspect_place(&model->bounds, worst->where.centroid, p->place, sizeof p->place);
        float share = s->steps ? (float)p->flagged_steps / (float)s->steps : 0.0f;
        snprintf(p->severity, sizeof p->severity, "%s",
                 !p->fails       ? "slight, within the limits"
                 : share >= 0.5f ? "severe"
                                 : "fails");
        snprintf(p->line, sizeof p->line, "%s on %s, %s: ", inspect_flag_word(p->flag),
                 inspect_part_name(model, p->part), p->place);
        add_angles(p->line, sizeof p->line, p->from_deg, p->to_deg);
        if (p->ranges > 1)
            add(p->line, sizeof p->line, " in %d bursts, worst at %.3g°", p->ranges,
                (double)p->worst_deg);
        add(p->line, sizeof p->line, ", %d of %d steps (%s)", p->flagged_steps, s->steps,
            p->severity);
    }
    qsort(a->problems, (size_t)a->problem_count, sizeof *a->problems, compare_problems);
    return CORE_OK;
}

/* A set of parts, as bits over the model's parts (at most 64 told apart;
 * later ones share the last bit, and are then named once). */
typedef uint64_t part_set;

static part_set part_bit(int32_t part)
{
    return part < 0 ? 0 : (part_set)1 << (part < 63 ? part : 63);
}

static int part_count(part_set set)
{
    int n = 0;
    for (; set; set &= set - 1)
        ++n;
    return n;
}

/* "armor", "armor and cap", "skin, lips, eyes and 4 more". With `placed`
 * (the advice), each part with where on the model its most frequent failing
 * problem is ("cap (top back right)"), so that even a file's unnamed shells
 * are located at a glance. */
static void add_parts_placed(char *text, size_t size, const render_model *model,
                             const inspect_advice *placed, part_set set)
{
    int total = part_count(set), said = 0;
    for (int32_t p = 0; p < 64 && (uint32_t)p < model->part_count; ++p) {
        if (!(set & part_bit(p)))
            continue;
        if (said == 3 && total > 4) {
            add(text, size, " and %d more", total - 3);
            return;
        }
        add(text, size, "%s%s",
            said == 0           ? ""
            : said == total - 1 ? " and "
                                : ", ",
            inspect_part_name(model, p));
        const inspect_problem *most = NULL;
        for (int k = 0; placed && k < placed->problem_count; ++k) {
            const inspect_problem *q = &placed->problems[k];
            if (q->fails && q->part == p && (!most || q->flagged_steps > most->flagged_steps))
                most = q;
        }
        if (most)
            add(text, size, " (%.*s)", (int)strcspn(most->place, ","), most->place);
        ++said;
    }
}

static void add_parts(char *text, size_t size, const render_model *model, part_set set)
{
    add_parts_placed(text, size, model, NULL, set);
}

static void verdict_line(const render_model *model, const inspect_run *run, const inspect_advice *a,
                         char *line, size_t size)
{
    part_set parts = 0;
    bool only_facets = true;
    for (int k = 0; k < a->problem_count; ++k) {
        const inspect_problem *p = &a->problems[k];
        if (!p->fails)
            continue;
        parts |= part_bit(p->part);
        only_facets = only_facets && p->flag == DETECT_FLAG_FACET;
    }
    /* Flags on no part (a step whose pixels no part holds) are still told. */
    add(line, size, "FAIL: the highlights%s", parts ? " on " : "");
    add_parts_placed(line, size, model, a, parts);
    add(line, size, " %s as the model turns (",
        only_facets ? "snap from facet to facet" : "glitter");
    int said = 0;
    for (int f = 0; f < FLAGS_TOLD; ++f) {
        float from = INFINITY, to = -INFINITY;
        part_set on = 0;
        for (int k = 0; k < a->problem_count; ++k) {
            const inspect_problem *p = &a->problems[k];
            if (p->flag != told[f] || !p->fails)
                continue;
            from = fminf(from, p->from_deg);
            to = fmaxf(to, p->to_deg);
            on |= part_bit(p->part);
        }
        if (!on && !run->summary.fail[told[f]])
            continue;
        add(line, size, "%s%s ", said++ ? ", " : "", inspect_flag_word(told[f]));
        if (isfinite(from))
            add_angles(line, size, from, to);
        if (part_count(parts) > 1 && on) {
            add(line, size, " on ");
            add_parts(line, size, model, on);
        }
    }
    add(line, size, ").");
}

/* What to try, from the failing problems: one sentence per kind of fix. */
static void advice_lines(const render_model *model, const render_frame_desc *frame,
                         const inspect_run *run, const inspect_advice *a, char lines[][320],
                         int *count)
{
    part_set satin = 0, matte = 0, geometry = 0, pinpointed = 0, flagged = 0;
    /* A range is told on its worst step's part; the steps say where else
     * its flag fired, for the parts to keep and the pinpoints' spread: a
     * part pinpoints when most of a step's pinpoints are on it in more
     * steps than the verdict allows a flag (a tenth). */
    int pin_steps[64] = {0};
    for (int i = 0; i < run->frame_count; ++i) {
        for (int f = 0; f < DETECT_FLAG_COUNT; ++f) {
            if (!(run->frames[i].flags & DETECT_FLAG_BIT(f)))
                continue;
            int32_t part = run->frames[i].where[f].part;
            flagged |= part_bit(part);
            if (f == DETECT_FLAG_PIN && part >= 0)
                pin_steps[part < 63 ? part : 63]++;
        }
    }
    for (int p = 0; p < 64 && run->summary.fail[DETECT_FLAG_PIN]; ++p)
        if ((float)pin_steps[p] > 0.10f * (float)run->frame_count)
            pinpointed |= part_bit(p);
    for (int k = 0; k < a->problem_count; ++k) {
        const inspect_problem *p = &a->problems[k];
        flagged |= part_bit(p->part);
        if (!p->fails || p->part < 0)
            continue;
        scene_finish_kind want = wants_varnish(p, part_roughness(model, frame, p->part));
        if (want == SCENE_FINISH_SATIN)
            satin |= part_bit(p->part);
        else if (want == SCENE_FINISH_MATTE)
            matte |= part_bit(p->part);
        else
            geometry |= part_bit(p->part);
    }
    matte &= ~satin;
    char *line = lines[*count];
    line[0] = '\0';
    if (satin || matte) {
        add(line, 320, "Try ");
        if (satin) {
            add(line, 320, "a rougher varnish, satin, on ");
            add_parts(line, 320, model, satin);
        }
        if (matte) {
            add(line, 320, "%smatte on ", satin ? "; " : "a rougher varnish, ");
            add_parts(line, 320, model, matte);
        }
        /* The glossy parts that read well are worth keeping. */
        part_set keep = 0;
        for (uint32_t p = 0; p < model->part_count && p < 64; ++p) {
            if (model->parts[p].index_count && !(flagged & part_bit((int32_t)p)) &&
                is_glossy(part_roughness(model, frame, (int32_t)p)))
                keep |= part_bit((int32_t)p);
        }
        if (keep) {
            add(line, 320, "; keep the gloss on ");
            add_parts(line, 320, model, keep);
        }
        add(line, 320, ".");
        line = lines[++*count];
        line[0] = '\0';
    }
    if (geometry) {
        add(line, 320, "Smooth the normals or bevel the sharp edges on ");
        add_parts(line, 320, model, geometry);
        add(line, 320, ": its highlights follow the mesh's edges%s.",
            satin || matte ? "" : ", which no varnish there hides");
        line = lines[++*count];
        line[0] = '\0';
    }
    if (part_count(pinpointed) >= 3) {
        add(line, 320, "Pinpoints come from %d parts: gloss on fewer of them calms the model.",
            part_count(pinpointed));
        line = lines[++*count];
        line[0] = '\0';
    }
    /* The lamp's own size sets the smallest highlight a mirror-like part
     * can show; glint's default lamp is 10 mm. */
    scene_shot shot = scene_shot_resolve(&frame->shot, &model->bounds);
    if (pinpointed && shot.lamp.radius_mm < 5.0f && *count < MAX_SUMMARY_LINES - 1) {
        add(line, 320,
            "Under a lamp bigger than this %.3g mm one (--light-radius) the "
            "pinpoints also soften.",
            (double)shot.lamp.radius_mm);
        ++*count;
    }
}

static void pass_line(const render_model *model, const inspect_run *run, const inspect_advice *a,
                      char *line, size_t size)
{
    const inspect_plan *plan = &run->plan;
    add(line, size, "PASS: no highlight reads badly over %.4g° in %d steps of %.3g°",
        (double)(plan->step_deg * (float)(plan->full_circle ? plan->steps : plan->steps - 1)),
        plan->steps, (double)plan->step_deg);
    part_set slight = 0;
    for (int k = 0; k < a->problem_count; ++k)
        slight |= part_bit(a->problems[k].part);
    if (a->problem_count) {
        add(line, size, " (slight %s on ", inspect_flag_word(a->problems[0].flag));
        add_parts(line, size, model, slight);
        add(line, size, ", within the limits; -v lists them)");
    }
    add(line, size, ".");
}

static void step_note(const render_model *model, const inspect_run *run, inspect_advice *a)
{
    const inspect_plan *plan = &run->plan;
    if (!a->flagged || plan->step_ok)
        return;
    float sweep = plan->step_deg * (float)(plan->full_circle ? plan->steps : plan->steps - 1);
    int renders = (int)ceilf(sweep / plan->rule_step_deg) + 2;
    snprintf(a->step_note, sizeof a->step_note,
             "These steps of %.3g° are coarser than the %.2g° the gloss on %s asks for: "
             "--step %.2g (about %d renders) would also catch highlights that pop between them.",
             (double)plan->step_deg, (double)plan->rule_step_deg,
             inspect_part_name(model, plan->alpha_min_part), (double)plan->rule_step_deg, renders);
}

core_result inspect_advise(const render_model *model, const render_frame_desc *frame,
                           const inspect_run *run, inspect_advice *advice)
{
    memset(advice, 0, sizeof *advice);
    advice->flagged = run->summary.flagged;
    core_result r = gather(model, run, advice);
    if (r != CORE_OK)
        return r;
    if (!advice->flagged) {
        pass_line(model, run, advice, advice->summary, sizeof advice->summary);
        return CORE_OK;
    }
    verdict_line(model, run, advice, advice->summary, sizeof advice->summary);
    char lines[MAX_SUMMARY_LINES][320];
    int count = 0;
    advice_lines(model, frame, run, advice, lines, &count);
    for (int k = 0; k < count && k < MAX_SUMMARY_LINES - 1; ++k)
        add(advice->summary, sizeof advice->summary, "\n%s", lines[k]);
    step_note(model, run, advice);
    return CORE_OK;
}

void inspect_advice_free(inspect_advice *advice)
{
    free(advice->problems);
    memset(advice, 0, sizeof *advice);
}
