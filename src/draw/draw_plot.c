#include "draw/draw_plot.h"

#include "draw/draw_canvas.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Sizes in pixels. The font's units are scaled by whole numbers so its
 * strokes stay crisp; a capital is 7 units high, a descender 2 more. */
enum {
    TEXT = 2,    /* scale of labels */
    TITLE = 3,   /* scale of the plot's title */
    MARGIN = 16, /* around everything */
    DEFAULT_WIDTH = 1200,
    DEFAULT_PANEL = 200, /* height of a panel by default */
    PANEL_HEAD = 34,     /* panel top to plot area: the panel's title */
    PANEL_FOOT = 18,     /* plot area to the next panel: room for ticks */
    TICK = 5,
    MIN_PLOT_W = 100,
    MIN_PLOT_H = 30,
    MARKER_SPACING = 10, /* steps at least this far apart get a marker each */
    LEGEND_SAMPLE = 30,
    DASH_ON = 8,
    DASH_OFF = 5,
    MAX_ANGLE = 1000000 /* degrees; keeps the axis' arithmetic exact */
};

static const uint8_t WHITE[3] = {255, 255, 255};
static const uint8_t INK[3] = {33, 37, 41};
static const uint8_t MUTED[3] = {100, 108, 116};
static const uint8_t AXIS[3] = {90, 96, 102};
static const uint8_t GRID[3] = {226, 229, 232};
static const uint8_t THRESHOLD[3] = {60, 64, 70};
static const uint8_t DEFAULT_SERIES[3] = {60, 64, 70};
static const float SHADE_ALPHA = 0.2f;
static const char *const DEFAULT_X_LABEL = "Turntable angle (\xc2\xb0)";

/* ---- axes ------------------------------------------------------------- */

/* The smallest of 1, 2, 2.5, 5 times a power of ten at or above `raw`;
 * whole-number data skips the fractional steps. */
static double nice_step(double raw, bool whole)
{
    if (!(raw > 0.0) || !isfinite(raw))
        return 1.0;
    double power = pow(10.0, floor(log10(raw)));
    static const double mantissas[] = {1.0, 2.0, 2.5, 5.0, 10.0};
    for (int i = 0; i < 5; ++i) {
        double step = mantissas[i] * power;
        if (whole && (step < 1.0 || (step < 10.0 && mantissas[i] == 2.5)))
            continue;
        if (step >= raw * (1.0 - 1e-9))
            return step;
    }
    return 10.0 * power;
}

static double next_nice_step(double step, bool whole)
{
    return nice_step(step * 1.0001, whole);
}

/* Angle steps a reader counts in: 15, 30, 45, 90 and so on. */
static double angle_step(double span, int max_intervals)
{
    static const double steps[] = {1, 2, 5, 10, 15, 30, 45, 90, 180, 360};
    double raw = span / max_intervals;
    if (raw <= 1.0 || raw > 360.0)
        return nice_step(raw, false);
    for (int i = 0; i < 10; ++i)
        if (steps[i] >= raw)
            return steps[i];
    return 360.0;
}

typedef struct axis {
    double lo, hi, step;
} axis;

/* At most max_intervals (2 to 4) from lo to hi, both multiples of the step;
 * 0 is always on the axis. `forced_hi` > 0 fixes the top. */
static axis value_axis(double lo_data, double hi_data, double forced_hi, bool whole,
                       int max_intervals)
{
    /* A little headroom, so a peak on a tick does not run along the top. */
    double lo = fmin(0.0, lo_data * 1.02);
    double hi = forced_hi > 0.0 ? forced_hi : fmax(0.0, hi_data * 1.02);
    if (!(hi > lo))
        hi = lo + (whole ? 4.0 : 1.0);
    double step = nice_step((hi - lo) / max_intervals, whole);
    for (int guard = 0; guard < 8; ++guard) {
        double intervals = ceil(hi / step - 1e-9) - floor(lo / step + 1e-9);
        if (intervals <= max_intervals)
            break;
        step = next_nice_step(step, whole);
    }
    axis a = {floor(lo / step + 1e-9) * step, ceil(hi / step - 1e-9) * step, step};
    if (forced_hi > 0.0)
        a.hi = forced_hi;
    return a;
}

