/*
 * test_io_units.c: values with units, locations, name suggestions and data
 * paths (bmd/io.h).
 *
 * Reference values are the exact unit definitions: 1 nmi = 1852 m, 1 ft =
 * 0.3048 m, 1 mi = 1609.344 m, 1 lb = 0.45359237 kg (NIST SP 811, 2008,
 * appendix B), 1 g = 9.80665 m/s^2 (CGPM 1901), dBsm = 10 log10(sigma /
 * 1 m^2) (IEEE Std 686), 1 deg = pi/180 rad. Conversions are one
 * multiplication, so the tolerance is 1e-12 relative (a few ulp) throughout.
 */
#include <stdio.h>
#include <string.h>

#include "check.h"

#include "bmd/const.h"
#include "bmd/catalog.h"

#define RTOL 1e-12

#define FT 0.3048
#define MI 1609.344
#define NMI 1852.0
#define LB 0.45359237

struct unit_case {
    const char *text;
    bmd_quantity q;
    double want_si;
};

/* Every accepted unit of every quantity, and the default unit of a bare
 * number; the wanted value is the definition written out. */
static const struct unit_case unit_cases[] = {
    /* dimensionless: bare numbers, percent */
    {"0.8", BMD_Q_DIMLESS, 0.8},
    {"80%", BMD_Q_DIMLESS, 0.8},
    {"1e-6", BMD_Q_DIMLESS, 1e-6},
    /* length */
    {"150", BMD_Q_LENGTH, 150.0},
    {"1m", BMD_Q_LENGTH, 1.0},
    {"1.5km", BMD_Q_LENGTH, 1500.0},
    {"250cm", BMD_Q_LENGTH, 2.5},
    {"12mm", BMD_Q_LENGTH, 0.012},
    {"1nmi", BMD_Q_LENGTH, NMI},
    {"2mi", BMD_Q_LENGTH, 2.0 * MI},
    {"10ft", BMD_Q_LENGTH, 10.0 * FT},
    {"-3km", BMD_Q_LENGTH, -3000.0},
    {"+3km", BMD_Q_LENGTH, 3000.0},
    {".5km", BMD_Q_LENGTH, 500.0},
    {"5.km", BMD_Q_LENGTH, 5000.0},
    {"1e3m", BMD_Q_LENGTH, 1000.0},
    {"1E3", BMD_Q_LENGTH, 1000.0},
    {"  150 km  ", BMD_Q_LENGTH, 150000.0},
    /* speed */
    {"5", BMD_Q_SPEED, 5.0},
    {"1m/s", BMD_Q_SPEED, 1.0},
    {"3mps", BMD_Q_SPEED, 3.0},
    {"2.8km/s", BMD_Q_SPEED, 2800.0},
    {"2kps", BMD_Q_SPEED, 2000.0},
    {"36km/h", BMD_Q_SPEED, 10.0},
    {"10kn", BMD_Q_SPEED, 10.0 * NMI / 3600.0},
    {"100ft/s", BMD_Q_SPEED, 100.0 * FT},
    {"60mph", BMD_Q_SPEED, 60.0 * MI / 3600.0},
    /* angle: a bare number is in degrees */
    {"30", BMD_Q_ANGLE, BMD_PI / 6.0},
    {"45deg", BMD_Q_ANGLE, BMD_PI / 4.0},
    {"90\xc2\xb0", BMD_Q_ANGLE, BMD_PI / 2.0},
    {"1rad", BMD_Q_ANGLE, 1.0},
    {"2mrad", BMD_Q_ANGLE, 2e-3},
    {"5urad", BMD_Q_ANGLE, 5e-6},
    {"-10deg", BMD_Q_ANGLE, -10.0 * BMD_PI / 180.0},
    /* time */
    {"7", BMD_Q_TIME, 7.0},
    {"1s", BMD_Q_TIME, 1.0},
    {"20ms", BMD_Q_TIME, 0.02},
    {"10us", BMD_Q_TIME, 1e-5},
    {"5ns", BMD_Q_TIME, 5e-9},
    {"2min", BMD_Q_TIME, 120.0},
    {"1.5h", BMD_Q_TIME, 5400.0},
    /* mass */
    {"985", BMD_Q_MASS, 985.0},
    {"1kg", BMD_Q_MASS, 1.0},
    {"12.9t", BMD_Q_MASS, 12900.0},
    {"100lb", BMD_Q_MASS, 100.0 * LB},
    /* area */
    {"9.2", BMD_Q_AREA, 9.2},
    {"9.2m2", BMD_Q_AREA, 9.2},
    {"9.2m^2", BMD_Q_AREA, 9.2},
    {"3km2", BMD_Q_AREA, 3e6},
    {"3km^2", BMD_Q_AREA, 3e6},
    {"50cm2", BMD_Q_AREA, 50e-4},
    {"50cm^2", BMD_Q_AREA, 50e-4},
    {"2ft2", BMD_Q_AREA, 2.0 * FT *FT},
    {"2ft^2", BMD_Q_AREA, 2.0 * FT *FT},
    /* radar cross-section: dBsm = 10 log10(sigma / 1 m^2) */
    {"0.5", BMD_Q_RCS, 0.5},
    {"0.01m2", BMD_Q_RCS, 0.01},
    {"0.01m^2", BMD_Q_RCS, 0.01},
    {"100cm2", BMD_Q_RCS, 0.01},
    {"100cm^2", BMD_Q_RCS, 0.01},
    {"-20dBsm", BMD_Q_RCS, 0.01},
    {"0dBsm", BMD_Q_RCS, 1.0},
    {"10dBsm", BMD_Q_RCS, 10.0},
    {"-30 dBsm", BMD_Q_RCS, 1e-3},
    /* power (case matters: mW is not MW) */
    {"100", BMD_Q_POWER, 100.0},
    {"100W", BMD_Q_POWER, 100.0},
    {"3mW", BMD_Q_POWER, 3e-3},
    {"57.6kW", BMD_Q_POWER, 57600.0},
    {"1MW", BMD_Q_POWER, 1e6},
    /* frequency */
    {"50", BMD_Q_FREQUENCY, 50.0},
    {"50Hz", BMD_Q_FREQUENCY, 50.0},
    {"200kHz", BMD_Q_FREQUENCY, 2e5},
    {"500MHz", BMD_Q_FREQUENCY, 5e8},
    {"9.5GHz", BMD_Q_FREQUENCY, 9.5e9},
    /* temperature */
    {"290", BMD_Q_TEMPERATURE, 290.0},
    {"500K", BMD_Q_TEMPERATURE, 500.0},
    /* ratio: a bare number is linear, dB a power ratio */
    {"20", BMD_Q_RATIO, 20.0},
    {"0dB", BMD_Q_RATIO, 1.0},
    {"10dB", BMD_Q_RATIO, 10.0},
    {"-10dB", BMD_Q_RATIO, 0.1},
    {"30dB", BMD_Q_RATIO, 1000.0},
    /* ballistic coefficient (mass per area) */
    {"30000", BMD_Q_BETA, 30000.0},
    {"30000kg/m2", BMD_Q_BETA, 30000.0},
    {"30000kg/m^2", BMD_Q_BETA, 30000.0},
    {"100lb/ft2", BMD_Q_BETA, 100.0 * LB / (FT * FT)},
    {"100lb/ft^2", BMD_Q_BETA, 100.0 * LB / (FT * FT)},
    /* acceleration */
    {"9.8", BMD_Q_ACCEL, 9.8},
    {"9.8m/s2", BMD_Q_ACCEL, 9.8},
    {"9.8m/s^2", BMD_Q_ACCEL, 9.8},
    {"3g", BMD_Q_ACCEL, 3.0 * 9.80665},
    /* force */
    {"10", BMD_Q_FORCE, 10.0},
    {"10N", BMD_Q_FORCE, 10.0},
    {"100kN", BMD_Q_FORCE, 1e5},
    {"2MN", BMD_Q_FORCE, 2e6},
    {"1lbf", BMD_Q_FORCE, LB * 9.80665},
    /* solid angle */
    {"0.18", BMD_Q_SOLID_ANGLE, 0.18},
    {"0.18sr", BMD_Q_SOLID_ANGLE, 0.18},
    {"50msr", BMD_Q_SOLID_ANGLE, 0.05},
    {"10deg2", BMD_Q_SOLID_ANGLE, 10.0 * (BMD_PI / 180.0) * (BMD_PI / 180.0)},
    {"10deg^2", BMD_Q_SOLID_ANGLE, 10.0 * (BMD_PI / 180.0) * (BMD_PI / 180.0)},
};

