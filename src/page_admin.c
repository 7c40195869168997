/*
** Administration: the admin home, the unit list (import, merges, a unit's
** versions, predecessors and print settings), and the admin log.
**
** Every page here is for the admin role (routes.c). An admin scoped to a
** province sees and changes only what lies in that province; importing the
** national list and the merges is for an installation-wide admin.
*/
#include "admin.h"
#include "db.h"
#include "fmt.h"
#include "http.h"
#include "import.h"
#include "page.h"
#include "pages.h"
#include "unit.h"

#include <string.h>

static const char sql_count_today[] =
    "SELECT level, COUNT(*) FROM unit WHERE (valid_from IS NULL OR valid_from <= :date) "
    "AND (valid_to IS NULL OR valid_to >= :date) GROUP BY level";

static const char sql_provinces_today[] =
    "SELECT id, code, name FROM unit WHERE level = 'province' "
    "AND (((valid_from IS NULL OR valid_from <= :date) AND (valid_to IS NULL OR valid_to >= :date)) "
    "     OR id = :own) "
    "ORDER BY code";

static const char sql_versions[] =
    "SELECT u.id, u.code, u.name, u.kind, u.level, u.valid_from, u.valid_to, p.code, p.name "
    "FROM unit u LEFT JOIN unit p ON p.id = u.parent_id WHERE u.code = :code "
    "ORDER BY COALESCE(u.valid_from, ''), u.id";

static const char sql_predecessors[] =
    "SELECT o.id, o.code, o.name, o.valid_to, s.basis FROM unit_succession s "
    "JOIN unit o ON o.id = s.old_unit_id WHERE s.new_unit_id = :id ORDER BY o.code";

static const char sql_successors[] =
    "SELECT n.id, n.code, n.name, n.valid_from, s.basis FROM unit_succession s "
    "JOIN unit n ON n.id = s.new_unit_id WHERE s.old_unit_id = :id ORDER BY n.code";

static const char sql_setting_get[] =
    "SELECT office, authority, signer_title, signer_name, recipients FROM unit_setting "
    "WHERE unit_id = :id";

static const char sql_setting_put[] =
    "INSERT INTO unit_setting (unit_id, office, authority, signer_title, signer_name, recipients) "
    "VALUES (:id, :office, :authority, :signer_title, :signer_name, :recipients) "
    "ON CONFLICT (unit_id) DO UPDATE SET office = excluded.office, authority = excluded.authority, "
    "signer_title = excluded.signer_title, signer_name = excluded.signer_name, "
    "recipients = excluded.recipients";

static const char sql_log[] =
    "SELECT l.at, u.username, l.action, l.detail FROM admin_log l "
    "LEFT JOIN user u ON u.id = l.user_id WHERE :user IS NULL OR l.user_id = :user "
    "ORDER BY l.id DESC LIMIT 300";

static const char *const setting_fields[] = {"office", "authority", "signer_title", "signer_name",
                                             "recipients"};
static const char *const setting_params[] = {":office", ":authority", ":signer_title",
                                             ":signer_name", ":recipients"};

/* "Tỉnh, thành phố" etc. for a level. */
static const char *level_label(const char *level)
{
    if (strcmp(level, "province") == 0) return "Tỉnh, thành phố";
    if (strcmp(level, "district") == 0) return "Quận, huyện";
    return "Xã, phường, thị trấn";
}

/* The page data of every admin page: the chrome plus the admin's scope. */
static json_t *admin_data(struct req *r, const char *title)
{
    json_t *d = page_data(r, title);
    struct unit u;
    bool global = admin_is_global(&r->user);
    json_object_set_new(d, "is_global", json_boolean(global));
    json_object_set_new(d, "scope_label",
                        json_string(global                                         ? "toàn quốc"
                                    : unit_get(r->arena, r->user.unit_id, &u) == 0 ? u.name
                                                                                   : "?"));
    return d;
}

/* Adds {provinces, districts, communes} valid today to d. */
static void unit_counts(json_t *d)
{
    char today[16];
    sqlite3_stmt *st = db_stmt(sql_count_today);
    json_int_t n[3] = {0};
    if (!st) return;
    db_bind_text(st, ":date", fmt_today_vn(today));
    while (db_step(st) == SQLITE_ROW) {
        const char *level = db_text(st, 0);
        n[strcmp(level, "province") == 0   ? 0
          : strcmp(level, "district") == 0 ? 1
                                           : 2] = db_int(st, 1);
    }
    json_object_set_new(
        d, "counts",
        json_pack("{s:I, s:I, s:I}", "provinces", n[0], "districts", n[1], "communes", n[2]));
}

