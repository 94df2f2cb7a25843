#ifndef GLINT_SCENE_LIGHT_H
#define GLINT_SCENE_LIGHT_H

/* The lamp's colour from its temperature. */

#define SCENE_KELVIN_MIN 1500.0f
#define SCENE_KELVIN_MAX 12000.0f
#define SCENE_KELVIN_NEUTRAL 6500.0f

/* Linear sRGB of a blackbody at `kelvin` (clamped to 1500-12000 K), white-
 * balanced so that a 6500 K lamp is neutral, and scaled to luminance 1 so that
 * the temperature changes the colour, never the brightness.
 *
 * Planck's law is integrated over 380-780 nm against the CIE 1931 2-degree
 * observer, in the analytic multi-lobe fit of Wyman, Sloan and Shirley (JCGT
 * 2013), then taken from XYZ to linear sRGB (IEC 61966-2-1). A 6500 K
 * blackbody is not D65 (it sits slightly towards magenta in sRGB), so the
 * result is divided by the 6500 K colour: the white balance a photographer
 * sets for a lamp of that temperature. docs/lighting.md has the numbers. */
void scene_kelvin_to_linear_srgb(float kelvin, float rgb[3]);

#endif
