/*
 * yaml.c: YAML helpers over libfyaml with file:line:col messages (see
 * yaml.h). libfyaml's diagnostics go to a callback that drops them and are
 * collected instead, so the library never prints.
 */
#include "input/yaml.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- loading ------------------------------------------------------------ */

/* libfyaml output callback: the messages are collected, not printed. */
static void drop_output(struct fy_diag *diag, void *user, const char *buf, size_t len)
{
    (void)diag;
    (void)user;
    (void)buf;
    (void)len;
}

static void set_name(bmd__yaml *y, const char *name)
{
    snprintf(y->name, sizeof y->name, "%s", name);
}

/* The first collected error as "NAME:LINE:COL: message" (1-based marks). */
static int syntax_error(const bmd__yaml *y, struct fy_diag *diag, bmd_errbuf *err)
{
    void *iter = NULL;
    struct fy_diag_error *e;
    while ((e = fy_diag_errors_iterate(diag, &iter)) != NULL) {
        if (e->type < FYET_ERROR) continue;
        return bmd_err_set(err, BMD_EPARSE, "%s:%d:%d: %s", y->name, e->line > 0 ? e->line : 1,
                           e->column > 0 ? e->column : 1, e->msg ? e->msg : "YAML syntax error");
    }
    return bmd_err_set(err, BMD_EPARSE, "%s: YAML syntax error", y->name);
}

/* 1 when text holds only blanks and # comments (libfyaml then builds no
 * document and reports a failure without a position). */
static int blank_yaml(const char *text, size_t len)
{
    int in_comment = 0;
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        if (c == '\n' || c == '\r')
            in_comment = 0;
        else if (c == '#')
            in_comment = 1;
        else if (!in_comment && c != ' ' && c != '\t')
            return 0;
    }
    return 1;
}

/*
 * Aliases are expanded by libfyaml into copies, so a few hundred bytes of
 * nested aliases ("billion laughs") can ask for gigabytes. Before resolving,
 * the nodes the document would have after expansion are counted, stopping
 * as soon as the count passes the budget; the work is thus bounded by the
 * budget too. The shipped data files expand to under 10,000 nodes.
 */
#define YAML_NODE_BUDGET 200000
#define YAML_DEPTH_LIMIT 200

struct node_count {
    size_t n;
    struct fy_node *where; /* the node at which a limit was passed */
    int too_deep;
};

static int count_nodes(struct fy_node *node, int depth, struct node_count *c)
{
    if (node == NULL) return 0;
    if (depth > YAML_DEPTH_LIMIT) {
        c->where = node;
        c->too_deep = 1;
        return -1;
    }
    if (++c->n > YAML_NODE_BUDGET) {
        c->where = node;
        return -1;
    }
    void *it = NULL;
    switch (fy_node_get_type(node)) {
    case FYNT_SCALAR:
        if (fy_node_is_alias(node)) {
            struct fy_node *target = fy_node_resolve_alias(node);
            if (count_nodes(target, depth + 1, c)) {
                c->where = node;
                return -1;
            }
        }
        return 0;
    case FYNT_SEQUENCE: {
        struct fy_node *item;
        while ((item = fy_node_sequence_iterate(node, &it)) != NULL)
            if (count_nodes(item, depth + 1, c)) return -1;
        return 0;
    }
    case FYNT_MAPPING: {
        struct fy_node_pair *p;
        while ((p = fy_node_mapping_iterate(node, &it)) != NULL)
            if (count_nodes(fy_node_pair_key(p), depth + 1, c) ||
                count_nodes(fy_node_pair_value(p), depth + 1, c))
                return -1;
        return 0;
    }
    }
    return 0;
}

static int check_expansion(const bmd__yaml *y, bmd_errbuf *err)
{
    struct node_count c = {0, NULL, 0};
    if (count_nodes(fy_document_root(y->fyd), 0, &c) == 0) return BMD_OK;
    if (c.too_deep)
        return bmd__yaml_err(y, c.where, err, BMD_ELIMIT,
                             "nested deeper than %d levels (counting aliases)", YAML_DEPTH_LIMIT);
    return bmd__yaml_err(y, c.where, err, BMD_ELIMIT,
                         "aliases expand to more than %d nodes (refused: an alias bomb?)",
                         YAML_NODE_BUDGET);
}

