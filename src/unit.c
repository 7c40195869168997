/*
** Units and periods; see unit.h.
*/
#include "unit.h"
#include "db.h"
#include "fmt.h"
#include "str.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define UNIT_COLS "u.id, u.code, u.name, u.kind, u.level, u.parent_id, u.valid_from, u.valid_to"
#define VALID_ON(u) \
    "(" u ".valid_from IS NULL OR " u ".valid_from <= :date) AND (" u ".valid_to IS NULL OR " u \
    ".valid_to >= :date)"

/* the rows of a code (one or two: a unit and the one that took its code
** later), chosen between in unit_find: no sort for a lookup */
static const char sql_find[] = "SELECT " UNIT_COLS " FROM unit u WHERE u.code = :code";

static const char sql_get[] = "SELECT " UNIT_COLS " FROM unit u WHERE u.id = :id";

static const char sql_within[] =
    "SELECT 1 FROM unit_tree WHERE ancestor_id = :ancestor AND unit_id = :unit";

static const char sql_merged_into[] =
    "SELECT 1 FROM unit_succession s JOIN unit_tree t ON t.unit_id = s.new_unit_id "
    "WHERE s.old_unit_id = :old AND t.ancestor_id = :ancestor";

static const char sql_children[] = "SELECT " UNIT_COLS " FROM unit u WHERE u.parent_id = :parent "
                                   "AND " VALID_ON("u") " ORDER BY u.code";

/* The closure of the tree from unit.parent_id, as (ancestor, unit, depth). */
#define TREE_CLOSURE                                                                           \
    "WITH RECURSIVE up(unit_id, ancestor_id, depth) AS ("                                      \
    "  SELECT id, id, 0 FROM unit"                                                             \
    "  UNION ALL"                                                                              \
    "  SELECT up.unit_id, u.parent_id, up.depth + 1 FROM up JOIN unit u ON u.id = up.ancestor_id" \
    "  WHERE u.parent_id IS NOT NULL AND up.depth < 16) "

/* The rebuild touches only the pairs that change: the triggers of
** sql/005_national.sql keep the roll-up sums in step with each pair. */
static const char sql_tree_clear[] =
    "DELETE FROM unit_tree WHERE (ancestor_id, unit_id, depth) NOT IN (" TREE_CLOSURE
    "SELECT ancestor_id, unit_id, depth FROM up)";
static const char sql_tree_fill[] =
    TREE_CLOSURE "INSERT INTO unit_tree (ancestor_id, unit_id, depth) "
                 "SELECT ancestor_id, unit_id, depth FROM up WHERE true "
                 "ON CONFLICT (ancestor_id, unit_id) DO NOTHING";

static const char sql_root[] = "SELECT id FROM unit WHERE level = 'country' ORDER BY id LIMIT 1";

static const char sql_period_find[] = "SELECT id, form_id, code, start_date, end_date, due_date, "
                                      "locked_at FROM period WHERE code = :code";

static const char sql_period_list[] = "SELECT id, form_id, code, start_date, end_date, due_date, "
                                      "locked_at FROM period ORDER BY start_date DESC, code DESC";

/* Copies the current row of a UNIT_COLS query into u. */
static void unit_row(struct arena *a, sqlite3_stmt *st, struct unit *u)
{
    u->id = db_int(st, 0);
    u->code = db_dup(a, st, 1);
    u->name = db_dup(a, st, 2);
    u->kind = db_dup(a, st, 3);
    u->level = db_dup(a, st, 4);
    u->parent_id = db_int(st, 5);
    u->valid_from = db_dup(a, st, 6);
    u->valid_to = db_dup(a, st, 7);
}

/* Is the current UNIT_COLS row valid on date? */
static bool row_valid_on(sqlite3_stmt *st, const char *date)
{
    const char *from = db_text(st, 6), *to = db_text(st, 7);
    return (!from || strcmp(from, date) <= 0) && (!to || strcmp(to, date) >= 0);
}