static void test_units_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof unit_cases / sizeof unit_cases[0]; i++) {
        const struct unit_case *c = &unit_cases[i];
        double v = -12345.0;
        bmd_errbuf e = {{0}};
        int st = bmd_units_parse(c->text, c->q, &v, &e);
        if (st != BMD_OK) fail_msg("'%s': status %d: %s", c->text, st, e.msg);
        /* Definitions (see top of file); 1e-12 relative. */
        CHECK_REL(v, c->want_si, RTOL);
    }
}

static void test_units_dbsm_formula(void **state)
{
    (void)state;
    /* dBsm definition 10 log10(sigma / 1 m^2) inverted: sigma = 10^(x/10);
     * 1e-12 relative. */
    for (double x = -40.0; x <= 20.0; x += 2.5) {
        char text[32];
        double v;
        snprintf(text, sizeof text, "%gdBsm", x);
        CHECK_OK(bmd_units_parse(text, BMD_Q_RCS, &v, NULL));
        CHECK_REL(v, pow(10.0, x / 10.0), RTOL);
        CHECK_ABS(10.0 * log10(v), x, 1e-12); /* and back: 1e-12 dB absolute */
    }
}

/* Parse text as q, expect status and a message containing want_msg; the
 * output keeps its sentinel. */
static void expect_error(const char *text, bmd_quantity q, int status, const char *want_msg)
{
    double v = 42.0;
    bmd_errbuf e = {{0}};
    int st = bmd_units_parse(text, q, &v, &e);
    if (st != status) fail_msg("'%s': status %d, want %d (%s)", text, st, status, e.msg);
    if (strstr(e.msg, want_msg) == NULL)
        fail_msg("'%s': message '%s' lacks '%s'", text, e.msg, want_msg);
    CHECK_ABS(v, 42.0, 0.0); /* untouched on failure (bmd/io.h) */
}