/*
** GET / (for the admin role)
**
** The admin home: the admin's scope, how many units are in force today, and
** links to units, users, periods, plans and the log. Role: admin.
*/
int page_admin_home(struct req *r)
{
    json_t *d = admin_data(r, "Quản trị");
    unit_counts(d);
    return http_html(r, 200, "home_admin.tpl", d);
}

/* Appends {c_href, c_name} of unit (id, code, name) to rows. */
static void unit_link(struct req *r, json_t *rows, int64_t id, const char *code, const char *name)
{
    json_array_append_new(rows,
                          json_pack("{s:s, s:s}", "c_href",
                                    arena_printf(r->arena, "/admin/units/%lld", (long long)id),
                                    "c_name", arena_printf(r->arena, "%s (%s)", name, code)));
}

/* The units under parent_id valid on date (NULL: today) as template rows
** {c_href, c_name}. */
static json_t *child_rows(struct req *r, int64_t parent_id, const char *date)
{
    json_t *rows = json_array();
    struct unit *kids;
    int n = unit_children(r->arena, parent_id, date, &kids);
    for (int i = 0; i < n; i++)
        unit_link(r, rows, kids[i].id, kids[i].code, kids[i].name);
    return rows;
}

/* The provinces in force today that the admin manages (and a province
** admin's own province, even after it ended), as child_rows does. */
static json_t *province_rows(struct req *r)
{
    json_t *rows = json_array();
    char today[16];
    sqlite3_stmt *st = db_stmt(sql_provinces_today);
    if (!st) return rows;
    db_bind_text(st, ":date", fmt_today_vn(today));
    db_bind_int(st, ":own", r->user.unit_id);
    while (db_step(st) == SQLITE_ROW)
        if (admin_manages(&r->user, db_int(st, 0)))
            unit_link(r, rows, db_int(st, 0), db_text(st, 1), db_text(st, 2));
    return rows;
}

/* The versions of code that the admin manages, as rows for the template. */
static json_t *version_rows(struct req *r, const char *code)
{
    json_t *rows = json_array();
    sqlite3_stmt *st = db_stmt(sql_versions);
    if (!st) return rows;
    db_bind_text(st, ":code", code);
    while (db_step(st) == SQLITE_ROW) {
        int64_t id = db_int(st, 0);
        if (!admin_manages(&r->user, id)) continue;
        json_array_append_new(
            rows, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "v_href",
                            arena_printf(r->arena, "/admin/units/%lld", (long long)id), "v_code",
                            db_text(st, 1), "v_name", db_text(st, 2), "v_level",
                            level_label(db_text(st, 4)), "v_from", page_date(r, db_text(st, 5)),
                            "v_to", page_date(r, db_text(st, 6)), "v_parent",
                            db_is_null(st, 7)
                                ? "—"
                                : arena_printf(r->arena, "%s (%s)", db_text(st, 8), db_text(st, 7)),
                            "v_kind", db_text(st, 3)));
    }
    return rows;
}

/* Renders the units page with the search of ?code= and, after an upload, its
** result (summary, or errors with their lines). */
static int units_page(struct req *r, int status, const char *summary,
                      const struct import_result *res, const char *what)
{
    json_t *d = admin_data(r, "Đơn vị hành chính");
    const char *code = http_query(r, "code");
    unit_counts(d);
    if (code && *code) {
        json_t *rows = version_rows(r, code);
        json_object_set_new(d, "code", json_string(code));
        json_object_set_new(d, "searched", json_true());
        json_object_set_new(d, "no_versions", json_boolean(json_array_size(rows) == 0));
        json_object_set_new(d, "versions", rows);
    }
    json_object_set_new(d, "provinces", province_rows(r));
    page_flash(d, summary, NULL);
    if (res && res->n_errors) {
        json_t *errors = json_array();
        for (int i = 0; i < res->n_errors; i++)
            json_array_append_new(
                errors, json_pack("{s:s, s:s}", "where",
                                  res->errors[i].line > 0
                                      ? arena_printf(r->arena, "Dòng %d", res->errors[i].line)
                                      : "Tệp",
                                  "why", res->errors[i].message));
        json_object_set_new(d, "rejected",
                            json_pack("{s:s, s:o, s:s}", "what", what, "errors", errors, "more",
                                      res->more_errors ? arena_printf(r->arena, "… và %d lỗi khác.",
                                                                      res->more_errors)
                                                       : ""));
    }
    return http_html(r, status, "admin_units.tpl", d);
}

/*
** GET /admin/units
**
** How many units are in force today and the provinces to browse from (a
** scoped admin: its own); the versions of one code (query: code=30037)
** with their dates and parents; for an installation-wide admin,
** the forms to upload the national list and the merges. Role: admin.
*/
int page_admin_units(struct req *r)
{
    return units_page(r, 200, NULL, NULL, NULL);
}

