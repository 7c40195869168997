/*
** One unit's report for one period: the appendix form in HTML, and the same
** through the JSON API.
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
#include "sheet.h"
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What one rendering of the form shows. */
struct form_view {
    const struct unit *unit;
    const struct period *period;
    const struct report *report;
    const struct form_value *values; /* as typed, perhaps not yet saved */
    const struct form_issues *issues;
    const struct form_value *last; /* last year's values (report_previous), or NULL */
    const struct form_value *prev; /* last year's values, shown beside (staff); or NULL */
    const char *flash;   /* a line at the top: saved, submitted, conflict… */
    bool flash_is_error;
    bool confirm_warnings; /* offer "submit anyway" with an explanation */
    bool submit_checks;    /* the issues are the submission's (blank rows are errors) */
    const char *explanation;
    json_t *conflicts; /* rows saved elsewhere and typed here differently (409), or NULL */
    bool unsaved;      /* the typed values shown are not saved (409, 500) */
};

/* The messages of the issues that name element i, as {{#messages}} of row;
** true when one of them is an error. */
static bool row_messages(struct tpl_dict *row, const struct form_issues *issues, int i,
                         bool *has_messages)
{
    bool has_error = false;
    *has_messages = false;
    for (int k = 0; issues && k < issues->n; k++) {
        const struct form_issue *is = &issues->items[k];
        if (is->elements[0] != i)
            continue; /* an issue shows at its first row */
        has_error |= is->is_error;
        *has_messages = true;
        struct tpl_dict *m = tpl_section(row, "messages");
        tpl_set(m, "message", is->message);
        tpl_set(m, "severity", is->is_error ? "error" : "warning");
    }
    return has_error;
}

/* How a value reads when it is not an input: 1.234, Có, the text. */
static const char *display_value(struct arena *a, const struct form_element *e,
                                 const struct form_value *v)
{
    char n[FMT_NUM_MAX];
    if (!v->ok)
        return form_blank(v->raw) ? "chưa nhập" : v->raw;
    switch (e->kind) {
    case FORM_YESNO:
        return v->num ? "Có" : "Không";
    case FORM_TEXT:
        return v->raw;
    default:
        return arena_strdup(a, fmt_count(n, v->num));
    }
}

/* The text an input of element e shows for v: what was typed while it is not
** valid, else the value written the Vietnamese way (1.234, Có). */
static const char *input_value(struct arena *a, const struct form_element *e,
                               const struct form_value *v)
{
    return e->kind == FORM_TEXT || !v->ok ? (v->raw ? v->raw : "") : display_value(a, e, v);
}

/* Fills row, one element's {{#rows}} or {{#header}} dictionary: its value,
** messages, ratio, last year's value, comments (ctemplate sections do not
** see their parent's sections, so each row says whether it is editable). Only a true
** "trong đó" row (one with a parent) is indented as a sub-row. The hidden
** o_<code> field carries the value the page was made from (the stored one),
** so that a save from a stale page can tell what this officer changed. */
static void element_row(struct req *r, struct tpl_dict *row, const struct form_view *fv,
                        const struct review_notes *notes, int i, bool for_commune, bool editable)
{
    const struct form *f = app.form;
    const struct form_element *e = &f->elements[i];
    const struct form_value *v = &fv->values[i];
    bool has_messages;
    bool has_error = row_messages(row, fv->issues, i, &has_messages);
    bool sub = e->parent >= 0;
    tpl_set(row, "code", e->code);
    tpl_set(row, "label", form_label(e, for_commune));
    tpl_set(row, "name", arena_cat(r->arena, "v_", e->code, NULL));
    tpl_set(row, "value", input_value(r->arena, e, v));
    tpl_set(row, "display", display_value(r->arena, e, v));
    tpl_show(row, "sub", sub);
    tpl_show(row, "has_messages", has_messages);
    tpl_show(row, "has_error", has_error);
    tpl_set(row, "tt", sub ? "" : "-");
    /* a section of one value: shown, its value the row's (cheaper than a
    ** section dictionary of its own) */
    if (fv->prev) {
        tpl_show(row, "prev_cell", true);
        tpl_set(row, "ptext", fv->prev[i].ok ? display_value(r->arena, e, &fv->prev[i]) : "—");
    }
    tpl_show(row, editable ? "editable" : "readonly", true);
    if (editable) {
        const struct form_value *o = &fv->report->values[i];
        tpl_set(row, "orig",
                e->kind == FORM_YESNO ? (o->ok ? (o->num ? "1" : "0") : "")
                                      : input_value(r->arena, e, o));
    }
    tpl_show(row, e->kind == FORM_YESNO  ? "is_yesno"
                  : e->kind == FORM_TEXT ? "is_text"
                                         : "is_number",
             true);
    tpl_show(row, "yes_selected", e->kind == FORM_YESNO && v->ok && v->num == 1);
    tpl_show(row, "no_selected", e->kind == FORM_YESNO && v->ok && v->num == 0);
    tpl_show(row, "is_money", e->kind == FORM_MONEY);
    if (e->denominator >= 0) {
        char ratio[FMT_NUM_MAX];
        int64_t num, den;
        bool ok = form_ratio(f, fv->values, i, &num, &den);
        tpl_show(row, "ratio_cell", true);
        tpl_set(row, "ratio_text", ok ? arena_strdup(r->arena, fmt_ratio(ratio, num, den)) : "—");
        tpl_set(row, "ratio_den", f->elements[e->denominator].code);
    }
    review_row_comments(r, row, notes, e->code); /* page_review.c */
}

