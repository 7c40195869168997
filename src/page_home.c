/*
** The home page: what each role sees first.
*/
#include "app.h"
#include "db.h"
#include "fmt.h"
#include "form.h"
#include "http.h"
#include "page.h"
#include "pages.h"
#include "report.h"
#include "rollup.h"
#include "unit.h"

#include <string.h>

static const char sql_commune_periods[] =
    "SELECT p.code, p.due_date, p.locked_at, COALESCE(r.status, 'empty'), r.submitted_at, "
    "       r.return_reason "
    "FROM period p LEFT JOIN report r ON r.period_id = p.id AND r.unit_id = :unit "
    "WHERE (:from IS NULL OR p.end_date >= :from) AND (:to IS NULL OR p.end_date <= :to) "
    "ORDER BY p.start_date DESC, p.code DESC";

static const char sql_predecessor_reports[] =
    "SELECT o.code, o.name, p.code, r.status FROM unit_succession s "
    "JOIN unit o ON o.id = s.old_unit_id JOIN report r ON r.unit_id = o.id "
    "JOIN period p ON p.id = r.period_id WHERE s.new_unit_id = :unit "
    "ORDER BY p.start_date DESC, p.code DESC, o.code";

/* The submitted reports of the units below :unit, in every period, newest
** period first. */
static const char sql_waiting[] =
    "SELECT r.unit_id, p.code, r.submitted_at, p.due_date FROM report r "
    "JOIN unit_tree t ON t.unit_id = r.unit_id AND t.ancestor_id = :unit AND t.depth > 0 "
    "JOIN unit u ON u.id = r.unit_id JOIN period p ON p.id = r.period_id "
    "WHERE r.status = 'submitted' ORDER BY p.start_date DESC, p.code DESC, u.code LIMIT 500";

#define WAITING_MAX 200

/* Is a report of that status, for a period due on due, late today? Sent
** after the due date (in Vietnam's time), or not sent and the date is past. */
static bool is_late(const char *status, const char *submitted_at, const char *due)
{
    char day[16];
    if (submitted_at && strcmp(status, "returned") != 0)
        return strcmp(fmt_date_vn(day, submitted_at), due) > 0;
    return strcmp(fmt_today_vn(day), due) > 0;
}

/* The reports of the communes that merged into u (read-only links), as
** d.predecessors with d.has_predecessors. */
static void predecessor_reports(struct req *r, const struct unit *u, json_t *d)
{
    json_t *rows = json_array();
    sqlite3_stmt *st = db_stmt(sql_predecessor_reports);
    if (st) {
        db_bind_int(st, ":unit", u->id);
        while (db_step(st) == SQLITE_ROW)
            json_array_append_new(
                rows, json_pack("{s:s, s:s, s:s}", "m_href",
                                page_report_href(r, db_text(st, 0), db_text(st, 2)), "m_label",
                                arena_printf(r->arena, "Báo cáo %s — %s (%s)",
                                             period_label(r->arena, db_text(st, 2)),
                                             db_text(st, 1), db_text(st, 0)),
                                "m_status", page_status_label(db_text(st, 3))));
    }
    json_object_set_new(d, "has_predecessors", json_boolean(json_array_size(rows) > 0));
    json_object_set_new(d, "predecessors", rows);
}