/*
 * libfyaml 0.7.12 leaks its atom iterator's chunk array (0.5-1 KiB) when it
 * formats the text of some single-quoted scalars with runs of '' escapes
 * (e.g. five in a row; libfyaml issue #233, fixed upstream after 0.7.12).
 * The text of every single-quoted scalar with an escape is therefore decoded
 * here from the source (YAML 1.2, 7.3.2: '' is one quote; a line break with
 * the blanks around it folds to a space, or to n line feeds over n empty
 * lines) and kept as the node's meta data, which node_text returns instead
 * of asking libfyaml; the meta is freed with the document.
 */
static void free_meta(struct fy_node *fyn, void *meta, void *user)
{
    (void)fyn;
    (void)user;
    free(meta);
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* Length of the line break at p[0..], 0 if none. */
static size_t line_break(const char *p, size_t left)
{
    if (left == 0) return 0;
    if (p[0] == '\r') return left > 1 && p[1] == '\n' ? 2 : 1;
    return p[0] == '\n';
}

char *bmd__yaml_single_quoted(const char *raw, size_t n)
{
    if (n < 2 || raw[0] != '\'' || raw[n - 1] != '\'') return NULL;
    char *out = malloc(n);
    if (out == NULL) return NULL;
    size_t o = 0, i = 1, end = n - 1;
    while (i < end) {
        size_t lb = line_break(raw + i, end - i);
        if (lb == 0) {
            if (raw[i] == '\'' && i + 1 < end && raw[i + 1] == '\'') i++;
            out[o++] = raw[i++];
            continue;
        }
        while (o > 0 && is_blank(out[o - 1]))
            o--; /* the line's trailing blanks */
        i += lb;
        size_t empty = 0;
        for (;;) { /* the next lines' leading blanks, and the empty lines */
            while (i < end && is_blank(raw[i]))
                i++;
            if ((lb = line_break(raw + i, end - i)) == 0) break;
            i += lb;
            empty++;
        }
        if (empty == 0) out[o++] = ' ';
        while (empty-- > 0)
            out[o++] = '\n';
    }
    out[o] = '\0';
    return out;
}

/* Decode the single-quoted scalars with escapes under node (see above). */
static int guard_quoted(const bmd__yaml *y, size_t len, struct fy_node *node, int depth)
{
    if (node == NULL || depth > YAML_DEPTH_LIMIT) return 0;
    void *it = NULL;
    switch (fy_node_get_type(node)) {
    case FYNT_SCALAR: {
        if (fy_node_get_style(node) != FYNS_SINGLE_QUOTED) return 0;
        struct fy_token *t = fy_node_get_scalar_token(node);
        const struct fy_mark *a = t ? fy_token_start_mark(t) : NULL;
        const struct fy_mark *b = t ? fy_token_end_mark(t) : NULL;
        /* The marks hold the content; the quotes are just outside it. */
        if (a == NULL || b == NULL || a->input_pos == 0 || a->input_pos > b->input_pos ||
            b->input_pos >= len || y->text[a->input_pos - 1] != '\'' ||
            y->text[b->input_pos] != '\'')
            return 0; /* not the source of a quoted scalar: leave it to libfyaml */
        const char *raw = y->text + a->input_pos - 1;
        size_t n = b->input_pos - a->input_pos + 2;
        int escaped = 0;
        for (size_t i = 1; i + 2 < n; i++)
            if (raw[i] == '\'' && raw[i + 1] == '\'') escaped = 1, i++;
        if (!escaped) return 0;
        char *text = bmd__yaml_single_quoted(raw, n);
        if (text == NULL || fy_node_set_meta(node, text) != 0) {
            free(text);
            return -1;
        }
        return 0;
    }
    case FYNT_SEQUENCE: {
        struct fy_node *item;
        while ((item = fy_node_sequence_iterate(node, &it)) != NULL)
            if (guard_quoted(y, len, item, depth + 1)) return -1;
        return 0;
    }
    case FYNT_MAPPING: {
        struct fy_node_pair *p;
        while ((p = fy_node_mapping_iterate(node, &it)) != NULL)
            if (guard_quoted(y, len, fy_node_pair_key(p), depth + 1) ||
                guard_quoted(y, len, fy_node_pair_value(p), depth + 1))
                return -1;
        return 0;
    }
    }
    return 0;
}

/* A scalar node's text: the guard's decoding, else libfyaml's. */
static const char *node_text(struct fy_node *node)
{
    const char *m = fy_node_get_meta(node);
    return m ? m : fy_node_get_scalar0(node);
}

/* Parse y->text (len bytes); on failure y is released. An empty or
 * comment-only text gives a document without root (y->fyd NULL), so that
 * loaders report "found nothing" at 1:1. The text is checked first
 * (bmd_input_check_text): libfyaml 0.7.12 loops forever on invalid UTF-8
 * in a directive ("%\xff") and stops silently at a NUL byte. */
static int parse_text(bmd__yaml *y, size_t len, bmd_errbuf *err)
{
    int st = bmd_input_check_text(y->text, len, y->name, 1, err);
    if (st) {
        bmd__yaml_free(y);
        return st;
    }
    if (blank_yaml(y->text, len)) return BMD_OK;
    struct fy_diag_cfg dcfg;
    fy_diag_cfg_default(&dcfg);
    dcfg.fp = NULL;
    dcfg.output_fn = drop_output;
    dcfg.user = NULL;
    dcfg.colorize = false;
    struct fy_diag *diag = fy_diag_create(&dcfg);
    if (diag == NULL) {
        bmd__yaml_free(y);
        return bmd_err_set(err, BMD_ENOMEM, "out of memory creating the YAML parser");
    }
    fy_diag_set_collect_errors(diag, true);
    struct fy_parse_cfg pcfg;
    memset(&pcfg, 0, sizeof pcfg);
    pcfg.flags = (enum fy_parse_cfg_flags)(FYPCF_QUIET | FYPCF_JSON_NONE);
    pcfg.diag = diag;
    y->fyd = fy_document_build_from_string(&pcfg, y->text, len);
    if (y->fyd == NULL || fy_diag_got_error(diag)) st = syntax_error(y, diag, err);
    if (st == BMD_OK) st = check_expansion(y, err);
    if (st == BMD_OK && (fy_document_resolve(y->fyd) != 0 || fy_diag_got_error(diag)))
        st = syntax_error(y, diag, err);
    if (st == BMD_OK && (fy_document_register_meta(y->fyd, free_meta, NULL) != 0 ||
                         guard_quoted(y, len, fy_document_root(y->fyd), 0) != 0))
        st = bmd_err_set(err, BMD_ENOMEM, "%s: out of memory", y->name);
    if (st) bmd__yaml_free(y);
    fy_diag_destroy(diag);
    return st;
}

int bmd__yaml_load_string(bmd__yaml *y, const char *text, size_t len, const char *name,
                          bmd_errbuf *err)
{
    if (y == NULL || text == NULL) return bmd_err_set(err, BMD_EINVAL, "YAML: NULL argument");
    memset(y, 0, sizeof *y);
    set_name(y, name ? name : "<string>");
    y->text = malloc(len + 1);
    if (y->text == NULL) return bmd_err_set(err, BMD_ENOMEM, "%s: out of memory", y->name);
    memcpy(y->text, text, len);
    y->text[len] = '\0';
    return parse_text(y, len, err);
}

int bmd__yaml_load_owned(bmd__yaml *y, const char *path, char *text, size_t len, bmd_errbuf *err)
{
    if (y == NULL || path == NULL || text == NULL) {
        free(text);
        if (y != NULL) memset(y, 0, sizeof *y);
        return bmd_err_set(err, BMD_EINVAL, "YAML: NULL argument");
    }
    memset(y, 0, sizeof *y);
    y->text = text;
    set_name(y, path);
    return parse_text(y, len, err);
}

int bmd__yaml_load_file(bmd__yaml *y, const char *path, bmd_errbuf *err)
{
    if (y == NULL || path == NULL) return bmd_err_set(err, BMD_EINVAL, "YAML: NULL argument");
    memset(y, 0, sizeof *y);
    size_t len = 0;
    char *text = NULL;
    int st = bmd_input_read(path, 0, &text, &len, err);
    if (st) return st;
    return bmd__yaml_load_owned(y, path, text, len, err);
}

void bmd__yaml_free(bmd__yaml *y)
{
    if (y == NULL) return;
    if (y->fyd != NULL) fy_document_destroy(y->fyd);
    free(y->text);
    memset(y, 0, sizeof *y);
}

int bmd__yaml_read(const char *path, const char *text, size_t len, const char *name,
                   bmd__yaml_reader read, void *out, bmd_errbuf *err)
{
    bmd__yaml y;
    int st =
        text ? bmd__yaml_load_string(&y, text, len, name, err) : bmd__yaml_load_file(&y, path, err);
    if (st == BMD_OK) st = read(&y, out, err);
    bmd__yaml_free(&y);
    return st;
}

int bmd__yaml_read_owned(const char *path, char *text, size_t len, bmd__yaml_reader read, void *out,
                         bmd_errbuf *err)
{
    bmd__yaml y;
    int st = bmd__yaml_load_owned(&y, path, text, len, err);
    if (st == BMD_OK) st = read(&y, out, err);
    bmd__yaml_free(&y);
    return st;
}

struct fy_node *bmd__yaml_root(const bmd__yaml *y)
{
    return (y && y->fyd) ? fy_document_root(y->fyd) : NULL;
}

/* ---- positions and messages --------------------------------------------- */

/* 0-based mark of a node's own text, or 0 when it has none (empty value). */
static int own_mark(struct fy_node *node, int *line, int *col, int depth)
{
    if (node == NULL || depth > 64) return 0;
    switch (fy_node_get_type(node)) {
    case FYNT_SCALAR: {
        struct fy_token *t = fy_node_get_scalar_token(node);
        const struct fy_mark *m = t ? fy_token_start_mark(t) : NULL;
        if (m == NULL) return 0;
        *line = m->line;
        *col = m->column;
        return 1;
    }
    case FYNT_MAPPING: {
        struct fy_node_pair *p = fy_node_mapping_get_by_index(node, 0);
        return p ? own_mark(fy_node_pair_key(p), line, col, depth + 1) : 0;
    }
    case FYNT_SEQUENCE:
        return own_mark(fy_node_sequence_get_by_index(node, 0), line, col, depth + 1);
    }
    return 0;
}

/* The key under which a mapping holds node, or NULL. */
static struct fy_node *key_of(struct fy_node *parent, struct fy_node *node)
{
    if (fy_node_get_type(parent) != FYNT_MAPPING) return NULL;
    int n = fy_node_mapping_item_count(parent);
    for (int i = 0; i < n; i++) {
        struct fy_node_pair *p = fy_node_mapping_get_by_index(parent, i);
        if (p && fy_node_pair_value(p) == node) return fy_node_pair_key(p);
    }
    return NULL;
}

void bmd__yaml_where(struct fy_node *node, int *line, int *col)
{
    int l = 0, c = 0;
    struct fy_node *n = node;
    for (int depth = 0; n != NULL && depth < 64; depth++) {
        if (own_mark(n, &l, &c, 0)) break;
        struct fy_node *parent = fy_node_get_parent(n);
        struct fy_node *k = parent ? key_of(parent, n) : NULL;
        if (k != NULL && own_mark(k, &l, &c, 0)) break;
        n = parent;
    }
    *line = l + 1;
    *col = c + 1;
}

static int vctx_err(const bmd__yaml *y, struct fy_node *node, const char *ctx, bmd_errbuf *err,
                    int status, const char *fmt, va_list ap)
{
    if (err == NULL) return status;
    char msg[sizeof err->msg];
    vsnprintf(msg, sizeof msg, fmt, ap);
    int line, col;
    bmd__yaml_where(node, &line, &col);
    int has_ctx = ctx != NULL && ctx[0] != '\0';
    return bmd_err_set(err, status, "%s:%d:%d: %s%s%s", y ? y->name : "<yaml>", line, col,
                       has_ctx ? ctx : "", has_ctx ? ": " : "", msg);
}

int bmd__yaml_err(const bmd__yaml *y, struct fy_node *node, bmd_errbuf *err, int status,
                  const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vctx_err(y, node, NULL, err, status, fmt, ap);
    va_end(ap);
    return status;
}

int bmd__yaml_ctx_err(const bmd__yaml *y, struct fy_node *node, const char *ctx, bmd_errbuf *err,
                      int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vctx_err(y, node, ctx, err, status, fmt, ap);
    va_end(ap);
    return status;
}

/* ---- node kinds ------------------------------------------------------------ */

int bmd__yaml_is_null(struct fy_node *node)
{
    if (node == NULL) return 1;
    if (fy_node_get_type(node) != FYNT_SCALAR || fy_node_get_style(node) != FYNS_PLAIN) return 0;
    const char *s = node_text(node);
    return s == NULL || s[0] == '\0' || strcmp(s, "~") == 0 || strcmp(s, "null") == 0 ||
           strcmp(s, "Null") == 0 || strcmp(s, "NULL") == 0;
}

int bmd__yaml_is_map(struct fy_node *node)
{
    return node != NULL && fy_node_get_type(node) == FYNT_MAPPING;
}

int bmd__yaml_is_seq(struct fy_node *node)
{
    return node != NULL && fy_node_get_type(node) == FYNT_SEQUENCE;
}

int bmd__yaml_is_scalar(struct fy_node *node)
{
    return node != NULL && fy_node_get_type(node) == FYNT_SCALAR && !bmd__yaml_is_null(node);
}

const char *bmd__yaml_describe(struct fy_node *node, char *buf, size_t n)
{
    if (n == 0) return buf;
    if (bmd__yaml_is_null(node))
        snprintf(buf, n, "nothing");
    else if (bmd__yaml_is_map(node))
        snprintf(buf, n, "a mapping");
    else if (bmd__yaml_is_seq(node))
        snprintf(buf, n, "a sequence");
    else {
        const char *s = node_text(node);
        size_t len = s ? strlen(s) : 0;
        if (len > 40)
            snprintf(buf, n, "'%.37s...'", s);
        else
            snprintf(buf, n, "'%s'", s ? s : "");
    }
    return buf;
}

int bmd__yaml_expect_map(const bmd__yaml *y, struct fy_node *node, const char *ctx, bmd_errbuf *err)
{
    char found[64];
    if (bmd__yaml_is_map(node)) return BMD_OK;
    return bmd__yaml_ctx_err(y, node, ctx, err, BMD_EPARSE,
                             "expected a mapping (key: value lines), found %s",
                             bmd__yaml_describe(node, found, sizeof found));
}

int bmd__yaml_expect_seq(const bmd__yaml *y, struct fy_node *node, const char *ctx, bmd_errbuf *err)
{
    char found[64];
    if (bmd__yaml_is_seq(node)) return BMD_OK;
    return bmd__yaml_ctx_err(y, node, ctx, err, BMD_EPARSE,
                             "expected a sequence (a list of '- ' items or [a, b]), found %s",
                             bmd__yaml_describe(node, found, sizeof found));
}

/* ---- walking ----------------------------------------------------------------- */

size_t bmd__yaml_seq_count(struct fy_node *seq)
{
    if (!bmd__yaml_is_seq(seq)) return 0;
    int n = fy_node_sequence_item_count(seq);
    return n > 0 ? (size_t)n : 0;
}

size_t bmd__yaml_map_count(struct fy_node *map)
{
    if (!bmd__yaml_is_map(map)) return 0;
    int n = fy_node_mapping_item_count(map);
    return n > 0 ? (size_t)n : 0;
}

struct fy_node *bmd__yaml_seq_item(struct fy_node *seq, size_t i)
{
    if (i >= bmd__yaml_seq_count(seq)) return NULL;
    return fy_node_sequence_get_by_index(seq, (int)i);
}

const char *bmd__yaml_map_key(struct fy_node *map, size_t i, struct fy_node **key_node,
                              struct fy_node **value)
{
    struct fy_node_pair *p = NULL;
    if (i < bmd__yaml_map_count(map)) p = fy_node_mapping_get_by_index(map, (int)i);
    struct fy_node *k = p ? fy_node_pair_key(p) : NULL;
    if (key_node) *key_node = k;
    if (value) *value = p ? fy_node_pair_value(p) : NULL;
    if (k == NULL || fy_node_get_type(k) != FYNT_SCALAR) return NULL;
    return node_text(k);
}

static struct fy_node_pair *find_pair(struct fy_node *map, const char *key)
{
    size_t n = bmd__yaml_map_count(map);
    for (size_t i = 0; i < n; i++) {
        struct fy_node_pair *p = fy_node_mapping_get_by_index(map, (int)i);
        struct fy_node *k = p ? fy_node_pair_key(p) : NULL;
        if (k == NULL || fy_node_get_type(k) != FYNT_SCALAR) continue;
        const char *s = node_text(k);
        if (s != NULL && strcmp(s, key) == 0) return p;
    }
    return NULL;
}

struct fy_node *bmd__yaml_get(struct fy_node *map, const char *key)
{
    struct fy_node_pair *p = find_pair(map, key);
    return p ? fy_node_pair_value(p) : NULL;
}

struct fy_node *bmd__yaml_get_key(struct fy_node *map, const char *key)
{
    struct fy_node_pair *p = find_pair(map, key);
    return p ? fy_node_pair_key(p) : NULL;
}

int bmd__yaml_has(struct fy_node *map, const char *key)
{
    return find_pair(map, key) != NULL;
}

const char *bmd__yaml_scalar(struct fy_node *node)
{
    if (node == NULL || fy_node_get_type(node) != FYNT_SCALAR) return NULL;
    return node_text(node);
}

/* ---- key checks ------------------------------------------------------------ */

static int is_allowed(const char *key, const char *const *allowed, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(key, allowed[i]) == 0) return 1;
    return 0;
}

