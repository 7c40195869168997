/*
** Roll-ups and indicators on a small in-memory tree: a two-tier province (98)
** with three communes straight below it, and a three-tier one (87 › 872) with
** two communes and the district's own row. Sums are exact beyond 2^53, ratios
** come from summed numerators and denominators, yes/no rows count over all
** communes, and the approved-only switch, missing and late communes hold.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "fixture.h"
#include "form.h"
#include "rollup.h"
#include "str.h"
#include "unit.h"


static const char tree[] =
    "INSERT INTO unit (code, name, level) VALUES ('98', 'Tỉnh Hai Cấp', 'province'),"
    "  ('87', 'Tỉnh Đồng Tháp', 'province'), ('12', 'Tỉnh Lai Châu', 'province');"
    "INSERT INTO unit (code, name, level, parent_id) VALUES"
    "  ('872', 'Huyện Tháp Mười', 'district', (SELECT id FROM unit WHERE code = '87')),"
    "  ('106', 'Huyện Tam Đường', 'district', (SELECT id FROM unit WHERE code = '12'));"
    "INSERT INTO unit (code, name, level, parent_id) VALUES"
    "  ('98001', 'Xã A', 'commune', (SELECT id FROM unit WHERE code = '98')),"
    "  ('98002', 'Xã B', 'commune', (SELECT id FROM unit WHERE code = '98')),"
    "  ('98003', 'Xã C', 'commune', (SELECT id FROM unit WHERE code = '98')),"
    "  ('30037', 'Thị trấn Mỹ An', 'commune', (SELECT id FROM unit WHERE code = '872')),"
    "  ('30040', 'Xã Thạnh Lợi', 'commune', (SELECT id FROM unit WHERE code = '872'));"
    "INSERT INTO period (code, form_id, start_date, end_date, due_date) VALUES"
    "  ('2024', (SELECT id FROM form), '2024-01-01', '2024-12-31', '2024-11-20');";

/* 98001 approved on time, 98002 submitted late, 98003 draft; 30037 submitted
** at 00:30 on 21/11 in Vietnam (17:30 UTC on the due date): late;
** the district 872 enters its own row in a draft. */
static const char reports[] =
    "CREATE TEMP TABLE rs (code TEXT, status TEXT, submitted TEXT);"
    "INSERT INTO rs VALUES ('98001', 'approved', '2024-11-02T00:00:00Z'),"
    "  ('98002', 'submitted', '2024-11-25T00:00:00Z'), ('98003', 'draft', NULL),"
    "  ('30037', 'submitted', '2024-11-20T17:30:00Z'), ('872', 'draft', NULL);"
    "INSERT INTO report (unit_id, period_id, status, updated_at, submitted_at)"
    "  SELECT u.id, 1, rs.status, '2024-11-01T00:00:00Z', rs.submitted FROM rs"
    "  JOIN unit u ON u.code = rs.code;"
    "CREATE TEMP TABLE vs (code TEXT, element TEXT, num INTEGER);"
    "INSERT INTO vs VALUES"
    "  ('98001', 'budget_vnd', 4503599627370497), ('98002', 'budget_vnd', 4503599627370498),"
    "  ('98003', 'budget_vnd', 4503599627370499),"
    "  ('98001', 'children_under6', 300), ('98001', 'insured_under6', 299),"
    "  ('98002', 'children_under6', 100), ('98002', 'insured_under6', 1),"
    "  ('98003', 'children_under6', 5000), ('98003', 'insured_under6', 0),"
    "  ('98001', 'referral_network', 1), ('98002', 'referral_network', 1),"
    "  ('98003', 'referral_network', 1),"
    "  ('30037', 'posters', 7), ('872', 'radio_district_times', 40);"
    "INSERT INTO report_value (report_id, element_id, raw, num)"
    "  SELECT r.id, e.id, CAST(vs.num AS TEXT), vs.num FROM vs JOIN unit u ON u.code = vs.code"
    "  JOIN report r ON r.unit_id = u.id JOIN form_element e ON e.code = vs.element;"
    "INSERT INTO plan (unit_id, name, year_from, year_to) VALUES"
    "  (NULL, 'Quốc gia', 2018, 2025),"
    "  ((SELECT id FROM unit WHERE code = '98'), 'Kế hoạch tỉnh', 2021, 2030),"
    "  ((SELECT id FROM unit WHERE code = '106'), 'Kế hoạch Tam Đường', 2024, 2024);"
    "INSERT INTO target (plan_id, indicator_id, year, value) SELECT p.id, i.id, t.year, t.v"
    "  FROM (SELECT 'Quốc gia' AS plan, 'insured_under6' AS ind, 2025 AS year, 0.9 AS v"
    "        UNION ALL SELECT 'Quốc gia', 'insured_under6', 2020, 0.5"
    "        UNION ALL SELECT 'Kế hoạch tỉnh', 'referral_network', 2024, 0.5"
    "        UNION ALL SELECT 'Kế hoạch tỉnh', 'reached_services', 2030, 0.95"
    "        UNION ALL SELECT 'Kế hoạch Tam Đường', 'insured_under6', 2024, 1.0) t"
    "  JOIN plan p ON p.name = t.plan JOIN indicator i ON i.code = t.ind;";