/* The issues as a list at the top of the page, each naming its row. */
static void issue_summary(struct req *r, struct tpl_dict *page, const struct form_issues *issues,
                          bool for_commune)
{
    for (int k = 0; issues && k < issues->n; k++) {
        const struct form_issue *is = &issues->items[k];
        const struct form_element *e = &app.form->elements[is->elements[0]];
        struct tpl_dict *item = tpl_section(page, "issues");
        tpl_set(item, "label", form_label(e, for_commune));
        tpl_set(item, "message", is->message);
        tpl_set(item, "anchor", arena_cat(r->arena, "row_", e->code, NULL));
        tpl_set(item, "severity", is->is_error ? "error" : "warning");
    }
}

/* When the unit's own officer last saved: the report's updated_at, unless a
** reviewer's step (approve, return, reopen) touched it last; then the last
** value change or submission. */
static const char sql_last_saved[] =
    "SELECT CASE WHEN r.updated_by IS NULL OR u.unit_id IS r.unit_id THEN r.updated_at "
    "ELSE COALESCE((SELECT max(at) FROM (SELECT max(a.at) AS at FROM value_audit a "
    "WHERE a.report_id = r.id UNION ALL SELECT r.submitted_at)), r.updated_at) END "
    "FROM report r LEFT JOIN user u ON u.id = r.updated_by WHERE r.id = :id";

static const char *last_saved(struct req *r, const struct report *rep)
{
    const char *at = rep->updated_at;
    sqlite3_stmt *st = rep->id ? db_stmt(sql_last_saved) : NULL;
    if (!st)
        return at;
    db_bind_int(st, ":id", rep->id);
    if (db_step(st) == SQLITE_ROW && !db_is_null(st, 0))
        at = db_dup(r->arena, st, 0);
    db_done(st);
    return at;
}

/* The header line about the report's state: status, dates, due date. */
static void add_status(struct req *r, struct tpl_dict *page, const struct form_view *fv)
{
    const struct report *rep = fv->report;
    char when[FMT_DATE_MAX], due[FMT_DATE_MAX], today[16], from[FMT_DATE_MAX], to[FMT_DATE_MAX];
    const char *cut_from, *cut_to;
    tpl_set(page, "status", rep->status);
    tpl_set(page, "status_label", page_status_label(rep->status));
    tpl_show(page, arena_cat(r->arena, "status_", rep->status, NULL), true);
    tpl_set(page, "due", arena_strdup(r->arena, fmt_date_short(due, fv->period->due)));
    if (sheet_cutoff(r->arena, fv->period, &cut_from, &cut_to) == 0) { /* paper */
        struct tpl_dict *cutoff = tpl_section(page, "cutoff");
        tpl_set(cutoff, "cfrom", arena_strdup(r->arena, fmt_date_short(from, cut_from)));
        tpl_set(cutoff, "cto", arena_strdup(r->arena, fmt_date_short(to, cut_to)));
    }
    bool sent = rep->submitted_at && strcmp(rep->status, "returned") != 0;
    if (!sent && strcmp(fmt_today_vn(today), fv->period->due) > 0)
        tpl_show(page, "late", true);
    else if (sent && strcmp(fmt_date_vn(today, rep->submitted_at), fv->period->due) > 0)
        tpl_show(page, "sent_late", true);
    const char *saved = last_saved(r, rep);
    if (saved)
        tpl_set(tpl_section(page, "updated"), "at",
                arena_strdup(r->arena, fmt_time_vn(when, saved)));
    if (rep->submitted_at)
        tpl_set(tpl_section(page, "submitted"), "at",
                arena_strdup(r->arena, fmt_time_vn(when, rep->submitted_at)));
    tpl_show(page, "period_locked", fv->period->locked_at != NULL);
}

static bool has_warnings(const struct form_issues *issues)
{
    for (int k = 0; issues && k < issues->n; k++)
        if (!issues->items[k].is_error)
            return true;
    return false;
}

/* For staff above the unit: the previous-year column; for its reviewer (the
** parent, page_can_review): the review block (approve or return a submitted
** report, reopen an approved one). Everyone gets the link to the history. */
static void add_review(struct req *r, struct tpl_dict *page, const struct form_view *fv)
{
    const char *href = page_report_href(r, fv->unit->code, fv->period->code);
    tpl_set(page, "history_href", arena_cat(r->arena, href, "/history", NULL));
    tpl_show(page, "show_prev", fv->prev != NULL);
    tpl_set(page, "colspan", fv->prev ? "4" : "3");
    if (!page_can_review(r, fv->unit, fv->period))
        return;
    const char *st = fv->report->status;
    struct tpl_dict *review = tpl_section(page, "review");
    tpl_set(review, "review_action", arena_cat(r->arena, href, "/review", NULL));
    tpl_set(review, "review_version", arena_printf(r->arena, "%lld", (long long)fv->report->version));
    if (strcmp(st, "submitted") == 0)
        tpl_show(review, "can_approve", true);
    else if (strcmp(st, "approved") == 0)
        tpl_show(review, "can_reopen", true);
    else if (report_scope(fv->unit->level) != SCOPE_COMMUNE) /* a district's own rows */
        tpl_set(tpl_section(review, "review_note"), "note",
                arena_printf(r->arena, "Số liệu của huyện: %s. Số liệu do huyện tự nhập được "
                             "tính vào bảng tổng hợp ngay khi lưu, không cần gửi duyệt.",
                             page_status_label(st)));
    else
        tpl_set(tpl_section(review, "review_note"), "note",
                strcmp(st, "returned") == 0 ? "Báo cáo đã được trả lại; chờ xã sửa và gửi lại."
                                            : "Báo cáo chưa được gửi nên chưa thể duyệt.");
}