/* Labels with as many decimals as the step needs; very large or very small
 * numbers in exponent form ("2.5e7"). */
static void format_number(double v, double step, char *out, size_t size)
{
    if (fabs(v) < step * 1e-6)
        v = 0.0;
    double magnitude = fmax(fabs(v), step);
    if (magnitude >= 1e6 || magnitude < 1e-3) {
        char raw[32];
        snprintf(raw, sizeof raw, "%.3g", v);
        char *e = strchr(raw, 'e');
        if (e) {
            char *digits = e + 1;
            bool negative = *digits == '-';
            digits += (*digits == '+' || *digits == '-');
            while (*digits == '0' && digits[1])
                ++digits;
            snprintf(out, size, "%.*se%s%s", (int)(e - raw), raw, negative ? "-" : "", digits);
        } else {
            snprintf(out, size, "%s", raw);
        }
        return;
    }
    int decimals = 0;
    for (double scaled = step; decimals < 6; ++decimals, scaled *= 10.0)
        if (fabs(scaled - round(scaled)) <= 1e-6 * scaled)
            break;
    snprintf(out, size, "%.*f", decimals, v);
}

/* ---- the plot --------------------------------------------------------- */

typedef struct panel_view {
    axis y;
    bool has_values;
    bool markers;
    draw_rect plot; /* the data area; the x axis is its bottom edge */
} panel_view;

enum { LEGEND_ITEMS = 3, LEGEND_GAP = 24 };
static const char *const LEGEND_TEXT[LEGEND_ITEMS] = {"value per step", "threshold",
                                                      "flagged range"};

typedef struct layout {
    int width, height;
    int title_y, subtitle_y, subtitle_room;
    int legend_x[LEGEND_ITEMS], legend_y[LEGEND_ITEMS];
    int top, panel_height, left, right;
    axis x;
    panel_view panels[DRAW_PLOT_MAX_PANELS];
} layout;

static int legend_item_width(int item)
{
    return LEGEND_SAMPLE + 8 + draw_text_width(LEGEND_TEXT[item], TEXT);
}

/* Title, subtitle and legend; returns where the panels start. The legend
 * goes right of the subtitle, else on a row of its own, else (a narrow
 * plot) one item a row. */
static int lay_out_top(const draw_plot_desc *d, layout *l)
{
    int y = MARGIN, content = l->width - 2 * MARGIN, legend = (LEGEND_ITEMS - 1) * LEGEND_GAP;
    for (int i = 0; i < LEGEND_ITEMS; ++i)
        legend += legend_item_width(i);
    l->title_y = y;
    if (d->title)
        y += 10 * TITLE + 6;
    l->subtitle_y = y;
    l->subtitle_room = content;
    int subtitle_width = d->subtitle ? draw_text_width(d->subtitle, TEXT) : 0;
    if (subtitle_width + 40 + legend <= content)
        l->subtitle_room = content - legend - 40;
    else if (d->subtitle)
        y += 10 * TEXT + 4;
    bool one_row = legend <= content;
    int x = one_row ? l->width - MARGIN - legend : MARGIN;
    for (int i = 0; i < LEGEND_ITEMS; ++i) {
        l->legend_x[i] = x;
        l->legend_y[i] = y;
        if (one_row)
            x += legend_item_width(i) + LEGEND_GAP;
        else if (i + 1 < LEGEND_ITEMS)
            y += 10 * TEXT + 4;
    }
    return y + 10 * TEXT + 10;
}

/* Below the last panel's foot: angle labels, the axis' name, the margin. */
static const int BOTTOM_HEIGHT = TICK + 8 + 10 * TEXT + 8 + 10 * TEXT + MARGIN - PANEL_FOOT;

