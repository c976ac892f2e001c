/* events.c: the names, objects and notes of an engagement's timeline events
 * for people and files (bmd/export.h): one wording for the text timeline,
 * the globe files and the report. */
#include "bmd/export.h"

#include <math.h>
#include <stdio.h>

const char *bmd_eng_event_object(const bmd_scenario *s, const bmd_eng_event *e, char *buf, size_t n)
{
    if (e->kind == BMD_EV_HANDOVER && e->radar_from >= 0 && e->radar >= 0 && e->threat >= 0)
        snprintf(buf, n, "%s -> %s / %s", s->radar[e->radar_from].name, s->radar[e->radar].name,
                 s->threat[e->threat].name);
    else if (e->battery >= 0 && e->threat >= 0)
        snprintf(buf, n, "%s -> %s", s->battery[e->battery].name, s->threat[e->threat].name);
    else if (e->radar >= 0 && e->threat >= 0)
        snprintf(buf, n, "%s / %s", s->radar[e->radar].name, s->threat[e->threat].name);
    else if (e->threat >= 0)
        snprintf(buf, n, "%s", s->threat[e->threat].name);
    else
        snprintf(buf, n, "-");
    return buf;
}

const char *bmd_eng_event_label(const bmd_engage_result *r, const bmd_eng_event *e)
{
    if (e->kind == BMD_EV_MISS && e->shot >= 0 && (size_t)e->shot < r->n_shots &&
        r->shot[e->shot].outcome == BMD_IC_HIT)
        return "no-kill";
    return bmd_eng_event_name(e->kind);
}

const char *bmd_eng_event_note(const bmd_engage_result *r, const bmd_eng_event *e, char *buf,
                               size_t n)
{
    const bmd_eng_threat *et = e->threat >= 0 ? &r->threat[e->threat] : NULL;
    buf[0] = '\0';
    if (e->kind == BMD_EV_MISS && et && et->outcome == BMD_ENG_INTERCEPTED &&
        et->intercept_time_s < e->t_s)
        snprintf(buf, n, "target already destroyed");
    else if ((e->kind == BMD_EV_INTERCEPT || e->kind == BMD_EV_MISS) && isfinite(e->value))
        snprintf(buf, n, "miss %.3f m%s", e->value,
                 e->kind == BMD_EV_MISS && e->shot >= 0 && r->shot[e->shot].outcome == BMD_IC_HIT
                     ? " (hit, kill draw failed)"
                     : "");
    else if (e->kind == BMD_EV_MISS)
        snprintf(buf, n, "booster failed");
    else if (e->kind == BMD_EV_IC_LAUNCH)
        snprintf(buf, n, "aim: PIP alt/range");
    else if (e->kind == BMD_EV_KILL_ASSESSMENT)
        snprintf(buf, n, "%s", e->value > 0.5 ? "killed" : "survived");
    else if (e->kind == BMD_EV_BURNOUT || e->kind == BMD_EV_IMPACT)
        snprintf(buf, n, "%.0f m/s", e->value);
    else if (e->kind == BMD_EV_RELEASE)
        snprintf(buf, n, "%s, separation %.1f m/s", et ? bmd_object_kind_name(et->kind) : "?",
                 e->value);
    return buf;
}
