/*
 * test_catalog_snapshot.c: the build-time snapshots of the shipped catalogs
 * (missiles, sites, radars, interceptors; src/catalog/snapshot.h) against a fresh parse of
 * the same bytes by the loaders, field for field; and files that differ
 * from the snapshot's bytes (by one byte, by a comment) parsed as without
 * it: the same entries, or the same error message, as the string loaders
 * (which never use a snapshot) give for those bytes.
 *
 * Tolerance 0 everywhere: the snapshot is the loaders' own output on the
 * same bytes (src/catalog/gen/catalog_snapshot_gen.c), copied as bytes, so
 * every double must be the same bits and every text the same characters.
 * The whole-entry memcmp after the field checks catches a field added to
 * the structs but not to the comparisons here (the loaders zero each entry
 * first, so the padding compares equal too).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "data_dir.h"

#include "bmd/catalog.h"
#include "bmd/input.h"
#include "bmd/interceptor_catalog.h"
#include "bmd/radar_catalog.h"
#include "catalog/snapshot.h"

/* doubles compared as bits (tolerance 0, see above) */
#define SAME_BITS(a, b) assert_memory_equal(&(a), &(b), sizeof(double))

static void same_stage(const bmd_stage *a, const bmd_stage *b)
{
    SAME_BITS(a->gross_mass_kg, b->gross_mass_kg);
    SAME_BITS(a->prop_mass_kg, b->prop_mass_kg);
    SAME_BITS(a->isp_vac_s, b->isp_vac_s);
    SAME_BITS(a->isp_sl_s, b->isp_sl_s);
    SAME_BITS(a->burn_time_s, b->burn_time_s);
    SAME_BITS(a->diameter_m, b->diameter_m);
    SAME_BITS(a->coast_s, b->coast_s);
}

static void same_missile(const bmd_missile *a, const bmd_missile *b)
{
    assert_string_equal(a->name, b->name);
    assert_string_equal(a->label, b->label);
    assert_string_equal(a->country, b->country);
    assert_string_equal(a->klass, b->klass);
    assert_int_equal(a->n_stages, b->n_stages);
    for (int i = 0; i < BMD_MAX_STAGES; i++)
        same_stage(&a->stage[i], &b->stage[i]);
    SAME_BITS(a->payload_mass_kg, b->payload_mass_kg);
    assert_int_equal(a->rv_separates, b->rv_separates);
    SAME_BITS(a->rv_mass_kg, b->rv_mass_kg);
    SAME_BITS(a->rv_beta_kgpm2, b->rv_beta_kgpm2);
    SAME_BITS(a->rv_diameter_m, b->rv_diameter_m);
    assert_int_equal(a->cd.n, b->cd.n);
    for (int i = 0; i < BMD_MAX_CD_POINTS; i++) {
        SAME_BITS(a->cd.mach[i], b->cd.mach[i]);
        SAME_BITS(a->cd.cd[i], b->cd.cd[i]);
    }
    SAME_BITS(a->vertical_rise_s, b->vertical_rise_s);
    SAME_BITS(a->range_published_m, b->range_published_m);
    assert_int_equal(a->n_sources, b->n_sources);
    for (int i = 0; i < BMD_MAX_SOURCES; i++) {
        assert_string_equal(a->source[i].group, b->source[i].group);
        assert_string_equal(a->source[i].text, b->source[i].text);
    }
    assert_int_equal(a->n_tests, b->n_tests);
    for (int i = 0; i < BMD_MAX_TESTS; i++) {
        const bmd_test_flight *s = &a->test[i], *t = &b->test[i];
        assert_string_equal(s->date, t->date);
        assert_string_equal(s->launch, t->launch);
        assert_string_equal(s->impact, t->impact);
        SAME_BITS(s->range_m, t->range_m);
        SAME_BITS(s->apogee_m, t->apogee_m);
        SAME_BITS(s->flight_time_s, t->flight_time_s);
        assert_int_equal(s->full_burn, t->full_burn);
        assert_string_equal(s->source, t->source);
    }
    assert_int_equal(a->calib.n_free, b->calib.n_free);
    for (int i = 0; i < BMD_MAX_FREE; i++)
        assert_string_equal(a->calib.free[i], b->calib.free[i]);
    assert_memory_equal(a, b, sizeof *a);
}

