/*
 * bench_traj.c: throughput of the traj module.
 *
 *   (a) a full Nodong-class fly-out (synthetic single-stage vehicle of the
 *       Nodong class's size; see tests/traj/test_traj_powered.c) on WGS84 with
 *       US76 and Earth rotation, kick 15 deg, with the own DOPRI5 and with
 *       GSL's rk8pd at the default tolerances, and with DOPRI5 at the
 *       analysis settings (kink stepping, BMD_TRAJ_RTOL_ANALYSIS);
 *   (b) an impulsive vacuum flight (1000 km minimum-energy burnout state,
 *       WGS84, rotation) with DOPRI5;
 *   (c) one minimum-energy targeting solve (533 km) with DOPRI5.
 *
 * Prints trajectories per CPU-second, steps and right-hand-side evaluations
 * per trajectory, the ratios, and the range error of (a) against the
 * reference: rk8pd at rtol 1e-12 (atol 1e-6 m, 1e-9 m/s).
 * Usage: bench_traj [--json] [seconds per case, default 2]
 *        bench_traj --flyouts N: only N fly-outs of (a) at the analysis
 *        settings, no timing, for instruction counts:
 *        valgrind --tool=callgrind build/bench_traj --flyouts 100
 */
#include "bench_common.h"

#include "bmd/atmo.h"
#include "bmd/const.h"
#include "bmd/traj.h"

/* the bench is single-threaded: rates are per CPU-second of this thread */
static double now_s(void)
{
    return bench_thread_cpu_s();
}

static bench_out B;

static void nodong_class(bmd_missile *m)
{
    memset(m, 0, sizeof *m);
    strcpy(m->name, "nodong-class");
    m->n_stages = 1;
    m->stage[0] = (bmd_stage){14750.0, 12900.0, 255.0, 226.0, 110.0, 1.32, 0.0};
    m->payload_mass_kg = 1000.0;
    m->rv_separates = 1;
    m->rv_mass_kg = 1000.0;
    m->rv_beta_kgpm2 = 6000.0;
    m->vertical_rise_s = 8.0;
}

typedef struct result {
    double per_s, steps, rhs, range_m;
} result;

typedef int (*job_fn)(void *ctx, bmd_traj_summary *s);

static result time_job(job_fn job, void *ctx, double seconds)
{
    result r = {0.0, 0.0, 0.0, 0.0};
    long n = 0;
    double t0 = now_s(), t;
    bmd_traj_summary s;
    do {
        if (job(ctx, &s) != BMD_OK) {
            fprintf(stderr, "bench_traj: flight failed\n");
            exit(1);
        }
        n++;
        r.steps += (double)(s.n_steps + s.n_rejected);
        r.rhs += (double)s.n_rhs;
        r.range_m = s.range_m;
        t = now_s() - t0;
    } while (t < seconds);
    r.per_s = (double)n / t;
    r.steps /= (double)n;
    r.rhs /= (double)n;
    return r;
}

typedef struct fly_ctx {
    bmd_traj_config cfg;
    bmd_missile m;
    bmd_traj_launch l;
    bmd_traj_impulsive b;
} fly_ctx;

static int job_fly(void *ctx, bmd_traj_summary *s)
{
    fly_ctx *c = ctx;
    return bmd_traj_fly(&c->cfg, &c->m, &c->l, s, NULL);
}

static int job_impulsive(void *ctx, bmd_traj_summary *s)
{
    fly_ctx *c = ctx;
    return bmd_traj_fly_impulsive(&c->cfg, &c->b, s, NULL);
}

static int job_target(void *ctx, bmd_traj_summary *s)
{
    fly_ctx *c = ctx;
    bmd_traj_solution sol;
    int st = bmd_traj_target(&c->cfg, &c->m, 39.0 * BMD_DEG2RAD, 125.5 * BMD_DEG2RAD, 0.0,
                             35.1 * BMD_DEG2RAD, 129.0 * BMD_DEG2RAD, NULL, 10.0, &sol, NULL);
    *s = sol.summary;
    s->n_steps = sol.n_flights; /* report flights per solve in the steps column */
    s->n_rejected = 0;
    s->n_rhs = 0;
    return st;
}

typedef struct fam_result {
    double worst_m, rhs;
} fam_result;

/* The family of (a): kicks 2, 3.5, ..., 50 deg toward 0, 90, 180, 270 deg,
 * each flown by rk8pd at rtol 1e-12 (the reference) and by dopri5 at each
 * rtol[k] (absolute tolerances at their defaults), with steps ending on
 * the kinks of the right-hand side if kinks (kinks 2: the analysis settings,
 * bmd_traj_integrator_analysis, with rtol[k] and the free flight at
 * free_scale times it); atm NULL: vacuum.
 * Returns the number of flights. */
