/*
** A 2024 table regrouped by the new communes (rollup_regroup) on a small
** in-memory pair of trees: the old province 98 (until 30/06/2025) with five
** communes A–E, the new province 99 (from 01/07/2025) with X and Y. A and B
** merged into X, E into Y, C was split between X and Y (so it stays as
** itself), D has no merge record (stays as itself); F, of the province 97,
** also merged into X, and its report stays out of 98's table. Sums are exact beyond
** 2^53, ratios come from the summed numerator and denominator, yes/no rows
** count over every predecessor, and the approved-only switch holds.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "form.h"
#include "jsonout.h"
#include "rollup.h"
#include "str.h"
#include "unit.h"

static const char trees[] =
    "INSERT INTO unit (code, name, level, valid_to) VALUES ('98', 'Tỉnh Cũ', 'province', "
    "  '2025-06-30');"
    "INSERT INTO unit (code, name, level, valid_from) VALUES ('99', 'Tỉnh Mới', 'province', "
    "  '2025-07-01');"
    "INSERT INTO unit (code, name, level, valid_to) VALUES ('97', 'Tỉnh Bên', 'province', "
    "  '2025-06-30');"
    "INSERT INTO unit (code, name, level, parent_id, valid_to) VALUES ('97001', 'Xã F', "
    "  'commune', (SELECT id FROM unit WHERE code = '97'), '2025-06-30');"
    "INSERT INTO unit (code, name, level, parent_id, valid_to) SELECT c.code, c.name, 'commune',"
    "  (SELECT id FROM unit WHERE code = '98'), '2025-06-30' FROM (SELECT '98001' AS code,"
    "  'Xã A' AS name UNION ALL SELECT '98002', 'Xã B' UNION ALL SELECT '98003', 'Xã C'"
    "  UNION ALL SELECT '98004', 'Xã D' UNION ALL SELECT '98005', 'Xã E') c;"
    "INSERT INTO unit (code, name, level, parent_id, valid_from) VALUES"
    "  ('99001', 'Xã X', 'commune', (SELECT id FROM unit WHERE code = '99'), '2025-07-01'),"
    "  ('99002', 'Xã Y', 'commune', (SELECT id FROM unit WHERE code = '99'), '2025-07-01');"
    "INSERT INTO unit_succession (old_unit_id, new_unit_id, basis) SELECT o.id, n.id, 'NQ'"
    "  FROM (SELECT '98001' AS old, '99001' AS new UNION ALL SELECT '98002', '99001'"
    "  UNION ALL SELECT '98003', '99001' UNION ALL SELECT '98003', '99002'"
    "  UNION ALL SELECT '98005', '99002' UNION ALL SELECT '97001', '99001') s"
    "  JOIN unit o ON o.code = s.old JOIN unit n ON n.code = s.new;"
    "INSERT INTO period (code, form_id, start_date, end_date, due_date) VALUES"
    "  ('2024', (SELECT id FROM form), '2024-01-01', '2024-12-31', '2024-11-20'),"
    "  ('2026', (SELECT id FROM form), '2026-01-01', '2026-12-31', '2026-11-20');";

/* A approved, B and C submitted, D approved, E draft, F approved. */
static const char reports[] =
    "CREATE TEMP TABLE rs (code TEXT, status TEXT);"
    "INSERT INTO rs VALUES ('98001', 'approved'), ('98002', 'submitted'),"
    "  ('98003', 'submitted'), ('98004', 'approved'), ('98005', 'draft'),"
    "  ('97001', 'approved');"
    "INSERT INTO report (unit_id, period_id, status, updated_at, submitted_at)"
    "  SELECT u.id, 1, rs.status, '2024-11-01T00:00:00Z', '2024-11-01T00:00:00Z' FROM rs"
    "  JOIN unit u ON u.code = rs.code;"
    "CREATE TEMP TABLE vs (code TEXT, element TEXT, num INTEGER);"
    "INSERT INTO vs VALUES"
    "  ('98001', 'budget_vnd', 4503599627370497), ('98002', 'budget_vnd', 4503599627370498),"
    "  ('98001', 'children_under6', 300), ('98001', 'insured_under6', 299),"
    "  ('98002', 'children_under6', 100), ('98002', 'insured_under6', 1),"
    "  ('98001', 'referral_network', 1), ('98002', 'referral_network', 0),"
    "  ('98003', 'children_under6', 50), ('98003', 'insured_under6', 50),"
    "  ('98004', 'posters', 9), ('98005', 'posters', 1000), ('98005', 'referral_network', 1),"
    "  ('97001', 'budget_vnd', 5), ('97001', 'children_under6', 7);"
    "INSERT INTO report_value (report_id, element_id, raw, num)"
    "  SELECT r.id, e.id, CAST(vs.num AS TEXT), vs.num FROM vs JOIN unit u ON u.code = vs.code"
    "  JOIN report r ON r.unit_id = u.id JOIN form_element e ON e.code = vs.element;";

static int setup(void **state)
{
    (void)state;
    if (fixture_open_db() < 0 || db_write_begin() < 0)
        return -1;
    if (db_exec(trees) < 0 || unit_rebuild_tree() < 0 || db_exec(reports) < 0) {
        db_write_rollback();
        return -1;
    }
    if (db_write_commit() < 0)
        return -1;
    return fixture_load_form();
}

