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
#include "render.h"
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
    if (!page_can_review(r, u, p))
        return http_error(r, 403, "Chỉ cán bộ của đơn vị cấp trên trực tiếp mới được duyệt, trả "
                                  "lại hoặc mở lại báo cáo này.");
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
** A reviewer's step through the API. Role: staff of the parent of the
** report's unit in the period's tree (page_can_review); X-CSRF-Token. Body
** (JSON, optional for approve): {"reason": "…"} (required for return and
** reopen), {"version": n} (optional; 409 if stale).
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
    struct jsonout o = {0};
    report_write(&o, app.form, &u, &p, &rep, NULL);
    return http_json_out(r, 200, &o);
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
** the parent of the report's unit in the period's tree (page_can_review);
** CSRF. Fields: action=approve|return|reopen, reason (required for return
** and reopen), version (the version on the page).
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

static json_t *comment_list(int64_t id, bool for_commune);

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
        int i = form_find_id(app.form, db_int(st, 0));
        if (i < 0)
            continue;
        const struct form_element *e = &app.form->elements[i];
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
** the old and new value, then the comments on values (review_comment). Role: the commune itself or staff above it.
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
    json_t *comments = comment_list(rep.id, report_scope(u.level) == SCOPE_COMMUNE);
    json_object_set_new(d, "has_comments", json_boolean(json_array_size(comments) > 0));
    json_object_set_new(d, "no_comments", json_boolean(json_array_size(comments) == 0));
    json_object_set_new(d, "comments", comments);
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

/* --- comments on one value (review_comment, sql/006_review.sql) ---------- */

#define COMMENT_MAX 2000
#define BULK_MAX 200

static const char sql_comments[] =
    "SELECT c.element_id, c.text, c.at, COALESCE(NULLIF(u.full_name, ''), u.username, ''), "
    "COALESCE(u.role, '') FROM review_comment c LEFT JOIN user u ON u.id = c.user_id "
    "WHERE c.report_id = :id ORDER BY c.at, c.id";

static const char sql_comment_add[] =
    "INSERT INTO review_comment (report_id, element_id, user_id, at, text) "
    "VALUES (:report, :element, :user, :at, :text)";

/* May the user write a comment on a value of u's report for p? Its reviewer
** (page_can_review decides who that is) or the unit's own officer. */
static bool may_comment(struct req *r, const struct unit *u, const struct period *p)
{
    return page_can_review(r, u, p) ||
           ((r->user.role & (ROLE_COMMUNE | ROLE_DISTRICT)) && r->user.unit_id == u->id);
}

/* "Cán bộ huyện" for a stored role word. */
static const char *role_word(const char *role)
{
    static const char *const map[][2] = {{"commune", "Cán bộ xã"},
                                         {"district", "Cán bộ huyện"},
                                         {"province", "Cán bộ tỉnh"}};
    for (size_t i = 0; i < sizeof map / sizeof *map; i++)
        if (strcmp(role, map[i][0]) == 0)
            return map[i][1];
    return "";
}

/* The element of that code a unit of that level enters, or -1. */
static int comment_element(const struct unit *u, const char *code)
{
    int i = code ? form_find(app.form, code) : -1;
    return i >= 0 && app.form->elements[i].scope == report_scope(u->level) ? i : -1;
}

/* Stores a comment on element i of report id by the user. 0 or -1. */
static int comment_add(struct req *r, int64_t report_id, int i, const char *text)
{
    char now[32];
    if (db_write_begin() < 0)
        return -1;
    sqlite3_stmt *st = db_stmt(sql_comment_add);
    if (!st)
        goto fail;
    db_bind_int(st, ":report", report_id);
    db_bind_int(st, ":element", app.form->elements[i].id);
    db_bind_int(st, ":user", r->user.id);
    db_bind_text(st, ":at", fmt_now_utc(now));
    db_bind_text(st, ":text", text);
    if (db_step(st) != SQLITE_DONE)
        goto fail;
    return db_write_commit();
fail:
    db_write_rollback();
    return -1;
}