static int family(fly_ctx *c, const bmd_atmo *atm, int kinks, double free_scale, const double *rtol,
                  int nr, fam_result *fr)
{
    bmd_traj_launch l0 = c->l;
    bmd_traj_config cfg0 = c->cfg;
    bmd_traj_integrator ref, d;
    if (bmd_traj_integrator_init(&ref, bmd_traj_rk8pd, NULL) != BMD_OK ||
        bmd_traj_integrator_init(&d, bmd_traj_dopri5, NULL) != BMD_OK)
        exit(1);
    ref.rtol = 1e-12;
    ref.atol_pos_m = 1e-6;
    ref.atol_vel_mps = 1e-9;
    if (kinks == 2) {
        bmd_traj_integrator_analysis(&d);
        d.rtol_free_scale = free_scale;
    } else
        d.kinks = kinks;
    c->cfg.atmo = atm;
    for (int k = 0; k < nr; k++)
        fr[k].worst_m = fr[k].rhs = 0.0;
    int nf = 0;
    for (double kick = 2.0; kick <= 50.0; kick += 1.5)
        for (int az = 0; az < 360; az += 90) {
            c->l.kick_rad = kick * BMD_DEG2RAD;
            c->l.azimuth_rad = az * BMD_DEG2RAD;
            bmd_traj_summary sr, sx;
            c->cfg.integ = &ref;
            if (job_fly(c, &sr) != BMD_OK) continue;
            for (int k = 0; k < nr; k++) {
                d.rtol = rtol[k];
                c->cfg.integ = &d;
                if (job_fly(c, &sx) != BMD_OK) exit(1);
                fr[k].worst_m = fmax(fr[k].worst_m, fabs(sx.range_m - sr.range_m));
                fr[k].rhs += (double)sx.n_rhs;
            }
            nf++;
        }
    for (int k = 0; k < nr; k++)
        fr[k].rhs /= nf > 0 ? nf : 1;
    bmd_traj_integrator_free(&ref);
    bmd_traj_integrator_free(&d);
    c->l = l0;
    c->cfg = cfg0;
    return nf;
}

static void print(const char *what, result r)
{
    fprintf(B.txt, "%-44s %12.1f %10.1f %10.1f\n", what, r.per_s, r.steps, r.rhs);
}