static void join_names(const char *const *names, size_t n, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n && used + 1 < size; i++) {
        int w = snprintf(buf + used, size - used, "%s%s", i ? ", " : "", names[i]);
        if (w < 0) break;
        used += (size_t)w;
    }
    if (used + 1 >= size && size > 4) strcpy(buf + size - 4, "...");
}

int bmd__yaml_check_keys(const bmd__yaml *y, struct fy_node *map, const char *const *allowed,
                         size_t n, const char *ctx, bmd_errbuf *err)
{
    size_t count = bmd__yaml_map_count(map);
    for (size_t i = 0; i < count; i++) {
        struct fy_node *kn;
        const char *key = bmd__yaml_map_key(map, i, &kn, NULL);
        if (key == NULL)
            return bmd__yaml_ctx_err(y, kn, ctx, err, BMD_EPARSE, "a key must be a plain word");
        if (is_allowed(key, allowed, n)) continue;
        const char *s = bmd_suggest(key, allowed, n);
        if (s != NULL)
            return bmd__yaml_ctx_err(y, kn, ctx, err, BMD_EPARSE,
                                     "unknown key '%s' (did you mean '%s'?)", key, s);
        char names[256];
        join_names(allowed, n, names, sizeof names);
        return bmd__yaml_ctx_err(y, kn, ctx, err, BMD_EPARSE, "unknown key '%s' (allowed: %s)", key,
                                 names);
    }
    return BMD_OK;
}

