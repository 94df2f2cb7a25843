#include "draw/draw_sheet.h"

#include "draw/draw_canvas.h"

#include <string.h>

enum { TEXT_SCALE = 2 };
static const uint8_t INK[3] = {33, 37, 41}, MUTED[3] = {100, 108, 116};

bool draw_sheet_size(int columns, int rows, int cell_width, int cell_height, bool headers,
                     bool footers, int *width, int *height)
{
    long w =
        2L * DRAW_SHEET_MARGIN + (long)columns * cell_width + (long)(columns - 1) * DRAW_SHEET_GAP;
    long h = 2L * DRAW_SHEET_MARGIN + DRAW_SHEET_TITLE + (headers ? DRAW_SHEET_HEADER : 0) +
             (footers ? DRAW_SHEET_FOOTER : 0) + (long)rows * (cell_height + DRAW_SHEET_LABEL) +
             (long)(rows - 1) * DRAW_SHEET_GAP;
    *width = (int)(w < DRAW_SHEET_MAX_SIDE ? w : DRAW_SHEET_MAX_SIDE);
    *height = (int)(h < DRAW_SHEET_MAX_SIDE ? h : DRAW_SHEET_MAX_SIDE);
    return columns > 0 && rows > 0 && w <= DRAW_SHEET_MAX_SIDE && h <= DRAW_SHEET_MAX_SIDE;
}

core_result draw_sheet_create(draw_sheet *sheet, int columns, int rows, int cell_width,
                              int cell_height, bool headers, bool footers)
{
    memset(sheet, 0, sizeof *sheet);
    int width, height;
    if (!draw_sheet_size(columns, rows, cell_width, cell_height, headers, footers, &width, &height))
        return core_fail(CORE_ERR_ARGUMENT, "a sheet of %dx%d frames of %dx%d is over %d px",
                         columns, rows, cell_width, cell_height, DRAW_SHEET_MAX_SIDE);
    core_result r = io_image_alloc(&sheet->image, width, height);
    if (r != CORE_OK)
        return r;
    memset(sheet->image.pixels, 255, (size_t)width * (size_t)height * 4);
    sheet->columns = columns;
    sheet->rows = rows;
    sheet->cell_width = cell_width;
    sheet->cell_height = cell_height;
    sheet->headers = headers;
    sheet->footers = footers;
    return CORE_OK;
}

static draw_canvas canvas_of(draw_sheet *sheet)
{
    draw_canvas canvas = {
        sheet->image.pixels, sheet->image.width, sheet->image.height, NULL, {0, 0, 0, 0}};
    return canvas;
}

static int cell_x(const draw_sheet *sheet, int column)
{
    return DRAW_SHEET_MARGIN + column * (sheet->cell_width + DRAW_SHEET_GAP);
}

static int cell_y(const draw_sheet *sheet, int row)
{
    return DRAW_SHEET_MARGIN + DRAW_SHEET_TITLE + (sheet->headers ? DRAW_SHEET_HEADER : 0) +
           row * (sheet->cell_height + DRAW_SHEET_LABEL + DRAW_SHEET_GAP);
}

void draw_sheet_put(draw_sheet *sheet, const io_image *frame, int column, int row,
                    const char *label)
{
    if (column < 0 || row < 0 || column >= sheet->columns || row >= sheet->rows ||
        frame->width != sheet->cell_width || frame->height != sheet->cell_height)
        return;
    int x0 = cell_x(sheet, column), y0 = cell_y(sheet, row);
    for (int y = 0; y < frame->height; ++y)
        memcpy(
            &sheet->image.pixels[4 * ((size_t)(y0 + y) * (size_t)sheet->image.width + (size_t)x0)],
            &frame->pixels[4 * (size_t)y * (size_t)frame->width], 4 * (size_t)frame->width);
    draw_canvas canvas = canvas_of(sheet);
    draw_text(&canvas, label, x0 + sheet->cell_width / 2, y0 + sheet->cell_height + 5, TEXT_SCALE,
              INK, DRAW_CENTER, sheet->cell_width);
}

void draw_sheet_header(draw_sheet *sheet, int column, const char *text)
{
    if (!sheet->headers || column < 0 || column >= sheet->columns)
        return;
    draw_canvas canvas = canvas_of(sheet);
    draw_text(&canvas, text, cell_x(sheet, column) + sheet->cell_width / 2,
              DRAW_SHEET_MARGIN + DRAW_SHEET_TITLE + 4, TEXT_SCALE, INK, DRAW_CENTER,
              sheet->cell_width);
}

void draw_sheet_footer(draw_sheet *sheet, int column, const char *text, bool alarm)
{
    if (!sheet->footers || column < 0 || column >= sheet->columns)
        return;
    const uint8_t red[3] = {200, 30, 30};
    draw_canvas canvas = canvas_of(sheet);
    int y = cell_y(sheet, sheet->rows) - DRAW_SHEET_GAP + 4;
    draw_text(&canvas, text, cell_x(sheet, column) + sheet->cell_width / 2, y, TEXT_SCALE,
              alarm ? red : INK, DRAW_CENTER, sheet->cell_width);
}

void draw_sheet_outline(draw_sheet *sheet, int column, int row)
{
    if (column < 0 || row < 0 || column >= sheet->columns || row >= sheet->rows)
        return;
    const uint8_t red[3] = {220, 30, 30};
    draw_canvas canvas = canvas_of(sheet);
    int x0 = cell_x(sheet, column), y0 = cell_y(sheet, row);
    int x1 = x0 + sheet->cell_width, y1 = y0 + sheet->cell_height;
    const draw_rect sides[4] = {
        {x0, y0, x1, y0 + 3}, {x0, y1 - 3, x1, y1}, {x0, y0, x0 + 3, y1}, {x1 - 3, y0, x1, y1}};
    for (int i = 0; i < 4; ++i)
        draw_fill(&canvas, sides[i], red, 1.0f);
}

void draw_sheet_title(draw_sheet *sheet, int line, const char *text)
{
    draw_canvas canvas = canvas_of(sheet);
    draw_text(&canvas, text, DRAW_SHEET_MARGIN, DRAW_SHEET_MARGIN + 22 * line, TEXT_SCALE,
              line == 0 ? INK : MUTED, DRAW_LEFT, sheet->image.width - 2 * DRAW_SHEET_MARGIN);
}

void draw_sheet_free(draw_sheet *sheet)
{
    io_image_free(&sheet->image);
    memset(sheet, 0, sizeof *sheet);
}
