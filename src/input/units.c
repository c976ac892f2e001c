/*
 * units.c: values with units ("150km", "-20dBsm", "45deg") and locations
 * ("35.9N,128.3E"), for files and the command line alike. The tables below
 * are the one definition of every accepted unit; docs/formats.md lists them.
 */
#include "bmd/input.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bmd/const.h"

/* How a unit converts: SI = x * factor, or SI = 10^(x/10) * factor (dB). */
enum unit_kind { UNIT_LINEAR, UNIT_DECIBEL };

typedef struct unit_def {
    const char *sym;
    double factor; /* SI per unit */
    enum unit_kind kind;
} unit_def;

typedef struct quantity_def {
    const char *name;    /* "a length" */
    const char *noun;    /* "length" (for "units of length: ...") */
    const char *example; /* "150km" */
    const char *unit;    /* default unit of a bare number ("" for plain) */
    double unit_factor;  /* SI per default unit */
    int nonneg;          /* negative values are errors */
    const unit_def *units;
    size_t n_units;
} quantity_def;

/* Exact unit definitions from bmd/const.h (NIST SP 811, 2008, appendix B). */
#define FT_M BMD_FT_M
#define MI_M BMD_MI_M
#define NMI_M BMD_NMI_M
#define LB_KG BMD_LB_KG
#define DEG_RAD BMD_DEG2RAD /* pi/180 */

static const unit_def u_dimless[] = {{"%", 0.01, UNIT_LINEAR}};
static const unit_def u_length[] = {
    {"m", 1.0, UNIT_LINEAR},    {"km", 1000.0, UNIT_LINEAR}, {"cm", 0.01, UNIT_LINEAR},
    {"mm", 0.001, UNIT_LINEAR}, {"nmi", NMI_M, UNIT_LINEAR}, {"mi", MI_M, UNIT_LINEAR},
    {"ft", FT_M, UNIT_LINEAR},
};
static const unit_def u_speed[] = {
    {"m/s", 1.0, UNIT_LINEAR},
    {"mps", 1.0, UNIT_LINEAR},
    {"km/s", 1000.0, UNIT_LINEAR},
    {"kps", 1000.0, UNIT_LINEAR},
    {"km/h", 1000.0 / 3600.0, UNIT_LINEAR},
    {"kn", NMI_M / 3600.0, UNIT_LINEAR},
    {"ft/s", FT_M, UNIT_LINEAR},
    {"mph", MI_M / 3600.0, UNIT_LINEAR},
};
static const unit_def u_angle[] = {
    {"deg", DEG_RAD, UNIT_LINEAR}, {"\xc2\xb0", DEG_RAD, UNIT_LINEAR}, {"rad", 1.0, UNIT_LINEAR},
    {"mrad", 1e-3, UNIT_LINEAR},   {"urad", 1e-6, UNIT_LINEAR},
};
static const unit_def u_time[] = {
    {"s", 1.0, UNIT_LINEAR},   {"ms", 1e-3, UNIT_LINEAR},  {"us", 1e-6, UNIT_LINEAR},
    {"ns", 1e-9, UNIT_LINEAR}, {"min", 60.0, UNIT_LINEAR}, {"h", 3600.0, UNIT_LINEAR},
};
static const unit_def u_mass[] = {
    {"kg", 1.0, UNIT_LINEAR}, {"t", 1000.0, UNIT_LINEAR}, {"lb", LB_KG, UNIT_LINEAR}};