/* The comments of report id, in order: {code, label, text, at, by, role}
** per comment (the label as the unit's officer reads it). */
static json_t *comment_list(int64_t id, bool for_commune)
{
    json_t *list = json_array();
    sqlite3_stmt *st = id ? db_stmt(sql_comments) : NULL;
    if (!st)
        return list;
    db_bind_int(st, ":id", id);
    while (db_step(st) == SQLITE_ROW) {
        int i = form_find_id(app.form, db_int(st, 0));
        if (i < 0)
            continue;
        const struct form_element *e = &app.form->elements[i];
        char when[FMT_DATE_MAX];
        json_array_append_new(
            list, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "code", e->code, "label",
                            form_label(e, for_commune), "text", db_text(st, 1), "at",
                            fmt_time_vn(when, db_text(st, 2)), "by", db_text(st, 3), "role",
                            role_word(db_text(st, 4))));
    }
    return list;
}

void review_row_comments(struct req *r, struct tpl_dict *row, const struct review_notes *notes,
                         const char *code)
{
    size_t j;
    json_t *c;
    bool any = false;
    json_array_foreach(notes->comments, j, c)
    {
        if (strcmp(json_string_value(json_object_get(c, "code")), code) != 0)
            continue;
        struct tpl_dict *one = tpl_section(row, "comments");
        tpl_set(one, "c_text", json_string_value(json_object_get(c, "text")));
        tpl_set(one, "c_at", json_string_value(json_object_get(c, "at")));
        tpl_set(one, "c_by", json_string_value(json_object_get(c, "by")));
        tpl_set(one, "c_role", json_string_value(json_object_get(c, "role")));
        any = true;
    }
    tpl_show(row, "has_comments", any);
    if (notes->can_comment) {
        tpl_show(row, "comment_link", true);
        tpl_set(row, "chref", arena_cat(r->arena, notes->href, "?comment=", code, "#comment", NULL));
    }
}

void review_notes_free(struct review_notes *notes)
{
    json_decref(notes->comments);
    notes->comments = NULL;
}

void review_comments_view(struct req *r, struct tpl_dict *page, const struct unit *u,
                          const struct period *p, const struct report *rep,
                          struct review_notes *notes)
{
    bool for_commune = report_scope(u->level) == SCOPE_COMMUNE;
    json_t *comments = comment_list(rep->id, for_commune);
    bool can = rep->id && may_comment(r, u, p);
    const char *href = page_report_href(r, u->code, p->code);
    *notes = (struct review_notes){.comments = comments, .can_comment = can, .href = href};
    /* the rows commented on, in the form's order, linked from the top */
    bool any = false;
    for (int i = 0; i < app.form->n_elements; i++) {
        const struct form_element *e = &app.form->elements[i];
        size_t j;
        json_t *c;
        json_array_foreach(comments, j, c)
            if (strcmp(json_string_value(json_object_get(c, "code")), e->code) == 0) {
                struct tpl_dict *row = tpl_section(page, "commented_rows");
                tpl_set(row, "cr_code", e->code);
                tpl_set(row, "cr_label", json_string_value(json_object_get(c, "label")));
                any = true;
                break;
            }
    }
    tpl_show(page, "has_commented_rows", any);
    if (!can)
        return;
    const char *want = http_query(r, "comment");
    struct tpl_dict *form = tpl_section(page, "comment_form");
    tpl_set(form, "comment_action", arena_cat(r->arena, href, "/comments", NULL));
    for (int i = 0; i < app.form->n_elements; i++) {
        const struct form_element *e = &app.form->elements[i];
        if (e->scope != report_scope(u->level))
            continue;
        struct tpl_dict *option = tpl_section(form, "comment_options");
        tpl_set(option, "o_code", e->code);
        tpl_set(option, "o_label", form_label(e, for_commune));
        tpl_show(option, "o_selected", want && strcmp(want, e->code) == 0);
    }
}