int bmd__yaml_require_keys(const bmd__yaml *y, struct fy_node *map, const char *const *required,
                           size_t n, const char *ctx, bmd_errbuf *err)
{
    for (size_t i = 0; i < n; i++)
        if (!bmd__yaml_has(map, required[i]))
            return bmd__yaml_ctx_err(y, map, ctx, err, BMD_EPARSE, "missing key '%s'", required[i]);
    return BMD_OK;
}

/* ---- typed getters ------------------------------------------------------------ */

/*
 * The value node of key for a getter: *node NULL and BMD_OK when absent and
 * optional; an error when absent and required.
 */
static int lookup(const bmd__yaml *y, struct fy_node *map, const char *key, int required,
                  struct fy_node **node, const char *ctx, bmd_errbuf *err)
{
    *node = NULL;
    struct fy_node_pair *p = find_pair(map, key);
    if (p == NULL) {
        if (required)
            return bmd__yaml_ctx_err(y, map, ctx, err, BMD_EPARSE, "missing key '%s'", key);
        return BMD_OK;
    }
    *node = fy_node_pair_value(p);
    if (*node == NULL) {
        /* An empty value without a node of its own: report it at its key. */
        return bmd__yaml_ctx_err(y, fy_node_pair_key(p), ctx, err, BMD_EPARSE,
                                 "key '%s': expected a value, found nothing", key);
    }
    return BMD_OK;
}

