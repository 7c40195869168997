/*
** SVG charts: text and attribute escaping, the scale and bar geometry, and a
** whole chart read back (one bar per label, heights proportional).
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "str.h"
#include "svg.h"

/* s escaped by fn, in a string the caller frees. */
static char *escaped(void (*fn)(struct buf *, const char *), const char *s)
{
    struct buf b = {0};
    fn(&b, s);
    return b.s ? b.s : strdup("");
}

static void text_and_attributes_are_escaped(void **state)
{
    (void)state;
    char *t = escaped(svg_text, "Xã <Mỹ Hòa> & \"Tân\" 'Kiều'");
    assert_string_equal(t, "Xã &lt;Mỹ Hòa&gt; &amp; \"Tân\" 'Kiều'");
    char *a = escaped(svg_attr, "Xã <Mỹ Hòa> & \"Tân\" 'Kiều'");
    assert_string_equal(a, "Xã &lt;Mỹ Hòa&gt; &amp; &quot;Tân&quot; &#39;Kiều&#39;");
    char *e = escaped(svg_text, NULL);
    assert_string_equal(e, "");
    free(t), free(a), free(e);
}

static void the_scale_is_100_percent_unless_a_value_is_higher(void **state)
{
    (void)state;
    double v[] = {0.5, 0.9375, -1};
    assert_true(fabs(svg_scale_max(v, 3, -1) - 1.0) < 1e-12);
    assert_true(fabs(svg_scale_max(v, 3, 0.8) - 1.0) < 1e-12);
    double over[] = {0.5, 1.25};
    assert_true(fabs(svg_scale_max(over, 2, -1) - 1.3) < 1e-12);
    assert_true(fabs(svg_scale_max(v, 3, 1.1) - 1.1) < 1e-12);
}

static void bar_heights_are_proportional(void **state)
{
    (void)state;
    assert_true(fabs(svg_bar_height(0.9375, 1, 240) - 225) < 1e-9);
    assert_true(fabs(svg_bar_height(0.5, 1, 240) - 120) < 1e-9);
    assert_true(fabs(svg_bar_height(0, 1, 240)) < 1e-9);
    assert_true(fabs(svg_bar_height(1.3, 1.3, 240) - 240) < 1e-9);
    assert_true(svg_bar_height(-1, 1, 240) == 0); /* no data: no bar */
    assert_true(svg_bar_height(NAN, 1, 240) == 0);
}

