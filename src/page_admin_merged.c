/*
** Accounts of merged communes: commune officers whose commune ended (the
** 2025 merges) keep reading their old reports but may not report for a
** period after it; the admin sees them with the commune(s) their commune
** merged into and moves them, all at once or one by one (a split commune's
** officer needs the admin's choice). Every move goes to the admin log.
*/
#include "admin.h"
#include "db.h"
#include "fmt.h"
#include "http.h"
#include "page.h"
#include "pages.h"
#include "unit.h"

#include <string.h>

/* Commune accounts whose unit ended before today, with each successor (one
** row per successor; NULL columns when there is none). */
static const char sql_merged_accounts[] =
    "SELECT us.id, us.username, us.full_name, o.id, o.code, o.name, n.id, n.code, n.name "
    "FROM user us JOIN unit o ON o.id = us.unit_id "
    "LEFT JOIN unit_succession s ON s.old_unit_id = o.id "
    "LEFT JOIN unit n ON n.id = s.new_unit_id "
    "WHERE us.role = 'commune' AND o.valid_to IS NOT NULL AND o.valid_to < :today "
    "ORDER BY us.username, n.code";

static const char sql_move[] = "UPDATE user SET unit_id = :new WHERE id = :id AND unit_id = :old";

/* One account of a merged commune and the communes it may move to. */
struct merged {
    int64_t user_id, old_id;
    const char *username, *full_name, *old_label;
    int n_next;
    int64_t next_id[8];
    const char *next_code[8], *next_label[8];
};

/* The accounts of merged communes the admin manages (the old commune or one
** of its successors in the admin's scope), in a. Count, or -1. */
static int merged_accounts(struct req *r, struct merged **out)
{
    char today[16];
    sqlite3_stmt *st = db_stmt(sql_merged_accounts);
    int n = 0, cap = 64;
    struct merged *m = arena_alloc(r->arena, sizeof *m * (size_t)cap);
    if (!st || !m)
        return -1;
    db_bind_text(st, ":today", fmt_today_vn(today));
    while (db_step(st) == SQLITE_ROW) {
        int64_t user_id = db_int(st, 0);
        if (n == 0 || m[n - 1].user_id != user_id) {
            if (n == cap) {
                struct merged *more = arena_alloc(r->arena, sizeof *m * (size_t)cap * 2);
                if (!more) {
                    db_done(st);
                    return -1;
                }
                memcpy(more, m, sizeof *m * (size_t)n);
                m = more, cap *= 2;
            }
            m[n++] = (struct merged){
                .user_id = user_id, .old_id = db_int(st, 3),
                .username = db_dup(r->arena, st, 1), .full_name = db_dup(r->arena, st, 2),
                .old_label = arena_printf(r->arena, "%s (%s)", db_text(st, 5), db_text(st, 4))};
        }
        struct merged *a = &m[n - 1];
        if (!db_is_null(st, 6) && a->n_next < 8) {
            a->next_id[a->n_next] = db_int(st, 6);
            a->next_code[a->n_next] = db_dup(r->arena, st, 7);
            a->next_label[a->n_next++] =
                arena_printf(r->arena, "%s (%s)", db_text(st, 8), db_text(st, 7));
        }
    }
    int kept = 0;
    for (int i = 0; i < n; i++) {
        bool mine = admin_manages(&r->user, m[i].old_id);
        for (int k = 0; !mine && k < m[i].n_next; k++)
            mine = admin_manages(&r->user, m[i].next_id[k]);
        if (mine)
            m[kept++] = m[i];
    }
    *out = m;
    return kept;
}

