/*
** Periods, plans and targets, for the admin.
**
** Periods are the installation's (2024, 2024S1, 2024S2): only an
** installation-wide admin opens them, sets their due dates and locks them. A
** plan belongs to the unit that issued it (or to the whole country) and holds
** targets per indicator and year; a scoped admin manages the plans of units
** in its province.
*/
#include "admin.h"
#include "app.h"
#include "db.h"
#include "fmt.h"
#include "form.h"
#include "http.h"
#include "page.h"
#include "pages.h"
#include "sheet.h"
#include "unit.h"

#include <stdlib.h>
#include <string.h>

static const char sql_period_add[] =
    "INSERT INTO period (code, form_id, start_date, end_date, due_date) "
    "VALUES (:code, :form, :start, :end, :due)";

static const char sql_period_due[] = "UPDATE period SET due_date = :due WHERE code = :code";

static const char sql_period_cutoff[] =
    "UPDATE period SET cutoff_from = :from, cutoff_to = :to WHERE code = :code";

static const char sql_period_lock[] = "UPDATE period SET locked_at = :at WHERE code = :code";

static const char sql_plans[] =
    "SELECT p.id, p.name, p.doc_number, p.year_from, p.year_to, u.code, u.name, "
    "  (SELECT COUNT(*) FROM target t WHERE t.plan_id = p.id) "
    "FROM plan p LEFT JOIN unit u ON u.id = p.unit_id "
    "WHERE :scope IS NULL OR p.unit_id IN (SELECT unit_id FROM unit_tree WHERE ancestor_id = "
    ":scope) "
    "ORDER BY p.year_from DESC, p.id";

static const char sql_plan_get[] =
    "SELECT p.unit_id, p.name, p.doc_number, p.year_from, p.year_to, u.code, u.name "
    "FROM plan p LEFT JOIN unit u ON u.id = p.unit_id WHERE p.id = :id";

static const char sql_plan_add[] =
    "INSERT INTO plan (unit_id, name, doc_number, year_from, year_to) "
    "VALUES (:unit, :name, :doc, :from, :to)";

static const char sql_plan_edit[] = "UPDATE plan SET name = :name, doc_number = :doc, "
                                    "year_from = :from, year_to = :to WHERE id = :id";

static const char sql_plan_delete[] = "DELETE FROM plan WHERE id = :id";

static const char sql_targets[] =
    "SELECT t.id, i.name, t.year, t.op, t.value FROM target t "
    "JOIN indicator i ON i.id = t.indicator_id WHERE t.plan_id = :id ORDER BY i.position, t.year";

static const char sql_indicators[] =
    "SELECT id, name FROM indicator WHERE form_id = :form ORDER BY position";

static const char sql_target_put[] =
    "INSERT INTO target (plan_id, indicator_id, year, op, value) "
    "SELECT :plan, id, :year, :op, :value FROM indicator WHERE id = :indicator AND form_id = :form "
    "ON CONFLICT (plan_id, indicator_id, year) DO UPDATE SET op = excluded.op, "
    "value = excluded.value";

static const char sql_target_delete[] = "DELETE FROM target WHERE id = :id AND plan_id = :plan";

/* --- periods ----------------------------------------------------------- */

/* The cut-off inputs of a period's row: the dates the admin set (blank when
** the decree's rule applies) and the rule's dates as placeholders. */
static void period_cutoff_fields(struct req *r, json_t *row, const struct period *p)
{
    const char *from, *to, *rule_from, *rule_to;
    if (!row || sheet_cutoff(r->arena, p, &from, &to) < 0 ||
        sheet_cutoff_default(r->arena, p->code, &rule_from, &rule_to) < 0)
        return;
    bool set = strcmp(from, rule_from) != 0 || strcmp(to, rule_to) != 0;
    json_object_set_new(row, "k_cut_from", json_string(set ? page_date(r, from) : ""));
    json_object_set_new(row, "k_cut_to", json_string(set ? page_date(r, to) : ""));
    json_object_set_new(row, "k_rule_from", json_string(page_date(r, rule_from)));
    json_object_set_new(row, "k_rule_to", json_string(page_date(r, rule_to)));
}

