/*
 * io/yaml.h: internal YAML helpers over libfyaml for the catalog, site and
 * scenario loaders (src/catalog/, src/scenario/). Not a public header.
 *
 * What they give every loader:
 *  - loading a file or an in-memory string into a document, with libfyaml's
 *    own diagnostics captured (nothing is ever printed) and a syntax error
 *    turned into "NAME:LINE:COL: <libfyaml's message>";
 *  - anchors and aliases resolved (`hardware: *tpy2_hw`, `<<: *x` merges);
 *  - walking mappings and sequences, looking up keys;
 *  - typed getters (string, value with unit, bool, int, list of values)
 *    whose errors read
 *      "NAME:LINE:COL: CTX: key 'beta': expected a ballistic coefficient
 *       such as 30000kg/m2, found 'abc'";
 *  - required-key and unknown-key checks:
 *      "NAME:LINE:COL: CTX: missing key 'stages'"
 *      "NAME:LINE:COL: CTX: unknown key 'isp_vacc' (did you mean 'isp_vac'?)".
 *
 * Conventions:
 *  - NAME is the path given to bmd__yaml_load_file, or the display name given
 *    to bmd__yaml_load_string. LINE and COL are 1-based.
 *  - CTX (argument `ctx`) names the object being read, e.g. "missile
 *    'nodong'" or "missile 'nodong' stage 2"; NULL or "" leaves it out.
 *  - An empty or comment-only input loads as a document without root.
 *  - Positions: a scalar is reported where its text starts (after the
 *    opening quote of a quoted scalar); a mapping or
 *    sequence where its first key or item starts; an empty collection or a
 *    missing value at its key. A value reached through an alias is reported
 *    where the anchored original is written.
 *  - A present key whose value is empty (`key:`), `~` or `null` is an error
 *    ("found nothing"), never a silent default.
 *  - Getters with `required` == BMD__YAML_OPTIONAL leave *out untouched and
 *    return BMD_OK when the key is absent: set the default first.
 *  - Every function returns a bmd status and writes err (may be NULL) on
 *    failure; outputs are untouched on failure unless stated.
 *
 * Lifetime: strings returned by bmd__yaml_scalar and bmd__yaml_map_key point
 * into the document and live until bmd__yaml_free.
 *
 * Example:
 *   bmd__yaml y;
 *   int st = bmd__yaml_load_file(&y, path, err);
 *   if (st) return st;
 *   struct fy_node *root = bmd__yaml_root(&y);
 *   static const char *const top[] = {"radars"};
 *   if (!(st = bmd__yaml_expect_map(&y, root, NULL, err)) &&
 *       !(st = bmd__yaml_check_keys(&y, root, top, 1, NULL, err)) &&
 *       !(st = bmd__yaml_require_keys(&y, root, top, 1, NULL, err))) {
 *       struct fy_node *seq = bmd__yaml_get(root, "radars");
 *       ...
 *       st = bmd__yaml_quantity(&y, map, "frequency", BMD_Q_FREQUENCY,
 *                               BMD__YAML_REQUIRED, &f_hz, "radar 'x'", err);
 *   }
 *   bmd__yaml_free(&y);
 */
#ifndef BMD_IO_YAML_H
#define BMD_IO_YAML_H

#include <stddef.h>

#include <libfyaml.h>

#include "bmd/input.h"
#include "bmd/status.h"

#define BMD__YAML_OPTIONAL 0
#define BMD__YAML_REQUIRED 1

/* A loaded document. Initialise with {0} or by a load; free with
 * bmd__yaml_free (harmless on {0} and after a failed load). */
typedef struct bmd__yaml {
    struct fy_document *fyd; /* the parsed, resolved document */
    char *text;              /* the source text (owned; libfyaml reads it in place) */
    char name[256];          /* file or display name for messages */
} bmd__yaml;

/* ---- loading --------------------------------------------------------- */

/*
 * bmd__yaml_load_file: read and parse a YAML file.
 * Given:    path  file name (also the NAME in messages)
 * Returned: *y    the document (overwritten: must not hold a live one)
 * Returned (function value): BMD_OK; BMD_EIO "cannot read 'PATH': <strerror>";
 *           BMD_EPARSE "PATH:LINE:COL: <syntax error>" (includes duplicate
 *           keys and undefined aliases); BMD_ENOMEM; BMD_EINVAL (NULL
 *           arguments). On failure *y is {0}.
 */
int bmd__yaml_load_file(bmd__yaml *y, const char *path, bmd_errbuf *err);

/*
 * bmd__yaml_load_string: parse YAML text held in memory (copied).
 * Given:    text, len  the text (len bytes; need not be NUL-terminated)
 *           name       display name for messages (NULL: "<string>")
 * Returned / status: as bmd__yaml_load_file (no BMD_EIO).
 */