/* The scalar text of node, or an error "WHAT: expected EXPECTED, found ...". */
static int scalar_text(const bmd__yaml *y, struct fy_node *node, const char *what,
                       const char *expected, const char **text, const char *ctx, bmd_errbuf *err)
{
    char found[64];
    if (!bmd__yaml_is_scalar(node))
        return bmd__yaml_ctx_err(y, node, ctx, err, BMD_EPARSE, "%s: expected %s, found %s", what,
                                 expected, bmd__yaml_describe(node, found, sizeof found));
    *text = node_text(node);
    if (*text == NULL)
        return bmd__yaml_ctx_err(y, node, ctx, err, BMD_ENOMEM, "%s: out of memory", what);
    return BMD_OK;
}

int bmd__yaml_node_str(const bmd__yaml *y, struct fy_node *node, const char *what, char *out,
                       size_t n, const char *ctx, bmd_errbuf *err)
{
    const char *s;
    int st = scalar_text(y, node, what, "a text", &s, ctx, err);
    if (st) return st;
    if (strlen(s) >= n)
        return bmd__yaml_ctx_err(y, node, ctx, err, BMD_EPARSE,
                                 "%s: text longer than %zu characters", what, n - 1);
    memcpy(out, s, strlen(s) + 1);
    return BMD_OK;
}

