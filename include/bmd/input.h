/*
 * bmd/input.h: the input layer of bmdsim: values with units, locations and
 * name suggestions (src/input/). The YAML layer that every file loader uses
 * is internal to the library (src/input/yaml.h).
 *
 * One unit parser serves files and the command line alike. The accepted
 * syntax, every unit symbol and every default unit are listed in
 * docs/formats.md ("Values with units"); the table in src/input/units.c is the
 * one place that defines them.
 *
 * Memory: the list loaders allocate with malloc; the caller owns the list
 * and releases it with the matching _free function (freeing an empty or
 * {0}-initialised list, or NULL, is harmless). Pointers returned by the
 * _find functions point into the list and live as long as it does. Nothing
 * here keeps global state; every function is reentrant.
 *
 * Error messages (bmd_errbuf) name the file, line and column (1-based), the
 * key, what was expected and what was found:
 *   "sites.yaml:12:15: site 'seoul': key 'alt': expected a length such as
 *    150km, found '3s' (that is a time)"
 */
#ifndef BMD_INPUT_H
#define BMD_INPUT_H

#include <stddef.h>

#include "bmd/status.h"

/* ---- values with units ------------------------------------------------ */

/*
 * bmd_quantity: what a value measures; selects the accepted units and the
 * default unit of a bare number (in brackets; SI except angles, which users
 * type in degrees). The full unit list is in docs/formats.md.
 */
typedef enum bmd_quantity {
    BMD_Q_DIMLESS = 0, /* plain number [1]; also "%" */
    BMD_Q_LENGTH,      /* [m] m, km, cm, mm, nmi, mi, ft */
    BMD_Q_SPEED,       /* [m/s] m/s, mps, km/s, kps, km/h, kn, ft/s, mph */
    BMD_Q_ANGLE,       /* [deg] deg, °, rad, mrad, urad (result in rad) */
    BMD_Q_TIME,        /* [s] s, ms, us, ns, min, h */
    BMD_Q_MASS,        /* [kg] kg, g, t, lb; >= 0 */
    BMD_Q_AREA,        /* [m2] m2, m^2, km2, km^2, cm2, cm^2, ft2, ft^2; >= 0 */
    BMD_Q_RCS,         /* [m2] m2, m^2, cm2, cm^2, dBsm; >= 0 (result in m^2) */
    BMD_Q_POWER,       /* [W] W, mW, kW, MW; >= 0 */
    BMD_Q_FREQUENCY,   /* [Hz] Hz, kHz, MHz, GHz; >= 0 */
    BMD_Q_TEMPERATURE, /* [K] K; >= 0 */
    BMD_Q_RATIO,       /* [1, linear] dB (power ratio 10^(x/10)); >= 0 */
    BMD_Q_BETA,        /* [kg/m2] kg/m2, kg/m^2, lb/ft2, lb/ft^2; >= 0 */
    BMD_Q_ACCEL,       /* [m/s2] m/s2, m/s^2, g (standard gravity) */
    BMD_Q_FORCE,       /* [N] N, kN, MN, lbf */
    BMD_Q_SOLID_ANGLE, /* [sr] sr, msr, deg2, deg^2; >= 0 */
    BMD_Q_COUNT        /* number of quantities (not a quantity) */
} bmd_quantity;