static const unit_def u_area[] = {
    {"m2", 1.0, UNIT_LINEAR},         {"m^2", 1.0, UNIT_LINEAR},
    {"km2", 1e6, UNIT_LINEAR},        {"km^2", 1e6, UNIT_LINEAR},
    {"cm2", 1e-4, UNIT_LINEAR},       {"cm^2", 1e-4, UNIT_LINEAR},
    {"ft2", FT_M *FT_M, UNIT_LINEAR}, {"ft^2", FT_M *FT_M, UNIT_LINEAR},
};
static const unit_def u_rcs[] = {
    {"m2", 1.0, UNIT_LINEAR},    {"m^2", 1.0, UNIT_LINEAR},   {"cm2", 1e-4, UNIT_LINEAR},
    {"cm^2", 1e-4, UNIT_LINEAR}, {"dBsm", 1.0, UNIT_DECIBEL},
};
static const unit_def u_power[] = {{"W", 1.0, UNIT_LINEAR},
                                   {"mW", 1e-3, UNIT_LINEAR},
                                   {"kW", 1e3, UNIT_LINEAR},
                                   {"MW", 1e6, UNIT_LINEAR}};
static const unit_def u_freq[] = {{"Hz", 1.0, UNIT_LINEAR},
                                  {"kHz", 1e3, UNIT_LINEAR},
                                  {"MHz", 1e6, UNIT_LINEAR},
                                  {"GHz", 1e9, UNIT_LINEAR}};
static const unit_def u_temp[] = {{"K", 1.0, UNIT_LINEAR}};
static const unit_def u_ratio[] = {{"dB", 1.0, UNIT_DECIBEL}};
static const unit_def u_beta[] = {
    {"kg/m2", 1.0, UNIT_LINEAR},
    {"kg/m^2", 1.0, UNIT_LINEAR},
    {"lb/ft2", LB_KG / (FT_M * FT_M), UNIT_LINEAR},
    {"lb/ft^2", LB_KG / (FT_M * FT_M), UNIT_LINEAR},
};
static const unit_def u_accel[] = {
    {"m/s2", 1.0, UNIT_LINEAR}, {"m/s^2", 1.0, UNIT_LINEAR}, {"g", BMD_G0_MPS2, UNIT_LINEAR}};
static const unit_def u_force[] = {
    {"N", 1.0, UNIT_LINEAR},
    {"kN", 1e3, UNIT_LINEAR},
    {"MN", 1e6, UNIT_LINEAR},
    {"lbf", LB_KG *BMD_G0_MPS2, UNIT_LINEAR},
};
static const unit_def u_solid[] = {
    {"sr", 1.0, UNIT_LINEAR},
    {"msr", 1e-3, UNIT_LINEAR},
    {"deg2", DEG_RAD *DEG_RAD, UNIT_LINEAR},
    {"deg^2", DEG_RAD *DEG_RAD, UNIT_LINEAR},
};

#define Q(name, noun, ex, unit, f, nonneg, tab)                                                    \
    {                                                                                              \
        name, noun, ex, unit, f, nonneg, tab, sizeof tab / sizeof tab[0]                           \
    }

/* Indexed by bmd_quantity. */
static const quantity_def quantities[BMD_Q_COUNT] = {
    Q("a number", "number", "0.8", "", 1.0, 0, u_dimless),
    Q("a length", "length", "150km", "m", 1.0, 0, u_length),
    Q("a speed", "speed", "2.8km/s", "m/s", 1.0, 0, u_speed),
    Q("an angle", "angle", "45deg", "deg", DEG_RAD, 0, u_angle),
    Q("a time", "time", "110s", "s", 1.0, 0, u_time),
    Q("a mass", "mass", "12.9t", "kg", 1.0, 1, u_mass),
    Q("an area", "area", "9.2m2", "m2", 1.0, 1, u_area),
    Q("a radar cross-section", "radar cross-section", "0.01m2 or -20dBsm", "m2", 1.0, 1, u_rcs),
    Q("a power", "power", "57.6kW", "W", 1.0, 1, u_power),
    Q("a frequency", "frequency", "9.5GHz", "Hz", 1.0, 1, u_freq),
    Q("a temperature", "temperature", "500K", "K", 1.0, 1, u_temp),
    Q("a ratio", "ratio", "13dB or 20", "", 1.0, 1, u_ratio),
    Q("a ballistic coefficient", "ballistic coefficient", "30000kg/m2", "kg/m2", 1.0, 1, u_beta),
    Q("an acceleration", "acceleration", "9.8m/s2 or 3g", "m/s2", 1.0, 0, u_accel),
    Q("a force", "force", "100kN", "N", 1.0, 0, u_force),
    Q("a solid angle", "solid angle", "0.18sr", "sr", 1.0, 1, u_solid),
};

