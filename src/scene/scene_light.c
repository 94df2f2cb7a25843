#include "scene/scene_light.h"

#include <math.h>

/* A piecewise Gaussian: sigma_low left of the peak, sigma_high right of it. */
static double lobe(double wavelength, double peak, double sigma_low, double sigma_high)
{
    double t = (wavelength - peak) / (wavelength < peak ? sigma_low : sigma_high);
    return exp(-0.5 * t * t);
}

/* CIE 1931 2-degree colour matching functions, Wyman-Sloan-Shirley fit. */
static void observer(double nm, double xyz[3])
{
    xyz[0] = 1.056 * lobe(nm, 599.8, 37.9, 31.0) + 0.362 * lobe(nm, 442.0, 16.0, 26.7) -
             0.065 * lobe(nm, 501.1, 20.4, 26.2);
    xyz[1] = 0.821 * lobe(nm, 568.8, 46.9, 40.5) + 0.286 * lobe(nm, 530.9, 16.3, 31.1);
    xyz[2] = 1.217 * lobe(nm, 437.0, 11.8, 36.0) + 0.681 * lobe(nm, 459.0, 26.0, 13.8);
}

/* Spectral radiance of a blackbody, up to a constant factor that cancels. */
static double planck(double nm, double kelvin)
{
    const double hc_over_k = 1.438776877e-2; /* m K */
    double metres = nm * 1e-9;
    return 1.0 / (pow(metres, 5.0) * (exp(hc_over_k / (metres * kelvin)) - 1.0));
}

static void blackbody_linear_srgb(double kelvin, double rgb[3])
{
    double x = 0.0, y = 0.0, z = 0.0;
    for (int nm = 380; nm <= 780; ++nm) {
        double cmf[3];
        observer(nm, cmf);
        double power = planck(nm, kelvin);
        x += power * cmf[0];
        y += power * cmf[1];
        z += power * cmf[2];
    }
    x /= y;
    z /= y;
    y = 1.0;
    rgb[0] = 3.2406 * x - 1.5372 * y - 0.4986 * z;
    rgb[1] = -0.9689 * x + 1.8758 * y + 0.0415 * z;
    rgb[2] = 0.0557 * x - 0.2040 * y + 1.0570 * z;
}

void scene_kelvin_to_linear_srgb(float kelvin, float out[3])
{
    double t = fmin(fmax(kelvin, SCENE_KELVIN_MIN), SCENE_KELVIN_MAX);
    double lamp[3], neutral[3];
    blackbody_linear_srgb(t, lamp);
    blackbody_linear_srgb(SCENE_KELVIN_NEUTRAL, neutral);
    double rgb[3];
    for (int c = 0; c < 3; ++c) /* below ~1900 K blue falls outside sRGB: clip it */
        rgb[c] = fmax(lamp[c] / neutral[c], 0.0);
    double luminance = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
    for (int c = 0; c < 3; ++c)
        out[c] = (float)(rgb[c] / luminance);
}