/* The groups of unit code for period. */
static int regroup(const char *code, const char *period, bool only_approved,
                   struct rollup_group **g, struct period *p)
{
    struct unit u;
    assert_int_equal(period_find(a, period, p), 0);
    assert_int_equal(unit_find(a, code, p->end, &u), 0);
    return rollup_regroup(a, f, &u, p, only_approved, g);
}

static int64_t sum_of(const struct rollup_group *g, const char *code)
{
    int i = form_find(f, code);
    assert_true(i >= 0);
    return g->sums.sum[i];
}

static void groups_by_successor_or_kept(void **state)
{
    (void)state;
    struct rollup_group *g;
    struct period p;
    assert_int_equal(regroup("98", "2024", false, &g, &p), 4);
    /* by code: C (split, kept), D (no record, kept), X, Y */
    assert_string_equal(g[0].unit.code, "98003");
    assert_true(g[0].kept);
    assert_string_equal(g[1].unit.code, "98004");
    assert_true(g[1].kept);
    assert_int_equal(sum_of(&g[1], "posters"), 9);
    assert_string_equal(g[2].unit.code, "99001");
    assert_string_equal(g[2].unit.name, "Xã X");
    assert_false(g[2].kept);
    assert_int_equal(g[2].n_preds, 2);
    assert_int_equal(g[2].outside, 1); /* F, of the province 97 */
    assert_int_equal(g[3].outside, 0);
    assert_string_equal(g[2].preds[0].name, "Xã A");
    assert_string_equal(g[2].preds[1].code, "98002");
    assert_string_equal(g[2].preds[1].status, "submitted");
    assert_string_equal(g[3].unit.code, "99002");
    assert_int_equal(g[3].count.expected, 1);
    assert_int_equal(g[3].count.included, 0); /* E is a draft */
    assert_false(g[3].preds[0].counted);
    assert_false(g[3].sums.has[form_find(f, "posters")]);
}

static void sums_exact_and_ratios_recomputed(void **state)
{
    (void)state;
    struct rollup_group *g;
    struct period p;
    assert_int_equal(regroup("98", "2024", false, &g, &p), 4);
    struct rollup_group *x = &g[2];
    assert_int_equal(x->count.included, 2);
    /* 2^53 + 3: no double holds it; F, outside 98, is left out */
    assert_int_equal(sum_of(x, "budget_vnd"), 9007199254740995LL);
    int64_t num, den;
    assert_true(rollup_ratio(f, &x->sums, x->count.expected, form_find(f, "insured_under6"), &num,
                             &den));
    assert_int_equal(num, 300); /* 299 + 1 over 300 + 100, not an average of ratios */
    assert_int_equal(den, 400);
    assert_true(rollup_ratio(f, &x->sums, x->count.expected, form_find(f, "referral_network"),
                             &num, &den));
    assert_int_equal(num, 1);
    assert_int_equal(den, 2); /* over every predecessor */
    /* the split commune keeps its own figures, counted once */
    assert_int_equal(sum_of(&g[0], "children_under6"), 50);
}

static void approved_only(void **state)
{
    (void)state;
    struct rollup_group *g;
    struct period p;
    assert_int_equal(regroup("98", "2024", true, &g, &p), 4);
    assert_int_equal(g[2].count.included, 1);
    assert_int_equal(sum_of(&g[2], "budget_vnd"), 4503599627370497LL);
    assert_false(g[0].sums.has[form_find(f, "children_under6")]); /* C only submitted */
    struct jsonout o = {0};
    size_t len = 0;
    rollup_regroup_write(&o, f, &(struct unit){.code = "98", .name = "Tỉnh Cũ"}, &p, true, g, 4);
    char *text = jsonout_finish(&o, &len);
    json_t *j = json_loads(text, 0, NULL);
    free(text);
    assert_non_null(j);
    json_t *x = json_array_get(json_object_get(j, "groups"), 2);
    assert_int_equal(json_integer_value(json_object_get(x, "included")), 1);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(x, "values"), "budget_vnd")),
                     4503599627370497LL);
    assert_true(json_is_null(json_object_get(json_object_get(x, "ratios"), "insured_6_8")));
    assert_true(json_real_value(json_object_get(json_object_get(x, "ratios"), "insured_under6")) ==
                299.0 / 300.0);
    json_decref(j);
}

static void successors_only_in_the_old_tree(void **state)
{
    (void)state;
    struct unit u;
    struct period p;
    assert_int_equal(period_find(a, "2024", &p), 0);
    assert_int_equal(unit_find(a, "98", p.end, &u), 0);
    assert_true(rollup_has_successors(&u, &p));
    assert_int_equal(period_find(a, "2026", &p), 0);
    assert_int_equal(unit_find(a, "99", p.end, &u), 0);
    assert_false(rollup_has_successors(&u, &p));
    struct rollup_group *g;
    assert_int_equal(rollup_regroup(a, f, &u, &p, false, &g), 2);
    assert_true(g[0].kept && g[1].kept);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(groups_by_successor_or_kept, fresh_arena, free_arena),
        cmocka_unit_test_setup_teardown(sums_exact_and_ratios_recomputed, fresh_arena,
                                        free_arena),
        cmocka_unit_test_setup_teardown(approved_only, fresh_arena, free_arena),
        cmocka_unit_test_setup_teardown(successors_only_in_the_old_tree, fresh_arena, free_arena),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
