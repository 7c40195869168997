/*
** Issue 9 in C: the username rule, CSV cells that would be formulas, and the
** login throttle's allowance, growing holds and concurrency bound.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "export.h"
#include "str.h"
#include "throttle.h"

static void usernames_are_folded_ascii_of_3_to_64(void **state)
{
    (void)state;
    char out[AUTH_USERNAME_MAX + 1];
    assert_true(auth_username_fold("Xa.My-Hoa_2", out));
    assert_string_equal(out, "xa.my-hoa_2");
    assert_true(auth_username_fold("abc", out));
    char longest[65];
    memset(longest, 'a', 64);
    longest[64] = 0;
    assert_true(auth_username_fold(longest, out));
    longest[63] = 0;
    const char *bad[] = {"ab", "\xD0\xB0" "dmin", "admin\xE2\x80\x8B", "\xE2\x80\xAE" "admin", "ad\x01min",
                         "admin ", "<b>x</b>", "ad min", "x\xC3\xA3", "", NULL};
    for (int i = 0; bad[i]; i++)
        assert_false(auth_username_fold(bad[i], out));
    assert_false(auth_username_fold(NULL, out));
    char too_long[66];
    memset(too_long, 'a', 65);
    too_long[65] = 0;
    assert_false(auth_username_fold(too_long, out));
}

/* One CSV field as export_csv_field writes it (without the separator). */
static char *field(const char *s, bool text)
{
    struct buf b = {0};
    export_csv_field(&b, s, text, true);
    b.s[b.len - 2] = 0; /* drop "\r\n" */
    return b.s;
}

static void formula_cells_become_text(void **state)
{
    (void)state;
    const char *cases[][2] = {
        {"=1+1", "\"'=1+1\""},
        {"+1", "\"'+1\""},
        {"-1", "\"'-1\""},
        {"@SUM(A1)", "\"'@SUM(A1)\""},
        {"\t=1", "\"'\t=1\""},
        {"\r=1", "\"'\r=1\""},
        {"=HYPERLINK(\"http://x/\",\"a\")", "\"'=HYPERLINK(\"\"http://x/\"\",\"\"a\"\")\""},
        {"Tốt, đủ", "\"Tốt, đủ\""},
        {"a=b", "a=b"},
        {"", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *got = field(cases[i][0], true);
        assert_string_equal(got, cases[i][1]);
        free(got);
    }
    char *n = field("-5", false);
    assert_string_equal(n, "-5"); /* a number the program wrote stays a number */
    free(n);
}

static void the_throttle_holds_after_the_allowance_and_bounds_concurrency(void **state)
{
    (void)state;
    int wait;
    bool first;
    throttle_reset();
    for (int i = 0; i < THROTTLE_USER_FREE; i++) {
        assert_true(throttle_begin("xa.myhoa", "192.0.2.1", &wait, &first));
        throttle_end("xa.myhoa", "192.0.2.1", false);
    }
    assert_false(throttle_begin("xa.myhoa", "192.0.2.9", &wait, &first));
    assert_true(first);
    assert_int_equal(wait, THROTTLE_BASE);
    assert_false(throttle_begin("xa.myhoa", "192.0.2.9", &wait, &first));
    assert_false(first); /* a hold is reported once */
    assert_true(throttle_begin("huyen.thapmuoi", "192.0.2.1", &wait, &first));
    throttle_end("huyen.thapmuoi", "192.0.2.1", true);

    /* attempts under way count: no more than the allowance at once */
    throttle_reset();
    int let = 0;
    for (int i = 0; i < 3 * THROTTLE_ADDR_FREE; i++) {
        char name[32];
        snprintf(name, sizeof name, "doan.%d", i);
        let += throttle_begin(name, "198.51.100.7", &wait, &first);
    }
    assert_int_equal(let, THROTTLE_ADDR_FREE);
    throttle_reset();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(usernames_are_folded_ascii_of_3_to_64),
        cmocka_unit_test(formula_cells_become_text),
        cmocka_unit_test(the_throttle_holds_after_the_allowance_and_bounds_concurrency),
    };
    return cmocka_run_group_tests_name("security", tests, NULL, NULL);
}