int bmd__yaml_node_quantity(const bmd__yaml *y, struct fy_node *node, const char *what,
                            bmd_quantity q, double *out, const char *ctx, bmd_errbuf *err)
{
    char expected[96];
    snprintf(expected, sizeof expected, "%s such as %s", bmd_quantity_name(q),
             bmd_quantity_example(q));
    const char *s;
    int st = scalar_text(y, node, what, expected, &s, ctx, err);
    if (st) return st;
    bmd_errbuf e;
    st = bmd_units_parse(s, q, out, &e);
    if (st) return bmd__yaml_ctx_err(y, node, ctx, err, st, "%s: %s", what, e.msg);
    return BMD_OK;
}

int bmd__yaml_range(const bmd__yaml *y, struct fy_node *node, const char *key, bmd_quantity q,
                    double value, const char *ctx, bmd_errbuf *err)
{
    bmd_errbuf e;
    int st = bmd_input_range_check(key, q, value, &e);
    if (st) return bmd__yaml_ctx_err(y, node, ctx, err, st, "key '%s': %s", key, e.msg);
    return BMD_OK;
}

static void key_what(char *buf, size_t n, const char *key)
{
    snprintf(buf, n, "key '%s'", key);
}

int bmd__yaml_str(const bmd__yaml *y, struct fy_node *map, const char *key, int required, char *out,
                  size_t n, const char *ctx, bmd_errbuf *err)
{
    struct fy_node *node;
    char what[96];
    int st = lookup(y, map, key, required, &node, ctx, err);
    if (st || node == NULL) return st;
    key_what(what, sizeof what, key);
    return bmd__yaml_node_str(y, node, what, out, n, ctx, err);
}