/* A commune officer: each period with its status, due date, and what to do. */
static int home_commune(struct req *r, const struct unit *u)
{
    json_t *d = page_data(r, arena_printf(r->arena, "Báo cáo của %s", u->name));
    json_t *rows = json_array();
    sqlite3_stmt *st = db_stmt(sql_commune_periods);
    if (!st)
        return 500;
    db_bind_int(st, ":unit", u->id);
    db_bind_text(st, ":from", u->valid_from); /* only the periods the commune reports for */
    db_bind_text(st, ":to", u->valid_to);
    while (db_step(st) == SQLITE_ROW) {
        const char *code = db_text(st, 0), *due = db_text(st, 1), *status = db_text(st, 3);
        char due_s[FMT_DATE_MAX], sent[FMT_DATE_MAX];
        bool open = db_is_null(st, 2) && (strcmp(status, "empty") == 0 ||
                                          strcmp(status, "draft") == 0 ||
                                          strcmp(status, "returned") == 0);
        json_t *row = json_pack(
            "{s:s, s:s, s:s, s:s, s:s, s:b, s:b}", "period", period_label(r->arena, code),
            "href", page_report_href(r, u->code, code), "status", status, "status_label",
            page_status_label(status), "due", fmt_date_short(due_s, due), "late",
            is_late(status, db_text(st, 4), due), "to_do", open);
        if (!db_is_null(st, 4))
            json_object_set_new(row, "sent", json_pack("{s:s}", "at", fmt_time_vn(sent, db_text(st, 4))));
        if (strcmp(status, "returned") == 0)
            json_object_set_new(row, "returned", json_pack("{s:s}", "reason", db_text(st, 5)));
        json_array_append_new(rows, row);
    }
    json_object_set_new(d, "periods", rows);
    json_object_set_new(d, "unit_name", json_string(u->name));
    char today[16];
    const char *merged = unit_merged_note(r->arena, u, fmt_today_vn(today));
    if (merged)
        json_object_set_new(d, "merged", json_pack("{s:s}", "text", merged));
    predecessor_reports(r, u, d);
    return http_html(r, 200, "home_commune.tpl", d);
}

/*
** "Chờ duyệt": the submitted reports, in every period, that the user reviews
** (page_can_review decides), as d.waiting {count, rows: [{key, rid, name,
** period, href, sent, late, blocked?, errors}]}; a report whose values have
** errors under today's checks cannot be picked for approval in bulk.
*/
static void waiting_reports(struct req *r, const struct unit *mine, json_t *d)
{
    json_t *rows = json_array();
    sqlite3_stmt *st = db_stmt(sql_waiting);
    int n = 0, more = 0;
    if (st) {
        db_bind_int(st, ":unit", mine->id);
        while (db_step(st) == SQLITE_ROW) {
            struct unit u;
            struct period p;
            struct report rep;
            if (unit_get(r->arena, db_int(st, 0), &u) < 0 ||
                period_find(r->arena, db_text(st, 1), &p) < 0 || !page_can_review(r, &u, &p))
                continue;
            if (n >= WAITING_MAX) {
                more++;
                continue;
            }
            char when[FMT_DATE_MAX];
            const char *key = arena_printf(r->arena, "%s/%s", u.code, p.code);
            json_t *row = json_pack(
                "{s:s, s:s, s:s, s:s, s:s, s:I, s:s, s:b}", "key", key, "rid",
                arena_printf(r->arena, "%s-%s", u.code, p.code), "name", u.name, "period",
                period_label(r->arena, p.code), "href",
                arena_printf(r->arena, "%s#review", page_report_href(r, u.code, p.code)),
                "version", (json_int_t)0, "sent", fmt_time_vn(when, db_text(st, 2)), "late",
                is_late("submitted", db_text(st, 2), db_text(st, 3)));
            if (report_load(r->arena, app.form, u.id, p.id, &rep) == 0) {
                json_object_set_new(row, "version", json_integer(rep.version));
                int errors = review_error_count(r, &u, &p, &rep);
                if (errors)
                    json_object_set_new(row, "blocked",
                                        json_pack("{s:i}", "errors", errors));
                else
                    json_object_set_new(row, "pickable", json_true());
            }
            json_array_append_new(rows, row);
            n++;
        }
    }
    json_t *w = json_pack("{s:i, s:o}", "count", n + more, "rows", rows);
    if (n)
        json_object_set_new(w, "any", json_true());
    else
        json_object_set_new(w, "nothing", json_true());
    if (more)
        json_object_set_new(w, "more", json_pack("{s:i}", "n_more", more));
    json_object_set_new(d, "waiting", w);
}

/* A district's own rows (entered by the district, counted in its table
** whatever their status) for period p: d.own_rows {label, status, href,
** action}. Only for a unit of level district. */
static void own_rows(struct req *r, const struct unit *u, const struct period *p, json_t *d)
{
    struct report rep;
    if (strcmp(u->level, "district") != 0 ||
        report_load(r->arena, app.form, u->id, p->id, &rep) < 0)
        return;
    bool mine = r->user.role == ROLE_DISTRICT && r->user.unit_id == u->id;
    json_object_set_new(d, "own_rows",
                        json_pack("{s:s, s:s, s:s, s:s}", "own_status", rep.status,
                                  "own_label", page_status_label(rep.status), "own_href",
                                  page_report_href(r, u->code, p->code), "own_action",
                                  mine ? "Nhập số liệu do huyện nhập" : "Xem số liệu của huyện"));
}