/*
** POST /reports/{unit}/{period}/comments
**
** A comment on one value of the report, from the report page. Role: the
** report's reviewer (page_can_review) or the unit's own officer; CSRF.
** Fields: element (a code of the unit's rows), text (at most 2000 bytes).
** Redirects to the report at that row with msg=commented (need_comment when
** the text is blank: nothing is kept). 400 for an unknown row, 409 when the
** report has no values yet, 403 for anyone else.
*/
int page_report_comment(struct req *r)
{
    struct unit u;
    struct period p;
    struct report rep;
    int status = page_unit_period(r, 0, 1, &u, &p);
    if (status)
        return status;
    if (!may_comment(r, &u, &p))
        return http_error(r, 403, "Chỉ cấp duyệt báo cáo hoặc cán bộ của chính đơn vị mới được "
                                  "ghi chú vào báo cáo này.");
    int i = comment_element(&u, http_field(r, "element"));
    if (i < 0)
        return http_error(r, 400, "Không có dòng này trong báo cáo.");
    const char *text = http_field(r, "text"), *code = app.form->elements[i].code;
    const char *href = page_report_href(r, u.code, p.code);
    if (!text || form_blank(text))
        return http_redirect(r, arena_printf(r->arena, "%s?msg=need_comment&comment=%s#comment",
                                             href, code));
    if (strlen(text) > COMMENT_MAX)
        return http_error(r, 400, "Ghi chú quá dài (tối đa 2000 ký tự).");
    if (report_load(r->arena, app.form, u.id, p.id, &rep) < 0)
        return 500;
    if (!rep.id)
        return http_error(r, 409, "Báo cáo chưa có số liệu nên chưa ghi chú được.");
    if (comment_add(r, rep.id, i, text) < 0)
        return 500;
    return http_redirect(r, arena_printf(r->arena, "%s?msg=commented#row_%s", href, code));
}

/*
** GET /api/reports/{unit}/{period}/comments
**
** The comments on the report's values, oldest first:
** [{"element","label","text","at","by"}] (at: dd/mm/yyyy hh:mm, Vietnam's
** time). Role: whoever may read the report.
*/
int api_report_comments(struct req *r)
{
    struct unit u;
    struct period p;
    struct report rep;
    int status = page_unit_period(r, 0, 1, &u, &p);
    if (status)
        return status;
    if (report_load(r->arena, app.form, u.id, p.id, &rep) < 0)
        return 500;
    json_t *list = comment_list(rep.id, report_scope(u.level) == SCOPE_COMMUNE), *out = json_array();
    size_t k;
    json_t *c;
    json_array_foreach(list, k, c)
        json_array_append_new(out, json_pack("{s:O, s:O, s:O, s:O, s:O}", "element",
                                             json_object_get(c, "code"), "label",
                                             json_object_get(c, "label"), "text",
                                             json_object_get(c, "text"), "at",
                                             json_object_get(c, "at"), "by", json_object_get(c, "by")));
    json_decref(list);
    return http_json(r, 200, out);
}

/*
** POST /api/reports/{unit}/{period}/comments
**
** Body {"element": code, "text": "…"}: a comment on one value. Role: the
** report's reviewer or the unit's own officer; X-CSRF-Token. 201 with the
** comment {"element","text"}; 400 for an unknown row or a blank or too long
** text; 409 when the report has no values yet; 403 for anyone else.
*/
int api_report_comment_add(struct req *r)
{
    struct unit u;
    struct period p;
    struct report rep;
    int status = page_unit_period(r, 0, 1, &u, &p);
    if (status)
        return status;
    if (!may_comment(r, &u, &p))
        return http_error(r, 403, "Chỉ cấp duyệt báo cáo hoặc cán bộ của chính đơn vị mới được "
                                  "ghi chú vào báo cáo này.");
    json_t *body = http_json_body(r);
    if (!body)
        return 400;
    int i = comment_element(&u, json_string_value(json_object_get(body, "element")));
    const char *text = json_string_value(json_object_get(body, "text"));
    if (i < 0)
        return http_error(r, 400, "Không có dòng này trong báo cáo.");
    if (!text || form_blank(text) || strlen(text) > COMMENT_MAX)
        return http_error(r, 400, "Cần ghi chú (tối đa 2000 ký tự).");
    if (report_load(r->arena, app.form, u.id, p.id, &rep) < 0)
        return 500;
    if (!rep.id)
        return http_error(r, 409, "Báo cáo chưa có số liệu nên chưa ghi chú được.");
    if (comment_add(r, rep.id, i, text) < 0)
        return 500;
    return http_json(r, 201, json_pack("{s:s, s:s}", "element", app.form->elements[i].code,
                                       "text", text));
}

/* --- many reports at once ------------------------------------------------ */

/* One report picked on the staff home ("30049/2024"), resolved. */
struct pick {
    const char *key, *id; /* "30049/2024"; "30049-2024" for HTML ids */
    struct unit u;
    struct period p;
    struct report rep;
    const char *problem; /* why it cannot be reviewed, or NULL */
};

