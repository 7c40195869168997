/*
** Shared page helpers; see page.h.
*/
#include "page.h"
#include "app.h"
#include "fmt.h"
#include "http.h"
#include "str.h"
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *page_status_label(const char *status)
{
    static const char *const map[][2] = {{"empty", "chưa nhập"},   {"draft", "nháp"},
                                         {"submitted", "đã gửi"},  {"returned", "bị trả lại"},
                                         {"approved", "đã duyệt"}};
    for (size_t i = 0; i < sizeof map / sizeof *map; i++)
        if (strcmp(status, map[i][0]) == 0)
            return map[i][1];
    return status;
}

const char *page_role_label(enum role role)
{
    switch (role) {
    case ROLE_COMMUNE:
        return "Cán bộ xã";
    case ROLE_DISTRICT:
        return "Cán bộ huyện";
    case ROLE_PROVINCE:
        return "Cán bộ tỉnh";
    case ROLE_ADMIN:
        return "Quản trị";
    case ROLE_NATIONAL:
        return "Cán bộ trung ương";
    }
    return "";
}

json_t *page_data(struct req *r, const char *title)
{
    json_t *d = json_pack("{s:s}", "title", title);
    if (__atomic_load_n(&app.demo, __ATOMIC_RELAXED)) /* the demo's accounts keep their published password */
        json_object_set_new(d, "demo", json_true());
    if (!r->logged_in)
        return d;
    struct unit u;
    const char *unit_name = "toàn quốc";
    if (r->user.unit_id > 0 && unit_get(r->arena, r->user.unit_id, &u) == 0)
        unit_name = u.name;
    json_object_set_new(
        d, "user",
        json_pack("{s:s, s:s, s:s, s:s, s:b, s:b, s:b}", "username", r->user.username,
                  "full_name", r->user.full_name, "role_line",
                  arena_printf(r->arena, "%s · %s", page_role_label(r->user.role), unit_name),
                  "unit_name", unit_name, "is_commune", r->user.role == ROLE_COMMUNE,
                  "is_staff", (r->user.role & ROLE_READER) != 0, "is_admin",
                  r->user.role == ROLE_ADMIN));
    json_object_set_new(d, "csrf", json_string(r->csrf));
    return d;
}

int page_unit_period(struct req *r, int unit_arg, int period_arg, struct unit *u,
                     struct period *p)
{
    if (period_find(r->arena, r->args[period_arg], p) < 0)
        return http_error(r, 404, "Không có kỳ báo cáo này.");
    if (unit_find(r->arena, r->args[unit_arg], p->end, u) < 0 ||
        (u->valid_from && strcmp(u->valid_from, p->end) > 0) ||
        (u->valid_to && strcmp(u->valid_to, p->start) < 0))
        return http_error(r, 404, "Không có đơn vị hành chính mang mã này trong kỳ báo cáo.");
    /* a commune that ended during the period: its successor reports for it */
    const char *merged = r->user.role == ROLE_COMMUNE && r->user.unit_id == u->id
                             ? unit_merged_note(r->arena, u, p->end)
                             : NULL;
    if (merged)
        return http_error(r, 403,
                          arena_printf(r->arena,
                                       "%s: báo cáo %s do đơn vị mới lập. Hãy đề nghị quản trị "
                                       "hệ thống chuyển tài khoản của bạn sang đơn vị mới.",
                                       merged, period_label(r->arena, p->code)));
    if (!auth_can_read(&r->user, u->id))
        return http_error(r, 403, "Bạn không có quyền xem số liệu của đơn vị này.");
    return 0;
}

const char *page_report_href(struct req *r, const char *unit, const char *period)
{
    return arena_printf(r->arena, "/reports/%s/%s", unit, period);
}

bool page_can_review(struct req *r, const struct unit *u, const struct period *p)
{
    (void)p; /* u is already the unit of its code valid in p: its parent is p's */
    return (r->user.role & (ROLE_DISTRICT | ROLE_PROVINCE)) && r->user.unit_id > 0 &&
           u->parent_id > 0 && u->parent_id == r->user.unit_id;
}

int page_confirm(struct req *r, const char *question, const char *back_href)
{
    const char *confirm = http_field(r, "confirm");
    if (confirm && strcmp(confirm, "1") == 0)
        return 0;
    json_t *d = page_data(r, "Xác nhận thao tác"), *fields = json_array();
    for (struct field *f = r->fields; f; f = f->next)
        if (strcmp(f->name, "csrf") != 0 && strcmp(f->name, "confirm") != 0)
            json_array_insert_new(fields, 0,
                                  json_pack("{s:s, s:s}", "name", f->name, "value",
                                            f->value.s ? f->value.s : ""));
    json_object_set_new(d, "question", json_string(question));
    json_object_set_new(d, "action", json_string(r->path));
    json_object_set_new(d, "back", json_string(back_href));
    json_object_set_new(d, "fields", fields);
    return http_html(r, 200, "confirm.tpl", d);
}

bool page_only_approved(struct req *r)
{
    const char *only = http_query(r, "only");
    return only && strcmp(only, "approved") == 0;
}

int64_t page_id(const char *s)
{
    if (!s || !*s || strlen(s) > 18 || strspn(s, "0123456789") != strlen(s))
        return 0;
    return strtoll(s, NULL, 10);
}

const char *page_date(struct req *r, const char *iso)
{
    char out[FMT_DATE_MAX];
    if (!iso || !*fmt_date_short(out, iso))
        return "—";
    return arena_strdup(r->arena, out);
}

void page_flash(json_t *d, const char *ok, const char *error)
{
    if (ok)
        json_object_set_new(d, "flash", json_pack("{s:s}", "text", ok));
    if (error)
        json_object_set_new(d, "flash_error", json_pack("{s:s}", "text", error));
}

int page_form_date(struct req *r, const char *name, const char **iso)
{
    const char *v = http_field(r, name);
    int d, m, y, n = 0;
    *iso = NULL;
    if (!v || !*v)
        return 0;
    if (fmt_is_date(v)) {
        *iso = v;
        return 1;
    }
    if (sscanf(v, "%2d/%2d/%4d%n", &d, &m, &y, &n) != 3 || v[n] || y < 1000)
        return -1;
    const char *out = arena_printf(r->arena, "%04d-%02d-%02d", y, m, d);
    if (!fmt_is_date(out))
        return -1;
    *iso = out;
    return 1;
}