#undef Q

static const quantity_def *qdef(bmd_quantity q)
{
    return ((int)q >= 0 && (int)q < BMD_Q_COUNT) ? &quantities[q] : NULL;
}

const char *bmd_quantity_name(bmd_quantity q)
{
    const quantity_def *d = qdef(q);
    return d ? d->name : "a value";
}

const char *bmd_quantity_example(bmd_quantity q)
{
    const quantity_def *d = qdef(q);
    return d ? d->example : "";
}

const char *bmd_quantity_unit(bmd_quantity q)
{
    const quantity_def *d = qdef(q);
    return d ? d->unit : "";
}

/* ---- scanning ------------------------------------------------------------ */

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static size_t scan_digits(const char *s)
{
    size_t k = 0;
    while (is_digit(s[k]))
        k++;
    return k;
}

/*
 * Length of the decimal number at s ([+-]digits[.digits][e[+-]digits] or
 * [+-].digits[...]); 0 when s does not start with one. Hexadecimal floats,
 * "inf" and "nan", which strtod would take, are deliberately not numbers.
 */
static size_t scan_number(const char *s)
{
    size_t k = (s[0] == '+' || s[0] == '-') ? 1 : 0;
    size_t int_digits = scan_digits(s + k), frac_digits = 0;
    k += int_digits;
    if (s[k] == '.') {
        frac_digits = scan_digits(s + k + 1);
        if (int_digits + frac_digits > 0) k += 1 + frac_digits;
    }
    if (int_digits + frac_digits == 0) return 0;
    if (s[k] == 'e' || s[k] == 'E') {
        size_t j = k + 1;
        if (s[j] == '+' || s[j] == '-') j++;
        size_t e = scan_digits(s + j);
        if (e > 0) k = j + e;
    }
    return k;
}

/* strtod on the first len characters of s (a scanned number). */
static double number_value(const char *s, size_t len)
{
    char buf[128];
    if (len >= sizeof buf) return HUGE_VAL; /* 127 digits: reported as out of range */
    memcpy(buf, s, len);
    buf[len] = '\0';
    return strtod(buf, NULL);
}

/* Trimmed copy of text (at most n - 1 bytes, "..." marks a cut) for messages. */
static void quote_text(const char *text, char *buf, size_t n)
{
    while (is_blank(*text))
        text++;
    size_t len = strlen(text);
    while (len > 0 && is_blank(text[len - 1]))
        len--;
    if (len + 1 > n) {
        size_t keep = n > 4 ? n - 4 : 0;
        memcpy(buf, text, keep);
        strcpy(buf + keep, "...");
    } else {
        memcpy(buf, text, len);
        buf[len] = '\0';
    }
}

static const unit_def *find_unit(const quantity_def *d, const char *sym, size_t len)
{
    for (size_t i = 0; i < d->n_units; i++)
        if (strlen(d->units[i].sym) == len && memcmp(d->units[i].sym, sym, len) == 0)
            return &d->units[i];
    return NULL;
}

/* The first other quantity that has the unit, for "(that is a time)". */
static const quantity_def *owner_of(const char *sym, size_t len, const quantity_def *not_this)
{
    for (int q = 0; q < BMD_Q_COUNT; q++)
        if (&quantities[q] != not_this && find_unit(&quantities[q], sym, len))
            return &quantities[q];
    return NULL;
}

/* "m, km, cm" into buf. */
static void list_units(const quantity_def *d, char *buf, size_t n)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < d->n_units && used + 1 < n; i++) {
        int w = snprintf(buf + used, n - used, "%s%s", i ? ", " : "", d->units[i].sym);
        if (w < 0) break;
        used += (size_t)w;
    }
}