/*
 * bmd_units_parse: read a value with an optional unit and convert it to SI.
 * Given:    text  the value as typed: a decimal number, optional blanks, an
 *                 optional unit symbol ("150km", "2.8 km/s", "-20dBsm",
 *                 "45deg", "45", "13dB"); leading and trailing blanks are
 *                 ignored. The symbol is case-sensitive (mW is not MW).
 *           q     the quantity expected
 * Returned: *value_si  the value in SI units (m, m/s, rad, s, kg, m^2, W,
 *                 Hz, K, 1, kg/m^2, m/s^2, N, sr); for dBsm and dB the
 *                 linear value 10^(x/10); untouched on failure
 *           err   on failure, e.g. "expected a length such as 150km, found
 *                 '3s' (a time)"
 * Returned (function value): BMD_OK; BMD_EPARSE (empty text, not a number,
 *           trailing text, "nan"/"inf"); BMD_EUNIT (a unit of another
 *           quantity, or an unknown unit: the message then suggests the
 *           nearest unit of q); BMD_EDOM (overflow to infinity, or a
 *           negative value of a quantity marked ">= 0" above: the message
 *           suggests dBsm for a negative RCS); BMD_EINVAL (NULL text or
 *           value_si, q out of range).
 * Notes:    1. A bare number takes the default unit in brackets above: in
 *           particular a bare angle is in DEGREES and a bare ratio is linear.
 *           2. Numbers follow the C decimal syntax without hexadecimal,
 *           infinities or NaN: [+-]digits[.digits][(e|E)[+-]digits]; the
 *           decimal point is '.' (the "C" numeric locale, the default of a
 *           program that does not call setlocale).
 *           3. Exact definitions: 1 nmi = 1852 m, 1 ft = 0.3048 m, 1 mi =
 *           1609.344 m, 1 lb = 0.45359237 kg, 1 kn = 1852/3600 m/s,
 *           1 g = 9.80665 m/s^2, 1 lbf = 0.45359237 x 9.80665 N,
 *           1 t = 1000 kg, 1 deg = pi/180 rad.
 * References: BIPM, The International System of Units, 9th ed. (2019);
 *           NIST SP 811 (2008), appendix B (US customary units); IEEE Std
 *           686-2017 (dBsm = 10 log10(sigma / 1 m^2)).
 */
int bmd_units_parse(const char *text, bmd_quantity q, double *value_si, bmd_errbuf *err);

/*
 * bmd_quantity_name: "a length", "a speed", "a radar cross-section", ...
 * (with the article, for messages). "a value" for q out of range.
 */
const char *bmd_quantity_name(bmd_quantity q);
/* bmd_quantity_example: a typical value with its unit, e.g. "150km". */
const char *bmd_quantity_example(bmd_quantity q);
/* bmd_quantity_unit: the default (SI) unit symbol, e.g. "m", "deg", "" for
 * dimensionless numbers and linear ratios. */
const char *bmd_quantity_unit(bmd_quantity q);

/*
 * bmd_units_format: write a value in the default unit of q, with enough
 * digits (%.15g) that bmd_units_parse reads it back to 1e-14 relative.
 * Given:    value_si  SI value (rad for angles); q quantity; n size of out
 * Returned: out  e.g. "150000m", "45deg", "0.01m2" (NUL-terminated)
 * Returned (function value): BMD_OK; BMD_ELIMIT when out is too small (out
 *           then holds a truncated string); BMD_EINVAL for NULL out, n == 0
 *           or q out of range.
 */
int bmd_units_format(double value_si, bmd_quantity q, char *out, size_t n);

/*
 * bmd_units_parse_location: read a geodetic location "LAT,LON[,ALT]".
 * Given:    text  "35.9N,128.3E", "35.9,128.3", "35.9N, 128.3E, 400m",
 *                 "-33.9,151.2", "33.9S,151.2E", "35.9°N,128.3°E"; each
 *                 coordinate is decimal degrees with either a sign or a
 *                 hemisphere letter (N/S for the latitude, E/W for the
 *                 longitude; upper or lower case), optionally followed by
 *                 "°" or "deg" before the letter; ALT is a length (bare: m)
 * Returned: *lat_rad  geodetic latitude (rad), |lat| <= pi/2
 *           *lon_rad  longitude (rad, east-positive), wrapped into
 *                 [-pi, pi] (190E -> -170 deg; 180 stays 180, -180 stays
 *                 -180)
 *           *alt_m    height above the ellipsoid (m); 0 when not given
 *           *has_alt  1 when ALT was given, else 0 (may be NULL)
 *           err  on failure, e.g. "expected a location such as 35.9N,128.3E
 *                 or 35.9,128.3, found 'x'"
 *           Outputs are untouched on failure.
 * Returned (function value): BMD_OK; BMD_EPARSE (malformed, a sign together
 *           with a hemisphere letter, a wrong letter such as E on the
 *           latitude); BMD_EDOM (|lat| > 90 deg, |lon| > 360 deg);
 *           BMD_EUNIT (ALT with a unit that is not a length); BMD_EINVAL
 *           (NULL text, lat_rad, lon_rad or alt_m).
 */
int bmd_units_parse_location(const char *text, double *lat_rad, double *lon_rad, double *alt_m,
                             int *has_alt, bmd_errbuf *err);