int bmd__yaml_quantity(const bmd__yaml *y, struct fy_node *map, const char *key, bmd_quantity q,
                       int required, double *out, const char *ctx, bmd_errbuf *err)
{
    struct fy_node *node;
    char what[96];
    int st = lookup(y, map, key, required, &node, ctx, err);
    if (st || node == NULL) return st;
    key_what(what, sizeof what, key);
    double v;
    st = bmd__yaml_node_quantity(y, node, what, q, &v, ctx, err);
    if (st) return st;
    st = bmd__yaml_range(y, node, key, q, v, ctx, err);
    if (st == BMD_OK) *out = v;
    return st;
}

int bmd__yaml_bool(const bmd__yaml *y, struct fy_node *map, const char *key, int required, int *out,
                   const char *ctx, bmd_errbuf *err)
{
    static const char *const yes[] = {"true", "True", "TRUE"}, *const no[] = {"false", "False",
                                                                              "FALSE"};
    struct fy_node *node;
    char what[96], found[64];
    int st = lookup(y, map, key, required, &node, ctx, err);
    if (st || node == NULL) return st;
    key_what(what, sizeof what, key);
    const char *s = bmd__yaml_is_scalar(node) ? node_text(node) : NULL;
    for (int i = 0; s != NULL && i < 3; i++) {
        if (strcmp(s, yes[i]) == 0 || strcmp(s, no[i]) == 0) {
            *out = strcmp(s, yes[i]) == 0;
            return BMD_OK;
        }
    }
    return bmd__yaml_ctx_err(y, node, ctx, err, BMD_EPARSE, "%s: expected true or false, found %s",
                             what, bmd__yaml_describe(node, found, sizeof found));
}

int bmd__yaml_int(const bmd__yaml *y, struct fy_node *map, const char *key, int required, long min,
                  long max, long *out, const char *ctx, bmd_errbuf *err)
{
    struct fy_node *node;
    char what[96], found[64];
    int st = lookup(y, map, key, required, &node, ctx, err);
    if (st || node == NULL) return st;
    key_what(what, sizeof what, key);
    const char *s;
    st = scalar_text(y, node, what, "a whole number", &s, ctx, err);
    if (st) return st;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    int bad =
        end == s || *end != '\0' || (s[0] != '-' && s[0] != '+' && (s[0] < '0' || s[0] > '9'));
    if (bad)
        return bmd__yaml_ctx_err(y, node, ctx, err, BMD_EPARSE,
                                 "%s: expected a whole number, found %s", what,
                                 bmd__yaml_describe(node, found, sizeof found));
    if (errno == ERANGE || v < min || v > max)
        return bmd__yaml_ctx_err(y, node, ctx, err, BMD_EDOM,
                                 "%s: expected a whole number from %ld to %ld, found %s", what, min,
                                 max, bmd__yaml_describe(node, found, sizeof found));
    *out = v;
    return BMD_OK;
}

