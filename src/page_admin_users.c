/*
** Accounts: the admin's user list (create, reset a password, disable or
** enable), and every user's own password change.
**
** A scoped admin sees and manages only the accounts of units inside its
** province; accounts without a unit (installation-wide admins) are managed
** by installation-wide admins only.
*/
#include "admin.h"
#include "db.h"
#include "fmt.h"
#include "http.h"
#include "page.h"
#include "pages.h"
#include "throttle.h"
#include "unit.h"

#include <string.h>

static const char sql_users[] =
    "SELECT us.id, us.username, us.full_name, us.role, us.disabled, us.created_at, u.code, u.name "
    "FROM user us LEFT JOIN unit u ON u.id = us.unit_id "
    "WHERE :scope IS NULL OR us.unit_id IN (SELECT unit_id FROM unit_tree WHERE ancestor_id = "
    ":scope) "
    "ORDER BY us.username";

static const char sql_user_get[] = "SELECT username, unit_id FROM user WHERE id = :id";

static const char *const ok_messages[][2] = {
    {"created", "Đã tạo tài khoản."},
    {"reset", "Đã đặt lại mật khẩu; các phiên đăng nhập cũ của tài khoản đã kết thúc."},
    {"disabled", "Đã khóa tài khoản."},
    {"enabled", "Đã mở khóa tài khoản."},
};

static const char *const roles[] = {"commune", "district", "province", "national", "admin"};

/* The message of ?ok=CODE, or NULL. */
static const char *ok_message(struct req *r)
{
    const char *code = http_query(r, "ok");
    for (size_t i = 0; code && i < sizeof ok_messages / sizeof *ok_messages; i++)
        if (strcmp(code, ok_messages[i][0]) == 0) return ok_messages[i][1];
    return NULL;
}

/* The accounts the admin manages, as template rows. */
static json_t *user_rows(struct req *r)
{
    json_t *rows = json_array();
    sqlite3_stmt *st = db_stmt(sql_users);
    if (!st) return rows;
    if (admin_is_global(&r->user))
        db_bind_null(st, ":scope");
    else
        db_bind_int(st, ":scope", r->user.unit_id);
    while (db_step(st) == SQLITE_ROW) {
        int64_t id = db_int(st, 0);
        bool disabled = db_int(st, 4) != 0, self = id == r->user.id;
        char created[FMT_DATE_MAX];
        json_array_append_new(
            rows, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:b, s:b, s:b}", "p_base",
                            arena_printf(r->arena, "/admin/users/%lld", (long long)id),
                            "p_username", db_text(st, 1), "p_name", db_text(st, 2), "p_role",
                            page_role_label(auth_role(db_text(st, 3))), "p_unit",
                            db_is_null(st, 6)
                                ? "toàn hệ thống"
                                : arena_printf(r->arena, "%s (%s)", db_text(st, 7), db_text(st, 6)),
                            "p_state", disabled ? "đã khóa" : "đang hoạt động", "p_created",
                            fmt_time_vn(created, db_text(st, 5)), "p_disabled", disabled && !self,
                            "p_enabled", !disabled && !self, "p_self", self));
    }
    return rows;
}

/* Renders the users page; error (with the typed fields kept) or the ?ok= message. */
static int users_page(struct req *r, int status, const char *error)
{
    json_t *d = page_data(r, "Người dùng"), *options = json_array();
    const char *typed_role = error ? http_field(r, "role") : NULL;
    for (size_t i = 0; i < 4; i++)
        json_array_append_new(options, json_pack("{s:s, s:s, s:b}", "r_value", roles[i], "r_label",
                                                 page_role_label(auth_role(roles[i])), "r_selected",
                                                 typed_role && strcmp(typed_role, roles[i]) == 0));
    json_object_set_new(d, "roles", options);
    json_object_set_new(d, "users", user_rows(r));
    if (error) {
        const char *keep[] = {"username", "full_name", "unit", "unit_date"};
        for (size_t k = 0; k < 4; k++) {
            const char *v = http_field(r, keep[k]);
            json_object_set_new(d, arena_printf(r->arena, "f_%s", keep[k]),
                                json_string(v ? v : ""));
        }
    }
    page_flash(d, error ? NULL : ok_message(r), error);
    return http_html(r, status, "admin_users.tpl", d);
}