static int setup(void **state)
{
    (void)state;
    if (fixture_open_db() < 0 || db_write_begin() < 0)
        return -1;
    if (db_exec(tree) < 0 || unit_rebuild_tree() < 0 || db_exec(reports) < 0) {
        db_write_rollback();
        return -1;
    }
    if (db_write_commit() < 0)
        return -1;
    return fixture_load_form();
}


/* The table of unit code for 2024. */
static void load(const char *code, bool only_approved, struct rollup *out, struct period *p)
{
    struct unit u;
    assert_int_equal(period_find(a, "2024", p), 0);
    assert_int_equal(unit_find(a, code, "2024-12-31", &u), 0);
    assert_int_equal(rollup_load(a, f, &u, p, only_approved, out), 0);
}

static int64_t sum_of(const struct rollup *r, const char *code)
{
    int i = form_find(f, code);
    assert_true(i >= 0);
    return r->sums.sum[i];
}

static void two_tier_sums_are_exact_and_ratios_recomputed(void **state)
{
    (void)state;
    struct rollup r;
    struct period p;
    load("98", false, &r, &p);
    assert_int_equal(r.count.expected, 3);
    assert_int_equal(r.count.included, 2);
    assert_int_equal(r.count.sent, 2);
    assert_int_equal(r.count.late, 2); /* 98002 sent late, 98003 never sent */
    /* 2^53 + 3: no double holds it; the draft is left out */
    assert_int_equal(sum_of(&r, "budget_vnd"), 9007199254740995LL);
    int64_t num, den;
    int i = form_find(f, "insured_under6");
    assert_true(rollup_ratio(f, &r.sums, r.count.expected, i, &num, &den));
    assert_int_equal(num, 300); /* 299 + 1, over 300 + 100: not an average of ratios */
    assert_int_equal(den, 400);
    i = form_find(f, "referral_network");
    assert_true(rollup_ratio(f, &r.sums, r.count.expected, i, &num, &den));
    assert_int_equal(num, 2); /* the draft's "yes" does not count */
    assert_int_equal(den, 3); /* over every commune of the province */
}

static void approved_only_and_missing(void **state)
{
    (void)state;
    struct rollup r;
    struct period p;
    load("98", true, &r, &p);
    assert_int_equal(r.count.included, 1);
    assert_int_equal(sum_of(&r, "budget_vnd"), 4503599627370497LL);
    struct rollup_missing *m;
    assert_int_equal(rollup_missing(a, &r.unit, &p, true, &m), 2);
    assert_string_equal(m[0].code, "98002");
    assert_string_equal(m[0].status, "submitted");
    assert_true(m[0].late);
    assert_string_equal(m[1].code, "98003");
    assert_false(m[0].counted);
    /* With submitted reports, 98002 counts but is listed for being late. */
    assert_int_equal(rollup_missing(a, &r.unit, &p, false, &m), 2);
    assert_true(m[0].counted);
    assert_true(m[0].late);
    assert_false(m[1].counted);
}

