/*
 * bmd/vec3.h: 3-vectors and 3x3 matrices as plain double arrays.
 * Header-only, inline, no allocation. Output may alias input unless noted.
 * Matrix arguments are not const-qualified because ISO C11 does not convert
 * double (*)[3] to const double (*)[3]; the functions never modify inputs.
 */
#ifndef BMD_VEC3_H
#define BMD_VEC3_H

#include <math.h>

static inline void bmd_v3_set(double out[3], double x, double y, double z)
{
    out[0] = x;
    out[1] = y;
    out[2] = z;
}
static inline void bmd_v3_copy(double out[3], const double a[3])
{
    out[0] = a[0];
    out[1] = a[1];
    out[2] = a[2];
}
static inline void bmd_v3_add(double out[3], const double a[3], const double b[3])
{
    out[0] = a[0] + b[0];
    out[1] = a[1] + b[1];
    out[2] = a[2] + b[2];
}
static inline void bmd_v3_sub(double out[3], const double a[3], const double b[3])
{
    out[0] = a[0] - b[0];
    out[1] = a[1] - b[1];
    out[2] = a[2] - b[2];
}
static inline void bmd_v3_scale(double out[3], double s, const double a[3])
{
    out[0] = s * a[0];
    out[1] = s * a[1];
    out[2] = s * a[2];
}
/* out = a + s b */
static inline void bmd_v3_axpy(double out[3], const double a[3], double s, const double b[3])
{
    out[0] = a[0] + s * b[0];
    out[1] = a[1] + s * b[1];
    out[2] = a[2] + s * b[2];
}
static inline double bmd_v3_dot(const double a[3], const double b[3])
{
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}
/* out must not alias a or b. */
static inline void bmd_v3_cross(double out[3], const double a[3], const double b[3])
{
    out[0] = a[1] * b[2] - a[2] * b[1];
    out[1] = a[2] * b[0] - a[0] * b[2];
    out[2] = a[0] * b[1] - a[1] * b[0];
}
static inline double bmd_v3_norm(const double a[3])
{
    return sqrt(bmd_v3_dot(a, a));
}
/* Unit vector; a zero vector stays zero. */
static inline void bmd_v3_unit(double out[3], const double a[3])
{
    double n = bmd_v3_norm(a);
    bmd_v3_scale(out, n > 0.0 ? 1.0 / n : 0.0, a);
}
/* out = M a; out must not alias a. */
static inline void bmd_m3_mulv(double out[3], double m[3][3], const double a[3])
{
    for (int i = 0; i < 3; i++)
        out[i] = m[i][0] * a[0] + m[i][1] * a[1] + m[i][2] * a[2];
}
/* out = M^T a; out must not alias a. */
static inline void bmd_m3_tmulv(double out[3], double m[3][3], const double a[3])
{
    for (int i = 0; i < 3; i++)
        out[i] = m[0][i] * a[0] + m[1][i] * a[1] + m[2][i] * a[2];
}
/* out = A B; out must not alias A or B. */
static inline void bmd_m3_mul(double out[3][3], double a[3][3], double b[3][3])
{
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            out[i][j] = a[i][0] * b[0][j] + a[i][1] * b[1][j] + a[i][2] * b[2][j];
}
static inline void bmd_m3_transpose(double out[3][3], double a[3][3])
{
    double t[3][3];
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            t[i][j] = a[j][i];
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            out[i][j] = t[i][j];
}

#endif /* BMD_VEC3_H */