static void value_range(const draw_plot_panel *p, int count, double *lo, double *hi, bool *whole,
                        bool *any)
{
    *lo = INFINITY;
    *hi = -INFINITY;
    *whole = true;
    *any = false;
    for (int i = 0; i < count; ++i) {
        double v = p->values[i];
        if (!isfinite(v))
            continue;
        *any = true;
        *lo = fmin(*lo, v);
        *hi = fmax(*hi, v);
        *whole = *whole && v == floor(v);
    }
    if (isfinite(p->threshold)) {
        *lo = fmin(*lo, p->threshold);
        *hi = fmax(*hi, p->threshold);
        *whole = *whole && p->threshold == floorf(p->threshold);
    }
    if (!isfinite(*lo)) {
        *lo = 0.0;
        *hi = 0.0;
    }
}

static core_result check_desc(const draw_plot_desc *d)
{
    if (d->panel_count < 1 || d->panel_count > DRAW_PLOT_MAX_PANELS || !d->panels)
        return core_fail(CORE_ERR_ARGUMENT, "plot: %d panels given; it draws 1 to %d",
                         d->panel_count, DRAW_PLOT_MAX_PANELS);
    if (d->count < 0 || (d->count > 0 && !d->angles_deg))
        return core_fail(CORE_ERR_ARGUMENT, "plot: %d steps given without their angles", d->count);
    if (d->width < 0 || d->height < 0)
        return core_fail(CORE_ERR_ARGUMENT, "plot: size %dx%d is negative", d->width, d->height);
    for (int i = 0; i < d->count; ++i)
        if (!(fabsf(d->angles_deg[i]) <= MAX_ANGLE) ||
            (i > 0 && d->angles_deg[i] < d->angles_deg[i - 1]))
            return core_fail(CORE_ERR_ARGUMENT,
                             "plot: angle %g of step %d is not ascending within +-%d degrees",
                             (double)d->angles_deg[i], i + 1, MAX_ANGLE);
    for (int p = 0; p < d->panel_count; ++p) {
        const draw_plot_panel *panel = &d->panels[p];
        if (d->count > 0 && !panel->values)
            return core_fail(CORE_ERR_ARGUMENT, "plot: panel %d has no values", p + 1);
        if (panel->flagged_count < 0 || (panel->flagged_count > 0 && !panel->flagged))
            return core_fail(CORE_ERR_ARGUMENT, "plot: panel %d: %d flagged ranges, %s", p + 1,
                             panel->flagged_count,
                             panel->flagged ? "a negative count" : "not given");
        if (!(panel->y_max >= 0.0f) || !isfinite(panel->y_max))
            return core_fail(CORE_ERR_ARGUMENT,
                             "plot: panel %d: y_max %g is neither 0 (automatic) nor positive",
                             p + 1, (double)panel->y_max);
    }
    return CORE_OK;
}