/* Renders the periods page (status, flash ok or error). */
static int periods_page(struct req *r, int status, const char *ok, const char *error)
{
    json_t *d = page_data(r, "Kỳ báo cáo"), *rows = json_array();
    struct period *ps;
    int n = period_list(r->arena, &ps);
    char today[16];
    fmt_today_vn(today);
    for (int i = 0; i < n; i++) {
        char at[FMT_DATE_MAX];
        json_array_append_new(
            rows,
            json_pack("{s:b, s:s, s:s, s:s, s:s, s:s, s:s, s:b, s:b}", "k_past",
                      strcmp(ps[i].due, today) < 0, "k_code", ps[i].code, "k_label",
                      period_label(r->arena, ps[i].code), "k_span",
                      arena_printf(r->arena, "%s – %s", page_date(r, ps[i].start),
                                   page_date(r, ps[i].end)),
                      "k_due", page_date(r, ps[i].due), "k_state",
                      ps[i].locked_at ? arena_printf(r->arena, "đã khóa lúc %s",
                                                     fmt_time_vn(at, ps[i].locked_at))
                                      : "đang mở",
                      "k_base", arena_printf(r->arena, "/admin/periods/%s", ps[i].code), "k_locked",
                      ps[i].locked_at != NULL, "k_open", ps[i].locked_at == NULL));
        period_cutoff_fields(r, json_array_get(rows, json_array_size(rows) - 1), &ps[i]);
    }
    json_object_set_new(d, "periods", rows);
    json_object_set_new(d, "no_periods", json_boolean(n <= 0));
    if (error) {
        const char *code = http_field(r, "code"), *due = http_field(r, "due");
        json_object_set_new(d, "f_code", json_string(code ? code : ""));
        json_object_set_new(d, "f_due", json_string(due ? due : ""));
    }
    page_flash(d, ok, error);
    return http_html(r, status, "admin_periods.tpl", d);
}

/* 0 when the admin manages the whole installation, else 403 (with a message). */
static int need_global(struct req *r)
{
    if (admin_is_global(&r->user)) return 0;
    return http_error(r, 403, "Chỉ quản trị toàn hệ thống quản lý kỳ báo cáo.");
}

/*
** GET /admin/periods
**
** Every period with its dates, due date and lock, the forms to change the due
** date and to lock or unlock, and the form to open a period. Query: ok=1.
** Role: an installation-wide admin.
*/
int page_admin_periods(struct req *r)
{
    int rc = need_global(r);
    if (rc) return rc;
    const char *past = http_query(r, "past");
    const char *ok = http_query(r, "ok") ? "Đã lưu kỳ báo cáo." : NULL;
    if (ok && past && fmt_is_date(past))
        ok = arena_printf(r->arena, "Đã lưu kỳ báo cáo. Lưu ý: Hạn nộp %s đã qua — mọi báo cáo "
                                    "chưa gửi của kỳ này bị tính là trễ hạn ngay.",
                          page_date(r, past));
    return periods_page(r, 200, ok, NULL);
}

/* Runs one statement changing a period (code bound already) plus its log
** line; then back to the list, with a warning when the due date set (due, or
** NULL) is already past. */
static int period_write(struct req *r, sqlite3_stmt *st, const char *action, const char *detail,
                        const char *due)
{
    char today[16];
    if (!st || db_step(st) != SQLITE_DONE) {
        db_write_rollback();
        return 500;
    }
    if (db_changes() == 0) {
        db_write_rollback();
        return http_error(r, 404, "Không có kỳ báo cáo này.");
    }
    if (admin_commit(r->user.id, action, detail) < 0) return 500;
    if (due && strcmp(due, fmt_today_vn(today)) < 0)
        return http_redirect(r, arena_printf(r->arena, "/admin/periods?ok=1&past=%s", due));
    return http_redirect(r, "/admin/periods?ok=1");
}

