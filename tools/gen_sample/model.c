/* Shapes of the sample bust. All numbers are millimetres. The head is about
 * 26 mm from chin to crown, the bust stands on a 15 mm plinth of 48 mm
 * diameter, and the top of the cap reaches about 75 mm. */
#include "model.h"

#include <math.h>

#define V v3_make

/* Eyeball centres (x is mirrored) and radius. */
static const double eye_x = 3.3, eye_y = 60.6, eye_z = 5.5, eye_r = 2.0;

/* ---- skin ------------------------------------------------------------- */

static double head(v3 p)
{
    double d = sd_ellipsoid(p, V(0.0, 64.3, -2.0), V(9.0, 9.4, 11.0)); /* cranium */
    d = op_smin(d, sd_ellipsoid(p, V(0.0, 57.6, 1.2), V(7.6, 8.6, 8.0)), 4.5);
    /* Fold |x| so that every paired feature is written once. */
    v3 q = V(fabs(p.x), p.y, p.z);
    d = op_smin(d, sd_capsule(q, V(6.6, 56.8, -2.8), V(2.4, 50.6, 4.6), 2.1), 2.5); /* jaw */
    d = op_smin(d, sd_ellipsoid(p, V(0.0, 50.6, 5.4), V(3.0, 2.2, 2.6)), 1.5);      /* chin */
    d = op_smin(d, sd_ellipsoid(q, V(4.8, 59.2, 5.0), V(2.4, 1.6, 2.3)), 1.6);      /* cheek */
    d = op_smin(d, sd_capsule(q, V(0.6, 63.0, 8.0), V(5.6, 62.9, 6.2), 1.0), 1.2);  /* brow */
    d = op_smin(d, sd_taper(p, V(0.0, 62.2, 8.4), V(0.0, 56.4, 10.3), 0.8, 1.15), 1.0);
    d = op_smin(d, sd_sphere(q, V(1.2, 56.4, 8.9), 0.75), 0.6); /* nostril wing */
    /* lips, and the line between them curving down at the corners */
    d = op_smin(d, sd_ellipsoid(p, V(0.0, 53.3, 7.7), V(2.1, 1.4, 1.1)), 1.0);
    double mouth_y = 53.35 - 0.12 * p.x * p.x;
    d += 0.3 * (1.0 - smoothstepd(0.0, 0.5, fabs(p.y - mouth_y))) *
         (1.0 - smoothstepd(1.4, 1.9, fabs(p.x))) * smoothstepd(6.5, 7.5, p.z);
    /* eye socket, then lids hugging the eyeball around an almond opening */
    d = op_smax(d, -sd_ellipsoid(q, V(eye_x, eye_y + 0.2, 9.3), V(3.0, 2.3, 2.1)), 0.8);
    d = op_smax(d, -sd_sphere(q, V(eye_x, eye_y, eye_z), eye_r + 0.08), 0.2);
    double ex = (q.x - eye_x) / 2.1;
    double open_h = 0.85 * (1.0 - ex * ex) - 0.1;
    double dy = p.y - (eye_y + 0.15 + 0.12 * (q.x - eye_x));
    double lid =
        op_smax(sd_sphere(q, V(eye_x, eye_y, eye_z), eye_r + 0.28), open_h - fabs(dy), 0.25);
    d = op_smin(d, lid, 0.5);
    /* ear with a hollow */
    d = op_smin(d, sd_ellipsoid(q, V(8.7, 59.0, -2.3), V(1.2, 3.2, 2.0)), 0.8);
    d = op_smax(d, -sd_ellipsoid(q, V(9.7, 59.0, -2.0), V(0.8, 2.3, 1.4)), 0.3);
    return d;
}