static core_result lay_out(const draw_plot_desc *d, layout *l)
{
    memset(l, 0, sizeof *l);
    int n = d->panel_count;
    l->width = d->width ? d->width : DEFAULT_WIDTH;
    l->top = lay_out_top(d, l);
    l->panel_height = DEFAULT_PANEL;
    if (d->height)
        l->panel_height = (d->height - l->top - BOTTOM_HEIGHT) / n;
    l->height = d->height ? d->height : l->top + n * DEFAULT_PANEL + BOTTOM_HEIGHT;
    int plot_height = l->panel_height - PANEL_HEAD - PANEL_FOOT;
    /* Value labels a line apart at least. */
    int max_intervals = draw_clampi(plot_height / (7 * TEXT + 6), 2, 4), label_width = 0;
    bool any_unit = false;
    for (int p = 0; p < n; ++p) {
        const draw_plot_panel *panel = &d->panels[p];
        panel_view *v = &l->panels[p];
        double lo, hi;
        bool whole;
        value_range(panel, d->count, &lo, &hi, &whole, &v->has_values);
        v->y = value_axis(lo, hi, panel->y_max, whole, max_intervals);
        for (double t = v->y.lo; t <= v->y.hi + v->y.step * 1e-6; t += v->y.step) {
            char label[32];
            format_number(t, v->y.step, label, sizeof label);
            int w = draw_text_width(label, TEXT);
            label_width = w > label_width ? w : label_width;
        }
        any_unit = any_unit || (panel->unit && panel->unit[0]);
    }
    l->left = MARGIN + (any_unit ? 10 * TEXT + 6 : 0) + label_width + 6 + TICK;
    l->right = l->width - MARGIN - 2 * TEXT * 4; /* half an angle label */
    if (l->right - l->left < MIN_PLOT_W || plot_height < MIN_PLOT_H)
        return core_fail(
            CORE_ERR_ARGUMENT, "plot: %dx%d is too small for %d panel%s (at least %dx%d)", l->width,
            l->height, n, n == 1 ? "" : "s", l->left + MIN_PLOT_W + (l->width - l->right),
            l->top + n * (PANEL_HEAD + MIN_PLOT_H + PANEL_FOOT) + BOTTOM_HEIGHT);

    double first = 0.0, last = 360.0;
    if (d->count > 0) {
        first = d->angles_deg[0];
        last = d->angles_deg[d->count - 1];
    }
    if (last - first < 1e-6) {
        first -= 5.0;
        last += 5.0;
    }
    int plot_width = l->right - l->left;
    int intervals = draw_clampi(plot_width / 90, 1, 12);
    double step = angle_step(last - first, intervals);
    l->x = (axis){floor(first / step + 1e-9) * step, ceil(last / step - 1e-9) * step, step};

    double spacing = d->count > 1
                         ? plot_width * (last - first) / (d->count - 1) / (l->x.hi - l->x.lo)
                         : plot_width;
    for (int p = 0; p < n; ++p) {
        int top = l->top + p * l->panel_height + PANEL_HEAD;
        l->panels[p].plot = (draw_rect){l->left, top, l->right, top + plot_height};
        l->panels[p].markers = spacing >= MARKER_SPACING;
    }
    return CORE_OK;
}

static double x_pixel(const layout *l, double angle)
{
    return l->left + 0.5 + (angle - l->x.lo) / (l->x.hi - l->x.lo) * (l->right - l->left - 1);
}

static double y_pixel(const panel_view *v, double value)
{
    return v->plot.y1 - 0.5 -
           (value - v->y.lo) / (v->y.hi - v->y.lo) * (v->plot.y1 - v->plot.y0 - 1);
}

static void dashed_line(draw_canvas *c, int x0, int x1, int y, const uint8_t rgb[3])
{
    for (int x = x0; x < x1; x += DASH_ON + DASH_OFF) {
        int end = x + DASH_ON < x1 ? x + DASH_ON : x1;
        draw_fill(c, (draw_rect){x, y - 1, end, y + 1}, rgb, 1.0f);
    }
}

static void series_colour(const draw_plot_panel *p, uint8_t out[3])
{
    bool unset = p->rgb[0] == 0 && p->rgb[1] == 0 && p->rgb[2] == 0;
    memcpy(out, unset ? DEFAULT_SERIES : p->rgb, 3);
}