int unit_find(struct arena *a, const char *code, const char *date, struct unit *out)
{
    char today[16];
    sqlite3_stmt *st = db_stmt(sql_find);
    if (!st || !code)
        return -1;
    if (!date)
        date = fmt_today_vn(today);
    db_bind_text(st, ":code", code);
    bool found = false, best_valid = false;
    while (db_step(st) == SQLITE_ROW) { /* valid on date first, then the latest */
        bool valid = row_valid_on(st, date);
        const char *from = db_text(st, 6) ? db_text(st, 6) : "";
        if (found && (valid < best_valid ||
                      (valid == best_valid &&
                       strcmp(from, out->valid_from ? out->valid_from : "") <= 0)))
            continue;
        unit_row(a, st, out);
        found = true;
        best_valid = valid;
    }
    return found ? 0 : -1;
}

int unit_get(struct arena *a, int64_t id, struct unit *out)
{
    sqlite3_stmt *st = db_stmt(sql_get);
    if (!st)
        return -1;
    db_bind_int(st, ":id", id);
    if (db_step(st) != SQLITE_ROW)
        return -1;
    unit_row(a, st, out);
    db_done(st);
    return 0;
}

bool unit_within(int64_t unit_id, int64_t ancestor_id)
{
    sqlite3_stmt *st = db_stmt(sql_within);
    if (!st)
        return false;
    db_bind_int(st, ":ancestor", ancestor_id);
    db_bind_int(st, ":unit", unit_id);
    bool found = db_step(st) == SQLITE_ROW;
    db_done(st);
    return found;
}

bool unit_merged_into(int64_t old_id, int64_t ancestor_id)
{
    sqlite3_stmt *st = db_stmt(sql_merged_into);
    if (!st)
        return false;
    db_bind_int(st, ":old", old_id);
    db_bind_int(st, ":ancestor", ancestor_id);
    bool found = db_step(st) == SQLITE_ROW;
    db_done(st);
    return found;
}

/* Runs a UNIT_COLS query already bound except :date, collecting its rows. */
static int unit_rows(struct arena *a, sqlite3_stmt *st, const char *date, struct unit **out)
{
    int n = 0, cap = 16;
    struct unit *units = arena_alloc(a, sizeof *units * (size_t)cap);
    char today[16];
    db_bind_text(st, ":date", date ? date : fmt_today_vn(today));
    int rc;
    while (units && (rc = db_step(st)) == SQLITE_ROW) {
        if (n == cap) {
            struct unit *more = arena_alloc(a, sizeof *more * (size_t)cap * 2);
            if (!more)
                break;
            memcpy(more, units, sizeof *units * (size_t)n);
            units = more;
            cap *= 2;
        }
        unit_row(a, st, &units[n++]);
    }
    db_done(st);
    *out = units;
    return units ? n : -1;
}

int unit_children(struct arena *a, int64_t parent_id, const char *date, struct unit **out)
{
    sqlite3_stmt *st = db_stmt(sql_children);
    if (!st)
        return -1;
    db_bind_int(st, ":parent", parent_id);
    return unit_rows(a, st, date, out);
}

int unit_rebuild_tree(void)
{
    sqlite3_stmt *st = db_stmt(sql_tree_clear);
    if (!st || db_step(st) != SQLITE_DONE)
        return -1;
    st = db_stmt(sql_tree_fill);
    return st && db_step(st) == SQLITE_DONE ? 0 : -1;
}

int64_t unit_root_id(void)
{
    sqlite3_stmt *st = db_stmt(sql_root);
    int64_t id = st && db_step(st) == SQLITE_ROW ? db_int(st, 0) : 0;
    db_done(st);
    return id;
}

const char *unit_level_word(const char *level)
{
    if (strcmp(level, "province") == 0)
        return "tỉnh";
    if (strcmp(level, "district") == 0)
        return "huyện";
    return "xã";
}

static void period_row(struct arena *a, sqlite3_stmt *st, struct period *p)
{
    p->id = db_int(st, 0);
    p->form_id = db_int(st, 1);
    p->code = db_dup(a, st, 2);
    p->start = db_dup(a, st, 3);
    p->end = db_dup(a, st, 4);
    p->due = db_dup(a, st, 5);
    p->locked_at = db_dup(a, st, 6);
}