int bmd__yaml_load_string(bmd__yaml *y, const char *text, size_t len, const char *name,
                          bmd_errbuf *err);

/*
 * bmd__yaml_load_owned: as bmd__yaml_load_file of `path`, on its text
 * already read by bmd_input_read(path, 0, ...) (so that a loader may look
 * at the bytes first: the catalogs' build-time snapshots,
 * src/catalog/snapshot.h): the same document, the same messages.
 * Given:    path       the file name (NAME in messages)
 *           text, len  its bytes, malloc'ed and NUL-terminated at text[len]:
 *                      taken over (freed with the document, or here on
 *                      failure)
 * Returned / status: as bmd__yaml_load_file (no BMD_EIO).
 */
int bmd__yaml_load_owned(bmd__yaml *y, const char *path, char *text, size_t len, bmd_errbuf *err);

/* bmd__yaml_free: release the document and text; *y becomes {0}. */
void bmd__yaml_free(bmd__yaml *y);

/* A reader of a loaded document into `out` (a catalog list, ...). */
typedef int (*bmd__yaml_reader)(const bmd__yaml *y, void *out, bmd_errbuf *err);

/*
 * bmd__yaml_read: load a document, read it, free it: the file `path` when
 * text is NULL, else len bytes of text shown as `name` (the catalog
 * loaders' *_load and *_load_string share this).
 * Given:    path or (text, len, name); read, out  the reader and its target
 * Returned (function value): the load's status, else the reader's.
 */
int bmd__yaml_read(const char *path, const char *text, size_t len, const char *name,
                   bmd__yaml_reader read, void *out, bmd_errbuf *err);

/*
 * bmd__yaml_read_owned: bmd__yaml_load_owned, read, free (as bmd__yaml_read
 * of the file `path`, on its text already read).
 * Given:    path, text, len  as bmd__yaml_load_owned (text taken over)
 *           read, out        the reader and its target
 * Returned (function value): the load's status, else the reader's.
 */
int bmd__yaml_read_owned(const char *path, char *text, size_t len, bmd__yaml_reader read, void *out,
                         bmd_errbuf *err);

/* bmd__yaml_root: the root node, NULL for an empty document. */
struct fy_node *bmd__yaml_root(const bmd__yaml *y);

/* ---- positions and messages ------------------------------------------ */

/*
 * bmd__yaml_where: the 1-based line and column of a node (see the position
 * conventions above); 1:1 when nothing better is known (NULL node).
 */
void bmd__yaml_where(struct fy_node *node, int *line, int *col);

/*
 * bmd__yaml_err: write "NAME:LINE:COL: " + the formatted message into err
 * (at the position of node) and return status, so that a loader may write
 * `return bmd__yaml_err(y, node, err, BMD_EDOM, "%s: ...", ctx);`.
 */