static void draw_grid(draw_canvas *c, const layout *l, const panel_view *v)
{
    draw_rect r = v->plot;
    for (double t = l->x.lo; t <= l->x.hi + l->x.step * 1e-6; t += l->x.step) {
        int x = (int)floor(x_pixel(l, t));
        draw_fill(c, (draw_rect){x, r.y0, x + 1, r.y1}, GRID, 1.0f);
        draw_fill(c, (draw_rect){x, r.y1, x + 1, r.y1 + TICK}, AXIS, 1.0f);
    }
    for (double t = v->y.lo; t <= v->y.hi + v->y.step * 1e-6; t += v->y.step) {
        int y = (int)floor(y_pixel(v, t));
        draw_fill(c, (draw_rect){r.x0, y, r.x1, y + 1}, GRID, 1.0f);
        draw_fill(c, (draw_rect){r.x0 - TICK, y, r.x0, y + 1}, AXIS, 1.0f);
        char label[32];
        format_number(t, v->y.step, label, sizeof label);
        draw_text(c, label, r.x0 - TICK - 6, y - 7 * TEXT / 2, TEXT, INK, DRAW_RIGHT, 0);
    }
    draw_fill(c, (draw_rect){r.x0, r.y0, r.x0 + 1, r.y1}, AXIS, 1.0f);
    draw_fill(c, (draw_rect){r.x0, r.y1 - 1, r.x1, r.y1}, AXIS, 1.0f);
}

static void draw_flagged(draw_canvas *c, const layout *l, const panel_view *v,
                         const draw_plot_panel *p, const uint8_t rgb[3])
{
    for (int i = 0; i < p->flagged_count; ++i) {
        double from = p->flagged[i].from_deg, to = p->flagged[i].to_deg;
        if (!isfinite(from) || !isfinite(to))
            continue;
        if (from > to) {
            double swap = from;
            from = to;
            to = swap;
        }
        if (to < l->x.lo || from > l->x.hi)
            continue;
        int x0 = (int)floor(x_pixel(l, fmax(from, l->x.lo)));
        int x1 = (int)ceil(x_pixel(l, fmin(to, l->x.hi)));
        if (x1 - x0 < 2) /* a one-step range stays visible */
            x1 = x0 + 2;
        draw_fill(c, draw_intersect((draw_rect){x0, v->plot.y0, x1, v->plot.y1}, v->plot), rgb,
                  SHADE_ALPHA);
    }
}

/* Strokes the series into the mask; the caller paints it. */
static void stroke_series(draw_canvas *c, const layout *l, const panel_view *v,
                          const draw_plot_desc *d, const draw_plot_panel *p)
{
    draw_rect clip =
        draw_intersect((draw_rect){v->plot.x0 - 4, v->plot.y0 - 4, v->plot.x1 + 4, v->plot.y1 + 3},
                       (draw_rect){0, 0, c->w, c->h});
    for (int i = 0; i < d->count; ++i) {
        if (!isfinite(p->values[i]))
            continue;
        double x = x_pixel(l, d->angles_deg[i]), y = y_pixel(v, p->values[i]);
        bool next = i + 1 < d->count && isfinite(p->values[i + 1]);
        bool previous = i > 0 && isfinite(p->values[i - 1]);
        if (next)
            draw_stroke_segment(c, clip, x, y, x_pixel(l, d->angles_deg[i + 1]),
                                y_pixel(v, p->values[i + 1]), 1.0f);
        if (v->markers)
            draw_stroke_disc(c, clip, x, y, 3.2f);
        else if (!next && !previous) /* a lone value between gaps */
            draw_stroke_disc(c, clip, x, y, 1.8f);
    }
}

static bool threshold_shown(const panel_view *v, const draw_plot_panel *p)
{
    return isfinite(p->threshold) && p->threshold >= v->y.lo && p->threshold <= v->y.hi;
}

static int threshold_row(const panel_view *v, const draw_plot_panel *p)
{
    return (int)floor(y_pixel(v, p->threshold)) + 1;
}

static double mask_sum(const draw_canvas *c, draw_rect r)
{
    r = draw_intersect(r, (draw_rect){0, 0, c->w, c->h});
    double sum = 0.0;
    for (int y = r.y0; y < r.y1; ++y)
        for (int x = r.x0; x < r.x1; ++x)
            sum += c->mask[(size_t)y * (size_t)c->w + (size_t)x];
    return sum;
}

/* "threshold 2 %" beside its line, towards the right end, where the series
 * (already in the mask) crosses it least. */