/* What the page adds to the form's own checks (page_form_checks_src: a
** script the browser keeps) for form.js to run the server's checks in the
** browser: last year's values (for the year-over-year warnings) and whether
** blank rows count as errors (after a submission). The text is in r's arena. */
static char *checks_def(struct req *r, const struct form_view *fv, enum form_scope scope)
{
    const struct form *f = app.form;
    const struct form_value *last = fv->last;
    struct jsonout o = {0};
    jsonout_begin_object(&o);
    jsonout_key(&o, "prev");
    jsonout_begin_object(&o);
    for (int i = 0; last && i < f->n_elements; i++)
        if (f->elements[i].scope == scope && last[i].ok) {
            jsonout_key(&o, f->elements[i].code);
            jsonout_integer(&o, last[i].num);
        }
    jsonout_end_object(&o);
    jsonout_key(&o, "submit");
    jsonout_bool(&o, fv->submit_checks);
    jsonout_end_object(&o);
    size_t len;
    char *text = jsonout_finish(&o, &len);
    char *copy = arena_strdup(r->arena, text ? text : "{}");
    free(text);
    return copy;
}

/* The issues (the list at the top and its heading), the explanation box,
** the lines about a return, a flash, a conflict or an unsaved page. */
static void add_issues(struct req *r, struct tpl_dict *page, const struct form_view *fv,
                       bool editable)
{
    bool for_commune = report_scope(fv->unit->level) == SCOPE_COMMUNE;
    issue_summary(r, page, fv->issues, for_commune);
    tpl_show(page, "has_issues", fv->issues && fv->issues->n > 0);
    tpl_show(page, "no_issues", !fv->issues || fv->issues->n == 0);
    bool errors = fv->issues && form_has_errors(fv->issues);
    bool warnings = has_warnings(fv->issues);
    tpl_show(page, "has_errors", errors);
    tpl_set(page, "issues_heading",
            editable ? (errors ? "Cần sửa trước khi gửi:"
                               : "Cảnh báo (vẫn gửi được, nên kiểm tra lại):")
            : errors ? "Lỗi trong số liệu:"
                     : "Cảnh báo của số liệu (đã ghi nhận khi gửi báo cáo):");
    tpl_show(page, "plain_submit", editable && !fv->confirm_warnings);
    bool explained = fv->explanation && *fv->explanation;
    tpl_show(page, "show_explanation", editable);
    tpl_show(page, "hide_explanation", !(fv->confirm_warnings || warnings || explained));
    if (!editable && explained)
        tpl_set(tpl_section(page, "explained"), "text", fv->explanation);
    tpl_show(page, "confirm_warnings", fv->confirm_warnings && editable);
    tpl_set(page, "explanation", fv->explanation ? fv->explanation : "");
    if (fv->report->return_reason[0] && strcmp(fv->report->status, "returned") == 0)
        tpl_set(tpl_section(page, "returned"), "reason", fv->report->return_reason);
    if (fv->flash)
        tpl_set(tpl_section(page, fv->flash_is_error ? "flash_error" : "flash"), "text",
                fv->flash);
    tpl_show(page, "unsaved", editable && fv->unsaved);
    if (editable && fv->conflicts && json_array_size(fv->conflicts)) {
        struct tpl_dict *box = tpl_section(page, "has_conflicts");
        size_t k;
        json_t *row;
        json_array_foreach(fv->conflicts, k, row) tpl_fill(tpl_section(box, "conflicts"), row);
    }
}

/* The rows of the unit's scope into page: {{#sections}} (those with rows)
** with their {{#rows}}, and {{#header}} (the rows before the table). */
static void add_rows(struct req *r, struct tpl_dict *page, const struct form_view *fv,
                     const struct review_notes *notes, bool editable)
{
    const struct form *f = app.form;
    enum form_scope scope = report_scope(fv->unit->level);
    bool for_commune = scope == SCOPE_COMMUNE;
    for (int s = 0; s < f->n_sections; s++) {
        struct tpl_dict *section = NULL;
        for (int i = 0; i < f->n_elements; i++) {
            if (f->elements[i].section != s || f->elements[i].scope != scope)
                continue;
            if (!section) {
                section = tpl_section(page, "sections");
                tpl_set(section, "code", f->sections[s].code);
                tpl_set(section, "numeral", f->sections[s].numeral);
                tpl_set(section, "title", f->sections[s].title);
            }
            element_row(r, tpl_section(section, "rows"), fv, notes, i, for_commune, editable);
        }
    }
    for (int i = 0; i < f->n_elements; i++)
        if (f->elements[i].section < 0 && f->elements[i].scope == scope)
            element_row(r, tpl_section(page, "header"), fv, notes, i, for_commune, editable);
}

