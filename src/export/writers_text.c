/* writers_text.c: number, string and time formatting for the writers. */
#include "writers_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

void bmd__fmt_fixed(char *buf, size_t n, double v, int decimals)
{
    double half = 0.5 * pow(10.0, -decimals);
    if (fabs(v) < half) v = 0.0; /* also turns -0.0 into 0.0 */
    snprintf(buf, n, "%.*f", decimals, v);
}

int bmd__json_string(const bmd_sink *s, const char *text)
{
    int st = s->write(s->ctx, "\"", 1);
    for (const char *p = text ? text : ""; *p && st == BMD_OK; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == '"' || c == '\\')
            st = bmd_sink_printf(s, "\\%c", c);
        else if (c == '\n')
            st = bmd_sink_printf(s, "\\n");
        else if (c < 0x20)
            st = bmd_sink_printf(s, "\\u%04x", c);
        else
            st = s->write(s->ctx, p, 1);
    }
    return st == BMD_OK ? s->write(s->ctx, "\"", 1) : st;
}

int bmd__xml_text(const bmd_sink *s, const char *text)
{
    int st = BMD_OK;
    for (const char *p = text ? text : ""; *p && st == BMD_OK; p++) {
        unsigned char c = (unsigned char)*p;
        switch (c) {
        case '&':
            st = bmd_sink_printf(s, "&amp;");
            break;
        case '<':
            st = bmd_sink_printf(s, "&lt;");
            break;
        case '>':
            st = bmd_sink_printf(s, "&gt;");
            break;
        case '"':
            st = bmd_sink_printf(s, "&quot;");
            break;
        case '\'':
            st = bmd_sink_printf(s, "&apos;");
            break;
        default:
            if (c >= 0x20 || c == '\t' || c == '\n') st = s->write(s->ctx, p, 1);
        }
    }
    return st;
}

static int is_leap(long y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static const int month_days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

/* Days from 0001-01-01 to January 1st of year y (proleptic Gregorian). */
static long days_before_year(long y)
{
    long p = y - 1;
    return 365 * p + p / 4 - p / 100 + p / 400;
}

static long days_from_civil(long y, int m, int d)
{
    long days = days_before_year(y) - days_before_year(1970);
    for (int k = 0; k < m - 1; k++)
        days += month_days[k] + (k == 1 && is_leap(y));
    return days + d - 1;
}

static int digits(const char *p, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9') return 0;
        v = v * 10 + (p[i] - '0');
    }
    *out = v;
    return 1;
}

int bmd__iso_parse(const char *t, double *unix_s)
{
    int y, mo, d, h, mi, se;
    if (t == NULL || strlen(t) < 20 || !digits(t, 4, &y) || t[4] != '-' || !digits(t + 5, 2, &mo) ||
        t[7] != '-' || !digits(t + 8, 2, &d) || t[10] != 'T' || !digits(t + 11, 2, &h) ||
        t[13] != ':' || !digits(t + 14, 2, &mi) || t[16] != ':' || !digits(t + 17, 2, &se))
        return BMD_EINVAL;
    if (y < 1 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || se > 59) return BMD_EINVAL;
    if (d > month_days[mo - 1] + (mo == 2 && is_leap(y))) return BMD_EINVAL;
    const char *p = t + 19;
    double frac = 0, scale = 0.1;
    if (*p == '.') {
        p++;
        if (*p < '0' || *p > '9') return BMD_EINVAL;
        for (; *p >= '0' && *p <= '9'; p++, scale *= 0.1)
            frac += (*p - '0') * scale;
    }
    if (p[0] != 'Z' || p[1] != '\0') return BMD_EINVAL;
    *unix_s = (double)days_from_civil(y, mo, d) * 86400.0 + h * 3600.0 + mi * 60.0 + se + frac;
    return BMD_OK;
}

void bmd__iso_format(char *buf, size_t n, double unix_s)
{
    long long ms = llround(unix_s * 1000.0);
    long long sec = ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
    int milli = (int)(ms - sec * 1000);
    long days = (long)(sec >= 0 ? sec / 86400 : -((-sec + 86399) / 86400));
    long rem = (long)(sec - (long long)days * 86400);
    /* Year: estimate from the mean Gregorian year, then correct. */
    long y = 1970 + (long)floor((double)days / 365.2425);
    while (days_from_civil(y, 1, 1) > days)
        y--;
    while (days_from_civil(y + 1, 1, 1) <= days)
        y++;
    long doy = days - days_from_civil(y, 1, 1);
    int m = 0;
    while (m < 11 && doy >= month_days[m] + (m == 1 && is_leap(y))) {
        doy -= month_days[m] + (m == 1 && is_leap(y));
        m++;
    }
    int hh = (int)(rem / 3600), mm = (int)(rem / 60 % 60), ss = (int)(rem % 60);
    if (milli)
        snprintf(buf, n, "%04ld-%02d-%02ldT%02d:%02d:%02d.%03dZ", y, m + 1, doy + 1, hh, mm, ss,
                 milli);
    else
        snprintf(buf, n, "%04ld-%02d-%02ldT%02d:%02d:%02dZ", y, m + 1, doy + 1, hh, mm, ss);
}