/* Counts the occurrences of needle in s. */
static int occurrences(const char *s, const char *needle)
{
    int n = 0;
    for (const char *p = strstr(s, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

static void a_chart_has_one_bar_per_value_and_escapes_its_labels(void **state)
{
    (void)state;
    const char *labels[] = {"Xã Mỹ Hòa", "Xã <Tân> & Kiều", "Xã Mỹ An"};
    double values[] = {0.9375, 0.5, -1};
    struct svg_bars c = {.title = "Tỷ lệ <tiêm chủng>", .x_label = "Xã", .y_label = "Tỷ lệ",
                         .n = 3, .labels = labels, .values = values, .target = 0.8};
    struct buf b = {0};
    svg_bar_chart(&b, &c);
    assert_non_null(b.s);
    assert_int_equal(strncmp(b.s, "<svg xmlns=\"http://www.w3.org/2000/svg\"", 39), 0);
    assert_int_equal(occurrences(b.s, "<rect class=\"bar\""), 2); /* the third has no data */
    assert_non_null(strstr(b.s, "height=\"225.00\" fill=\"#2f6db5\" data-value=\"0.937500\""));
    assert_non_null(strstr(b.s, "height=\"120.00\" fill=\"#2f6db5\" data-value=\"0.500000\""));
    assert_non_null(strstr(b.s, ">93,75%</text>"));
    assert_non_null(strstr(b.s, ">50,00%</text>"));
    assert_non_null(strstr(b.s, ">—</text>"));
    assert_non_null(strstr(b.s, "data-label=\"Xã &lt;Tân&gt; &amp; Kiều\""));
    assert_non_null(strstr(b.s, "Tỷ lệ &lt;tiêm chủng&gt;"));
    assert_null(strstr(b.s, "<Tân>"));
    assert_non_null(strstr(b.s, "class=\"target\""));
    assert_non_null(strstr(b.s, ">Mục tiêu 80%</text>"));
    buf_free(&b);
}

static void a_narrow_chart_sorts_its_bars_and_keeps_its_text_readable(void **state)
{
    (void)state;
    const char *labels[] = {"Xã Mỹ Hòa", "Xã <Tân> & Kiều", "Xã Mỹ An", "Xã Một tên rất dài của xã"};
    double values[] = {0.5, 0.9375, -1, 0.75};
    struct svg_bars c = {.title = "Tỷ lệ", .x_label = "Xã", .y_label = "Tỷ lệ", .n = 4,
                         .labels = labels, .values = values, .target = 0.8};
    struct buf b = {0};
    svg_hbar_chart(&b, &c);
    assert_non_null(b.s);
    assert_int_equal(occurrences(b.s, "<rect class=\"hbar\""), 3);
    const char *first = strstr(b.s, "data-value=\"0.937500\""), *second = strstr(b.s, "data-value=\"0.750000\""),
               *third = strstr(b.s, "data-value=\"0.500000\""), *none = strstr(b.s, ">Xã Mỹ An</text>");
    assert_true(first && second && third && none);
    assert_true(first < second && second < third && third < none); /* highest first, no data last */
    assert_non_null(strstr(b.s, "viewBox=\"0 0 330 "));
    assert_null(strstr(b.s, "font-size=\"10"));
    assert_null(strstr(b.s, "font-size=\"11\""));
    assert_non_null(strstr(b.s, ">Xã Một tên rất dài…</text>")); /* cut at 18 characters */
    assert_non_null(strstr(b.s, "data-label=\"Xã Một tên rất dài của xã\"")); /* whole in the bar */
    assert_null(strstr(b.s, "<Tân>"));
    assert_non_null(strstr(b.s, "class=\"target\""));
    buf_free(&b);
}

static void a_stacked_bar_adds_up_to_the_whole(void **state)
{
    (void)state;
    const char *labels[] = {"Đã duyệt", "Chờ duyệt", "Chưa nhập"};
    const char *colors[] = {"#1e7b34", "#2f6db5", "#e3e7ed"};
    long long counts[] = {5, 3, 5};
    struct svg_stack c = {.title = "Tình hình <nộp>", .n = 3, .labels = labels, .colors = colors,
                          .counts = counts, .total = 13, .unit_word = "xã",
                          .note = "Trễ hạn (tính riêng): 7/13 xã"};
    struct buf b = {0};
    svg_stacked_chart(&b, &c);
    assert_non_null(b.s);
    assert_int_equal(occurrences(b.s, "<rect class=\"seg\""), 3);
    double sum = 0;
    for (const char *p = strstr(b.s, "<rect class=\"seg\""); p; p = strstr(p + 1, "<rect class=\"seg\"")) {
        const char *w = strstr(p, "width=\"");
        sum += strtod(w + 7, NULL);
    }
    assert_true(sum > 313.9 && sum < 314.1); /* the bar's whole width, never more */
    assert_non_null(strstr(b.s, ">Đã duyệt: 5/13 xã</text>"));
    assert_non_null(strstr(b.s, ">Trễ hạn (tính riêng): 7/13 xã</text>"));
    assert_non_null(strstr(b.s, "Tình hình &lt;nộp&gt;"));
    buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(text_and_attributes_are_escaped),
        cmocka_unit_test(the_scale_is_100_percent_unless_a_value_is_higher),
        cmocka_unit_test(bar_heights_are_proportional),
        cmocka_unit_test(a_chart_has_one_bar_per_value_and_escapes_its_labels),
        cmocka_unit_test(a_narrow_chart_sorts_its_bars_and_keeps_its_text_readable),
        cmocka_unit_test(a_stacked_bar_adds_up_to_the_whole),
    };
    return cmocka_run_group_tests_name("svg", tests, NULL, NULL);
}
