/*
** The printable sheet: filled from a report, as the blank form and from
** roll-up totals; its cells, JSON and CSV; the header's capitals, place and
** date; the sign-off settings. Runs against an in-memory database built from
** sql/ (the tests run from the repository root).
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "export.h"
#include "fmt.h"
#include "form.h"
#include "report.h"
#include "sheet.h"
#include "str.h"
#include "unit.h"

static const struct unit commune = {.id = 1, .code = "30052", .name = "Xã Mỹ Hòa", .kind = "Xã",
                                    .level = "commune"};
static const struct unit district = {.id = 2, .code = "872", .name = "Huyện Tháp Mười",
                                     .kind = "Huyện", .level = "district"};
static const struct period year = {.id = 1, .code = "2024", .start = "2024-01-01",
                                   .end = "2024-12-31", .due = "2024-11-20"};

static int setup(void **state)
{
    (void)state;
    if (fixture_open_db() < 0 ||
        db_exec("INSERT INTO unit (id, code, name, kind, level) VALUES "
                "(1, '30052', 'Xã Mỹ Hòa', 'Xã', 'commune');"
                "INSERT INTO unit_setting (unit_id, authority, signer_title, signer_name, recipients) "
                "VALUES (1, 'TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\n', 'PHÓ CHỦ TỊCH', 'Nguyễn Văn An', "
                "' Phòng LĐ-TB&XH huyện Tháp Mười;\n\nLưu: VT. ');") < 0)
        return -1;
    return fixture_load_form();
}


/* A report of status with a few values typed. */
static struct report *report_with(const char *status)
{
    static const char *const typed[][2] = {
        {"narrative", "Đã tập huấn, cho cha mẹ."}, {"budget_vnd", "12.500.000"},
        {"children_0_8", "1600"}, {"children_under6", "1.000"}, {"vaccinated_under6", "940"},
        {"radio_commune", "có"}, {"pilot_model", "0"}};
    struct report *r = arena_alloc(a, sizeof *r);
    r->status = status;
    r->submitted_at = strcmp(status, "draft") ? "2024-11-05T02:00:00Z" : NULL;
    r->values = arena_alloc(a, sizeof *r->values * (size_t)f->n_elements);
    for (size_t k = 0; k < sizeof typed / sizeof *typed; k++) {
        int i = form_find(f, typed[k][0]);
        form_parse(a, &f->elements[i], typed[k][1], &r->values[i]);
    }
    return r;
}

/* The row of element code in s (header or table). */
static const struct sheet_row *row(const struct sheet *s, const char *code)
{
    for (int k = 0; k < s->n_header; k++)
        if (strcmp(s->header[k].code, code) == 0)
            return &s->header[k];
    for (int k = 0; k < s->n_rows; k++)
        if (s->rows[k].code && strcmp(s->rows[k].code, code) == 0)
            return &s->rows[k];
    fail_msg("no row %s", code);
    return NULL;
}

static void a_commune_report_fills_the_table(void **state)
{
    (void)state;
    struct sheet s;
    assert_int_equal(sheet_from_report(a, f, &commune, &year, report_with("draft"), &s), 0);
    assert_true(s.draft);
    assert_false(s.blank);
    assert_null(s.subtitle);
    assert_int_equal(s.n_header, 2);
    assert_string_equal(s.rows[0].tt, "I");
    assert_int_equal(s.rows[0].kind, SHEET_SECTION);
    assert_string_equal(s.rows[0].label, "Trẻ em từ 0-8 tuổi");
    assert_non_null(strstr(s.title, "trong những năm đầu đời tại gia đình và cộng đồng năm 2024"));
    const struct sheet_row *v = row(&s, "vaccinated_under6");
    assert_string_equal(v->tt, "-");
    assert_string_equal(sheet_value_text(a, v), "940");
    assert_string_equal(sheet_ratio_text(a, v), "94,00%");
    assert_string_equal(row(&s, "children_under6")->tt, "");
    assert_true(row(&s, "children_under6")->sub);
    assert_string_equal(sheet_value_text(a, row(&s, "children_under6")), "1.000");
    assert_string_equal(sheet_value_text(a, row(&s, "budget_vnd")), "12.500.000");
    assert_string_equal(sheet_value_text(a, row(&s, "radio_commune")), "Có");
    assert_string_equal(sheet_value_text(a, row(&s, "pilot_model")), "Không");
    assert_string_equal(sheet_value_text(a, row(&s, "posters")), "");
    assert_string_equal(sheet_ratio_text(a, row(&s, "insured_6_8")), "—");
    assert_string_equal(sheet_ratio_text(a, row(&s, "posters")), "");
    /* a commune reads the questions put to it; the district row is not its own */
    assert_string_equal(row(&s, "radio_commune")->label,
                        "Xã có tổ chức truyền thanh trên Trạm truyền thanh của xã không?");
    for (int k = 0; k < s.n_rows; k++)
        assert_true(!s.rows[k].code || strcmp(s.rows[k].code, "radio_district_times") != 0);
}