static void same_missiles(const bmd_missile_list *a, const bmd_missile_list *b)
{
    assert_int_equal(a->n, b->n);
    for (size_t i = 0; i < a->n; i++)
        same_missile(&a->items[i], &b->items[i]);
}

static void same_site(const bmd_site *a, const bmd_site *b)
{
    assert_string_equal(a->name, b->name);
    assert_string_equal(a->label, b->label);
    assert_string_equal(a->country, b->country);
    assert_string_equal(a->kind, b->kind);
    SAME_BITS(a->lat_rad, b->lat_rad);
    SAME_BITS(a->lon_rad, b->lon_rad);
    SAME_BITS(a->alt_m, b->alt_m);
    assert_string_equal(a->source, b->source);
    assert_memory_equal(a, b, sizeof *a);
}

static void same_sites(const bmd_site_list *a, const bmd_site_list *b)
{
    assert_int_equal(a->n, b->n);
    for (size_t i = 0; i < a->n; i++)
        same_site(&a->items[i], &b->items[i]);
}

static void same_radar(const bmd_radar_entry *a, const bmd_radar_entry *b)
{
    const bmd_radar *r = &a->radar, *q = &b->radar;
    assert_string_equal(r->name, q->name);
    assert_string_equal(r->label, q->label);
    SAME_BITS(r->hw.freq_hz, q->hw.freq_hz);
    SAME_BITS(r->hw.p_avg_w, q->hw.p_avg_w);
    SAME_BITS(r->hw.p_peak_w, q->hw.p_peak_w);
    SAME_BITS(r->hw.pulse_s, q->hw.pulse_s);
    assert_int_equal(r->hw.n_pulses, q->hw.n_pulses);
    SAME_BITS(r->hw.area_m2, q->hw.area_m2);
    SAME_BITS(r->hw.efficiency, q->hw.efficiency);
    SAME_BITS(r->hw.gain, q->hw.gain);
    SAME_BITS(r->hw.t_sys_k, q->hw.t_sys_k);
    SAME_BITS(r->hw.loss, q->hw.loss);
    SAME_BITS(r->hw.bandwidth_hz, q->hw.bandwidth_hz);
    SAME_BITS(r->hw.beamwidth_rad, q->hw.beamwidth_rad);
    SAME_BITS(r->hw.monopulse_km, q->hw.monopulse_km);
    SAME_BITS(r->hw.scan_loss_n, q->hw.scan_loss_n);
    SAME_BITS(r->face.lat_rad, q->face.lat_rad);
    SAME_BITS(r->face.lon_rad, q->face.lon_rad);
    SAME_BITS(r->face.h_m, q->face.h_m);
    SAME_BITS(r->face.boresight_az_rad, q->face.boresight_az_rad);
    SAME_BITS(r->face.boresight_el_rad, q->face.boresight_el_rad);
    SAME_BITS(r->face.half_az_rad, q->face.half_az_rad);
    SAME_BITS(r->face.el_min_rad, q->face.el_min_rad);
    SAME_BITS(r->face.el_max_rad, q->face.el_max_rad);
    SAME_BITS(r->face.k_refr, q->face.k_refr);
    assert_string_equal(r->mode.name, q->mode.name);
    SAME_BITS(r->mode.t_dwell_s, q->mode.t_dwell_s);
    SAME_BITS(r->mode.t_frame_s, q->mode.t_frame_s);
    SAME_BITS(r->mode.omega_sr, q->mode.omega_sr);
    SAME_BITS(r->mode.snr_req, q->mode.snr_req);
    SAME_BITS(r->mode.pfa, q->mode.pfa);
    assert_int_equal(r->mode.swerling, q->mode.swerling);
    SAME_BITS(r->mode.instr_range_m, q->mode.instr_range_m);
    assert_int_equal(a->tr_modules, b->tr_modules);
    SAME_BITS(a->claim_range_m, b->claim_range_m);
    SAME_BITS(a->claim_rcs_m2, b->claim_rcs_m2);
    assert_string_equal(a->claim_by, b->claim_by);
    assert_int_equal(a->n_sources, b->n_sources);
    for (int i = 0; i < BMD_RADAR_MAX_SOURCES; i++) {
        assert_string_equal(a->source[i].group, b->source[i].group);
        assert_string_equal(a->source[i].text, b->source[i].text);
    }
    assert_string_equal(a->notes, b->notes);
    assert_memory_equal(a, b, sizeof *a);
}

