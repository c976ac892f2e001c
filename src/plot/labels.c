/* labels.c: display names and reference cities for the map figures
 * (bmd/plot_engage.h). */
#include "bmd/plot_engage.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bmd/catalog.h"

static int is_key(const char *s)
{
    if (*s == '\0') return 0;
    for (; *s; s++)
        if (!(islower((unsigned char)*s) || isdigit((unsigned char)*s) || *s == '-')) return 0;
    return 1;
}

const char *bmd_plot_display_name(const char *key, char *buf, size_t n)
{
    if (n == 0) return buf;
    if (key == NULL) key = "";
    if (!is_key(key)) {
        snprintf(buf, n, "%s", key);
        return buf;
    }
    size_t j = 0;
    int start = 1;
    for (const char *s = key; *s && j + 1 < n; s++) {
        char c = *s == '-' ? ' ' : *s;
        buf[j++] = start ? (char)toupper((unsigned char)c) : c;
        start = c == ' ';
    }
    buf[j] = '\0';
    return buf;
}

const char *bmd_plot_short_label(const char *label, char *buf, size_t n)
{
    if (n == 0) return buf;
    snprintf(buf, n, "%s", label ? label : "");
    char *p = strstr(buf, " (");
    if (p) *p = '\0';
    p = strstr(buf, ", ");
    if (p) *p = '\0';
    size_t len = strlen(buf), k = strlen(" interceptor");
    if (len > k && strcmp(buf + len - k, " interceptor") == 0) buf[len - k] = '\0';
    return buf;
}

void bmd_plot_cities_load(const char *data_dir, bmd_plot_cities *c)
{
    memset(c, 0, sizeof *c);
    char path[4096];
    bmd_site_list list = {0};
    if (bmd_data_path(path, sizeof path, data_dir, "sites.yaml") != BMD_OK ||
        bmd_site_list_load(path, &list, NULL) != BMD_OK) {
        bmd_site_list_free(&list);
        return;
    }
    c->place = calloc(list.n + 1, sizeof *c->place);
    c->name = calloc(list.n + 1, sizeof *c->name);
    if (c->place == NULL || c->name == NULL) {
        bmd_plot_cities_free(c);
        bmd_site_list_free(&list);
        return;
    }
    for (size_t i = 0; i < list.n; i++) {
        const bmd_site *s = &list.items[i];
        if (strcmp(s->kind, "city") != 0 && strcmp(s->kind, "capital") != 0) continue;
        bmd_plot_short_label(s->label, c->name[c->n], sizeof c->name[0]);
        c->place[c->n] =
            (bmd_plot_place){c->name[c->n], BMD_PLOT_PLACE_CITY, s->lat_rad, s->lon_rad};
        c->n++;
    }
    bmd_site_list_free(&list);
}

void bmd_plot_cities_free(bmd_plot_cities *c)
{
    free(c->place);
    free(c->name);
    memset(c, 0, sizeof *c);
}