static void children_of_each_shape(void **state)
{
    (void)state;
    struct rollup r;
    struct period p;
    struct rollup_child *c;
    load("98", false, &r, &p);
    assert_int_equal(rollup_children(a, f, &r.unit, &p, false, &c), 3);
    assert_string_equal(c[0].unit.code, "98001");
    assert_string_equal(c[0].status, "approved");
    assert_int_equal(c[1].sums.sum[form_find(f, "insured_under6")], 1);
    assert_false(c[2].sums.has[form_find(f, "insured_under6")]);
    load("87", false, &r, &p);
    assert_int_equal(rollup_children(a, f, &r.unit, &p, false, &c), 1);
    assert_string_equal(c[0].unit.code, "872");
    assert_int_equal(c[0].count.expected, 2);
    assert_int_equal(c[0].count.included, 1);
    assert_int_equal(c[0].count.late, 2); /* 30037 by half an hour, 30040 never sent */
    assert_int_equal(c[0].sums.sum[form_find(f, "radio_district_times")], 40);
}

static void district_rows_count_whatever_their_status(void **state)
{
    (void)state;
    struct rollup r;
    struct period p;
    load("872", true, &r, &p);
    assert_int_equal(r.count.included, 0);
    assert_int_equal(sum_of(&r, "radio_district_times"), 40);
    assert_false(r.sums.has[form_find(f, "posters")]);
    load("87", false, &r, &p);
    assert_int_equal(sum_of(&r, "radio_district_times"), 40);
    assert_int_equal(sum_of(&r, "posters"), 7);
}

/* The line of indicator code whose plan is named plan, or NULL. */
static const struct rollup_indicator *line(const struct rollup_indicator *l, int n,
                                           const char *code, const char *plan)
{
    for (int k = 0; k < n; k++)
        if (strcmp(l[k].code, code) == 0 &&
            (plan ? l[k].plan && strcmp(l[k].plan, plan) == 0 : !l[k].plan))
            return &l[k];
    return NULL;
}

static void indicators_take_the_plans_above_and_national(void **state)
{
    (void)state;
    struct rollup r;
    struct period p;
    struct rollup_indicator *l;
    load("98", false, &r, &p);
    int n = rollup_indicators(a, f, &r, &l);
    assert_true(n > 0);
    const struct rollup_indicator *ins = line(l, n, "insured_under6", "Quốc gia");
    assert_non_null(ins);
    assert_int_equal(ins->year, 2025); /* the nearest target at or after 2024 */
    assert_true(ins->measured);
    assert_int_equal(ins->num, 300);
    assert_int_equal(ins->den, 400);
    assert_false(ins->met); /* 75 % < 90 % */
    assert_null(line(l, n, "insured_under6", "Kế hoạch Tam Đường")); /* another province's */
    const struct rollup_indicator *net = line(l, n, "referral_network", "Kế hoạch tỉnh");
    assert_non_null(net);
    assert_true(net->met); /* 2/3 ≥ 50 % */
    const struct rollup_indicator *reach = line(l, n, "reached_services", "Kế hoạch tỉnh");
    assert_non_null(reach);
    assert_false(reach->measured);
    assert_non_null(line(l, n, "birth_registered", NULL)); /* no target: one line */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(two_tier_sums_are_exact_and_ratios_recomputed,
                                        fresh_arena, free_arena),
        cmocka_unit_test_setup_teardown(approved_only_and_missing, fresh_arena, free_arena),
        cmocka_unit_test_setup_teardown(children_of_each_shape, fresh_arena, free_arena),
        cmocka_unit_test_setup_teardown(district_rows_count_whatever_their_status, fresh_arena,
                                        free_arena),
        cmocka_unit_test_setup_teardown(indicators_take_the_plans_above_and_national,
                                        fresh_arena, free_arena),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