/*
** POST /admin/periods   (code=2024|2024S1|2024S2, due=dd/mm/yyyy or YYYY-MM-DD)
**
** Opens a period of the appendix form: a year or six months, from its first
** to its last day, with its due date. 422 for a bad code or date, 409 if the
** period exists. Redirects with ok=1. Role: an installation-wide admin.
*/
int page_admin_period_add(struct req *r)
{
    const char *code = http_field(r, "code"), *due;
    int rc = need_global(r);
    if (rc) return rc;
    if (!period_code_valid(code) || atoi(code) < 2000 || atoi(code) > 2100)
        return periods_page(r, 422, NULL,
                            "Mã kỳ báo cáo viết dạng 2024 (cả năm), 2024S1 (6 tháng đầu năm) "
                            "hoặc 2024S2 (6 tháng cuối năm).");
    if (page_form_date(r, "due", &due) != 1)
        return periods_page(r, 422, NULL, "Hạn nộp không hợp lệ (viết dạng dd/mm/yyyy).");
    struct period p;
    if (period_find(r->arena, code, &p) == 0)
        return periods_page(r, 409, NULL, "Kỳ báo cáo này đã có.");
    int year = atoi(code);
    bool second = code[4] == 'S' && code[5] == '2', first = code[4] == 'S' && code[5] == '1';
    if (db_write_begin() < 0) return 500;
    sqlite3_stmt *st = db_stmt(sql_period_add);
    if (st) {
        db_bind_text(st, ":code", code);
        db_bind_int(st, ":form", app.form->id);
        db_bind_text(st, ":start",
                     arena_printf(r->arena, "%04d-%s", year, second ? "07-01" : "01-01"));
        db_bind_text(st, ":end",
                     arena_printf(r->arena, "%04d-%s", year, first ? "06-30" : "12-31"));
        db_bind_text(st, ":due", due);
    }
    return period_write(r, st, "period.add",
                        arena_printf(r->arena, "Mở kỳ báo cáo %s, hạn nộp %s",
                                     period_label(r->arena, code), page_date(r, due)),
                        due);
}

/*
** POST /admin/periods/{code}/due   (due=dd/mm/yyyy or YYYY-MM-DD)
**
** Sets the period's due date. 422 for a bad date, 404 for no such period.
** Role: an installation-wide admin.
*/
int page_admin_period_due(struct req *r)
{
    const char *due, *cut_from, *cut_to;
    int rc = need_global(r);
    if (rc) return rc;
    if (page_form_date(r, "due", &due) != 1)
        return periods_page(r, 422, NULL, "Hạn nộp không hợp lệ (viết dạng dd/mm/yyyy).");
    /* the data cut-off beside it (paper, sql/007_paper.sql): blank = the decree's rule */
    bool cutoff = http_field(r, "cutoff_from") || http_field(r, "cutoff_to");
    if (page_form_date(r, "cutoff_from", &cut_from) < 0 ||
        page_form_date(r, "cutoff_to", &cut_to) < 0 || (!cut_from != !cut_to) ||
        (cut_from && strcmp(cut_from, cut_to) > 0))
        return periods_page(r, 422, NULL,
                            "Thời gian chốt số liệu không hợp lệ: nhập cả hai ngày (dd/mm/yyyy), "
                            "ngày bắt đầu trước ngày kết thúc, hoặc để trống cả hai để theo "
                            "Nghị định 09/2019/NĐ-CP.");
    if (db_write_begin() < 0) return 500;
    sqlite3_stmt *cs = cutoff ? db_stmt(sql_period_cutoff) : NULL;
    if (cs) {
        db_bind_text(cs, ":from", cut_from);
        db_bind_text(cs, ":to", cut_to);
        db_bind_text(cs, ":code", r->args[0]);
    }
    if (cutoff && (!cs || db_step(cs) != SQLITE_DONE)) {
        db_write_rollback();
        return 500;
    }
    sqlite3_stmt *st = db_stmt(sql_period_due);
    if (st) {
        db_bind_text(st, ":due", due);
        db_bind_text(st, ":code", r->args[0]);
    }
    return period_write(r, st, "period.due",
                        arena_printf(r->arena, "Hạn nộp kỳ %s: %s%s", r->args[0], page_date(r, due),
                                     !cutoff     ? ""
                                     : cut_from ? arena_printf(r->arena, "; chốt số liệu %s – %s",
                                                                page_date(r, cut_from),
                                                                page_date(r, cut_to))
                                                 : "; chốt số liệu theo Nghị định 09/2019"),
                        due);
}

