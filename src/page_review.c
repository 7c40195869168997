/*
** Review of a report by the staff above it: approve, return with a reason,
** reopen an approved report with a reason (HTML forms and the JSON API), and
** the history page of a report (its steps and its value changes).
*/
#include "app.h"
#include "db.h"
#include "fmt.h"
#include "form.h"
#include "http.h"
#include "page.h"
#include "pages.h"
#include "report.h"
#include "unit.h"

#include <stdlib.h>
#include <string.h>

#define REASON_MAX 2000

static const char sql_events[] =
    "SELECT e.action, e.reason, e.at, COALESCE(NULLIF(u.full_name, ''), u.username, '') "
    "FROM report_event e LEFT JOIN user u ON u.id = e.user_id WHERE e.report_id = :id "
    "ORDER BY e.at, e.id";

static const char sql_changes[] =
    "SELECT a.element_id, a.old_raw, a.new_raw, a.at, "
    "COALESCE(NULLIF(u.full_name, ''), u.username, '') "
    "FROM value_audit_full a LEFT JOIN user u ON u.id = a.user_id WHERE a.report_id = :id "
    "ORDER BY a.at, a.id";

/* The step named by an action word, or -1. */
static int step_of(const char *action)
{
    static const char *const names[] = {"approve", "return", "reopen"};
    for (int k = 0; action && k < 3; k++)
        if (strcmp(action, names[k]) == 0)
            return k;
    return -1;
}

/* "Duyệt", "Trả lại"… for a report_event action. */
static const char *action_label(const char *action)
{
    static const char *const map[][2] = {{"submit", "Gửi báo cáo"},
                                         {"approve", "Duyệt"},
                                         {"return", "Trả lại"},
                                         {"reopen", "Mở lại để sửa"}};
    for (size_t i = 0; i < sizeof map / sizeof *map; i++)
        if (strcmp(action, map[i][0]) == 0)
            return map[i][1];
    return action;
}

/*
** Resolves {unit}/{period} and checks that the user may review that unit:
** 0, or the status to answer (404, 403).
*/
static int review_target(struct req *r, struct unit *u, struct period *p)
{
    int status = page_unit_period(r, 0, 1, u, p);
    if (status)
        return status;
    if (!page_can_review(r, u))
        return http_error(r, 403, "Chỉ cán bộ của đơn vị cấp trên mới được duyệt, trả lại hoặc "
                                  "mở lại báo cáo này.");
    return 0;
}

/* Checks the reason given for step (required and at most REASON_MAX bytes for
** return and reopen): 0, or 400 with the message set. */
static int check_reason(struct req *r, enum report_step step, const char *reason)
{
    if (step == REPORT_APPROVE)
        return 0;
    if (!reason || form_blank(reason))
        return http_error(r, 400, "Cần ghi lý do trả lại hoặc mở lại báo cáo.");
    if (strlen(reason) > REASON_MAX)
        return http_error(r, 400, "Lý do quá dài (tối đa 2000 ký tự).");
    return 0;
}

/* The answer to a review step that did not go through. */
static int review_failed(struct req *r, enum report_result res, enum report_step step)
{
    if (res == REPORT_STALE)
        return http_error(r, 409, "Báo cáo vừa thay đổi (phiên bản mới hơn). Hãy tải lại trang.");
    if (res == REPORT_LOCKED)
        return http_error(r, 409, step == REPORT_REOPEN
                                      ? "Chỉ mở lại được báo cáo đã duyệt."
                                      : "Chỉ duyệt hoặc trả lại được báo cáo đã gửi.");
    return page_write_failed(r, 500);
}

/*
** POST /api/reports/{unit}/{period}/approve|return|reopen
**
** A reviewer's step through the API. Role: staff of a unit above the report's
** unit; X-CSRF-Token. Body (JSON, optional for approve): {"reason": "…"}
** (required for return and reopen), {"version": n} (optional; 409 if stale).
** 200 with the report; 409 when its status does not allow the step.
*/
static int api_review(struct req *r, enum report_step step)
{
    struct unit u;
    struct period p;
    struct report rep;
    int status = review_target(r, &u, &p);
    if (status)
        return status;
    json_t *body = r->body.len ? http_json_body(r) : NULL;
    if (r->body.len && !body)
        return 400;
    const char *reason = json_string_value(json_object_get(body, "reason"));
    json_t *version = json_object_get(body, "version");
    if ((status = check_reason(r, step, reason)))
        return status;
    enum report_result res =
        report_review(u.id, &p, step, reason,
                      json_is_integer(version) ? json_integer_value(version) : -1, r->user.id);
    if (res != REPORT_OK)
        return review_failed(r, res, step);
    if (report_load(r->arena, app.form, u.id, p.id, &rep) < 0)
        return 500;
    return http_json(r, 200, report_json(app.form, &u, &p, &rep, NULL));
}

/* POST /api/reports/{unit}/{period}/approve: see api_review. */
int api_report_approve(struct req *r)
{
    return api_review(r, REPORT_APPROVE);
}

/* POST /api/reports/{unit}/{period}/return: see api_review. */
int api_report_return(struct req *r)
{
    return api_review(r, REPORT_RETURN);
}

/* POST /api/reports/{unit}/{period}/reopen (an extension of interfaces.md):
** see api_review. */
int api_report_reopen(struct req *r)
{
    return api_review(r, REPORT_REOPEN);
}

