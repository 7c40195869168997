/*
** The admin log and the admin's scope; see admin.h.
*/
#include "admin.h"
#include "auth.h"
#include "db.h"
#include "fmt.h"
#include "unit.h"

static const char sql_log[] = "INSERT INTO admin_log (user_id, at, action, detail) "
                              "VALUES (:user, :at, :action, :detail)";

int admin_log(int64_t user_id, const char *action, const char *detail)
{
    char now[32];
    sqlite3_stmt *st = db_stmt(sql_log);
    if (!st) return -1;
    if (user_id > 0)
        db_bind_int(st, ":user", user_id);
    else
        db_bind_null(st, ":user");
    db_bind_text(st, ":at", fmt_now_utc(now));
    db_bind_text(st, ":action", action);
    db_bind_text(st, ":detail", detail ? detail : "");
    return db_step(st) == SQLITE_DONE ? 0 : -1;
}

int admin_commit(int64_t user_id, const char *action, const char *detail)
{
    if (admin_log(user_id, action, detail) < 0) {
        db_write_rollback();
        return -1;
    }
    return db_write_commit();
}

int admin_log_alone(int64_t user_id, const char *action, const char *detail)
{
    if (db_write_begin() < 0) return -1;
    if (admin_log(user_id, action, detail) < 0) {
        db_write_rollback();
        return -1;
    }
    return db_write_commit();
}

bool admin_is_global(const struct user *u)
{
    return u->role == ROLE_ADMIN && u->unit_id <= 0;
}

bool admin_manages(const struct user *u, int64_t unit_id)
{
    if (u->role != ROLE_ADMIN) return false;
    if (admin_is_global(u)) return true;
    return unit_id > 0 && (unit_id == u->unit_id || unit_within(unit_id, u->unit_id));
}
