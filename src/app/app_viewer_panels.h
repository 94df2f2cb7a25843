#ifndef GLINT_APP_VIEWER_PANELS_H
#define GLINT_APP_VIEWER_PANELS_H

/* The viewer's panels (Dear ImGui through the ui module): a column at the
 * window's right edge with the lamp, model, view, turntable, compare,
 * detector and shots, each setting a row of the settings table
 * (app_viewer_panels.c). Hidden with the HUD. */

#include "app/app_viewer_loop.h"

core_result app_viewer_panels_create(app_viewer_loop *loop);
void app_viewer_panels_destroy(app_viewer_loop *loop);
/* Gives the panels an input event; true when they took it (the viewer then
 * does not act on it). */
bool app_viewer_panels_take_event(app_viewer_loop *loop, const plat_event *event);
/* Builds and draws this frame's panels over the window. */
core_result app_viewer_panels_frame(app_viewer_loop *loop, int fb_width, int fb_height,
                                    double now);
/* The HUD's and the panels' rectangles of the last frame, one per line
 * ("hud|column|panel X Y W H NAME"), for `--script`'s `ui rects`. */
core_result app_viewer_write_rects(const app_viewer_loop *loop, const char *path);
/* What the panels' texts said in the last frame, one line each ("Panel:
 * text"), for `--script`'s `ui texts`. */
core_result app_viewer_write_texts(const app_viewer_loop *loop, const char *path);
/* The Shots panel (app_viewer_panel_shots.c): its one line for what went
 * wrong (NULL clears it), and a model or preset opened, for its recent files. */
void app_viewer_shots_panel(app_viewer_loop *loop);
void app_viewer_shots_error(const char *error);
void app_viewer_note_recent(const char *path, bool preset);
/* The column's width in pixels (0 while hidden): the HUD keeps out of it. */
float app_viewer_panels_width(const app_viewer_loop *loop, int fb_width);

#endif