/* Renders the form page (editable or read-only) with status. The page reads
** top to bottom: the section index (with "đã nhập n/N" and the rows in
** error), the title, the state, the form (its first field the first stop
** after the title), the review block, then printing and downloads. */
static int render_form(struct req *r, int status, const struct form_view *fv)
{
    const struct form *f = app.form;
    const struct unit *u = fv->unit;
    enum form_scope scope = report_scope(u->level);
    bool for_commune = scope == SCOPE_COMMUNE;
    bool editable = (r->user.role & (ROLE_COMMUNE | ROLE_DISTRICT)) && r->user.unit_id == u->id &&
                    report_editable(fv->report, fv->period);
    const char *label = period_label(r->arena, fv->period->code);
    json_t *d = page_data(r, arena_printf(r->arena, "Báo cáo %s — %s", label, u->name));
    struct tpl_dict *page = tpl_page(d); /* the rest straight to the page */
    int filled = 0, total = 0, in_header = 0;
    for (int i = 0; i < f->n_elements; i++)
        if (f->elements[i].scope == scope) {
            total++;
            filled += !form_blank(fv->values[i].raw);
            in_header += f->elements[i].section < 0;
        }
    struct tpl_dict *unit = tpl_section(page, "unit"), *period = tpl_section(page, "period");
    tpl_set(unit, "code", u->code);
    tpl_set(unit, "name", u->name);
    tpl_set(period, "code", fv->period->code);
    tpl_set(period, "label", label);
    tpl_set(page, "form_title", f->title);
    tpl_show(page, "has_header", in_header > 0);
    tpl_set(page, "filled", arena_printf(r->arena, "%d", filled));
    tpl_set(page, "total", arena_printf(r->arena, "%d", total));
    tpl_show(page, "editable", editable);
    tpl_show(page, "readonly", !editable);
    tpl_set(page, "version", arena_printf(r->arena, "%lld", (long long)fv->report->version));
    tpl_set(page, "action", page_report_href(r, u->code, fv->period->code));
    if (for_commune) { /* a district's or province's table prints with the roll-up */
        const char *href = page_report_href(r, u->code, fv->period->code);
        tpl_show(page, "printable", true);
        tpl_set(page, "print_href", arena_cat(r->arena, href, "/print", NULL));
        tpl_set(page, "export_base", arena_cat(r->arena, href, "/export", NULL));
        /* the JSON file is for staff and their tools, not the commune officer */
        tpl_show(page, "json_download", !(r->user.role & ROLE_COMMUNE));
    }
    add_issues(r, page, fv, editable);
    add_status(r, page, fv);
    add_review(r, page, fv);
    if (editable) {
        tpl_set(page, "checks_def", checks_def(r, fv, scope));
        tpl_set(page, "checks_src", page_form_checks_src(scope));
    }
    struct review_notes notes;
    review_comments_view(r, page, u, fv->period, fv->report, &notes); /* page_review.c */
    add_rows(r, page, fv, &notes, editable);
    int code = http_html_page(r, status, "report.tpl", page);
    review_notes_free(&notes);
    json_decref(d); /* after the page: its strings are d's */
    return code;
}

/* Runs the checks on vals against last year's values last (NULL: none);
** submit-level when the report is no longer a draft. */
static struct form_issues *run_checks(struct req *r, const struct unit *u,
                                      const struct form_value *vals,
                                      const struct form_value *last, bool submit)
{
    struct form_issues *issues = arena_alloc(r->arena, sizeof *issues);
    if (issues)
        form_check(r->arena, app.form, report_scope(u->level), vals, last, submit, issues);
    return issues;
}

/* Only the commune's own officer edits its report. */
static int check_own_unit(struct req *r, const struct unit *u)
{
    if (r->user.unit_id != u->id)
        return http_error(r, 403, "Chỉ cán bộ của chính đơn vị mới được sửa báo cáo này.");
    return 0;
}

/* Resolves {unit}/{period} (404, 403 as page_unit_period) and loads the
** report. 0, or the status to answer. */
static int load_report(struct req *r, struct unit *u, struct period *p, struct report *rep)
{
    int status = page_unit_period(r, 0, 1, u, p);
    if (status)
        return status;
    return report_load(r->arena, app.form, u->id, p->id, rep) < 0 ? 500 : 0;
}

/* The issues of the stored values: submit-level once the report has left
** the officer's hands, draft-level while it is still being filled. */
static struct form_issues *stored_issues(struct req *r, const struct unit *u,
                                         const struct period *p, const struct report *rep,
                                         const struct form_value *last)
{
    bool filling = report_editable(rep, p) || strcmp(rep->status, "empty") == 0;
    return run_checks(r, u, rep->values, last, !filling);
}

/* The line at the top after a redirect: ?msg=saved|merged|submitted|approved|
** returned|reopened|need_reason|conflict. */
static void flash_message(struct req *r, const struct report *rep, struct form_view *fv)
{
    static const char *const map[][3] = {
        {"submitted", "Đã gửi báo cáo. Cấp trên sẽ xem xét và duyệt.", ""},
        {"merged", "Đã lưu nháp. Báo cáo vừa được sửa ở nơi khác: những dòng bạn không sửa "
                   "giữ số đã lưu ở đó.", ""},
        {"approved", "Đã duyệt báo cáo.", ""},
        {"returned", "Đã trả lại báo cáo kèm lý do; xã sẽ sửa và gửi lại.", ""},
        {"reopened", "Đã mở lại báo cáo để xã sửa, kèm lý do.", ""},
        {"commented", "Đã ghi chú tại dòng.", ""},
        {"need_comment", "Chưa ghi chú: hãy viết nội dung ghi chú.", "error"},
        {"need_reason", "Cần ghi lý do khi trả lại hoặc mở lại báo cáo.", "error"},
        {"conflict", "Báo cáo vừa thay đổi trạng thái hoặc phiên bản nên chưa thực hiện được; "
                     "hãy xem lại.", "error"}};
    const char *msg = http_query(r, "msg");
    char when[FMT_DATE_MAX];
    if (!msg)
        return;
    if (strcmp(msg, "saved") == 0 && rep->updated_at)
        fv->flash = arena_printf(r->arena, "Đã lưu nháp lúc %s.", fmt_time_vn(when, rep->updated_at));
    for (size_t k = 0; k < sizeof map / sizeof *map; k++)
        if (strcmp(msg, map[k][0]) == 0) {
            fv->flash = map[k][1];
            fv->flash_is_error = map[k][2][0] != 0;
        }
}

