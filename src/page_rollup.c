/*
** The roll-up tables of a district or province (the appendix at that level,
** with the matrix of its children beside it), the indicator table, and the
** same through the JSON API.
*/
#include "app.h"
#include "db.h"
#include "fmt.h"
#include "form.h"
#include "http.h"
#include "page.h"
#include "pages.h"
#include "render.h"
#include "rollup.h"
#include "unit.h"

#include <stdlib.h>
#include <string.h>

/* A child's ratio that differs from the unit's by more than this many
** percentage points is marked in the matrix. */
#define ODD_POINTS 20.0

/* Everything one roll-up page or answer needs. */
struct rollup_view {
    struct unit unit;
    struct period period;
    struct rollup table;
    struct rollup_child *children;
    int n_children;
    struct rollup_missing *missing;
    int n_missing;
};

/* Resolves {unit}/{period}, checks access, and loads the table, its children
** and its missing communes, all from one read snapshot (so the counts and the
** sums agree even while reports are being approved). 0, or the status. */
static int load_view(struct req *r, struct rollup_view *v)
{
    int status = page_unit_period(r, 0, 1, &v->unit, &v->period);
    if (status)
        return status;
    bool only = page_only_approved(r);
    if (db_run("BEGIN") < 0)
        return 500;
    if (rollup_load(r->arena, app.form, &v->unit, &v->period, only, &v->table) < 0 ||
        (v->n_children = rollup_children(r->arena, app.form, &v->unit, &v->period, only,
                                         &v->children)) < 0 ||
        (v->n_missing = rollup_missing(r->arena, &v->unit, &v->period, only, &v->missing)) < 0)
        status = 500;
    db_run("COMMIT");
    return status;
}

/*
** GET /api/rollup/{unit}/{period}[?only=approved]
**
** The unit's table as JSON (interfaces.md): included/expected communes, every
** row with its sum and recomputed ratio, the children with their values, the
** missing communes. Role: staff of the unit or above it.
*/
int api_rollup_get(struct req *r)
{
    struct rollup_view v;
    int status = load_view(r, &v);
    if (status)
        return status;
    struct jsonout o = {0};
    rollup_write(&o, app.form, &v.table, v.children, v.n_children, v.missing, v.n_missing);
    return http_json_out(r, 200, &o);
}

/* A sum as the table shows it: "1.234", or "chưa nhập" when nothing was reported. */
static const char *sum_text(struct req *r, const struct form_element *e,
                            const struct rollup_sums *s, int i)
{
    char n[FMT_NUM_MAX];
    if (!s->has[i] && e->kind != FORM_YESNO)
        return "chưa nhập";
    return arena_strdup(r->arena, fmt_count(n, s->sum[i]));
}

/* The ratio cell of row i: "20,43%", "—", or NULL when the row has none. */
static const char *ratio_text(struct req *r, const struct rollup_sums *s, int expected, int i)
{
    int64_t num, den;
    char t[FMT_NUM_MAX];
    if (!rollup_ratio(app.form, s, expected, i, &num, &den))
        return app.form->elements[i].denominator >= 0 ? "—" : NULL;
    return arena_strdup(r->arena, fmt_ratio(t, num, den));
}

/* The appendix at the unit's level into page: sections of rows with sum
** and ratio. */
static void add_sections(struct req *r, struct tpl_dict *page, const struct rollup *t)
{
    const struct form *f = app.form;
    for (int s = 0; s < f->n_sections; s++) {
        struct tpl_dict *section = tpl_section(page, "sections");
        tpl_set(section, "numeral", f->sections[s].numeral);
        tpl_set(section, "stitle", f->sections[s].title);
        for (int i = 0; i < f->n_elements; i++) {
            const struct form_element *e = &f->elements[i];
            if (e->section != s || e->kind == FORM_TEXT)
                continue;
            const char *ratio = ratio_text(r, &t->sums, t->count.expected, i);
            bool sub = e->parent >= 0 || e->supporting;
            struct tpl_dict *row = tpl_section(section, "rows");
            tpl_set(row, "rcode", e->code);
            tpl_set(row, "rlabel", e->label);
            tpl_set(row, "rvalue", sum_text(r, e, &t->sums, i));
            tpl_set(row, "tt", sub ? "" : "-");
            tpl_show(row, "sub", sub);
            tpl_show(row, "district_row", e->scope == SCOPE_DISTRICT);
            tpl_set(row, "rratio", ratio ? ratio : "");
        }
    }
}

