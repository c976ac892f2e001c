/*
 * test_input_guard.c: the input contract of bmd/input.h: bounded reading
 * (bmd_input_read), the UTF-8 text check before any parser
 * (bmd_input_check_text) and the one table of valid ranges
 * (bmd_input_range_*), which must match docs/formats.md ("Valid ranges").
 *
 * Run as `test_input_guard --print` to print that table as Markdown.
 * Regression inputs are those of issue 12 (tests/data/bad/README.md).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"

#include "bmd/input.h"

static const char *data_dir(void)
{
    const char *d = getenv("BMD_DATA_DIR");
    return (d != NULL && d[0] != '\0') ? d : BMD_DATA_DIR_DEFAULT;
}

/* The ranges as the Markdown table of docs/formats.md into buf. */
static void ranges_markdown(char *buf, size_t n)
{
    size_t count, used = 0;
    const bmd_input_range *r = bmd_input_range_table(&count);
    used += (size_t)snprintf(buf + used, n - used,
                             "| field (key, --option) | quantity | from | to | why |\n"
                             "|---|---|---|---|---|\n");
    for (size_t i = 0; i < count && used < n; i++) {
        char lo[48], hi[48];
        bmd_units_format(r[i].min, r[i].q, lo, sizeof lo);
        bmd_units_format(r[i].max, r[i].q, hi, sizeof hi);
        used += (size_t)snprintf(buf + used, n - used, "| `%s` | %s | %s | %s | %s |\n", r[i].name,
                                 bmd_quantity_name(r[i].q), lo, hi, r[i].why);
    }
}

static void test_docs_table(void **state)
{
    (void)state;
    static char want[16384], doc[1 << 18];
    ranges_markdown(want, sizeof want);
    char path[4096];
    snprintf(path, sizeof path, "%s/../docs/formats.md", data_dir());
    char *text = NULL;
    size_t len = 0;
    CHECK_OK(bmd_input_read(path, 0, &text, &len, NULL));
    assert_true(len < sizeof doc);
    memcpy(doc, text, len + 1);
    free(text);
    const char *b = strstr(doc, "<!-- ranges:begin -->\n");
    const char *e = strstr(doc, "<!-- ranges:end -->");
    assert_non_null(b);
    assert_non_null(e);
    b += strlen("<!-- ranges:begin -->\n");
    if ((size_t)(e - b) != strlen(want) || strncmp(b, want, strlen(want)) != 0)
        fail_msg("docs/formats.md 'Valid ranges' differs from src/input/ranges.c; "
                 "regenerate it with `test_input_guard --print`");
}

static void test_ranges(void **state)
{
    (void)state;
    bmd_errbuf e;
    /* issue 12: dt 1e-300 s gave a leaker instead of an intercept */
    CHECK_STATUS(bmd_input_range_check("dt", BMD_Q_TIME, 1e-300, &e), BMD_EINVAL);
    assert_non_null(strstr(e.msg, "must be from 0.001s to 10s"));
    CHECK_OK(bmd_input_range_check("dt", BMD_Q_TIME, 0.5, &e));
    CHECK_OK(bmd_input_range_check("dt", BMD_Q_TIME, 10.0, &e)); /* bounds inclusive */
    CHECK_STATUS(bmd_input_range_check("dt", BMD_Q_TIME, 0.0 / 0.0 + 1.0 / 0.0 * 0.0, &e),
                 BMD_EINVAL);
    CHECK_STATUS(bmd_input_range_check("apogee", BMD_Q_LENGTH, -100e3, &e), BMD_EINVAL);
    CHECK_STATUS(bmd_input_range_check("--half-width", BMD_Q_ANGLE, 4.0, &e), BMD_EINVAL);
    CHECK_STATUS(bmd_input_range_check("boresight", BMD_Q_ANGLE, 1e300 * 0.0174, &e), BMD_EINVAL);
    /* the entry applies to its quantity only; unknown names only need finite */
    CHECK_OK(bmd_input_range_check("dt", BMD_Q_LENGTH, -5.0, &e));
    CHECK_OK(bmd_input_range_check("no_such_field", BMD_Q_TIME, -1e30, &e));
    assert_non_null(bmd_input_range_find("half-width", BMD_Q_ANGLE));
    assert_null(bmd_input_range_find("half", BMD_Q_ANGLE));
}

