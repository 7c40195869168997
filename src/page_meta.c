/*
** The form definition and the unit tree, as the API shows them.
*/
#include "app.h"
#include "db.h"
#include "form.h"
#include "fmt.h"
#include "http.h"
#include "page.h"
#include "pages.h"
#include "unit.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *kind_name(enum form_kind k)
{
    static const char *const names[] = {"count", "money", "yesno", "text"};
    return names[k];
}

static const char *check_kind_name(enum check_kind k)
{
    static const char *const names[] = {"le_denominator", "sum_le", "sum_eq", "change_pct",
                                        "ratio_drop"};
    return names[k];
}

static json_t *code_or_null(const struct form *f, int i)
{
    return i >= 0 ? json_string(f->elements[i].code) : json_null();
}

static json_t *element_json(const struct form *f, int i)
{
    const struct form_element *e = &f->elements[i];
    return json_pack("{s:s, s:s, s:s, s:s, s:o, s:o, s:b, s:s, s:I}", "code", e->code, "label",
                     e->label, "commune_label", e->commune_label, "kind", kind_name(e->kind),
                     "denominator", code_or_null(f, e->denominator), "parent",
                     code_or_null(f, e->parent), "supporting", e->supporting, "scope",
                     e->scope == SCOPE_COMMUNE ? "commune" : "district", "max",
                     (json_int_t)e->max);
}

/* One check as GET /api/forms/{code} shows it; the form's script hands the
** same to the browser (form.js runs the checks from it). */
static void form_check_write(struct jsonout *o, const struct form *f, const struct form_check *c)
{
    jsonout_begin_object(o);
    jsonout_key(o, "code");
    jsonout_string(o, c->code);
    jsonout_key(o, "severity");
    jsonout_string(o, c->is_error ? "error" : "warning");
    jsonout_key(o, "kind");
    jsonout_string(o, check_kind_name(c->kind));
    jsonout_key(o, "terms");
    jsonout_begin_array(o);
    for (int k = 0; k < c->n_terms; k++)
        jsonout_string(o, f->elements[c->terms[k]].code);
    jsonout_end_array(o);
    jsonout_key(o, "target");
    jsonout_string(o, c->target >= 0 ? f->elements[c->target].code : NULL);
    jsonout_key(o, "threshold");
    jsonout_real(o, c->threshold);
    jsonout_key(o, "message");
    jsonout_string(o, c->message);
    jsonout_end_object(o);
}

/*
** The form's own part of what form.js checks with, per scope: the elements
** of the scope (code, kind, limit, denominator, and the label a message
** names), the checks as the API gives them and the messages about one value.
** The same for every report of the scope, so a script the browser keeps
** ("window.ecdreportForm = {…};"), addressed with a version (a hash of its
** text); the page adds last year's values and the submit flag. Written once
** per scope, kept for the process's life: the form does not change while
** the server runs. text NULL when it could not be written (the browser then
** does without: the server checks every save anyway).
*/
struct form_script {
    char *text;
    size_t len;
    char src[64]; /* /form-checks/{scope}.js?v={16 hex digits} */
};
static struct form_script form_scripts[2];
static pthread_once_t form_scripts_once = PTHREAD_ONCE_INIT;
static const char *const scope_names[] = {"commune", "district"};

/* Writes the object of the script of scope to o. */
static void form_checks_write(struct jsonout *o, enum form_scope scope)
{
    const struct form *f = app.form;
    jsonout_begin_object(o);
    jsonout_key(o, "elements");
    jsonout_begin_array(o);
    for (int i = 0; i < f->n_elements; i++) {
        const struct form_element *e = &f->elements[i];
        if (e->scope != scope)
            continue;
        jsonout_begin_object(o);
        jsonout_key(o, "code");
        jsonout_string(o, e->code);
        jsonout_key(o, "kind");
        jsonout_string(o, kind_name(e->kind));
        jsonout_key(o, "max");
        jsonout_integer(o, e->max);
        if (e->denominator >= 0) {
            jsonout_key(o, "denominator");
            jsonout_string(o, f->elements[e->denominator].code);
        }
        bool named = false; /* a message may name it: a denominator or a check's target */
        for (int k = 0; k < f->n_elements; k++)
            named |= f->elements[k].denominator == i;
        for (int k = 0; k < f->n_checks; k++)
            named |= f->checks[k].target == i;
        if (named) {
            jsonout_key(o, "label");
            jsonout_string(o, e->label);
        }
        jsonout_end_object(o);
    }
    jsonout_end_array(o);
    jsonout_key(o, "checks");
    jsonout_begin_array(o);
    for (int k = 0; k < f->n_checks; k++)
        form_check_write(o, f, &f->checks[k]);
    jsonout_end_array(o);
    jsonout_key(o, "messages");
    jsonout_begin_object(o);
    for (const struct form_message *m = form_messages; m->key; m++) {
        jsonout_key(o, m->key);
        jsonout_string(o, m->text);
    }
    jsonout_end_object(o);
    jsonout_end_object(o);
}