static void a_submitted_report_is_no_draft_and_dated(void **state)
{
    (void)state;
    struct sheet s;
    assert_int_equal(sheet_from_report(a, f, &commune, &year, report_with("submitted"), &s), 0);
    assert_false(s.draft);
    assert_string_equal(s.date, "2024-11-05");
    char date[FMT_DATE_MAX];
    const char *line = arena_printf(a, "%s, %s", sheet_place(&commune), fmt_date_long(date, s.date));
    assert_string_equal(line, "Mỹ Hòa, ngày 05 tháng 11 năm 2024");
    assert_string_equal(fmt_date_long(date, "2025-01-05"), "ngày 05 tháng 01 năm 2025");
    assert_string_equal(sheet_place(&district), "Tháp Mười");
}

static void the_blank_form_has_every_row_and_no_value(void **state)
{
    (void)state;
    struct sheet s;
    assert_int_equal(sheet_from_report(a, f, &commune, &year, NULL, &s), 0);
    assert_true(s.blank);
    assert_false(s.draft);
    int elements = 0;
    for (int k = 0; k < s.n_rows; k++) {
        elements += s.rows[k].kind == SHEET_ELEMENT;
        assert_int_equal(s.rows[k].value_kind, SHEET_BLANK);
    }
    assert_int_equal(elements + s.n_header, f->n_elements - 1); /* all but the district's row */
    assert_int_equal(row(&s, "narrative")->holds, SHEET_TEXT);
}

static void a_district_sheet_is_its_roll_up_and_its_blank_table_prints(void **state)
{
    (void)state;
    struct sheet s;
    assert_int_equal(sheet_load(a, f, &district, &year, false, false, &s), SHEET_FILLED);
    assert_string_equal(s.status, "rollup"); /* no commune below it in this database */
    assert_string_equal(s.subtitle, "Đã tổng hợp 0/0 xã");
    assert_int_equal(sheet_load(a, f, &district, &year, false, true, &s), SHEET_FILLED);
    assert_true(s.only_approved);
    assert_string_equal(s.subtitle, "Đã tổng hợp 0/0 xã (chỉ tính báo cáo đã duyệt)");
    assert_int_equal(sheet_load(a, f, &district, &year, true, false, &s), SHEET_FILLED);
    assert_true(s.blank);
    assert_string_equal(row(&s, "radio_district_times")->label,
                        "Số lần truyền thanh trên Đài phát thanh của huyện");
    assert_string_equal(row(&s, "radio_commune")->label,
                        "Số xã có tổ chức truyền thanh trên hệ thống Trạm truyền thanh của xã");
    assert_int_equal(sheet_load(a, f, &commune, &year, false, false, &s), SHEET_FILLED);
    assert_string_equal(s.status, "empty"); /* no report stored for this unit */
    assert_true(s.draft);
}

static void roll_up_totals_recompute_ratios_and_count_yes_over_all_communes(void **state)
{
    (void)state;
    int64_t *totals = arena_alloc(a, sizeof *totals * (size_t)f->n_elements);
    bool *known = arena_alloc(a, sizeof *known * (size_t)f->n_elements);
    totals[form_find(f, "children_under6")] = 8000;
    totals[form_find(f, "vaccinated_under6")] = 7500;
    totals[form_find(f, "radio_commune")] = 10;
    known[form_find(f, "children_under6")] = known[form_find(f, "vaccinated_under6")] = true;
    known[form_find(f, "radio_commune")] = true;
    struct sheet s;
    assert_int_equal(sheet_from_totals(a, f, &district, &year, totals, known, 11, 13, &s), 0);
    assert_string_equal(s.subtitle, "Đã tổng hợp 11/13 xã");
    assert_false(s.draft);
    assert_string_equal(sheet_ratio_text(a, row(&s, "vaccinated_under6")), "93,75%");
    const struct sheet_row *radio = row(&s, "radio_commune");
    assert_string_equal(radio->label,
                        "Số xã có tổ chức truyền thanh trên hệ thống Trạm truyền thanh của xã");
    assert_string_equal(sheet_value_text(a, radio), "10");
    assert_string_equal(sheet_ratio_text(a, radio), "76,92%");
    assert_string_equal(sheet_ratio_text(a, row(&s, "insured_6_8")), "—");
    assert_string_equal(sheet_value_text(a, row(&s, "radio_district_times")), "");
    json_t *j = sheet_json(&s);
    assert_string_equal(json_string_value(json_object_get(j, "subtitle")), "Đã tổng hợp 11/13 xã");
    json_decref(j);
}