/*
 * bmd_units_format_location: "35.9500N,128.1800E" (4 decimals, about 11 m),
 * followed by ",400m" when has_alt is non-zero; the string reads back
 * through bmd_units_parse_location.
 * Given:    lat_rad, lon_rad (rad); alt_m (m); has_alt; n size of out
 * Returned: out; (function value) BMD_OK, BMD_ELIMIT (too small, truncated),
 *           BMD_EINVAL (NULL out or n == 0).
 */
int bmd_units_format_location(double lat_rad, double lon_rad, double alt_m, int has_alt, char *out,
                              size_t n);

/* ---- valid ranges of numeric fields -------------------------------------- */

/*
 * bmd_input_range: the valid range of a named numeric field. One table
 * (src/input/ranges.c) holds them all; it is enforced by the YAML getters
 * for file keys and by the CLI for options (a key `half_width` and an option
 * `--half-width` share the entry "half_width"), and printed into
 * docs/formats.md ("Valid ranges") by `test_input_ranges --print`.
 */
typedef struct bmd_input_range {
    const char *name; /* key name; options use it with '-' for '_' */
    bmd_quantity q;   /* the entry applies only to values of this quantity */
    double min, max;  /* inclusive, SI (angles in rad) */
    const char *why;  /* one phrase: what goes wrong outside */
} bmd_input_range;

/*
 * bmd_input_range_find: the entry for name (with '-' read as '_') and
 * quantity q, or NULL when the field has no entry (then only finiteness,
 * which bmd_units_parse checks, applies).
 */
const bmd_input_range *bmd_input_range_find(const char *name, bmd_quantity q);

/* bmd_input_range_table: the whole table; *n gets its length. */
const bmd_input_range *bmd_input_range_table(size_t *n);

/*
 * bmd_input_range_check: check value_si (in the SI unit of q) against the
 * entry of name.
 * Returned (function value): BMD_OK (also when there is no entry);
 *           BMD_EINVAL "must be from 0.001s to 10s (WHY), found 1e-300s" (the
 *           bounds and the value formatted by bmd_units_format); NaN and
 *           infinities are always BMD_EINVAL.
 */
int bmd_input_range_check(const char *name, bmd_quantity q, double value_si, bmd_errbuf *err);

/* ---- reading input files ------------------------------------------------ */

/* Default largest input file, bytes (16 MiB): the largest shipped data file
 * is the map data (data/map/ne50m.txt, under 1 MB). */
#define BMD_INPUT_MAX_BYTES_DEFAULT (16u * 1024u * 1024u)

/*
 * bmd_input_max_bytes: the size limit for every input file bmdsim reads.
 * Returned (function value): BMD_INPUT_MAX_BYTES_DEFAULT, or the value of
 *           the environment variable BMD_MAX_INPUT_BYTES when it holds a
 *           whole number of bytes from 1 to 2^40 (anything else is ignored).
 */
size_t bmd_input_max_bytes(void);

/*
 * bmd_input_read: read a whole input file into memory, bounded.
 * Given:    path       the file: a regular file or a pipe (a symlink is
 *                      followed; "-" is not special)
 *           max_bytes  the largest accepted size (0: bmd_input_max_bytes())
 * Returned: *text      malloc'd copy, NUL-terminated (the caller frees it)
 *           *len       its length in bytes (the NUL not counted)
 * Returned (function value): BMD_OK; BMD_EIO "cannot read 'PATH': <why>"
 *           (missing, unreadable, "is a directory", "not a regular file or
 *           a pipe" for devices and sockets such as /dev/zero);
 *           BMD_ELIMIT "'PATH': larger than N bytes (the limit is set by
 *           BMD_MAX_INPUT_BYTES)"; BMD_ENOMEM; BMD_EINVAL (NULL arguments).
 *           On failure *text is NULL.
 * Notes:    A pipe is read up to max_bytes + 1 bytes and never waited on
 *           past its end. The type is checked on the open descriptor
 *           (fstat), so a file swapped after a check cannot slip through;
 *           devices are opened non-blocking and refused before any read.
 */
int bmd_input_read(const char *path, size_t max_bytes, char **text, size_t *len, bmd_errbuf *err);