/* Where a child leads: a commune to its report, a unit above to its table. */
static const char *child_href(struct req *r, const struct rollup_child *c, const char *period,
                              bool only)
{
    if (strcmp(c->unit.level, "commune") == 0)
        return page_report_href(r, c->unit.code, period);
    return arena_printf(r->arena, "/rollup/%s/%s%s", c->unit.code, period,
                        only ? "?only=approved" : "");
}

/* Is child c's ratio of row i far from the unit's? (Not asked of yes/no
** rows: one commune's answer is always 0 or 100 %.) */
static bool odd_cell(const struct rollup_view *v, const struct rollup_child *c, int i)
{
    int64_t n1, d1, n2, d2;
    if (app.form->elements[i].kind == FORM_YESNO || !c->sums.has[i] ||
        !rollup_ratio(app.form, &c->sums, c->count.expected, i, &n1, &d1) || d1 <= 0 ||
        !rollup_ratio(app.form, &v->table.sums, v->table.count.expected, i, &n2, &d2) || d2 <= 0)
        return false;
    double diff = 100.0 * ((double)n1 / (double)d1 - (double)n2 / (double)d2);
    return diff > ODD_POINTS || diff < -ODD_POINTS;
}

/* One cell of the matrix: child c's value of row i (a commune's yes/no as
** Có/Không), its ratio below (NULL: none), marked when odd. */
struct matrix_cell {
    const char *text, *ratio;
    bool odd;
};

static struct matrix_cell matrix_cell(struct req *r, const struct rollup_view *v,
                                      const struct rollup_child *c, int i)
{
    const struct form_element *e = &app.form->elements[i];
    bool commune = strcmp(c->unit.level, "commune") == 0;
    return (struct matrix_cell){
        .text = !c->sums.has[i] ? (commune && c->count.included == 0 ? "chưa gửi" : "chưa nhập")
                : commune && e->kind == FORM_YESNO ? (c->sums.sum[i] ? "Có" : "Không")
                                                    : sum_text(r, e, &c->sums, i),
        .ratio = c->sums.has[i] && !(commune && e->kind == FORM_YESNO)
                     ? ratio_text(r, &c->sums, c->count.expected, i)
                     : NULL,
        .odd = odd_cell(v, c, i)};
}

/* A cell as template data (the printed matrix): ctext, codd, cratio {crtext}. */
static json_t *matrix_cell_json(const struct matrix_cell *m)
{
    json_t *cell = json_pack("{s:s, s:b}", "ctext", m->text, "codd", m->odd);
    if (m->ratio)
        json_object_set_new(cell, "cratio", json_pack("{s:s}", "crtext", m->ratio));
    return cell;
}

