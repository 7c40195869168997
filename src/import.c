/*
** CSV parsing, the unit list import and the merges import; see import.h.
*/
#include "import.h"
#include "admin.h"
#include "db.h"
#include "fmt.h"
#include "http.h"
#include "str.h"
#include "unit.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define MAX_FIELDS 32

void import_error(struct arena *a, struct import_result *res, int line, const char *message)
{
    if (res->n_errors == IMPORT_MAX_ERRORS) {
        res->more_errors++;
        return;
    }
    res->errors[res->n_errors++] = (struct import_error){line, arena_strdup(a, message)};
}

/* Orders the errors by line, keeping the order of errors of the same line. */
static void sort_errors(struct import_result *res)
{
    for (int i = 1; i < res->n_errors; i++) {
        struct import_error e = res->errors[i];
        int j = i;
        for (; j > 0 && res->errors[j - 1].line > e.line; j--)
            res->errors[j] = res->errors[j - 1];
        res->errors[j] = e;
    }
}

/* s without its leading and trailing ASCII spaces and tabs, in a. */
static char *trimmed(struct arena *a, const char *s, size_t n)
{
    while (n && (*s == ' ' || *s == '\t'))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    return arena_strndup(a, s, n);
}

/*
** Parses one field starting at data[*i]; leaves *i on the character after it
** (a comma, a line end, or len). Returns the field (trimmed, in a), or NULL
** on a misplaced quote. *line counts the newlines inside a quoted field.
*/
static char *csv_field(struct arena *a, const char *data, size_t len, size_t *i, int *line)
{
    size_t p = *i;
    while (p < len && (data[p] == ' ' || data[p] == '\t'))
        p++;
    if (p >= len || data[p] != '"') {
        size_t start = *i;
        while (p < len && data[p] != ',' && data[p] != '\n' && data[p] != '\r')
            p++;
        *i = p;
        return trimmed(a, data + start, p - start);
    }
    struct buf b = {0};
    buf_append(&b, "", 0);
    for (p++;; p++) {
        if (p >= len) {
            buf_free(&b);
            return NULL;
        }
        if (data[p] == '"' && p + 1 < len && data[p + 1] == '"') {
            buf_append(&b, "\"", 1);
            p++;
        } else if (data[p] == '"') {
            break;
        } else {
            *line += data[p] == '\n';
            buf_append(&b, data + p, 1);
        }
    }
    for (p++; p < len && (data[p] == ' ' || data[p] == '\t');)
        p++;
    char *out = p < len && data[p] != ',' && data[p] != '\n' && data[p] != '\r'
                    ? NULL
                    : trimmed(a, b.s, b.len);
    buf_free(&b);
    *i = p;
    return out;
}

/* Skips to the start of the next line; counts it. */
static void skip_line(const char *data, size_t len, size_t *i, int *line)
{
    while (*i < len && data[*i] != '\n')
        (*i)++;
    if (*i < len) {
        (*i)++;
        (*line)++;
    }
}

int import_csv(struct arena *a, const char *data, size_t len, struct import_row **rows,
               struct import_result *res)
{
    size_t i = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    int cap = 1, n = 0, line = 1;
    for (size_t k = i; k < len; k++)
        cap += data[k] == '\n';
    struct import_row *out = arena_alloc(a, sizeof *out * (size_t)cap);
    while (out && i < len) {
        size_t start = i;
        int start_line = line, nf = 0;
        char *fields[MAX_FIELDS];
        bool bad = false;
        if (data[i] == '\n' || (data[i] == '\r' && i + 1 < len && data[i + 1] == '\n')) {
            skip_line(data, len, &i, &line); /* an empty line */
            continue;
        }
        for (;;) {
            char *f = csv_field(a, data, len, &i, &line);
            if (!f || nf == MAX_FIELDS) {
                import_error(a, res, start_line,
                             f ? "có quá nhiều cột." : "dấu ngoặc kép (\") đặt sai chỗ.");
                bad = true;
                break;
            }
            fields[nf++] = f;
            if (i >= len || data[i] != ',') break;
            i++;
        }
        size_t end = i;
        skip_line(data, len, &i, &line);
        if (!bad && !http_utf8_valid(data + start, end - start)) {
            import_error(a, res, start_line, "không phải văn bản UTF-8 hợp lệ.");
            bad = true;
        }
        out[n].line = start_line;
        out[n].n_fields = bad ? 0 : nf;
        out[n].fields = arena_alloc(a, sizeof(char *) * (size_t)(nf ? nf : 1));
        if (!out[n].fields) return -1;
        memcpy(out[n].fields, fields, sizeof(char *) * (size_t)nf);
        n++;
    }
    *rows = out;
    return out ? n : -1;
}