/*
 * bmd_input_check_text: check that text is UTF-8 a text parser may read.
 * Given:    text, len  the bytes
 *           name       the file name for messages
 *           yaml       1: also refuse what YAML forbids (control characters
 *                      other than tab, LF and CR; U+FFFE, U+FFFF) and the tab
 *                      outside whole-line comments (see Notes); 0: refuse
 *                      only NUL, invalid UTF-8 and UTF-16/32
 * Returned (function value): BMD_OK; BMD_EPARSE
 *           "NAME:LINE:COL: NUL byte (is this a text file?)",
 *           "NAME:LINE:COL: invalid UTF-8 byte 0xFF",
 *           "NAME:LINE:COL: control character U+0001",
 *           "NAME:LINE:COL: tab character: indent with spaces ...",
 *           "NAME:1:1: file is UTF-16 text; save it as UTF-8".
 *           LINE and COL are 1-based; COL counts characters.
 * Notes:    Overlong forms, surrogates (U+D800-DFFF) and code points above
 *           U+10FFFF are invalid (RFC 3629 section 3). A leading UTF-8 byte
 *           order mark is accepted. Tabs are refused in YAML because
 *           libfyaml 0.7.12 double-frees (SEGV) on a tab after a complex
 *           key, e.g. the 5 bytes "? a:\t ?" (tests/data/bad/); YAML does
 *           not allow tabs for indentation anyway (YAML 1.2 section 6.1).
 */
int bmd_input_check_text(const char *text, size_t len, const char *name, int yaml, bmd_errbuf *err);

/* ---- trajectory lists (visibility --pairs) -------------------------------- */

#define BMD_PAIRS_MAX 256

/* One line "FROM TO [MISSILE]" of a pairs list. */
typedef struct bmd_pair {
    char from[64], to[64], missile[32];
} bmd_pair;

/*
 * bmd_pairs_parse: read a list of trajectories, one "FROM TO [MISSILE]" a
 * line, blanks between fields, '#' to the end of a line a comment.
 * Given:    text, len     the file's bytes (need not be NUL-terminated; a NUL
 *                         byte or invalid UTF-8 is an error: see
 *                         bmd_input_check_text)
 *           name          file name for messages
 *           dflt_missile  the missile of two-field lines (NULL: none)
 *           max           room in out (at most BMD_PAIRS_MAX is sensible)
 * Returned: out[0..*n-1]  the pairs (partly written on failure)
 * Returned (function value): BMD_OK; BMD_EPARSE with "NAME:LINE:COL: ...":
 *           "expected 'FROM TO [MISSILE]', found 1 field", "no missile on
 *           this line and no --missile given", "field longer than 63
 *           characters", "NAME: no trajectories in the file"; BMD_ELIMIT
 *           "more than MAX trajectories". A line may be of any length: a
 *           long line is never split into extra records.
 */
int bmd_pairs_parse(const char *text, size_t len, const char *name, const char *dflt_missile,
                    bmd_pair *out, size_t max, size_t *n, bmd_errbuf *err);

/* ---- name suggestions -------------------------------------------------- */

/*
 * bmd_suggest: the candidate nearest to a misspelt name.
 * Given:    name        what the user typed
 *           candidates  n names (NULL entries are skipped)
 * Returned (function value): the nearest candidate (a pointer into
 *           candidates) when its edit distance to name is small: at most
 *           1 for names of up to 4 characters, 2 up to 8, else 3, and
 *           always less than the length of name (so "k" is not close to
 *           "m"); or, when none is that close, the one candidate that name
 *           (3 characters or more) is the beginning of. NULL when nothing
 *           is close, or for a NULL or empty name or candidates.
 * Notes:    The distance is the optimal string alignment (restricted
 *           Damerau-Levenshtein) distance: insertions, deletions,
 *           substitutions and transpositions of adjacent characters each
 *           cost 1; letter case is ignored (so "KM" suggests "km"). Ties go
 *           to the earlier candidate. Names longer than 63 characters are
 *           never close to anything. Callers look for an exact match first:
 *           an exact match is returned as its own suggestion.
 * References: Damerau, Comm. ACM 7 (1964) 171; Wagner & Fischer, J. ACM 21
 *           (1974) 168.
 */
const char *bmd_suggest(const char *name, const char *const *candidates, size_t n);

#endif /* BMD_INPUT_H */
