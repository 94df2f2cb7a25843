#include "mesh.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n);
    if (!q) {
        fprintf(stderr, "gen_sample: out of memory\n");
        exit(1);
    }
    return q;
}

void mesh_init(mesh *m)
{
    m->pos = NULL;
    m->nrm = NULL;
    m->tri = NULL;
    m->nv = m->cap_v = m->nt = m->cap_t = 0;
}

void mesh_free(mesh *m)
{
    free(m->pos);
    free(m->nrm);
    free(m->tri);
    mesh_init(m);
}

uint32_t mesh_add_vertex(mesh *m, v3 p, v3 n)
{
    if (m->nv == m->cap_v) {
        m->cap_v = m->cap_v ? m->cap_v * 2 : 1024;
        m->pos = xrealloc(m->pos, m->cap_v * sizeof *m->pos);
        m->nrm = xrealloc(m->nrm, m->cap_v * sizeof *m->nrm);
    }
    m->pos[m->nv] = p;
    m->nrm[m->nv] = n;
    return (uint32_t)m->nv++;
}

void mesh_add_tri(mesh *m, uint32_t a, uint32_t b, uint32_t c)
{
    if (m->nt == m->cap_t) {
        m->cap_t = m->cap_t ? m->cap_t * 2 : 1024;
        m->tri = xrealloc(m->tri, m->cap_t * 3 * sizeof *m->tri);
    }
    m->tri[3 * m->nt + 0] = a;
    m->tri[3 * m->nt + 1] = b;
    m->tri[3 * m->nt + 2] = c;
    m->nt++;
}

/* Split quad a-b-c-d (counter-clockwise) along its shorter diagonal. */
static void add_quad(mesh *m, uint32_t a, uint32_t b, uint32_t c, uint32_t d)
{
    double ac = v3_len(v3_sub(m->pos[a], m->pos[c]));
    double bd = v3_len(v3_sub(m->pos[b], m->pos[d]));
    if (ac <= bd) {
        mesh_add_tri(m, a, b, c);
        mesh_add_tri(m, a, c, d);
    } else {
        mesh_add_tri(m, a, b, d);
        mesh_add_tri(m, b, c, d);
    }
}

/* The 12 cube edges as pairs of corner numbers (corner = dx + 2 dy + 4 dz). */
static const int cube_edges[12][2] = {{0, 1}, {2, 3}, {4, 5}, {6, 7}, {0, 2}, {1, 3},
                                      {4, 6}, {5, 7}, {0, 4}, {1, 5}, {2, 6}, {3, 7}};