/* The charts of the staff home page: completeness of reporting, and the ratio
** row asked for (query chart=CODE, default the first ratio row) with one bar per
** child unit (page_chart_ratio: a commune, or a district of a three-tier
** province), drawn across (layout=narrow) on a screen narrower than its bars. */
static json_t *staff_charts(struct req *r, const struct unit *u, const struct period *p,
                            int n_children)
{
    const struct form *f = app.form;
    const char *want = http_query(r, "chart");
    json_t *options = json_array();
    const char *chosen = NULL;
    for (int i = 0; i < f->n_elements; i++) {
        const struct form_element *e = &f->elements[i];
        if (!rollup_has_ratio(f, i) || e->supporting || e->parent >= 0)
            continue;
        bool selected = want ? strcmp(want, e->code) == 0 : !chosen;
        if (selected)
            chosen = e->code;
        json_array_append_new(options, json_pack("{s:s, s:s, s:b}", "code", e->code, "label",
                                                 e->label, "selected", selected));
    }
    const char *base = arena_printf(r->arena, "/charts/%s/%s", u->code, p->code);
    json_t *charts = json_pack("{s:s, s:o, s:s}", "completeness_src",
                               arena_printf(r->arena, "%s/completeness.svg", base), "chart_options",
                               options, "chart_period", p->code);
    if (chosen)
        json_object_set_new(
            charts, "ratio",
            json_pack("{s:s, s:s, s:s}", "src",
                      arena_printf(r->arena, "%s/ratio.svg?code=%s", base, chosen), "narrow_src",
                      arena_printf(r->arena, "%s/ratio.svg?code=%s&layout=narrow", base, chosen),
                      "narrow_media", page_chart_narrow_media(r, n_children)));
    return charts;
}

/* The period named by ?period=, else the newest in which the unit mine
** exists (its end within mine's validity; else the newest); false when
** there is none. */
static bool chosen_period(struct req *r, const struct unit *mine, struct period *out,
                          json_t **options)
{
    struct period *periods;
    int n = period_list(r->arena, &periods);
    const char *want = http_query(r, "period");
    if (n <= 0)
        return false;
    *out = periods[0];
    for (int i = n - 1; i >= 0; i--)
        if ((!mine->valid_from || strcmp(periods[i].end, mine->valid_from) >= 0) &&
            (!mine->valid_to || strcmp(periods[i].end, mine->valid_to) <= 0))
            *out = periods[i];
    for (int i = 0; want && i < n; i++)
        if (strcmp(periods[i].code, want) == 0)
            *out = periods[i];
    *options = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(*options, json_pack("{s:s, s:s, s:b}", "code", periods[i].code,
                                                  "label", period_label(r->arena, periods[i].code),
                                                  "selected", periods[i].id == out->id));
    return true;
}

/* One child of the grid: a commune with its report, or a unit above the
** communes with its counts and a drill-down link. */
static json_t *grid_row(struct req *r, const struct rollup_child *c, const struct period *p)
{
    char when[FMT_DATE_MAX];
    if (strcmp(c->unit.level, "commune") == 0) {
        bool sent = strcmp(c->status, "submitted") == 0 || strcmp(c->status, "approved") == 0;
        json_t *row = json_pack(
            "{s:s, s:s, s:s, s:s, s:s, s:b, s:b}", "name", c->unit.name, "href",
            page_report_href(r, c->unit.code, p->code), "status", c->status, "status_label",
            page_status_label(c->status), "submitted",
            sent ? fmt_time_vn(when, c->submitted_at) : "", "late", c->count.late > 0,
            "to_review", strcmp(c->status, "submitted") == 0 && page_can_review(r, &c->unit, p));
        json_object_set_new(row, "commune", json_true());
        return row;
    }
    json_t *row = json_pack("{s:s, s:s, s:s, s:b}", "name", c->unit.name, "href",
                            arena_printf(r->arena, "/?unit=%s&period=%s", c->unit.code, p->code),
                            "counts",
                            arena_printf(r->arena, "Đã nộp %d/%d xã, %d trễ hạn", c->count.sent,
                                         c->count.expected, c->count.late),
                            "late", c->count.late > 0);
    json_object_set_new(row, "table_href", json_string(arena_printf(
                                               r->arena, "/rollup/%s/%s", c->unit.code, p->code)));
    json_object_set_new(row, "unit_row", json_true());
    return row;
}