static void draw_threshold_label(draw_canvas *c, const panel_view *v, const draw_plot_panel *p)
{
    char value[32], label[160];
    format_number(p->threshold, fabs(p->threshold) > 0 ? fabs(p->threshold) / 1000 : 1, value,
                  sizeof value);
    /* Trailing zeros of the generous precision above say nothing. */
    if (strchr(value, '.') && !strchr(value, 'e')) {
        char *end = value + strlen(value) - 1;
        while (*end == '0')
            *end-- = '\0';
        if (*end == '.')
            *end = '\0';
    }
    snprintf(label, sizeof label, "threshold %s%s%s", value, p->unit && p->unit[0] ? " " : "",
             p->unit ? p->unit : "");
    int w = draw_text_width(label, TEXT), h = 7 * TEXT, y = threshold_row(v, p);
    draw_rect best = {0, 0, 0, 0};
    double best_cost = INFINITY;
    for (int below = 0; below < 2; ++below)
        for (int x = v->plot.x1 - 8 - w; x >= v->plot.x0 + 8; x -= 16) {
            int ty = below ? y + 6 : y - 7 - h;
            draw_rect box = {x - 4, ty - 3, x + w + 3, ty + h + 3};
            if (box.y0 < v->plot.y0 - 2 || box.y1 > v->plot.y1 - 1)
                break;
            double cost = mask_sum(c, box);
            if (cost < best_cost - 0.5) { /* clearly better: the right end wins ties */
                best_cost = cost;
                best = box;
            }
        }
    if (!isfinite(best_cost))
        return; /* no room in a very low panel: the legend still explains the line */
    draw_fill(c, best, WHITE, 0.85f);
    draw_text(c, label, best.x0 + 4, best.y0 + 3, TEXT, THRESHOLD, DRAW_LEFT, 0);
}

/* A note in the middle of the plot, legible over grid and threshold. */
static void draw_note(draw_canvas *c, const panel_view *v, const char *note)
{
    int w = draw_text_width(note, TEXT), h = 7 * TEXT;
    int x = (v->plot.x0 + v->plot.x1 - w) / 2, y = (v->plot.y0 + v->plot.y1 - h) / 2;
    draw_fill(c, (draw_rect){x - 6, y - 4, x + w + 4, y + h + 4}, WHITE, 1.0f);
    draw_text(c, note, x, y, TEXT, MUTED, DRAW_LEFT, 0);
}

static void draw_panel(draw_canvas *c, const layout *l, const draw_plot_desc *d, int index)
{
    const draw_plot_panel *p = &d->panels[index];
    const panel_view *v = &l->panels[index];
    uint8_t rgb[3];
    series_colour(p, rgb);
    draw_flagged(c, l, v, p, rgb);
    draw_grid(c, l, v);
    if (threshold_shown(v, p))
        dashed_line(c, v->plot.x0, v->plot.x1, threshold_row(v, p), THRESHOLD);
    if (v->has_values)
        stroke_series(c, l, v, d, p);
    else
        draw_note(c, v, "no values");
    /* The label goes under the series, so a crossing hides no data. */
    if (threshold_shown(v, p))
        draw_threshold_label(c, v, p);
    draw_stroke_paint(c, rgb);

    int head = v->plot.y0 - PANEL_HEAD + 6;
    draw_fill(c, (draw_rect){v->plot.x0, head, v->plot.x0 + 5 * TEXT, head + 7 * TEXT}, rgb, 1.0f);
    draw_text(c, p->title, v->plot.x0 + 9 * TEXT, head, TEXT, INK, DRAW_LEFT,
              v->plot.x1 - v->plot.x0 - 9 * TEXT);
    if (p->unit && p->unit[0]) {
        int h = v->plot.y1 - v->plot.y0, w = draw_text_width(p->unit, TEXT);
        int bottom = v->plot.y1 - (h - (w < h ? w : h)) / 2;
        draw_text_run(c, p->unit, MARGIN, bottom, TEXT, MUTED, h, true);
    }
}

