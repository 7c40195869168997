/*
** The printable appendix table; see sheet.h.
*/
#include "sheet.h"
#include "db.h"
#include "fmt.h"
#include "form.h"
#include "report.h"
#include "rollup.h"
#include "str.h"
#include "unit.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static const char sql_cutoff[] =
    "SELECT cutoff_from, cutoff_to FROM period WHERE id = :id";

static const char sql_signoff[] =
    "SELECT authority, signer_title, signer_name, recipients FROM unit_setting "
    "WHERE unit_id = :unit";

/* The title of the table: the form's title and the period ("… năm 2024"). */
static const char *sheet_title(struct arena *a, const struct form *f, const struct period *p)
{
    return arena_printf(a, "%s %s", f->title, period_label(a, p->code));
}

/* Allocates the row arrays and fills the parts every sheet shares. */
static int sheet_start(struct arena *a, const struct form *f, const struct unit *u,
                       const struct period *p, struct sheet *s)
{
    memset(s, 0, sizeof *s);
    s->unit_code = u->code;
    s->unit_name = u->name;
    s->period_code = p->code;
    s->unit_level = u->level;
    s->form = f;
    s->title = sheet_title(a, f, p);
    if (sheet_cutoff(a, p, &s->cutoff_from, &s->cutoff_to) < 0)
        s->cutoff_from = s->cutoff_to = NULL;
    size_t n = (size_t)(f->n_elements + f->n_sections);
    s->header = arena_alloc(a, sizeof *s->header * n);
    s->rows = arena_alloc(a, sizeof *s->rows * n);
    return s->header && s->rows ? 0 : -1;
}

/* What the cell of element e holds when given. */
static enum sheet_value_kind kind_of(const struct form_element *e)
{
    switch (e->kind) {
    case FORM_MONEY:
        return SHEET_MONEY;
    case FORM_YESNO:
        return SHEET_YESNO;
    case FORM_TEXT:
        return SHEET_TEXT;
    default:
        return SHEET_COUNT;
    }
}

/* The row of element i, without its value. */
static struct sheet_row element_row(const struct form *f, int i, bool for_commune)
{
    const struct form_element *e = &f->elements[i];
    bool sub = e->parent >= 0 || e->supporting;
    struct sheet_row row = {.kind = SHEET_ELEMENT, .code = e->code,
                            .label = form_label(e, for_commune), .tt = sub ? "" : "-",
                            .sub = sub, .has_ratio = e->denominator >= 0,
                            .holds = kind_of(e)};
    return row;
}

/* Appends the row of element i to s: above the table for a header item, else
** in the table, preceded by its section's row before the section's first. */
static void add_element(struct sheet *s, const struct form *f, int i, struct sheet_row row,
                        int *last_section)
{
    int sec = f->elements[i].section;
    if (sec < 0) {
        s->header[s->n_header++] = row;
        return;
    }
    if (sec != *last_section) {
        s->rows[s->n_rows++] = (struct sheet_row){.kind = SHEET_SECTION,
                                                  .numeral = f->sections[sec].numeral,
                                                  .label = f->sections[sec].title,
                                                  .tt = f->sections[sec].numeral};
        *last_section = sec;
    }
    s->rows[s->n_rows++] = row;
}

int sheet_from_report(struct arena *a, const struct form *f, const struct unit *u,
                      const struct period *p, const struct report *rep, struct sheet *s)
{
    if (sheet_start(a, f, u, p, s) < 0)
        return -1;
    bool for_commune = report_scope(u->level) == SCOPE_COMMUNE;
    s->blank = rep == NULL;
    s->status = rep ? rep->status : "blank";
    s->draft = rep && strcmp(rep->status, "submitted") != 0 && strcmp(rep->status, "approved") != 0;
    if (rep && rep->submitted_at && !s->draft)
        s->date = arena_strndup(a, rep->submitted_at, 10);
    int last_section = -1;
    for (int i = 0; i < f->n_elements; i++) {
        if (for_commune && f->elements[i].scope != SCOPE_COMMUNE)
            continue;
        struct sheet_row row = element_row(f, i, for_commune);
        const struct form_value *v = rep ? &rep->values[i] : NULL;
        if (v && v->ok) {
            row.value_kind = row.holds;
            row.value = v->num;
            row.text = v->raw;
        }
        int64_t num, den;
        if (v && row.has_ratio && form_ratio(f, rep->values, i, &num, &den) && den > 0)
            row.ratio_ok = true, row.num = num, row.den = den;
        add_element(s, f, i, row, &last_section);
    }
    return 0;
}

