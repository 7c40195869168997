/*
** A district or province table of a period in the old tree, regrouped by the
** new communes that its communes merged into (unit_succession): one row per
** new commune with the sums of its predecessors' reports and the ratios
** recomputed from them; an old commune without a merge record stays as
** itself. The same through the JSON API.
*/
#include "app.h"
#include "db.h"
#include "fmt.h"
#include "form.h"
#include "http.h"
#include "page.h"
#include "pages.h"
#include "rollup.h"
#include "str.h"
#include "unit.h"

#include <string.h>

/* Everything one regrouped page or answer needs. */
struct regroup_view {
    struct unit unit;
    struct period period;
    bool only_approved;
    struct rollup_group *groups;
    int n_groups;
};

/* Resolves {unit}/{period}, checks access (the unit's staff or above; 403
** outside the user's subtree), reads ?only=approved and loads the groups in
** one read snapshot. 0, or the HTTP status. Everything lives in r's arena. */
static int load_regroup(struct req *r, struct regroup_view *v)
{
    int status = page_unit_period(r, 0, 1, &v->unit, &v->period);
    if (status)
        return status;
    v->only_approved = page_only_approved(r);
    if (db_run("BEGIN") < 0)
        return 500;
    v->n_groups = rollup_regroup(r->arena, app.form, &v->unit, &v->period, v->only_approved,
                                 &v->groups);
    db_run("COMMIT");
    return v->n_groups < 0 ? 500 : 0;
}

/*
** GET /api/rollup/{unit}/{period}/regrouped[?only=approved]
**
** {unit, unit_name, period, only_approved, groups: [{code, name, valid_from,
** kept, predecessors: [{code, name, status, counted}], outside, included,
** expected, values: {code: int}, ratios: {code: number|null}}]}, groups by
** code (see rollup_regroup_write). Role: district or province staff of the
** unit or above it. The answer is freed by http_json.
*/
int api_rollup_regrouped_get(struct req *r)
{
    struct regroup_view v;
    int status = load_regroup(r, &v);
    if (status)
        return status;
    struct jsonout o = {0};
    rollup_regroup_write(&o, app.form, &v.unit, &v.period, v.only_approved, v.groups, v.n_groups);
    return http_json_out(r, 200, &o);
}

/* Is element e a column of the regrouped table? The main rows a commune
** fills: no text, no supporting or "trong đó" row, no district-only row. */
static bool main_row(const struct form_element *e)
{
    return e->kind != FORM_TEXT && !e->supporting && e->parent < 0 && e->scope == SCOPE_COMMUNE;
}

/* The header cells: the labels of the main rows. */
static json_t *regroup_columns(void)
{
    json_t *cols = json_array();
    for (int i = 0; i < app.form->n_elements; i++)
        if (main_row(&app.form->elements[i]))
            json_array_append_new(cols, json_pack("{s:s, s:s}", "hcode",
                                                  app.form->elements[i].code, "hlabel",
                                                  app.form->elements[i].label));
    return cols;
}

/* The cell of row i of group g: the sum as "1.234" (nothing when none of the
** predecessors counted) and the ratio ("20,43%", "—") below when the row has
** one; a yes/no row counts the "yes" predecessors, over all of them. */
static json_t *regroup_cell(const struct rollup_group *g, int i)
{
    const struct form_element *e = &app.form->elements[i];
    char n[FMT_NUM_MAX], t[FMT_NUM_MAX];
    int64_t num, den;
    bool shown = g->count.included > 0 && (g->sums.has[i] || e->kind == FORM_YESNO);
    json_t *cell = json_pack("{s:s}", "ctext", shown ? fmt_count(n, g->sums.sum[i]) : "");
    if (shown && (e->kind == FORM_YESNO || e->denominator >= 0))
        json_object_set_new(
            cell, "cratio",
            json_pack("{s:s}", "crtext",
                      rollup_ratio(app.form, &g->sums, g->count.expected, i, &num, &den)
                          ? fmt_ratio(t, num, den)
                          : "—"));
    return cell;
}

/* "Thị trấn Mỹ An, Xã Mỹ Hòa, Xã Mỹ An": the names of the predecessors of g,
** or (missing) only those whose report does not count, each with its status
** ("Xã Mỹ An (nháp)"); "" when there is none. In r's arena. */
static const char *pred_names(struct req *r, const struct rollup_group *g, bool missing)
{
    struct buf b = {0};
    for (int j = 0; j < g->n_preds; j++) {
        const struct rollup_predecessor *m = &g->preds[j];
        if (missing && m->counted)
            continue;
        buf_printf(&b, "%s%s", b.len ? ", " : "", m->name);
        if (missing)
            buf_printf(&b, " (%s)", page_status_label(m->status));
    }
    const char *out = arena_strdup(r->arena, b.len ? b.s : "");
    buf_free(&b);
    return out;
}