/* The index of the header column named name in row 0, or -1. */
static int column(const struct import_row *header, const char *name)
{
    for (int k = 0; k < header->n_fields; k++)
        if (strcmp(header->fields[k], name) == 0) return k;
    return -1;
}

/* A table from codes to pointers, sized for n keys (open addressing). */
struct code_map {
    const char **keys;
    void **vals;
    size_t cap;
};

/* Makes m an empty table for n keys, in a. False when memory is exhausted. */
static bool map_init(struct arena *a, struct code_map *m, int n)
{
    m->cap = 64;
    while (m->cap < (size_t)n * 2)
        m->cap *= 2;
    m->keys = arena_alloc(a, sizeof *m->keys * m->cap);
    m->vals = arena_alloc(a, sizeof *m->vals * m->cap);
    return m->keys && m->vals;
}

/* The slot of key: where it is, or the empty slot where it goes. */
static size_t map_slot(const struct code_map *m, const char *key)
{
    size_t h = 2166136261u;
    for (const char *p = key; *p; p++)
        h = (h ^ (unsigned char)*p) * 16777619u;
    for (h &= m->cap - 1; m->keys[h] && strcmp(m->keys[h], key) != 0; h = (h + 1) & (m->cap - 1))
        ;
    return h;
}

/* The value of key, or NULL. */
static void *map_get(const struct code_map *m, const char *key)
{
    return m->vals[map_slot(m, key)];
}

/* Sets the value of key (which must outlive m). */
static void map_put(struct code_map *m, const char *key, void *val)
{
    size_t h = map_slot(m, key);
    m->keys[h] = key;
    m->vals[h] = val;
}

/* One unit as the file gives it. */
struct src_unit {
    const char *code, *name, *kind, *level;
    struct src_unit *parent; /* NULL for a province */
    int line;                /* where it first appears */
    int64_t id;              /* its row once written */
};

/* The units of a file, by level, and every code. */
struct src_list {
    struct src_unit *units[3]; /* provinces, districts, communes */
    int n[3];
    struct code_map codes;
    const char *code_col[3], *name_col[3]; /* the file's column names, by level */
};

/* Is s exactly n ASCII digits? */
static bool digits(const char *s, size_t n)
{
    return strlen(s) == n && strspn(s, "0123456789") == n;
}

/* The official kind a name starts with ("Huyện Tháp Mười" -> "Huyện"), or "". */
static const char *kind_of(const char *name)
{
    static const char *const kinds[] = {"Thành phố", "Thị xã", "Thị trấn", "Tỉnh",   "Quận",
                                        "Huyện",     "Phường", "Xã",       "Đặc khu"};
    for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++) {
        size_t n = strlen(kinds[k]);
        if (strncmp(name, kinds[k], n) == 0 && (name[n] == ' ' || name[n] == 0)) return kinds[k];
    }
    return "";
}

static const char *const level_names[] = {"province", "district", "commune"};
/* The two layouts of the statistics office's export: the list of units
** (interfaces.md) and the commune listing, which names the commune columns
** "Mã" and "Tên" (and adds "Tên Tiếng Anh", unused). */
static const char *const code_columns[] = {"Mã TP", "Mã QH", "Mã PX"};
static const char *const name_columns[] = {"Tỉnh / Thành Phố", "Quận Huyện", "Phường Xã"};
static const char *const listing_code_columns[] = {"Mã TP", "Mã QH", "Mã"};
static const char *const listing_name_columns[] = {"Tỉnh / Thành Phố", "Quận Huyện", "Tên"};
static const char layouts_needed[] =
    "tệp cần các cột Tỉnh / Thành Phố, Mã TP, Quận Huyện, Mã QH, Phường Xã, Mã PX, Cấp "
    "(Quận Huyện và Mã QH có thể không có), theo thứ tự bất kỳ; hoặc danh sách xã của Tổng "
    "cục Thống kê: Mã, Tên, Tên Tiếng Anh, Cấp, Mã QH, Quận Huyện, Mã TP, Tỉnh / Thành Phố.";