int bmd__yaml_quantity_list(const bmd__yaml *y, struct fy_node *map, const char *key,
                            bmd_quantity q, int required, double *out, size_t max, size_t *count,
                            const char *ctx, bmd_errbuf *err)
{
    struct fy_node *node;
    char what[96];
    int st = lookup(y, map, key, required, &node, ctx, err);
    if (st || node == NULL) return st;
    key_what(what, sizeof what, key);
    if (!bmd__yaml_is_seq(node)) {
        char found[64];
        return bmd__yaml_ctx_err(y, node, ctx, err, BMD_EPARSE,
                                 "%s: expected a list of values [a, b, ...], found %s", what,
                                 bmd__yaml_describe(node, found, sizeof found));
    }
    size_t n = bmd__yaml_seq_count(node);
    if (n > max)
        return bmd__yaml_ctx_err(y, node, ctx, err, BMD_ELIMIT, "%s: more than %zu values", what,
                                 max);
    for (size_t i = 0; i < n; i++) {
        char item[128];
        snprintf(item, sizeof item, "item %zu of '%s'", i + 1, key);
        st = bmd__yaml_node_quantity(y, bmd__yaml_seq_item(node, i), item, q, &out[i], ctx, err);
        if (st == BMD_OK)
            st = bmd__yaml_range(y, bmd__yaml_seq_item(node, i), key, q, out[i], ctx, err);
        if (st) return st;
    }
    *count = n;
    return BMD_OK;
}

/* ---- catalog files ------------------------------------------------------------ */

int bmd__yaml_top_list(const bmd__yaml *y, const char *key, struct fy_node **seq, bmd_errbuf *err)
{
    struct fy_node *root = bmd__yaml_root(y);
    const char *const keys[] = {key};
    int st = bmd__yaml_expect_map(y, root, NULL, err);
    if (!st) st = bmd__yaml_check_keys(y, root, keys, 1, NULL, err);
    if (!st) st = bmd__yaml_require_keys(y, root, keys, 1, NULL, err);
    if (st) return st;
    struct fy_node *list = bmd__yaml_get(root, key);
    if (!bmd__yaml_is_seq(list)) {
        char found[64];
        return bmd__yaml_err(y, list, err, BMD_EPARSE,
                             "key '%s': expected a sequence (a list of '- ' items), found %s", key,
                             bmd__yaml_describe(list, found, sizeof found));
    }
    *seq = list;
    return BMD_OK;
}

static int valid_name(const char *s)
{
    if (s[0] == '\0' || s[0] == '-') return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-')) return 0;
    return 1;
}

int bmd__yaml_name(const bmd__yaml *y, struct fy_node *map, const char *what, char *out, size_t n,
                   char *ctx, size_t ctx_n, bmd_errbuf *err)
{
    char name[256];
    int st = bmd__yaml_str(y, map, "name", BMD__YAML_REQUIRED, name, sizeof name, ctx, err);
    if (st) return st;
    if (!valid_name(name) || strlen(name) >= n)
        return bmd__yaml_ctx_err(y, bmd__yaml_get(map, "name"), ctx, err, BMD_EPARSE,
                                 "key 'name': '%s' is not a valid name (lower-case letters, "
                                 "digits and '-', at most %zu characters)",
                                 name, n - 1);
    memcpy(out, name, strlen(name) + 1);
    snprintf(ctx, ctx_n, "%s '%s'", what, name);
    return BMD_OK;
}

int bmd__yaml_sources(const bmd__yaml *y, struct fy_node *map, char *group0, size_t group_cap,
                      char *text0, size_t text_cap, size_t stride, int max, int *n, const char *ctx,
                      bmd_errbuf *err)
{
    int s = bmd__yaml_expect_map(y, map, ctx, err);
    for (size_t i = 0; s == BMD_OK && i < bmd__yaml_map_count(map); i++) {
        struct fy_node *kn, *v;
        const char *k = bmd__yaml_map_key(map, i, &kn, &v);
        if (*n >= max)
            return bmd__yaml_ctx_err(y, kn, ctx, err, BMD_EPARSE, "sources: more than %d groups",
                                     max);
        size_t at = (size_t)*n * stride;
        char what[64];
        snprintf(what, sizeof what, "key '%s'", k);
        s = bmd__yaml_node_str(y, kn, "a sources group", group0 + at, group_cap, ctx, err);
        if (s == BMD_OK) s = bmd__yaml_node_str(y, v, what, text0 + at, text_cap, ctx, err);
        if (s == BMD_OK) (*n)++;
    }
    return s;
}