static void test_units_errors(void **state)
{
    (void)state;
    expect_error("", BMD_Q_LENGTH, BMD_EPARSE, "expected a length such as 150km, found nothing");
    expect_error("   ", BMD_Q_LENGTH, BMD_EPARSE, "found nothing");
    expect_error("abc", BMD_Q_LENGTH, BMD_EPARSE, "expected a length such as 150km, found 'abc'");
    expect_error("km", BMD_Q_LENGTH, BMD_EPARSE, "found 'km'");
    expect_error("3s", BMD_Q_LENGTH, BMD_EUNIT,
                 "expected a length such as 150km, found '3s' (that is a time)");
    expect_error("10deg", BMD_Q_TIME, BMD_EUNIT, "(that is an angle)");
    expect_error("3kmm", BMD_Q_LENGTH, BMD_EUNIT, "(unknown unit 'kmm'; did you mean 'km'?)");
    expect_error("1KM", BMD_Q_LENGTH, BMD_EUNIT, "did you mean 'km'?");
    expect_error("3 xyz", BMD_Q_LENGTH, BMD_EUNIT,
                 "(unknown unit 'xyz'; units of length: m, km, cm, mm, nmi, mi, ft)");
    expect_error("150km abc", BMD_Q_LENGTH, BMD_EPARSE, "found '150km abc' (unexpected 'abc')");
    expect_error("150 km 3", BMD_Q_LENGTH, BMD_EPARSE, "(unexpected '3')");
    expect_error("nan", BMD_Q_LENGTH, BMD_EPARSE, "(not a finite number)");
    expect_error("NaN", BMD_Q_DIMLESS, BMD_EPARSE, "(not a finite number)");
    expect_error("inf", BMD_Q_SPEED, BMD_EPARSE, "(not a finite number)");
    expect_error("-Infinity", BMD_Q_SPEED, BMD_EPARSE, "(not a finite number)");
    expect_error("1e999", BMD_Q_LENGTH, BMD_EDOM, "(out of range)");
    expect_error("4000dB", BMD_Q_RATIO, BMD_EDOM, "(out of range)");
    expect_error("-5kg", BMD_Q_MASS, BMD_EDOM, "(must not be negative)");
    expect_error("-20", BMD_Q_RCS, BMD_EDOM, "did you mean '-20dBsm'?");
    expect_error("-0.01m2", BMD_Q_RCS, BMD_EDOM, "(must not be negative)");
    expect_error("-3", BMD_Q_RATIO, BMD_EDOM, "(must not be negative)");
    expect_error("abc", BMD_Q_BETA, BMD_EPARSE,
                 "expected a ballistic coefficient such as 30000kg/m2, found 'abc'");
    /* Hexadecimal and comma decimals are not numbers here (strtod would
     * read 0x10 as 16). */
    expect_error("0x10", BMD_Q_DIMLESS, BMD_EUNIT, "unknown unit 'x10'");
    expect_error("1,5km", BMD_Q_LENGTH, BMD_EUNIT, "unknown unit ',5km'");
    double v = 1.0;
    CHECK_STATUS(bmd_units_parse(NULL, BMD_Q_LENGTH, &v, NULL), BMD_EINVAL);
    CHECK_STATUS(bmd_units_parse("1", BMD_Q_LENGTH, NULL, NULL), BMD_EINVAL);
    CHECK_STATUS(bmd_units_parse("1", BMD_Q_COUNT, &v, NULL), BMD_EINVAL);
    CHECK_STATUS(bmd_units_parse("1", (bmd_quantity)-1, &v, NULL), BMD_EINVAL);
    CHECK_STATUS(bmd_units_parse("3s", BMD_Q_LENGTH, &v, NULL), BMD_EUNIT); /* NULL err */
}