int bmd__yaml_err(const bmd__yaml *y, struct fy_node *node, bmd_errbuf *err, int status,
                  const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

/*
 * bmd__yaml_ctx_err: as bmd__yaml_err with the context prefix:
 * "NAME:LINE:COL: CTX: <message>" (no "CTX: " when ctx is NULL or "").
 */
int bmd__yaml_ctx_err(const bmd__yaml *y, struct fy_node *node, const char *ctx, bmd_errbuf *err,
                      int status, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

/* ---- node kinds ------------------------------------------------------- */

/* 1 when node is a mapping / a sequence / a non-null scalar, else 0. */
int bmd__yaml_is_map(struct fy_node *node);
int bmd__yaml_is_seq(struct fy_node *node);
int bmd__yaml_is_scalar(struct fy_node *node);
/* 1 for NULL, an empty plain scalar, and plain `~`, `null`, `Null`, `NULL`. */
int bmd__yaml_is_null(struct fy_node *node);
/* For messages: "a mapping", "a sequence", "nothing", or the scalar in
 * quotes ("'abc'", shortened to 40 characters with "..."), written to buf. */
const char *bmd__yaml_describe(struct fy_node *node, char *buf, size_t n);

/*
 * bmd__yaml_expect_map / _seq: BMD_OK when node is a mapping / sequence;
 * else BMD_EPARSE "NAME:L:C: CTX: expected a mapping (key: value lines),
 * found ..." / "... expected a sequence (a list of '- ' items or [a, b]),
 * found ...".
 */
int bmd__yaml_expect_map(const bmd__yaml *y, struct fy_node *node, const char *ctx,
                         bmd_errbuf *err);
int bmd__yaml_expect_seq(const bmd__yaml *y, struct fy_node *node, const char *ctx,
                         bmd_errbuf *err);

/* ---- walking ----------------------------------------------------------- */

/* Number of items of a sequence / pairs of a mapping (0 for other nodes). */
size_t bmd__yaml_seq_count(struct fy_node *seq);
size_t bmd__yaml_map_count(struct fy_node *map);
/* Item i of a sequence (NULL when out of range or not a sequence). */
struct fy_node *bmd__yaml_seq_item(struct fy_node *seq, size_t i);
/*
 * Pair i of a mapping: the key text (NULL for a non-scalar key or i out of
 * range); *key_node and *value receive the key and value nodes (either may
 * be NULL; *value is NULL for an empty value).
 */
const char *bmd__yaml_map_key(struct fy_node *map, size_t i, struct fy_node **key_node,
                              struct fy_node **value);
/* The value under `key` in a mapping; NULL when absent (or map is not a
 * mapping). Use bmd__yaml_has to tell an absent key from an empty value. */
struct fy_node *bmd__yaml_get(struct fy_node *map, const char *key);
/* The key node of `key` (for positions), NULL when absent. */
struct fy_node *bmd__yaml_get_key(struct fy_node *map, const char *key);
/* 1 when the mapping has `key` (even with an empty value), else 0. */
int bmd__yaml_has(struct fy_node *map, const char *key);
/* The text of a scalar (NUL-terminated), NULL for other nodes / NULL. */
const char *bmd__yaml_scalar(struct fy_node *node);
/*
 * bmd__yaml_single_quoted: the value of a single-quoted flow scalar from its
 * source raw[0..n) (quotes included): '' is one quote, a line break with
 * the blanks around it folds to one space, n empty lines to n line feeds
 * (YAML 1.2, section 7.3.2). Every loaded document's single-quoted scalars
 * with an escape are decoded this way, not by libfyaml 0.7.12, which leaks
 * formatting some of them (yaml.c).
 * Returned (function value): a malloc'ed string (the caller frees it); NULL
 *           when raw is not quoted or out of memory.
 */
char *bmd__yaml_single_quoted(const char *raw, size_t n);

/* ---- key checks -------------------------------------------------------- */

/*
 * bmd__yaml_check_keys: every key of map must be one of allowed[0..n-1].
 * Returned (function value): BMD_OK; BMD_EPARSE at the first offending key:
 *           "CTX: unknown key 'isp_vacc' (did you mean 'isp_vac'?)", or
 *           without suggestion "CTX: unknown key 'x' (allowed: a, b, c)";
 *           "CTX: a key must be a plain word" for a non-scalar key.
 */
int bmd__yaml_check_keys(const bmd__yaml *y, struct fy_node *map, const char *const *allowed,
                         size_t n, const char *ctx, bmd_errbuf *err);

/*
 * bmd__yaml_require_keys: every one of required[0..n-1] must be present.
 * Returned (function value): BMD_OK; BMD_EPARSE "CTX: missing key 'stages'"
 *           at the mapping's position (the first missing key is named).
 */
int bmd__yaml_require_keys(const bmd__yaml *y, struct fy_node *map, const char *const *required,
                           size_t n, const char *ctx, bmd_errbuf *err);

/* ---- typed getters: value under `key` of mapping `map` ------------------ */

/*
 * bmd__yaml_str: a scalar as text into out[n].
 * Returned (function value): BMD_OK; BMD_EPARSE for a missing required
 *           key, a null value, a mapping or sequence ("CTX: key 'label':
 *           expected a text, found a sequence"), or text of n or more bytes
 *           ("CTX: key 'label': text longer than N characters").
 */
int bmd__yaml_str(const bmd__yaml *y, struct fy_node *map, const char *key, int required, char *out,
                  size_t n, const char *ctx, bmd_errbuf *err);

/*
 * bmd__yaml_quantity: a value with a unit, converted to SI by
 * bmd_units_parse (bare numbers take q's default unit).
 * Returned (function value): BMD_OK; BMD_EPARSE (missing, null, not a
 *           scalar, not a number); BMD_EUNIT; BMD_EDOM; the message is
 *           "CTX: key 'beta': " + bmd_units_parse's message, e.g. "expected
 *           a ballistic coefficient such as 30000kg/m2, found 'abc'".
 */
int bmd__yaml_quantity(const bmd__yaml *y, struct fy_node *map, const char *key, bmd_quantity q,
                       int required, double *out, const char *ctx, bmd_errbuf *err);

/* bmd__yaml_bool: true/false (also True/TRUE/False/FALSE) into *out (1/0);
 * anything else is BMD_EPARSE "expected true or false, found ...". */
int bmd__yaml_bool(const bmd__yaml *y, struct fy_node *map, const char *key, int required, int *out,
                   const char *ctx, bmd_errbuf *err);

/* bmd__yaml_int: a decimal integer in [min, max] into *out; BMD_EPARSE for
 * non-integers, BMD_EDOM outside [min, max]. */
int bmd__yaml_int(const bmd__yaml *y, struct fy_node *map, const char *key, int required, long min,
                  long max, long *out, const char *ctx, bmd_errbuf *err);

/*
 * bmd__yaml_range: check a value read from node against the valid-range
 * table (bmd_input_range_check) under the name key.
 * Returned (function value): BMD_OK; BMD_EINVAL "NAME:L:C: CTX: key 'dt':
 *           must be from 0.001s to 10s (...), found 1e-300s".
 * bmd__yaml_quantity and bmd__yaml_quantity_list call it themselves.
 */
int bmd__yaml_range(const bmd__yaml *y, struct fy_node *node, const char *key, bmd_quantity q,
                    double value, const char *ctx, bmd_errbuf *err);

/*
 * bmd__yaml_quantity_list: a sequence of values with units ([0, 0.8, 1.2]
 * or block items) into out[0..*count-1].
 * Given:    max  room in out
 * Returned: *count number of values (untouched on failure or when absent);
 *           out[] may be partly written on failure
 * Returned (function value): BMD_OK; BMD_EPARSE (not a sequence, an item
 *           not a number) at the item: "CTX: item 3 of 'mach': expected
 *           a number such as 0.8, found 'x'"; BMD_ELIMIT "CTX: key 'mach':
 *           more than MAX values"; BMD_EUNIT; BMD_EDOM.
 */
int bmd__yaml_quantity_list(const bmd__yaml *y, struct fy_node *map, const char *key,
                            bmd_quantity q, int required, double *out, size_t max, size_t *count,
                            const char *ctx, bmd_errbuf *err);

/* ---- typed getters on a node (a sequence item, a value found by walking)
 * `what` names the node in messages ("key 'beta'", "item 3 of 'mach'"). */
int bmd__yaml_node_str(const bmd__yaml *y, struct fy_node *node, const char *what, char *out,
                       size_t n, const char *ctx, bmd_errbuf *err);
int bmd__yaml_node_quantity(const bmd__yaml *y, struct fy_node *node, const char *what,
                            bmd_quantity q, double *out, const char *ctx, bmd_errbuf *err);

/*
 * bmd__yaml_sources: a "sources" mapping (GROUP: TEXT, any group names) into
 * the caller's array of source records, each with a group and a text field:
 * record i has its group at group0 + i * stride (capacity group_cap) and its
 * text at text0 + i * stride (capacity text_cap). Entries go to records
 * *n, *n + 1, ... while *n < max; *n counts them. Errors name the key
 * ("key 'GROUP'") in ctx; more than max: "sources: more than MAX groups".
 */
int bmd__yaml_sources(const bmd__yaml *y, struct fy_node *map, char *group0, size_t group_cap,
                      char *text0, size_t text_cap, size_t stride, int max, int *n, const char *ctx,
                      bmd_errbuf *err);

/* ---- catalog files ------------------------------------------------------- */

/*
 * bmd__yaml_top_list: the root of a catalog file must be a mapping with the
 * single key `key` holding a sequence ("missiles:", "sites:", "radars:").
 * Returned: *seq  that sequence (may be empty)
 * Returned (function value): BMD_OK; BMD_EPARSE "NAME:1:1: expected a
 *           mapping ..., found nothing" (empty file), "missing key
 *           'missiles'", "unknown key 'missile' (did you mean ...)", "key
 *           'missiles': expected a sequence ...".
 */
int bmd__yaml_top_list(const bmd__yaml *y, const char *key, struct fy_node **seq, bmd_errbuf *err);

/*
 * bmd__yaml_name: the catalog key under "name" of an entry: required, 1 to
 * n-1 characters of [a-z0-9-], starting with a letter or digit.
 * Given:    what  the kind of entry for messages ("missile", "site")
 *           ctx   the entry's context so far ("missile 3"), buffer of ctx_n
 * Returned: out   the name; ctx rewritten to "WHAT 'NAME'" for later messages
 * Returned (function value): BMD_OK; BMD_EPARSE "CTX: missing key 'name'",
 *           "CTX: key 'name': 'Nodong' is not a valid name (lower-case
 *           letters, digits and '-', at most N characters)".
 */
int bmd__yaml_name(const bmd__yaml *y, struct fy_node *map, const char *what, char *out, size_t n,
                   char *ctx, size_t ctx_n, bmd_errbuf *err);

#endif /* BMD_IO_YAML_H */
