/* engage_state.h: the state of one engagement run (bmd_engage_run), shared
 * by the event loop (engage_run.c), the radar looks and tracking
 * (engage_look.c) and the fire control (engage_fire.c). Not a public
 * header. */
#ifndef BMD_ENGAGE_STATE_H
#define BMD_ENGAGE_STATE_H

#include "engage_internal.h"

#include "bmd/track.h"

/* shoot-look-shoot: the first engagement and one re-engagement per battery */
#define MAX_SLS_ENGAGEMENTS 2
/* track revisits after final burnout before the fire control trusts a track */
#define ENG_SETTLE_LOOKS 2.0
/* recording: interval of the impact-point predictions in the track rows, s */
#define ENG_IIP_EVERY_S 10.0

/* Scheduling classes of a track on a radar face with a time budget
 * (docs/models/engage.md, "Radar time budget"): 1 engaged or engageable,
 * 2 tracked, 3 a decided non-threat. */
#define ENG_PRIO_ENGAGED 1
#define ENG_PRIO_TRACKED 2
#define ENG_PRIO_NON_THREAT 3

/* A track to schedule: its threat and ranking (lower first, in this order). */
typedef struct sched_item {
    int rank;        /* 2 x class + (0 a poor track, 1 a good one) */
    double t_pred_s; /* the fire control's latest predicted impact time */
    size_t k;
} sched_item;

typedef struct sensor {
    int started, firm;
    unsigned hist;   /* truth mode: detections of the last looks, bit 0 newest */
    int looks;       /* truth mode: looks since the first detection */
    int boost_track; /* filter mode: the track was started before the threat's
                        final burnout and is to be restarted after it */
    double next_look_s;
    double last_look_s; /* time of the latest look (a started track) */
    double stretch;     /* the track's revisit stretch of the time budget (>= 1;
                           0 before the first schedule: read as 1) */
    int priority;       /* the track's scheduling class (ENG_PRIO_*) at the
                           latest schedule */
    double next_iip_s;  /* recording: next impact-point prediction */
    double feat_sum_db; /* rcs discrimination: sum of the measured RCS features, dB */
    int feat_n;         /* and their number */
    bmd_track tk;
} sensor;

typedef struct thstate {
    double shift_s;    /* launch-time offset of this run, s */
    double rcs_scale;  /* RCS multiplier of this run */
    double t_impact_s; /* engagement time of impact */
    int alive, impacted;
    int firm_radar;      /* radar holding the best firm track (-1: none) */
    int busy;            /* shots in the air or awaiting assessment */
    double busy_until_s; /* time the current engagement's assessment is known */
    int reported_no_solution;
    int last_battery;     /* battery of the latest engagement (-1: none) */
    int assessed_dead;    /* a survivor assessed as killed: not engaged again */
    int reengage;         /* a kill assessed as a survivor: engaged again */
    int solution;         /* the fire control has found an intercept solution
                             for it (a launch planned or made) */
    double pred_impact_s; /* the fire control's latest predicted impact time
                             (INFINITY: none yet) */
} thstate;

typedef struct pending {
    int shot; /* index in res->shot */
    int resolved;
} pending;

typedef struct run {
    const bmd_engage_plan *p;
    const bmd_scenario *s;
    const bmd_engage_opts *o;
    bmd_engage_result *res;
    bmd_errbuf *err;
    bmd_rng rng_look, rng_kill, rng_unc, rng_seeker; /* streams 0-3 of the run */
    bmd_rng rng_feat, rng_assess;                    /* streams 4-5 (bmd/engage.h) */
    bmd_radar_site *site;                            /* per-run copies (power draws) */
    bmd_interceptor *ic;                             /* per-run copies (pk draws) */
    double *reaction_s;                              /* per battery */
    int *inventory;                                  /* per battery */
    sensor *sens;                                    /* [n_radars * n_threats] */
    thstate *th;
    int *engagements; /* [n_threats * n_batteries]: engagements of threat k by battery b */
    size_t *cand;     /* [n_threats]: fire-control candidates */
    double *cand_key; /* [n_threats]: their predicted impact times */
    pending *pend;
    size_t n_pend, cap_pend;
    size_t cap_ev, cap_shot, cap_track, cap_occ;
    struct sched_item *sched; /* [n_threats]: the tracks of one radar to schedule */
    double next_occ_s;        /* recording: next occupancy row */
    bmd_track_config tcfg;
    struct pred_traj *pred; /* [n_threats]: the fire control's predicted trajectories */
} run;

/* Truth target callback with this run's launch-time shift. */
typedef struct truth_ctx {
    const run *r;
    size_t k;
    size_t hint; /* sample interval of the last lookup (bmd__ephem_target_hint) */
} truth_ctx;

/* A trajectory predicted from a track estimate: samples since t0_s. */
typedef struct pred_traj {
    eng_truth tr;
    double t0_s; /* engagement time of the estimate */
    /* the estimate it was flown from and the outcome, so that the fire
     * control's cycles between two looks (the estimate unchanged) do not
     * fly it again (memo_valid 0: none) */
    int memo_valid, memo_status;
    double memo_t_s, memo_x[BMD_TRACK_NX], memo_t_impact_s;
} pred_traj;

/* Room for element n of a growing array *p of capacity *cap (doubling). */
int bmd__eng_grow(void **p, size_t *cap, size_t n, size_t size);
/* Record a timeline event (when recording); BMD_ENOMEM out of memory. */
int bmd__eng_add_event(run *r, double t, int kind, int threat, int battery, int radar, int shot,
                       double alt, double range, double value);
/* Ellipsoidal height of an ECEF position, m. */
double bmd__eng_alt_of(const run *r, const double x[3]);
/* Target callback over the truth of a truth_ctx (engagement clock). */
int bmd__eng_truth_fn(void *ctx, double t_s, double rr[3], double vv[3]);
/* Target callback over a pred_traj (engagement clock). */
int bmd__eng_pred_fn(void *ctx, double t_s, double rr[3], double vv[3]);
/* Fly the track's estimate forward to the ground (the fire control's
 * prediction of threat k); sets r->pred[k] and returns the predicted impact
 * time. */
int bmd__eng_predict_track(run *r, size_t k, const bmd_track *tk, double *t_impact);
/* The radar holding a firm track on threat k, or -1. */
int bmd__eng_firm_sensor(const run *r, size_t k);
/* Radar i looks at threat k at time t (engage_look.c). */
int bmd__eng_look(run *r, size_t i, size_t k, double t);
/* Batteries in engagement order: layer, then index. */
int bmd__eng_battery_order(const bmd_scenario *s, size_t *ord);
/* One fire-control cycle at time t over the batteries in order bord
 * (engage_fire.c). */
int bmd__eng_fire_control(run *r, double t, const size_t *bord);
/* The fire control's classification of threat k from radar rd's track
 * (bmd_eng_class; engage_fire.c). */
int bmd__eng_classify(const run *r, size_t k, int rd);
/* Shots whose closest approach has come; kills; assessments. */
int bmd__eng_resolve(run *r, double t);

#endif /* BMD_ENGAGE_STATE_H */