static void test_quantity_names(void **state)
{
    (void)state;
    assert_string_equal(bmd_quantity_name(BMD_Q_LENGTH), "a length");
    assert_string_equal(bmd_quantity_name(BMD_Q_BETA), "a ballistic coefficient");
    assert_string_equal(bmd_quantity_name(BMD_Q_COUNT), "a value");
    assert_string_equal(bmd_quantity_example(BMD_Q_LENGTH), "150km");
    assert_string_equal(bmd_quantity_example(BMD_Q_COUNT), "");
    assert_string_equal(bmd_quantity_unit(BMD_Q_ANGLE), "deg");
    assert_string_equal(bmd_quantity_unit(BMD_Q_RATIO), "");
    assert_string_equal(bmd_quantity_unit(BMD_Q_COUNT), "");
    for (int q = 0; q < BMD_Q_COUNT; q++) {
        /* Every example parses as its own quantity (the first value of
         * "0.01m2 or -20dBsm" style examples). */
        char ex[32];
        double v;
        snprintf(ex, sizeof ex, "%s", bmd_quantity_example((bmd_quantity)q));
        char *sp = strchr(ex, ' ');
        if (sp) *sp = '\0';
        CHECK_OK(bmd_units_parse(ex, (bmd_quantity)q, &v, NULL));
    }
}

static void test_units_format(void **state)
{
    (void)state;
    char buf[64];
    /* Round trip through the default unit with %.15g (15 significant
     * digits: at most 5e-15 relative rounding, plus the unit factor's
     * rounding): 1e-14 relative. */
    const double values[] = {1234.5678, 0.01, 2.8e3, 9.5e9, 3.0e-7};
    for (int q = 0; q < BMD_Q_COUNT; q++) {
        for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
            double back;
            CHECK_OK(bmd_units_format(values[i], (bmd_quantity)q, buf, sizeof buf));
            CHECK_OK(bmd_units_parse(buf, (bmd_quantity)q, &back, NULL));
            CHECK_REL(back, values[i], 1e-14);
        }
    }
    CHECK_OK(bmd_units_format(150000.0, BMD_Q_LENGTH, buf, sizeof buf));
    assert_string_equal(buf, "150000m");
    CHECK_OK(bmd_units_format(BMD_PI / 4.0, BMD_Q_ANGLE, buf, sizeof buf));
    assert_string_equal(buf, "45deg");
    CHECK_STATUS(bmd_units_format(150000.0, BMD_Q_LENGTH, buf, 4), BMD_ELIMIT);
    CHECK_STATUS(bmd_units_format(1.0, BMD_Q_LENGTH, NULL, 4), BMD_EINVAL);
    CHECK_STATUS(bmd_units_format(1.0, BMD_Q_LENGTH, buf, 0), BMD_EINVAL);
    CHECK_STATUS(bmd_units_format(1.0, BMD_Q_COUNT, buf, sizeof buf), BMD_EINVAL);
}

