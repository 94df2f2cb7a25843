#include "../check.h"

#include "detect/detect_display.h"

int main(void)
{
    /* The spec's default: a 27-inch 2560-pixel display at 60 cm is about 45 ppd. */
    float ppd = detect_display_ppd(NULL);
    CHECK_NEAR(ppd, 44.9, 0.2);
    detect_display_desc zero = {0};
    CHECK_NEAR(detect_display_ppd(&zero), ppd, 1e-6);
    /* FLIP's default: 0.7 m from a 0.7 m wide 4K display: 67 ppd. */
    detect_display_desc flip = {0.7f, 0.7f, 3840};
    CHECK_NEAR(detect_display_ppd(&flip), 67.0, 0.1);
    /* Doubling the distance doubles ppd. */
    detect_display_desc far = {1.2f, 0.0f, 0};
    CHECK_NEAR(detect_display_ppd(&far), 2.0 * ppd, 1e-3);
    /* A render half as wide as the display, shown full width, has half the ppd. */
    CHECK_NEAR(detect_display_image_ppd(NULL, 1280), ppd / 2.0, 1e-3);
    CHECK(detect_display_image_ppd(NULL, 0) == 0.0f);
    /* 4 px at 60 ppd is 4 arcmin; at 0 ppd a size is unbounded. */
    CHECK_NEAR(detect_pixels_to_arcmin(4.0f, 60.0f), 4.0, 1e-6);
    CHECK(isinf(detect_pixels_to_arcmin(1.0f, 0.0f)));
    return check_done("test_detect");
}