static void json_and_csv_carry_every_element(void **state)
{
    (void)state;
    struct sheet s;
    assert_int_equal(sheet_from_report(a, f, &commune, &year, report_with("draft"), &s), 0);
    json_t *j = sheet_json(&s), *rows = json_object_get(j, "rows");
    assert_int_equal(json_array_size(rows), f->n_elements - 1);
    json_t *first = json_array_get(rows, 0);
    assert_string_equal(json_string_value(json_object_get(first, "code")), "narrative");
    json_t *vac = NULL;
    for (size_t k = 0; k < json_array_size(rows); k++)
        if (strcmp(json_string_value(json_object_get(json_array_get(rows, k), "code")),
                   "vaccinated_under6") == 0)
            vac = json_array_get(rows, k);
    assert_int_equal(json_integer_value(json_object_get(vac, "value")), 940);
    assert_int_equal(json_integer_value(json_object_get(vac, "denominator")), 1000);
    assert_true(json_real_value(json_object_get(vac, "ratio")) == 0.94);
    json_decref(j);

    size_t len;
    char *csv = export_csv(&s, &len);
    assert_int_equal(memcmp(csv, "\xEF\xBB\xBFMã,Nội dung,Số lượng,Mẫu số,Tỷ lệ\r\n", 42), 0);
    assert_non_null(strstr(csv, "\r\nnarrative,Tình hình thực hiện,\"Đã tập huấn, cho cha mẹ.\",,\r\n"));
    assert_non_null(strstr(csv, "\r\nbudget_vnd,Tổng kinh phí thực hiện (đồng),12500000,,\r\n"));
    assert_non_null(strstr(csv, "\r\nvaccinated_under6,"));
    assert_non_null(strstr(csv, ",940,1000,0.94\r\n"));
    assert_non_null(strstr(csv, "?,1,,\r\n")); /* radio_commune: yes is 1 */
    assert_non_null(strstr(csv, "\r\nposters,\"Số pano, áp phích"));
    free(csv);
}

static void capitals_lines_and_signoff(void **state)
{
    (void)state;
    assert_string_equal(str_upper_vn(a, "Xã Mỹ Hòa"), "XÃ MỸ HÒA");
    assert_string_equal(str_upper_vn(a, "Huyện Tháp Mười, đồng ý ơ ư ĩ ũ ă"),
                        "HUYỆN THÁP MƯỜI, ĐỒNG Ý Ơ Ư Ĩ Ũ Ă");
    assert_string_equal(str_upper_vn(a, "năm 2024 — ỹ ạ ẩ"), "NĂM 2024 — Ỹ Ạ Ẩ");
    const char **lines;
    assert_int_equal(sheet_lines(a, "  a \n\n b\r\n", &lines), 2);
    assert_string_equal(lines[0], "a");
    assert_string_equal(lines[1], "b");
    struct sheet_signoff so;
    assert_int_equal(sheet_signoff_load(a, 1, &so), 0);
    assert_int_equal(so.n_authority, 2);
    assert_string_equal(so.authority[1], "KT. CHỦ TỊCH");
    assert_string_equal(so.signer_title, "PHÓ CHỦ TỊCH");
    assert_string_equal(so.signer_name, "Nguyễn Văn An");
    assert_int_equal(so.n_recipients, 2);
    assert_string_equal(so.recipients[1], "Lưu: VT.");
    assert_int_equal(sheet_signoff_load(a, 99, &so), 0);
    assert_int_equal(so.n_authority + so.n_recipients, 0);
    assert_string_equal(so.signer_name, "");
}

/* Nghị định 09/2019/NĐ-CP, Điều 12: the data cut-off of each kind of period,
** and the sheet's line under the title. */
static void the_cut_off_follows_the_decree(void **state)
{
    (void)state;
    const char *from, *to;
    assert_int_equal(sheet_cutoff_default(a, "2024", &from, &to), 0);
    assert_string_equal(from, "2023-12-15");
    assert_string_equal(to, "2024-12-14");
    assert_int_equal(sheet_cutoff_default(a, "2024S1", &from, &to), 0);
    assert_string_equal(from, "2023-12-15");
    assert_string_equal(to, "2024-06-14");
    assert_int_equal(sheet_cutoff_default(a, "2024S2", &from, &to), 0);
    assert_string_equal(from, "2024-06-15");
    assert_string_equal(to, "2024-12-14");
    assert_int_equal(sheet_cutoff_default(a, "2024Q1", &from, &to), -1);
    struct sheet s;
    assert_int_equal(sheet_from_report(a, f, &commune, &year, NULL, &s), 0);
    assert_string_equal(sheet_cutoff_line(a, &s),
                        "Số liệu tính từ ngày 15 tháng 12 năm 2023 đến ngày 14 tháng 12 năm 2024");
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fresh_arena, free_arena)
    const struct CMUnitTest tests[] = {
        T(a_commune_report_fills_the_table),
        T(a_submitted_report_is_no_draft_and_dated),
        T(the_blank_form_has_every_row_and_no_value),
        T(a_district_sheet_is_its_roll_up_and_its_blank_table_prints),
        T(roll_up_totals_recompute_ratios_and_count_yes_over_all_communes),
        T(json_and_csv_carry_every_element),
        T(capitals_lines_and_signoff),
        T(the_cut_off_follows_the_decree),
    };
    return cmocka_run_group_tests_name("sheet", tests, setup, teardown);
}