int mesh_surface_nets(mesh *m, sdf_fn f, v3 lo, v3 hi, double h)
{
    int nx = (int)ceil((hi.x - lo.x) / h) + 1;
    int ny = (int)ceil((hi.y - lo.y) / h) + 1;
    int nz = (int)ceil((hi.z - lo.z) / h) + 1;
    size_t npts = (size_t)nx * ny * nz;
    size_t ncells = (size_t)(nx - 1) * (ny - 1) * (nz - 1);
    double *val = malloc(npts * sizeof *val);
    int32_t *vid = malloc(ncells * sizeof *vid);
    if (!val || !vid) {
        free(val);
        free(vid);
        return -1;
    }
#define PIDX(i, j, k) ((size_t)(i) + (size_t)nx * ((size_t)(j) + (size_t)ny * (size_t)(k)))
#define CIDX(i, j, k)                                                                              \
    ((size_t)(i) + (size_t)(nx - 1) * ((size_t)(j) + (size_t)(ny - 1) * (size_t)(k)))
    int clipped = 0;
    for (int k = 0; k < nz; ++k) {
        for (int j = 0; j < ny; ++j) {
            for (int i = 0; i < nx; ++i) {
                double d = f(v3_make(lo.x + i * h, lo.y + j * h, lo.z + k * h));
                val[PIDX(i, j, k)] = d;
                int edge = i == 0 || j == 0 || k == 0 || i == nx - 1 || j == ny - 1 || k == nz - 1;
                if (edge && d < 0.0)
                    clipped = 1;
            }
        }
    }
    if (clipped) {
        free(val);
        free(vid);
        return -1;
    }

    /* One vertex per cell that the surface crosses. */
    double eps = h * 0.05;
    for (int k = 0; k < nz - 1; ++k) {
        for (int j = 0; j < ny - 1; ++j) {
            for (int i = 0; i < nx - 1; ++i) {
                double c[8];
                int inside = 0;
                for (int q = 0; q < 8; ++q) {
                    c[q] = val[PIDX(i + (q & 1), j + ((q >> 1) & 1), k + ((q >> 2) & 1))];
                    inside += c[q] < 0.0;
                }
                vid[CIDX(i, j, k)] = -1;
                if (inside == 0 || inside == 8)
                    continue;
                v3 sum = v3_make(0.0, 0.0, 0.0);
                int cnt = 0;
                for (int e = 0; e < 12; ++e) {
                    int a = cube_edges[e][0], b = cube_edges[e][1];
                    if ((c[a] < 0.0) == (c[b] < 0.0))
                        continue;
                    double t = c[a] / (c[a] - c[b]);
                    v3 pa = v3_make((a & 1), ((a >> 1) & 1), ((a >> 2) & 1));
                    v3 pb = v3_make((b & 1), ((b >> 1) & 1), ((b >> 2) & 1));
                    sum = v3_add(sum, v3_add(pa, v3_scale(v3_sub(pb, pa), t)));
                    cnt++;
                }
                v3 base = v3_make(lo.x + i * h, lo.y + j * h, lo.z + k * h);
                v3 p = v3_add(base, v3_scale(sum, h / cnt));
                /* Newton steps onto the surface, kept near the cell. */
                for (int it = 0; it < 3; ++it) {
                    double d = f(p);
                    v3 g = sdf_gradient(f, p, eps);
                    double gg = v3_dot(g, g);
                    if (gg < 1e-12)
                        break;
                    p = v3_sub(p, v3_scale(g, d / gg));
                    p.x = clampd(p.x, base.x - 0.5 * h, base.x + 1.5 * h);
                    p.y = clampd(p.y, base.y - 0.5 * h, base.y + 1.5 * h);
                    p.z = clampd(p.z, base.z - 0.5 * h, base.z + 1.5 * h);
                }
                v3 n = v3_norm(sdf_gradient(f, p, eps));
                vid[CIDX(i, j, k)] = (int32_t)mesh_add_vertex(m, p, n);
            }
        }
    }

    /* One quad per grid edge with a sign change, joining the four cells around
     * it; wound so that its normal points from the inside end to the outside. */
    for (int k = 1; k < nz - 1; ++k) {
        for (int j = 1; j < ny - 1; ++j) {
            for (int i = 1; i < nx - 1; ++i) {
                int s0 = val[PIDX(i, j, k)] < 0.0;
                /* edge along +x: cells around it in the (y, z) plane */
                if (s0 != (val[PIDX(i + 1, j, k)] < 0.0)) {
                    uint32_t q0 = (uint32_t)vid[CIDX(i, j - 1, k - 1)],
                             q1 = (uint32_t)vid[CIDX(i, j, k - 1)];
                    uint32_t q2 = (uint32_t)vid[CIDX(i, j, k)],
                             q3 = (uint32_t)vid[CIDX(i, j - 1, k)];
                    if (s0)
                        add_quad(m, q0, q1, q2, q3);
                    else
                        add_quad(m, q0, q3, q2, q1);
                }
                /* edge along +y: cells around it in the (z, x) plane */
                if (s0 != (val[PIDX(i, j + 1, k)] < 0.0)) {
                    uint32_t q0 = (uint32_t)vid[CIDX(i - 1, j, k - 1)],
                             q1 = (uint32_t)vid[CIDX(i - 1, j, k)];
                    uint32_t q2 = (uint32_t)vid[CIDX(i, j, k)],
                             q3 = (uint32_t)vid[CIDX(i, j, k - 1)];
                    if (s0)
                        add_quad(m, q0, q1, q2, q3);
                    else
                        add_quad(m, q0, q3, q2, q1);
                }
                /* edge along +z: cells around it in the (x, y) plane */
                if (s0 != (val[PIDX(i, j, k + 1)] < 0.0)) {
                    uint32_t q0 = (uint32_t)vid[CIDX(i - 1, j - 1, k)],
                             q1 = (uint32_t)vid[CIDX(i, j - 1, k)];
                    uint32_t q2 = (uint32_t)vid[CIDX(i, j, k)],
                             q3 = (uint32_t)vid[CIDX(i - 1, j, k)];
                    if (s0)
                        add_quad(m, q0, q1, q2, q3);
                    else
                        add_quad(m, q0, q3, q2, q1);
                }
            }
        }
    }
#undef PIDX
#undef CIDX
    free(val);
    free(vid);
    return 0;
}