/*
** GET /reports/{unit}/{period}
**
** The appendix form of one unit for one period. Role: the commune itself
** (editable while empty, draft or returned and the period is open), a
** district for its own district-only rows (same rule), or staff of a unit
** above it: read-only, with last year's values beside each row, the warnings,
** and the review block (approve, return, reopen). Query: msg=…  the line to
** show after a save or a review step (see flash_message).
*/
int page_report_view(struct req *r)
{
    struct unit u;
    struct period p;
    struct report rep;
    int status = load_report(r, &u, &p, &rep);
    if (status)
        return status;
    const struct form_value *last = report_previous(r->arena, app.form, u.id, &p);
    struct form_view fv = {.unit = &u, .period = &p, .report = &rep, .values = rep.values,
                           .explanation = rep.explanation, .last = last,
                           .issues = stored_issues(r, &u, &p, &rep, last)};
    if ((r->user.role & ROLE_READER) && r->user.unit_id != u.id) { /* staff above: compare */
        fv.prev = last;
        if (!fv.prev) /* no report last year: the column says so row by row */
            fv.prev = arena_alloc(r->arena, sizeof *fv.prev * (size_t)app.form->n_elements);
    }
    flash_message(r, &rep, &fv);
    return render_form(r, 200, &fv);
}

/* The raw values posted for the elements of scope ("v_<code>"); NULL where a
** field is absent, so that it stays as it was. */
static const char **posted_values(struct req *r, enum form_scope scope)
{
    const struct form *f = app.form;
    const char **raw = arena_alloc(r->arena, sizeof *raw * (size_t)f->n_elements);
    for (int i = 0; raw && i < f->n_elements; i++) {
        char name[128];
        snprintf(name, sizeof name, "v_%s", f->elements[i].code);
        if (f->elements[i].scope == scope)
            raw[i] = http_field(r, name);
    }
    return raw;
}

/* Are x and y the same text but for white space (a browser sends a
** textarea's line ends as CRLF, and the hidden o_ field holds the text with
** its line ends as spaces)? Runs of white space compare as one space. */
static bool same_text(const char *x, const char *y)
{
    for (;;) {
        bool sx = false, sy = false;
        while (*x == ' ' || *x == '\t' || *x == '\r' || *x == '\n')
            x++, sx = true;
        while (*y == ' ' || *y == '\t' || *y == '\r' || *y == '\n')
            y++, sy = true;
        if (!*x || !*y)
            return !*x && !*y;
        if (sx != sy || *x != *y)
            return false;
        x++, y++;
    }
}

/* Do x and y (as typed) mean the same value of e? "1234" and "1.234" do;
** blanks are equal; what does not parse is compared as typed. */
static bool same_value(struct arena *a, const struct form_element *e, const char *x,
                       const char *y)
{
    struct form_value vx, vy;
    form_parse(a, e, x, &vx);
    form_parse(a, e, y, &vy);
    if (vx.ok && vy.ok)
        return e->kind == FORM_TEXT ? same_text(x, y) : vx.num == vy.num;
    if (form_blank(x) || form_blank(y))
        return form_blank(x) && form_blank(y);
    return !vx.ok && !vy.ok && same_text(x, y);
}

/* How a value reads in the table of differences: blank says so. */
static const char *diff_text(struct arena *a, const struct form_element *e, const char *raw)
{
    struct form_value v;
    form_parse(a, e, raw, &v);
    return form_blank(raw) ? "(để trống)" : display_value(a, e, &v);
}

/* The value a field gets when the officer keeps x (yes/no as 1/0). */
static const char *field_text(struct arena *a, const struct form_element *e, const char *raw)
{
    struct form_value v;
    form_parse(a, e, raw, &v);
    if (e->kind == FORM_YESNO)
        return v.ok ? (v.num ? "1" : "0") : "";
    return input_value(a, e, &v);
}