double model_skin(v3 p)
{
    double d = head(p);
    d = op_smin(d, sd_capsule(p, V(0.0, 40.0, -1.5), V(0.0, 55.0, -3.0), 5.8), 2.5); /* neck */
    d = op_smin(d, sd_ellipsoid(p, V(0.0, 37.5, -1.8), V(14.0, 5.5, 8.0)), 3.0);     /* chest */
    return op_smax(d, 31.0 - p.y, 0.5); /* the rest lies inside the clothes */
}

/* ---- cap ---------------------------------------------------------------- */

/* The knot at the back, where the ribs gather. */
static const double bun_y = 67.8, bun_z = -12.6;

double model_cap(v3 p)
{
    double d = sd_ellipsoid(p, V(0.0, 64.4, -2.1), V(10.2, 10.6, 12.2));
    d = op_smin(d, sd_ellipsoid(p, V(0.0, 58.5, -5.5), V(8.6, 7.0, 5.8)), 3.0); /* nape */
    d = op_smin(d, sd_sphere(p, V(0.0, bun_y, bun_z), 3.8), 1.2);               /* bun */
    /* Its edge: high on the forehead, above the ears, low at the nape. */
    double c = cos(atan2(p.x, p.z + 2.2));
    double line = 62.0 + 7.5 * c - 1.75 * c * c;
    d = op_smax(d, line - p.y, 0.8);
    /* Ribs: meridians about an axis from in front of the face to the knot,
     * so that they sweep back over the head and gather into it. */
    v3 a = V(0.0, 62.0, 14.0);
    v3 ax = v3_norm(v3_sub(V(0.0, bun_y, bun_z), a));
    v3 e2 = v3_cross(ax, V(1.0, 0.0, 0.0));
    v3 w = v3_sub(p, a);
    double u = atan2(w.x, v3_dot(w, e2));
    double wob = 0.05 * sin(0.31 * p.z + 1.1) + 0.03 * sin(0.73 * p.z + 0.4 * p.x);
    double s = fabs(sin(24.0 * (u + wob)));
    d += 0.30 * (1.0 - sqrt(s));            /* fine grooves between the ribs */
    d -= 0.15 * cos(8.0 * (u + 2.0 * wob)); /* a few broad folds */
    return d;
}

/* ---- cloth -------------------------------------------------------------- */

/* The smooth body under the clothes: chest plus shoulders, cut at y=14.5. */
static double torso(v3 p)
{
    double d = sd_ellipsoid(p, V(0.0, 26.0, -1.8), V(17.0, 16.0, 9.8));
    d = op_smin(d, sd_capsule(p, V(-14.0, 35.2, -2.2), V(14.0, 35.2, -2.2), 5.6), 5.0);
    return fmax(d, 14.5 - p.y);
}

double model_cloth(v3 p)
{
    double t = torso(p);
    /* Cloak: the body inflated, more towards the bottom, with hanging folds. */
    double theta = atan2(p.x, p.z + 1.8);
    double amp = 1.6 * smoothstepd(38.0, 20.0, p.y);
    double folds =
        amp * (0.65 * sin(8.0 * theta + 0.9) + 0.35 * sin(15.0 * theta + 2.3 + 0.08 * p.y));
    double cloak = t - (1.8 + 1.2 * smoothstepd(36.0, 16.0, p.y)) - folds;
    /* It opens at the front in a V, showing the tunic. */
    double half = 3.5 + (38.0 - p.y) * 0.30;
    double open = fmax(fabs(p.x) - half, -p.z);
    cloak = op_smax(cloak, -open, 0.8);
    double tunic = t - 0.3 - 0.18 * sin(1.6 * p.y + 0.5 * sin(0.45 * p.x));
    return fmax(op_smin(cloak, tunic, 0.3), 14.5 - p.y);
}

/* ---- armour ------------------------------------------------------------- */

static const v3 gorget_c = {0.0, 45.0, -2.0};
static const double gorget_r = 17.5;
#define N_RIVETS 28
static v3 rivets[N_RIVETS];
static int rivets_ready;

