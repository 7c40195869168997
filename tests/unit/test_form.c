/*
** The form engine: the definition loaded from sql/, value parsing, every
** check, ratios. Runs against an in-memory database built from sql/ (the
** tests run from the repository root).
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "fixture.h"
#include "form.h"
#include "str.h"


static int setup(void **state)
{
    (void)state;
    if (fixture_open_db() < 0)
        return -1;
    return fixture_load_form();
}


static const struct form_element *el(const char *code)
{
    int i = form_find(f, code);
    assert_true(i >= 0);
    return &f->elements[i];
}

/* Parses raw for element code: the message, or NULL; *num when valid. */
static const char *parse(const char *code, const char *raw, int64_t *num)
{
    struct form_value v;
    const char *msg = form_parse(a, el(code), raw, &v);
    assert_ptr_equal(v.raw, raw);
    if (num)
        *num = v.ok ? v.num : -1;
    return msg;
}

static void the_definition_is_the_appendix(void **state)
{
    (void)state;
    assert_int_equal(f->n_sections, 4);
    assert_string_equal(f->sections[0].numeral, "I");
    assert_string_equal(f->sections[3].title, "Mạng lưới kết nối và mô hình");
    assert_string_equal(f->elements[0].code, "narrative");
    assert_int_equal(f->elements[0].section, -1);
    assert_int_equal(el("vaccinated_under6")->denominator, form_find(f, "children_under6"));
    assert_int_equal(el("staff_trained_province")->parent, form_find(f, "staff_trained"));
    assert_true(el("families_0_8")->supporting);
    assert_int_equal(el("radio_commune")->kind, FORM_YESNO);
    assert_int_equal(el("radio_district_times")->scope, SCOPE_DISTRICT);
    assert_int_equal(el("budget_vnd")->max, 10000000000000);
    assert_string_equal(form_label(el("posters"), true),
                        "Số pano, áp phích tuyên truyền trong xã về chăm sóc toàn diện trẻ em");
    assert_string_equal(form_label(el("posters"), false),
                        "Số pano, áp phích tuyên truyền trong huyện về chăm sóc toàn diện trẻ em");
    assert_int_equal(form_find(f, "no_such_code"), -1);
}

static void counts_accept_plain_and_dotted_whole_numbers(void **state)
{
    (void)state;
    int64_t n;
    assert_null(parse("children_0_8", "1234", &n));
    assert_int_equal(n, 1234);
    assert_null(parse("children_0_8", "1.234", &n));
    assert_int_equal(n, 1234);
    assert_null(parse("children_0_8", " 1.234.567 ", &n));
    assert_int_equal(n, 1234567);
    assert_null(parse("children_0_8", "0", &n));
    assert_int_equal(n, 0);
    assert_null(parse("children_0_8", "10.000.000", &n));
    assert_int_equal(n, 10000000);
    assert_null(parse("children_0_8", "", &n));
    assert_int_equal(n, -1); /* blank: no value, no message */
    assert_null(parse("children_0_8", NULL, &n));
}

static void counts_refuse_what_is_not_a_whole_number_in_range(void **state)
{
    (void)state;
    assert_non_null(strstr(parse("children_0_8", "abc", NULL), "không phải là số"));
    assert_non_null(strstr(parse("children_0_8", "12a", NULL), "«12a»"));
    assert_non_null(strstr(parse("children_0_8", "+5", NULL), "không phải là số"));
    assert_non_null(strstr(parse("children_0_8", "-3", NULL), "âm"));
    assert_non_null(strstr(parse("children_0_8", "-1.234", NULL), "âm"));
    assert_non_null(strstr(parse("children_0_8", "1.5", NULL), "số nguyên"));
    assert_non_null(strstr(parse("children_0_8", "12,5", NULL), "số nguyên"));
    assert_non_null(strstr(parse("children_0_8", "1.23", NULL), "số nguyên"));
    assert_non_null(strstr(parse("children_0_8", "1234.567", NULL), "số nguyên"));
    assert_non_null(strstr(parse("children_0_8", "1..234", NULL), "số nguyên"));
    assert_non_null(strstr(parse("children_0_8", "10000001", NULL), "10.000.000"));
    assert_non_null(strstr(parse("children_0_8", "99999999999999999999999", NULL), "giới hạn"));
    assert_non_null(strstr(parse("budget_vnd", "10000000000001", NULL), "10.000.000.000.000 đồng"));
    int64_t n;
    assert_null(parse("budget_vnd", "12.500.000", &n));
    assert_int_equal(n, 12500000);
}