/*
** POST /reports/{unit}/{period}/review
**
** A reviewer's step from the review block of the report page. Role: staff of
** a unit above the report's unit; CSRF. Fields: action=approve|return|reopen,
** reason (required for return and reopen), version (the version on the page).
** Redirects to the report page with msg=approved|returned|reopened, or with
** msg=need_reason|conflict when the step did not go through.
*/
int page_report_review(struct req *r)
{
    struct unit u;
    struct period p;
    int status = review_target(r, &u, &p);
    if (status)
        return status;
    int step = step_of(http_field(r, "action"));
    if (step < 0)
        return http_error(r, 400, "Thao tác không hợp lệ.");
    const char *reason = http_field(r, "reason"), *version = http_field(r, "version");
    const char *href = page_report_href(r, u.code, p.code);
    if (check_reason(r, (enum report_step)step, reason))
        return http_redirect(r, arena_printf(r->arena, "%s?msg=need_reason#review", href));
    enum report_result res = report_review(u.id, &p, (enum report_step)step, reason,
                                           version ? strtoll(version, NULL, 10) : -1, r->user.id);
    static const char *const done[] = {"approved", "returned", "reopened"};
    if (res == REPORT_OK)
        return http_redirect(r, arena_printf(r->arena, "%s?msg=%s", href, done[step]));
    if (res == REPORT_ERROR)
        return page_write_failed(r, 500);
    return http_redirect(r, arena_printf(r->arena, "%s?msg=conflict", href));
}

/* The steps of report id as template rows. */
static json_t *event_rows(int64_t id)
{
    json_t *rows = json_array();
    sqlite3_stmt *st = id ? db_stmt(sql_events) : NULL;
    if (!st)
        return rows;
    db_bind_int(st, ":id", id);
    while (db_step(st) == SQLITE_ROW) {
        char when[FMT_DATE_MAX];
        json_array_append_new(rows, json_pack("{s:s, s:s, s:s, s:s, s:s}", "action",
                                              db_text(st, 0), "action_label",
                                              action_label(db_text(st, 0)), "reason",
                                              db_text(st, 1), "at", fmt_time_vn(when, db_text(st, 2)),
                                              "who", db_text(st, 3)));
    }
    return rows;
}

/* How a raw value reads in the history: "1.234", "Có", or as typed. */
static const char *history_value(struct req *r, const struct form_element *e, const char *raw)
{
    struct form_value v;
    char n[FMT_NUM_MAX];
    if (!raw)
        return "(trống)";
    form_parse(r->arena, e, raw, &v);
    if (!v.ok || e->kind == FORM_TEXT)
        return raw;
    if (e->kind == FORM_YESNO)
        return v.num ? "Có" : "Không";
    return arena_strdup(r->arena, fmt_count(n, v.num));
}

/* The value changes of report id as template rows. */
static json_t *change_rows(struct req *r, int64_t id, bool for_commune)
{
    json_t *rows = json_array();
    sqlite3_stmt *st = id ? db_stmt(sql_changes) : NULL;
    if (!st)
        return rows;
    db_bind_int(st, ":id", id);
    while (db_step(st) == SQLITE_ROW) {
        const struct form_element *e = NULL;
        for (int i = 0; i < app.form->n_elements; i++)
            if (app.form->elements[i].id == db_int(st, 0))
                e = &app.form->elements[i];
        if (!e)
            continue;
        char when[FMT_DATE_MAX];
        json_array_append_new(
            rows, json_pack("{s:s, s:s, s:s, s:s, s:s}", "element", form_label(e, for_commune),
                            "old", history_value(r, e, db_text(st, 1)), "new",
                            history_value(r, e, db_text(st, 2)), "changed_at",
                            fmt_time_vn(when, db_text(st, 3)), "by", db_text(st, 4)));
    }
    return rows;
}

/*
** GET /reports/{unit}/{period}/history
**
** The history of one report: every step (submit, approve, return, reopen)
** with who, when and the reason, then every value change (value_audit) with
** the old and new value. Role: the commune itself or staff above it.
*/
int page_report_history(struct req *r)
{
    struct unit u;
    struct period p;
    struct report rep;
    int status = page_unit_period(r, 0, 1, &u, &p);
    if (status)
        return status;
    if (report_load(r->arena, app.form, u.id, p.id, &rep) < 0)
        return 500;
    const char *label = period_label(r->arena, p.code);
    json_t *d = page_data(r, arena_printf(r->arena, "Lịch sử báo cáo %s — %s", label, u.name));
    json_t *events = event_rows(rep.id);
    json_t *changes = change_rows(r, rep.id, report_scope(u.level) == SCOPE_COMMUNE);
    json_object_set_new(d, "unit_name", json_string(u.name));
    json_object_set_new(d, "period_label", json_string(label));
    json_object_set_new(d, "status_label", json_string(page_status_label(rep.status)));
    json_object_set_new(d, "status", json_string(rep.status));
    json_object_set_new(d, "report_href", json_string(page_report_href(r, u.code, p.code)));
    json_object_set_new(d, "has_events", json_boolean(json_array_size(events) > 0));
    json_object_set_new(d, "no_events", json_boolean(json_array_size(events) == 0));
    json_object_set_new(d, "has_changes", json_boolean(json_array_size(changes) > 0));
    json_object_set_new(d, "no_changes", json_boolean(json_array_size(changes) == 0));
    json_object_set_new(d, "events", events);
    json_object_set_new(d, "changes", changes);
    return http_html(r, 200, "history.tpl", d);
}