/* Writes the script of scope and its address (see struct form_script). */
static void write_form_script(enum form_scope scope)
{
    struct jsonout o = {0};
    form_checks_write(&o, scope);
    static const char head[] = "window.ecdreportForm = ", tail[] = ";\n";
    size_t len;
    char *json = jsonout_finish(&o, &len);
    struct form_script *fs = &form_scripts[scope];
    fs->len = sizeof head - 1 + len + sizeof tail - 1;
    fs->text = json ? malloc(fs->len) : NULL;
    if (!fs->text) {
        free(json);
        snprintf(fs->src, sizeof fs->src, "/form-checks/%s.js", scope_names[scope]);
        return;
    }
    memcpy(fs->text, head, sizeof head - 1);
    memcpy(fs->text + sizeof head - 1, json, len);
    memcpy(fs->text + sizeof head - 1 + len, tail, sizeof tail - 1);
    free(json);
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (size_t i = 0; i < fs->len; i++)
        h = (h ^ (unsigned char)fs->text[i]) * 1099511628211ull;
    snprintf(fs->src, sizeof fs->src, "/form-checks/%s.js?v=%016llx", scope_names[scope],
             (unsigned long long)h);
}

static void write_form_scripts(void)
{
    write_form_script(SCOPE_COMMUNE);
    write_form_script(SCOPE_DISTRICT);
}

const char *page_form_checks_src(enum form_scope scope)
{
    pthread_once(&form_scripts_once, write_form_scripts);
    return form_scripts[scope].src;
}

/*
** GET /form-checks/{commune|district}.js[?v=…]
**
** The form's own checks of a scope as a script (see struct form_script).
** Kept by the browser for a year when v is the current version (the form
** page names that one), else not kept. Any role.
*/
int page_form_checks(struct req *r)
{
    enum form_scope scope;
    if (strcmp(r->args[0], "commune.js") == 0)
        scope = SCOPE_COMMUNE;
    else if (strcmp(r->args[0], "district.js") == 0)
        scope = SCOPE_DISTRICT;
    else
        return 404;
    const char *src = page_form_checks_src(scope), *v = http_query(r, "v");
    const struct form_script *fs = &form_scripts[scope];
    char *body = fs->text ? malloc(fs->len) : NULL;
    if (!body)
        return 500;
    memcpy(body, fs->text, fs->len);
    if (v && strcmp(v, strchr(src, '=') + 1) == 0)
        r->cache_control = "private, max-age=31536000, immutable";
    return http_bytes(r, 200, "text/javascript; charset=utf-8", body, fs->len, NULL);
}