static void draw_angle_axis(draw_canvas *c, const layout *l, const draw_plot_desc *d)
{
    int y = l->panels[d->panel_count - 1].plot.y1 + TICK + 8, last_end = -1000000;
    for (double t = l->x.lo; t <= l->x.hi + l->x.step * 1e-6; t += l->x.step) {
        char number[32], label[40];
        format_number(t, l->x.step, number, sizeof number);
        snprintf(label, sizeof label, "%s\xc2\xb0", number);
        int w = draw_text_width(label, TEXT), x = (int)floor(x_pixel(l, t)) - w / 2;
        if (x < last_end + 8) /* labels never overlap; ticks stay */
            continue;
        draw_text(c, label, x, y, TEXT, INK, DRAW_LEFT, 0);
        last_end = x + w;
    }
    draw_text(c, d->x_label ? d->x_label : DEFAULT_X_LABEL, (l->left + l->right) / 2,
              y + 10 * TEXT + 8, TEXT, INK, DRAW_CENTER, l->right - l->left);
}

static void draw_legend(draw_canvas *c, const layout *l)
{
    draw_rect all = {0, 0, c->w, c->h};
    for (int i = 0; i < LEGEND_ITEMS; ++i) {
        int x = l->legend_x[i], y = l->legend_y[i], mid = y + 7 * TEXT / 2;
        if (i == 0) {
            draw_stroke_segment(c, all, x, mid + 0.5, x + LEGEND_SAMPLE, mid + 0.5, 1.0f);
            draw_stroke_disc(c, all, x + LEGEND_SAMPLE / 2.0, mid + 0.5, 3.2f);
            draw_stroke_paint(c, DEFAULT_SERIES);
        } else if (i == 1) {
            dashed_line(c, x, x + LEGEND_SAMPLE, mid + 1, THRESHOLD);
        } else {
            draw_fill(c, (draw_rect){x, y - 3, x + LEGEND_SAMPLE, y + 7 * TEXT + 3}, DEFAULT_SERIES,
                      SHADE_ALPHA);
        }
        draw_text(c, LEGEND_TEXT[i], x + LEGEND_SAMPLE + 8, y, TEXT, INK, DRAW_LEFT, 0);
    }
}

core_result draw_plot(const draw_plot_desc *desc, io_image *image)
{
    if (!image)
        return core_fail(CORE_ERR_ARGUMENT, "plot: no image to draw into");
    memset(image, 0, sizeof *image);
    if (!desc)
        return core_fail(CORE_ERR_ARGUMENT, "plot: no description");
    layout l;
    core_result r = check_desc(desc);
    if (r == CORE_OK)
        r = lay_out(desc, &l);
    if (r == CORE_OK)
        r = io_image_alloc(image, l.width, l.height);
    if (r != CORE_OK)
        return r;
    draw_canvas c = {image->pixels,
                     image->width,
                     image->height,
                     calloc((size_t)image->width * (size_t)image->height, sizeof(float)),
                     {0, 0, 0, 0}};
    if (!c.mask) {
        io_image_free(image);
        return core_fail(CORE_ERR_NO_MEMORY, "plot: out of memory for a %dx%d plot", l.width,
                         l.height);
    }
    memset(image->pixels, 255, (size_t)image->width * (size_t)image->height * 4);

    int content = l.width - 2 * MARGIN;
    for (int bold = 0; bold < 2; ++bold) /* drawn twice, a pixel apart: bold */
        draw_text(&c, desc->title, MARGIN + bold, l.title_y, TITLE, INK, DRAW_LEFT, content - 1);
    draw_text(&c, desc->subtitle, MARGIN, l.subtitle_y, TEXT, MUTED, DRAW_LEFT, l.subtitle_room);
    draw_legend(&c, &l);
    for (int p = 0; p < desc->panel_count; ++p)
        draw_panel(&c, &l, desc, p);
    draw_angle_axis(&c, &l, desc);
    free(c.mask);
    return CORE_OK;
}