/*
** GET /admin/users
**
** The accounts the admin manages (username, name, role, unit, state) with a
** password reset and a disable/enable button each, and the form to create an
** account. Query: ok=created|reset|disabled|enabled shows what was done.
** Role: admin.
*/
int page_admin_users(struct req *r)
{
    return users_page(r, 200, NULL);
}

/* Checks that a unit of that level may hold an account of that role. */
static bool role_fits(enum role role, const struct unit *u)
{
    if (!u) return role == ROLE_ADMIN;
    if (role == ROLE_COMMUNE) return strcmp(u->level, "commune") == 0;
    if (role == ROLE_ADMIN) return strcmp(u->level, "province") == 0;
    if (role == ROLE_NATIONAL) return strcmp(u->level, "country") == 0;
    return strcmp(u->level, "commune") != 0 && strcmp(u->level, "country") != 0;
}

/*
** POST /admin/users   (username, full_name, role=commune|district|province|admin,
**                      unit=official code, unit_date=dd/mm/yyyy or empty,
**                      password: at least 10 characters)
**
** Creates an account. The unit is the one of that code valid on unit_date
** (today when empty, or its latest version); a commune account needs a
** commune, district and province accounts a unit above the communes, an
** admin account a province or no unit (installation-wide; only an
** installation-wide admin creates one). Redirects to the list with ok=created;
** a refused form is shown again with its reason (422, 403 outside the scope).
** Role: admin.
*/
int page_admin_user_add(struct req *r)
{
    const char *username = http_field(r, "username"), *password = http_field(r, "password");
    const char *code = http_field(r, "unit"), *date;
    const char *name = http_field(r, "full_name"), *why = NULL;
    enum role role = auth_role(http_field(r, "role"));
    struct unit u;
    bool has_unit = code && *code;
    if (page_form_date(r, "unit_date", &date) < 0)
        return users_page(r, 422, "Ngày hiệu lực của đơn vị không hợp lệ (dd/mm/yyyy).");
    if (!role) return users_page(r, 422, "Hãy chọn vai trò.");
    if (has_unit && unit_find(r->arena, code, date, &u) < 0)
        return users_page(r, 422, "Không có đơn vị hành chính mang mã này.");
    if (!role_fits(role, has_unit ? &u : NULL))
        return users_page(r, 422,
                          "Vai trò không hợp với cấp của đơn vị: tài khoản xã cần mã xã, tài khoản "
                          "huyện hoặc tỉnh cần mã huyện hoặc tỉnh, tài khoản quản trị cần mã tỉnh "
                          "hoặc để trống.");
    if (!admin_manages(&r->user, has_unit ? u.id : 0))
        return users_page(r, 403, "Đơn vị này nằm ngoài phạm vi quản lý của bạn.");
    int64_t id = auth_user_add(username, password, role, has_unit ? u.id : 0, name, &why);
    if (id < 0) return users_page(r, 422, why);
    admin_log_alone(r->user.id, "user.add",
                    arena_printf(r->arena, "Tạo tài khoản %s (%s, %s)", username,
                                 page_role_label(role), has_unit ? u.name : "toàn hệ thống"));
    return http_redirect(r, "/admin/users?ok=created");
}

/* Resolves r->args[0] to an account the admin manages: 0 (username in *name),
** or the status. */
static int managed_user(struct req *r, int64_t *id, const char **name)
{
    sqlite3_stmt *st = db_stmt(sql_user_get);
    *id = page_id(r->args[0]);
    if (!st || !*id) return http_error(r, 404, "Không có tài khoản này.");
    db_bind_int(st, ":id", *id);
    if (db_step(st) != SQLITE_ROW) return http_error(r, 404, "Không có tài khoản này.");
    *name = db_dup(r->arena, st, 0);
    int64_t unit = db_int(st, 1);
    db_done(st);
    if (!admin_manages(&r->user, unit))
        return http_error(r, 403, "Tài khoản này nằm ngoài phạm vi quản lý của bạn.");
    return 0;
}