/*
** POST /admin/periods/{code}/lock   (lock=1 to lock, 0 to unlock)
**
** Locks the period: no report of it can be changed any more (report_editable
** checks the lock). Locking takes two steps (page_confirm: without confirm=1
** it only asks); unlocking opens it again at once. Role: an
** installation-wide admin.
*/
int page_admin_period_lock(struct req *r)
{
    const char *flag = http_field(r, "lock");
    bool lock = !flag || strcmp(flag, "0") != 0;
    char now[32];
    struct period p;
    int rc = need_global(r);
    if (rc) return rc;
    if (period_find(r->arena, r->args[0], &p) < 0)
        return http_error(r, 404, "Không có kỳ báo cáo này.");
    if (lock && (rc = page_confirm(r,
                                   arena_printf(r->arena,
                                                "Khóa kỳ báo cáo %s? Sau khi khóa, không báo cáo "
                                                "nào của kỳ này được sửa hay gửi nữa (trừ báo cáo "
                                                "cấp trên trả lại hoặc mở lại).",
                                                r->args[0]),
                                   "/admin/periods")))
        return rc;
    if (db_write_begin() < 0) return 500;
    sqlite3_stmt *st = db_stmt(sql_period_lock);
    if (st) {
        db_bind_text(st, ":at", lock ? fmt_now_utc(now) : NULL);
        db_bind_text(st, ":code", r->args[0]);
    }
    return period_write(
        r, st, lock ? "period.lock" : "period.unlock",
        arena_printf(r->arena, "%s kỳ báo cáo %s", lock ? "Khóa" : "Mở khóa", r->args[0]), NULL);
}

/* --- plans and targets ------------------------------------------------- */

/* A plan as the database holds it. */
struct plan {
    int64_t id, unit_id; /* unit_id 0: national */
    const char *name, *doc, *unit_code, *unit_name;
    int year_from, year_to;
};

/* The plans the admin manages, as template rows. */
static json_t *plan_rows(struct req *r)
{
    json_t *rows = json_array();
    sqlite3_stmt *st = db_stmt(sql_plans);
    if (!st) return rows;
    if (admin_is_global(&r->user))
        db_bind_null(st, ":scope");
    else
        db_bind_int(st, ":scope", r->user.unit_id);
    while (db_step(st) == SQLITE_ROW)
        json_array_append_new(
            rows, json_pack("{s:s, s:s, s:s, s:s, s:s, s:I}", "l_href",
                            arena_printf(r->arena, "/admin/plans/%lld", (long long)db_int(st, 0)),
                            "l_name", db_text(st, 1), "l_doc", db_text(st, 2), "l_years",
                            arena_printf(r->arena, "%lld–%lld", (long long)db_int(st, 3),
                                         (long long)db_int(st, 4)),
                            "l_unit",
                            db_is_null(st, 5)
                                ? "Toàn quốc"
                                : arena_printf(r->arena, "%s (%s)", db_text(st, 6), db_text(st, 5)),
                            "l_targets", (json_int_t)db_int(st, 7)));
    return rows;
}

/* Copies the typed plan fields onto d (to show a refused form again). */
static void keep_plan_fields(struct req *r, json_t *d)
{
    const char *keep[] = {"unit", "unit_date", "name", "doc_number", "year_from", "year_to"};
    for (size_t k = 0; k < sizeof keep / sizeof *keep; k++) {
        const char *v = http_field(r, keep[k]);
        json_object_set_new(d, arena_printf(r->arena, "f_%s", keep[k]), json_string(v ? v : ""));
    }
}