/* The matrix into page: one column per child, one row per element (700
** cells for a province: straight to the dictionary, no Jansson tree). */
static void add_matrix(struct req *r, struct tpl_dict *page, const struct rollup_view *v,
                       bool only)
{
    const struct form *f = app.form;
    for (int k = 0; k < v->n_children; k++) {
        const struct rollup_child *c = &v->children[k];
        struct tpl_dict *col = tpl_section(page, "mcols");
        tpl_set(col, "mname", c->unit.name);
        tpl_set(col, "mhref", child_href(r, c, v->period.code, only));
        tpl_set(col, "mstatus", c->status);
        tpl_set(col, "mstatus_label", page_status_label(c->status));
        if (strcmp(c->unit.level, "commune") == 0) {
            tpl_show(col, "mcommune", true);
        } else {
            struct tpl_dict *count = tpl_section(col, "mcount");
            tpl_set(count, "ninc", arena_printf(r->arena, "%d", c->count.included));
            tpl_set(count, "nexp", arena_printf(r->arena, "%d", c->count.expected));
        }
    }
    for (int i = 0; i < f->n_elements; i++) {
        const struct form_element *e = &f->elements[i];
        if (e->kind == FORM_TEXT)
            continue;
        struct tpl_dict *row = tpl_section(page, "mrows");
        tpl_set(row, "mlabel", e->label);
        tpl_set(row, "mcode", e->code);
        for (int k = 0; k < v->n_children; k++) {
            struct matrix_cell m = matrix_cell(r, v, &v->children[k], i);
            struct tpl_dict *cell = tpl_section(row, "cells");
            tpl_set(cell, "ctext", m.text);
            tpl_show(cell, "codd", m.odd);
            if (m.ratio)
                tpl_set(tpl_section(cell, "cratio"), "crtext", m.ratio);
        }
    }
    tpl_show(page, "has_matrix", v->n_children > 0);
}

/* At most this many children side by side on a landscape page. */
#define PRINT_COLUMNS 10

/* The rows of one chunk of the printed matrix: sections, then per element
** its label and one cell per child of children[0..n) and the unit's total. */
static json_t *print_matrix_rows(struct req *r, const struct rollup_view *v,
                                 const struct rollup_child *children, int n,
                                 const struct rollup_child *total)
{
    const struct form *f = app.form;
    json_t *rows = json_array();
    int last_section = -1;
    for (int i = 0; i < f->n_elements; i++) {
        const struct form_element *e = &f->elements[i];
        if (e->kind == FORM_TEXT)
            continue;
        if (e->section >= 0 && e->section != last_section) {
            last_section = e->section;
            json_array_append_new(
                rows, json_pack("{s:b, s:b, s:s, s:s, s:i}", "is_section", true, "is_element",
                                false, "numeral", f->sections[e->section].numeral, "stitle",
                                f->sections[e->section].title, "span", n + 2));
        }
        json_t *cells = json_array();
        for (int k = 0; k <= n; k++) {
            struct matrix_cell m = matrix_cell(r, v, k < n ? &children[k] : total, i);
            json_t *cell = matrix_cell_json(&m);
            json_object_set_new(cell, "is_total", json_boolean(k == n));
            bool commune = k < n && strcmp(children[k].unit.level, "commune") == 0;
            if (commune && e->scope == SCOPE_DISTRICT) /* a row the district enters */
                json_object_set_new(cell, "ctext", json_string("—"));
            else if (commune && children[k].count.included == 0)
                json_object_set_new(cell, "absent", json_true());
            json_array_append_new(cells, cell);
        }
        json_array_append_new(rows, json_pack("{s:b, s:b, s:b, s:s, s:s, s:o}", "is_section",
                                              false, "is_element", true, "is_sub",
                                              e->parent >= 0 || e->supporting, "mlabel",
                                              e->label, "mcode", e->code, "cells", cells));
    }
    return rows;
}

/* What the printed matrix says of a commune whose report is not counted:
** "chưa gửi", or "chưa duyệt" for a submitted one when only approved reports
** count. */
static const char *absent_word(const struct rollup_child *c, bool only_approved)
{
    return only_approved && strcmp(c->status, "submitted") == 0 ? "chưa duyệt" : "chưa gửi";
}