int period_find(struct arena *a, const char *code, struct period *out)
{
    sqlite3_stmt *st = db_stmt(sql_period_find);
    if (!st || !code)
        return -1;
    db_bind_text(st, ":code", code);
    if (db_step(st) != SQLITE_ROW)
        return -1;
    period_row(a, st, out);
    db_done(st);
    return 0;
}

int period_list(struct arena *a, struct period **out)
{
    sqlite3_stmt *st = db_stmt(sql_period_list);
    int n = 0, cap = 16;
    struct period *ps = arena_alloc(a, sizeof *ps * (size_t)cap);
    if (!st || !ps)
        return -1;
    while (db_step(st) == SQLITE_ROW) {
        if (n == cap) {
            struct period *more = arena_alloc(a, sizeof *more * (size_t)cap * 2);
            if (!more) {
                db_done(st);
                return -1;
            }
            memcpy(more, ps, sizeof *ps * (size_t)n);
            ps = more;
            cap *= 2;
        }
        period_row(a, st, &ps[n++]);
    }
    *out = ps;
    return n;
}

bool period_code_valid(const char *code)
{
    if (!code)
        return false;
    size_t n = strlen(code);
    for (int i = 0; i < 4; i++)
        if (n < 4 || code[i] < '0' || code[i] > '9')
            return false;
    return n == 4 || (n == 6 && code[4] == 'S' && (code[5] == '1' || code[5] == '2'));
}

const char *period_previous(struct arena *a, const char *code)
{
    if (!period_code_valid(code))
        return NULL;
    return arena_printf(a, "%d%s", atoi(code) - 1, code + 4);
}

const char *period_label(struct arena *a, const char *code)
{
    if (!period_code_valid(code))
        return code;
    int year = atoi(code);
    if (code[4] == 0)
        return arena_printf(a, "năm %d", year);
    return arena_printf(a, "6 tháng %s năm %d", code[5] == '1' ? "đầu" : "cuối", year);
}

static const char sql_successors[] =
    "SELECT n.name, n.code FROM unit_succession s JOIN unit n ON n.id = s.new_unit_id "
    "WHERE s.old_unit_id = :id ORDER BY n.code";

static const char sql_next_day[] = "SELECT date(:date, '+1 day')";

const char *unit_merged_note(struct arena *a, const struct unit *u, const char *date)
{
    char from[FMT_DATE_MAX];
    if (!u->valid_to || strcmp(u->valid_to, date) >= 0)
        return NULL;
    sqlite3_stmt *st = db_stmt(sql_next_day);
    if (!st)
        return NULL;
    db_bind_text(st, ":date", u->valid_to);
    const char *next = db_step(st) == SQLITE_ROW ? db_dup(a, st, 0) : NULL;
    db_done(st);
    fmt_date_short(from, next ? next : u->valid_to);
    const char *into = NULL;
    if ((st = db_stmt(sql_successors))) {
        db_bind_int(st, ":id", u->id);
        while (db_step(st) == SQLITE_ROW)
            into = into ? arena_printf(a, "%s, %s", into, db_text(st, 0))
                        : arena_strdup(a, db_text(st, 0));
    }
    if (!into)
        return arena_printf(a, "%s không còn trong danh mục đơn vị hành chính từ %s", u->name,
                            from);
    return arena_printf(a, "%s đã sáp nhập vào %s từ %s", u->name, into, from);
}

const char *unit_successor_names(struct arena *a, int64_t id, int *n)
{
    const char *names = "";
    sqlite3_stmt *st = db_stmt(sql_successors);
    *n = 0;
    if (!st)
        return names;
    db_bind_int(st, ":id", id);
    while (db_step(st) == SQLITE_ROW)
        names = (*n)++ ? arena_printf(a, "%s, %s", names, db_text(st, 0))
                       : arena_strdup(a, db_text(st, 0));
    return names;
}