/* Renders the plans page. */
static int plans_page(struct req *r, int status, const char *ok, const char *error)
{
    json_t *d = page_data(r, "Kế hoạch và chỉ tiêu");
    json_t *rows = plan_rows(r);
    json_object_set_new(d, "no_plans", json_boolean(json_array_size(rows) == 0));
    json_object_set_new(d, "plans", rows);
    json_object_set_new(d, "is_global", json_boolean(admin_is_global(&r->user)));
    if (error) keep_plan_fields(r, d);
    page_flash(d, ok, error);
    return http_html(r, status, "admin_plans.tpl", d);
}

/*
** GET /admin/plans
**
** The plans the admin manages (unit, name, document number, years, number of
** targets) and the form to create one. Query: ok=deleted. Role: admin.
*/
int page_admin_plans(struct req *r)
{
    return plans_page(r, 200, http_query(r, "ok") ? "Đã xóa kế hoạch." : NULL, NULL);
}

/* Reads and checks name, doc_number, year_from, year_to into p; NULL or why not. */
static const char *plan_fields(struct req *r, struct plan *p)
{
    const char *from = http_field(r, "year_from"), *to = http_field(r, "year_to");
    p->name = http_field(r, "name");
    p->doc = http_field(r, "doc_number");
    if (!p->doc) p->doc = "";
    if (!p->name || !*p->name || strlen(p->name) > 1000 || strlen(p->doc) > 200)
        return "Hãy nhập tên kế hoạch (tối đa 1000 ký tự) và số hiệu văn bản (tối đa 200 ký tự).";
    p->year_from = page_id(from) ? (int)page_id(from) : 0;
    p->year_to = page_id(to) ? (int)page_id(to) : 0;
    if (p->year_from < 2000 || p->year_to > 2100 || p->year_from > p->year_to)
        return "Năm bắt đầu và năm kết thúc phải là năm từ 2000 đến 2100, năm bắt đầu không sau "
               "năm kết thúc.";
    return NULL;
}

/* Loads plan r->args[0] if the admin manages it: 0, or the status. */
static int managed_plan(struct req *r, struct plan *p)
{
    sqlite3_stmt *st = db_stmt(sql_plan_get);
    p->id = page_id(r->args[0]);
    if (!st || !p->id) return http_error(r, 404, "Không có kế hoạch này.");
    db_bind_int(st, ":id", p->id);
    if (db_step(st) != SQLITE_ROW) return http_error(r, 404, "Không có kế hoạch này.");
    p->unit_id = db_int(st, 0);
    p->name = db_dup(r->arena, st, 1);
    p->doc = db_dup(r->arena, st, 2);
    p->year_from = (int)db_int(st, 3);
    p->year_to = (int)db_int(st, 4);
    p->unit_code = db_dup(r->arena, st, 5);
    p->unit_name = db_dup(r->arena, st, 6);
    db_done(st);
    if (!admin_manages(&r->user, p->unit_id))
        return http_error(r, 403, "Kế hoạch này nằm ngoài phạm vi quản lý của bạn.");
    return 0;
}

/* Binds the editable fields of p to an add or edit statement. */
static void bind_plan(sqlite3_stmt *st, const struct plan *p)
{
    db_bind_text(st, ":name", p->name);
    db_bind_text(st, ":doc", p->doc);
    db_bind_int(st, ":from", p->year_from);
    db_bind_int(st, ":to", p->year_to);
}