static int unknown_unit(const quantity_def *d, const char *found, const char *sym, size_t len,
                        bmd_errbuf *err)
{
    char unit[32], names[128];
    const char *cands[16];
    size_t nc = 0;
    snprintf(unit, sizeof unit, "%.*s", (int)(len < 31 ? len : 31), sym);
    for (size_t i = 0; i < d->n_units && nc < 16; i++)
        cands[nc++] = d->units[i].sym;
    const char *s = bmd_suggest(unit, cands, nc);
    if (s != NULL)
        return bmd_err_set(err, BMD_EUNIT,
                           "expected %s such as %s, found '%s' (unknown unit '%s'; did you mean "
                           "'%s'?)",
                           d->name, d->example, found, unit, s);
    list_units(d, names, sizeof names);
    return bmd_err_set(err, BMD_EUNIT,
                       "expected %s such as %s, found '%s' (unknown unit '%s'; units of %s: %s)",
                       d->name, d->example, found, unit, d->noun, names);
}

static int not_finite_word(const char *s)
{
    if (*s == '+' || *s == '-') s++;
    char w[4] = {0};
    for (int i = 0; i < 3 && s[i]; i++)
        w[i] = (char)((s[i] >= 'A' && s[i] <= 'Z') ? s[i] - 'A' + 'a' : s[i]);
    return strcmp(w, "nan") == 0 || strcmp(w, "inf") == 0;
}

/* Apply a unit to the number x; 0 on success, else a status (message set). */
static int convert(const quantity_def *d, const unit_def *u, double x, const char *found,
                   double *out, bmd_errbuf *err)
{
    double v = (u == NULL)                 ? x * d->unit_factor
               : (u->kind == UNIT_DECIBEL) ? pow(10.0, x / 10.0) * u->factor
                                           : x * u->factor;
    if (!isfinite(v) || !isfinite(x))
        return bmd_err_set(err, BMD_EDOM, "expected %s such as %s, found '%s' (out of range)",
                           d->name, d->example, found);
    if (d->nonneg && v < 0.0) {
        if (u == NULL && d == &quantities[BMD_Q_RCS])
            return bmd_err_set(err, BMD_EDOM,
                               "expected %s such as %s, found '%s' (must not be negative; did "
                               "you mean '%sdBsm'?)",
                               d->name, d->example, found, found);
        return bmd_err_set(err, BMD_EDOM,
                           "expected %s such as %s, found '%s' (must not be negative)", d->name,
                           d->example, found);
    }
    *out = v;
    return BMD_OK;
}

int bmd_units_parse(const char *text, bmd_quantity q, double *value_si, bmd_errbuf *err)
{
    const quantity_def *d = qdef(q);
    if (text == NULL || value_si == NULL || d == NULL)
        return bmd_err_set(err, BMD_EINVAL, "bmd_units_parse: NULL argument or bad quantity");
    char found[64];
    quote_text(text, found, sizeof found);
    const char *s = text;
    while (is_blank(*s))
        s++;
    if (*s == '\0')
        return bmd_err_set(err, BMD_EPARSE, "expected %s such as %s, found nothing", d->name,
                           d->example);
    size_t nlen = scan_number(s);
    if (nlen == 0)
        return bmd_err_set(err, BMD_EPARSE, "expected %s such as %s, found '%s'%s", d->name,
                           d->example, found, not_finite_word(s) ? " (not a finite number)" : "");
    double x = number_value(s, nlen);
    const char *sym = s + nlen;
    while (is_blank(*sym))
        sym++;
    size_t slen = 0;
    while (sym[slen] != '\0' && !is_blank(sym[slen]))
        slen++;
    const char *rest = sym + slen;
    while (is_blank(*rest))
        rest++;
    if (*rest != '\0')
        return bmd_err_set(err, BMD_EPARSE, "expected %s such as %s, found '%s' (unexpected '%s')",
                           d->name, d->example, found, rest);
    const unit_def *u = NULL;
    if (slen > 0) {
        u = find_unit(d, sym, slen);
        if (u == NULL) {
            const quantity_def *o = owner_of(sym, slen, d);
            if (o != NULL)
                return bmd_err_set(err, BMD_EUNIT,
                                   "expected %s such as %s, found '%s' (that is %s)", d->name,
                                   d->example, found, o->name);
            return unknown_unit(d, found, sym, slen, err);
        }
    }
    return convert(d, u, x, found, value_si, err);
}

