#include "sdf.h"

#include <math.h>

v3 v3_cross(v3 a, v3 b)
{
    return v3_make(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x);
}

double v3_len(v3 a)
{
    return sqrt(v3_dot(a, a));
}

v3 v3_norm(v3 a)
{
    double l = v3_len(a);
    if (l < 1e-300)
        return v3_make(0.0, 1.0, 0.0);
    return v3_scale(a, 1.0 / l);
}

double sd_sphere(v3 p, v3 c, double r)
{
    return v3_len(v3_sub(p, c)) - r;
}

double sd_ellipsoid(v3 p, v3 c, v3 r)
{
    v3 q = v3_sub(p, c);
    v3 a = v3_make(q.x / r.x, q.y / r.y, q.z / r.z);
    v3 b = v3_make(q.x / (r.x * r.x), q.y / (r.y * r.y), q.z / (r.z * r.z));
    double k0 = v3_len(a);
    double k1 = v3_len(b);
    if (k1 < 1e-12) {
        double m = r.x < r.y ? r.x : r.y;
        return -(m < r.z ? m : r.z);
    }
    return k0 * (k0 - 1.0) / k1;
}

double sd_capsule(v3 p, v3 a, v3 b, double r)
{
    v3 pa = v3_sub(p, a), ba = v3_sub(b, a);
    double t = clampd(v3_dot(pa, ba) / v3_dot(ba, ba), 0.0, 1.0);
    return v3_len(v3_sub(pa, v3_scale(ba, t))) - r;
}

double sd_taper(v3 p, v3 a, v3 b, double ra, double rb)
{
    v3 pa = v3_sub(p, a), ba = v3_sub(b, a);
    double t = clampd(v3_dot(pa, ba) / v3_dot(ba, ba), 0.0, 1.0);
    return v3_len(v3_sub(pa, v3_scale(ba, t))) - (ra + (rb - ra) * t);
}

double op_smin(double a, double b, double k)
{
    double h = k - fabs(a - b);
    if (h <= 0.0)
        return a < b ? a : b;
    h /= k;
    return (a < b ? a : b) - h * h * k * 0.25;
}

double op_smax(double a, double b, double k)
{
    return -op_smin(-a, -b, k);
}

double clampd(double x, double lo, double hi)
{
    return x < lo ? lo : (x > hi ? hi : x);
}

double smoothstepd(double e0, double e1, double x)
{
    double t = clampd((x - e0) / (e1 - e0), 0.0, 1.0);
    return t * t * (3.0 - 2.0 * t);
}

uint32_t hash_u32(uint32_t x)
{
    x ^= x >> 16;
    x *= 0x7feb352dU;
    x ^= x >> 15;
    x *= 0x846ca68bU;
    x ^= x >> 16;
    return x;
}

uint32_t hash3i(int32_t x, int32_t y, int32_t z, uint32_t seed)
{
    uint32_t h = hash_u32((uint32_t)z * 0xC2B2AE3DU ^ seed);
    h = hash_u32((uint32_t)y * 0x85EBCA77U ^ h);
    return hash_u32((uint32_t)x * 0x9E3779B1U ^ h);
}

double hash_unit(uint32_t h)
{
    return (double)(h >> 8) * (1.0 / 16777216.0);
}

double dimples(v3 p, double cell, uint32_t seed)
{
    double qx = p.x / cell, qy = p.y / cell, qz = p.z / cell;
    int32_t ix = (int32_t)floor(qx), iy = (int32_t)floor(qy), iz = (int32_t)floor(qz);
    const double rr = 0.8 * 0.8; /* dent radius, in cells, squared */
    double sum = 0.0;
    for (int dz = -1; dz <= 1; ++dz) {
        for (int dy = -1; dy <= 1; ++dy) {
            for (int dx = -1; dx <= 1; ++dx) {
                int32_t cx = ix + dx, cy = iy + dy, cz = iz + dz;
                uint32_t h = hash3i(cx, cy, cz, seed);
                double fx = cx + 0.1 + 0.8 * hash_unit(h);
                double fy = cy + 0.1 + 0.8 * hash_unit(hash_u32(h ^ 0x68bc21ebU));
                double fz = cz + 0.1 + 0.8 * hash_unit(hash_u32(h ^ 0x02e5be93U));
                double ex = qx - fx, ey = qy - fy, ez = qz - fz;
                double t = 1.0 - (ex * ex + ey * ey + ez * ez) / rr;
                if (t > 0.0)
                    sum += (0.6 + 0.4 * hash_unit(hash_u32(h ^ 0x3c6ef372U))) * t * t;
            }
        }
    }
    return sum;
}

v3 sdf_gradient(sdf_fn f, v3 p, double eps)
{
    double gx = f(v3_make(p.x + eps, p.y, p.z)) - f(v3_make(p.x - eps, p.y, p.z));
    double gy = f(v3_make(p.x, p.y + eps, p.z)) - f(v3_make(p.x, p.y - eps, p.z));
    double gz = f(v3_make(p.x, p.y, p.z + eps)) - f(v3_make(p.x, p.y, p.z - eps));
    return v3_scale(v3_make(gx, gy, gz), 0.5 / eps);
}