/* Resolves key "UNIT/PERIOD" into pk: the unit in the period, readable,
** reviewable by the user (page_can_review), its report loaded and still
** submitted. pk->problem says what is wrong. */
static void resolve_pick(struct req *r, const char *key, struct pick *pk)
{
    memset(pk, 0, sizeof *pk);
    pk->key = key;
    char *id = arena_strdup(r->arena, key), *slash = strchr(id, '/');
    pk->id = id;
    if (!slash || strchr(slash + 1, '/')) {
        pk->problem = "Không có báo cáo này.";
        return;
    }
    *slash = '-';
    const char *saved[2] = {r->args[0], r->args[1]};
    int saved_n = r->n_args;
    r->args[0] = arena_strndup(r->arena, key, (size_t)(strchr(key, '/') - key));
    r->args[1] = strchr(key, '/') + 1;
    r->n_args = 2;
    const char *msg = r->message;
    int status = page_unit_period(r, 0, 1, &pk->u, &pk->p);
    r->args[0] = saved[0], r->args[1] = saved[1], r->n_args = saved_n, r->message = msg;
    if (status == 404)
        pk->problem = "Không có báo cáo này.";
    else if (status || !page_can_review(r, &pk->u, &pk->p))
        pk->problem = "Bạn không được duyệt báo cáo này.";
    else if (report_load(r->arena, app.form, pk->u.id, pk->p.id, &pk->rep) < 0)
        pk->problem = "Lỗi hệ thống khi đọc báo cáo.";
    else if (strcmp(pk->rep.status, "submitted") != 0)
        pk->problem = arena_printf(r->arena, "Báo cáo không còn ở trạng thái chờ duyệt (%s).",
                                   page_status_label(pk->rep.status));
}

int review_error_count(struct req *r, const struct unit *u, const struct period *p,
                       const struct report *rep)
{
    struct form_issues issues = {0};
    const struct form_value *prev = report_previous(r->arena, app.form, u->id, p);
    form_check(r->arena, app.form, report_scope(u->level), rep->values, prev, true, &issues);
    int n = 0;
    for (int k = 0; k < issues.n; k++)
        n += issues.items[k].is_error;
    return n;
}

/* The label of a pick: "Xã Tân Kiều — năm 2024". */
static const char *pick_label(struct req *r, const struct pick *pk)
{
    if (!pk->u.name)
        return pk->key;
    return arena_printf(r->arena, "%s — %s", pk->u.name, period_label(r->arena, pk->p.code));
}

/* The rows of elements a unit of that level enters, for a "which row" select. */
static json_t *row_options(const struct unit *u)
{
    json_t *options = json_array();
    bool for_commune = report_scope(u->level) == SCOPE_COMMUNE;
    for (int i = 0; i < app.form->n_elements; i++) {
        const struct form_element *e = &app.form->elements[i];
        if (e->scope == report_scope(u->level))
            json_array_append_new(options, json_pack("{s:s, s:s}", "o_code", e->code, "o_label",
                                                     form_label(e, for_commune)));
    }
    return options;
}

/* Approves or returns one pick; the outcome as text, *ok when it went through. */
static const char *review_pick(struct req *r, struct pick *pk, enum report_step step, bool *ok)
{
    *ok = false;
    if (pk->problem)
        return pk->problem;
    const char *version = http_field(r, arena_printf(r->arena, "version_%s", pk->key));
    const char *reason = NULL;
    if (step == REPORT_APPROVE) {
        int errors = review_error_count(r, &pk->u, &pk->p, &pk->rep);
        if (errors)
            return arena_printf(r->arena, "Chưa duyệt: báo cáo có lỗi (%d); hãy mở báo cáo để xem "
                                          "và trả lại cho xã sửa.", errors);
    } else {
        reason = http_field(r, arena_printf(r->arena, "reason_%s", pk->key));
        if (!reason || form_blank(reason))
            return "Chưa trả lại: cần ghi lý do trả lại.";
        if (strlen(reason) > REASON_MAX)
            return "Chưa trả lại: lý do quá dài (tối đa 2000 ký tự).";
    }
    enum report_result res = report_review(pk->u.id, &pk->p, step, reason,
                                           version && *version ? strtoll(version, NULL, 10) : -1,
                                           r->user.id);
    if (res == REPORT_STALE)
        return "Chưa thực hiện: báo cáo vừa thay đổi; hãy mở lại để xem.";
    if (res == REPORT_LOCKED)
        return "Báo cáo không còn ở trạng thái chờ duyệt.";
    if (res != REPORT_OK)
        return "Lỗi hệ thống: chưa thực hiện được.";
    *ok = true;
    if (step == REPORT_APPROVE)
        return "Đã duyệt.";
    const char *text = http_field(r, arena_printf(r->arena, "comment_%s", pk->key));
    int i = comment_element(&pk->u, http_field(r, arena_printf(r->arena, "element_%s", pk->key)));
    if (text && !form_blank(text) && strlen(text) <= COMMENT_MAX && i >= 0 &&
        comment_add(r, pk->rep.id, i, text) == 0)
        return arena_printf(r->arena, "Đã trả lại, kèm ghi chú tại dòng «%s».",
                            form_label(&app.form->elements[i],
                                       report_scope(pk->u.level) == SCOPE_COMMUNE));
    return "Đã trả lại.";
}