int bmd_units_format(double value_si, bmd_quantity q, char *out, size_t n)
{
    const quantity_def *d = qdef(q);
    if (out == NULL || n == 0 || d == NULL) return BMD_EINVAL;
    int w = snprintf(out, n, "%.15g%s", value_si / d->unit_factor, d->unit);
    return (w < 0 || (size_t)w >= n) ? BMD_ELIMIT : BMD_OK;
}

/* ---- locations ------------------------------------------------------------ */

#define LOCATION_EXPECTED "expected a location such as 35.9N,128.3E or 35.9,128.3"

/*
 * One coordinate "35.9", "-35.9", "35.9N", "35.9 N", "35.9°N", "35.9degN":
 * *deg signed degrees, *letter the upper-case hemisphere letter or 0.
 */
static int parse_coord(const char *s, size_t len, double *deg, char *letter)
{
    char buf[96];
    if (len >= sizeof buf) return BMD_EPARSE;
    memcpy(buf, s, len);
    buf[len] = '\0';
    const char *p = buf;
    while (is_blank(*p))
        p++;
    size_t nlen = scan_number(p);
    if (nlen == 0) return BMD_EPARSE;
    *deg = number_value(p, nlen);
    p += nlen;
    while (is_blank(*p))
        p++;
    if (strncmp(p, "\xc2\xb0", 2) == 0)
        p += 2;
    else if (strncmp(p, "deg", 3) == 0)
        p += 3;
    while (is_blank(*p))
        p++;
    *letter = 0;
    if (*p != '\0') {
        char c = (char)((*p >= 'a' && *p <= 'z') ? *p - 'a' + 'A' : *p);
        if (c != 'N' && c != 'S' && c != 'E' && c != 'W') return BMD_EPARSE;
        *letter = c;
        p++;
        while (is_blank(*p))
            p++;
        if (*p != '\0') return BMD_EPARSE;
    }
    return BMD_OK;
}

/* Apply the hemisphere letter; axis 0 latitude (N/S), 1 longitude (E/W). */
static int apply_letter(int axis, double *deg, char letter, const char *s, size_t len,
                        const char *found, bmd_errbuf *err)
{
    if (letter == 0) return BMD_OK;
    const char *pos = axis == 0 ? "NS" : "EW";
    if (letter != pos[0] && letter != pos[1])
        return bmd_err_set(
            err, BMD_EPARSE, "%s, found '%s' (the %s takes %c or %c, not %c; write LAT,LON)",
            LOCATION_EXPECTED, found, axis == 0 ? "latitude" : "longitude", pos[0], pos[1], letter);
    while (len > 0 && is_blank(*s)) {
        s++;
        len--;
    }
    if (*s == '-' || *s == '+')
        return bmd_err_set(err, BMD_EPARSE,
                           "%s, found '%s' (give a sign or a hemisphere letter, not both)",
                           LOCATION_EXPECTED, found);
    if (letter == pos[1]) *deg = -*deg;
    return BMD_OK;
}

/* Split at commas: up to 3 parts; returns the number of parts (4: too many). */
static int split_commas(const char *text, const char *start[3], size_t len[3])
{
    int k = 0;
    const char *p = text;
    for (;;) {
        const char *c = strchr(p, ',');
        if (k == 3) return 4;
        start[k] = p;
        len[k] = c ? (size_t)(c - p) : strlen(p);
        k++;
        if (c == NULL) return k;
        p = c + 1;
    }
}