/* The uploaded file of field name: its bytes and length; NULL if absent. */
static const char *upload(struct req *r, const char *name, size_t *len)
{
    for (struct field *f = r->fields; f; f = f->next) {
        if (strcmp(f->name, name) == 0) {
            *len = f->value.len;
            return f->value.s ? f->value.s : "";
        }
    }
    return NULL;
}

/* Runs an upload of field "file" through import_units or import_merges. */
static int units_upload(struct req *r, bool merges)
{
    if (!admin_is_global(&r->user))
        return http_error(r, 403, "Chỉ quản trị toàn hệ thống được nhập danh mục đơn vị.");
    size_t len = 0;
    const char *data = upload(r, "file", &len), *from, *typed = http_field(r, "from");
    struct import_result *res = arena_alloc(r->arena, sizeof *res);
    const char *what = merges ? "Danh sách sáp nhập" : "Danh mục đơn vị";
    if (!res) return 500;
    if ((typed && !http_utf8_valid(typed, strlen(typed))) || page_form_date(r, "from", &from) < 0) {
        import_error(r->arena, res, 0, "ngày hiệu lực không hợp lệ (viết dạng dd/mm/yyyy).");
        return units_page(r, 422, NULL, res, what);
    }
    if (!data || len == 0) {
        import_error(r->arena, res, 0, "chưa chọn tệp CSV.");
        return units_page(r, 422, NULL, res, what);
    }
    int rc = merges ? import_merges(r->arena, data, len, from ? from : "2025-07-01", r->user.id,
                                    "tệp tải lên", res)
                    : import_units(r->arena, data, len, from, r->user.id, "tệp tải lên", res);
    if (rc < 0) return units_page(r, 422, NULL, res, what);
    return units_page(r, 200,
                      merges ? arena_printf(r->arena,
                                            "Đã nhập danh sách sáp nhập: %d dòng, %d cặp mới.",
                                            res->n_pairs, res->added)
                             : import_summary(r->arena, res),
                      NULL, NULL);
}

/*
** POST /admin/units/import   (multipart: file, from=dd/mm/yyyy or empty)
**
** Imports the official unit list as `ecdreport units import` does; a file
** with bad rows is rejected whole and the page lists every bad line (422).
** Role: an installation-wide admin (403 for a scoped one).
*/
int page_admin_units_import(struct req *r)
{
    return units_upload(r, false);
}

/*
** POST /admin/units/merges   (multipart: file, from=dd/mm/yyyy, default 01/07/2025)
**
** Imports old commune -> new commune pairs as `ecdreport units merges` does.
** Role: an installation-wide admin.
*/
int page_admin_units_merges(struct req *r)
{
    return units_upload(r, true);
}

/* Rows of a succession query (id, code, name, date, basis). */
static json_t *succession_rows(struct req *r, const char *sql, int64_t id)
{
    json_t *rows = json_array();
    sqlite3_stmt *st = db_stmt(sql);
    if (!st) return rows;
    db_bind_int(st, ":id", id);
    while (db_step(st) == SQLITE_ROW)
        json_array_append_new(
            rows,
            json_pack("{s:s, s:s, s:s, s:s}", "s_href",
                      arena_printf(r->arena, "/admin/units/%lld", (long long)db_int(st, 0)),
                      "s_name", arena_printf(r->arena, "%s (%s)", db_text(st, 2), db_text(st, 1)),
                      "s_date", page_date(r, db_text(st, 3)), "s_basis", db_text(st, 4)));
    return rows;
}

/* Renders one unit's page; flash text ok or error. */
static int unit_page(struct req *r, int status, const struct unit *u, const char *ok,
                     const char *error)
{
    json_t *d = admin_data(r, u->name);
    struct unit parent;
    json_t *setting = json_object();
    sqlite3_stmt *st = db_stmt(sql_setting_get);
    if (!st) return 500;
    db_bind_int(st, ":id", u->id);
    bool found = db_step(st) == SQLITE_ROW;
    for (int k = 0; k < 5; k++) {
        const char *typed = status != 200 ? http_field(r, setting_fields[k]) : NULL;
        json_object_set_new(setting, setting_fields[k],
                            json_string(typed   ? typed
                                        : found ? db_text(st, k)
                                                : ""));
    }
    db_done(st);
    json_t *preds = succession_rows(r, sql_predecessors, u->id);
    json_t *succs = succession_rows(r, sql_successors, u->id);
    json_object_set_new(d, "has_predecessors", json_boolean(json_array_size(preds) > 0));
    json_object_set_new(d, "has_successors", json_boolean(json_array_size(succs) > 0));
    json_object_set_new(d, "predecessors", preds);
    json_object_set_new(d, "successors", succs);
    json_object_set_new(d, "setting", setting);
    json_object_set_new(d, "unit_id", json_integer(u->id));
    json_object_set_new(
        d, "unit",
        json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)u->id, "code",
                  u->code, "name", u->name, "kind", u->kind, "level", level_label(u->level), "from",
                  page_date(r, u->valid_from), "to", page_date(r, u->valid_to), "parent",
                  u->parent_id && unit_get(r->arena, u->parent_id, &parent) == 0
                      ? arena_printf(r->arena, "%s (%s)", parent.name, parent.code)
                      : "—"));
    json_object_set_new(d, "versions", version_rows(r, u->code));
    json_object_set_new(d, "children", child_rows(r, u->id, u->valid_to));
    page_flash(d, ok, error);
    return http_html(r, status, "admin_unit.tpl", d);
}