/*
** POST /admin/users/{id}/password   (password: at least 10 characters)
**
** Sets a new password for the account and ends its sessions. Redirects to
** the list with ok=reset; a short password is refused (422). Role: admin
** managing the account.
*/
int page_admin_user_password(struct req *r)
{
    int64_t id;
    const char *name, *why = NULL;
    int rc = managed_user(r, &id, &name);
    if (rc) return rc;
    if (auth_set_password(id, http_field(r, "password"), NULL, r->user.id, "user.password",
                          arena_printf(r->arena, "Đặt lại mật khẩu của %s", name), &why) < 0)
        return users_page(r, 422, why);
    return http_redirect(r, "/admin/users?ok=reset");
}

/*
** POST /admin/users/{id}/disable   (disabled=1 to disable, 0 to enable)
**
** Disables an account (its sessions end at once and it cannot log in), in
** two steps (page_confirm: without confirm=1 it only asks), or enables it
** again at once. An admin cannot disable their own account (422).
** Role: admin managing the account.
*/
int page_admin_user_disable(struct req *r)
{
    int64_t id;
    const char *name, *flag = http_field(r, "disabled");
    int rc = managed_user(r, &id, &name);
    if (rc) return rc;
    bool disable = !flag || strcmp(flag, "0") != 0;
    if (disable && id == r->user.id)
        return users_page(r, 422, "Bạn không thể tự khóa tài khoản của mình.");
    if (disable && (rc = page_confirm(r,
                                      arena_printf(r->arena,
                                                   "Khóa tài khoản %s? Mọi phiên đăng nhập của "
                                                   "tài khoản kết thúc ngay và không đăng nhập "
                                                   "được nữa cho đến khi mở khóa.",
                                                   name),
                                      "/admin/users")))
        return rc;
    if (auth_set_disabled(
            id, disable, r->user.id,
            arena_printf(r->arena, "%s tài khoản %s", disable ? "Khóa" : "Mở khóa", name)) < 0)
        return 500;
    return http_redirect(r, disable ? "/admin/users?ok=disabled" : "/admin/users?ok=enabled");
}

/* Renders the own-password page with a flash message. */
static int password_page(struct req *r, int status, const char *ok, const char *error)
{
    json_t *d = page_data(r, "Đổi mật khẩu");
    page_flash(d, ok, error);
    return http_html(r, status, "account_password.tpl", d);
}

/*
** GET /account/password
**
** The form to change one's own password. Query: ok=1 after a change. Any role.
*/
int page_account_password_form(struct req *r)
{
    return password_page(r, 200, http_query(r, "ok") ? "Đã đổi mật khẩu." : NULL, NULL);
}

/*
** POST /account/password   (current, password, confirm)
**
** Changes one's own password: the current one must be right (403; its
** guesses count with the login's, throttle.h: 429 with Retry-After), the new
** one at least 10 characters and typed twice the same (422). Other sessions
** of the user end; this one goes on. Redirects with ok=1. Any role.
*/
int page_account_password(struct req *r)
{
    const char *now = http_field(r, "password"), *again = http_field(r, "confirm"), *why = NULL;
    const char *addr = http_client_addr(r);
    int wait;
    bool first;
    if (!throttle_begin(r->user.username, addr, &wait, &first)) { /* guessing it, too */
        r->retry_after = arena_printf(r->arena, "%d", wait);
        return password_page(r, 429, NULL,
                             arena_printf(r->arena,
                                          "Nhập sai mật khẩu quá nhiều lần. Xin thử lại sau %d "
                                          "giây.",
                                          wait));
    }
    bool right = auth_check_password(r->arena, r->user.id, http_field(r, "current"));
    throttle_end(r->user.username, addr, right);
    if (!right)
        return password_page(r, 403, NULL, "Mật khẩu hiện tại không đúng.");
    if (!now || !again || strcmp(now, again) != 0)
        return password_page(r, 422, NULL, "Hai lần nhập mật khẩu mới không giống nhau.");
    if (auth_set_password(r->user.id, now, r->token, r->user.id, "user.own_password",
                          arena_printf(r->arena, "%s đổi mật khẩu của mình", r->user.username),
                          &why) < 0)
        return password_page(r, 422, NULL, why);
    return http_redirect(r, "/account/password?ok=1");
}