/* One row of the table: the group's name, what it gathers, how many of them
** counted, and one cell per main row. Booleans sit in the row itself. */
static json_t *regroup_row(struct req *r, const struct rollup_group *g)
{
    char from[FMT_DATE_MAX];
    json_t *cells = json_array();
    for (int i = 0; i < app.form->n_elements; i++)
        if (main_row(&app.form->elements[i]))
            json_array_append_new(cells, regroup_cell(g, i));
    json_t *row = json_pack(
        "{s:s, s:s, s:s, s:s, s:b, s:o}", "gcode", g->unit.code, "gname", g->unit.name, "gathers",
        arena_printf(r->arena, "gồm: %s", pred_names(r, g, false)), "gcount",
        arena_printf(r->arena, "Đã tổng hợp %d/%d xã", g->count.included, g->count.expected),
        "kept", g->kept, "cells", cells);
    if (!g->kept && g->unit.valid_from)
        json_object_set_new(row, "since",
                            json_pack("{s:s}", "text",
                                      arena_printf(r->arena, "từ %s",
                                                   fmt_date_short(from, g->unit.valid_from))));
    if (g->outside)
        json_object_set_new(
            row, "goutside",
            json_pack("{s:s}", "text",
                      arena_printf(r->arena,
                                   "và %d xã cũ thuộc đơn vị khác, không tính trong bảng này",
                                   g->outside)));
    int n_next = 0;
    const char *next = g->kept ? unit_successor_names(r->arena, g->unit.id, &n_next) : "";
    if (n_next > 1) /* split: counted once, here, never shared out nor added to a new commune */
        json_object_set_new(
            row, "gsplit",
            json_pack("{s:s}", "text",
                      arena_printf(r->arena,
                                   "được chia cho %d xã mới (%s): số liệu tính một lần ở dòng "
                                   "này",
                                   n_next, next)));
    const char *missing = pred_names(r, g, true);
    if (*missing)
        json_object_set_new(row, "gmissing",
                            json_pack("{s:s}", "text",
                                      arena_printf(r->arena, "chưa tổng hợp: %s", missing)));
    return row;
}

/*
** GET /rollup/{unit}/{period}/regrouped[?only=approved]
**
** The unit's table for a period of the old tree (2024: a province or a
** district with its communes), regrouped by the new communes: one row per
** new commune (by code) with the old communes it gathers ("gồm: …"), how
** many of them are counted, and the sums ("1.234") and recomputed ratios
** ("20,43%") of the form's main rows; an old commune without a merge record
** stays as itself, marked "giữ nguyên". Counted as in the roll-up: reports
** submitted or approved, or approved only. Role: district or province staff
** of the unit or above it (403 elsewhere; communes are refused by the route).
*/
int page_rollup_regrouped(struct req *r)
{
    struct regroup_view v;
    int status = load_regroup(r, &v);
    if (status)
        return status;
    const char *label = period_label(r->arena, v.period.code);
    const char *base = arena_printf(r->arena, "/rollup/%s/%s", v.unit.code, v.period.code);
    const char *switch_q = v.only_approved ? "?only=approved" : "";
    json_t *d = page_data(r, arena_printf(r->arena, "Tổng hợp %s theo xã mới — %s", label,
                                          v.unit.name));
    json_t *rows = json_array();
    int n_kept = 0, n_old = 0, included = 0;
    for (int k = 0; k < v.n_groups; k++) {
        n_kept += v.groups[k].kept;
        n_old += v.groups[k].count.expected;
        included += v.groups[k].count.included;
        json_array_append_new(rows, regroup_row(r, &v.groups[k]));
    }
    json_object_set_new(d, "unit_name", json_string(v.unit.name));
    json_object_set_new(
        d, "explain",
        json_string(arena_printf(
            r->arena,
            "Số liệu %s của %d xã thuộc %s được cộng theo xã mới mà mỗi xã cũ đã sáp nhập "
            "vào (theo danh sách sáp nhập); tỷ lệ được tính lại từ tổng tử số và tổng mẫu số "
            "của các xã cũ, không lấy trung bình các tỷ lệ; với các chỉ tiêu có/không, số "
            "lượng là số xã cũ trả lời có và tỷ lệ tính trên mọi xã cũ của dòng.",
            label, n_old, v.unit.name)));
    json_object_set_new(d, "summary",
                        json_string(arena_printf(r->arena,
                                                 "%d dòng: %d xã mới, %d xã giữ nguyên · Đã "
                                                 "tổng hợp %d/%d xã cũ",
                                                 v.n_groups, v.n_groups - n_kept, n_kept,
                                                 included, n_old)));
    if (n_kept)
        json_object_set_new(
            d, "kept_note",
            json_pack("{s:s}", "text",
                      arena_printf(r->arena,
                                   "%d xã giữ nguyên như cũ, ghi “giữ nguyên”: xã không có "
                                   "trong danh sách sáp nhập, và xã được chia cho nhiều xã mới. "
                                   "Số liệu của một xã bị chia chỉ tính một lần, ở dòng riêng "
                                   "của nó (ghi “được chia cho …”): không chia cho các xã mới, "
                                   "không cộng vào xã mới nào, nên không mất và không tính trùng.",
                                   n_kept)));
    json_object_set_new(d, "only_approved", json_boolean(v.only_approved));
    json_object_set_new(d, "all_sent", json_boolean(!v.only_approved));
    json_object_set_new(d, "href_all", json_string(arena_printf(r->arena, "%s/regrouped", base)));
    json_object_set_new(d, "href_approved",
                        json_string(arena_printf(r->arena, "%s/regrouped?only=approved", base)));
    json_object_set_new(d, "rollup_href",
                        json_string(arena_printf(r->arena, "%s%s", base, switch_q)));
    json_object_set_new(d, "columns", regroup_columns());
    json_object_set_new(d, "groups", rows);
    json_object_set_new(d, "has_groups", json_boolean(v.n_groups > 0));
    return http_html(r, 200, "regroup.tpl", d);
}