enum sheet_result sheet_load(struct arena *a, const struct form *f, const struct unit *u,
                             const struct period *p, bool blank, bool only_approved,
                             struct sheet *s)
{
    struct report rep;
    if (blank)
        return sheet_from_report(a, f, u, p, NULL, s) == 0 ? SHEET_FILLED : SHEET_FAILED;
    if (report_scope(u->level) != SCOPE_COMMUNE) {
        struct rollup t;
        struct rollup_child *children = NULL;
        if (db_run("BEGIN") < 0) /* one read snapshot: totals and children agree */
            return SHEET_FAILED;
        int n_children = -1;
        if (rollup_load(a, f, u, p, only_approved, &t) == 0)
            n_children = rollup_children(a, f, u, p, only_approved, &children);
        db_run("COMMIT");
        if (n_children < 0 || sheet_from_totals(a, f, u, p, t.sums.sum, t.sums.has,
                                                t.count.included, t.count.expected, s) < 0)
            return SHEET_FAILED;
        s->children = children;
        s->n_children = n_children;
        struct rollup_text *texts;
        int n = rollup_texts(a, u, p, only_approved, &texts);
        if (n < 0)
            return SHEET_FAILED;
        struct sheet_text *st = arena_alloc(a, sizeof *st * (size_t)(n ? n : 1));
        if (!st)
            return SHEET_FAILED;
        for (int k = 0; k < n; k++)
            st[k] = (struct sheet_text){texts[k].unit_name, texts[k].text};
        s->texts = st;
        s->n_texts = n;
        if (only_approved) {
            s->only_approved = true;
            s->subtitle = arena_printf(a, "%s (chỉ tính báo cáo đã duyệt)", s->subtitle);
        }
        return SHEET_FILLED;
    }
    if (report_load(a, f, u->id, p->id, &rep) < 0 || sheet_from_report(a, f, u, p, &rep, s) < 0)
        return SHEET_FAILED;
    return SHEET_FILLED;
}

int sheet_from_totals(struct arena *a, const struct form *f, const struct unit *u,
                      const struct period *p, const int64_t *totals, const bool *known,
                      int included, int expected, struct sheet *s)
{
    if (sheet_start(a, f, u, p, s) < 0)
        return -1;
    s->status = "rollup";
    s->rollup = true;
    s->subtitle = arena_printf(a, "Đã tổng hợp %d/%d %s", included, expected,
                               unit_level_word("commune"));
    int last_section = -1;
    for (int i = 0; i < f->n_elements; i++) {
        const struct form_element *e = &f->elements[i];
        struct sheet_row row = element_row(f, i, false);
        if (e->kind == FORM_TEXT) { /* not summed: each commune's text is its own */
            add_element(s, f, i, row, &last_section);
            continue;
        }
        if (e->kind == FORM_YESNO)
            row.holds = SHEET_COUNT;
        if (known[i]) {
            row.value_kind = row.holds;
            row.value = totals[i];
        }
        if (e->kind == FORM_YESNO) {
            row.has_ratio = true;
            row.ratio_ok = expected > 0;
            row.num = known[i] ? totals[i] : 0;
            row.den = expected;
        } else if (row.has_ratio && known[i] && known[e->denominator] &&
                   totals[e->denominator] > 0) {
            row.ratio_ok = true;
            row.num = totals[i];
            row.den = totals[e->denominator];
        }
        add_element(s, f, i, row, &last_section);
    }
    return 0;
}

int sheet_cutoff_default(struct arena *a, const char *code, const char **from, const char **to)
{
    if (!period_code_valid(code))
        return -1;
    int y = atoi(code);
    bool s1 = code[4] == 'S' && code[5] == '1', s2 = code[4] == 'S' && code[5] == '2';
    *from = s2 ? arena_printf(a, "%04d-06-15", y) : arena_printf(a, "%04d-12-15", y - 1);
    *to = s1 ? arena_printf(a, "%04d-06-14", y) : arena_printf(a, "%04d-12-14", y);
    return *from && *to ? 0 : -1;
}

int sheet_cutoff(struct arena *a, const struct period *p, const char **from, const char **to)
{
    if (sheet_cutoff_default(a, p->code, from, to) < 0)
        return -1;
    sqlite3_stmt *st = db_stmt(sql_cutoff);
    if (!st)
        return 0; /* the rule stands */
    db_bind_int(st, ":id", p->id);
    if (db_step(st) == SQLITE_ROW) {
        if (fmt_is_date(db_text(st, 0)))
            *from = db_dup(a, st, 0);
        if (fmt_is_date(db_text(st, 1)))
            *to = db_dup(a, st, 1);
    }
    db_done(st);
    return 0;
}

const char *sheet_cutoff_line(struct arena *a, const struct sheet *s)
{
    char f[FMT_DATE_MAX], t[FMT_DATE_MAX];
    if (!s->cutoff_from || !s->cutoff_to)
        return NULL;
    return arena_printf(a, "Số liệu tính từ %s đến %s", fmt_date_long(f, s->cutoff_from),
                        fmt_date_long(t, s->cutoff_to));
}

const char *sheet_value_text(struct arena *a, const struct sheet_row *row)
{
    char n[FMT_NUM_MAX];
    switch (row->value_kind) {
    case SHEET_COUNT:
    case SHEET_MONEY:
        return arena_strdup(a, fmt_count(n, row->value));
    case SHEET_YESNO:
        return row->value ? "Có" : "Không";
    case SHEET_TEXT:
        return row->text ? row->text : "";
    case SHEET_BLANK:
        break;
    }
    return "";
}