/* Renders the list; error (422) or the ?ok= count of moved accounts. */
static int merged_page(struct req *r, int status, const char *error)
{
    struct merged *m;
    int n = merged_accounts(r, &m);
    if (n < 0)
        return 500;
    json_t *d = page_data(r, "Tài khoản của xã đã sáp nhập"), *rows = json_array();
    int movable = 0;
    for (int i = 0; i < n; i++) {
        json_t *next = json_array();
        for (int k = 0; k < m[i].n_next; k++)
            json_array_append_new(next, json_pack("{s:s, s:s}", "n_code", m[i].next_code[k],
                                                  "n_label", m[i].next_label[k]));
        movable += m[i].n_next == 1;
        json_array_append_new(
            rows, json_pack("{s:s, s:s, s:s, s:I, s:o, s:b, s:b, s:b}", "m_username",
                            m[i].username, "m_name", m[i].full_name, "m_old", m[i].old_label,
                            "m_id", (json_int_t)m[i].user_id, "m_next", next, "m_one",
                            m[i].n_next == 1, "m_split", m[i].n_next > 1, "m_none",
                            m[i].n_next == 0));
    }
    json_object_set_new(d, "accounts", rows);
    json_object_set_new(d, "has_accounts", json_boolean(n > 0));
    json_object_set_new(d, "no_accounts", json_boolean(n == 0));
    json_object_set_new(d, "movable", json_integer(movable));
    json_object_set_new(d, "has_movable", json_boolean(movable > 0));
    const char *ok = http_query(r, "ok");
    page_flash(d, !error && ok ? arena_printf(r->arena, "Đã chuyển %d tài khoản.", (int)page_id(ok))
                               : NULL,
               error);
    return http_html(r, status, "admin_merged.tpl", d);
}

/*
** GET /admin/users/merged
**
** The commune accounts whose commune ended before today (merged in 2025),
** each with the commune(s) it merged into: a button moves one to its only
** successor, a choice is offered for a split commune, and one button moves
** every account that has exactly one successor. Query: ok=N after a move.
** Role: admin (a province's admin: the accounts of its communes).
*/
int page_admin_merged(struct req *r)
{
    return merged_page(r, 200, NULL);
}

/* Moves account a to its successor next (an index into a->next_*) and logs
** it, inside the caller's write transaction. 0 or -1. */
static int move_one(struct req *r, const struct merged *a, int next)
{
    sqlite3_stmt *st = db_stmt(sql_move);
    if (!st)
        return -1;
    db_bind_int(st, ":new", a->next_id[next]);
    db_bind_int(st, ":id", a->user_id);
    db_bind_int(st, ":old", a->old_id);
    if (db_step(st) != SQLITE_DONE)
        return -1;
    return admin_log(r->user.id, "user.move",
                     arena_printf(r->arena,
                                  "Chuyển tài khoản %s từ %s (đã sáp nhập) sang %s",
                                  a->username, a->old_label, a->next_label[next]));
}

/*
** POST /admin/users/merged   (all=1 | user=ID [unit=CODE])
**
** all=1 moves every listed account that has exactly one successor to it;
** user=ID moves that account to its successor of code unit (required when
** its commune was split). One transaction; each move in the admin log.
** Redirects to the list with ok=N; 422 when the account is not listed or
** unit is not one of its successors. Role: admin, within its scope.
*/
int page_admin_merged_move(struct req *r)
{
    struct merged *m;
    int n = merged_accounts(r, &m), moved = 0;
    if (n < 0)
        return 500;
    bool all = http_field(r, "all") && strcmp(http_field(r, "all"), "1") == 0;
    int64_t user_id = page_id(http_field(r, "user"));
    const char *unit = http_field(r, "unit");
    int pick = -1, next = -1;
    for (int i = 0; !all && i < n; i++) {
        if (m[i].user_id != user_id)
            continue;
        pick = i;
        for (int k = 0; k < m[i].n_next; k++)
            if (unit ? strcmp(unit, m[i].next_code[k]) == 0 : m[i].n_next == 1)
                next = k;
    }
    if (!all && (pick < 0 || next < 0))
        return merged_page(r, 422,
                           pick < 0 ? "Tài khoản này không thuộc danh sách cần chuyển."
                                    : "Hãy chọn một trong các xã mà xã cũ đã sáp nhập vào.");
    if (!all && !admin_manages(&r->user, m[pick].next_id[next]))
        return merged_page(r, 403, "Đơn vị này nằm ngoài phạm vi quản trị của bạn.");
    if (db_write_begin() < 0)
        return 500;
    int rc = 0;
    for (int i = 0; i < n && rc == 0; i++) {
        if (all ? m[i].n_next != 1 || !admin_manages(&r->user, m[i].next_id[0]) : i != pick)
            continue;
        rc = move_one(r, &m[i], all ? 0 : next);
        moved += rc == 0;
    }
    if (rc < 0) {
        db_write_rollback();
        return 500;
    }
    if (db_write_commit() < 0)
        return 500;
    return http_redirect(r, arena_printf(r->arena, "/admin/users/merged?ok=%d", moved));
}