/*
** A save from a page made from an older version than cur (someone saved in
** between, on another device or page): a three-way merge of each posted
** value with o_<code> (the value the page was made from) and the stored one.
** A row only this officer changed keeps the typed value; a row only the
** other save changed keeps the stored one (raw[i] set to NULL); a row both
** changed differently is a conflict. Returns the conflicts as template rows
** ({code, label, saved, typed, saved_field, typed_field}); an empty array
** when the save can go ahead over the current version.
*/
static json_t *merge_stale(struct req *r, const struct report *cur, const char **raw,
                           enum form_scope scope)
{
    const struct form *f = app.form;
    json_t *conflicts = json_array();
    for (int i = 0; i < f->n_elements; i++) {
        const struct form_element *e = &f->elements[i];
        if (e->scope != scope || !raw[i])
            continue;
        const char *saved = cur->values[i].raw ? cur->values[i].raw : "";
        const char *base = http_field(r, arena_printf(r->arena, "o_%s", e->code));
        if (same_value(r->arena, e, raw[i], saved))
            continue;
        if (base && same_value(r->arena, e, raw[i], base)) {
            raw[i] = NULL; /* untouched here: the other save stands */
            continue;
        }
        if (base && same_value(r->arena, e, saved, base))
            continue; /* untouched there: this save stands */
        json_array_append_new(
            conflicts,
            json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "code", e->code, "label",
                      form_label(e, scope == SCOPE_COMMUNE), "saved",
                      diff_text(r->arena, e, saved), "typed", diff_text(r->arena, e, raw[i]),
                      "saved_field", field_text(r->arena, e, saved), "typed_field",
                      field_text(r->arena, e, raw[i])));
    }
    return conflicts;
}

/* The officer's choice on the page of differences: keep_<code>=saved keeps
** the stored value of that row (the typed one is dropped). */
static void apply_keep(struct req *r, const char **raw, enum form_scope scope)
{
    const struct form *f = app.form;
    for (int i = 0; i < f->n_elements; i++) {
        const char *keep = http_field(r, arena_printf(r->arena, "keep_%s", f->elements[i].code));
        if (f->elements[i].scope == scope && keep && strcmp(keep, "saved") == 0)
            raw[i] = NULL;
    }
}

/*
** POST /reports/{unit}/{period}
**
** Saves the form. Role: the unit's own officer (a commune, or a district for
** its district-only rows); CSRF. Fields: v_<code> for each element (as
** typed), o_<code> (the value the page showed when it was made), keep_<code>
** (saved|typed, on the page of differences), version (the version the page
** was made from), explanation, at (the code of the row the officer was at),
** action=save|submit|confirm_submit (submit despite warnings).
** A draft always saves, whatever it holds, then redirects to the form at the
** row of `at`. A submission runs every check: errors keep it a draft and show
** the form again (422) with the messages at their rows and every typed value
** in place; warnings ask for confirmation with an explanation, unless the
** officer has written one (a report returned and resubmitted keeps its
** explanation, so warnings explained once are not asked again). A stale
** version (someone saved in between) merges row by row (merge_stale): with
** no row changed on both sides the save goes ahead; otherwise the form comes
** back (409) with the typed values, the new version, and the table of the
** rows that differ, saved beside typed, with a choice per row.
*/
int page_report_post(struct req *r)
{
    struct unit u;
    struct period p;
    struct report cur;
    int status = load_report(r, &u, &p, &cur);
    if (status || (status = check_own_unit(r, &u)))
        return status;
    enum form_scope scope = report_scope(u.level);
    const char **raw = posted_values(r, scope);
    if (!raw)
        return 500;
    const char *action = http_field(r, "action"), *version = http_field(r, "version");
    int at = form_find(app.form, http_field(r, "at"));
    bool confirmed = action && strcmp(action, "confirm_submit") == 0;
    bool submit = confirmed || (action && strcmp(action, "submit") == 0);
    struct form_view fv = {.unit = &u, .period = &p, .report = &cur,
                           .explanation = http_field(r, "explanation"), .submit_checks = submit};
    int64_t from = version ? strtoll(version, NULL, 10) : -1;
    apply_keep(r, raw, scope);
    bool stale = from != cur.version && report_editable(&cur, &p);
    if (stale) {
        fv.conflicts = merge_stale(r, &cur, raw, scope);
        if (json_array_size(fv.conflicts) == 0)
            from = cur.version; /* nothing collides: save over the current version */
    }
    fv.values = report_merge(r->arena, app.form, &cur, raw);
    fv.last = report_previous(r->arena, app.form, u.id, &p);
    fv.issues = run_checks(r, &u, fv.values, fv.last, submit);
    bool explained = fv.explanation && !form_blank(fv.explanation);
    bool blocked = form_has_errors(fv.issues) ||
                   (has_warnings(fv.issues) && !confirmed && !explained);
    struct report now;
    int limited_s = 0;
    struct report_change ch = {.raw = raw, .version = from, .explanation = fv.explanation,
                               .submit = submit && !blocked, .user_id = r->user.id,
                               .arena = r->arena, .saved = &now, .retry_after = &limited_s};
    enum report_result res = report_save(app.form, &cur, &p, &ch);
    enum db_fault fault = res == REPORT_ERROR ? db_fault() : DB_FAULT_NONE;
    if (fv.conflicts && json_array_size(fv.conflicts) == 0) {
        json_decref(fv.conflicts);
        fv.conflicts = NULL;
    }
    if (res == REPORT_OK && (!submit || !blocked)) {
        json_decref(fv.conflicts);
        return http_redirect(r, arena_printf(r->arena, "%s?msg=%s%s%s",
                                             page_report_href(r, u.code, p.code),
                                             submit ? "submitted" : stale ? "merged" : "saved",
                                             !submit && at >= 0 ? "#row_" : "",
                                             !submit && at >= 0 ? app.form->elements[at].code
                                                                : ""));
    }
    /* the version to build on and its stored values (the o_ fields): this
    ** save's own when it went through; after a refusal, the one stored now.
    ** The typed values are the ones shown (fv.values). */
    if (res == REPORT_OK || report_load(r->arena, app.form, u.id, p.id, &now) == 0)
        fv.report = &now;
    fv.flash_is_error = true;
    int code = 500;
    switch (res) {
    case REPORT_OK: /* submission blocked by the checks; the draft is saved */
        fv.flash_is_error = form_has_errors(fv.issues);
        fv.flash = fv.flash_is_error
                       ? "Đã lưu nháp nhưng chưa gửi được: hãy sửa các lỗi được đánh dấu."
                       : "Đã lưu nháp. Có cảnh báo: kiểm tra lại số liệu, ghi giải trình nếu cần, "
                         "rồi bấm «Vẫn gửi báo cáo».";
        fv.confirm_warnings = !fv.flash_is_error;
        code = fv.flash_is_error ? 422 : 200;
        break;
    case REPORT_STALE:
        fv.flash = fv.conflicts
                       ? "Báo cáo vừa được lưu ở nơi khác nên chưa lưu được. Số liệu bạn nhập "
                         "vẫn còn trên trang. Bảng dưới đây so sánh từng dòng khác nhau: chọn "
                         "giữ số nào rồi bấm «Lưu nháp»."
                       : "Báo cáo vừa được lưu ở nơi khác nên chưa lưu được. Số liệu bạn nhập vẫn "
                         "còn trên trang: kiểm tra lại rồi bấm «Lưu nháp» để ghi đè.";
        fv.unsaved = true;
        code = 409;
        break;
    case REPORT_LOCKED:
        fv.flash = "Báo cáo đã gửi hoặc kỳ báo cáo đã khóa nên không sửa được nữa.";
        code = 409;
        break;
    case REPORT_LIMITED:
        fv.flash = "Tài khoản này đã lưu quá nhiều trong thời gian ngắn nên chưa lưu được. Số liệu "
                   "bạn nhập vẫn còn trên trang; xin đợi một lát rồi lưu lại.";
        r->retry_after = arena_printf(r->arena, "%d", limited_s);
        fv.unsaved = true;
        code = 429;
        break;
    case REPORT_ERROR:
        fv.flash = "Lỗi hệ thống: chưa lưu được. Số liệu bạn nhập vẫn còn trên trang; xin thử lại.";
        fv.unsaved = true;
        break;
    }
    if (res == REPORT_ERROR && fault != DB_FAULT_NONE) { /* busy or unwritable: 503 */
        fv.flash = arena_printf(r->arena, "%s Số liệu bạn nhập vẫn còn trên trang.",
                                db_fault_message(fault));
        r->retry_after = fault == DB_FAULT_BUSY ? "2" : "30";
        code = 503;
    }
    code = render_form(r, code, &fv);
    json_decref(fv.conflicts);
    return code;
}