/* Height of the plate's outer surface above the point (x, z). */
static double plate_top(double x, double z)
{
    double lo = 20.0, hi = 60.0;
    for (int i = 0; i < 50; ++i) {
        double mid = 0.5 * (lo + hi);
        if (torso(V(x, mid, z)) - 3.3 < 0.0)
            lo = mid;
        else
            hi = mid;
    }
    return 0.5 * (lo + hi);
}

static void place_rivets(void)
{
    const double two_pi = 6.283185307179586;
    for (int i = 0; i < N_RIVETS; ++i) {
        double a = two_pi * (i + 0.5) / N_RIVETS;
        double lo = 0.0, hi = 25.0;
        v3 pt = gorget_c;
        /* Walk out from the neck until the surface point is 0.85 mm in from the edge. */
        for (int k = 0; k < 50; ++k) {
            double rho = 0.5 * (lo + hi);
            double x = gorget_c.x + rho * sin(a), z = gorget_c.z + rho * cos(a);
            pt = V(x, plate_top(x, z), z);
            if (v3_len(v3_sub(pt, gorget_c)) < gorget_r - 0.85)
                lo = rho;
            else
                hi = rho;
        }
        rivets[i] = pt;
    }
    rivets_ready = 1;
}

double model_armor(v3 p)
{
    if (!rivets_ready)
        place_rivets();
    double t = torso(p);
    double d = fmax(t - 3.3, -(t + 1.5)); /* a shell over the body */
    double r3 = v3_len(v3_sub(p, gorget_c));
    d = op_smax(d, r3 - gorget_r, 0.5);
    /* standing collar round the neck, with a rounded top */
    double rn = sqrt(p.x * p.x + (p.z + 2.2) * (p.z + 2.2));
    double collar = op_smax(fabs(rn - 6.8) - 1.1, p.y - 46.0, 0.8);
    collar = fmax(collar, 36.0 - p.y);
    d = op_smin(d, collar, 1.0);
    /* engraved band: two lines with a wave between them */
    double ang = atan2(p.x, p.z - gorget_c.z);
    double g1 = fabs(r3 - 13.4), g2 = fabs(r3 - 15.6);
    double g3 = fabs(r3 - (14.5 + 0.45 * sin(14.0 * ang)));
    double g = fmin(fmin(g1, g2), g3);
    d += 0.2 * (1.0 - smoothstepd(0.0, 0.45, g));
    /* hammered dents everywhere but on the band */
    double band = smoothstepd(12.6, 13.0, r3) * (1.0 - smoothstepd(16.0, 16.4, r3));
    d += (1.0 - band) * 0.13 * dimples(p, 1.15, 0x5eedU);
    /* rivets near the rim */
    if (r3 > gorget_r - 3.0) {
        for (int i = 0; i < N_RIVETS; ++i)
            d = op_smin(d, sd_sphere(p, rivets[i], 0.5), 0.15);
    }
    return d;
}

/* ---- eyes and plinth ------------------------------------------------------ */

double model_eyes(v3 p)
{
    return sd_sphere(V(fabs(p.x), p.y, p.z), V(eye_x, eye_y, eye_z), eye_r);
}

/* A painted eye: the white, then the iris (a disc of radius 0.95 mm, dished
 * 0.04 mm into the ball as a sculptor cuts it, blending in over 8 degrees so
 * that a gloss varnish shows no ring), then the pupil (radius 0.38 mm) on the
 * same dish. The eyes look straight ahead, along +Z. */
static const double iris_deg = 28.4, pupil_deg = 11.0, iris_dish = 0.04, dish_deg = 8.0;

/* Radius of the eyeball's surface at `deg` degrees off its gaze. */
static double eye_radius(double deg)
{
    return eye_r - iris_dish * smoothstepd(iris_deg, iris_deg - dish_deg, deg);
}

/* One eye's rings from `from_deg` to `to_deg` off the gaze (decreasing, so
 * that the rings run from the back towards the front), about +Y. */
