/*
** Vietnamese number and date formatting.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "fmt.h"

static void counts_use_dots_between_thousands(void **state)
{
    (void)state;
    char b[FMT_NUM_MAX];
    assert_string_equal(fmt_count(b, 0), "0");
    assert_string_equal(fmt_count(b, 999), "999");
    assert_string_equal(fmt_count(b, 1000), "1.000");
    assert_string_equal(fmt_count(b, 1234567), "1.234.567");
    assert_string_equal(fmt_count(b, -1234), "-1.234");
    assert_string_equal(fmt_count(b, 10000000000000), "10.000.000.000.000");
    assert_string_equal(fmt_count(b, INT64_MIN), "-9.223.372.036.854.775.808");
}

static void ratios_have_two_decimals_after_a_comma(void **state)
{
    (void)state;
    char b[FMT_NUM_MAX];
    assert_string_equal(fmt_ratio(b, 2043, 10000), "20,43%");
    assert_string_equal(fmt_ratio(b, 15, 16), "93,75%");
    assert_string_equal(fmt_ratio(b, 1, 3), "33,33%");
    assert_string_equal(fmt_ratio(b, 2, 3), "66,67%"); /* rounded half up */
    assert_string_equal(fmt_ratio(b, 1, 8), "12,50%");
    assert_string_equal(fmt_ratio(b, 1, 200000), "0,00%");
    assert_string_equal(fmt_ratio(b, 1, 20000), "0,01%"); /* 0.005% rounds up */
    assert_string_equal(fmt_ratio(b, 5, 5), "100,00%");
    assert_string_equal(fmt_ratio(b, 25, 2), "1.250,00%");
    assert_string_equal(fmt_ratio(b, 7, 0), "—");
    assert_string_equal(fmt_ratio(b, 100000000000, 100000000001), "100,00%"); /* no overflow */
}

static void fractions_and_points(void **state)
{
    (void)state;
    char b[FMT_NUM_MAX];
    assert_string_equal(fmt_fraction(b, 0.8), "80%");
    assert_string_equal(fmt_fraction(b, 1.0), "100%");
    assert_string_equal(fmt_fraction(b, 0.925), "92,50%");
    assert_string_equal(fmt_points(b, 23.456), "23,46");
    assert_string_equal(fmt_points(b, -5.5), "-5,50");
}

static void long_dates_pad_days_and_the_first_two_months(void **state)
{
    (void)state;
    char b[FMT_DATE_MAX];
    assert_string_equal(fmt_date_long(b, "2024-11-05"), "ngày 05 tháng 11 năm 2024");
    assert_string_equal(fmt_date_long(b, "2025-02-28"), "ngày 28 tháng 02 năm 2025");
    assert_string_equal(fmt_date_long(b, "2025-01-05"), "ngày 05 tháng 01 năm 2025");
    assert_string_equal(fmt_date_long(b, "2025-03-01"), "ngày 01 tháng 3 năm 2025");
    assert_string_equal(fmt_date_long(b, "2024-12-31T23:00:00Z"), "ngày 31 tháng 12 năm 2024");
    assert_string_equal(fmt_date_long(b, "2024-02-30"), "");
    assert_string_equal(fmt_date_long(b, "2024-13-01"), "");
    assert_string_equal(fmt_date_long(b, "hôm nay"), "");
    assert_string_equal(fmt_date_long(b, NULL), "");
}

static void short_dates_and_times_in_vietnam(void **state)
{
    (void)state;
    char b[FMT_DATE_MAX];
    assert_string_equal(fmt_date_short(b, "2024-11-05"), "05/11/2024");
    assert_string_equal(fmt_time_vn(b, "2024-11-05T01:30:00Z"), "08:30 05/11/2024");
    assert_string_equal(fmt_time_vn(b, "2024-12-31T20:00:00Z"), "03:00 01/01/2025");
    assert_string_equal(fmt_time_vn(b, "x"), "");
    char d[16];
    assert_string_equal(fmt_date_vn(d, "2024-11-20T16:59:59Z"), "2024-11-20");
    assert_string_equal(fmt_date_vn(d, "2024-11-20T17:00:00Z"), "2024-11-21");
    assert_string_equal(fmt_date_vn(d, NULL), "");
    assert_true(fmt_is_date("2024-02-29"));
    assert_false(fmt_is_date("2023-02-29"));
    assert_false(fmt_is_date("2024-2-9"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(counts_use_dots_between_thousands),
        cmocka_unit_test(ratios_have_two_decimals_after_a_comma),
        cmocka_unit_test(fractions_and_points),
        cmocka_unit_test(long_dates_pad_days_and_the_first_two_months),
        cmocka_unit_test(short_dates_and_times_in_vietnam),
    };
    return cmocka_run_group_tests_name("fmt", tests, NULL, NULL);
}