int main(int argc, char **argv)
{
    bench_out_init(&B, "traj", &argc, argv);
    long n_flyouts = 0;
    if (argc > 2 && strcmp(argv[1], "--flyouts") == 0) n_flyouts = atol(argv[2]);
    double secs = argc > 1 && n_flyouts == 0 ? atof(argv[1]) : 2.0;
    bmd_earth e;
    bmd_earth_wgs84(&e);
    bmd_atmo atm;
    if (bmd_atmo_init(&atm, BMD_ATMO_US76) != BMD_OK) return 1;
    bmd_traj_integrator dp, rk;
    if (bmd_traj_integrator_init(&dp, bmd_traj_dopri5, NULL) != BMD_OK ||
        bmd_traj_integrator_init(&rk, bmd_traj_rk8pd, NULL) != BMD_OK)
        return 1;
    fly_ctx c;
    memset(&c, 0, sizeof c);
    nodong_class(&c.m);
    bmd_traj_launch_init(&c.l, 39.0 * BMD_DEG2RAD, 125.5 * BMD_DEG2RAD, 0.0, 140.0 * BMD_DEG2RAD);
    c.l.kick_rad = 15.0 * BMD_DEG2RAD;
    bmd_traj_config_init(&c.cfg, &e, &atm);
    if (n_flyouts > 0) {
        bmd_traj_integrator an;
        bmd_traj_summary s;
        if (bmd_traj_integrator_init(&an, bmd_traj_dopri5, NULL) != BMD_OK) return 1;
        bmd_traj_integrator_analysis(&an);
        c.cfg.integ = &an;
        for (long i = 0; i < n_flyouts; i++)
            if (job_fly(&c, &s) != BMD_OK) return 1;
        printf("%ld fly-outs of (a) at the analysis settings: range %.6f m, %ld RHS each\n",
               n_flyouts, s.range_m, s.n_rhs);
        bmd_traj_integrator_free(&an);
        return 0;
    }
    fprintf(B.txt, "%-44s %12s %10s %10s\n", "case", "traj/s", "steps", "rhs evals");
    c.cfg.integ = &dp;
    result a_dp = time_job(job_fly, &c, secs);
    double a_dp_rej;
    {
        bmd_traj_summary s1;
        if (job_fly(&c, &s1) != BMD_OK) return 1;
        a_dp_rej = (double)s1.n_rejected / (double)(s1.n_steps + s1.n_rejected);
    }
    print("(a) nodong-class fly-out, WGS84+US76, dopri5", a_dp);
    c.cfg.integ = &rk;
    result a_rk = time_job(job_fly, &c, secs);
    print("(a) nodong-class fly-out, WGS84+US76, rk8pd", a_rk);
    /* the reference for (a): rk8pd at rtol 1e-12 */
    bmd_traj_integrator ref;
    if (bmd_traj_integrator_init(&ref, bmd_traj_rk8pd, NULL) != BMD_OK) return 1;
    ref.rtol = 1e-12;
    ref.atol_pos_m = 1e-6;
    ref.atol_vel_mps = 1e-9;
    c.cfg.integ = &ref;
    bmd_traj_summary sref;
    if (job_fly(&c, &sref) != BMD_OK) return 1;
    bmd_traj_integrator_free(&ref);
    fprintf(B.txt,
            "(a) reference rk8pd rtol 1e-12: range %.3f m; range error dopri5 %.3f m, "
            "rk8pd %.3f m\n",
            sref.range_m, a_dp.range_m - sref.range_m, a_rk.range_m - sref.range_m);
    bench_fig(&B, "flyout_trajectories_per_s", a_dp.per_s);
    bench_fig(&B, "flyout_rhs_per_trajectory", a_dp.rhs);
    bench_fig(&B, "flyout_steps_per_trajectory", a_dp.steps);
    bench_fig(&B, "flyout_range_m", a_dp.range_m);
    bench_fig(&B, "flyout_range_err_m", a_dp.range_m - sref.range_m);
    bench_fig(&B, "flyout_rk8pd_trajectories_per_s", a_rk.per_s);
    bench_fig(&B, "flyout_rk8pd_rhs_per_trajectory", a_rk.rhs);
    bench_fig(&B, "flyout_rk8pd_range_err_m", a_rk.range_m - sref.range_m);
    /* (a) at the analysis settings (bmd_traj_integrator_analysis: kink
     * stepping, BMD_TRAJ_RTOL_ANALYSIS) */
    bmd_traj_integrator an;
    if (bmd_traj_integrator_init(&an, bmd_traj_dopri5, NULL) != BMD_OK) return 1;
    bmd_traj_integrator_analysis(&an);
    c.cfg.integ = &an;
    result a_an = time_job(job_fly, &c, secs);
    print("(a) nodong-class fly-out, dopri5, analysis", a_an);
    fprintf(
        B.txt,
        "(a) analysis settings (kink stepping, rtol %g, free flight %g x): range error %.3f m\n",
        an.rtol, an.rtol_free_scale, a_an.range_m - sref.range_m);
    bench_fig(&B, "flyout_analysis_trajectories_per_s", a_an.per_s);
    bench_fig(&B, "flyout_analysis_rhs_per_trajectory", a_an.rhs);
    bench_fig(&B, "flyout_analysis_range_err_m", a_an.range_m - sref.range_m);
    /* the family: kicks 2-50 deg (70-1,300 km), four azimuths; worst range
     * error against the reference of each flight at rtol 1e-9 (the default)
     * to 1e-5 (the policy's evidence), in US76 without and with kink
     * stepping and in vacuum, then at the analysis settings */
    {
        static const double rt[] = {1e-9, 1e-8, 1e-7, 1e-6, 1e-5};
        enum { NR = sizeof rt / sizeof rt[0] };
        /* US76 without and with kink stepping, vacuum (no kinks) */
        for (int run = 0; run < 3; run++) {
            int vac = run == 2, kinks = run == 1;
            const char *tag = vac ? "_vacuum" : (kinks ? "_kinks" : "");
            fam_result fr[NR];
            int nf = family(&c, vac ? NULL : &atm, kinks, 1.0, rt, NR, fr);
            for (int k = 0; k < NR; k++) {
                fprintf(B.txt,
                        "(a) family of %d fly-outs (kick 2-50 deg, 4 azimuths), %s, rtol %g: "
                        "worst range error %.2f m, %.0f RHS each\n",
                        nf, vac ? "vacuum" : (kinks ? "US76, kink stepping" : "US76"), rt[k],
                        fr[k].worst_m, fr[k].rhs);
                char key[96];
                snprintf(key, sizeof key, "family%s_rtol%.0e_worst_range_err_m", tag, rt[k]);
                bench_fig(&B, key, fr[k].worst_m);
                snprintf(key, sizeof key, "family%s_rtol%.0e_rhs_per_trajectory", tag, rt[k]);
                bench_fig(&B, key, fr[k].rhs);
            }
            if (run == 0) {
                bench_fig(&B, "family_flights", nf);
                bench_fig(&B, "family_worst_range_err_m", fr[0].worst_m);
                bench_fig(&B, "family_rhs_per_trajectory", fr[0].rhs);
            }
        }
        /* the analysis settings (kink stepping, BMD_TRAJ_RTOL_ANALYSIS, the
         * free flight at BMD_TRAJ_RTOL_FREE_SCALE_ANALYSIS times it) */
        fam_result fa;
        double ra = BMD_TRAJ_RTOL_ANALYSIS;
        /* the evidence for the free flight's scale: its error contribution,
         * from one third of rtol to ten times */
        static const double fsc[] = {1.0 / 3.0, 1.0, 3.0, 10.0};
        for (int k = 0; k < 4; k++) {
            (void)family(&c, &atm, 2, fsc[k], &ra, 1, &fa);
            fprintf(B.txt,
                    "(a) family, kink stepping, rtol %g, free flight %.3g x: worst range error "
                    "%.2f m, %.0f RHS each\n",
                    ra, fsc[k], fa.worst_m, fa.rhs);
            char key[96];
            snprintf(key, sizeof key, "family_free_scale%.3g_worst_range_err_m", fsc[k]);
            bench_fig(&B, key, fa.worst_m);
            snprintf(key, sizeof key, "family_free_scale%.3g_rhs_per_trajectory", fsc[k]);
            bench_fig(&B, key, fa.rhs);
        }
        (void)family(&c, &atm, 2, BMD_TRAJ_RTOL_FREE_SCALE_ANALYSIS, &ra, 1, &fa);
        fprintf(B.txt,
                "(a) family, analysis settings (kink stepping, rtol %g, free flight %g x): worst "
                "range error %.2f m, %.0f RHS each\n",
                ra, BMD_TRAJ_RTOL_FREE_SCALE_ANALYSIS, fa.worst_m, fa.rhs);
        bench_fig(&B, "family_analysis_worst_range_err_m", fa.worst_m);
        bench_fig(&B, "family_analysis_rhs_per_trajectory", fa.rhs);
        c.cfg.integ = &dp;
    }
    bench_fig(&B, "flyout_rejected_share", a_dp_rej);
    /* (b) 1000 km min-energy state on the sphere formulas, flown on WGS84 */
    bmd_traj_config_init(&c.cfg, &e, NULL);
    c.cfg.integ = &dp;
    c.b.lat_rad = 39.0 * BMD_DEG2RAD;
    c.b.lon_rad = 125.5 * BMD_DEG2RAD;
    c.b.speed_mps = 3016.1;
    c.b.gamma_rad = 42.752 * BMD_DEG2RAD;
    c.b.azimuth_rad = 140.0 * BMD_DEG2RAD;
    result b_dp = time_job(job_impulsive, &c, secs);
    print("(b) impulsive vacuum 1000 km, dopri5", b_dp);
    c.cfg.integ = &rk;
    result b_rk = time_job(job_impulsive, &c, secs);
    print("(b) impulsive vacuum 1000 km, rk8pd", b_rk);
    bench_fig(&B, "impulsive_trajectories_per_s", b_dp.per_s);
    bench_fig(&B, "impulsive_rhs_per_trajectory", b_dp.rhs);
    bench_fig(&B, "impulsive_rk8pd_trajectories_per_s", b_rk.per_s);
    bmd_traj_config_init(&c.cfg, &e, &atm);
    c.cfg.integ = &dp;
    result t_dp = time_job(job_target, &c, secs);
    fprintf(B.txt, "%-44s %12.2f %10.1f %10s\n", "(c) min-energy targeting 533 km, dopri5",
            t_dp.per_s, t_dp.steps, "(flights)");
    fprintf(B.txt,
            "\nratios: fly-out dopri5/rk8pd speed %.2f; impulsive dopri5/rk8pd %.2f;\n"
            "        impulsive/fly-out (dopri5) %.2f; fly-outs per targeting solve %.0f\n",
            a_dp.per_s / a_rk.per_s, b_dp.per_s / b_rk.per_s, b_dp.per_s / a_dp.per_s, t_dp.steps);
    bench_fig(&B, "targeting_solves_per_s", t_dp.per_s);
    bench_fig(&B, "targeting_flights_per_solve", t_dp.steps);
    bench_out_end(&B);
    bmd_traj_integrator_free(&dp);
    bmd_traj_integrator_free(&rk);
    return 0;
}