static int eye_rings(double from_deg, double to_deg, int steps, lathe_ring *rings)
{
    const double rad = 3.141592653589793 / 180.0, h = 1e-4;
    for (int i = 0; i <= steps; ++i) {
        double deg = from_deg + (to_deg - from_deg) * i / steps;
        double a = deg * rad, r = eye_radius(deg);
        /* The profile's tangent as the angle grows; the normal is it turned. */
        double dr = (eye_radius(deg + h) - eye_radius(deg - h)) / (2.0 * h * rad);
        double tr = dr * sin(a) + r * cos(a), ty = dr * cos(a) - r * sin(a);
        double l = sqrt(tr * tr + ty * ty);
        rings[i].r = deg == 0.0 || deg == 180.0 ? 0.0 : r * sin(a);
        rings[i].y = r * cos(a);
        rings[i].nr = -ty / l;
        rings[i].ny = tr / l;
        rings[i].join = i > 0;
    }
    return steps + 1;
}

/* Both eyes' rings from from_deg to to_deg, turned to look along +Z. */
static void build_eye_band(mesh *m, double from_deg, double to_deg, int steps)
{
    lathe_ring rings[32];
    mesh one;
    mesh_init(&one);
    mesh_lathe(&one, rings, eye_rings(from_deg, to_deg, steps, rings), 40, V(0.0, 0.0, 0.0));
    mesh_append_facing_z(m, &one, V(-eye_x, eye_y, eye_z));
    mesh_append_facing_z(m, &one, V(eye_x, eye_y, eye_z));
    mesh_free(&one);
}

void model_build_eyes(mesh *m)
{
    build_eye_band(m, 180.0, iris_deg, 14);
}

void model_build_irises(mesh *m)
{
    build_eye_band(m, iris_deg, pupil_deg, 7);
}

void model_build_pupils(mesh *m)
{
    build_eye_band(m, pupil_deg, 0.0, 4);
}

/* ---- lips --------------------------------------------------------------- */

/* Negative on the lips: the face's surface between a Cupid's bow and the
 * lower lip's curve, around the mouth line head() carves; the lips are cut
 * out of the skin's surface along its zero set, so the face stays one smooth
 * surface with a painted edge. */
double model_lips(v3 p)
{
    const double half_w = 1.95;
    double mouth_y = 53.35 - 0.12 * p.x * p.x;
    double u = fmin(fabs(p.x) / half_w, 1.0), bulge = pow(1.0 - u * u, 0.6);
    double upper = 0.8 * bulge - 0.14 * exp(-(p.x * p.x) / 0.12); /* the bow's dip */
    double lower = 0.95 * bulge;
    double g = p.y >= mouth_y ? p.y - mouth_y - upper : mouth_y - p.y - lower;
    g += fmax(fabs(p.x) - half_w, 0.0);
    return fmax(g, 6.0 - p.z); /* only on the front of the face */
}

double model_base(v3 p)
{
    double r = sqrt(p.x * p.x + p.z * p.z);
    return fmax(r - 22.2, fmax(-p.y, p.y - 15.0));
}

void model_build_base(mesh *m)
{
    /* Profile from the bottom centre, out, up the side, in over the top. */
    static const double pr[] = {0.0,   23.2, 24.0,  24.0, 23.4, 23.4, 24.0, 24.0, 24.2,
                                24.35, 24.4, 24.35, 24.2, 24.0, 24.0, 22.2, 0.0};
    static const double py[] = {0.0,  0.0,  0.8,  5.6,   6.2,  8.8,  9.4,  10.6, 10.65,
                                10.8, 11.0, 11.2, 11.35, 11.4, 13.2, 15.0, 15.0};
    static const int pc[] = {1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1, 1, 1, 1};
    enum { N = sizeof pr / sizeof pr[0] };
    lathe_ring rings[2 * N];
    int n = lathe_from_profile(pr, py, pc, N, rings);
    mesh_lathe(m, rings, n, 128, V(0.0, 0.0, 0.0));
}
