#ifndef GLINT_DETECT_DISPLAY_H
#define GLINT_DETECT_DISPLAY_H

/* The display model: how many image pixels one degree of the viewer's field
 * spans, so that "pinpoint" (a size in arcminutes) means the same at any
 * render size. ppd = d * N / W * pi / 180 for a viewer d from a display W wide
 * showing N pixels across (small-angle form, as in the detector spec). */

/* Zero fields mean "default": a 27-inch 2560-pixel display (0.597 m wide)
 * seen from 0.6 m, which gives about 45 pixels per degree. */
typedef struct detect_display_desc {
    float viewing_distance_m;
    float display_width_m;
    int display_width_px;
} detect_display_desc;

/* Pixels per degree on the display itself. */
float detect_display_ppd(const detect_display_desc *desc);
/* Pixels per degree of an image shown `image_width_px` wide, scaled to fill
 * the display's width: a smaller render is magnified, so each of its pixels
 * covers more of the eye's field. */
float detect_display_image_ppd(const detect_display_desc *desc, int image_width_px);
/* Converts a size in image pixels to arcminutes at a given ppd. */
float detect_pixels_to_arcmin(float pixels, float ppd);

#endif
