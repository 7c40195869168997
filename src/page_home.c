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
#include "unit.h"

#include <string.h>

static const char sql_commune_periods[] =
    "SELECT p.code, p.due_date, p.locked_at, COALESCE(r.status, 'empty'), r.submitted_at, "
    "       r.return_reason "
    "FROM period p LEFT JOIN report r ON r.period_id = p.id AND r.unit_id = :unit "
    "ORDER BY p.start_date DESC, p.code DESC";

static const char sql_subtree_status[] =
    "SELECT u.code, u.name, COALESCE(r.status, 'empty'), r.submitted_at "
    "FROM unit_tree t JOIN unit u ON u.id = t.unit_id "
    "LEFT JOIN report r ON r.unit_id = u.id AND r.period_id = :period "
    "WHERE t.ancestor_id = :unit AND u.level = 'commune' "
    "  AND (u.valid_from IS NULL OR u.valid_from <= :end) "
    "  AND (u.valid_to IS NULL OR u.valid_to >= :start) "
    "ORDER BY u.code";

static const char sql_predecessor_reports[] =
    "SELECT o.code, o.name, p.code, r.status FROM unit_succession s "
    "JOIN unit o ON o.id = s.old_unit_id JOIN report r ON r.unit_id = o.id "
    "JOIN period p ON p.id = r.period_id WHERE s.new_unit_id = :unit "
    "ORDER BY p.start_date DESC, p.code DESC, o.code";

/* Is a report of that status, for a period due on due, late today? */
static bool is_late(const char *status, const char *submitted_at, const char *due)
{
    char today[16];
    if (submitted_at && strcmp(status, "returned") != 0)
        return strncmp(submitted_at, due, 10) > 0;
    return strcmp(fmt_today_vn(today), due) > 0;
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
    predecessor_reports(r, u, d);
    return http_html(r, 200, "home_commune.tpl", d);
}

/* The charts of the staff home page: completeness of reporting, and the ratio
** row asked for (query chart=CODE, default the first ratio row) per commune. */
static json_t *staff_charts(struct req *r, const struct unit *u, const struct period *p)
{
    const struct form *f = app.form;
    const char *want = http_query(r, "chart");
    json_t *options = json_array();
    const char *chosen = NULL;
    for (int i = 0; i < f->n_elements; i++) {
        const struct form_element *e = &f->elements[i];
        if (e->denominator < 0 || e->supporting || e->parent >= 0)
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
        json_object_set_new(charts, "ratio",
                            json_pack("{s:s}", "src",
                                      arena_printf(r->arena, "%s/ratio.svg?code=%s", base, chosen)));
    return charts;
}

/* District or province staff: every commune below them for one period. */
static int home_staff(struct req *r, const struct unit *u)
{
    struct period *periods, p;
    int n = period_list(r->arena, &periods);
    const char *want = http_query(r, "period");
    if (n <= 0)
        return http_html(r, 200, "home_staff.tpl", page_data(r, u->name));
    p = periods[0];
    for (int i = 0; want && i < n; i++)
        if (strcmp(periods[i].code, want) == 0)
            p = periods[i];
    json_t *d = page_data(r, arena_printf(r->arena, "Báo cáo các xã — %s", u->name));
    json_t *options = json_array(), *rows = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(options, json_pack("{s:s, s:s, s:b}", "code", periods[i].code,
                                                 "label", period_label(r->arena, periods[i].code),
                                                 "selected", periods[i].id == p.id));
    sqlite3_stmt *st = db_stmt(sql_subtree_status);
    if (!st)
        return 500;
    db_bind_int(st, ":period", p.id);
    db_bind_int(st, ":unit", u->id);
    db_bind_text(st, ":start", p.start);
    db_bind_text(st, ":end", p.end);
    int total = 0, sent = 0, late = 0;
    while (db_step(st) == SQLITE_ROW) {
        const char *status = db_text(st, 2);
        char when[FMT_DATE_MAX];
        bool is_sent = strcmp(status, "submitted") == 0 || strcmp(status, "approved") == 0;
        bool is_l = is_late(status, db_text(st, 3), p.due);
        total++;
        sent += is_sent;
        late += is_l;
        json_array_append_new(
            rows, json_pack("{s:s, s:s, s:s, s:s, s:s, s:b}", "name", db_text(st, 1), "href",
                            page_report_href(r, db_text(st, 0), p.code), "status", status,
                            "status_label", page_status_label(status), "submitted",
                            fmt_time_vn(when, db_text(st, 3)), "late", is_l));
    }
    char due[FMT_DATE_MAX];
    json_object_set_new(d, "periods", options);
    json_object_set_new(d, "communes", rows);
    json_object_set_new(d, "unit_name", json_string(u->name));
    json_object_set_new(d, "period_label", json_string(period_label(r->arena, p.code)));
    json_object_set_new(d, "due", json_string(fmt_date_short(due, p.due)));
    json_object_set_new(d, "summary", json_string(arena_printf(r->arena, "Đã nộp %d/%d xã, %d trễ hạn",
                                                               sent, total, late)));
    json_object_set_new(d, "charts", staff_charts(r, u, &p));
    return http_html(r, 200, "home_staff.tpl", d);
}

/*
** GET /
**
** The home page of the logged-in user: a commune's periods and their reports;
** district or province staff: the communes below them and their reports for
** a period (query: period=CODE, default the newest); an admin: the
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