const char *sheet_ratio_text(struct arena *a, const struct sheet_row *row)
{
    char n[FMT_NUM_MAX];
    if (!row->has_ratio)
        return "";
    return row->ratio_ok ? arena_strdup(a, fmt_ratio(n, row->num, row->den)) : "—";
}

/* A row's value as JSON: integer, boolean, string, or null when blank. */
static json_t *value_json(const struct sheet_row *row)
{
    switch (row->value_kind) {
    case SHEET_COUNT:
    case SHEET_MONEY:
        return json_integer(row->value);
    case SHEET_YESNO:
        return json_boolean(row->value);
    case SHEET_TEXT:
        return json_string(row->text ? row->text : "");
    case SHEET_BLANK:
        break;
    }
    return json_null();
}

/* Appends the element rows of rows[0..n) to list. */
static void rows_json(json_t *list, const struct sheet_row *rows, int n)
{
    for (int k = 0; k < n; k++) {
        const struct sheet_row *row = &rows[k];
        if (row->kind != SHEET_ELEMENT)
            continue;
        json_array_append_new(
            list, json_pack("{s:s, s:s, s:o, s:o, s:o}", "code", row->code, "label", row->label,
                            "value", value_json(row), "denominator",
                            row->ratio_ok ? json_integer(row->den) : json_null(), "ratio",
                            row->ratio_ok ? json_real((double)row->num / (double)row->den)
                                          : json_null()));
    }
}

/* A roll-up's children as GET /api/rollup lists them (rollup_write). */
static json_t *children_json(const struct sheet *s)
{
    json_t *list = json_array();
    for (int k = 0; k < s->n_children; k++) {
        const struct rollup_child *c = &s->children[k];
        json_t *values = json_object();
        for (int i = 0; i < s->form->n_elements; i++)
            if (c->sums.has[i] && s->form->elements[i].kind != FORM_TEXT)
                json_object_set_new(values, s->form->elements[i].code,
                                    json_integer(c->sums.sum[i]));
        json_array_append_new(
            list, json_pack("{s:s, s:s, s:s, s:s, s:i, s:i, s:i, s:i, s:o}", "code",
                            c->unit.code, "name", c->unit.name, "level", c->unit.level, "status",
                            c->status, "included", c->count.included, "expected",
                            c->count.expected, "sent", c->count.sent, "late", c->count.late,
                            "values", values));
    }
    return list;
}

json_t *sheet_json(const struct sheet *s)
{
    json_t *rows = json_array();
    rows_json(rows, s->header, s->n_header);
    rows_json(rows, s->rows, s->n_rows);
    json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:b, s:o, s:o, s:o}", "unit",
                          s->unit_code, "unit_name", s->unit_name, "period", s->period_code,
                          "status", s->status, "title", s->title, "subtitle",
                          s->subtitle ? json_string(s->subtitle) : json_null(), "only_approved",
                          s->only_approved, "cutoff_from",
                          s->cutoff_from ? json_string(s->cutoff_from) : json_null(),
                          "cutoff_to", s->cutoff_to ? json_string(s->cutoff_to) : json_null(),
                          "rows", rows);
    if (j && s->rollup)
        json_object_set_new(j, "children", children_json(s));
    return j;
}

int sheet_lines(struct arena *a, const char *text, const char ***out)
{
    int n = 0, cap = 1;
    for (const char *p = text; p && *p; p++)
        cap += *p == '\n';
    const char **lines = arena_alloc(a, sizeof *lines * (size_t)cap);
    *out = lines;
    for (const char *p = text; lines && p && *p;) {
        const char *end = strchr(p, '\n');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        const char *b = p, *e = p + len;
        while (b < e && isspace((unsigned char)*b))
            b++;
        while (e > b && isspace((unsigned char)e[-1]))
            e--;
        if (e > b)
            lines[n++] = arena_strndup(a, b, (size_t)(e - b));
        p = end ? end + 1 : p + len;
    }
    return n;
}

int sheet_signoff_load(struct arena *a, int64_t unit_id, struct sheet_signoff *out)
{
    memset(out, 0, sizeof *out);
    out->signer_title = out->signer_name = "";
    sqlite3_stmt *st = db_stmt(sql_signoff);
    if (!st)
        return -1;
    db_bind_int(st, ":unit", unit_id);
    if (db_step(st) != SQLITE_ROW)
        return 0;
    out->n_authority = sheet_lines(a, db_text(st, 0), &out->authority);
    out->signer_title = db_dup(a, st, 1);
    out->signer_name = db_dup(a, st, 2);
    out->n_recipients = sheet_lines(a, db_text(st, 3), &out->recipients);
    db_done(st);
    return 0;
}

const char *sheet_place(const struct unit *u)
{
    size_t k = u->kind ? strlen(u->kind) : 0;
    if (k && strncmp(u->name, u->kind, k) == 0 && u->name[k] == ' ')
        return u->name + k + 1;
    return u->name;
}