/*
** POST /review
**
** Reviews several reports at once from the "Chờ duyệt" list of the staff
** home. Role: district or province staff; CSRF. Fields: pick=UNIT/PERIOD
** (repeated, at most 200), version_UNIT/PERIOD (the version listed; a report
** changed since is left alone), action:
**   approve      approves each picked report that is still submitted and has
**                no errors, each as its own step (report_event);
**   return_form  the page asking a reason (and optionally a row and a
**                comment) for each picked report;
**   return       returns each picked report that has a reason
**                (reason_UNIT/PERIOD), with the comment comment_UNIT/PERIOD
**                on the row element_UNIT/PERIOD if given.
** Each report goes through page_can_review; one the user may not review is
** left alone and said so. Answers 200 with the outcome of each report.
*/
int page_review_bulk(struct req *r)
{
    const char *action = http_field(r, "action");
    bool approve = action && strcmp(action, "approve") == 0;
    bool ask = action && strcmp(action, "return_form") == 0;
    bool send_back = action && strcmp(action, "return") == 0;
    if (!approve && !ask && !send_back)
        return http_error(r, 400, "Thao tác không hợp lệ.");
    struct pick *picks = arena_alloc(r->arena, sizeof *picks * BULK_MAX);
    int n = 0;
    if (!picks)
        return 500;
    for (struct field *f = r->fields; f && n < BULK_MAX; f = f->next)
        if (strcmp(f->name, "pick") == 0 && f->value.s) {
            bool dup = false;
            for (int k = 0; k < n; k++)
                dup |= strcmp(picks[k].key, f->value.s) == 0;
            if (!dup)
                resolve_pick(r, arena_strdup(r->arena, f->value.s), &picks[n++]);
        }
    json_t *d = page_data(r, approve  ? "Duyệt nhiều báo cáo"
                             : ask    ? "Trả lại các báo cáo đã chọn"
                                      : "Trả lại nhiều báo cáo");
    json_t *rows = json_array();
    int done = 0;
    for (int k = 0; k < n; k++) {
        struct pick *pk = &picks[k];
        json_t *row = json_pack("{s:s, s:s, s:s}", "key", pk->key, "rid", pk->id, "label",
                                pick_label(r, pk));
        if (pk->u.code && !pk->problem)
            json_object_set_new(row, "link",
                                json_pack("{s:s}", "href",
                                          arena_printf(r->arena, "%s#review",
                                                       page_report_href(r, pk->u.code, pk->p.code))));
        else
            json_object_set_new(row, "no_href", json_true());
        if (ask) {
            if (pk->problem)
                json_object_set_new(row, "problem", json_pack("{s:s}", "text", pk->problem));
            else
                json_object_set_new(row, "ask",
                                    json_pack("{s:I, s:o}", "version", (json_int_t)pk->rep.version,
                                              "options", row_options(&pk->u)));
        } else {
            bool ok;
            const char *outcome = review_pick(r, pk, approve ? REPORT_APPROVE : REPORT_RETURN, &ok);
            done += ok;
            json_object_set_new(row, "outcome", json_string(outcome));
            json_object_set_new(row, "outcome_class", json_string(ok ? "ok" : "error"));
        }
        json_array_append_new(rows, row);
    }
    json_object_set_new(d, "rows", rows);
    json_object_set_new(d, !n ? "none" : ask ? "asking" : "results", json_true());
    if (n && !ask)
        json_object_set_new(d, "summary", json_pack("{s:s}", "text",
                            arena_printf(r->arena, "%s %d báo cáo%s.",
                                                     approve ? "Đã duyệt" : "Đã trả lại", done,
                                                     done < n ? arena_printf(r->arena, "; %d báo cáo chưa thực hiện được, xem lý do bên dưới", n - done) : "")));
    return http_html(r, 200, "review_bulk.tpl", d);
}