static int parse_latlon(const char *const part[3], const size_t len[3], const char *found,
                        double *lat_deg, double *lon_deg, bmd_errbuf *err)
{
    char l0, l1;
    if (parse_coord(part[0], len[0], lat_deg, &l0) || parse_coord(part[1], len[1], lon_deg, &l1))
        return bmd_err_set(err, BMD_EPARSE, "%s, found '%s'", LOCATION_EXPECTED, found);
    int st = apply_letter(0, lat_deg, l0, part[0], len[0], found, err);
    if (!st) st = apply_letter(1, lon_deg, l1, part[1], len[1], found, err);
    if (st) return st;
    if (!isfinite(*lat_deg) || fabs(*lat_deg) > 90.0)
        return bmd_err_set(err, BMD_EDOM, "%s, found '%s' (latitude outside -90..90 deg)",
                           LOCATION_EXPECTED, found);
    if (!isfinite(*lon_deg) || fabs(*lon_deg) > 360.0)
        return bmd_err_set(err, BMD_EDOM, "%s, found '%s' (longitude outside -360..360 deg)",
                           LOCATION_EXPECTED, found);
    /* Wrap only what lies outside [-180, 180], so 180 and -180 stay as typed. */
    if (*lon_deg > 180.0) *lon_deg -= 360.0;
    if (*lon_deg < -180.0) *lon_deg += 360.0;
    return BMD_OK;
}

int bmd_units_parse_location(const char *text, double *lat_rad, double *lon_rad, double *alt_m,
                             int *has_alt, bmd_errbuf *err)
{
    if (text == NULL || lat_rad == NULL || lon_rad == NULL || alt_m == NULL)
        return bmd_err_set(err, BMD_EINVAL, "bmd_units_parse_location: NULL argument");
    char found[64];
    quote_text(text, found, sizeof found);
    const char *part[3];
    size_t len[3];
    int k = split_commas(text, part, len);
    if (found[0] == '\0')
        return bmd_err_set(err, BMD_EPARSE, "%s, found nothing", LOCATION_EXPECTED);
    if (k < 2 || k > 3)
        return bmd_err_set(err, BMD_EPARSE, "%s, found '%s'", LOCATION_EXPECTED, found);
    double lat, lon, alt = 0.0;
    int st = parse_latlon(part, len, found, &lat, &lon, err);
    if (st) return st;
    if (k == 3) {
        char buf[96];
        bmd_errbuf e2;
        if (len[2] >= sizeof buf)
            return bmd_err_set(err, BMD_EPARSE, "%s, found '%s'", LOCATION_EXPECTED, found);
        memcpy(buf, part[2], len[2]);
        buf[len[2]] = '\0';
        st = bmd_units_parse(buf, BMD_Q_LENGTH, &alt, &e2);
        if (st) return bmd_err_set(err, st, "location '%s': altitude: %s", found, e2.msg);
    }
    *lat_rad = lat * DEG_RAD;
    *lon_rad = lon * DEG_RAD;
    *alt_m = alt;
    if (has_alt) *has_alt = (k == 3);
    return BMD_OK;
}

int bmd_units_format_location(double lat_rad, double lon_rad, double alt_m, int has_alt, char *out,
                              size_t n)
{
    if (out == NULL || n == 0) return BMD_EINVAL;
    double lat = lat_rad * BMD_RAD2DEG, lon = lon_rad * BMD_RAD2DEG;
    int w = snprintf(out, n, "%.4f%c,%.4f%c", fabs(lat), lat < 0.0 ? 'S' : 'N', fabs(lon),
                     lon < 0.0 ? 'W' : 'E');
    if (w >= 0 && (size_t)w < n && has_alt) w += snprintf(out + w, n - (size_t)w, ",%.10gm", alt_m);
    return (w < 0 || (size_t)w >= n) ? BMD_ELIMIT : BMD_OK;
}