static const int code_lengths[] = {2, 3, 5};

/*
** Checks the code and name of one unit of level lv on line; adds it to list
** unless it is already there (then it must agree: same name, same parent).
** Returns the unit, or NULL after recording the errors.
*/
static struct src_unit *src_add(struct arena *a, struct src_list *list, int lv, const char *code,
                                const char *name, const char *kind, struct src_unit *parent,
                                int line, struct import_result *res)
{
    bool ok = true;
    if (!*code) {
        import_error(a, res, line, arena_printf(a, "thiếu %s.", list->code_col[lv]));
        ok = false;
    } else if (!digits(code, (size_t)code_lengths[lv])) {
        import_error(a, res, line,
                     arena_printf(a, "%s \"%s\" phải gồm đúng %d chữ số.", list->code_col[lv], code,
                                  code_lengths[lv]));
        ok = false;
    }
    if (!*name) {
        import_error(a, res, line, arena_printf(a, "thiếu tên (cột %s).", list->name_col[lv]));
        ok = false;
    }
    if (!ok) return NULL;
    struct src_unit *u = map_get(&list->codes, code);
    if (u && strcmp(u->level, level_names[lv]) == 0 && lv < 2) {
        if (strcmp(u->name, name) != 0) {
            import_error(a, res, line,
                         arena_printf(a, "%s %s đã mang tên \"%s\" ở dòng %d.", list->code_col[lv],
                                      code, u->name, u->line));
            return NULL;
        }
        if (u->parent != parent) {
            import_error(a, res, line,
                         arena_printf(a, "%s %s thuộc tỉnh %s ở dòng %d, không thể thuộc tỉnh %s.",
                                      name, code, u->parent ? u->parent->code : "?", u->line,
                                      parent ? parent->code : "?"));
            return NULL;
        }
        return u;
    }
    if (u) {
        import_error(a, res, line,
                     arena_printf(a, "%s %s trùng với dòng %d.", list->code_col[lv], code, u->line));
        return NULL;
    }
    u = &list->units[lv][list->n[lv]++];
    *u = (struct src_unit){code, name, *kind ? kind : kind_of(name), level_names[lv], parent,
                           line, 0};
    map_put(&list->codes, code, u);
    return u;
}

/* Is every cell of row empty (as spreadsheets export trailing rows)? */
static bool blank(const struct import_row *row)
{
    for (int k = 0; k < row->n_fields; k++)
        if (*row->fields[k]) return false;
    return true;
}