/* ---- locations ---------------------------------------------------------- */

struct loc_case {
    const char *text;
    double lat_deg, lon_deg, alt_m;
    int has_alt;
};

static void test_location_good(void **state)
{
    (void)state;
    static const struct loc_case cases[] = {
        {"35.9N,128.3E", 35.9, 128.3, 0.0, 0},
        {"35.9,128.3", 35.9, 128.3, 0.0, 0},
        {"35.9N,128.3E,400m", 35.9, 128.3, 400.0, 1},
        {"35.9N,128.3E,400", 35.9, 128.3, 400.0, 1},
        {"-33.9,151.2", -33.9, 151.2, 0.0, 0},
        {"33.9S,151.2E", -33.9, 151.2, 0.0, 0},
        {"40.7n,74.0w", 40.7, -74.0, 0.0, 0},
        {"38.9N,77.0W,-10m", 38.9, -77.0, -10.0, 1},
        {" 35.9 N , 128.3 E , 0.4km ", 35.9, 128.3, 400.0, 1},
        {"35.9\xc2\xb0N,128.3\xc2\xb0"
         "E",
         35.9, 128.3, 0.0, 0},
        {"35.9degN,128.3degE", 35.9, 128.3, 0.0, 0},
        {"90N,0E", 90.0, 0.0, 0.0, 0},
        {"-90,0", -90.0, 0.0, 0.0, 0},
        /* longitude wrap: only outside [-180, 180] (bmd/io.h) */
        {"0,180", 0.0, 180.0, 0.0, 0},
        {"0,-180", 0.0, -180.0, 0.0, 0},
        {"0,190", 0.0, -170.0, 0.0, 0},
        {"0,-190", 0.0, 170.0, 0.0, 0},
        {"0,360", 0.0, 0.0, 0.0, 0},
        {"10N,200W", 10.0, 160.0, 0.0, 0},
        {"-0,-0", 0.0, 0.0, 0.0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct loc_case *c = &cases[i];
        double lat, lon, alt;
        int has_alt = -1;
        bmd_errbuf e = {{0}};
        int st = bmd_units_parse_location(c->text, &lat, &lon, &alt, &has_alt, &e);
        if (st) fail_msg("'%s': status %d: %s", c->text, st, e.msg);
        /* deg -> rad is one multiplication by pi/180: 1e-15 rad absolute. */
        CHECK_ABS(lat, c->lat_deg * BMD_DEG2RAD, 1e-15);
        CHECK_ABS(lon, c->lon_deg * BMD_DEG2RAD, 1e-14);
        CHECK_ABS(alt, c->alt_m, 1e-12);
        assert_int_equal(has_alt, c->has_alt);
    }
    double lat, lon, alt;
    CHECK_OK(bmd_units_parse_location("1,2", &lat, &lon, &alt, NULL, NULL)); /* NULL has_alt */
}

static void expect_loc_error(const char *text, int status, const char *want_msg)
{
    double lat = 7.0, lon = 7.0, alt = 7.0;
    int has_alt = 7;
    bmd_errbuf e = {{0}};
    int st = bmd_units_parse_location(text, &lat, &lon, &alt, &has_alt, &e);
    if (st != status) fail_msg("'%s': status %d, want %d (%s)", text, st, status, e.msg);
    if (strstr(e.msg, want_msg) == NULL)
        fail_msg("'%s': message '%s' lacks '%s'", text, e.msg, want_msg);
    /* Outputs untouched on failure (bmd/io.h). */
    CHECK_ABS(lat + lon + alt, 21.0, 0.0);
    assert_int_equal(has_alt, 7);
}

static void test_location_errors(void **state)
{
    (void)state;
    expect_loc_error("", BMD_EPARSE,
                     "expected a location such as 35.9N,128.3E or 35.9,128.3, found nothing");
    expect_loc_error("35.9", BMD_EPARSE, "found '35.9'");
    expect_loc_error("35.9N 128.3E", BMD_EPARSE, "found '35.9N 128.3E'");
    expect_loc_error("1,2,3,4", BMD_EPARSE, "found '1,2,3,4'");
    expect_loc_error("a,b", BMD_EPARSE, "found 'a,b'");
    expect_loc_error("35.9X,1", BMD_EPARSE, "found '35.9X,1'");
    expect_loc_error("35.9NN,1", BMD_EPARSE, "found '35.9NN,1'");
    expect_loc_error("128.3E,35.9N", BMD_EPARSE,
                     "(the latitude takes N or S, not E; write LAT,LON)");
    expect_loc_error("35.9N,128.3N", BMD_EPARSE, "(the longitude takes E or W, not N");
    expect_loc_error("-35.9N,1E", BMD_EPARSE, "(give a sign or a hemisphere letter, not both)");
    expect_loc_error("35.9N,-1E", BMD_EPARSE, "not both");
    expect_loc_error("90.0001N,0", BMD_EDOM, "(latitude outside -90..90 deg)");
    expect_loc_error("-91,0", BMD_EDOM, "latitude outside");
    expect_loc_error("0,361", BMD_EDOM, "(longitude outside -360..360 deg)");
    expect_loc_error("1e999,0", BMD_EDOM, "latitude outside");
    expect_loc_error("35.9,128.3,5s", BMD_EUNIT,
                     "altitude: expected a length such as 150km, "
                     "found '5s' (that is a time)");
    expect_loc_error("35.9,128.3,", BMD_EPARSE,
                     "altitude: expected a length such as 150km, "
                     "found nothing");
    double x;
    CHECK_STATUS(bmd_units_parse_location(NULL, &x, &x, &x, NULL, NULL), BMD_EINVAL);
    CHECK_STATUS(bmd_units_parse_location("1,2", NULL, &x, &x, NULL, NULL), BMD_EINVAL);
}

static void test_location_format(void **state)
{
    (void)state;
    char buf[64];
    CHECK_OK(bmd_units_format_location(35.95 * BMD_DEG2RAD, 128.18 * BMD_DEG2RAD, 0.0, 0, buf,
                                       sizeof buf));
    assert_string_equal(buf, "35.9500N,128.1800E");
    CHECK_OK(bmd_units_format_location(-33.9 * BMD_DEG2RAD, -70.5 * BMD_DEG2RAD, 400.0, 1, buf,
                                       sizeof buf));
    assert_string_equal(buf, "33.9000S,70.5000W,400m");
    double lat, lon, alt;
    int has_alt;
    CHECK_OK(bmd_units_parse_location(buf, &lat, &lon, &alt, &has_alt, NULL));
    /* 4 decimals printed: the round trip is exact for these inputs to
     * 1e-12 deg. */
    CHECK_ABS(lat * BMD_RAD2DEG, -33.9, 1e-12);
    CHECK_ABS(lon * BMD_RAD2DEG, -70.5, 1e-12);
    CHECK_ABS(alt, 400.0, 0.0);
    assert_int_equal(has_alt, 1);
    CHECK_STATUS(bmd_units_format_location(0.0, 0.0, 0.0, 0, buf, 5), BMD_ELIMIT);
    CHECK_STATUS(bmd_units_format_location(0.0, 0.0, 0.0, 1, buf, 18), BMD_ELIMIT);
    CHECK_STATUS(bmd_units_format_location(0.0, 0.0, 0.0, 0, NULL, 5), BMD_EINVAL);
}

/* ---- suggestions ----------------------------------------------------------- */

static void test_suggest(void **state)
{
    (void)state;
    static const char *const missiles[] = {"scud-b", "nodong", "musudan", "hwasong-12",
                                           "hwasong-14"};
    static const char *const keys[] = {"gross_mass", "propellant_mass", "isp_vac", "isp_sl",
                                       "burn_time"};
    static const char *const units[] = {"m", "km", "cm"};
    assert_string_equal(bmd_suggest("nodon", missiles, 5), "nodong");    /* deletion */
    assert_string_equal(bmd_suggest("nodongg", missiles, 5), "nodong");  /* insertion */
    assert_string_equal(bmd_suggest("nodnog", missiles, 5), "nodong");   /* transposition */
    assert_string_equal(bmd_suggest("musudam", missiles, 5), "musudan"); /* substitution */
    assert_string_equal(bmd_suggest("isp_vacc", keys, 5), "isp_vac");
    assert_string_equal(bmd_suggest("burntime", keys, 5), "burn_time");
    assert_string_equal(bmd_suggest("KM", units, 3), "km");                   /* case ignored */
    assert_string_equal(bmd_suggest("hwasong-1", missiles, 5), "hwasong-12"); /* tie: first */
    assert_string_equal(bmd_suggest("nodong", missiles, 5), "nodong");        /* exact */
    assert_null(bmd_suggest("hwasong", missiles, 5)); /* distance 3 > 2, prefix not unique */
    assert_string_equal(bmd_suggest("musu", missiles, 5), "musudan"); /* unique prefix */
    assert_null(bmd_suggest("xyz", missiles, 5));
    assert_null(bmd_suggest("k", units, 3)); /* distance 1 is the whole name: not close */
    assert_null(bmd_suggest("", missiles, 5));
    assert_null(bmd_suggest(NULL, missiles, 5));
    assert_null(bmd_suggest("nodon", missiles, 0));
    assert_null(bmd_suggest("nodon", NULL, 5));
    const char *with_null[] = {NULL, "nodong"};
    assert_string_equal(bmd_suggest("nodon", with_null, 2), "nodong");
    char longname[80];
    memset(longname, 'a', sizeof longname - 1);
    longname[sizeof longname - 1] = '\0';
    const char *long_cands[] = {longname};
    assert_null(bmd_suggest(longname, long_cands, 1)); /* over 63 characters */
}

static void test_data_path(void **state)
{
    (void)state;
    char buf[64];
    CHECK_OK(bmd_data_path(buf, sizeof buf, "data", "catalog/missiles.yaml"));
    assert_string_equal(buf, "data/catalog/missiles.yaml");
    CHECK_OK(bmd_data_path(buf, sizeof buf, "data//", "sites.yaml"));
    assert_string_equal(buf, "data/sites.yaml");
    CHECK_OK(bmd_data_path(buf, sizeof buf, "/", "sites.yaml"));
    assert_string_equal(buf, "/sites.yaml");
    CHECK_OK(bmd_data_path(buf, sizeof buf, "", "sites.yaml"));
    assert_string_equal(buf, "sites.yaml");
    CHECK_OK(bmd_data_path(buf, sizeof buf, "data", "/abs/x.yaml"));
    assert_string_equal(buf, "/abs/x.yaml");
    CHECK_STATUS(bmd_data_path(buf, 8, "data", "sites.yaml"), BMD_ELIMIT);
    assert_string_equal(buf, "");
    CHECK_STATUS(bmd_data_path(NULL, 8, "data", "x"), BMD_EINVAL);
    CHECK_STATUS(bmd_data_path(buf, 0, "data", "x"), BMD_EINVAL);
    CHECK_STATUS(bmd_data_path(buf, 8, NULL, "x"), BMD_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_units_table),     cmocka_unit_test(test_units_dbsm_formula),
        cmocka_unit_test(test_units_errors),    cmocka_unit_test(test_quantity_names),
        cmocka_unit_test(test_units_format),    cmocka_unit_test(test_location_good),
        cmocka_unit_test(test_location_errors), cmocka_unit_test(test_location_format),
        cmocka_unit_test(test_suggest),         cmocka_unit_test(test_data_path),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
