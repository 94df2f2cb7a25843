#include "detect/detect_display.h"

#include <math.h>

#define PI_F 3.14159265358979f

#define DEFAULT_VIEWING_DISTANCE_M 0.6f
#define DEFAULT_DISPLAY_WIDTH_M 0.597f
#define DEFAULT_DISPLAY_WIDTH_PX 2560

float detect_display_ppd(const detect_display_desc *desc)
{
    float distance = desc && desc->viewing_distance_m > 0.0f ? desc->viewing_distance_m
                                                             : DEFAULT_VIEWING_DISTANCE_M;
    float width =
        desc && desc->display_width_m > 0.0f ? desc->display_width_m : DEFAULT_DISPLAY_WIDTH_M;
    int pixels =
        desc && desc->display_width_px > 0 ? desc->display_width_px : DEFAULT_DISPLAY_WIDTH_PX;
    return distance * (float)pixels / width * PI_F / 180.0f;
}

float detect_display_image_ppd(const detect_display_desc *desc, int image_width_px)
{
    int pixels =
        desc && desc->display_width_px > 0 ? desc->display_width_px : DEFAULT_DISPLAY_WIDTH_PX;
    if (image_width_px <= 0)
        return 0.0f;
    return detect_display_ppd(desc) * (float)image_width_px / (float)pixels;
}

float detect_pixels_to_arcmin(float pixels, float ppd)
{
    return ppd > 0.0f ? 60.0f * pixels / ppd : INFINITY;
}