/* Answers 200 with the report as this request's save left it (read inside
** the save's transaction: never a later save by someone else). */
static int answer_report(struct req *r, const struct unit *u, const struct period *p,
                         const struct report *rep)
{
    struct jsonout o = {0};
    report_write(&o, app.form, u, p, rep,
                 stored_issues(r, u, p, rep, report_previous(r->arena, app.form, u->id, p)));
    return http_json_out(r, 200, &o);
}

/*
** GET /api/reports/{unit}/{period}
**
** The report as JSON (interfaces.md), with the issues its values have now.
** Role: the commune itself, or staff above it.
*/
int api_report_get(struct req *r)
{
    struct unit u;
    struct period p;
    struct report rep;
    int status = load_report(r, &u, &p, &rep);
    if (status)
        return status;
    return answer_report(r, &u, &p, &rep);
}

/* A JSON value as the text a user would have typed; *bad when its type can
** never be valid for the element (an object, a boolean for a count…). */
static const char *json_as_raw(struct req *r, const struct form_element *e, json_t *v, bool *bad)
{
    *bad = false;
    switch (json_typeof(v)) {
    case JSON_NULL:
        return "";
    case JSON_STRING:
        return json_string_value(v);
    case JSON_INTEGER:
        if (e->kind == FORM_YESNO)
            break;
        return arena_printf(r->arena, "%lld", (long long)json_integer_value(v));
    case JSON_REAL:
        if (e->kind == FORM_YESNO)
            break;
        return arena_printf(r->arena, "%g", json_real_value(v));
    case JSON_TRUE:
    case JSON_FALSE:
        if (e->kind != FORM_YESNO)
            break;
        return json_is_true(v) ? "1" : "0";
    default:
        break;
    }
    *bad = true;
    return NULL;
}

/* Reads body.values into raw (per element); 0, or the status to answer with
** r->message (and r->issues) set: 400 for unknown codes, 422 for bad values. */
static int read_api_values(struct req *r, json_t *values, enum form_scope scope, const char **raw)
{
    const struct form *f = app.form;
    struct form_issues bad = {0};
    json_t *unknown = json_array();
    const char *key;
    json_t *v;
    json_object_foreach(values, key, v)
    {
        int i = form_find(f, key);
        bool wrong_type;
        if (i < 0 || f->elements[i].scope != scope) {
            json_array_append_new(unknown, json_string(key));
            continue;
        }
        raw[i] = json_as_raw(r, &f->elements[i], v, &wrong_type);
        struct form_value parsed;
        const char *msg = wrong_type ? "Kiểu giá trị không đúng."
                                     : form_parse(r->arena, &f->elements[i], raw[i], &parsed);
        if (msg)
            form_add_issue(r->arena, &bad, true, &i, 1, msg);
    }
    if (json_array_size(unknown)) {
        char *names = json_dumps(unknown, JSON_COMPACT);
        r->message = arena_printf(r->arena, "Mã chỉ tiêu không có trong báo cáo này: %s",
                                  names ? names : "");
        free(names);
        r->issues = json_pack("[{s:s, s:o, s:s}]", "severity", "error", "elements", unknown,
                              "message", r->message);
        return 400;
    }
    json_decref(unknown);
    if (bad.n) {
        r->issues = json_array();
        for (int k = 0; k < bad.n; k++)
            json_array_append_new(r->issues, report_issue_json(f, &bad.items[k], scope == SCOPE_COMMUNE));
        r->message = "Số liệu không hợp lệ; chưa lưu gì.";
        return 422;
    }
    return 0;
}