/* The printed matrix: the children in balanced chunks of at most
** PRINT_COLUMNS columns, each chunk a table with the unit's total last. */
static json_t *print_matrix(struct req *r, const struct rollup_view *v)
{
    struct rollup_child total = {.unit = v->unit, .status = "rollup",
                                 .count = v->table.count, .sums = v->table.sums};
    total.unit.name = arena_printf(r->arena, "Toàn %s", unit_level_word(v->unit.level));
    int n_chunks = v->n_children ? (v->n_children + PRINT_COLUMNS - 1) / PRINT_COLUMNS : 1;
    int per = v->n_children ? (v->n_children + n_chunks - 1) / n_chunks : 0;
    json_t *chunks = json_array();
    for (int first = 0; first < v->n_children || (first == 0 && v->n_children == 0);
         first += per) {
        int n = v->n_children - first < per ? v->n_children - first : per;
        json_t *cols = json_array();
        for (int k = 0; k <= n; k++) {
            const struct rollup_child *c = k < n ? &v->children[first + k] : &total;
            json_t *col = json_pack("{s:s}", "mname", c->unit.name);
            if (k < n && strcmp(c->unit.level, "commune") == 0 && c->count.included == 0)
                json_object_set_new(col, "mnote", json_pack("{s:s}", "ntext",
                                                            absent_word(c, v->table.only_approved)));
            if (strcmp(c->unit.level, "commune") != 0)
                json_object_set_new(col, "mcount",
                                    json_pack("{s:i, s:i}", "ninc", c->count.included, "nexp",
                                              c->count.expected));
            json_array_append_new(cols, col);
        }
        json_array_append_new(chunks, json_pack("{s:o, s:o}", "mcols", cols, "mrows",
                                                print_matrix_rows(r, v, v->children + first, n,
                                                                  &total)));
        if (per == 0)
            break;
    }
    bool districts = v->n_children > 0 && strcmp(v->children[0].unit.level, "commune") != 0;
    return json_pack("{s:s, s:o}", "unit_word", districts ? "huyện" : "xã", "chunks", chunks);
}

/* "Đã tổng hợp 11/13 xã" (with " (chỉ tính báo cáo đã duyệt)" when only the
** approved count), the subtitle of the matrix on paper and in the PDF; in the
** request's arena. */
static const char *matrix_subtitle(struct req *r, const struct rollup_view *v)
{
    return arena_printf(r->arena, "Đã tổng hợp %d/%d xã%s", v->table.count.included,
                        v->table.count.expected,
                        v->table.only_approved ? " (chỉ tính báo cáo đã duyệt)" : "");
}

/*
** GET /rollup/{unit}/{period}/print[?only=approved]
**
** The matrix of the unit's children × the form's rows on paper: A4 landscape
** (print-landscape.css), the header block, title and "Đã tổng hợp n/N xã" of
** the roll-up's print, then the form's rows down and the children across
** (communes of a district or of a two-tier province, districts of a
** three-tier province), at most PRINT_COLUMNS children per table with the
** unit's total in the last column, each table on its own pages with its
** header repeated; "Nơi nhận" and the signature block. Query: only=approved
** counts the approved reports only (the subtitle says so); number, date,
** authority, signer_title, signer_name, recipients as on the report's print
** page. Role: staff of the unit or above it.
*/
int page_rollup_print(struct req *r)
{
    struct rollup_view v;
    int status = load_view(r, &v);
    if (status)
        return status;
    bool only = v.table.only_approved;
    const char *subtitle = matrix_subtitle(r, &v);
    return page_print_landscape(r, &v.unit, &v.period, subtitle, only, print_matrix(r, &v));
}

/* What the communes below wrote ("Tình hình thực hiện": texts[0..n) of
** rollup_texts) into page. */
static void add_texts(struct tpl_dict *page, const struct rollup_text *texts, int n)
{
    for (int k = 0; k < n; k++) {
        struct tpl_dict *text = tpl_section(page, "texts");
        tpl_set(text, "tunit", texts[k].unit_name);
        tpl_set(text, "ttext", texts[k].text);
    }
    tpl_show(page, "has_texts", n > 0);
}