static int check_text(const char *text, size_t len, int yaml, const char *want)
{
    bmd_errbuf e = {{0}};
    int st = bmd_input_check_text(text, len, "f", yaml, &e);
    if (want == NULL) {
        if (st != BMD_OK) fail_msg("'%s' refused: %s", text, e.msg);
    } else if (st != BMD_EPARSE || strstr(e.msg, want) == NULL) {
        fail_msg("status %d message '%s', want '%s'", st, e.msg, want);
    }
    return st;
}

static void test_text(void **state)
{
    (void)state;
    check_text("a: 1\n", 5, 1, NULL);
    check_text("\xef\xbb\xbf"
               "a: \xc3\xa9\n",
               9, 1, NULL);                                             /* BOM and U+00E9 */
    check_text("# \tcomment\na: 1\n", 16, 1, NULL);                     /* tab in a comment line */
    check_text("a: 1\nb: \x00\n", 10, 1, "f:2:4: NUL byte");            /* issue 12: truncation */
    check_text("%\xff", 2, 1, "f:1:2: invalid UTF-8 byte 0xFF");        /* issue 12: hang */
    check_text("? a:\t ?", 7, 1, "f:1:5: tab character");               /* issue 12: SEGV */
    check_text("? a:\t ?", 7, 0, NULL);                                 /* tabs fine outside YAML */
    check_text("a: \xc0\x80", 5, 1, "invalid UTF-8 byte 0xC0");         /* overlong NUL */
    check_text("a: \xed\xa0\x80", 6, 1, "invalid UTF-8 byte 0xED");     /* surrogate */
    check_text("a: \xf4\x90\x80\x80", 7, 1, "invalid UTF-8 byte 0xF4"); /* > U+10FFFF */
    check_text("a: \xe2\x82", 5, 1, "f:1:4: invalid UTF-8");            /* cut sequence */
    check_text("a: \x1b", 4, 1, "control character U+001B");
    check_text("\xff\xfe"
               "a\0:\0",
               6, 1, "UTF-16");
    check_text("a\0:\0 \0"
               "1\0",
               8, 0, "UTF-16");
    check_text("x\r\ny\rz: \x01", 9, 1, "f:3:4: control character"); /* CR and CRLF */
}

static void test_read(void **state)
{
    (void)state;
    char dir[] = "bmd-guard-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[128];
    snprintf(path, sizeof path, "%s/f.yaml", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("0123456789", f);
    fclose(f);
    char *text = NULL;
    size_t len = 0;
    bmd_errbuf e;
    CHECK_OK(bmd_input_read(path, 10, &text, &len, &e));
    assert_int_equal(len, 10);
    assert_string_equal(text, "0123456789");
    free(text);
    CHECK_STATUS(bmd_input_read(path, 9, &text, &len, &e), BMD_ELIMIT);
    assert_null(text);
    assert_non_null(strstr(e.msg, "larger than 9 bytes"));
    CHECK_STATUS(bmd_input_read(dir, 0, &text, &len, &e), BMD_EIO);
    assert_non_null(strstr(e.msg, "is a directory"));
    /* issue 12: /dev/zero was read until memory ran out */
    CHECK_STATUS(bmd_input_read("/dev/zero", 0, &text, &len, &e), BMD_EIO);
    assert_non_null(strstr(e.msg, "not a regular file or a pipe"));
    remove(path);
    CHECK_STATUS(bmd_input_read(path, 0, &text, &len, &e), BMD_EIO);
    rmdir(dir);
    /* a pipe: read to its end, and bounded */
    int fd[2];
    assert_int_equal(pipe(fd), 0);
    assert_int_equal(write(fd[1], "abcdef", 6), 6);
    close(fd[1]);
    char pp[64];
    snprintf(pp, sizeof pp, "/dev/fd/%d", fd[0]);
    CHECK_STATUS(bmd_input_read(pp, 5, &text, &len, &e), BMD_ELIMIT);
    close(fd[0]);
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--print") == 0) {
        static char md[16384];
        ranges_markdown(md, sizeof md);
        fputs(md, stdout);
        return 0;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ranges),
        cmocka_unit_test(test_text),
        cmocka_unit_test(test_read),
        cmocka_unit_test(test_docs_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