static void same_radars(const bmd_radar_catalog *a, const bmd_radar_catalog *b)
{
    assert_int_equal(a->n, b->n);
    for (int i = 0; i < a->n; i++)
        same_radar(&a->entry[i], &b->entry[i]);
}

static void same_interceptor(const bmd_interceptor *a, const bmd_interceptor *b)
{
    assert_string_equal(a->name, b->name);
    assert_string_equal(a->label, b->label);
    assert_string_equal(a->country, b->country);
    assert_string_equal(a->tier, b->tier);
    same_missile(&a->booster, &b->booster);
    SAME_BITS(a->pitch_over_s, b->pitch_over_s);
    assert_int_equal(a->kv_separates, b->kv_separates);
    SAME_BITS(a->kv_mass_kg, b->kv_mass_kg);
    SAME_BITS(a->kv_beta_kgpm2, b->kv_beta_kgpm2);
    SAME_BITS(a->kv_divert_mps, b->kv_divert_mps);
    SAME_BITS(a->kv_accel_max_mps2, b->kv_accel_max_mps2);
    SAME_BITS(a->nav_gain, b->nav_gain);
    SAME_BITS(a->seeker_range_m, b->seeker_range_m);
    SAME_BITS(a->midcourse_dt_s, b->midcourse_dt_s);
    SAME_BITS(a->terminal_dt_s, b->terminal_dt_s);
    SAME_BITS(a->lethal_radius_m, b->lethal_radius_m);
    SAME_BITS(a->pk, b->pk);
    assert_int_equal(a->kill_model, b->kill_model);
    assert_int_equal(a->homing, b->homing);
    assert_int_equal(a->lag_order, b->lag_order);
    SAME_BITS(a->lag_tau_s, b->lag_tau_s);
    SAME_BITS(a->noise_fixed_rad, b->noise_fixed_rad);
    SAME_BITS(a->noise_glint_m, b->noise_glint_m);
    SAME_BITS(a->noise_rn_rad, b->noise_rn_rad);
    SAME_BITS(a->min_alt_m, b->min_alt_m);
    SAME_BITS(a->max_alt_m, b->max_alt_m);
    SAME_BITS(a->max_range_m, b->max_range_m);
    SAME_BITS(a->max_flight_time_s, b->max_flight_time_s);
    SAME_BITS(a->burnout_speed_mps, b->burnout_speed_mps);
    assert_int_equal(a->launchers, b->launchers);
    assert_int_equal(a->missiles_per_launcher, b->missiles_per_launcher);
    assert_int_equal(a->n_sources, b->n_sources);
    for (int i = 0; i < BMD_IC_MAX_SOURCES; i++) {
        assert_string_equal(a->source[i].group, b->source[i].group);
        assert_string_equal(a->source[i].text, b->source[i].text);
    }
    assert_memory_equal(a, b, sizeof *a);
}

static void same_interceptors(const bmd_interceptor_list *a, const bmd_interceptor_list *b)
{
    assert_int_equal(a->n, b->n);
    for (size_t i = 0; i < a->n; i++)
        same_interceptor(&a->items[i], &b->items[i]);
}