/*
** District or province staff: the completeness grid of one unit (theirs, or
** one below it given by ?unit=CODE) for one period: each child with its
** status (communes) or its counts (districts), and the total line.
*/
static int home_staff(struct req *r, const struct unit *mine)
{
    struct period p;
    struct unit u = *mine;
    json_t *options;
    const char *want = http_query(r, "unit");
    if (!chosen_period(r, mine, &p, &options))
        return http_html(r, 200, "home_staff.tpl", page_data(r, mine->name));
    struct rollup_child *children;
    int n = 0, status = 0;
    if (want && strcmp(want, mine->code) != 0) {
        if (unit_find(r->arena, want, p.end, &u) < 0)
            status = http_error(r, 404, "Không có đơn vị hành chính mang mã này.");
        else if (!auth_can_read(&r->user, u.id))
            status = http_error(r, 403, "Bạn không có quyền xem số liệu của đơn vị này.");
    }
    if (!status && (n = rollup_children_counts(r->arena, app.form, &u, &p, &children)) < 0)
        status = 500;
    if (status) {
        json_decref(options);
        return status;
    }
    json_t *d = page_data(r, arena_printf(r->arena, "Tình hình nộp báo cáo — %s", u.name));
    json_t *rows = json_array();
    int total = 0, sent = 0, late = 0;
    for (int k = 0; k < n; k++) {
        total += children[k].count.expected;
        sent += children[k].count.sent;
        late += children[k].count.late;
        json_array_append_new(rows, grid_row(r, &children[k], &p));
    }
    char due[FMT_DATE_MAX];
    json_object_set_new(d, "periods", options);
    json_object_set_new(d, "children", rows);
    json_object_set_new(d, "unit_name", json_string(u.name));
    json_object_set_new(d, "unit_code", json_string(u.code));
    json_object_set_new(d, "period_label", json_string(period_label(r->arena, p.code)));
    json_object_set_new(d, "due", json_string(fmt_date_short(due, p.due)));
    json_object_set_new(d, "rollup_href",
                        json_string(arena_printf(r->arena, "/rollup/%s/%s", u.code, p.code)));
    json_object_set_new(d, "indicators_href",
                        json_string(arena_printf(r->arena, "/indicators/%s/%s", u.code, p.code)));
    if (rollup_has_successors(&u, &p))
        json_object_set_new(d, "regroup",
                            json_pack("{s:s}", "href",
                                      arena_printf(r->arena, "/rollup/%s/%s/regrouped", u.code,
                                                   p.code)));
    if (u.id != mine->id)
        json_object_set_new(d, "up", json_pack("{s:s}", "href",
                                               arena_printf(r->arena, "/?period=%s", p.code)));
    json_object_set_new(d, "summary", json_string(arena_printf(r->arena, "Đã nộp %d/%d xã, %d trễ hạn",
                                                               sent, total, late)));
    json_object_set_new(d, "charts", staff_charts(r, &u, &p, n));
    waiting_reports(r, mine, d);
    own_rows(r, &u, &p, d);
    return http_html(r, 200, "home_staff.tpl", d);
}

/*
** GET /
**
** The home page of the logged-in user: a commune's periods and their reports;
** district or province staff: the completeness grid of the units below them
** for a period (query: period=CODE, default the newest; unit=CODE a unit
** below theirs to drill down to), with the charts, and a link to the table
** regrouped by the new communes when the period's communes have successors;
** an admin: the
** administration home (page_admin.c). Any role.
*/
int page_home(struct req *r)
{
    struct unit u;
    if (r->user.role == ROLE_ADMIN || r->user.unit_id <= 0)
        return page_admin_home(r);
    if (unit_get(r->arena, r->user.unit_id, &u) < 0)
        return 500;
    return r->user.role == ROLE_COMMUNE ? home_commune(r, &u) : home_staff(r, &u);
}