/*
** GET /api/forms/{code}
**
** The form definition: {code, title, header: [elements], sections: [{code,
** numeral, title, elements: [{code, label, commune_label, kind, denominator,
** parent, supporting, scope, max}]}], checks: [{code, severity, kind, terms,
** target, threshold, message}]}. Any role.
*/
int api_form_get(struct req *r)
{
    const struct form *f = app.form;
    if (strcmp(r->args[0], f->code) != 0)
        return http_error(r, 404, "Không có biểu mẫu này.");
    json_t *header = json_array(), *sections = json_array();
    for (int s = 0; s < f->n_sections; s++) {
        json_t *elements = json_array();
        for (int i = 0; i < f->n_elements; i++)
            if (f->elements[i].section == s)
                json_array_append_new(elements, element_json(f, i));
        json_array_append_new(sections,
                              json_pack("{s:s, s:s, s:s, s:o}", "code", f->sections[s].code,
                                        "numeral", f->sections[s].numeral, "title",
                                        f->sections[s].title, "elements", elements));
    }
    for (int i = 0; i < f->n_elements; i++)
        if (f->elements[i].section < 0)
            json_array_append_new(header, element_json(f, i));
    struct jsonout o = {0};
    jsonout_begin_object(&o);
    jsonout_key(&o, "code");
    jsonout_string(&o, f->code);
    jsonout_key(&o, "title");
    jsonout_string(&o, f->title);
    jsonout_key(&o, "header");
    jsonout_value(&o, header);
    jsonout_key(&o, "sections");
    jsonout_value(&o, sections);
    jsonout_key(&o, "checks");
    jsonout_begin_array(&o);
    for (int k = 0; k < f->n_checks; k++)
        form_check_write(&o, f, &f->checks[k]);
    jsonout_end_array(&o);
    jsonout_end_object(&o);
    json_decref(header);
    json_decref(sections);
    return http_json_out(r, 200, &o);
}

static const char sql_predecessors[] =
    "SELECT o.code, o.name, o.valid_to, s.basis FROM unit_succession s "
    "JOIN unit o ON o.id = s.old_unit_id WHERE s.new_unit_id = :id ORDER BY o.code";

/* The communes that merged into unit id: [{code, name, valid_to, basis}]. */
static json_t *predecessors(int64_t id)
{
    json_t *rows = json_array();
    sqlite3_stmt *st = db_stmt(sql_predecessors);
    if (!st)
        return rows;
    db_bind_int(st, ":id", id);
    while (db_step(st) == SQLITE_ROW)
        json_array_append_new(rows, json_pack("{s:s, s:s, s:s?, s:s}", "code", db_text(st, 0),
                                              "name", db_text(st, 1), "valid_to", db_text(st, 2),
                                              "basis", db_text(st, 3)));
    return rows;
}

static json_t *opt_string(const char *s)
{
    return s ? json_string(s) : json_null();
}

/*
** GET /api/units/{code}
**
** The unit of that code valid today, or on ?date=YYYY-MM-DD, or at the end of
** ?period=P; where none is valid then, its latest version. Answers {code,
** name, level, kind, parent, valid_from, valid_to, children: [{code, name,
** level}], predecessors: [{code, name, valid_to, basis}] (the communes merged
** into it)}. Staff and communes read their own subtree; an admin reads all.
*/
int api_unit_get(struct req *r)
{
    struct unit u, parent;
    struct period p;
    const char *date = http_query(r, "date"), *period = http_query(r, "period");
    if (period) {
        if (period_find(r->arena, period, &p) < 0)
            return http_error(r, 404, "Không có kỳ báo cáo này.");
        date = p.end;
    } else if (date && !fmt_is_date(date)) {
        return http_error(r, 400, "Ngày phải viết dạng YYYY-MM-DD.");
    }
    if (unit_find(r->arena, r->args[0], date, &u) < 0)
        return http_error(r, 404, "Không có đơn vị hành chính mang mã này.");
    if (r->user.role != ROLE_ADMIN && !auth_can_read(&r->user, u.id))
        return http_error(r, 403, "Bạn không có quyền xem đơn vị này.");
    struct unit *kids;
    int n = unit_children(r->arena, u.id, date ? date : u.valid_to, &kids);
    json_t *children = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(children, json_pack("{s:s, s:s, s:s}", "code", kids[i].code, "name",
                                                  kids[i].name, "level", kids[i].level));
    bool has_parent = u.parent_id && unit_get(r->arena, u.parent_id, &parent) == 0;
    return http_json(r, 200,
                     json_pack("{s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o}", "code", u.code,
                               "name", u.name, "level", u.level, "kind", u.kind, "parent",
                               has_parent ? json_string(parent.code) : json_null(), "valid_from",
                               opt_string(u.valid_from), "valid_to", opt_string(u.valid_to),
                               "children", children, "predecessors", predecessors(u.id)));
}