int page_write_failed(struct req *r, int status)
{
    enum db_fault f = db_fault();
    if (f == DB_FAULT_NONE)
        return status;
    r->retry_after = f == DB_FAULT_BUSY ? "2" : "30";
    return http_error(r, 503, db_fault_message(f));
}

/* The answer to a save that did not go through; limited_s: see report_change. */
static int save_failed(struct req *r, enum report_result res, int limited_s)
{
    if (res == REPORT_LIMITED) {
        r->retry_after = arena_printf(r->arena, "%d", limited_s);
        return http_error(r, 429, "Tài khoản này đã lưu quá nhiều trong thời gian ngắn. Xin đợi "
                                  "một lát rồi lưu lại.");
    }
    if (res == REPORT_STALE)
        return http_error(r, 409, "Báo cáo đã được lưu bởi người khác (phiên bản mới hơn). "
                                  "Hãy đọc lại rồi lưu.");
    if (res == REPORT_LOCKED)
        return http_error(r, 409, "Báo cáo đã gửi hoặc kỳ báo cáo đã khóa nên không sửa được.");
    return page_write_failed(r, 500);
}


/*
** PUT /api/reports/{unit}/{period}
**
** Body: {"values": {code: value|null, …}, "version": n}. Saves a draft: any
** subset of values; null clears one. Role: the commune itself; X-CSRF-Token.
** 400 names unknown codes; 422 lists values that are not valid (nothing is
** saved); 409 when version is stale or the report can no longer be edited.
*/
int api_report_put(struct req *r)
{
    struct unit u;
    struct period p;
    struct report cur;
    int status = load_report(r, &u, &p, &cur);
    if (status || (status = check_own_unit(r, &u)))
        return status;
    json_t *body = http_json_body(r);
    if (!body)
        return 400;
    json_t *values = json_object_get(body, "values"), *version = json_object_get(body, "version");
    if (!json_is_object(values) || !json_is_integer(version))
        return http_error(r, 400, "Cần \"values\" (đối tượng) và \"version\" (số nguyên).");
    const char **raw = arena_alloc(r->arena, sizeof *raw * (size_t)app.form->n_elements);
    if (!raw)
        return 500;
    if ((status = read_api_values(r, values, report_scope(u.level), raw)))
        return status;
    struct report saved;
    int limited_s = 0;
    struct report_change ch = {.raw = raw, .version = json_integer_value(version),
                               .user_id = r->user.id, .arena = r->arena, .saved = &saved,
                               .retry_after = &limited_s};
    enum report_result res = report_save(app.form, &cur, &p, &ch);
    return res == REPORT_OK ? answer_report(r, &u, &p, &saved) : save_failed(r, res, limited_s);
}

/*
** POST /api/reports/{unit}/{period}/submit
**
** Submits the saved report. Optional body: {"explanation": "…", "version": n}.
** Role: the commune itself; X-CSRF-Token. 200 with the report; 422 with its
** issues when a check fails (warnings do not block); 409 when the report was
** already submitted or the version is stale.
*/
int api_report_submit(struct req *r)
{
    struct unit u;
    struct period p;
    struct report cur;
    int status = load_report(r, &u, &p, &cur);
    if (status || (status = check_own_unit(r, &u)))
        return status;
    json_t *body = r->body.len ? http_json_body(r) : NULL;
    if (r->body.len && !body)
        return 400;
    if (!report_editable(&cur, &p))
        return save_failed(r, REPORT_LOCKED, 0);
    struct form_issues *issues =
        run_checks(r, &u, cur.values, report_previous(r->arena, app.form, u.id, &p), true);
    if (form_has_errors(issues)) {
        r->issues = json_array();
        for (int k = 0; k < issues->n; k++)
            json_array_append_new(r->issues, report_issue_json(app.form, &issues->items[k],
                                                               report_scope(u.level) == SCOPE_COMMUNE));
        return http_error(r, 422, "Báo cáo còn lỗi nên chưa gửi được.");
    }
    const char **raw = arena_alloc(r->arena, sizeof *raw * (size_t)app.form->n_elements);
    json_t *version = json_object_get(body, "version");
    struct report saved;
    int limited_s = 0;
    struct report_change ch = {
        .raw = raw,
        .version = json_is_integer(version) ? json_integer_value(version) : cur.version,
        .explanation = json_string_value(json_object_get(body, "explanation")),
        .submit = true,
        .user_id = r->user.id,
        .arena = r->arena,
        .saved = &saved,
        .retry_after = &limited_s};
    enum report_result res = raw ? report_save(app.form, &cur, &p, &ch) : REPORT_ERROR;
    return res == REPORT_OK ? answer_report(r, &u, &p, &saved) : save_failed(r, res, limited_s);
}