void mesh_lathe(mesh *m, const lathe_ring *rings, int nrings, int segs, v3 centre)
{
    const double two_pi = 6.283185307179586;
    uint32_t prev_first = 0;
    int prev_pole = 0;
    for (int r = 0; r < nrings; ++r) {
        const lathe_ring *g = &rings[r];
        int pole = g->r == 0.0;
        uint32_t first = (uint32_t)m->nv;
        if (pole) {
            mesh_add_vertex(m, v3_make(centre.x, centre.y + g->y, centre.z),
                            v3_norm(v3_make(0.0, g->ny, 0.0)));
        } else {
            for (int s = 0; s < segs; ++s) {
                double a = two_pi * s / segs, sa = sin(a), ca = cos(a);
                v3 p = v3_make(centre.x + g->r * sa, centre.y + g->y, centre.z + g->r * ca);
                mesh_add_vertex(m, p, v3_norm(v3_make(g->nr * sa, g->ny, g->nr * ca)));
            }
        }
        if (r > 0 && g->join && !(pole && prev_pole)) {
            for (int s = 0; s < segs; ++s) {
                uint32_t s1 = (uint32_t)((s + 1) % segs);
                if (prev_pole) {
                    mesh_add_tri(m, prev_first, first + s1, first + (uint32_t)s);
                } else if (pole) {
                    mesh_add_tri(m, prev_first + (uint32_t)s, prev_first + s1, first);
                } else {
                    add_quad(m, prev_first + (uint32_t)s, prev_first + s1, first + s1,
                             first + (uint32_t)s);
                }
            }
        }
        prev_first = first;
        prev_pole = pole;
    }
}

static void seg_normal(const double *r, const double *y, int i, double *nr, double *ny)
{
    double dr = r[i + 1] - r[i], dy = y[i + 1] - y[i];
    double l = sqrt(dr * dr + dy * dy);
    *nr = dy / l;
    *ny = -dr / l;
}

int lathe_from_profile(const double *r, const double *y, const int *crease, int n, lathe_ring *out)
{
    int k = 0;
    for (int i = 0; i < n; ++i) {
        double anr = 0.0, any = 0.0, bnr = 0.0, bny = 0.0;
        if (i > 0)
            seg_normal(r, y, i - 1, &anr, &any);
        if (i < n - 1)
            seg_normal(r, y, i, &bnr, &bny);
        lathe_ring g;
        g.r = r[i];
        g.y = y[i];
        if (i == 0 || i == n - 1 || !crease[i]) {
            double sr = anr + bnr, sy = any + bny, l = sqrt(sr * sr + sy * sy);
            g.nr = sr / l;
            g.ny = sy / l;
            g.join = i > 0;
            out[k++] = g;
        } else {
            g.nr = anr;
            g.ny = any;
            g.join = 1;
            out[k++] = g;
            g.nr = bnr;
            g.ny = bny;
            g.join = 0;
            out[k++] = g;
        }
    }
    return k;
}