/* The "Biểu đồ" section: the completeness of reporting, then one chart per
** ratio row (rollup_has_ratio) with one bar per child, each an <img> of a
** /charts/ route that keeps the switch. */
static void add_charts(struct req *r, json_t *d, const struct rollup_view *v, bool only)
{
    const struct form *f = app.form;
    const char *base = arena_printf(r->arena, "/charts/%s/%s", v->unit.code, v->period.code);
    json_t *list = json_array();
    for (int i = 0; i < f->n_elements; i++) {
        if (!rollup_has_ratio(f, i))
            continue;
        json_array_append_new(
            list, json_pack("{s:s, s:s, s:s, s:s, s:s}", "chart_code", f->elements[i].code,
                            "chart_src",
                            arena_printf(r->arena, "%s/ratio.svg?code=%s%s", base,
                                         f->elements[i].code, only ? "&only=approved" : ""),
                            "chart_narrow_src",
                            arena_printf(r->arena, "%s/ratio.svg?code=%s%s&layout=narrow", base,
                                         f->elements[i].code, only ? "&only=approved" : ""),
                            "chart_media", page_chart_narrow_media(r, v->n_children),
                            "chart_label", f->elements[i].label));
    }
    json_object_set_new(d, "completeness_src",
                        json_string(arena_printf(r->arena, "%s/completeness.svg", base)));
    json_object_set_new(d, "charts", list);
}

/* The links to the other periods, keeping the switch. */
static json_t *period_links(struct req *r, const char *base, const char *unit, const char *current,
                            bool only)
{
    struct period *periods;
    int n = period_list(r->arena, &periods);
    json_t *list = json_array();
    for (int k = 0; k < n; k++)
        json_array_append_new(
            list, json_pack("{s:s, s:s, s:b}", "plabel", period_label(r->arena, periods[k].code),
                            "phref",
                            arena_printf(r->arena, "/%s/%s/%s%s", base, unit, periods[k].code,
                                         only ? "?only=approved" : ""),
                            "pcurrent", strcmp(periods[k].code, current) == 0));
    return list;
}

/* The header of the page: counts, due date, switch (the lists of communes
** missing or late: add_missing). */
static void add_summary(struct req *r, json_t *d, const struct rollup_view *v, bool only)
{
    const struct rollup_count *c = &v->table.count;
    const char *href = arena_printf(r->arena, "/rollup/%s/%s", v->unit.code, v->period.code);
    char due[FMT_DATE_MAX], budget[FMT_NUM_MAX];
    json_object_set_new(d, "summary", json_string(arena_printf(r->arena, "Đã tổng hợp %d/%d xã",
                                                               c->included, c->expected)));
    json_object_set_new(d, "sent_line",
                        json_string(arena_printf(r->arena, "Đã nộp %d/%d xã, %d trễ hạn", c->sent,
                                                 c->expected, c->late)));
    json_object_set_new(d, "due", json_string(fmt_date_short(due, v->period.due)));
    json_object_set_new(d, "only_approved", json_boolean(only));
    json_object_set_new(d, "all_sent", json_boolean(!only));
    json_object_set_new(d, "href_all", json_string(href));
    json_object_set_new(d, "href_approved",
                        json_string(arena_printf(r->arena, "%s?only=approved", href)));
    int b = form_find(app.form, "budget_vnd");
    if (b >= 0 && v->table.sums.has[b])
        json_object_set_new(d, "budget", json_pack("{s:s}", "amount",
                                                   fmt_count(budget, v->table.sums.sum[b])));
    json_object_set_new(d, "by_province", json_boolean(strcmp(v->unit.level, "country") == 0));
}

/* The communes missing from the table and those counted but sent late,
** into page: lists and their counts. */
static void add_missing(struct req *r, struct tpl_dict *page, const struct rollup_view *v)
{
    int n[2] = {0, 0}; /* missing, late */
    for (int k = 0; k < v->n_missing; k++) {
        const struct rollup_missing *m = &v->missing[k];
        struct tpl_dict *item = tpl_section(page, m->counted ? "late_included" : "missing");
        tpl_set(item, "xname", m->name);
        tpl_set(item, "xparent", m->parent_name);
        tpl_set(item, "xhref", page_report_href(r, m->code, v->period.code));
        tpl_set(item, "xstatus", m->status);
        tpl_set(item, "xstatus_label", page_status_label(m->status));
        tpl_show(item, "xlate", m->late);
        n[m->counted]++;
    }
    tpl_show(page, "has_missing", n[0] > 0);
    tpl_set(page, "n_missing", arena_printf(r->arena, "%d", n[0]));
    tpl_show(page, "has_late", n[1] > 0);
    tpl_set(page, "n_late", arena_printf(r->arena, "%d", n[1]));
}

