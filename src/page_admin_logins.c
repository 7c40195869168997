/*
** The admin's view of failed logins: who was tried, from where, when, and
** which attempts the throttle refused (auth.c writes login_event).
*/
#include "admin.h"
#include "db.h"
#include "fmt.h"
#include "http.h"
#include "page.h"
#include "pages.h"

#include <string.h>

static const char sql_failures[] =
    "SELECT e.at, e.username, e.addr, e.result FROM login_event e WHERE e.result <> 'ok' "
    "AND (:scope IS NULL OR e.username IN (SELECT us.username FROM user us WHERE us.unit_id IN "
    "(SELECT unit_id FROM unit_tree WHERE ancestor_id = :scope))) "
    "ORDER BY e.id DESC LIMIT 300";

/*
** GET /admin/logins
**
** The latest 300 failed or throttled logins, newest first: time, the
** username tried (bytes outside printable ASCII shown as \xHH), the client
** address, and "sai mật khẩu" or "bị tạm chặn". An installation-wide admin
** sees every attempt; an admin of a province those naming its accounts.
** Role: admin.
*/
int page_admin_logins(struct req *r)
{
    json_t *d = page_data(r, "Đăng nhập không thành công"), *rows = json_array();
    sqlite3_stmt *st = db_stmt(sql_failures);
    if (!st) {
        json_decref(d);
        json_decref(rows);
        return 500;
    }
    if (admin_is_global(&r->user))
        db_bind_null(st, ":scope");
    else
        db_bind_int(st, ":scope", r->user.unit_id);
    while (db_step(st) == SQLITE_ROW) {
        char at[FMT_DATE_MAX];
        bool held = strcmp(db_text(st, 3), "throttled") == 0;
        json_array_append_new(
            rows, json_pack("{s:s, s:s, s:s, s:s, s:b}", "at", fmt_time_vn(at, db_text(st, 0)),
                            "username", db_text(st, 1), "addr", db_text(st, 2), "result",
                            held ? "bị tạm chặn (quá nhiều lần sai)" : "sai tên hoặc mật khẩu",
                            "held", held));
    }
    json_object_set_new(d, "no_attempts", json_boolean(json_array_size(rows) == 0));
    json_object_set_new(d, "attempts", rows);
    return http_html(r, 200, "admin_logins.tpl", d);
}