/*
** POST /admin/plans   (unit=official code or empty for national, unit_date=dd/mm/yyyy,
**                      name, doc_number, year_from, year_to)
**
** Creates a plan of the unit of that code valid on unit_date (today when
** empty); a national plan only by an installation-wide admin. Redirects to
** the new plan's page. 422 for bad fields, 403 outside the scope. Role: admin.
*/
int page_admin_plan_add(struct req *r)
{
    struct plan p = {0};
    struct unit u;
    const char *code = http_field(r, "unit"), *date;
    const char *why = plan_fields(r, &p);
    if (why) return plans_page(r, 422, NULL, why);
    if (page_form_date(r, "unit_date", &date) < 0)
        return plans_page(r, 422, NULL, "Ngày hiệu lực của đơn vị không hợp lệ (dd/mm/yyyy).");
    if (code && *code) {
        if (unit_find(r->arena, code, date, &u) < 0)
            return plans_page(r, 422, NULL, "Không có đơn vị hành chính mang mã này.");
        p.unit_id = u.id;
    }
    if (!admin_manages(&r->user, p.unit_id))
        return plans_page(r, 403, NULL, "Đơn vị này nằm ngoài phạm vi quản lý của bạn.");
    if (db_write_begin() < 0) return 500;
    sqlite3_stmt *st = db_stmt(sql_plan_add);
    if (st) {
        bind_plan(st, &p);
        if (p.unit_id)
            db_bind_int(st, ":unit", p.unit_id);
        else
            db_bind_null(st, ":unit");
    }
    if (!st || db_step(st) != SQLITE_DONE) {
        db_write_rollback();
        return 500;
    }
    int64_t id = db_last_id();
    if (admin_commit(r->user.id, "plan.add",
                     arena_printf(r->arena, "Tạo kế hoạch \"%s\" (%s) của %s", p.name, p.doc,
                                  p.unit_id ? u.name : "toàn quốc")) < 0)
        return 500;
    return http_redirect(r, arena_printf(r->arena, "/admin/plans/%lld?ok=saved", (long long)id));
}

/* Renders one plan's page: its fields, its targets, the target form. */
static int plan_page(struct req *r, int status, const struct plan *p, const char *ok,
                     const char *error)
{
    json_t *d = page_data(r, p->name), *targets = json_array(), *indicators = json_array();
    sqlite3_stmt *st = db_stmt(sql_targets);
    if (!st) return 500;
    db_bind_int(st, ":id", p->id);
    while (db_step(st) == SQLITE_ROW) {
        char pct[FMT_NUM_MAX];
        json_array_append_new(
            targets,
            json_pack("{s:s, s:s, s:I, s:s}", "t_delete",
                      arena_printf(r->arena, "/admin/plans/%lld/targets/%lld/delete",
                                   (long long)p->id, (long long)db_int(st, 0)),
                      "t_indicator", db_text(st, 1), "t_year", (json_int_t)db_int(st, 2),
                      "t_target",
                      arena_printf(r->arena, "%s %s", strcmp(db_text(st, 3), "<=") == 0 ? "≤" : "≥",
                                   fmt_fraction(pct, sqlite3_column_double(st, 4)))));
    }
    st = db_stmt(sql_indicators);
    if (!st) return 500;
    db_bind_int(st, ":form", app.form->id);
    while (db_step(st) == SQLITE_ROW)
        json_array_append_new(indicators, json_pack("{s:I, s:s}", "i_id", (json_int_t)db_int(st, 0),
                                                    "i_name", db_text(st, 1)));
    json_object_set_new(d, "targets", targets);
    json_object_set_new(d, "no_targets", json_boolean(json_array_size(targets) == 0));
    json_object_set_new(d, "indicators", indicators);
    bool typed = status != 200 && http_field(r, "name");
    json_object_set_new(
        d, "plan",
        json_pack("{s:s, s:s, s:s, s:s, s:s}", "name", typed ? http_field(r, "name") : p->name,
                  "doc_number",
                  typed && http_field(r, "doc_number") ? http_field(r, "doc_number") : p->doc,
                  "year_from", arena_printf(r->arena, "%d", p->year_from), "year_to",
                  arena_printf(r->arena, "%d", p->year_to), "unit",
                  p->unit_id ? arena_printf(r->arena, "%s (%s)", p->unit_name, p->unit_code)
                             : "Toàn quốc"));
    json_object_set_new(d, "base",
                        json_string(arena_printf(r->arena, "/admin/plans/%lld", (long long)p->id)));
    json_object_set_new(d, "default_year", json_integer(p->year_to));
    page_flash(d, ok, error);
    return http_html(r, status, "admin_plan.tpl", d);
}