/*
** GET /rollup/{unit}/{period}[?only=approved]
**
** The table of a district or province (or any unit above the communes) for a
** period: the appendix with summed values and recomputed ratios, how many
** communes it includes ("Đã tổng hợp 11/13 xã") and which are missing or
** late, a switch to approved reports only, and the matrix of its children ×
** rows with drill-down (a district to its table, a commune to its report),
** and the charts: completeness, and one per ratio row with a bar per child.
** District staff on their own table get a link to enter the district-only
** rows. Role: staff of the unit or above it.
*/
int page_rollup_view(struct req *r)
{
    struct rollup_view v;
    int status = load_view(r, &v);
    if (status)
        return status;
    bool only = v.table.only_approved;
    const char *label = period_label(r->arena, v.period.code);
    json_t *d = page_data(r, arena_printf(r->arena, "Bảng tổng hợp %s — %s", label, v.unit.name));
    json_object_set_new(d, "unit_name", json_string(v.unit.name));
    json_object_set_new(d, "period_label", json_string(label));
    json_object_set_new(d, "periods", period_links(r, "rollup", v.unit.code, v.period.code, only));
    json_object_set_new(d, "sheet_href",
                        json_string(page_report_href(r, v.unit.code, v.period.code)));
    json_object_set_new(d, "sheet_query", json_string(only ? "?only=approved" : ""));
    json_object_set_new(d, "matrix_print_href",
                        json_string(arena_printf(r->arena, "/rollup/%s/%s/print%s", v.unit.code,
                                                 v.period.code, only ? "?only=approved" : "")));
    json_object_set_new(d, "indicators_href",
                        json_string(arena_printf(r->arena, "/indicators/%s/%s%s", v.unit.code,
                                                 v.period.code, only ? "?only=approved" : "")));
    if (r->user.role == ROLE_DISTRICT && r->user.unit_id == v.unit.id)
        json_object_set_new(d, "own_rows", json_pack("{s:s}", "href",
                                                     page_report_href(r, v.unit.code,
                                                                      v.period.code)));
    if (v.unit.parent_id && auth_can_read(&r->user, v.unit.parent_id)) {
        struct unit up;
        if (unit_get(r->arena, v.unit.parent_id, &up) == 0)
            json_object_set_new(d, "parent",
                                json_pack("{s:s, s:s}", "uname", up.name, "uhref",
                                          arena_printf(r->arena, "/rollup/%s/%s%s", up.code,
                                                       v.period.code,
                                                       only ? "?only=approved" : "")));
    }
    add_summary(r, d, &v, only);
    add_charts(r, d, &v, only);
    struct rollup_text *texts;
    int n_texts = rollup_texts(r->arena, &v.unit, &v.period, v.table.only_approved, &texts);
    if (n_texts < 0) {
        json_decref(d);
        return 500;
    }
    struct tpl_dict *page = tpl_page(d); /* the long lists straight to the page */
    add_sections(r, page, &v.table);
    add_missing(r, page, &v);
    add_texts(page, texts, n_texts);
    add_matrix(r, page, &v, only);
    int code = http_html_page(r, 200, "rollup.tpl", page);
    json_decref(d); /* after the page: its strings are d's */
    return code;
}

/* Loads the unit's table and its indicator lines (one read snapshot). 0, or
** the status. */
static int load_indicators(struct req *r, struct rollup_view *v, struct rollup_indicator **lines,
                           int *n)
{
    int status = page_unit_period(r, 0, 1, &v->unit, &v->period);
    if (status)
        return status;
    if (db_run("BEGIN") < 0)
        return 500;
    if (rollup_load(r->arena, app.form, &v->unit, &v->period, page_only_approved(r), &v->table) <
            0 ||
        (*n = rollup_indicators(r->arena, app.form, &v->table, lines)) < 0)
        status = 500;
    db_run("COMMIT");
    return status;
}