void mesh_cull_hidden(mesh *m, const sdf_fn *occ, int nocc, double margin)
{
    unsigned char *hidden = calloc(m->nv ? m->nv : 1, 1);
    int32_t *remap = malloc((m->nv ? m->nv : 1) * sizeof *remap);
    if (!hidden || !remap) {
        fprintf(stderr, "gen_sample: out of memory\n");
        exit(1);
    }
    for (size_t v = 0; v < m->nv; ++v) {
        for (int o = 0; o < nocc && !hidden[v]; ++o)
            hidden[v] = occ[o](m->pos[v]) < -margin;
        remap[v] = -1;
    }
    size_t nt = 0;
    for (size_t t = 0; t < m->nt; ++t) {
        uint32_t *q = &m->tri[3 * t];
        if (hidden[q[0]] && hidden[q[1]] && hidden[q[2]])
            continue;
        m->tri[3 * nt + 0] = q[0];
        m->tri[3 * nt + 1] = q[1];
        m->tri[3 * nt + 2] = q[2];
        nt++;
    }
    m->nt = nt;
    /* Keep referenced vertices in their original order (so nv <= v below). */
    for (size_t t = 0; t < 3 * m->nt; ++t)
        remap[m->tri[t]] = 0;
    size_t nv = 0;
    for (size_t v = 0; v < m->nv; ++v) {
        if (remap[v] < 0)
            continue;
        remap[v] = (int32_t)nv;
        m->pos[nv] = m->pos[v];
        m->nrm[nv] = m->nrm[v];
        nv++;
    }
    for (size_t t = 0; t < 3 * m->nt; ++t)
        m->tri[t] = (uint32_t)remap[m->tri[t]];
    m->nv = nv;
    free(hidden);
    free(remap);
}

/* A cut edge: the vertices it joins (lower index first) and the vertex made
 * for its crossing in each of the two meshes. */
typedef struct {
    uint32_t a, b, kept, moved;
} cut_edge;

typedef struct {
    mesh *m, *out;
    const double *val;
    int32_t *moved; /* m's vertex -> out's, or -1 */
    cut_edge *cuts;
    size_t ncuts, cap;
} splitter;

static uint32_t moved_vertex(splitter *s, uint32_t v)
{
    if (s->moved[v] < 0)
        s->moved[v] = (int32_t)mesh_add_vertex(s->out, s->m->pos[v], s->m->nrm[v]);
    return (uint32_t)s->moved[v];
}

/* The crossing on edge a-b as a vertex of m (inside == 0) or of out. The
 * linear search is fine: only the few triangles along the seam are cut. */
static uint32_t cut_vertex(splitter *s, uint32_t a, uint32_t b, int inside)
{
    if (a > b) {
        uint32_t t = a;
        a = b;
        b = t;
    }
    for (size_t i = 0; i < s->ncuts; ++i)
        if (s->cuts[i].a == a && s->cuts[i].b == b)
            return inside ? s->cuts[i].moved : s->cuts[i].kept;
    /* Kept away from the ends so that no sliver is left on either side. */
    double t = clampd(s->val[a] / (s->val[a] - s->val[b]), 0.05, 0.95);
    v3 p = v3_add(s->m->pos[a], v3_scale(v3_sub(s->m->pos[b], s->m->pos[a]), t));
    v3 n = v3_norm(v3_add(v3_scale(s->m->nrm[a], 1.0 - t), v3_scale(s->m->nrm[b], t)));
    if (s->ncuts == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 256;
        s->cuts = xrealloc(s->cuts, s->cap * sizeof *s->cuts);
    }
    cut_edge *c = &s->cuts[s->ncuts++];
    c->a = a;
    c->b = b;
    c->kept = mesh_add_vertex(s->m, p, n);
    c->moved = mesh_add_vertex(s->out, p, n);
    return inside ? c->moved : c->kept;
}