/*
** GET /admin/plans/{id}
**
** One plan: the form to edit its name, document number and years, the delete
** button, its targets (indicator, year, ≥ or ≤ a percentage) with a delete
** button each, and the form to add or replace a target. Query: ok=saved.
** Role: admin managing the plan's unit.
*/
int page_admin_plan(struct req *r)
{
    struct plan p;
    int rc = managed_plan(r, &p);
    if (rc) return rc;
    return plan_page(r, 200, &p, http_query(r, "ok") ? "Đã lưu." : NULL, NULL);
}

/*
** POST /admin/plans/{id}   (name, doc_number, year_from, year_to)
**
** Edits the plan (its unit stays). Redirects to its page; 422 for bad
** fields. Role: admin managing the plan's unit.
*/
int page_admin_plan_edit(struct req *r)
{
    struct plan p, now;
    int rc = managed_plan(r, &p);
    if (rc) return rc;
    now = p;
    const char *why = plan_fields(r, &now);
    if (why) return plan_page(r, 422, &p, NULL, why);
    if (db_write_begin() < 0) return 500;
    sqlite3_stmt *st = db_stmt(sql_plan_edit);
    if (st) {
        bind_plan(st, &now);
        db_bind_int(st, ":id", p.id);
    }
    if (!st || db_step(st) != SQLITE_DONE ||
        admin_log(r->user.id, "plan.edit",
                  arena_printf(r->arena, "Sửa kế hoạch \"%s\" (%s), %d–%d", now.name, now.doc,
                               now.year_from, now.year_to)) < 0) {
        db_write_rollback();
        return 500;
    }
    if (db_write_commit() < 0) return 500;
    return http_redirect(r, arena_printf(r->arena, "/admin/plans/%lld?ok=saved", (long long)p.id));
}

/*
** POST /admin/plans/{id}/delete
**
** Deletes the plan and its targets, in two steps (page_confirm: without
** confirm=1 it only asks). Redirects to the plans list with ok=deleted.
** Role: admin managing the plan's unit.
*/
int page_admin_plan_delete(struct req *r)
{
    struct plan p;
    int rc = managed_plan(r, &p);
    if (rc) return rc;
    if ((rc = page_confirm(r,
                           arena_printf(r->arena,
                                        "Xóa kế hoạch “%s” (%s) và mọi chỉ tiêu của nó? Không "
                                        "thể hoàn tác.",
                                        p.name, p.doc),
                           arena_printf(r->arena, "/admin/plans/%lld", (long long)p.id))))
        return rc;
    if (db_write_begin() < 0) return 500;
    sqlite3_stmt *st = db_stmt(sql_plan_delete);
    if (st) db_bind_int(st, ":id", p.id);
    if (!st || db_step(st) != SQLITE_DONE ||
        admin_log(r->user.id, "plan.delete",
                  arena_printf(r->arena, "Xóa kế hoạch \"%s\" (%s)", p.name, p.doc)) < 0) {
        db_write_rollback();
        return 500;
    }
    if (db_write_commit() < 0) return 500;
    return http_redirect(r, "/admin/plans?ok=deleted");
}

/* A percentage as typed ("80", "92,5", "92.5") -> fraction in *out; false if
** it is not a number from 0 to 100. */
static bool parse_percent(const char *s, double *out)
{
    char buf[32], *end;
    if (!s || !*s || strlen(s) >= sizeof buf) return false;
    strcpy(buf, s);
    char *comma = strchr(buf, ',');
    if (comma) *comma = '.';
    double v = strtod(buf, &end);
    if (*end || v < 0 || v > 100) return false;
    *out = v / 100;
    return true;
}