/* Reads rows 1.. of a unit list into list, recording every bad line. */
static void src_read(struct arena *a, struct import_row *rows, int n, struct src_list *list,
                     struct import_result *res)
{
    const struct import_row *h = &rows[0];
    int errors_before = res->n_errors, col_name[3], col_code[3], col_kind = column(h, "Cấp");
    bool listing = column(h, "Phường Xã") < 0 && column(h, "Mã PX") < 0 && column(h, "Mã") >= 0 &&
                   column(h, "Tên") >= 0;
    for (int lv = 0; lv < 3; lv++) {
        list->code_col[lv] = listing ? listing_code_columns[lv] : code_columns[lv];
        list->name_col[lv] = listing ? listing_name_columns[lv] : name_columns[lv];
        col_name[lv] = column(h, list->name_col[lv]);
        col_code[lv] = column(h, list->code_col[lv]);
        bool optional = lv == 1 && col_name[lv] < 0 && col_code[lv] < 0;
        if (!optional && col_name[lv] < 0)
            import_error(a, res, 1, arena_printf(a, "thiếu cột \"%s\".", list->name_col[lv]));
        if (!optional && col_code[lv] < 0)
            import_error(a, res, 1, arena_printf(a, "thiếu cột \"%s\".", list->code_col[lv]));
    }
    if (col_kind < 0) import_error(a, res, 1, "thiếu cột \"Cấp\".");
    if (res->n_errors > errors_before) {
        import_error(a, res, 1, layouts_needed);
        return;
    }
    for (int i = 1; i < n; i++) {
        const struct import_row *row = &rows[i];
        if (row->n_fields == 0 || blank(row))
            continue; /* reported by import_csv, or a row of empty cells */
        if (row->n_fields != h->n_fields) {
            import_error(
                a, res, row->line,
                arena_printf(a, "có %d cột, dòng tiêu đề có %d cột.", row->n_fields, h->n_fields));
            continue;
        }
        char *const *f = row->fields;
        struct src_unit *province =
            src_add(a, list, 0, f[col_code[0]], f[col_name[0]], "", NULL, row->line, res);
        struct src_unit *parent = province;
        if (col_code[1] >= 0 && (*f[col_code[1]] || *f[col_name[1]]))
            parent = province ? src_add(a, list, 1, f[col_code[1]], f[col_name[1]], "", province,
                                        row->line, res)
                              : NULL;
        if (parent)
            src_add(a, list, 2, f[col_code[2]], f[col_name[2]], f[col_kind], parent, row->line,
                    res);
    }
    if (n < 2) import_error(a, res, 0, "tệp không có đơn vị nào.");
}

static const char sql_current[] =
    "SELECT id, name, kind, level, parent_id, valid_from FROM unit WHERE code = :code AND "
    "((:from IS NULL AND valid_from IS NULL) OR (:from IS NOT NULL "
    "  AND (valid_from IS NULL OR valid_from <= :from) AND (valid_to IS NULL OR valid_to >= "
    ":from))) "
    "ORDER BY valid_from DESC, id LIMIT 1";

static const char sql_insert[] =
    "INSERT INTO unit (code, name, kind, level, parent_id, valid_from) "
    "VALUES (:code, :name, :kind, :level, :parent, :from)";

static const char sql_update[] = "UPDATE unit SET name = :name, kind = :kind, level = :level, "
                                 "parent_id = :parent WHERE id = :id";

static const char sql_end[] = "UPDATE unit SET valid_to = date(:from, '-1 day') WHERE id = :id";

static const char sql_in_force[] = "SELECT id, code, valid_from FROM unit WHERE level <> 'country' AND ("
                                   "(:from IS NULL AND valid_from IS NULL) OR (:from IS NOT NULL "
                                   "  AND (valid_from IS NULL OR valid_from <= :from) AND "
                                   "(valid_to IS NULL OR valid_to >= :from))) "
                                   "ORDER BY length(code) DESC, code";

static const char sql_delete_unused[] =
    "DELETE FROM unit WHERE id = :id "
    "AND NOT EXISTS (SELECT 1 FROM report WHERE unit_id = :id) "
    "AND NOT EXISTS (SELECT 1 FROM user WHERE unit_id = :id) "
    "AND NOT EXISTS (SELECT 1 FROM unit c WHERE c.parent_id = :id) "
    "AND NOT EXISTS (SELECT 1 FROM plan WHERE unit_id = :id) "
    "AND NOT EXISTS (SELECT 1 FROM unit_setting WHERE unit_id = :id) "
    "AND NOT EXISTS (SELECT 1 FROM unit_succession WHERE old_unit_id = :id OR new_unit_id = :id)";

/* Binds name, kind, level and parent of s to an insert or update statement. */
static void bind_unit(sqlite3_stmt *st, const struct src_unit *s)
{
    db_bind_text(st, ":name", s->name);
    db_bind_text(st, ":kind", s->kind);
    db_bind_text(st, ":level", s->level);
    int64_t root = s->parent ? 0 : unit_root_id(); /* a province's parent: the country */
    if (s->parent || root)
        db_bind_int(st, ":parent", s->parent ? s->parent->id : root);
    else
        db_bind_null(st, ":parent");
}