/* The usual slips are named, with the number written the right way. */
static void counts_name_commas_spaces_and_percentages(void **state)
{
    (void)state;
    const char *m = parse("children_0_8", "1,302", NULL);
    assert_non_null(strstr(m, "dấu phẩy"));
    assert_non_null(strstr(m, "viết 1.302"));
    m = parse("children_0_8", "12,345,678", NULL);
    assert_non_null(strstr(m, "viết 12.345.678"));
    m = parse("children_0_8", " 1 250 ", NULL);
    assert_non_null(strstr(m, "dấu cách"));
    assert_non_null(strstr(m, "viết 1.250"));
    assert_non_null(strstr(parse("children_0_8", "95%", NULL), "phần trăm"));
    assert_non_null(strstr(parse("children_0_8", "95,5%", NULL), "phần trăm"));
    assert_non_null(strstr(parse("children_0_8", "12 a", NULL), "không phải là số"));
    assert_non_null(strstr(parse("children_0_8", "12,5", NULL), "số nguyên"));
    assert_non_null(strstr(parse("children_0_8", "1,30", NULL), "số nguyên"));
    assert_string_equal(form_message_text("blank_count"), "Chưa nhập số liệu. Nếu không có, nhập 0.");
}

static void yes_no_and_text(void **state)
{
    (void)state;
    int64_t n;
    assert_null(parse("radio_commune", "1", &n));
    assert_int_equal(n, 1);
    assert_null(parse("radio_commune", "Không", &n));
    assert_int_equal(n, 0);
    assert_null(parse("radio_commune", "có", &n));
    assert_int_equal(n, 1);
    assert_non_null(parse("radio_commune", "2", NULL));
    char long_text[20002 * 2 + 1];
    memset(long_text, 0, sizeof long_text);
    for (int i = 0; i < 20001; i++)
        memcpy(long_text + 2 * i, "ă", 2); /* 20 001 characters, 40 002 bytes */
    assert_non_null(strstr(parse("narrative", long_text, NULL), "20.000 ký tự"));
    long_text[2 * 20000] = 0; /* exactly 20 000 characters */
    assert_null(parse("narrative", long_text, &n));
    assert_int_equal(n, 20000);
}

/* A full set of valid values (no errors, no warnings). */
static struct form_value *valid_values(void)
{
    static const char *const values[][2] = {
        {"narrative", "Đã triển khai."}, {"budget_vnd", "12.500.000"}, {"children_0_8", "1000"},
        {"children_under6", "700"},      {"children_6_8", "300"},      {"birth_registered", "995"},
        {"vaccinated_under6", "690"},    {"living_with_parents", "900"}, {"selfprotect_6_8", "250"},
        {"schooling_6_8", "298"},        {"insured_under6", "697"},    {"insured_6_8", "270"},
        {"radio_commune", "1"},          {"radio_commune_times", "24"}, {"child_friendly_models", "2"},
        {"posters", "8"},                {"staff_trained", "40"},      {"staff_trained_province", "5"},
        {"staff_trained_district", "10"}, {"families_0_8", "600"},     {"families_trained", "240"},
        {"pregnant_counselled", "55"},   {"referral_network", "1"},    {"needs_monitoring", "0"},
        {"pilot_model", "0"},            {"radio_district_times", "12"}};
    struct form_value *v = arena_alloc(a, sizeof *v * (size_t)f->n_elements);
    for (size_t k = 0; k < sizeof values / sizeof *values; k++) {
        int i = form_find(f, values[k][0]);
        form_parse(a, &f->elements[i], values[k][1], &v[i]);
    }
    return v;
}

static void set(struct form_value *v, const char *code, const char *raw)
{
    int i = form_find(f, code);
    form_parse(a, &f->elements[i], raw, &v[i]);
}

/* Runs the checks; returns the issues. */
static struct form_issues check(const struct form_value *v, const struct form_value *prev,
                                bool submit)
{
    struct form_issues out = {0};
    form_check(a, f, SCOPE_COMMUNE, v, prev, submit, &out);
    return out;
}

/* Is there an issue of that severity at element code whose message has text? */
static bool has_issue(const struct form_issues *is, const char *code, bool error, const char *text)
{
    for (int k = 0; k < is->n; k++)
        if (is->items[k].elements[0] == form_find(f, code) && is->items[k].is_error == error &&
            strstr(is->items[k].message, text))
            return true;
    return false;
}

static void valid_values_pass_every_check(void **state)
{
    (void)state;
    struct form_value *v = valid_values();
    struct form_issues is = check(v, v, true);
    assert_int_equal(is.n, 0);
}

static void blank_counts_are_errors_only_on_submit(void **state)
{
    (void)state;
    struct form_value *v = valid_values();
    set(v, "posters", "");
    set(v, "pilot_model", "");
    set(v, "narrative", "");
    struct form_issues draft = check(v, NULL, false);
    assert_int_equal(draft.n, 0);
    struct form_issues submit = check(v, NULL, true);
    assert_int_equal(submit.n, 2); /* the narrative may stay empty */
    assert_true(has_issue(&submit, "posters", true, "Nếu không có, nhập 0"));
    assert_true(has_issue(&submit, "pilot_model", true, "Có hoặc Không"));
    assert_true(form_has_errors(&submit));
}