/* Resolves r->args[0] (a unit id) to a unit the admin manages: 0, or the status. */
static int managed_unit(struct req *r, struct unit *u)
{
    int64_t id = page_id(r->args[0]);
    if (!id || unit_get(r->arena, id, u) < 0) return http_error(r, 404, "Không có đơn vị này.");
    if (!admin_manages(&r->user, u->id))
        return http_error(r, 403, "Đơn vị này nằm ngoài phạm vi quản lý của bạn.");
    return 0;
}

/*
** GET /admin/units/{id}
**
** One version of a unit (id is the row id shown by /admin/units): its dates,
** parent, its children (valid on its last day, or today), the other
** versions of its code, the communes it merged from or
** into, and the form of its print settings (office that reviews, authority,
** signer's title and name, recipients). Role: admin managing that unit.
*/
int page_admin_unit(struct req *r)
{
    struct unit u;
    int rc = managed_unit(r, &u);
    if (rc) return rc;
    return unit_page(r, 200, &u, http_query(r, "ok") ? "Đã lưu thông tin in ấn." : NULL, NULL);
}

/*
** POST /admin/units/{id}/settings   (office, authority, signer_title,
**                                    signer_name, recipients: one per line)
**
** Saves what the unit prints at the foot of its reports; each field at most
** 2000 characters. Redirects to the unit's page. Role: admin managing it.
*/
int page_admin_unit_settings(struct req *r)
{
    struct unit u;
    int rc = managed_unit(r, &u);
    if (rc) return rc;
    sqlite3_stmt *st;
    for (int k = 0; k < 5; k++) {
        const char *v = http_field(r, setting_fields[k]);
        if (v && strlen(v) > 2000) return unit_page(r, 422, &u, NULL, "Mỗi mục tối đa 2000 ký tự.");
    }
    if (db_write_begin() < 0) return 500;
    st = db_stmt(sql_setting_put);
    if (st) {
        db_bind_int(st, ":id", u.id);
        for (int k = 0; k < 5; k++) {
            const char *v = http_field(r, setting_fields[k]);
            db_bind_text(st, setting_params[k], v ? v : "");
        }
    }
    if (!st || db_step(st) != SQLITE_DONE ||
        admin_log(r->user.id, "unit.settings",
                  arena_printf(r->arena, "Thông tin in ấn của %s (%s)", u.name, u.code)) < 0) {
        db_write_rollback();
        return 500;
    }
    if (db_write_commit() < 0) return 500;
    return http_redirect(r, arena_printf(r->arena, "/admin/units/%lld?ok=1", (long long)u.id));
}

/*
** GET /admin/log
**
** The latest 300 admin actions (time, who, what): all of them for an
** installation-wide admin, one's own for a scoped admin. Role: admin.
*/
int page_admin_log(struct req *r)
{
    json_t *d = admin_data(r, "Nhật ký quản trị"), *rows = json_array();
    sqlite3_stmt *st = db_stmt(sql_log);
    if (!st) return 500;
    if (admin_is_global(&r->user))
        db_bind_null(st, ":user");
    else
        db_bind_int(st, ":user", r->user.id);
    while (db_step(st) == SQLITE_ROW) {
        char at[FMT_DATE_MAX];
        json_array_append_new(rows, json_pack("{s:s, s:s, s:s, s:s}", "at",
                                              fmt_time_vn(at, db_text(st, 0)), "who",
                                              db_is_null(st, 1) ? "(dòng lệnh)" : db_text(st, 1),
                                              "action", db_text(st, 2), "detail", db_text(st, 3)));
    }
    json_object_set_new(d, "entries", rows);
    return http_html(r, 200, "admin_log.tpl", d);
}