/* Inserts s as a new version starting on from (NULL: no start). 0 or -1. */
static int unit_insert(struct src_unit *s, const char *from)
{
    sqlite3_stmt *st = db_stmt(sql_insert);
    if (!st) return -1;
    db_bind_text(st, ":code", s->code);
    db_bind_text(st, ":from", from);
    bind_unit(st, s);
    if (db_step(st) != SQLITE_DONE) return -1;
    s->id = db_last_id();
    return 0;
}

/* Writes one unit of the file (its parent already written). 0 or -1. */
static int apply_unit(struct arena *a, struct src_unit *s, const char *from,
                      struct import_result *res)
{
    sqlite3_stmt *st = db_stmt(sql_current);
    if (!st) return -1;
    db_bind_text(st, ":code", s->code);
    db_bind_text(st, ":from", from);
    int rc = db_step(st);
    if (rc == SQLITE_DONE) {
        res->added++;
        return unit_insert(s, from);
    }
    if (rc != SQLITE_ROW) return -1;
    s->id = db_int(st, 0);
    int64_t parent = db_int(st, 4), want = s->parent ? s->parent->id : unit_root_id();
    bool same = strcmp(db_text(st, 1), s->name) == 0 && strcmp(db_text(st, 2), s->kind) == 0 &&
                strcmp(db_text(st, 3), s->level) == 0 && parent == want;
    const char *since = db_dup(a, st, 5);
    db_done(st);
    if (same) {
        res->unchanged++;
        return 0;
    }
    if (!from || (since && strcmp(since, from) == 0)) {
        res->updated++;
        st = db_stmt(sql_update);
        if (!st) return -1;
        bind_unit(st, s);
        db_bind_int(st, ":id", s->id);
        return db_step(st) == SQLITE_DONE ? 0 : -1;
    }
    res->versioned++;
    st = db_stmt(sql_end);
    if (!st) return -1;
    db_bind_text(st, ":from", from);
    db_bind_int(st, ":id", s->id);
    if (db_step(st) != SQLITE_DONE) return -1;
    return unit_insert(s, from);
}

/* Deletes unit id if nothing refers to it. 1 deleted, 0 kept, -1 error. */
static int delete_unused(int64_t id)
{
    sqlite3_stmt *st = db_stmt(sql_delete_unused);
    if (!st) return -1;
    db_bind_int(st, ":id", id);
    if (db_step(st) != SQLITE_DONE) return -1;
    return db_changes() > 0;
}

/* Ends unit id on the day before from. 0 or -1. */
static int end_unit(int64_t id, const char *from)
{
    sqlite3_stmt *st = db_stmt(sql_end);
    if (!st) return -1;
    db_bind_text(st, ":from", from);
    db_bind_int(st, ":id", id);
    return db_step(st) == SQLITE_DONE ? 0 : -1;
}

/* Deals with the units in force that the file lacks (communes first),
** including other versions in force of a code the file has. */
static int retire_missing(struct arena *a, const struct src_list *list, const char *from,
                          struct import_result *res)
{
    sqlite3_stmt *st = db_stmt(sql_in_force);
    if (!st) return -1;
    db_bind_text(st, ":from", from);
    int n = 0, cap = 256, rc;
    struct {
        int64_t id;
        bool starts_on_from;
    } *gone = arena_alloc(a, sizeof *gone * (size_t)cap);
    while (gone && (rc = db_step(st)) == SQLITE_ROW) {
        /* kept: the version the file's unit was written to; another version
        ** of the same code in force (a code reused by an earlier import)
        ** is lacking from the file like any other unit */
        const struct src_unit *in_file = map_get(&list->codes, db_text(st, 1));
        if (in_file && in_file->id == db_int(st, 0)) continue;
        if (n == cap) {
            void *more = arena_alloc(a, sizeof *gone * (size_t)cap * 2);
            if (!more) {
                db_done(st);
                return -1;
            }
            memcpy(more, gone, sizeof *gone * (size_t)n);
            gone = more;
            cap *= 2;
        }
        gone[n].id = db_int(st, 0);
        gone[n++].starts_on_from = from && db_text(st, 2) && strcmp(db_text(st, 2), from) == 0;
    }
    if (!gone || rc != SQLITE_DONE) return -1;
    for (int i = 0; i < n; i++) {
        if (from && !gone[i].starts_on_from) {
            res->ended++;
            if (end_unit(gone[i].id, from) < 0) return -1;
            continue;
        }
        int del = delete_unused(gone[i].id);
        if (del < 0) return -1;
        if (del) {
            res->deleted++;
        } else if (from) {
            res->ended++;
            if (end_unit(gone[i].id, from) < 0) return -1;
        } else {
            res->kept++;
        }
    }
    return 0;
}