/*
** POST /admin/plans/{id}/targets   (indicator=id, year, op=>=|<=, value=percentage)
**
** Adds the target of an indicator for a year of the plan, or replaces the one
** already set for that indicator and year. 422 for a year outside the plan,
** an unknown indicator, or a value that is not 0-100. Role: admin managing
** the plan's unit.
*/
int page_admin_target_add(struct req *r)
{
    struct plan p;
    double value;
    int rc = managed_plan(r, &p);
    if (rc) return rc;
    const char *op = http_field(r, "op");
    int year = (int)page_id(http_field(r, "year"));
    int64_t indicator = page_id(http_field(r, "indicator"));
    if (!op || (strcmp(op, ">=") != 0 && strcmp(op, "<=") != 0))
        return plan_page(r, 422, &p, NULL, "Hãy chọn ≥ hoặc ≤.");
    if (year < p.year_from || year > p.year_to)
        return plan_page(r, 422, &p, NULL,
                         arena_printf(r->arena,
                                      "Năm của chỉ tiêu phải trong thời gian của kế "
                                      "hoạch (%d–%d).",
                                      p.year_from, p.year_to));
    if (!parse_percent(http_field(r, "value"), &value))
        return plan_page(r, 422, &p, NULL, "Chỉ tiêu là một tỷ lệ phần trăm từ 0 đến 100.");
    if (db_write_begin() < 0) return 500;
    sqlite3_stmt *st = db_stmt(sql_target_put);
    if (st) {
        db_bind_int(st, ":plan", p.id);
        db_bind_int(st, ":indicator", indicator);
        db_bind_int(st, ":form", app.form->id);
        db_bind_int(st, ":year", year);
        db_bind_text(st, ":op", op);
        db_bind_real(st, ":value", value);
    }
    if (!st || db_step(st) != SQLITE_DONE) {
        db_write_rollback();
        return 500;
    }
    if (db_changes() == 0) {
        db_write_rollback();
        return plan_page(r, 422, &p, NULL, "Hãy chọn một chỉ số.");
    }
    char pct[FMT_NUM_MAX];
    if (admin_commit(r->user.id, "target.set",
                     arena_printf(r->arena,
                                  "Chỉ tiêu năm %d của kế hoạch \"%s\": chỉ số %lld %s %s", year,
                                  p.name, (long long)indicator, op, fmt_fraction(pct, value))) < 0)
        return 500;
    return http_redirect(r, arena_printf(r->arena, "/admin/plans/%lld?ok=saved", (long long)p.id));
}

/*
** POST /admin/plans/{id}/targets/{target}/delete
**
** Deletes one target of the plan, in two steps (page_confirm: without
** confirm=1 it only asks). 404 if the target is not the plan's. Role: admin
** managing the plan's unit.
*/
int page_admin_target_delete(struct req *r)
{
    struct plan p;
    int rc = managed_plan(r, &p);
    if (rc) return rc;
    if ((rc = page_confirm(r,
                           arena_printf(r->arena,
                                        "Xóa chỉ tiêu này của kế hoạch “%s”? Không thể hoàn "
                                        "tác.",
                                        p.name),
                           arena_printf(r->arena, "/admin/plans/%lld", (long long)p.id))))
        return rc;
    if (db_write_begin() < 0) return 500;
    sqlite3_stmt *st = db_stmt(sql_target_delete);
    if (st) {
        db_bind_int(st, ":id", page_id(r->args[1]));
        db_bind_int(st, ":plan", p.id);
    }
    if (!st || db_step(st) != SQLITE_DONE) {
        db_write_rollback();
        return 500;
    }
    if (db_changes() == 0) {
        db_write_rollback();
        return http_error(r, 404, "Không có chỉ tiêu này.");
    }
    if (admin_commit(r->user.id, "target.delete",
                     arena_printf(r->arena, "Xóa một chỉ tiêu của kế hoạch \"%s\"", p.name)) < 0)
        return 500;
    return http_redirect(r, arena_printf(r->arena, "/admin/plans/%lld?ok=saved", (long long)p.id));
}