void mesh_split(mesh *m, sdf_fn region, mesh *out)
{
    size_t nv = m->nv, nt = m->nt;
    double *val = malloc((nv ? nv : 1) * sizeof *val);
    int32_t *moved = malloc((nv ? nv : 1) * sizeof *moved);
    uint32_t *tri = malloc((nt ? 3 * nt : 1) * sizeof *tri);
    if (!val || !moved || !tri) {
        fprintf(stderr, "gen_sample: out of memory\n");
        exit(1);
    }
    for (size_t v = 0; v < nv; ++v) {
        val[v] = region(m->pos[v]);
        moved[v] = -1;
    }
    /* The triangles are rebuilt from a copy: m gains vertices as it goes. */
    for (size_t t = 0; t < 3 * nt; ++t)
        tri[t] = m->tri[t];
    m->nt = 0;
    splitter s = {m, out, val, moved, NULL, 0, 0};
    for (size_t t = 0; t < nt; ++t) {
        uint32_t q[3] = {tri[3 * t], tri[3 * t + 1], tri[3 * t + 2]};
        int in[3] = {val[q[0]] < 0.0, val[q[1]] < 0.0, val[q[2]] < 0.0};
        int count = in[0] + in[1] + in[2];
        if (count == 0) {
            mesh_add_tri(m, q[0], q[1], q[2]);
            continue;
        }
        if (count == 3) {
            /* One at a time: the order of a call's arguments is unspecified
             * (gcc and clang differ), and it numbers the new vertices. */
            uint32_t a = moved_vertex(&s, q[0]);
            uint32_t b = moved_vertex(&s, q[1]);
            uint32_t c = moved_vertex(&s, q[2]);
            mesh_add_tri(out, a, b, c);
            continue;
        }
        /* Turn the triangle (keeping its winding) so that q[0] is alone on its side. */
        int lone = count == 1 ? (in[0] ? 0 : in[1] ? 1 : 2) : (!in[0] ? 0 : !in[1] ? 1 : 2);
        uint32_t a = q[lone], b = q[(lone + 1) % 3], c = q[(lone + 2) % 3];
        int a_in = in[lone];
        /* The lone corner's triangle, then the quad b-c on the other side. */
        uint32_t ab = cut_vertex(&s, a, b, a_in), ca = cut_vertex(&s, c, a, a_in);
        if (a_in)
            mesh_add_tri(out, moved_vertex(&s, a), ab, ca);
        else
            mesh_add_tri(m, a, ab, ca);
        ab = cut_vertex(&s, a, b, !a_in);
        ca = cut_vertex(&s, c, a, !a_in);
        if (a_in) {
            mesh_add_tri(m, ab, b, c);
            mesh_add_tri(m, ab, c, ca);
        } else {
            uint32_t mb = moved_vertex(&s, b), mc = moved_vertex(&s, c);
            mesh_add_tri(out, ab, mb, mc);
            mesh_add_tri(out, ab, mc, ca);
        }
    }
    free(s.cuts);
    free(val);
    free(moved);
    free(tri);
    /* Vertices whose triangles all moved are left unreferenced in m. */
    mesh_cull_hidden(m, NULL, 0, 0.0);
}

void mesh_append_facing_z(mesh *m, const mesh *src, v3 offset)
{
    uint32_t base = (uint32_t)m->nv;
    for (size_t v = 0; v < src->nv; ++v) {
        /* (x, y, z) -> (x, -z, y): a quarter turn about X, so winding holds. */
        v3 p = src->pos[v], n = src->nrm[v];
        mesh_add_vertex(m, v3_add(v3_make(p.x, -p.z, p.y), offset), v3_make(n.x, -n.z, n.y));
    }
    for (size_t t = 0; t < src->nt; ++t)
        mesh_add_tri(m, base + src->tri[3 * t], base + src->tri[3 * t + 1],
                     base + src->tri[3 * t + 2]);
}