/* Writes the whole list inside the caller's transaction. 0 or -1. */
static int write_units(struct arena *a, struct src_list *list, const char *from,
                       struct import_result *res)
{
    for (int lv = 0; lv < 3; lv++)
        for (int i = 0; i < list->n[lv]; i++)
            if (apply_unit(a, &list->units[lv][i], from, res) < 0) return -1;
    if (retire_missing(a, list, from, res) < 0) return -1;
    return unit_rebuild_tree();
}

const char *import_summary(struct arena *a, const struct import_result *res)
{
    return arena_printf(a,
                        "Đã nhập %d tỉnh, %d huyện, %d xã: thêm mới %d, sửa %d, phiên bản mới %d, "
                        "kết thúc %d, xóa %d, giữ lại %d (còn dữ liệu), không đổi %d.",
                        res->n_province, res->n_district, res->n_commune, res->added, res->updated,
                        res->versioned, res->ended, res->deleted, res->kept, res->unchanged);
}

int import_units(struct arena *a, const char *data, size_t len, const char *from, int64_t user_id,
                 const char *source, struct import_result *res)
{
    struct import_row *rows;
    struct src_list list = {0};
    if (from && !fmt_is_date(from)) {
        import_error(a, res, 0, "ngày hiệu lực phải viết dạng YYYY-MM-DD.");
        return -1;
    }
    int n = import_csv(a, data, len, &rows, res);
    if (n < 0 || !map_init(a, &list.codes, n * 3)) return -1;
    for (int lv = 0; lv < 3; lv++)
        if (!(list.units[lv] = arena_alloc(a, sizeof(struct src_unit) * (size_t)(n + 1))))
            return -1;
    if (n == 0 || rows[0].n_fields == 0) {
        import_error(a, res, 1, "thiếu dòng tiêu đề.");
        return -1;
    }
    src_read(a, rows, n, &list, res);
    res->n_province = list.n[0];
    res->n_district = list.n[1];
    res->n_commune = list.n[2];
    sort_errors(res);
    if (res->n_errors) return -1;
    if (db_write_begin() < 0) {
        import_error(a, res, 0, "lỗi cơ sở dữ liệu.");
        return -1;
    }
    if (write_units(a, &list, from, res) < 0 ||
        admin_log(user_id, "units.import",
                  arena_printf(a, "%s%s%s: %s", source, from ? ", hiệu lực từ " : "",
                               from ? from : "", import_summary(a, res))) < 0) {
        db_write_rollback();
        import_error(a, res, 0, "lỗi cơ sở dữ liệu; không nhập gì.");
        return -1;
    }
    if (db_write_commit() < 0) {
        import_error(a, res, 0, "lỗi cơ sở dữ liệu; không nhập gì.");
        return -1;
    }
    return 0;
}

static const char sql_valid_on[] =
    "SELECT id FROM unit WHERE code = :code AND level = 'commune' "
    "AND (valid_from IS NULL OR valid_from <= :date) AND (valid_to IS NULL OR valid_to >= :date) "
    "ORDER BY valid_from DESC LIMIT 1";

static const char sql_day_before[] = "SELECT date(:date, '-1 day')";

static const char sql_succession[] =
    "INSERT INTO unit_succession (old_unit_id, new_unit_id, basis) VALUES (:old, :new, :basis) "
    "ON CONFLICT (old_unit_id, new_unit_id) DO UPDATE SET basis = excluded.basis "
    "WHERE basis <> excluded.basis";