/* The bytes of the shipped file data/REL. */
static char *read_data(const char *rel, char *path, size_t cap, size_t *len)
{
    char *text = NULL;
    bmd_errbuf e = {{0}};
    CHECK_OK(bmd_data_path(path, cap, tst_data_dir(), rel));
    if (bmd_input_read(path, 0, &text, len, &e) != BMD_OK) fail_msg("%s", e.msg);
    return text;
}

/* Write len bytes of text to a new file in the working directory. */
static void write_file(const char *path, const char *text, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

/* The shipped catalog through the file loader (the snapshot, when the
 * build has one and the bytes are the shipped ones) equals a fresh parse of
 * the same bytes by the string loader, which never uses the snapshot. */
static void test_missiles_equal_parse(void **state)
{
    (void)state;
    char path[1024];
    size_t len;
    char *text = read_data("catalog/missiles.yaml", path, sizeof path, &len);
    bmd_missile_list fresh = {0, NULL}, loaded = {0, NULL};
    bmd_errbuf e = {{0}};
    if (bmd_missile_list_load_string(text, len, path, &fresh, &e)) fail_msg("%s", e.msg);
    if (bmd_missile_list_load(path, &loaded, &e)) fail_msg("%s", e.msg);
    assert_true(fresh.n >= 10); /* 12 entries in data/catalog/missiles.yaml */
    same_missiles(&loaded, &fresh);
#ifdef BMD_CATALOG_SNAPSHOT
    /* the snapshot is of these very bytes, so the file load above used it */
    const bmd__catalog_snapshot *s = &bmd__catalog_snapshot_missiles;
    assert_int_equal(s->len, len);
    assert_memory_equal(s->text, text, len);
    assert_int_equal(s->item_size, sizeof(bmd_missile));
    bmd_missile *copy = malloc(s->n * sizeof *copy);
    assert_non_null(copy);
    memcpy(copy, s->items, s->n * sizeof *copy); /* aligned for the field checks */
    bmd_missile_list snap = {s->n, copy};
    same_missiles(&snap, &fresh);
    free(copy);
#endif
    bmd_missile_list_free(&fresh);
    bmd_missile_list_free(&loaded);
    free(text);
}

static void test_sites_equal_parse(void **state)
{
    (void)state;
    char path[1024];
    size_t len;
    char *text = read_data("sites.yaml", path, sizeof path, &len);
    bmd_site_list fresh = {0, NULL}, loaded = {0, NULL};
    bmd_errbuf e = {{0}};
    if (bmd_site_list_load_string(text, len, path, &fresh, &e)) fail_msg("%s", e.msg);
    if (bmd_site_list_load(path, &loaded, &e)) fail_msg("%s", e.msg);
    assert_true(fresh.n >= 30); /* 35 entries in data/sites.yaml */
    same_sites(&loaded, &fresh);
#ifdef BMD_CATALOG_SNAPSHOT
    const bmd__catalog_snapshot *s = &bmd__catalog_snapshot_sites;
    assert_int_equal(s->len, len);
    assert_memory_equal(s->text, text, len);
    assert_int_equal(s->item_size, sizeof(bmd_site));
    bmd_site *copy = malloc(s->n * sizeof *copy);
    assert_non_null(copy);
    memcpy(copy, s->items, s->n * sizeof *copy);
    bmd_site_list snap = {s->n, copy};
    same_sites(&snap, &fresh);
    free(copy);
#endif
    /* loading merges into the list (same name replaces, else appends), with
     * the snapshot as with a parse: a list holding one extra site and one
     * shipped site changed, then the shipped file loaded into it */
    static const char extra[] = "sites:\n"
                                "  - name: seoul\n"
                                "    label: changed\n"
                                "    location: 1N,2E\n"
                                "    source: test\n"
                                "  - name: test-extra\n"
                                "    label: an extra site\n"
                                "    location: 3N,4E\n"
                                "    source: test\n";
    bmd_site_list m1 = {0, NULL}, m2 = {0, NULL};
    CHECK_OK(bmd_site_list_load_string(extra, strlen(extra), "extra.yaml", &m1, &e));
    CHECK_OK(bmd_site_list_load_string(extra, strlen(extra), "extra.yaml", &m2, &e));
    if (bmd_site_list_load_string(text, len, path, &m1, &e)) fail_msg("%s", e.msg);
    if (bmd_site_list_load(path, &m2, &e)) fail_msg("%s", e.msg);
    assert_int_equal(m1.n, fresh.n + 1);
    same_sites(&m2, &m1);
    const bmd_site *seoul;
    CHECK_OK(bmd_site_find(&m2, "seoul", &seoul, &e));
    assert_string_not_equal(seoul->label, "changed");
    bmd_site_list_free(&m1);
    bmd_site_list_free(&m2);
    bmd_site_list_free(&fresh);
    bmd_site_list_free(&loaded);
    free(text);
}

/* Replace the first `from` in text (same length as `to`). */
static void replace_once(char *text, const char *from, const char *to)
{
    char *p = strstr(text, from);
    assert_non_null(p);
    assert_int_equal(strlen(from), strlen(to));
    memcpy(p, to, strlen(to));
}

/*
 * Files that are not the snapshot's bytes are parsed: the shipped file with
 * one byte changed into a broken one gives the string loader's message for
 * the same bytes (NAME:LINE:COL included); with a comment appended or its
 * last byte cut it gives the same entries as the string loader.
 */
static void test_missiles_other_bytes(void **state)
{
    (void)state;
    char path[1024];
    size_t len;
    char *text = read_data("catalog/missiles.yaml", path, sizeof path, &len);
    const char *tmp = "test_catalog_snapshot_missiles.yaml";
    bmd_missile_list a = {0, NULL}, b = {0, NULL};
    bmd_errbuf ea = {{0}}, eb = {{0}};

    char *broken = malloc(len + 1);
    assert_non_null(broken);
    memcpy(broken, text, len + 1);
    replace_once(broken, "    label:", "    lable:");
    write_file(tmp, broken, len);
    CHECK_STATUS(bmd_missile_list_load(tmp, &a, &ea), BMD_EPARSE);
    CHECK_STATUS(bmd_missile_list_load_string(broken, len, tmp, &b, &eb), BMD_EPARSE);
    assert_string_equal(ea.msg, eb.msg);
    assert_non_null(strstr(ea.msg, "test_catalog_snapshot_missiles.yaml:"));
    assert_non_null(strstr(ea.msg, "unknown key 'lable' (did you mean 'label'?)"));
    free(broken);

    /* a comment appended: other bytes, the same entries */
    char *more = malloc(len + 16);
    assert_non_null(more);
    memcpy(more, text, len);
    memcpy(more + len, "# one more\n", 11);
    write_file(tmp, more, len + 11);
    if (bmd_missile_list_load(tmp, &a, &ea)) fail_msg("%s", ea.msg);
    if (bmd_missile_list_load_string(text, len, path, &b, &eb)) fail_msg("%s", eb.msg);
    same_missiles(&a, &b);
    bmd_missile_list_free(&a);
    free(more);

    /* the last byte (a line feed) cut: a prefix of the snapshot's bytes */
    assert_true(len > 0 && text[len - 1] == '\n');
    write_file(tmp, text, len - 1);
    if (bmd_missile_list_load(tmp, &a, &ea)) fail_msg("%s", ea.msg);
    same_missiles(&a, &b);
    bmd_missile_list_free(&a);
    bmd_missile_list_free(&b);
    remove(tmp);
    free(text);
}

static void test_sites_other_bytes(void **state)
{
    (void)state;
    char path[1024];
    size_t len;
    char *text = read_data("sites.yaml", path, sizeof path, &len);
    const char *tmp = "test_catalog_snapshot_sites.yaml";
    bmd_site_list a = {0, NULL}, b = {0, NULL};
    bmd_errbuf ea = {{0}}, eb = {{0}};

    char *broken = malloc(len + 1);
    assert_non_null(broken);
    memcpy(broken, text, len + 1);
    char *loc = strstr(broken, "    location: ");
    assert_non_null(loc);
    loc[15] = 'x'; /* the quoted value's first digit: not a latitude any more */
    write_file(tmp, broken, len);
    int st = bmd_site_list_load(tmp, &a, &ea);
    assert_int_not_equal(st, BMD_OK);
    CHECK_STATUS(bmd_site_list_load_string(broken, len, tmp, &b, &eb), st);
    assert_string_equal(ea.msg, eb.msg);
    assert_non_null(strstr(ea.msg, "test_catalog_snapshot_sites.yaml:"));
    assert_non_null(strstr(ea.msg, "key 'location'"));
    free(broken);

    char *more = malloc(len + 16);
    assert_non_null(more);
    memcpy(more, text, len);
    memcpy(more + len, "# one more\n", 11);
    write_file(tmp, more, len + 11);
    if (bmd_site_list_load(tmp, &a, &ea)) fail_msg("%s", ea.msg);
    if (bmd_site_list_load_string(text, len, path, &b, &eb)) fail_msg("%s", eb.msg);
    same_sites(&a, &b);
    bmd_site_list_free(&a);
    bmd_site_list_free(&b);
    free(more);
    remove(tmp);
    free(text);
}

static void test_radars_equal_parse(void **state)
{
    (void)state;
    char path[1024];
    size_t len;
    char *text = read_data("catalog/radars.yaml", path, sizeof path, &len);
    bmd_radar_catalog fresh = {0, NULL}, loaded = {0, NULL};
    bmd_errbuf e = {{0}};
    if (bmd_radar_catalog_load_string(text, len, path, &fresh, &e)) fail_msg("%s", e.msg);
    if (bmd_radar_catalog_load(path, &loaded, &e)) fail_msg("%s", e.msg);
    assert_true(fresh.n >= 2);
    same_radars(&loaded, &fresh);
#ifdef BMD_CATALOG_SNAPSHOT
    const bmd__catalog_snapshot *s = &bmd__catalog_snapshot_radars;
    assert_int_equal(s->len, len);
    assert_memory_equal(s->text, text, len);
    assert_int_equal(s->item_size, sizeof(bmd_radar_entry));
    bmd_radar_entry *copy = malloc(s->n * sizeof *copy);
    assert_non_null(copy);
    memcpy(copy, s->items, s->n * sizeof *copy);
    bmd_radar_catalog snap = {(int)s->n, copy};
    same_radars(&snap, &fresh);
    free(copy);
#endif
    bmd_radar_catalog_free(&fresh);
    bmd_radar_catalog_free(&loaded);
    free(text);
}

static void test_interceptors_equal_parse(void **state)
{
    (void)state;
    char path[1024];
    size_t len;
    char *text = read_data("catalog/interceptors.yaml", path, sizeof path, &len);
    bmd_interceptor_list fresh = {0, NULL}, loaded = {0, NULL};
    bmd_errbuf e = {{0}};
    if (bmd_interceptor_list_load_string(text, len, path, &fresh, &e)) fail_msg("%s", e.msg);
    if (bmd_interceptor_list_load(path, &loaded, &e)) fail_msg("%s", e.msg);
    assert_true(fresh.n >= 2);
    same_interceptors(&loaded, &fresh);
#ifdef BMD_CATALOG_SNAPSHOT
    const bmd__catalog_snapshot *s = &bmd__catalog_snapshot_interceptors;
    assert_int_equal(s->len, len);
    assert_memory_equal(s->text, text, len);
    assert_int_equal(s->item_size, sizeof(bmd_interceptor));
    bmd_interceptor *copy = malloc(s->n * sizeof *copy);
    assert_non_null(copy);
    memcpy(copy, s->items, s->n * sizeof *copy);
    bmd_interceptor_list snap = {s->n, copy};
    same_interceptors(&snap, &fresh);
    free(copy);
#endif
    bmd_interceptor_list_free(&fresh);
    bmd_interceptor_list_free(&loaded);
    free(text);
}

/* A radar or interceptor catalog with one byte changed into a broken one:
 * the string loader's message for the same bytes; with a comment appended:
 * the same entries as the shipped file. */
static void test_radars_interceptors_other_bytes(void **state)
{
    (void)state;
    char path[1024];
    size_t len;
    bmd_errbuf ea = {{0}}, eb = {{0}};
    const char *tmp = "test_catalog_snapshot_radars.yaml";

    char *text = read_data("catalog/radars.yaml", path, sizeof path, &len);
    char *other = malloc(len + 16);
    assert_non_null(other);
    memcpy(other, text, len + 1);
    replace_once(other, "    label:", "    lable:");
    write_file(tmp, other, len);
    bmd_radar_catalog ra = {0, NULL}, rb = {0, NULL};
    int st = bmd_radar_catalog_load(tmp, &ra, &ea);
    assert_int_not_equal(st, BMD_OK);
    CHECK_STATUS(bmd_radar_catalog_load_string(other, len, tmp, &rb, &eb), st);
    assert_string_equal(ea.msg, eb.msg);
    assert_non_null(strstr(ea.msg, "test_catalog_snapshot_radars.yaml:"));
    assert_non_null(strstr(ea.msg, "lable"));
    memcpy(other, text, len);
    memcpy(other + len, "# one more\n", 11);
    write_file(tmp, other, len + 11);
    if (bmd_radar_catalog_load(tmp, &ra, &ea)) fail_msg("%s", ea.msg);
    if (bmd_radar_catalog_load_string(text, len, path, &rb, &eb)) fail_msg("%s", eb.msg);
    same_radars(&ra, &rb);
    bmd_radar_catalog_free(&ra);
    bmd_radar_catalog_free(&rb);
    free(other);
    free(text);

    tmp = "test_catalog_snapshot_interceptors.yaml";
    text = read_data("catalog/interceptors.yaml", path, sizeof path, &len);
    other = malloc(len + 16);
    assert_non_null(other);
    memcpy(other, text, len + 1);
    replace_once(other, "    label:", "    lable:");
    write_file(tmp, other, len);
    bmd_interceptor_list ia = {0, NULL}, ib = {0, NULL};
    st = bmd_interceptor_list_load(tmp, &ia, &ea);
    assert_int_not_equal(st, BMD_OK);
    CHECK_STATUS(bmd_interceptor_list_load_string(other, len, tmp, &ib, &eb), st);
    assert_string_equal(ea.msg, eb.msg);
    assert_non_null(strstr(ea.msg, "test_catalog_snapshot_interceptors.yaml:"));
    assert_non_null(strstr(ea.msg, "lable"));
    memcpy(other, text, len);
    memcpy(other + len, "# one more\n", 11);
    write_file(tmp, other, len + 11);
    if (bmd_interceptor_list_load(tmp, &ia, &ea)) fail_msg("%s", ea.msg);
    if (bmd_interceptor_list_load_string(text, len, path, &ib, &eb)) fail_msg("%s", eb.msg);
    same_interceptors(&ia, &ib);
    bmd_interceptor_list_free(&ia);
    bmd_interceptor_list_free(&ib);
    free(other);
    free(text);
    remove("test_catalog_snapshot_radars.yaml");
    remove(tmp);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_missiles_equal_parse),
        cmocka_unit_test(test_sites_equal_parse),
        cmocka_unit_test(test_missiles_other_bytes),
        cmocka_unit_test(test_sites_other_bytes),
        cmocka_unit_test(test_radars_equal_parse),
        cmocka_unit_test(test_interceptors_equal_parse),
        cmocka_unit_test(test_radars_interceptors_other_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