static void a_numerator_above_its_denominator_is_an_error(void **state)
{
    (void)state;
    struct form_value *v = valid_values();
    set(v, "vaccinated_under6", "701");
    set(v, "families_trained", "601");
    struct form_issues is = check(v, NULL, false);
    assert_int_equal(is.n, 2);
    assert_true(has_issue(&is, "vaccinated_under6", true,
                          "Số lượng (701) lớn hơn «trong đó: Số trẻ em dưới 6 tuổi» (700)."));
    assert_true(has_issue(&is, "families_trained", true, "(601)"));
    assert_int_equal(is.items[0].n_elements, 2);
}

static void age_bands_above_the_total_are_an_error_and_a_gap_a_warning(void **state)
{
    (void)state;
    struct form_value *v = valid_values();
    set(v, "children_6_8", "301");
    struct form_issues over = check(v, NULL, false);
    assert_true(has_issue(&over, "children_under6", true, "(1.001) lớn hơn"));
    assert_true(has_issue(&over, "children_under6", false, "khác"));
    set(v, "children_6_8", "299");
    set(v, "schooling_6_8", "290");
    set(v, "insured_6_8", "260");
    set(v, "selfprotect_6_8", "200");
    struct form_issues gap = check(v, NULL, true);
    assert_int_equal(gap.n, 1);
    assert_true(has_issue(&gap, "children_under6", false, "(999) khác số trẻ em đến 8 tuổi (1.000)"));
    assert_false(form_has_errors(&gap));
}

static void trainings_by_province_and_district_fit_in_the_total(void **state)
{
    (void)state;
    struct form_value *v = valid_values();
    set(v, "staff_trained_district", "36");
    struct form_issues is = check(v, NULL, false);
    assert_int_equal(is.n, 1);
    assert_true(has_issue(&is, "staff_trained_province", true, "(41) lớn hơn"));
}

static void year_over_year_warnings(void **state)
{
    (void)state;
    struct form_value *now = valid_values(), *prev = valid_values();
    set(prev, "children_0_8", "1500"); /* -33,33 % */
    set(prev, "children_under6", "1100");
    set(prev, "children_6_8", "400");
    set(prev, "birth_registered", "1500");
    struct form_issues is = check(now, prev, false);
    assert_true(has_issue(&is, "children_0_8", false, "thay đổi -33,33% so với năm trước (1.500)"));
    set(prev, "schooling_6_8", "400"); /* 100 % last year, 99,33 % now: no warning */
    set(now, "schooling_6_8", "200");  /* 66,67 %: fell 33,33 points */
    struct form_issues drop = check(now, prev, false);
    assert_true(has_issue(&drop, "schooling_6_8", false, "giảm 33,33 điểm phần trăm"));
    assert_true(has_issue(&drop, "schooling_6_8", false, "(100,00% xuống 66,67%)"));
    assert_false(has_issue(&drop, "birth_registered", false, "giảm"));
    set(prev, "children_0_8", "1200"); /* -16,67 %: under the 30 % threshold */
    struct form_issues small = check(now, prev, false);
    assert_false(has_issue(&small, "children_0_8", false, "thay đổi"));
}

static void district_rows_are_checked_only_for_a_district(void **state)
{
    (void)state;
    struct form_value *v = valid_values();
    set(v, "radio_district_times", "abc");
    struct form_issues commune = check(v, NULL, true);
    assert_false(has_issue(&commune, "radio_district_times", true, "không phải là số"));
    struct form_issues district = {0};
    form_check(a, f, SCOPE_DISTRICT, v, NULL, true, &district);
    assert_int_equal(district.n, 1);
    assert_true(has_issue(&district, "radio_district_times", true, "không phải là số"));
}

static void ratios_come_from_the_numerator_and_its_denominator(void **state)
{
    (void)state;
    struct form_value *v = valid_values();
    int64_t num, den;
    assert_true(form_ratio(f, v, form_find(f, "vaccinated_under6"), &num, &den));
    assert_int_equal(num, 690);
    assert_int_equal(den, 700);
    assert_false(form_ratio(f, v, form_find(f, "posters"), &num, &den));
    set(v, "children_under6", "");
    assert_false(form_ratio(f, v, form_find(f, "vaccinated_under6"), &num, &den));
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fresh_arena, free_arena)
    const struct CMUnitTest tests[] = {
        T(the_definition_is_the_appendix),
        T(counts_accept_plain_and_dotted_whole_numbers),
        T(counts_refuse_what_is_not_a_whole_number_in_range),
        T(counts_name_commas_spaces_and_percentages),
        T(yes_no_and_text),
        T(valid_values_pass_every_check),
        T(blank_counts_are_errors_only_on_submit),
        T(a_numerator_above_its_denominator_is_an_error),
        T(age_bands_above_the_total_are_an_error_and_a_gap_a_warning),
        T(trainings_by_province_and_district_fit_in_the_total),
        T(year_over_year_warnings),
        T(district_rows_are_checked_only_for_a_district),
        T(ratios_come_from_the_numerator_and_its_denominator),
    };
    return cmocka_run_group_tests_name("form", tests, setup, teardown);
}