/* The id of the commune of code valid on date, or 0. */
static int64_t commune_on(const char *code, const char *date)
{
    sqlite3_stmt *st = db_stmt(sql_valid_on);
    if (!st) return 0;
    db_bind_text(st, ":code", code);
    db_bind_text(st, ":date", date);
    int64_t id = db_step(st) == SQLITE_ROW ? db_int(st, 0) : 0;
    db_done(st);
    return id;
}

/* Writes the succession pairs (old, new ids, basis) in one transaction. */
static int write_pairs(int64_t (*ids)[2], const char **basis, int n, struct import_result *res)
{
    for (int i = 0; i < n; i++) {
        sqlite3_stmt *st = db_stmt(sql_succession);
        if (!st) return -1;
        db_bind_int(st, ":old", ids[i][0]);
        db_bind_int(st, ":new", ids[i][1]);
        db_bind_text(st, ":basis", basis[i]);
        if (db_step(st) != SQLITE_DONE) return -1;
        res->added += db_changes();
    }
    return 0;
}

int import_merges(struct arena *a, const char *data, size_t len, const char *from, int64_t user_id,
                  const char *source, struct import_result *res)
{
    struct import_row *rows;
    if (!from || !fmt_is_date(from)) {
        import_error(a, res, 0, "ngày hiệu lực phải viết dạng YYYY-MM-DD.");
        return -1;
    }
    int n = import_csv(a, data, len, &rows, res);
    if (n <= 0 || rows[0].n_fields == 0) {
        import_error(a, res, 1, "thiếu dòng tiêu đề.");
        return -1;
    }
    int c_old = column(&rows[0], "ma_xa_cu"), c_new = column(&rows[0], "ma_xa_moi"),
        c_basis = column(&rows[0], "can_cu");
    const char *cols[] = {"ma_xa_cu", "ma_xa_moi", "can_cu"};
    int idx[] = {c_old, c_new, c_basis};
    for (int k = 0; k < 3; k++)
        if (idx[k] < 0) import_error(a, res, 1, arena_printf(a, "thiếu cột \"%s\".", cols[k]));
    sqlite3_stmt *st = db_stmt(sql_day_before);
    if (res->n_errors || !st) return -1;
    db_bind_text(st, ":date", from);
    const char *before = db_step(st) == SQLITE_ROW ? db_dup(a, st, 0) : NULL;
    db_done(st);
    int64_t(*ids)[2] = arena_alloc(a, sizeof *ids * (size_t)n);
    const char **basis = arena_alloc(a, sizeof *basis * (size_t)n);
    int m = 0;
    for (int i = 1; before && ids && basis && i < n; i++) {
        const struct import_row *row = &rows[i];
        if (row->n_fields == 0) continue;
        if (row->n_fields != rows[0].n_fields) {
            import_error(a, res, row->line, "số cột khác dòng tiêu đề.");
            continue;
        }
        const char *old = row->fields[c_old], *new = row->fields[c_new];
        ids[m][0] = commune_on(old, before);
        ids[m][1] = commune_on(new, from);
        if (!ids[m][0])
            import_error(
                a, res, row->line,
                arena_printf(a, "không có xã mã \"%s\" còn hiệu lực ngày %s.", old, before));
        if (!ids[m][1])
            import_error(a, res, row->line,
                         arena_printf(a, "không có xã mã \"%s\" hiệu lực từ ngày %s.", new, from));
        basis[m] = row->fields[c_basis];
        m += ids[m][0] && ids[m][1] && ids[m][0] != ids[m][1];
    }
    res->n_pairs = n - 1;
    sort_errors(res);
    if (res->n_errors || !before || !ids || !basis) return -1;
    if (db_write_begin() < 0) {
        import_error(a, res, 0, "lỗi cơ sở dữ liệu; không nhập gì.");
        return -1;
    }
    if (write_pairs(ids, basis, m, res) < 0 ||
        admin_log(user_id, "units.merges",
                  arena_printf(a, "%s: %d cặp xã cũ → xã mới, %d cặp mới ghi.", source, m,
                               res->added)) < 0) {
        db_write_rollback();
        import_error(a, res, 0, "lỗi cơ sở dữ liệu; không nhập gì.");
        return -1;
    }
    return db_write_commit();
}