/*
** GET /api/indicators/{unit}/{period}[?only=approved]
**
** [{code, name, plan, target, actual, met, …}] (interfaces.md): each indicator
** with the targets of the plans of the unit, its ancestors and the country;
** actual and met are null when unmeasured. Role: staff of the unit or above.
*/
int api_indicators_get(struct req *r)
{
    struct rollup_view v;
    struct rollup_indicator *lines;
    int n, status = load_indicators(r, &v, &lines, &n);
    if (status)
        return status;
    return http_json(r, 200, rollup_indicators_json(lines, n));
}

/* One indicator line as a template row. */
static json_t *indicator_row(struct req *r, const struct rollup_indicator *l)
{
    char t[FMT_NUM_MAX], a[FMT_NUM_MAX];
    json_t *row = json_pack("{s:s, s:s}", "iname", l->name, "actual",
                            l->measured ? fmt_ratio(a, l->num, l->den) : "chưa có số liệu");
    if (l->measured)
        json_object_set_new(row, "measured", json_true());
    else
        json_object_set_new(row, "unmeasured", json_true());
    if (l->has_target) {
        json_object_set_new(
            row, "target",
            json_pack("{s:s, s:s, s:s, s:i}", "ttext",
                      arena_printf(r->arena, "%s %s", strcmp(l->op, "<=") == 0 ? "≤" : "≥",
                                   fmt_fraction(t, l->target)),
                      "plan", l->plan, "plan_unit", l->plan_unit, "year", l->year));
        if (l->measured)
            json_object_set_new(row, l->met ? "met" : "not_met", json_true());
    }
    return row;
}

/*
** GET /indicators/{unit}/{period}[?only=approved]
**
** The indicator table: indicator · target · plan · actual · met. Targets come
** from the plans of the unit, of its ancestors and national plans; a target
** no element measures reads "chưa có số liệu". Role: staff of the unit or above.
*/
int page_indicators_view(struct req *r)
{
    struct rollup_view v;
    struct rollup_indicator *lines;
    int n, status = load_indicators(r, &v, &lines, &n);
    if (status)
        return status;
    bool only = v.table.only_approved;
    const char *label = period_label(r->arena, v.period.code);
    json_t *d = page_data(r, arena_printf(r->arena, "Chỉ tiêu %s — %s", label, v.unit.name));
    json_t *rows = json_array();
    for (int k = 0; k < n; k++)
        json_array_append_new(rows, indicator_row(r, &lines[k]));
    json_object_set_new(d, "rows", rows);
    json_object_set_new(d, "unit_name", json_string(v.unit.name));
    json_object_set_new(d, "summary",
                        json_string(arena_printf(r->arena, "Đã tổng hợp %d/%d xã",
                                                 v.table.count.included, v.table.count.expected)));
    json_object_set_new(d, "only_approved", json_boolean(only));
    json_object_set_new(d, "periods",
                        period_links(r, "indicators", v.unit.code, v.period.code, only));
    json_object_set_new(d, "rollup_href",
                        json_string(arena_printf(r->arena, "/rollup/%s/%s%s", v.unit.code,
                                                 v.period.code, only ? "?only=approved" : "")));
    return http_html(r, 200, "indicators.tpl", d);
}

/*
** GET /rollup/{unit}/{period}/export.pdf[?only=approved]
**
** The landscape matrix of page_rollup_print as a PDF file made by the
** program (pdf.h). Role: staff of the unit or above it.
*/
int page_rollup_pdf(struct req *r)
{
    struct rollup_view v;
    int status = load_view(r, &v);
    if (status)
        return status;
    bool only = v.table.only_approved;
    const char *subtitle = matrix_subtitle(r, &v);
    return page_pdf_landscape(r, &v.unit, &v.period, subtitle, only, print_matrix(r, &v));
}
